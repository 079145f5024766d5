//! One function per subcommand.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use twofold_core::uri;

use crate::args::Command;
use crate::error::CliError;

pub fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Generate { uri, at } => generate(&uri, at),
    }
}

fn generate(text: &str, at: Option<u64>) -> Result<(), CliError> {
    let draft = uri::parse(text)?;
    let now = match at {
        Some(at) => at,
        None => now()?,
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", draft.otp.code_at(now).value)?;
    Ok(())
}

fn now() -> Result<u64, CliError> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .map_err(|_| CliError::Clock)
}
