//! File attachments: the rule of a draft's file field, and a picked file checked
//! against it — type by content (magic numbers), size before the file is read — before
//! it is accepted. An accepted file is kept in the vault as a record of its draft
//! (encrypted, signed, deleted with the draft) and in memory for this session.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use amtsweg_procedure::{FieldView, FileRef, ItemView, ProcedureScreen};
use amtsweg_redact::Quoted;
use zeroize::Zeroizing;

use super::drafts::{AcceptedFile, Drafts, new_record_id};
use super::vault::VaultSlot;
use crate::error::AppError;
use crate::host::{DialogPurpose, FileDialog, Host};

/// What a file field accepts, as the engine describes it on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRule {
    pub media_types: Vec<String>,
    pub max_bytes: u64,
}

/// The attachments: it owns the files accepted in this session, by id (the vault keeps
/// them across sessions); the drafts say which file fields a page has, the host asks
/// the citizen for a file.
pub struct Attachments {
    files: Mutex<BTreeMap<String, Zeroizing<Vec<u8>>>>,
    drafts: Arc<Drafts>,
    vault: Arc<VaultSlot>,
    host: Arc<dyn Host>,
}

impl std::fmt::Debug for Attachments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Names no file's bytes, only how many files there are.
        f.debug_struct("Attachments")
            .field("files", &self.files().len())
            .finish_non_exhaustive()
    }
}

impl Attachments {
    pub fn new(drafts: Arc<Drafts>, vault: Arc<VaultSlot>, host: Arc<dyn Host>) -> Self {
        Self {
            files: Mutex::new(BTreeMap::new()),
            drafts,
            vault,
            host,
        }
    }

    fn files(&self) -> MutexGuard<'_, BTreeMap<String, Zeroizing<Vec<u8>>>> {
        self.files.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The rule of file field `field_id` (its FIM id or its key) on the draft's page.
    pub fn rule(&self, draft_id: &str, field_id: &str) -> Result<AttachmentRule, AppError> {
        self.field_and_rule(draft_id, field_id)
            .map(|(_, rule)| rule)
    }

    /// The FIM id of file field `field_id` (its FIM id or its key) and its rule.
    fn field_and_rule(
        &self,
        draft_id: &str,
        field_id: &str,
    ) -> Result<(String, AttachmentRule), AppError> {
        let not_here =
            || AppError::InvalidRequest(format!("no file field {} here", Quoted(field_id)));
        let ProcedureScreen::Question(page) = self.drafts.screen(draft_id)? else {
            return Err(not_here());
        };
        let field = find_field(&page.items, field_id).ok_or_else(not_here)?;
        let max_bytes = field.max_bytes.ok_or_else(not_here)?;
        if field.accept.is_empty() {
            return Err(not_here());
        }
        Ok((
            field.field_id.clone(),
            AttachmentRule {
                media_types: field.accept.clone(),
                max_bytes,
            },
        ))
    }

    /// Opens the OS file dialog for file field `field_id` of the draft; `None` when the
    /// citizen cancels. A file of another type (by its content) or larger than the field
    /// allows is refused with a localized error, before its bytes are kept. The field is
    /// checked before any dialog opens.
    pub fn pick(&self, draft_id: &str, field_id: &str) -> Result<Option<FileRef>, AppError> {
        let (field_id, rule) = self.field_and_rule(draft_id, field_id)?;
        let dialog = FileDialog {
            purpose: DialogPurpose::PickAttachment,
            title: String::new(),
            file_name: String::new(),
            filter_name: rule.media_types.join(", "),
            extensions: extensions(&rule.media_types),
        };
        match self.host.choose_file(&dialog)? {
            None => Ok(None),
            Some(path) => self.accept(draft_id, &field_id, &rule, &path).map(Some),
        }
    }

    /// Checks the file at `path` against `rule` and keeps its bytes: the size first
    /// (nothing larger is read), then the media type from the content. The file is bound
    /// to the draft and to file field `field_id` (its FIM id): what the draft stores as
    /// this field's answer is this reference, whatever the UI sends back.
    pub fn accept(
        &self,
        draft_id: &str,
        field_id: &str,
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
        let file = FileRef {
            id: new_record_id("file")?,
            name,
            media_type,
            size: bytes.len() as u64,
        };
        let bytes = Zeroizing::new(bytes);
        let accepted = AcceptedFile {
            file,
            field_id: Some(field_id.to_owned()),
        };
        self.keep_in_vault(draft_id, &accepted, &bytes)?;
        self.files().insert(accepted.file.id.clone(), bytes);
        let file = accepted.file.clone();
        self.drafts.bind_file(draft_id, accepted);
        Ok(file)
    }

    /// The file in the vault, linked to its draft; its name, type and size are the
    /// record's encrypted summary, with the field it was accepted for. Without a vault
    /// (its reason is on "My drafts") the file lives in memory for this session only,
    /// like the draft.
    fn keep_in_vault(
        &self,
        draft_id: &str,
        accepted: &AcceptedFile,
        bytes: &[u8],
    ) -> Result<(), AppError> {
        let Ok(vault) = self.vault.get() else {
            return Ok(());
        };
        let summary =
            serde_json::to_vec(accepted).map_err(|e| AppError::InvalidRequest(e.to_string()))?;
        vault.save_attachment(draft_id, &accepted.file.id, bytes, &summary)?;
        Ok(())
    }

    /// The bytes of an accepted file (for the submission): from this session, else
    /// opened (verified, decrypted) from the vault.
    pub fn bytes(&self, id: &str) -> Result<Zeroizing<Vec<u8>>, AppError> {
        if let Some(bytes) = self.files().get(id).cloned() {
            return Ok(bytes);
        }
        let opened = self.vault.get()?.open_attachment(id)?;
        Ok(opened.payload)
    }

    /// Every file accepted in this session goes ("Delete all my data"); their bytes
    /// are wiped as they are dropped.
    pub fn forget_all(&self) {
        self.files().clear();
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
