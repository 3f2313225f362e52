//! The settings the crash and power-loss argument rests on, read back from the open
//! vault's connection. A SIGKILL keeps the OS's page cache, so the crash tests would pass
//! with `synchronous=OFF` as well; only reading the settings back shows they hold.

use amtsweg_vault::{Durability, Vault};

use crate::{keys, open, tempdir};

#[test]
fn a_vault_on_disk_commits_through_a_fsynced_wal_and_zeroes_what_it_deletes() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    vault
        .save_draft("d1", "dog-tax", b"draft", b"summary")
        .expect("save");
    assert_eq!(
        vault.durability().expect("pragmas"),
        Durability {
            journal_mode: "wal".into(),
            synchronous: 2,
            fullfsync: true,
            secure_delete: true,
            temp_store: 2,
        }
    );
    // The same after the vault is opened again: the settings are the connection's, not
    // the file's (only the journal mode is stored in it), so each open must set them.
    drop(vault);
    let again = open(dir.path(), &k);
    assert_eq!(again.durability().expect("pragmas").synchronous, 2);
}

#[test]
fn the_in_memory_vault_keeps_its_temporary_tables_in_memory_too() {
    let vault = Vault::in_memory().expect("in memory");
    let durability = vault.durability().expect("pragmas");
    assert_eq!(durability.journal_mode, "memory");
    assert_eq!(durability.temp_store, 2);
    assert!(durability.secure_delete);
}
