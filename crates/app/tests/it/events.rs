use std::time::Duration;

use amtsweg_app::events::AppEvent;

use crate::support::config;
use amtsweg_app::core::AppCore;

#[test]
fn the_vault_opening_after_start_is_published_once_and_taken_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = AppCore::start(
        config(dir.path(), "de-DE", None),
        std::sync::Arc::new(amtsweg_app::host::ScriptedHost::default()),
    );
    let events = core.take_events().expect("the first taker gets the events");
    assert!(core.take_events().is_none(), "a second taker gets nothing");
    assert_eq!(
        events.recv_timeout(Duration::from_secs(10)),
        Ok(AppEvent::VaultChanged)
    );
    assert!(events.try_recv().is_err(), "one opening, one event");
}

#[test]
fn the_ui_listens_under_the_name_the_shell_emits() {
    let api = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/index.ts"),
    )
    .expect("the UI's api module");
    let name = amtsweg_app::events::EVENT_CHANNEL;
    assert!(
        api.contains(&format!("export const APP_EVENT = '{name}';")),
        "ui/src/api/index.ts does not listen to {name}"
    );
}
