//! The outbox's records: a draft frozen into an application (one transaction, also when
//! killed at any step of it), the application never edited, its sending record's
//! versions, each checked like any record, carried by exports, removed with all data;
//! and the installation's device key seed.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use amtsweg_vault::failpoints::{FileKeyStore, test_payload};
use amtsweg_vault::{DamageReason, KeySource, Summary, Vault, VaultError, VaultKeys};

use crate::secure_delete::{contains, database_bytes};
use crate::{CHEAP, flip, keys, open, passphrase, payload, raw, readable, tempdir};

/// Draft `id` at version 2 with two attachments, `<id>-photo` and `<id>-letter`.
fn draft_with_attachments(vault: &Vault, id: &str) {
    vault
        .save_draft(id, "dog-tax", &payload(&format!("{id} v1"), 4096), b"v1")
        .expect("save draft");
    vault
        .save_draft(id, "dog-tax", &draft_payload(id), id.as_bytes())
        .expect("save draft again");
    for (name, len) in [("photo", 70_000), ("letter", 3000)] {
        let att = format!("{id}-{name}");
        vault
            .save_attachment(id, &att, &payload(&att, len), att.as_bytes())
            .expect("save attachment");
    }
}

fn draft_payload(id: &str) -> Vec<u8> {
    payload(&format!("{id} v2 "), 64 * 1024)
}

fn attachment_ids(draft: &str) -> [String; 2] {
    [format!("{draft}-photo"), format!("{draft}-letter")]
}

fn freeze(vault: &Vault, draft: &str, application: &str) {
    vault
        .freeze_application(
            draft,
            application,
            "dog-tax",
            &test_payload(application, 1),
            application.as_bytes(),
        )
        .expect("freeze");
}

/// Every ciphertext column of a record as stored now.
fn ciphertexts(dir: &Path, id: &str) -> Vec<Vec<u8>> {
    raw(dir)
        .query_row(
            "SELECT summary, payload, signature FROM records WHERE id = ?1",
            [id],
            |r| Ok(vec![r.get(0)?, r.get(1)?, r.get(2)?]),
        )
        .expect("row")
}

fn kinds_in_db(dir: &Path) -> Vec<(String, String)> {
    raw(dir)
        .prepare("SELECT id, kind FROM records ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

fn damage(result: Result<impl std::fmt::Debug, VaultError>) -> DamageReason {
    match result {
        Err(VaultError::Damaged { reason, .. }) => reason,
        other => panic!("expected damage, got {other:?}"),
    }
}

#[test]
fn freezing_moves_the_draft_and_its_attachments_into_one_application() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    draft_with_attachments(&vault, "draft-1");
    draft_with_attachments(&vault, "kept");
    let mut gone = ciphertexts(dir.path(), "draft-1");
    for att in attachment_ids("draft-1") {
        gone.extend(ciphertexts(dir.path(), &att));
    }

    freeze(&vault, "draft-1", "app-1");

    let app = vault.open_application("app-1").expect("open application");
    assert_eq!(app.id, "app-1");
    assert_eq!(app.procedure_id, "dog-tax");
    assert!(app.created_ms > 0);
    assert_eq!(app.payload.as_slice(), test_payload("app-1", 1).as_slice());
    assert_eq!(app.summary.as_slice(), b"app-1");
    // Debug shows sizes, never the contents.
    let debug = format!("{app:?}");
    assert!(!debug.contains("app-1:1;"), "{debug}");
    assert!(debug.contains(&test_payload("app-1", 1).len().to_string()));

    // The draft and its attachments are gone, records and manifest entries alike (a
    // manifest entry left behind would list them as missing).
    assert!(matches!(
        vault.open_draft("draft-1"),
        Err(VaultError::NotFound(_))
    ));
    for att in attachment_ids("draft-1") {
        assert!(matches!(
            vault.open_attachment(&att),
            Err(VaultError::NotFound(_))
        ));
    }
    assert!(vault.list_attachments("draft-1").expect("list").is_empty());
    let drafts = vault.list_drafts().expect("list drafts");
    assert_eq!(
        drafts.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["kept"]
    );
    assert!(vault.manifest_trusted().expect("manifest"));
    // The other draft keeps its attachments.
    assert_eq!(vault.list_attachments("kept").expect("list").len(), 2);
    assert_eq!(
        vault.open_draft("kept").expect("kept").payload.as_slice(),
        draft_payload("kept").as_slice()
    );

    // Deleted as thoroughly as by delete_draft: no ciphertext in the file or the WAL.
    let bytes = database_bytes(dir.path());
    // Every 32-byte window of the files, so each chunk is looked up, not searched for.
    let windows: std::collections::HashSet<&[u8]> = bytes.windows(32).collect();
    for ct in &gone {
        // 32 bytes of ciphertext are random: finding them means they are still there.
        for chunk in ct.chunks(32).filter(|c| c.len() == 32) {
            assert!(
                !windows.contains(chunk),
                "the frozen draft is still on disk"
            );
        }
    }
    let application_ct = ciphertexts(dir.path(), "app-1");
    assert!(contains(&bytes, &application_ct[1][..32]));

    let listed = vault.list_applications().expect("list applications");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].id.as_str(), listed[0].procedure_id.as_str()),
        ("app-1", "dog-tax")
    );
    assert_eq!(listed[0].created_ms, app.created_ms);
    assert_eq!(readable(&listed[0].summary), b"app-1");

    // And so it stays, read from disk by a new connection.
    drop(vault);
    let vault = open(dir.path(), &k);
    assert_eq!(
        vault
            .open_application("app-1")
            .expect("reopened")
            .payload
            .as_slice(),
        test_payload("app-1", 1).as_slice()
    );
    assert!(matches!(
        vault.open_draft("draft-1"),
        Err(VaultError::NotFound(_))
    ));
    assert!(vault.list_drafts().expect("list").len() == 1);
    assert!(vault.manifest_trusted().expect("manifest"));
}

#[test]
fn a_freeze_that_cannot_be_done_changes_nothing() {
    let dir = tempdir();
    let vault = open(dir.path(), &keys());
    draft_with_attachments(&vault, "draft-1");
    draft_with_attachments(&vault, "draft-2");
    let refused = |draft: &str, application: &str| {
        vault
            .freeze_application(draft, application, "dog-tax", b"payload", b"summary")
            .expect_err("refused")
    };

    // No such draft.
    assert!(matches!(
        refused("no-such-draft", "app-x"),
        VaultError::NotFound(id) if id == "no-such-draft"
    ));
    // An attachment is not a draft.
    assert!(matches!(
        refused("draft-1-photo", "app-x"),
        VaultError::NotFound(_)
    ));
    // The application id of another record: a draft (its own, too), an attachment.
    for taken in ["draft-2", "draft-1", "draft-2-photo"] {
        assert!(
            matches!(refused("draft-1", taken), VaultError::InvalidInput(_)),
            "{taken}"
        );
    }
    // An id in the sending records' namespace.
    assert!(matches!(
        refused("draft-1", "sending:app-x"),
        VaultError::InvalidInput(_)
    ));
    assert!(vault.list_applications().expect("list").is_empty());

    // A second freeze with the same application id: never written twice.
    freeze(&vault, "draft-1", "app-1");
    assert!(matches!(
        refused("draft-2", "app-1"),
        VaultError::InvalidInput(_)
    ));
    // Repeated as it was (the draft is gone now): the application is named first.
    assert!(matches!(
        refused("draft-1", "app-1"),
        VaultError::InvalidInput(_)
    ));
    // An application is not a draft to freeze.
    assert!(matches!(refused("app-1", "app-2"), VaultError::NotFound(_)));

    // draft-2 and its attachments are untouched, app-1 is as frozen.
    assert_eq!(
        vault
            .open_draft("draft-2")
            .expect("draft-2")
            .payload
            .as_slice(),
        draft_payload("draft-2").as_slice()
    );
    assert_eq!(vault.list_attachments("draft-2").expect("list").len(), 2);
    assert_eq!(
        vault
            .open_application("app-1")
            .expect("app-1")
            .payload
            .as_slice(),
        test_payload("app-1", 1).as_slice()
    );
    let ids: Vec<String> = vault
        .list_applications()
        .expect("list")
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids, ["app-1"]);
}

#[test]
fn an_application_cannot_be_edited_or_deleted_as_a_draft() {
    let dir = tempdir();
    let vault = open(dir.path(), &keys());
    draft_with_attachments(&vault, "draft-1");
    draft_with_attachments(&vault, "draft-2");
    freeze(&vault, "draft-1", "app-1");
    vault.save_sending("app-1", b"step 1").expect("sending");

    let invalid = |r: Result<u64, VaultError>| matches!(r, Err(VaultError::InvalidInput(_)));
    assert!(invalid(vault.save_draft("app-1", "dog-tax", b"x", b"x")));
    // Neither as an attachment of a draft, nor as a draft with attachments.
    assert!(invalid(
        vault.save_attachment("draft-2", "app-1", b"x", b"x")
    ));
    assert!(invalid(vault.save_attachment("app-1", "file", b"x", b"x")));
    // The sending record's id is no draft or attachment either.
    assert!(invalid(vault.save_draft(
        "sending:app-1",
        "dog-tax",
        b"x",
        b"x"
    )));
    assert!(invalid(vault.save_attachment(
        "draft-2",
        "sending:app-1",
        b"x",
        b"x"
    )));
    assert!(matches!(
        vault.delete_draft("app-1"),
        Err(VaultError::NotFound(_))
    ));
    assert!(matches!(
        vault.delete_attachment("sending:app-1"),
        Err(VaultError::NotFound(_))
    ));
    assert!(matches!(
        vault.open_draft("app-1"),
        Err(VaultError::NotFound(_))
    ));

    // Nothing changed, and neither record shows among the drafts or attachments.
    assert_eq!(
        vault
            .open_application("app-1")
            .expect("app-1")
            .payload
            .as_slice(),
        test_payload("app-1", 1).as_slice()
    );
    let sending = vault.open_sending("app-1").expect("read").expect("saved");
    assert_eq!(
        (sending.version, sending.payload.as_slice()),
        (1, &b"step 1"[..])
    );
    let drafts: Vec<String> = vault
        .list_drafts()
        .expect("list")
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(drafts, ["draft-2"]);
    assert!(vault.list_attachments("app-1").expect("list").is_empty());
    assert_eq!(vault.list_attachments("draft-2").expect("list").len(), 2);
}

/// Waits (spinning, not sleeping) until the wall clock's millisecond moves on, so the
/// next record is created at a later millisecond than the last.
fn next_millisecond() {
    let ms = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_millis()
    };
    let start = ms();
    while ms() == start {
        std::hint::spin_loop();
    }
}

#[test]
fn applications_are_listed_oldest_first_and_damaged_ones_with_their_reason() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    // Frozen in the reverse of their ids' order, so only the time can order them so.
    for (draft, app) in [("d3", "app-c"), ("d2", "app-b"), ("d1", "app-a")] {
        vault
            .save_draft(draft, "bulky-waste", b"draft", b"draft")
            .expect("save");
        next_millisecond();
        vault
            .freeze_application(draft, app, "bulky-waste", app.as_bytes(), app.as_bytes())
            .expect("freeze");
    }
    let listed = vault.list_applications().expect("list");
    let ids: Vec<&str> = listed.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["app-c", "app-b", "app-a"]);
    assert!(listed.windows(2).all(|w| w[0].created_ms < w[1].created_ms));
    for a in &listed {
        assert_eq!(readable(&a.summary), a.id.as_bytes());
        assert_eq!(a.procedure_id, "bulky-waste");
    }
    drop(vault);

    // One summary changed, one application removed behind the vault's back.
    flip(dir.path(), "app-b", "summary", 3);
    raw(dir.path())
        .execute("DELETE FROM records WHERE id = 'app-a'", [])
        .expect("remove");
    let vault = open(dir.path(), &k);
    let listed = vault.list_applications().expect("list");
    let reasons: Vec<(&str, Option<&DamageReason>)> = listed
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                match &a.summary {
                    Summary::Damaged { reason } => Some(reason),
                    _ => None,
                },
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [
            ("app-c", None),
            ("app-b", Some(&DamageReason::Decryption)),
            ("app-a", Some(&DamageReason::Missing)),
        ]
    );
    assert_eq!(
        damage(vault.open_application("app-a")),
        DamageReason::Missing
    );
    assert_eq!(
        damage(vault.open_application("app-b")),
        DamageReason::Signature
    );
    assert_eq!(vault.open_application("app-c").expect("intact").id, "app-c");
}

#[test]
fn sending_versions_increase_and_survive_reopening_the_vault() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    // No application, no sending record.
    assert!(matches!(
        vault.save_sending("app-1", b"step"),
        Err(VaultError::NotFound(id)) if id == "app-1"
    ));
    // Nor for a draft of that id.
    vault
        .save_draft("draft-1", "dog-tax", b"d", b"d")
        .expect("save");
    assert!(matches!(
        vault.save_sending("draft-1", b"step"),
        Err(VaultError::NotFound(_))
    ));
    freeze(&vault, "draft-1", "app-1");
    assert!(vault.open_sending("app-1").expect("read").is_none());

    let steps: [&[u8]; 3] = [b"registered", b"sealed", b"submitted"];
    for (i, step) in steps.iter().enumerate() {
        assert_eq!(
            vault.save_sending("app-1", step).expect("save"),
            i as u64 + 1
        );
        let s = vault.open_sending("app-1").expect("read").expect("saved");
        assert_eq!((s.version, s.payload.as_slice()), (i as u64 + 1, *step));
    }
    drop(vault);

    let vault = open(dir.path(), &k);
    let s = vault.open_sending("app-1").expect("read").expect("saved");
    assert_eq!(s.application_id, "app-1");
    assert_eq!((s.version, s.payload.as_slice()), (3, &b"submitted"[..]));
    assert!(s.updated_ms > 0);
    assert!(!format!("{s:?}").contains("submitted"));
    assert_eq!(vault.save_sending("app-1", b"polled").expect("save"), 4);
    // The application itself is unchanged by its sending record.
    assert_eq!(
        vault
            .open_application("app-1")
            .expect("app")
            .payload
            .as_slice(),
        test_payload("app-1", 1).as_slice()
    );
    assert_eq!(
        kinds_in_db(dir.path()),
        [
            ("app-1".to_owned(), "application".to_owned()),
            ("sending:app-1".to_owned(), "sending".to_owned())
        ]
    );
}

/// A vault with application `app-1` and its sending record at version 2, closed.
fn application_with_sending(dir: &Path, k: &VaultKeys) {
    let vault = open(dir, k);
    draft_with_attachments(&vault, "draft-1");
    freeze(&vault, "draft-1", "app-1");
    vault.save_sending("app-1", b"step 1").expect("v1");
    vault.save_sending("app-1", b"step 2").expect("v2");
    vault
        .save_draft("other", "dog-tax", b"other", b"other")
        .expect("other draft");
}

#[test]
fn a_changed_byte_in_an_application_or_sending_is_damage() {
    for (id, column) in [
        ("app-1", "payload"),
        ("app-1", "signature"),
        ("sending:app-1", "payload"),
        ("sending:app-1", "payload_nonce"),
    ] {
        let dir = tempdir();
        let k = keys();
        application_with_sending(dir.path(), &k);
        flip(dir.path(), id, column, -5);
        let vault = open(dir.path(), &k);
        let reason = if id == "app-1" {
            damage(vault.open_application(id))
        } else {
            damage(vault.open_sending("app-1"))
        };
        assert_eq!(reason, DamageReason::Signature, "{id} {column}");
        // The other record and the draft still open.
        if id == "app-1" {
            assert!(vault.open_sending("app-1").expect("sending").is_some());
        } else {
            vault.open_application("app-1").expect("application");
        }
        vault.open_draft("other").expect("other");
    }
}

#[test]
fn an_older_sending_version_put_back_is_damage_not_an_earlier_step() {
    let dir = tempdir();
    let k = keys();
    application_with_sending(dir.path(), &k);
    // A copy of the sending record at version 2, exactly as the vault wrote it.
    raw(dir.path())
        .execute_batch("CREATE TABLE saved AS SELECT * FROM records WHERE id = 'sending:app-1'")
        .expect("copy");
    let vault = open(dir.path(), &k);
    assert_eq!(vault.save_sending("app-1", b"step 3").expect("v3"), 3);
    drop(vault);
    raw(dir.path())
        .execute_batch(
            "DELETE FROM records WHERE id = 'sending:app-1';
             INSERT INTO records SELECT * FROM saved; DROP TABLE saved;",
        )
        .expect("put back");
    let vault = open(dir.path(), &k);
    assert_eq!(
        damage(vault.open_sending("app-1")),
        DamageReason::StaleVersion {
            stored: 2,
            expected: 3
        }
    );
    vault.open_application("app-1").expect("application intact");
}

#[test]
fn a_sending_record_removed_or_relabelled_is_damage_never_none() {
    let dir = tempdir();
    let k = keys();
    application_with_sending(dir.path(), &k);
    raw(dir.path())
        .execute(
            "UPDATE records SET kind = 'draft', parent = NULL WHERE id = 'sending:app-1'",
            [],
        )
        .expect("relabel");
    let vault = open(dir.path(), &k);
    assert!(matches!(
        vault.open_sending("app-1"),
        Err(VaultError::Damaged { .. })
    ));
    drop(vault);
    raw(dir.path())
        .execute("DELETE FROM records WHERE id = 'sending:app-1'", [])
        .expect("remove");
    let vault = open(dir.path(), &k);
    assert_eq!(damage(vault.open_sending("app-1")), DamageReason::Missing);
}

#[test]
fn a_changed_manifest_distrusts_them_until_current_versions_are_trusted() {
    let dir = tempdir();
    let k = keys();
    application_with_sending(dir.path(), &k);
    crate::flip_in(dir.path(), "manifest", "bucket", &-1i64, "mac", 0);
    let vault = open(dir.path(), &k);
    assert!(!vault.manifest_trusted().expect("manifest"));
    assert_eq!(
        damage(vault.open_application("app-1")),
        DamageReason::ManifestInvalid
    );
    assert_eq!(
        damage(vault.open_sending("app-1")),
        DamageReason::ManifestInvalid
    );
    // Listed intact, but unverified.
    let listed = vault.list_applications().expect("list");
    assert!(matches!(&listed[0].summary, Summary::Unverified(s) if s.as_slice() == b"app-1"));

    vault.trust_current_versions().expect("trust");
    assert!(vault.manifest_trusted().expect("manifest"));
    vault.open_application("app-1").expect("application opens");
    let s = vault.open_sending("app-1").expect("read").expect("saved");
    assert_eq!(s.version, 2);
    assert_eq!(vault.save_sending("app-1", b"step 3").expect("save"), 3);
    drop(vault);

    // The trusted manifest lists both again: removing them behind the vault's back is
    // noticed.
    raw(dir.path())
        .execute(
            "DELETE FROM records WHERE id IN ('app-1', 'sending:app-1')",
            [],
        )
        .expect("remove");
    let vault = open(dir.path(), &k);
    assert_eq!(
        damage(vault.open_application("app-1")),
        DamageReason::Missing
    );
    assert_eq!(damage(vault.open_sending("app-1")), DamageReason::Missing);
}

#[test]
fn an_export_carries_applications_with_their_sending_records() {
    let dir = tempdir();
    let k = keys();
    application_with_sending(dir.path(), &k);
    let vault = open(dir.path(), &k);
    vault
        .save_attachment("other", "other-file", b"file", b"file")
        .expect("attachment");
    let file = dir.path().join("export.amtsweg");
    let secret = passphrase("a long export passphrase");
    let report = vault.export(&file, &secret).expect("export");
    assert_eq!(
        (
            report.drafts,
            report.attachments,
            report.applications,
            report.damaged.len()
        ),
        (1, 1, 1, 0)
    );

    let contents = Vault::read_export(&file, &secret).expect("read");
    let drafts: Vec<&str> = contents.drafts().map(|(id, _, _)| id).collect();
    assert_eq!(drafts, ["other"]);
    assert_eq!(contents.applications().collect::<Vec<_>>(), ["app-1"]);
    assert_eq!(format!("{contents:?}"), "ExportContents(<4 records>)");

    let elsewhere = tempdir();
    let other = open(elsewhere.path(), &keys());
    let imported = other.import(&file, &secret).expect("import");
    assert_eq!(imported.imported, ["other"]);
    assert_eq!(imported.applications, ["app-1"]);
    assert_eq!(
        kinds_in_db(elsewhere.path()),
        [
            ("app-1".to_owned(), "application".to_owned()),
            ("installation:adopted".to_owned(), "installation".to_owned()),
            ("other".to_owned(), "draft".to_owned()),
            ("other-file".to_owned(), "attachment".to_owned()),
            ("sending:app-1".to_owned(), "sending".to_owned()),
        ]
    );
    assert_eq!(
        other
            .open_sending("app-1")
            .expect("read")
            .expect("saved")
            .payload
            .as_slice(),
        b"step 2"
    );

    // Imported back here, the application and its sending record stay as they were.
    vault.import(&file, &secret).expect("import here");
    assert_eq!(
        vault
            .open_sending("app-1")
            .expect("read")
            .expect("saved")
            .version,
        2
    );
    vault.open_application("app-1").expect("application");
}

#[test]
fn deleting_all_data_removes_applications_and_sendings() {
    let dir = tempdir();
    let k = keys();
    application_with_sending(dir.path(), &k);
    let vault = open(dir.path(), &k);
    let removed = vault.delete_all().expect("delete all");
    assert!(removed.contains(&crate::db_path(dir.path())), "{removed:?}");
    assert!(!crate::db_path(dir.path()).exists());

    let vault = open(dir.path(), &k);
    assert!(vault.list_applications().expect("list").is_empty());
    assert!(matches!(
        vault.open_application("app-1"),
        Err(VaultError::NotFound(_))
    ));
    assert!(vault.open_sending("app-1").expect("read").is_none());
    assert!(kinds_in_db(dir.path()).is_empty());
}

#[test]
fn the_installation_seed_follows_the_keys_and_only_them() {
    let dir = tempdir();
    let store = FileKeyStore(dir.path().join("keys.txt"));
    let vault =
        Vault::open(dir.path(), KeySource::Store(Box::new(store.clone()))).expect("first start");
    let seed = *vault.installation_seed().expect("seed");
    assert_ne!(seed, [0u8; 32]);
    assert_eq!(*vault.installation_seed().expect("seed"), seed);
    vault.save_draft("d", "dog-tax", b"d", b"d").expect("save");
    let code = vault.set_recovery_code(CHEAP).expect("recovery code");
    drop(vault);

    // A restart.
    let vault = Vault::open(dir.path(), KeySource::Store(Box::new(store.clone()))).expect("again");
    assert_eq!(*vault.installation_seed().expect("seed"), seed);
    // The keys moved to a passphrase and back.
    vault
        .seal_keys_under(&passphrase("first passphrase 1"), Some(&store))
        .expect("to passphrase");
    drop(vault);
    let vault = Vault::open(
        dir.path(),
        KeySource::Passphrase(passphrase("first passphrase 1")),
    )
    .expect("passphrase");
    assert_eq!(*vault.installation_seed().expect("seed"), seed);
    vault.keep_keys_in(&store).expect("back to the store");
    drop(vault);
    // The keys lost, the recovery code brings them back.
    amtsweg_vault::KeyStore::delete(&store).expect("lose the keys");
    let vault = Vault::open(dir.path(), KeySource::RecoveryCode(code)).expect("recovered");
    assert_eq!(*vault.installation_seed().expect("seed"), seed);
    drop(vault);

    // Not a key the vault itself uses: neither the data key, nor the signing seed, nor
    // the signing key's public half.
    let k = keys();
    let other = open(tempdir().path(), &k);
    let other_seed = *other.installation_seed().expect("seed");
    let text = k.to_secret_text();
    let hex_seed = hex::encode(other_seed);
    assert!(!text.contains(&hex_seed));
    assert_ne!(
        ed25519_dalek::SigningKey::from_bytes(&other_seed).verifying_key(),
        k.verifying_key()
    );
    // Other keys, another seed; the same keys, the same seed (also in another vault).
    assert_ne!(other_seed, seed);
    let same_keys = open(tempdir().path(), &k);
    assert_eq!(*same_keys.installation_seed().expect("seed"), other_seed);
}

// --- a freeze killed at each of its steps ---

/// Every named step of a freeze, in order; `save:after-encrypt` is inside the write of
/// the application record.
const FREEZE_STEPS: [&str; 6] = [
    "freeze:before-write",
    "save:after-encrypt",
    "freeze:application-written",
    "freeze:draft-deleted",
    "freeze:before-commit",
    "freeze:after-commit",
];

#[derive(Debug, PartialEq, Eq)]
enum Left {
    Draft,
    Application,
}

/// Runs the test child's freeze of `draft-1` into `app-1`; with a failpoint, kills it
/// with SIGKILL there. Returns whether the freeze reported success.
fn run_freeze(dir: &Path, k: &VaultKeys, failpoint: Option<&str>) -> bool {
    let mut command = Command::new(env!("CARGO_BIN_EXE_amtsweg-vault-test-child"));
    command.arg("freeze").arg(dir).args(["draft-1", "app-1"]);
    if let Some(name) = failpoint {
        command.args([name, "1"]);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the child");
    let mut stdin = child.stdin.take().expect("stdin");
    writeln!(stdin, "{}", k.to_secret_text().as_str()).expect("send keys");
    drop(stdin);
    let wanted = failpoint.map(|name| format!("FAILPOINT {name}"));
    let mut frozen = false;
    let mut reached = false;
    for line in BufReader::new(child.stdout.take().expect("stdout")).lines() {
        let line = line.expect("line");
        if wanted.as_ref() == Some(&line) {
            reached = true;
            break;
        }
        frozen |= line == "FROZEN";
    }
    if failpoint.is_some() {
        assert!(reached, "the child never reached {failpoint:?}");
        child.kill().expect("SIGKILL");
    }
    child.wait().expect("reap");
    frozen
}

/// Exactly one of the draft (with both attachments, intact) and the application
/// (intact, the draft's attachments gone) is there, and everything lists readable.
fn what_is_left(dir: &Path, k: &VaultKeys, context: &str) -> Left {
    let vault = open(dir, k);
    let draft = vault.open_draft("draft-1");
    let application = vault.open_application("app-1");
    let left = match (draft, application) {
        (Ok(draft), Err(VaultError::NotFound(_))) => {
            assert_eq!(
                draft.payload.as_slice(),
                draft_payload("draft-1").as_slice(),
                "{context}"
            );
            let listed = vault.list_attachments("draft-1").expect("list");
            assert_eq!(listed.len(), 2, "{context}");
            for att in attachment_ids("draft-1") {
                let opened = vault
                    .open_attachment(&att)
                    .unwrap_or_else(|e| panic!("{context}: {att}: {e}"));
                assert_eq!(opened.summary.as_slice(), att.as_bytes(), "{context}");
            }
            assert!(
                vault.list_applications().expect("list").is_empty(),
                "{context}"
            );
            Left::Draft
        }
        (Err(VaultError::NotFound(_)), Ok(app)) => {
            assert_eq!(
                app.payload.as_slice(),
                test_payload("app-1", 1).as_slice(),
                "{context}"
            );
            for att in attachment_ids("draft-1") {
                assert!(
                    matches!(vault.open_attachment(&att), Err(VaultError::NotFound(_))),
                    "{context}: {att} outlived its draft"
                );
            }
            assert!(vault.list_attachments("draft-1").expect("list").is_empty());
            Left::Application
        }
        (draft, application) => {
            panic!("{context}: draft {draft:?}, application {application:?}")
        }
    };
    assert!(vault.manifest_trusted().expect("manifest"), "{context}");
    for d in vault.list_drafts().expect("list") {
        assert!(
            matches!(d.summary, Summary::Readable(_)),
            "{context}: {d:?}"
        );
    }
    for a in vault.list_applications().expect("list") {
        assert!(
            matches!(a.summary, Summary::Readable(_)),
            "{context}: {a:?}"
        );
    }
    vault.open_draft("bystander").expect("the other draft");
    left
}

#[test]
fn a_freeze_killed_at_any_step_leaves_the_draft_or_the_application() {
    for step in FREEZE_STEPS {
        let dir = tempdir();
        let k = keys();
        {
            let vault = open(dir.path(), &k);
            draft_with_attachments(&vault, "draft-1");
            vault
                .save_draft("bystander", "dog-tax", b"b", b"b")
                .expect("bystander");
        }
        assert!(!run_freeze(dir.path(), &k, Some(step)));
        let context = format!("killed at {step}");
        let left = what_is_left(dir.path(), &k, &context);
        let committed = step == "freeze:after-commit";
        assert_eq!(
            left,
            if committed {
                Left::Application
            } else {
                Left::Draft
            },
            "{context}"
        );
        if !committed {
            // The freeze can simply be done again, and then it is done.
            assert!(run_freeze(dir.path(), &k, None), "{context}: freeze again");
            assert_eq!(
                what_is_left(dir.path(), &k, &format!("{context}, then frozen")),
                Left::Application
            );
        }
    }
}

// --- a full disk ---

#[test]
fn a_freeze_on_a_full_disk_changes_nothing() {
    crate::disk_full::on_small_disk(
        "applications::a_freeze_on_a_full_disk_changes_nothing",
        freeze_on_full_disk,
    );
}

fn freeze_on_full_disk(dir: &Path) {
    let k = keys();
    let vault = open(dir, &k);
    draft_with_attachments(&vault, "draft-1");
    // A file fills the disk, then gives back 300 KiB: room to delete the draft (about
    // 140 KiB of pages to zero), none to write a 1 MiB application. So a freeze that
    // deleted the draft apart from writing the application would lose the draft here.
    let ballast_path = dir.join("ballast");
    let mut ballast = std::fs::File::create(&ballast_path).expect("ballast");
    let chunk = vec![0x5a_u8; 64 * 1024];
    loop {
        match ballast.write(&chunk) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
            Err(e) => panic!("filling the disk: {e}"),
        }
    }
    let full = ballast.metadata().expect("ballast size").len();
    ballast.set_len(full - 300 * 1024).expect("make room");
    drop(ballast);
    let err = vault
        .freeze_application(
            "draft-1",
            "app-1",
            "dog-tax",
            &payload("application", 1024 * 1024),
            b"app-1",
        )
        .expect_err("the disk is full");
    assert!(matches!(err, VaultError::DiskFull), "{err:?}");
    let check = |vault: &Vault| {
        assert!(matches!(
            vault.open_application("app-1"),
            Err(VaultError::NotFound(_))
        ));
        assert!(vault.list_applications().expect("list").is_empty());
        assert_eq!(
            vault
                .open_draft("draft-1")
                .expect("draft")
                .payload
                .as_slice(),
            draft_payload("draft-1").as_slice()
        );
        for att in attachment_ids("draft-1") {
            vault.open_attachment(&att).expect("attachment");
        }
        assert!(vault.manifest_trusted().expect("manifest"));
    };
    check(&vault);
    drop(vault);
    let vault = open(dir, &k);
    check(&vault);
    // With room again, the same freeze goes through.
    std::fs::remove_file(&ballast_path).expect("room");
    vault
        .freeze_application(
            "draft-1",
            "app-1",
            "dog-tax",
            &payload("application", 1024 * 1024),
            b"app-1",
        )
        .expect("freeze with room");
    assert!(matches!(
        vault.open_draft("draft-1"),
        Err(VaultError::NotFound(_))
    ));
    assert_eq!(
        vault.open_application("app-1").expect("app").payload.len(),
        1024 * 1024
    );
}
