//! The vault's slot: where the drafts vault (`amtsweg_vault`) is opened, held, lent
//! to one command at a time and replaced — open, locked, unavailable or being opened.
//!
//! The vault is opened on a thread of its own at start: reading the keys from the OS
//! keychain may take a moment (or, with the Secret Service, a D-Bus round trip) and must
//! not run on the main thread. Commands that need it wait for that opening. When it
//! cannot be opened (no keychain, locked, keys missing), drafts still work for this
//! session, in memory only, and the citizen is told why they cannot be kept — never a
//! plaintext fallback, never a new empty vault over existing data.
//!
//! With the passphrase chosen instead of the keychain (`my_data`), the vault waits,
//! locked, until the citizen enters it; meanwhile it is as unavailable as above. Every
//! command borrows the open vault (`VaultRef`); deleting or re-opening it waits until
//! every borrow is back.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, Weak};
use std::time::Duration;

use amtsweg_settings::KeyStorage;
use amtsweg_vault::keychain::Keychain;
use amtsweg_vault::{KeySource, Vault, VaultError};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{AppError, ErrorCode, LoggedCause};

/// Where the drafts are kept.
#[derive(Debug, Clone)]
pub enum VaultChoice {
    /// The vault database in this folder, its keys in the OS keychain under `service` —
    /// or, when the citizen chose so in the settings, sealed under a passphrase.
    Keychain { dir: PathBuf, service: String },
    /// The vault database in this folder on a computer without a keychain: its keys can
    /// only be sealed under a passphrase; with the keychain chosen, drafts are not kept,
    /// as when no keychain answers. The shell's tests use it, so they never touch the
    /// keychain of the machine they run on.
    NoKeychain { dir: PathBuf },
    /// Keys and database only in memory: nothing is written to disk (the public
    /// terminal; the shell's tests).
    InMemory,
}

impl VaultChoice {
    /// The vault's folder; `None` in memory.
    pub(super) fn dir(&self) -> Option<&Path> {
        match self {
            VaultChoice::Keychain { dir, .. } | VaultChoice::NoKeychain { dir } => Some(dir),
            VaultChoice::InMemory => None,
        }
    }

    pub(super) fn keychain(&self) -> Option<Keychain> {
        match self {
            VaultChoice::Keychain { service, .. } => Some(Keychain::new(service.clone())),
            VaultChoice::NoKeychain { .. } | VaultChoice::InMemory => None,
        }
    }
}

/// Where the vault's keys are kept (and, as "My data" shows it, the choice offered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum VaultKeys {
    /// The OS keychain (the default).
    Keychain,
    /// Sealed in the vault under the citizen's passphrase (opt-in in the settings).
    Passphrase,
    /// In memory only: nothing is kept after Amtsweg is closed (`VaultChoice::InMemory`,
    /// public terminals).
    Memory,
}

impl VaultKeys {
    /// The citizen's choice in the settings; an unknown value reads as the keychain.
    pub fn chosen(choice: &VaultChoice, setting: Option<&KeyStorage>) -> VaultKeys {
        match (choice, setting) {
            (VaultChoice::InMemory, _) => VaultKeys::Memory,
            (_, Some(KeyStorage::Passphrase)) => VaultKeys::Passphrase,
            _ => VaultKeys::Keychain,
        }
    }
}

/// How long a command waits for the vault to open before it says the vault is not
/// available. Opening takes milliseconds when the keychain is unlocked; a keychain that
/// asks the citizen to unlock it first may take longer, and then the command says so
/// rather than holding the window (the next command finds the vault open).
const OPEN_WAIT: Duration = Duration::from_secs(15);

/// How often a locked keychain is asked whether it is unlocked yet (without a prompt,
/// `Keychain::is_locked`): the vault opens at most this long after the citizen unlocked
/// it, well within the two seconds the issue asks for.
const UNLOCK_POLL: Duration = Duration::from_millis(500);

#[derive(Debug)]
pub(super) enum State {
    /// Being opened, or being deleted, re-keyed or unlocked: commands wait.
    Opening,
    Ready(Arc<Vault>),
    /// Why it could not be opened: the error's Fluent code and its own words.
    Unavailable {
        code: ErrorCode,
        reason: String,
    },
    /// A passphrase vault waiting for the citizen's passphrase (`unlock`); `new` when
    /// there is no vault yet and the citizen first chooses one.
    Locked {
        new: bool,
    },
}

impl State {
    pub(super) fn ready(vault: Vault) -> State {
        State::Ready(Arc::new(vault))
    }
}

#[derive(Debug)]
struct Inner {
    state: State,
    /// Where the keys of the vault in `state` come from.
    keys: VaultKeys,
}

impl Inner {
    /// Unavailable because the keychain is locked.
    fn waits_for_unlock(&self) -> bool {
        matches!(
            self.state,
            State::Unavailable {
                code: ErrorCode::ErrorKeychainLocked,
                ..
            }
        )
    }
}

/// The vault, being opened or open: it owns the state; the other services borrow the
/// open vault ([`VaultSlot::get`]) or have it replaced ([`VaultSlot::replace`]).
#[derive(Debug)]
pub struct VaultSlot {
    choice: VaultChoice,
    inner: Mutex<Inner>,
    /// Signalled when the state changes and when a command lets go of the vault.
    changed: Condvar,
    /// Where a change of state is published for the UI.
    events: std::sync::mpsc::Sender<crate::events::AppEvent>,
    /// This slot, for the thread that watches a locked keychain (it must not keep the
    /// slot alive once the core is gone).
    me: Weak<VaultSlot>,
    /// A thread watches the keychain for being unlocked.
    watching: AtomicBool,
    /// Told when a vault opens and before it is taken out (the outbox, which shares it).
    watcher: Mutex<Option<Weak<dyn VaultWatcher>>>,
    /// Held while the watcher is told of an opening or a closing, so that the two never
    /// cross: an opening told after `replace` took the vault out would hand the watcher a
    /// vault that `replace` then waits for forever.
    telling: Mutex<()>,
}

/// A service that keeps a share of the open vault beyond one command (the outbox's
/// worker): told when a vault is open, and asked to let go of its share before the vault
/// is deleted, re-keyed or replaced, which waits until no one else holds it.
pub(super) trait VaultWatcher: Send + Sync {
    /// A vault is open (at start, after an unlock, an import, a replacement).
    fn opened(&self, vault: &Arc<Vault>);
    /// The vault is about to be taken out: every share of it must be dropped on return.
    fn closing(&self);
}

/// The open vault, lent to one command. While any is out, the vault is not deleted or
/// replaced: [`VaultSlot::take`] waits until every one is back.
#[derive(Debug)]
pub struct VaultRef<'a> {
    vault: Option<Arc<Vault>>,
    home: &'a VaultSlot,
}

impl Deref for VaultRef<'_> {
    type Target = Vault;

    fn deref(&self) -> &Vault {
        self.vault
            .as_deref()
            .expect("a lent vault is held until dropped")
    }
}

impl VaultRef<'_> {
    /// A share of the open vault for a service that outlives this command: only for a
    /// [`VaultWatcher`], which gives it back when the vault is taken out.
    pub(super) fn shared(&self) -> Arc<Vault> {
        Arc::clone(
            self.vault
                .as_ref()
                .expect("a lent vault is held until dropped"),
        )
    }
}

impl Drop for VaultRef<'_> {
    fn drop(&mut self) {
        drop(self.vault.take());
        // Under the lock, so a `take` checking the count cannot miss this.
        let _inner = self.home.lock();
        self.home.changed.notify_all();
    }
}

/// Whether the drafts can be kept right now (the settings' "My data" shows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum VaultState {
    /// Drafts are saved.
    Open,
    /// A passphrase vault waits for its passphrase ("Unlock your drafts").
    Locked,
    /// The passphrase is chosen but none is set yet: the citizen chooses one.
    NewPassphrase,
    /// Drafts cannot be kept (`unavailable` says why).
    Unavailable,
}

impl State {
    /// What the citizen is told of this state, and the Fluent code of why drafts
    /// cannot be kept (a vault still opening counts as a keychain that did not answer).
    fn shown(&self) -> (VaultState, Option<ErrorCode>) {
        match self {
            State::Ready(_) => (VaultState::Open, None),
            State::Locked { new: false } => (VaultState::Locked, None),
            State::Locked { new: true } => (VaultState::NewPassphrase, None),
            State::Unavailable { code, .. } => (VaultState::Unavailable, Some(*code)),
            State::Opening => (
                VaultState::Unavailable,
                Some(ErrorCode::ErrorKeychainUnavailable),
            ),
        }
    }
}

impl VaultSlot {
    /// Starts opening the vault on its own thread (a passphrase vault waits for its
    /// passphrase instead).
    pub fn open_in_background(
        choice: VaultChoice,
        delay: std::time::Duration,
        events: std::sync::mpsc::Sender<crate::events::AppEvent>,
        keys: VaultKeys,
    ) -> Arc<VaultSlot> {
        let vault = Arc::new_cyclic(|me| VaultSlot {
            choice,
            inner: Mutex::new(Inner {
                state: State::Opening,
                keys,
            }),
            changed: Condvar::new(),
            events,
            me: me.clone(),
            watching: AtomicBool::new(false),
            watcher: Mutex::new(None),
            telling: Mutex::new(()),
        });
        let opening = Arc::clone(&vault);
        let spawned = std::thread::Builder::new()
            .name("vault-open".into())
            .spawn(move || {
                // Not synchronisation: a stand-in for a keychain slow to answer (zero in
                // the app; see `CoreConfig::vault_open_delay`).
                if !delay.is_zero() {
                    std::thread::sleep(delay);
                }
                let (state, keys) = open(&opening.choice, keys);
                opening.set(state, keys);
            });
        if let Err(error) = spawned {
            vault.set(
                State::Unavailable {
                    code: ErrorCode::ErrorVaultStorage,
                    reason: error.to_string(),
                },
                keys,
            );
        }
        vault
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn set(&self, state: State, keys: VaultKeys) {
        let mut inner = self.lock();
        *inner = Inner { state, keys };
        self.changed.notify_all();
        if !matches!(inner.state, State::Opening) {
            // Gone only with the core; nobody listening is no error.
            let _ = self.events.send(crate::events::AppEvent::VaultChanged);
        }
        let locked = inner.waits_for_unlock();
        drop(inner);
        if locked {
            self.watch_for_unlock();
        }
        self.tell_opened();
    }

    fn watcher(&self) -> Option<Arc<dyn VaultWatcher>> {
        self.watcher
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .and_then(Weak::upgrade)
    }

    /// Tells the watcher of the vault open now, if one is: read again under `telling`,
    /// so a vault that `replace` has taken out meanwhile is not handed out.
    fn tell_opened(&self) {
        let _telling = self.telling.lock().unwrap_or_else(PoisonError::into_inner);
        let open = match &self.lock().state {
            State::Ready(vault) => Some(Arc::clone(vault)),
            _ => None,
        };
        if let (Some(vault), Some(watcher)) = (open, self.watcher()) {
            watcher.opened(&vault);
        }
    }

    /// Tells `watcher` of every vault that opens from now on, and of the one open now.
    pub(super) fn watch(&self, watcher: Weak<dyn VaultWatcher>) {
        *self.watcher.lock().unwrap_or_else(PoisonError::into_inner) = Some(watcher);
        // Opened before the watcher came (the opening thread may have been first); a
        // watcher takes a vault it already holds as it is.
        self.tell_opened();
    }

    /// While the keychain is locked, a thread asks it every [`UNLOCK_POLL`] whether the
    /// citizen unlocked it (without a prompt: the first attempt showed one already) and
    /// then opens the vault, so the drafts are kept again without a restart. Where the
    /// platform cannot tell without a prompt, nothing is watched: My data offers to try
    /// again.
    fn watch_for_unlock(&self) {
        let Some(keychain) = self.choice.keychain() else {
            return;
        };
        if self.watching.swap(true, Ordering::AcqRel) {
            return;
        }
        let me = self.me.clone();
        let watcher = move || {
            loop {
                // A poll interval, not synchronisation: the keychain has no change signal
                // that keyring exposes.
                std::thread::sleep(UNLOCK_POLL);
                let Some(slot) = me.upgrade() else { return };
                if !slot.lock().waits_for_unlock() {
                    slot.watching.store(false, Ordering::Release);
                    // Locked again between the check and the store: keep watching.
                    if slot.lock().waits_for_unlock() && !slot.watching.swap(true, Ordering::AcqRel)
                    {
                        continue;
                    }
                    return;
                }
                match keychain.is_locked() {
                    Some(true) => {}
                    Some(false) => {
                        tracing::info!("keychain-unlocked");
                        slot.retry_open();
                    }
                    None => {
                        slot.watching.store(false, Ordering::Release);
                        return;
                    }
                }
            }
        };
        if std::thread::Builder::new()
            .name("keychain-unlock-watch".into())
            .spawn(watcher)
            .is_err()
        {
            self.watching.store(false, Ordering::Release);
        }
    }

    /// Opens the vault again if it is still unavailable ("Try again" in My data, or the
    /// keychain was unlocked); an open vault is left as it is.
    pub fn retry_open(&self) {
        let _ = self.replace(|choice, vault, before| match vault {
            Some(vault) => (Ok(()), State::ready(vault), before.keys),
            None if before.state == VaultState::Unavailable => {
                let (state, keys) = open(choice, before.keys);
                (Ok(()), state, keys)
            }
            None => (Ok(()), before.state(None), before.keys),
        });
    }

    /// The state once no opening is under way (at most [`OPEN_WAIT`]).
    fn settled(&self) -> MutexGuard<'_, Inner> {
        self.changed
            .wait_timeout_while(self.lock(), OPEN_WAIT, |i| {
                matches!(i.state, State::Opening)
            })
            .unwrap_or_else(PoisonError::into_inner)
            .0
    }

    /// The open vault, or why there is none.
    pub fn get(&self) -> Result<VaultRef<'_>, AppError> {
        let inner = self.settled();
        match &inner.state {
            State::Ready(vault) => Ok(VaultRef {
                vault: Some(Arc::clone(vault)),
                home: self,
            }),
            State::Unavailable { code, reason } => Err(AppError::Vault {
                code: *code,
                reason: reason.clone(),
            }),
            State::Locked { new } => Err(AppError::Vault {
                code: if *new {
                    ErrorCode::ErrorVaultNoPassphrase
                } else {
                    ErrorCode::ErrorVaultLocked
                },
                reason: "the drafts are protected by a passphrase".into(),
            }),
            State::Opening => Err(AppError::Vault {
                code: ErrorCode::ErrorKeychainUnavailable,
                reason: "the keychain did not answer".into(),
            }),
        }
    }

    /// The vault's folder; `None` in memory.
    pub fn dir(&self) -> Option<&Path> {
        self.choice.dir()
    }

    /// The keychain entry the vault's keys are kept in, where there is a keychain.
    pub fn keychain(&self) -> Option<Keychain> {
        self.choice.keychain()
    }

    /// Where the keys come from, and whether the vault is open, locked or unavailable.
    /// With the Fluent code of why drafts cannot be kept, when they cannot.
    pub fn status(&self) -> (VaultKeys, VaultState, Option<ErrorCode>) {
        let inner = self.settled();
        let (state, code) = inner.state.shown();
        (inner.keys, state, code)
    }

    /// The vault for this process alone: once every command let go of it, it is taken
    /// out (commands wait meanwhile: the state is `Opening`) and handed to `f` with the
    /// state before it; `f` returns the next state. Any other state is handed to `f`
    /// without a vault. Blocks on what `f` does: call it off the UI thread.
    pub(super) fn replace<T>(
        &self,
        f: impl FnOnce(&VaultChoice, Option<Vault>, &Before) -> (Result<T, AppError>, State, VaultKeys),
    ) -> Result<T, AppError> {
        let mut inner = self.settled();
        if matches!(inner.state, State::Opening) {
            return Err(AppError::Vault {
                code: ErrorCode::ErrorKeychainUnavailable,
                reason: "the keychain did not answer".into(),
            });
        }
        let before = Before::of(&inner);
        let state = std::mem::replace(&mut inner.state, State::Opening);
        let vault = match state {
            State::Ready(vault) => {
                drop(inner);
                // The watcher's share (the outbox) goes first: nothing else gives it back.
                // Under `telling`: an opening told before this is stopped here, one told
                // after finds the slot opening and is not handed the vault.
                {
                    let _telling = self.telling.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(watcher) = self.watcher() {
                        watcher.closing();
                    }
                }
                let inner = self
                    .changed
                    .wait_while(self.lock(), |_| Arc::strong_count(&vault) > 1)
                    .unwrap_or_else(PoisonError::into_inner);
                drop(inner);
                Some(Arc::try_unwrap(vault).expect("no command holds the vault any more"))
            }
            _ => {
                drop(inner);
                None
            }
        };
        let (out, state, keys) = f(&self.choice, vault, &before);
        self.set(state, keys);
        out
    }
}

/// The state [`VaultSlot::replace`] found.
#[derive(Debug, Clone)]
pub(super) struct Before {
    pub(super) keys: VaultKeys,
    pub(super) state: VaultState,
    /// The error of an unavailable vault.
    pub(super) unavailable: Option<(ErrorCode, String)>,
}

impl Before {
    fn of(inner: &Inner) -> Before {
        let unavailable = match &inner.state {
            State::Unavailable { code, reason } => Some((*code, reason.clone())),
            _ => None,
        };
        Before {
            keys: inner.keys,
            state: inner.state.shown().0,
            unavailable,
        }
    }

    /// The Fluent code of why the vault was unavailable, if it was.
    pub(super) fn unavailable_code(&self) -> Option<ErrorCode> {
        self.unavailable.as_ref().map(|(code, _)| *code)
    }

    /// The state to put back when nothing changed.
    pub(super) fn state(&self, vault: Option<Vault>) -> State {
        match (vault, self.state, &self.unavailable) {
            (Some(vault), _, _) => State::ready(vault),
            (None, VaultState::Locked, _) => State::Locked { new: false },
            (None, VaultState::NewPassphrase, _) => State::Locked { new: true },
            (None, _, Some((code, reason))) => State::Unavailable {
                code: *code,
                reason: reason.clone(),
            },
            (None, _, None) => State::Unavailable {
                code: ErrorCode::ErrorVaultStorage,
                reason: "the vault is not open".into(),
            },
        }
    }
}

/// Opens the vault as `keys` says (blocking: the keychain), or waits for the
/// passphrase; the state and where its keys come from.
pub(super) fn open(choice: &VaultChoice, keys: VaultKeys) -> (State, VaultKeys) {
    let result = match (choice, keys) {
        (VaultChoice::InMemory, _) | (_, VaultKeys::Memory) => Vault::in_memory(),
        (_, VaultKeys::Passphrase) => {
            let stored = choice
                .dir()
                .map(Vault::inspect)
                .transpose()
                .ok()
                .flatten()
                .flatten();
            match (stored, choice) {
                // The keys were moved back to the keychain, and the setting could not be
                // saved afterwards (a kill, a full disk): the vault knows better.
                (Some(s), VaultChoice::Keychain { dir, service })
                    if s.records > 0 && !s.keys_sealed =>
                {
                    return state_after_opening(
                        Vault::open(dir, KeySource::Keychain(Keychain::new(service.clone()))),
                        VaultKeys::Keychain,
                    );
                }
                // Waits for the citizen's passphrase; `new` when no vault is there yet.
                (stored, _) => {
                    let new = stored.is_none_or(|s| s.records == 0 && !s.keys_sealed);
                    return (State::Locked { new }, keys);
                }
            }
        }
        (VaultChoice::Keychain { dir, service }, VaultKeys::Keychain) => {
            Vault::open(dir, KeySource::Keychain(Keychain::new(service.clone())))
        }
        (VaultChoice::NoKeychain { .. }, VaultKeys::Keychain) => Err(
            VaultError::KeychainUnavailable("this installation uses no keychain".into()),
        ),
    };
    state_after_opening(result, keys)
}

/// The state after an attempt to open the vault with `keys`.
pub(super) fn state_after_opening(
    result: Result<Vault, VaultError>,
    keys: VaultKeys,
) -> (State, VaultKeys) {
    match result {
        Ok(vault) => {
            tracing::info!("vault-opened");
            (State::ready(vault), keys)
        }
        // Keys sealed under a passphrase although the keychain is chosen (the setting
        // could not be saved when the citizen switched): the vault knows better.
        Err(VaultError::PassphraseRequired) => {
            (State::Locked { new: false }, VaultKeys::Passphrase)
        }
        Err(error) => {
            // The error's words name the cause; no secret is ever in them.
            tracing::warn!(error = %LoggedCause(&error), "vault-unavailable");
            let state = match AppError::from(error) {
                AppError::Vault { code, reason } => State::Unavailable { code, reason },
                other => State::Unavailable {
                    code: ErrorCode::ErrorVaultStorage,
                    reason: other.to_string(),
                },
            };
            (state, keys)
        }
    }
}
