//! `amtsweg-dev catalog check`: every finding about a catalog folder (`procedures/`,
//! `locales/<lang>/procedures/`) with file, line and column.
//!
//! What is checked, and what cannot be (docs/procedure-format.md, "Checking and signing a
//! catalog"):
//! - every definition loads (`Procedure::load`: JSON, the format, references, rules,
//!   cycles); the engine stops at a file's first error, so one per file;
//! - every message a definition uses exists in every locale folder, and no message of
//!   `locales/<lang>/procedures/<procedure-id>.ftl` is left unused;
//! - Fluent files parse, define no id twice, and read only the variables the engine
//!   passes (`$number` in an instance label, `$label` and the kind's arguments in an
//!   error message, none elsewhere);
//! - no page is unreachable (`Procedure::unreachable_pages`, a sound approximation);
//! - every LeiKa key is verified in the federal register or marked local (a warning);
//! - attachments allow at most [`MAX_ATTACHMENT_BYTES`];
//! - the municipality directory loads and names only procedures that exist;
//! - the folder can be packed into a catalog package (paths, sizes, UTF-8).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use amtsweg_catalog::{CatalogError, CatalogFiles, DIRECTORY_PATH, Directory};
use amtsweg_procedure::{ErrorKind, Procedure, ProcedureError};

use crate::DevError;
use crate::fluent::{self, FtlFile};
use crate::locate::{line_column, locate};

/// Largest attachment a definition may allow. Files travel inside the submission to the
/// municipality; 20 MiB is what common municipal upload forms accept, and a larger
/// limit is a typo more often than a need.
pub const MAX_ATTACHMENT_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// What a finding is about; printed after the message (`[missing-message]`) so a reader
/// can search the documentation for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A file the catalog package cannot hold (path, size, encoding).
    CatalogFile,
    /// Not JSON, or not the shape of a definition.
    Malformed,
    /// A definition breaking a rule of the format (references, rules, cycles, limits).
    Invalid,
    MissingMessage,
    UnusedMessage,
    DuplicateMessage,
    FluentSyntax,
    /// A message reads a variable the engine does not pass where it is used.
    UnknownVariable,
    UnreachablePage,
    UnusedExit,
    AttachmentLimit,
    /// The municipality directory does not load.
    Directory,
    /// The directory lists a procedure the catalog has no definition of.
    UnknownProcedure,
    /// A definition the directory does not list: no municipality can offer it.
    NotInDirectory,
    /// A LeiKa key neither found in the federal register (`verified`) nor marked local
    /// with its reason: it may be a guess, and a guessed key routes submissions nowhere.
    UncheckedServiceKey,
    /// A field's `example` that the field itself refuses (on some day, for a date):
    /// its hint would show an answer the citizen then gets an error for.
    RefusedExample,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::CatalogFile => "catalog-file",
            Kind::Malformed => "malformed",
            Kind::Invalid => "invalid",
            Kind::MissingMessage => "missing-message",
            Kind::UnusedMessage => "unused-message",
            Kind::DuplicateMessage => "duplicate-message",
            Kind::FluentSyntax => "fluent-syntax",
            Kind::UnknownVariable => "unknown-variable",
            Kind::UnreachablePage => "unreachable-page",
            Kind::UnusedExit => "unused-exit",
            Kind::AttachmentLimit => "attachment-limit",
            Kind::Directory => "directory",
            Kind::UnknownProcedure => "unknown-procedure",
            Kind::NotInDirectory => "not-in-directory",
            Kind::UncheckedServiceKey => "unchecked-service-key",
            Kind::RefusedExample => "refused-example",
        }
    }
}

/// One problem at one place. `file` is relative to the catalog folder, with `/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub kind: Kind,
    pub message: String,
}

impl Finding {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line` (for tests and quick reading).
    pub fn place(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    /// The compiler-style line, with `base` (the catalog folder as the user named it)
    /// before the file.
    pub fn render(&self, base: &Path) -> String {
        let file = if base.as_os_str().is_empty() {
            PathBuf::from(&self.file)
        } else {
            base.join(&self.file)
        };
        format!(
            "{}:{}:{}: {}: {} [{}]",
            file.display(),
            self.line,
            self.column,
            match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            self.message,
            self.kind.name()
        )
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Path::new("")))
    }
}

/// Checks the catalog folder `root`; the findings sorted by file and line. Fails only
/// when a file cannot be read.
pub fn check_folder(root: &Path) -> Result<Vec<Finding>, DevError> {
    let procedures_dir = root.join("procedures");
    if !procedures_dir.is_dir() {
        return Err(DevError::NoCatalog(root.to_owned()));
    }
    let mut definitions = Vec::new();
    for path in files_in(&procedures_dir, "json")? {
        let name = file_name(&path);
        if name.ends_with(".schema.json") || format!("procedures/{name}") == DIRECTORY_PATH {
            continue;
        }
        definitions.push((format!("procedures/{name}"), read(&path)?));
    }
    let mut locales = BTreeMap::new();
    let locales_dir = root.join("locales");
    if locales_dir.is_dir() {
        for dir in subfolders(&locales_dir)? {
            let mut texts = Vec::new();
            let procedures = dir.join("procedures");
            if procedures.is_dir() {
                for path in files_in(&procedures, "ftl")? {
                    let relative = format!(
                        "locales/{}/procedures/{}",
                        file_name(&dir),
                        file_name(&path)
                    );
                    texts.push((relative, read(&path)?));
                }
            }
            locales.insert(file_name(&dir), texts);
        }
    }
    let directory = match fs::read(root.join(DIRECTORY_PATH)) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(DevError::Read {
                path: root.join(DIRECTORY_PATH),
                source,
            });
        }
    };
    let mut findings = check(&definitions, &locales, directory.as_deref());
    // What the package would refuse (a path with capitals, a symbolic link, a file too
    // large) is what `catalog sign` would stop at.
    if let Err(e) = CatalogFiles::from_folder(root) {
        findings.push(package_finding(&e));
    }
    findings.sort();
    Ok(findings)
}

/// The checks over file contents: definitions (path, bytes), per locale its procedure
/// `.ftl` files, and the directory file if there is one.
pub fn check(
    definitions: &[(String, Vec<u8>)],
    locales: &BTreeMap<String, Vec<(String, Vec<u8>)>>,
    directory: Option<&[u8]>,
) -> Vec<Finding> {
    let mut out = Findings::default();

    // Definitions.
    let mut loaded: Vec<(&str, String, Procedure)> = Vec::new();
    let mut broken: BTreeSet<String> = BTreeSet::new();
    for (file, bytes) in definitions {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let stem = file_stem(file);
        match Procedure::load(file, bytes) {
            Ok(procedure) => loaded.push((file, text, procedure)),
            Err(e) => {
                broken.insert(stem);
                out.load_error(file, &text, &e);
            }
        }
    }

    // Texts: every locale's procedure files parsed once.
    let mut parsed: BTreeMap<&str, Vec<(&str, FtlFile)>> = BTreeMap::new();
    for (locale, files) in locales {
        let mut list = Vec::new();
        for (file, bytes) in files {
            let text = String::from_utf8_lossy(bytes);
            let ftl = fluent::parse(&text);
            for (line, column, description) in &ftl.errors {
                out.push(
                    file,
                    *line,
                    *column,
                    Severity::Error,
                    Kind::FluentSyntax,
                    format!("Fluent syntax error: {description}"),
                );
            }
            for (id, line) in &ftl.duplicates {
                out.push(
                    file,
                    *line,
                    1,
                    Severity::Error,
                    Kind::DuplicateMessage,
                    format!("message `{id}` is defined twice in this file"),
                );
            }
            list.push((file.as_str(), ftl));
        }
        // The same id in two files of a locale: one would silently replace the other.
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for (file, ftl) in &list {
            for (id, message) in &ftl.messages {
                if let Some(first) = seen.insert(id, file) {
                    out.push(
                        file,
                        message.line,
                        1,
                        Severity::Error,
                        Kind::DuplicateMessage,
                        format!("message `{id}` is also defined in {first}"),
                    );
                }
            }
        }
        parsed.insert(locale, list);
    }

    // Messages the definitions use, per locale.
    let mut used: BTreeSet<String> = BTreeSet::new();
    for (file, text, procedure) in &loaded {
        let uses = procedure.message_uses();
        used.extend(uses.iter().map(|u| u.id.to_string()));
        for (locale, files) in &parsed {
            let mut reported: BTreeSet<(String, String)> = BTreeSet::new();
            for message_use in &uses {
                let id = message_use.id.as_str();
                let (name, attribute) = match id.split_once('.') {
                    Some((n, a)) => (n, Some(a)),
                    None => (id, None),
                };
                let found = files.iter().find_map(|(f, ftl)| {
                    let m = ftl.messages.get(name)?;
                    attribute
                        .is_none_or(|a| m.attributes.contains(a))
                        .then_some((*f, m))
                });
                let Some((ftl_file, message)) = found else {
                    if reported.insert((id.to_owned(), String::new())) {
                        out.at_path(
                            file,
                            text,
                            &message_use.path,
                            Severity::Error,
                            Kind::MissingMessage,
                            format!("message `{id}` is missing in locale `{locale}`"),
                        );
                    }
                    continue;
                };
                for variable in &message.variables {
                    if !message_use.variables.contains(&variable.as_str())
                        && reported.insert((id.to_owned(), variable.clone()))
                    {
                        out.push(
                            ftl_file,
                            message.line,
                            1,
                            Severity::Error,
                            Kind::UnknownVariable,
                            format!(
                                "message `{id}` reads `${variable}`, which the engine does not pass at {} ({})",
                                message_use.path,
                                passes(message_use.variables)
                            ),
                        );
                    }
                }
            }
        }

        for page in procedure.unreachable_pages() {
            out.at_path(
                file,
                text,
                &page.path,
                Severity::Error,
                Kind::UnreachablePage,
                page.reason,
            );
        }
        for (exit, path) in procedure.unused_exits() {
            out.at_path(
                file,
                text,
                &path,
                Severity::Warning,
                Kind::UnusedExit,
                format!("no branch leads to exit page `{exit}`"),
            );
        }
        let mut refused_at: BTreeSet<String> = BTreeSet::new();
        for refused in procedure.refused_examples(&example_days()) {
            if refused_at.insert(refused.path.clone()) {
                out.at_path(
                    file,
                    text,
                    &refused.path,
                    Severity::Error,
                    Kind::RefusedExample,
                    format!(
                        "{} refuses its own example {:?} on {} ({}): choose one inside its limits, a date relative to today ({{\"daysFromToday\": …}})",
                        refused.field, refused.answer, refused.today, refused.reason
                    ),
                );
            }
        }
        attachment_limits(file, text, &mut out);
        if !procedure.leika_verified() && procedure.leika_local_reason().is_none() {
            out.at_path(
                file,
                text,
                "leika.verified",
                Severity::Warning,
                Kind::UncheckedServiceKey,
                format!(
                    "the LeiKa key {} is not verified in the federal register (PVOG) nor marked local: look it up there, or add \"local\": {{\"reason\": …}}",
                    procedure.leika()
                ),
            );
        }
    }

    // Unused messages, and the shared validation messages' variables.
    for files in parsed.values() {
        let referenced: BTreeSet<&str> = files
            .iter()
            .flat_map(|(_, ftl)| ftl.messages.values())
            .flat_map(|m| m.references.iter().map(String::as_str))
            .collect();
        for (file, ftl) in files {
            let stem = file_stem(file);
            if stem == "_validation" {
                validation_variables(file, ftl, &mut out);
            }
            if stem.starts_with('_') || broken.contains(&stem) {
                continue;
            }
            let owner = loaded.iter().any(|(f, _, _)| file_stem(f) == stem);
            for (id, message) in &ftl.messages {
                if !used.contains(id) && !referenced.contains(id.as_str()) {
                    out.push(
                        file,
                        message.line,
                        1,
                        Severity::Error,
                        Kind::UnusedMessage,
                        if owner {
                            format!("message `{id}` is not used by procedure `{stem}`")
                        } else {
                            format!("message `{id}` is not used: there is no procedure `{stem}`")
                        },
                    );
                }
            }
        }
    }

    // The municipality directory.
    match directory {
        None => out.push(
            DIRECTORY_PATH,
            1,
            1,
            Severity::Error,
            Kind::Directory,
            "the catalog has no municipality directory".to_owned(),
        ),
        Some(bytes) => {
            let known: BTreeSet<String> = definitions.iter().map(|(f, _)| file_stem(f)).collect();
            check_directory(bytes, &known, &loaded, &mut out);
        }
    }
    out.0
}

/// The days examples are checked on: today and each quarter of the next two years, so
/// a fixed example date that a relative limit will soon refuse is found now.
fn example_days() -> Vec<amtsweg_procedure::Date> {
    let days_since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let Ok(epoch) = amtsweg_procedure::Date::new(1970, 1, 1) else {
        return Vec::new();
    };
    (0..=8u64)
        .filter_map(|quarter| {
            let days = days_since_epoch + quarter * 91;
            epoch
                .checked_add(std::time::Duration::from_secs(days * 86_400))
                .ok()
        })
        .collect()
}

fn passes(variables: &[&str]) -> String {
    if variables.is_empty() {
        "it passes none".to_owned()
    } else {
        let names: Vec<String> = variables.iter().map(|v| format!("${v}")).collect();
        format!("it passes {}", names.join(", "))
    }
}

/// The shared `validation-<kind>` messages may read `$label` and the kind's arguments.
fn validation_variables(file: &str, ftl: &FtlFile, out: &mut Findings) {
    for (id, message) in &ftl.messages {
        let Some(rest) = id.strip_prefix("validation-") else {
            continue;
        };
        // `validation-required-choice` and `-file` are forms of "required".
        let rest = match rest {
            "required-choice" | "required-file" => "required",
            other => other,
        };
        let Ok(kind) = serde_json::from_value::<ErrorKind>(serde_json::Value::from(rest)) else {
            continue;
        };
        for variable in &message.variables {
            if variable != "label" && !kind.arguments().contains(&variable.as_str()) {
                let mut allowed = vec!["label"];
                allowed.extend(kind.arguments());
                out.push(
                    file,
                    message.line,
                    1,
                    Severity::Error,
                    Kind::UnknownVariable,
                    format!(
                        "message `{id}` reads `${variable}`, which the engine does not pass ({})",
                        passes(&allowed)
                    ),
                );
            }
        }
    }
}

fn attachment_limits(file: &str, text: &str, out: &mut Findings) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let Some(attachments) = value.get("attachments").and_then(|a| a.as_array()) else {
        return;
    };
    for (i, attachment) in attachments.iter().enumerate() {
        let id = attachment.get("id").and_then(|v| v.as_str()).unwrap_or("?");
        if let Some(max) = attachment.get("maxBytes").and_then(|v| v.as_u64())
            && max > MAX_ATTACHMENT_BYTES
        {
            out.at_path(
                file,
                text,
                &format!("attachments[{i}].maxBytes"),
                Severity::Error,
                Kind::AttachmentLimit,
                format!(
                    "attachment `{id}` allows {max} bytes; at most {MAX_ATTACHMENT_BYTES} (20 MiB) are allowed"
                ),
            );
        }
    }
}

fn check_directory(
    bytes: &[u8],
    known: &BTreeSet<String>,
    loaded: &[(&str, String, Procedure)],
    out: &mut Findings,
) {
    let text = String::from_utf8_lossy(bytes);
    let directory = match Directory::from_json(bytes) {
        Ok(d) => d,
        Err(e) => {
            let (path, problem) = match &e {
                CatalogError::InvalidDirectory { at, problem } => {
                    // `municipalities[3] (Kassel)`: the name is for people.
                    let path = at.split(" (").next().unwrap_or(at);
                    let path = if path == "the file" { "" } else { path };
                    (path.to_owned(), problem.clone())
                }
                CatalogError::DuplicateArs { ars, .. } => {
                    // The second municipality with this ARS.
                    let needle = format!("\"{ars}\"");
                    let offset = text.match_indices(&needle).nth(1).map(|(i, _)| i);
                    let (line, column) = line_column(&text, offset.unwrap_or(0));
                    out.push(
                        DIRECTORY_PATH,
                        line,
                        column,
                        Severity::Error,
                        Kind::Directory,
                        e.to_string(),
                    );
                    return;
                }
                other => (String::new(), other.to_string()),
            };
            // serde's message ends in the position; the line is ours.
            let problem = match problem.rfind(" at line ") {
                Some(i) => problem[..i].to_owned(),
                None => problem,
            };
            let (line, column) = place(&text, &path, None);
            out.push(
                DIRECTORY_PATH,
                line,
                column,
                Severity::Error,
                Kind::Directory,
                format!("municipality directory: {problem}"),
            );
            return;
        }
    };
    for (i, id) in directory.procedures().iter().enumerate() {
        if !known.contains(id) {
            let (line, column) = place(&text, &format!("procedures[{i}]"), None);
            out.push(
                DIRECTORY_PATH,
                line,
                column,
                Severity::Error,
                Kind::UnknownProcedure,
                format!(
                    "the directory lists procedure `{id}`, but there is no procedures/{id}.json"
                ),
            );
        }
    }
    for (file, text, procedure) in loaded {
        let id = procedure.id().to_string();
        if !directory.procedures().contains(&id) {
            let (line, column) = place(text, "id", None);
            out.push(
                file,
                line,
                column,
                Severity::Warning,
                Kind::NotInDirectory,
                format!(
                    "procedure `{id}` is not in {DIRECTORY_PATH}, so no municipality offers it"
                ),
            );
        }
    }
}

fn package_finding(e: &CatalogError) -> Finding {
    let file = match e {
        CatalogError::UnsafePath { path, .. }
        | CatalogError::NotACatalogFile { path, .. }
        | CatalogError::DuplicatePath(path)
        | CatalogError::NotUtf8(path) => path.clone(),
        CatalogError::TooLarge { what, .. } => what.trim_matches('"').to_owned(),
        _ => "procedures".to_owned(),
    };
    Finding {
        file,
        line: 1,
        column: 1,
        severity: Severity::Error,
        kind: Kind::CatalogFile,
        message: format!("cannot be packed into a catalog package: {e}"),
    }
}

/// Line and column of `path` in `text`; `fallback` (serde's own position) when the text
/// is not JSON there.
fn place(text: &str, path: &str, fallback: Option<(usize, usize)>) -> (usize, usize) {
    let parses = serde_json::from_str::<serde_json::Value>(text).is_ok();
    match (parses, fallback) {
        (false, Some(position)) => position,
        _ => locate(text, path).map_or((1, 1), |offset| line_column(text, offset)),
    }
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn push(
        &mut self,
        file: &str,
        line: usize,
        column: usize,
        severity: Severity,
        kind: Kind,
        message: String,
    ) {
        self.0.push(Finding {
            file: file.to_owned(),
            line,
            column,
            severity,
            kind,
            message,
        });
    }

    fn at_path(
        &mut self,
        file: &str,
        text: &str,
        path: &str,
        severity: Severity,
        kind: Kind,
        message: String,
    ) {
        let (line, column) = place(text, path, None);
        self.push(file, line, column, severity, kind, message);
    }

    fn load_error(&mut self, file: &str, text: &str, error: &ProcedureError) {
        match error {
            ProcedureError::Malformed {
                path,
                line,
                column,
                message,
                ..
            } => {
                // serde names an unknown property only in the message; point at it.
                let path = match message
                    .strip_prefix("unknown field `")
                    .and_then(|m| m.split('`').next())
                {
                    Some(property) if path.is_empty() => property.to_owned(),
                    Some(property) => format!("{path}.{property}"),
                    None => path.clone(),
                };
                let (line, column) = place(text, &path, Some((*line, *column)));
                // A syntax error has no meaningful path (serde_path_to_error says `?`).
                let syntax = serde_json::from_str::<serde_json::Value>(text).is_err();
                let message = if path.is_empty() || syntax {
                    message.clone()
                } else {
                    format!("{path}: {message}")
                };
                self.push(
                    file,
                    line,
                    column,
                    Severity::Error,
                    Kind::Malformed,
                    message,
                );
            }
            ProcedureError::Invalid { path, problem, .. } => {
                self.at_path(
                    file,
                    text,
                    path,
                    Severity::Error,
                    Kind::Invalid,
                    format!("{path}: {problem}"),
                );
            }
            other => self.push(
                file,
                1,
                1,
                Severity::Error,
                Kind::Invalid,
                other.to_string(),
            ),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `procedures/dog-tax.json` → `dog-tax`.
fn file_stem(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_owned()
}

fn read(path: &Path) -> Result<Vec<u8>, DevError> {
    fs::read(path).map_err(|source| DevError::Read {
        path: path.to_owned(),
        source,
    })
}

fn entries(dir: &Path) -> Result<Vec<PathBuf>, DevError> {
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir).map_err(|source| DevError::Read {
        path: dir.to_owned(),
        source,
    })? {
        let entry = entry.map_err(|source| DevError::Read {
            path: dir.to_owned(),
            source,
        })?;
        paths.push(entry.path());
    }
    paths.sort();
    Ok(paths)
}

/// Files directly in `dir` ending in `.extension`, sorted; hidden files are for tools.
fn files_in(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, DevError> {
    Ok(entries(dir)?
        .into_iter()
        .filter(|p| {
            p.is_file()
                && !file_name(p).starts_with('.')
                && p.extension().is_some_and(|e| e == extension)
        })
        .collect())
}

fn subfolders(dir: &Path) -> Result<Vec<PathBuf>, DevError> {
    Ok(entries(dir)?
        .into_iter()
        .filter(|p| p.is_dir() && !file_name(p).starts_with('.'))
        .collect())
}
