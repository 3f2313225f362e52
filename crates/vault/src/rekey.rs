//! Where the vault's keys are kept, changed while drafts exist, and the recovery code.
//!
//! The records are never re-encrypted: the data key and the signing key stay the same
//! for the vault's life, and only the places that hold them change — the keychain entry,
//! the copy sealed under the passphrase (`meta` `sealed_keys`), the copy sealed under the
//! recovery code (`meta` `recovery_sealed`). So every switch is "write the new place,
//! then remove the old one", and a kill between the two leaves both places holding the
//! same keys: never neither. One rule decides which place counts: sealed keys in the
//! database mean the passphrase (see `keys_from_store`), and a keychain copy left beside
//! them is only a leftover, removed by the next switch or unlock.

use std::fmt;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::crypto::KdfParams;
use crate::failpoint;
use crate::keychain::Keychain;
use crate::vault::{
    Passphrase, RECOVERY_AD, SEALED_AD, count_records, get_meta, seal_keys,
    seal_keys_with_passphrase, set_meta, unseal_keys,
};
use crate::{DB_FILE, RecoveryCode, Vault, VaultError, VaultKeys};

/// A place that holds the vault's keys outside the database: the OS keychain
/// ([`Keychain`]), or in the crash tests a file.
pub trait KeyStore: fmt::Debug + Send + Sync {
    /// The keys held, or `None` when there are none.
    fn load(&self) -> Result<Option<VaultKeys>, VaultError>;
    /// Stores `keys`, replacing what was held; durable when it returns.
    fn store(&self, keys: &VaultKeys) -> Result<(), VaultError>;
    /// Removes the keys; none being there is not an error.
    fn delete(&self) -> Result<(), VaultError>;
}

impl KeyStore for Keychain {
    fn load(&self) -> Result<Option<VaultKeys>, VaultError> {
        Keychain::load(self)
    }

    fn store(&self, keys: &VaultKeys) -> Result<(), VaultError> {
        Keychain::store(self, keys)
    }

    fn delete(&self) -> Result<(), VaultError> {
        Keychain::delete(self)
    }
}

/// What a vault's database says of its keys, read without them: what the app can offer
/// while the vault cannot be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredVault {
    /// Records the database holds or its manifest lists.
    pub records: u64,
    /// The keys are sealed under a passphrase: the passphrase opens them.
    pub keys_sealed: bool,
    /// A recovery code was set up: it opens them too.
    pub recovery_code: bool,
}

impl Vault {
    /// What the database in `dir` says of its keys; `None` when there is no database.
    /// Writes nothing (an unreadable file is [`VaultError::Corrupt`]).
    pub fn inspect(dir: &Path) -> Result<Option<StoredVault>, VaultError> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Ok(None);
        }
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let has_tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('meta', 'records', 'manifest')",
            [],
            |r| r.get(0),
        )?;
        if has_tables < 3 {
            // Created but never set up (a first start that stopped early): empty.
            return Ok(Some(StoredVault {
                records: 0,
                keys_sealed: false,
                recovery_code: false,
            }));
        }
        Ok(Some(StoredVault {
            records: count_records(&conn)?,
            keys_sealed: get_meta(&conn, "sealed_keys")?.is_some(),
            recovery_code: get_meta(&conn, "recovery_sealed")?.is_some(),
        }))
    }

    /// Whether a recovery code opens this vault's keys.
    pub fn has_recovery_code(&self) -> Result<bool, VaultError> {
        Ok(get_meta(&self.lock(), "recovery_sealed")?.is_some())
    }

    /// Whether the keys are sealed under a passphrase here.
    pub fn keys_sealed(&self) -> Result<bool, VaultError> {
        Ok(get_meta(&self.lock(), "sealed_keys")?.is_some())
    }

    /// A new recovery code: the keys sealed under a key derived from it (Argon2id with
    /// `params`) replace any earlier copy in one transaction, so an older code stops
    /// working exactly when the new one starts. The code itself is returned to be shown
    /// once; it is stored nowhere.
    pub fn set_recovery_code(&self, params: KdfParams) -> Result<RecoveryCode, VaultError> {
        if self.dir().is_none() {
            return Err(VaultError::InvalidInput(
                "a vault in memory has nothing to recover".into(),
            ));
        }
        let code = RecoveryCode::generate()?;
        let (params, salt, sealed) = seal_keys(&self.keys, code.secret(), RECOVERY_AD, params)?;
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        set_meta(&tx, "recovery_params", &params.to_bytes())?;
        set_meta(&tx, "recovery_salt", &salt)?;
        set_meta(&tx, "recovery_sealed", &sealed)?;
        tx.commit()?;
        Ok(code)
    }

    /// Whether `passphrase` opens the keys sealed here (before the passphrase is
    /// changed, the current one is asked for). [`VaultError::WrongPassphrase`] if not.
    pub fn check_passphrase(&self, passphrase: &Passphrase) -> Result<(), VaultError> {
        let conn = self.lock();
        let sealed = get_meta(&conn, "sealed_keys")?.ok_or(VaultError::InvalidInput(
            "the keys are not sealed under a passphrase".into(),
        ))?;
        let params = get_meta(&conn, "kdf_params")?.unwrap_or_default();
        let salt = get_meta(&conn, "kdf_salt")?.unwrap_or_default();
        drop(conn);
        let keys = unseal_keys(passphrase.bytes(), SEALED_AD, &params, &salt, &sealed)?;
        if keys.key_id() != self.key_id() {
            return Err(VaultError::WrongKey);
        }
        Ok(())
    }

    /// The keys sealed under `passphrase` from now on: from the keychain to a
    /// passphrase, a new passphrase, or after the recovery code opened the vault.
    ///
    /// The sealed copy is committed first; then, when `old_store` holds this vault's
    /// keys, that copy is removed. A kill before the commit leaves the old place alone in
    /// charge; after it, the passphrase is (sealed keys win), and the old copy is a
    /// leftover the next switch removes.
    pub fn seal_keys_under(
        &self,
        passphrase: &Passphrase,
        old_store: Option<&dyn KeyStore>,
    ) -> Result<(), VaultError> {
        if self.dir().is_none() {
            return Err(VaultError::InvalidInput(
                "a vault in memory keeps its keys in memory".into(),
            ));
        }
        let (params, salt, sealed) = seal_keys_with_passphrase(&self.keys, passphrase)?;
        failpoint::hit("rekey:sealed");
        {
            let mut conn = self.lock();
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            set_meta(&tx, "kdf_params", &params.to_bytes())?;
            set_meta(&tx, "kdf_salt", &salt)?;
            set_meta(&tx, "sealed_keys", &sealed)?;
            failpoint::hit("rekey:before-commit");
            tx.commit()?;
        }
        failpoint::hit("rekey:after-commit");
        if let Some(store) = old_store {
            self.remove_copy_from(store)?;
            failpoint::hit("rekey:old-copy-removed");
        }
        Ok(())
    }

    /// The keys kept in `store` (the keychain) from now on, and no longer sealed under a
    /// passphrase: from a passphrase to the keychain, or after the recovery code opened
    /// the vault.
    ///
    /// The store is written first and read back; only then is the sealed copy removed,
    /// in one transaction. A kill before that commit leaves the passphrase in charge
    /// (sealed keys win) with a leftover copy in the store; after it, the store is.
    pub fn keep_keys_in(&self, store: &dyn KeyStore) -> Result<(), VaultError> {
        if self.dir().is_none() {
            return Err(VaultError::InvalidInput(
                "a vault in memory keeps its keys in memory".into(),
            ));
        }
        store.store(&self.keys)?;
        // A store that says "stored" but gives back something else (a keychain entry
        // shadowed by another one) must not become the only copy.
        match store.load()? {
            Some(keys) if keys.key_id() == self.key_id() => {}
            _ => {
                return Err(VaultError::Keychain(
                    "the keychain did not keep the keys that were stored".into(),
                ));
            }
        }
        failpoint::hit("rekey:stored");
        {
            let mut conn = self.lock();
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute(
                "DELETE FROM meta WHERE key IN ('sealed_keys', 'kdf_params', 'kdf_salt')",
                [],
            )?;
            failpoint::hit("rekey:before-commit");
            tx.commit()?;
        }
        failpoint::hit("rekey:after-commit");
        Ok(())
    }

    /// Removes `store`'s copy of the keys if it is this vault's (another vault's keys,
    /// or none, are left alone).
    pub fn remove_copy_from(&self, store: &dyn KeyStore) -> Result<(), VaultError> {
        match store.load() {
            Ok(Some(keys)) if keys.key_id() == self.key_id() => store.delete(),
            Ok(_) => Ok(()),
            // A copy that cannot even be read is not ours to judge; it stays.
            Err(VaultError::KeyDamaged { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Moves the database in `dir` (with its `-wal` and `-shm`) aside, untouched, under
    /// a name of its own (`vault-unreadable-<time>.sqlite3`): for when its key is lost
    /// and the citizen starts again from an export. Nothing is deleted, so drafts whose
    /// key turns up later (a keychain restored from a backup) can still be opened.
    /// Returns the new path of the database.
    pub fn set_aside_at(dir: &Path) -> Result<std::path::PathBuf, VaultError> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        let aside = format!("vault-unreadable-{stamp}.sqlite3");
        let from = dir.join(DB_FILE);
        // Its WAL copied into it and removed first (closing the last connection does
        // that), so one rename moves it whole: a WAL left behind would otherwise be
        // replayed into the next database of that name.
        {
            let conn = Connection::open_with_flags(&from, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        for suffix in ["-wal", "-shm"] {
            let stale = dir.join(format!("{DB_FILE}{suffix}"));
            if stale.exists() {
                return Err(VaultError::Corrupt(format!(
                    "{} is still in use",
                    stale.display()
                )));
            }
        }
        let to = dir.join(&aside);
        std::fs::rename(&from, &to).map_err(|e| VaultError::io(&from, e))?;
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(dir.join(aside))
    }
}
