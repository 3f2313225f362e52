//! The keychain against the real Secret Service (gnome-keyring), not a mock.
//!
//! Each test re-runs itself, alone, as a child of this test binary inside the environment
//! it needs (`harness::Bus`): a private D-Bus session with an unlocked gnome-keyring
//! (`scripts/with-keyring.sh`), the same bus without a Secret Service, or no bus at all.
//! So a plain `cargo test -p amtsweg-vault` works wherever dbus-run-session,
//! gnome-keyring, gdbus and secret-tool are installed (`scripts/install-deps.sh test`),
//! and fails naming what is missing where they are not. What the keychain wrote is read
//! back by `secret-tool`, a separate process that speaks to the daemon itself.
#![cfg(target_os = "linux")]

#[path = "keychain/harness.rs"]
mod harness;

use amtsweg_vault::keychain::{KEYS_ACCOUNT, Keychain};
use amtsweg_vault::{VaultError, VaultKeys};
use harness::secret_tool_store;
use harness::{
    Bus, in_session, lock_default_collection, secret_tool_count, secret_tool_lookup,
    unlock_default_collection,
};

/// The tests' own service, so nothing here could ever meet the app's entry.
const SERVICE: &str = "de.amtsweg.test.keychain";

fn keychain() -> Keychain {
    Keychain::new(SERVICE)
}

fn keys() -> VaultKeys {
    VaultKeys::generate().expect("random keys")
}

/// The secret text, compared as text: `VaultKeys` has no `PartialEq` on purpose.
fn text(keys: &VaultKeys) -> String {
    keys.to_secret_text().as_str().to_owned()
}

#[test]
fn stored_keys_load_back() {
    in_session(Bus::Keyring, "stored_keys_load_back", || {
        let keychain = keychain();
        assert!(
            keychain
                .load()
                .expect("load from an empty keyring")
                .is_none()
        );
        let stored = keys();
        keychain.store(&stored).expect("store");
        let loaded = keychain
            .load()
            .expect("load")
            .expect("an entry after store");
        assert_eq!(text(&loaded), text(&stored));
        assert_eq!(loaded.key_id(), stored.key_id());
    });
}

#[test]
fn the_key_is_in_the_secret_service_for_other_processes() {
    in_session(
        Bus::Keyring,
        "the_key_is_in_the_secret_service_for_other_processes",
        || {
            let stored = keys();
            keychain().store(&stored).expect("store");
            // secret-tool is another process with its own D-Bus connection: the daemon holds
            // the item under keyring 3's attributes, not this process's memory.
            let found = secret_tool_lookup(SERVICE).expect("secret-tool finds the item");
            assert_eq!(found, text(&stored));
            assert_eq!(secret_tool_count(SERVICE), 1);
        },
    );
}

#[test]
fn storing_again_replaces_the_entry() {
    in_session(Bus::Keyring, "storing_again_replaces_the_entry", || {
        let keychain = keychain();
        let (first, second) = (keys(), keys());
        keychain.store(&first).expect("store");
        keychain.store(&second).expect("store again");
        let loaded = keychain.load().expect("load").expect("an entry");
        assert_eq!(text(&loaded), text(&second));
        // One item, not two: a second one would make every later lookup ambiguous.
        assert_eq!(secret_tool_count(SERVICE), 1);
    });
}

#[test]
fn services_do_not_see_each_others_entries() {
    in_session(
        Bus::Keyring,
        "services_do_not_see_each_others_entries",
        || {
            keychain().store(&keys()).expect("store");
            let other = Keychain::new("de.amtsweg.test.other");
            assert!(other.load().expect("load").is_none());
            other.delete().expect("deleting nothing");
            assert!(keychain().load().expect("load").is_some());
        },
    );
}

#[test]
fn delete_removes_the_entry() {
    in_session(Bus::Keyring, "delete_removes_the_entry", || {
        let keychain = keychain();
        keychain.store(&keys()).expect("store");
        assert!(secret_tool_lookup(SERVICE).is_some());
        keychain.delete().expect("delete");
        assert_eq!(secret_tool_lookup(SERVICE), None);
        assert_eq!(secret_tool_count(SERVICE), 0);
        assert!(keychain.load().expect("load after delete").is_none());
        keychain.delete().expect("deleting a missing entry is fine");
    });
}

#[test]
fn garbage_in_the_entry_is_reported_as_damaged() {
    in_session(
        Bus::Keyring,
        "garbage_in_the_entry_is_reported_as_damaged",
        || {
            let keychain = keychain();
            let not_a_key = "hunter2-not-a-vault-key";
            secret_tool_store(SERVICE, not_a_key.as_bytes());
            let err = keychain.load().expect_err("garbage must not load");
            let expected = format!("{SERVICE}/{KEYS_ACCOUNT}");
            assert!(
                matches!(&err, VaultError::KeyDamaged { entry } if *entry == expected),
                "{err:?}"
            );
            // Whatever the entry holds could be someone's secret: it stays out of the error.
            assert!(!format!("{err} {err:?}").contains("hunter2"), "{err:?}");
            // Reported, not replaced.
            assert_eq!(secret_tool_lookup(SERVICE).as_deref(), Some(not_a_key));

            secret_tool_store(SERVICE, b"\xff\xfe not UTF-8");
            let err = keychain
                .load()
                .expect_err("bytes that are not text must not load");
            assert!(matches!(err, VaultError::KeyDamaged { .. }), "{err:?}");

            // A key of ours with one digit cut off is damaged too, not a different key.
            let cut = text(&keys());
            secret_tool_store(SERVICE, &cut.as_bytes()[..cut.len() - 1]);
            let err = keychain.load().expect_err("a cut key must not load");
            assert!(matches!(err, VaultError::KeyDamaged { .. }), "{err:?}");
        },
    );
}

#[test]
fn a_locked_keyring_is_reported_as_locked() {
    in_session(
        Bus::Keyring,
        "a_locked_keyring_is_reported_as_locked",
        || {
            let keychain = keychain();
            let stored = keys();
            keychain.store(&stored).expect("store while unlocked");
            lock_default_collection();
            // Reading needs the item unlocked: gnome-keyring asks for a prompt, which cannot
            // be shown here (no prompter on the bus), as if the citizen had cancelled it.
            let err = keychain.load().expect_err("load from a locked keyring");
            assert!(matches!(err, VaultError::KeychainLocked), "{err:?}");
            let err = keychain
                .store(&keys())
                .expect_err("store into a locked keyring");
            assert!(matches!(err, VaultError::KeychainLocked), "{err:?}");
            let err = keychain.delete().expect_err("delete from a locked keyring");
            assert!(matches!(err, VaultError::KeychainLocked), "{err:?}");
        },
    );
}

#[test]
fn whether_the_keyring_is_locked_is_known_without_a_prompt() {
    in_session(
        Bus::Keyring,
        "whether_the_keyring_is_locked_is_known_without_a_prompt",
        || {
            let keychain = keychain();
            let stored = keys();
            keychain.store(&stored).expect("store while unlocked");
            assert_eq!(keychain.is_locked(), Some(false));
            lock_default_collection();
            assert_eq!(keychain.is_locked(), Some(true));
            // Asking did not unlock it (no prompt could have), and asked again it still is.
            assert!(matches!(keychain.load(), Err(VaultError::KeychainLocked)));
            assert_eq!(keychain.is_locked(), Some(true));
            unlock_default_collection();
            assert_eq!(keychain.is_locked(), Some(false));
            let loaded = keychain.load().expect("load").expect("the entry");
            assert_eq!(text(&loaded), text(&stored));
        },
    );
}

#[test]
fn no_secret_service_on_the_bus_is_unavailable() {
    let test = "no_secret_service_on_the_bus_is_unavailable";
    in_session(Bus::WithoutKeyring, test, || {
        let err = assert_unavailable(&keychain());
        assert!(err.to_string().contains("org.freedesktop.secrets"), "{err}");
    });
}

#[test]
fn a_secret_service_without_a_default_keyring_is_unavailable() {
    let test = "a_secret_service_without_a_default_keyring_is_unavailable";
    in_session(Bus::WithoutLoginKeyring, test, || {
        let err = assert_unavailable(&keychain());
        assert!(err.to_string().contains("no default keyring"), "{err}");
    });
}

#[test]
fn no_session_bus_is_unavailable() {
    in_session(Bus::None, "no_session_bus_is_unavailable", || {
        let err = assert_unavailable(&keychain());
        assert!(err.to_string().contains("dbus session"), "{err}");
    });
}

/// Load, delete and store all fail as unavailable; returns the error of `store`.
fn assert_unavailable(keychain: &Keychain) -> VaultError {
    let err = keychain
        .load()
        .expect_err("load without a usable Secret Service");
    assert!(matches!(err, VaultError::KeychainUnavailable(_)), "{err:?}");
    let err = keychain
        .delete()
        .expect_err("delete without a usable Secret Service");
    assert!(matches!(err, VaultError::KeychainUnavailable(_)), "{err:?}");
    let err = keychain
        .store(&keys())
        .expect_err("store without a usable Secret Service");
    assert!(matches!(err, VaultError::KeychainUnavailable(_)), "{err:?}");
    err
}

#[test]
fn works_from_inside_tokio_runtimes() {
    in_session(Bus::Keyring, "works_from_inside_tokio_runtimes", || {
        let keychain = keychain();
        let stored = keys();
        // Straight inside async code on a current-thread runtime, where keyring's own
        // runtime would panic ("cannot start a runtime from within a runtime") if the
        // keychain called it on the caller's thread.
        let current = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        current.block_on(async {
            keychain.store(&stored).expect("store inside async code");
            let loaded = keychain
                .load()
                .expect("load inside async code")
                .expect("entry");
            assert_eq!(text(&loaded), text(&stored));
        });
        // The documented way: spawn_blocking on a multi-thread runtime, as Tauri's.
        let multi = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .expect("runtime");
        let loaded = multi.block_on(async {
            let keychain = keychain.clone();
            tokio::task::spawn_blocking(move || keychain.load())
                .await
                .expect("the blocking task ran")
        });
        let loaded = loaded.expect("load from spawn_blocking").expect("entry");
        assert_eq!(text(&loaded), text(&stored));
        let deleted = multi.block_on(async {
            let keychain = keychain.clone();
            tokio::task::spawn_blocking(move || keychain.delete())
                .await
                .expect("ran")
        });
        deleted.expect("delete from spawn_blocking");
        assert_eq!(secret_tool_lookup(SERVICE), None);
    });
}
