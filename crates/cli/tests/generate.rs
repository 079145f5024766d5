//! `twofold generate`: the code and nothing else on stdout; specific errors on
//! stderr with a non-zero exit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

fn twofold(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twofold"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).unwrap()
}

fn stderr(output: &Output) -> &str {
    std::str::from_utf8(&output.stderr).unwrap()
}

#[test]
fn prints_the_totp_code_at_a_given_time() {
    let output = twofold(&[
        "generate",
        "otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8",
        "--at",
        "1111111109",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "07081804\n");
    assert_eq!(stderr(&output), "");
}

#[test]
fn hotp_uses_the_uris_counter_and_steam_its_alphabet() {
    let hotp = twofold(&[
        "generate",
        "otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=9",
    ]);
    assert_eq!(stdout(&hotp), "520489\n");
    let steam = twofold(&[
        "generate",
        "otpauth://steam/Steam:x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        "--at",
        "59",
    ]);
    assert_eq!(stdout(&steam), "PV9M4\n");
}

#[test]
fn now_is_the_default_time() {
    let uri = "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=86400";
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let output = twofold(&["generate", uri]);
    let expected_now = twofold(&["generate", uri, "--at", &before.to_string()]);
    // A one-day period makes a window change between the two calls all but impossible.
    assert_eq!(stdout(&output), stdout(&expected_now));
    assert_eq!(stdout(&output).trim().len(), 6);
}

#[test]
fn bad_uris_fail_with_the_specific_error() {
    for (uri, message) in [
        ("otpauth://totp/x?issuer=A", "missing secret"),
        (
            "otpauth://totp/x?secret=JBSWY3DP&digits=10",
            "digits must be 6 to 8",
        ),
        (
            "otpauth://totp/x?secret=JBSWY3DP&algorithm=MD5",
            "unsupported algorithm MD5",
        ),
        (
            "https://example.com",
            "not an otpauth URI (it is a web link)",
        ),
        (
            "otpauth://totp/x?secret=JBSW0Y3DP",
            "invalid character '0' at position 5",
        ),
    ] {
        let output = twofold(&["generate", uri]);
        assert!(!output.status.success(), "{uri}");
        assert_eq!(stdout(&output), "", "{uri}");
        assert!(
            stderr(&output).contains(message),
            "{uri}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn help_describes_the_commands() {
    let help = twofold(&["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("generate"));
    let generate = twofold(&["generate", "--help"]);
    assert!(stdout(&generate).contains("--at <UNIX_SECONDS>"));
    assert!(stdout(&generate).contains("HOTP: the code at the URI's counter"));
}

/// `--from` takes its names and help from the core's one list of formats.
#[test]
fn import_help_lists_every_format() {
    let help = twofold(&["import", "--help"]);
    for format in twofold_core::import::Format::ALL {
        assert!(
            stdout(&help).contains(&format!("- {}:", format.name())),
            "{}",
            stdout(&help)
        );
    }
    let bogus = twofold(&["import", "x", "--from", "bogus"]);
    assert_eq!(bogus.status.code(), Some(2));
    assert!(stderr(&bogus).contains("possible values: image, aegis, 2fas"));
}
