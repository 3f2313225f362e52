//! The shell's one error type, and its IPC form `{code, message}` whose code is the
//! Fluent id of the message, so the UI can show it in the citizen's language.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    L10n(#[from] amtsweg_l10n::L10nError),
    #[error(transparent)]
    Settings(#[from] amtsweg_settings::SettingsError),
    #[error(transparent)]
    Procedure(#[from] amtsweg_procedure::ProcedureError),
    #[error("there is no draft {0:?}")]
    UnknownDraft(String),
    #[error("there is no municipality with the regional key {0:?}")]
    UnknownMunicipality(String),
    /// The UI sent arguments of the wrong shape.
    #[error("{0}")]
    InvalidRequest(String),
}

impl AppError {
    /// The Fluent id that explains this error to a citizen.
    pub fn code(&self) -> &'static str {
        match self {
            Self::L10n(amtsweg_l10n::L10nError::UnknownLocale(_)) => "error-unknown-locale",
            Self::Settings(_) => "error-settings-save",
            Self::Procedure(error) => error.code(),
            Self::UnknownDraft(_) => "error-unknown-draft",
            Self::UnknownMunicipality(_) => "error-unknown-municipality",
            Self::InvalidRequest(_) => "error-invalid-request",
        }
    }
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}
