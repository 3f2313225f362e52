//! The municipality choice: search the directory in use, save the citizen's choice.

use amtsweg_catalog::MunicipalityView;
use tauri::{AppHandle, Runtime};

use super::blocking;
use crate::error::IpcError;
use crate::models::AppView;

/// Search as you type, by postcode or name; an empty query answers nothing.
#[tauri::command]
pub async fn search_municipalities<R: Runtime>(
    app: AppHandle<R>,
    query: String,
) -> Result<Vec<MunicipalityView>, IpcError> {
    blocking(&app, move |core| {
        Ok(core.catalog().search_municipalities(&query))
    })
    .await
}

/// Saves the municipality (by its regional key) and answers with the catalog.
#[tauri::command]
pub async fn choose_municipality<R: Runtime>(
    app: AppHandle<R>,
    ars: String,
) -> Result<AppView, IpcError> {
    blocking(&app, move |core| core.choose_municipality(&ars)).await
}
