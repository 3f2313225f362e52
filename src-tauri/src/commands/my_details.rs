//! My details: the person and contact answers kept for the next procedure (opt-in),
//! offered once on the confirmation page, viewed, changed and deleted on their screen.
//! Each reads or writes the vault, so each runs off the main thread.

use std::collections::BTreeMap;

use tauri::{AppHandle, Runtime};

use super::blocking;
use crate::core::{MyDetailsOffer, MyDetailsView};
use crate::error::IpcError;

/// The My details screen.
#[tauri::command]
pub async fn my_details_view<R: Runtime>(app: AppHandle<R>) -> Result<MyDetailsView, IpcError> {
    blocking(&app, |core| Ok(core.my_details().view())).await
}

/// What the confirmation page offers to keep; `None`: nothing to ask.
#[tauri::command]
pub async fn my_details_offer<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Option<MyDetailsOffer>, IpcError> {
    blocking(&app, |core| Ok(core.my_details().offer())).await
}

/// "Yes, keep them" / "No" on the confirmation page, or the switch on My details.
#[tauri::command]
pub async fn set_my_details_keeping<R: Runtime>(
    app: AppHandle<R>,
    keep: bool,
) -> Result<MyDetailsView, IpcError> {
    blocking(&app, move |core| core.my_details().set_keeping(keep)).await
}

/// "Save" on My details: every value checked as the procedures check it.
#[tauri::command]
pub async fn save_my_details<R: Runtime>(
    app: AppHandle<R>,
    values: BTreeMap<String, String>,
) -> Result<MyDetailsView, IpcError> {
    blocking(&app, move |core| core.my_details().save(values)).await
}

/// "Delete my details", confirmed.
#[tauri::command]
pub async fn delete_my_details<R: Runtime>(app: AppHandle<R>) -> Result<MyDetailsView, IpcError> {
    blocking(&app, |core| core.my_details().delete()).await
}
