//! File attachments: the OS file dialog and the picked file's checks, both in the core
//! (`AppCore::pick_attachment`), on the blocking pool.

use amtsweg_procedure::FileRef;
use tauri::{AppHandle, Runtime};

use super::blocking;
use crate::error::IpcError;

/// Opens the OS file dialog for file field `field_id` of the draft; `None` when the
/// citizen cancels. A file of another type (by its content) or larger than the field
/// allows is refused with a localized error, before its bytes are kept.
#[tauri::command]
pub async fn pick_attachment<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
    field_id: String,
) -> Result<Option<FileRef>, IpcError> {
    blocking(&app, move |core| {
        core.attachments().pick(&draft_id, &field_id)
    })
    .await
}
