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
}

impl AppError {
    /// The Fluent id that explains this error to a citizen.
    pub fn code(&self) -> &'static str {
        match self {
            Self::L10n(amtsweg_l10n::L10nError::UnknownLocale(_)) => "error-unknown-locale",
            Self::Settings(_) => "error-settings-save",
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
