//! Thin IPC commands: each one line into [`crate::core::AppCore`], errors localized.

pub mod app;
pub mod attachment;
pub mod drafts;
pub mod municipality;
pub mod my_data;
pub mod procedure;
