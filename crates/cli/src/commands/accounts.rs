//! add, list, code, edit, remove.

use std::io::Write;

use twofold_core::draft::Fields;
use twofold_core::otp::unix_now;
use twofold_core::vault::{Account, AccountCode, AccountEdit, Vault, display_order};
use twofold_core::{AccountDraft, Secret, uri};

use super::argument_or_stdin;
use crate::args::{AddArgs, EditArgs};
use crate::error::CliError;
use crate::output::{print_line, terminal_safe, warn};

pub fn add(vault: &Vault, args: AddArgs) -> Result<(), CliError> {
    let account = vault.add(&draft_of(args)?)?;
    print_line(&format!("Added {}", account.label()))
}

/// Prints the code to use now (see [`Vault::use_code`]).
pub fn code(vault: &Vault, query: &str, at: Option<u64>) -> Result<(), CliError> {
    let account = vault.find_one(query)?;
    let used = vault.use_code(&account.id, at.unwrap_or_else(unix_now))?;
    print_line(&used.code.value)
}

pub fn edit(vault: &Vault, args: EditArgs) -> Result<(), CliError> {
    let account = vault.find_one(&args.query)?;
    let edit = AccountEdit {
        issuer: args.issuer,
        name: args.name,
        group: args
            .group
            .map(|group| Some(group).filter(|group| !group.is_empty())),
        favorite: args.favorite,
        ..AccountEdit::default()
    };
    let account = vault.edit(&account.id, &edit)?;
    print_line(&format!("Changed {}", account.label()))
}

pub fn remove(vault: &Vault, query: &str, yes: bool) -> Result<(), CliError> {
    let account = vault.find_one(query)?;
    if !yes {
        return Err(CliError::NotConfirmed(account.label()));
    }
    vault.remove(&account.id)?;
    print_line(&format!("Removed {}", account.label()))
}

fn draft_of(args: AddArgs) -> Result<AccountDraft, CliError> {
    if let Some(text) = args.uri {
        return Ok(uri::parse(&argument_or_stdin(&text)?)?);
    }
    let key = argument_or_stdin(args.secret.as_deref().unwrap_or_default())?;
    Ok(AccountDraft::from_fields(Fields {
        issuer: args.issuer.as_deref().unwrap_or_default(),
        name: args.name.as_deref().unwrap_or_default(),
        kind: &args.kind.name(),
        algorithm: Some(&args.algorithm),
        digits: Some(args.digits),
        period: Some(args.period),
        counter: Some(args.counter),
        secret: Secret::from_base32(&key),
        group: None,
    })?)
}

pub fn list(vault: &Vault, json: bool, with_codes: bool) -> Result<(), CliError> {
    let now = unix_now();
    let rows: Vec<(Account, Option<String>)> = if with_codes {
        vault
            .codes(now)?
            .into_iter()
            .map(|AccountCode { account, code }| {
                let shown = match code {
                    Ok(pair) => pair.map(|pair| pair.current.value),
                    Err(error) => Some(format!("error: {error}")),
                };
                (account, shown)
            })
            .collect()
    } else {
        let mut accounts = vault.accounts()?;
        display_order(&mut accounts);
        accounts
            .into_iter()
            .map(|account| (account, None))
            .collect()
    };
    let mut stdout = std::io::stdout().lock();
    if json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|(account, code)| {
                let mut row = json_row(account);
                if with_codes {
                    row["code"] = serde_json::json!(code);
                }
                row
            })
            .collect();
        writeln!(stdout, "{}", serde_json::Value::Array(rows))?;
        return Ok(());
    }
    for (account, code) in &rows {
        let star = if account.favorite { "★ " } else { "" };
        let group = account
            .group
            .as_deref()
            .map(|group| format!("  [{group}]"))
            .unwrap_or_default();
        let code = code
            .as_deref()
            .map(|code| format!("  {code}"))
            .unwrap_or_default();
        let line = format!(
            "{star}{}  {}{group}{code}",
            account.label(),
            account.kind.name()
        );
        writeln!(stdout, "{}", terminal_safe(&line))?;
    }
    if rows.is_empty() {
        warn("No accounts yet. Add one with: twofold add 'otpauth://...'");
    }
    Ok(())
}

fn json_row(account: &Account) -> serde_json::Value {
    serde_json::json!({
        "id": account.id,
        "issuer": account.issuer,
        "name": account.name,
        "type": account.kind.name(),
        "algorithm": account.algorithm,
        "digits": account.digits,
        "period": account.kind.period(),
        "counter": account.kind.counter(),
        "group": account.group,
        "favorite": account.favorite,
        "backup_codes_remaining": account.backup_codes.remaining,
    })
}
