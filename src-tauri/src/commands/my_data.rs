//! "My data" in the settings: export, import, delete all, and where the vault's keys are
//! kept. The file dialogs are opened from Rust (the webview can neither open dialogs nor
//! name paths); every command that blocks — a dialog, Argon2id, the keychain — runs off
//! the main thread. Passphrases are checked before a dialog opens, wiped after use and
//! never stored or logged.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};
use zeroize::Zeroizing;

use super::blocking;
use crate::core::{DialogTexts, ExportDone, ImportDone, MyDataView};
use crate::error::{AppError, IpcError};

/// Where the keys are kept and whether drafts are kept now.
#[tauri::command]
pub async fn my_data_view<R: Runtime>(app: AppHandle<R>) -> Result<MyDataView, IpcError> {
    // Waits for the vault to open (the keychain), so not on the main thread.
    blocking(&app, |_, core| Ok(core.my_data())).await
}

/// "Export my data": the passphrase (twice) is checked, then the OS save dialog asks
/// where; `None` when the citizen cancels.
#[tauri::command]
pub async fn export_my_data<R: Runtime>(
    app: AppHandle<R>,
    passphrase: String,
    confirmation: String,
) -> Result<Option<ExportDone>, IpcError> {
    let (passphrase, confirmation) = (Zeroizing::new(passphrase), Zeroizing::new(confirmation));
    blocking(&app, move |app, core| {
        let passphrase = core.new_passphrase(passphrase, confirmation)?;
        core.vault_ready()?;
        match save_path(app, &core.export_dialog())? {
            None => Ok(None),
            Some(path) => core.export_my_data(&path, &passphrase).map(Some),
        }
    })
    .await
}

/// "Import": the OS open dialog, then the file's passphrase; `None` when cancelled.
#[tauri::command]
pub async fn import_my_data<R: Runtime>(
    app: AppHandle<R>,
    passphrase: String,
) -> Result<Option<ImportDone>, IpcError> {
    let passphrase = Zeroizing::new(passphrase);
    blocking(&app, move |app, core| {
        let passphrase = core.entered_passphrase(passphrase)?;
        core.vault_ready()?;
        match open_path(app, &core.import_dialog())? {
            None => Ok(None),
            Some(path) => core.import_my_data(&path, &passphrase).map(Some),
        }
    })
    .await
}

/// "Delete all my data" (after the inline confirmation).
#[tauri::command]
pub async fn delete_all_my_data<R: Runtime>(app: AppHandle<R>) -> Result<MyDataView, IpcError> {
    blocking(&app, |_, core| core.delete_all_my_data()).await
}

/// "Unlock your drafts" with the passphrase of the passphrase vault.
#[tauri::command]
pub async fn unlock_vault<R: Runtime>(
    app: AppHandle<R>,
    passphrase: String,
) -> Result<MyDataView, IpcError> {
    let passphrase = Zeroizing::new(passphrase);
    blocking(&app, move |_, core| {
        core.unlock_vault(core.entered_passphrase(passphrase)?)
    })
    .await
}

/// The opt-in for computers without a keychain: drafts protected by this passphrase.
#[tauri::command]
pub async fn use_passphrase_keys<R: Runtime>(
    app: AppHandle<R>,
    passphrase: String,
    confirmation: String,
) -> Result<MyDataView, IpcError> {
    let (passphrase, confirmation) = (Zeroizing::new(passphrase), Zeroizing::new(confirmation));
    blocking(&app, move |_, core| {
        core.use_passphrase_keys(core.new_passphrase(passphrase, confirmation)?)
    })
    .await
}

/// Back to the OS keychain (while no passphrase vault exists).
#[tauri::command]
pub async fn use_keychain_keys<R: Runtime>(app: AppHandle<R>) -> Result<MyDataView, IpcError> {
    blocking(&app, |_, core| core.use_keychain_keys()).await
}

// --- the file dialogs --------------------------------------------------------------

#[cfg(not(test))]
fn save_path<R: Runtime>(
    app: &AppHandle<R>,
    texts: &DialogTexts,
) -> Result<Option<PathBuf>, AppError> {
    use tauri_plugin_dialog::DialogExt;
    #[cfg(debug_assertions)]
    if let Some(path) = crate::stand_ins::answer(crate::stand_ins::Dialog::SaveExport) {
        return Ok(path);
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(&texts.title)
        .set_file_name(&texts.file_name)
        .add_filter(&texts.file_type, &[crate::core::EXPORT_EXTENSION]);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    into_path(dialog.blocking_save_file())
}

#[cfg(not(test))]
fn open_path<R: Runtime>(
    app: &AppHandle<R>,
    texts: &DialogTexts,
) -> Result<Option<PathBuf>, AppError> {
    use tauri_plugin_dialog::DialogExt;
    #[cfg(debug_assertions)]
    if let Some(path) = crate::stand_ins::answer(crate::stand_ins::Dialog::OpenImport) {
        return Ok(path);
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(&texts.title)
        .add_filter(&texts.file_type, &[crate::core::EXPORT_EXTENSION]);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    into_path(dialog.blocking_pick_file())
}

#[cfg(not(test))]
fn into_path(picked: Option<tauri_plugin_dialog::FilePath>) -> Result<Option<PathBuf>, AppError> {
    picked
        .map(|path| {
            path.into_path()
                .map_err(|e| AppError::FileDialog(e.to_string()))
        })
        .transpose()
}

/// The shell's tests answer the dialogs: each dialog takes the next answer (`None`:
/// cancelled) and records what it showed. Managed by the test that needs it.
#[cfg(test)]
#[derive(Debug, Default)]
pub struct TestDialogs {
    pub answers: std::sync::Mutex<std::collections::VecDeque<Option<PathBuf>>>,
    /// `(title, proposed file name)` of every dialog opened, in order.
    pub shown: std::sync::Mutex<Vec<(String, String)>>,
}

#[cfg(test)]
fn test_dialog<R: Runtime>(
    app: &AppHandle<R>,
    texts: &DialogTexts,
) -> Result<Option<PathBuf>, AppError> {
    let dialogs = app
        .try_state::<TestDialogs>()
        .ok_or_else(|| AppError::FileDialog("no dialog in this test".into()))?;
    dialogs
        .shown
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push((texts.title.clone(), texts.file_name.clone()));
    dialogs
        .answers
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .pop_front()
        .ok_or_else(|| AppError::FileDialog("the test gave no answer".into()))
}

#[cfg(test)]
use test_dialog as save_path;
#[cfg(test)]
use test_dialog as open_path;
