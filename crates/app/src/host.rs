//! The one door to the operating system's effects: file dialogs, the window's title and
//! the webview's browsing data, a file handed to the OS's viewer (to print a PDF), and
//! the OS notification that tells the citizen an application was sent or decided.
//! The core decides when and with which texts; a [`Host`] only carries it out.
//! `src-tauri` implements it with the window and the dialog plugin, debug builds may wrap
//! that in the end-to-end stand-in, and [`ScriptedHost`] answers in-process for tests.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::error::AppError;

/// Which dialog is asked for: the stand-ins answer each from a variable of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    /// A file for a file field.
    PickAttachment,
    /// Where "Export my data" writes.
    SaveExport,
    /// The file "Import" reads.
    OpenImport,
    /// Where "Download PDF" writes the application's PDF.
    SavePrintout,
}

/// What a file dialog shows: all texts in the citizen's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDialog {
    pub purpose: DialogPurpose,
    /// The dialog's title; empty: the OS's own.
    pub title: String,
    /// The name a save dialog proposes; empty for an open dialog.
    pub file_name: String,
    /// The filter's name and its file name extensions (the content decides acceptance).
    pub filter_name: String,
    pub extensions: Vec<String>,
}

/// An OS notification: both texts in the citizen's language. The core puts in nothing
/// but the procedure's title, the municipality and the case number (a notification may
/// show on a locked screen).
#[derive(Clone, PartialEq, Eq)]
pub struct Notification {
    pub title: String,
    pub body: String,
}

impl std::fmt::Debug for Notification {
    // The body holds a case number: sizes only, as for anything a log could keep.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notification")
            .field("title", &self.title.len())
            .field("body", &self.body.len())
            .finish()
    }
}

/// The OS effects the core asks for. Each call may block until the citizen decides, so
/// the core calls it only from the commands' blocking pool.
pub trait Host: Send + Sync + std::fmt::Debug {
    /// Shows the dialog; the chosen path, or `None` when the citizen cancelled.
    fn choose_file(&self, dialog: &FileDialog) -> Result<Option<PathBuf>, AppError>;

    /// Gives the window this title (screen readers announce it).
    fn set_window_title(&self, title: &str);

    /// Clears the webview's storage and cache (cookies, local and session storage,
    /// IndexedDB, the HTTP cache): "Delete all my data". The OS may finish it after
    /// this returns. An error is the platform's words (for the log): the webview holds
    /// none of the citizen's answers, so "Delete all" does not fail for it.
    fn clear_browsing_data(&self) -> Result<(), String>;

    /// Hands the file to the OS's viewer for it (a PDF: to print it from there; a
    /// webview's `window.print()` is unreliable on macOS). Returns once the viewer was
    /// asked to open it; an error is the platform's words.
    fn open_in_viewer(&self, path: &Path) -> Result<(), String>;

    /// Shows an OS notification. Returns once it is handed on (the OS shows it later,
    /// or not at all when the citizen turned notifications off); an error is the
    /// platform's words. Called from the outbox's thread.
    fn notify(&self, notification: &Notification) -> Result<(), String>;
}

/// The host of tests: each dialog takes the next queued answer (none queued: an error,
/// as a dialog that could not open); every dialog, title and clearing is recorded.
#[derive(Debug, Default)]
pub struct ScriptedHost {
    answers: Mutex<VecDeque<Option<PathBuf>>>,
    shown: Mutex<Vec<FileDialog>>,
    titles: Mutex<Vec<String>>,
    browsing_data_cleared: Mutex<u32>,
    opened: Mutex<Vec<PathBuf>>,
    notified: Mutex<Vec<Notification>>,
    notified_changed: std::sync::Condvar,
}

impl ScriptedHost {
    /// The next dialog answers `path` (`None`: the citizen cancels).
    pub fn answer(&self, path: Option<PathBuf>) {
        lock(&self.answers).push_back(path);
    }

    /// Every dialog shown so far, in order.
    pub fn shown(&self) -> Vec<FileDialog> {
        lock(&self.shown).clone()
    }

    /// Every title the window was given, in order.
    pub fn titles(&self) -> Vec<String> {
        lock(&self.titles).clone()
    }

    /// Every file handed to the viewer, in order.
    pub fn opened(&self) -> Vec<PathBuf> {
        lock(&self.opened).clone()
    }

    /// Every notification shown so far, in order.
    pub fn notified(&self) -> Vec<Notification> {
        lock(&self.notified).clone()
    }

    /// Waits until at least `count` notifications were shown (the outbox's thread shows
    /// them), or `limit` passed; returns every one shown by then. The limit only ends a
    /// test that would otherwise hang: what it asserts is the list returned.
    pub fn wait_for_notified(&self, count: usize, limit: std::time::Duration) -> Vec<Notification> {
        let shown = lock(&self.notified);
        let (shown, _) = self
            .notified_changed
            .wait_timeout_while(shown, limit, |shown| shown.len() < count)
            .unwrap_or_else(PoisonError::into_inner);
        shown.clone()
    }

    /// How often the webview's browsing data was cleared.
    pub fn browsing_data_cleared(&self) -> u32 {
        *lock(&self.browsing_data_cleared)
    }
}

impl Host for ScriptedHost {
    fn choose_file(&self, dialog: &FileDialog) -> Result<Option<PathBuf>, AppError> {
        lock(&self.shown).push(dialog.clone());
        lock(&self.answers)
            .pop_front()
            .ok_or_else(|| AppError::FileDialog("the test gave no answer".into()))
    }

    fn set_window_title(&self, title: &str) {
        lock(&self.titles).push(title.to_owned());
    }

    fn clear_browsing_data(&self) -> Result<(), String> {
        *lock(&self.browsing_data_cleared) += 1;
        Ok(())
    }

    fn open_in_viewer(&self, path: &Path) -> Result<(), String> {
        lock(&self.opened).push(path.to_owned());
        Ok(())
    }

    fn notify(&self, notification: &Notification) -> Result<(), String> {
        lock(&self.notified).push(notification.clone());
        self.notified_changed.notify_all();
        Ok(())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
