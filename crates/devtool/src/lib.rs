//! The project's developer tool, `amtsweg-dev`. Today it serves catalog authors:
//! `catalog check` lints every procedure definition and its texts in every shipped
//! locale and prints compiler-style findings; `catalog sign`, `keygen` and `verify` make
//! and inspect signed catalog packages (docs/catalog-signing.md). Later issues add
//! commands.
//!
//! The binary only parses arguments and prints: the work is in these modules, testable
//! without spawning a process.

pub mod check;
mod fluent;
pub mod locate;
pub mod publish;

use std::io;
use std::path::PathBuf;

pub use check::{Finding, Kind, MAX_ATTACHMENT_BYTES, Severity, check_folder};

/// This crate's one error type: what stops a command before it has anything to report.
#[derive(Debug, thiserror::Error)]
pub enum DevError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("no catalog here: {0} has no procedures/ folder (pass --root)")]
    NoCatalog(PathBuf),
    /// `catalog sign` found errors in the catalog: every finding of the check.
    #[error(
        "the catalog has {} error(s); fix them before signing (see `amtsweg-dev catalog check`)",
        .0.iter().filter(|f| f.is_error()).count()
    )]
    CheckFailed(Vec<Finding>),
    #[error("{path} exists already; refusing to overwrite it")]
    Exists { path: PathBuf },
    #[error(transparent)]
    Catalog(#[from] amtsweg_catalog::CatalogError),
}
