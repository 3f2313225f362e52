//! The procedure commands: catalog, drafts, pages, check your answers. Each one call
//! into `AppCore` on the blocking pool (saving a draft writes the vault durably); the
//! engine decides, the UI renders.

use tauri::{AppHandle, Runtime};

use super::blocking;
use crate::core::{CatalogGroup, DraftStarted, SubmissionPreview};
use crate::error::IpcError;
use amtsweg_procedure::{Continue, ProcedureScreen, StartPage, Summary};

/// The catalog screen: the municipality's procedures (matching `query`), grouped by
/// life situation.
#[tauri::command]
pub async fn catalog_groups<R: Runtime>(
    app: AppHandle<R>,
    query: Option<String>,
) -> Result<Vec<CatalogGroup>, IpcError> {
    blocking(&app, move |core| {
        Ok(core.catalog().groups(query.as_deref()))
    })
    .await
}

#[tauri::command]
pub async fn procedure_start_page<R: Runtime>(
    app: AppHandle<R>,
    procedure_id: String,
) -> Result<StartPage, IpcError> {
    blocking(&app, move |core| core.catalog().start_page(&procedure_id)).await
}

#[tauri::command]
pub async fn start_draft<R: Runtime>(
    app: AppHandle<R>,
    procedure_id: String,
) -> Result<DraftStarted, IpcError> {
    blocking(&app, move |core| core.start_draft(&procedure_id)).await
}

#[tauri::command]
pub async fn draft_screen<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
) -> Result<ProcedureScreen, IpcError> {
    blocking(&app, move |core| core.drafts().screen(&draft_id)).await
}

/// Answers arrive as JSON and are checked in Rust, so a wrong shape is a localized
/// `{code, message}` naming the path, not a bare deserializer message.
#[tauri::command]
pub async fn set_answers<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
    page_id: String,
    answers: serde_json::Value,
) -> Result<(), IpcError> {
    blocking(&app, move |core| {
        core.drafts().set_answers(&draft_id, &page_id, answers)
    })
    .await
}

#[tauri::command]
pub async fn continue_page<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
    page_id: String,
    answers: serde_json::Value,
) -> Result<Continue, IpcError> {
    blocking(&app, move |core| {
        core.drafts().continue_page(&draft_id, &page_id, answers)
    })
    .await
}

#[tauri::command]
pub async fn go_back<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
) -> Result<ProcedureScreen, IpcError> {
    blocking(&app, move |core| core.drafts().go_back(&draft_id)).await
}

#[tauri::command]
pub async fn go_to_page<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
    page_id: String,
) -> Result<ProcedureScreen, IpcError> {
    blocking(&app, move |core| {
        core.drafts().go_to_page(&draft_id, &page_id)
    })
    .await
}

#[tauri::command]
pub async fn check_answers<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
) -> Result<Summary, IpcError> {
    blocking(&app, move |core| core.drafts().check_answers(&draft_id)).await
}

#[tauri::command]
pub async fn submission_preview<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
) -> Result<SubmissionPreview, IpcError> {
    blocking(&app, move |core| {
        core.drafts().submission_preview(&draft_id)
    })
    .await
}
