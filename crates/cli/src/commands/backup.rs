//! backup: automatic encrypted backups (on, off, now, status) and restore.

use std::time::SystemTime;

use twofold_core::auto_backup::{self, AutoBackup};
use twofold_core::settings::Settings;
use twofold_core::vault::Vault;

use super::{import, read_password};
use crate::args::BackupCommand;
use crate::error::CliError;
use crate::output::{print_line, warn};

pub fn run(vault: &Vault, command: BackupCommand) -> Result<(), CliError> {
    let mut settings = Settings::load(vault.data_dir());
    match command {
        BackupCommand::On { folder, keep } => {
            let folder = std::path::absolute(&folder)?;
            let config = AutoBackup { folder, keep };
            match auto_backup::enable(vault, &mut settings, config, &read_password()?)? {
                Some(written) => print_line(&format!(
                    "Automatic backups on; first backup: {}",
                    written.display()
                )),
                None => print_line("Automatic backups on (no accounts to back up yet)"),
            }
        }
        BackupCommand::Off => {
            auto_backup::disable(vault, &mut settings)?;
            print_line("Automatic backups off (the backups written are still there)")
        }
        BackupCommand::Now => match auto_backup::back_up_now(vault, &settings)? {
            Some(written) => print_line(&written.display().to_string()),
            None => print_line("No accounts to back up"),
        },
        BackupCommand::Status => status(vault),
        BackupCommand::Restore { file, dry_run } => {
            let found = import::read(&file, Some(twofold_core::import::Format::Aegis), true)?;
            if dry_run {
                import::print(&found)
            } else {
                import::store(vault, &found)
            }
        }
    }
}

fn status(vault: &Vault) -> Result<(), CliError> {
    let status = auto_backup::status(vault)?;
    let Some(config) = status.config else {
        print_line("Automatic backups: off (turn them on with: twofold backup on FOLDER)")?;
        if status.not_backed_up > 0 {
            let count = status.not_backed_up;
            warn(&format!(
                "{count} account{} not in any backup",
                if count == 1 { " is" } else { "s are" }
            ));
        }
        return Ok(());
    };
    print_line(&format!(
        "Automatic backups: on, into {}, keeping the newest {}",
        config.folder.display(),
        config.keep
    ))?;
    match status.last {
        Some(last) => print_line(&format!(
            "Last backup: {} ({})",
            last.path.display(),
            ago(last.made)
        )),
        None => print_line("No backup written yet"),
    }
}

/// "3 min ago", for a time in the past.
fn ago(time: SystemTime) -> String {
    let seconds = time.elapsed().map(|elapsed| elapsed.as_secs()).unwrap_or(0);
    match seconds {
        0..60 => "just now".to_owned(),
        60..3600 => format!("{} min ago", seconds / 60),
        3600..86_400 => format!("{} h ago", seconds / 3600),
        _ => format!("{} days ago", seconds / 86_400),
    }
}
