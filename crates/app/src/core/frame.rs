//! The frame: the citizen's settings, the languages Amtsweg speaks, and the locale in
//! use. It owns its state; every other service asks it for the locale and the texts,
//! changes settings only through [`Frame::update`], and has its errors put into the
//! citizen's language here ([`Frame::message`], [`Frame::ipc_error`]): the one place
//! where results and errors become words.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use amtsweg_l10n::{Args, Localizer};
use amtsweg_settings::{Settings, SettingsStore};

use crate::error::{AppError, IpcError};

#[derive(Debug)]
pub struct Frame {
    l10n: Arc<Localizer>,
    store: SettingsStore,
    settings: Mutex<Settings>,
    system_locales: Vec<String>,
}

impl Frame {
    pub fn new(
        l10n: Localizer,
        store: SettingsStore,
        settings: Settings,
        system_locales: Vec<String>,
    ) -> Self {
        Self {
            l10n: Arc::new(l10n),
            store,
            settings: Mutex::new(settings),
            system_locales,
        }
    }

    pub fn settings(&self) -> MutexGuard<'_, Settings> {
        // A panic while holding the lock cannot leave settings half-written: they are
        // replaced whole, after the file was saved.
        self.settings.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The locale in use: the saved choice while Amtsweg still ships it, else the best
    /// match for the system's languages, else German.
    pub fn locale(&self) -> String {
        let saved = self.settings().locale.clone();
        saved
            .and_then(|code| self.l10n.resolve(&code).ok())
            .unwrap_or_else(|| self.l10n.negotiate(&self.system_locales))
    }

    /// Saves a changed copy first and takes it over only once it is on disk, so that
    /// what the UI shows never runs ahead of what a restart would show.
    pub fn update(&self, change: impl FnOnce(&mut Settings)) -> Result<(), AppError> {
        let mut settings = self.settings();
        let mut next = settings.clone();
        change(&mut next);
        self.store.save(&next)?;
        *settings = next;
        Ok(())
    }

    /// The languages, their directions and every text.
    pub fn l10n(&self) -> &Localizer {
        &self.l10n
    }

    /// Text `id` in the locale in use.
    pub fn text(&self, id: &str, args: Option<&Args<'_>>) -> String {
        self.l10n.format(&self.locale(), id, args)
    }

    /// What `error` means for the citizen, in the locale in use: its code's message
    /// with the error's own words as `$reason`.
    pub fn message(&self, error: &AppError) -> String {
        let locale = self.locale();
        let mut args = Args::new();
        args.set("reason", error.reason(&locale));
        if let Some(count) = error.count() {
            args.set("count", count);
        }
        self.l10n
            .format(&locale, error.code().fluent_id(), Some(&args))
    }

    /// The error's own words where its message leaves them out (the platform's, in
    /// English: [`crate::error::ErrorCode::reason_is_detail`]), for a "Details" beside it.
    pub fn detail(&self, error: &AppError) -> Option<String> {
        error
            .code()
            .reason_is_detail()
            .then(|| error.reason(&self.locale()))
    }

    /// "Delete all my data": the settings as on a first start — no municipality, no
    /// first start done, no text size — but in the language in use (and the translators'
    /// folder it may come from), with the keys kept where the vault now expects them (a
    /// computer without a keychain stays one). Saved before it is taken over; earlier
    /// settings files kept aside (damaged, newer) are deleted too.
    pub fn reset_keeping_language(&self) -> Result<(), AppError> {
        let locale = self.locale();
        self.update(|settings| {
            *settings = Settings {
                locale: Some(locale),
                vault_keys: settings.vault_keys.take(),
                locales_override_dir: settings.locales_override_dir.take(),
                ..Settings::default()
            };
        })?;
        Ok(self.store.delete_kept_aside()?)
    }

    /// A failed command's error in its IPC form (logged: a command failed).
    pub fn ipc_error(&self, error: &AppError) -> IpcError {
        let code = error.code();
        // The code only: an error's text may quote what the citizen typed (a parser's
        // message), a path with their name in it, or a string the webview sent.
        tracing::warn!(code = code.fluent_id(), "command failed");
        IpcError {
            code,
            message: self.message(error),
            field: code.field(),
            detail: self.detail(error),
        }
    }
}
