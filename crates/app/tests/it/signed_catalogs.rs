use std::fs;
use std::path::{Path, PathBuf};

use amtsweg_catalog::{CatalogFiles, parse_signing_key, sign};
use serde_json::Value;

use crate::support::{Harness, harness};
use amtsweg_app::core::CoreConfig;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The committed test publisher key, pinned in debug and test builds only.
pub(crate) fn test_key() -> ed25519_dalek::SigningKey {
    let text = fs::read_to_string(
        repo().join("crates/catalog/test-keys/test-publisher.TEST-ONLY-NOT-SECRET.key"),
    )
    .expect("test key");
    parse_signing_key(text.trim()).expect("key parses")
}

/// The bundled catalog with the English title of the dog tax registration changed,
/// so that the test can see which catalog is in use.
pub(crate) fn changed_catalog() -> CatalogFiles {
    let bundled = CatalogFiles::from_folder(&repo()).expect("repo catalog");
    let mut files = CatalogFiles::new();
    for (path, bytes) in bundled.iter() {
        let mut bytes = bytes.to_vec();
        if path == "locales/en/procedures/dog-tax-registration.ftl" {
            let text = String::from_utf8(bytes).expect("UTF-8").replace(
                "dog-tax-registration-title = Register a dog for dog tax",
                "dog-tax-registration-title = Register a dog (catalog 7)",
            );
            bytes = text.into_bytes();
        }
        files.insert(path, bytes).expect("insert");
    }
    files
}

pub(crate) fn start(dir: &Path, offered: Option<PathBuf>) -> Harness {
    harness(CoreConfig {
        config_dir: dir.join("config"),
        data_dir: dir.join("data"),
        catalog_file: offered,
        system_locales: vec!["en-US".into()],
        locales_override_dir: None,
        started: std::time::Instant::now(),
        developer: true,
        vault: amtsweg_app::core::VaultChoice::InMemory,
        passphrase_kdf: crate::support::CHEAP_KDF,
        vault_open_delay: std::time::Duration::ZERO,
        print_dir: dir.join("print"),
        applications: Default::default(),
    })
}

pub(crate) fn dog_tax_title(app: &Harness) -> String {
    let list = app.listed(None);
    list.as_array()
        .expect("list")
        .iter()
        .find(|e| e["procedureId"] == "dog-tax-registration")
        .and_then(|e| e["title"].as_str())
        .expect("dog tax listed")
        .to_owned()
}

pub(crate) fn notice_codes(app: &Harness) -> Vec<String> {
    let view = app.ok("get_app_view", Value::Null);
    view["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .filter_map(|n| n["code"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn a_signed_newer_catalog_is_taken_over_and_kept_for_the_next_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("catalog-7.json");
    fs::write(&file, sign(&changed_catalog(), 7, &test_key()).as_bytes()).expect("write");

    let app = start(dir.path(), Some(file));
    assert_eq!(notice_codes(&app), vec!["notice-catalog-updated"]);
    assert_eq!(dog_tax_title(&app), "Register a dog (catalog 7)");

    // Next start without an offer: the stored catalog is still in use, quietly.
    let again = start(dir.path(), None);
    assert_eq!(notice_codes(&again), Vec::<String>::new());
    assert_eq!(dog_tax_title(&again), "Register a dog (catalog 7)");
}

#[test]
fn refused_catalogs_are_named_and_the_last_good_one_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.json");
    fs::write(&good, sign(&changed_catalog(), 7, &test_key()).as_bytes()).expect("write");
    start(dir.path(), Some(good.clone()));

    let signed = sign(&changed_catalog(), 8, &test_key()).into_bytes();
    let package: Value = serde_json::from_slice(&signed).expect("JSON package");

    let unsigned = {
        let mut p = package;
        p.as_object_mut().expect("object").remove("signature");
        serde_json::to_vec(&p).expect("json")
    };
    let altered = {
        let text = String::from_utf8(signed.clone()).expect("UTF-8");
        text.replacen("catalog 7", "catalog 9", 1).into_bytes()
    };
    let stranger = {
        let key = amtsweg_catalog::generate_signing_key().expect("key");
        sign(&changed_catalog(), 8, &key).into_bytes()
    };
    let older = sign(&changed_catalog(), 3, &test_key()).into_bytes();

    for (name, bytes, code) in [
        ("unsigned", unsigned, "notice-catalog-refused-unsigned"),
        ("altered", altered, "notice-catalog-refused-altered"),
        ("stranger", stranger, "notice-catalog-refused-unknown-key"),
        ("older", older, "notice-catalog-refused-older"),
        (
            "replayed",
            fs::read(&good).expect("good"),
            "notice-catalog-refused-older",
        ),
    ] {
        let file = dir.path().join(format!("{name}.json"));
        fs::write(&file, bytes).expect("write");
        let app = start(dir.path(), Some(file));
        assert_eq!(notice_codes(&app), vec![code.to_owned()], "{name}");
        assert_eq!(
            dog_tax_title(&app),
            "Register a dog (catalog 7)",
            "{name}: last good stays"
        );
    }
}

#[test]
fn without_any_signed_catalog_the_bundled_one_is_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = start(dir.path(), None);
    assert_eq!(dog_tax_title(&app), "Register a dog for dog tax");
    assert!(notice_codes(&app).is_empty());
}

/// The changed catalog signed as `sequence`, valid from a month ago until a day ago.
fn expired(sequence: u64) -> Vec<u8> {
    let now = jiff::Timestamp::now();
    let day = jiff::SignedDuration::from_hours(24);
    amtsweg_catalog::sign_until(
        &changed_catalog(),
        sequence,
        &test_key(),
        now - day * 30,
        now - day,
    )
    .into_bytes()
}

#[test]
fn an_old_catalog_below_the_releases_minimum_is_refused_on_a_fresh_installation() {
    let below = amtsweg_app::core::MINIMUM_CATALOG_SEQUENCE - 1;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("old.json");
    fs::write(
        &file,
        sign(&changed_catalog(), below, &test_key()).as_bytes(),
    )
    .expect("write");
    let app = start(dir.path(), Some(file));
    assert_eq!(notice_codes(&app), vec!["notice-catalog-refused"]);
    assert_eq!(dog_tax_title(&app), "Register a dog for dog tax");
}

#[test]
fn an_expired_catalog_is_refused_when_offered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("expired.json");
    fs::write(&file, expired(7)).expect("write");
    let app = start(dir.path(), Some(file));
    assert_eq!(notice_codes(&app), vec!["notice-catalog-refused-expired"]);
    assert_eq!(dog_tax_title(&app), "Register a dog for dog tax");
}

#[test]
fn an_expired_stored_catalog_gives_way_to_the_bundled_one_with_a_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("catalog-7.json");
    fs::write(&file, sign(&changed_catalog(), 7, &test_key()).as_bytes()).expect("write");
    let app = start(dir.path(), Some(file));
    assert_eq!(dog_tax_title(&app), "Register a dog (catalog 7)");
    let stored = dir.path().join("data/catalog/catalog.signed.json");
    assert!(stored.is_file(), "the accepted catalog is stored there");
    drop(app);

    // Time passes: the stored catalog's signed expiry lies behind us.
    fs::write(&stored, expired(7)).expect("write");
    let later = start(dir.path(), None);
    assert_eq!(notice_codes(&later), vec!["notice-catalog-stored-expired"]);
    // The bundled catalog, never an empty one.
    assert_eq!(dog_tax_title(&later), "Register a dog for dog tax");
}

#[test]
fn a_catalog_that_defines_the_apps_messages_is_refused() {
    for (what, foreign) in [
        ("an app text", "app-name = Amtsweg (catalog 7)\n"),
        ("an engine text", "procedure-yes = Yes (catalog 7)\n"),
        (
            "another procedure's text",
            "dog-tax-deregistration-title = Catalog 7\n",
        ),
        ("a term", "-brand-name = Catalog 7\n"),
    ] {
        let path = "locales/en/procedures/dog-tax-registration.ftl";
        let mut files = CatalogFiles::new();
        for (p, bytes) in changed_catalog().iter() {
            let mut bytes = bytes.to_vec();
            if p == path {
                bytes.extend_from_slice(foreign.as_bytes());
            }
            files.insert(p, bytes).expect("insert");
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("catalog-7.json");
        fs::write(&file, sign(&files, 7, &test_key()).as_bytes()).expect("write");
        let app = start(dir.path(), Some(file));
        assert_eq!(notice_codes(&app), vec!["notice-catalog-refused"], "{what}");
        assert_eq!(dog_tax_title(&app), "Register a dog for dog tax", "{what}");
        let view = app.ok("get_app_view", Value::Null);
        let message = view["notices"][0]["message"].as_str().expect("message");
        assert!(
            message.contains("dog-tax-registration-"),
            "{what}: the notice names the rule: {message}"
        );
        assert_eq!(view["ui"]["messages"]["app-name"], "Amtsweg", "{what}");
    }
}

#[test]
fn the_bundled_catalogs_texts_define_only_their_procedures_messages() {
    let bundled = CatalogFiles::from_folder(&repo()).expect("repo catalog");
    let mut checked = 0;
    for locale in bundled.locales() {
        for (path, bytes) in bundled.procedure_texts(locale) {
            let procedure = amtsweg_l10n::procedure_of_text(path);
            let text = String::from_utf8_lossy(bytes);
            assert_eq!(
                amtsweg_l10n::foreign_message_ids(procedure, &text),
                Vec::<String>::new(),
                "{path}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "the bundled catalog has texts ({checked})");
}
