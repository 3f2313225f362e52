//! The host of the real app: the OS file dialogs through the dialog plugin, parented to
//! the main window, that window's title and its webview's browsing data, and the OS's
//! viewer through the opener plugin (called from Rust; the webview has no permission). The core decides
//! what they show (`amtsweg_app::host`); this only carries it out.

use std::path::{Path, PathBuf};

use amtsweg_app::error::AppError;
use amtsweg_app::host::{DialogPurpose, FileDialog, Host};
use tauri::{AppHandle, Manager, Runtime};

pub struct TauriHost<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> TauriHost<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        Self { app }
    }
}

impl<R: Runtime> std::fmt::Debug for TauriHost<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TauriHost")
    }
}

impl<R: Runtime> Host for TauriHost<R> {
    fn choose_file(&self, dialog: &FileDialog) -> Result<Option<PathBuf>, AppError> {
        use tauri_plugin_dialog::DialogExt;
        let extensions: Vec<&str> = dialog.extensions.iter().map(String::as_str).collect();
        let mut builder = self
            .app
            .dialog()
            .file()
            .add_filter(&dialog.filter_name, &extensions);
        if !dialog.title.is_empty() {
            builder = builder.set_title(&dialog.title);
        }
        if let Some(window) = self.app.get_webview_window("main") {
            builder = builder.set_parent(&window);
        }
        let picked = match dialog.purpose {
            DialogPurpose::SaveExport | DialogPurpose::SavePrintout => builder
                .set_file_name(&dialog.file_name)
                .blocking_save_file(),
            DialogPurpose::PickAttachment | DialogPurpose::OpenImport => {
                builder.blocking_pick_file()
            }
        };
        picked
            .map(|path| {
                path.into_path()
                    .map_err(|e| AppError::FileDialog(e.to_string()))
            })
            .transpose()
    }

    fn set_window_title(&self, title: &str) {
        let Some(window) = self.app.get_webview_window("main") else {
            return;
        };
        if let Err(error) = window.set_title(title) {
            tracing::warn!(%error, "the window title could not be set");
        }
    }

    fn clear_browsing_data(&self) -> Result<(), String> {
        // On Linux this clears WebKit's whole web context (the app has one webview).
        let Some(window) = self.app.get_webview_window("main") else {
            return Ok(());
        };
        window.clear_all_browsing_data().map_err(|e| e.to_string())
    }

    fn open_in_viewer(&self, path: &Path) -> Result<(), String> {
        use tauri_plugin_opener::OpenerExt;
        // `None`: the OS's default application for the file's type.
        self.app
            .opener()
            .open_path(path.to_string_lossy(), None::<&str>)
            .map_err(|e| e.to_string())
    }
}
