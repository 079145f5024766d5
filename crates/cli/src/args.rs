//! The command line, as clap reads it.

use clap::{Parser, Subcommand};

/// Two-factor authentication codes (TOTP, HOTP, Steam) in the terminal.
///
/// Secrets are kept in the operating system's keyring, shared with the Twofold
/// desktop app.
#[derive(Debug, Parser)]
#[command(name = "twofold", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the code of an otpauth:// URI, without storing anything.
    ///
    /// TOTP and Steam: the code at the given time (now by default).
    /// HOTP: the code at the URI's counter.
    Generate {
        /// An otpauth:// URI, e.g. "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP".
        uri: String,
        /// Compute the code at this Unix time (seconds) instead of now.
        #[arg(long, value_name = "UNIX_SECONDS")]
        at: Option<u64>,
    },
}
