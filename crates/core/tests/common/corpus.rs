//! The generated QR corpus's manifest (`examples/qr_corpus.rs` writes it),
//! read in one place for the corpus test and the QR benchmark.

use std::path::{Path, PathBuf};

/// One image of the corpus and the texts its QR codes hold, sorted (none for
/// an image without a code).
pub struct Case {
    pub file: String,
    pub path: PathBuf,
    pub expected: Vec<String>,
}

/// The cases listed in `dir/manifest.json`, or why they cannot be read.
pub fn cases(dir: &Path) -> Result<Vec<Case>, String> {
    let text = std::fs::read_to_string(dir.join("manifest.json"))
        .map_err(|error| format!("{}: {error}", dir.join("manifest.json").display()))?;
    let manifest: serde_json::Value =
        serde_json::from_str(&text).map_err(|error| format!("manifest.json: {error}"))?;
    let cases = manifest["cases"]
        .as_array()
        .ok_or("manifest.json has no cases")?;
    cases
        .iter()
        .map(|case| {
            let file = case["file"].as_str().ok_or("a case without a file")?;
            let mut expected: Vec<String> = case["texts"]
                .as_array()
                .ok_or("a case without texts")?
                .iter()
                .filter_map(|text| text.as_str().map(str::to_owned))
                .collect();
            expected.sort();
            Ok(Case {
                file: file.to_owned(),
                path: dir.join(file),
                expected,
            })
        })
        .collect()
}
