// Written by `cargo test -p twofold-app` from the Rust types (see
// src-tauri/src/ui_types.rs). Do not edit: change the Rust type instead.

/**
 * What went wrong, for the window to choose how to show it (a fatal page,
 * a password prompt, a toast). Sent as `snake_case`.
 */
export type ErrorKind = "keyring_unavailable" | "keyring_locked" | "keyring_error" | "storage" | "busy" | "duplicate" | "not_found" | "missing_secret" | "invalid" | "invalid_key" | "backup_codes" | "no_qr_code" | "not_an_image" | "qr_error" | "not_otp" | "empty_clipboard" | "capture" | "password_needed" | "wrong_password" | "unknown_format" | "damaged" | "unreadable" | "weak_password" | "empty" | "cannot_transfer" | "backup" | "shortcut" | "clipboard" | "autostart" | "locked" | "cancelled" | "internal";

export type IpcError = { kind: ErrorKind, 
/**
 * One or more sentences, starting with a capital.
 */
message: string, };

/**
 * How the moving factor of an account is chosen.
 */
export type OtpKind = { "type": "totp", period: number, } | { "type": "hotp", counter: number, } | { "type": "steam" };

/**
 * The HMAC hash function of an account.
 */
export type Algorithm = "SHA1" | "SHA256" | "SHA512";

export type CodeView = { value: string, next: string | null, 
/**
 * Unix seconds; `None` for HOTP.
 */
valid_from: number | null, valid_until: number | null, };

/**
 * The code parameters, as the UI shows them.
 */
export type ParamsView = { kind: OtpKind["type"], algorithm: Algorithm, digits: number, period: number | null, counter: number | null, };

export type BackupCodeCounts = { total: number, remaining: number, };

export type AccountView = { id: string, issuer: string, name: string, group: string | null, favorite: boolean, params: ParamsView, backup_codes: BackupCodeCounts, 
/**
 * `None` for HOTP (its code is shown on request) and on error.
 */
code: CodeView | null, error: IpcError | null, };

export type DraftView = { index: number, issuer: string, name: string, params: ParamsView, 
/**
 * Already in Twofold: shown, unticked, never added twice.
 */
already_stored: boolean, 
/**
 * What an import brings along.
 */
group: string | null, favorite: boolean, backup_codes: number, };

/**
 * Accounts found by a scan, a paste or a typed key, waiting for the user.
 */
export type PendingView = { id: string, accounts: Array<DraftView>, 
/**
 * What else was found and is left out (QR codes that are not 2FA codes,
 * unusable entries of an import), as sentences.
 */
notes: Array<string>, 
/**
 * The app an import came from ("2FAS"), for the message once added.
 */
source: string | null, };

/**
 * Google Authenticator transfer codes, shown one after another.
 */
export type TransferView = { 
/**
 * SVG images, in order.
 */
codes: Array<string>, 
/**
 * Accounts left out, as sentences.
 */
left_out: Array<string>, };

export type CopiedView = { label: string, 
/**
 * Seconds until the clipboard is cleared; 0: it is not.
 */
clears_in: number, 
/**
 * HOTP: the code just made (a list shows none until it is used).
 */
hotp_code: string | null, };

export type AddedView = { id: string, label: string, };

/**
 * What the window's banner says; empty when all is well.
 */
export type HealthView = { 
/**
 * Accounts found in the keyring but not in the list (Restore lists them).
 */
restorable: number, 
/**
 * Accounts that need the user: a secret missing or unreadable.
 */
problems: Array<string>, 
/**
 * What happened to the list file itself (a damaged file restored).
 */
notices: Array<string>, };

export type BackupStatusView = { 
/**
 * The folder, when automatic backups are on.
 */
folder: string | null, keep: number, 
/**
 * Seconds since the last backup in the folder.
 */
last_backup_ago: number | null, 
/**
 * When off: accounts added since the last backup or export.
 */
not_backed_up: number, };

export type Theme = "system" | "light" | "dark";

/**
 * Where automatic backups go and how many are kept (in the settings).
 */
export type AutoBackup = { folder: string, keep: number, };

/**
 * Preferences; unknown or missing fields take their defaults, so an older or
 * newer file never stops Twofold from starting.
 */
export type Settings = { theme: Theme, 
/**
 * Seconds after which a copied code is cleared from the clipboard (if it
 * is still there); 0 never clears.
 */
clipboard_clear_seconds: number, 
/**
 * Closing the window hides it to the tray (when there is a tray).
 */
close_to_tray: boolean, 
/**
 * Start with the system, hidden in the tray.
 */
start_at_login: boolean, 
/**
 * The global shortcut of the quick-pick window.
 */
shortcut: string, 
/**
 * Automatic encrypted backups: where, how many (`None`: off).
 */
auto_backup: AutoBackup | null, 
/**
 * When every account was last backed up or exported, Unix seconds.
 */
last_backup_at: number | null, 
/**
 * With an app lock: lock after this long without use; 0 never does.
 */
auto_lock_seconds: number, };

/**
 * Changes to an account; `None` leaves a field as it is.
 */
export type AccountEdit = { issuer?: string, name?: string, 
/**
 * `Some(None)` removes the account from its group.
 */
group?: string | null, favorite?: boolean, kind?: OtpKind, algorithm?: Algorithm, digits?: number, };

/**
 * The fields of a site's "can't scan? enter this key" fallback.
 */
export type KeyForm = { issuer: string, name: string, key: string, kind: OtpKind["type"], algorithm: string, digits: number, period: number, counter: number, };

/**
 * An account the user ticked, with the names as edited.
 */
export type Pick = { index: number, issuer: string, name: string, };

/**
 * One backup code and when it was used, if it was.
 */
export type BackupCode = { code: string, 
/**
 * Unix time (s) the code was marked used.
 */
used_at: number | null, };

/**
 * Whether a lock password is set, whether the app is locked now, and
 * whether the secrets are protected with the password.
 */
export type LockStatusView = { enabled: boolean, locked: boolean, protected: boolean, };

/**
 * How the quick pick's shortcut works here (shown in the settings).
 */
export type ShortcutWay = { "way": "keys" } | { "way": "asking" } | { "way": "portal", trigger: string, } | { "way": "system", why: string, };
