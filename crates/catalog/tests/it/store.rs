//! The last good catalog: kept through every kind of refusal, replaced only by a newer
//! verified one, written atomically.

use amtsweg_catalog::{
    CatalogError, CatalogFiles, CatalogStore, generate_signing_key, sign, sign_until,
};

use crate::support::{
    created, edit, expires, pinned, replace_once, sample_files, signed, test_key,
};

fn store() -> (tempfile::TempDir, CatalogStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = CatalogStore::new(dir.path().join("catalog"), pinned());
    (dir, store)
}

#[test]
fn an_empty_store_has_no_catalog_and_takes_the_first_valid_one() {
    let (_dir, store) = store();
    assert!(store.load().expect("loads").is_none());
    let accepted = store.accept(signed(3).as_bytes()).expect("accepted");
    assert_eq!(accepted.sequence(), 3);
    let loaded = store.load().expect("loads").expect("stored");
    assert_eq!(loaded.sequence(), 3);
    assert_eq!(loaded.files(), &sample_files());
}

#[test]
fn a_newer_catalog_replaces_the_stored_one() {
    let (_dir, store) = store();
    store.accept(signed(3).as_bytes()).expect("first");
    store.accept(signed(4).as_bytes()).expect("newer");
    assert_eq!(store.load().expect("loads").expect("stored").sequence(), 4);
}

#[test]
fn the_stored_catalog_stays_after_each_kind_of_refusal() {
    let (dir, store) = store();
    let good = signed(5);
    store.accept(good.as_bytes()).expect("first");
    let stranger = generate_signing_key().expect("randomness");

    let refused: Vec<(&str, Vec<u8>)> = vec![
        (
            "unsigned",
            edit(signed(6).as_bytes(), |v| {
                v.as_object_mut().expect("object").remove("signature");
            }),
        ),
        ("malformed", b"{ not json".to_vec()),
        (
            "altered file",
            replace_once(signed(6).as_bytes(), "MARKER-A", "MARKER-B"),
        ),
        (
            "altered sequence",
            replace_once(signed(6).as_bytes(), "\"sequence\": 6", "\"sequence\": 7"),
        ),
        (
            "unknown key",
            sign(&sample_files(), 6, &stranger).into_bytes(),
        ),
        ("older", signed(4).into_bytes()),
        ("same sequence", signed(5).into_bytes()),
        (
            "unsafe path",
            edit(signed(6).as_bytes(), |v| v["files"]["../evil"] = "x".into()),
        ),
        (
            "broken directory",
            sign_until(
                &CatalogFiles::from_pairs([(
                    "procedures/municipalities.json",
                    "{\"format\": 1, \"procedures\": [], \"municipalities\": 7}",
                )])
                .expect("valid path"),
                6,
                &test_key(),
                created(),
                expires(),
            )
            .into_bytes(),
        ),
    ];
    for (what, bytes) in refused {
        let result = store.accept(&bytes);
        assert!(result.is_err(), "{what} was accepted");
        let stored = std::fs::read(store.path()).expect("stored file");
        assert_eq!(stored, good.as_bytes(), "{what} changed the stored file");
        let loaded = store.load().expect("loads").expect("stored");
        assert_eq!(loaded.sequence(), 5, "{what}");
        assert_eq!(loaded.files(), &sample_files(), "{what}");
    }
    // No temporary files left behind by the refusals or the write.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("catalog"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["catalog.signed.json"]);
}

#[test]
fn a_caller_check_can_refuse_verified_content() {
    let (_dir, store) = store();
    store.accept(signed(1).as_bytes()).expect("first");
    let result = store.accept_checked(signed(2).as_bytes(), |_| {
        Err(CatalogError::ContentRefused(
            "procedure x does not load".into(),
        ))
    });
    assert!(matches!(result, Err(CatalogError::ContentRefused(_))));
    assert_eq!(store.load().expect("loads").expect("stored").sequence(), 1);
}

#[test]
fn a_stored_file_changed_on_disk_is_refused_when_loaded_and_then_replaced() {
    let (_dir, store) = store();
    store.accept(signed(5).as_bytes()).expect("first");
    let path = store.path();
    let tampered = replace_once(&std::fs::read(&path).expect("read"), "MARKER-A", "MARKER-B");
    std::fs::write(&path, tampered).expect("tamper");
    assert!(matches!(store.load(), Err(CatalogError::Altered { .. })));
    // Without a trustworthy stored sequence, the next valid catalog replaces it.
    store
        .accept(signed(2).as_bytes())
        .expect("replaces the damaged one");
    assert_eq!(store.load().expect("loads").expect("stored").sequence(), 2);
}

/// Signed `sequence`, valid until a day ago.
fn expired(sequence: u64) -> Vec<u8> {
    let now = jiff::Timestamp::now();
    let day = jiff::SignedDuration::from_hours(24);
    sign_until(
        &sample_files(),
        sequence,
        &test_key(),
        now - day * 30,
        now - day,
    )
    .into_bytes()
}

#[test]
fn an_expired_catalog_is_refused_and_the_stored_one_stays() {
    let (_dir, store) = store();
    store.accept(signed(5).as_bytes()).expect("good");
    match store.accept(&expired(6)) {
        Err(CatalogError::Expired { .. }) => {}
        other => panic!("expected Expired, got {other:?}"),
    }
    assert_eq!(store.load().expect("loads").expect("stored").sequence(), 5);
}

#[test]
fn a_stored_catalog_that_expired_is_not_loaded_but_still_blocks_older_ones() {
    let (_dir, store) = store();
    std::fs::create_dir_all(store.path().parent().expect("folder")).expect("folder");
    std::fs::write(store.path(), expired(7)).expect("write");
    match store.load() {
        Err(CatalogError::Expired { .. }) => {}
        other => panic!("expected Expired, got {other:?}"),
    }
    // Its sequence still counts: an older valid one does not replace it ...
    match store.accept(signed(6).as_bytes()) {
        Err(CatalogError::NotNewer {
            sequence: 6,
            in_use: 7,
        }) => {}
        other => panic!("expected NotNewer, got {other:?}"),
    }
    // ... a newer one does.
    assert_eq!(
        store
            .accept(signed(8).as_bytes())
            .expect("newer")
            .sequence(),
        8
    );
}

#[test]
fn a_catalog_below_the_minimum_sequence_is_refused_on_a_fresh_installation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = CatalogStore::new(dir.path().join("catalog"), pinned()).with_minimum_sequence(10);
    match store.accept(signed(9).as_bytes()) {
        Err(CatalogError::BelowMinimum {
            sequence: 9,
            minimum: 10,
        }) => {}
        other => panic!("expected BelowMinimum, got {other:?}"),
    }
    assert!(store.load().expect("loads").is_none());
    assert_eq!(
        store
            .accept(signed(10).as_bytes())
            .expect("minimum")
            .sequence(),
        10
    );
    // A stored catalog from before this release's minimum is not used either.
    let stricter =
        CatalogStore::new(dir.path().join("catalog"), pinned()).with_minimum_sequence(11);
    assert!(matches!(
        stricter.load(),
        Err(CatalogError::BelowMinimum {
            sequence: 10,
            minimum: 11
        })
    ));
}
