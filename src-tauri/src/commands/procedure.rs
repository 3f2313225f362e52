//! The procedure commands: catalog, drafts, pages, check your answers. Each one line
//! into `AppCore`; the engine decides, the UI renders.

use tauri::State;

use crate::core::{AppCore, CatalogGroup, DraftStarted, SubmissionPreview};
use crate::error::IpcError;
use amtsweg_procedure::{CatalogEntry, Continue, ProcedureScreen, StartPage, Summary};

#[tauri::command]
pub fn list_procedures(core: State<'_, AppCore>, query: Option<String>) -> Vec<CatalogEntry> {
    core.list_procedures(query.as_deref())
}

/// The catalog screen: the municipality's procedures (matching `query`), grouped by
/// life situation.
#[tauri::command]
pub fn catalog_groups(core: State<'_, AppCore>, query: Option<String>) -> Vec<CatalogGroup> {
    core.catalog_groups(query.as_deref())
}

#[tauri::command]
pub fn procedure_start_page(
    core: State<'_, AppCore>,
    procedure_id: String,
) -> Result<StartPage, IpcError> {
    core.procedure_start_page(&procedure_id)
        .map_err(|e| core.ipc_error(&e))
}

#[tauri::command]
pub fn start_draft(
    core: State<'_, AppCore>,
    procedure_id: String,
) -> Result<DraftStarted, IpcError> {
    core.start_draft(&procedure_id)
        .map_err(|e| core.ipc_error(&e))
}

#[tauri::command]
pub fn draft_screen(
    core: State<'_, AppCore>,
    draft_id: String,
) -> Result<ProcedureScreen, IpcError> {
    core.draft_screen(&draft_id).map_err(|e| core.ipc_error(&e))
}

/// Answers arrive as JSON and are checked in Rust, so a wrong shape is a localized
/// `{code, message}` naming the path, not a bare deserializer message.
#[tauri::command]
pub fn set_answers(
    core: State<'_, AppCore>,
    draft_id: String,
    page_id: String,
    answers: serde_json::Value,
) -> Result<(), IpcError> {
    core.set_answers(&draft_id, &page_id, answers)
        .map_err(|e| core.ipc_error(&e))
}

#[tauri::command]
pub fn continue_page(
    core: State<'_, AppCore>,
    draft_id: String,
    page_id: String,
    answers: serde_json::Value,
) -> Result<Continue, IpcError> {
    core.continue_page(&draft_id, &page_id, answers)
        .map_err(|e| core.ipc_error(&e))
}

#[tauri::command]
pub fn go_back(core: State<'_, AppCore>, draft_id: String) -> Result<ProcedureScreen, IpcError> {
    core.go_back(&draft_id).map_err(|e| core.ipc_error(&e))
}

#[tauri::command]
pub fn go_to_page(
    core: State<'_, AppCore>,
    draft_id: String,
    page_id: String,
) -> Result<ProcedureScreen, IpcError> {
    core.go_to_page(&draft_id, &page_id)
        .map_err(|e| core.ipc_error(&e))
}

#[tauri::command]
pub fn check_answers(core: State<'_, AppCore>, draft_id: String) -> Result<Summary, IpcError> {
    core.check_answers(&draft_id)
        .map_err(|e| core.ipc_error(&e))
}

#[tauri::command]
pub fn submission_preview(
    core: State<'_, AppCore>,
    draft_id: String,
) -> Result<SubmissionPreview, IpcError> {
    core.submission_preview(&draft_id)
        .map_err(|e| core.ipc_error(&e))
}
