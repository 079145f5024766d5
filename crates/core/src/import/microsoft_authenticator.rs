//! Microsoft Authenticator's own database (from a rooted phone): table
//! `accounts` with `name` (the issuer), `username` and the base32
//! `oath_secret_key`. Only `account_type` 0 accounts are standard TOTP
//! (SHA1, 6 digits, 30 s); Microsoft's own work and personal accounts sign
//! in through the app and are listed as not imported.

use super::{Fields, ImportError, Imported, sqlite};
use crate::otp::Secret;

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    sqlite::looks_like(bytes, &[b"`oath_secret_key`", b"`account_type`"])
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let connection = sqlite::open(bytes)?;
    let rows = sqlite::rows(
        &connection,
        "SELECT name, username, oath_secret_key, account_type FROM accounts ORDER BY _id",
        |row| {
            Ok((
                sqlite::text(row, 0)?,
                sqlite::text(row, 1)?,
                sqlite::text(row, 2)?,
                sqlite::number(row, 3)?,
            ))
        },
    )?;
    Ok(Imported::from_entries(rows.iter().map(
        |(issuer, name, secret, account_type)| {
            let draft = if *account_type == 0 {
                super::checked(Fields {
                    issuer,
                    name,
                    kind: "totp",
                    algorithm: None,
                    digits: None,
                    period: None,
                    counter: None,
                    secret: Secret::from_base32(secret),
                    group: None,
                })
            } else {
                Err(
                    "a Microsoft account, which signs in through Microsoft Authenticator itself"
                        .to_owned(),
                )
            };
            (crate::draft::label(issuer, name), draft)
        },
    )))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::summary;

    #[test]
    fn reads_standard_accounts_and_lists_microsoft_ones() {
        let bytes = sqlite::database(
            "CREATE TABLE `accounts` (`_id` INTEGER PRIMARY KEY AUTOINCREMENT, `name` TEXT NOT NULL, `username` TEXT NOT NULL, `oath_secret_key` TEXT NOT NULL, `account_type` INTEGER NOT NULL);
             INSERT INTO accounts (name, username, oath_secret_key, account_type) VALUES
               ('GitHub', 'alice', 'JBSWY3DPEHPK3PXP', 0),
               ('Microsoft', 'bob@outlook.com', 'abc', 1);",
        );
        assert!(looks_like(&bytes));
        let imported = read(&bytes).unwrap();
        assert_eq!(
            summary(&imported),
            [("GitHub", "alice", OtpKind::Totp { period: 30 })]
        );
        assert_eq!(imported.skipped[0].0, "Microsoft (bob@outlook.com)");
    }
}
