//! Writes a QR code of a text as PNG: test images for the end-to-end tests.
//!
//! ```text
//! cargo run -p twofold-core --example qr_png -- TEXT OUT.png
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [text, out] = args.as_slice() else {
        eprintln!("usage: qr_png TEXT OUT.png");
        return ExitCode::FAILURE;
    };
    let written = twofold_core::qr::render_png(text, 6)
        .map_err(|error| error.to_string())
        .and_then(|png| std::fs::write(out, png).map_err(|error| error.to_string()));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("qr_png: {error}");
            ExitCode::FAILURE
        }
    }
}
