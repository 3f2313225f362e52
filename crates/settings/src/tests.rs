use proptest::prelude::*;

use super::*;

fn store() -> (tempfile::TempDir, SettingsStore) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = SettingsStore::new(dir.path().join("config"));
    (dir, store)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn no_file_means_defaults_without_recovery() {
    let (_dir, store) = store();
    let loaded = store.load();
    assert_eq!(
        loaded,
        Loaded {
            settings: Settings::default(),
            recovery: None
        }
    );
}

#[test]
fn saved_settings_are_read_back_and_leave_no_temporary_file() {
    let (_dir, store) = store();
    let settings = Settings {
        locale: Some("en".into()),
        first_start_done: true,
        ..Settings::default()
    };
    store.save(&settings).expect("save");
    assert_eq!(store.load().settings, settings);
    assert_eq!(
        files_in(store.path().parent().expect("dir")),
        vec!["settings.json"]
    );
}

#[test]
fn a_second_save_replaces_the_first() {
    let (_dir, store) = store();
    store
        .save(&Settings {
            locale: Some("de".into()),
            ..Settings::default()
        })
        .expect("save");
    store
        .save(&Settings {
            locale: Some("en".into()),
            ..Settings::default()
        })
        .expect("save");
    assert_eq!(store.load().settings.locale.as_deref(), Some("en"));
}

#[test]
fn damaged_file_gives_defaults_and_is_kept_aside() {
    let (_dir, store) = store();
    fs::create_dir_all(store.path().parent().expect("dir")).expect("mkdir");
    fs::write(store.path(), b"{\"version\": 1, \"locale\": ").expect("write");

    let loaded = store.load();
    assert_eq!(loaded.settings, Settings::default());
    let Some(Recovery::Damaged {
        backup: Some(backup),
        ..
    }) = &loaded.recovery
    else {
        panic!(
            "expected a damaged recovery with a backup, got {:?}",
            loaded.recovery
        );
    };
    assert_eq!(
        fs::read(backup).expect("backup kept"),
        b"{\"version\": 1, \"locale\": "
    );
    assert!(
        !store.path().exists(),
        "the damaged file no longer stands in the way"
    );
    assert!(
        backup
            .file_name()
            .expect("name")
            .to_string_lossy()
            .starts_with("settings.json.damaged-")
    );
    // The next start is quiet.
    assert_eq!(store.load().recovery, None);
}

#[test]
fn wrong_shape_counts_as_damaged() {
    let (_dir, store) = store();
    fs::create_dir_all(store.path().parent().expect("dir")).expect("mkdir");
    fs::write(store.path(), br#"{"version": 1, "firstStartDone": "yes"}"#).expect("write");
    assert!(matches!(
        store.load().recovery,
        Some(Recovery::Damaged { .. })
    ));
}

#[test]
fn settings_from_a_future_version_are_kept_aside_not_overwritten() {
    let (_dir, store) = store();
    fs::create_dir_all(store.path().parent().expect("dir")).expect("mkdir");
    let future = br#"{"version": 7, "locale": {"primary": "en"}, "firstStartDone": true}"#;
    fs::write(store.path(), future).expect("write");

    let loaded = store.load();
    assert_eq!(loaded.settings, Settings::default());
    let Some(Recovery::FromTheFuture {
        backup: Some(backup),
        found: 7,
    }) = &loaded.recovery
    else {
        panic!(
            "expected a future-version recovery, got {:?}",
            loaded.recovery
        );
    };
    assert_eq!(fs::read(backup).expect("kept"), future);

    // Saving defaults afterwards does not touch the kept file.
    store.save(&loaded.settings).expect("save");
    assert_eq!(fs::read(backup).expect("still kept"), future);
}

#[test]
fn unknown_fields_of_the_same_version_are_tolerated() {
    let (_dir, store) = store();
    fs::create_dir_all(store.path().parent().expect("dir")).expect("mkdir");
    fs::write(
        store.path(),
        br#"{"version": 1, "locale": "en", "textSize": 2}"#,
    )
    .expect("write");
    let loaded = store.load();
    assert_eq!(loaded.recovery, None);
    assert_eq!(loaded.settings.locale.as_deref(), Some("en"));
}

#[test]
fn the_municipality_is_saved_and_read_back_and_is_optional_in_version_1() {
    let (_dir, store) = store();
    // A version-1 file written before the field existed reads as "not chosen yet".
    fs::create_dir_all(store.path().parent().expect("dir")).expect("mkdir");
    fs::write(
        store.path(),
        br#"{"version": 1, "locale": "de", "firstStartDone": true}"#,
    )
    .expect("write");
    let loaded = store.load();
    assert_eq!(loaded.recovery, None);
    assert_eq!(loaded.settings.municipality_ars, None);
    assert!(loaded.settings.first_start_done);

    let chosen = Settings {
        municipality_ars: Some("066110000000".to_owned()),
        text_scale: Some(150),
        ..loaded.settings
    };
    store.save(&chosen).expect("save");
    let text = fs::read_to_string(store.path()).expect("read");
    assert!(
        text.contains(r#""municipalityArs": "066110000000""#),
        "{text}"
    );
    assert!(
        text.contains(r#""version": 1"#),
        "same format version: {text}"
    );
    assert_eq!(store.load().settings, chosen);
}

#[test]
fn the_vault_key_storage_is_optional_in_version_1_and_an_unknown_one_is_kept() {
    let (_dir, store) = store();
    fs::create_dir_all(store.path().parent().expect("dir")).expect("mkdir");
    // Written before the field existed: not chosen, which means the keychain.
    fs::write(store.path(), br#"{"version": 1, "locale": "de"}"#).expect("write");
    let loaded = store.load();
    assert_eq!(loaded.recovery, None);
    assert_eq!(loaded.settings.vault_keys, None);

    let chosen = Settings {
        vault_keys: Some(KeyStorage::Passphrase),
        ..loaded.settings
    };
    store.save(&chosen).expect("save");
    let text = fs::read_to_string(store.path()).expect("read");
    assert!(text.contains(r#""vaultKeys": "passphrase""#), "{text}");
    assert_eq!(store.load().settings, chosen);
    let keychain = Settings {
        vault_keys: Some(KeyStorage::Keychain),
        ..chosen
    };
    store.save(&keychain).expect("save");
    let text = fs::read_to_string(store.path()).expect("read");
    assert!(text.contains(r#""vaultKeys": "keychain""#), "{text}");

    // A value from a newer build of the same format: neither damage nor lost on saving.
    fs::write(
        store.path(),
        br#"{"version": 1, "locale": "de", "vaultKeys": "hardware-token"}"#,
    )
    .expect("write");
    let loaded = store.load();
    assert_eq!(loaded.recovery, None);
    assert_eq!(
        loaded.settings.vault_keys,
        Some(KeyStorage::Other("hardware-token".into()))
    );
    store
        .save(&Settings {
            text_scale: Some(125),
            ..loaded.settings
        })
        .expect("save");
    let text = fs::read_to_string(store.path()).expect("read");
    assert!(text.contains(r#""vaultKeys": "hardware-token""#), "{text}");
}

#[cfg(unix)]
#[test]
fn save_into_an_unwritable_folder_is_an_error_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, store) = store();
    store
        .save(&Settings {
            locale: Some("de".into()),
            ..Settings::default()
        })
        .expect("save");
    let dir = store.path().parent().expect("dir").to_path_buf();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o500)).expect("chmod");
    // Root ignores folder permissions; only assert where they bite.
    let probe = tempfile::tempfile_in(&dir);
    if probe.is_err() {
        let result = store.save(&Settings {
            locale: Some("en".into()),
            ..Settings::default()
        });
        assert!(
            matches!(result, Err(SettingsError::Write { .. })),
            "{result:?}"
        );
        assert_eq!(store.load().settings.locale.as_deref(), Some("de"));
    }
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).expect("chmod back");
}

proptest! {
    #[test]
    fn any_bytes_in_the_file_never_panic_and_give_usable_settings(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let (_dir, store) = store();
        fs::create_dir_all(store.path().parent().expect("dir")).expect("mkdir");
        fs::write(store.path(), &bytes).expect("write");
        let loaded = store.load();
        prop_assert_eq!(loaded.settings.version, SETTINGS_VERSION);
    }

    #[test]
    fn round_trip(locale in proptest::option::of("[a-z]{2}(-[A-Z]{2})?"), done in any::<bool>(), ars in proptest::option::of("[0-9]{12}")) {
        let (_dir, store) = store();
        let settings = Settings { locale, first_start_done: done, municipality_ars: ars, ..Settings::default() };
        store.save(&settings).expect("save");
        let loaded = store.load();
        prop_assert_eq!(loaded.recovery, None);
        prop_assert_eq!(loaded.settings, settings);
    }
}
