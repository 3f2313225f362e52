//! The drafts in the vault (`amtsweg_vault`): every change of a draft is saved there —
//! encrypted, signed, durable — before the UI is shown the result, and "My drafts" is
//! built from the drafts' small encrypted summaries.
//!
//! The vault is opened on a thread of its own at start: reading the keys from the OS
//! keychain may take a moment (or, with the Secret Service, a D-Bus round trip) and must
//! not run on the main thread. Commands that need it wait for that opening. When it
//! cannot be opened (no keychain, locked, keys missing), drafts still work for this
//! session, in memory only, and the citizen is told why they cannot be kept — never a
//! plaintext fallback, never a new empty vault over existing data.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use amtsweg_procedure::{Draft, Position, ProcedureScreen};
use amtsweg_vault::keychain::Keychain;
use amtsweg_vault::{KeySource, Summary, Vault};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AppCore;
use crate::error::AppError;

/// Where the drafts are kept.
#[derive(Debug, Clone)]
pub enum VaultChoice {
    /// The vault database in this folder, its keys in the OS keychain under `service`.
    Keychain { dir: PathBuf, service: String },
    /// Keys and database only in memory: nothing is written to disk (the public
    /// terminal; the shell's tests).
    InMemory,
}

/// How long a command waits for the vault to open before it says the vault is not
/// available. Opening takes milliseconds when the keychain is unlocked; a keychain that
/// asks the citizen to unlock it first may take longer, and then the command says so
/// rather than holding the window (the next command finds the vault open).
const OPEN_WAIT: Duration = Duration::from_secs(15);

#[derive(Debug)]
enum State {
    Opening,
    Ready(Arc<Vault>),
    /// Why it could not be opened: the error's Fluent code and its own words.
    Unavailable {
        code: &'static str,
        reason: String,
    },
}

/// The vault, being opened or open.
#[derive(Debug)]
pub(super) struct DraftsVault {
    state: Mutex<State>,
    opened: Condvar,
}

impl DraftsVault {
    /// Starts opening the vault on its own thread.
    pub(super) fn open_in_background(choice: VaultChoice) -> Arc<DraftsVault> {
        let vault = Arc::new(DraftsVault {
            state: Mutex::new(State::Opening),
            opened: Condvar::new(),
        });
        let opening = Arc::clone(&vault);
        let spawned = std::thread::Builder::new()
            .name("vault-open".into())
            .spawn(move || {
                let result = match choice {
                    VaultChoice::Keychain { dir, service } => {
                        Vault::open(&dir, KeySource::Keychain(Keychain::new(service)))
                    }
                    VaultChoice::InMemory => Vault::in_memory(),
                };
                let state = match result {
                    Ok(vault) => {
                        tracing::info!("vault-opened");
                        State::Ready(Arc::new(vault))
                    }
                    Err(error) => {
                        // The error's words name the cause; no secret is ever in them.
                        tracing::warn!(%error, "vault-unavailable");
                        match AppError::from(error) {
                            AppError::Vault { code, reason } => State::Unavailable { code, reason },
                            other => State::Unavailable {
                                code: "error-vault-storage",
                                reason: other.to_string(),
                            },
                        }
                    }
                };
                *opening.lock() = state;
                opening.opened.notify_all();
            });
        if let Err(error) = spawned {
            *vault.lock() = State::Unavailable {
                code: "error-vault-storage",
                reason: error.to_string(),
            };
        }
        vault
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The open vault, or why there is none.
    pub(super) fn get(&self) -> Result<Arc<Vault>, AppError> {
        let state = self.lock();
        let (state, _) = self
            .opened
            .wait_timeout_while(state, OPEN_WAIT, |s| matches!(s, State::Opening))
            .unwrap_or_else(PoisonError::into_inner);
        match &*state {
            State::Ready(vault) => Ok(Arc::clone(vault)),
            State::Unavailable { code, reason } => Err(AppError::Vault {
                code,
                reason: reason.clone(),
            }),
            State::Opening => Err(AppError::Vault {
                code: "error-keychain-unavailable",
                reason: "the keychain did not answer".into(),
            }),
        }
    }
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

impl StoredSummary {
    fn of(draft: &Draft, screen: &ProcedureScreen) -> StoredSummary {
        StoredSummary {
            position: draft.position().clone(),
            step: match screen {
                ProcedureScreen::Question(page) => Some((page.step.current, page.step.total)),
                _ => None,
            },
        }
    }
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
}

/// "My drafts".
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DraftsView {
    pub drafts: Vec<DraftListItem>,
    /// Set when drafts cannot be kept on this computer: why, and what to do.
    pub unavailable: Option<String>,
}

impl AppCore {
    /// Saves the draft (encrypted, signed, durable). Without a vault (its reason is on
    /// "My drafts"), drafts live in memory for this session only.
    pub(super) fn save_draft(
        &self,
        draft_id: &str,
        draft: &Draft,
        screen: &ProcedureScreen,
    ) -> Result<(), AppError> {
        let Ok(vault) = self.vault.get() else {
            return Ok(());
        };
        let payload = zeroize::Zeroizing::new(
            serde_json::to_vec(draft).map_err(|e| AppError::InvalidRequest(e.to_string()))?,
        );
        let summary = serde_json::to_vec(&StoredSummary::of(draft, screen))
            .map_err(|e| AppError::InvalidRequest(e.to_string()))?;
        vault.save_draft(draft_id, draft.procedure_id(), &payload, &summary)?;
        Ok(())
    }

    /// "My drafts": every kept draft, newest first; a damaged one says so and hides none.
    pub fn list_drafts(&self) -> DraftsView {
        let locale = self.locale();
        let vault = match self.vault.get() {
            Ok(vault) => vault,
            Err(error) => {
                return DraftsView {
                    drafts: Vec::new(),
                    unavailable: Some(self.ipc_error(&error).message),
                };
            }
        };
        let entries = match vault.list_drafts() {
            Ok(entries) => entries,
            Err(error) => {
                return DraftsView {
                    drafts: Vec::new(),
                    unavailable: Some(self.ipc_error(&AppError::from(error)).message),
                };
            }
        };
        let drafts = entries
            .into_iter()
            .map(|entry| {
                let title = self
                    .with_session(|s| s.start_page(&entry.procedure_id))
                    .map(|page| page.title)
                    .unwrap_or_else(|_| entry.procedure_id.clone());
                let (progress, damaged) = match &entry.summary {
                    Summary::Readable(bytes) => {
                        match serde_json::from_slice::<StoredSummary>(bytes) {
                            Ok(summary) => (self.progress_text(&locale, &summary), None),
                            Err(error) => (
                                String::new(),
                                Some(self.damaged_text(&locale, &error.to_string())),
                            ),
                        }
                    }
                    Summary::Damaged { reason } => (
                        String::new(),
                        Some(self.damaged_text(&locale, &reason.to_string())),
                    ),
                };
                DraftListItem {
                    draft_id: entry.id,
                    procedure_id: entry.procedure_id,
                    title,
                    updated_ms: entry.updated_ms,
                    progress,
                    damaged,
                }
            })
            .collect();
        DraftsView {
            drafts,
            unavailable: None,
        }
    }

    fn progress_text(&self, locale: &str, summary: &StoredSummary) -> String {
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
        self.l10n.format(locale, id, Some(&args))
    }

    fn damaged_text(&self, locale: &str, reason: &str) -> String {
        let mut args = amtsweg_l10n::Args::new();
        args.set("reason", reason.to_owned());
        self.l10n.format(locale, "drafts-damaged", Some(&args))
    }

    /// Opens a kept draft at the page where the citizen left.
    pub fn resume_draft(
        &self,
        draft_id: &str,
    ) -> Result<super::procedures::DraftStarted, AppError> {
        let vault = self.vault.get()?;
        let opened = vault.open_draft(draft_id)?;
        let draft: Draft =
            serde_json::from_slice(&opened.payload).map_err(|e| AppError::Vault {
                code: "error-vault-damaged",
                reason: e.to_string(),
            })?;
        let screen = self.with_session(|s| s.screen(&draft))?;
        self.drafts.insert(draft_id, draft);
        Ok(super::procedures::DraftStarted {
            draft_id: draft_id.to_owned(),
            screen,
        })
    }

    /// Deletes a draft for good (gone from the database file, not only marked).
    pub fn delete_draft(&self, draft_id: &str) -> Result<DraftsView, AppError> {
        self.vault.get()?.delete_draft(draft_id)?;
        self.drafts.remove(draft_id);
        Ok(self.list_drafts())
    }
}
