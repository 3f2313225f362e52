//! The catalog's files: relative paths checked once, on the way in, so no caller ever
//! sees a path that could leave the catalog folder.
//!
//! Allowed layout (every name lower case; `<slug>` as procedure ids, `_` may lead):
//! - `procedures/<slug>.json` — definitions and the municipality directory
//! - `procedures/<slug>/<slug>.json` — one level of sub-folders, e.g. code lists
//! - `locales/<lang>/procedures/<slug>.ftl` — texts; `<lang>` a BCP 47 tag like `de`, `pt-BR`

use std::collections::BTreeMap;

use include_dir::Dir;

use crate::CatalogError;
use crate::directory::{DIRECTORY_PATH, Directory};

/// Largest single file. The biggest definition is a few tens of KB.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Largest sum of all files.
pub const MAX_TOTAL_BYTES: usize = 32 * 1024 * 1024;
/// Most files in one catalog (hundreds of procedures times a dozen locales).
pub const MAX_FILES: usize = 8192;
/// Longest relative path.
const MAX_PATH_BYTES: usize = 200;

/// A validated set of catalog files, path → UTF-8 content, sorted by path.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct CatalogFiles {
    files: BTreeMap<String, Vec<u8>>,
    total: usize,
}

impl std::fmt::Debug for CatalogFiles {
    // The content would flood a log; paths and sizes say what is there.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.files.iter().map(|(p, c)| (p, c.len())))
            .finish()
    }
}

impl CatalogFiles {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one file after checking its path, size and encoding.
    pub fn insert(&mut self, path: &str, content: impl Into<Vec<u8>>) -> Result<(), CatalogError> {
        check_path(path)?;
        let content = content.into();
        if content.len() > MAX_FILE_BYTES {
            return Err(CatalogError::TooLarge {
                what: format!("{path:?}"),
                size: content.len() as u64,
                limit: MAX_FILE_BYTES as u64,
            });
        }
        if std::str::from_utf8(&content).is_err() {
            return Err(CatalogError::NotUtf8(path.to_owned()));
        }
        // Case-insensitive file systems would merge two paths that differ only in case.
        if self
            .files
            .keys()
            .any(|existing| existing.eq_ignore_ascii_case(path))
        {
            return Err(CatalogError::DuplicatePath(path.to_owned()));
        }
        if self.files.len() >= MAX_FILES {
            return Err(CatalogError::TooManyFiles { limit: MAX_FILES });
        }
        let total = self.total + content.len();
        if total > MAX_TOTAL_BYTES {
            return Err(CatalogError::TooLarge {
                what: "the catalog".to_owned(),
                size: total as u64,
                limit: MAX_TOTAL_BYTES as u64,
            });
        }
        self.total = total;
        self.files.insert(path.to_owned(), content);
        Ok(())
    }

    /// Builds the set from (path, content) pairs, such as the shell's embedded files.
    pub fn from_pairs<P, C>(pairs: impl IntoIterator<Item = (P, C)>) -> Result<Self, CatalogError>
    where
        P: AsRef<str>,
        C: Into<Vec<u8>>,
    {
        let mut files = Self::new();
        for (path, content) in pairs {
            files.insert(path.as_ref(), content)?;
        }
        Ok(files)
    }

    /// Adds the catalog files of an embedded folder. `under` is where `dir` sits in the
    /// repository (`""` for the root, `"procedures"`, `"locales"`); files outside the
    /// catalog layout there (`locales/de/app.ftl`, `procedure.schema.json`) are skipped.
    pub fn add_embedded(&mut self, dir: &Dir<'_>, under: &str) -> Result<(), CatalogError> {
        let mut stack = vec![dir];
        while let Some(dir) = stack.pop() {
            stack.extend(dir.dirs());
            for file in dir.files() {
                let relative = file.path().to_string_lossy().replace('\\', "/");
                let path = if under.is_empty() {
                    relative
                } else {
                    format!("{}/{relative}", under.trim_end_matches('/'))
                };
                if is_candidate(&path) {
                    self.insert(&path, file.contents())?;
                }
            }
        }
        Ok(())
    }

    /// The catalog files of one embedded folder (see [`CatalogFiles::add_embedded`]).
    pub fn from_embedded(dir: &Dir<'_>, under: &str) -> Result<Self, CatalogError> {
        let mut files = Self::new();
        files.add_embedded(dir, under)?;
        Ok(files)
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Every file, sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, c)| (p.as_str(), c.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Sum of all file sizes.
    pub fn total_bytes(&self) -> usize {
        self.total
    }

    /// Procedure definitions, in the shape `amtsweg_procedure::Catalog::load` takes:
    /// `procedures/<id>.json` without the municipality directory and sub-folders.
    pub fn procedure_definitions(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.iter().filter(|(p, _)| {
            p.strip_prefix("procedures/")
                .is_some_and(|name| !name.contains('/') && name.ends_with(".json"))
                && *p != DIRECTORY_PATH
        })
    }

    /// The Fluent files of `locale` (`locales/<locale>/procedures/*.ftl`).
    pub fn procedure_texts<'a>(
        &'a self,
        locale: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.iter().filter(move |(p, _)| {
            p.strip_prefix("locales/")
                .and_then(|rest| rest.strip_prefix(locale))
                .is_some_and(|rest| rest.starts_with("/procedures/"))
        })
    }

    /// Locales that have procedure texts, sorted.
    pub fn locales(&self) -> Vec<&str> {
        let mut locales: Vec<&str> = self
            .files
            .keys()
            .filter_map(|p| p.strip_prefix("locales/")?.split('/').next())
            .collect();
        // Paths sort "de-x-ls/" before "de/", so sort the tags themselves.
        locales.sort_unstable();
        locales.dedup();
        locales
    }

    /// The municipality directory in this catalog, loaded and checked.
    pub fn directory(&self) -> Result<Directory, CatalogError> {
        let bytes = self.get(DIRECTORY_PATH).ok_or(CatalogError::NoDirectory)?;
        Directory::from_json(bytes)
    }
}

/// Whether a file found in a catalog folder belongs in the catalog. Schemas are for
/// editors and hidden files for tools; the engine's and validation texts shared by all
/// procedures (`locales/<l>/procedures/_engine.ftl`, `_validation.ftl`) are the app's,
/// shipped with its locales, never a catalog's; everything else under the catalog
/// folders is offered to [`check_path`], so a misplaced file is reported, not silently
/// dropped.
pub(crate) fn is_candidate(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.starts_with('.') || name.ends_with(".schema.json") {
        return false;
    }
    if path.starts_with("locales/") && name.starts_with('_') {
        return false;
    }
    let parts: Vec<&str> = path.split('/').collect();
    matches!(
        parts.as_slice(),
        ["procedures", ..] | ["locales", _, "procedures", ..]
    )
}

/// Checks a relative catalog path: first that it is safe on every platform, then that it
/// fits the catalog layout.
pub(crate) fn check_path(path: &str) -> Result<(), CatalogError> {
    let unsafe_path = |reason| CatalogError::UnsafePath {
        path: shorten(path),
        reason,
    };
    if path.is_empty() {
        return Err(unsafe_path("empty"));
    }
    if path.len() > MAX_PATH_BYTES {
        return Err(unsafe_path("longer than 200 bytes"));
    }
    if path.contains('\\') {
        return Err(unsafe_path("backslash (paths use / only)"));
    }
    if path.starts_with('/') {
        return Err(unsafe_path("absolute"));
    }
    if path.contains(':') {
        return Err(unsafe_path("colon (drive letter or stream name)"));
    }
    if path.chars().any(char::is_control) {
        return Err(unsafe_path("control character"));
    }
    let parts: Vec<&str> = path.split('/').collect();
    for part in &parts {
        match *part {
            "" => return Err(unsafe_path("empty segment")),
            "." | ".." => return Err(unsafe_path("relative segment (. or ..)")),
            _ => {}
        }
        if !part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        {
            return Err(unsafe_path(
                "only ASCII letters, digits, - _ and . are allowed",
            ));
        }
    }

    let not_catalog = |reason| CatalogError::NotACatalogFile {
        path: path.to_owned(),
        reason,
    };
    match parts.as_slice() {
        ["procedures", name] => file_name(name, "json").ok_or(not_catalog(
            "definitions are procedures/<lower-case-name>.json",
        )),
        ["procedures", folder, name] if is_slug(folder) => file_name(name, "json").ok_or(
            not_catalog("files in procedures/<folder>/ are <lower-case-name>.json"),
        ),
        ["locales", lang, "procedures", name] => {
            if !is_language_tag(lang) {
                return Err(not_catalog(
                    "locale folders are BCP 47 tags such as de or pt-BR",
                ));
            }
            file_name(name, "ftl").ok_or(not_catalog(
                "texts are locales/<lang>/procedures/<lower-case-name>.ftl",
            ))
        }
        _ => Err(not_catalog(
            "only procedures/ and locales/<lang>/procedures/ belong to a catalog",
        )),
    }
}

fn file_name(name: &str, extension: &str) -> Option<()> {
    let stem = name.strip_suffix(extension)?.strip_suffix('.')?;
    let stem = stem.strip_prefix('_').unwrap_or(stem);
    is_slug(stem).then_some(())
}

/// Lower-case letters and digits in groups joined by single hyphens.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.split('-').all(|group| {
            !group.is_empty()
                && group
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `de`, `tr`, `pt-BR`, `de-x-ls` (Leichte Sprache as a private-use subtag).
fn is_language_tag(s: &str) -> bool {
    let mut groups = s.split('-');
    let primary = groups.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && groups
            .all(|g| (1..=8).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A path quoted in an error is cut, so a hostile package cannot flood a log.
fn shorten(path: &str) -> String {
    match path.char_indices().nth(80) {
        Some((end, _)) => format!("{}…", &path[..end]),
        None => path.to_owned(),
    }
}
