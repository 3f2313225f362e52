//! Moving and leaving: one export file with every draft and attachment, sealed under a
//! passphrase; import on another installation; deleting everything the vault made.
//!
//! Applications waiting in the outbox and their sending records stay with this
//! installation: they are never exported, and a file that carries one is refused. An
//! application imported elsewhere could be sent twice, once from each installation.
//!
//! File layout (all integers big-endian):
//!
//! ```text
//! magic "AMTSWEGX" | format u32 = 1 | Argon2id memory_kib, iterations, parallelism u32
//! | salt 16 | nonce 24 | XChaCha20-Poly1305 ciphertext of the records (+ 16-byte tag)
//! ```
//!
//! The 64-byte header is the associated data, so changed parameters, salt or format
//! fail like changed ciphertext. The plaintext is a count followed by the records, each
//! field length-prefixed (see `Reader`). One AEAD over the whole file: a file is
//! either wholly intact or refused.

use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, TransactionBehavior};
use zeroize::Zeroizing;

use crate::crypto::{self, Cipher, Fields, KdfParams, NONCE_LEN, Reader, SALT_LEN};
use crate::keychain::Keychain;
use crate::manifest::{Manifest, ManifestEntry};
use crate::vault::{self, DB_FILE, Header, Kind, Location, Passphrase, Vault};
use crate::{DamageReason, VaultError};

const MAGIC: &[u8; 8] = b"AMTSWEGX";
const FORMAT: u32 = 1;
const HEADER_LEN: usize = 8 + 4 + 12 + SALT_LEN + NONCE_LEN;

/// What an export wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    pub drafts: usize,
    pub attachments: usize,
    /// Records left out because they failed their checks (a damaged record is not
    /// carried to another machine as if it were sound).
    pub damaged: Vec<String>,
}

/// What an import did. Conflict rule: a draft whose id already exists here is taken
/// from the file only if the file's copy was changed later (`updated`); otherwise the
/// local one stays. A draft comes with its attachments: taking a draft replaces the
/// local draft's attachments with the file's.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Drafts taken from the file (new here, or newer than the local copy).
    pub imported: Vec<String>,
    /// Drafts of the file not taken, because the local copy is as new or newer.
    pub kept_local: Vec<String>,
    /// Attachments not taken because their id belongs to another draft here, or their
    /// draft was not taken.
    pub skipped_attachments: Vec<String>,
}

/// One record in plaintext, as carried in the file.
struct Plain {
    kind: Kind,
    id: String,
    parent: Option<String>,
    procedure_id: Option<String>,
    created: i64,
    updated: i64,
    summary: Zeroizing<Vec<u8>>,
    payload: Zeroizing<Vec<u8>>,
}

/// An export file opened with its passphrase, not yet imported: so the passphrase is
/// known to be right before anything is changed ([`Vault::read_export`]). Its drafts are
/// wiped when it is dropped; `Debug` shows only how many records it holds.
pub struct ExportContents(Vec<Plain>);

impl std::fmt::Debug for ExportContents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ExportContents(<{} records>)", self.0.len())
    }
}

impl ExportContents {
    /// Each draft of the file as `(id, procedure id, payload)`: for the app to check
    /// what the drafts hold before any is imported (the vault cannot read them).
    pub fn drafts(&self) -> impl Iterator<Item = (&str, &str, &[u8])> {
        self.0.iter().filter(|r| r.kind == Kind::Draft).map(|r| {
            (
                r.id.as_str(),
                r.procedure_id.as_deref().unwrap_or_default(),
                r.payload.as_slice(),
            )
        })
    }
}

impl Vault {
    /// Writes every sound draft and attachment to `path`, sealed under `passphrase`
    /// (Argon2id with the passphrase's parameters, XChaCha20-Poly1305). The file is
    /// written to a temporary file beside it, fsynced and renamed, so `path` is either
    /// the old file or the complete new one. The file is the citizen's: the vault does
    /// not remember where it went, and [`Vault::delete_all`] leaves it alone.
    /// Applications waiting in the outbox and their sending records are not written
    /// (nor counted as damaged): they stay with this installation.
    pub fn export(&self, path: &Path, passphrase: &Passphrase) -> Result<ExportReport, VaultError> {
        passphrase.require_non_empty()?;
        let path = std::path::absolute(path).map_err(|e| VaultError::io(path, e))?;
        let mut report = ExportReport::default();
        let mut plain = Zeroizing::new(Vec::new());
        {
            let conn = self.lock();
            let manifest = self.read_checked(&conn)?;
            let ids: Vec<(String, String)> = conn
                .prepare("SELECT id, kind FROM records ORDER BY kind = 'attachment', created, id")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let mut records = Vec::new();
            for (id, kind) in ids {
                let Some(kind) = Kind::parse(&kind) else {
                    report.damaged.push(id);
                    continue;
                };
                // The outbox's records stay here (see the module's documentation).
                if matches!(kind, Kind::Application | Kind::Sending) {
                    continue;
                }
                let row = vault::load_row(&conn, &id)?;
                match self.open_row(&manifest, &id, kind, row) {
                    Ok((row, payload, summary)) => {
                        if kind == Kind::Attachment
                            && row
                                .parent
                                .as_ref()
                                .is_some_and(|p| report.damaged.contains(p))
                        {
                            report.damaged.push(id);
                            continue;
                        }
                        match kind {
                            Kind::Draft => report.drafts += 1,
                            Kind::Attachment => report.attachments += 1,
                            Kind::Application | Kind::Sending => continue,
                        }
                        records.push(Plain {
                            kind,
                            id: row.id,
                            parent: row.parent,
                            procedure_id: row.procedure_id,
                            created: row.created,
                            updated: row.updated,
                            summary,
                            payload,
                        });
                    }
                    Err(VaultError::Damaged { .. }) => report.damaged.push(id),
                    Err(e) => return Err(e),
                }
            }
            encode(&records, &mut plain);
        }
        let params = passphrase.params();
        let salt = crypto::random::<SALT_LEN>()?;
        let nonce = crypto::random::<NONCE_LEN>()?;
        let header = header(params, &salt, &nonce);
        let key = params.derive(passphrase.bytes(), &salt)?;
        let sealed = Cipher::new(&key).seal(&nonce, &plain, &header)?;
        write_atomically(&path, &header, &sealed)?;
        Ok(report)
    }

    /// Restores the drafts and attachments of an export file, re-encrypted and
    /// re-signed with this vault's keys; ids and times are kept (see [`ImportReport`]
    /// for conflicts). One transaction: all of the file or nothing.
    pub fn import(&self, path: &Path, passphrase: &Passphrase) -> Result<ImportReport, VaultError> {
        self.import_contents(Vault::read_export(path, passphrase)?)
    }

    /// Imports an export file read with [`Vault::read_export`].
    pub fn import_contents(&self, contents: ExportContents) -> Result<ImportReport, VaultError> {
        self.import_records(contents.0)
    }

    /// Opens the export file at `path` with its passphrase without importing it: a
    /// wrong passphrase or a file that is not an export is found out first.
    pub fn read_export(path: &Path, passphrase: &Passphrase) -> Result<ExportContents, VaultError> {
        let bytes = read_bounded(path)?;
        if bytes.len() < HEADER_LEN + crypto::TAG_LEN || &bytes[..8] != MAGIC {
            return Err(VaultError::BadExportFile("it does not start like one"));
        }
        let (head, sealed) = bytes.split_at(HEADER_LEN);
        if u32::from_be_bytes([head[8], head[9], head[10], head[11]]) != FORMAT {
            return Err(VaultError::BadExportFile("written by another version"));
        }
        let params = KdfParams::from_bytes(&head[12..24])
            .ok_or(VaultError::BadExportFile("unreadable parameters"))?;
        let salt: [u8; SALT_LEN] = head[24..24 + SALT_LEN]
            .try_into()
            .map_err(|_| VaultError::BadExportFile("salt"))?;
        let nonce = &head[24 + SALT_LEN..];
        let key = params
            .derive(passphrase.bytes(), &salt)
            .map_err(|e| match e {
                VaultError::KdfParams(_) => VaultError::BadExportFile("unusable key parameters"),
                e => e,
            })?;
        // A wrong passphrase and a changed file look the same to an AEAD; the
        // passphrase is by far the likelier cause, and the message says what to try.
        let plain = Cipher::new(&key)
            .open(nonce, sealed, head)
            .ok_or(VaultError::WrongPassphrase)?;
        Ok(ExportContents(decode(&plain)?))
    }

    fn import_records(&self, records: Vec<Plain>) -> Result<ImportReport, VaultError> {
        let mut report = ImportReport::default();
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut manifest = self.read_checked(&tx)?;
        if !manifest.all_trusted() {
            return Err(VaultError::Damaged {
                id: "manifest".into(),
                reason: DamageReason::ManifestInvalid,
            });
        }
        // One above anything seen for the id, as a save does.
        let next_version = |manifest: &Manifest, id: &str| -> Result<u64, VaultError> {
            let stored: Option<i64> = tx
                .query_row("SELECT version FROM records WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            let listed = manifest.get(id).map_or(0, |e| e.version);
            Ok(stored.map_or(0, |v| v.max(0) as u64).max(listed) + 1)
        };
        for r in records.iter().filter(|r| r.kind == Kind::Draft) {
            let local: Option<(String, i64)> = tx
                .query_row(
                    "SELECT kind, updated FROM records WHERE id = ?1",
                    [&r.id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let take = match &local {
                None => manifest.get(&r.id).is_none_or(|e| e.kind == "draft"),
                Some((kind, updated)) => kind == "draft" && r.updated > *updated,
            };
            if !take {
                report.kept_local.push(r.id.clone());
                continue;
            }
            // The file's draft comes with the file's attachments only.
            tx.execute("DELETE FROM records WHERE parent = ?1", [&r.id])?;
            manifest.remove_children(&r.id);
            let h = Header {
                kind: Kind::Draft,
                id: &r.id,
                parent: None,
                procedure_id: r.procedure_id.as_deref(),
                version: next_version(&manifest, &r.id)?,
                created: r.created,
                updated: r.updated,
            };
            self.write_row(&tx, &h, &r.payload, &r.summary)?;
            manifest.set(
                &r.id,
                ManifestEntry {
                    kind: "draft".into(),
                    parent: None,
                    version: h.version,
                },
            );
            report.imported.push(r.id.clone());
        }
        for r in records.iter().filter(|r| r.kind == Kind::Attachment) {
            let parent_taken = r
                .parent
                .as_ref()
                .is_some_and(|p| report.imported.contains(p));
            let local_parent: Option<Option<String>> = tx
                .query_row("SELECT parent FROM records WHERE id = ?1", [&r.id], |row| {
                    row.get(0)
                })
                .optional()?;
            let id_free = match &local_parent {
                None => manifest.get(&r.id).is_none(),
                Some(p) => p == &r.parent,
            };
            if !parent_taken || !id_free {
                report.skipped_attachments.push(r.id.clone());
                continue;
            }
            let h = Header {
                kind: Kind::Attachment,
                id: &r.id,
                parent: r.parent.as_deref(),
                procedure_id: None,
                version: next_version(&manifest, &r.id)?,
                created: r.created,
                updated: r.updated,
            };
            self.write_row(&tx, &h, &r.payload, &r.summary)?;
            manifest.set(
                &r.id,
                ManifestEntry {
                    kind: "attachment".into(),
                    parent: r.parent.clone(),
                    version: h.version,
                },
            );
        }
        self.manifest.write(&tx, &mut manifest, false)?;
        tx.commit()?;
        // Replaced attachments were deleted: take their bytes out of the WAL too.
        vault::checkpoint_truncate(&conn);
        Ok(report)
    }

    /// Removes everything this vault keeps (drafts, attachments, applications waiting in
    /// the outbox and their sending records): the database (with its `-wal` and `-shm`
    /// files) and its keys in the keychain; exports the citizen saved stay theirs.
    /// Returns the files removed. In kiosk mode there is nothing on disk; dropping the
    /// vault ends it.
    pub fn delete_all(self) -> Result<Vec<PathBuf>, VaultError> {
        let Vault {
            conn,
            keychain,
            location,
            ..
        } = self;
        let conn = conn
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Closing checkpoints the WAL and releases the files, so they can be removed on
        // Windows too.
        drop(conn);
        match location {
            Location::Disk(dir) => remove_everything(Some(&dir), keychain.as_ref()),
            Location::Memory => remove_everything(None, None),
        }
    }

    /// [`Vault::delete_all`] without opening the vault: for when its keys are missing
    /// or wrong and the citizen chooses to start over. Removes the database files and,
    /// if given, the keychain entry.
    pub fn delete_all_at(
        dir: &Path,
        keychain: Option<&Keychain>,
    ) -> Result<Vec<PathBuf>, VaultError> {
        remove_everything(Some(dir), keychain)
    }
}

fn remove_everything(
    dir: Option<&Path>,
    keychain: Option<&Keychain>,
) -> Result<Vec<PathBuf>, VaultError> {
    let mut removed = Vec::new();
    let mut first_error = None;
    let db_files = [
        format!("{DB_FILE}-wal"),
        format!("{DB_FILE}-shm"),
        DB_FILE.to_owned(),
    ];
    for path in dir
        .into_iter()
        .flat_map(|d| db_files.iter().map(move |n| d.join(n)))
    {
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                first_error.get_or_insert(VaultError::io(&path, e));
            }
        }
    }
    if let Some(dir) = dir {
        sync_dir(dir);
    }
    if let Some(keychain) = keychain
        && let Err(e) = keychain.delete()
    {
        first_error.get_or_insert(e);
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(removed),
    }
}

/// The largest export file read. Its drafts are small; its attachments are capped per
/// file field (10 MB at most in the bundled procedures), so this is room for dozens of
/// drafts with all their files, and it keeps a crafted or wrong file (a disk image)
/// from being read into memory whole.
pub const MAX_EXPORT_BYTES: u64 = 512 * 1024 * 1024;

/// The file's bytes, its size checked before any is read (and a file that grows while it
/// is read cut one byte past the limit and refused).
fn read_bounded(path: &Path) -> Result<Vec<u8>, VaultError> {
    use std::io::Read;
    const TOO_LARGE: VaultError = VaultError::BadExportFile("it is larger than any export");
    let file = std::fs::File::open(path).map_err(|e| VaultError::io(path, e))?;
    let size = file.metadata().map_err(|e| VaultError::io(path, e))?.len();
    if size > MAX_EXPORT_BYTES {
        return Err(TOO_LARGE);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_EXPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| VaultError::io(path, e))?;
    if bytes.len() as u64 > MAX_EXPORT_BYTES {
        return Err(TOO_LARGE);
    }
    Ok(bytes)
}

fn header(params: KdfParams, salt: &[u8; SALT_LEN], nonce: &[u8; NONCE_LEN]) -> Vec<u8> {
    let mut h = Vec::with_capacity(HEADER_LEN);
    h.extend_from_slice(MAGIC);
    h.extend_from_slice(&FORMAT.to_be_bytes());
    h.extend_from_slice(&params.to_bytes());
    h.extend_from_slice(salt);
    h.extend_from_slice(nonce);
    h
}

fn write_atomically(path: &Path, header: &[u8], body: &[u8]) -> Result<(), VaultError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".amtsweg-export-")
        .tempfile_in(dir)
        .map_err(|e| VaultError::io(dir, e))?;
    tmp.write_all(header)
        .map_err(|e| VaultError::io(tmp.path(), e))?;
    tmp.write_all(body)
        .map_err(|e| VaultError::io(tmp.path(), e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| VaultError::io(tmp.path(), e))?;
    tmp.persist(path)
        .map_err(|e| VaultError::io(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Makes a rename or removal in `dir` durable. Best effort: Windows cannot open a
/// folder for syncing, and NTFS journals renames itself.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn encode(records: &[Plain], out: &mut Vec<u8>) {
    let mut f = Fields::default();
    f.u64(records.len() as u64);
    out.extend_from_slice(f.as_slice());
    for r in records {
        let mut f = Fields::default();
        f.str(r.kind.as_str())
            .str(&r.id)
            .opt_str(r.parent.as_deref())
            .opt_str(r.procedure_id.as_deref())
            .i64(r.created)
            .i64(r.updated)
            .bytes(&r.summary)
            .bytes(&r.payload);
        out.extend_from_slice(f.as_slice());
        // `f` held plaintext; wipe it before its memory is freed.
        zeroize::Zeroize::zeroize(&mut f.into_inner());
    }
}

fn decode(plain: &[u8]) -> Result<Vec<Plain>, VaultError> {
    const BAD: VaultError = VaultError::BadExportFile("its contents are malformed");
    let mut r = Reader(plain);
    let count = r.u64().ok_or(BAD)?;
    let mut records = Vec::new();
    for _ in 0..count {
        let kind = Kind::parse(r.str().ok_or(BAD)?).ok_or(BAD)?;
        let id = r.str().ok_or(BAD)?.to_owned();
        let parent = r.opt_str().ok_or(BAD)?;
        let procedure_id = r.opt_str().ok_or(BAD)?;
        let created = r.u64().ok_or(BAD)? as i64;
        let updated = r.u64().ok_or(BAD)? as i64;
        let summary = Zeroizing::new(r.field().ok_or(BAD)?.to_vec());
        let payload = Zeroizing::new(r.field().ok_or(BAD)?.to_vec());
        let well_formed = match kind {
            Kind::Draft => parent.is_none() && procedure_id.is_some(),
            Kind::Attachment => parent.is_some() && procedure_id.is_none(),
            // Never exported: a file that carries one was not written by a vault.
            Kind::Application | Kind::Sending => false,
        };
        // Ids as the vault checks its own (a save refuses what an import must too).
        let ids_sound = vault::check_record_id("an id", &id).is_ok()
            && parent
                .iter()
                .all(|p| vault::check_id("a draft id", p).is_ok())
            && procedure_id
                .iter()
                .all(|p| vault::check_id("a procedure id", p).is_ok());
        if !well_formed || !ids_sound {
            return Err(BAD);
        }
        records.push(Plain {
            kind,
            id,
            parent,
            procedure_id,
            created,
            updated,
            summary,
            payload,
        });
    }
    if !r.0.is_empty() {
        return Err(BAD);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    //! Export files crafted record by record, as an attacker would write them: the
    //! reader takes only what the vault itself would write.
    use super::*;

    const CHEAP: KdfParams = KdfParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
    const SECRET: &str = "correct horse battery staple";

    fn draft(id: &str, procedure_id: &str) -> Plain {
        Plain {
            kind: Kind::Draft,
            id: id.into(),
            parent: None,
            procedure_id: Some(procedure_id.into()),
            created: 1,
            updated: 2,
            summary: Zeroizing::new(b"{}".to_vec()),
            payload: Zeroizing::new(b"{}".to_vec()),
        }
    }

    fn attachment(id: &str, parent: &str) -> Plain {
        Plain {
            kind: Kind::Attachment,
            parent: Some(parent.into()),
            procedure_id: None,
            ..draft(id, "-")
        }
    }

    /// A file laid out as `Vault::export` writes it: `records` sealed under [`SECRET`]
    /// with cheap parameters, while the header names `header_params`.
    fn crafted(dir: &Path, records: &[Plain], header_params: KdfParams) -> PathBuf {
        let mut plain = Vec::new();
        encode(records, &mut plain);
        let salt = crypto::random::<SALT_LEN>().expect("salt");
        let nonce = crypto::random::<NONCE_LEN>().expect("nonce");
        let head = header(header_params, &salt, &nonce);
        let key = CHEAP.derive(SECRET.as_bytes(), &salt).expect("key");
        let sealed = Cipher::new(&key)
            .seal(&nonce, &plain, &head)
            .expect("sealed");
        let path = dir.join("crafted.amtsweg");
        std::fs::write(&path, [head, sealed].concat()).expect("write");
        path
    }

    fn read(path: &Path) -> Result<ExportContents, VaultError> {
        Vault::read_export(path, &Passphrase::new(SECRET).with_params(CHEAP))
    }

    #[test]
    fn a_crafted_file_as_the_vault_writes_it_reads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let records = [draft("draft-1", "dog-tax"), attachment("file-1", "draft-1")];
        let contents = read(&crafted(dir.path(), &records, CHEAP)).expect("read");
        assert_eq!(contents.0.len(), 2);
    }

    #[test]
    fn key_parameters_beyond_four_times_the_recommended_work_are_refused_unused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let records = [draft("draft-1", "dog-tax")];
        for params in [
            // Within the old limits (1 GiB, 64 passes, 16 lanes): seconds and hundreds
            // of megabytes each, before the passphrase was found wrong.
            KdfParams {
                memory_kib: 300 * 1024,
                iterations: 1,
                parallelism: 1,
            },
            KdfParams {
                memory_kib: 128 * 1024,
                iterations: 8,
                parallelism: 1,
            },
            KdfParams {
                memory_kib: 64,
                iterations: 9,
                parallelism: 1,
            },
            KdfParams {
                memory_kib: 64,
                iterations: 1,
                parallelism: 5,
            },
        ] {
            let started = std::time::Instant::now();
            let read = read(&crafted(dir.path(), &records, params));
            assert!(
                matches!(
                    read,
                    Err(VaultError::BadExportFile("unusable key parameters"))
                ),
                "{params:?}: {read:?}"
            );
            assert!(started.elapsed() < std::time::Duration::from_secs(1));
        }
    }

    #[test]
    fn a_file_larger_than_any_export_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = crafted(dir.path(), &[draft("draft-1", "dog-tax")], CHEAP);
        // Sparse: it takes no disk space, but reading it would take 512 MiB of memory.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        file.set_len(MAX_EXPORT_BYTES + 1).expect("grow");
        drop(file);
        let read = read(&path);
        assert!(
            matches!(
                read,
                Err(VaultError::BadExportFile("it is larger than any export"))
            ),
            "{read:?}"
        );
    }

    #[test]
    fn a_file_carrying_an_application_or_a_sending_record_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let application = Plain {
            kind: Kind::Application,
            ..draft("app-1", "dog-tax")
        };
        let sending = Plain {
            kind: Kind::Sending,
            id: "sending:app-1".into(),
            parent: Some("app-1".into()),
            procedure_id: None,
            ..draft("-", "-")
        };
        let cases: [(&str, Vec<Plain>); 3] = [
            (
                "an application",
                vec![draft("draft-1", "dog-tax"), application],
            ),
            (
                "a sending record",
                vec![draft("draft-1", "dog-tax"), sending],
            ),
            (
                "a draft in the sending records' namespace",
                vec![draft("sending:app-1", "dog-tax")],
            ),
        ];
        for (case, records) in cases {
            let read = read(&crafted(dir.path(), &records, CHEAP));
            assert!(
                matches!(read, Err(VaultError::BadExportFile(_))),
                "{case}: {read:?}"
            );
        }
    }

    #[test]
    fn ids_parents_and_procedure_ids_are_checked_as_the_vault_checks_its_own() {
        let dir = tempfile::tempdir().expect("tempdir");
        let long = "d".repeat(201);
        let cases: [(&str, Vec<Plain>); 6] = [
            (
                "a control character in an id",
                vec![draft("draft\n1", "dog-tax")],
            ),
            ("an id too long", vec![draft(&long, "dog-tax")]),
            ("an empty procedure id", vec![draft("draft-1", "")]),
            (
                "a control character in a procedure id",
                vec![draft("draft-1", "dog\u{1b}[2Jtax")],
            ),
            (
                "a parent too long",
                vec![draft("draft-1", "dog-tax"), attachment("file-1", &long)],
            ),
            (
                "an empty attachment id",
                vec![draft("draft-1", "dog-tax"), attachment("", "draft-1")],
            ),
        ];
        for (case, records) in cases {
            let read = read(&crafted(dir.path(), &records, CHEAP));
            assert!(
                matches!(read, Err(VaultError::BadExportFile(_))),
                "{case}: {read:?}"
            );
        }
    }
}
