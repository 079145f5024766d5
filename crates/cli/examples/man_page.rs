//! Writes the `twofold(1)` man page, from the same argument definitions the
//! CLI parses with (the packages install it):
//!   cargo run -p twofold-cli --example man_page > twofold.1

#[path = "../src/args.rs"]
#[allow(dead_code)] // the fields are the CLI's to read, not the page's
mod args;

use clap::CommandFactory;

fn main() -> std::io::Result<()> {
    // NAME's line: what it is, not the package's description.
    let command = args::Cli::command().about("two-factor authentication codes in the terminal");
    clap_mangen::Man::new(command).render(&mut std::io::stdout().lock())
}
