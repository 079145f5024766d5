//! One-time backup codes: getting them out of the text a website shows, and
//! keeping track of which are used.
//!
//! Sites show codes in many layouts: one per line, in two columns, numbered
//! (`1.`, `2)`), comma-separated, grouped with a dash (GitHub `abcde-12345`) or a
//! single space (Google `1234 5678`), between lines of prose ("Your backup
//! codes:", "Keep these safe"). Codes are separated by newlines, commas, tabs,
//! semicolons or two or more spaces; a code's groups by one dash or one space.
//!
//! Telling codes from prose: the codes of one list share one shape (the lengths
//! of their groups, `[4, 4]` for `1234 5678`). The list's shape is the most
//! common shape among candidates holding a digit, or, when none does, a shape
//! at least two candidates share; only candidates of that shape are codes. Prose
//! ("Generated Nov 23", "Keep these safe") rarely repeats a code's exact shape.

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Shortest and longest code accepted, counting letters and digits only.
const MIN_LEN: usize = 4;
const MAX_LEN: usize = 64;

/// One backup code and when it was used, if it was.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct BackupCode {
    pub code: String,
    /// Unix time (s) the code was marked used.
    #[serde(default)]
    pub used_at: Option<u64>,
}

/// Without the code: a backup code is a password.
impl std::fmt::Debug for BackupCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackupCode")
            .field("used_at", &self.used_at)
            .finish_non_exhaustive()
    }
}

impl BackupCode {
    pub fn new(code: String) -> Self {
        Self {
            code,
            used_at: None,
        }
    }

    pub fn is_used(&self) -> bool {
        self.used_at.is_some()
    }

    /// Whether `typed` is this code, ignoring case, spaces and dashes.
    pub fn matches(&self, typed: &str) -> bool {
        normalize(&self.code) == normalize(typed)
    }
}

/// The codes found in pasted text, in order, without duplicates.
pub fn parse(text: &str) -> Vec<String> {
    let candidates: Vec<Candidate> = tokens(text).filter_map(Candidate::new).collect();
    let shape = most_common_shape(candidates.iter().filter(|c| c.has_digit), 1)
        .or_else(|| most_common_shape(candidates.iter(), 2));
    let mut seen = std::collections::HashSet::new();
    candidates
        .into_iter()
        .filter(|candidate| Some(&candidate.shape) == shape.as_ref())
        .filter(|candidate| seen.insert(normalize(&candidate.text)))
        .map(|candidate| candidate.text)
        .collect()
}

/// The codes as a text file to keep: a heading, then one code a line, used ones
/// marked with the day they were used.
pub fn as_text(account_label: &str, codes: &[BackupCode]) -> String {
    let mut text = format!(
        "Backup codes for {account_label}\nEach code works once. Keep this file somewhere safe.\n\n"
    );
    for code in codes {
        match code.used_at {
            Some(at) => text.push_str(&format!("{}  (used {})\n", code.code, day(at))),
            None => text.push_str(&format!("{}\n", code.code)),
        }
    }
    text
}

/// A Unix time as YYYY-MM-DD (UTC).
fn day(unix: u64) -> String {
    timestamp(unix).chars().take(10).collect()
}

/// A Unix time as RFC 3339 (UTC, seconds).
fn timestamp(unix: u64) -> String {
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(unix);
    humantime::format_rfc3339_seconds(time).to_string()
}

/// The first line of a note that holds backup codes.
const NOTE_HEADING: &str = "Backup codes (Twofold):";
const USED: &str = "  (used ";

/// The codes as the note of an exported account: a heading line, then one
/// code a line, used ones with the time they were used. Readable in Aegis,
/// and read back exactly by [`from_note`].
pub fn as_note(codes: &[BackupCode]) -> String {
    let mut note = String::from(NOTE_HEADING);
    for code in codes {
        note.push('\n');
        note.push_str(&code.code);
        if let Some(at) = code.used_at {
            note.push_str(&format!("{USED}{})", timestamp(at)));
        }
    }
    note
}

/// The codes of a note written by [`as_note`]; `None` for any other note.
pub fn from_note(note: &str) -> Option<Vec<BackupCode>> {
    let mut lines = note.lines();
    if lines.next()?.trim() != NOTE_HEADING {
        return None;
    }
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| match line.split_once(USED) {
            Some((code, used)) => {
                let at = humantime::parse_rfc3339(used.trim_end_matches(')')).ok()?;
                let at = at.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
                Some(BackupCode {
                    code: code.trim().to_owned(),
                    used_at: Some(at),
                })
            }
            None => Some(BackupCode::new(line.trim().to_owned())),
        })
        .collect()
}

/// How many of `codes` are unused.
pub fn remaining(codes: &[BackupCode]) -> usize {
    codes.iter().filter(|code| !code.is_used()).count()
}

struct Candidate {
    text: String,
    has_digit: bool,
    /// The length of each group, e.g. `[5, 5]` for `abcde-12345`.
    shape: Vec<usize>,
}

impl Candidate {
    fn new(token: &str) -> Option<Self> {
        let text = strip_numbering(token.trim()).trim();
        let groups: Vec<&str> = text.split([' ', '-']).collect();
        let well_formed = groups
            .iter()
            .all(|group| !group.is_empty() && group.chars().all(|c| c.is_ascii_alphanumeric()));
        let length: usize = groups.iter().map(|group| group.len()).sum();
        if !well_formed || !(MIN_LEN..=MAX_LEN).contains(&length) {
            return None;
        }
        Some(Self {
            text: text.to_owned(),
            has_digit: text.chars().any(|c| c.is_ascii_digit()),
            shape: groups.iter().map(|group| group.len()).collect(),
        })
    }
}

/// Splits on newlines, commas, tabs, semicolons and runs of two or more spaces.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', '\r', ',', '\t', ';', '\u{a0}'])
        .flat_map(|part| part.split("  "))
        .map(str::trim)
        .filter(|token| !token.is_empty())
}

/// Drops a list number (`1.`, `12)`) or bullet (`•`, `*`, `- `) in front of a code.
fn strip_numbering(token: &str) -> &str {
    let token = token
        .trim_start_matches(['•', '*', '·', '□', '☐'])
        .trim_start();
    let token = token
        .strip_prefix("- ")
        .or_else(|| token.strip_prefix("– "))
        .unwrap_or(token)
        .trim_start();
    let digits = token.chars().take_while(char::is_ascii_digit).count();
    match token[digits..].chars().next() {
        Some('.' | ')') if (1..=3).contains(&digits) => token[digits + 1..].trim_start(),
        _ => token,
    }
}

fn most_common_shape<'a>(
    candidates: impl Iterator<Item = &'a Candidate>,
    at_least: usize,
) -> Option<Vec<usize>> {
    let mut counts: Vec<(&Vec<usize>, usize)> = Vec::new();
    for candidate in candidates {
        match counts
            .iter_mut()
            .find(|(shape, _)| **shape == candidate.shape)
        {
            Some((_, count)) => *count += 1,
            None => counts.push((&candidate.shape, 1)),
        }
    }
    counts
        .into_iter()
        .filter(|(_, count)| *count >= at_least)
        .max_by_key(|(_, count)| *count)
        .map(|(shape, _)| shape.clone())
}

fn normalize(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_recovery_codes_file() {
        let text = "bd4a1-0c37c\n3cf4e-95e11\n6f5ff-7f62b\n0b0d1-8a06d\nb77f1-a7c6c\n\
                    e1b6b-5d4c4\n8b6a8-21c9e\nd1e3c-8bd92\na8b39-de8b8\n9b20c-1c63f\n\
                    f0aef-4c5e8\n47f44-6f8b9\n4c9c6-b7e5d\n4f6ad-49b1f\n66a90-fc0e4\n2a7c4-5b1a5\n";
        let codes = parse(text);
        assert_eq!(codes.len(), 16);
        assert_eq!(codes[0], "bd4a1-0c37c");
    }

    #[test]
    fn google_two_columns_with_numbers_and_prose() {
        let text = "BACKUP VERIFICATION CODES\n\nalice@gmail.com\n\n\
                    1. 7364 1926      6. 3318 0245\n\
                    2. 5491 2208      7. 9097 1644\n\
                    3. 6652 8870      8. 1543 6699\n\
                    4. 8203 4415      9. 2760 5583\n\
                    5. 4407 7321     10. 0981 2256\n\n\
                    * You can only use each backup code once.\n* Need more? Visit g.co/2sv\n\
                    * Generated Nov 23, 2026";
        let codes = parse(text);
        assert_eq!(codes.len(), 10, "{codes:?}");
        assert_eq!(codes[0], "7364 1926");
        assert_eq!(codes[1], "3318 0245");
        assert_eq!(codes[9], "0981 2256");
    }

    #[test]
    fn comma_and_tab_separated_with_prose_lines() {
        let text = "Your backup codes:\n1234-5678, 2345-6789,\t3456-7890\nKeep these safe";
        assert_eq!(parse(text), ["1234-5678", "2345-6789", "3456-7890"]);
    }

    #[test]
    fn numbered_with_parentheses_and_duplicates_once() {
        let text = "1) abcd1234\n2) efgh5678\n3) ABCD1234";
        assert_eq!(parse(text), ["abcd1234", "efgh5678"]);
    }

    #[test]
    fn letters_only_codes_need_a_shared_shape() {
        let text = "Recovery codes\nqwrt-zxcv-plmn\nhjkl-asdf-yuio\nmnbv-cxzl-kjhg\nStore them somewhere safe";
        assert_eq!(
            parse(text),
            ["qwrt-zxcv-plmn", "hjkl-asdf-yuio", "mnbv-cxzl-kjhg"]
        );
        assert!(parse("Important\nKeep these safe").is_empty());
    }

    #[test]
    fn a_letters_only_code_among_digit_codes_is_kept_by_shape() {
        assert_eq!(
            parse("abcde-12345\nabcde-fghij\nwords here"),
            ["abcde-12345", "abcde-fghij"]
        );
    }

    /// Layouts of other large sites, as their pages and downloaded files show them.
    #[test]
    fn other_sites() {
        let cases: [(&str, &[&str]); 8] = [
            // Facebook: two columns of "1234 5678".
            (
                "Recovery codes\n1234 5678   2345 6789\n3456 7890   4567 8901\n",
                &["1234 5678", "2345 6789", "3456 7890", "4567 8901"],
            ),
            // X (Twitter): one 12-character code.
            ("Your backup code is:\nq4hz7kdm2w8p\n", &["q4hz7kdm2w8p"]),
            // Discord's discord_backup_codes.txt: bulleted, 8 characters in two groups.
            (
                "Your Discord backup codes are:\n\n* 4b2c-9d1e\n* 7a6f-0c3b\n- 1e8d-5f2a\n",
                &["4b2c-9d1e", "7a6f-0c3b", "1e8d-5f2a"],
            ),
            // GitLab: 16 hex digits a line.
            (
                "d5a6b2c1e9f04a3b\n0f1e2d3c4b5a6978\n",
                &["d5a6b2c1e9f04a3b", "0f1e2d3c4b5a6978"],
            ),
            // npm: 64 hex digits a line.
            (
                "c8e9b1f0a2d34e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b\n",
                &["c8e9b1f0a2d34e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b"],
            ),
            // Microsoft: one 25-character recovery code in five groups.
            (
                "Your new recovery code\nABCD2-EFGH3-JKLM4-NPQR5-STUV6\n",
                &["ABCD2-EFGH3-JKLM4-NPQR5-STUV6"],
            ),
            // Proton: 8 hex digits, comma-separated when copied.
            (
                "a1b2c3d4, e5f6a7b8, c9d0e1f2",
                &["a1b2c3d4", "e5f6a7b8", "c9d0e1f2"],
            ),
            // Dropbox: numbered, "xxxx xxxx" groups, a date line.
            (
                "Dropbox backup codes (generated 2026-11-23)\n1. 7yhb k2rf\n2. m4np 8sx3\n",
                &["7yhb k2rf", "m4np 8sx3"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), expected, "{text}");
        }
    }

    #[test]
    fn text_file_marks_used_codes_with_their_day() {
        let codes = [
            BackupCode::new("1234 5678".into()),
            BackupCode {
                code: "2345 6789".into(),
                used_at: Some(1_795_392_000),
            },
        ];
        let text = as_text("GitHub (alice)", &codes);
        assert!(text.starts_with("Backup codes for GitHub (alice)\n"));
        assert!(
            text.contains("\n1234 5678\n2345 6789  (used 2026-11-23)\n"),
            "{text}"
        );
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(951_782_400), "2000-02-29");
    }

    #[test]
    fn notes_keep_codes_and_use_times_exactly() {
        let codes = vec![
            BackupCode::new("abcde-12345".into()),
            BackupCode {
                code: "2345 6789".into(),
                used_at: Some(1_795_392_061),
            },
        ];
        let note = as_note(&codes);
        assert_eq!(
            note,
            "Backup codes (Twofold):\nabcde-12345\n2345 6789  (used 2026-11-23T00:01:01Z)"
        );
        assert_eq!(from_note(&note), Some(codes));
        assert_eq!(from_note("my own note"), None);
        assert_eq!(
            from_note("Backup codes (Twofold):\nx  (used yesterday)"),
            None
        );
    }

    #[test]
    fn matching_ignores_case_spaces_and_dashes() {
        let code = BackupCode::new("abcde-12345".into());
        assert!(code.matches("ABCDE12345") && code.matches(" abcde 12345 "));
        assert!(!code.matches("abcde-12346"));
    }
}
