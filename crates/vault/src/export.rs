//! Moving and leaving: one export file with every draft, attachment and application
//! (with its sending record) and the installation's seed, sealed under a passphrase;
//! import on another installation or after "Delete all"; deleting everything the vault
//! made.
//!
//! # Applications and the installation
//!
//! The outbox signs every call to the municipality's server as an *installation*, whose
//! device key comes from [`Vault::installation_seed`]; the server answers a submission's
//! questions only to the installation that announced it. So an application whose
//! sending reached the server (announced, uploaded or submitted) can be finished and
//! followed only with that seed, and announced again by another installation it could be
//! submitted twice. The file therefore carries the exporting vault's seed (a secret, in
//! the AEAD like everything else), and an import decides:
//!
//! - An application whose id is not here is taken with its sending record (same ids and
//!   times, re-sealed and re-signed with this vault's keys, still write-once); one
//!   already here is kept as it is (`applications_kept_local`).
//! - The installation: when this vault has no application of its own whose sending
//!   reached the server (a fresh vault after "Delete all", or on a new computer) and
//!   the file has one, it *adopts* the file's seed: kept as a record of kind
//!   `installation` and returned by [`Vault::installation_seed`] from then on, until
//!   everything is deleted. The file's applications then go on as if they had never
//!   left. A file without a handed-over application is never adopted: its waiting
//!   applications are sent by this installation, and no second copy of an
//!   installation is made for nothing.
//! - Otherwise (this vault's own installation has handed applications over), the file's
//!   applications that reached the server are not taken (`kept_elsewhere`): this
//!   installation could neither finish nor follow them, and re-announcing one could send
//!   it twice. Its applications that did not reach the server yet (nothing announced)
//!   are taken, and this installation sends them.
//! - The same seed on both sides (a file of this very installation) is no conflict.
//!
//! What "reached the server" means is the outbox's business (the vault cannot read a
//! sending record): [`Vault::import_contents_with`] takes its judgement as a predicate;
//! without one, every sending record counts as having reached it (the cautious reading).
//!
//! Why a record and not a `meta` entry: a record is encrypted, signed and versioned in
//! the manifest like any other, so an older seed put back is found out as a stale
//! record, a damaged one is named as damage, and "Delete all" removes it with the
//! database.
//!
//! The remaining risk: the same export restored onto two computers that both keep
//! running makes two copies of one installation, and an application still waiting in
//! the file is then sent by both — twice. An idempotency key at the announcement
//! (`POST /v1/submissions`) would close that; the municipal API has none yet.
//!
//! # File layout (all integers big-endian)
//!
//! ```text
//! magic "AMTSWEGX" | format u32 = 2 | Argon2id memory_kib, iterations, parallelism u32
//! | salt 16 | nonce 24 | XChaCha20-Poly1305 ciphertext of the records (+ 16-byte tag)
//! ```
//!
//! The 64-byte header is the associated data, so changed parameters, salt or format
//! fail like changed ciphertext. The plaintext of format 2 is the installation seed (32
//! bytes, length-prefixed), a count, then the records, each field length-prefixed (see
//! `Reader`); format 1 (drafts and attachments only, no seed) is still read. One AEAD
//! over the whole file: a file is either wholly intact or refused.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use zeroize::Zeroizing;

use crate::crypto::{self, Cipher, Fields, KdfParams, NONCE_LEN, Reader, SALT_LEN};
use crate::keychain::Keychain;
use crate::manifest::{Manifest, ManifestEntry};
use crate::vault::{
    self, DB_FILE, Header, INSTALLATION_ID, Kind, Location, Passphrase, Vault, sending_id,
};
use crate::{DamageReason, VaultError};

const MAGIC: &[u8; 8] = b"AMTSWEGX";
/// The format written. 1: drafts and attachments; 2: also applications, their sending
/// records and the installation seed; 3: also My details (a record of kind `details`).
/// Older formats are still read; an older build refuses a newer file as "written by
/// another version".
const FORMAT: u32 = 3;
const HEADER_LEN: usize = 8 + 4 + 12 + SALT_LEN + NONCE_LEN;
const SEED_LEN: usize = 32;

/// What an export wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    pub drafts: usize,
    pub attachments: usize,
    /// Applications, each with its sending record when it has one.
    pub applications: usize,
    /// Records left out because they failed their checks (a damaged record is not
    /// carried to another machine as if it were sound). An application whose sending
    /// record is damaged or missing is left out too: without it, it would look unsent.
    pub damaged: Vec<String>,
    /// My details were written (the citizen keeps some).
    pub details: bool,
}

/// What an import did. Conflict rule: a draft whose id already exists here is taken
/// from the file only if the file's copy was changed later (`updated`); otherwise the
/// local one stays. A draft comes with its attachments: taking a draft replaces the
/// local draft's attachments with the file's. Applications: see the module's
/// documentation.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Drafts taken from the file (new here, or newer than the local copy).
    pub imported: Vec<String>,
    /// Drafts of the file not taken, because the local copy is as new or newer.
    pub kept_local: Vec<String>,
    /// Attachments not taken because their id belongs to another draft here, or their
    /// draft was not taken.
    pub skipped_attachments: Vec<String>,
    /// Applications taken from the file, each with its sending record.
    pub applications: Vec<String>,
    /// Applications of the file whose id is already here: the local one stays.
    pub applications_kept_local: Vec<String>,
    /// Applications of the file that reached the municipality's server under another
    /// installation than this vault's, which has handed over applications of its own:
    /// not taken (only the file's installation can finish and follow them).
    pub kept_elsewhere: Vec<String>,
    /// This vault adopted the file's installation seed.
    pub adopted_installation: bool,
    /// The file's My details were taken: none were kept here, or the file's were
    /// changed later (the drafts' rule).
    pub details: bool,
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
/// known to be right before anything is changed ([`Vault::read_export`]). Its records
/// and seed are wiped when it is dropped; `Debug` shows only how many records it holds.
pub struct ExportContents {
    records: Vec<Plain>,
    /// The exporting vault's installation seed (format 2; none in format 1).
    installation: Option<Zeroizing<[u8; SEED_LEN]>>,
}

impl std::fmt::Debug for ExportContents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ExportContents(<{} records>)", self.records.len())
    }
}

impl ExportContents {
    /// Each draft of the file as `(id, procedure id, payload)`: for the app to check
    /// what the drafts hold before any is imported (the vault cannot read them).
    pub fn drafts(&self) -> impl Iterator<Item = (&str, &str, &[u8])> {
        self.records
            .iter()
            .filter(|r| r.kind == Kind::Draft)
            .map(|r| {
                (
                    r.id.as_str(),
                    r.procedure_id.as_deref().unwrap_or_default(),
                    r.payload.as_slice(),
                )
            })
    }

    /// The file's My details (the app's encoding), if it carries any: for the app to
    /// check them before anything is imported.
    pub fn details(&self) -> Option<&[u8]> {
        self.records
            .iter()
            .find(|r| r.kind == Kind::Details)
            .map(|r| r.payload.as_slice())
    }

    /// The ids of the file's applications.
    pub fn applications(&self) -> impl Iterator<Item = &str> {
        self.records
            .iter()
            .filter(|r| r.kind == Kind::Application)
            .map(|r| r.id.as_str())
    }
}

impl Vault {
    /// Writes every sound draft, attachment and application (with its sending record)
    /// and the installation seed to `path`, sealed under `passphrase` (Argon2id with
    /// the passphrase's parameters, XChaCha20-Poly1305). The file is written to a
    /// temporary file beside it, fsynced and renamed, so `path` is either the old file
    /// or the complete new one. The file is the citizen's: the vault does not remember
    /// where it went, and [`Vault::delete_all`] leaves it alone. An adopted seed that
    /// cannot be read fails the export ([`Vault::installation_seed`]).
    pub fn export(&self, path: &Path, passphrase: &Passphrase) -> Result<ExportReport, VaultError> {
        passphrase.require_non_empty()?;
        let path = std::path::absolute(path).map_err(|e| VaultError::io(path, e))?;
        let mut report = ExportReport::default();
        let mut plain = Zeroizing::new(Vec::new());
        {
            let conn = self.lock();
            let manifest = self.read_checked(&conn)?;
            let seed = match self.adopted_seed(&conn, &manifest)? {
                Some(seed) => seed,
                None => self.derived_installation_seed(),
            };
            // Records that stand alone first, so a child knows whether its parent was
            // found damaged.
            let ids: Vec<(String, String)> = conn
                .prepare(
                    "SELECT id, kind FROM records \
                     ORDER BY kind NOT IN ('draft', 'application'), created, id",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let mut records = Vec::new();
            for (id, kind) in ids {
                let Some(kind) = Kind::parse(&kind) else {
                    report.damaged.push(id);
                    continue;
                };
                // Carried as the file's seed, not as a record.
                if kind == Kind::Installation {
                    continue;
                }
                let row = vault::load_row(&conn, &id)?;
                match self.open_row(&manifest, &id, kind, row) {
                    Ok((row, payload, summary)) => {
                        if row
                            .parent
                            .as_ref()
                            .is_some_and(|p| report.damaged.contains(p))
                        {
                            report.damaged.push(id);
                            continue;
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
            // An application goes only with its sending record as it stands: without
            // it, it would look unsent elsewhere and could be sent again.
            let exported: HashSet<String> = records.iter().map(|r| r.id.clone()).collect();
            let unsound: Vec<String> = records
                .iter()
                .filter(|r| r.kind == Kind::Application)
                .filter(|r| {
                    let sending = sending_id(&r.id);
                    report.damaged.contains(&sending)
                        || (manifest.get(&sending).is_some() && !exported.contains(&sending))
                })
                .map(|r| r.id.clone())
                .collect();
            records.retain(|r| {
                !unsound.contains(&r.id) && !r.parent.as_ref().is_some_and(|p| unsound.contains(p))
            });
            report.damaged.extend(unsound);
            for r in &records {
                match r.kind {
                    Kind::Draft => report.drafts += 1,
                    Kind::Attachment => report.attachments += 1,
                    Kind::Application => report.applications += 1,
                    Kind::Details => report.details = true,
                    Kind::Sending | Kind::Installation => {}
                }
            }
            encode(FORMAT, Some(&seed), &records, &mut plain);
        }
        let params = passphrase.params();
        let salt = crypto::random::<SALT_LEN>()?;
        let nonce = crypto::random::<NONCE_LEN>()?;
        let header = header(FORMAT, params, &salt, &nonce);
        let key = params.derive(passphrase.bytes(), &salt)?;
        let sealed = Cipher::new(&key).seal(&nonce, &plain, &header)?;
        write_atomically(&path, &header, &sealed)?;
        Ok(report)
    }

    /// Restores the contents of an export file, re-encrypted and re-signed with this
    /// vault's keys; ids and times are kept (see [`ImportReport`] for conflicts). One
    /// transaction: all of the file or nothing. Every sending record counts as having
    /// reached the server ([`Vault::import_contents_with`] takes the outbox's view).
    pub fn import(&self, path: &Path, passphrase: &Passphrase) -> Result<ImportReport, VaultError> {
        self.import_contents(Vault::read_export(path, passphrase)?)
    }

    /// Imports an export file read with [`Vault::read_export`], every sending record
    /// taken as having reached the server (see [`Vault::import_contents_with`]).
    pub fn import_contents(&self, contents: ExportContents) -> Result<ImportReport, VaultError> {
        self.import_contents_with(contents, |_| true)
    }

    /// Imports an export file read with [`Vault::read_export`]. `reached_server` tells
    /// from a sending record's payload whether the sending reached the municipality's
    /// server (the outbox's `reached_server`); the module's documentation has what
    /// follows from it. A local sending record that cannot be read counts as having
    /// reached it.
    pub fn import_contents_with(
        &self,
        contents: ExportContents,
        reached_server: impl Fn(&[u8]) -> bool,
    ) -> Result<ImportReport, VaultError> {
        self.import_records(contents, &reached_server)
    }

    /// Opens the export file at `path` with its passphrase without importing it: a
    /// wrong passphrase or a file that is not an export is found out first.
    pub fn read_export(path: &Path, passphrase: &Passphrase) -> Result<ExportContents, VaultError> {
        let bytes = read_bounded(path)?;
        if bytes.len() < HEADER_LEN + crypto::TAG_LEN || &bytes[..8] != MAGIC {
            return Err(VaultError::BadExportFile("it does not start like one"));
        }
        let (head, sealed) = bytes.split_at(HEADER_LEN);
        let format = u32::from_be_bytes([head[8], head[9], head[10], head[11]]);
        if !(1..=FORMAT).contains(&format) {
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
        decode(format, &plain)
    }

    /// Whether an application of this vault's own was handed over to the server: a
    /// sending record that `reached_server`, or one that cannot be read or is missing
    /// (cautious: it might have been).
    fn handed_over_here(
        &self,
        conn: &Connection,
        manifest: &Manifest,
        reached_server: &dyn Fn(&[u8]) -> bool,
    ) -> Result<bool, VaultError> {
        let mut ids: Vec<String> = conn
            .prepare("SELECT id FROM records WHERE kind = 'sending'")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.extend(
            manifest
                .entries()
                .filter(|(_, e)| e.kind == Kind::Sending.as_str())
                .map(|(id, _)| id.clone()),
        );
        for id in ids {
            let row = vault::load_row(conn, &id)?;
            match self.open_row(manifest, &id, Kind::Sending, row) {
                Ok((_, payload, _)) if reached_server(&payload) => return Ok(true),
                Ok(_) => {}
                Err(VaultError::Damaged { .. } | VaultError::NotFound(_)) => return Ok(true),
                Err(e) => return Err(e),
            }
        }
        Ok(false)
    }

    fn import_records(
        &self,
        contents: ExportContents,
        reached_server: &dyn Fn(&[u8]) -> bool,
    ) -> Result<ImportReport, VaultError> {
        let ExportContents {
            records,
            installation,
        } = contents;
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
        if let Some(r) = records.iter().find(|r| r.kind == Kind::Details) {
            let local: Option<i64> = tx
                .query_row(
                    "SELECT updated FROM records WHERE id = ?1 AND kind = 'details'",
                    [&r.id],
                    |row| row.get(0),
                )
                .optional()?;
            let take = match local {
                None => manifest
                    .get(&r.id)
                    .is_none_or(|e| e.kind == Kind::Details.as_str()),
                Some(updated) => r.updated > updated,
            };
            if take {
                let h = Header {
                    kind: Kind::Details,
                    id: &r.id,
                    parent: None,
                    procedure_id: None,
                    version: next_version(&manifest, &r.id)?,
                    created: r.created,
                    updated: r.updated,
                };
                self.write_row(&tx, &h, &r.payload, &[])?;
                manifest.set(
                    &r.id,
                    ManifestEntry {
                        kind: Kind::Details.as_str().into(),
                        parent: None,
                        version: h.version,
                    },
                );
                report.details = true;
            }
        }
        if let Some(file_seed) = &installation {
            let current = match self.adopted_seed(&tx, &manifest)? {
                Some(seed) => seed,
                None => self.derived_installation_seed(),
            };
            let same = *current == **file_seed;
            // Adopted only when the file needs it (one of its applications reached the
            // server): a file of drafts and waiting applications makes no second copy
            // of an installation.
            let file_handed_over = records
                .iter()
                .any(|r| r.kind == Kind::Sending && reached_server(&r.payload));
            let adopt = !same
                && file_handed_over
                && !self.handed_over_here(&tx, &manifest, reached_server)?;
            // Whatever of the file reached the server did so as the installation that
            // will send from here.
            let ours = same || adopt;
            let mut taken = Vec::new();
            for app in records.iter().filter(|r| r.kind == Kind::Application) {
                let sending_of = sending_id(&app.id);
                let sending = records
                    .iter()
                    .find(|r| r.kind == Kind::Sending && r.id == sending_of);
                if is_here(&tx, &manifest, &app.id)? || is_here(&tx, &manifest, &sending_of)? {
                    report.applications_kept_local.push(app.id.clone());
                } else if !ours && sending.is_some_and(|s| reached_server(&s.payload)) {
                    report.kept_elsewhere.push(app.id.clone());
                } else {
                    taken.push((app, sending));
                }
            }
            for (app, sending) in taken {
                // At version 1, as a freeze writes it; the kind keeps it write-once.
                let h = Header {
                    kind: Kind::Application,
                    id: &app.id,
                    parent: None,
                    procedure_id: app.procedure_id.as_deref(),
                    version: next_version(&manifest, &app.id)?,
                    created: app.created,
                    updated: app.updated,
                };
                self.write_row(&tx, &h, &app.payload, &app.summary)?;
                manifest.set(
                    &app.id,
                    ManifestEntry {
                        kind: Kind::Application.as_str().into(),
                        parent: None,
                        version: h.version,
                    },
                );
                if let Some(s) = sending {
                    let h = Header {
                        kind: Kind::Sending,
                        id: &s.id,
                        parent: Some(&app.id),
                        procedure_id: None,
                        version: next_version(&manifest, &s.id)?,
                        created: s.created,
                        updated: s.updated,
                    };
                    self.write_row(&tx, &h, &s.payload, &[])?;
                    manifest.set(
                        &s.id,
                        ManifestEntry {
                            kind: Kind::Sending.as_str().into(),
                            parent: Some(app.id.clone()),
                            version: h.version,
                        },
                    );
                }
                report.applications.push(app.id.clone());
            }
            if adopt {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as i64);
                let h = Header {
                    kind: Kind::Installation,
                    id: INSTALLATION_ID,
                    parent: None,
                    procedure_id: None,
                    version: next_version(&manifest, INSTALLATION_ID)?,
                    created: now,
                    updated: now,
                };
                self.write_row(&tx, &h, file_seed.as_slice(), &[])?;
                manifest.set(
                    INSTALLATION_ID,
                    ManifestEntry {
                        kind: Kind::Installation.as_str().into(),
                        parent: None,
                        version: h.version,
                    },
                );
                report.adopted_installation = true;
            }
        }
        self.manifest.write(&tx, &mut manifest, false)?;
        tx.commit()?;
        // Replaced attachments (and a replaced seed) were deleted: out of the WAL too.
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

fn header(
    format: u32,
    params: KdfParams,
    salt: &[u8; SALT_LEN],
    nonce: &[u8; NONCE_LEN],
) -> Vec<u8> {
    let mut h = Vec::with_capacity(HEADER_LEN);
    h.extend_from_slice(MAGIC);
    h.extend_from_slice(&format.to_be_bytes());
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

/// Whether `id` is used here: a record, or an entry of the manifest.
fn is_here(conn: &Connection, manifest: &Manifest, id: &str) -> Result<bool, VaultError> {
    let stored: bool = conn.query_row(
        "SELECT count(*) > 0 FROM records WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(stored || manifest.get(id).is_some())
}

/// The plaintext of a file of `format`: in format 2 the seed first (`seed` is ignored
/// in format 1), then the records.
fn encode(format: u32, seed: Option<&[u8; SEED_LEN]>, records: &[Plain], out: &mut Vec<u8>) {
    let mut f = Fields::default();
    if format >= 2 {
        f.bytes(seed.map_or(&[][..], |s| s.as_slice()));
    }
    f.u64(records.len() as u64);
    out.extend_from_slice(f.as_slice());
    // It held the seed.
    zeroize::Zeroize::zeroize(&mut f.into_inner());
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

/// The records (and in format 2 the seed) of a file's plaintext, each checked as the
/// vault checks its own: anything a vault would not have written refuses the file.
fn decode(format: u32, plain: &[u8]) -> Result<ExportContents, VaultError> {
    const BAD: VaultError = VaultError::BadExportFile("its contents are malformed");
    let mut r = Reader(plain);
    let installation = if format >= 2 {
        let seed: [u8; SEED_LEN] = r.field().ok_or(BAD)?.try_into().map_err(|_| BAD)?;
        Some(Zeroizing::new(seed))
    } else {
        None
    };
    let count = r.u64().ok_or(BAD)?;
    let mut records: Vec<Plain> = Vec::new();
    let mut ids = HashSet::new();
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
            Kind::Draft | Kind::Application => parent.is_none() && procedure_id.is_some(),
            Kind::Attachment => parent.is_some() && procedure_id.is_none(),
            // A sending record's id is derived from its application's.
            Kind::Sending => {
                procedure_id.is_none()
                    && parent.as_deref().is_some_and(|p| id == sending_id(p))
                    && summary.is_empty()
            }
            // The seed is carried on its own, never as a record.
            Kind::Installation => false,
            Kind::Details => {
                parent.is_none()
                    && procedure_id.is_none()
                    && id == vault::DETAILS_ID
                    && summary.is_empty()
            }
        };
        // Format 1 files never carried the outbox's records, format 2 files no details.
        let in_format = match kind {
            Kind::Draft | Kind::Attachment => true,
            Kind::Details => format >= 3,
            _ => format >= 2,
        };
        // Ids as the vault checks its own (a save refuses what an import must too).
        let id_sound = match kind {
            Kind::Sending | Kind::Details => vault::check_id("an id", &id).is_ok(),
            _ => vault::check_record_id("an id", &id).is_ok(),
        };
        let ids_sound = id_sound
            && parent
                .iter()
                .all(|p| vault::check_record_id("a parent id", p).is_ok())
            && procedure_id
                .iter()
                .all(|p| vault::check_id("a procedure id", p).is_ok());
        // A vault's ids are unique; a file with one twice was not written by one.
        if !well_formed || !in_format || !ids_sound || !ids.insert(id.clone()) {
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
    // Each sending record belongs to an application of the file.
    let applications: HashSet<&str> = records
        .iter()
        .filter(|r| r.kind == Kind::Application)
        .map(|r| r.id.as_str())
        .collect();
    if records.iter().any(|r| {
        r.kind == Kind::Sending
            && !r
                .parent
                .as_deref()
                .is_some_and(|p| applications.contains(p))
    }) {
        return Err(BAD);
    }
    Ok(ExportContents {
        records,
        installation,
    })
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
        crafted_in(FORMAT, dir, records, header_params)
    }

    /// [`crafted`] in file format `format`.
    fn crafted_in(format: u32, dir: &Path, records: &[Plain], header_params: KdfParams) -> PathBuf {
        let mut plain = Vec::new();
        encode(format, Some(&[9u8; SEED_LEN]), records, &mut plain);
        let salt = crypto::random::<SALT_LEN>().expect("salt");
        let nonce = crypto::random::<NONCE_LEN>().expect("nonce");
        let head = header(format, header_params, &salt, &nonce);
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
        for format in [1, 2] {
            let contents = read(&crafted_in(format, dir.path(), &records, CHEAP)).expect("read");
            assert_eq!(contents.records.len(), 2);
            assert_eq!(contents.installation.is_some(), format == 2);
        }
    }

    #[test]
    fn my_details_are_read_only_from_format_3_and_only_as_the_one_record() {
        let dir = tempfile::tempdir().expect("dir");
        let details = |id: &str| Plain {
            kind: Kind::Details,
            procedure_id: None,
            summary: Zeroizing::new(Vec::new()),
            ..draft(id, "-")
        };
        let ok = read(&crafted_in(
            3,
            dir.path(),
            &[details(vault::DETAILS_ID)],
            CHEAP,
        ))
        .expect("format 3 carries them");
        assert_eq!(ok.details(), Some(&b"{}"[..]));
        for (format, record) in [(2, details(vault::DETAILS_ID)), (3, details("other"))] {
            assert!(matches!(
                read(&crafted_in(format, dir.path(), &[record], CHEAP)),
                Err(VaultError::BadExportFile(_))
            ));
        }
        // Older files still read, without details.
        let older = read(&crafted_in(2, dir.path(), &[draft("d", "p")], CHEAP)).expect("format 2");
        assert_eq!(older.details(), None);
    }

    #[test]
    fn a_format_1_file_still_imports_its_drafts_and_adopts_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let records = [draft("draft-1", "dog-tax"), attachment("file-1", "draft-1")];
        let path = crafted_in(1, dir.path(), &records, CHEAP);
        let vault = Vault::in_memory().expect("vault");
        let own_seed = vault.installation_seed().expect("seed");
        let report = vault
            .import(&path, &Passphrase::new(SECRET).with_params(CHEAP))
            .expect("import");
        assert_eq!(report.imported, ["draft-1"]);
        assert!(report.applications.is_empty() && !report.adopted_installation);
        assert_eq!(
            vault.open_attachment("file-1").expect("file").draft_id,
            "draft-1"
        );
        assert_eq!(*vault.installation_seed().expect("seed"), *own_seed);
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

    fn application(id: &str) -> Plain {
        Plain {
            kind: Kind::Application,
            ..draft(id, "dog-tax")
        }
    }

    fn sending(application_id: &str) -> Plain {
        Plain {
            kind: Kind::Sending,
            id: format!("sending:{application_id}"),
            parent: Some(application_id.into()),
            procedure_id: None,
            summary: Zeroizing::new(Vec::new()),
            ..draft("-", "-")
        }
    }

    #[test]
    fn a_format_2_file_carries_applications_with_their_sending_and_the_seed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let records = [
            draft("draft-1", "dog-tax"),
            application("app-1"),
            sending("app-1"),
            application("app-2"),
        ];
        let contents = read(&crafted(dir.path(), &records, CHEAP)).expect("read");
        assert_eq!(
            contents.applications().collect::<Vec<_>>(),
            ["app-1", "app-2"]
        );
        assert_eq!(contents.installation.as_deref(), Some(&[9u8; SEED_LEN]));
        assert_eq!(format!("{contents:?}"), "ExportContents(<4 records>)");
    }

    #[test]
    fn a_file_with_outbox_records_no_vault_writes_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let installation = Plain {
            kind: Kind::Installation,
            id: "installation:adopted".into(),
            procedure_id: None,
            ..draft("-", "-")
        };
        let mut stray = sending("app-1");
        stray.id = "sending:app-2".into();
        let mut summarised = sending("app-1");
        summarised.summary = Zeroizing::new(b"x".to_vec());
        let cases: [(&str, u32, Vec<Plain>); 9] = [
            (
                "an application in format 1",
                1,
                vec![draft("draft-1", "dog-tax"), application("app-1")],
            ),
            (
                "a sending record in format 1",
                1,
                vec![application("app-1"), sending("app-1")],
            ),
            (
                "a draft in the sending records' namespace",
                2,
                vec![draft("sending:app-1", "dog-tax")],
            ),
            (
                "an application in the installation's namespace",
                2,
                vec![application("installation:adopted")],
            ),
            (
                "a sending record without its application",
                2,
                vec![draft("draft-1", "dog-tax"), sending("app-1")],
            ),
            (
                "a sending record named after another application",
                2,
                vec![application("app-1"), application("app-2"), stray],
            ),
            (
                "a sending record with a summary",
                2,
                vec![application("app-1"), summarised],
            ),
            ("an installation record", 2, vec![installation]),
            (
                "an id twice",
                2,
                vec![application("app-1"), application("app-1")],
            ),
        ];
        for (case, format, records) in cases {
            let read = read(&crafted_in(format, dir.path(), &records, CHEAP));
            assert!(
                matches!(read, Err(VaultError::BadExportFile(_))),
                "{case}: {read:?}"
            );
        }
    }

    #[test]
    fn a_format_2_file_without_a_whole_seed_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut plain = Vec::new();
        let mut f = Fields::default();
        f.bytes(&[1u8; 31]).u64(0);
        plain.extend_from_slice(f.as_slice());
        let salt = crypto::random::<SALT_LEN>().expect("salt");
        let nonce = crypto::random::<NONCE_LEN>().expect("nonce");
        let head = header(2, CHEAP, &salt, &nonce);
        let key = CHEAP.derive(SECRET.as_bytes(), &salt).expect("key");
        let sealed = Cipher::new(&key)
            .seal(&nonce, &plain, &head)
            .expect("sealed");
        let path = dir.path().join("short-seed.amtsweg");
        std::fs::write(&path, [head, sealed].concat()).expect("write");
        assert!(matches!(read(&path), Err(VaultError::BadExportFile(_))));
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
