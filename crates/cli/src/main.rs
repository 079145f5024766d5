//! `twofold`: the command-line face of Twofold. A thin layer over
//! `twofold-core`: it parses arguments, calls the core and prints.

mod args;
mod commands;
mod error;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = args::Cli::parse();
    match commands::run(args.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("twofold: {error}");
            ExitCode::FAILURE
        }
    }
}
