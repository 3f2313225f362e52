//! The municipality choice: search the directory in use, save the citizen's choice.

use amtsweg_catalog::MunicipalityView;
use tauri::State;

use crate::core::AppCore;
use crate::error::IpcError;
use crate::models::AppView;

/// Search as you type, by postcode or name; an empty query answers nothing.
#[tauri::command]
pub fn search_municipalities(core: State<'_, AppCore>, query: String) -> Vec<MunicipalityView> {
    core.search_municipalities(&query)
}

/// Saves the municipality (by its regional key) and answers with the catalog.
#[tauri::command]
pub fn choose_municipality(core: State<'_, AppCore>, ars: String) -> Result<AppView, IpcError> {
    core.choose_municipality(&ars)
        .map_err(|e| core.ipc_error(&e))
}
