//! The catalog as data that can travel: a set of text files (procedure definitions,
//! their Fluent texts, the municipality directory) with a sequence number, packed into
//! one signed file. A package is accepted only when an Ed25519 key pinned in this
//! binary signed it and its sequence is newer than the one in use; the last accepted
//! package is kept on disk and stays in use whenever a new one is refused.
//!
//! The catalog bundled with the binary is trusted with the binary and needs no
//! signature: [`CatalogFiles::from_embedded`] and [`CatalogFiles::from_folder`] build the
//! same file set from embedded bytes or from the repository folder.
//!
//! The municipality directory (`procedures/municipalities.json`) maps a place (name,
//! postcodes, regional key ARS) to its submission endpoint and offered procedures; the
//! first-start screen searches it by postcode or name.

// The test key's secret is public: a release build that trusted it would take any
// catalog signed with it. `make release-check` also looks for its key id in the binary.
#[cfg(all(feature = "test-trust", not(debug_assertions)))]
compile_error!(
    "the `test-trust` feature trusts the committed test publisher key and must never be \
     compiled into a release build (one without debug assertions)"
);

mod directory;
mod files;
mod folder;
mod keys;
mod package;
mod store;

use std::io;
use std::path::PathBuf;

pub use directory::{
    Ars, DIRECTORY_FORMAT, DIRECTORY_PATH, Directory, Endpoint, MAX_DESTINATION_ROOTS,
    Municipality, MunicipalityView, PemCertificate, Postcode, directory_schema,
};
pub use ed25519_dalek::{SigningKey, VerifyingKey};
pub use files::{CatalogFiles, MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES};
pub use keys::{
    KeyId, PinnedKey, TrustedKeys, format_signing_key, format_verifying_key, generate_signing_key,
    parse_signing_key, parse_verifying_key,
};
pub use package::{
    DEFAULT_VALIDITY_DAYS, MAX_PACKAGE_BYTES, PACKAGE_FORMAT, SignedCatalog, VerifiedCatalog, sign,
    sign_at, sign_until, verify,
};
pub use store::CatalogStore;

/// This crate's one error type. Each refusal of a package is its own variant, so the
/// shell can tell the citizen (and the log can tell support) what was wrong.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The package carries no signature at all.
    #[error("the catalog is not signed")]
    Unsigned,
    /// Not a catalog package: not JSON, a field missing or of the wrong type, bad hex.
    #[error("the catalog package is malformed: {0}")]
    Malformed(String),
    /// Written in a package format this build does not know.
    #[error("the catalog package has format {found}; this build reads format {supported}")]
    UnsupportedFormat { found: u64, supported: u32 },
    /// Signed with a key that is not pinned in this build.
    #[error("the catalog is signed with key {key_id}, which this build does not trust")]
    UnknownKey { key_id: String },
    /// The signature does not match the content: a file, the sequence or another signed
    /// field was changed after signing (or the signature itself was).
    #[error("the catalog was altered after signing: its signature by key {key_id} does not match")]
    Altered { key_id: String },
    /// The sequence is not newer than the catalog in use: an old catalog replayed.
    #[error("the catalog has sequence {sequence}, not newer than the one in use ({in_use})")]
    NotNewer { sequence: u64, in_use: u64 },
    /// The catalog's sequence is below the minimum this release accepts: an old
    /// catalog replayed onto a fresh installation.
    #[error("the catalog has sequence {sequence}; this release accepts {minimum} or newer")]
    BelowMinimum { sequence: u64, minimum: u64 },
    /// The catalog's signed expiry has passed.
    #[error("the catalog expired on {expires}")]
    Expired { expires: String },
    /// A catalog's Fluent file defines a message that is not its procedure's own.
    #[error(
        "{path:?} defines {id:?}; a catalog may define only its procedure's messages (ids starting with {prefix:?})"
    )]
    ForeignMessage {
        path: String,
        id: String,
        prefix: String,
    },
    /// A path that could leave the catalog folder or confuse a file system.
    #[error("unsafe path {path:?} in the catalog: {reason}")]
    UnsafePath { path: String, reason: &'static str },
    /// A safe path, but not one of the catalog's folders and file kinds.
    #[error("{path:?} is not a catalog file: {reason}")]
    NotACatalogFile { path: String, reason: &'static str },
    /// The same path twice (compared without case, as macOS and Windows do).
    #[error("the catalog holds {0:?} twice")]
    DuplicatePath(String),
    /// A file, the whole set or the package is larger than the limits allow.
    #[error("{what} is {size} bytes; the limit is {limit}")]
    TooLarge { what: String, size: u64, limit: u64 },
    /// More files than [`MAX_FILES`].
    #[error("the catalog has more than {limit} files")]
    TooManyFiles { limit: usize },
    /// Catalog files are text; this one is not UTF-8.
    #[error("{0:?} is not UTF-8 text")]
    NotUtf8(String),
    /// A key file or key text that is not a 32-byte hex key.
    #[error("bad {what}: {reason}")]
    BadKey { what: &'static str, reason: String },
    /// The operating system gave no randomness for a new key.
    #[error("no randomness for a new key: {0}")]
    NoRandomness(String),
    /// The municipality directory breaks a rule; `at` is the place in the file.
    #[error("municipality directory, {at}: {problem}")]
    InvalidDirectory { at: String, problem: String },
    /// Two municipalities with the same regional key.
    #[error("municipality directory: ARS {ars} appears twice ({first} and {second})")]
    DuplicateArs {
        ars: String,
        first: String,
        second: String,
    },
    /// The catalog has no municipality directory.
    #[error("the catalog has no {DIRECTORY_PATH}")]
    NoDirectory,
    /// A verified package whose content the caller's check refused.
    #[error("the catalog's content was refused: {0}")]
    ContentRefused(String),
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
}

impl CatalogError {
    /// A stable short name of the refusal, for logs and tests: never the package's own
    /// text (a path or id from the package could be anything).
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Unsigned => "unsigned",
            Self::Malformed(_) => "malformed",
            Self::UnsupportedFormat { .. } => "unsupported-format",
            Self::UnknownKey { .. } => "unknown-key",
            Self::Altered { .. } => "altered",
            Self::NotNewer { .. } => "not-newer",
            Self::BelowMinimum { .. } => "below-minimum",
            Self::Expired { .. } => "expired",
            Self::ForeignMessage { .. } => "foreign-message",
            Self::UnsafePath { .. } => "unsafe-path",
            Self::NotACatalogFile { .. } => "not-a-catalog-file",
            Self::DuplicatePath(_) => "duplicate-path",
            Self::TooLarge { .. } => "too-large",
            Self::TooManyFiles { .. } => "too-many-files",
            Self::NotUtf8(_) => "not-utf8",
            Self::BadKey { .. } => "bad-key",
            Self::NoRandomness(_) => "no-randomness",
            Self::InvalidDirectory { .. } => "invalid-directory",
            Self::DuplicateArs { .. } => "duplicate-ars",
            Self::NoDirectory => "no-directory",
            Self::ContentRefused(_) => "content-refused",
            Self::Read { .. } => "read",
            Self::Write { .. } => "write",
        }
    }
}

#[cfg(test)]
mod tests;
