//! The shell's one error type, and its IPC form `{code, message}` whose code is the
//! Fluent id of the message, so the UI can show it in the citizen's language.

use amtsweg_redact::Quoted;
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
    /// The ids come from the webview: quoted cut short and escaped.
    #[error("there is no draft {}", Quoted(.0))]
    UnknownDraft(String),
    #[error("there is no municipality with the regional key {}", Quoted(.0))]
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
    Vault { code: ErrorCode, reason: String },
    /// "Delete all my data" could not delete the settings or the stored catalog: the
    /// file system's words.
    #[error("{0}")]
    DeleteIncomplete(String),
    /// A passphrase that breaks a rule (empty, too short, not the same twice): the code
    /// says which.
    #[error("{}", .0.fluent_id())]
    Passphrase(ErrorCode),
    /// A new passphrase that is easy to guess; its text is the hint's key, which the
    /// message `error-passphrase-weak` selects its plain-language advice by.
    #[error("{}", .0.key())]
    WeakPassphrase(crate::core::PassphraseHint),
    /// The application's PDF could not be made: the printout's own words.
    #[error("{0}")]
    Printout(String),
    /// The PDF could not be written where the citizen chose, or into the print folder:
    /// the file system's words.
    #[error("{0}")]
    PrintoutWrite(String),
    /// The OS's viewer could not be opened with the PDF: the platform's words.
    #[error("{0}")]
    Viewer(String),
    /// Submitting: the application could not be frozen into the outbox (the draft is
    /// unchanged); the outbox's words, which never quote an answer.
    #[error(transparent)]
    Application(amtsweg_outbox::OutboxError),
    /// Submitting needs the municipality the application goes to.
    #[error("no municipality is chosen")]
    NoMunicipality,
    /// "Delete all my data" while this many applications are not yet sent: nothing was
    /// deleted; the citizen is told and asked again.
    #[error("{0} applications are not sent yet")]
    UnsentApplications(u32),
}

/// What a log line says of an error: its deepest cause (the OS's or a library's words,
/// "Permission denied (os error 13)"), cut short and escaped. The outer texts are left
/// out: they name paths in the citizen's home folder (so their name) or quote input.
pub struct LoggedCause<'a>(pub &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for LoggedCause<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut cause = self.0;
        while let Some(source) = cause.source() {
            cause = source;
        }
        write!(f, "{}", amtsweg_redact::Excerpt(&cause.to_string()))
    }
}

impl std::fmt::Debug for LoggedCause<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl From<amtsweg_vault::VaultError> for AppError {
    fn from(error: amtsweg_vault::VaultError) -> Self {
        use amtsweg_vault::VaultError as E;
        let code = match &error {
            E::KeychainUnavailable(_) => ErrorCode::ErrorKeychainUnavailable,
            E::KeychainLocked => ErrorCode::ErrorKeychainLocked,
            E::KeychainDenied(_) => ErrorCode::ErrorKeychainDenied,
            E::KeyMissing { .. } => ErrorCode::ErrorVaultKeyMissing,
            E::KeyDamaged { .. } | E::WrongKey => ErrorCode::ErrorVaultWrongKey,
            // Not the draft's damage: the list of versions cannot vouch for it (yet).
            E::Damaged {
                reason: amtsweg_vault::DamageReason::ManifestInvalid,
                ..
            } => ErrorCode::ErrorVaultVersionsChanged,
            E::Damaged { .. } | E::Corrupt(_) => ErrorCode::ErrorVaultDamaged,
            E::NotFound(_) => ErrorCode::ErrorUnknownDraft,
            E::DiskFull => ErrorCode::ErrorVaultDiskFull,
            E::WrongPassphrase | E::PassphraseRequired => ErrorCode::ErrorVaultPassphrase,
            E::NewerFormat(_) => ErrorCode::ErrorVaultNewer,
            E::BadExportFile(_) => ErrorCode::ErrorExportFile,
            E::RecoveryCodeFormat => ErrorCode::ErrorRecoveryCodeFormat,
            E::WrongRecoveryCode => ErrorCode::ErrorRecoveryCodeWrong,
            E::NoRecoveryCode => ErrorCode::ErrorRecoveryCodeNone,
            _ => ErrorCode::ErrorVaultStorage,
        };
        AppError::Vault {
            code,
            reason: error.to_string(),
        }
    }
}

impl From<amtsweg_outbox::OutboxError> for AppError {
    fn from(error: amtsweg_outbox::OutboxError) -> Self {
        match error {
            // The vault's own codes say what happened to the draft and what to do.
            amtsweg_outbox::OutboxError::Vault(error) => AppError::from(error),
            other => AppError::Application(other),
        }
    }
}

impl AppError {
    /// What this error is, for the citizen (`ErrorCode::fluent_id` gives its message).
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::L10n(amtsweg_l10n::L10nError::UnknownLocale(_)) => ErrorCode::ErrorUnknownLocale,
            Self::Settings(_) => ErrorCode::ErrorSettingsSave,
            Self::Procedure(error) => ErrorCode::of_procedure(error),
            Self::UnknownDraft(_) => ErrorCode::ErrorUnknownDraft,
            Self::UnknownMunicipality(_) => ErrorCode::ErrorUnknownMunicipality,
            Self::AttachmentType(_) => ErrorCode::ErrorAttachmentType,
            Self::AttachmentTooLarge(_) => ErrorCode::ErrorAttachmentSize,
            Self::AttachmentUnreadable(_) => ErrorCode::ErrorAttachmentUnreadable,
            Self::FileDialog(_) => ErrorCode::ErrorFileDialog,
            Self::InvalidRequest(_) => ErrorCode::ErrorInvalidRequest,
            Self::Vault { code, .. } => *code,
            Self::DeleteIncomplete(_) => ErrorCode::ErrorDeleteIncomplete,
            Self::Passphrase(code) => *code,
            Self::WeakPassphrase(_) => ErrorCode::ErrorPassphraseWeak,
            Self::Printout(_) => ErrorCode::ErrorPrintout,
            Self::PrintoutWrite(_) => ErrorCode::ErrorPrintoutWrite,
            Self::Viewer(_) => ErrorCode::ErrorViewer,
            Self::Application(amtsweg_outbox::OutboxError::Config(_)) => {
                ErrorCode::ErrorApplicationEndpoint
            }
            Self::Application(_) => ErrorCode::ErrorApplicationFreeze,
            Self::NoMunicipality => ErrorCode::ErrorApplicationNoMunicipality,
            Self::UnsentApplications(_) => ErrorCode::ErrorDeleteUnsent,
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

    /// The number the citizen's message counts in its `count` placeable, for the
    /// errors whose message has one.
    pub fn count(&self) -> Option<u32> {
        match self {
            Self::UnsentApplications(n) => Some(*n),
            _ => None,
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
    pub code: ErrorCode,
    pub message: String,
    /// The input the error is about, if it is about one.
    pub field: Option<ErrorField>,
    /// The platform's own words where the message leaves them out, for "Details"
    /// ([`ErrorCode::reason_is_detail`]). Left out when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
}

/// Every error the citizen can be told of. Its name is the Fluent id of the message
/// (`fluent_id`, the one place an error meets its text); the UI gets the same names as a
/// TypeScript union, so it can name none that does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ErrorCode {
    ErrorUnknownLocale,
    ErrorSettingsSave,
    ErrorUnknownDraft,
    ErrorUnknownMunicipality,
    ErrorAttachmentType,
    ErrorAttachmentSize,
    ErrorAttachmentUnreadable,
    ErrorFileDialog,
    ErrorInvalidRequest,
    ErrorKeychainUnavailable,
    ErrorKeychainLocked,
    ErrorKeychainDenied,
    ErrorVaultKeyMissing,
    ErrorVaultWrongKey,
    ErrorVaultDamaged,
    ErrorVaultVersionsChanged,
    ErrorVaultDiskFull,
    ErrorVaultPassphrase,
    ErrorVaultNewer,
    ErrorExportFile,
    ErrorVaultStorage,
    ErrorVaultNoPassphrase,
    ErrorVaultLocked,
    ErrorRecoveryCodeFormat,
    ErrorRecoveryCodeWrong,
    ErrorRecoveryCodeNone,
    ErrorPassphraseCurrent,
    ErrorExportWrite,
    ErrorImportPassphrase,
    ErrorImportRead,
    ErrorPassphraseEmpty,
    ErrorPassphraseTooShort,
    ErrorPassphraseMismatch,
    ErrorPassphraseTooLong,
    ErrorPassphraseWeak,
    ErrorDeleteIncomplete,
    ErrorDeleteUnsent,
    ErrorPrintout,
    ErrorPrintoutWrite,
    ErrorViewer,
    ErrorApplicationFreeze,
    ErrorApplicationEndpoint,
    ErrorApplicationNoMunicipality,
    ProcedureErrorDefinition,
    ProcedureErrorUnknownProcedure,
    ProcedureErrorNavigation,
    ProcedureErrorAnswer,
    ProcedureErrorAnswerTooLarge,
    ProcedureErrorIncomplete,
    ProcedureErrorExited,
}

impl ErrorCode {
    /// Every code, for the tests that hold each to its message.
    pub const ALL: [ErrorCode; 50] = [
        Self::ErrorUnknownLocale,
        Self::ErrorSettingsSave,
        Self::ErrorUnknownDraft,
        Self::ErrorUnknownMunicipality,
        Self::ErrorAttachmentType,
        Self::ErrorAttachmentSize,
        Self::ErrorAttachmentUnreadable,
        Self::ErrorFileDialog,
        Self::ErrorInvalidRequest,
        Self::ErrorKeychainUnavailable,
        Self::ErrorKeychainLocked,
        Self::ErrorKeychainDenied,
        Self::ErrorVaultKeyMissing,
        Self::ErrorVaultWrongKey,
        Self::ErrorVaultDamaged,
        Self::ErrorVaultVersionsChanged,
        Self::ErrorVaultDiskFull,
        Self::ErrorVaultPassphrase,
        Self::ErrorVaultNewer,
        Self::ErrorExportFile,
        Self::ErrorVaultStorage,
        Self::ErrorVaultNoPassphrase,
        Self::ErrorVaultLocked,
        Self::ErrorRecoveryCodeFormat,
        Self::ErrorRecoveryCodeWrong,
        Self::ErrorRecoveryCodeNone,
        Self::ErrorPassphraseCurrent,
        Self::ErrorExportWrite,
        Self::ErrorImportPassphrase,
        Self::ErrorImportRead,
        Self::ErrorPassphraseEmpty,
        Self::ErrorPassphraseTooShort,
        Self::ErrorPassphraseMismatch,
        Self::ErrorPassphraseTooLong,
        Self::ErrorPassphraseWeak,
        Self::ErrorDeleteIncomplete,
        Self::ErrorDeleteUnsent,
        Self::ErrorPrintout,
        Self::ErrorPrintoutWrite,
        Self::ErrorViewer,
        Self::ErrorApplicationFreeze,
        Self::ErrorApplicationEndpoint,
        Self::ErrorApplicationNoMunicipality,
        Self::ProcedureErrorDefinition,
        Self::ProcedureErrorUnknownProcedure,
        Self::ProcedureErrorNavigation,
        Self::ProcedureErrorAnswer,
        Self::ProcedureErrorAnswerTooLarge,
        Self::ProcedureErrorIncomplete,
        Self::ProcedureErrorExited,
    ];

    /// The Fluent id of the message that explains this error to a citizen.
    pub fn fluent_id(self) -> &'static str {
        match self {
            Self::ErrorUnknownLocale => "error-unknown-locale",
            Self::ErrorSettingsSave => "error-settings-save",
            Self::ErrorUnknownDraft => "error-unknown-draft",
            Self::ErrorUnknownMunicipality => "error-unknown-municipality",
            Self::ErrorAttachmentType => "error-attachment-type",
            Self::ErrorAttachmentSize => "error-attachment-size",
            Self::ErrorAttachmentUnreadable => "error-attachment-unreadable",
            Self::ErrorFileDialog => "error-file-dialog",
            Self::ErrorInvalidRequest => "error-invalid-request",
            Self::ErrorKeychainUnavailable => "error-keychain-unavailable",
            Self::ErrorKeychainLocked => "error-keychain-locked",
            Self::ErrorKeychainDenied => "error-keychain-denied",
            Self::ErrorVaultKeyMissing => "error-vault-key-missing",
            Self::ErrorVaultWrongKey => "error-vault-wrong-key",
            Self::ErrorVaultDamaged => "error-vault-damaged",
            Self::ErrorVaultVersionsChanged => "error-vault-versions-changed",
            Self::ErrorVaultDiskFull => "error-vault-disk-full",
            Self::ErrorVaultPassphrase => "error-vault-passphrase",
            Self::ErrorVaultNewer => "error-vault-newer",
            Self::ErrorExportFile => "error-export-file",
            Self::ErrorVaultStorage => "error-vault-storage",
            Self::ErrorVaultNoPassphrase => "error-vault-no-passphrase",
            Self::ErrorVaultLocked => "error-vault-locked",
            Self::ErrorRecoveryCodeFormat => "error-recovery-code-format",
            Self::ErrorRecoveryCodeWrong => "error-recovery-code-wrong",
            Self::ErrorRecoveryCodeNone => "error-recovery-code-none",
            Self::ErrorPassphraseCurrent => "error-passphrase-current",
            Self::ErrorExportWrite => "error-export-write",
            Self::ErrorImportPassphrase => "error-import-passphrase",
            Self::ErrorImportRead => "error-import-read",
            Self::ErrorPassphraseEmpty => "error-passphrase-empty",
            Self::ErrorPassphraseTooShort => "error-passphrase-too-short",
            Self::ErrorPassphraseMismatch => "error-passphrase-mismatch",
            Self::ErrorPassphraseTooLong => "error-passphrase-too-long",
            Self::ErrorPassphraseWeak => "error-passphrase-weak",
            Self::ErrorDeleteIncomplete => "error-delete-incomplete",
            Self::ErrorDeleteUnsent => "error-delete-unsent",
            Self::ErrorPrintout => "error-printout",
            Self::ErrorPrintoutWrite => "error-printout-write",
            Self::ErrorViewer => "error-viewer",
            Self::ErrorApplicationFreeze => "error-application-freeze",
            Self::ErrorApplicationEndpoint => "error-application-endpoint",
            Self::ErrorApplicationNoMunicipality => "error-application-no-municipality",
            Self::ProcedureErrorDefinition => "procedure-error-definition",
            Self::ProcedureErrorUnknownProcedure => "procedure-error-unknown-procedure",
            Self::ProcedureErrorNavigation => "procedure-error-navigation",
            Self::ProcedureErrorAnswer => "procedure-error-answer",
            Self::ProcedureErrorAnswerTooLarge => "procedure-error-answer-too-large",
            Self::ProcedureErrorIncomplete => "procedure-error-incomplete",
            Self::ProcedureErrorExited => "procedure-error-exited",
        }
    }

    /// Whether the error's own words are technical detail the message leaves out (the
    /// platform's words, in English): the cause is said in the citizen's language, the
    /// words go behind "Details" ([`crate::core::Frame::detail`]).
    pub fn reason_is_detail(self) -> bool {
        matches!(
            self,
            Self::ErrorKeychainUnavailable
                | Self::ErrorKeychainDenied
                | Self::ErrorVaultKeyMissing
                | Self::ErrorVaultWrongKey
        )
    }

    /// The input an error is about, when it is about one: the passphrase or its
    /// repetition (the UI shows it there instead of above the section).
    pub fn field(self) -> Option<ErrorField> {
        match self {
            Self::ErrorPassphraseEmpty
            | Self::ErrorPassphraseTooShort
            | Self::ErrorPassphraseTooLong
            | Self::ErrorPassphraseWeak
            | Self::ErrorVaultPassphrase
            | Self::ErrorImportPassphrase => Some(ErrorField::Passphrase),
            Self::ErrorPassphraseMismatch => Some(ErrorField::Confirmation),
            Self::ErrorPassphraseCurrent => Some(ErrorField::Current),
            Self::ErrorRecoveryCodeFormat | Self::ErrorRecoveryCodeWrong => {
                Some(ErrorField::RecoveryCode)
            }
            _ => None,
        }
    }

    /// The engine's error as the citizen is told of it.
    fn of_procedure(error: &amtsweg_procedure::ProcedureError) -> Self {
        use amtsweg_procedure::ProcedureError as E;
        match error {
            E::Malformed { .. } | E::Invalid { .. } | E::DuplicateProcedure(_) => {
                Self::ProcedureErrorDefinition
            }
            E::UnknownProcedure(_) => Self::ProcedureErrorUnknownProcedure,
            E::UnknownPage { .. } | E::WrongProcedure { .. } => Self::ProcedureErrorNavigation,
            E::UnknownAnswer { .. } | E::AnswerShape { .. } => Self::ProcedureErrorAnswer,
            E::AnswerTooLarge { .. } => Self::ProcedureErrorAnswerTooLarge,
            E::Incomplete { .. } => Self::ProcedureErrorIncomplete,
            E::Exited(_) => Self::ProcedureErrorExited,
        }
    }
}

/// Which input of a form an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ErrorField {
    /// The passphrase (its first input).
    Passphrase,
    /// The passphrase entered a second time.
    Confirmation,
    /// The passphrase in use, asked before it is changed.
    Current,
    /// The recovery code typed in.
    RecoveryCode,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logged_error_names_its_cause_not_the_path_with_the_citizen_s_name() {
        let error = amtsweg_vault::VaultError::Io {
            path: "/home/erika.mustermann/.local/share/amtsweg/vault/drafts.db".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        assert!(error.to_string().contains("erika"), "the control: {error}");
        let logged = LoggedCause(&error).to_string();
        assert!(!logged.contains("erika"), "{logged}");
        assert_eq!(logged, "permission denied");
    }

    #[test]
    fn each_code_reaches_the_ui_under_its_fluent_id() {
        for code in ErrorCode::ALL {
            assert_eq!(
                serde_json::to_value(code).expect("json"),
                serde_json::Value::String(code.fluent_id().to_owned()),
                "{code:?}"
            );
        }
    }

    #[test]
    fn each_code_has_its_message_in_german_and_english() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for locale in ["de", "en"] {
            let mut defined = String::new();
            for file in ["errors.ftl", "procedures/_engine.ftl"] {
                let path = root.join("locales").join(locale).join(file);
                defined += &std::fs::read_to_string(&path).expect("a Fluent file");
            }
            for code in ErrorCode::ALL {
                let id = code.fluent_id();
                assert!(
                    defined
                        .lines()
                        .any(|line| line.starts_with(&format!("{id} ="))),
                    "{locale}: no message {id}"
                );
            }
        }
    }

    #[test]
    fn a_message_whose_reason_is_detail_does_not_embed_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for locale in ["de", "en"] {
            let path = root.join("locales").join(locale).join("errors.ftl");
            let defined = std::fs::read_to_string(&path).expect("a Fluent file");
            for code in ErrorCode::ALL.into_iter().filter(|c| c.reason_is_detail()) {
                let id = code.fluent_id();
                let line = defined
                    .lines()
                    .find(|line| line.starts_with(&format!("{id} =")))
                    .unwrap_or_else(|| panic!("{locale}: no message {id}"));
                assert!(!line.contains("$reason"), "{locale}: {line}");
            }
        }
    }

    #[test]
    fn only_passphrase_and_recovery_code_errors_name_an_input() {
        let named: Vec<_> = ErrorCode::ALL
            .into_iter()
            .filter_map(|code| code.field().map(|field| (code.fluent_id(), field)))
            .collect();
        assert_eq!(
            named,
            [
                ("error-vault-passphrase", ErrorField::Passphrase),
                ("error-recovery-code-format", ErrorField::RecoveryCode),
                ("error-recovery-code-wrong", ErrorField::RecoveryCode),
                ("error-passphrase-current", ErrorField::Current),
                ("error-import-passphrase", ErrorField::Passphrase),
                ("error-passphrase-empty", ErrorField::Passphrase),
                ("error-passphrase-too-short", ErrorField::Passphrase),
                ("error-passphrase-mismatch", ErrorField::Confirmation),
                ("error-passphrase-too-long", ErrorField::Passphrase),
                ("error-passphrase-weak", ErrorField::Passphrase),
            ]
        );
    }
}
