//! Twofold's core: everything that is not a window.
//!
//! - [`otp`]: secrets, parameters and codes (TOTP, HOTP, Steam);
//! - [`uri`]: `otpauth://` URIs;
//! - [`migration`]: Google Authenticator transfer payloads;
//! - [`draft`]: an account found somewhere, before it is stored;
//! - [`import`]: other authenticators' exports;
//! - [`export`]: encrypted backups, URI lists, transfer codes;
//! - [`auto_backup`]: encrypted backups written after every change;
//! - [`backup_codes`]: one-time backup codes, parsed from pasted text;
//! - [`qr`]: finding every QR code in an image, drawing QR codes;
//! - [`scan`]: what scanned QR texts hold for Twofold;
//! - [`vault`]: stored accounts, secrets in the OS keyring;
//! - [`settings`]: the user's preferences;
//! - [`tray_menu`]: the accounts of the tray menu;
//! - [`process`]: no core dumps, no tracing of the process holding secrets.

pub mod app_lock;
pub mod auto_backup;
pub mod backup_codes;
pub mod draft;
pub mod export;
pub mod files;
pub mod import;
pub mod migration;
pub mod otp;
pub mod process;
pub mod qr;
pub mod random;
pub mod scan;
pub mod settings;
pub mod tray_menu;
pub mod uri;
pub mod vault;

pub use draft::AccountDraft;
pub use otp::{Algorithm, Code, Otp, OtpKind, Secret};
