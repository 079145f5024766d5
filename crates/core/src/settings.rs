//! The user's preferences, as JSON in the data dir (nothing secret).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::write_atomic;

const FILE: &str = "settings.json";

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// Preferences; unknown or missing fields take their defaults, so an older or
/// newer file never stops Twofold from starting.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    /// Seconds after which a copied code is cleared from the clipboard (if it
    /// is still there); 0 never clears.
    pub clipboard_clear_seconds: u32,
    /// Closing the window hides it to the tray (when there is a tray).
    pub close_to_tray: bool,
    /// Start with the system, hidden in the tray.
    pub start_at_login: bool,
    /// The global shortcut of the quick-pick window.
    pub shortcut: String,
    /// Automatic encrypted backups: where, how many (`None`: off).
    pub auto_backup: Option<crate::auto_backup::AutoBackup>,
    /// When every account was last backed up or exported, Unix seconds.
    pub last_backup_at: Option<u64>,
    /// With an app lock: lock after this long without use; 0 never does.
    pub auto_lock_seconds: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: Theme::System,
            clipboard_clear_seconds: 30,
            close_to_tray: true,
            start_at_login: false,
            shortcut: "Ctrl+Alt+O".into(),
            auto_backup: None,
            last_backup_at: None,
            auto_lock_seconds: 300,
        }
    }
}

impl Settings {
    /// The settings in `dir`, or the defaults when there are none or the file
    /// cannot be read.
    pub fn load(dir: &Path) -> Self {
        std::fs::read(path(dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        write_atomic(&path(dir), &bytes)
    }
}

fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_defaults_for_missing_or_broken_files() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
        let settings = Settings {
            theme: Theme::Dark,
            clipboard_clear_seconds: 10,
            ..Settings::default()
        };
        settings.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()), settings);
        std::fs::write(
            dir.path().join(FILE),
            r#"{"theme": "light", "future_option": 1}"#,
        )
        .unwrap();
        assert_eq!(Settings::load(dir.path()).theme, Theme::Light);
        std::fs::write(dir.path().join(FILE), "garbage").unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
    }
}
