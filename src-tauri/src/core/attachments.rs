//! File attachments: the rule of a draft's file field, and a picked file checked
//! against it — type by content (magic numbers), size before the file is read — before
//! it is accepted. The bytes are kept in memory until the vault stores them encrypted.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use amtsweg_procedure::{FieldView, FileRef, ItemView, ProcedureScreen};

use super::AppCore;
use crate::error::AppError;

/// What a file field accepts, as the engine describes it on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRule {
    pub media_types: Vec<String>,
    pub max_bytes: u64,
}

/// Accepted files by id, in memory for now.
#[derive(Debug, Default)]
pub(super) struct Attachments {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
    next: AtomicU64,
}

impl AppCore {
    /// The rule of file field `field_id` (its FIM id or its key) on the draft's page.
    pub fn attachment_rule(
        &self,
        draft_id: &str,
        field_id: &str,
    ) -> Result<AttachmentRule, AppError> {
        let not_here = || AppError::InvalidRequest(format!("no file field {field_id:?} here"));
        let ProcedureScreen::Question(page) = self.draft_screen(draft_id)? else {
            return Err(not_here());
        };
        let field = find_field(&page.items, field_id).ok_or_else(not_here)?;
        let max_bytes = field.max_bytes.ok_or_else(not_here)?;
        if field.accept.is_empty() {
            return Err(not_here());
        }
        Ok(AttachmentRule {
            media_types: field.accept.clone(),
            max_bytes,
        })
    }

    /// Checks the file at `path` against `rule` and keeps its bytes: the size first
    /// (nothing larger is read), then the media type from the content.
    pub fn accept_attachment(
        &self,
        rule: &AttachmentRule,
        path: &Path,
    ) -> Result<FileRef, AppError> {
        let unreadable = |e: std::io::Error| AppError::AttachmentUnreadable(e.to_string());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = std::fs::File::open(path).map_err(unreadable)?;
        let size = file.metadata().map_err(unreadable)?.len();
        if size > rule.max_bytes {
            return Err(AppError::AttachmentTooLarge(rule.max_bytes));
        }
        // A file that grows while it is read is cut one byte past the limit and refused.
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        file.take(rule.max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.len() as u64 > rule.max_bytes {
            return Err(AppError::AttachmentTooLarge(rule.max_bytes));
        }
        let media_type = infer::get(&bytes)
            .map(|kind| kind.mime_type())
            .filter(|found| {
                rule.media_types
                    .iter()
                    .any(|m| m.eq_ignore_ascii_case(found))
            })
            .ok_or_else(|| AppError::AttachmentType(rule.media_types.join(", ")))?
            .to_owned();
        let id = format!(
            "file-{}",
            self.attachments.next.fetch_add(1, Ordering::Relaxed) + 1
        );
        let size = bytes.len() as u64;
        self.attachments
            .files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id.clone(), bytes);
        Ok(FileRef {
            id,
            name,
            media_type,
            size,
        })
    }

    /// The bytes of an accepted file (for the submission and, later, the vault).
    pub fn attachment_bytes(&self, id: &str) -> Option<Vec<u8>> {
        self.attachments
            .files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(id)
            .cloned()
    }
}

fn find_field<'a>(items: &'a [ItemView], field_id: &str) -> Option<&'a FieldView> {
    items.iter().find_map(|item| match item {
        ItemView::Field(field) => {
            (field.field_id == field_id || field.key == field_id).then_some(field)
        }
        ItemView::Group(group) => group
            .instances
            .iter()
            .find_map(|instance| find_field(&instance.items, field_id)),
    })
}
