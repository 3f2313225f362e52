//! The keyed version manifest: the version every record must have, so that one record
//! put back to an older copy (or a deleted one put back, or one removed) is noticed.
//!
//! A two-level MAC keeps a save's cost independent of how many drafts there are: the
//! entries fall into 64 buckets by a hash of their id; each bucket is one row of the
//! `manifest` table holding its entries and their MAC, and the row of bucket -1 holds the
//! top MAC over every bucket's MAC. A save rewrites one bucket row and the top row (two
//! small rows, often on one page), never the whole manifest. Any state that verifies is
//! one the vault itself MACed as a whole: a bucket put back to an older state fails the
//! top MAC, exactly as with a single MAC over every entry. (An XOR of per-entry MACs
//! would be cheaper still, but copies of several older databases could then be combined
//! into a mixed state that verifies.)
//!
//! A bucket whose entries fail its MAC distrusts only its own records; a failing top MAC
//! distrusts all of them. A manifest that verifies but is older than a record (a record's
//! version above its entry: the vault writes both in one transaction, so only a manifest
//! put back can be behind) is *stale*: it too vouches for no version, and it is the
//! manifest that is blamed, not the newer record.
//!
//! A save reads the 64 bucket MACs again only when the database may have changed since
//! this connection's last save ([`ManifestKey::read_for_save`]).

use std::collections::{BTreeMap, HashSet};
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::VaultError;
use crate::crypto::{Fields, ManifestMac, Reader};

/// Buckets of the two-level MAC: about √ of a few thousand records, so a save handles
/// 64 bucket MACs and a few dozen entries at most.
const BUCKETS: i64 = 64;
/// The row that holds the top MAC.
const TOP: i64 = -1;

/// The bucket of a record id: public and stable (a hash, not a MAC), so the bucket of an
/// entry is known without the key.
pub(crate) fn bucket_of(id: &str) -> i64 {
    i64::from(Sha256::digest(id.as_bytes())[0]) % BUCKETS
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ManifestEntry {
    pub(crate) kind: String,
    pub(crate) parent: Option<String>,
    pub(crate) version: u64,
}

type Bucket = BTreeMap<String, ManifestEntry>;

/// The manifest as read (all of it, or one bucket of it), what verified, and changes
/// not yet written.
#[derive(Debug)]
pub(crate) struct Manifest {
    top_valid: bool,
    /// A record is newer than its entry: the manifest was put back ([`Manifest::mark_stale`]).
    stale: bool,
    bad_buckets: HashSet<i64>,
    /// Every bucket's MAC as stored, by bucket.
    macs: BTreeMap<i64, Vec<u8>>,
    /// The buckets read, by bucket.
    buckets: BTreeMap<i64, Bucket>,
    /// Buckets changed since reading.
    dirty: HashSet<i64>,
}

impl Manifest {
    /// Whether the manifest can vouch for `id`'s version: its bucket and the top verified,
    /// and no record was found newer than the manifest.
    pub(crate) fn trusted(&self, id: &str) -> bool {
        self.macs_valid(id) && !self.stale
    }

    /// Whether `id`'s entry is one the vault wrote (its bucket and the top verify), though
    /// perhaps an older state of the manifest: its version is then still a lower bound.
    pub(crate) fn macs_valid(&self, id: &str) -> bool {
        self.top_valid && self.bucket_valid(id)
    }

    /// Whether `id`'s bucket verifies on its own (the top aside).
    pub(crate) fn bucket_valid(&self, id: &str) -> bool {
        !self.bad_buckets.contains(&bucket_of(id))
    }

    pub(crate) fn all_trusted(&self) -> bool {
        self.top_valid && self.bad_buckets.is_empty() && !self.stale
    }

    pub(crate) fn stale(&self) -> bool {
        self.stale
    }

    /// A record is newer than the manifest says: the manifest is an older copy.
    pub(crate) fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// The buckets that failed their MAC.
    pub(crate) fn bad_buckets(&self) -> impl Iterator<Item = i64> + '_ {
        self.bad_buckets.iter().copied()
    }

    /// Empties a bucket (read) that failed its MAC and holds no record any more: its
    /// entries vouch for nothing, and listing them made drafts appear that never were.
    pub(crate) fn clear_bucket(&mut self, bucket: i64) {
        if let Some(entries) = self.buckets.get_mut(&bucket) {
            entries.clear();
            self.dirty.insert(bucket);
        }
    }

    pub(crate) fn get(&self, id: &str) -> Option<&ManifestEntry> {
        self.buckets.get(&bucket_of(id))?.get(id)
    }

    /// Every entry read.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&String, &ManifestEntry)> {
        self.buckets.values().flatten()
    }

    pub(crate) fn set(&mut self, id: &str, entry: ManifestEntry) {
        let bucket = bucket_of(id);
        self.buckets
            .entry(bucket)
            .or_default()
            .insert(id.to_owned(), entry);
        self.dirty.insert(bucket);
    }

    /// Removes `id` and every entry whose parent it is (from the buckets read: call on a
    /// manifest read whole).
    pub(crate) fn remove_with_children(&mut self, id: &str) {
        for (bucket, entries) in &mut self.buckets {
            let before = entries.len();
            entries.retain(|eid, e| eid != id && e.parent.as_deref() != Some(id));
            if entries.len() != before {
                self.dirty.insert(*bucket);
            }
        }
    }

    /// Removes the entries whose parent is `id` (call on a manifest read whole).
    pub(crate) fn remove_children(&mut self, id: &str) {
        for (bucket, entries) in &mut self.buckets {
            let before = entries.len();
            entries.retain(|_, e| e.parent.as_deref() != Some(id));
            if entries.len() != before {
                self.dirty.insert(*bucket);
            }
        }
    }

    /// Removes every entry (all buckets read).
    pub(crate) fn clear(&mut self) {
        for (bucket, entries) in &mut self.buckets {
            entries.clear();
            self.dirty.insert(*bucket);
        }
        self.dirty.extend(self.macs.keys().copied());
    }

    fn is_empty(&self) -> bool {
        self.buckets.values().all(BTreeMap::is_empty)
            && self.macs.keys().all(|b| self.buckets.contains_key(b))
    }
}

/// The manifest's MAC key (derived from the data key), and what this connection last
/// committed of the manifest (see [`ManifestKey::read_for_save`]).
pub(crate) struct ManifestKey {
    key: Zeroizing<[u8; 32]>,
    committed: Mutex<Option<Committed>>,
}

/// Every bucket's MAC as a save of this connection committed them (the top MAC over
/// them valid), and the database's state at that moment: `PRAGMA data_version` (changes
/// when any other connection, in this process or another, commits) and this
/// connection's total row changes (changes with any other write of its own: a delete,
/// an import, "trust current versions", new keys).
struct Committed {
    data_version: i64,
    total_changes: u64,
    macs: BTreeMap<i64, Vec<u8>>,
}

/// The state [`Committed`] is compared by.
fn stamp(conn: &Connection) -> Result<(i64, u64), VaultError> {
    let data_version = conn
        .prepare_cached("PRAGMA data_version")?
        .query_row([], |r| r.get(0))?;
    Ok((data_version, conn.total_changes()))
}

impl std::fmt::Debug for ManifestKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ManifestKey(<redacted>)")
    }
}

fn encode(entries: &Bucket) -> Vec<u8> {
    let mut f = Fields::default();
    for (id, e) in entries {
        f.str(id)
            .str(&e.kind)
            .opt_str(e.parent.as_deref())
            .u64(e.version);
    }
    f.into_inner()
}

fn decode(bytes: &[u8]) -> Option<Bucket> {
    let mut r = Reader(bytes);
    let mut out = Bucket::new();
    while !r.0.is_empty() {
        let id = r.str()?.to_owned();
        let kind = r.str()?.to_owned();
        let parent = r.opt_str()?;
        let version = r.u64()?;
        out.insert(
            id,
            ManifestEntry {
                kind,
                parent,
                version,
            },
        );
    }
    Some(out)
}

impl ManifestKey {
    pub(crate) fn new(key: Zeroizing<[u8; 32]>) -> ManifestKey {
        ManifestKey {
            key,
            committed: Mutex::new(None),
        }
    }

    fn bucket_mac(&self, bucket: i64, encoded: &[u8]) -> ManifestMac {
        let mut mac = ManifestMac::new(&self.key, "amtsweg-vault manifest bucket 1");
        let mut f = Fields::default();
        f.i64(bucket).bytes(encoded);
        mac.update(&f);
        mac
    }

    fn top_mac(&self, macs: &BTreeMap<i64, Vec<u8>>) -> ManifestMac {
        let mut mac = ManifestMac::new(&self.key, "amtsweg-vault manifest top 1");
        // One buffer for all 64 entries: the same bytes as one `Fields` each, without
        // 64 allocations on every save.
        let mut f = Fields::default();
        for (bucket, bucket_mac) in macs {
            f.clear();
            f.i64(*bucket).bytes(bucket_mac);
            mac.update(&f);
        }
        mac
    }

    /// Reads the manifest: every bucket's MAC and the top, and the entries of `only`
    /// (every bucket when `None`), verifying what it reads.
    fn read(&self, conn: &Connection, only: Option<i64>) -> Result<Manifest, VaultError> {
        let mut top = None;
        let mut macs = BTreeMap::new();
        let mut buckets = BTreeMap::new();
        let mut bad_buckets = HashSet::new();
        // The entries column is read only for the buckets wanted.
        let mut stmt = conn.prepare_cached(
            "SELECT bucket, mac, CASE WHEN ?1 IS NULL OR bucket = ?1 THEN entries END
             FROM manifest ORDER BY bucket",
        )?;
        let mut rows = stmt.query([only])?;
        while let Some(row) = rows.next()? {
            let bucket: i64 = row.get(0)?;
            let mac: Vec<u8> = row.get(1)?;
            let entries: Option<Vec<u8>> = row.get(2)?;
            if bucket == TOP {
                top = Some(mac);
                continue;
            }
            if let Some(encoded) = entries {
                let (decoded, valid) = self.verify_bucket(bucket, &encoded, &mac);
                if !valid {
                    bad_buckets.insert(bucket);
                }
                buckets.insert(bucket, decoded);
            }
            macs.insert(bucket, mac);
        }
        // Buckets without a row are empty; make them present so changes can be made.
        let wanted: Vec<i64> = only.map_or_else(|| (0..BUCKETS).collect(), |b| vec![b]);
        for bucket in wanted {
            buckets.entry(bucket).or_default();
        }
        let top_valid = top.is_some_and(|tag| self.top_mac(&macs).verify(&tag));
        Ok(Manifest {
            top_valid,
            stale: false,
            bad_buckets,
            macs,
            buckets,
            dirty: HashSet::new(),
        })
    }

    /// A bucket's entries as stored, and whether they are well formed and match `mac`.
    fn verify_bucket(&self, bucket: i64, encoded: &[u8], mac: &[u8]) -> (Bucket, bool) {
        let decoded =
            decode(encoded).filter(|b| !b.is_empty() && b.keys().all(|id| bucket_of(id) == bucket));
        // Constant-time comparison (hmac's `verify_slice`).
        let valid = decoded.is_some() && self.bucket_mac(bucket, encoded).verify(mac);
        (decoded.unwrap_or_default(), valid)
    }

    /// What a save of `id` needs (its bucket, verified, and the top), but without
    /// reading and verifying all 64 bucket MACs again when nothing can have changed them:
    /// when the database is in the state the last save of this connection committed
    /// (same `data_version`, no other write of this connection since), the MACs it wrote
    /// then are the MACs on disk, and the top MAC it wrote over them is valid. The bucket
    /// of `id` is still read and verified, and its stored MAC must be the one committed.
    /// Otherwise, or on any doubt, the full read.
    ///
    /// Call inside the save's write transaction, so no other connection can commit
    /// between this check and the write.
    pub(crate) fn read_for_save(
        &self,
        conn: &Connection,
        id: &str,
    ) -> Result<Manifest, VaultError> {
        let bucket = bucket_of(id);
        // Taken, not copied: a save that fails leaves nothing to trust next time.
        let committed = self
            .committed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(c) = committed
            && (c.data_version, c.total_changes) == stamp(conn)?
        {
            let row: Option<(Vec<u8>, Vec<u8>)> = conn
                .prepare_cached("SELECT mac, entries FROM manifest WHERE bucket = ?1")?
                .query_row([bucket], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let entries = match (&row, c.macs.get(&bucket)) {
                (None, None) => Some((Bucket::new(), true)),
                (Some((mac, encoded)), Some(committed_mac)) if mac == committed_mac => {
                    Some(self.verify_bucket(bucket, encoded, mac))
                }
                _ => None,
            };
            if let Some((entries, valid)) = entries {
                return Ok(Manifest {
                    top_valid: true,
                    // A save checks the one record it writes against its entry itself.
                    stale: false,
                    bad_buckets: if valid {
                        HashSet::new()
                    } else {
                        HashSet::from([bucket])
                    },
                    macs: c.macs,
                    buckets: BTreeMap::from([(bucket, entries)]),
                    dirty: HashSet::new(),
                });
            }
        }
        self.read(conn, Some(bucket))
    }

    /// After a save's commit: remembers the MACs it committed for the next save
    /// ([`ManifestKey::read_for_save`]). Only a manifest whose top is valid is
    /// remembered.
    pub(crate) fn remember_committed(
        &self,
        conn: &Connection,
        manifest: Manifest,
    ) -> Result<(), VaultError> {
        if !manifest.top_valid || !manifest.dirty.is_empty() {
            return Ok(());
        }
        let (data_version, total_changes) = stamp(conn)?;
        *self
            .committed
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(Committed {
            data_version,
            total_changes,
            macs: manifest.macs,
        });
        Ok(())
    }

    /// The whole manifest, every bucket verified.
    pub(crate) fn read_all(&self, conn: &Connection) -> Result<Manifest, VaultError> {
        self.read(conn, None)
    }

    /// Writes the changed buckets and the top MAC, within the caller's transaction.
    ///
    /// A bucket or top that failed its MAC is written only when `bless` says so, or when
    /// it becomes empty (nothing left to vouch for): MACing it again would bless
    /// whatever was put back.
    pub(crate) fn write(
        &self,
        conn: &Connection,
        manifest: &mut Manifest,
        bless: bool,
    ) -> Result<(), VaultError> {
        let now_empty = manifest.is_empty();
        let mut dirty: Vec<i64> = manifest.dirty.drain().collect();
        dirty.sort_unstable();
        let mut changed = false;
        for bucket in dirty {
            let entries = manifest.buckets.get(&bucket).cloned().unwrap_or_default();
            if !bless && manifest.bad_buckets.contains(&bucket) && !entries.is_empty() {
                continue;
            }
            changed = true;
            if entries.is_empty() {
                conn.prepare_cached("DELETE FROM manifest WHERE bucket = ?1")?
                    .execute([bucket])?;
                manifest.macs.remove(&bucket);
            } else {
                let encoded = encode(&entries);
                let mac = self.bucket_mac(bucket, &encoded).finish().to_vec();
                conn.prepare_cached(
                    "INSERT INTO manifest (bucket, mac, entries) VALUES (?1, ?2, ?3)
                     ON CONFLICT(bucket) DO UPDATE SET mac = excluded.mac, entries = excluded.entries",
                )?
                .execute(params![bucket, mac, encoded])?;
                manifest.macs.insert(bucket, mac);
            }
            manifest.bad_buckets.remove(&bucket);
        }
        if changed && (manifest.top_valid || bless || now_empty) {
            let top = self.top_mac(&manifest.macs).finish();
            conn.prepare_cached(
                "INSERT INTO manifest (bucket, mac, entries) VALUES (?1, ?2, x'')
                 ON CONFLICT(bucket) DO UPDATE SET mac = excluded.mac",
            )?
            .execute(params![TOP, top.as_slice()])?;
            manifest.top_valid = true;
        }
        Ok(())
    }

    /// Makes the top MAC fail until [`Vault::trust_current_versions`](crate::Vault):
    /// written when a delete takes away the record that showed the manifest stale, so
    /// that the distrust outlives its evidence.
    pub(crate) fn distrust(&self, conn: &Connection) -> Result<(), VaultError> {
        conn.prepare_cached(
            "INSERT INTO manifest (bucket, mac, entries) VALUES (?1, x'', x'')
             ON CONFLICT(bucket) DO UPDATE SET mac = excluded.mac",
        )?
        .execute([TOP])?;
        Ok(())
    }

    /// A new, empty manifest (new keys for a vault without records).
    pub(crate) fn reset(&self, conn: &Connection) -> Result<(), VaultError> {
        conn.execute("DELETE FROM manifest", [])?;
        let top = self.top_mac(&BTreeMap::new()).finish();
        conn.execute(
            "INSERT INTO manifest (bucket, mac, entries) VALUES (?1, ?2, x'')",
            params![TOP, top.as_slice()],
        )?;
        Ok(())
    }
}

/// How many entries the manifest holds, read without the key (for
/// [`VaultError::KeyMissing`]).
pub(crate) fn count_entries(conn: &Connection) -> Result<u64, VaultError> {
    let mut stmt = conn.prepare("SELECT entries FROM manifest WHERE bucket >= 0")?;
    let mut rows = stmt.query([])?;
    let mut n = 0u64;
    while let Some(row) = rows.next()? {
        let encoded: Vec<u8> = row.get(0).unwrap_or_default();
        // An undecodable bucket still held something.
        n += decode(&encoded).map_or(1, |b| b.len() as u64);
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_encode_and_decode() {
        let mut b = Bucket::new();
        b.insert(
            "x".into(),
            ManifestEntry {
                kind: "draft".into(),
                parent: None,
                version: 3,
            },
        );
        b.insert(
            "y".into(),
            ManifestEntry {
                kind: "attachment".into(),
                parent: Some("x".into()),
                version: 1,
            },
        );
        assert_eq!(decode(&encode(&b)), Some(b));
        assert_eq!(decode(&[0, 0, 0]), None);
        assert_eq!(decode(&[]), Some(Bucket::new()));
    }

    #[test]
    fn ids_spread_over_the_buckets() {
        let used: HashSet<i64> = (0..2000)
            .map(|i| bucket_of(&format!("draft-{i}")))
            .collect();
        assert_eq!(used.len(), BUCKETS as usize);
        assert!(used.iter().all(|b| (0..BUCKETS).contains(b)));
    }
}
