//! The last good external catalog, kept as its signed package in one file.
//!
//! A new package replaces it only after it verified against the pinned keys, has not
//! expired, has at least the release's minimum sequence and a higher sequence than the
//! stored one; the write is atomic and durable (temporary file
//! in the same folder, flushed, renamed over the old one, folder flushed), so a crash
//! leaves either the old or the new package, never a torn one. Whatever is refused, the
//! stored package stays as it was. The stored file is verified again when loaded, so a
//! file edited on disk is refused like any other altered package.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::CatalogError;
use crate::keys::TrustedKeys;
use crate::package::{VerifiedCatalog, verify};

const FILE_NAME: &str = "catalog.signed.json";

/// The folder that holds the last accepted catalog package.
#[derive(Debug, Clone)]
pub struct CatalogStore {
    dir: PathBuf,
    trusted: TrustedKeys,
    minimum_sequence: u64,
}

impl CatalogStore {
    /// The store in `dir` (created on first accept), trusting `trusted` keys
    /// (the shell passes [`TrustedKeys::pinned`]).
    pub fn new(dir: impl Into<PathBuf>, trusted: TrustedKeys) -> Self {
        Self {
            dir: dir.into(),
            trusted,
            minimum_sequence: 0,
        }
    }

    /// Refuses catalogs with a sequence below `minimum` (the app passes its release's
    /// minimum), stored or offered: an old catalog cannot be replayed onto a fresh
    /// installation, which has no stored sequence to compare with.
    pub fn with_minimum_sequence(mut self, minimum: u64) -> Self {
        self.minimum_sequence = minimum;
        self
    }

    /// The stored package's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The stored catalog, verified again; `None` when none was accepted yet. One that
    /// has expired or is below the minimum sequence is an error: the caller uses the
    /// bundled catalog instead.
    pub fn load(&self) -> Result<Option<VerifiedCatalog>, CatalogError> {
        let Some(stored) = self.load_verified()? else {
            return Ok(None);
        };
        self.check_current(&stored, jiff::Timestamp::now())?;
        Ok(Some(stored))
    }

    /// The stored catalog, verified, whatever its age.
    fn load_verified(&self) -> Result<Option<VerifiedCatalog>, CatalogError> {
        let path = self.path();
        match fs::read(&path) {
            Ok(bytes) => verify(&bytes, &self.trusted, None).map(Some),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(CatalogError::Read { path, source }),
        }
    }

    /// The rules besides the signature: not below this release's minimum, not expired.
    fn check_current(
        &self,
        catalog: &VerifiedCatalog,
        now: jiff::Timestamp,
    ) -> Result<(), CatalogError> {
        if catalog.sequence() < self.minimum_sequence {
            return Err(CatalogError::BelowMinimum {
                sequence: catalog.sequence(),
                minimum: self.minimum_sequence,
            });
        }
        if catalog.is_expired_at(now) {
            return Err(CatalogError::Expired {
                expires: catalog.expires().to_string(),
            });
        }
        Ok(())
    }

    /// Verifies `bytes` against the trusted keys and the stored catalog's sequence and,
    /// when it passes, stores it as the catalog in use. On any error the stored catalog
    /// is untouched.
    pub fn accept(&self, bytes: &[u8]) -> Result<VerifiedCatalog, CatalogError> {
        self.accept_checked(bytes, check_directory)
    }

    /// Like [`CatalogStore::accept`], with `check` run on the verified content before it
    /// is stored (the shell loads the procedures with it); its error refuses the package.
    pub fn accept_checked(
        &self,
        bytes: &[u8],
        check: impl FnOnce(&VerifiedCatalog) -> Result<(), CatalogError>,
    ) -> Result<VerifiedCatalog, CatalogError> {
        // An expired stored catalog still counts for the sequence: only newer ones
        // replace it.
        let in_use = match self.load_verified() {
            Ok(stored) => stored.map(|c| c.sequence()),
            // A stored file that no longer verifies (damaged, or its key was unpinned by
            // an update) gives no sequence to compare with; the new package replaces it.
            // Someone able to damage this file can also write it, so rollback protection
            // loses nothing here that it had.
            Err(error) => {
                tracing::warn!(%error, "stored catalog unusable; the next valid one replaces it");
                None
            }
        };
        let verified = verify(bytes, &self.trusted, in_use)?;
        self.check_current(&verified, jiff::Timestamp::now())?;
        check(&verified)?;
        self.write(bytes)?;
        tracing::info!(
            sequence = verified.sequence(),
            key = %verified.key_id(),
            "catalog accepted"
        );
        Ok(verified)
    }

    /// Deletes the stored package and any temporary file a crash left beside it
    /// ("Delete all my data"): the next start uses the catalog bundled with the app.
    /// Nothing stored is not an error.
    pub fn delete(&self) -> Result<(), CatalogError> {
        let write_error = |path: PathBuf| move |source| CatalogError::Write { path, source };
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(source) => return Err(write_error(self.dir.clone())(source)),
        };
        for entry in entries {
            let path = entry.map_err(write_error(self.dir.clone()))?.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name == FILE_NAME || name.starts_with(TEMPORARY_PREFIX) {
                match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                    Err(source) => return Err(write_error(path)(source)),
                }
            }
        }
        sync_folder(&self.dir).map_err(write_error(self.dir.clone()))?;
        tracing::info!("stored catalog deleted");
        Ok(())
    }

    fn write(&self, bytes: &[u8]) -> Result<(), CatalogError> {
        self.write_with(bytes, |_| Ok(()))
    }

    /// [`Self::write`], calling `at` after each step (the tests fail or kill it there).
    pub(crate) fn write_with(
        &self,
        bytes: &[u8],
        at: impl Fn(Step) -> io::Result<()>,
    ) -> Result<(), CatalogError> {
        let write_error = |source| CatalogError::Write {
            path: self.path(),
            source,
        };
        fs::create_dir_all(&self.dir).map_err(write_error)?;
        let mut temporary = tempfile::Builder::new()
            .prefix(TEMPORARY_PREFIX)
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(write_error)?;
        at(Step::Created).map_err(write_error)?;
        temporary.write_all(bytes).map_err(write_error)?;
        at(Step::Written).map_err(write_error)?;
        temporary.as_file().sync_all().map_err(write_error)?;
        at(Step::Flushed).map_err(write_error)?;
        // A failure here stands for a failed rename; the temporary file is removed.
        at(Step::Rename).map_err(write_error)?;
        temporary
            .persist(self.path())
            .map_err(|e| write_error(e.error))?;
        at(Step::Renamed).map_err(write_error)?;
        sync_folder(&self.dir).map_err(write_error)
    }
}

/// A new package is written to a file named like this beside the stored one; a stray
/// one, left by a crash, is never read.
pub(crate) const TEMPORARY_PREFIX: &str = ".catalog-";

/// The steps of replacing the stored package, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// The temporary file exists, empty.
    Created,
    /// The package is in it, perhaps only in the OS's cache.
    Written,
    /// ... and on the disk.
    Flushed,
    /// About to replace the stored file.
    Rename,
    /// Replaced; the folder is not flushed yet.
    Renamed,
}

/// The default content check: a municipality directory, when the package has one, must
/// load. A package without one leaves the directory to the bundled catalog.
fn check_directory(catalog: &VerifiedCatalog) -> Result<(), CatalogError> {
    match catalog.directory() {
        Ok(_) | Err(CatalogError::NoDirectory) => Ok(()),
        Err(error) => Err(error),
    }
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
