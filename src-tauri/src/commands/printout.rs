//! "Download PDF" and "Print": the application's PDF, and the recovery code's. The save
//! dialog and the viewer are opened from Rust (the webview can neither open dialogs nor
//! files); making the PDF and the dialog block, so each runs off the main thread.

use tauri::{AppHandle, Runtime};

use super::blocking;
use crate::core::PrintoutDone;
use crate::error::IpcError;

/// "Download PDF": the citizen's copy written where the OS save dialog says; `None` when
/// the citizen cancels.
#[tauri::command]
pub async fn download_application_pdf<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
) -> Result<Option<PrintoutDone>, IpcError> {
    blocking(&app, move |core| core.printouts().download(&draft_id)).await
}

/// "Print": the citizen's copy handed to the OS's viewer, from the print folder.
#[tauri::command]
pub async fn print_application<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
) -> Result<PrintoutDone, IpcError> {
    blocking(&app, move |core| core.printouts().print(&draft_id)).await
}

/// "Print" beside the recovery code shown once: the groups the UI shows.
#[tauri::command]
pub async fn print_recovery_code<R: Runtime>(
    app: AppHandle<R>,
    groups: Vec<String>,
) -> Result<PrintoutDone, IpcError> {
    blocking(&app, move |core| {
        core.printouts().print_recovery_code(&groups)
    })
    .await
}
