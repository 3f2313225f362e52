//! A deleted draft is gone from the database files, not only marked deleted.

use std::path::Path;

use crate::{keys, open, payload, tempdir};

/// The bytes of the database and its WAL, as they are on disk now.
pub fn database_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(crate::db_path(dir)).expect("db");
    if let Ok(wal) = std::fs::read(dir.join(format!("{}-wal", amtsweg_vault::DB_FILE))) {
        bytes.extend(wal);
    }
    bytes
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every ciphertext column of the record, as stored now.
fn ciphertexts(dir: &Path, id: &str) -> Vec<Vec<u8>> {
    crate::raw(dir)
        .query_row(
            "SELECT summary, payload, signature FROM records WHERE id = ?1",
            [id],
            |r| Ok(vec![r.get(0)?, r.get(1)?, r.get(2)?]),
        )
        .expect("row")
}

#[test]
fn a_deleted_drafts_ciphertext_is_not_in_the_db_or_wal() {
    let dir = tempdir();
    let vault = open(dir.path(), &keys());
    let mut gone = Vec::new();
    // Several versions, small and spanning overflow pages, and an attachment.
    for (v, len) in [(1, 500), (2, 64 * 1024), (3, 4096)] {
        vault
            .save_draft("gone", "p", &payload(&format!("v{v}"), len), b"to delete")
            .expect("save");
        gone.extend(ciphertexts(dir.path(), "gone"));
    }
    vault
        .save_attachment("gone", "gone-a", &payload("att", 30_000), b"att")
        .expect("save");
    gone.extend(ciphertexts(dir.path(), "gone-a"));
    vault
        .save_draft("kept", "p", &payload("kept", 64 * 1024), b"kept")
        .expect("save");
    let kept = ciphertexts(dir.path(), "kept");

    vault.delete_draft("gone").expect("delete");

    let bytes = database_bytes(dir.path());
    for ct in &gone {
        // 32 bytes of ciphertext are random: finding them means they are still there.
        for chunk in ct.chunks(32).filter(|c| c.len() == 32) {
            assert!(
                !contains(&bytes, chunk),
                "ciphertext of the deleted draft is still on disk"
            );
        }
    }
    // The same scan finds what was not deleted, so it can fail.
    for ct in &kept {
        assert!(contains(&bytes, &ct[..ct.len().min(32)]));
    }
    let wal = dir.path().join(format!("{}-wal", amtsweg_vault::DB_FILE));
    assert_eq!(
        std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0),
        0,
        "WAL not truncated"
    );
}
