//! lock: the app lock's password, from the terminal or a script.

use twofold_core::app_lock::AppLock;

use super::read_password;
use crate::args::LockCommand;
use crate::error::CliError;
use crate::output::print_line;

pub fn run(command: LockCommand) -> Result<(), CliError> {
    let lock = AppLock::open_default()?;
    match command {
        LockCommand::On => {
            let input = read_password()?;
            let mut lines = input.lines();
            let first = lines.next().unwrap_or_default();
            match lines.next() {
                Some(new) => lock.set(new, Some(first))?,
                None => lock.set(first, None)?,
            }
            print_line("The app lock is on.")
        }
        LockCommand::Off { forget: true } => {
            lock.forget()?;
            print_line("The app lock is off.")
        }
        LockCommand::Off { forget: false } => {
            lock.remove(&read_password()?)?;
            print_line("The app lock is off.")
        }
        LockCommand::Status => print_line(if lock.is_set()? {
            "The app lock is on."
        } else {
            "The app lock is off."
        }),
    }
}
