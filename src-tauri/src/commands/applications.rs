//! "Submit" and "My applications": a completed draft frozen into the outbox, and every
//! application with its status. Freezing writes the vault and renders the PDF, so each
//! runs off the main thread; sending happens on the outbox's own worker.

use tauri::{AppHandle, Runtime};

use super::blocking;
use crate::core::{ApplicationSubmitted, ApplicationsView};
use crate::error::IpcError;

/// "Submit" on check your answers: the application waits to be sent, the draft leaves
/// "My drafts".
#[tauri::command]
pub async fn submit_application<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
) -> Result<ApplicationSubmitted, IpcError> {
    blocking(&app, move |core| core.applications().submit(&draft_id)).await
}

/// "My applications": every application with its status.
#[tauri::command]
pub async fn list_applications<R: Runtime>(
    app: AppHandle<R>,
) -> Result<ApplicationsView, IpcError> {
    blocking(&app, |core| core.applications().list()).await
}
