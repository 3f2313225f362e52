//! The one door to the operating system's effects: file dialogs, the window's title and
//! the webview's browsing data, and a file handed to the OS's viewer (to print a PDF).
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
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
