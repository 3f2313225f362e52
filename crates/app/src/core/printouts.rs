//! The application as a PDF: "Download PDF" writes the citizen's copy where the OS save
//! dialog says, "Print" writes it into the print folder and hands it to the OS's viewer
//! (a webview's `window.print()` is unreliable on macOS). The recovery code prints the
//! same way.
//!
//! The print folder holds only what was made for printing: it lives in a memory-backed
//! place where the OS has one (`XDG_RUNTIME_DIR` on Linux), its files are the user's
//! alone (0600, the folder 0700), and it is emptied when Amtsweg quits and again at the
//! next start (for a quit that never came: a crash, a power cut). A viewer still showing
//! a file when Amtsweg quits keeps its open copy.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{AppError, LoggedCause};

/// The print folder's name inside the memory-backed or temporary folder.
pub const PRINT_FOLDER_NAME: &str = "amtsweg-print";

/// Where PDFs made only for printing are written.
#[derive(Debug, Clone)]
pub struct PrintFolder {
    dir: PathBuf,
}

impl PrintFolder {
    /// The folder `dir` (it need not exist yet).
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// Where the OS keeps files in memory for this user (`XDG_RUNTIME_DIR` on Linux, a
    /// tmpfs), else the OS's temporary folder (per user on macOS and Windows).
    pub fn default_location() -> PathBuf {
        let runtime = if cfg!(target_os = "linux") {
            std::env::var_os("XDG_RUNTIME_DIR")
                .map(PathBuf::from)
                .filter(|dir| dir.is_absolute() && dir.is_dir())
        } else {
            None
        };
        runtime
            .unwrap_or_else(std::env::temp_dir)
            .join(PRINT_FOLDER_NAME)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Removes the folder and everything in it; a failure is logged (the files are the
    /// user's alone, and the next start tries again).
    pub fn clear(&self) {
        match std::fs::remove_dir_all(&self.dir) {
            Ok(()) => tracing::info!("print-folder-cleared"),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => tracing::warn!(error = %LoggedCause(&error), "print-folder-not-cleared"),
        }
    }

    /// Writes `bytes` as `file_name` into the folder (made if missing, the user's alone)
    /// and returns its path. A file of that name is replaced.
    pub fn write(&self, file_name: &str, bytes: &[u8]) -> Result<PathBuf, AppError> {
        self.make_folder()
            .map_err(|e| AppError::PrintoutWrite(e.to_string()))?;
        let path = self.dir.join(file_name);
        write_atomically(&path, bytes)?;
        Ok(path)
    }

    /// Makes the folder, 0700 on Unix. One that exists already must be a folder of its
    /// own (not a link somewhere else) that no one else may read: in a shared temporary
    /// folder another user could have made it first.
    fn make_folder(&self) -> std::io::Result<()> {
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(&self.dir) {
            Ok(()) => return Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error),
        }
        let metadata = std::fs::symlink_metadata(&self.dir)?;
        let shared = {
            #[cfg(unix)]
            {
                std::os::unix::fs::PermissionsExt::mode(&metadata.permissions()) & 0o077 != 0
            }
            #[cfg(not(unix))]
            {
                false
            }
        };
        if !metadata.is_dir() || shared {
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the print folder is not this user's alone",
            ));
        }
        Ok(())
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder that is renamed
/// into place: a crash or a full disk leaves the old file or none, never half a PDF.
/// The file is 0600 on Unix (tempfile makes it so).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let failed = |e: std::io::Error| AppError::PrintoutWrite(e.to_string());
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".amtsweg-")
        .suffix(".part")
        .tempfile_in(folder)
        .map_err(failed)?;
    file.write_all(bytes).map_err(failed)?;
    file.as_file().sync_all().map_err(failed)?;
    file.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

/// "Download PDF" and "Print": the application's PDF and the recovery code's.
#[derive(Debug)]
pub struct Printouts {
    folder: PrintFolder,
}

impl Printouts {
    /// Empties the print folder first: what a crashed run left there goes now.
    pub fn new(folder: PrintFolder) -> Self {
        folder.clear();
        Self { folder }
    }

    /// The print folder in use.
    pub fn print_folder(&self) -> &PrintFolder {
        &self.folder
    }

    /// Amtsweg quits: the PDFs made for printing go with it.
    pub fn quit(&self) {
        self.folder.clear();
    }
}
