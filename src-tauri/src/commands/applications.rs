//! "Submit" and "My applications": a completed draft frozen into the outbox, and every
//! application with its status. Freezing writes the vault and renders the PDF, so each
//! runs off the main thread; sending happens on the outbox's own worker.

use tauri::{AppHandle, Runtime};

use super::blocking;
use crate::core::{ApplicationSubmitted, ApplicationsView, PrintoutDone};
use crate::error::IpcError;

/// "Submit" on check your answers: the application waits to be sent, the draft leaves
/// "My drafts".
#[tauri::command]
pub async fn submit_application<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
) -> Result<ApplicationSubmitted, IpcError> {
    blocking(&app, move |core| core.submit_application(&draft_id)).await
}

/// "My applications": every application with its status.
#[tauri::command]
pub async fn list_applications<R: Runtime>(
    app: AppHandle<R>,
) -> Result<ApplicationsView, IpcError> {
    blocking(&app, |core| core.applications().list()).await
}

/// "Download PDF" in My applications: the citizen's copy of a submitted application with
/// its receipt, where the OS save dialog says; `None` when the citizen cancelled.
#[tauri::command]
pub async fn download_sent_application_pdf<R: Runtime>(
    app: AppHandle<R>,
    application_id: String,
) -> Result<Option<PrintoutDone>, IpcError> {
    blocking(&app, move |core| {
        core.applications().printout(&application_id, false)
    })
    .await
}

/// "Print" in My applications: the same copy handed to the OS's viewer.
#[tauri::command]
pub async fn print_sent_application<R: Runtime>(
    app: AppHandle<R>,
    application_id: String,
) -> Result<Option<PrintoutDone>, IpcError> {
    blocking(&app, move |core| {
        core.applications().printout(&application_id, true)
    })
    .await
}
