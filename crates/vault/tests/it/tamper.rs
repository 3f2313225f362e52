//! Records changed behind the vault's back, as the fault table lists them: one flipped
//! byte, a record cut short, two records swapped, an old version put back. Each is
//! reported damaged; every other draft still lists and opens.

use std::path::Path;

use amtsweg_vault::{DamageReason, Summary, Vault, VaultError, VaultKeys};

use crate::{flip, keys, open, payload, raw, readable, tempdir};

/// A vault with drafts a, b, c (c at version 2), closed again.
fn three_drafts(dir: &Path, k: &VaultKeys) {
    let vault = open(dir, k);
    vault
        .save_draft("a", "dog-tax", &payload("A", 4096), b"sum a")
        .expect("save a");
    vault
        .save_draft("b", "dog-tax", &payload("B", 4096), b"sum b")
        .expect("save b");
    vault
        .save_draft("c", "dog-tax", &payload("C0", 64 * 1024), b"sum c0")
        .expect("save c");
    vault
        .save_draft("c", "dog-tax", &payload("C1", 64 * 1024), b"sum c1")
        .expect("save c");
}

fn damage_of(vault: &Vault, id: &str) -> DamageReason {
    match vault.open_draft(id) {
        Err(VaultError::Damaged { id: got, reason }) => {
            assert_eq!(got, id);
            reason
        }
        other => panic!("{id} opened as {other:?}"),
    }
}

fn listed_damage(vault: &Vault, id: &str) -> Option<DamageReason> {
    let list = vault.list_drafts().expect("list");
    match &list.iter().find(|e| e.id == id).expect("listed").summary {
        Summary::Readable(_) => None,
        Summary::Damaged { reason } => Some(reason.clone()),
    }
}

/// The drafts not named in `damaged` open with what was saved.
fn others_intact(vault: &Vault, damaged: &[&str]) {
    let expected = [
        ("a", payload("A", 4096)),
        ("b", payload("B", 4096)),
        ("c", payload("C1", 64 * 1024)),
    ];
    for (id, bytes) in expected.iter().filter(|(id, _)| !damaged.contains(id)) {
        assert_eq!(
            vault
                .open_draft(id)
                .expect("intact draft opens")
                .payload
                .as_slice(),
            bytes.as_slice()
        );
        assert!(listed_damage(vault, id).is_none(), "{id} listed as damaged");
    }
    assert_eq!(
        vault.list_drafts().expect("list").len(),
        3,
        "a damaged draft hid others"
    );
}

/// Flips one byte of `column` of draft b, then checks the outcome.
fn flipped(column: &str, index: isize) -> (DamageReason, Option<DamageReason>) {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    flip(dir.path(), "b", column, index);
    let vault = open(dir.path(), &k);
    let opened = damage_of(&vault, "b");
    let listed = listed_damage(&vault, "b");
    others_intact(&vault, &["b"]);
    (opened, listed)
}

#[test]
fn a_flipped_payload_byte_is_damage() {
    for index in [0, 100, -1] {
        let (opened, listed) = flipped("payload", index);
        assert_eq!(opened, DamageReason::Signature);
        // The list reads no payload: it is caught when the draft is opened.
        assert_eq!(listed, None);
    }
}

#[test]
fn a_flipped_payload_nonce_byte_is_damage() {
    assert_eq!(flipped("payload_nonce", 5).0, DamageReason::Signature);
}

#[test]
fn a_flipped_signature_byte_is_damage() {
    for index in [0, 40, -1] {
        assert_eq!(flipped("signature", index).0, DamageReason::Signature);
    }
}

#[test]
fn a_flipped_summary_byte_is_damage_in_the_list_too() {
    let (opened, listed) = flipped("summary", 2);
    assert_eq!(opened, DamageReason::Signature);
    assert_eq!(listed, Some(DamageReason::Decryption));
    let (opened, listed) = flipped("summary_nonce", 0);
    assert_eq!(opened, DamageReason::Signature);
    assert_eq!(listed, Some(DamageReason::Decryption));
}

#[test]
fn a_changed_plaintext_column_is_damage() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    raw(dir.path())
        .execute(
            "UPDATE records SET procedure_id = 'resident-parking' WHERE id = 'b'",
            [],
        )
        .expect("tamper");
    raw(dir.path())
        .execute(
            "UPDATE records SET updated = updated + 1 WHERE id = 'a'",
            [],
        )
        .expect("tamper");
    let vault = open(dir.path(), &k);
    // The procedure id is bound into the encryption, so even the list notices.
    assert_eq!(listed_damage(&vault, "b"), Some(DamageReason::Decryption));
    assert_eq!(damage_of(&vault, "b"), DamageReason::Signature);
    // A time is only signed: caught when opened.
    assert_eq!(damage_of(&vault, "a"), DamageReason::Signature);
    assert_eq!(
        vault.open_draft("c").expect("c").payload.as_slice(),
        payload("C1", 64 * 1024).as_slice()
    );
}

#[test]
fn a_record_relabelled_with_another_format_is_damage() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    let conn = raw(dir.path());
    let formats: Vec<i64> = conn
        .prepare("SELECT format FROM records ORDER BY id")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("formats");
    assert_eq!(formats, [2, 2, 2], "this build writes record format 2");
    // A downgrade: read by the old rules (SHA-256), which the signature does not vouch
    // for. And a format no build has written.
    conn.execute("UPDATE records SET format = 1 WHERE id = 'b'", [])
        .expect("relabel b");
    conn.execute("UPDATE records SET format = 7 WHERE id = 'c'", [])
        .expect("relabel c");
    drop(conn);
    let vault = open(dir.path(), &k);
    assert_eq!(damage_of(&vault, "b"), DamageReason::Signature);
    assert_eq!(
        damage_of(&vault, "c"),
        DamageReason::Malformed("unknown record format")
    );
    // The list checks summaries by their AEAD tag alone, whatever the format.
    assert_eq!(listed_damage(&vault, "b"), None);
    others_intact(&vault, &["b", "c"]);
}

#[test]
fn a_truncated_record_is_damage() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    let conn = raw(dir.path());
    conn.execute(
        "UPDATE records SET payload = substr(payload, 1, 1000) WHERE id = 'b'",
        [],
    )
    .expect("cut payload");
    conn.execute(
        "UPDATE records SET signature = substr(signature, 1, 63) WHERE id = 'c'",
        [],
    )
    .expect("cut sig");
    drop(conn);
    let vault = open(dir.path(), &k);
    assert_eq!(damage_of(&vault, "b"), DamageReason::Signature);
    assert_eq!(damage_of(&vault, "c"), DamageReason::Signature);
    others_intact(&vault, &["b", "c"]);
}

#[test]
fn a_column_of_the_wrong_type_is_damage() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    raw(dir.path())
        .execute("UPDATE records SET summary = 'text' WHERE id = 'a'", [])
        .expect("tamper");
    let vault = open(dir.path(), &k);
    assert!(matches!(damage_of(&vault, "a"), DamageReason::Malformed(_)));
    assert!(matches!(
        listed_damage(&vault, "a"),
        Some(DamageReason::Malformed(_))
    ));
    others_intact(&vault, &["a"]);
}

#[test]
fn two_records_payloads_swapped_are_both_damage() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    let conn = raw(dir.path());
    // Ciphertext, nonce and signature move together: each is a valid record of ours,
    // under the other id.
    conn.execute_batch(
        "CREATE TEMP TABLE t AS SELECT id, payload_nonce, payload, signature FROM records WHERE id IN ('a', 'b');
         UPDATE records SET payload_nonce = (SELECT payload_nonce FROM t WHERE t.id = 'b'),
                            payload = (SELECT payload FROM t WHERE t.id = 'b'),
                            signature = (SELECT signature FROM t WHERE t.id = 'b') WHERE id = 'a';
         UPDATE records SET payload_nonce = (SELECT payload_nonce FROM t WHERE t.id = 'a'),
                            payload = (SELECT payload FROM t WHERE t.id = 'a'),
                            signature = (SELECT signature FROM t WHERE t.id = 'a') WHERE id = 'b';",
    )
    .expect("swap");
    drop(conn);
    let vault = open(dir.path(), &k);
    assert_eq!(damage_of(&vault, "a"), DamageReason::Signature);
    assert_eq!(damage_of(&vault, "b"), DamageReason::Signature);
    others_intact(&vault, &["a", "b"]);
}

#[test]
fn two_whole_records_swapped_under_each_others_ids_are_damage() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    let conn = raw(dir.path());
    conn.execute_batch(
        "UPDATE records SET id = 'tmp' WHERE id = 'a';
         UPDATE records SET id = 'a' WHERE id = 'b';
         UPDATE records SET id = 'b' WHERE id = 'tmp';",
    )
    .expect("swap ids");
    drop(conn);
    let vault = open(dir.path(), &k);
    // The id is in the associated data: the summaries do not open under the new ids.
    assert_eq!(listed_damage(&vault, "a"), Some(DamageReason::Decryption));
    assert_eq!(listed_damage(&vault, "b"), Some(DamageReason::Decryption));
    assert_eq!(damage_of(&vault, "a"), DamageReason::Signature);
    others_intact(&vault, &["a", "b"]);
}

#[test]
fn an_old_version_put_back_is_damage() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    vault
        .save_draft("a", "dog-tax", &payload("A", 4096), b"sum a")
        .expect("save a");
    vault
        .save_draft("b", "dog-tax", b"old b", b"old sum b")
        .expect("save b v1");
    drop(vault);
    // A copy of b's row at version 1, exactly as the vault wrote it.
    let conn = raw(dir.path());
    conn.execute_batch("CREATE TABLE saved_b AS SELECT * FROM records WHERE id = 'b'")
        .expect("copy");
    drop(conn);
    let vault = open(dir.path(), &k);
    vault
        .save_draft("b", "dog-tax", &payload("B", 4096), b"sum b")
        .expect("save b v2");
    vault
        .save_draft("c", "dog-tax", &payload("C0", 64 * 1024), b"sum c0")
        .expect("save c");
    vault
        .save_draft("c", "dog-tax", &payload("C1", 64 * 1024), b"sum c1")
        .expect("save c");
    drop(vault);
    let conn = raw(dir.path());
    conn.execute_batch("DELETE FROM records WHERE id = 'b'; INSERT INTO records SELECT * FROM saved_b; DROP TABLE saved_b;")
        .expect("put back");
    drop(conn);

    let vault = open(dir.path(), &k);
    let stale = DamageReason::StaleVersion {
        stored: 1,
        expected: 2,
    };
    assert_eq!(damage_of(&vault, "b"), stale);
    assert_eq!(listed_damage(&vault, "b"), Some(stale));
    others_intact(&vault, &["b"]);
}

#[test]
fn a_deleted_draft_put_back_is_damage() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    let conn = raw(dir.path());
    conn.execute_batch("CREATE TABLE saved AS SELECT * FROM records WHERE id = 'b'")
        .expect("copy");
    drop(conn);
    open(dir.path(), &k).delete_draft("b").expect("delete");
    raw(dir.path())
        .execute_batch("INSERT INTO records SELECT * FROM saved")
        .expect("put back");
    let vault = open(dir.path(), &k);
    assert_eq!(damage_of(&vault, "b"), DamageReason::NotInManifest);
    others_intact(&vault, &["b"]);
}

#[test]
fn a_draft_removed_behind_the_vaults_back_is_listed_as_missing() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    raw(dir.path())
        .execute("DELETE FROM records WHERE id = 'a'", [])
        .expect("remove");
    let vault = open(dir.path(), &k);
    assert_eq!(listed_damage(&vault, "a"), Some(DamageReason::Missing));
    assert_eq!(damage_of(&vault, "a"), DamageReason::Missing);
    others_intact(&vault, &["a"]);
    // Deleting it clears the entry.
    vault.delete_draft("a").expect("delete the damaged one");
    assert_eq!(vault.list_drafts().expect("list").len(), 2);
}

// The manifest MACs its entries in 64 buckets by a hash of the id; "a", "b" and "c"
// fall into three different buckets (10, 62 and 46: the first byte of SHA-256 of the id,
// modulo 64).

/// Lowers c's version in the manifest to 1, as someone matching the manifest to an old
/// copy of c would: the last 8 bytes of c's bucket (c is alone in it) are its version.
fn lower_cs_manifest_version(dir: &Path) {
    let conn = raw(dir);
    let mut entries: Vec<u8> = conn
        .query_row("SELECT entries FROM manifest WHERE bucket = 46", [], |r| {
            r.get(0)
        })
        .expect("c's bucket");
    let n = entries.len();
    assert_eq!(
        entries[n - 8..],
        2u64.to_be_bytes(),
        "c's bucket is not as expected"
    );
    entries[n - 8..].copy_from_slice(&1u64.to_be_bytes());
    conn.execute(
        "UPDATE manifest SET entries = ?1 WHERE bucket = 46",
        [entries],
    )
    .expect("tamper");
}

#[test]
fn a_changed_manifest_entry_distrusts_its_bucket_until_trusted_again() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    // The manifest is lowered to match an old copy of c: its bucket's MAC fails.
    lower_cs_manifest_version(dir.path());
    let vault = open(dir.path(), &k);
    assert_eq!(
        listed_damage(&vault, "c"),
        Some(DamageReason::ManifestInvalid)
    );
    assert_eq!(damage_of(&vault, "c"), DamageReason::ManifestInvalid);
    others_intact(&vault, &["c"]);
    // Writing c would MAC the changed bucket and so bless what was put back: refused.
    assert!(matches!(
        vault.save_draft("c", "dog-tax", b"x", b"x"),
        Err(VaultError::Damaged {
            reason: DamageReason::ManifestInvalid,
            ..
        })
    ));
    // Drafts in sound buckets are saved as ever, and c stays distrusted.
    vault
        .save_draft("a", "dog-tax", &payload("A", 4096), b"sum a")
        .expect("save a");
    assert_eq!(damage_of(&vault, "c"), DamageReason::ManifestInvalid);
    vault.trust_current_versions().expect("trust");
    others_intact(&vault, &[]);
}

#[test]
fn a_whole_bucket_put_back_distrusts_every_version() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    vault
        .save_draft("a", "dog-tax", &payload("A", 4096), b"sum a")
        .expect("save a");
    vault
        .save_draft("b", "dog-tax", &payload("B", 4096), b"sum b")
        .expect("save b");
    vault
        .save_draft("c", "dog-tax", &payload("C0", 64 * 1024), b"sum c0")
        .expect("save c");
    // A consistent copy of c's state at version 1: its record, and every bucket of the
    // manifest with its MAC (all but the top).
    raw(dir.path())
        .execute_batch(
            "CREATE TABLE old_record AS SELECT * FROM records WHERE id = 'c';
             CREATE TABLE old_buckets AS SELECT * FROM manifest WHERE bucket >= 0;",
        )
        .expect("copy");
    vault
        .save_draft("c", "dog-tax", &payload("C1", 64 * 1024), b"sum c1")
        .expect("save c");
    drop(vault);
    raw(dir.path())
        .execute_batch(
            "DELETE FROM records WHERE id = 'c'; INSERT INTO records SELECT * FROM old_record;
             DELETE FROM manifest WHERE bucket >= 0;
             INSERT INTO manifest SELECT * FROM old_buckets;",
        )
        .expect("put back");
    let vault = open(dir.path(), &k);
    // The bucket verifies on its own; the top MAC over all buckets does not, so no
    // version can be vouched for.
    for id in ["a", "b", "c"] {
        assert_eq!(
            listed_damage(&vault, id),
            Some(DamageReason::ManifestInvalid)
        );
        assert_eq!(damage_of(&vault, id), DamageReason::ManifestInvalid);
    }
    assert!(matches!(
        vault.save_draft("a", "dog-tax", b"x", b"x"),
        Err(VaultError::Damaged {
            reason: DamageReason::ManifestInvalid,
            ..
        })
    ));
    vault.trust_current_versions().expect("trust");
    assert_eq!(
        readable(
            &vault
                .list_drafts()
                .expect("list")
                .iter()
                .find(|e| e.id == "c")
                .expect("c")
                .summary
        ),
        b"sum c0"
    );
}

#[test]
fn a_deleted_damaged_draft_leaves_its_bucket_sound() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    lower_cs_manifest_version(dir.path());
    let vault = open(dir.path(), &k);
    vault.delete_draft("c").expect("delete the damaged draft");
    // Its bucket is empty now, so there is nothing left to distrust.
    vault
        .save_draft("c", "dog-tax", b"new c", b"new c")
        .expect("save c anew");
    assert_eq!(
        vault.open_draft("c").expect("c").payload.as_slice(),
        b"new c"
    );
    assert_eq!(
        vault.open_draft("a").expect("a").payload.as_slice(),
        payload("A", 4096).as_slice()
    );
}

#[test]
fn an_attachment_put_back_at_an_old_version_is_damage() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    vault.save_draft("d", "dog-tax", b"d", b"d").expect("save");
    vault
        .save_attachment("d", "att", b"old scan", b"scan.pdf")
        .expect("v1");
    raw(dir.path())
        .execute_batch("CREATE TABLE saved AS SELECT * FROM records WHERE id = 'att'")
        .expect("copy");
    vault
        .save_attachment("d", "att", b"new scan", b"scan.pdf")
        .expect("v2");
    vault
        .save_attachment("d", "other", b"other", b"other.pdf")
        .expect("other");
    raw(dir.path())
        .execute_batch(
            "DELETE FROM records WHERE id = 'att'; INSERT INTO records SELECT * FROM saved;",
        )
        .expect("put back");
    assert!(matches!(
        vault.open_attachment("att"),
        Err(VaultError::Damaged {
            reason: DamageReason::StaleVersion {
                stored: 1,
                expected: 2
            },
            ..
        })
    ));
    assert_eq!(
        vault
            .open_attachment("other")
            .expect("other")
            .payload
            .as_slice(),
        b"other"
    );
    let list = vault.list_attachments("d").expect("list");
    assert!(matches!(
        list.iter().find(|a| a.id == "att").expect("att").summary,
        Summary::Damaged { .. }
    ));
}
