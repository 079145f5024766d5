//! backup-codes add, replace, list, use, unuse.

use std::io::Write;

use twofold_core::vault::Vault;

use super::read_stdin;
use crate::args::BackupCodesCommand;
use crate::error::CliError;
use crate::output::{print_line, terminal_safe};

pub fn run(vault: &Vault, command: BackupCodesCommand) -> Result<(), CliError> {
    match command {
        BackupCodesCommand::Add { query } => {
            let account = vault.find_one(&query)?;
            let codes = vault.add_backup_codes(&account.id, &read_stdin()?)?;
            print_line(&format!(
                "{} now has {} backup codes",
                account.label(),
                codes.len()
            ))
        }
        BackupCodesCommand::Replace { query } => {
            let account = vault.find_one(&query)?;
            let codes = vault.replace_backup_codes(&account.id, &read_stdin()?)?;
            print_line(&format!(
                "Replaced the backup codes of {}: {} codes",
                account.label(),
                codes.len()
            ))
        }
        BackupCodesCommand::List { query, json } => {
            let account = vault.find_one(&query)?;
            let codes = vault.backup_codes(&account)?;
            let mut stdout = std::io::stdout().lock();
            if json {
                let rows: Vec<serde_json::Value> = codes
                    .iter()
                    .map(|code| serde_json::json!({ "code": code.code, "used": code.is_used() }))
                    .collect();
                writeln!(stdout, "{}", serde_json::Value::Array(rows))?;
            } else {
                for code in &codes {
                    let used = if code.is_used() { "  (used)" } else { "" };
                    writeln!(stdout, "{}{used}", terminal_safe(&code.code))?;
                }
            }
            Ok(())
        }
        BackupCodesCommand::Use { query, code } => {
            let account = vault.find_one(&query)?;
            print_line(&vault.use_backup_code(&account.id, code.as_deref())?.code)
        }
        BackupCodesCommand::Unuse { query, code } => {
            let account = vault.find_one(&query)?;
            vault.unuse_backup_code(&account.id, &code)?;
            print_line(&format!("Marked {code} unused"))
        }
    }
}
