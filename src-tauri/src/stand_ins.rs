//! Stand-ins for the OS file dialogs, for the end-to-end tests of the real app: no
//! dialog opens, the path comes from a variable. Chosen at run time
//! ([`STAND_INS_VARIABLE`]) so that the end-to-end tests, the Rust tests and `make run`
//! share one debug build; compiled only with debug assertions (`lib.rs` refuses a release
//! profile that has them), and CI checks that the release binary names none of the
//! variables (`scripts/check-release-binary.sh`).

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;

use amtsweg_app::error::AppError;
use amtsweg_app::host::{DialogPurpose, FileDialog, Host};

/// `1` turns the stand-ins on; any other value, or none, keeps the OS dialogs.
pub const STAND_INS_VARIABLE: &str = "AMTSWEG_E2E_STAND_INS";
/// The file the attachment "dialog" picks (unset or empty: the citizen cancelled).
pub const PICK_FILE_VARIABLE: &str = "AMTSWEG_E2E_PICK_FILE";
/// Where the export "dialog" saves (unset or empty: cancelled).
pub const SAVE_FILE_VARIABLE: &str = "AMTSWEG_E2E_SAVE_FILE";
/// The file the import "dialog" opens (unset or empty: cancelled).
pub const IMPORT_FILE_VARIABLE: &str = "AMTSWEG_E2E_IMPORT_FILE";

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
/// title and its browsing data go to the real window.
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
