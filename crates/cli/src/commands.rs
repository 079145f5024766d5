//! One function per subcommand: read the arguments, call the core, print.

mod accounts;
mod backup;
mod backup_codes;
mod doctor;
mod export;
mod import;
mod lock;
mod scan;

use std::io::Read;

use twofold_core::otp::unix_now;
use twofold_core::uri;
use twofold_core::vault::Vault;

use crate::args::Command;
use crate::error::CliError;
use crate::output::{print_line, warn};

/// Whether the lock password comes from standard input (`--lock-password-stdin`).
static LOCK_PASSWORD_STDIN: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

pub fn run(command: Command, lock_password_stdin: bool) -> Result<(), CliError> {
    LOCK_PASSWORD_STDIN.store(lock_password_stdin, std::sync::atomic::Ordering::Relaxed);
    match command {
        Command::Generate { uri, at } => generate(&uri, at),
        Command::Add(args) => changing(|vault| accounts::add(vault, args)),
        Command::List { json, codes } => with_vault(|vault| accounts::list(vault, json, codes)),
        Command::Code { query, at } => with_vault(|vault| accounts::code(vault, &query, at)),
        Command::Edit(args) => changing(|vault| accounts::edit(vault, args)),
        Command::Remove { query, yes } => changing(|vault| accounts::remove(vault, &query, yes)),
        Command::Scan {
            images,
            screen,
            add: false,
        } => scan::run(None, &images, screen),
        Command::Scan {
            images,
            screen,
            add: true,
        } => changing(|vault| scan::run(Some(vault), &images, screen)),
        Command::Export {
            format,
            out,
            password_stdin,
        } => with_vault(|vault| export::run(vault, format, &out, password_stdin)),
        Command::Import {
            file,
            format,
            password_stdin,
            dry_run,
        } => {
            let found = import::read(&file, format, password_stdin)?;
            if dry_run {
                import::print(&found)
            } else {
                changing(|vault| import::store(vault, &found))
            }
        }
        Command::Backup(command) => with_vault(|vault| backup::run(vault, command)),
        Command::BackupCodes(command) if command.changes() => {
            changing(|vault| backup_codes::run(vault, command))
        }
        Command::BackupCodes(command) => with_vault(|vault| backup_codes::run(vault, command)),
        Command::Doctor { repair } => with_vault(|vault| doctor::run(vault, repair)),
        Command::Lock(command) => lock::run(command),
    }
}

fn generate(text: &str, at: Option<u64>) -> Result<(), CliError> {
    let draft = uri::parse(text)?;
    print_line(&draft.otp.code_at(at.unwrap_or_else(unix_now)).value)
}

/// Opens the user's vault, runs the command, and tells what the vault noticed
/// on the way (a recovered index file).
fn with_vault(command: impl FnOnce(&Vault) -> Result<(), CliError>) -> Result<(), CliError> {
    let vault = Vault::open_default()?;
    unseal(&vault)?;
    let result = command(&vault);
    for notice in vault.take_notices() {
        warn(&format!("twofold: note: {notice}"));
    }
    result
}

/// With the secrets protected, opens them with the lock password (asked on
/// the terminal, or the first line of standard input).
fn unseal(vault: &Vault) -> Result<(), CliError> {
    if vault.protection().is_open()? {
        return Ok(());
    }
    let password = lock_password()?;
    if !vault.protection().open(&password)? {
        return Err(twofold_core::app_lock::LockError::WrongPassword.into());
    }
    Ok(())
}

fn lock_password() -> Result<zeroize::Zeroizing<String>, CliError> {
    if LOCK_PASSWORD_STDIN.load(std::sync::atomic::Ordering::Relaxed) {
        let mut line = zeroize::Zeroizing::new(String::new());
        std::io::stdin().read_line(&mut line)?;
        let length = line.trim_end_matches(['\r', '\n']).len();
        line.truncate(length);
        return Ok(line);
    }
    rpassword::prompt_password("Twofold lock password: ")
        .map(zeroize::Zeroizing::new)
        .map_err(|_| {
            CliError::Usage(
                "the secrets are protected with the lock password: run this in a terminal, or give the password with --lock-password-stdin".into(),
            )
        })
}

/// A command that changes accounts or backup codes: when it succeeds, the
/// automatic backup follows (a failed backup is said, the change stands).
fn changing(command: impl FnOnce(&Vault) -> Result<(), CliError>) -> Result<(), CliError> {
    with_vault(|vault| {
        command(vault)?;
        if let Err(error) = twofold_core::auto_backup::after_change(vault) {
            warn(&format!(
                "twofold: warning: the automatic backup failed: {error}"
            ));
        }
        Ok(())
    })
}

/// The argument, or all of standard input when it is "-".
fn argument_or_stdin(argument: &str) -> Result<String, CliError> {
    if argument == "-" {
        read_stdin()
    } else {
        Ok(argument.to_owned())
    }
}

/// A password given on standard input, without the line break after it.
fn read_password() -> Result<zeroize::Zeroizing<String>, CliError> {
    let mut text = zeroize::Zeroizing::new(read_stdin()?);
    let length = text.trim_end_matches(['\r', '\n']).len();
    text.truncate(length);
    Ok(text)
}

fn read_stdin() -> Result<String, CliError> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    Ok(text)
}
