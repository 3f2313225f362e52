//! The core against the real Secret Service (gnome-keyring on a private bus, the vault's
//! harness): the drafts' key moved between the keychain and a passphrase with drafts
//! present, the recovery code after the keychain lost the key, and a locked keychain
//! that the app notices being unlocked. Each test runs itself in a child inside the
//! environment (see `crates/vault/tests/keychain/harness.rs`).
#![cfg(target_os = "linux")]

#[allow(dead_code)]
#[path = "../../vault/tests/keychain/harness.rs"]
mod harness;
// The core's test support, shared; this binary uses only part of it.
#[allow(dead_code, unused_imports)]
#[path = "it/support.rs"]
mod support;

use std::time::{Duration, Instant};

use amtsweg_vault::keychain::Keychain;
use harness::{Bus, in_session, lock_default_collection, unlock_default_collection};
use serde_json::json;
use support::{Harness, Path, Value, VaultChoice, config, harness};

/// The tests' own service, so nothing here could ever meet the app's entry.
const SERVICE: &str = "de.amtsweg.test.app-keychain";
const PASSPHRASE: &str = "correct horse battery staple";

fn keychain() -> Keychain {
    Keychain::new(SERVICE)
}

/// A start of the app with its vault in `dir/vault` and its keys in the keychain.
fn start(dir: &Path) -> Harness {
    harness(support::CoreConfig {
        vault: VaultChoice::Keychain {
            dir: dir.join("vault"),
            service: SERVICE.into(),
        },
        ..config(dir, "en-US", None)
    })
}

/// A start with one draft in "My drafts"; the list as it shows it.
fn start_with_a_draft(dir: &Path) -> (Harness, Value) {
    let app = start(dir);
    app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    );
    let listed = drafts(&app);
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
    (app, listed)
}

fn drafts(app: &Harness) -> Value {
    app.ok("list_drafts", Value::Null)["drafts"].clone()
}

#[test]
fn the_key_moves_to_a_passphrase_and_back_with_the_drafts() {
    let test = "the_key_moves_to_a_passphrase_and_back_with_the_drafts";
    in_session(Bus::Keyring, test, || {
        let dir = tempfile::tempdir().expect("tempdir");
        let (app, before) = start_with_a_draft(dir.path());
        let view = app.ok("my_data_view", Value::Null);
        assert_eq!(view["switchToPassphrase"], true);
        assert_eq!(view["switchToKeychain"], false);

        let view = app.ok(
            "use_passphrase_keys",
            json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
        );
        assert_eq!(view["keys"], "passphrase");
        assert_eq!(view["state"], "open");
        assert_eq!(view["switchToKeychain"], true);
        assert_eq!(drafts(&app), before, "the drafts stay open");
        assert!(
            keychain().load().expect("keychain").is_none(),
            "the keychain's copy of the key is removed"
        );
        drop(app);

        let app = start(dir.path());
        assert_eq!(app.ok("my_data_view", Value::Null)["state"], "locked");
        app.ok("unlock_vault", json!({ "passphrase": PASSPHRASE }));
        assert_eq!(drafts(&app), before);

        let view = app.ok("use_keychain_keys", Value::Null);
        assert_eq!(view["keys"], "keychain");
        assert_eq!(view["state"], "open");
        assert_eq!(drafts(&app), before);
        assert!(keychain().load().expect("keychain").is_some());
        drop(app);

        let app = start(dir.path());
        let view = app.ok("my_data_view", Value::Null);
        assert_eq!(
            (view["keys"].clone(), view["state"].clone()),
            (json!("keychain"), json!("open"))
        );
        assert_eq!(drafts(&app), before);
    });
}

#[test]
fn the_recovery_code_brings_the_drafts_back_after_the_keychain_lost_the_key() {
    let test = "the_recovery_code_brings_the_drafts_back_after_the_keychain_lost_the_key";
    in_session(Bus::Keyring, test, || {
        let dir = tempfile::tempdir().expect("tempdir");
        let (app, before) = start_with_a_draft(dir.path());
        let shown = app.ok("create_recovery_code", Value::Null);
        let code: Vec<&str> = shown["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .map(|g| g.as_str().expect("group"))
            .collect();
        let code = code.join("-");
        drop(app);

        // The keychain was reset (a new login keyring, a reinstalled system).
        keychain().delete().expect("reset");
        let app = start(dir.path());
        let view = app.ok("my_data_view", Value::Null);
        assert_eq!(view["state"], "unavailable");
        assert_eq!(view["offerRecovery"], true);
        assert_eq!(view["recoveryNeedsPassphrase"], false);
        assert!(
            !view["unavailable"]
                .as_str()
                .unwrap_or_default()
                .contains("do not need to do anything"),
            "{view}"
        );
        let view = app.ok(
            "recover_vault",
            json!({ "code": code, "passphrase": "", "confirmation": "" }),
        );
        assert_eq!(view["state"], "open");
        assert_eq!(view["keys"], "keychain");
        assert_eq!(drafts(&app), before);
        assert!(
            keychain().load().expect("keychain").is_some(),
            "the key is back"
        );
        drop(app);
        assert_eq!(
            drafts(&start(dir.path())),
            before,
            "and stays for the next start"
        );
    });
}

#[test]
fn a_locked_keychain_is_said_and_the_drafts_open_once_it_is_unlocked() {
    let test = "a_locked_keychain_is_said_and_the_drafts_open_once_it_is_unlocked";
    in_session(Bus::Keyring, test, || {
        let dir = tempfile::tempdir().expect("tempdir");
        let (app, before) = start_with_a_draft(dir.path());
        drop(app);

        lock_default_collection();
        let app = start(dir.path());
        let events = app.core.take_events().expect("events");
        let view = app.ok("my_data_view", Value::Null);
        assert_eq!(view["state"], "unavailable");
        assert_eq!(view["offerRetry"], true);
        let error = app
            .invoke("list_drafts", Value::Null)
            .map(|list| list["unavailable"].clone())
            .expect("listed");
        assert!(
            error.as_str().unwrap_or_default().contains("locked"),
            "said as locked, not as no keychain: {error}"
        );
        // Drain what the start published.
        while events.try_recv().is_ok() {}

        unlock_default_collection();
        let unlocked = Instant::now();
        let event = events
            .recv_timeout(Duration::from_secs(30))
            .expect("the vault changes once the keychain is unlocked");
        let took = unlocked.elapsed();
        assert_eq!(json!(event)["kind"], "vaultChanged");
        eprintln!(
            "opened {} ms after the keychain was unlocked",
            took.as_millis()
        );
        assert_eq!(app.ok("my_data_view", Value::Null)["state"], "open");
        assert_eq!(drafts(&app), before);
    });
}

#[test]
fn with_the_key_lost_and_no_recovery_code_an_export_is_imported_and_nothing_is_deleted() {
    let test =
        "with_the_key_lost_and_no_recovery_code_an_export_is_imported_and_nothing_is_deleted";
    in_session(Bus::Keyring, test, || {
        let dir = tempfile::tempdir().expect("tempdir");
        let (app, before) = start_with_a_draft(dir.path());
        let file = dir.path().join("backup.amtsweg");
        app.host.answer(Some(file.clone()));
        app.ok(
            "export_my_data",
            json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
        );
        drop(app);

        keychain().delete().expect("the keychain lost the key");
        let app = start(dir.path());
        let view = app.ok("my_data_view", Value::Null);
        assert_eq!(view["state"], "unavailable");
        assert_eq!(view["offerRecovery"], false, "no recovery code was made");
        assert_eq!(view["importSetsAside"], true, "the import is offered");

        // A wrong passphrase changes nothing.
        app.host.answer(Some(file.clone()));
        let error = app
            .invoke(
                "import_my_data",
                json!({ "passphrase": "not the one at all" }),
            )
            .expect_err("wrong passphrase");
        assert_eq!(error["code"], "error-import-passphrase");
        let vault_dir = dir.path().join("vault");
        assert!(vault_dir.join(amtsweg_vault::DB_FILE).exists());
        assert_eq!(app.ok("my_data_view", Value::Null)["state"], "unavailable");

        app.host.answer(Some(file.clone()));
        let done = app.ok("import_my_data", json!({ "passphrase": PASSPHRASE }));
        assert_eq!(done["imported"], 1);
        let view = app.ok("my_data_view", Value::Null);
        assert_eq!(
            (view["state"].clone(), view["keys"].clone()),
            (json!("open"), json!("keychain"))
        );
        assert_eq!(drafts(&app), before);
        // The drafts that could not be opened are kept beside, not deleted.
        let aside: Vec<String> = std::fs::read_dir(&vault_dir)
            .expect("vault folder")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| name.starts_with("vault-unreadable-"))
            .collect();
        assert_eq!(aside.len(), 1, "{aside:?}");
    });
}
