//! doctor: the list against the keyring, and the repair.

use twofold_core::vault::Vault;

use crate::error::CliError;
use crate::output::{print_line, warn};

pub fn run(vault: &Vault, repair: bool) -> Result<(), CliError> {
    if repair {
        let repaired = vault.repair()?;
        for account in &repaired.restored {
            warn(&format!("Restored {} from the keyring", account.label()));
        }
        if repaired.upgraded > 0 {
            warn(&format!(
                "Added the account's details to {} keyring entries",
                repaired.upgraded
            ));
        }
    }
    let findings = vault.check()?.findings;
    for finding in &findings {
        print_line(&finding.to_string())?;
    }
    let problems = findings
        .iter()
        .filter(|finding| finding.is_problem())
        .count();
    match problems {
        0 => Ok(()),
        count => {
            let repairable = findings.iter().any(|finding| finding.is_repairable());
            Err(CliError::Unhealthy(format!(
                "{count} problem{} found{}",
                if count == 1 { "" } else { "s" },
                if repairable {
                    "; run twofold doctor --repair"
                } else {
                    ""
                }
            )))
        }
    }
}
