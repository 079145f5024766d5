//! The window's TypeScript types (`ui/src/lib/generated.ts`) are written from
//! the Rust types they mirror by the test below, so the two cannot drift:
//! `make test` runs it and then fails if the file in the repository differs.

use ts_rs::{Config, TS};
use twofold_core::backup_codes::BackupCode;
use twofold_core::settings::{Settings, Theme};
use twofold_core::vault::{AccountEdit, BackupCodeCounts};
use twofold_core::{Algorithm, OtpKind};

use crate::commands::add::{KeyForm, Pick};
use crate::commands::app_lock::LockStatusView;
use crate::commands::backup_settings::BackupStatusView;
use crate::commands::store_health::HealthView;
use crate::desktop_shortcut::ShortcutWay;
use crate::error::{ErrorKind, IpcError};
use crate::views::{
    AccountView, AddedView, CodeView, CopiedView, DraftView, ParamsView, PendingView, TransferView,
};

const GENERATED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/generated.ts");

/// One declaration, with its doc comment.
fn declaration<T: TS + 'static>(config: &Config) -> String {
    let docs = T::docs()
        .map(|docs| format!("{}\n", docs.trim_end()))
        .unwrap_or_default();
    format!("{docs}export {}\n\n", T::decl(config))
}

#[test]
fn the_ui_types_are_written_from_the_rust_ones() {
    // Integers are sent as JSON numbers, which is what JavaScript reads.
    let config = Config::new().with_large_int("number");
    let declarations = [
        declaration::<ErrorKind>(&config),
        declaration::<IpcError>(&config),
        declaration::<OtpKind>(&config),
        declaration::<Algorithm>(&config),
        declaration::<CodeView>(&config),
        declaration::<ParamsView>(&config),
        declaration::<BackupCodeCounts>(&config),
        declaration::<AccountView>(&config),
        declaration::<DraftView>(&config),
        declaration::<PendingView>(&config),
        declaration::<TransferView>(&config),
        declaration::<CopiedView>(&config),
        declaration::<AddedView>(&config),
        declaration::<HealthView>(&config),
        declaration::<BackupStatusView>(&config),
        declaration::<Theme>(&config),
        declaration::<twofold_core::auto_backup::AutoBackup>(&config),
        declaration::<Settings>(&config),
        declaration::<AccountEdit>(&config),
        declaration::<KeyForm>(&config),
        declaration::<Pick>(&config),
        declaration::<BackupCode>(&config),
        declaration::<LockStatusView>(&config),
        declaration::<ShortcutWay>(&config),
    ];
    let text = format!(
        "// Written by `cargo test -p twofold-app` from the Rust types (see\n// src-tauri/src/ui_types.rs). Do not edit: change the Rust type instead.\n\n{}",
        declarations.concat().trim_end()
    ) + "\n";
    if std::fs::read_to_string(GENERATED).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(GENERATED, &text).expect("ui/src/lib/generated.ts is writable");
    }
}
