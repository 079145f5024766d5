//! Google Authenticator's own database (`databases` of the Android app, from
//! a rooted phone): table `accounts` with `email` ("Issuer:name"), the
//! base32 `secret`, `type` (0 TOTP, 1 HOTP), `counter` and `issuer`. The app
//! only ever made SHA1, 6-digit, 30-second codes.

use super::{Fields, ImportError, Imported, sqlite};
use crate::otp::Secret;

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    sqlite::looks_like(
        bytes,
        &[b"CREATE TABLE accounts", b"email TEXT", b"secret TEXT"],
    )
}

struct Row {
    email: String,
    secret: String,
    counter: u64,
    kind: i64,
    issuer: Option<String>,
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let connection = sqlite::open(bytes)?;
    let rows = sqlite::rows(
        &connection,
        "SELECT email, secret, counter, type, issuer FROM accounts ORDER BY _id",
        |row| {
            Ok(Row {
                email: sqlite::text(row, 0)?,
                secret: sqlite::text(row, 1)?,
                counter: sqlite::number(row, 2)?.max(0).cast_unsigned(),
                kind: sqlite::number(row, 3)?,
                issuer: row.get(4)?,
            })
        },
    )?;
    Ok(Imported::from_entries(rows.iter().map(|row| {
        // The name without the issuer the app put before it.
        let (issuer, name) = match (&row.issuer, row.email.split_once(':')) {
            (Some(issuer), Some((prefix, name))) if prefix == issuer => (issuer.as_str(), name),
            (Some(issuer), _) => (issuer.as_str(), row.email.as_str()),
            (None, Some((issuer, name))) => (issuer, name),
            (None, None) => ("", row.email.as_str()),
        };
        let kind = match row.kind {
            0 => Ok("totp"),
            1 => Ok("hotp"),
            other => Err(format!("unknown code type {other}")),
        };
        let draft = kind.and_then(|kind| {
            super::checked(Fields {
                issuer,
                name,
                kind,
                algorithm: None,
                digits: None,
                period: None,
                counter: Some(row.counter),
                secret: Secret::from_base32(&row.secret),
                group: None,
            })
        });
        (crate::draft::label(issuer, name), draft)
    })))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::summary;

    #[test]
    fn reads_the_accounts_table() {
        let bytes = sqlite::database(
            "CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER, provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, original_name TEXT DEFAULT NULL);
             INSERT INTO accounts (email, secret, counter, type, issuer) VALUES
               ('GitHub:alice', 'JBSWY3DPEHPK3PXP', 0, 0, 'GitHub'),
               ('Bank:bob', 'JBSWY3DPEHPK3PXP', 7, 1, NULL),
               ('carol', 'JBSWY3DPEHPK3PXP', 0, 5, NULL);",
        );
        assert!(looks_like(&bytes));
        let imported = read(&bytes).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("Bank", "bob", OtpKind::Hotp { counter: 7 })
            ]
        );
        assert_eq!(
            imported.skipped[0],
            ("carol".to_owned(), "unknown code type 5".to_owned())
        );
    }
}
