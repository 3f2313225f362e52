//! The save path remembers the manifest MACs it committed, so the next save need not
//! read and verify all 64 of them again. These tests change the database between two
//! saves in every way that must make the next save read it afresh: another connection's
//! save, this vault's own delete, and a tampered manifest.

use amtsweg_vault::{DamageReason, Summary, Vault, VaultError};
use sha2::{Digest, Sha256};

use crate::{keys, open, raw, tempdir};

/// The manifest bucket of an id, as the vault computes it (first byte of SHA-256,
/// modulo 64).
fn bucket(id: &str) -> u8 {
    Sha256::digest(id.as_bytes())[0] % 64
}

/// Every draft lists readable and opens with the payload `expected` names.
fn all_sound(vault: &Vault, expected: &[(&str, &[u8])]) {
    let list = vault.list_drafts().expect("list");
    assert_eq!(list.len(), expected.len());
    for e in &list {
        assert!(
            matches!(e.summary, Summary::Readable(_)),
            "{} listed as {:?}",
            e.id,
            e.summary
        );
    }
    for (id, payload) in expected {
        assert_eq!(
            vault.open_draft(id).expect("opens").payload.as_slice(),
            *payload,
            "{id}"
        );
    }
}

#[test]
fn a_save_after_another_connections_save_keeps_the_manifest_whole() {
    let dir = tempdir();
    let k = keys();
    assert_ne!(bucket("a"), bucket("b"), "the test needs two buckets");
    let first = open(dir.path(), &k);
    first.save_draft("a", "dog-tax", b"a1", b"s").expect("a1");
    first.save_draft("a", "dog-tax", b"a2", b"s").expect("a2");
    // Another connection (another process would be the same) changes bucket b's MAC
    // and the top.
    let second = open(dir.path(), &k);
    second.save_draft("b", "dog-tax", b"b1", b"s").expect("b1");
    first.save_draft("a", "dog-tax", b"a3", b"s").expect("a3");
    drop((first, second));
    all_sound(&open(dir.path(), &k), &[("a", b"a3"), ("b", b"b1")]);
}

#[test]
fn a_save_after_a_delete_of_its_own_keeps_the_manifest_whole() {
    let dir = tempdir();
    let k = keys();
    assert_ne!(bucket("a"), bucket("b"), "the test needs two buckets");
    let vault = open(dir.path(), &k);
    vault.save_draft("a", "dog-tax", b"a1", b"s").expect("a1");
    vault.save_draft("b", "dog-tax", b"b1", b"s").expect("b1");
    vault.save_draft("c", "dog-tax", b"c1", b"s").expect("c1");
    // The same connection: SQLite's data_version does not change for its own writes.
    vault.delete_draft("a").expect("delete a");
    vault.save_draft("b", "dog-tax", b"b2", b"s").expect("b2");
    all_sound(&vault, &[("b", b"b2"), ("c", b"c1")]);
    drop(vault);
    all_sound(&open(dir.path(), &k), &[("b", b"b2"), ("c", b"c1")]);
}

#[test]
fn a_manifest_changed_while_the_vault_is_open_is_not_blessed_by_the_next_save() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    vault.save_draft("a", "dog-tax", b"a1", b"s").expect("a1");
    vault.save_draft("a", "dog-tax", b"a2", b"s").expect("a2");
    // The top MAC changed behind the vault's back. A save into a sound bucket is still
    // kept (new drafts start while the citizen has not decided), but it must not MAC the
    // top again: that would bless whatever was changed. A save that trusted what it
    // remembered from its last commit would do exactly that.
    raw(dir.path())
        .execute(
            "UPDATE manifest SET mac = zeroblob(32) WHERE bucket = -1",
            [],
        )
        .expect("tamper");
    vault
        .save_draft("a", "dog-tax", b"a3", b"s")
        .expect("a3 is kept");
    assert!(
        !vault.manifest_trusted().expect("manifest"),
        "the changed top was MACed again"
    );
    assert!(matches!(
        vault.open_draft("a"),
        Err(VaultError::Damaged {
            reason: DamageReason::ManifestInvalid,
            ..
        })
    ));
}
