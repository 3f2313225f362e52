//! The frame: the citizen's settings, the languages Amtsweg speaks, and the locale in
//! use. It owns its state; every other part of the core asks it for the locale and the
//! texts, and changes settings only through [`Frame::update`].

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use amtsweg_l10n::Localizer;
use amtsweg_settings::{Settings, SettingsStore};

use crate::error::AppError;

#[derive(Debug)]
pub(super) struct Frame {
    pub(super) l10n: Arc<Localizer>,
    store: SettingsStore,
    settings: Mutex<Settings>,
    system_locales: Vec<String>,
}

impl Frame {
    pub(super) fn new(
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

    pub(super) fn settings(&self) -> MutexGuard<'_, Settings> {
        // A panic while holding the lock cannot leave settings half-written: they are
        // replaced whole, after the file was saved.
        self.settings.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The locale in use: the saved choice while Amtsweg still ships it, else the best
    /// match for the system's languages, else German.
    pub(super) fn locale(&self) -> String {
        let saved = self.settings().locale.clone();
        saved
            .and_then(|code| self.l10n.resolve(&code).ok())
            .unwrap_or_else(|| self.l10n.negotiate(&self.system_locales))
    }

    /// Saves a changed copy first and takes it over only once it is on disk, so that
    /// what the UI shows never runs ahead of what a restart would show.
    pub(super) fn update(&self, change: impl FnOnce(&mut Settings)) -> Result<(), AppError> {
        let mut settings = self.settings();
        let mut next = settings.clone();
        change(&mut next);
        self.store.save(&next)?;
        *settings = next;
        Ok(())
    }
}
