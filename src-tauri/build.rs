//! Declares the app's own commands, so that a capability must grant each one
//! (`capabilities/main.json`) instead of every window getting all of them.

const COMMANDS: &[&str] = &[
    "list_accounts",
    "lock_status",
    "unlock",
    "lock_now",
    "quit",
    "close_window",
    "shortcut_way",
    "release_window",
    "take_scan_result",
    "note_activity",
    "set_lock_password",
    "remove_lock_password",
    "protect_secrets",
    "forget_lock_password",
    "unprotect_secrets",
    "copy_code",
    "scan_screen",
    "open_image",
    "paste",
    "check_key",
    "enter_key",
    "pending_codes",
    "copy_pending_code",
    "confirm_pending",
    "discard_pending",
    "edit_account",
    "reorder_accounts",
    "delete_account",
    "undo_delete",
    "reveal_key",
    "copy_key",
    "account_qr",
    "parse_backup_codes",
    "backup_codes",
    "save_backup_codes",
    "set_backup_code_used",
    "copy_backup_code",
    "export_backup_codes",
    "backup_status",
    "enable_auto_backup",
    "disable_auto_backup",
    "back_up_now",
    "check_store",
    "repair_store",
    "get_settings",
    "set_settings",
    "pick_import_file",
    "import_formats",
    "import_file",
    "export_backup",
    "export_uris",
    "export_transfer",
];

fn main() {
    // The built UI is embedded in the binary: rebuild when it changes.
    println!("cargo:rerun-if-changed=../ui/dist");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
