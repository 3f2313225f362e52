//! The vault's integration tests: one binary, a module per area. Every test works in a
//! temporary folder of its own under the machine's temp folder, so they run in parallel.

mod applications;
mod basics;
// The keychain tests' harness: a private D-Bus session with an unlocked gnome-keyring.
mod crash;
mod details;
mod disk_full;
mod durability;
mod export;
mod export_applications;
mod fixture;
#[allow(dead_code)]
#[path = "../keychain/harness.rs"]
mod harness;
mod memory;
mod rekey;
mod save_path;
mod secure_delete;
mod sources;
mod tamper;

use std::path::{Path, PathBuf};

use amtsweg_vault::{KdfParams, KeySource, Passphrase, Summary, Vault, VaultKeys};

/// Argon2id parameters cheap enough for debug-build tests; the recommended ones are
/// exercised once in `sources`.
pub const CHEAP: KdfParams = KdfParams {
    memory_kib: 64,
    iterations: 1,
    parallelism: 1,
};

pub fn passphrase(secret: &str) -> Passphrase {
    Passphrase::new(secret).with_params(CHEAP)
}

pub fn keys() -> VaultKeys {
    VaultKeys::generate().expect("keys")
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("amtsweg-vault-it-")
        .tempdir()
        .expect("temp dir")
}

pub fn open(dir: &Path, keys: &VaultKeys) -> Vault {
    Vault::open(dir, KeySource::Keys(keys.clone())).expect("open vault")
}

pub fn db_path(dir: &Path) -> PathBuf {
    dir.join(amtsweg_vault::DB_FILE)
}

/// A second connection to the database, as an attacker or a damaged disk would change it.
pub fn raw(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db_path(dir)).expect("raw connection")
}

pub fn payload(tag: &str, len: usize) -> Vec<u8> {
    tag.bytes().cycle().take(len).collect()
}

/// The readable summary of a listed draft, or a panic naming why it is not.
pub fn readable(summary: &Summary) -> &[u8] {
    match summary {
        Summary::Readable(s) => s,
        Summary::Unverified(_) => panic!("summary readable, but its version unverified"),
        Summary::Damaged { reason } => panic!("summary damaged: {reason}"),
    }
}

/// Flips one bit of byte `index` (from the end when negative) of a blob column.
pub fn flip(dir: &Path, id: &str, column: &str, index: isize) {
    flip_in(dir, "records", "id", &id, column, index);
}

/// Flips one bit of byte `index` (from the end when negative) of `column` in the row of
/// `table` whose `key` is `value`, as a damaged disk or another SQLite tool would.
pub fn flip_in(
    dir: &Path,
    table: &str,
    key: &str,
    value: &dyn rusqlite::ToSql,
    column: &str,
    index: isize,
) {
    let conn = raw(dir);
    let mut blob: Vec<u8> = conn
        .query_row(
            &format!("SELECT {column} FROM {table} WHERE {key} = ?1"),
            [value],
            |r| r.get(0),
        )
        .expect("read column");
    let i = if index < 0 {
        blob.len() - index.unsigned_abs()
    } else {
        index as usize
    };
    blob[i] ^= 0x01;
    conn.execute(
        &format!("UPDATE {table} SET {column} = ?1 WHERE {key} = ?2"),
        rusqlite::params![blob, value],
    )
    .expect("write column");
}
