//! Saving, opening, listing and deleting drafts and attachments.

use amtsweg_vault::{DamageReason, KeySource, Summary, Vault, VaultError};
use proptest::prelude::*;

use crate::{keys, open, payload, readable, tempdir};

#[test]
fn a_saved_draft_opens_with_its_payload_summary_and_versions() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    assert_eq!(
        vault
            .save_draft("d1", "dog-tax", b"first", b"summary 1")
            .expect("save"),
        1
    );
    assert_eq!(
        vault
            .save_draft("d1", "dog-tax", b"second", b"summary 2")
            .expect("save"),
        2
    );
    let d = vault.open_draft("d1").expect("open");
    assert_eq!(
        (d.id.as_str(), d.procedure_id.as_str(), d.version),
        ("d1", "dog-tax", 2)
    );
    assert_eq!(d.payload.as_slice(), b"second");
    assert_eq!(d.summary.as_slice(), b"summary 2");
    assert!(d.created_ms > 0 && d.updated_ms >= d.created_ms);
    drop(vault);
    // Durable: a new process (a new connection) sees the same.
    let vault = open(dir.path(), &k);
    assert_eq!(
        vault.open_draft("d1").expect("reopen").payload.as_slice(),
        b"second"
    );
}

#[test]
fn the_list_shows_every_draft_newest_first_from_its_summary() {
    let dir = tempdir();
    let vault = open(dir.path(), &keys());
    for i in 0..5 {
        vault
            .save_draft(
                &format!("d{i}"),
                "bulky-waste",
                &payload("x", 10_000),
                format!("title {i}").as_bytes(),
            )
            .expect("save");
    }
    vault
        .save_draft("d2", "bulky-waste", b"changed", b"title 2 changed")
        .expect("save");
    let list = vault.list_drafts().expect("list");
    assert_eq!(list.len(), 5);
    assert_eq!(list[0].id, "d2");
    assert_eq!(readable(&list[0].summary), b"title 2 changed");
    assert_eq!(list[0].version, 2);
    let mut ids: Vec<_> = list.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["d0", "d1", "d2", "d3", "d4"]);
    assert!(list.iter().all(|e| e.procedure_id == "bulky-waste"));
    assert!(list.windows(2).all(|w| w[0].updated_ms >= w[1].updated_ms));
}

#[test]
fn nothing_of_the_plaintext_is_in_the_database_files() {
    let dir = tempdir();
    let vault = open(dir.path(), &keys());
    let secret = b"Bello, Dackel, geboren 2019, Halterin Erika Mustermann";
    vault
        .save_draft("d1", "dog-tax", secret, b"Hundesteuer Erika")
        .expect("save");
    vault
        .save_attachment("d1", "a1", b"Impfpass Bello PDF-Inhalt", b"impfpass.pdf")
        .expect("save");
    let bytes = crate::secure_delete::database_bytes(dir.path());
    for needle in [&secret[..], b"Bello", b"Erika", b"impfpass", b"Impfpass"] {
        assert!(
            !crate::secure_delete::contains(&bytes, needle),
            "{:?} found",
            String::from_utf8_lossy(needle)
        );
    }
    // The scan itself works: ids and procedure ids are plaintext by design.
    assert!(crate::secure_delete::contains(&bytes, b"dog-tax"));
}

#[test]
fn attachments_belong_to_a_draft_and_go_with_it() {
    let dir = tempdir();
    let vault = open(dir.path(), &keys());
    vault
        .save_draft("d1", "dog-tax", b"draft", b"s")
        .expect("save");
    vault
        .save_draft("d2", "dog-tax", b"other", b"s")
        .expect("save");
    vault
        .save_attachment("d1", "a1", &payload("pdf", 70_000), b"vaccination.pdf")
        .expect("save");
    vault
        .save_attachment("d1", "a2", b"photo", b"photo.jpg")
        .expect("save");
    vault
        .save_attachment("d2", "b1", b"keep", b"keep.txt")
        .expect("save");
    let list = vault.list_attachments("d1").expect("list");
    let names: Vec<_> = list.iter().map(|a| readable(&a.summary).to_vec()).collect();
    assert_eq!(names, [b"vaccination.pdf".to_vec(), b"photo.jpg".to_vec()]);
    let a1 = vault.open_attachment("a1").expect("open");
    assert_eq!((a1.draft_id.as_str(), a1.payload.len()), ("d1", 70_000));
    // Attachments are not drafts, and need an existing draft.
    assert_eq!(vault.list_drafts().expect("list").len(), 2);
    assert!(matches!(
        vault.open_draft("a1"),
        Err(VaultError::NotFound(_))
    ));
    assert!(matches!(
        vault.save_attachment("nope", "a3", b"x", b"x"),
        Err(VaultError::InvalidInput(_))
    ));
    assert!(matches!(
        vault.save_draft("a1", "dog-tax", b"x", b"x"),
        Err(VaultError::InvalidInput(_))
    ));

    // An attachment stays with its draft.
    assert!(matches!(
        vault.save_attachment("d2", "a2", b"photo", b"photo.jpg"),
        Err(VaultError::InvalidInput(_))
    ));
    vault.delete_attachment("a2").expect("delete one");
    assert_eq!(vault.list_attachments("d1").expect("list").len(), 1);
    vault.delete_draft("d1").expect("delete draft");
    assert!(matches!(
        vault.open_draft("d1"),
        Err(VaultError::NotFound(_))
    ));
    assert!(matches!(
        vault.open_attachment("a1"),
        Err(VaultError::NotFound(_))
    ));
    assert!(vault.list_attachments("d1").expect("list").is_empty());
    assert_eq!(
        vault
            .open_attachment("b1")
            .expect("other draft's")
            .payload
            .as_slice(),
        b"keep"
    );
    assert!(matches!(
        vault.delete_draft("d1"),
        Err(VaultError::NotFound(_))
    ));
}

#[test]
fn bad_ids_are_refused() {
    let vault = Vault::in_memory().expect("vault");
    for id in ["", "a\nb", &"x".repeat(201)] {
        assert!(
            matches!(
                vault.save_draft(id, "p", b"x", b"x"),
                Err(VaultError::InvalidInput(_))
            ),
            "{id:?}"
        );
    }
    assert!(matches!(
        vault.save_draft("ok", "", b"x", b"x"),
        Err(VaultError::InvalidInput(_))
    ));
    assert!(matches!(
        vault.open_draft("missing"),
        Err(VaultError::NotFound(_))
    ));
}

#[test]
fn the_vault_folder_is_private_and_holds_the_database() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempdir();
    let dir = parent.path().join("nested").join("vault");
    let vault = Vault::open(&dir, KeySource::Keys(keys())).expect("open");
    assert_eq!(vault.dir(), Some(dir.as_path()));
    let mode = std::fs::metadata(&dir).expect("dir").permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    assert!(dir.join("vault.sqlite3").is_file());
    let journal: String = crate::raw(&dir)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("pragma");
    assert_eq!(journal, "wal");
}

#[test]
fn saving_a_damaged_draft_again_repairs_it() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    vault.save_draft("d1", "p", b"one", b"s").expect("save");
    crate::flip(dir.path(), "d1", "summary", 3);
    assert!(matches!(
        vault.open_draft("d1"),
        Err(VaultError::Damaged {
            reason: DamageReason::Signature,
            ..
        })
    ));
    assert_eq!(
        vault
            .save_draft("d1", "p", b"two", b"s2")
            .expect("save again"),
        2
    );
    assert_eq!(
        vault.open_draft("d1").expect("open").payload.as_slice(),
        b"two"
    );
    assert!(matches!(
        vault.list_drafts().expect("list")[0].summary,
        Summary::Readable(_)
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_payload_and_summary_round_trip(payload in proptest::collection::vec(any::<u8>(), 0..20_000),
                                          summary in proptest::collection::vec(any::<u8>(), 0..300)) {
        let vault = Vault::in_memory().expect("vault");
        vault.save_draft("d", "p", &payload, &summary).expect("save");
        let d = vault.open_draft("d").expect("open");
        prop_assert_eq!(d.payload.as_slice(), payload.as_slice());
        prop_assert_eq!(d.summary.as_slice(), summary.as_slice());
        let list = vault.list_drafts().expect("list");
        prop_assert_eq!(readable(&list[0].summary), summary.as_slice());
    }
}

#[test]
fn debug_output_shows_no_plaintext() {
    let vault = Vault::in_memory().expect("vault");
    vault
        .save_draft("d", "dog-tax", b"Erika Mustermann", b"Hundesteuer Bello")
        .expect("save");
    vault.save_draft("e", "dog-tax", b"x", b"y").expect("save");
    vault
        .save_attachment("d", "a", b"Impfpass Bello", b"impfpass.pdf")
        .expect("save");
    let shown = format!(
        "{:?} {:?} {:?} {:?}",
        vault.open_draft("d").expect("open"),
        vault.list_drafts().expect("list"),
        vault.open_attachment("a").expect("open"),
        vault.list_attachments("d").expect("list"),
    );
    for secret in ["Erika", "Hundesteuer", "Impfpass", "impfpass", "69, 114"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(
        shown.contains("<16 bytes>") && shown.contains("dog-tax"),
        "{shown}"
    );
}
