//! The keyed version manifest: the version every record must have, so that one record
//! put back to an older copy (or a deleted one put back, or one removed) is noticed.
//!
//! A two-level MAC keeps a save's cost independent of how many drafts there are: the
//! entries fall into 64 buckets by a hash of their id; each bucket's entries have a MAC
//! (`manifest_buckets`), and one top MAC over all bucket MACs sits in `meta`
//! (`manifest_mac`). A save recomputes one bucket and the top, never the whole manifest.
//! Any accepted state is one that the vault itself MACed as a whole: a bucket put back
//! to an older state fails its MAC or the top MAC, exactly as with a single MAC over
//! every entry. (An XOR of per-entry MACs would be cheaper still, but copies of several
//! older databases could then be combined into a mixed state that verifies.)
//!
//! A bucket whose entries fail its MAC distrusts only its own records; a failing top MAC
//! distrusts all of them.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::VaultError;
use crate::crypto::{Fields, ManifestMac};
use crate::vault::Header;

/// Buckets of the two-level MAC: √(a few thousand records) as an upper estimate, so a
/// save reads about 64 bucket MACs and a few dozen entries at most.
const BUCKETS: i64 = 64;

/// The bucket of a record id: public and stable (a hash, not a MAC), so any reader
/// finds an entry without the key.
pub(crate) fn bucket_of(id: &str) -> i64 {
    i64::from(Sha256::digest(id.as_bytes())[0]) % BUCKETS
}

#[derive(Debug, Clone)]
pub(crate) struct ManifestEntry {
    pub(crate) kind: String,
    pub(crate) parent: Option<String>,
    pub(crate) version: u64,
}

/// The manifest as read (all of it, or one bucket of it) and what verified.
#[derive(Debug)]
pub(crate) struct Manifest {
    top_valid: bool,
    bad_buckets: HashSet<i64>,
    pub(crate) entries: HashMap<String, ManifestEntry>,
}

impl Manifest {
    /// Whether the manifest can vouch for `id`'s version (its bucket and the top verified).
    pub(crate) fn trusted(&self, id: &str) -> bool {
        self.top_valid && !self.bad_buckets.contains(&bucket_of(id))
    }

    pub(crate) fn bucket_trusted(&self, bucket: i64) -> bool {
        !self.bad_buckets.contains(&bucket)
    }

    pub(crate) fn top_trusted(&self) -> bool {
        self.top_valid
    }

    pub(crate) fn all_trusted(&self) -> bool {
        self.top_valid && self.bad_buckets.is_empty()
    }
}

/// The manifest's MAC key (derived from the data key).
pub(crate) struct ManifestKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for ManifestKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ManifestKey(<redacted>)")
    }
}

type Entries = Vec<(String, ManifestEntry)>;

impl ManifestKey {
    pub(crate) fn new(key: Zeroizing<[u8; 32]>) -> ManifestKey {
        ManifestKey(key)
    }

    fn bucket_mac(&self, bucket: i64, entries: &[(String, ManifestEntry)]) -> ManifestMac {
        let mut mac = ManifestMac::new(&self.0, "amtsweg-vault manifest bucket 1");
        let mut head = Fields::default();
        head.i64(bucket);
        mac.update(&head);
        for (id, e) in entries {
            let mut f = Fields::default();
            f.str(id)
                .str(&e.kind)
                .opt_str(e.parent.as_deref())
                .u64(e.version);
            mac.update(&f);
        }
        mac
    }

    fn top_mac(&self, buckets: &[(i64, Vec<u8>)]) -> ManifestMac {
        let mut mac = ManifestMac::new(&self.0, "amtsweg-vault manifest top 1");
        for (bucket, bucket_mac) in buckets {
            let mut f = Fields::default();
            f.i64(*bucket).bytes(bucket_mac);
            mac.update(&f);
        }
        mac
    }

    fn stored_buckets(conn: &Connection) -> Result<Vec<(i64, Vec<u8>)>, VaultError> {
        let mut stmt =
            conn.prepare_cached("SELECT bucket, mac FROM manifest_buckets ORDER BY bucket")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn top_valid(&self, conn: &Connection, buckets: &[(i64, Vec<u8>)]) -> Result<bool, VaultError> {
        let stored: Option<Vec<u8>> = conn
            .prepare_cached("SELECT value FROM meta WHERE key = 'manifest_mac'")?
            .query_row([], |r| r.get(0))
            .ok();
        Ok(stored.is_some_and(|tag| self.top_mac(buckets).verify(&tag)))
    }

    fn read_entries(
        conn: &Connection,
        bucket: Option<i64>,
    ) -> Result<Vec<(i64, String, ManifestEntry)>, VaultError> {
        let sql = match bucket {
            Some(_) => {
                "SELECT bucket, id, kind, parent, version FROM manifest WHERE bucket = ?1 ORDER BY id"
            }
            None => "SELECT bucket, id, kind, parent, version FROM manifest ORDER BY bucket, id",
        };
        let mut stmt = conn.prepare_cached(sql)?;
        let map = |r: &rusqlite::Row<'_>| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                ManifestEntry {
                    kind: r.get(2)?,
                    parent: r.get(3)?,
                    version: r.get::<_, i64>(4)?.max(0) as u64,
                },
            ))
        };
        let rows = match bucket {
            Some(b) => stmt.query_map([b], map)?.collect::<Result<Vec<_>, _>>()?,
            None => stmt.query_map([], map)?.collect::<Result<Vec<_>, _>>()?,
        };
        Ok(rows)
    }

    /// Verifies the buckets present in `entries` (all buckets when `only` is `None`).
    fn verify(
        &self,
        conn: &Connection,
        only: Option<i64>,
        rows: Vec<(i64, String, ManifestEntry)>,
    ) -> Result<Manifest, VaultError> {
        let stored = Self::stored_buckets(conn)?;
        let top_valid = self.top_valid(conn, &stored)?;
        let mut by_bucket: HashMap<i64, Entries> = HashMap::new();
        for (bucket, id, entry) in rows {
            // An entry filed under the wrong bucket cannot be one the vault wrote.
            let bucket = if bucket_of(&id) == bucket { bucket } else { -1 };
            by_bucket.entry(bucket).or_default().push((id, entry));
        }
        let mut bad_buckets = HashSet::new();
        if let Some(misfiled) = by_bucket.remove(&-1) {
            bad_buckets.extend(misfiled.iter().map(|(id, _)| bucket_of(id)));
            for (id, e) in misfiled {
                by_bucket.entry(bucket_of(&id)).or_default().push((id, e));
            }
        }
        let stored: HashMap<i64, Vec<u8>> = stored.into_iter().collect();
        let buckets: Vec<i64> = match only {
            Some(b) => vec![b],
            None => (0..BUCKETS).collect(),
        };
        for bucket in buckets {
            let entries = by_bucket
                .get(&bucket)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let ok = match (entries.is_empty(), stored.get(&bucket)) {
                (true, None) => true,
                // Constant-time comparison (hmac's `verify_slice`).
                (false, Some(tag)) => self.bucket_mac(bucket, entries).verify(tag),
                _ => false,
            };
            if !ok {
                bad_buckets.insert(bucket);
            }
        }
        let entries = by_bucket.into_values().flatten().collect();
        Ok(Manifest {
            top_valid,
            bad_buckets,
            entries,
        })
    }

    /// The whole manifest, every bucket verified.
    pub(crate) fn read_all(&self, conn: &Connection) -> Result<Manifest, VaultError> {
        let rows = Self::read_entries(conn, None)?;
        self.verify(conn, None, rows)
    }

    /// Only the bucket of `id`, verified, and the top: what one record's open or save
    /// needs.
    pub(crate) fn read_for(&self, conn: &Connection, id: &str) -> Result<Manifest, VaultError> {
        let bucket = bucket_of(id);
        let rows = Self::read_entries(conn, Some(bucket))?;
        self.verify(conn, Some(bucket), rows)
    }

    /// Recomputes the MACs of `buckets` (a bucket left empty loses its row) and then the
    /// top MAC, within the caller's transaction.
    pub(crate) fn reseal(
        &self,
        conn: &Connection,
        buckets: &[i64],
        top: bool,
    ) -> Result<(), VaultError> {
        for &bucket in buckets {
            let entries: Entries = Self::read_entries(conn, Some(bucket))?
                .into_iter()
                .map(|(_, id, e)| (id, e))
                .collect();
            if entries.is_empty() {
                conn.prepare_cached("DELETE FROM manifest_buckets WHERE bucket = ?1")?
                    .execute([bucket])?;
            } else {
                let mac = self.bucket_mac(bucket, &entries).finish();
                conn.prepare_cached(
                    "INSERT INTO manifest_buckets (bucket, mac) VALUES (?1, ?2)
                     ON CONFLICT(bucket) DO UPDATE SET mac = excluded.mac",
                )?
                .execute(params![bucket, mac.as_slice()])?;
            }
        }
        if top {
            let tag = self.top_mac(&Self::stored_buckets(conn)?).finish();
            conn.prepare_cached(
                "INSERT INTO meta (key, value) VALUES ('manifest_mac', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            )?
            .execute([tag.as_slice()])?;
        }
        Ok(())
    }

    /// Recomputes every bucket and the top.
    pub(crate) fn reseal_all(&self, conn: &Connection) -> Result<(), VaultError> {
        let all: Vec<i64> = (0..BUCKETS).collect();
        self.reseal(conn, &all, true)
    }
}

/// Whether no entry is left in `bucket`.
pub(crate) fn bucket_is_empty(conn: &Connection, bucket: i64) -> Result<bool, VaultError> {
    Ok(conn
        .prepare_cached("SELECT NOT EXISTS (SELECT 1 FROM manifest WHERE bucket = ?1)")?
        .query_row([bucket], |r| r.get(0))?)
}

/// Sets the entry of the record `h` describes.
pub(crate) fn set_entry(conn: &Connection, h: &Header<'_>) -> Result<(), VaultError> {
    conn.prepare_cached(
        "INSERT INTO manifest (bucket, id, kind, parent, version) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(bucket, id) DO UPDATE SET kind = excluded.kind, parent = excluded.parent,
                                               version = excluded.version",
    )?
    .execute(params![
        bucket_of(h.id),
        h.id,
        h.kind.as_str(),
        h.parent,
        h.version as i64
    ])?;
    Ok(())
}

/// Removes the entries of `id` and of the records whose parent it is; returns the
/// buckets that changed.
pub(crate) fn remove_with_children(conn: &Connection, id: &str) -> Result<Vec<i64>, VaultError> {
    let mut buckets: Vec<i64> = conn
        .prepare_cached("SELECT DISTINCT bucket FROM manifest WHERE parent = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    buckets.push(bucket_of(id));
    buckets.sort_unstable();
    buckets.dedup();
    conn.prepare_cached("DELETE FROM manifest WHERE (bucket = ?1 AND id = ?2) OR parent = ?2")?
        .execute(params![bucket_of(id), id])?;
    Ok(buckets)
}
