//! lock: the app lock's password, and the protection of the secrets with
//! it, from the terminal or a script. Passwords come from standard input:
//! the current one first where one is needed.

use twofold_core::app_lock::{AppLock, LockError};
use twofold_core::vault::Vault;

use super::read_password;
use crate::args::LockCommand;
use crate::error::CliError;
use crate::output::print_line;

pub fn run(command: LockCommand) -> Result<(), CliError> {
    let lock = AppLock::open_default()?;
    let vault = Vault::open_default()?;
    let protection = vault.protection();
    match command {
        LockCommand::On => {
            let input = read_password()?;
            let mut lines = input.lines();
            let first = lines.next().unwrap_or_default();
            let (new, current) = match lines.next() {
                Some(new) => (new, Some(first)),
                None => (first, None),
            };
            lock.change(protection, new, current)?;
            print_line("The app lock is on.")
        }
        LockCommand::Off { forget: true } if protection.is_protected()? => Err(CliError::Usage(
            "the secrets are protected with the lock password: without it they cannot be opened (give it to `twofold lock off`, or start over from a backup with \"Forgot the password?\" on the app's unlock screen)".into(),
        )),
        LockCommand::Off { forget: true } => {
            lock.forget()?;
            print_line("The app lock is off.")
        }
        LockCommand::Off { forget: false } => {
            lock.remove_with(protection, &read_password()?)?;
            print_line("The app lock is off.")
        }
        LockCommand::Status => print_line(match (lock.is_set()?, protection.is_protected()?) {
            (false, _) => "The app lock is off.",
            (true, false) => "The app lock is on.",
            (true, true) => "The app lock is on and protects the secrets.",
        }),
        LockCommand::Protect { i_have_a_backup } => {
            let unsaved = twofold_core::auto_backup::status(&vault)?.not_backed_up;
            match lock.protect(protection, &read_password()?, unsaved, i_have_a_backup) {
                Err(LockError::NoBackup(unsaved)) => {
                    return Err(CliError::Usage(format!(
                        "{unsaved} accounts are in no encrypted backup: make one first (twofold export --format aegis FILE, or twofold backup on FOLDER), or add --i-have-a-backup"
                    )));
                }
                done => done?,
            }
            print_line("The secrets are protected with the lock password.")
        }
        LockCommand::Unprotect => {
            lock.unprotect(protection, &read_password()?)?;
            print_line("The secrets are stored plainly in the keyring again.")
        }
    }
}
