//! Android "shared preferences" files: a `<map>` of named, typed values. The
//! internal files of several authenticators (Authy, Battle.net, TOTP
//! Authenticator, FreeOTP's `tokens.xml`) are such files, their accounts
//! kept as JSON or hex text in `<string>` values. roxmltree refuses DTDs, so
//! no entity can expand.

use super::ImportError;

/// The `<string>` values of a preferences file, in file order.
pub(super) struct Prefs {
    strings: Vec<(String, String)>,
}

impl Prefs {
    /// The file as preferences, or `None` when it is not one.
    pub(super) fn parse(bytes: &[u8]) -> Option<Prefs> {
        let text = std::str::from_utf8(bytes).ok()?;
        if !text.trim_start().starts_with("<?xml") && !text.trim_start().starts_with("<map") {
            return None;
        }
        let document = roxmltree::Document::parse(text).ok()?;
        let root = document.root_element();
        if root.tag_name().name() != "map" {
            return None;
        }
        let strings = root
            .children()
            .filter(|node| node.has_tag_name("string"))
            .filter_map(|node| {
                let name = node.attribute("name")?;
                Some((name.to_owned(), node.text().unwrap_or_default().to_owned()))
            })
            .collect();
        Some(Prefs { strings })
    }

    /// The file's preferences, or why it cannot be read as such.
    pub(super) fn read(bytes: &[u8]) -> Result<Prefs, ImportError> {
        Prefs::parse(bytes).ok_or_else(|| {
            ImportError::Damaged("not a valid Android preferences file (XML)".into())
        })
    }

    /// The string named `name`.
    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.strings
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every string, as `(name, value)`.
    pub(super) fn strings(&self) -> impl Iterator<Item = (&str, &str)> {
        self.strings
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }
}

/// A preferences file of `strings` (name, value) as Android writes one,
/// values escaped as XML text, for tests.
#[cfg(test)]
pub(super) fn write(strings: &[(&str, &str)]) -> Vec<u8> {
    let escape = |text: &str| {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    };
    let mut file =
        String::from("<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n");
    for (name, value) in strings {
        file.push_str(&format!(
            "    <string name=\"{}\">{}</string>\n",
            escape(name),
            escape(value)
        ));
    }
    file.push_str("</map>\n");
    file.into_bytes()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn reads_the_strings_and_refuses_entities() {
        let prefs = Prefs::parse(
            br#"<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
<map><int name="n" value="3" /><string name="a">[{&quot;x&quot;:1}]</string><string name="b" /></map>"#,
        )
        .unwrap();
        assert_eq!(prefs.get("a"), Some(r#"[{"x":1}]"#));
        assert_eq!(prefs.strings().count(), 2);
        assert!(prefs.get("n").is_none(), "only strings");
        let bomb = br#"<?xml version="1.0"?><!DOCTYPE map [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><map><string name="x">&b;</string></map>"#;
        assert!(Prefs::parse(bomb).is_none());
        assert!(Prefs::parse(b"{\"tokens\": []}").is_none());
    }
}
