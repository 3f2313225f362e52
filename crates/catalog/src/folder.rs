//! Reading the catalog from a folder laid out like the repository (`procedures/`,
//! `locales/<lang>/procedures/`). The only file-system reading of catalog files; the
//! developer tool uses it to sign the repository's catalog, tests to load it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::CatalogError;
use crate::files::{CatalogFiles, MAX_FILE_BYTES, is_candidate};

impl CatalogFiles {
    /// Reads every catalog file under `root/procedures` and `root/locales/*/procedures`.
    /// Symbolic links are refused rather than followed, so a link cannot pull a file
    /// from elsewhere on the machine into a signed catalog.
    pub fn from_folder(root: &Path) -> Result<Self, CatalogError> {
        let mut found = Vec::new();
        walk(root, &root.join("procedures"), &mut found)?;
        let locales = root.join("locales");
        if locales.is_dir() {
            for entry in read_dir(&locales)? {
                let path = entry.map_err(|source| read_error(&locales, source))?.path();
                let procedures = path.join("procedures");
                if path.is_dir() && procedures.is_dir() {
                    walk(root, &procedures, &mut found)?;
                }
            }
        }
        found.sort();

        let mut files = CatalogFiles::new();
        for (relative, path) in found {
            let size = fs::metadata(&path)
                .map_err(|source| read_error(&path, source))?
                .len();
            // Checked before reading, so a huge stray file is not loaded into memory.
            if size > MAX_FILE_BYTES as u64 {
                return Err(CatalogError::TooLarge {
                    what: format!("{relative:?}"),
                    size,
                    limit: MAX_FILE_BYTES as u64,
                });
            }
            let content = fs::read(&path).map_err(|source| read_error(&path, source))?;
            files.insert(&relative, content)?;
        }
        Ok(files)
    }
}

/// Collects (relative path with `/`, full path) of the candidate files under `dir`.
fn walk(root: &Path, dir: &Path, found: &mut Vec<(String, PathBuf)>) -> Result<(), CatalogError> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in read_dir(dir)? {
        let entry = entry.map_err(|source| read_error(dir, source))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|source| read_error(&path, source))?;
        let relative = relative_path(root, &path);
        if kind.is_symlink() {
            if is_candidate(&relative) {
                return Err(CatalogError::UnsafePath {
                    path: relative,
                    reason: "symbolic link",
                });
            }
        } else if kind.is_dir() {
            walk(root, &path, found)?;
        } else if is_candidate(&relative) {
            found.push((relative, path));
        }
    }
    Ok(())
}

fn relative_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_dir(dir: &Path) -> Result<fs::ReadDir, CatalogError> {
    fs::read_dir(dir).map_err(|source| read_error(dir, source))
}

fn read_error(path: &Path, source: std::io::Error) -> CatalogError {
    CatalogError::Read {
        path: path.to_owned(),
        source,
    }
}
