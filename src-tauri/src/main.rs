//! Twofold, the desktop app: a thin Tauri shell over twofold-core.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app_lock;
mod backups;
mod clipboard;
mod commands;
mod confinement;
mod confirm;
mod desktop_shortcut;
mod error;
mod hand_over;
mod light;
mod quick_pick;
mod state;
mod tray;
#[cfg(test)]
mod ui_types;
mod views;
mod watch;
mod window;

use tauri::{DragDropEvent, Manager, WindowEvent};
use tauri_plugin_window_state::StateFlags;

use commands::{
    accounts, add, app_lock as lock_commands, backup_codes, backup_settings, import_export,
    settings, store_health,
};

fn main() {
    draw_without_gpu();
    if let Err(why) = twofold_core::process::harden() {
        eprintln!("twofold: note: {why}");
    }
    if hand_over::to_running_app() {
        return;
    }
    let result = tauri::Builder::default()
        // First: a second launch only shows the running window (or its
        // quick pick, with `--quick-pick`), then exits.
        .plugin(tauri_plugin_single_instance::init(|app, args, _| {
            if args.iter().any(|arg| arg == quick_pick::ARGUMENT) {
                quick_pick::open(app);
            } else {
                window::show_main(app);
            }
        }))
        // The window is shown at start unless started hidden (see window.rs).
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(StateFlags::all() - StateFlags::VISIBLE)
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        .plugin(
            tauri_plugin_global_shortcut::Builder::new()
                .with_handler(quick_pick::on_shortcut)
                .build(),
        )
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![window::HIDDEN]),
        ))
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(confinement::plugin())
        .manage(state::AppState::new())
        .setup(|app| {
            let shown = window::show_at_start(app.handle())?;
            // With the window shown, the tray's accounts come with its first
            // list (tray::sync): a long menu built first would hold it up.
            tray::create(app.handle(), !shown)?;
            accounts::read_ahead(app.handle(), shown);
            // Grabbing keys takes the X server a while: not before the
            // window is on its way.
            let handle = app.handle().clone();
            std::thread::spawn(move || quick_pick::register_saved(&handle));
            watch::start(app.handle());
            app_lock::watch_idle(app.handle());
            app_lock::watch_desktop(app.handle());
            Ok(())
        })
        .on_window_event(|window, event| match event {
            WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) => {
                if let Some(path) = paths.first().cloned() {
                    let app = window.app_handle().clone();
                    std::thread::spawn(move || add::dropped(&app, &path));
                }
            }
            WindowEvent::CloseRequested { api, .. } if window::hides_on_close(window) => {
                api.prevent_close();
                window::hide_main(window);
            }
            _ => {}
        })
        .invoke_handler(tauri::generate_handler![
            accounts::list_accounts,
            accounts::copy_code,
            accounts::edit_account,
            accounts::reorder_accounts,
            accounts::delete_account,
            accounts::undo_delete,
            accounts::reveal_key,
            accounts::copy_key,
            accounts::account_qr,
            add::scan_screen,
            add::open_image,
            add::paste,
            add::check_key,
            add::enter_key,
            add::pending_codes,
            add::copy_pending_code,
            add::confirm_pending,
            add::discard_pending,
            backup_codes::parse_backup_codes,
            backup_codes::backup_codes,
            backup_codes::save_backup_codes,
            backup_codes::set_backup_code_used,
            backup_codes::copy_backup_code,
            backup_codes::export_backup_codes,
            backup_settings::backup_status,
            backup_settings::enable_auto_backup,
            backup_settings::disable_auto_backup,
            backup_settings::back_up_now,
            store_health::check_store,
            store_health::repair_store,
            settings::get_settings,
            settings::set_settings,
            import_export::pick_import_file,
            import_export::import_formats,
            import_export::import_file,
            import_export::export_backup,
            import_export::export_uris,
            import_export::export_transfer,
            desktop_shortcut::shortcut_way,
            window::quit,
            window::close_window,
            window::release_window,
            add::take_scan_result,
            lock_commands::lock_status,
            lock_commands::unlock,
            lock_commands::lock_now,
            lock_commands::note_activity,
            lock_commands::set_lock_password,
            lock_commands::remove_lock_password,
            lock_commands::protect_secrets,
            lock_commands::forget_lock_password,
            lock_commands::unprotect_secrets,
        ])
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|_, event| {
                // The last window gone because it was let go of in the tray
                // (window.rs), or a quick pick closed while the app started
                // in the tray has none, is no reason to quit.
                if let tauri::RunEvent::ExitRequested {
                    code: None, api, ..
                } = event
                    && window::windowless()
                {
                    api.prevent_exit();
                }
            })
        });
    if let Err(error) = result {
        eprintln!("twofold: the window could not start: {error}");
        std::process::exit(1);
    }
}

/// WebKit's accelerated compositing draws through OpenGL, which on a machine
/// without a GPU (a virtual machine, a remote desktop) is Mesa's software
/// renderer: a page of lists and buttons gains nothing from it. Measured
/// under Xvfb it cost the first paint ~150 ms (a window shown again from the
/// tray ~250 ms) and the shown window ~65 MiB. WebKit reads the variable once
/// per process, and a view's own setting cannot be changed once it exists
/// (the page stays blank), so it is set first thing; a user's own value wins
/// (`WEBKIT_DISABLE_COMPOSITING_MODE=0` turns compositing back on).
fn draw_without_gpu() {
    const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VARIABLE).is_none() {
        // SAFETY: the first thing `main` does, before any thread exists that
        // could read the environment at the same time.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(VARIABLE, "1");
        }
    }
}
