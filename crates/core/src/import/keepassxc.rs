//! KeePassXC's CSV export: `"Group","Title","Username","Password","URL",
//! "Notes","TOTP",…`. The TOTP column holds the entry's `otpauth://` URI
//! (or a bare key); the title names the service when the URI does not, and
//! the group path (without the database's root) is the group.

use super::{ImportError, Imported};

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    let header = bytes
        .split(|byte| *byte == b'\n')
        .next()
        .unwrap_or_default();
    let columns: Vec<String> = std::str::from_utf8(header)
        .unwrap_or_default()
        .split(',')
        .map(|column| column.trim().trim_matches('"').to_owned())
        .collect();
    ["Group", "Title", "Username", "TOTP"]
        .iter()
        .all(|name| columns.iter().any(|column| column == name))
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader.headers().map_err(super::damaged)?.clone();
    let column = |name: &str| headers.iter().position(|header| header.trim() == name);
    let totp = column("TOTP").ok_or_else(|| ImportError::Damaged("no TOTP column".into()))?;
    let (group, title, username) = (column("Group"), column("Title"), column("Username"));
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record.map_err(super::damaged)?;
        let field = |at: Option<usize>| at.and_then(|at| record.get(at)).unwrap_or_default().trim();
        let value = field(Some(totp));
        if value.is_empty() {
            continue;
        }
        let (title, username) = (field(title), field(username));
        // The database's root group is where every entry is: not a group.
        let path = field(group);
        let group = path
            .split_once('/')
            .map_or(if path == "Root" { "" } else { path }, |(_, rest)| rest);
        let group = Some(group).filter(|group| !group.is_empty());
        let draft = super::totp_field(value, title, username, group);
        entries.push((crate::draft::label(title, username), draft));
    }
    Ok(Imported::from_entries(entries))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::summary;

    #[test]
    fn reads_the_totp_column_with_titles_and_groups() {
        let export = "\"Group\",\"Title\",\"Username\",\"Password\",\"URL\",\"Notes\",\"TOTP\",\"Icon\",\"Last Modified\",\"Created\"\n\
            \"Root/Work\",\"GitHub\",\"alice\",\"pw\",\"https://github.com\",\"\",\"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&period=30&digits=6&issuer=GitHub\",\"0\",\"2024-01-01T00:00:00Z\",\"2024-01-01T00:00:00Z\"\n\
            \"Root\",\"Bank\",\"bob\",\"pw\",\"\",\"\",\"otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP&digits=8\",\"0\",\"\",\"\"\n\
            \"Root\",\"Mail\",\"carol\",\"pw\",\"\",\"\",\"JBSWY3DPEHPK3PXP\",\"0\",\"\",\"\"\n\
            \"Root\",\"No 2FA\",\"dave\",\"pw\",\"\",\"\",\"\",\"0\",\"\",\"\"\n";
        assert!(looks_like(export.as_bytes()));
        let imported = read(export.as_bytes()).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("Bank", "bob", OtpKind::Totp { period: 30 }),
                ("Mail", "carol", OtpKind::Totp { period: 30 })
            ]
        );
        assert_eq!(imported.accounts[0].group.as_deref(), Some("Work"));
        assert_eq!(imported.accounts[1].group, None);
        assert_eq!(imported.accounts[1].otp.digits(), 8);
    }
}
