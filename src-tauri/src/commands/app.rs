//! The first-start and app-frame commands.

use tauri::{AppHandle, Runtime, State};

use super::blocking;
use crate::core::AppCore;
use crate::error::IpcError;
use crate::models::{AppView, PaintPhases, PaintedScreen};

#[tauri::command]
pub async fn get_app_view<R: Runtime>(app: AppHandle<R>) -> Result<AppView, IpcError> {
    blocking(&app, |core| Ok(core.view())).await
}

#[tauri::command]
pub async fn choose_language<R: Runtime>(
    app: AppHandle<R>,
    locale: String,
) -> Result<AppView, IpcError> {
    blocking(&app, move |core| core.choose_language(&locale)).await
}

#[tauri::command]
pub async fn complete_first_start<R: Runtime>(app: AppHandle<R>) -> Result<AppView, IpcError> {
    blocking(&app, |core| core.complete_first_start()).await
}

/// The in-app text size (settings), in percent of the OS's; saved at once.
#[tauri::command]
pub async fn set_text_scale<R: Runtime>(
    app: AppHandle<R>,
    scale: u16,
) -> Result<AppView, IpcError> {
    blocking(&app, move |core| core.set_text_scale(scale)).await
}

/// The page posts this once its first screen is painted and its first IPC round trip
/// answered, naming what it painted: the start-up mark of the smoke test and the
/// performance harness. Synchronous on purpose (`super::SYNCHRONOUS`).
#[tauri::command]
pub fn report_first_paint(
    core: State<'_, AppCore>,
    screen: PaintedScreen,
    phases: Option<PaintPhases>,
) {
    core.report_first_paint(screen, phases);
}

/// The page's title becomes the native window's title, which screen readers announce
/// ("Error: …" after a failed "Continue"). A command of its own rather than the
/// `core:window:allow-set-title` permission: the core cleans the text and the host sets
/// it on the app's window only. Synchronous on purpose (`super::SYNCHRONOUS`).
#[tauri::command]
pub fn set_window_title(core: State<'_, AppCore>, title: String) {
    core.set_window_title(&title);
}
