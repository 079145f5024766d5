//! `twofold scan`: OTP codes printed, everything else explained, bad input
//! refused with a non-zero exit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use twofold_core::{migration, qr, uri};

#[path = "../../core/tests/common/mod.rs"]
mod common;

fn scan(images: &[&Path]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_twofold"))
        .arg("scan")
        .args(images)
        .output()
        .unwrap()
}

fn png_of(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, qr::render_png(text, 4).unwrap()).unwrap();
    path
}

#[test]
fn prints_otp_codes_and_explains_other_ones() {
    let dir = tempfile::tempdir().unwrap();
    let account = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub";
    let transfer = migration::encode(&[uri::parse(account).unwrap()])
        .unwrap()
        .remove(0);
    let setup = png_of(dir.path(), "setup.png", account);
    let phone = png_of(dir.path(), "phone.png", &transfer);
    let link = png_of(dir.path(), "link.png", "https://example.com/app");

    let output = scan(&[&setup, &phone, &link]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("{account}\n{transfer}\n")
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("link.png: a web link to example.com, not a 2FA setup code"),
        "{stderr}"
    );

    let only_link = scan(&[&link]);
    assert!(!only_link.status.success());
    assert!(only_link.stdout.is_empty());
    assert!(String::from_utf8_lossy(&only_link.stderr).contains("no 2FA setup code found"));
}

#[test]
fn images_without_codes_and_non_images_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("blank.png");
    image::GrayImage::from_pixel(200, 120, image::Luma([255]))
        .save(&blank)
        .unwrap();
    let text = dir.path().join("notes.png");
    std::fs::write(&text, "not really a picture").unwrap();
    let missing = dir.path().join("missing.png");
    let output = scan(&[&blank, &text, &missing]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("blank.png: no QR code found in the image"),
        "{stderr}"
    );
    assert!(
        stderr.contains("notes.png: not an image Twofold can read"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.png: No such file"), "{stderr}");
    assert!(
        stderr.contains("3 of 3 images could not be scanned"),
        "{stderr}"
    );
}

#[test]
fn google_authenticator_export_screenshot() {
    let Some(image) = common::fixture("google_authenticator_migration/example_export.png") else {
        return;
    };
    let output = scan(&[&image]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let accounts: Vec<String> = stdout
        .lines()
        .flat_map(|line| migration::decode(line).unwrap().accounts)
        .map(|draft| {
            format!(
                "{} {} {}",
                draft.issuer,
                draft.name,
                draft.otp.secret().to_base32()
            )
        })
        .collect();
    assert_eq!(
        accounts,
        [
            // The payload's names repeat the issuer ("Test1:test1@…"):
            // the drafts keep only the name.
            "Test1 test1@example1.com JBSWY3DPEHPK3PXP",
            "Test2 test2@example2.com JBSWY3DPEHPK3PXQ",
            "Test3 test3@example3.com JBSWY3DPEHPK3PXR",
        ]
    );
}
