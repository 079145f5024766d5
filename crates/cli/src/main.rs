//! `twofold`: the command-line face of Twofold. A thin layer over
//! `twofold-core`: it parses arguments, calls the core and prints.

mod args;
mod commands;
mod error;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    if let Err(why) = twofold_core::process::harden() {
        output::warn(&format!("twofold: note: {why}"));
    }
    let args = args::Cli::parse();
    match commands::run(args.command, args.lock_password_stdin) {
        Ok(()) => ExitCode::SUCCESS,
        // `twofold list | head`: the reader has all it wanted.
        Err(error::CliError::Io(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            output::warn(&format!("twofold: {error}"));
            ExitCode::FAILURE
        }
    }
}
