//! The host of the real app: the OS file dialogs through the dialog plugin, parented to
//! the main window, that window's title and its webview's browsing data, the OS's
//! viewer through the opener plugin and the OS notifications through the notification
//! plugin (both called from Rust; the webview has no permission for either). The core
//! decides what they show (`amtsweg_app::host`); this only carries it out.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use amtsweg_app::error::AppError;
use amtsweg_app::host::{DialogPurpose, FileDialog, Host, Notification};
use tauri::{AppHandle, Manager, Runtime};

pub struct TauriHost<R: Runtime> {
    app: AppHandle<R>,
    /// Whether the notification plugin was registered (at the first notification), or
    /// why it could not be.
    notifications: OnceLock<Result<(), String>>,
}

impl<R: Runtime> TauriHost<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        Self {
            app,
            notifications: OnceLock::new(),
        }
    }

    /// Registers the notification plugin the first time it is needed: most starts show
    /// no notification, so none pays for it (on Linux the plugin connects to the
    /// session bus only when it shows one; registered at start it would still add its
    /// script to the webview). Registered after the window exists, the plugin's script
    /// never reaches the page, which is granted none of its commands anyway.
    fn notification_plugin(&self) -> Result<(), String> {
        self.notifications
            .get_or_init(|| {
                self.app
                    .plugin(tauri_plugin_notification::init())
                    .map_err(|e| e.to_string())
            })
            .clone()
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

    fn notify(&self, notification: &Notification) -> Result<(), String> {
        use tauri_plugin_notification::NotificationExt;
        self.notification_plugin()?;
        // Handed to the plugin's own thread: an error of the OS's notification server
        // is not seen here (nothing the citizen could act on: "My applications" has it).
        self.app
            .notification()
            .builder()
            .title(&notification.title)
            .body(&notification.body)
            .show()
            .map_err(|e| e.to_string())
    }
}
