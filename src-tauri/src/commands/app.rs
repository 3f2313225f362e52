//! The first-start and app-frame commands.

use tauri::State;

use crate::core::AppCore;
use crate::error::IpcError;
use crate::models::AppView;

#[tauri::command]
pub fn get_app_view(core: State<'_, AppCore>) -> AppView {
    core.view()
}

#[tauri::command]
pub fn choose_language(core: State<'_, AppCore>, locale: String) -> Result<AppView, IpcError> {
    core.choose_language(&locale)
        .map_err(|e| core.ipc_error(&e))
}

#[tauri::command]
pub fn complete_first_start(core: State<'_, AppCore>) -> Result<AppView, IpcError> {
    core.complete_first_start().map_err(|e| core.ipc_error(&e))
}

/// The page posts this once its first screen is painted and its first IPC round trip
/// answered: the start-up mark of the smoke test and the performance harness.
#[tauri::command]
pub fn report_first_paint(core: State<'_, AppCore>) {
    core.report_first_paint();
}
