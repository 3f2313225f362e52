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
    /// The picked file's content is none of these media types (the text names them).
    #[error("{0}")]
    AttachmentType(String),
    /// The picked file is larger than this many bytes (the text names the limit).
    #[error("{} MB", format_megabytes(*.0, '.'))]
    AttachmentTooLarge(u64),
    #[error("{0}")]
    AttachmentUnreadable(String),
    /// The OS file dialog could not be opened.
    #[error("{0}")]
    FileDialog(String),
    /// The UI sent arguments of the wrong shape.
    #[error("{0}")]
    InvalidRequest(String),
    /// The drafts vault or its keys: `code` is the Fluent id that says what happened
    /// and what to do, `reason` the vault's own words (never a secret).
    #[error("{reason}")]
    Vault { code: &'static str, reason: String },
    /// A passphrase that breaks a rule (empty, too short, not the same twice): the code
    /// is the Fluent id that says which.
    #[error("{0}")]
    Passphrase(&'static str),
}

impl From<amtsweg_vault::VaultError> for AppError {
    fn from(error: amtsweg_vault::VaultError) -> Self {
        use amtsweg_vault::VaultError as E;
        let code = match &error {
            E::KeychainUnavailable(_) => "error-keychain-unavailable",
            E::KeychainLocked => "error-keychain-locked",
            E::KeychainDenied(_) => "error-keychain-denied",
            E::KeyMissing { .. } => "error-vault-key-missing",
            E::KeyDamaged { .. } | E::WrongKey => "error-vault-wrong-key",
            E::Damaged { .. } | E::Corrupt(_) => "error-vault-damaged",
            E::NotFound(_) => "error-unknown-draft",
            E::DiskFull => "error-vault-disk-full",
            E::WrongPassphrase | E::PassphraseRequired => "error-vault-passphrase",
            E::NewerFormat(_) => "error-vault-newer",
            E::BadExportFile(_) => "error-export-file",
            _ => "error-vault-storage",
        };
        AppError::Vault {
            code,
            reason: error.to_string(),
        }
    }
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
            Self::AttachmentType(_) => "error-attachment-type",
            Self::AttachmentTooLarge(_) => "error-attachment-size",
            Self::AttachmentUnreadable(_) => "error-attachment-unreadable",
            Self::FileDialog(_) => "error-file-dialog",
            Self::InvalidRequest(_) => "error-invalid-request",
            Self::Vault { code, .. } => code,
            Self::Passphrase(code) => code,
        }
    }
}

impl AppError {
    /// What the citizen's message says in its `reason` placeable, in `locale`: a size
    /// limit with the language's decimal separator, anything else as the error's text.
    pub fn reason(&self, locale: &str) -> String {
        match self {
            Self::AttachmentTooLarge(bytes) => {
                format!("{} MB", format_megabytes(*bytes, decimal_separator(locale)))
            }
            other => other.to_string(),
        }
    }
}

/// English writes `1.5`; German and the other languages planned so far write `1,5`.
fn decimal_separator(locale: &str) -> char {
    if locale == "en" || locale.starts_with("en-") {
        '.'
    } else {
        ','
    }
}

/// `10485760` → `10`, `1572864` → `1.5` (with `.`): megabytes (2^20 bytes) for a size
/// limit, rounded up to a tenth.
fn format_megabytes(bytes: u64, separator: char) -> String {
    let tenths = (bytes * 10).div_ceil(1 << 20);
    if tenths.is_multiple_of(10) {
        format!("{}", tenths / 10)
    } else {
        format!("{}{separator}{}", tenths / 10, tenths % 10)
    }
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}
