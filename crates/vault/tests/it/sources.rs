//! Where keys come from, and the opening rules: a wrong key, keys missing while records
//! exist, a wrong passphrase — each a distinct error that changes nothing on disk.

use std::path::Path;

use amtsweg_vault::keychain::Keychain;
use amtsweg_vault::{KdfParams, KeySource, Passphrase, Vault, VaultError};

use crate::harness::{Bus, in_session, secret_tool_count};
use crate::{keys, open, passphrase, raw, tempdir};

/// The key id and the number of records, as stored: what must not change when an
/// opening is refused.
fn stored_state(dir: &Path) -> (Vec<u8>, i64, Vec<u8>) {
    let conn = raw(dir);
    let key_id = conn
        .query_row("SELECT value FROM meta WHERE key = 'key_id'", [], |r| {
            r.get(0)
        })
        .expect("key id");
    let n = conn
        .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
        .expect("count");
    let mac = conn
        .query_row("SELECT mac FROM manifest WHERE bucket = -1", [], |r| {
            r.get(0)
        })
        .expect("mac");
    (key_id, n, mac)
}

#[test]
fn another_vaults_keys_are_a_wrong_key_not_damage() {
    let dir = tempdir();
    let k = keys();
    open(dir.path(), &k)
        .save_draft("d", "p", b"payload", b"s")
        .expect("save");
    let before = stored_state(dir.path());
    let err = Vault::open(dir.path(), KeySource::Keys(keys())).expect_err("other keys");
    assert!(matches!(err, VaultError::WrongKey), "{err:?}");
    assert_eq!(stored_state(dir.path()), before);
    assert_eq!(
        open(dir.path(), &k)
            .open_draft("d")
            .expect("right key")
            .payload
            .as_slice(),
        b"payload"
    );
}

#[test]
fn keys_missing_while_records_exist_create_nothing() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    for id in ["a", "b", "c"] {
        vault
            .save_draft(id, "p", id.as_bytes(), b"s")
            .expect("save");
    }
    drop(vault);
    let before = stored_state(dir.path());
    // A passphrase has no sealed keys to open in this vault: the keys are missing.
    let err = Vault::open(
        dir.path(),
        KeySource::Passphrase(passphrase("new passphrase")),
    )
    .expect_err("missing");
    assert!(
        matches!(err, VaultError::KeyMissing { records: 3 }),
        "{err:?}"
    );
    assert_eq!(stored_state(dir.path()), before);
    let sealed: i64 = raw(dir.path())
        .query_row(
            "SELECT count(*) FROM meta WHERE key = 'sealed_keys'",
            [],
            |r| r.get(0),
        )
        .expect("meta");
    assert_eq!(sealed, 0, "new keys were sealed over existing records");
    assert_eq!(
        open(dir.path(), &k)
            .open_draft("b")
            .expect("still there")
            .payload
            .as_slice(),
        b"b"
    );
}

#[test]
fn a_passphrase_vault_opens_with_its_passphrase_only() {
    let dir = tempdir();
    let vault = Vault::open(
        dir.path(),
        KeySource::Passphrase(passphrase("correct horse")),
    )
    .expect("create");
    vault
        .save_draft("d", "p", b"secret answers", b"s")
        .expect("save");
    let key_id = vault.key_id();
    drop(vault);
    let before = stored_state(dir.path());

    let err = Vault::open(
        dir.path(),
        KeySource::Passphrase(passphrase("correct hors")),
    )
    .expect_err("wrong");
    assert!(matches!(err, VaultError::WrongPassphrase), "{err:?}");
    // The parameters stored at creation are used, whatever the opener asks for.
    let other_params = Passphrase::new("correct horse").with_params(KdfParams {
        memory_kib: 128,
        iterations: 2,
        parallelism: 1,
    });
    let vault =
        Vault::open(dir.path(), KeySource::Passphrase(other_params)).expect("right passphrase");
    assert_eq!(vault.key_id(), key_id);
    assert_eq!(
        vault.open_draft("d").expect("open").payload.as_slice(),
        b"secret answers"
    );
    drop(vault);
    assert_eq!(stored_state(dir.path()), before);

    // The keychain cannot open it, and is not even asked.
    let err = Vault::open(
        dir.path(),
        KeySource::Keychain(Keychain::new("de.amtsweg.test.unused")),
    )
    .expect_err("keychain");
    assert!(matches!(err, VaultError::PassphraseRequired), "{err:?}");
}

#[test]
fn the_recommended_passphrase_parameters_work() {
    let dir = tempdir();
    let vault = Vault::open(
        dir.path(),
        KeySource::Passphrase(Passphrase::new("recommended")),
    )
    .expect("create");
    vault.save_draft("d", "p", b"x", b"s").expect("save");
    drop(vault);
    let params: Vec<u8> = raw(dir.path())
        .query_row("SELECT value FROM meta WHERE key = 'kdf_params'", [], |r| {
            r.get(0)
        })
        .expect("params");
    // 64 MiB, 3 passes, 1 lane, big-endian.
    assert_eq!(params, [0, 1, 0, 0, 0, 0, 0, 3, 0, 0, 0, 1]);
    let vault = Vault::open(
        dir.path(),
        KeySource::Passphrase(Passphrase::new("recommended")),
    )
    .expect("open");
    assert_eq!(
        vault.open_draft("d").expect("open").payload.as_slice(),
        b"x"
    );
}

#[test]
fn an_empty_passphrase_and_memory_keys_on_disk_are_refused() {
    let dir = tempdir();
    let err = Vault::open(dir.path(), KeySource::Passphrase(passphrase(""))).expect_err("empty");
    assert!(matches!(err, VaultError::InvalidInput(_)), "{err:?}");
    let err = Vault::open(dir.path(), KeySource::Memory).expect_err("memory on disk");
    assert!(matches!(err, VaultError::InvalidInput(_)), "{err:?}");
}

#[test]
fn the_keys_are_not_in_the_database() {
    let dir = tempdir();
    let k = keys();
    open(dir.path(), &k)
        .save_draft("d", "p", b"x", b"s")
        .expect("save");
    let bytes = crate::secure_delete::database_bytes(dir.path());
    for key in keys_text_parts(k.to_secret_text().as_str()) {
        assert_eq!(key.len(), 32);
        assert!(!crate::secure_delete::contains(&bytes, &key));
    }
    // The key id is (it tells a wrong key from damage), so the scan can find things.
    assert!(crate::secure_delete::contains(
        &bytes,
        k.key_id().as_bytes()
    ));
}

/// The data key and the signing seed of a secret text, as raw bytes.
fn keys_text_parts(text: &str) -> Vec<Vec<u8>> {
    text.rsplitn(3, ':')
        .take(2)
        .map(|h| hex::decode(h).expect("hex"))
        .collect()
}

#[test]
fn a_newer_database_format_is_refused() {
    let dir = tempdir();
    let k = keys();
    open(dir.path(), &k);
    raw(dir.path())
        .execute(
            "UPDATE meta SET value = ?1 WHERE key = 'format'",
            // One above the format this build writes (2 since record formats).
            [3i64.to_be_bytes().to_vec()],
        )
        .expect("format");
    let err = Vault::open(dir.path(), KeySource::Keys(k)).expect_err("newer");
    assert!(matches!(err, VaultError::NewerFormat(3)), "{err:?}");
}

/// The keychain path against a real gnome-keyring in a private D-Bus session.
#[test]
fn keychain_keys_are_made_once_and_missing_keys_are_reported() {
    in_session(
        Bus::Keyring,
        "sources::keychain_keys_are_made_once_and_missing_keys_are_reported",
        || {
            const SERVICE: &str = "de.amtsweg.test.vault-sources";
            let dir = tempdir();
            let keychain = Keychain::new(SERVICE);
            // An empty vault and an empty keychain: keys are made and stored.
            let vault =
                Vault::open(dir.path(), KeySource::Keychain(keychain.clone())).expect("create");
            assert_eq!(secret_tool_count(SERVICE), 1);
            let stored = keychain.load().expect("load").expect("stored keys");
            assert_eq!(stored.key_id(), vault.key_id());
            vault
                .save_draft("d", "p", b"in the keychain's care", b"s")
                .expect("save");
            drop(vault);
            // Reopened with the same entry: the same keys, the draft opens.
            let vault =
                Vault::open(dir.path(), KeySource::Keychain(keychain.clone())).expect("reopen");
            assert_eq!(
                vault.open_draft("d").expect("open").payload.as_slice(),
                b"in the keychain's care"
            );
            drop(vault);

            // The entry is gone (another tool, a new user profile): no new keys over the draft.
            keychain.delete().expect("delete entry");
            let before = stored_state(dir.path());
            let err = Vault::open(dir.path(), KeySource::Keychain(keychain.clone()))
                .expect_err("missing");
            assert!(
                matches!(err, VaultError::KeyMissing { records: 1 }),
                "{err:?}"
            );
            assert_eq!(secret_tool_count(SERVICE), 0, "a new key was stored");
            assert_eq!(stored_state(dir.path()), before);

            // Another key in the entry: wrong key, nothing changed.
            keychain.store(&keys()).expect("store other");
            let err =
                Vault::open(dir.path(), KeySource::Keychain(keychain.clone())).expect_err("wrong");
            assert!(matches!(err, VaultError::WrongKey), "{err:?}");
            assert_eq!(stored_state(dir.path()), before);

            // Starting over: everything goes, the keychain entry included.
            let removed = Vault::delete_all_at(dir.path(), Some(&keychain)).expect("delete all");
            assert!(removed.iter().any(|p| p.ends_with(amtsweg_vault::DB_FILE)));
            assert!(!dir.path().join(amtsweg_vault::DB_FILE).exists());
            assert_eq!(secret_tool_count(SERVICE), 0);
        },
    );
}

/// `delete_all` on an open keychain vault removes its keychain entry.
#[test]
fn delete_all_removes_the_keychain_entry() {
    in_session(
        Bus::Keyring,
        "sources::delete_all_removes_the_keychain_entry",
        || {
            const SERVICE: &str = "de.amtsweg.test.vault-delete-all";
            let dir = tempdir();
            let vault = Vault::open(dir.path(), KeySource::Keychain(Keychain::new(SERVICE)))
                .expect("create");
            vault.save_draft("d", "p", b"x", b"s").expect("save");
            assert_eq!(secret_tool_count(SERVICE), 1);
            vault.delete_all().expect("delete all");
            assert_eq!(secret_tool_count(SERVICE), 0);
            assert!(
                std::fs::read_dir(dir.path()).expect("dir").next().is_none(),
                "files left"
            );
        },
    );
}
