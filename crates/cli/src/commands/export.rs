//! export: every account as an encrypted backup, a URI list or transfer QR
//! codes. Files are written whole (or not at all), readable by their owner only.

use std::io::Write;
use std::path::{Path, PathBuf};

use twofold_core::export::{self, Transfer};
use twofold_core::files::write_atomic;
use twofold_core::qr;
use twofold_core::vault::Vault;

use super::read_password;
use crate::args::ExportFormat;
use crate::error::CliError;
use crate::output::{print_line, warn};

/// Pixels per QR module: large enough for a phone camera across a room.
const MODULE_PX: u32 = 8;

pub fn run(
    vault: &Vault,
    format: ExportFormat,
    out: &Path,
    password_stdin: bool,
) -> Result<(), CliError> {
    let accounts = vault.export()?;
    match format {
        ExportFormat::Aegis => {
            if !password_stdin {
                return Err(CliError::Usage(
                    "an encrypted backup needs a password: give it on standard input with --password-stdin".into(),
                ));
            }
            let backup = export::aegis(&accounts, &read_password()?)?;
            write(out, backup.as_bytes())?;
            twofold_core::auto_backup::record_export(vault)?;
            warn(&format!(
                "twofold: {} accounts in an encrypted backup (Aegis format)",
                accounts.len()
            ));
        }
        ExportFormat::Uris => {
            write(out, export::uris(&accounts).as_bytes())?;
            warn(&format!(
                "twofold: warning: {} accounts written WITHOUT encryption: anyone who reads the file can make your codes",
                accounts.len()
            ));
        }
        ExportFormat::GoogleQr => {
            let Transfer { codes, left_out } = export::google_transfer(&accounts)?;
            for (label, why) in left_out {
                warn(&format!("twofold: left out {label}: {why}"));
            }
            for (index, code) in codes.iter().enumerate() {
                let path = numbered(out, index, codes.len());
                write_atomic(&path, &qr::render_png(code, MODULE_PX)?)?;
                print_line(&path.display().to_string())?;
            }
        }
    }
    Ok(())
}

fn write(out: &Path, bytes: &[u8]) -> Result<(), CliError> {
    if out == Path::new("-") {
        std::io::stdout().lock().write_all(bytes)?;
        return Ok(());
    }
    Ok(write_atomic(out, bytes)?)
}

/// `OUT` itself for a single code, else `OUT-2-of-3.png` and so on.
fn numbered(out: &Path, index: usize, count: usize) -> PathBuf {
    if count == 1 {
        return out.to_owned();
    }
    let stem = out.file_stem().unwrap_or_default().to_string_lossy();
    let extension = out
        .extension()
        .map_or("png".into(), |ext| ext.to_string_lossy());
    out.with_file_name(format!("{stem}-{}-of-{count}.{extension}", index + 1))
}
