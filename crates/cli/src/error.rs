//! What can go wrong in a command, each with a message for the user.

use thiserror::Error;
use twofold_core::uri::UriError;

#[derive(Debug, Error)]
pub enum CliError {
    #[error("{0}")]
    Uri(#[from] UriError),
    #[error("the system clock is before 1970; pass --at")]
    Clock,
    #[error("could not write the output: {0}")]
    Output(#[from] std::io::Error),
}
