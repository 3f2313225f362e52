//! "My drafts": the drafts kept in the vault, resumed where the citizen left, deleted
//! for good. Each one call into `AppCore`, on the blocking pool (the vault may still be
//! opening, waiting for the keychain).

use tauri::{AppHandle, Runtime};

use super::blocking;
use crate::core::{DraftStarted, DraftsView};
use crate::error::IpcError;

/// Every kept draft, newest first (a damaged one says so), or why none can be kept.
#[tauri::command]
pub async fn list_drafts<R: Runtime>(app: AppHandle<R>) -> Result<DraftsView, IpcError> {
    blocking(&app, |core| Ok(core.drafts().list())).await
}

/// Opens a kept draft at the page where the citizen left.
#[tauri::command]
pub async fn resume_draft<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
) -> Result<DraftStarted, IpcError> {
    blocking(&app, move |core| core.drafts().resume(&draft_id)).await
}

/// Deletes a draft for good; the list without it.
#[tauri::command]
pub async fn delete_draft<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
) -> Result<DraftsView, IpcError> {
    blocking(&app, move |core| core.drafts().delete(&draft_id)).await
}

/// "Keep my drafts as they are", after the citizen was asked: the drafts' versions as
/// they are now become the trusted ones; the list again.
#[tauri::command]
pub async fn keep_draft_versions<R: Runtime>(app: AppHandle<R>) -> Result<DraftsView, IpcError> {
    blocking(&app, |core| core.drafts().keep_current_versions()).await
}
