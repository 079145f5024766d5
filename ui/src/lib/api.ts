// The one typed wrapper over the app's IPC commands: components never call
// `invoke` themselves. A failed command rejects with an IpcError.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AccountEdit,
  AddedView,
  BackupStatusView,
  BackupCode,
  AccountView,
  CodeView,
  CopiedView,
  HealthView,
  IpcError,
  KeyForm,
  LockStatusView,
  PendingView,
  Pick,
  Settings,
  ShortcutWay,
  TransferView,
} from "./types";

export const api = {
  /** With `first`, only the first accounts (a screenful first). */
  listAccounts: (first?: number) => invoke<AccountView[]>("list_accounts", first === undefined ? {} : { first }),
  copyCode: (id: string) => invoke<CopiedView>("copy_code", { id }),
  editAccount: (id: string, edit: AccountEdit) => invoke<void>("edit_account", { id, edit }),
  reorderAccounts: (ids: string[]) => invoke<void>("reorder_accounts", { ids }),
  deleteAccount: (id: string) => invoke<string>("delete_account", { id }),
  undoDelete: (id: string) => invoke<void>("undo_delete", { id }),
  revealKey: (id: string) => invoke<string>("reveal_key", { id }),
  /** Copies the key the page was shown (the app checks it is that one). */
  copyKey: (id: string, shown: string) => invoke<CopiedView>("copy_key", { id, shown }),
  accountQr: (id: string) => invoke<string>("account_qr", { id }),
  scanScreen: () => invoke<PendingView>("scan_screen"),
  openImage: () => invoke<PendingView | null>("open_image"),
  paste: () => invoke<PendingView>("paste"),
  checkKey: (key: string) => invoke<void>("check_key", { key }),
  enterKey: (form: KeyForm) => invoke<PendingView>("enter_key", { form }),
  pendingCodes: (id: string) => invoke<CodeView[]>("pending_codes", { id }),
  copyPendingCode: (id: string, index: number) => invoke<CopiedView>("copy_pending_code", { id, index }),
  confirmPending: (id: string, picks: Pick[]) => invoke<AddedView[]>("confirm_pending", { id, picks }),
  discardPending: (id: string) => invoke<void>("discard_pending", { id }),
  parseBackupCodes: (text: string) => invoke<string[]>("parse_backup_codes", { text }),
  backupCodes: (id: string) => invoke<BackupCode[]>("backup_codes", { id }),
  saveBackupCodes: (id: string, text: string, replace: boolean) =>
    invoke<BackupCode[]>("save_backup_codes", { id, text, replace }),
  setBackupCodeUsed: (id: string, code: string, used: boolean) =>
    invoke<BackupCode[]>("set_backup_code_used", { id, code, used }),
  copyBackupCode: (id: string, code: string) => invoke<CopiedView>("copy_backup_code", { id, code }),
  exportBackupCodes: (id: string) => invoke<boolean>("export_backup_codes", { id }),
  pickImportFile: () => invoke<string | null>("pick_import_file"),
  importFormats: () => invoke<[string, string][]>("import_formats"),
  /** Reads the file last picked with pickImportFile. */
  importFile: (format: string | null, password: string | null) =>
    invoke<PendingView>("import_file", { format, password }),
  exportBackup: (password: string) => invoke<string | null>("export_backup", { password }),
  exportUris: () => invoke<string | null>("export_uris"),
  exportTransfer: () => invoke<TransferView>("export_transfer"),
  /** Whether the quick pick's shortcut is Twofold's own or the desktop's (Wayland). */
  shortcutWay: () => invoke<ShortcutWay>("shortcut_way"),
  /** The desktop answered about the shortcut (it may while the settings are open). */
  onShortcutWay: (handler: (way: ShortcutWay) => void): Promise<UnlistenFn> =>
    listen<ShortcutWay>("shortcut-way", (event) => handler(event.payload)),
  backupStatus: () => invoke<BackupStatusView>("backup_status"),
  /** Asks for the folder natively; false when the user cancels. */
  enableAutoBackup: (password: string, keep: number) => invoke<boolean>("enable_auto_backup", { password, keep }),
  disableAutoBackup: () => invoke<void>("disable_auto_backup"),
  /** The backup written (null: no accounts to back up). */
  backUpNow: () => invoke<string | null>("back_up_now"),
  /** Automatic backups that failed, as sentences. */
  onBackupFailed: (handler: (message: string) => void): Promise<UnlistenFn> =>
    listen<string>("backup-failed", (event) => handler(event.payload)),
  /** Changes to the accounts made elsewhere (the command line). */
  onAccountsChanged: (handler: () => void): Promise<UnlistenFn> => listen("accounts-changed", handler),
  checkStore: () => invoke<HealthView>("check_store"),
  repairStore: () => invoke<number>("repair_store"),
  lockStatus: () => invoke<LockStatusView>("lock_status"),
  unlock: (password: string) => invoke<void>("unlock", { password }),
  lockNow: () => invoke<void>("lock_now"),
  quit: () => invoke<void>("quit"),
  /** A key or a click: the idle time before the auto-lock restarts. */
  noteActivity: () => invoke<void>("note_activity"),
  setLockPassword: (password: string, current: string | null) =>
    invoke<void>("set_lock_password", { password, current }),
  removeLockPassword: (current: string) => invoke<void>("remove_lock_password", { current }),
  /** Asks natively; the accounts removed (protected ones cannot be opened without the password). */
  forgetLockPassword: () => invoke<number>("forget_lock_password"),
  protectSecrets: (password: string, haveBackup: boolean) => invoke<void>("protect_secrets", { password, haveBackup }),
  unprotectSecrets: (password: string) => invoke<void>("unprotect_secrets", { password }),
  /** The app locked (true) or unlocked. */
  onLockChanged: (handler: (locked: boolean) => void): Promise<UnlistenFn> =>
    listen<boolean>("lock-changed", (event) => handler(event.payload)),
  getSettings: () => invoke<Settings>("get_settings"),
  setSettings: (settings: Settings) => invoke<void>("set_settings", { settings }),
  /** Ctrl+W: as the window's close button (to the tray when that is on). */
  closeWindow: () => invoke<void>("close_window"),
  /** Lets the hidden window go (see window.rs): it keeps nothing unsaved. */
  releaseWindow: () => invoke<void>("release_window"),
  /** A scan result that came while there was no window (a tray scan). */
  takeScanResult: async () => {
    const payload = await invoke<PendingView | IpcError | null>("take_scan_result");
    return payload && scanOutcome(payload);
  },
  /** Results of files dropped on the window. */
  onScanResult: (handler: (result: PendingView | { error: IpcError }) => void): Promise<UnlistenFn> =>
    listen<PendingView | IpcError>("scan-result", (event) => handler(scanOutcome(event.payload))),
};

/** A scan's result as the Rust side sends it: the accounts found, or an error. */
function scanOutcome(payload: PendingView | IpcError): PendingView | { error: IpcError } {
  return "kind" in payload ? { error: payload } : payload;
}

/** The message of whatever a command rejected with. */
export function errorOf(error: unknown): IpcError {
  if (error && typeof error === "object" && "kind" in error && "message" in error) {
    return error as IpcError;
  }
  return { kind: "internal", message: String(error) };
}

/**
 * What to tell the user about a failed command: its message, or nothing when
 * the user cancelled one of the app's own (native) confirmations.
 */
export function messageOf(error: unknown): string {
  const failure = errorOf(error);
  return failure.kind === "cancelled" ? "" : failure.message;
}
