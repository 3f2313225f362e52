//! The desktop shell of Amtsweg: the window, the IPC commands, and the plugins. It is
//! the only crate that depends on tauri; every decision is made in `crates/` or in
//! [`core::AppCore`], which runs without a window.

pub mod commands;
pub mod host;
pub mod navigation;
// The core lives in `crates/app` (no tauri); the commands and tests name it as before.
pub use amtsweg_app::{core, error, models};
#[cfg(debug_assertions)]
pub mod stand_ins;

// The end-to-end stand-ins for the OS dialogs exist only with debug assertions. A release
// profile that turns those on would ship them: refuse to build it (`build.rs` sets
// `release_profile` for every profile that inherits from `release`).
#[cfg(all(release_profile, debug_assertions))]
compile_error!(
    "this release profile has debug assertions, so it would contain the end-to-end \
     stand-ins for the OS dialogs (src-tauri/src/stand_ins.rs): turn debug-assertions off"
);

use std::path::PathBuf;
use std::time::Instant;

use tauri::Manager;

use crate::core::{AppCore, CoreConfig, VaultChoice};

/// The environment variable that points Amtsweg at a translators' override folder.
pub const LOCALES_DIR_VARIABLE: &str = "AMTSWEG_LOCALES_DIR";

/// The environment variable that offers a signed catalog file at start.
pub const CATALOG_FILE_VARIABLE: &str = "AMTSWEG_CATALOG_FILE";

/// The keychain service under which the vault's keys are kept (the app's identifier).
pub const VAULT_KEYCHAIN_SERVICE: &str = "de.amtsweg.client";

/// Starts the desktop app; returns when the last window closed.
pub fn run() {
    let started = Instant::now();
    init_logging();

    let app = tauri::Builder::default()
        // First plugin, so a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            // Arguments may one day carry file paths; log only how many there were.
            tracing::info!(
                arguments = argv.len().saturating_sub(1),
                "second-launch-handed-over"
            );
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        // The OS file dialog, used from Rust only (`pick_attachment`); the webview is
        // granted none of the plugin's own commands.
        .plugin(tauri_plugin_dialog::init())
        // The OS's viewer for "Print", used from Rust only (`TauriHost::open_in_viewer`);
        // the webview is granted none of the plugin's own commands.
        .plugin(tauri_plugin_opener::init())
        // The notification plugin is not registered here: `TauriHost::notify` registers
        // it at the first notification, so a start pays nothing for it.
        // The window shows the app's own pages only.
        .plugin(navigation::guard())
        .setup(move |app| {
            let config_dir = app.path().app_config_dir()?;
            let data_dir = app.path().app_data_dir()?;
            // The vault stays on this computer (the local, never the roaming, data folder
            // on Windows), as its keys do: a copy roaming without them could not open.
            let vault_dir = app.path().app_local_data_dir()?.join("vault");
            let host = os_host(app.handle());
            app.manage(AppCore::start(
                CoreConfig {
                    config_dir,
                    data_dir,
                    catalog_file: std::env::var_os(CATALOG_FILE_VARIABLE).map(PathBuf::from),
                    system_locales: sys_locale::get_locales().collect(),
                    locales_override_dir: std::env::var_os(LOCALES_DIR_VARIABLE).map(PathBuf::from),
                    started,
                    // The pseudo-locale and the developer settings: never in release builds.
                    developer: cfg!(debug_assertions),
                    vault: VaultChoice::Keychain {
                        dir: vault_dir,
                        service: VAULT_KEYCHAIN_SERVICE.into(),
                    },
                    passphrase_kdf: amtsweg_vault::KdfParams::RECOMMENDED,
                    vault_open_delay: vault_open_delay(),
                    print_dir: amtsweg_app::core::PrintFolder::default_location(),
                    applications: applications_config(),
                },
                host,
            ));
            forward_events(app.handle());
            Ok(())
        })
        .invoke_handler(handler())
        .build(tauri::generate_context!());

    match app {
        Ok(app) => app.run(|app, event| {
            // The PDFs made only for printing go when Amtsweg quits.
            if let tauri::RunEvent::Exit = event {
                let core = app.state::<AppCore>();
                core.printouts().quit();
                // The outbox's worker stops; what waits is sent at the next start.
                core.applications().quit();
            }
        }),
        Err(error) => {
            tracing::error!(%error, "Amtsweg could not start");
            std::process::exit(1);
        }
    }
}

/// Hands every event the core publishes to the webview as a Tauri event named
/// [`amtsweg_app::events::EVENT_CHANNEL`], from a thread of its own, for as long as the
/// app runs. Only `ui/src/api` listens.
pub fn forward_events<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Emitter;
    let Some(events) = app.state::<AppCore>().take_events() else {
        return;
    };
    let handle = app.clone();
    let spawned = std::thread::Builder::new()
        .name("events".into())
        .spawn(move || {
            for event in events {
                tracing::debug!(?event, "event");
                if let Err(error) = handle.emit(amtsweg_app::events::EVENT_CHANNEL, event) {
                    tracing::warn!(%error, "an event could not reach the window");
                }
            }
        });
    if let Err(error) = spawned {
        tracing::error!(%error, "no thread for the UI's events");
    }
}

/// The OS effects of the real app: the window and the dialog plugin, or in a debug
/// build started with the end-to-end stand-ins, their answers instead of the dialogs.
fn os_host<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
) -> std::sync::Arc<dyn amtsweg_app::host::Host> {
    let host = std::sync::Arc::new(host::TauriHost::new(app.clone()));
    #[cfg(debug_assertions)]
    if stand_ins::enabled() {
        return std::sync::Arc::new(stand_ins::StandInHost::new(host));
    }
    host
}

/// Zero, except in a debug build whose end-to-end test stands in for a slow keychain.
fn vault_open_delay() -> std::time::Duration {
    #[cfg(debug_assertions)]
    if let Some(delay) = stand_ins::vault_open_delay() {
        return delay;
    }
    std::time::Duration::ZERO
}

/// How the outbox sends: the app's defaults, or (debug builds) a test's or the demo's
/// server and times.
fn applications_config() -> amtsweg_app::core::ApplicationsConfig {
    #[cfg(debug_assertions)]
    if let Some(config) = stand_ins::applications_config() {
        return config;
    }
    amtsweg_app::core::ApplicationsConfig::default()
}

/// Every command the UI may call; `build.rs`, the capability and `ui/src/api` name the
/// same ones (`tests::the_command_lists_agree`).
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        commands::app::get_app_view,
        commands::app::choose_language,
        commands::app::complete_first_start,
        commands::app::report_first_paint,
        commands::app::set_window_title,
        commands::app::set_text_scale,
        commands::municipality::search_municipalities,
        commands::municipality::choose_municipality,
        commands::procedure::catalog_groups,
        commands::procedure::procedure_start_page,
        commands::procedure::start_draft,
        commands::procedure::draft_screen,
        commands::procedure::set_answers,
        commands::procedure::continue_page,
        commands::procedure::go_back,
        commands::procedure::go_to_page,
        commands::procedure::check_answers,
        commands::procedure::submission_preview,
        commands::attachment::pick_attachment,
        commands::drafts::list_drafts,
        commands::drafts::resume_draft,
        commands::drafts::delete_draft,
        commands::drafts::keep_draft_versions,
        commands::my_data::my_data_view,
        commands::my_data::export_my_data,
        commands::my_data::import_my_data,
        commands::my_data::delete_all_my_data,
        commands::my_data::unlock_vault,
        commands::my_data::use_passphrase_keys,
        commands::my_data::use_keychain_keys,
        commands::my_data::create_recovery_code,
        commands::my_data::recover_vault,
        commands::my_data::change_passphrase,
        commands::my_data::retry_vault,
        commands::my_details::my_details_view,
        commands::my_details::my_details_offer,
        commands::my_details::set_my_details_keeping,
        commands::my_details::save_my_details,
        commands::my_details::delete_my_details,
        commands::printout::download_application_pdf,
        commands::printout::print_application,
        commands::printout::print_recovery_code,
        commands::applications::submit_application,
        commands::applications::list_applications,
        commands::applications::download_sent_application_pdf,
        commands::applications::print_sent_application,
    ]
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("AMTSWEG_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // Colours only for a person at a terminal; logs read by tools stay plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .try_init();
}

#[cfg(test)]
mod tests;
