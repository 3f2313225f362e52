//! The drafts vault: one SQLite database whose records (drafts, attachments, later the
//! outbox and receipts) are encrypted with XChaCha20-Poly1305 and signed with the
//! installation's Ed25519 key; the keys live in the OS keychain (`keychain`).
//!
//! No tauri, no UI: the shell opens a vault off the main thread and maps its errors to
//! localized messages.

mod error;
pub mod keychain;
mod keys;

pub use error::VaultError;
pub use keys::VaultKeys;
