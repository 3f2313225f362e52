//! The shell's state behind the commands: settings, locales, what to tell the citizen
//! about this start, and (in `procedures`) the catalog and drafts. Plain Rust, so tests
//! drive it without a window.

mod attachments;
mod frame;
mod my_data;
mod procedures;
mod vault;

pub use attachments::AttachmentRule;
pub use my_data::{EXPORT_EXTENSION, ExportDone, ImportDone, MIN_PASSPHRASE_CHARS, MyDataView};
pub use vault::{DraftListItem, DraftsView, VaultChoice, VaultKeys, VaultState};

pub use procedures::{CatalogGroup, DraftStarted, FluentTexts, SubmissionPreview};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use amtsweg_catalog::{Directory, Municipality, MunicipalityView};
use amtsweg_l10n::{Args, LocaleInfo, Localizer, LocalizerConfig, TranslationProblem};
use amtsweg_settings::{Recovery, SettingsStore};

use crate::error::{AppError, IpcError};
use crate::events::{AppEvent, Events};
use crate::host::Host;
use crate::models::{
    AppView, DeveloperView, LanguageOption, Notice, PaintedScreen, Screen, UiLocale,
};

/// Where the shell finds what it needs; everything environment-dependent comes in here.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    /// The OS config folder of this installation.
    pub config_dir: PathBuf,
    /// The system's preferred locales, most wanted first (e.g. `["en-US"]`).
    pub system_locales: Vec<String>,
    /// A translators' override folder from the environment; wins over the setting.
    pub locales_override_dir: Option<PathBuf>,
    /// The OS data folder of this installation (the last good signed catalog lives here).
    pub data_dir: PathBuf,
    /// A signed catalog file to take over at this start (`AMTSWEG_CATALOG_FILE`), until the
    /// municipality's server delivers catalogs.
    pub catalog_file: Option<PathBuf>,
    /// When the process started, for the start-up mark.
    pub started: Instant,
    /// Developer settings and the pseudo-locale: `cfg!(debug_assertions)` in the app.
    pub developer: bool,
    /// Where drafts are kept: the vault with its keys in the OS keychain, or in memory.
    pub vault: VaultChoice,
    /// Argon2id parameters for what is newly sealed under a passphrase (a passphrase
    /// vault's keys, an export file): `KdfParams::RECOMMENDED` in the app, cheaper in
    /// the shell's tests. Opening always uses the parameters stored with what it opens.
    pub passphrase_kdf: amtsweg_vault::KdfParams,
    /// How long the vault waits before it opens: zero in the app, longer only in debug
    /// builds whose end-to-end tests stand in for a keychain that answers slowly (the
    /// window must stay responsive meanwhile).
    pub vault_open_delay: std::time::Duration,
}

/// Something about this start that the citizen is told on the first screen.
#[derive(Debug)]
enum StartupNotice {
    Settings(Recovery),
    Translation(TranslationProblem),
    Catalog(procedures::CatalogNotice),
}

#[derive(Debug)]
pub struct AppCore {
    /// Settings, languages and the locale in use.
    frame: frame::Frame,
    notices: Vec<StartupNotice>,
    started: Instant,
    catalog: amtsweg_procedure::Catalog,
    directory: Option<Directory>,
    drafts: procedures::Drafts,
    attachments: attachments::Attachments,
    vault: Arc<vault::DraftsVault>,
    passphrase_kdf: amtsweg_vault::KdfParams,
    events: Events,
    /// The OS's dialogs and the window's title.
    host: Arc<dyn Host>,
}

/// How many municipalities a search answers with at most: enough for any postcode or
/// name prefix, few enough for a list a screen reader can go through.
const MUNICIPALITY_HITS: usize = 20;

/// The in-app text sizes, in percent of the OS's text size; the first is the default.
pub const TEXT_SCALES: [u16; 4] = [100, 125, 150, 200];

impl AppCore {
    pub fn start(config: CoreConfig, host: Arc<dyn Host>) -> Self {
        let store = SettingsStore::new(&config.config_dir);
        let loaded = store.load();
        let override_dir = config
            .locales_override_dir
            .clone()
            .or(loaded.settings.locales_override_dir.clone());
        if let Some(dir) = &override_dir {
            tracing::info!(dir = %dir.display(), "reading translations from the override folder");
        }
        let external =
            procedures::external_catalog(&config.data_dir, config.catalog_file.as_deref());
        let catalog_texts = external
            .catalog
            .as_ref()
            .map(procedures::catalog_texts)
            .unwrap_or_default();
        let l10n = Localizer::build(LocalizerConfig {
            override_dir: override_dir.as_deref(),
            catalog_texts: &catalog_texts,
            pseudo_locale: config.developer,
        });
        let procedures::InUse {
            catalog,
            directory,
            notices: catalog_notices,
        } = procedures::catalog(&l10n, external);

        let mut notices: Vec<StartupNotice> = loaded
            .recovery
            .into_iter()
            .map(StartupNotice::Settings)
            .collect();
        notices.extend(
            l10n.problems()
                .iter()
                .cloned()
                .map(StartupNotice::Translation),
        );
        notices.extend(catalog_notices.into_iter().map(StartupNotice::Catalog));
        let events = Events::default();
        Self {
            catalog,
            directory,
            vault: vault::DraftsVault::open_in_background(
                config.vault.clone(),
                config.vault_open_delay,
                events.sender(),
                vault::VaultKeys::chosen(&config.vault, loaded.settings.vault_keys.as_ref()),
            ),
            passphrase_kdf: config.passphrase_kdf,
            drafts: procedures::Drafts::default(),
            attachments: attachments::Attachments::default(),
            frame: frame::Frame::new(l10n, store, loaded.settings, config.system_locales),
            notices,
            started: config.started,
            events,
            host,
        }
    }

    /// Gives the window the page's title (cut to a sane length, without control
    /// characters): screen readers announce it ("Error: …" after a failed "Continue").
    pub fn set_window_title(&self, title: &str) {
        self.host.set_window_title(&window_title(title));
    }

    /// The events the core publishes ([`crate::events`]): the first call gets them.
    pub fn take_events(&self) -> Option<std::sync::mpsc::Receiver<AppEvent>> {
        self.events.take_receiver()
    }

    fn publish(&self, event: AppEvent) {
        self.events.publish(event);
    }

    /// The locale in use (the frame's).
    pub fn locale(&self) -> String {
        self.frame.locale()
    }

    pub fn view(&self) -> AppView {
        let locale = self.locale();
        let municipality = self.municipality();
        let screen = if !self.frame.settings().first_start_done {
            Screen::FirstStart
        } else if municipality.is_none() {
            Screen::Municipality
        } else {
            Screen::Catalog
        };
        let text_scale = self
            .frame
            .settings()
            .text_scale
            .filter(|s| TEXT_SCALES.contains(s))
            .unwrap_or(TEXT_SCALES[0]);
        // The localizer has the pseudo-locale only when built for a developer.
        let (pseudo, languages): (Vec<LocaleInfo>, Vec<LocaleInfo>) = self
            .frame
            .l10n
            .locales()
            .into_iter()
            .partition(|l| l.pseudo);
        let pseudo = pseudo.into_iter().next();
        AppView {
            screen,
            municipality: municipality.map(Municipality::view),
            text_scale,
            text_scales: TEXT_SCALES.to_vec(),
            ui: UiLocale {
                direction: self.frame.l10n.direction(&locale).into(),
                messages: self.frame.l10n.messages(&locale),
                locale: locale.clone(),
            },
            languages: languages.into_iter().map(language_option).collect(),
            notices: self
                .notices
                .iter()
                .map(|n| self.localize_notice(&locale, n))
                .collect(),
            developer: pseudo.map(|l| DeveloperView {
                pseudo_locale: language_option(l),
            }),
        }
    }

    /// Saves the citizen's language at once, then answers in it.
    pub fn choose_language(&self, locale: &str) -> Result<AppView, AppError> {
        let locale = self.frame.l10n.resolve(locale)?;
        self.frame.update(|s| s.locale = Some(locale))?;
        Ok(self.view())
    }

    /// "Continue" on the first-start screen: the language in use becomes the saved one
    /// (it may so far only have been negotiated) and the first start is done.
    pub fn complete_first_start(&self) -> Result<AppView, AppError> {
        let locale = self.locale();
        self.frame.update(|s| {
            s.locale = Some(locale);
            s.first_start_done = true;
        })?;
        Ok(self.view())
    }

    /// The chosen municipality, while the directory in use still lists it.
    pub fn municipality(&self) -> Option<&Municipality> {
        let ars = self.frame.settings().municipality_ars.clone()?;
        self.directory.as_ref()?.get(&ars)
    }

    /// Municipalities whose name or postcode matches `query` (search as you type).
    pub fn search_municipalities(&self, query: &str) -> Vec<MunicipalityView> {
        self.directory
            .as_ref()
            .map(|d| d.search(query))
            .unwrap_or_default()
            .into_iter()
            .take(MUNICIPALITY_HITS)
            .map(Municipality::view)
            .collect()
    }

    /// Saves the municipality at once (it fixes the catalog and where applications go),
    /// then answers with the catalog.
    pub fn choose_municipality(&self, ars: &str) -> Result<AppView, AppError> {
        let known = self
            .directory
            .as_ref()
            .and_then(|d| d.get(ars))
            .ok_or_else(|| AppError::UnknownMunicipality(ars.chars().take(40).collect()))?;
        let ars = known.ars().to_string();
        self.frame.update(|s| s.municipality_ars = Some(ars))?;
        Ok(self.view())
    }

    /// Saves the in-app text size (one of [`TEXT_SCALES`]) and answers with the view.
    pub fn set_text_scale(&self, scale: u16) -> Result<AppView, AppError> {
        if !TEXT_SCALES.contains(&scale) {
            return Err(AppError::InvalidRequest(format!(
                "text scale {scale} is not one of {TEXT_SCALES:?}"
            )));
        }
        self.frame.update(|s| s.text_scale = Some(scale))?;
        Ok(self.view())
    }

    /// Logs the start-up mark with the screen painted (the smoke test asserts it).
    /// `at_unix_ms` lets the performance harness measure from its own clock reading taken
    /// before it started the process.
    pub fn report_first_paint(&self, screen: PaintedScreen) {
        let elapsed_ms = self.started.elapsed().as_secs_f64() * 1000.0;
        let at_unix_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        tracing::info!(
            screen = ?screen,
            elapsed_ms = format_args!("{elapsed_ms:.0}"),
            at_unix_ms = format_args!("{at_unix_ms:.3}"),
            "first-screen-painted"
        );
    }

    /// Turns an error into its IPC form in the citizen's language.
    pub fn ipc_error(&self, error: &AppError) -> IpcError {
        tracing::warn!(%error, "command failed");
        let locale = self.locale();
        let mut args = Args::new();
        args.set("reason", error.reason(&locale));
        let code = error.code();
        IpcError {
            code,
            message: self
                .frame
                .l10n
                .format(&locale, code.fluent_id(), Some(&args)),
            field: code.field(),
        }
    }

    fn localize_notice(&self, locale: &str, notice: &StartupNotice) -> Notice {
        let mut args = Args::new();
        let code = match notice {
            StartupNotice::Settings(Recovery::Damaged { backup, .. }) => {
                args.set("backup", display_or_dash(backup.as_ref()));
                "notice-settings-corrupt"
            }
            StartupNotice::Settings(Recovery::FromTheFuture { backup, .. }) => {
                args.set("backup", display_or_dash(backup.as_ref()));
                "notice-settings-future"
            }
            StartupNotice::Settings(Recovery::Unreadable { reason }) => {
                args.set("reason", reason.clone());
                "notice-settings-unreadable"
            }
            StartupNotice::Translation(problem) => {
                args.set("file", problem.file.display().to_string());
                args.set("line", problem.line);
                "notice-translation-broken"
            }
            StartupNotice::Catalog(notice) => notice.code_and_args(&mut args),
        };
        Notice {
            code: code.to_owned(),
            message: self.frame.l10n.format(locale, code, Some(&args)),
        }
    }
}

fn language_option(locale: LocaleInfo) -> LanguageOption {
    LanguageOption {
        code: locale.code,
        self_name: locale.self_name,
        direction: locale.direction.into(),
    }
}

fn display_or_dash(path: Option<&PathBuf>) -> String {
    path.map_or_else(|| "–".to_owned(), |p| p.display().to_string())
}

/// Longer titles are cut: no window manager shows more.
const TITLE_LIMIT: usize = 300;

/// The title as the window gets it: without control characters, at most
/// [`TITLE_LIMIT`] characters.
pub fn window_title(title: &str) -> String {
    title
        .chars()
        .filter(|c| !c.is_control())
        .take(TITLE_LIMIT)
        .collect()
}
