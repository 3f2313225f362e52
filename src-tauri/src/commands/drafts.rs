//! "My drafts": the drafts kept in the vault, resumed where the citizen left, deleted
//! for good. Each one line into `AppCore`.

use tauri::State;

use crate::core::{AppCore, DraftStarted, DraftsView};
use crate::error::IpcError;

/// Every kept draft, newest first (a damaged one says so), or why none can be kept.
#[tauri::command]
pub fn list_drafts(core: State<'_, AppCore>) -> DraftsView {
    core.list_drafts()
}

/// Opens a kept draft at the page where the citizen left.
#[tauri::command]
pub fn resume_draft(core: State<'_, AppCore>, draft_id: String) -> Result<DraftStarted, IpcError> {
    core.resume_draft(&draft_id).map_err(|e| core.ipc_error(&e))
}

/// Deletes a draft for good; the list without it.
#[tauri::command]
pub fn delete_draft(core: State<'_, AppCore>, draft_id: String) -> Result<DraftsView, IpcError> {
    core.delete_draft(&draft_id).map_err(|e| core.ipc_error(&e))
}
