//! What the UI is sent: metadata and codes, never a secret (except the
//! explicit reveal commands, which return one string).

use serde::Serialize;
use twofold_core::otp::CodePair;
use twofold_core::vault::{Account, AccountCode, BackupCodeCounts};
use twofold_core::{AccountDraft, Code, OtpKind};

use crate::error::IpcError;

#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Serialize)]
pub struct CodeView {
    pub value: String,
    pub next: Option<String>,
    /// Unix seconds; `None` for HOTP.
    pub valid_from: Option<u64>,
    pub valid_until: Option<u64>,
}

impl From<CodePair> for CodeView {
    fn from(pair: CodePair) -> Self {
        Self {
            value: pair.current.value,
            next: pair.next.map(|next| next.value),
            valid_from: pair.current.valid_from,
            valid_until: pair.current.valid_until,
        }
    }
}

impl From<Code> for CodeView {
    fn from(code: Code) -> Self {
        Self {
            value: code.value,
            next: None,
            valid_from: code.valid_from,
            valid_until: code.valid_until,
        }
    }
}

/// The code parameters, as the UI shows them.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Serialize)]
pub struct ParamsView {
    #[cfg_attr(test, ts(type = "OtpKind[\"type\"]"))]
    pub kind: &'static str,
    #[cfg_attr(test, ts(type = "Algorithm"))]
    pub algorithm: &'static str,
    pub digits: u8,
    pub period: Option<u32>,
    pub counter: Option<u64>,
}

impl ParamsView {
    fn new(kind: OtpKind, algorithm: twofold_core::Algorithm, digits: u8) -> Self {
        Self {
            kind: kind.name(),
            algorithm: algorithm.as_str(),
            digits,
            period: kind.period(),
            counter: kind.counter(),
        }
    }
}

#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Serialize)]
pub struct AccountView {
    pub id: String,
    pub issuer: String,
    pub name: String,
    pub group: Option<String>,
    pub favorite: bool,
    pub params: ParamsView,
    pub backup_codes: BackupCodeCounts,
    /// `None` for HOTP (its code is shown on request) and on error.
    pub code: Option<CodeView>,
    pub error: Option<IpcError>,
}

impl AccountView {
    pub fn new(account: Account, code: Option<CodeView>, error: Option<IpcError>) -> Self {
        Self {
            params: ParamsView::new(account.kind, account.algorithm, account.digits),
            id: account.id,
            issuer: account.issuer,
            name: account.name,
            group: account.group,
            favorite: account.favorite,
            backup_codes: account.backup_codes,
            code,
            error,
        }
    }
}

impl From<AccountCode> for AccountView {
    fn from(AccountCode { account, code }: AccountCode) -> Self {
        match code {
            Ok(pair) => Self::new(account, pair.map(CodeView::from), None),
            Err(error) => Self::new(account, None, Some(error.into())),
        }
    }
}

/// Accounts found by a scan, a paste or a typed key, waiting for the user.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Serialize)]
pub struct PendingView {
    pub id: String,
    pub accounts: Vec<DraftView>,
    /// What else was found and is left out (QR codes that are not 2FA codes,
    /// unusable entries of an import), as sentences.
    pub notes: Vec<String>,
    /// The app an import came from ("2FAS"), for the message once added.
    pub source: Option<String>,
}

#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Serialize)]
pub struct DraftView {
    pub index: usize,
    pub issuer: String,
    pub name: String,
    pub params: ParamsView,
    /// Already in Twofold: shown, unticked, never added twice.
    pub already_stored: bool,
    /// What an import brings along.
    pub group: Option<String>,
    pub favorite: bool,
    pub backup_codes: usize,
}

impl DraftView {
    pub fn new(index: usize, draft: &AccountDraft, already_stored: bool) -> Self {
        let otp = &draft.otp;
        Self {
            index,
            issuer: draft.issuer.clone(),
            name: draft.name.clone(),
            params: ParamsView::new(otp.kind(), otp.algorithm(), otp.digits()),
            already_stored,
            group: draft.group.clone(),
            favorite: draft.favorite,
            backup_codes: draft.backup_codes.len(),
        }
    }
}

/// Google Authenticator transfer codes, shown one after another.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Serialize)]
pub struct TransferView {
    /// SVG images, in order.
    pub codes: Vec<String>,
    /// Accounts left out, as sentences.
    pub left_out: Vec<String>,
}

#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Serialize)]
pub struct CopiedView {
    pub label: String,
    /// Seconds until the clipboard is cleared; 0: it is not.
    pub clears_in: u32,
    /// HOTP: the code just made (a list shows none until it is used).
    pub hotp_code: Option<String>,
}

#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Serialize)]
pub struct AddedView {
    pub id: String,
    pub label: String,
}
