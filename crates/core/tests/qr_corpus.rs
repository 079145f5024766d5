//! Every image of the generated QR corpus reads exactly: all its codes, no
//! other text; an image without a code is a clear error. The corpus comes from
//! `examples/qr_corpus.rs` (`$TWOFOLD_QR_CORPUS`; `make test` generates the
//! subset first).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

mod common;
#[path = "common/corpus.rs"]
mod corpus;

use twofold_core::qr::{self, QrError};
use twofold_core::scan::{self, Scanned};

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("TWOFOLD_QR_CORPUS").map(PathBuf::from);
    if let Some(dir) = dir.filter(|dir| dir.join("manifest.json").is_file()) {
        return Some(dir);
    }
    common::skip("no QR corpus (set TWOFOLD_QR_CORPUS; make test generates it)");
    None
}

#[test]
fn every_corpus_image_reads_exactly() {
    let Some(dir) = corpus() else { return };
    let cases = corpus::cases(&dir).unwrap();
    assert!(cases.len() >= 10, "{} cases", cases.len());
    let mut failures = Vec::new();
    for corpus::Case {
        file,
        path,
        expected,
    } in &cases
    {
        match (qr::decode_file(path), expected.is_empty()) {
            (Err(QrError::NoQrCode), true) => {}
            (Ok(mut texts), false) => {
                texts.sort();
                if &texts != expected {
                    failures.push(format!("{file}: read {texts:?}, expected {expected:?}"));
                }
            }
            (result, _) => failures.push(format!(
                "{file}: {result:?}, expected {} codes",
                expected.len()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} images misread:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn a_web_link_code_is_reported_as_what_it_is() {
    let Some(dir) = corpus() else { return };
    let Some(path) = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.to_string_lossy().contains("negative-web-link"))
    else {
        panic!("the corpus has no negative-web-link case");
    };
    let texts = qr::decode_file(&path).unwrap();
    let Scanned::NotOtp(why) = scan::classify(&texts[0]) else {
        panic!("{texts:?}")
    };
    assert!(why.starts_with("a web link to example.com"), "{why}");
}
