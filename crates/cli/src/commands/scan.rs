//! scan: the 2FA QR codes of images or of the screen, printed, and added on
//! request.

use std::path::PathBuf;

use twofold_core::qr::{self, QrError};
use twofold_core::scan::{self, Scanned};
use twofold_core::vault::Vault;

use crate::error::CliError;
use crate::output::{print_line, warn};

/// Prints every OTP code's text; reports the rest on stderr. Fails when an
/// image (or the screen) cannot be read or holds no code, or when no 2FA code
/// is found at all.
pub fn run(vault: Option<&Vault>, images: &[PathBuf], screen: bool) -> Result<(), CliError> {
    let mut sources: Vec<(String, Result<Vec<String>, QrError>)> = images
        .iter()
        .map(|image| (image.display().to_string(), qr::decode_file(image)))
        .collect();
    if screen {
        let screens = twofold_capture::all_screens()?;
        sources.push(("the screen".into(), qr::decode_all(&screens)));
    }
    let mut unreadable = 0;
    let mut found = Vec::new();
    for (source, texts) in &sources {
        let texts = match texts {
            Ok(texts) => texts,
            Err(error) => {
                warn(&format!("twofold: {source}: {error}"));
                unreadable += 1;
                continue;
            }
        };
        for text in texts {
            match scan::classify(text) {
                Scanned::NotOtp(why) => warn(&format!("twofold: {source}: {why}")),
                scanned => {
                    print_line(text)?;
                    found.extend(scanned.into_accounts());
                }
            }
        }
    }
    if let Some(vault) = vault {
        let done = vault.add_all(&found)?;
        for account in &done.added {
            warn(&format!("Added {}", account.label()));
        }
        for label in &done.already_stored {
            warn(&format!("Skipped {label}: already in Twofold"));
        }
    }
    match (unreadable, found.is_empty()) {
        (0, false) => Ok(()),
        (0, true) => Err(CliError::Scan("no 2FA setup code found".into())),
        (count, _) => Err(CliError::Scan(format!(
            "{count} of {} images could not be scanned",
            sources.len()
        ))),
    }
}
