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
        Summary::Unverified(_) => panic!("{id} listed as unverified"),
        Summary::Damaged { reason } => Some(reason.clone()),
    }
}

/// The summary of `id`, listed as intact but with a version the manifest cannot vouch for.
fn listed_unverified(vault: &Vault, id: &str) -> Vec<u8> {
    let list = vault.list_drafts().expect("list");
    match &list.iter().find(|e| e.id == id).expect("listed").summary {
        Summary::Unverified(s) => s.to_vec(),
        other => panic!("{id} listed as {other:?}, not as unverified"),
    }
}

fn listed_ids(vault: &Vault) -> Vec<String> {
    let mut ids: Vec<String> = vault
        .list_drafts()
        .expect("list")
        .into_iter()
        .map(|e| e.id)
        .collect();
    ids.sort();
    ids
}

fn trusted(vault: &Vault) -> bool {
    vault.manifest_trusted().expect("manifest read")
}

/// Flips one bit of byte `index` (from the end when negative) of the manifest row of
/// `bucket` (-1: the top).
fn flip_manifest(dir: &Path, bucket: i64, column: &str, index: isize) {
    crate::flip_in(dir, "manifest", "bucket", &bucket, column, index);
}

/// The manifest's bucket of an id: the first byte of SHA-256 of the id, modulo 64.
fn bucket_of(id: &str) -> i64 {
    use sha2::Digest;
    i64::from(sha2::Sha256::digest(id.as_bytes())[0]) % 64
}

/// Two ids one changed byte apart that fall into the same bucket: what one flipped
/// byte of an id in the manifest can turn into without the bucket noticing by its ids.
fn same_bucket_pair() -> (String, String) {
    for n in 0.. {
        let id = format!("draft-{n}");
        for at in 0..id.len() {
            for byte in (b'0'..=b'9').chain(b'a'..=b'z') {
                let mut other = id.clone().into_bytes();
                other[at] = byte;
                let other = String::from_utf8(other).expect("ascii");
                if other != id && bucket_of(&other) == bucket_of(&id) {
                    return (id, other);
                }
            }
        }
    }
    unreachable!()
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
    assert!(!trusted(&vault));
    // c itself is intact: listed with its summary, opened only once trusted again.
    assert_eq!(listed_unverified(&vault, "c"), b"sum c1");
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
    assert!(trusted(&vault));
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
    assert!(!trusted(&vault));
    for (id, summary) in [("a", &b"sum a"[..]), ("b", b"sum b"), ("c", b"sum c0")] {
        assert_eq!(listed_unverified(&vault, id), summary);
        assert_eq!(damage_of(&vault, id), DamageReason::ManifestInvalid);
    }
    // A save into a bucket that verifies is kept, but MACs no top again: it blesses
    // nothing that was put back.
    vault
        .save_draft("a", "dog-tax", b"x", b"x")
        .expect("saved into a sound bucket");
    assert!(!trusted(&vault));
    assert_eq!(damage_of(&vault, "c"), DamageReason::ManifestInvalid);
    drop(vault);
    let vault = open(dir.path(), &k);
    assert!(!trusted(&vault));
    assert_eq!(listed_unverified(&vault, "c"), b"sum c0");
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

#[test]
fn a_flipped_byte_in_the_manifests_top_row_leaves_every_draft_readable_and_new_ones_start() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    flip_manifest(dir.path(), -1, "mac", 7);
    let vault = open(dir.path(), &k);
    // Reported as what it is: the manifest, not every draft, is damaged.
    assert!(!trusted(&vault));
    for (id, summary) in [("a", &b"sum a"[..]), ("b", b"sum b"), ("c", b"sum c1")] {
        assert_eq!(listed_unverified(&vault, id), summary);
        // Opened only after the citizen chose to keep the drafts as they are.
        assert_eq!(damage_of(&vault, id), DamageReason::ManifestInvalid);
    }
    // A new draft starts and is saved again as the citizen goes on.
    vault
        .save_draft("d", "dog-tax", b"d 1", b"sum d1")
        .expect("a new draft starts");
    vault
        .save_draft("d", "dog-tax", b"d 2", b"sum d2")
        .expect("and is kept");
    assert!(!trusted(&vault), "a save blessed the changed manifest");
    assert_eq!(damage_of(&vault, "a"), DamageReason::ManifestInvalid);

    vault.trust_current_versions().expect("keep the versions");
    assert!(trusted(&vault));
    others_intact_with(&vault, &[("d", b"d 2")]);
}

/// Like `others_intact` with none damaged, and `more` drafts beside a, b and c.
fn others_intact_with(vault: &Vault, more: &[(&str, &[u8])]) {
    let mut expected = vec![
        ("a", payload("A", 4096)),
        ("b", payload("B", 4096)),
        ("c", payload("C1", 64 * 1024)),
    ];
    expected.extend(more.iter().map(|(id, p)| (*id, p.to_vec())));
    for (id, bytes) in &expected {
        assert_eq!(
            vault.open_draft(id).expect("opens").payload.as_slice(),
            bytes.as_slice()
        );
        assert!(listed_damage(vault, id).is_none(), "{id} listed as damaged");
    }
    assert_eq!(vault.list_drafts().expect("list").len(), expected.len());
}

#[test]
fn a_flipped_byte_in_a_bucket_leaves_no_phantom_draft() {
    let dir = tempdir();
    let k = keys();
    three_drafts(dir.path(), &k);
    let (id, changed) = same_bucket_pair();
    let vault = open(dir.path(), &k);
    vault
        .save_draft(&id, "dog-tax", b"x", b"sum x")
        .expect("save");
    drop(vault);
    // One byte of the id in its bucket's entries changed: the entries still decode, to
    // an id of the same bucket that names no draft.
    let bucket = bucket_of(&id);
    let conn = raw(dir.path());
    let entries: Vec<u8> = conn
        .query_row(
            "SELECT entries FROM manifest WHERE bucket = ?1",
            [bucket],
            |r| r.get(0),
        )
        .expect("the bucket");
    let at = entries
        .windows(id.len())
        .position(|w| w == id.as_bytes())
        .expect("the id in its bucket");
    let mut tampered = entries.clone();
    tampered[at..at + id.len()].copy_from_slice(changed.as_bytes());
    conn.execute(
        "UPDATE manifest SET entries = ?1 WHERE bucket = ?2",
        rusqlite::params![tampered, bucket],
    )
    .expect("tamper");
    drop(conn);

    let vault = open(dir.path(), &k);
    assert!(!trusted(&vault));
    assert_eq!(listed_ids(&vault), ["a", "b", "c", id.as_str()]);
    assert_eq!(listed_unverified(&vault, &id), b"sum x");
    others_intact_with_unverified(&vault, &id);
    // Deleting the real draft leaves no draft that never was, and nothing to distrust.
    vault.delete_draft(&id).expect("delete");
    assert_eq!(listed_ids(&vault), ["a", "b", "c"]);
    assert!(trusted(&vault));
    others_intact(&vault, &[]);
}

/// a, b and c open and list as sound beside the unverified `id`.
fn others_intact_with_unverified(vault: &Vault, id: &str) {
    for (other, bytes) in [
        ("a", payload("A", 4096)),
        ("b", payload("B", 4096)),
        ("c", payload("C1", 64 * 1024)),
    ] {
        assert_eq!(
            vault.open_draft(other).expect("opens").payload.as_slice(),
            bytes.as_slice()
        );
        assert!(listed_damage(vault, other).is_none());
    }
    assert_eq!(damage_of(vault, id), DamageReason::ManifestInvalid);
}

/// x and y saved twice; a copy of the database taken after their first saves.
fn two_changed_drafts(dir: &Path, k: &VaultKeys, x: &str, y: &str) {
    let vault = open(dir, k);
    vault
        .save_draft(x, "dog-tax", b"x 1", b"sum x1")
        .expect("x");
    vault
        .save_draft(y, "dog-tax", b"y 1", b"sum y1")
        .expect("y");
    drop(vault);
    raw(dir)
        .execute_batch(
            "CREATE TABLE old_records AS SELECT * FROM records;
             CREATE TABLE old_manifest AS SELECT * FROM manifest;",
        )
        .expect("copy");
    let vault = open(dir, k);
    vault
        .save_draft(x, "dog-tax", b"x 2", b"sum x2")
        .expect("x");
    vault
        .save_draft(y, "dog-tax", b"y 2", b"sum y2")
        .expect("y");
}

#[test]
fn an_older_copy_of_one_of_two_changed_drafts_blames_only_it_also_in_a_shared_bucket() {
    let (x, y) = same_bucket_pair();
    let dir = tempdir();
    let k = keys();
    two_changed_drafts(dir.path(), &k, &x, &y);
    raw(dir.path())
        .execute_batch(&format!(
            "DELETE FROM records WHERE id = '{x}';
             INSERT INTO records SELECT * FROM old_records WHERE id = '{x}';"
        ))
        .expect("put back");
    let vault = open(dir.path(), &k);
    let stale = DamageReason::StaleVersion {
        stored: 1,
        expected: 2,
    };
    assert_eq!(damage_of(&vault, &x), stale);
    assert_eq!(listed_damage(&vault, &x), Some(stale));
    assert_eq!(vault.open_draft(&y).expect("y").payload.as_slice(), b"y 2");
    assert_eq!(listed_damage(&vault, &y), None);
    assert!(trusted(&vault));
}

#[test]
fn an_older_copy_of_one_draft_put_back_with_the_older_manifest_blames_not_the_other() {
    let dir = tempdir();
    let k = keys();
    two_changed_drafts(dir.path(), &k, "x", "y");
    // x's row and the whole manifest (top and every bucket) as they were: a manifest
    // the vault MACed, but older than y, which it says is at version 1.
    raw(dir.path())
        .execute_batch(
            "DELETE FROM records WHERE id = 'x';
             INSERT INTO records SELECT * FROM old_records WHERE id = 'x';
             DELETE FROM manifest; INSERT INTO manifest SELECT * FROM old_manifest;",
        )
        .expect("put back");
    let vault = open(dir.path(), &k);
    // y is newer than the manifest: the manifest is what was put back. Neither draft
    // is blamed; no version is vouched for until the citizen decides.
    assert!(!trusted(&vault));
    assert_eq!(listed_unverified(&vault, "y"), b"sum y2");
    assert_eq!(listed_unverified(&vault, "x"), b"sum x1");
    assert_eq!(damage_of(&vault, "x"), DamageReason::ManifestInvalid);
    assert_eq!(damage_of(&vault, "y"), DamageReason::ManifestInvalid);
    // Saving y would hide the one sign that the manifest is old.
    assert!(matches!(
        vault.save_draft("y", "dog-tax", b"y 3", b"sum y3"),
        Err(VaultError::Damaged {
            reason: DamageReason::ManifestInvalid,
            ..
        })
    ));
    vault.trust_current_versions().expect("keep the versions");
    assert!(trusted(&vault));
    assert_eq!(vault.open_draft("x").expect("x").payload.as_slice(), b"x 1");
    assert_eq!(vault.open_draft("y").expect("y").payload.as_slice(), b"y 2");
}

#[test]
fn deleting_the_draft_that_showed_the_manifest_old_keeps_the_manifest_distrusted() {
    let dir = tempdir();
    let k = keys();
    two_changed_drafts(dir.path(), &k, "x", "y");
    raw(dir.path())
        .execute_batch(
            "DELETE FROM records WHERE id = 'x';
             INSERT INTO records SELECT * FROM old_records WHERE id = 'x';
             DELETE FROM manifest; INSERT INTO manifest SELECT * FROM old_manifest;",
        )
        .expect("put back");
    let vault = open(dir.path(), &k);
    vault.delete_draft("y").expect("delete y");
    // x matches the old manifest, but that manifest was shown to be old.
    assert!(!trusted(&vault));
    assert_eq!(listed_unverified(&vault, "x"), b"sum x1");
    assert_eq!(damage_of(&vault, "x"), DamageReason::ManifestInvalid);
}

#[test]
fn an_older_manifest_put_back_while_the_vault_is_open_is_noticed() {
    let dir = tempdir();
    let k = keys();
    two_changed_drafts(dir.path(), &k, "x", "y");
    let vault = open(dir.path(), &k);
    // Checked once (the vault remembers that no record was above the manifest)…
    assert!(trusted(&vault));
    assert_eq!(vault.open_draft("x").expect("x").payload.as_slice(), b"x 2");
    // …then changed by another program while the vault stays open.
    raw(dir.path())
        .execute_batch(
            "DELETE FROM records WHERE id = 'x';
             INSERT INTO records SELECT * FROM old_records WHERE id = 'x';
             DELETE FROM manifest; INSERT INTO manifest SELECT * FROM old_manifest;",
        )
        .expect("put back");
    assert!(!trusted(&vault));
    assert_eq!(damage_of(&vault, "x"), DamageReason::ManifestInvalid);
    assert_eq!(listed_unverified(&vault, "y"), b"sum y2");
}
