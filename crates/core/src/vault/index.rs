//! The index file: every account's metadata, as versioned JSON in the data dir.
//!
//! Writes are atomic (temp file, fsync, rename) and the version before each
//! write is kept as `accounts.json.bak`. Every change happens under an
//! exclusive lock on `accounts.lock` and re-reads the file first, so the app
//! and the CLI can change accounts at the same time without losing either's
//! change; reading needs no lock, since a write replaces the file whole. A file that cannot be read is never overwritten: it is renamed aside
//! and the previous version restored, and the user is told.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::account::Account;
use super::error::{Notice, VaultError};
use crate::files::{create_private_dir, private_options, write_atomic};

/// The index format written by this version.
const VERSION: u32 = 1;
const INDEX: &str = "accounts.json";
const BACKUP: &str = "accounts.json.bak";
/// How long a change waits for another process's change to finish.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);
const LOCK: &str = "accounts.lock";

#[derive(Serialize, Deserialize)]
struct IndexDocument {
    version: u32,
    accounts: Vec<Account>,
}

/// The index files of one data dir.
#[derive(Debug)]
pub(crate) struct Index {
    dir: PathBuf,
}

/// Held while the index is read, changed and written; released on drop.
#[derive(Debug)]
pub(crate) struct IndexLock(File);

impl Drop for IndexLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first is tidier.
        let _ = self.0.unlock();
    }
}

impl Index {
    /// Creates the data dir (private to the user) if needed.
    pub(crate) fn open(dir: PathBuf) -> Result<Self, VaultError> {
        create_private_dir(&dir).map_err(|error| VaultError::io("create", &dir, error))?;
        Ok(Self { dir })
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Takes the exclusive lock, waiting for it at most [`LOCK_WAIT`]: another
    /// process (the app, a command) may hold it while the keyring asks the
    /// user to unlock it, and nobody should wait on that without end.
    pub(crate) fn lock(&self) -> Result<IndexLock, VaultError> {
        self.lock_within(LOCK_WAIT)
    }

    /// Takes the lock if it is free now (`Busy` otherwise): for changes that
    /// are not worth waiting for.
    pub(crate) fn try_lock(&self) -> Result<IndexLock, VaultError> {
        self.lock_within(std::time::Duration::ZERO)
    }

    fn lock_within(&self, wait: std::time::Duration) -> Result<IndexLock, VaultError> {
        let path = self.dir.join(LOCK);
        let file = private_options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|error| VaultError::io("open", &path, error))?;
        let started = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(IndexLock(file)),
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(fs::TryLockError::WouldBlock) => return Err(VaultError::Busy),
                Err(fs::TryLockError::Error(error)) => {
                    return Err(VaultError::io("lock", &path, error));
                }
            }
        }
    }

    /// The accounts as the file holds them, read without the lock (the file
    /// is only ever replaced whole, so any read sees one whole version);
    /// `None` when the file needs the recovery of [`Index::load`].
    pub(crate) fn read_unlocked(&self) -> Option<Vec<Account>> {
        match read_document(&self.dir.join(INDEX)) {
            Ok(Some(accounts)) => Some(accounts),
            Ok(None) if !self.dir.join(BACKUP).exists() => Some(Vec::new()),
            _ => None,
        }
    }

    /// Reads the accounts (call with the lock held). An unreadable file is
    /// kept aside and the backup restored, which `notices` reports.
    pub(crate) fn load(
        &self,
        _lock: &IndexLock,
        notices: &mut Vec<Notice>,
    ) -> Result<Vec<Account>, VaultError> {
        let path = self.dir.join(INDEX);
        match read_document(&path) {
            Ok(Some(accounts)) => Ok(accounts),
            Ok(None) if !self.dir.join(BACKUP).exists() => Ok(Vec::new()),
            Ok(None) => self.recover(None, notices),
            Err(ReadError::TooNew(version)) => Err(VaultError::IndexTooNew { path, version }),
            Err(ReadError::Io(error)) => Err(VaultError::io("read", &path, error)),
            Err(ReadError::Unreadable) => {
                let aside = self
                    .dir
                    .join(format!("{INDEX}.unreadable-{}", crate::otp::unix_now()));
                fs::rename(&path, &aside)
                    .map_err(|error| VaultError::io("move aside", &path, error))?;
                self.recover(Some(aside), notices)
            }
        }
    }

    /// Writes the accounts atomically, keeping the current file as the backup
    /// (call with the lock held).
    pub(crate) fn save(&self, _lock: &IndexLock, accounts: &[Account]) -> Result<(), VaultError> {
        let path = self.dir.join(INDEX);
        let bytes = encode(&path, accounts)?;
        match fs::read(&path) {
            Ok(current) => write_atomic(&self.dir.join(BACKUP), &current)
                .map_err(|error| VaultError::io("back up", &path, error))?,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(VaultError::io("read", &path, error)),
        }
        write_atomic(&path, &bytes).map_err(|error| VaultError::io("write", &path, error))
    }

    /// Restores the backup as the index (or starts empty without one).
    fn recover(
        &self,
        kept_aside: Option<PathBuf>,
        notices: &mut Vec<Notice>,
    ) -> Result<Vec<Account>, VaultError> {
        let backup = self.dir.join(BACKUP);
        let accounts = match read_document(&backup) {
            Ok(Some(accounts)) => Some(accounts),
            Ok(None) | Err(_) => None,
        };
        notices.push(Notice::IndexRecovered {
            kept_aside,
            restored_from_backup: accounts.is_some(),
        });
        let accounts = accounts.unwrap_or_default();
        let path = self.dir.join(INDEX);
        write_atomic(&path, &encode(&path, &accounts)?)
            .map_err(|error| VaultError::io("restore", &path, error))?;
        Ok(accounts)
    }
}

/// The modification time of the index in `dir`.
pub(crate) fn modified(dir: &Path) -> Option<std::time::SystemTime> {
    fs::metadata(dir.join(INDEX))
        .and_then(|metadata| metadata.modified())
        .ok()
}

/// The index document of this version, as written to `path`.
fn encode(path: &Path, accounts: &[Account]) -> Result<Vec<u8>, VaultError> {
    let document = IndexDocument {
        version: VERSION,
        accounts: accounts.to_vec(),
    };
    serde_json::to_vec_pretty(&document)
        .map_err(|error| VaultError::io("encode", path, error.into()))
}

enum ReadError {
    Io(io::Error),
    Unreadable,
    TooNew(u32),
}

/// `Ok(None)` when the file does not exist.
fn read_document(path: &Path) -> Result<Option<Vec<Account>>, ReadError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(ReadError::Io(error)),
    };
    #[derive(Deserialize)]
    struct Version {
        version: u32,
    }
    let version = serde_json::from_slice::<Version>(&bytes).map_err(|_| ReadError::Unreadable)?;
    if version.version > VERSION {
        return Err(ReadError::TooNew(version.version));
    }
    let document: IndexDocument =
        serde_json::from_slice(&bytes).map_err(|_| ReadError::Unreadable)?;
    Ok(Some(document.accounts))
}
