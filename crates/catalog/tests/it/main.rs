//! Integration tests of the catalog crate through its public API: signing and every
//! refusal, the store's last good catalog, the repository's catalog and directory.

mod support;

mod directory;
mod repo_catalog;
mod signing;
mod store;
