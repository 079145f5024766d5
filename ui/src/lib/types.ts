// What the Rust side sends (src-tauri/src/views.rs). Never a secret.

export interface IpcError {
  kind: string;
  message: string;
}

export interface CodeView {
  value: string;
  next: string | null;
  valid_from: number | null;
  valid_until: number | null;
}

export interface ParamsView {
  kind: "totp" | "hotp" | "steam";
  algorithm: "SHA1" | "SHA256" | "SHA512";
  digits: number;
  period: number | null;
  counter: number | null;
}

export interface AccountView {
  id: string;
  issuer: string;
  name: string;
  group: string | null;
  favorite: boolean;
  params: ParamsView;
  backup_codes: { total: number; remaining: number };
  code: CodeView | null;
  error: IpcError | null;
}

export interface DraftView {
  index: number;
  issuer: string;
  name: string;
  params: ParamsView;
  already_stored: boolean;
  group: string | null;
  favorite: boolean;
  backup_codes: number;
}

export interface PendingView {
  id: string;
  accounts: DraftView[];
  /** What else was found and left out, as sentences. */
  notes: string[];
}

export interface TransferView {
  /** SVG images of the transfer QR codes, in order. */
  codes: string[];
  left_out: string[];
}

export interface CopiedView {
  label: string;
  clears_in: number;
  /** HOTP: the code just made. */
  hotp_code: string | null;
}

export interface Settings {
  theme: "system" | "light" | "dark";
  clipboard_clear_seconds: number;
  close_to_tray: boolean;
  start_at_login: boolean;
  shortcut: string;
}

export interface AccountEdit {
  issuer?: string;
  name?: string;
  group?: string | null;
  favorite?: boolean;
}

export interface KeyForm {
  issuer: string;
  name: string;
  key: string;
  kind: "totp" | "hotp" | "steam";
  algorithm: string;
  digits: number;
  period: number;
  counter: number;
}

export interface Pick {
  index: number;
  issuer: string;
  name: string;
}

export interface BackupCode {
  code: string;
  /** Unix seconds it was marked used. */
  used_at: number | null;
}

export interface AddedView {
  id: string;
  label: string;
}

/** The check of the account list against the keyring (empty when all is well). */
export interface HealthView {
  /** Accounts found in the keyring but not in the list. */
  restorable: number;
  /** Accounts whose secret is missing or unreadable, as sentences. */
  problems: string[];
  /** What happened to the list file itself. */
  notices: string[];
}

/** Automatic backups, as Settings shows them. */
export interface BackupStatusView {
  /** The folder, when automatic backups are on. */
  folder: string | null;
  keep: number;
  /** Seconds since the last backup in the folder. */
  last_backup_ago: number | null;
  /** When off: accounts added since the last backup or export. */
  not_backed_up: number;
}
