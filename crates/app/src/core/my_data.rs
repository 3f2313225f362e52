//! "My data" in the settings: every draft exported into one file sealed under a
//! passphrase, such a file imported, everything Amtsweg keeps deleted, and where the
//! vault's keys are kept — the OS keychain, or (opt-in, for computers without one) a
//! passphrase the citizen enters at each start and Amtsweg never stores.
//!
//! The keys move between the keychain and a passphrase with drafts present, and the
//! passphrase can be changed: the vault writes the new place before it removes the old
//! (`amtsweg_vault`'s `rekey`). A recovery code, shown once, brings the drafts back when
//! the keys are lost (ARCHITECTURE.md, "Getting the drafts back").

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use amtsweg_l10n::Args;
use amtsweg_outbox::{reached_server, submitted};
use amtsweg_settings::KeyStorage;
use amtsweg_vault::{
    ExportContents, KdfParams, KeySource, Passphrase, RecoveryCode, Vault, VaultError,
};
use serde::Serialize;
use ts_rs::TS;
use zeroize::Zeroizing;

use super::attachments::Attachments;
use super::drafts::Drafts;
use super::frame::Frame;
use super::vault::{self, Before, State, VaultKeys, VaultSlot, VaultState};
use crate::error::{AppError, ErrorCode, LoggedCause};
use crate::events::AppEvent;
use crate::host::{DialogPurpose, FileDialog, Host};

/// The shortest passphrase accepted for anything new sealed under it (the passphrase
/// vault's keys, an export file). The Fluent hints say the same number.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// The longest passphrase accepted, new or entered (characters after Unicode NFC): far
/// more than anyone types, and a bound on what the webview can make Argon2id and the
/// strength estimate work through.
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// How guessable a new passphrase may be at most: zxcvbn's score 3 ("safely
/// unguessable", about 10^10 guesses), so with Argon2id in front an offline attack on a
/// stolen export file or vault takes years, not days.
const MIN_PASSPHRASE_SCORE: zxcvbn::Score = zxcvbn::Score::Three;

/// Why a new passphrase is easy to guess, as the advice the citizen gets
/// (`error-passphrase-weak` selects its text by [`PassphraseHint::key`]). Our own words
/// for zxcvbn's warnings, in every language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphraseHint {
    /// A common password or a single word.
    Common,
    /// A row or short pattern of keys ("qwertz", "asdf").
    Keyboard,
    /// Repeated characters or groups ("aaaa", "abcabc").
    Repeats,
    /// A sequence ("abcd", "1234").
    Sequence,
    /// Years or dates.
    Dates,
    /// Names on their own.
    Names,
    /// Nothing in particular: too little of it.
    Other,
}

impl PassphraseHint {
    /// The Fluent variant key in `error-passphrase-weak`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Common => "common",
            Self::Keyboard => "keyboard",
            Self::Repeats => "repeats",
            Self::Sequence => "sequence",
            Self::Dates => "dates",
            Self::Names => "names",
            Self::Other => "other",
        }
    }

    fn of(warning: Option<zxcvbn::feedback::Warning>) -> PassphraseHint {
        use zxcvbn::feedback::Warning as W;
        match warning {
            Some(
                W::ThisIsATop10Password
                | W::ThisIsATop100Password
                | W::ThisIsACommonPassword
                | W::ThisIsSimilarToACommonlyUsedPassword
                | W::AWordByItselfIsEasyToGuess,
            ) => Self::Common,
            Some(W::StraightRowsOfKeysAreEasyToGuess | W::ShortKeyboardPatternsAreEasyToGuess) => {
                Self::Keyboard
            }
            Some(
                W::RepeatsLikeAaaAreEasyToGuess | W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
            ) => Self::Repeats,
            Some(W::SequencesLikeAbcAreEasyToGuess) => Self::Sequence,
            Some(W::RecentYearsAreEasyToGuess | W::DatesAreOftenEasyToGuess) => Self::Dates,
            Some(
                W::NamesAndSurnamesByThemselvesAreEasyToGuess
                | W::CommonNamesAndSurnamesAreEasyToGuess,
            ) => Self::Names,
            _ => Self::Other,
        }
    }
}

/// Why `passphrase` is too easy to guess, or `None` when it is not (zxcvbn's estimate,
/// its score at least [`MIN_PASSPHRASE_SCORE`]). zxcvbn copies the text into strings of
/// its own that are not wiped; they live only while it estimates.
pub fn passphrase_weakness(passphrase: &str) -> Option<PassphraseHint> {
    let estimate = zxcvbn::zxcvbn(passphrase, &[]);
    (estimate.score() < MIN_PASSPHRASE_SCORE)
        .then(|| PassphraseHint::of(estimate.feedback().and_then(|f| f.warning())))
}

/// `text` in Unicode NFC, as [`Passphrase::new`] takes it: its characters are counted
/// and compared in that form, so "ä" typed as one character or as two counts once.
fn nfc(text: &str) -> Zeroizing<String> {
    use unicode_normalization::UnicodeNormalization;
    // Room for the usual case, so the secret is not copied on growing.
    let mut normalized = Zeroizing::new(String::with_capacity(text.len() + text.len() / 2));
    normalized.extend(text.nfc());
    normalized
}

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
    /// The drafts are open under the keychain's key: "Use a passphrase instead" moves
    /// the key, drafts and all.
    pub switch_to_passphrase: bool,
    /// The drafts are open under a passphrase and a keychain can be used: "Use the
    /// keychain instead" moves the key there.
    pub switch_to_keychain: bool,
    /// The drafts are open under a passphrase: it can be changed.
    pub change_passphrase: bool,
    /// A recovery code was created for these drafts (a new one replaces it).
    pub recovery_code: bool,
    /// The drafts' key is lost or locked away (missing from the keychain, the
    /// passphrase forgotten) and a recovery code exists: it is asked for here.
    pub offer_recovery: bool,
    /// Recovering also needs a new passphrase (the drafts are to be protected by one,
    /// or no keychain can keep the key).
    pub recovery_needs_passphrase: bool,
    /// The keychain is locked or refused access: "Try again" opens the drafts once it
    /// is unlocked or allowed (where the app cannot notice that by itself).
    pub offer_retry: bool,
    /// The drafts' key is lost: "Import" is offered all the same, and sets the drafts
    /// that cannot be opened aside (kept, untouched) before it imports the file.
    pub import_sets_aside: bool,
    /// The shortest passphrase accepted for an export or a passphrase vault.
    pub min_passphrase_length: u32,
    /// Applications the municipality has not confirmed yet (waiting or sending): "Delete
    /// all my data" says so and asks again. 0 while the drafts are not open.
    pub unsent_applications: u32,
}

/// What "Export my data" wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportDone {
    pub drafts: u32,
    pub attachments: u32,
    /// Applications, each with how far its sending got.
    pub applications: u32,
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
    /// Applications taken from the file (they are sent, or followed, from here).
    pub applications: u32,
    /// Applications of the file not taken: handed over to the municipality by another
    /// installation, which alone can follow them, while this one has handed over
    /// applications of its own (`amtsweg_vault`'s export module).
    pub kept_elsewhere: u32,
    pub message: String,
}

/// The extension of export files (the dialogs' filter; the content decides).
pub const EXPORT_EXTENSION: &str = "amtsweg";

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The applications of `vault` the municipality has not confirmed yet: no sending
/// record, or one short of submitted. One whose sending record cannot be read counts
/// (asking once more costs less than losing it unasked); a damaged application does not
/// (it cannot be sent anyway, and "My applications" shows it).
pub(super) fn unsent_applications(vault: &Vault) -> Result<usize, VaultError> {
    let mut unsent = 0;
    for entry in vault.list_applications()? {
        if matches!(entry.summary, amtsweg_vault::Summary::Damaged { .. }) {
            continue;
        }
        let confirmed = match vault.open_sending(&entry.id) {
            Ok(record) => submitted(record.as_ref().map(|r| r.payload.as_slice())),
            Err(_) => false,
        };
        if !confirmed {
            unsent += 1;
        }
    }
    Ok(unsent)
}

/// A recovery code as shown once, right after it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecoveryCodeShown {
    /// Seven groups of four symbols, e.g. `7KQ2-M9XD-…`.
    pub groups: Vec<String>,
}

fn locked_first() -> AppError {
    AppError::Vault {
        code: ErrorCode::ErrorVaultLocked,
        reason: "the drafts must be unlocked before their key is moved".into(),
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
        let open = state == VaultState::Open;
        let recovery_code = match self.vault.get() {
            Ok(vault) => vault.has_recovery_code().unwrap_or(false),
            Err(_) => self
                .vault
                .dir()
                .and_then(|dir| Vault::inspect(dir).ok().flatten())
                .is_some_and(|stored| stored.recovery_code),
        };
        let keys_lost = key_lost(code) || state == VaultState::Locked;
        let has_keychain = self.vault.keychain().is_some();
        let unsent = match self.vault.get() {
            Ok(vault) if open => unsent_applications(&vault).unwrap_or_else(|error| {
                tracing::warn!(error = %LoggedCause(&error), "unsent-applications-not-counted");
                0
            }),
            _ => 0,
        };
        MyDataView {
            keys,
            state,
            unavailable: error.as_ref().map(|e| self.frame.message(e)),
            unavailable_detail: error.as_ref().and_then(|e| self.frame.detail(e)),
            offer_passphrase: keys == VaultKeys::Keychain
                && code == Some(ErrorCode::ErrorKeychainUnavailable),
            offer_keychain: keys == VaultKeys::Passphrase && state == VaultState::NewPassphrase,
            switch_to_passphrase: open && keys == VaultKeys::Keychain,
            switch_to_keychain: open && keys == VaultKeys::Passphrase && has_keychain,
            change_passphrase: open && keys == VaultKeys::Passphrase,
            recovery_code,
            offer_recovery: keys_lost && recovery_code,
            recovery_needs_passphrase: self.recovery_needs_passphrase(keys),
            offer_retry: matches!(
                code,
                Some(ErrorCode::ErrorKeychainLocked | ErrorCode::ErrorKeychainDenied)
            ),
            import_sets_aside: key_lost(code),
            min_passphrase_length: count(MIN_PASSPHRASE_CHARS),
            unsent_applications: count(unsent),
        }
    }

    /// Whether recovering also takes a new passphrase: the drafts are to be protected by
    /// one, or no keychain can keep the key.
    fn recovery_needs_passphrase(&self, keys: VaultKeys) -> bool {
        keys == VaultKeys::Passphrase || self.vault.keychain().is_none()
    }

    /// "Create a recovery code": shown once, stored nowhere; a new one replaces the last.
    pub fn create_recovery_code(&self) -> Result<RecoveryCodeShown, AppError> {
        let code = self.vault.get()?.set_recovery_code(self.passphrase_kdf)?;
        tracing::info!("recovery-code-created");
        let shown = code.to_display();
        Ok(RecoveryCodeShown {
            groups: shown.split('-').map(str::to_owned).collect(),
        })
    }

    /// "Enter your recovery code": with the drafts' key lost (missing from the keychain,
    /// a forgotten passphrase), the code opens them; the key is then kept in the
    /// keychain again, or under the new passphrase given with it.
    pub fn recover(
        &self,
        code: Zeroizing<String>,
        passphrase: Zeroizing<String>,
        confirmation: Zeroizing<String>,
    ) -> Result<MyDataView, AppError> {
        let code = RecoveryCode::parse(&code)?;
        let (keys, _, _) = self.vault.status();
        let needs_passphrase = self.recovery_needs_passphrase(keys);
        let new_passphrase = if needs_passphrase {
            Some(self.new_passphrase(passphrase, confirmation)?)
        } else {
            None
        };
        let keys = self.vault.replace(|choice, vault, before| {
            let unchanged = |error: AppError, vault| (Err(error), before.state(vault), before.keys);
            let lost = matches!(
                before.unavailable_code(),
                Some(ErrorCode::ErrorVaultKeyMissing | ErrorCode::ErrorVaultWrongKey)
            ) || before.state == VaultState::Locked;
            let (Some(dir), true, None) = (choice.dir(), lost, &vault) else {
                return unchanged(
                    AppError::InvalidRequest("the drafts' key is not lost".into()),
                    vault,
                );
            };
            let recovered = Vault::open(dir, KeySource::RecoveryCode(code)).and_then(|opened| {
                match (&new_passphrase, choice.keychain()) {
                    (Some(passphrase), _) => {
                        opened.seal_keys_under(passphrase, None)?;
                        Ok((opened, VaultKeys::Passphrase))
                    }
                    (None, Some(keychain)) => {
                        opened.keep_keys_in(&keychain)?;
                        drop(opened);
                        // Opened again from the keychain, so the vault knows its entry
                        // (delete all removes it).
                        let opened = Vault::open(dir, KeySource::Keychain(keychain))?;
                        Ok((opened, VaultKeys::Keychain))
                    }
                    (None, None) => Err(VaultError::KeychainUnavailable(
                        "this installation uses no keychain".into(),
                    )),
                }
            });
            match recovered {
                Ok((opened, keys)) => {
                    tracing::info!("vault-recovered");
                    (Ok(keys), State::ready(opened), keys)
                }
                Err(error) => unchanged(error.into(), None),
            }
        })?;
        self.save_key_storage(keys);
        self.publish(AppEvent::DraftsChanged);
        Ok(self.view())
    }

    /// "Change the passphrase": the current one first, then the new one twice.
    pub fn change_passphrase(
        &self,
        current: Zeroizing<String>,
        passphrase: Zeroizing<String>,
        confirmation: Zeroizing<String>,
    ) -> Result<MyDataView, AppError> {
        let new = self.new_passphrase(passphrase, confirmation)?;
        if current.is_empty() {
            return Err(AppError::Passphrase(ErrorCode::ErrorPassphraseCurrent));
        }
        let current = self.passphrase(current);
        let (keys, _, _) = self.vault.status();
        if keys != VaultKeys::Passphrase {
            return Err(AppError::InvalidRequest(
                "the drafts are not protected by a passphrase".into(),
            ));
        }
        let vault = self.vault.get()?;
        vault.check_passphrase(&current).map_err(|e| match e {
            VaultError::WrongPassphrase => AppError::Passphrase(ErrorCode::ErrorPassphraseCurrent),
            e => e.into(),
        })?;
        vault.seal_keys_under(&new, None)?;
        tracing::info!("vault-passphrase-changed");
        drop(vault);
        Ok(self.view())
    }

    /// "Try again" after the keychain was locked or refused access.
    pub fn retry(&self) -> MyDataView {
        self.vault.retry_open();
        self.view()
    }

    /// Where the keys are, remembered for the next start; a failure is logged, not
    /// shown: the vault itself says where its keys are (`vault::open`).
    fn save_key_storage(&self, keys: VaultKeys) {
        let storage = match keys {
            VaultKeys::Passphrase => KeyStorage::Passphrase,
            VaultKeys::Keychain => KeyStorage::Keychain,
            VaultKeys::Memory => return,
        };
        if let Err(error) = self.frame.update(|s| s.vault_keys = Some(storage)) {
            tracing::warn!(error = %LoggedCause(&error), "vault-keys-setting-not-saved");
        }
    }

    /// A passphrase for something new (an export, a passphrase vault): more than blanks,
    /// [`MIN_PASSPHRASE_CHARS`] to [`MAX_PASSPHRASE_CHARS`] characters after Unicode NFC,
    /// not easy to guess ([`passphrase_weakness`]), and the same twice. Checked before
    /// any dialog opens.
    fn new_passphrase(
        &self,
        passphrase: Zeroizing<String>,
        confirmation: Zeroizing<String>,
    ) -> Result<Passphrase, AppError> {
        let passphrase = nfc(&passphrase);
        if passphrase.trim().is_empty() {
            return Err(AppError::Passphrase(ErrorCode::ErrorPassphraseEmpty));
        }
        let chars = passphrase.chars().count();
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(AppError::Passphrase(ErrorCode::ErrorPassphraseTooShort));
        }
        if chars > MAX_PASSPHRASE_CHARS {
            return Err(AppError::Passphrase(ErrorCode::ErrorPassphraseTooLong));
        }
        if let Some(hint) = passphrase_weakness(&passphrase) {
            return Err(AppError::WeakPassphrase(hint));
        }
        if *passphrase != *nfc(&confirmation) {
            return Err(AppError::Passphrase(ErrorCode::ErrorPassphraseMismatch));
        }
        Ok(self.passphrase(passphrase))
    }

    /// The passphrase of something that exists (an export file, a locked vault): only
    /// entered and at most [`MAX_PASSPHRASE_CHARS`] long (none longer is ever made);
    /// the file or vault says whether it is right.
    fn entered_passphrase(&self, passphrase: Zeroizing<String>) -> Result<Passphrase, AppError> {
        if passphrase.is_empty() {
            return Err(AppError::Passphrase(ErrorCode::ErrorPassphraseEmpty));
        }
        if nfc(&passphrase).chars().count() > MAX_PASSPHRASE_CHARS {
            return Err(AppError::Passphrase(ErrorCode::ErrorPassphraseTooLong));
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
    /// dialog asks for the file; `None` when the citizen cancels. With the drafts' key
    /// lost, the drafts that cannot be opened are set aside first (see
    /// [`MyData::import_setting_aside`]).
    pub fn import(&self, passphrase: Zeroizing<String>) -> Result<Option<ImportDone>, AppError> {
        let passphrase = self.entered_passphrase(passphrase)?;
        let (_, _, code) = self.vault.status();
        let set_aside = key_lost(code);
        if !set_aside {
            self.vault_ready()?;
        }
        match self.host.choose_file(&self.import_dialog())? {
            None => Ok(None),
            Some(path) if set_aside => self.import_setting_aside(&path, &passphrase).map(Some),
            Some(path) => self.import_from(&path, &passphrase).map(Some),
        }
    }

    /// With the drafts' key lost and no recovery code, what the citizen still has is an
    /// export: the file is opened with its passphrase first, then the drafts that cannot
    /// be opened are moved aside whole (nothing is deleted: a key that turns up later
    /// still opens them), a new vault starts, and the file's drafts go into it.
    pub fn import_setting_aside(
        &self,
        path: &Path,
        passphrase: &Passphrase,
    ) -> Result<ImportDone, AppError> {
        let contents = Vault::read_export(path, passphrase).map_err(import_error)?;
        self.check_imported_drafts(&contents)?;
        let report = self.vault.replace(|choice, vault, before| {
            let (Some(dir), true, None) =
                (choice.dir(), key_lost(before.unavailable_code()), &vault)
            else {
                return (
                    Err(AppError::InvalidRequest(
                        "the drafts' key is not lost".into(),
                    )),
                    before.state(vault),
                    before.keys,
                );
            };
            match Vault::set_aside_at(dir) {
                // The file's name only: its folder is in the citizen's home folder.
                Ok(aside) => tracing::info!(
                    file = %aside.file_name().unwrap_or_default().display(),
                    "unreadable-drafts-set-aside"
                ),
                Err(error) => return (Err(error.into()), before.state(None), before.keys),
            }
            let (state, keys) = vault::open(choice, before.keys);
            let report = match &state {
                State::Ready(opened) => opened
                    .import_contents_with(contents, reached_server)
                    .map_err(AppError::from),
                _ => Err(AppError::Vault {
                    code: ErrorCode::ErrorVaultStorage,
                    reason: "the new vault did not open".into(),
                }),
            };
            (report, state, keys)
        })?;
        self.drafts.forget_all();
        self.attachments.forget_all();
        self.publish(AppEvent::DraftsChanged);
        self.publish(AppEvent::ApplicationsChanged);
        Ok(self.import_done(&report))
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
            applications = report.applications,
            damaged = report.damaged.len(),
            "my-data-exported"
        );
        let mut args = Args::new();
        args.set("drafts", report.drafts);
        args.set("attachments", report.attachments);
        args.set("applications", report.applications);
        args.set("damaged", report.damaged.len());
        // Applications are named only when there are any: most exports hold drafts alone.
        let exported = if report.applications > 0 {
            "my-data-exported-with-applications"
        } else {
            "my-data-exported"
        };
        let mut message = self.frame.text(exported, Some(&args));
        if !report.damaged.is_empty() {
            message.push(' ');
            message.push_str(&self.frame.text("my-data-export-damaged", Some(&args)));
        }
        if report.details {
            message.push(' ');
            message.push_str(&self.frame.text("my-data-exported-details", None));
        }
        Ok(ExportDone {
            drafts: count(report.drafts),
            attachments: count(report.attachments),
            applications: count(report.applications),
            damaged: count(report.damaged.len()),
            message,
        })
    }

    /// Takes the drafts and applications of an export file into the vault (a draft
    /// already here is replaced only by a copy changed later; the applications and the
    /// installation as `amtsweg_vault`'s export module decides, with the outbox's
    /// judgement of what reached the municipality's server). The vault is taken out for
    /// it, as for a replacement: the outbox's worker stops first (so no step of a sending
    /// is recorded while the import judges them), and starts again afterwards with the
    /// imported applications and, when one was adopted, the file's installation.
    pub fn import_from(
        &self,
        path: &Path,
        passphrase: &Passphrase,
    ) -> Result<ImportDone, AppError> {
        self.vault_ready()?;
        let contents = Vault::read_export(path, passphrase).map_err(import_error)?;
        self.check_imported_drafts(&contents)?;
        let report = self.vault.replace(|_, vault, before| match vault {
            Some(vault) => {
                let report = vault
                    .import_contents_with(contents, reached_server)
                    .map_err(import_error);
                (report, State::ready(vault), before.keys)
            }
            None => (
                Err(AppError::Vault {
                    code: ErrorCode::ErrorVaultStorage,
                    reason: "the vault is not open".into(),
                }),
                before.state(None),
                before.keys,
            ),
        })?;
        if report.adopted_installation {
            tracing::info!("installation-adopted");
        }
        // A draft open in this session that the file replaced would be saved over the
        // imported copy at its next change: it is dropped, "My drafts" opens the new one.
        self.drafts.forget(&report.imported);
        self.publish(AppEvent::DraftsChanged);
        self.publish(AppEvent::ApplicationsChanged);
        Ok(self.import_done(&report))
    }

    /// Every draft of an export file through the engine's checks, as a kept draft is
    /// checked when it is opened: an answer of the wrong shape or size refuses the whole
    /// file (an import is all of the file or nothing).
    /// The file's My details are checked too: only answers My details keep.
    fn check_imported_drafts(&self, contents: &ExportContents) -> Result<(), AppError> {
        if let Some(details) = contents.details() {
            super::my_details::check_imported(details).map_err(|reason| AppError::Vault {
                code: ErrorCode::ErrorExportFile,
                reason: reason.into(),
            })?;
        }
        for (_, procedure_id, payload) in contents.drafts() {
            self.drafts
                .checked_draft(procedure_id, payload)
                .map_err(|reason| AppError::Vault {
                    code: ErrorCode::ErrorExportFile,
                    reason: reason.into(),
                })?;
        }
        Ok(())
    }

    /// What "Import" did, in the citizen's words.
    fn import_done(&self, report: &amtsweg_vault::ImportReport) -> ImportDone {
        tracing::info!(
            imported = report.imported.len(),
            kept_local = report.kept_local.len(),
            applications = report.applications.len(),
            applications_kept_local = report.applications_kept_local.len(),
            kept_elsewhere = report.kept_elsewhere.len(),
            "my-data-imported"
        );
        let mut args = Args::new();
        args.set("imported", report.imported.len());
        args.set("kept", report.kept_local.len());
        args.set("applications", report.applications.len());
        args.set("applicationsKept", report.applications_kept_local.len());
        args.set("elsewhere", report.kept_elsewhere.len());
        let mut message = self.frame.text("my-data-imported", Some(&args));
        for (n, id) in [
            (report.kept_local.len(), "my-data-import-kept"),
            (report.applications.len(), "my-data-imported-applications"),
            (
                report.applications_kept_local.len(),
                "my-data-import-applications-kept",
            ),
            (report.kept_elsewhere.len(), "my-data-import-kept-elsewhere"),
        ] {
            if n > 0 {
                message.push(' ');
                message.push_str(&self.frame.text(id, Some(&args)));
            }
        }
        if report.details {
            message.push(' ');
            message.push_str(&self.frame.text("my-data-imported-details", None));
        }
        ImportDone {
            imported: count(report.imported.len()),
            kept_local: count(report.kept_local.len()),
            applications: count(report.applications.len()),
            kept_elsewhere: count(report.kept_elsewhere.len()),
            message,
        }
    }

    /// Deletes every draft, attachment and application, the vault's database and its
    /// keys in the keychain (not the exports the citizen saved) — also when the vault
    /// cannot be opened (keys missing, passphrase forgotten). Afterwards Amtsweg goes on
    /// with a new, empty vault, as after a first start: with the keychain at once, with
    /// a passphrase once the citizen chose a new one. Drafts of this session in memory
    /// go too. While applications wait to be sent ([`unsent_applications`], counted with
    /// the vault taken out, so none is frozen between the count and the deletion),
    /// nothing is deleted unless `confirm_unsent` says the citizen was told so and
    /// confirmed: [`AppError::UnsentApplications`] with their number. A vault that
    /// cannot be opened has nothing that could be sent.
    pub fn delete_all(&self, confirm_unsent: bool) -> Result<MyDataView, AppError> {
        self.vault.replace(|choice, vault, before| {
            if let Some(open) = &vault
                && !confirm_unsent
            {
                let unsent = unsent_applications(open).map_err(AppError::from);
                match unsent {
                    Ok(0) => {}
                    Ok(n) => {
                        return (
                            Err(AppError::UnsentApplications(count(n))),
                            before.state(vault),
                            before.keys,
                        );
                    }
                    Err(error) => return (Err(error), before.state(vault), before.keys),
                }
            }
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
                Err(error) => tracing::warn!(error = %LoggedCause(error), "my-data-delete-failed"),
            }
            let (state, keys) = vault::open(choice, before.keys);
            (deleted.map(drop).map_err(AppError::from), state, keys)
        })?;
        self.drafts.forget_all();
        self.attachments.forget_all();
        self.publish(AppEvent::DraftsChanged);
        self.publish(AppEvent::ApplicationsChanged);
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
                                // A move to the passphrase that was stopped after it
                                // committed left the keychain's copy: it goes now.
                                if let Some(keychain) = choice.keychain()
                                    && let Err(error) = opened.remove_copy_from(&keychain)
                                {
                                    tracing::warn!(error = %LoggedCause(&error), "old-keychain-entry-kept");
                                }
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
            tracing::warn!(error = %LoggedCause(&error), "vault-keys-setting-not-saved");
        }
        Ok(self.view())
    }

    /// "Use a passphrase instead": the drafts' key sealed under this passphrase from now
    /// on (entered twice) — with drafts present, the same key moved out of the keychain;
    /// on a computer whose keychain cannot be reached, new keys under the passphrase.
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
            if let Some(open) = vault {
                // The key moves: sealed under the passphrase first, then the keychain's
                // copy removed (a kill in between leaves the passphrase in charge).
                let keychain = choice.keychain();
                let old = keychain.as_ref().map(|k| k as &dyn amtsweg_vault::KeyStore);
                return match open.seal_keys_under(&passphrase, old) {
                    Ok(()) => {
                        tracing::info!("vault-keys-passphrase");
                        (Ok(()), State::ready(open), VaultKeys::Passphrase)
                    }
                    Err(error) => unchanged(error.into(), Some(open)),
                };
            }
            match Vault::open(dir, KeySource::Passphrase(passphrase)) {
                Ok(opened) => {
                    tracing::info!("vault-keys-passphrase");
                    (Ok(()), State::ready(opened), VaultKeys::Passphrase)
                }
                Err(error) => {
                    let (state, keys) = vault::open(choice, before.keys);
                    (Err(error.into()), state, keys)
                }
            }
        })?;
        self.frame
            .update(|s| s.vault_keys = Some(KeyStorage::Passphrase))?;
        Ok(self.view())
    }

    /// "Use the keychain instead": the drafts' key moved from the passphrase into the
    /// keychain (they must be unlocked first), or, while no passphrase was chosen yet,
    /// simply the keychain again.
    pub fn use_keychain_keys(&self) -> Result<MyDataView, AppError> {
        self.vault.replace(|choice, vault, before: &Before| {
            match (before.keys, before.state, vault) {
                (VaultKeys::Passphrase, VaultState::NewPassphrase, vault) => {
                    drop(vault);
                    let (state, keys) = vault::open(choice, VaultKeys::Keychain);
                    (Ok(()), state, keys)
                }
                (VaultKeys::Passphrase, VaultState::Open, Some(open)) => {
                    let (Some(dir), Some(keychain)) = (choice.dir(), choice.keychain()) else {
                        return (
                            Err(AppError::Vault {
                                code: ErrorCode::ErrorKeychainUnavailable,
                                reason: "this installation uses no keychain".into(),
                            }),
                            State::ready(open),
                            before.keys,
                        );
                    };
                    if let Err(error) = open.keep_keys_in(&keychain) {
                        return (Err(error.into()), State::ready(open), before.keys);
                    }
                    tracing::info!("vault-keys-keychain");
                    drop(open);
                    // Opened again from the keychain, so the vault knows its entry.
                    let (state, keys) = vault::state_after_opening(
                        Vault::open(dir, KeySource::Keychain(keychain)),
                        VaultKeys::Keychain,
                    );
                    (Ok(()), state, keys)
                }
                (VaultKeys::Passphrase, _, vault) => {
                    (Err(locked_first()), before.state(vault), before.keys)
                }
                (_, _, vault) => (
                    Err(AppError::InvalidRequest(
                        "the keychain is already in use".into(),
                    )),
                    before.state(vault),
                    before.keys,
                ),
            }
        })?;
        self.frame
            .update(|s| s.vault_keys = Some(KeyStorage::Keychain))?;
        Ok(self.view())
    }
}

/// The drafts' key is lost (missing from the keychain, or it holds another).
fn key_lost(code: Option<ErrorCode>) -> bool {
    matches!(
        code,
        Some(ErrorCode::ErrorVaultKeyMissing | ErrorCode::ErrorVaultWrongKey)
    )
}

/// An import's failure as the citizen is told of it.
fn import_error(error: VaultError) -> AppError {
    match error {
        VaultError::WrongPassphrase => AppError::Vault {
            code: ErrorCode::ErrorImportPassphrase,
            reason: error.to_string(),
        },
        VaultError::Io { source, .. } => AppError::Vault {
            code: ErrorCode::ErrorImportRead,
            reason: source.to_string(),
        },
        e => AppError::from(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easy_passphrases_get_advice_in_our_words() {
        for (passphrase, hint) in [
            ("aaaaaaaaaaaaaaaa", PassphraseHint::Repeats),
            ("äöüßäöüßäöüß", PassphraseHint::Repeats),
            ("abcdefghijklmnop", PassphraseHint::Sequence),
            ("michael12345", PassphraseHint::Names),
            ("qwertzuiopü", PassphraseHint::Common),
            ("Passwort1234", PassphraseHint::Common),
        ] {
            assert_eq!(passphrase_weakness(passphrase), Some(hint), "{passphrase}");
        }
    }

    #[test]
    fn a_few_unrelated_words_are_not_easy_to_guess() {
        for passphrase in [
            "correct horse battery staple",
            "Bär küsst Öl",
            "ein ganz neuer Anfang",
        ] {
            assert_eq!(passphrase_weakness(passphrase), None, "{passphrase}");
        }
    }

    /// The whole length the rule allows is estimated, however repetitive (zxcvbn's
    /// matching grows with the length; this bounds the time a command can take).
    #[test]
    fn the_longest_passphrase_is_estimated_quickly() {
        let longest = "Dackel Ölkanne Zimt ".repeat(60);
        let longest: String = longest.chars().take(MAX_PASSPHRASE_CHARS).collect();
        let started = std::time::Instant::now();
        assert_eq!(passphrase_weakness(&longest), None);
        // Generous for a debug build on a busy machine (about 70 ms measured here).
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
