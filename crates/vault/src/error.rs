//! The vault's one error type. Every variant names what happened in words a support
//! person understands; the shell maps each to a localized message that says what to do.

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
