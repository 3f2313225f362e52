//! Thin IPC commands: each one call into [`crate::core::AppCore`], errors localized.
//!
//! No command blocks the main thread (ARCHITECTURE.md, invariants): Tauri runs a
//! synchronous command there, so every command that reads the core's state runs as
//! `async` on tokio's blocking pool through [`blocking`]. Only [`SYNCHRONOUS`] may stay
//! synchronous; a test reads this folder's sources and holds every other command to it.

use tauri::{AppHandle, Manager, Runtime};

use crate::core::AppCore;
use crate::error::{AppError, IpcError};

pub mod app;
pub mod applications;
pub mod attachment;
pub mod drafts;
pub mod municipality;
pub mod my_data;
pub mod my_details;
pub mod printout;
pub mod procedure;

/// The commands allowed to run on the main thread, and why each is safe there.
pub const SYNCHRONOUS: &[(&str, &str)] = &[
    (
        "report_first_paint",
        "writes one log line; touches no lock, file or keychain",
    ),
    (
        "set_window_title",
        "hands the title to the window, which the main thread owns; no lock, file or keychain",
    ),
];

/// Runs `f` with the core on tokio's blocking pool (never the main thread, never an
/// async worker other commands wait for); its error in the citizen's language.
pub(crate) async fn blocking<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    f: impl FnOnce(&AppCore) -> Result<T, AppError> + Send + 'static,
) -> Result<T, IpcError> {
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let core = handle.state::<AppCore>();
        f(&core).map_err(|e| core.ipc_error(&e))
    })
    .await
    .unwrap_or_else(|e| {
        let core = app.state::<AppCore>();
        Err(core.ipc_error(&AppError::InvalidRequest(e.to_string())))
    })
}
