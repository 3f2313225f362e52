//! "My data" in the settings: every draft exported into one file sealed under a
//! passphrase, such a file imported, everything Amtsweg keeps deleted, and where the
//! vault's keys are kept — the OS keychain, or (opt-in, for computers without one) a
//! passphrase the citizen enters at each start and Amtsweg never stores.
//!
//! The vault cannot re-key: switching between keychain and passphrase is refused while
//! drafts exist (or a passphrase vault exists), and the message says the way round:
//! export, delete all, switch, import.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use amtsweg_l10n::Args;
use amtsweg_settings::KeyStorage;
use amtsweg_vault::{KdfParams, KeySource, Passphrase, Vault, VaultError};
use serde::Serialize;
use ts_rs::TS;
use zeroize::Zeroizing;

use super::attachments::Attachments;
use super::drafts::Drafts;
use super::frame::Frame;
use super::vault::{self, Before, State, VaultKeys, VaultSlot, VaultState};
use crate::error::{AppError, ErrorCode};
use crate::events::AppEvent;
use crate::host::{DialogPurpose, FileDialog, Host};

/// The shortest passphrase accepted for anything new sealed under it (the passphrase
/// vault's keys, an export file). The Fluent hints say the same number.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// The settings' "My data" section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MyDataView {
    pub keys: VaultKeys,
    pub state: VaultState,
    /// Why drafts cannot be kept, in the citizen's language (state `unavailable`).
    pub unavailable: Option<String>,
    /// The platform's own words about it, for "Details" (not in the sentence above).
    pub unavailable_detail: Option<String>,
    /// "Protect my drafts with a passphrase" is offered: no keychain can be reached.
    pub offer_passphrase: bool,
    /// "Use the keychain again" is offered: the passphrase is chosen but no passphrase
    /// vault exists (never set, or everything was deleted).
    pub offer_keychain: bool,
    /// The shortest passphrase accepted for an export or a passphrase vault.
    pub min_passphrase_length: u32,
}

/// What "Export my data" wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportDone {
    pub drafts: u32,
    pub attachments: u32,
    /// Damaged drafts left out.
    pub damaged: u32,
    /// What to tell the citizen, with the numbers, in their language.
    pub message: String,
}

/// What "Import" did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportDone {
    pub imported: u32,
    /// Drafts of the file not taken: the copy here is as new or newer.
    pub kept_local: u32,
    pub message: String,
}

/// The extension of export files (the dialogs' filter; the content decides).
pub const EXPORT_EXTENSION: &str = "amtsweg";

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn switch_refused() -> AppError {
    AppError::Vault {
        code: ErrorCode::ErrorVaultKeysSwitchDrafts,
        reason: "the vault cannot change its keys while drafts exist".into(),
    }
}

/// My data: it replaces the vault (delete all, the keys' switch, unlocking) through
/// the vault's slot, forgets what the drafts and attachments hold of a replaced vault,
/// saves where the keys are through the frame, and asks the host for the files.
pub struct MyData {
    vault: Arc<VaultSlot>,
    drafts: Arc<Drafts>,
    attachments: Arc<Attachments>,
    frame: Arc<Frame>,
    host: Arc<dyn Host>,
    /// Argon2id parameters for what is newly sealed under a passphrase
    /// ([`super::CoreConfig::passphrase_kdf`]).
    passphrase_kdf: KdfParams,
    events: Sender<AppEvent>,
}

impl std::fmt::Debug for MyData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MyData")
            .field("vault", &self.vault)
            .finish_non_exhaustive()
    }
}

impl MyData {
    pub fn new(
        vault: Arc<VaultSlot>,
        drafts: Arc<Drafts>,
        attachments: Arc<Attachments>,
        frame: Arc<Frame>,
        host: Arc<dyn Host>,
        passphrase_kdf: KdfParams,
        events: Sender<AppEvent>,
    ) -> Self {
        Self {
            vault,
            drafts,
            attachments,
            frame,
            host,
            passphrase_kdf,
            events,
        }
    }

    fn publish(&self, event: AppEvent) {
        // The receiving end lives as long as the core; a send fails only once it is gone.
        let _ = self.events.send(event);
    }

    /// The settings' "My data": where the keys are kept and whether drafts are kept.
    pub fn view(&self) -> MyDataView {
        let (keys, state, code) = self.vault.status();
        let error = match state {
            VaultState::Unavailable => self.vault.get().err(),
            _ => None,
        };
        MyDataView {
            keys,
            state,
            unavailable: error.as_ref().map(|e| self.frame.message(e)),
            unavailable_detail: error.as_ref().and_then(|e| self.frame.detail(e)),
            offer_passphrase: keys == VaultKeys::Keychain
                && code == Some(ErrorCode::ErrorKeychainUnavailable),
            offer_keychain: keys == VaultKeys::Passphrase && state == VaultState::NewPassphrase,
            min_passphrase_length: count(MIN_PASSPHRASE_CHARS),
        }
    }

    /// A passphrase for something new (an export, a passphrase vault): entered, long
    /// enough, and the same twice. Checked before any dialog opens.
    fn new_passphrase(
        &self,
        passphrase: Zeroizing<String>,
        confirmation: Zeroizing<String>,
    ) -> Result<Passphrase, AppError> {
        if passphrase.is_empty() {
            return Err(AppError::Passphrase(ErrorCode::ErrorPassphraseEmpty));
        }
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(AppError::Passphrase(ErrorCode::ErrorPassphraseTooShort));
        }
        if *passphrase != *confirmation {
            return Err(AppError::Passphrase(ErrorCode::ErrorPassphraseMismatch));
        }
        Ok(self.passphrase(passphrase))
    }

    /// The passphrase of something that exists (an export file, a locked vault):
    /// only entered, whatever its length; the file or vault says whether it is right.
    fn entered_passphrase(&self, passphrase: Zeroizing<String>) -> Result<Passphrase, AppError> {
        if passphrase.is_empty() {
            return Err(AppError::Passphrase(ErrorCode::ErrorPassphraseEmpty));
        }
        Ok(self.passphrase(passphrase))
    }

    fn passphrase(&self, mut secret: Zeroizing<String>) -> Passphrase {
        Passphrase::new(std::mem::take(&mut *secret)).with_params(self.passphrase_kdf)
    }

    /// Fails unless drafts can be read and written now (before a dialog opens).
    fn vault_ready(&self) -> Result<(), AppError> {
        self.vault.get().map(drop)
    }

    /// The save dialog of "Export my data".
    fn export_dialog(&self) -> FileDialog {
        FileDialog {
            purpose: DialogPurpose::SaveExport,
            title: self.frame.text("my-data-export-dialog-title", None),
            file_name: format!(
                "amtsweg-export-{}.{EXPORT_EXTENSION}",
                jiff::ZonedDateTime::now().date()
            ),
            filter_name: self.frame.text("my-data-file-type", None),
            extensions: vec![EXPORT_EXTENSION.to_owned()],
        }
    }

    /// The open dialog of "Import".
    fn import_dialog(&self) -> FileDialog {
        FileDialog {
            purpose: DialogPurpose::OpenImport,
            title: self.frame.text("my-data-import-dialog-title", None),
            file_name: String::new(),
            filter_name: self.frame.text("my-data-file-type", None),
            extensions: vec![EXPORT_EXTENSION.to_owned()],
        }
    }

    /// "Export my data": the passphrase (twice) is checked and the vault must be open
    /// before the OS save dialog asks where; `None` when the citizen cancels.
    pub fn export(
        &self,
        passphrase: Zeroizing<String>,
        confirmation: Zeroizing<String>,
    ) -> Result<Option<ExportDone>, AppError> {
        let passphrase = self.new_passphrase(passphrase, confirmation)?;
        self.vault_ready()?;
        match self.host.choose_file(&self.export_dialog())? {
            None => Ok(None),
            Some(path) => self.export_to(&path, &passphrase).map(Some),
        }
    }

    /// "Import": the passphrase must not be empty and the vault open before the OS open
    /// dialog asks for the file; `None` when the citizen cancels.
    pub fn import(&self, passphrase: Zeroizing<String>) -> Result<Option<ImportDone>, AppError> {
        let passphrase = self.entered_passphrase(passphrase)?;
        self.vault_ready()?;
        match self.host.choose_file(&self.import_dialog())? {
            None => Ok(None),
            Some(path) => self.import_from(&path, &passphrase).map(Some),
        }
    }

    /// Writes every sound draft and its attachments to `path`, sealed under
    /// `passphrase`. The file is the citizen's: "Delete all" leaves it.
    pub fn export_to(&self, path: &Path, passphrase: &Passphrase) -> Result<ExportDone, AppError> {
        let report = self
            .vault
            .get()?
            .export(path, passphrase)
            .map_err(|e| match e {
                VaultError::Io { source, .. } => AppError::Vault {
                    code: ErrorCode::ErrorExportWrite,
                    reason: source.to_string(),
                },
                e => AppError::from(e),
            })?;
        tracing::info!(
            drafts = report.drafts,
            attachments = report.attachments,
            damaged = report.damaged.len(),
            "my-data-exported"
        );
        let mut args = Args::new();
        args.set("drafts", report.drafts);
        args.set("attachments", report.attachments);
        args.set("damaged", report.damaged.len());
        let mut message = self.frame.text("my-data-exported", Some(&args));
        if !report.damaged.is_empty() {
            message.push(' ');
            message.push_str(&self.frame.text("my-data-export-damaged", Some(&args)));
        }
        Ok(ExportDone {
            drafts: count(report.drafts),
            attachments: count(report.attachments),
            damaged: count(report.damaged.len()),
            message,
        })
    }

    /// Takes the drafts of an export file into the vault (a draft already here is
    /// replaced only by a copy changed later).
    pub fn import_from(
        &self,
        path: &Path,
        passphrase: &Passphrase,
    ) -> Result<ImportDone, AppError> {
        let report = self
            .vault
            .get()?
            .import(path, passphrase)
            .map_err(|e| match e {
                VaultError::WrongPassphrase => AppError::Vault {
                    code: ErrorCode::ErrorImportPassphrase,
                    reason: e.to_string(),
                },
                VaultError::Io { source, .. } => AppError::Vault {
                    code: ErrorCode::ErrorImportRead,
                    reason: source.to_string(),
                },
                e => AppError::from(e),
            })?;
        // A draft open in this session that the file replaced would be saved over the
        // imported copy at its next change: it is dropped, "My drafts" opens the new one.
        self.drafts.forget(&report.imported);
        tracing::info!(
            imported = report.imported.len(),
            kept_local = report.kept_local.len(),
            "my-data-imported"
        );
        self.publish(AppEvent::DraftsChanged);
        let mut args = Args::new();
        args.set("imported", report.imported.len());
        args.set("kept", report.kept_local.len());
        let mut message = self.frame.text("my-data-imported", Some(&args));
        if !report.kept_local.is_empty() {
            message.push(' ');
            message.push_str(&self.frame.text("my-data-import-kept", Some(&args)));
        }
        Ok(ImportDone {
            imported: count(report.imported.len()),
            kept_local: count(report.kept_local.len()),
            message,
        })
    }

    /// Deletes every draft and attachment, the vault's database and its keys in the
    /// keychain (not the exports the citizen saved) — also when the vault cannot be opened (keys
    /// missing, passphrase forgotten). Afterwards Amtsweg goes on with a new, empty
    /// vault, as after a first start: with the keychain at once, with a passphrase once
    /// the citizen chose a new one. Drafts of this session in memory go too.
    pub fn delete_all(&self) -> Result<MyDataView, AppError> {
        self.vault.replace(|choice, vault, before| {
            let deleted = match vault {
                Some(vault) => vault.delete_all(),
                None => match choice.dir() {
                    // A keychain that cannot be reached holds nothing to delete.
                    Some(dir) => {
                        let reachable =
                            before.unavailable_code() != Some(ErrorCode::ErrorKeychainUnavailable);
                        let keychain = choice
                            .keychain()
                            .filter(|_| before.keys == VaultKeys::Keychain && reachable);
                        Vault::delete_all_at(dir, keychain.as_ref())
                    }
                    None => Ok(Vec::new()),
                },
            };
            match &deleted {
                Ok(files) => tracing::info!(files = files.len(), "my-data-deleted"),
                Err(error) => tracing::warn!(%error, "my-data-delete-failed"),
            }
            let (state, keys) = vault::open(choice, before.keys);
            (deleted.map(drop).map_err(AppError::from), state, keys)
        })?;
        self.drafts.forget_all();
        self.attachments.forget_all();
        self.publish(AppEvent::DraftsChanged);
        Ok(self.view())
    }

    /// "Unlock your drafts": the passphrase of the passphrase vault (never stored).
    pub fn unlock(&self, passphrase: Zeroizing<String>) -> Result<MyDataView, AppError> {
        let passphrase = self.entered_passphrase(passphrase)?;
        self.unlock_with(passphrase)
    }

    fn unlock_with(&self, passphrase: Passphrase) -> Result<MyDataView, AppError> {
        let heal =
            self.vault
                .replace(|choice, vault, before| match (choice.dir(), before.state) {
                    (Some(dir), VaultState::Locked) => {
                        match Vault::open(dir, KeySource::Passphrase(passphrase)) {
                            Ok(opened) => {
                                tracing::info!("vault-unlocked");
                                let heal = before.keys != VaultKeys::Passphrase;
                                (Ok(heal), State::ready(opened), VaultKeys::Passphrase)
                            }
                            Err(error) => (Err(error.into()), before.state(None), before.keys),
                        }
                    }
                    _ => (
                        Err(AppError::InvalidRequest(
                            "the drafts are not waiting for a passphrase".into(),
                        )),
                        before.state(vault),
                        before.keys,
                    ),
                })?;
        // Opened with a passphrase although the keychain is chosen (a switch whose
        // setting could not be saved): the setting follows the vault.
        if heal
            && let Err(error) = self
                .frame
                .update(|s| s.vault_keys = Some(KeyStorage::Passphrase))
        {
            tracing::warn!(%error, "vault-keys-setting-not-saved");
        }
        Ok(self.view())
    }

    /// The opt-in for computers without a keychain: the vault's keys sealed under this
    /// passphrase from now on. Refused while drafts exist under the keychain's keys
    /// (the vault cannot re-key; the message says the way round). Entered twice.
    pub fn use_passphrase_keys(
        &self,
        passphrase: Zeroizing<String>,
        confirmation: Zeroizing<String>,
    ) -> Result<MyDataView, AppError> {
        let passphrase = self.new_passphrase(passphrase, confirmation)?;
        self.use_passphrase_keys_with(passphrase)
    }

    fn use_passphrase_keys_with(&self, passphrase: Passphrase) -> Result<MyDataView, AppError> {
        self.vault.replace(|choice, vault, before| {
            let unchanged = |error: AppError, vault: Option<Vault>| {
                (Err(error), before.state(vault), before.keys)
            };
            let Some(dir) = choice.dir() else {
                return unchanged(
                    AppError::InvalidRequest("drafts are kept in memory only here".into()),
                    vault,
                );
            };
            let allowed = match before.keys {
                VaultKeys::Keychain => true,
                VaultKeys::Passphrase => before.state == VaultState::NewPassphrase,
                VaultKeys::Memory => false,
            };
            if !allowed {
                return unchanged(
                    AppError::InvalidRequest("the drafts already have a passphrase".into()),
                    vault,
                );
            }
            if let Some(open) = &vault {
                match open.list_drafts() {
                    Ok(drafts) if drafts.is_empty() => {}
                    Ok(_) => return unchanged(switch_refused(), vault),
                    Err(error) => return unchanged(error.into(), vault),
                }
            }
            // The keychain's entry goes once the vault no longer needs it.
            let old_entry = vault.is_some().then(|| choice.keychain()).flatten();
            drop(vault);
            match Vault::open(dir, KeySource::Passphrase(passphrase)) {
                Ok(opened) => {
                    tracing::info!("vault-keys-passphrase");
                    if let Some(entry) = old_entry
                        && let Err(error) = entry.delete()
                    {
                        tracing::warn!(%error, "old-keychain-entry-kept");
                    }
                    (Ok(()), State::ready(opened), VaultKeys::Passphrase)
                }
                Err(error) => {
                    let error = match error {
                        // Records the keychain's keys sealed: nothing was changed.
                        VaultError::KeyMissing { .. } => switch_refused(),
                        error => error.into(),
                    };
                    let (state, keys) = vault::open(choice, before.keys);
                    (Err(error), state, keys)
                }
            }
        })?;
        self.frame
            .update(|s| s.vault_keys = Some(KeyStorage::Passphrase))?;
        Ok(self.view())
    }

    /// Back to the keychain: only while no passphrase vault exists (the vault cannot
    /// re-key; the message says the way round).
    pub fn use_keychain_keys(&self) -> Result<MyDataView, AppError> {
        self.vault.replace(
            |choice, vault, before: &Before| match (before.keys, before.state) {
                (VaultKeys::Passphrase, VaultState::NewPassphrase) => {
                    let (state, keys) = vault::open(choice, VaultKeys::Keychain);
                    (Ok(()), state, keys)
                }
                (VaultKeys::Passphrase, _) => (
                    Err(AppError::Vault {
                        code: ErrorCode::ErrorVaultKeysSwitchBack,
                        reason: "the vault's keys are sealed under a passphrase".into(),
                    }),
                    before.state(vault),
                    before.keys,
                ),
                _ => (
                    Err(AppError::InvalidRequest(
                        "the keychain is already in use".into(),
                    )),
                    before.state(vault),
                    before.keys,
                ),
            },
        )?;
        self.frame
            .update(|s| s.vault_keys = Some(KeyStorage::Keychain))?;
        Ok(self.view())
    }
}
