//! The citizen's settings (language, whether the first start is done, the municipality,
//! the text size, where the vault's keys are kept, a translators' override folder) in one small JSON file in the OS config directory.
//!
//! Saving is atomic and durable: the new content goes to a temporary file in the same
//! folder, is flushed to disk, and replaces the old file by rename; the folder is then
//! flushed so the rename itself survives power loss. A file that cannot be read as
//! settings of this version — damaged, or written by a newer Amtsweg — is never
//! overwritten in place: it is moved aside, the program starts with defaults, and the
//! caller is told so it can say so.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// The format version this build writes and understands.
pub const SETTINGS_VERSION: u32 = 1;

const FILE_NAME: &str = "settings.json";

/// This crate's one error type.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot create the settings folder {path}: {source}")]
    CreateFolder { path: PathBuf, source: io::Error },
    #[error("cannot write the settings file {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot encode the settings: {0}")]
    Encode(#[from] serde_json::Error),
}

/// What the citizen chose. Unknown fields from the same version are ignored, so an
/// older build can read what a newer build of the same format version added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub version: u32,
    /// The chosen locale; `None` until the citizen or the first start picked one.
    #[serde(default)]
    pub locale: Option<String>,
    /// Set by "Continue" on the first-start screen.
    #[serde(default)]
    pub first_start_done: bool,
    /// A folder of `.ftl` files read on top of the embedded locales.
    #[serde(default)]
    pub locales_override_dir: Option<PathBuf>,
    /// The regional key (ARS, 12 digits) of the citizen's municipality; it fixes which
    /// procedures are offered and where applications go. `None` until chosen. Added
    /// within format version 1: older builds ignore it, files without it read as `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality_ars: Option<String>,
    /// The in-app text size in percent of the OS's (100 = as the OS sets it); `None`
    /// until changed. Added within format version 1 like `municipality_ars`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_scale: Option<u16>,
    /// Where the drafts vault's keys are kept; `None` until chosen, which means the OS
    /// keychain. Added within format version 1 like `municipality_ars`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vault_keys: Option<KeyStorage>,
}

/// Where the drafts vault's keys are kept (`"vaultKeys"` in the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyStorage {
    /// The OS keychain (the default).
    Keychain,
    /// Opt-in for machines without a keychain: sealed in the vault under a key derived
    /// from a passphrase the citizen enters at each start (never stored).
    Passphrase,
    /// A value a newer build of format version 1 wrote: kept as it is when the settings
    /// are saved again, and read as the keychain by this build.
    #[serde(untagged)]
    Other(String),
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: SETTINGS_VERSION,
            locale: None,
            first_start_done: false,
            locales_override_dir: None,
            municipality_ars: None,
            text_scale: None,
            vault_keys: None,
        }
    }
}

/// Why the stored settings were not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// The file is not valid settings JSON; it was moved to `backup`.
    Damaged {
        backup: Option<PathBuf>,
        reason: String,
    },
    /// The file was written by a newer format version; it was moved to `backup`.
    FromTheFuture { backup: Option<PathBuf>, found: u32 },
    /// The file exists but could not be read at all (permissions, I/O); left in place.
    Unreadable { reason: String },
}

/// The settings file of one installation.
#[derive(Debug, Clone)]
pub struct SettingsStore {
    dir: PathBuf,
}

/// What [`SettingsStore::load`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub settings: Settings,
    /// Set when the stored file was not used and defaults were taken instead.
    pub recovery: Option<Recovery>,
}

impl SettingsStore {
    /// The store in `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The settings file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// Reads the settings; defaults when there are none yet. Never fails: a file that
    /// cannot be used is moved aside (when possible) and reported in `recovery`.
    pub fn load(&self) -> Loaded {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Loaded {
                    settings: Settings::default(),
                    recovery: None,
                };
            }
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "settings file unreadable");
                return Loaded {
                    settings: Settings::default(),
                    recovery: Some(Recovery::Unreadable {
                        reason: error.to_string(),
                    }),
                };
            }
        };

        // Look at the version first, so that a newer format is recognised as such even
        // when its fields no longer fit this build's struct.
        let version = serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| v.get("version").and_then(serde_json::Value::as_u64));
        if let Some(found) = version
            && found > u64::from(SETTINGS_VERSION)
        {
            let backup = self.move_aside(&path, &format!("v{found}"));
            tracing::warn!(path = %path.display(), found, "settings from a newer version kept aside");
            return Loaded {
                settings: Settings::default(),
                recovery: Some(Recovery::FromTheFuture {
                    backup,
                    found: u32::try_from(found).unwrap_or(u32::MAX),
                }),
            };
        }

        match serde_json::from_slice::<Settings>(&bytes) {
            Ok(settings) if settings.version == SETTINGS_VERSION => Loaded {
                settings,
                recovery: None,
            },
            Ok(settings) => self.damaged(&path, format!("unknown version {}", settings.version)),
            Err(error) => self.damaged(&path, error.to_string()),
        }
    }

    fn damaged(&self, path: &Path, reason: String) -> Loaded {
        let backup = self.move_aside(path, "damaged");
        tracing::warn!(path = %path.display(), %reason, "damaged settings kept aside");
        Loaded {
            settings: Settings::default(),
            recovery: Some(Recovery::Damaged { backup, reason }),
        }
    }

    /// Renames the unusable file to `settings.json.<tag>-<unix seconds>` so it is kept
    /// for the citizen or support, and the next start does not warn again.
    fn move_aside(&self, path: &Path, tag: &str) -> Option<PathBuf> {
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut backup = self.dir.join(format!("{FILE_NAME}.{tag}-{stamp}"));
        let mut n = 1;
        while backup.exists() {
            backup = self.dir.join(format!("{FILE_NAME}.{tag}-{stamp}-{n}"));
            n += 1;
        }
        match fs::rename(path, &backup) {
            Ok(()) => Some(backup),
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "could not move the settings aside");
                None
            }
        }
    }

    /// Deletes what was kept beside the settings file: older files moved aside
    /// (`settings.json.damaged-…`, `settings.json.v2-…`) and temporary files a crash
    /// left ("Delete all my data": they hold the citizen's earlier choices). The settings
    /// file itself stays; nothing kept is not an error.
    pub fn delete_kept_aside(&self) -> Result<(), SettingsError> {
        let error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| SettingsError::Write { path, source }
        };
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(error(&self.dir)(e)),
        };
        let aside = format!("{FILE_NAME}.");
        for entry in entries {
            let path = entry.map_err(error(&self.dir))?.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name.starts_with(&aside) || name.starts_with(TEMPORARY_PREFIX) {
                match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(error(&path)(e)),
                }
            }
        }
        sync_folder(&self.dir).map_err(error(&self.dir))
    }

    /// Writes `settings` atomically and durably (see the module docs).
    pub fn save(&self, settings: &Settings) -> Result<(), SettingsError> {
        self.save_with(settings, |_| Ok(()))
    }

    /// [`Self::save`], calling `at` after each step (the tests fail or kill it there).
    fn save_with(
        &self,
        settings: &Settings,
        at: impl Fn(Step) -> io::Result<()>,
    ) -> Result<(), SettingsError> {
        fs::create_dir_all(&self.dir).map_err(|source| SettingsError::CreateFolder {
            path: self.dir.clone(),
            source,
        })?;
        let path = self.path();
        let write_error = |source| SettingsError::Write {
            path: path.clone(),
            source,
        };

        let mut json = serde_json::to_vec_pretty(settings)?;
        json.push(b'\n');
        let mut temporary = tempfile::Builder::new()
            .prefix(TEMPORARY_PREFIX)
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(write_error)?;
        at(Step::Created).map_err(write_error)?;
        temporary.write_all(&json).map_err(write_error)?;
        at(Step::Written).map_err(write_error)?;
        temporary.as_file().sync_all().map_err(write_error)?;
        at(Step::Flushed).map_err(write_error)?;
        // A failure here stands for a failed rename; the temporary file is removed.
        at(Step::Rename).map_err(write_error)?;
        temporary.persist(&path).map_err(|e| write_error(e.error))?;
        at(Step::Renamed).map_err(write_error)?;
        sync_folder(&self.dir).map_err(write_error)?;
        Ok(())
    }
}

/// The new settings are written to a file named like this beside the old one; a stray
/// one, left by a crash, is never read.
const TEMPORARY_PREFIX: &str = ".settings-";

/// The steps of [`SettingsStore::save`], in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The temporary file exists, empty.
    Created,
    /// The new settings are in it, perhaps only in the OS's cache.
    Written,
    /// ... and on the disk.
    Flushed,
    /// About to replace the old file.
    Rename,
    /// Replaced; the folder is not flushed yet.
    Renamed,
}

/// Flushes a folder's entries, so that a rename in it is durable. Windows offers no
/// handle on folders for this; NTFS journals the rename itself.
fn sync_folder(dir: &Path) -> io::Result<()> {
    if cfg!(unix) {
        File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
