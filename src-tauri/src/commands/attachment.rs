//! File attachments: the OS file dialog, opened from Rust off the main thread, and the
//! picked file checked against the field's rule before it is accepted.

use std::path::PathBuf;

use amtsweg_procedure::FileRef;
use tauri::{AppHandle, Manager, Runtime};

use super::blocking;
use crate::core::AttachmentRule;
use crate::error::{AppError, IpcError};

/// Opens the OS file dialog for file field `field_id` of the draft; `None` when the
/// citizen cancels. A file of another type (by its content) or larger than the field
/// allows is refused with a localized error, before its bytes are kept.
#[tauri::command]
pub async fn pick_attachment<R: Runtime>(
    app: AppHandle<R>,
    draft_id: String,
    field_id: String,
) -> Result<Option<FileRef>, IpcError> {
    let (draft, field) = (draft_id.clone(), field_id);
    let rule = blocking(&app, move |_, core| core.attachment_rule(&draft, &field)).await?;
    let dialog_rule = rule.clone();
    // The dialog blocks until the citizen decides: never on the main (UI) thread.
    let picked = blocking(&app, move |app, _| choose_file(app, &dialog_rule)).await?;
    match picked {
        None => Ok(None),
        Some(path) => {
            blocking(&app, move |_, core| {
                core.accept_attachment(&draft_id, &rule, &path).map(Some)
            })
            .await
        }
    }
}

fn choose_file<R: Runtime>(
    app: &AppHandle<R>,
    rule: &AttachmentRule,
) -> Result<Option<PathBuf>, AppError> {
    use tauri_plugin_dialog::DialogExt;
    #[cfg(debug_assertions)]
    if let Some(picked) = crate::stand_ins::answer(crate::stand_ins::Dialog::PickAttachment) {
        return Ok(picked);
    }
    let extensions = extensions(&rule.media_types);
    let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
    let mut dialog = app.dialog().file();
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let picked = dialog
        .add_filter(rule.media_types.join(", "), &extensions)
        .blocking_pick_file();
    match picked {
        None => Ok(None),
        Some(path) => path
            .into_path()
            .map(Some)
            .map_err(|e| AppError::FileDialog(e.to_string())),
    }
}

/// File name extensions for the dialog's filter; the content decides acceptance.
fn extensions(media_types: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for media_type in media_types {
        let names: &[&str] = match media_type.to_ascii_lowercase().as_str() {
            "application/pdf" => &["pdf", "PDF"],
            "image/jpeg" => &["jpg", "jpeg", "JPG", "JPEG"],
            "image/png" => &["png", "PNG"],
            _ => &[],
        };
        out.extend(names.iter().map(|n| (*n).to_owned()));
    }
    out
}
