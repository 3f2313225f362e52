//! The citizen's drafts: the ones open in this session, each change saved in the vault
//! (encrypted, signed, durable) before the UI is shown the result, and "My drafts" built
//! from the drafts' small encrypted summaries without opening them.
//!
//! Without a vault (its reason is on "My drafts"), drafts live in memory for this
//! session only — never a plaintext fallback.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use amtsweg_l10n::Args;
use amtsweg_procedure::{
    Answer, Answers, Continue, Details, Draft, FileRef, Position, ProcedureScreen, Session,
    Summary as CheckAnswers,
};
use amtsweg_redact::Quoted;
use amtsweg_vault::{DamageReason, Summary, VaultError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalog::CatalogInUse;
use super::frame::Frame;
use super::vault::VaultSlot;
use crate::error::{AppError, ErrorCode, LoggedCause};

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

/// One line of "My drafts".
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DraftListItem {
    pub draft_id: String,
    pub procedure_id: String,
    /// The procedure's title in the citizen's language.
    pub title: String,
    /// When it was last changed, in milliseconds since 1970 (the UI formats it in the
    /// citizen's language).
    #[ts(type = "number")]
    pub updated_ms: i64,
    /// Where the citizen left: "Step 3 of 9", "Check your answers", …
    pub progress: String,
    /// Set when the draft cannot be opened: what happened, in the citizen's language.
    pub damaged: Option<String>,
    /// The draft is intact, but Amtsweg cannot prove it is the newest version (the list
    /// of versions was changed): it opens once the citizen keeps the drafts as they are
    /// (`versions_changed`).
    pub unverified: bool,
}

/// "My drafts".
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DraftsView {
    pub drafts: Vec<DraftListItem>,
    /// Set when drafts cannot be kept on this computer: why, and what to do.
    pub unavailable: Option<String>,
    /// The list of the drafts' versions was changed outside Amtsweg: My drafts asks
    /// whether to keep the drafts as they are now (`keep_draft_versions`).
    pub versions_changed: bool,
    /// The platform's own words about it, for "Details" (not in the sentence above).
    pub unavailable_detail: Option<String>,
    /// "You have 2 unfinished applications" when drafts are kept: the catalog says it to a
    /// citizen coming back (formatted here for Fluent's plural forms).
    pub unfinished: Option<String>,
}

/// What "My drafts" shows of a draft without opening it: kept encrypted beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredSummary {
    /// Where the citizen left (the page it opens at).
    position: Position,
    /// "Step 3 of 9" on a question page.
    step: Option<(u32, u32)>,
}

/// A file accepted for a draft's file field, as `Attachments::accept` made it: the
/// answer a draft stores for that field, whatever the UI sends. The vault keeps it as the
/// attachment's encrypted summary, so the binding outlasts the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AcceptedFile {
    #[serde(flatten)]
    pub file: FileRef,
    /// The FIM id of the field it was accepted for (absent in a summary written before
    /// the field was recorded: then any file field of its draft).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_id: Option<String>,
}

/// The drafts: it owns the ones open in this session; the catalog gives their engine
/// session, the vault keeps them, the frame words what "My drafts" says.
#[derive(Debug)]
pub struct Drafts {
    open: Mutex<BTreeMap<String, Draft>>,
    /// Files accepted in this session, by file id: their draft and reference.
    accepted: Mutex<BTreeMap<String, (String, AcceptedFile)>>,
    catalog: Arc<CatalogInUse>,
    vault: Arc<VaultSlot>,
    frame: Arc<Frame>,
}

impl Drafts {
    pub fn new(catalog: Arc<CatalogInUse>, vault: Arc<VaultSlot>, frame: Arc<Frame>) -> Self {
        Self {
            open: Mutex::new(BTreeMap::new()),
            accepted: Mutex::new(BTreeMap::new()),
            catalog,
            vault,
            frame,
        }
    }

    fn open(&self) -> MutexGuard<'_, BTreeMap<String, Draft>> {
        // Drafts are replaced whole after each successful engine call, so a panic
        // elsewhere cannot leave one half-changed.
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn accepted(&self) -> MutexGuard<'_, BTreeMap<String, (String, AcceptedFile)>> {
        self.accepted.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records a file accepted for the draft's field (`Attachments::accept`).
    pub(super) fn bind_file(&self, draft_id: &str, accepted: AcceptedFile) {
        self.accepted()
            .insert(accepted.file.id.clone(), (draft_id.to_owned(), accepted));
    }

    /// Replaces every file answer (groups' instances included) with the reference Rust
    /// accepted for this draft and field: a name, type or size the UI made up is not
    /// stored, and a file of another draft, of another field or never accepted is
    /// refused. Files of earlier sessions are looked up in the vault, among the draft's
    /// own attachments.
    fn bind_files(&self, draft_id: &str, answers: &mut Answers) -> Result<(), AppError> {
        let mut kept: Option<BTreeMap<String, AcceptedFile>> = None;
        let mut pending: Vec<&mut Answers> = vec![answers];
        while let Some(answers) = pending.pop() {
            for (key, answer) in answers.iter_mut() {
                match answer {
                    Answer::File(file) => {
                        let accepted = self.accepted_file(draft_id, &file.id, &mut kept)?;
                        let refused = || {
                            AppError::InvalidRequest(format!(
                                "the answer to {} names no file accepted for it",
                                Quoted(key)
                            ))
                        };
                        let accepted = accepted.ok_or_else(refused)?;
                        if accepted.field_id.as_ref().is_some_and(|field| field != key) {
                            return Err(refused());
                        }
                        *file = accepted.file;
                    }
                    Answer::Group(instances) => pending.extend(instances.iter_mut()),
                    Answer::Text(_) | Answer::Choices(_) => {}
                }
            }
        }
        Ok(())
    }

    /// The file `file_id` as accepted for `draft_id`: from this session, else from the
    /// draft's attachments in the vault (read once per call, into `kept`). `None` for a
    /// file of another draft or none at all.
    fn accepted_file(
        &self,
        draft_id: &str,
        file_id: &str,
        kept: &mut Option<BTreeMap<String, AcceptedFile>>,
    ) -> Result<Option<AcceptedFile>, AppError> {
        if let Some((owner, accepted)) = self.accepted().get(file_id) {
            return Ok((owner == draft_id).then(|| accepted.clone()));
        }
        let Ok(vault) = self.vault.get() else {
            return Ok(None);
        };
        if kept.is_none() {
            let mut files = BTreeMap::new();
            for entry in vault.list_attachments(draft_id)? {
                if let Summary::Readable(bytes) = &entry.summary
                    && let Ok(accepted) = serde_json::from_slice::<AcceptedFile>(bytes)
                    && accepted.file.id == entry.id
                {
                    files.insert(entry.id, accepted);
                }
            }
            *kept = Some(files);
        }
        let found = kept.as_ref().and_then(|files| files.get(file_id).cloned());
        if let Some(accepted) = &found {
            // Remembered for the session: the next autosave lists nothing.
            self.bind_file(draft_id, accepted.clone());
        }
        Ok(found)
    }

    /// Runs `f` on a copy of the draft and takes the copy over only when `f` succeeded
    /// and, if it changed the draft, the vault saved it: what the UI is shown never
    /// runs ahead of the disk.
    fn with_draft<T>(
        &self,
        draft_id: &str,
        f: impl FnOnce(&Session<'_>, &mut Draft) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut open = self.open();
        let stored = open
            .get(draft_id)
            .ok_or_else(|| AppError::UnknownDraft(draft_id.to_owned()))?;
        let mut draft = stored.clone();
        let (out, progress) = self.catalog.with_session(|s| {
            let out = f(s, &mut draft)?;
            // Only what "My drafts" shows is needed to save: no screen is built for it.
            let progress = (draft != *stored).then(|| s.progress(&draft)).transpose()?;
            Ok::<_, AppError>((out, progress))
        })?;
        if let Some(progress) = progress {
            self.save(draft_id, &draft, progress)?;
            self.delete_replaced_files(stored, &draft);
        }
        open.insert(draft_id.to_owned(), draft);
        Ok(out)
    }

    /// Files the draft named before a change and no longer names (a file question
    /// answered with another file, or its answer taken away) are deleted from the vault,
    /// once the draft without them is saved: nothing keeps a file the citizen replaced.
    /// A failure leaves the file unused in the vault (it goes with the draft) and is
    /// logged; the saved change stands.
    fn delete_replaced_files(&self, before: &Draft, after: &Draft) {
        let mut gone = file_ids(before.answers());
        if gone.is_empty() {
            return;
        }
        for kept in file_ids(after.answers()) {
            gone.remove(&kept);
        }
        let Ok(vault) = self.vault.get() else {
            return;
        };
        for id in gone {
            self.accepted().remove(&id);
            match vault.delete_attachment(&id) {
                Ok(()) => tracing::info!("replaced-attachment-deleted"),
                Err(error) => {
                    tracing::warn!(error = %LoggedCause(&error), "replaced-attachment-kept")
                }
            }
        }
    }

    /// Saves the draft (encrypted, signed, durable). Without a vault (its reason is on
    /// "My drafts"), drafts live in memory for this session only.
    fn save(
        &self,
        draft_id: &str,
        draft: &Draft,
        progress: Option<(u32, u32)>,
    ) -> Result<(), AppError> {
        let Ok(vault) = self.vault.get() else {
            return Ok(());
        };
        let (payload, summary) = stored_form(draft, progress)?;
        vault.save_draft(draft_id, draft.procedure_id(), &payload, &summary)?;
        Ok(())
    }

    pub fn start(&self, procedure_id: &str) -> Result<DraftStarted, AppError> {
        self.start_with(procedure_id, &Details::new())
    }

    /// "Start now" with the answers My details hold for this procedure's questions
    /// filled in and marked (`Session::prefill`); each page is still the citizen's to
    /// see and continue from.
    pub fn start_with(
        &self,
        procedure_id: &str,
        details: &Details,
    ) -> Result<DraftStarted, AppError> {
        let (draft, screen, progress) = self.catalog.with_session(|s| {
            let mut draft = s.start(procedure_id)?;
            if !details.is_empty() {
                s.prefill(&mut draft, details);
            }
            let screen = s.screen(&draft)?;
            let progress = s.progress(&draft)?;
            Ok::<_, AppError>((draft, screen, progress))
        })?;
        let draft_id = match self.vault.get() {
            Ok(vault) => {
                let (payload, summary) = stored_form(&draft, progress)?;
                let mut tries = 0;
                loop {
                    let draft_id = new_record_id("draft")?;
                    match vault.save_draft(&draft_id, draft.procedure_id(), &payload, &summary) {
                        Ok(_) => break draft_id,
                        // The id fell into a part of the version list that fails its
                        // check, where nothing is written until the citizen decides; a
                        // new random id falls into another (one in 64 each).
                        Err(VaultError::Damaged {
                            reason: DamageReason::ManifestInvalid,
                            ..
                        }) if tries < NEW_ID_TRIES => tries += 1,
                        Err(error) => return Err(error.into()),
                    }
                }
            }
            // Without a vault (its reason is on "My drafts"), in memory for this session.
            Err(_) => new_record_id("draft")?,
        };
        self.open().insert(draft_id.clone(), draft);
        Ok(DraftStarted { draft_id, screen })
    }

    /// Whatever the draft's position shows: its page, exit page, task list or summary.
    pub fn screen(&self, draft_id: &str) -> Result<ProcedureScreen, AppError> {
        self.with_draft(draft_id, |s, draft| Ok(s.screen(draft)?))
    }

    /// Keeps what the citizen typed on a page without validating it ("Back", autosave).
    pub fn set_answers(
        &self,
        draft_id: &str,
        page_id: &str,
        answers: serde_json::Value,
    ) -> Result<(), AppError> {
        let mut answers = parse_answers(answers)?;
        self.bind_files(draft_id, &mut answers)?;
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
        let mut answers = parse_answers(answers)?;
        self.bind_files(draft_id, &mut answers)?;
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
    pub fn check_answers(&self, draft_id: &str) -> Result<CheckAnswers, AppError> {
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

    /// The answers of draft `draft_id` that My details may keep (`Session::details_of`).
    pub fn details_of(&self, draft_id: &str) -> Result<Details, AppError> {
        self.with_draft(draft_id, |s, draft| Ok(s.details_of(draft)))
    }

    /// What the printout of draft `draft_id` shows: its summary in German (the
    /// authority's language), in `locale` when that is not German, and the files it
    /// names. The draft is only read.
    pub(super) fn printable(&self, draft_id: &str, locale: &str) -> Result<Printable, AppError> {
        let draft = self
            .open()
            .get(draft_id)
            .cloned()
            .ok_or_else(|| AppError::UnknownDraft(draft_id.to_owned()))?;
        let german = self
            .catalog
            .with_session_in(GERMAN, |s| s.summary(&draft))?;
        let citizen = if is_german(locale) {
            None
        } else {
            Some(
                self.catalog
                    .with_session_in(locale, |s| s.summary(&draft))?,
            )
        };
        let leika = self.catalog.leika(draft.procedure_id()).unwrap_or_default();
        Ok(Printable {
            german,
            citizen,
            leika,
            files: files(draft.answers()),
        })
    }

    /// "My drafts": every kept draft, newest first; a damaged one says so and hides none.
    pub fn list(&self) -> DraftsView {
        let unavailable = |error: AppError| DraftsView {
            drafts: Vec::new(),
            unavailable: Some(self.frame.message(&error)),
            versions_changed: false,
            unavailable_detail: self.frame.detail(&error),
            unfinished: None,
        };
        let vault = match self.vault.get() {
            Ok(vault) => vault,
            Err(error) => return unavailable(error),
        };
        let listed = vault
            .list_drafts()
            .and_then(|entries| Ok((entries, !vault.manifest_trusted()?)));
        let (entries, versions_changed) = match listed {
            Ok(listed) => listed,
            Err(error) => return unavailable(error.into()),
        };
        let titles = self.catalog.titles();
        let drafts: Vec<DraftListItem> = entries
            .into_iter()
            .map(|entry| {
                let title = titles
                    .get(&entry.procedure_id)
                    .cloned()
                    .unwrap_or_else(|| entry.procedure_id.clone());
                let unverified = matches!(entry.summary, Summary::Unverified(_));
                let summary = match &entry.summary {
                    Summary::Readable(bytes) | Summary::Unverified(bytes) => {
                        serde_json::from_slice::<StoredSummary>(bytes)
                            .map_err(|error| error.to_string())
                    }
                    Summary::Damaged { reason } => Err(reason.to_string()),
                };
                let (progress, damaged) = match summary {
                    Ok(summary) => (self.progress_text(&summary), None),
                    Err(reason) => (String::new(), Some(self.damaged_text(&reason))),
                };
                DraftListItem {
                    draft_id: entry.id,
                    procedure_id: entry.procedure_id,
                    title,
                    updated_ms: entry.updated_ms,
                    progress,
                    unverified: unverified && damaged.is_none(),
                    damaged,
                }
            })
            .collect();
        let unfinished = (!drafts.is_empty()).then(|| {
            let mut args = Args::new();
            args.set("count", drafts.len());
            self.frame.text("catalog-unfinished", Some(&args))
        });
        DraftsView {
            drafts,
            unavailable: None,
            versions_changed,
            unavailable_detail: None,
            unfinished,
        }
    }

    /// "Keep my drafts as they are": after the citizen was asked, the vault takes every
    /// draft at the version it has now (each still checked by its own encryption and
    /// signature); what is given up is the proof that none is an older copy.
    pub fn keep_current_versions(&self) -> Result<DraftsView, AppError> {
        self.vault.get()?.trust_current_versions()?;
        Ok(self.list())
    }

    fn progress_text(&self, summary: &StoredSummary) -> String {
        let mut args = amtsweg_l10n::Args::new();
        let id = match (&summary.position, summary.step) {
            (Position::Page { .. }, Some((current, total))) => {
                args.set("current", current);
                args.set("total", total);
                "drafts-progress-step"
            }
            (Position::TaskList, _) => "drafts-progress-task-list",
            (Position::CheckAnswers, _) => "drafts-progress-check-answers",
            (Position::Exit { .. }, _) => "drafts-progress-exit",
            _ => "drafts-progress-start",
        };
        self.frame.text(id, Some(&args))
    }

    /// What My drafts shows for a draft whose summary fails its check, in the locale in
    /// use (the UI's fixtures take it from here).
    pub fn damaged_text(&self, reason: &str) -> String {
        let mut args = amtsweg_l10n::Args::new();
        args.set("reason", reason.to_owned());
        self.frame.text("drafts-damaged", Some(&args))
    }

    /// Opens a kept draft at the page where the citizen left.
    pub fn resume(&self, draft_id: &str) -> Result<DraftStarted, AppError> {
        let vault = self.vault.get()?;
        let opened = vault.open_draft(draft_id)?;
        let draft = self
            .checked_draft(&opened.procedure_id, &opened.payload)
            .map_err(|reason| AppError::Vault {
                code: ErrorCode::ErrorVaultDamaged,
                reason: reason.into(),
            })?;
        let screen = self.catalog.with_session(|s| s.screen(&draft))?;
        self.open().insert(draft_id.to_owned(), draft);
        Ok(DraftStarted {
            draft_id: draft_id.to_owned(),
            screen,
        })
    }

    /// A draft's payload from outside this session (the vault, an import file), parsed
    /// and put through the engine's checks of answers' shape and size
    /// ([`Session::check_draft`]) before anything is shown or kept. A draft of a
    /// procedure the catalog does not have cannot be checked; it is only parsed (it
    /// cannot be opened either). The error names the step, never the payload's words
    /// (the parser's message would quote the answers).
    pub fn checked_draft(&self, procedure_id: &str, payload: &[u8]) -> Result<Draft, &'static str> {
        let draft: Draft =
            serde_json::from_slice(payload).map_err(|_| "its contents are not a draft")?;
        if draft.procedure_id() != procedure_id {
            return Err("it names another procedure inside");
        }
        let checked = self.catalog.with_session(|s| match s.check_draft(&draft) {
            Err(amtsweg_procedure::ProcedureError::UnknownProcedure(_)) => Ok(()),
            other => other,
        });
        match checked {
            Ok(()) => Ok(draft),
            Err(amtsweg_procedure::ProcedureError::AnswerTooLarge { .. }) => {
                Err("an answer is larger than any question takes")
            }
            Err(_) => Err("its answers do not fit its procedure"),
        }
    }

    /// Deletes a draft for good (gone from the database file, not only marked).
    pub fn delete(&self, draft_id: &str) -> Result<DraftsView, AppError> {
        self.vault.get()?.delete_draft(draft_id)?;
        self.open().remove(draft_id);
        self.accepted().retain(|_, (owner, _)| owner != draft_id);
        Ok(self.list())
    }

    /// Drops drafts open in this session whose kept copy was replaced (an import):
    /// saved at their next change, they would overwrite it; "My drafts" opens the new one.
    pub fn forget(&self, draft_ids: &[String]) {
        let mut open = self.open();
        for id in draft_ids {
            open.remove(id);
        }
        // The file's draft came with the file's attachments only.
        self.accepted()
            .retain(|_, (owner, _)| !draft_ids.contains(owner));
    }

    /// Every draft open in this session goes ("Delete all my data").
    pub fn forget_all(&self) {
        self.open().clear();
        self.accepted().clear();
    }
}

/// How often a new draft takes another id when its part of the version list is
/// distrusted: 16 misses in a row with one bad part of 64 are beyond chance.
const NEW_ID_TRIES: u32 = 16;

/// A draft as the vault keeps it: the draft itself, and what "My drafts" shows of it.
fn stored_form(
    draft: &Draft,
    progress: Option<(u32, u32)>,
) -> Result<(zeroize::Zeroizing<Vec<u8>>, Vec<u8>), AppError> {
    let payload = zeroize::Zeroizing::new(
        serde_json::to_vec(draft).map_err(|e| AppError::InvalidRequest(e.to_string()))?,
    );
    let summary = StoredSummary {
        position: draft.position().clone(),
        step: progress,
    };
    let summary =
        serde_json::to_vec(&summary).map_err(|e| AppError::InvalidRequest(e.to_string()))?;
    Ok((payload, summary))
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

/// The ids of every file the answers name, groups' instances included.
fn file_ids(answers: &Answers) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut pending: Vec<&Answers> = vec![answers];
    while let Some(answers) = pending.pop() {
        for answer in answers.values() {
            match answer {
                Answer::File(file) => {
                    ids.insert(file.id.clone());
                }
                Answer::Group(instances) => pending.extend(instances),
                Answer::Text(_) | Answer::Choices(_) => {}
            }
        }
    }
    ids
}

/// The files `answers` name, in the order of the answers.
fn files(answers: &Answers) -> Vec<FileRef> {
    let mut files = Vec::new();
    let mut pending: Vec<&Answers> = vec![answers];
    while let Some(answers) = pending.pop() {
        for answer in answers.values() {
            match answer {
                Answer::File(file) => files.push(file.clone()),
                Answer::Group(instances) => pending.extend(instances.iter().rev()),
                Answer::Text(_) | Answer::Choices(_) => {}
            }
        }
    }
    files
}

/// The authority's language: its copy, and the first language of every printout.
pub(super) const GERMAN: &str = "de";

/// Whether `locale` is German ("de", "de-DE", "de-AT").
pub(super) fn is_german(locale: &str) -> bool {
    locale == GERMAN || locale.starts_with("de-")
}

/// A draft as the printout shows it ([`Drafts::printable`]).
#[derive(Debug)]
pub(super) struct Printable {
    pub german: CheckAnswers,
    /// In the citizen's language when that is not German.
    pub citizen: Option<CheckAnswers>,
    pub leika: String,
    pub files: Vec<FileRef>,
}

/// The UI sends answers as JSON; a wrong shape is the caller's error, named by path.
/// The parser's own words are left out: they quote the value ("invalid type: string
/// \"Erika…\""), and the text may reach a log.
fn parse_answers(value: serde_json::Value) -> Result<Answers, AppError> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = format!("answers.{}", error.path());
        AppError::InvalidRequest(format!("{} is not the shape of an answer", Quoted(&path)))
    })
}
