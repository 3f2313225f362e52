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
fn what_was_kept_aside_is_deleted_and_the_settings_file_and_others_stay() {
    let (_dir, store) = store();
    let folder = store.path().parent().expect("dir").to_path_buf();
    store
        .delete_kept_aside()
        .expect("no folder yet is no error");
    fs::create_dir_all(&folder).expect("mkdir");
    fs::write(store.path(), b"{\"version\": 1, \"municipalityArs\": ").expect("write");
    assert!(store.load().recovery.is_some(), "moved aside as damaged");
    fs::write(store.path(), b"{\"version\": 99}").expect("write");
    assert!(store.load().recovery.is_some(), "moved aside as newer");
    store.save(&german()).expect("saved");
    fs::write(folder.join(".settings-crash.tmp"), b"{}").expect("stray");
    fs::write(folder.join("other.json"), b"{}").expect("another file");
    assert_eq!(files_in(&folder).len(), 5, "{:?}", files_in(&folder));

    store.delete_kept_aside().expect("deleted");
    assert_eq!(files_in(&folder), ["other.json", "settings.json"]);
    assert_eq!(store.load().settings, german());
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
/// A test that re-runs itself in a child process finds its role in this variable.
const CHILD_ROLE: &str = "AMTSWEG_SETTINGS_TEST_CHILD";

/// Runs test `name` of this binary again in a child process (through `wrapper`, if
/// any) with `role` in [`CHILD_ROLE`]; the child's exit status and output.
fn rerun(wrapper: &[&str], name: &str, role: &str) -> std::process::Output {
    let exe = std::env::current_exe().expect("test binary");
    let (program, args) = match wrapper.split_first() {
        Some((program, args)) => (*program, args.to_vec()),
        None => (exe.to_str().expect("utf-8 path"), Vec::new()),
    };
    let mut command = std::process::Command::new(program);
    command.args(args);
    if !wrapper.is_empty() {
        command.arg(&exe);
    }
    command
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ROLE, role)
        .output()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"))
}

/// The folder a child works in (passed by its parent).
const CHILD_DIR: &str = "AMTSWEG_SETTINGS_TEST_DIR";

fn german() -> Settings {
    Settings {
        locale: Some("de".into()),
        ..Settings::default()
    }
}

fn english() -> Settings {
    Settings {
        locale: Some("en".into()),
        first_start_done: true,
        ..Settings::default()
    }
}

const STEPS: [Step; 5] = [
    Step::Created,
    Step::Written,
    Step::Flushed,
    Step::Rename,
    Step::Renamed,
];

#[test]
fn a_save_that_fails_at_any_step_before_the_rename_keeps_the_old_file_and_no_temporary_one() {
    for step in STEPS {
        let (_dir, store) = store();
        store.save(&german()).expect("save");
        let result = store.save_with(&english(), |at| {
            if at == step {
                Err(io::Error::other(format!("failed at {at:?}")))
            } else {
                Ok(())
            }
        });
        assert!(
            matches!(result, Err(SettingsError::Write { .. })),
            "{step:?}: {result:?}"
        );
        // Failing after the rename (the folder flush) reports the error, but the new file
        // is already in place: the caller keeps the old settings in memory, behind the
        // disk rather than ahead of it.
        let expected = if step == Step::Renamed {
            english()
        } else {
            german()
        };
        assert_eq!(store.load().settings, expected, "{step:?}");
        assert_eq!(files_in(&store.dir), vec![FILE_NAME.to_owned()], "{step:?}");
    }
}

#[test]
fn a_rename_the_system_refuses_is_an_error_and_leaves_no_temporary_file() {
    // A folder where the file belongs: renaming a file over it fails for root too.
    let (_dir, store) = store();
    fs::create_dir_all(store.path()).expect("a folder in the file's place");
    let result = store.save(&german());
    assert!(
        matches!(result, Err(SettingsError::Write { .. })),
        "{result:?}"
    );
    assert!(store.path().is_dir(), "the folder in the way is left alone");
    assert_eq!(files_in(&store.dir), vec![FILE_NAME.to_owned()]);
}

#[test]
fn a_save_killed_at_any_step_leaves_the_old_or_the_new_file_and_a_stray_temporary_one_is_ignored() {
    const NAME: &str = "tests::a_save_killed_at_any_step_leaves_the_old_or_the_new_file_and_a_stray_temporary_one_is_ignored";
    if let Some(role) = std::env::var_os(CHILD_ROLE) {
        // The child: saves English over German and is killed with SIGKILL at the step its
        // role names, as a crash or a power cut would stop it (no destructor runs).
        let role = role.to_string_lossy().into_owned();
        let dir = std::env::var_os(CHILD_DIR).expect("the parent names the folder");
        let store = SettingsStore::new(PathBuf::from(dir));
        let _ = store.save_with(&english(), |at| {
            if format!("{at:?}") == role {
                let me = std::process::id().to_string();
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", &me])
                    .status();
                // SIGKILL arrives while this waits; nothing after it may run.
                loop {
                    std::thread::park();
                }
            }
            Ok(())
        });
        panic!("the child was not killed at {role}");
    }
    for step in STEPS {
        let (_dir, store) = store();
        store.save(&german()).expect("save");
        let exe = std::env::current_exe().expect("test binary");
        let out = std::process::Command::new(exe)
            .args([NAME, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ROLE, format!("{step:?}"))
            .env(CHILD_DIR, &store.dir)
            .output()
            .expect("child");
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            out.status.signal(),
            Some(9),
            "{step:?}: the child was to be killed: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let loaded = store.load();
        assert_eq!(loaded.recovery, None, "{step:?}");
        let expected = if step == Step::Renamed {
            english()
        } else {
            german()
        };
        assert_eq!(loaded.settings, expected, "{step:?}");
        // Killed before the rename, the temporary file stays behind: the loader never
        // reads it, and the next save still works beside it.
        let strays: Vec<String> = files_in(&store.dir)
            .into_iter()
            .filter(|n| n.starts_with(TEMPORARY_PREFIX))
            .collect();
        assert_eq!(
            strays.len(),
            usize::from(step != Step::Renamed),
            "{step:?}: {strays:?}"
        );
        store
            .save(&english())
            .expect("save beside a stray temporary file");
        assert_eq!(store.load().settings, english(), "{step:?}");
    }
}

#[test]
fn a_stray_temporary_file_with_other_settings_is_never_read() {
    let (_dir, store) = store();
    store.save(&german()).expect("save");
    let stray = store.dir.join(format!("{TEMPORARY_PREFIX}abc123.tmp"));
    fs::write(&stray, serde_json::to_vec(&english()).expect("json")).expect("write");
    assert_eq!(store.load().settings, german());
    fs::remove_file(store.path()).expect("remove");
    // Without the settings file, defaults: not the temporary file's settings.
    assert_eq!(store.load().settings, Settings::default());
}

/// On a read-only file system even root cannot write (folder permissions would not stop
/// root, and CI runs as root): the test runs itself again inside `unshare -rm`, mounts a
/// tmpfs there, saves, remounts it read-only and saves again. It never passes without
/// having been refused a write.
#[test]
fn save_into_a_read_only_folder_is_an_error_and_keeps_the_old_file() {
    const NAME: &str = "tests::save_into_a_read_only_folder_is_an_error_and_keeps_the_old_file";
    if std::env::var_os(CHILD_ROLE).is_some() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mount = |args: &[&str]| {
            let out = std::process::Command::new("mount")
                .args(args)
                .arg(dir.path())
                .output()
                .expect("mount");
            assert!(
                out.status.success(),
                "mount {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        mount(&["-t", "tmpfs", "-o", "size=1m", "tmpfs"]);
        let store = SettingsStore::new(dir.path().join("config"));
        store.save(&german()).expect("save");
        mount(&["-o", "remount,ro"]);
        let result = store.save(&english());
        assert!(
            matches!(result, Err(SettingsError::Write { .. })),
            "{result:?}"
        );
        assert_eq!(store.load().settings, german());
        println!("refused as it should be");
        return;
    }
    let out = rerun(&["unshare", "-rm", "--"], NAME, "read-only");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("refused as it should be"),
        "the run inside `unshare -rm` failed ({}): {stdout}{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
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
