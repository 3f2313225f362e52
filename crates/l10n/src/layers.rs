//! Where Fluent resources come from: the `locales/` folder embedded at compile time, and
//! a translator's override folder read from disk at start.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::FluentResource;
use include_dir::{Dir, include_dir};
use unic_langid::LanguageIdentifier;

use crate::{CatalogText, TranslationProblem};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../locales");

/// One parsed `.ftl` file and the locale it belongs to.
pub(crate) struct Source {
    pub(crate) locale: LanguageIdentifier,
    pub(crate) resource: Arc<FluentResource>,
    /// Whether the file lies directly in the locale's folder (`de/app.ftl`): the app's
    /// own texts, which the UI renders. Files in subfolders (`de/procedures/…`) hold
    /// texts the engine formats into view models; the UI never needs them raw.
    pub(crate) app_texts: bool,
}

/// The shipped locales. They are checked by tests to parse without errors, so a parse
/// error here would be a build defect; it is logged and the entry left out all the same.
pub(crate) fn embedded() -> Vec<Source> {
    let mut sources = Vec::new();
    for locale_dir in EMBEDDED.dirs() {
        let Some(locale) = locale_from_dir_name(locale_dir.path()) else {
            continue;
        };
        let mut files = Vec::new();
        collect_embedded(locale_dir, &mut files);
        files.sort_by(|a, b| a.path().cmp(b.path()));
        for file in files {
            let text = String::from_utf8_lossy(file.contents()).into_owned();
            let resource = match FluentResource::try_new(text) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    tracing::error!(file = %file.path().display(), ?errors, "embedded locale file has errors");
                    resource
                }
            };
            sources.push(Source {
                locale: locale.clone(),
                resource: Arc::new(resource),
                app_texts: file.path().parent() == Some(locale_dir.path()),
            });
        }
    }
    sources
}

/// The procedure texts of a signed catalog. A file that does not parse is left out
/// whole and reported, like a broken override file.
pub(crate) fn from_catalog(
    texts: &[CatalogText],
    problems: &mut Vec<TranslationProblem>,
) -> Vec<Source> {
    let mut sources = Vec::new();
    for text in texts {
        let Ok(locale) = text.locale.parse::<LanguageIdentifier>() else {
            problems.push(TranslationProblem {
                file: PathBuf::from(&text.path),
                line: 0,
                description: format!("{:?} is not a locale code", text.locale),
            });
            continue;
        };
        // Checked when the catalog was accepted too; a stored catalog is checked again.
        let procedure = crate::procedure_of_text(&text.path);
        if let Some(id) = crate::foreign_message_ids(procedure, &text.text).first() {
            problems.push(TranslationProblem {
                file: PathBuf::from(&text.path),
                line: 0,
                description: format!(
                    "defines {id:?}, which is not one of {procedure:?}'s messages; left out"
                ),
            });
            continue;
        }
        match parse(text.text.clone(), Path::new(&text.path)) {
            Ok(resource) => sources.push(Source {
                locale,
                resource,
                app_texts: false,
            }),
            Err(problem) => problems.push(problem),
        }
    }
    sources
}

fn collect_embedded<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "ftl") {
            out.push(file);
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// Every `.ftl` file under `<root>/<locale>/`. A file that cannot be read or parsed is
/// left out whole and reported with its first error's line.
pub(crate) fn from_folder(root: &Path, problems: &mut Vec<TranslationProblem>) -> Vec<Source> {
    let mut sources = Vec::new();
    let entries = match std::fs::read_dir(root) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(TranslationProblem {
                file: root.to_path_buf(),
                line: 0,
                description: format!("the override folder cannot be read: {error}"),
            });
            return sources;
        }
    };
    let mut locale_dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    locale_dirs.sort();
    for dir in locale_dirs {
        let Some(locale) = locale_from_dir_name(&dir) else {
            tracing::warn!(dir = %dir.display(), "override folder entry is not a locale code; ignored");
            continue;
        };
        let mut files = Vec::new();
        collect_files(&dir, &mut files);
        files.sort();
        for file in files {
            match read_resource(&file) {
                Ok(resource) => sources.push(Source {
                    locale: locale.clone(),
                    resource,
                    app_texts: file.parent() == Some(dir.as_path()),
                }),
                Err(problem) => problems.push(problem),
            }
        }
    }
    sources
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "ftl") {
            out.push(path);
        }
    }
}

fn read_resource(file: &Path) -> Result<Arc<FluentResource>, TranslationProblem> {
    let problem = |line: usize, description: String| TranslationProblem {
        file: file.to_path_buf(),
        line,
        description,
    };
    let bytes = std::fs::read(file).map_err(|e| problem(0, format!("cannot be read: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let line = line_of(valid, valid.len());
            return Err(problem(line, "is not valid UTF-8".to_owned()));
        }
    };
    parse(text, file)
}

fn parse(text: String, file: &Path) -> Result<Arc<FluentResource>, TranslationProblem> {
    match FluentResource::try_new(text) {
        Ok(resource) => Ok(Arc::new(resource)),
        Err((resource, errors)) => {
            // The broken entry's start (its `slice`) is the line a translator looks for;
            // the error position itself may already be past the line's end.
            let start = |e: &fluent_syntax::parser::ParserError| {
                e.slice.as_ref().map_or(e.pos.start, |slice| slice.start)
            };
            let first = errors.iter().min_by_key(|e| start(e));
            let (line, description) = first.map_or((1, "cannot be parsed".to_owned()), |e| {
                (
                    line_of(resource.source().as_bytes(), start(e)),
                    e.kind.to_string(),
                )
            });
            Err(TranslationProblem {
                file: file.to_path_buf(),
                line,
                description,
            })
        }
    }
}

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &[u8], offset: usize) -> usize {
    let end = offset.min(text.len());
    text[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

fn locale_from_dir_name(path: &Path) -> Option<LanguageIdentifier> {
    path.file_name()?.to_str()?.parse().ok()
}
