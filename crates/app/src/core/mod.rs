//! The app's core behind the commands: services that each own their state, composed
//! here. Each gets what it uses in its constructor, so the dependency graph reads from
//! [`AppCore::start`]:
//!
//! ```text
//! Frame          settings, languages, the locale in use; words for results and errors
//! CatalogInUse   procedures and municipality directory        <- Frame
//! VaultSlot      the vault: opening, open, locked, replaced   <- events
//! Drafts         drafts open in this session, My drafts       <- CatalogInUse, VaultSlot, Frame
//! Attachments    files accepted in this session               <- Drafts, VaultSlot, Host
//! MyData         export, import, delete all, the keys         <- VaultSlot, Drafts, Attachments,
//!                                                                Frame, Host, events
//! MyDetails      the person and contact answers kept for the next procedure
//!                                                         <- VaultSlot, CatalogInUse, Frame
//! Printouts      "Download PDF", "Print", the print folder       <- Drafts, Attachments,
//!                                                                CatalogInUse, Frame, Host
//! Connectivity   whether the municipality's server answered last  <- events
//! CatalogFetch   the municipality's signed catalog, fetched, verified, kept for the next
//!                start                                        <- CatalogInUse, Connectivity
//! Notifier       OS notifications of what happened to an application <- Frame,
//!                                                                CatalogInUse, Host
//! Applications   "Submit", My applications, the outbox's worker  <- Drafts, Attachments,
//!                                                                Printouts, CatalogInUse,
//!                                                                VaultSlot, Connectivity,
//!                                                                Frame, Notifier, events
//! ```
//!
//! `AppCore` itself keeps only what spans services: the app's view (frame, catalog and
//! this start's notices), the window title and the start-up mark.

mod applications;
mod attachments;
mod catalog;
mod catalog_fetch;
mod connectivity;
mod drafts;
mod frame;
mod my_data;
mod my_details;
mod notifications;
mod printouts;
mod vault;

pub use applications::{
    ApplicationListItem, ApplicationStatus, ApplicationSubmitted, Applications, ApplicationsConfig,
    ApplicationsUses, ApplicationsView, OutboxTiming,
};
pub use attachments::{AttachmentRule, Attachments};
pub use catalog::{CatalogGroup, CatalogInUse, FluentTexts, MINIMUM_CATALOG_SEQUENCE};
pub use catalog_fetch::{CatalogFetch, CatalogFetchTiming, CatalogFetched};
pub use connectivity::{Connection, Connectivity};
pub use drafts::{DraftListItem, DraftStarted, Drafts, DraftsView, SubmissionPreview};
pub use frame::Frame;
pub use my_data::{
    EXPORT_EXTENSION, ExportDone, ImportDone, MAX_PASSPHRASE_CHARS, MIN_PASSPHRASE_CHARS, MyData,
    MyDataView, PassphraseHint, RecoveryCodeShown, passphrase_weakness,
};
pub use my_details::{Keeping, MyDetails, MyDetailsField, MyDetailsOffer, MyDetailsView};
pub use notifications::Notifier;
pub use printouts::{PRINT_FOLDER_NAME, PrintFolder, PrintoutDone, Printouts};
pub use vault::{VaultChoice, VaultKeys, VaultSlot, VaultState};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use amtsweg_catalog::Municipality;
use amtsweg_l10n::{Args, LocaleInfo, Localizer, LocalizerConfig, TranslationProblem};
use amtsweg_settings::{Recovery, SettingsStore};

use crate::error::{AppError, IpcError, LoggedCause};
use crate::events::{AppEvent, Events};
use crate::host::Host;
use crate::models::{
    AppView, DeveloperView, LanguageOption, Notice, PaintPhases, PaintedScreen, Screen, UiLocale,
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
    /// Where PDFs made only for printing are written ([`PrintFolder::default_location`]
    /// in the app); emptied at start and at quit.
    pub print_dir: PathBuf,
    /// How the outbox sends: the defaults in the app; tests set short times and their
    /// reference server's endpoint.
    pub applications: ApplicationsConfig,
}

/// Something about this start that the citizen is told on the first screen.
#[derive(Debug)]
enum StartupNotice {
    Settings(Recovery),
    Translation(TranslationProblem),
    Catalog(catalog::CatalogNotice),
}

#[derive(Debug)]
pub struct AppCore {
    frame: Arc<Frame>,
    catalog: Arc<CatalogInUse>,
    drafts: Arc<Drafts>,
    attachments: Arc<Attachments>,
    my_data: MyData,
    my_details: MyDetails,
    printouts: Arc<Printouts>,
    applications: Applications,
    catalog_fetch: CatalogFetch,
    /// What is said about this start; "Delete all my data" ends what it says.
    notices: std::sync::Mutex<Vec<StartupNotice>>,
    /// The translators' override folder in use in a release build (not `developer`):
    /// the view says so on every screen.
    overridden_texts: Option<PathBuf>,
    /// The last good signed catalog ("Delete all my data" deletes it).
    stored_catalog: amtsweg_catalog::CatalogStore,
    started: Instant,
    events: Events,
    /// The window's title (the services that open dialogs hold the host too).
    host: Arc<dyn Host>,
}

/// The in-app text sizes, in percent of the OS's text size; the first is the default.
pub const TEXT_SCALES: [u16; 4] = [100, 125, 150, 200];

impl AppCore {
    pub fn start(config: CoreConfig, host: Arc<dyn Host>) -> Self {
        let began = Instant::now();
        let store = SettingsStore::new(&config.config_dir);
        let loaded = store.load();
        let override_dir = config
            .locales_override_dir
            .clone()
            .or(loaded.settings.locales_override_dir.clone());
        if let Some(dir) = &override_dir {
            tracing::info!(dir = %dir.display(), "reading translations from the override folder");
        }
        // Developers' builds read translators' folders as a matter of course; in a
        // release build someone may be changing what the app tells the citizen.
        let overridden_texts = override_dir.clone().filter(|_| !config.developer);
        let external = catalog::external_catalog(&config.data_dir, config.catalog_file.as_deref());
        let stored_catalog = catalog::catalog_store(&config.data_dir);
        let catalog_texts = external
            .catalog
            .as_ref()
            .map(catalog::catalog_texts)
            .unwrap_or_default();
        let settings_done = Instant::now();
        let l10n = Localizer::build(LocalizerConfig {
            override_dir: override_dir.as_deref(),
            catalog_texts: &catalog_texts,
            pseudo_locale: config.developer,
        });
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
        let l10n_done = Instant::now();
        let keys = VaultKeys::chosen(&config.vault, loaded.settings.vault_keys.as_ref());
        let frame = Arc::new(Frame::new(
            l10n,
            store,
            loaded.settings,
            config.system_locales,
        ));
        let (catalog, catalog_notices) = CatalogInUse::start(Arc::clone(&frame), external);
        notices.extend(catalog_notices.into_iter().map(StartupNotice::Catalog));
        let catalog = Arc::new(catalog);
        let catalog_done = Instant::now();

        let events = Events::default();
        let vault = VaultSlot::open_in_background(
            config.vault,
            config.vault_open_delay,
            events.sender(),
            keys,
        );
        let drafts = Arc::new(Drafts::new(
            Arc::clone(&catalog),
            Arc::clone(&vault),
            Arc::clone(&frame),
        ));
        let attachments = Arc::new(Attachments::new(
            Arc::clone(&drafts),
            Arc::clone(&vault),
            Arc::clone(&host),
        ));
        let printouts = Arc::new(Printouts::new(
            Arc::clone(&drafts),
            Arc::clone(&attachments),
            Arc::clone(&catalog),
            Arc::clone(&frame),
            Arc::clone(&host),
            PrintFolder::new(config.print_dir),
        ));
        let connectivity = Arc::new(Connectivity::new(events.sender()));
        let catalog_fetch = CatalogFetch::start(
            Arc::clone(&catalog),
            catalog::catalog_store(&config.data_dir),
            Arc::clone(&connectivity),
            config.applications.endpoint.clone(),
            CatalogFetchTiming::default(),
        );
        let applications = Applications::new(
            ApplicationsUses {
                drafts: Arc::clone(&drafts),
                attachments: Arc::clone(&attachments),
                printouts: Arc::clone(&printouts),
                catalog: Arc::clone(&catalog),
                vault: Arc::clone(&vault),
                connectivity: Arc::clone(&connectivity),
                frame: Arc::clone(&frame),
                events: events.sender(),
                notifier: Arc::new(Notifier::new(
                    Arc::clone(&frame),
                    Arc::clone(&catalog),
                    Arc::clone(&host),
                )),
            },
            config.applications,
        );
        let my_details =
            MyDetails::new(Arc::clone(&vault), Arc::clone(&catalog), Arc::clone(&frame));
        let my_data = MyData::new(
            vault,
            Arc::clone(&drafts),
            Arc::clone(&attachments),
            Arc::clone(&frame),
            Arc::clone(&host),
            config.passphrase_kdf,
            events.sender(),
        );
        // Its phases, for the start-up figures (bench/measure.py reads this line).
        let ms = |from: Instant, to: Instant| to.duration_since(from).as_secs_f64() * 1000.0;
        tracing::info!(
            since_process_ms = format_args!("{:.1}", ms(config.started, Instant::now())),
            settings_ms = format_args!("{:.1}", ms(began, settings_done)),
            locales_ms = format_args!("{:.1}", ms(settings_done, l10n_done)),
            catalog_ms = format_args!("{:.1}", ms(l10n_done, catalog_done)),
            total_ms = format_args!("{:.1}", ms(began, Instant::now())),
            "core-started"
        );
        Self {
            frame,
            catalog,
            drafts,
            attachments,
            my_data,
            my_details,
            printouts,
            applications,
            catalog_fetch,
            notices: std::sync::Mutex::new(notices),
            overridden_texts,
            stored_catalog,
            started: config.started,
            events,
            host,
        }
    }

    /// The catalog and the municipality directory in use.
    pub fn catalog(&self) -> &CatalogInUse {
        &self.catalog
    }

    /// The citizen's drafts and "My drafts".
    pub fn drafts(&self) -> &Drafts {
        &self.drafts
    }

    /// The files attached to drafts.
    pub fn attachments(&self) -> &Attachments {
        &self.attachments
    }

    /// "My data": export, import, delete all, where the vault's keys are.
    pub fn my_data(&self) -> &MyData {
        &self.my_data
    }

    /// My details: the person and contact answers kept for the next procedure.
    pub fn my_details(&self) -> &MyDetails {
        &self.my_details
    }

    /// "Start now": a new draft, with what My details hold for its questions filled in
    /// and marked (only while the citizen keeps them).
    pub fn start_draft(&self, procedure_id: &str) -> Result<DraftStarted, AppError> {
        let details = self.my_details.for_new_draft();
        self.drafts.start_with(procedure_id, &details)
    }

    /// "Submit" ([`Applications::submit`]); then the application's person and contact
    /// answers update My details (keeping on) or are offered to keep (never asked).
    pub fn submit_application(&self, draft_id: &str) -> Result<ApplicationSubmitted, AppError> {
        // Read before the freeze takes the draft away.
        let details = self.drafts.details_of(draft_id).unwrap_or_default();
        let submitted = self.applications.submit(draft_id)?;
        self.my_details.submitted(details);
        Ok(submitted)
    }

    /// "Download PDF", "Print" and the print folder.
    pub fn printouts(&self) -> &Printouts {
        &self.printouts
    }

    /// "Submit" and "My applications".
    pub fn applications(&self) -> &Applications {
        &self.applications
    }

    /// The municipality's signed catalog, fetched in the background.
    pub fn catalog_fetch(&self) -> &CatalogFetch {
        &self.catalog_fetch
    }

    /// "Delete all my data": the vault's drafts, attachments, applications and keys
    /// ([`MyData::delete_all`]), the settings (the municipality says where the citizen
    /// lives) but for the language in use, the stored signed catalog and the webview's
    /// storage and cache. Afterwards the app view is the first start again, in the same
    /// language. Every part is tried even when one fails; the first failure is the
    /// answer. The catalog in memory stays until the next start, which uses the bundled
    /// one. While applications wait to be sent, nothing at all is deleted unless
    /// `confirm_unsent` ([`AppError::UnsentApplications`], with their number).
    pub fn delete_all_my_data(&self, confirm_unsent: bool) -> Result<MyDataView, AppError> {
        let vault = self.my_data.delete_all(confirm_unsent);
        if let Err(AppError::UnsentApplications(_)) = vault {
            return vault;
        }
        let settings = self.frame.reset_keeping_language().map_err(|error| {
            tracing::warn!(error = %LoggedCause(&error), "settings-not-reset");
            AppError::DeleteIncomplete(error.to_string())
        });
        let catalog = self.stored_catalog.delete().map_err(|error| {
            tracing::warn!(error = %LoggedCause(&error), "stored-catalog-not-deleted");
            AppError::DeleteIncomplete(error.to_string())
        });
        // PDFs made for printing hold answers too.
        self.printouts.print_folder().clear();
        // My details went with the vault; what this session offered to keep goes too.
        self.my_details.forget();
        // The UI keeps nothing there; what the webview cached goes all the same.
        if let Err(error) = self.host.clear_browsing_data() {
            tracing::warn!(%error, "webview-data-not-cleared");
        }
        self.notices
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
        let view = vault?;
        settings?;
        catalog?;
        Ok(view)
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

    /// The locale in use (the frame's).
    pub fn locale(&self) -> String {
        self.frame.locale()
    }

    pub fn view(&self) -> AppView {
        let locale = self.locale();
        let municipality = self.catalog.municipality();
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
            .l10n()
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
                direction: self.frame.l10n().direction(&locale).into(),
                messages: self.frame.l10n().messages(&locale),
                locale: locale.clone(),
            },
            languages: languages.into_iter().map(language_option).collect(),
            notices: self
                .notices
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .iter()
                .map(|n| self.localize_notice(&locale, n))
                .collect(),
            override_notice: self.overridden_texts.as_ref().map(|dir| {
                let mut args = Args::new();
                args.set("dir", dir.display().to_string());
                let code = "notice-translations-overridden";
                Notice {
                    code: code.to_owned(),
                    message: self.frame.l10n().format(&locale, code, Some(&args)),
                }
            }),
            developer: pseudo.map(|l| DeveloperView {
                pseudo_locale: language_option(l),
            }),
        }
    }

    /// Saves the citizen's language at once, then answers in it.
    pub fn choose_language(&self, locale: &str) -> Result<AppView, AppError> {
        let locale = self.frame.l10n().resolve(locale)?;
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

    /// Saves the municipality at once (it fixes the catalog and where applications go),
    /// then answers with the catalog.
    pub fn choose_municipality(&self, ars: &str) -> Result<AppView, AppError> {
        let ars = self.catalog.find_municipality(ars)?.ars().to_string();
        self.frame.update(|s| s.municipality_ars = Some(ars))?;
        self.catalog_fetch.municipality_changed();
        // The outbox trusts the destination roots the municipality's catalog names.
        self.applications.municipality_changed();
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
    /// `phases` (when the page sends them) split the time inside the webview.
    pub fn report_first_paint(&self, screen: PaintedScreen, phases: Option<PaintPhases>) {
        let elapsed_ms = self.started.elapsed().as_secs_f64() * 1000.0;
        let at_unix_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        tracing::info!(
            screen = ?screen,
            elapsed_ms = format_args!("{elapsed_ms:.0}"),
            at_unix_ms = format_args!("{at_unix_ms:.3}"),
            script_ms = format_args!("{:.1}", phases.map_or(f64::NAN, |p| p.script_ms)),
            view_ms = format_args!("{:.1}", phases.map_or(f64::NAN, |p| p.view_ms)),
            painted_ms = format_args!("{:.1}", phases.map_or(f64::NAN, |p| p.painted_ms)),
            "first-screen-painted"
        );
    }

    /// Turns an error into its IPC form in the citizen's language.
    pub fn ipc_error(&self, error: &AppError) -> IpcError {
        self.frame.ipc_error(error)
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
            message: self.frame.l10n().format(locale, code, Some(&args)),
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
