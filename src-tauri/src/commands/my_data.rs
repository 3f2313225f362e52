//! "My data" in the settings: export, import, delete all, and where the vault's keys are
//! kept. The file dialogs are opened from Rust (the webview can neither open dialogs nor
//! name paths); every command that blocks — a dialog, Argon2id, the keychain — runs off
//! the main thread. Passphrases are checked before a dialog opens, wiped after use and
//! never stored or logged.

use tauri::{AppHandle, Runtime};
use zeroize::Zeroizing;

use super::blocking;
use crate::core::{ExportDone, ImportDone, MyDataView, RecoveryCodeShown};
use crate::error::IpcError;

/// Where the keys are kept and whether drafts are kept now.
#[tauri::command]
pub async fn my_data_view<R: Runtime>(app: AppHandle<R>) -> Result<MyDataView, IpcError> {
    // Waits for the vault to open (the keychain), so not on the main thread.
    blocking(&app, |core| Ok(core.my_data().view())).await
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
    blocking(&app, move |core| {
        core.my_data().export(passphrase, confirmation)
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
    blocking(&app, move |core| core.my_data().import(passphrase)).await
}

/// "Delete all my data" (after the inline confirmation): drafts, applications, keys,
/// settings but the language, the stored catalog, the webview's data; the UI then shows
/// the first start. While applications wait to be sent it is refused
/// (`error-delete-unsent`, with their number) unless `confirm_unsent` says the citizen
/// was told and confirmed a second time; absent means not.
#[tauri::command]
pub async fn delete_all_my_data<R: Runtime>(
    app: AppHandle<R>,
    confirm_unsent: Option<bool>,
) -> Result<MyDataView, IpcError> {
    let confirm_unsent = confirm_unsent.unwrap_or(false);
    blocking(&app, move |core| core.delete_all_my_data(confirm_unsent)).await
}

/// "Unlock your drafts" with the passphrase of the passphrase vault.
#[tauri::command]
pub async fn unlock_vault<R: Runtime>(
    app: AppHandle<R>,
    passphrase: String,
) -> Result<MyDataView, IpcError> {
    let passphrase = Zeroizing::new(passphrase);
    blocking(&app, move |core| core.my_data().unlock(passphrase)).await
}

/// The opt-in for computers without a keychain: drafts protected by this passphrase.
#[tauri::command]
pub async fn use_passphrase_keys<R: Runtime>(
    app: AppHandle<R>,
    passphrase: String,
    confirmation: String,
) -> Result<MyDataView, IpcError> {
    let (passphrase, confirmation) = (Zeroizing::new(passphrase), Zeroizing::new(confirmation));
    blocking(&app, move |core| {
        core.my_data().use_passphrase_keys(passphrase, confirmation)
    })
    .await
}

/// Back to the OS keychain (while no passphrase vault exists).
#[tauri::command]
pub async fn use_keychain_keys<R: Runtime>(app: AppHandle<R>) -> Result<MyDataView, IpcError> {
    blocking(&app, |core| core.my_data().use_keychain_keys()).await
}

/// "Create a recovery code": shown once, stored nowhere (Argon2id: off the main thread).
#[tauri::command]
pub async fn create_recovery_code<R: Runtime>(
    app: AppHandle<R>,
) -> Result<RecoveryCodeShown, IpcError> {
    blocking(&app, |core| core.my_data().create_recovery_code()).await
}

/// "Enter your recovery code" after the drafts' key was lost; with a new passphrase
/// (twice) where the drafts are to be protected by one.
#[tauri::command]
pub async fn recover_vault<R: Runtime>(
    app: AppHandle<R>,
    code: String,
    passphrase: String,
    confirmation: String,
) -> Result<MyDataView, IpcError> {
    let (code, passphrase, confirmation) = (
        Zeroizing::new(code),
        Zeroizing::new(passphrase),
        Zeroizing::new(confirmation),
    );
    blocking(&app, move |core| {
        core.my_data().recover(code, passphrase, confirmation)
    })
    .await
}

/// "Change the passphrase": the current one, then the new one twice.
#[tauri::command]
pub async fn change_passphrase<R: Runtime>(
    app: AppHandle<R>,
    current: String,
    passphrase: String,
    confirmation: String,
) -> Result<MyDataView, IpcError> {
    let (current, passphrase, confirmation) = (
        Zeroizing::new(current),
        Zeroizing::new(passphrase),
        Zeroizing::new(confirmation),
    );
    blocking(&app, move |core| {
        core.my_data()
            .change_passphrase(current, passphrase, confirmation)
    })
    .await
}

/// "Try again" after the keychain was locked or refused access.
#[tauri::command]
pub async fn retry_vault<R: Runtime>(app: AppHandle<R>) -> Result<MyDataView, IpcError> {
    blocking(&app, |core| Ok(core.my_data().retry())).await
}
