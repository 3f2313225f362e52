//! The procedures side of `AppCore`: the bundled catalog, the citizen's drafts, and one
//! engine `Session` per call (catalog, texts, locale and today bound together).
//!
//! Drafts live in memory until the vault keeps them encrypted on disk; the engine's
//! `Draft` is already what the vault will store.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use amtsweg_catalog::CatalogFiles;
use amtsweg_l10n::{Args, Localizer, Value};
use amtsweg_procedure::{
    Answers, Catalog, CatalogEntry, Continue, Date, Draft, ProcedureScreen, Session, StartPage,
    Summary, TextArg, Texts,
};
use include_dir::{Dir, include_dir};
use serde::Serialize;
use ts_rs::TS;

use super::AppCore;
use crate::error::AppError;

/// The bundled catalog: definitions and the municipality directory. Their texts are
/// embedded with the locales by the l10n crate.
static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../procedures");

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

/// Loads the bundled catalog. It is checked by the tests of every build, so an error
/// here is a defect of the build: it is logged and the catalog stays empty rather than
/// stopping the program.
pub(super) fn bundled_catalog(l10n: &Localizer) -> Catalog {
    let texts = FluentTexts(l10n);
    let locales: Vec<String> = l10n.locales().into_iter().map(|l| l.code).collect();
    let locales: Vec<&str> = locales.iter().map(String::as_str).collect();
    let files = match CatalogFiles::from_embedded(&BUNDLED, "procedures") {
        Ok(files) => files,
        Err(error) => {
            tracing::error!(%error, "the bundled catalog's files are unusable");
            return empty_catalog(&texts, &locales);
        }
    };
    match Catalog::load(files.procedure_definitions(), &texts, &locales) {
        Ok(catalog) => catalog,
        Err(errors) => {
            for error in &errors {
                tracing::error!(%error, "bundled procedure refused");
            }
            empty_catalog(&texts, &locales)
        }
    }
}

fn empty_catalog(texts: &dyn Texts, locales: &[&str]) -> Catalog {
    Catalog::new(Vec::new(), texts, locales).expect("an empty catalog has nothing to refuse")
}

/// Drafts by id, held in memory for now.
#[derive(Debug, Default)]
pub(super) struct Drafts {
    drafts: Mutex<BTreeMap<String, Draft>>,
    next: AtomicU64,
}

impl Drafts {
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Draft>> {
        // Drafts are replaced whole after each successful engine call, so a panic
        // elsewhere cannot leave one half-changed.
        self.drafts.lock().unwrap_or_else(PoisonError::into_inner)
    }
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
    fn with_session<T>(&self, f: impl FnOnce(&Session<'_>) -> T) -> T {
        let locale = self.locale();
        let texts = FluentTexts(&self.l10n);
        let session = Session::new(&self.catalog, &texts, &locale, Self::today());
        f(&session)
    }

    /// Runs `f` on a copy of the draft and stores the copy only when `f` succeeded.
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
        let out = self.with_session(|s| f(s, &mut draft))?;
        drafts.insert(draft_id.to_owned(), draft);
        Ok(out)
    }

    /// The procedures offered, or those matching a search-as-you-type query.
    pub fn list_procedures(&self, query: Option<&str>) -> Vec<CatalogEntry> {
        let locale = self.locale();
        match query.map(str::trim).filter(|q| !q.is_empty()) {
            Some(query) => self.catalog.search(&locale, query),
            None => self.catalog.list(&locale),
        }
    }

    pub fn procedure_start_page(&self, procedure_id: &str) -> Result<StartPage, AppError> {
        Ok(self.with_session(|s| s.start_page(procedure_id))?)
    }

    pub fn start_draft(&self, procedure_id: &str) -> Result<DraftStarted, AppError> {
        let (draft, screen) = self.with_session(|s| {
            let draft = s.start(procedure_id)?;
            let screen = s.screen(&draft)?;
            Ok::<_, AppError>((draft, screen))
        })?;
        let draft_id = format!(
            "draft-{}",
            self.drafts.next.fetch_add(1, Ordering::Relaxed) + 1
        );
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
