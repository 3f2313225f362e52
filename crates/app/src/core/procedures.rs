//! The procedures side of `AppCore`: the bundled catalog, the citizen's drafts, and one
//! engine `Session` per call (catalog, texts, locale and today bound together).
//!
//! Drafts live in memory until the vault keeps them encrypted on disk; the engine's
//! `Draft` is already what the vault will store.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use std::path::Path;

use amtsweg_catalog::{
    CatalogError, CatalogFiles, CatalogStore, Directory, TrustedKeys, VerifiedCatalog,
};
use amtsweg_l10n::{Args, CatalogText, Localizer, Value};
use amtsweg_procedure::{
    Answers, Catalog, CatalogEntry, Continue, Date, Draft, LifeSituation, ProcedureScreen, Session,
    StartPage, Summary, TextArg, Texts,
};
use include_dir::{Dir, include_dir};
use serde::Serialize;
use ts_rs::TS;

use super::AppCore;
use crate::error::{AppError, ErrorCode};

/// The bundled catalog: definitions and the municipality directory. Their texts are
/// embedded with the locales by the l10n crate.
static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../procedures");

/// The engine's texts, from the same Fluent bundles as the rest of the app.
#[derive(Debug)]
pub struct FluentTexts<'a>(pub &'a Localizer);

impl Texts for FluentTexts<'_> {
    fn text(&self, locale: &str, id: &str, args: &[(&str, TextArg<'_>)]) -> String {
        let mut fluent = Args::new();
        for (name, arg) in args {
            match arg {
                TextArg::Str(s) => fluent.set(*name, Value::from(*s)),
                TextArg::Int(n) => fluent.set(*name, Value::from(*n)),
            }
        }
        self.0.format(locale, id, Some(&fluent))
    }
}

/// What happened to signed catalogs at this start, for the citizen's notices.
#[derive(Debug)]
pub(super) enum CatalogNotice {
    /// A new catalog was verified and is now in use.
    Updated { sequence: u64 },
    /// A catalog was refused; the last good one stays in use.
    Refused(CatalogError),
    /// The stored catalog could not be used; the bundled one is in use.
    StoredUnusable(String),
}

impl CatalogNotice {
    pub(super) fn code_and_args(&self, args: &mut Args<'_>) -> &'static str {
        match self {
            Self::Updated { sequence } => {
                args.set("sequence", *sequence);
                "notice-catalog-updated"
            }
            Self::Refused(CatalogError::Unsigned) => "notice-catalog-refused-unsigned",
            Self::Refused(CatalogError::Altered { .. }) => "notice-catalog-refused-altered",
            Self::Refused(CatalogError::UnknownKey { .. }) => "notice-catalog-refused-unknown-key",
            Self::Refused(CatalogError::NotNewer { sequence, in_use }) => {
                args.set("sequence", *sequence);
                args.set("inUse", *in_use);
                "notice-catalog-refused-older"
            }
            Self::Refused(other) => {
                args.set("reason", other.to_string());
                "notice-catalog-refused"
            }
            Self::StoredUnusable(reason) => {
                args.set("reason", reason.clone());
                "notice-catalog-stored-unusable"
            }
        }
    }
}

/// The signed catalog to use instead of the bundled one, if any, and what to say.
#[derive(Debug, Default)]
pub(super) struct External {
    pub(super) catalog: Option<VerifiedCatalog>,
    notices: Vec<CatalogNotice>,
}

/// Reads the last good signed catalog from the data folder and, when a new catalog file
/// is offered, verifies it against the pinned publisher keys and the sequence in use.
/// A refused file changes nothing: the last good catalog (or the bundled one) stays.
pub(super) fn external_catalog(data_dir: &Path, offered: Option<&Path>) -> External {
    let store = CatalogStore::new(data_dir.join("catalog"), TrustedKeys::pinned());
    let mut external = External::default();
    match store.load() {
        Ok(stored) => external.catalog = stored,
        Err(error) => {
            tracing::warn!(%error, "stored catalog unusable; using the bundled one");
            external
                .notices
                .push(CatalogNotice::StoredUnusable(error.to_string()));
        }
    }
    let Some(path) = offered else { return external };
    let accepted = std::fs::read(path)
        .map_err(|e| CatalogError::Malformed(format!("cannot read {}: {e}", path.display())))
        .and_then(|bytes| store.accept_checked(&bytes, check_procedures));
    match accepted {
        Ok(catalog) => {
            tracing::info!(sequence = catalog.sequence(), "signed catalog accepted");
            external.notices.push(CatalogNotice::Updated {
                sequence: catalog.sequence(),
            });
            external.catalog = Some(catalog);
        }
        Err(error) => {
            tracing::warn!(file = %path.display(), %error, "signed catalog refused");
            external.notices.push(CatalogNotice::Refused(error));
        }
    }
    external
}

/// A signed catalog is only taken over when every procedure in it loads.
fn check_procedures(catalog: &VerifiedCatalog) -> Result<(), CatalogError> {
    for (path, bytes) in catalog.files().procedure_definitions() {
        amtsweg_procedure::Procedure::load(path, bytes)
            .map_err(|e| CatalogError::ContentRefused(e.to_string()))?;
    }
    Ok(())
}

/// The procedure texts of a signed catalog, for the localizer.
pub(super) fn catalog_texts(catalog: &VerifiedCatalog) -> Vec<CatalogText> {
    let files = catalog.files();
    files
        .locales()
        .into_iter()
        .flat_map(|locale| {
            files
                .procedure_texts(locale)
                .map(move |(path, bytes)| CatalogText {
                    locale: locale.to_owned(),
                    path: path.to_owned(),
                    text: String::from_utf8_lossy(bytes).into_owned(),
                })
        })
        .collect()
}

/// The catalog in use and its municipality directory.
pub(super) struct InUse {
    pub(super) catalog: Catalog,
    /// `None` only when the bundled directory itself was refused (a defect of the build).
    pub(super) directory: Option<Directory>,
    pub(super) notices: Vec<CatalogNotice>,
}

/// The catalog in use: the signed external one when there is one and it loads with
/// its texts and directory, else the bundled one (which is trusted with the binary).
pub(super) fn catalog(l10n: &Localizer, external: External) -> InUse {
    let External {
        catalog,
        mut notices,
    } = external;
    if let Some(verified) = catalog {
        let files = verified.files();
        let loaded = load(l10n, files.procedure_definitions())
            .and_then(|catalog| Ok((catalog, files.directory().map_err(|e| e.to_string())?)));
        match loaded {
            Ok((catalog, directory)) => {
                return InUse {
                    catalog,
                    directory: Some(directory),
                    notices,
                };
            }
            Err(reason) => notices.push(CatalogNotice::StoredUnusable(reason)),
        }
    }
    let bundled = CatalogFiles::from_embedded(&BUNDLED, "procedures");
    let catalog = match &bundled {
        Ok(files) => load(l10n, files.procedure_definitions()),
        Err(error) => Err(error.to_string()),
    };
    // The bundled catalog is checked by the tests of every build, so a refusal here is
    // a defect of the build: logged, and the catalog stays empty rather than stopping.
    let catalog = catalog.unwrap_or_else(|reason| {
        tracing::error!(%reason, "the bundled catalog was refused");
        empty_catalog(l10n)
    });
    let directory = bundled
        .map_err(|e| e.to_string())
        .and_then(|files| files.directory().map_err(|e| e.to_string()))
        .inspect_err(|reason| tracing::error!(%reason, "the bundled directory was refused"))
        .ok();
    InUse {
        catalog,
        directory,
        notices,
    }
}

fn load<'f>(
    l10n: &Localizer,
    definitions: impl Iterator<Item = (&'f str, &'f [u8])>,
) -> Result<Catalog, String> {
    let texts = FluentTexts(l10n);
    let locales: Vec<String> = l10n.locales().into_iter().map(|l| l.code).collect();
    let locales: Vec<&str> = locales.iter().map(String::as_str).collect();
    Catalog::load(definitions, &texts, &locales).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })
}

fn empty_catalog(l10n: &Localizer) -> Catalog {
    Catalog::new(Vec::new(), &FluentTexts(l10n), &[])
        .expect("an empty catalog has nothing to refuse")
}

/// Drafts by id, held in memory for now.
#[derive(Debug, Default)]
pub(super) struct Drafts {
    drafts: Mutex<BTreeMap<String, Draft>>,
}

impl Drafts {
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Draft>> {
        // Drafts are replaced whole after each successful engine call, so a panic
        // elsewhere cannot leave one half-changed.
        self.drafts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A draft opened from the vault, to work on.
    pub(super) fn insert(&self, draft_id: &str, draft: Draft) {
        self.lock().insert(draft_id.to_owned(), draft);
    }

    pub(super) fn remove(&self, draft_id: &str) {
        self.lock().remove(draft_id);
    }

    /// Every draft of this session goes ("Delete all my data").
    pub(super) fn clear(&self) {
        self.lock().clear();
    }
}

/// A new record's id (`draft-…`, `file-…`): 128 random bits, so ids never repeat across
/// starts and installations (an import brings drafts from another computer).
pub(super) fn new_record_id(prefix: &str) -> Result<String, AppError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Vault {
        code: ErrorCode::ErrorVaultStorage,
        reason: e.to_string(),
    })?;
    Ok(format!("{prefix}-{}", hex::encode(bytes)))
}

/// The procedures of one life situation in the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CatalogGroup {
    /// The life situation's code (`pets`, …; `other` for procedures without one).
    pub code: String,
    /// Its name in the citizen's language.
    pub title: String,
    pub entries: Vec<CatalogEntry>,
}

/// A new draft and its first screen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DraftStarted {
    pub draft_id: String,
    pub screen: ProcedureScreen,
}

/// What is sent: data keyed by FIM ids and the JSON Schema it satisfies.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SubmissionPreview {
    pub procedure_id: String,
    pub leika: String,
    #[ts(type = "unknown")]
    pub data: serde_json::Value,
    #[ts(type = "unknown")]
    pub schema: serde_json::Value,
}

impl AppCore {
    fn today() -> Date {
        jiff::ZonedDateTime::now().date()
    }

    /// Runs `f` with an engine session in the citizen's language.
    pub(super) fn with_session<T>(&self, f: impl FnOnce(&Session<'_>) -> T) -> T {
        let locale = self.locale();
        let texts = FluentTexts(&self.frame.l10n);
        let session = Session::new(&self.catalog, &texts, &locale, Self::today());
        f(&session)
    }

    /// Runs `f` on a copy of the draft and takes the copy over only when `f` succeeded
    /// and, if it changed the draft, the vault saved it: what the UI is shown never
    /// runs ahead of the disk.
    fn with_draft<T>(
        &self,
        draft_id: &str,
        f: impl FnOnce(&Session<'_>, &mut Draft) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut drafts = self.drafts.lock();
        let stored = drafts
            .get(draft_id)
            .ok_or_else(|| AppError::UnknownDraft(draft_id.to_owned()))?;
        let mut draft = stored.clone();
        let (out, progress) = self.with_session(|s| {
            let out = f(s, &mut draft)?;
            // Only what "My drafts" shows is needed to save: no screen is built for it.
            let progress = (draft != *stored).then(|| s.progress(&draft)).transpose()?;
            Ok::<_, AppError>((out, progress))
        })?;
        if let Some(progress) = progress {
            self.save_draft(draft_id, &draft, progress)?;
        }
        drafts.insert(draft_id.to_owned(), draft);
        Ok(out)
    }

    /// The procedures the chosen municipality offers (all of them while none is chosen),
    /// or those of them matching a search-as-you-type query, best match first.
    pub fn list_procedures(&self, query: Option<&str>) -> Vec<CatalogEntry> {
        let locale = self.locale();
        let entries = match query.map(str::trim).filter(|q| !q.is_empty()) {
            Some(query) => self.catalog.search(&locale, query),
            None => self.catalog.list(&locale),
        };
        match self.municipality() {
            Some(m) => entries
                .into_iter()
                .filter(|e| m.offers(&e.procedure_id))
                .collect(),
            None => entries,
        }
    }

    /// [`Self::list_procedures`] grouped by life situation: groups in a fixed order
    /// ("other services" last), entries within a group in the list's order.
    pub fn catalog_groups(&self, query: Option<&str>) -> Vec<CatalogGroup> {
        let locale = self.locale();
        let mut groups: BTreeMap<Option<LifeSituation>, Vec<CatalogEntry>> = BTreeMap::new();
        for entry in self.list_procedures(query) {
            let situation = self
                .catalog
                .get(&entry.procedure_id)
                .and_then(|p| p.life_situation());
            groups.entry(situation).or_default().push(entry);
        }
        // `None` sorts first in a BTreeMap; "other services" goes last.
        let other = groups.remove(&None);
        groups
            .into_iter()
            .filter_map(|(situation, entries)| situation.map(|s| (s.code(), entries)))
            .chain(other.map(|entries| ("other", entries)))
            .map(|(code, entries)| CatalogGroup {
                code: code.to_owned(),
                title: self
                    .frame
                    .l10n
                    .format(&locale, &format!("life-situation-{code}"), None),
                entries,
            })
            .collect()
    }

    pub fn procedure_start_page(&self, procedure_id: &str) -> Result<StartPage, AppError> {
        Ok(self.with_session(|s| s.start_page(procedure_id))?)
    }

    pub fn start_draft(&self, procedure_id: &str) -> Result<DraftStarted, AppError> {
        let (draft, screen, progress) = self.with_session(|s| {
            let draft = s.start(procedure_id)?;
            let screen = s.screen(&draft)?;
            let progress = s.progress(&draft)?;
            Ok::<_, AppError>((draft, screen, progress))
        })?;
        let draft_id = new_record_id("draft")?;
        self.save_draft(&draft_id, &draft, progress)?;
        self.drafts.lock().insert(draft_id.clone(), draft);
        Ok(DraftStarted { draft_id, screen })
    }

    /// Whatever the draft's position shows: its page, exit page, task list or summary.
    pub fn draft_screen(&self, draft_id: &str) -> Result<ProcedureScreen, AppError> {
        self.with_draft(draft_id, |s, draft| Ok(s.screen(draft)?))
    }

    /// Keeps what the citizen typed on a page without validating it ("Back", autosave).
    pub fn set_answers(
        &self,
        draft_id: &str,
        page_id: &str,
        answers: serde_json::Value,
    ) -> Result<(), AppError> {
        let answers = parse_answers(answers)?;
        self.with_draft(draft_id, |s, draft| {
            Ok(s.set_answers(draft, page_id, answers)?)
        })
    }

    /// "Continue": validates the page; the page again with its errors, or the next screen.
    pub fn continue_page(
        &self,
        draft_id: &str,
        page_id: &str,
        answers: serde_json::Value,
    ) -> Result<Continue, AppError> {
        let answers = parse_answers(answers)?;
        self.with_draft(draft_id, |s, draft| {
            Ok(s.continue_(draft, page_id, answers)?)
        })
    }

    pub fn go_back(&self, draft_id: &str) -> Result<ProcedureScreen, AppError> {
        self.with_draft(draft_id, |s, draft| Ok(s.back(draft)?))
    }

    /// A "Change" link or a task-list entry.
    pub fn go_to_page(&self, draft_id: &str, page_id: &str) -> Result<ProcedureScreen, AppError> {
        self.with_draft(draft_id, |s, draft| Ok(s.go_to(draft, page_id)?))
    }

    /// Check your answers.
    pub fn check_answers(&self, draft_id: &str) -> Result<Summary, AppError> {
        self.with_draft(draft_id, |s, draft| Ok(s.check_answers(draft)?))
    }

    /// The submission data and its schema, once every check passed.
    pub fn submission_preview(&self, draft_id: &str) -> Result<SubmissionPreview, AppError> {
        self.with_draft(draft_id, |s, draft| {
            let submission = s.submission(draft)?;
            Ok(SubmissionPreview {
                procedure_id: submission.procedure_id,
                leika: submission.leika,
                data: submission.data,
                schema: submission.schema,
            })
        })
    }
}

/// The UI sends answers as JSON; a wrong shape is the caller's error, named by path.
fn parse_answers(value: serde_json::Value) -> Result<Answers, AppError> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        AppError::InvalidRequest(format!("answers.{}: {}", error.path(), error.inner()))
    })
}
