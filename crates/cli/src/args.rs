//! The command line, as clap reads it.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Two-factor authentication codes (TOTP, HOTP, Steam) in the terminal.
///
/// Secrets are kept in the operating system's keyring and account details in
/// the data directory ($TWOFOLD_DATA_DIR, else ~/.local/share/twofold), shared
/// with the Twofold desktop app. QUERY picks an account by a part of its issuer
/// or name (any case), or by its id.
#[derive(Debug, Parser)]
#[command(name = "twofold", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When the secrets are protected with the lock password: read it from
    /// the first line of standard input instead of asking on the terminal
    /// (the rest of the input goes to the command).
    #[arg(long, global = true)]
    pub lock_password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the code of an otpauth:// URI, without storing anything.
    ///
    /// TOTP and Steam: the code at the given time (now by default).
    /// HOTP: the code at the URI's counter.
    Generate {
        /// An otpauth:// URI, e.g. "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP".
        uri: String,
        /// Compute the code at this Unix time (seconds) instead of now.
        #[arg(long, value_name = "UNIX_SECONDS")]
        at: Option<u64>,
    },
    /// Add an account, from an otpauth:// URI or from a setup key.
    ///
    /// Examples:
    ///   twofold add 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP'
    ///   twofold add --issuer GitHub --name alice --secret 'jbsw y3dp ehpk 3pxp'
    ///   echo "$KEY" | twofold add --issuer GitHub --name alice --secret -
    #[command(verbatim_doc_comment)]
    Add(AddArgs),
    /// List the accounts, as the app shows them: favourites, then groups, then the rest.
    List {
        /// Print a JSON array for scripts.
        #[arg(long)]
        json: bool,
        /// Show each account's current code too (TOTP and Steam; HOTP codes
        /// come from `twofold code`, which advances the counter).
        #[arg(long)]
        codes: bool,
    },
    /// Print an account's current code (HOTP: advance the counter, then print).
    Code {
        query: String,
        /// Compute a TOTP/Steam code at this Unix time (seconds) instead of now.
        #[arg(long, value_name = "UNIX_SECONDS")]
        at: Option<u64>,
    },
    /// Change an account's issuer, name, group or favourite mark.
    Edit(EditArgs),
    /// Remove an account and its secret. You may lose access to the site.
    Remove {
        query: String,
        /// Confirm the removal.
        #[arg(long)]
        yes: bool,
    },
    /// Find the 2FA QR codes in images (screenshots, photos) or on the screen
    /// and print them.
    ///
    /// Prints the text of each otpauth:// or otpauth-migration:// code found,
    /// one per line. Other QR codes are reported on standard error.
    Scan {
        /// PNG, JPEG, WebP, BMP or GIF files.
        #[arg(required_unless_present = "screen", value_name = "IMAGE")]
        images: Vec<std::path::PathBuf>,
        /// Capture every screen and scan it (X11; on Wayland wlr-screencopy
        /// or the desktop's Screenshot portal, which may ask first).
        #[arg(long)]
        screen: bool,
        /// Also add the accounts found (transfer codes: every account in them).
        #[arg(long)]
        add: bool,
    },
    /// Import the accounts of another authenticator's export.
    ///
    /// The format is detected from the content; the formats read are those
    /// of --from.
    Import {
        file: std::path::PathBuf,
        /// The format, when detection is not wanted.
        #[arg(long = "from", value_name = "FORMAT", value_enum)]
        format: Option<twofold_core::import::Format>,
        /// Read the export's password from standard input.
        #[arg(long)]
        password_stdin: bool,
        /// Print the accounts as otpauth:// URIs, one per line, and store nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export every account.
    ///
    /// aegis: an encrypted backup (Aegis's vault format, which Aegis imports
    /// too) with groups, favourites and backup codes; the password (at least 8
    /// characters) is read from standard input. uris: one otpauth:// URI a
    /// line, NOT encrypted. google-qr: Google Authenticator transfer QR codes
    /// as PNG images, OUT-1-of-N.png when one code cannot hold them all.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file to write ("-" for standard output, except google-qr).
        out: std::path::PathBuf,
        /// Read the backup's password from standard input (aegis).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Compare the account list with the keyring, and repair what can be.
    ///
    /// Reports each account: fine, secret missing from the keyring, keyring
    /// entry unreadable; and each keyring entry the list does not hold. With
    /// --repair, a lost or damaged list is rebuilt from the keyring (whose
    /// entries describe their accounts) and old entries get their accounts'
    /// details. Nothing is ever deleted from the keyring. Exits non-zero while
    /// a problem remains.
    Doctor {
        /// List again the accounts found only in the keyring, and upgrade old entries.
        #[arg(long)]
        repair: bool,
    },
    /// Automatic encrypted backups, and restoring a backup.
    #[command(subcommand)]
    Backup(BackupCommand),
    /// Keep the one-time backup codes a site gave you.
    #[command(subcommand, name = "backup-codes")]
    BackupCodes(BackupCodesCommand),
    /// The app lock: a password the window, its tray menu and its quick pick
    /// ask for once Twofold has locked. It keeps people at your desk out of
    /// the window; it does not guard the keyring or this command line.
    #[command(subcommand)]
    Lock(LockCommand),
}

#[derive(Debug, Subcommand)]
pub enum LockCommand {
    /// Set the lock password, read from standard input (6 characters or
    /// more). To change it, standard input holds the current password on the
    /// first line and the new one on the second.
    On,
    /// Remove the lock; the current password is read from standard input.
    Off {
        /// Remove it without the password (forgotten, or unreadable).
        #[arg(long)]
        forget: bool,
    },
    /// Say whether a lock password is set, and whether it protects the
    /// secrets.
    Status,
    /// Protect the secrets with the lock password: every account's keyring
    /// entry then holds only ciphertext, which other programs cannot read,
    /// and Twofold asks for the password before it shows a code. The lock
    /// password is read from standard input. A forgotten password cannot be
    /// recovered, so an encrypted backup holding every account is needed
    /// first.
    Protect {
        /// Go ahead without a backup Twofold knows of (you keep one elsewhere).
        #[arg(long)]
        i_have_a_backup: bool,
    },
    /// Store the secrets plainly in the keyring again (the lock stays); the
    /// lock password is read from standard input.
    Unprotect,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// An otpauth:// URI ("-" reads it from standard input).
    #[arg(conflicts_with_all = ["issuer", "name", "secret"], required_unless_present = "secret")]
    pub uri: Option<String>,
    /// The service, e.g. GitHub.
    #[arg(long)]
    pub issuer: Option<String>,
    /// The account at the service, e.g. alice@example.com.
    #[arg(long)]
    pub name: Option<String>,
    /// The setup key, as the site shows it ("-" reads it from standard input,
    /// which keeps it out of your shell history).
    #[arg(long, requires = "name")]
    pub secret: Option<String>,
    #[arg(long = "type", value_enum, default_value_t = KindArg::Totp)]
    pub kind: KindArg,
    #[arg(long, default_value = "SHA1")]
    pub algorithm: String,
    #[arg(long, default_value_t = 6)]
    pub digits: u8,
    /// Seconds per TOTP code.
    #[arg(long, default_value_t = 30)]
    pub period: u32,
    /// The HOTP counter.
    #[arg(long, default_value_t = 0)]
    pub counter: u64,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub query: String,
    #[arg(long)]
    pub issuer: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    /// The group to put the account in; "" takes it out of its group.
    #[arg(long)]
    pub group: Option<String>,
    #[arg(long, value_name = "true|false")]
    pub favorite: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Aegis,
    Uris,
    GoogleQr,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Totp,
    Hotp,
    Steam,
}

impl KindArg {
    /// The name clap knows it by, which is the core's (`totp`, `hotp`,
    /// `steam`).
    pub fn name(self) -> String {
        self.to_possible_value()
            .map(|value| value.get_name().to_owned())
            .unwrap_or_default()
    }
}

#[derive(Debug, Subcommand)]
pub enum BackupCodesCommand {
    /// Add the codes in the text on standard input (paste what the site shows).
    Add { query: String },
    /// Replace all codes with those on standard input (the site made new ones).
    Replace { query: String },
    /// List the codes and which are used.
    List {
        query: String,
        #[arg(long)]
        json: bool,
    },
    /// Mark a code used (the first unused one if none is given) and print it.
    Use { query: String, code: Option<String> },
    /// Mark a used code unused again.
    Unuse { query: String, code: String },
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Turn automatic backups on: after every change, an encrypted backup of
    /// every account is written into FOLDER (a synced folder works), and the
    /// newest KEEP are kept. The password (8 characters or more) is read from
    /// standard input and kept in the keyring.
    On {
        folder: std::path::PathBuf,
        #[arg(long, default_value_t = twofold_core::auto_backup::DEFAULT_KEEP)]
        keep: usize,
    },
    /// Turn automatic backups off (the backups written stay).
    Off,
    /// Write a backup now.
    Now,
    /// Say whether backups are on, where, and when the last one was made.
    Status,
    /// Restore the accounts of an encrypted backup (Twofold's or Aegis's);
    /// the password is read from standard input. Accounts already stored are
    /// skipped.
    Restore {
        file: std::path::PathBuf,
        /// Print the accounts as otpauth:// URIs and store nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

impl BackupCodesCommand {
    /// Whether the command changes the stored codes.
    pub fn changes(&self) -> bool {
        !matches!(self, BackupCodesCommand::List { .. })
    }
}
