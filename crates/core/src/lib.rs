//! Twofold's core: everything that is not a window.
//!
//! - [`otp`]: secrets, parameters and codes (TOTP, HOTP, Steam);
//! - [`uri`]: `otpauth://` URIs;
//! - [`migration`]: Google Authenticator transfer payloads;
//! - [`draft`]: an account found somewhere, before it is stored.

pub mod draft;
pub mod migration;
pub mod otp;
pub mod uri;

pub use draft::AccountDraft;
pub use otp::{Algorithm, Code, Otp, OtpKind, Secret};
