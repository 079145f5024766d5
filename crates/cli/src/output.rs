//! Everything the CLI prints goes through here. Names and texts come from QR
//! codes, files and the keyring: a control character (an escape sequence can
//! rewrite the terminal's title or clipboard) or a bidirectional override
//! (which disguises a name) is shown escaped, never sent raw.

use std::borrow::Cow;
use std::io::Write;

use crate::error::CliError;

/// One line on standard output.
pub fn print_line(line: &str) -> Result<(), CliError> {
    writeln!(std::io::stdout().lock(), "{}", terminal_safe(line))?;
    Ok(())
}

/// One line on standard error (notes, warnings, what was skipped).
pub fn warn(line: &str) {
    // Nothing useful is left to do when standard error is gone.
    let _ = writeln!(std::io::stderr().lock(), "{}", terminal_safe(line));
}

/// `text` with control characters and bidi controls written as `\u{…}`.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unsafe(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

fn is_unsafe(c: char) -> bool {
    c.is_control() || twofold_core::draft::is_bidi_control(c)
}

#[cfg(test)]
mod tests {
    use super::terminal_safe;

    #[test]
    fn escapes_reach_the_terminal_only_as_text() {
        assert_eq!(terminal_safe("GitHub (alice)"), "GitHub (alice)");
        assert_eq!(
            terminal_safe("a\u{1b}]52;c;eA==\u{7}b"),
            "a\\u{1b}]52;c;eA==\\u{7}b"
        );
        assert_eq!(terminal_safe("\u{202e}moc\u{9b}"), "\\u{202e}moc\\u{9b}");
    }
}
