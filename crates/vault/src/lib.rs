//! The drafts vault: one SQLite database whose records (drafts, attachments, later the
//! outbox and receipts) are encrypted with XChaCha20-Poly1305 and signed with the
//! installation's Ed25519 key; the keys live in the OS keychain (`keychain`), or sealed
//! under a passphrase, or (kiosk) only in memory.
//!
//! No tauri, no UI: the shell opens a vault off the main thread and maps its errors to
//! localized messages. ARCHITECTURE.md ("Vault") has the threat model and the crash
//! safety argument.

mod crypto;
mod error;
mod export;
mod failpoint;
pub mod keychain;
mod keys;
mod manifest;
mod recovery;
mod rekey;
mod vault;

pub use crypto::KdfParams;
pub use error::VaultError;
pub use export::{ExportContents, ExportReport, ImportReport, MAX_EXPORT_BYTES};
pub use keys::VaultKeys;
pub use recovery::RecoveryCode;
pub use rekey::{KeyStore, StoredVault};
pub use vault::{
    APP_ID, Application, ApplicationListEntry, Attachment, AttachmentListEntry, DB_FILE,
    DamageReason, Draft, DraftListEntry, Durability, KeySource, Passphrase, Sending, Summary,
    Vault,
};

/// Test support for the crash tests: arm a named failpoint of a save. Only with the
/// `failpoints` feature, which shipped builds never have.
#[cfg(feature = "failpoints")]
pub mod failpoints {
    pub use crate::failpoint::{FileKeyStore, arm, test_payload};
}
