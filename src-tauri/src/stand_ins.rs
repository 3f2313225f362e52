//! Stand-ins for the OS file dialogs and the OS's viewer, for the end-to-end tests of the
//! real app: no dialog opens, the path comes from a variable; no viewer opens, the file
//! is copied into a folder the test names. Chosen at run time
//! ([`STAND_INS_VARIABLE`]) so that the end-to-end tests, the Rust tests and `make run`
//! share one debug build; compiled only with debug assertions (`lib.rs` refuses a release
//! profile that has them), and CI checks that the release binary names none of the
//! variables (`scripts/check-release-binary.sh`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use amtsweg_app::error::AppError;
use amtsweg_app::host::{DialogPurpose, FileDialog, Host, Notification};

/// `1` turns the stand-ins on; any other value, or none, keeps the OS dialogs.
pub const STAND_INS_VARIABLE: &str = "AMTSWEG_E2E_STAND_INS";
/// The file the attachment "dialog" picks (unset or empty: the citizen cancelled).
pub const PICK_FILE_VARIABLE: &str = "AMTSWEG_E2E_PICK_FILE";
/// Where the export "dialog" saves (unset or empty: cancelled).
pub const SAVE_FILE_VARIABLE: &str = "AMTSWEG_E2E_SAVE_FILE";
/// The file the import "dialog" opens (unset or empty: cancelled).
pub const IMPORT_FILE_VARIABLE: &str = "AMTSWEG_E2E_IMPORT_FILE";
/// Where the "Download PDF" "dialog" saves (unset or empty: cancelled).
pub const SAVE_PDF_VARIABLE: &str = "AMTSWEG_E2E_SAVE_PDF";
/// The folder the "viewer" copies each file it is given into, under the file's own name
/// (unset or empty: the viewer fails to open, as one missing would).
pub const VIEWER_DIR_VARIABLE: &str = "AMTSWEG_E2E_VIEWER_DIR";

/// Milliseconds the vault waits before it opens, as a keychain slow to answer would
/// make it (unset: no wait); the test that the window stays responsive sets it.
pub const VAULT_DELAY_VARIABLE: &str = "AMTSWEG_E2E_VAULT_DELAY_MS";

/// The stand-in for a slow keychain: `None` when the stand-ins are off or no delay is set.
pub fn vault_open_delay() -> Option<std::time::Duration> {
    vault_open_delay_from(|name| std::env::var_os(name))
}

fn vault_open_delay_from(var: impl Fn(&str) -> Option<OsString>) -> Option<std::time::Duration> {
    if var(STAND_INS_VARIABLE).is_none_or(|on| on != "1") {
        return None;
    }
    let ms = var(VAULT_DELAY_VARIABLE)?.to_str()?.trim().parse().ok()?;
    Some(std::time::Duration::from_millis(ms))
}

/// Whether the stand-ins are on (only with [`STAND_INS_VARIABLE`] set to `1`).
pub fn enabled() -> bool {
    std::env::var_os(STAND_INS_VARIABLE).is_some_and(|on| on == "1")
}

/// The host of an end-to-end run: the dialogs answer from the variables, the window's
/// title, its browsing data and the notifications go to the real window's host (the
/// notifications reach the test's stand-in server on its private session bus).
#[derive(Debug)]
pub struct StandInHost {
    window: Arc<dyn Host>,
}

impl StandInHost {
    pub fn new(window: Arc<dyn Host>) -> Self {
        Self { window }
    }
}

impl Host for StandInHost {
    fn choose_file(&self, dialog: &FileDialog) -> Result<Option<PathBuf>, AppError> {
        Ok(answer_from(dialog.purpose, |name| std::env::var_os(name)).unwrap_or(None))
    }

    fn set_window_title(&self, title: &str) {
        self.window.set_window_title(title);
    }

    fn clear_browsing_data(&self) -> Result<(), String> {
        self.window.clear_browsing_data()
    }

    fn notify(&self, notification: &Notification) -> Result<(), String> {
        self.window.notify(notification)
    }

    fn open_in_viewer(&self, path: &Path) -> Result<(), String> {
        let folder = viewer_folder(|name| std::env::var_os(name))
            .ok_or_else(|| format!("no viewer: {VIEWER_DIR_VARIABLE} is not set"))?;
        let name = path.file_name().ok_or("the file has no name")?;
        std::fs::copy(path, folder.join(name))
            .map(drop)
            .map_err(|e| e.to_string())
    }
}

/// The folder the viewer's stand-in copies into: `None` without the switch or the folder.
fn viewer_folder(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    if var(STAND_INS_VARIABLE).is_none_or(|on| on != "1") {
        return None;
    }
    var(VIEWER_DIR_VARIABLE)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

/// What the stand-in of `dialog` answers: `None` when the stand-ins are off (the OS
/// dialog opens), `Some(None)` for "cancelled", `Some(Some(path))` for a chosen file.
fn answer_from(
    dialog: DialogPurpose,
    var: impl Fn(&str) -> Option<OsString>,
) -> Option<Option<PathBuf>> {
    if var(STAND_INS_VARIABLE).is_none_or(|on| on != "1") {
        return None;
    }
    let name = match dialog {
        DialogPurpose::PickAttachment => PICK_FILE_VARIABLE,
        DialogPurpose::SaveExport => SAVE_FILE_VARIABLE,
        DialogPurpose::OpenImport => IMPORT_FILE_VARIABLE,
        DialogPurpose::SavePrintout => SAVE_PDF_VARIABLE,
    };
    Some(var(name).filter(|p| !p.is_empty()).map(PathBuf::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn without_the_switch_the_os_dialog_opens_whatever_else_is_set() {
        let vars = [
            (PICK_FILE_VARIABLE, "/tmp/a.pdf"),
            (STAND_INS_VARIABLE, "0"),
        ];
        assert_eq!(answer_from(DialogPurpose::PickAttachment, env(&vars)), None);
        assert_eq!(
            answer_from(DialogPurpose::PickAttachment, env(&vars[..1])),
            None
        );
    }

    #[test]
    fn with_the_switch_each_dialog_reads_its_own_variable_and_empty_means_cancelled() {
        let vars = [
            (STAND_INS_VARIABLE, "1"),
            (PICK_FILE_VARIABLE, "/tmp/a.pdf"),
            (SAVE_FILE_VARIABLE, ""),
            (SAVE_PDF_VARIABLE, "/tmp/Antrag.pdf"),
        ];
        assert_eq!(
            answer_from(DialogPurpose::PickAttachment, env(&vars)),
            Some(Some(PathBuf::from("/tmp/a.pdf")))
        );
        assert_eq!(
            answer_from(DialogPurpose::SaveExport, env(&vars)),
            Some(None)
        );
        assert_eq!(
            answer_from(DialogPurpose::OpenImport, env(&vars)),
            Some(None)
        );
        assert_eq!(
            answer_from(DialogPurpose::SavePrintout, env(&vars)),
            Some(Some(PathBuf::from("/tmp/Antrag.pdf")))
        );
    }

    #[test]
    fn the_viewer_stand_in_needs_the_switch_and_a_folder() {
        let on = [
            (STAND_INS_VARIABLE, "1"),
            (VIEWER_DIR_VARIABLE, "/tmp/seen"),
        ];
        assert_eq!(viewer_folder(env(&on)), Some(PathBuf::from("/tmp/seen")));
        assert_eq!(viewer_folder(env(&on[1..])), None);
        assert_eq!(
            viewer_folder(env(&[(STAND_INS_VARIABLE, "1"), (VIEWER_DIR_VARIABLE, "")])),
            None
        );
    }

    #[test]
    fn the_slow_keychain_stand_in_needs_the_switch_and_a_number() {
        let on = [(STAND_INS_VARIABLE, "1"), (VAULT_DELAY_VARIABLE, "2500")];
        assert_eq!(
            vault_open_delay_from(env(&on)),
            Some(std::time::Duration::from_millis(2500))
        );
        assert_eq!(vault_open_delay_from(env(&on[1..])), None);
        let not_a_number = [(STAND_INS_VARIABLE, "1"), (VAULT_DELAY_VARIABLE, "soon")];
        assert_eq!(vault_open_delay_from(env(&not_a_number)), None);
    }
}

/// The municipal API every application is sent to instead of its municipality's (the
/// end-to-end tests' reference server on a free loopback port; unset: the catalog's).
pub const MUNICIPAL_API_VARIABLE: &str = "AMTSWEG_E2E_MUNICIPAL_API";
/// The outbox's backoff cap in milliseconds (unset: the app's minute), so that a test
/// waits for a retry no longer than the cap it configured.
pub const BACKOFF_MAX_VARIABLE: &str = "AMTSWEG_E2E_OUTBOX_BACKOFF_MAX_MS";

/// How the outbox sends in a debug build whose run sets either variable (the end-to-end
/// tests; `make run`, whose demo shows the clerk's decision within seconds): `None`
/// without them. Unlike the dialogs' stand-ins this needs no `AMTSWEG_E2E_STAND_INS`.
pub fn applications_config() -> Option<amtsweg_app::core::ApplicationsConfig> {
    applications_config_from(|name| std::env::var_os(name))
}

fn applications_config_from(
    var: impl Fn(&str) -> Option<OsString>,
) -> Option<amtsweg_app::core::ApplicationsConfig> {
    use std::time::Duration;
    let endpoint = var(MUNICIPAL_API_VARIABLE)
        .and_then(|v| v.into_string().ok())
        .filter(|v| !v.is_empty());
    let cap_ms: Option<u64> = var(BACKOFF_MAX_VARIABLE)
        .and_then(|v| v.into_string().ok())
        .and_then(|v| v.trim().parse().ok());
    let timing = cap_ms.map(|cap| amtsweg_app::core::OutboxTiming {
        connect: Duration::from_secs(2),
        request: Duration::from_secs(20),
        backoff_min: Duration::from_millis(cap.min(200)),
        backoff_max: Duration::from_millis(cap),
        // News of a case as often as a retry: the clerk's decision shows within the cap.
        poll_interval: Duration::from_millis(cap),
    });
    if endpoint.is_none() && timing.is_none() {
        return None;
    }
    Some(amtsweg_app::core::ApplicationsConfig { timing, endpoint })
}

#[cfg(test)]
mod applications_tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_outbox_is_pointed_at_the_test_server_only_when_a_run_says_so() {
        let set = [
            (MUNICIPAL_API_VARIABLE, "http://127.0.0.1:45678"),
            (BACKOFF_MAX_VARIABLE, "1500"),
        ];
        assert!(applications_config_from(vars(&[(STAND_INS_VARIABLE, "1")])).is_none());
        assert!(applications_config_from(vars(&[])).is_none());
        let config = applications_config_from(vars(&set)).expect("a config");
        assert_eq!(config.endpoint.as_deref(), Some("http://127.0.0.1:45678"));
        let timing = config.timing.expect("timing");
        assert_eq!(timing.backoff_max, std::time::Duration::from_millis(1500));
        assert_eq!(timing.poll_interval, std::time::Duration::from_millis(1500));
        let cap_only =
            applications_config_from(vars(&[(BACKOFF_MAX_VARIABLE, "10000")])).expect("a config");
        assert!(cap_only.endpoint.is_none());
        assert_eq!(
            cap_only.timing.expect("timing").poll_interval,
            std::time::Duration::from_secs(10)
        );
    }
}
