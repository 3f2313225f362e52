//! The first-start and app-frame commands.

use tauri::{AppHandle, Runtime, State};

use super::blocking;
use crate::core::AppCore;
use crate::error::IpcError;
use crate::models::{AppView, PaintedScreen};

#[tauri::command]
pub async fn get_app_view<R: Runtime>(app: AppHandle<R>) -> Result<AppView, IpcError> {
    blocking(&app, |_, core| Ok(core.view())).await
}

#[tauri::command]
pub async fn choose_language<R: Runtime>(
    app: AppHandle<R>,
    locale: String,
) -> Result<AppView, IpcError> {
    blocking(&app, move |_, core| core.choose_language(&locale)).await
}

#[tauri::command]
pub async fn complete_first_start<R: Runtime>(app: AppHandle<R>) -> Result<AppView, IpcError> {
    blocking(&app, |_, core| core.complete_first_start()).await
}

/// The in-app text size (settings), in percent of the OS's; saved at once.
#[tauri::command]
pub async fn set_text_scale<R: Runtime>(
    app: AppHandle<R>,
    scale: u16,
) -> Result<AppView, IpcError> {
    blocking(&app, move |_, core| core.set_text_scale(scale)).await
}

/// The page posts this once its first screen is painted and its first IPC round trip
/// answered, naming what it painted: the start-up mark of the smoke test and the
/// performance harness. Synchronous on purpose (`super::SYNCHRONOUS`).
#[tauri::command]
pub fn report_first_paint(core: State<'_, AppCore>, screen: PaintedScreen) {
    core.report_first_paint(screen);
}

/// The page's title becomes the native window's title, which screen readers announce
/// ("Error: …" after a failed "Continue"). A command of its own rather than the
/// `core:window:allow-set-title` permission: it can only retitle the window that calls
/// it, and the text is cut to a sane length and stripped of control characters.
#[tauri::command]
pub fn set_window_title<R: tauri::Runtime>(window: tauri::Window<R>, title: String) {
    if let Err(error) = window.set_title(&window_title(&title)) {
        tracing::warn!(%error, "the window title could not be set");
    }
}

/// Longer titles are cut: no window manager shows more.
const TITLE_LIMIT: usize = 300;

/// The title as the window gets it: without control characters, at most
/// [`TITLE_LIMIT`] characters.
pub fn window_title(title: &str) -> String {
    title
        .chars()
        .filter(|c| !c.is_control())
        .take(TITLE_LIMIT)
        .collect()
}
