//! The core's behaviour, without tauri: each module drives `AppCore` as the commands do
//! (`support::Harness`), with real settings on disk, real locales, the bundled catalog,
//! a real vault; and writes the UI's mocked-IPC fixtures from its real answers.

mod applications;
mod catalog_fetch;
mod delete_all;
mod drafts;
mod events;
mod frame;
mod logs;
mod manifest;
mod my_data;
mod my_data_applications;
mod my_details;
mod notifications;
mod printouts;
mod procedures;
mod services;
mod signed_catalogs;
mod support;
mod thread_log;
mod untrusted;
