//! The app's core, without a window: the state behind the IPC commands (settings,
//! locales, the catalog in use, drafts, the vault, My data), the views the UI renders
//! (`models`) and the one error type with its localized IPC form (`error`). No tauri:
//! `src-tauri` holds the commands, the OS effects and the window, and is the only crate
//! that depends on tauri; this crate is tested without either.

pub mod core;
pub mod error;
pub mod events;
pub mod host;
pub mod models;
