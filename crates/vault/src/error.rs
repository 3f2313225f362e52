//! The vault's one error type. Every variant names what happened in words a support
//! person understands; the shell maps each to a localized message that says what to do.

use std::path::PathBuf;

use crate::DamageReason;

/// What can go wrong with the vault or its keys.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    // --- keys ---
    /// The operating system's random source failed (no key or nonce can be made).
    #[error("the system's random number source failed: {0}")]
    Random(String),
    /// A key text (from the keychain or elsewhere) is not in the format `VaultKeys` writes.
    #[error("the vault key is not in the expected format: {0}")]
    KeyFormat(&'static str),
    /// The keys are well-formed but belong to another vault (another installation, a
    /// replaced keychain entry): the key id in the database differs. Nothing is damaged.
    #[error("these keys do not belong to this vault")]
    WrongKey,
    /// The passphrase does not open the vault's keys (or the export file).
    #[error("the passphrase is wrong")]
    WrongPassphrase,
    /// The vault's keys are sealed under a passphrase, but it was opened another way.
    #[error("this vault is protected by a passphrase")]
    PassphraseRequired,
    /// What was typed is not a recovery code: not 28 symbols of its alphabet, or its
    /// check does not match (a typo). Nothing was tried against the vault.
    #[error("this is not a recovery code (a typo?)")]
    RecoveryCodeFormat,
    /// The recovery code is well-formed but does not open this vault's keys (a code of
    /// another vault, or an older code replaced by a newer one).
    #[error("the recovery code does not open this vault")]
    WrongRecoveryCode,
    /// No recovery code was set up for this vault.
    #[error("this vault has no recovery code")]
    NoRecoveryCode,
    /// Key derivation parameters that Argon2id refuses or that are beyond the limits a
    /// file from elsewhere may ask for (memory, time).
    #[error("invalid key derivation parameters: {0}")]
    KdfParams(String),

    // --- records ---
    /// One record failed its checks: changed bytes, swapped with another record, an
    /// older version put back, or removed behind the vault's back. Other records are
    /// unaffected.
    #[error("record `{id}` is damaged: {reason}")]
    Damaged { id: String, reason: DamageReason },
    /// No draft or attachment with this id.
    #[error("there is no record `{0}`")]
    NotFound(String),
    /// The call cannot be carried out as asked (an empty id, an attachment for a draft
    /// that does not exist, an id already used by a record of another kind).
    #[error("invalid request: {0}")]
    InvalidInput(String),

    // --- the database and files ---
    /// The disk (or the user's quota) is full. The write was rolled back; the previous
    /// version of every record is intact.
    #[error("the disk is full")]
    DiskFull,
    /// The database file itself is damaged or is not a vault.
    #[error("the vault database is damaged: {0}")]
    Corrupt(String),
    /// The database was written by a newer Amtsweg with a format this build cannot read.
    #[error("the vault was written by a newer version (format {0})")]
    NewerFormat(i64),
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Database(#[source] rusqlite::Error),
    /// A file operation failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The OS data directory could not be determined (no home directory).
    #[error("the data directory could not be determined")]
    NoDataDir,
    /// An export file that is not one, is cut short, or was changed.
    #[error("not a valid Amtsweg export file: {0}")]
    BadExportFile(&'static str),

    // --- the OS keychain (see `keychain`) ---
    /// No keychain service answers (on Linux: no Secret Service on the session bus).
    #[error("no keychain is available: {0}")]
    KeychainUnavailable(String),
    /// The keychain exists but is locked and could not be unlocked.
    #[error("the keychain is locked")]
    KeychainLocked,
    /// The keychain refused access to the vault's keys.
    #[error("access to the keychain was denied: {0}")]
    KeychainDenied(String),
    /// The keys are missing from the keychain although encrypted drafts exist: a new
    /// key would make them unreadable, so none is created.
    #[error(
        "the vault's keys are missing from the keychain, but {records} encrypted records exist"
    )]
    KeyMissing { records: u64 },
    /// What the keychain holds for the vault is not a key of ours.
    #[error("the keychain entry `{entry}` does not hold a valid key")]
    KeyDamaged { entry: String },
    /// Any other keychain failure, with the platform's own words.
    #[error("keychain error: {0}")]
    Keychain(String),
}

impl From<rusqlite::Error> for VaultError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            // SQLite reports ENOSPC on write as SQLITE_FULL (unixWrite); its rollback
            // leaves the last committed state in place.
            Some(ErrorCode::DiskFull) => VaultError::DiskFull,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                VaultError::Corrupt(e.to_string())
            }
            _ => VaultError::Database(e),
        }
    }
}

impl VaultError {
    /// An I/O failure on `path`; a full disk becomes [`VaultError::DiskFull`] so the
    /// shell shows one message for it whichever layer noticed.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::StorageFull
            || source.kind() == std::io::ErrorKind::QuotaExceeded
        {
            VaultError::DiskFull
        } else {
            VaultError::Io {
                path: path.into(),
                source,
            }
        }
    }
}
