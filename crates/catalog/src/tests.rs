use proptest::prelude::*;

use crate::directory::fold;
use crate::files::{check_path, is_candidate};
use crate::keys::production_keys;
use crate::package::signed_message;
use crate::*;

const TEST_PUBLIC: &str = include_str!("../test-keys/test-publisher.pub");
const TEST_SECRET: &str = include_str!("../test-keys/test-publisher.TEST-ONLY-NOT-SECRET.key");

/// The test key trusted explicitly: these tests do not depend on the `test-trust` feature.
fn trusting_the_test_key() -> TrustedKeys {
    TrustedKeys::none().with(
        "test",
        parse_verifying_key(TEST_PUBLIC).expect("test public key"),
    )
}

fn test_key_id() -> KeyId {
    KeyId::of(&parse_verifying_key(TEST_PUBLIC).expect("test public key"))
}

/// Both sides of the rule: builds with the opt-in `test-trust` feature (developers' runs,
/// the test builds) trust the committed test key, every other build does not. The
/// workspace's `cargo test` runs the first side (the dev-dependencies turn the feature
/// on); `make rust-test` runs the other with `cargo test -p amtsweg-catalog --lib`
/// alone and requires the line this prints there, so that it cannot silently be the
/// first side. That the feature cannot be compiled without debug assertions (a release
/// build) is `make rust-test`'s compile check.
#[test]
fn the_test_key_is_pinned_exactly_when_test_trust_is_on() {
    let pinned = TrustedKeys::pinned();
    assert_eq!(
        pinned.contains(&test_key_id()),
        cfg!(feature = "test-trust")
    );
    if !cfg!(feature = "test-trust") {
        assert_eq!(pinned.iter().count(), production_keys().len());
        println!("without test-trust: the test key is not pinned");
    }
}

#[test]
fn every_production_key_parses_and_has_a_distinct_id() {
    let mut ids = std::collections::BTreeSet::new();
    for (name, hex) in production_keys() {
        let key = parse_verifying_key(hex).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(ids.insert(KeyId::of(&key)), "{name} pinned twice");
        assert_ne!(KeyId::of(&key), test_key_id(), "{name} is the test key");
    }
}

#[test]
fn the_committed_test_key_pair_matches() {
    let secret = parse_signing_key(TEST_SECRET).expect("test secret key");
    let public = parse_verifying_key(TEST_PUBLIC).expect("test public key");
    assert_eq!(secret.verifying_key(), public);
    assert_eq!(KeyId::of(&public).as_str(), "7fe70ec13b5cec59");
}

#[test]
fn key_ids_are_the_first_8_bytes_of_the_sha256_of_the_public_key() {
    use sha2::{Digest, Sha256};
    let key = generate_signing_key().expect("randomness").verifying_key();
    let id = KeyId::of(&key);
    assert_eq!(id.as_str().len(), 16);
    assert_eq!(
        id.as_str(),
        hex::encode(&Sha256::digest(key.as_bytes())[..8])
    );
}

#[test]
fn key_text_round_trips_and_bad_key_text_is_refused() {
    let key = generate_signing_key().expect("randomness");
    let secret = format_signing_key(&key);
    assert!(secret.starts_with('#'));
    assert_eq!(
        parse_signing_key(&secret).expect("parses").to_bytes(),
        key.to_bytes()
    );
    let public = format_verifying_key(&key.verifying_key());
    assert_eq!(
        parse_verifying_key(&public).expect("parses"),
        key.verifying_key()
    );

    for bad in ["", "# only a comment", "abcd", &"g".repeat(64), "00\n11"] {
        assert!(
            matches!(parse_verifying_key(bad), Err(CatalogError::BadKey { .. })),
            "{bad:?}"
        );
    }
    // The identity point has small order: verify_strict would refuse everything.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let weak = parse_verifying_key(&hex::encode(identity));
    assert!(matches!(weak, Err(CatalogError::BadKey { .. })), "{weak:?}");
}

#[test]
fn two_fresh_keys_differ() {
    let a = generate_signing_key().expect("randomness");
    let b = generate_signing_key().expect("randomness");
    assert_ne!(a.to_bytes(), b.to_bytes());
}

#[test]
fn catalog_paths() {
    let good = [
        "procedures/dog-tax-registration.json",
        "procedures/municipalities.json",
        "procedures/code-lists/c99000001.json",
        "locales/de/procedures/dog-tax-registration.ftl",
        "locales/de/procedures/_engine.ftl",
        "locales/pt-BR/procedures/x.ftl",
        "locales/de-x-ls/procedures/x.ftl",
    ];
    for path in good {
        assert!(check_path(path).is_ok(), "{path}: {:?}", check_path(path));
    }
    let unsafe_paths = [
        "",
        "../x",
        "procedures/../../etc/passwd",
        "procedures/./x.json",
        "/etc/passwd",
        "procedures\\x.json",
        "..\\x",
        "C:/x.json",
        "procedures//x.json",
        "procedures/x.json/",
        "procedures/x\u{0}.json",
        "procedures/ü.json",
    ];
    for path in unsafe_paths {
        assert!(
            matches!(check_path(path), Err(CatalogError::UnsafePath { .. })),
            "{path:?}: {:?}",
            check_path(path)
        );
    }
    let not_catalog = [
        "x.json",
        "procedures/X.json",
        "procedures/x.txt",
        "procedures/.hidden.json",
        "procedures/x.schema.json",
        "procedures/a/b/c.json",
        "locales/de/app.ftl",
        "locales/de/procedures/x.json",
        "locales/DE/procedures/x.ftl",
        "src/main.rs",
    ];
    for path in not_catalog {
        assert!(
            matches!(
                check_path(path),
                Err(CatalogError::NotACatalogFile { .. } | CatalogError::UnsafePath { .. })
            ),
            "{path:?}: {:?}",
            check_path(path)
        );
    }
}

#[test]
fn candidates_in_a_catalog_folder() {
    assert!(is_candidate("procedures/x.json"));
    assert!(is_candidate("procedures/README.md"));
    assert!(is_candidate("locales/de/procedures/x.ftl"));
    assert!(!is_candidate("procedures/procedure.schema.json"));
    assert!(!is_candidate("procedures/.DS_Store"));
    assert!(!is_candidate("locales/de/app.ftl"));
    assert!(!is_candidate("README.md"));
}

#[test]
fn file_limits() {
    let mut files = CatalogFiles::new();
    files.insert("procedures/a.json", "{}").expect("small file");
    assert!(matches!(
        files.insert("procedures/A.json", "{}"),
        Err(CatalogError::NotACatalogFile { .. })
    ));
    assert!(matches!(
        files.insert("procedures/a.json", "{}"),
        Err(CatalogError::DuplicatePath(_))
    ));
    assert!(matches!(
        files.insert("procedures/b.json", vec![b'x'; MAX_FILE_BYTES + 1]),
        Err(CatalogError::TooLarge { .. })
    ));
    assert!(matches!(
        files.insert("procedures/c.json", vec![0xff, 0xfe]),
        Err(CatalogError::NotUtf8(_))
    ));
    assert_eq!(files.len(), 1);
    assert_eq!(files.total_bytes(), 2);
}

#[test]
fn file_set_views() {
    let files = CatalogFiles::from_pairs([
        ("procedures/a.json", "{}"),
        ("procedures/municipalities.json", "{}"),
        ("procedures/lists/l.json", "{}"),
        ("locales/de/procedures/a.ftl", "a = A"),
        ("locales/de-x-ls/procedures/a.ftl", "a = A"),
        ("locales/en/procedures/a.ftl", "a = A"),
    ])
    .expect("valid");
    let definitions: Vec<&str> = files.procedure_definitions().map(|(p, _)| p).collect();
    assert_eq!(definitions, ["procedures/a.json"]);
    let texts: Vec<&str> = files.procedure_texts("de").map(|(p, _)| p).collect();
    assert_eq!(texts, ["locales/de/procedures/a.ftl"]);
    assert_eq!(files.locales(), ["de", "de-x-ls", "en"]);
}

fn files_of(pairs: &[(&str, &str)]) -> CatalogFiles {
    CatalogFiles::from_pairs(pairs.iter().copied()).expect("valid files")
}

#[test]
fn the_signed_message_separates_fields_that_plain_concatenation_would_merge() {
    let one = files_of(&[("procedures/ab.json", "c")]);
    let other = files_of(&[("procedures/a.json", "bc")]);
    let m = |files: &CatalogFiles, key_id: &str, created: &str, expires: &str| {
        signed_message(1, key_id, 1, created, expires, files)
    };
    assert_ne!(m(&one, "k", "t", "e"), m(&other, "k", "t", "e"));
    // Moving bytes between neighbouring fields changes the message.
    assert_ne!(m(&one, "k1", "t", "e"), m(&one, "k", "1t", "e"));
    assert_ne!(m(&one, "k", "t1", "e"), m(&one, "k", "t", "1e"));
    let empty = CatalogFiles::new();
    assert_ne!(m(&empty, "k", "t", "e"), m(&one, "k", "t", "e"));
}

proptest! {
    #[test]
    fn different_headers_give_different_messages(
        a in ("[a-f0-9]{0,6}", 0u64..4, "[0-9:TZ-]{0,6}", "[0-9:TZ-]{0,6}"),
        b in ("[a-f0-9]{0,6}", 0u64..4, "[0-9:TZ-]{0,6}", "[0-9:TZ-]{0,6}"),
    ) {
        let files = files_of(&[("procedures/x.json", "{}")]);
        let ma = signed_message(1, &a.0, a.1, &a.2, &a.3, &files);
        let mb = signed_message(1, &b.0, b.1, &b.2, &b.3, &files);
        prop_assert_eq!(ma == mb, a == b);
    }
}

#[test]
fn folding_for_search() {
    assert_eq!(fold("Fuldabrück", false), "fuldabruck");
    assert_eq!(fold("Fuldabrück", true), "fuldabrueck");
    assert_eq!(fold("Musterstadt (Demo)", false), "musterstadt demo");
    assert_eq!(fold("Großalmerode", false), "grossalmerode");
    assert_eq!(
        fold("Kassel, documenta-Stadt", false),
        "kassel documenta stadt"
    );
}

#[test]
fn ars_parts() {
    let ars = Ars::new("066330026026").expect("valid");
    assert_eq!(ars.land(), "06");
    assert_eq!(ars.ags(), "06633026");
    assert_eq!(Ars::new("066110000000").expect("valid").ags(), "06611000");
    for bad in [
        "06611000",
        "0661100000000",
        "999999999999",
        "006110000000",
        "17611000000x",
    ] {
        assert!(Ars::new(bad).is_err(), "{bad}");
    }
}

#[test]
fn endpoints() {
    for good in [
        "https://kassel.example/",
        "https://relay.kassel.de/fit-connect",
        "http://127.0.0.1:8787",
        "http://localhost:8787/",
        "http://[::1]:8787",
    ] {
        assert!(
            Endpoint::new(good).is_ok(),
            "{good}: {:?}",
            Endpoint::new(good)
        );
    }
    for bad in [
        "http://kassel.de/",
        "http://10.0.0.1/",
        "ftp://kassel.de/",
        "https://user:pw@kassel.de/",
        "https://kassel.de/?x=1",
        "kassel.de",
        "file:///etc/passwd",
    ] {
        assert!(Endpoint::new(bad).is_err(), "{bad}");
    }
    assert!(
        Endpoint::new("https://kassel.amtsweg.example/")
            .expect("valid")
            .is_placeholder()
    );
    assert!(
        !Endpoint::new("https://kassel.de/")
            .expect("valid")
            .is_placeholder()
    );
    assert!(
        Endpoint::new("http://127.0.0.1:8787")
            .expect("valid")
            .is_loopback()
    );
}

// --- the stored catalog's atomic replace -------------------------------------------

mod store_replace {
    use std::os::unix::process::ExitStatusExt;
    use std::path::{Path, PathBuf};

    use super::TEST_SECRET;
    use crate::store::{Step, TEMPORARY_PREFIX};
    use crate::*;

    const STEPS: [Step; 5] = [
        Step::Created,
        Step::Written,
        Step::Flushed,
        Step::Rename,
        Step::Renamed,
    ];
    /// A test that re-runs itself as a child process finds its step here, its folder in
    /// `CHILD_DIR`.
    const CHILD_STEP: &str = "AMTSWEG_CATALOG_TEST_KILL_AT";
    const CHILD_DIR: &str = "AMTSWEG_CATALOG_TEST_DIR";

    fn package(sequence: u64) -> SignedCatalog {
        let files = CatalogFiles::from_pairs([(
            "locales/de/procedures/dog-tax-registration.ftl",
            "dog-tax-registration-title = Hundesteuer anmelden\n",
        )])
        .expect("files");
        let key = parse_signing_key(TEST_SECRET).expect("test key");
        sign_until(
            &files,
            sequence,
            &key,
            "2026-05-01T10:00:00Z".parse().expect("time"),
            "2099-01-01T00:00:00Z".parse().expect("time"),
        )
    }

    fn store(dir: &Path) -> CatalogStore {
        CatalogStore::new(dir, super::trusting_the_test_key())
    }

    fn stored_sequence(store: &CatalogStore) -> u64 {
        store
            .load()
            .expect("the stored package verifies")
            .expect("a stored package")
            .sequence()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn delete_removes_the_stored_package_and_stray_temporaries_and_nothing_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store(dir.path());
        store.delete().expect("nothing stored is no error");
        store.accept(package(3).as_bytes()).expect("stored");
        std::fs::write(dir.path().join(".catalog-crash.tmp"), b"half").expect("stray");
        std::fs::write(dir.path().join("unrelated.txt"), b"kept").expect("other file");

        store.delete().expect("deleted");
        assert_eq!(names(dir.path()), vec!["unrelated.txt"]);
        assert!(store.load().expect("loads").is_none(), "nothing stored");
        // The rollback check starts over: any newer or older signed package is taken.
        store
            .accept(package(1).as_bytes())
            .expect("a lower sequence");
        assert_eq!(stored_sequence(&store), 1);
    }

    #[test]
    fn a_replace_that_fails_at_any_step_before_the_rename_keeps_the_stored_catalog() {
        for step in STEPS {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = store(dir.path());
            store.accept(package(1).as_bytes()).expect("first");
            let result = store.write_with(package(2).as_bytes(), |at| {
                if at == step {
                    Err(std::io::Error::other(format!("failed at {at:?}")))
                } else {
                    Ok(())
                }
            });
            assert!(
                matches!(result, Err(CatalogError::Write { .. })),
                "{step:?}: {result:?}"
            );
            // After the rename only the folder flush is left: the new package is in place.
            let expected = if step == Step::Renamed { 2 } else { 1 };
            assert_eq!(stored_sequence(&store), expected, "{step:?}");
            assert_eq!(names(dir.path()), vec!["catalog.signed.json"], "{step:?}");
        }
    }

    #[test]
    fn a_replace_killed_at_any_step_leaves_the_old_or_the_new_package_and_a_stray_temporary_one_is_ignored()
     {
        const NAME: &str = "tests::store_replace::a_replace_killed_at_any_step_leaves_the_old_or_the_new_package_and_a_stray_temporary_one_is_ignored";
        if let Some(role) = std::env::var_os(CHILD_STEP) {
            // The child: replaces package 1 by package 2 and is killed with SIGKILL at
            // the step its role names (no destructor runs, as in a crash).
            let role = role.to_string_lossy().into_owned();
            let dir = PathBuf::from(std::env::var_os(CHILD_DIR).expect("folder"));
            let _ = store(&dir).write_with(package(2).as_bytes(), |at| {
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
            let dir = tempfile::tempdir().expect("tempdir");
            let store = store(dir.path());
            store.accept(package(1).as_bytes()).expect("first");
            let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
                .args([NAME, "--exact", "--nocapture", "--test-threads=1"])
                .env(CHILD_STEP, format!("{step:?}"))
                .env(CHILD_DIR, dir.path())
                .output()
                .expect("child");
            assert_eq!(
                out.status.signal(),
                Some(9),
                "{step:?}: the child was to be killed: {}",
                String::from_utf8_lossy(&out.stdout)
            );
            let expected = if step == Step::Renamed { 2 } else { 1 };
            assert_eq!(stored_sequence(&store), expected, "{step:?}");
            let strays = names(dir.path())
                .into_iter()
                .filter(|n| n.starts_with(TEMPORARY_PREFIX))
                .count();
            assert_eq!(strays, usize::from(step != Step::Renamed), "{step:?}");
            // The next package is taken beside the stray temporary file.
            store.accept(package(3).as_bytes()).expect("next");
            assert_eq!(stored_sequence(&store), 3, "{step:?}");
        }
    }

    #[test]
    fn a_stray_temporary_file_holding_a_newer_package_is_never_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store(dir.path());
        store.accept(package(1).as_bytes()).expect("first");
        std::fs::write(
            dir.path().join(format!("{TEMPORARY_PREFIX}abc.tmp")),
            package(5).as_bytes(),
        )
        .expect("stray");
        assert_eq!(stored_sequence(&store), 1);
        std::fs::remove_file(store.path()).expect("remove");
        assert!(store.load().expect("nothing stored").is_none());
    }
}

#[test]
fn every_refusal_has_its_own_stable_reason() {
    use crate::CatalogError as E;
    let errors = [
        E::Unsigned,
        E::Malformed("x".into()),
        E::UnknownKey { key_id: "k".into() },
        E::Altered { key_id: "k".into() },
        E::NotNewer {
            sequence: 1,
            in_use: 2,
        },
        E::BelowMinimum {
            sequence: 1,
            minimum: 2,
        },
        E::Expired {
            expires: "t".into(),
        },
        E::TooLarge {
            what: "w".into(),
            size: 2,
            limit: 1,
        },
        E::InvalidDirectory {
            at: "a".into(),
            problem: "p".into(),
        },
        E::ContentRefused("c".into()),
    ];
    let reasons: std::collections::BTreeSet<&str> = errors.iter().map(E::reason).collect();
    assert_eq!(reasons.len(), errors.len(), "{reasons:?}");
    assert_eq!(
        E::Altered {
            key_id: "secret-ish".into()
        }
        .reason(),
        "altered"
    );
    assert_eq!(
        E::Expired {
            expires: "t".into()
        }
        .reason(),
        "expired"
    );
}
