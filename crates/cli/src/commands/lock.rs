//! lock: the app lock's password, and the protection of the secrets with
//! it, from the terminal or a script. Passwords come from standard input:
//! the current one first where one is needed.

use twofold_core::app_lock::{AppLock, LockError};
use twofold_core::vault::{SealedStore, SecretStore, Vault};

use super::read_password;
use crate::args::LockCommand;
use crate::error::CliError;
use crate::output::print_line;

pub fn run(command: LockCommand) -> Result<(), CliError> {
    let lock = AppLock::open_default()?;
    let vault = Vault::open_default()?;
    let protection = vault.protection();
    let protected = protection.is_protected()?;
    match command {
        LockCommand::On => {
            let input = read_password()?;
            let mut lines = input.lines();
            let first = lines.next().unwrap_or_default();
            let (new, current) = match lines.next() {
                Some(new) => (new, Some(first)),
                None => (first, None),
            };
            if lock.is_set()? {
                lock.check(current.unwrap_or_default())?;
            }
            if protected {
                // The data key follows the password; back if the lock
                // password cannot change.
                let current = current.unwrap_or_default();
                open_with(protection, current)?;
                protection.change_password(new)?;
                if let Err(error) = lock.set(new, Some(current)) {
                    protection.change_password(current)?;
                    return Err(error.into());
                }
            } else {
                lock.set(new, current)?;
            }
            print_line("The app lock is on.")
        }
        LockCommand::Off { forget: true } if protected => Err(CliError::Usage(
            "the secrets are protected with the lock password: without it they cannot be opened (give it to `twofold lock off`, or start over from a backup with \"Forgot the password?\" on the app's unlock screen)".into(),
        )),
        LockCommand::Off { forget: true } => {
            lock.forget()?;
            print_line("The app lock is off.")
        }
        LockCommand::Off { forget: false } => {
            let password = read_password()?;
            lock.check(&password)?;
            if protected {
                open_with(protection, &password)?;
                protection.unprotect()?;
            }
            lock.remove(&password)?;
            print_line("The app lock is off.")
        }
        LockCommand::Status => print_line(match (lock.is_set()?, protected) {
            (false, _) => "The app lock is off.",
            (true, false) => "The app lock is on.",
            (true, true) => "The app lock is on and protects the secrets.",
        }),
        LockCommand::Protect { i_have_a_backup } => {
            let password = read_password()?;
            lock.check(&password)?;
            let unsaved = twofold_core::auto_backup::status(&vault)?.not_backed_up;
            if unsaved > 0 && !i_have_a_backup {
                return Err(CliError::Usage(format!(
                    "{unsaved} accounts are in no encrypted backup: make one first (twofold export --format aegis FILE, or twofold backup on FOLDER), or add --i-have-a-backup"
                )));
            }
            protection.protect(&password)?;
            print_line("The secrets are protected with the lock password.")
        }
        LockCommand::Unprotect => {
            let password = read_password()?;
            lock.check(&password)?;
            open_with(protection, &password)?;
            protection.unprotect()?;
            print_line("The secrets are stored plainly in the keyring again.")
        }
    }
}

fn open_with<S: SecretStore>(protection: &SealedStore<S>, password: &str) -> Result<(), CliError> {
    if protection.open(password)? {
        Ok(())
    } else {
        Err(LockError::WrongPassword.into())
    }
}
