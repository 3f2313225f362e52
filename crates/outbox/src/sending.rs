//! The record of one application's sending, kept in the vault beside the frozen
//! application. Each step is recorded before the next begins, so a restart at any point
//! continues from the last recorded step (ARCHITECTURE.md "Outbox": the exactly-once
//! argument).

use serde::{Deserialize, Serialize};

use crate::events::{CaseEvent, EventKind};
use crate::{OutboxError, Sealed};

/// Where the sending of one application stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum Step {
    /// Nothing is sealed yet (offline since the submit, or the key was refused).
    Waiting,
    /// Sealed for one destination key; these bytes are all that will ever be sent.
    Sealed { sealed: Sealed },
    /// The submission is announced at the server (its ids recorded); the files are
    /// uploaded next (an upload replaces, so repeating it is harmless).
    Created {
        sealed: Sealed,
        submission_id: String,
        case_id: String,
    },
    /// Every file is uploaded; the submit may have reached the server. A repeat answers
    /// `409 already-submitted` for this id if it did.
    Submitting {
        sealed: Sealed,
        submission_id: String,
        case_id: String,
    },
    /// Submitted exactly once; only the verified events of the case are added.
    Submitted {
        submission_id: String,
        case_id: String,
        events: Vec<CaseEvent>,
    },
}

/// The stored record: the step and what the citizen is told while it waits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendingRecord {
    pub step: Step,
    /// Failed attempts since the last step forward (for the status line).
    pub attempts: u32,
    /// A stable code of the last failure (never a server's text or personal data).
    pub last_error: Option<String>,
}

impl Default for SendingRecord {
    fn default() -> Self {
        SendingRecord {
            step: Step::Waiting,
            attempts: 0,
            last_error: None,
        }
    }
}

impl SendingRecord {
    pub(crate) fn decode(bytes: &[u8]) -> Result<SendingRecord, OutboxError> {
        serde_json::from_slice(bytes)
            .map_err(|_| OutboxError::Record("the sending record is not readable".into()))
    }

    pub(crate) fn encode(&self) -> Result<Vec<u8>, OutboxError> {
        serde_json::to_vec(self)
            .map_err(|_| OutboxError::Record("the sending record cannot be written".into()))
    }

    /// What the citizen sees.
    pub fn status(&self) -> Status {
        match &self.step {
            Step::Waiting | Step::Sealed { .. } if self.last_error.is_some() => Status::Waiting {
                last_error: self.last_error.clone(),
            },
            Step::Waiting => Status::Waiting { last_error: None },
            Step::Sealed { .. } | Step::Created { .. } | Step::Submitting { .. } => {
                Status::Sending {
                    last_error: self.last_error.clone(),
                }
            }
            Step::Submitted {
                case_id, events, ..
            } => {
                // The newest decision counts; a forward is not a decision.
                let decided = events.iter().rev().find_map(|e| match &e.kind {
                    EventKind::Accepted => Some(Status::Accepted {
                        case_id: case_id.clone(),
                    }),
                    EventKind::Rejected { reason } => Some(Status::Rejected {
                        case_id: case_id.clone(),
                        reason: reason.clone(),
                    }),
                    _ => None,
                });
                decided.unwrap_or_else(|| {
                    if events.iter().any(|e| e.kind == EventKind::Forwarded) {
                        Status::Forwarded {
                            case_id: case_id.clone(),
                        }
                    } else {
                        Status::Submitted {
                            case_id: case_id.clone(),
                        }
                    }
                })
            }
        }
    }
}

/// Where an application stands, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Status {
    /// Frozen, not yet handed over (offline, or refused for a reason in `last_error`).
    Waiting {
        last_error: Option<String>,
    },
    /// Handed over in part; the submit has not been confirmed.
    Sending {
        last_error: Option<String>,
    },
    /// Submitted; the municipality's case id.
    Submitted {
        case_id: String,
    },
    Forwarded {
        case_id: String,
    },
    Accepted {
        case_id: String,
    },
    Rejected {
        case_id: String,
        reason: Option<String>,
    },
}

impl Status {
    /// Submitted and decided: nothing more will happen to it.
    pub fn is_final(&self) -> bool {
        matches!(self, Status::Accepted { .. } | Status::Rejected { .. })
    }

    /// The submit is confirmed by the server.
    pub fn is_submitted(&self) -> bool {
        matches!(
            self,
            Status::Submitted { .. }
                | Status::Forwarded { .. }
                | Status::Accepted { .. }
                | Status::Rejected { .. }
        )
    }
}
