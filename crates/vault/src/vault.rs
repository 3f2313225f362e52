//! The vault: one SQLite database of encrypted, signed records and the version manifest
//! that keeps each record at its newest version.
//!
//! Tables (see ARCHITECTURE.md, "Vault"):
//! - `records`: one row per record. Kinds: `draft`; `attachment` (parent: its draft);
//!   `application`, a frozen application waiting in the outbox (written once, at
//!   version 1, in the transaction that deletes its draft: [`Vault::freeze_application`]);
//!   `sending`, the outbox's progress with one application (id `sending:<application
//!   id>`, parent: the application; a new version at every step); `installation`, at
//!   most one (id [`INSTALLATION_ID`]): the outbox's installation seed adopted from an
//!   export file ([`Vault::installation_seed`]). Plaintext: id, kind,
//!   parent, procedure id, version, created, updated, record format (which hash the
//!   signature covers, see [`RecordFormat`]). Encrypted: summary and payload, each with
//!   its own nonce. The columns the drafts list needs come before the payload, so SQLite
//!   never reads a payload's overflow pages to list drafts.
//! - `manifest`: the version each record must have, MACed as a whole (`meta`
//!   `manifest_mac`); written in the same transaction as the record.
//! - `meta`: format, key id, passphrase parameters and sealed keys. (Builds before
//!   issue 14 also listed where exports were saved; opening forgets that list.)

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use amtsweg_redact::Redacted;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use zeroize::Zeroizing;

use crate::crypto::{self, Cipher, Digester, Fields, KdfParams, NONCE_LEN, RecordFormat, SALT_LEN};
use crate::failpoint;
use crate::keychain::Keychain;
use crate::keys::Purpose;
use crate::manifest::{Manifest, ManifestEntry, ManifestKey, bucket_of};
use crate::rekey::KeyStore;
use crate::{RecoveryCode, VaultError, VaultKeys};

/// The app's identifier (`tauri.conf.json`); the vault's folder under the OS data
/// directory, the same folder Tauri's `app_local_data_dir` names.
pub const APP_ID: &str = "de.amtsweg.client";
/// The database file in the vault's folder; SQLite adds `-wal` and `-shm` beside it.
pub const DB_FILE: &str = "vault.sqlite3";
/// The database format this build writes and reads. 2: records carry their record
/// format (`records.format`, see [`RecordFormat`]); a format-1 database is upgraded when
/// opened (its records keep format 1 and are read as before), and a build that knows
/// only format 1 then refuses it as newer instead of reporting new records as damaged.
const FORMAT: i64 = 2;
/// The longest record id accepted (ids are plaintext; UUIDs are 36).
const MAX_ID_LEN: usize = 200;

/// Where the vault's keys come from when it is opened.
// Built once per opening, so the size of the `Keys` variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
pub enum KeySource {
    /// The OS keychain (the default). Keys are created there on first use, but never
    /// while the database holds records (that is [`VaultError::KeyMissing`]).
    Keychain(Keychain),
    /// Opt-in for machines without a keychain: the keys are kept in the database,
    /// sealed under a key derived from this passphrase with Argon2id.
    Passphrase(Passphrase),
    /// Kiosk mode: random keys that exist only in this process. Only for
    /// [`Vault::in_memory`]; a database on disk refuses them, because its records
    /// could never be read again.
    Memory,
    /// Keys the caller already holds (loaded elsewhere, or tests).
    Keys(VaultKeys),
    /// The citizen's recovery code ([`Vault::set_recovery_code`]) after the keys were
    /// lost: it opens the copy of the keys sealed under it. The caller then keeps the
    /// keys somewhere again ([`Vault::keep_keys_in`], [`Vault::seal_keys_under`]).
    RecoveryCode(RecoveryCode),
    /// Another store of the keys that behaves like the keychain (the crash tests use a
    /// file, since a child killed mid-write cannot share the test's Secret Service).
    Store(Box<dyn KeyStore>),
}

impl fmt::Debug for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySource::Keychain(k) => f.debug_tuple("Keychain").field(k).finish(),
            KeySource::Passphrase(_) => f.write_str("Passphrase(<redacted>)"),
            KeySource::Memory => f.write_str("Memory"),
            KeySource::Keys(_) => f.write_str("Keys(<redacted>)"),
            KeySource::RecoveryCode(_) => f.write_str("RecoveryCode(<redacted>)"),
            KeySource::Store(store) => f.debug_tuple("Store").field(store).finish(),
        }
    }
}

/// A passphrase and the Argon2id parameters to use when something new is sealed with it
/// (a vault's keys, an export file). Opening uses the parameters stored with what it
/// opens. Wiped on drop; `Debug` prints `<redacted>`.
#[derive(Clone)]
pub struct Passphrase {
    secret: Zeroizing<String>,
    params: KdfParams,
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

impl Passphrase {
    /// The passphrase, with [`KdfParams::RECOMMENDED`]. It is taken in Unicode NFC:
    /// "ä" typed as one character on one computer and as "a" + combining diaeresis on
    /// another (macOS input, some keyboards for Arabic or Vietnamese) is the same
    /// passphrase, so an export made on one opens on the other.
    pub fn new(secret: impl Into<String>) -> Passphrase {
        use unicode_normalization::UnicodeNormalization;
        let typed = Zeroizing::new(secret.into());
        Passphrase {
            secret: Zeroizing::new(typed.nfc().collect()),
            params: KdfParams::RECOMMENDED,
        }
    }

    /// Other Argon2id parameters for what is sealed from now on (tests, weak machines).
    pub fn with_params(mut self, params: KdfParams) -> Passphrase {
        self.params = params;
        self
    }

    pub(crate) fn params(&self) -> KdfParams {
        self.params
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        self.secret.as_bytes()
    }

    /// An empty passphrase protects nothing; refused when sealing something new.
    pub(crate) fn require_non_empty(&self) -> Result<(), VaultError> {
        if self.secret.is_empty() {
            return Err(VaultError::InvalidInput("the passphrase is empty".into()));
        }
        Ok(())
    }
}

/// Why a record is reported damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DamageReason {
    /// The signature does not match the record's bytes (changed after it was saved).
    Signature,
    /// The encrypted bytes do not open: changed, cut short, or moved here from another
    /// record or version (the associated data binds id, kind and version).
    Decryption,
    /// The record is at another version than the manifest says: an older copy was put
    /// back.
    StaleVersion { stored: u64, expected: u64 },
    /// The record is not in the manifest: a deleted record was put back, or one was
    /// added from elsewhere.
    NotInManifest,
    /// The manifest lists the record but it is gone from the database.
    Missing,
    /// The manifest fails its MAC (its top: every record; one bucket: that bucket's
    /// records), or a record is newer than it (it was put back): no version can be
    /// vouched for. Such a record is listed as [`Summary::Unverified`] when it passes its
    /// own checks, and opened only after [`Vault::trust_current_versions`].
    ManifestInvalid,
    /// Stored values no record of ours can have (wrong nonce length, version 0).
    Malformed(&'static str),
}

impl fmt::Display for DamageReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DamageReason::Signature => f.write_str("the signature does not match"),
            DamageReason::Decryption => f.write_str("the encrypted data does not open"),
            DamageReason::StaleVersion { stored, expected } => write!(
                f,
                "version {stored} is stored but version {expected} was saved last (an older copy was put back)"
            ),
            DamageReason::NotInManifest => f.write_str(
                "the record is not in the version manifest (a deleted record put back?)",
            ),
            DamageReason::Missing => f.write_str("the record is missing from the database"),
            DamageReason::ManifestInvalid => f.write_str("the version manifest was changed"),
            DamageReason::Malformed(what) => write!(f, "malformed record: {what}"),
        }
    }
}

/// One opened draft: verified and decrypted. The payload and summary are wiped when it
/// is dropped, and `Debug` shows only their sizes, so a draft cannot reach a log.
pub struct Draft {
    pub id: String,
    pub procedure_id: String,
    pub version: u64,
    /// Milliseconds since the Unix epoch.
    pub created_ms: i64,
    pub updated_ms: i64,
    pub payload: Zeroizing<Vec<u8>>,
    pub summary: Zeroizing<Vec<u8>>,
}

/// One opened attachment (wiped on drop, sizes only in `Debug`, like [`Draft`]).
pub struct Attachment {
    pub id: String,
    pub draft_id: String,
    pub version: u64,
    pub created_ms: i64,
    pub updated_ms: i64,
    pub payload: Zeroizing<Vec<u8>>,
    pub summary: Zeroizing<Vec<u8>>,
}

/// A frozen application waiting to be sent (wiped on drop, sizes only in `Debug`, like
/// [`Draft`]). Written once by [`Vault::freeze_application`]; there is no way to edit it.
pub struct Application {
    pub id: String,
    pub procedure_id: String,
    /// Milliseconds since the Unix epoch: when it was frozen.
    pub created_ms: i64,
    pub payload: Zeroizing<Vec<u8>>,
    pub summary: Zeroizing<Vec<u8>>,
}

/// The outbox's record of how far the sending of one application got
/// ([`Vault::save_sending`]); wiped on drop, sizes only in `Debug`.
pub struct Sending {
    pub application_id: String,
    /// 1 for the first save, one more for each save after it.
    pub version: u64,
    pub updated_ms: i64,
    pub payload: Zeroizing<Vec<u8>>,
}

/// A summary as listed: readable, or why not. `Debug` shows a readable summary's size
/// only.
pub enum Summary {
    Readable(Zeroizing<Vec<u8>>),
    /// The record passes its own checks (encryption and signature), but the manifest
    /// cannot vouch that it is the newest version ([`Vault::manifest_trusted`] is false):
    /// it opens after [`Vault::trust_current_versions`].
    Unverified(Zeroizing<Vec<u8>>),
    Damaged {
        reason: DamageReason,
    },
}

impl fmt::Debug for Draft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Draft")
            .field("id", &self.id)
            .field("procedure_id", &self.procedure_id)
            .field("version", &self.version)
            .field("created_ms", &self.created_ms)
            .field("updated_ms", &self.updated_ms)
            .field("payload", &Redacted(self.payload.len()))
            .field("summary", &Redacted(self.summary.len()))
            .finish()
    }
}

impl fmt::Debug for Attachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attachment")
            .field("id", &self.id)
            .field("draft_id", &self.draft_id)
            .field("version", &self.version)
            .field("created_ms", &self.created_ms)
            .field("updated_ms", &self.updated_ms)
            .field("payload", &Redacted(self.payload.len()))
            .field("summary", &Redacted(self.summary.len()))
            .finish()
    }
}

impl fmt::Debug for Application {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Application")
            .field("id", &self.id)
            .field("procedure_id", &self.procedure_id)
            .field("created_ms", &self.created_ms)
            .field("payload", &Redacted(self.payload.len()))
            .field("summary", &Redacted(self.summary.len()))
            .finish()
    }
}

impl fmt::Debug for Sending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sending")
            .field("application_id", &self.application_id)
            .field("version", &self.version)
            .field("updated_ms", &self.updated_ms)
            .field("payload", &Redacted(self.payload.len()))
            .finish()
    }
}

impl fmt::Debug for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Summary::Readable(s) => f.debug_tuple("Readable").field(&Redacted(s.len())).finish(),
            Summary::Unverified(s) => f
                .debug_tuple("Unverified")
                .field(&Redacted(s.len()))
                .finish(),
            Summary::Damaged { reason } => {
                f.debug_struct("Damaged").field("reason", reason).finish()
            }
        }
    }
}

/// One line of "My drafts". For a draft whose record is missing (manifest only),
/// `procedure_id` is empty and the times are 0.
#[derive(Debug)]
pub struct DraftListEntry {
    pub id: String,
    pub procedure_id: String,
    pub version: u64,
    pub created_ms: i64,
    pub updated_ms: i64,
    pub summary: Summary,
}

/// One attachment of a draft, as listed.
#[derive(Debug)]
pub struct AttachmentListEntry {
    pub id: String,
    pub version: u64,
    pub created_ms: i64,
    pub updated_ms: i64,
    pub summary: Summary,
}

/// One waiting application, as listed (oldest first). For one whose record is missing
/// (manifest only), `procedure_id` is empty and `created_ms` 0.
#[derive(Debug)]
pub struct ApplicationListEntry {
    pub id: String,
    pub procedure_id: String,
    pub created_ms: i64,
    pub summary: Summary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Draft,
    Attachment,
    Application,
    Sending,
    /// The installation seed adopted from an export file (`export.rs`).
    Installation,
    /// My details: the person and contact answers the citizen chose to keep (one record).
    Details,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Draft => "draft",
            Kind::Attachment => "attachment",
            Kind::Application => "application",
            Kind::Sending => "sending",
            Kind::Installation => "installation",
            Kind::Details => "details",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Kind> {
        match s {
            "draft" => Some(Kind::Draft),
            "attachment" => Some(Kind::Attachment),
            "application" => Some(Kind::Application),
            "sending" => Some(Kind::Sending),
            "installation" => Some(Kind::Installation),
            "details" => Some(Kind::Details),
            _ => None,
        }
    }

    /// The kind a record of this kind belongs to (`None`: it stands alone).
    fn parent_kind(self) -> Option<Kind> {
        match self {
            Kind::Attachment => Some(Kind::Draft),
            Kind::Sending => Some(Kind::Application),
            Kind::Draft | Kind::Application | Kind::Installation | Kind::Details => None,
        }
    }
}

/// The start of every sending record's id; the rest is its application's id. No id a
/// caller chooses may start with it ([`check_record_id`]), so the sending of an
/// application can never collide with a draft, attachment or application.
const SENDING_PREFIX: &str = "sending:";

pub(crate) fn sending_id(application_id: &str) -> String {
    format!("{SENDING_PREFIX}{application_id}")
}

/// The id of the record that holds an adopted installation seed. The `:` puts it in a
/// namespace no caller may use ([`check_record_id`]), as the sending records' is.
pub(crate) const INSTALLATION_ID: &str = "installation:adopted";

/// The id of the one record that holds My details, in a namespace no caller may use.
pub(crate) const DETAILS_ID: &str = "details:mine";

#[derive(Debug)]
pub(crate) enum Location {
    Disk(PathBuf),
    Memory,
}

/// What SQLite reports of the settings a save's durability depends on
/// ([`Vault::durability`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Durability {
    /// `wal` on disk (`memory` for the in-memory vault).
    pub journal_mode: String,
    /// 2 is `FULL`: a commit returns after its WAL frames are fsynced.
    pub synchronous: i64,
    /// macOS: fsync as a real flush of the drive's cache (accepted, and a no-op, elsewhere).
    pub fullfsync: bool,
    /// Deleted content is overwritten with zeros.
    pub secure_delete: bool,
    /// 2 is `MEMORY`: temporary tables never spill to a temp folder.
    pub temp_store: i64,
}

/// The drafts vault. All methods take `&self` and may be called from several threads;
/// they serialize on one SQLite connection. Every write is one transaction, durable when
/// the method returns.
pub struct Vault {
    pub(crate) conn: Mutex<Connection>,
    pub(crate) keys: VaultKeys,
    cipher: Cipher,
    pub(crate) manifest: ManifestKey,
    pub(crate) location: Location,
    pub(crate) keychain: Option<Keychain>,
    /// SQLite's `data_version` when every record was last found at or below its
    /// manifest entry ([`Vault::read_checked`]); `NOT_CHECKED` before. It changes only
    /// when another connection commits, and this vault's own writes never put a record
    /// above its entry, so while it is unchanged the scan need not be repeated.
    records_checked: AtomicI64,
}

const NOT_CHECKED: i64 = i64::MIN;

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault")
            .field("location", &self.location)
            .field("keychain", &self.keychain)
            .finish_non_exhaustive()
    }
}

/// The plaintext columns and ciphertexts of one row.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) id: String,
    pub(crate) kind: String,
    pub(crate) parent: Option<String>,
    pub(crate) procedure_id: Option<String>,
    pub(crate) version: i64,
    pub(crate) created: i64,
    pub(crate) updated: i64,
    pub(crate) summary_nonce: Vec<u8>,
    pub(crate) summary: Vec<u8>,
    pub(crate) signature: Vec<u8>,
    pub(crate) payload_nonce: Vec<u8>,
    /// `None` when only listed.
    pub(crate) payload: Option<Vec<u8>>,
    /// The record format number, read with the payload (`None` when only listed: a
    /// summary is checked by its AEAD tag, whatever the format). In a database upgraded
    /// from format 1 the column comes after the payload, so listing must not read it.
    pub(crate) format: Option<i64>,
}

/// A record's summary and payload, decrypted.
type Plaintexts = (Zeroizing<Vec<u8>>, Zeroizing<Vec<u8>>);

const WRONG_TYPE: DamageReason =
    DamageReason::Malformed("a column holds a value of the wrong type");

const ROW_COLUMNS: &str = "id, kind, parent, procedure_id, version, created, updated, \
     summary_nonce, summary, signature, payload_nonce";

/// A row as read: whole, or with a column of a type no record of ours has (changed with
/// another SQLite tool), which makes the record damaged rather than the call fail.
#[derive(Debug)]
// Short-lived, one at a time: boxing the common variant would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub(crate) enum RowRead {
    Whole(Row),
    Malformed(String),
}

impl Row {
    fn from_sql(r: &rusqlite::Row<'_>, with_payload: bool) -> rusqlite::Result<RowRead> {
        use rusqlite::types::ValueRef;
        let id = match r.get_ref(0)? {
            ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
            other => format!("{other:?}"),
        };
        let read = || -> rusqlite::Result<Row> {
            Ok(Row {
                id: id.clone(),
                kind: r.get(1)?,
                parent: r.get(2)?,
                procedure_id: r.get(3)?,
                version: r.get(4)?,
                created: r.get(5)?,
                updated: r.get(6)?,
                summary_nonce: r.get(7)?,
                summary: r.get(8)?,
                signature: r.get(9)?,
                payload_nonce: r.get(10)?,
                payload: if with_payload { Some(r.get(11)?) } else { None },
                format: if with_payload { Some(r.get(12)?) } else { None },
            })
        };
        match read() {
            Ok(row) => Ok(RowRead::Whole(row)),
            Err(
                rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::IntegralValueOutOfRange(..),
            ) => Ok(RowRead::Malformed(id)),
            Err(e) => Err(e),
        }
    }
}

/// What a record is when it is written: everything the associated data and signature
/// bind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header<'a> {
    pub(crate) kind: Kind,
    pub(crate) id: &'a str,
    pub(crate) parent: Option<&'a str>,
    pub(crate) procedure_id: Option<&'a str>,
    pub(crate) version: u64,
    pub(crate) created: i64,
    pub(crate) updated: i64,
}

impl Header<'_> {
    /// Associated data of the summary or payload ciphertext. It binds which field, kind,
    /// id, version, parent and procedure, so a ciphertext moved to another field, record
    /// or version fails to open. Times are not bound here (they are signed).
    fn ad(&self, field: &str) -> Fields {
        let mut f = Fields::new("amtsweg-vault record 1");
        f.str(field)
            .str(self.kind.as_str())
            .str(self.id)
            .u64(self.version)
            .opt_str(self.parent)
            .opt_str(self.procedure_id);
        f
    }

    /// What the signature covers: every column of the row, hashed by the record
    /// format's hash (the format itself is bound by the signed message, see
    /// [`crypto::sign`]).
    fn digest(
        &self,
        format: RecordFormat,
        summary_nonce: &[u8],
        summary: &[u8],
        payload_nonce: &[u8],
        payload: &[u8],
    ) -> [u8; 32] {
        let mut head = self.ad("signature");
        head.i64(self.created).i64(self.updated);
        let mut d = Digester::new(format);
        d.field(head.as_slice())
            .field(summary_nonce)
            .field(summary)
            .field(payload_nonce)
            .field(payload);
        d.finish()
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

pub(crate) fn check_id(what: &str, id: &str) -> Result<(), VaultError> {
    if id.is_empty() || id.len() > MAX_ID_LEN || id.chars().any(char::is_control) {
        return Err(VaultError::InvalidInput(format!(
            "{what} must be 1 to {MAX_ID_LEN} bytes without control characters"
        )));
    }
    Ok(())
}

/// [`check_id`] for the id of a new record the caller names: the namespace of derived ids
/// (sending records) is not theirs.
pub(crate) fn check_record_id(what: &str, id: &str) -> Result<(), VaultError> {
    check_id(what, id)?;
    for reserved in [SENDING_PREFIX, "installation:", "details:"] {
        if id.starts_with(reserved) {
            return Err(VaultError::InvalidInput(format!(
                "{what} must not start with `{reserved}`"
            )));
        }
    }
    Ok(())
}

pub(crate) fn get_meta(conn: &Connection, key: &str) -> Result<Option<Vec<u8>>, VaultError> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set_meta(conn: &Connection, key: &str, value: &[u8]) -> Result<(), VaultError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Pragmas every connection needs. WAL with `synchronous=FULL`: a commit returns only
/// after its WAL frames are fsynced, so "saved" survives power loss; `fullfsync` makes
/// that true on macOS, where plain fsync leaves data in the drive's cache.
/// `secure_delete` overwrites deleted content with zeros; temporary tables stay in
/// memory, so nothing is spilled to a temp folder.
fn configure(conn: &Connection, on_disk: bool) -> Result<(), VaultError> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    if on_disk {
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(VaultError::Corrupt(format!(
                "cannot switch to WAL (got {mode})"
            )));
        }
    }
    conn.execute_batch(
        "PRAGMA synchronous=FULL;
         PRAGMA fullfsync=ON;
         PRAGMA secure_delete=ON;
         PRAGMA temp_store=MEMORY;",
    )?;
    Ok(())
}

fn init_schema(conn: &mut Connection) -> Result<(), VaultError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS meta (
             key TEXT PRIMARY KEY NOT NULL,
             value BLOB NOT NULL
         ) WITHOUT ROWID;
         CREATE TABLE IF NOT EXISTS records (
             id TEXT PRIMARY KEY NOT NULL,
             kind TEXT NOT NULL,
             parent TEXT,
             procedure_id TEXT,
             version INTEGER NOT NULL,
             created INTEGER NOT NULL,
             updated INTEGER NOT NULL,
             summary_nonce BLOB NOT NULL,
             summary BLOB NOT NULL,
             signature BLOB NOT NULL,
             payload_nonce BLOB NOT NULL,
             format INTEGER NOT NULL DEFAULT 1,
             payload BLOB NOT NULL
         );
         CREATE INDEX IF NOT EXISTS records_parent ON records (parent);
         CREATE TABLE IF NOT EXISTS manifest (
             bucket INTEGER PRIMARY KEY NOT NULL,
             mac BLOB NOT NULL,
             entries BLOB NOT NULL
         );",
    )?;
    match get_meta(&tx, "format")? {
        None => set_meta(&tx, "format", &FORMAT.to_be_bytes())?,
        Some(b) => {
            let format = <[u8; 8]>::try_from(b.as_slice())
                .map(i64::from_be_bytes)
                .map_err(|_| VaultError::Corrupt("unreadable format number".into()))?;
            if format > FORMAT {
                return Err(VaultError::NewerFormat(format));
            }
            if format < FORMAT {
                upgrade_to_format_2(&tx)?;
                set_meta(&tx, "format", &FORMAT.to_be_bytes())?;
            }
        }
    }
    // Earlier builds listed where each export was saved, to delete those files with
    // "Delete all my data". Exports the citizen saved are theirs (the app's own advice
    // is to export before deleting), and the list said in plaintext where they are: it
    // is forgotten (overwritten on disk: `secure_delete`).
    tx.execute("DELETE FROM meta WHERE key = 'exports'", [])?;
    tx.commit()?;
    Ok(())
}

/// Format 1 to 2: the records get their record format, 1 for every record already there
/// (SQLite adds a column with a default without rewriting the table). Checked by name,
/// so a half-finished upgrade (it is one transaction, so there is none) could not add it
/// twice.
fn upgrade_to_format_2(tx: &Transaction<'_>) -> Result<(), VaultError> {
    let has_format: bool = tx.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('records') WHERE name = 'format'",
        [],
        |r| r.get(0),
    )?;
    if !has_format {
        tx.execute(
            "ALTER TABLE records ADD COLUMN format INTEGER NOT NULL DEFAULT 1",
            [],
        )?;
    }
    Ok(())
}

/// Records the database holds or should hold: a vault whose records were removed but
/// whose manifest still lists them is not "empty".
pub(crate) fn count_records(conn: &Connection) -> Result<u64, VaultError> {
    let n: i64 = conn.query_row("SELECT count(*) FROM records", [], |r| r.get(0))?;
    Ok((n.max(0) as u64).max(crate::manifest::count_entries(conn)?))
}

pub(crate) const SEALED_AD: &str = "amtsweg-vault sealed keys 1";
/// The copy of the keys sealed under the recovery code: its own domain, so a sealed
/// copy can never be taken for the other.
pub(crate) const RECOVERY_AD: &str = "amtsweg-vault recovery keys 1";

/// The keys sealed under the passphrase.
pub(crate) fn seal_keys_with_passphrase(
    keys: &VaultKeys,
    passphrase: &Passphrase,
) -> Result<(KdfParams, [u8; SALT_LEN], Vec<u8>), VaultError> {
    passphrase.require_non_empty()?;
    seal_keys(keys, passphrase.bytes(), SEALED_AD, passphrase.params())
}

/// The keys sealed under a key derived from `secret` with Argon2id; `domain`, the
/// parameters and the salt are bound as associated data.
pub(crate) fn seal_keys(
    keys: &VaultKeys,
    secret: &[u8],
    domain: &str,
    params: KdfParams,
) -> Result<(KdfParams, [u8; SALT_LEN], Vec<u8>), VaultError> {
    let salt = crypto::random::<SALT_LEN>()?;
    let kek = params.derive(secret, &salt)?;
    let nonce = crypto::random::<NONCE_LEN>()?;
    let mut plain = Zeroizing::new([0u8; 64]);
    plain[..32].copy_from_slice(keys.data_key());
    plain[32..].copy_from_slice(keys.signing_seed().as_slice());
    let mut ad = Fields::new(domain);
    ad.bytes(&params.to_bytes()).bytes(&salt);
    let mut sealed = nonce.to_vec();
    sealed.extend(Cipher::new(&kek).seal(&nonce, plain.as_slice(), ad.as_slice())?);
    Ok((params, salt, sealed))
}

/// Opens keys sealed by [`seal_keys`]; a wrong secret is [`VaultError::WrongPassphrase`].
pub(crate) fn unseal_keys(
    secret: &[u8],
    domain: &str,
    params: &[u8],
    salt: &[u8],
    sealed: &[u8],
) -> Result<VaultKeys, VaultError> {
    let params = KdfParams::from_bytes(params)
        .ok_or_else(|| VaultError::Corrupt("unreadable passphrase parameters".into()))?;
    let salt: [u8; SALT_LEN] = salt
        .try_into()
        .map_err(|_| VaultError::Corrupt("unreadable passphrase salt".into()))?;
    if sealed.len() < NONCE_LEN {
        return Err(VaultError::Corrupt("unreadable sealed keys".into()));
    }
    let kek = params.derive(secret, &salt).map_err(|e| match e {
        VaultError::KdfParams(e) => VaultError::Corrupt(format!("passphrase parameters: {e}")),
        e => e,
    })?;
    let mut ad = Fields::new(domain);
    ad.bytes(&params.to_bytes()).bytes(&salt);
    let (nonce, ct) = sealed.split_at(NONCE_LEN);
    let plain = Cipher::new(&kek)
        .open(nonce, ct, ad.as_slice())
        .ok_or(VaultError::WrongPassphrase)?;
    let data: &[u8; 32] = plain[..32]
        .try_into()
        .map_err(|_| VaultError::Corrupt("sealed keys of the wrong length".into()))?;
    let seed: &[u8; 32] = plain[32..]
        .try_into()
        .map_err(|_| VaultError::Corrupt("sealed keys of the wrong length".into()))?;
    Ok(VaultKeys::from_parts(data, seed))
}

impl Vault {
    /// The vault's folder under the OS's local data directory
    /// (`~/.local/share/de.amtsweg.client` on Linux, `%LOCALAPPDATA%\de.amtsweg.client`
    /// on Windows, `~/Library/Application Support/de.amtsweg.client` on macOS). The
    /// local, not the roaming, folder on Windows: the keys stay in this machine's
    /// Credential Manager, so a roamed copy of the database could not be read anyway.
    pub fn default_dir() -> Result<PathBuf, VaultError> {
        directories::BaseDirs::new()
            .map(|b| b.data_local_dir().join(APP_ID))
            .ok_or(VaultError::NoDataDir)
    }

    /// Opens (or creates) the vault in [`Vault::default_dir`].
    pub fn open_default(source: KeySource) -> Result<Vault, VaultError> {
        Vault::open(&Vault::default_dir()?, source)
    }

    /// Opens (or creates) the vault whose database is `dir/vault.sqlite3`.
    ///
    /// - keys the source does not have while the database holds records:
    ///   [`VaultError::KeyMissing`] (nothing is created or changed);
    /// - keys of another vault: [`VaultError::WrongKey`];
    /// - a wrong passphrase: [`VaultError::WrongPassphrase`];
    /// - a passphrase vault opened from the keychain: [`VaultError::PassphraseRequired`].
    ///
    /// New keys are made only for a vault without records. Blocks on the keychain and
    /// on Argon2id: call it off the UI thread.
    pub fn open(dir: &Path, source: KeySource) -> Result<Vault, VaultError> {
        if matches!(source, KeySource::Memory) {
            return Err(VaultError::InvalidInput(
                "memory-only keys need an in-memory vault (Vault::in_memory)".into(),
            ));
        }
        create_private_dir(dir)?;
        let path = dir.join(DB_FILE);
        let mut conn = Connection::open(&path)?;
        configure(&conn, true)?;
        init_schema(&mut conn)?;
        let (keys, keychain) = resolve_keys(&mut conn, source)?;
        Ok(Vault::assemble(
            conn,
            keys,
            Location::Disk(dir.to_path_buf()),
            keychain,
        ))
    }

    /// Kiosk mode: random keys and the database only in this process's memory. Nothing
    /// is written to disk, the keychain is not touched, and everything is gone when the
    /// vault is dropped (or the process ends, however it ends).
    pub fn in_memory() -> Result<Vault, VaultError> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        init_schema(&mut conn)?;
        let (keys, _) = resolve_keys(&mut conn, KeySource::Memory)?;
        Ok(Vault::assemble(conn, keys, Location::Memory, None))
    }

    fn assemble(
        conn: Connection,
        keys: VaultKeys,
        location: Location,
        keychain: Option<Keychain>,
    ) -> Vault {
        let cipher = Cipher::new(&keys.derive(Purpose::RecordEncryption));
        let manifest = ManifestKey::new(keys.derive(Purpose::Manifest));
        Vault {
            conn: Mutex::new(conn),
            keys,
            cipher,
            manifest,
            location,
            keychain,
            records_checked: AtomicI64::new(NOT_CHECKED),
        }
    }

    /// The folder of the database, `None` in kiosk mode.
    pub fn dir(&self) -> Option<&Path> {
        match &self.location {
            Location::Disk(dir) => Some(dir),
            Location::Memory => None,
        }
    }

    /// The key id stored in the database (see [`VaultKeys::key_id`]).
    pub fn key_id(&self) -> String {
        self.keys.key_id()
    }

    /// The connection's settings that the crash and power-loss argument rests on, read
    /// back from SQLite (ARCHITECTURE.md, "Crash safety and power loss"): a kill keeps
    /// the OS's cache, so no crash test could tell `synchronous=OFF` from `FULL`.
    pub fn durability(&self) -> Result<Durability, VaultError> {
        let conn = self.lock();
        let text = |pragma: &str| -> Result<String, VaultError> {
            Ok(conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))?)
        };
        let number = |pragma: &str| -> Result<i64, VaultError> {
            Ok(conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))?)
        };
        Ok(Durability {
            journal_mode: text("journal_mode")?.to_ascii_lowercase(),
            synchronous: number("synchronous")?,
            fullfsync: number("fullfsync")? == 1,
            secure_delete: number("secure_delete")? == 1,
            temp_store: number("temp_store")?,
        })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held dropped its transaction, which rolled back:
        // the connection is in a clean state, so poisoning carries no meaning here.
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    // --- drafts ---

    /// Saves a new version of draft `id` (created if new) and returns its version
    /// number. `payload` is the draft itself, `summary` the small part the drafts list
    /// shows (title, progress, page): both are encrypted, only the ids and times are
    /// not. Durable when it returns. On a full disk: [`VaultError::DiskFull`] with the
    /// previous version untouched.
    pub fn save_draft(
        &self,
        id: &str,
        procedure_id: &str,
        payload: &[u8],
        summary: &[u8],
    ) -> Result<u64, VaultError> {
        check_record_id("a draft id", id)?;
        check_id("a procedure id", procedure_id)?;
        self.save_record(Kind::Draft, id, None, Some(procedure_id), payload, summary)
    }

    /// The draft, verified (manifest version, `verify_strict` signature) and decrypted.
    pub fn open_draft(&self, id: &str) -> Result<Draft, VaultError> {
        let conn = self.lock();
        let manifest = self.read_checked(&conn)?;
        let row = load_row(&conn, id)?;
        let (row, payload, summary) = self.open_row(&manifest, id, Kind::Draft, row)?;
        Ok(Draft {
            id: row.id,
            procedure_id: row.procedure_id.unwrap_or_default(),
            version: row.version as u64,
            created_ms: row.created,
            updated_ms: row.updated,
            payload,
            summary,
        })
    }

    /// Every draft, newest first, from the encrypted summaries alone (no payload is read
    /// or decrypted). A damaged draft is listed with its reason; it never hides others.
    /// Summaries are authenticated by their AEAD tag and the manifest; the signature
    /// over the whole record is checked when a draft is opened.
    pub fn list_drafts(&self) -> Result<Vec<DraftListEntry>, VaultError> {
        Ok(self
            .list_kind(Kind::Draft, None, "updated DESC, id")?
            .into_iter()
            .map(|l| DraftListEntry {
                id: l.id,
                procedure_id: l.procedure_id,
                version: l.version,
                created_ms: l.created_ms,
                updated_ms: l.updated_ms,
                summary: l.summary,
            })
            .collect())
    }

    /// Deletes the draft and its attachments so that they are gone from the database
    /// file, not only marked: `secure_delete` zeroes their bytes and a TRUNCATE
    /// checkpoint empties the WAL, which still held them (on a full disk the checkpoint
    /// waits for the next delete or for closing; the delete itself stands). Works on
    /// damaged drafts too (it is how a citizen gets rid of one).
    pub fn delete_draft(&self, id: &str) -> Result<(), VaultError> {
        self.delete_record(Kind::Draft, id)
    }

    // --- attachments ---

    /// Saves a new version of attachment `id` of draft `draft_id` (which must exist).
    /// `summary` is what lists show (file name, type, size); `payload` the file.
    pub fn save_attachment(
        &self,
        draft_id: &str,
        id: &str,
        payload: &[u8],
        summary: &[u8],
    ) -> Result<u64, VaultError> {
        check_record_id("an attachment id", id)?;
        check_id("a draft id", draft_id)?;
        self.save_record(Kind::Attachment, id, Some(draft_id), None, payload, summary)
    }

    /// The attachment, verified and decrypted.
    pub fn open_attachment(&self, id: &str) -> Result<Attachment, VaultError> {
        let conn = self.lock();
        let manifest = self.read_checked(&conn)?;
        let row = load_row(&conn, id)?;
        let (row, payload, summary) = self.open_row(&manifest, id, Kind::Attachment, row)?;
        Ok(Attachment {
            id: row.id,
            draft_id: row.parent.unwrap_or_default(),
            version: row.version as u64,
            created_ms: row.created,
            updated_ms: row.updated,
            payload,
            summary,
        })
    }

    /// The attachments of a draft, oldest first, from their summaries.
    pub fn list_attachments(&self, draft_id: &str) -> Result<Vec<AttachmentListEntry>, VaultError> {
        Ok(self
            .list_kind(Kind::Attachment, Some(draft_id), "created, id")?
            .into_iter()
            .map(|l| AttachmentListEntry {
                id: l.id,
                version: l.version,
                created_ms: l.created_ms,
                updated_ms: l.updated_ms,
                summary: l.summary,
            })
            .collect())
    }

    /// Deletes one attachment, as thoroughly as [`Vault::delete_draft`].
    pub fn delete_attachment(&self, id: &str) -> Result<(), VaultError> {
        self.delete_record(Kind::Attachment, id)
    }

    // --- the outbox: applications and their sending ---

    /// Freezes draft `draft_id` into application `application_id`: in one transaction
    /// the application record is written (version 1; `payload` is what will be sent,
    /// `summary` what the outbox shows) and the draft and every attachment of it are
    /// deleted, records and manifest entries, as thoroughly as [`Vault::delete_draft`].
    /// A crash at any moment leaves either the draft with its attachments or the
    /// application, never both and never neither; "frozen" is durable when it returns.
    ///
    /// - an id already used by any record, or listed by the manifest, as
    ///   `application_id`: [`VaultError::InvalidInput`] (an application is written once
    ///   and never edited; checked first, so a freeze repeated after it succeeded says
    ///   so rather than that the draft is gone);
    /// - no draft `draft_id`: [`VaultError::NotFound`];
    /// - the manifest bucket of `application_id` fails its MAC: [`VaultError::Damaged`]
    ///   with [`DamageReason::ManifestInvalid`] (as a save would be refused);
    /// - a full disk: [`VaultError::DiskFull`], nothing changed.
    pub fn freeze_application(
        &self,
        draft_id: &str,
        application_id: &str,
        procedure_id: &str,
        payload: &[u8],
        summary: &[u8],
    ) -> Result<(), VaultError> {
        check_id("a draft id", draft_id)?;
        check_record_id("an application id", application_id)?;
        check_id("a procedure id", procedure_id)?;
        let mut conn = self.lock();
        // IMMEDIATE: no other writer between the checks and the commit.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut manifest = self.read_checked(&tx)?;
        let stored_kind = |id: &str| -> Result<Option<String>, VaultError> {
            Ok(tx
                .prepare_cached("SELECT kind FROM records WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?)
        };
        if let Some(kind) = stored_kind(application_id)?
            .or_else(|| manifest.get(application_id).map(|e| e.kind.clone()))
        {
            return Err(VaultError::InvalidInput(format!(
                "`{application_id}` is already a {kind} (an application is written once)"
            )));
        }
        // The draft's row itself: a draft only the manifest remembers (removed behind
        // the vault's back) is no draft to freeze.
        if stored_kind(draft_id)?.as_deref() != Some(Kind::Draft.as_str()) {
            return Err(VaultError::NotFound(draft_id.to_owned()));
        }
        if !manifest.bucket_valid(application_id) {
            // Its entry could not be written without MACing whatever was put back there.
            return Err(VaultError::Damaged {
                id: application_id.to_owned(),
                reason: DamageReason::ManifestInvalid,
            });
        }
        let now = now_ms();
        let header = Header {
            kind: Kind::Application,
            id: application_id,
            parent: None,
            procedure_id: Some(procedure_id),
            version: 1,
            created: now,
            updated: now,
        };
        failpoint::hit("freeze:before-write");
        self.write_row(&tx, &header, payload, summary)?;
        manifest.set(
            application_id,
            ManifestEntry {
                kind: Kind::Application.as_str().to_owned(),
                parent: None,
                version: 1,
            },
        );
        failpoint::hit("freeze:application-written");
        self.remove_with_children(&tx, &mut manifest, draft_id)?;
        failpoint::hit("freeze:draft-deleted");
        self.manifest.write(&tx, &mut manifest, false)?;
        if manifest.stale() {
            // As in a delete: the record that showed the manifest behind may have been
            // the draft or one of its attachments.
            self.manifest.distrust(&tx)?;
        }
        failpoint::hit("freeze:before-commit");
        tx.commit()?;
        failpoint::hit("freeze:after-commit");
        // The draft's bytes out of the WAL too, as after a delete.
        checkpoint_truncate(&conn);
        Ok(())
    }

    /// The application, verified (manifest version, signature) and decrypted.
    pub fn open_application(&self, id: &str) -> Result<Application, VaultError> {
        let conn = self.lock();
        let manifest = self.read_checked(&conn)?;
        let row = load_row(&conn, id)?;
        let (row, payload, summary) = self.open_row(&manifest, id, Kind::Application, row)?;
        Ok(Application {
            id: row.id,
            procedure_id: row.procedure_id.unwrap_or_default(),
            created_ms: row.created,
            payload,
            summary,
        })
    }

    /// Every waiting application, oldest first (the order they are sent in), from their
    /// summaries; damaged ones listed with their reason, as [`Vault::list_drafts`] does.
    pub fn list_applications(&self) -> Result<Vec<ApplicationListEntry>, VaultError> {
        Ok(self
            .list_kind(Kind::Application, None, "created, id")?
            .into_iter()
            .map(|l| ApplicationListEntry {
                id: l.id,
                procedure_id: l.procedure_id,
                created_ms: l.created_ms,
                summary: l.summary,
            })
            .collect())
    }

    /// Saves a new version of the sending record of application `application_id`
    /// (which must exist: [`VaultError::NotFound`] otherwise) and returns its version:
    /// 1 the first time, one more each time. Durable when it returns, so a step recorded
    /// here is known after any crash. The record's id is `sending:<application id>`, its
    /// parent the application; it has no summary.
    pub fn save_sending(&self, application_id: &str, payload: &[u8]) -> Result<u64, VaultError> {
        check_id("an application id", application_id)?;
        self.save_record(
            Kind::Sending,
            &sending_id(application_id),
            Some(application_id),
            None,
            payload,
            &[],
        )
    }

    /// The newest sending record of application `application_id`, verified and
    /// decrypted; `None` when none was ever saved. One that was changed, put back to an
    /// older version or removed behind the vault's back is [`VaultError::Damaged`] like
    /// any record, never `None`: the outbox must not take a lost record for "not sent
    /// yet".
    pub fn open_sending(&self, application_id: &str) -> Result<Option<Sending>, VaultError> {
        check_id("an application id", application_id)?;
        let id = sending_id(application_id);
        let conn = self.lock();
        let manifest = self.read_checked(&conn)?;
        let row = load_row(&conn, &id)?;
        // "Never saved" only when nothing at all speaks of one: no row (of whatever
        // kind: a changed kind column is damage, not absence), no entry, and a manifest
        // that can vouch for that.
        let never_saved = row.is_none() && manifest.get(&id).is_none() && manifest.trusted(&id);
        let (row, payload, _) = match self.open_row(&manifest, &id, Kind::Sending, row) {
            Ok(opened) => opened,
            Err(VaultError::NotFound(_)) if never_saved => return Ok(None),
            Err(VaultError::NotFound(_)) => {
                let reason = if manifest.trusted(&id) {
                    DamageReason::Malformed("unexpected record kind")
                } else {
                    DamageReason::ManifestInvalid
                };
                return Err(VaultError::Damaged { id, reason });
            }
            Err(e) => return Err(e),
        };
        Ok(Some(Sending {
            application_id: row.parent.unwrap_or_default(),
            version: row.version as u64,
            updated_ms: row.updated,
            payload,
        }))
    }

    // --- My details ---

    /// Saves a new version of My details (the app's own encoding of the kept answers):
    /// encrypted, signed and versioned like a draft. Durable when it returns.
    pub fn save_details(&self, payload: &[u8]) -> Result<u64, VaultError> {
        self.save_record(Kind::Details, DETAILS_ID, None, None, payload, &[])
    }

    /// My details, verified and decrypted; `None` when none are kept. Kept details that
    /// were changed, put back or removed behind the vault's back are
    /// [`VaultError::Damaged`], as [`Vault::open_sending`] decides.
    pub fn open_details(&self) -> Result<Option<Zeroizing<Vec<u8>>>, VaultError> {
        let conn = self.lock();
        let manifest = self.read_checked(&conn)?;
        let row = load_row(&conn, DETAILS_ID)?;
        let never_saved =
            row.is_none() && manifest.get(DETAILS_ID).is_none() && manifest.trusted(DETAILS_ID);
        match self.open_row(&manifest, DETAILS_ID, Kind::Details, row) {
            Ok((_, payload, _)) => Ok(Some(payload)),
            Err(VaultError::NotFound(_)) if never_saved => Ok(None),
            Err(VaultError::NotFound(_)) => Err(VaultError::Damaged {
                id: DETAILS_ID.to_owned(),
                reason: if manifest.trusted(DETAILS_ID) {
                    DamageReason::Malformed("unexpected record kind")
                } else {
                    DamageReason::ManifestInvalid
                },
            }),
            Err(e) => Err(e),
        }
    }

    /// Deletes My details as thoroughly as [`Vault::delete_draft`]; none kept is no
    /// error.
    pub fn delete_details(&self) -> Result<(), VaultError> {
        match self.delete_record(Kind::Details, DETAILS_ID) {
            Err(VaultError::NotFound(_)) => Ok(()),
            other => other,
        }
    }

    /// The Ed25519 seed of this installation's device key for the municipal API. Derived
    /// from the vault's keys (HKDF, its own purpose), so it is the same after every
    /// restart, after the keys moved between keychain and passphrase, and after a
    /// recovery code restored them, and another installation's keys give another seed —
    /// unless the vault adopted the seed of an export file at an import (`export.rs`:
    /// its applications already handed over stay reachable): then the adopted one, from
    /// its record, checked like any record, until everything is deleted. An adopted seed
    /// whose record is damaged, missing or not vouched for by the manifest is an error,
    /// never the derived seed: another installation could not finish or follow what the
    /// adopted one handed over, and could send it again. Never log it.
    pub fn installation_seed(&self) -> Result<Zeroizing<[u8; 32]>, VaultError> {
        let conn = self.lock();
        let manifest = self.read_checked(&conn)?;
        match self.adopted_seed(&conn, &manifest)? {
            Some(seed) => Ok(seed),
            None => Ok(self.derived_installation_seed()),
        }
    }

    /// The seed derived from the vault's keys (what [`Vault::installation_seed`] is
    /// without an adopted one).
    pub(crate) fn derived_installation_seed(&self) -> Zeroizing<[u8; 32]> {
        self.keys.derive(Purpose::Installation)
    }

    /// The adopted seed, verified and decrypted; `None` when none was ever adopted
    /// (nothing at all speaks of one, as [`Vault::open_sending`] decides "never saved").
    pub(crate) fn adopted_seed(
        &self,
        conn: &Connection,
        manifest: &Manifest,
    ) -> Result<Option<Zeroizing<[u8; 32]>>, VaultError> {
        let row = load_row(conn, INSTALLATION_ID)?;
        let never = row.is_none()
            && manifest.get(INSTALLATION_ID).is_none()
            && manifest.trusted(INSTALLATION_ID);
        let damaged = |reason| VaultError::Damaged {
            id: INSTALLATION_ID.to_owned(),
            reason,
        };
        let (_, payload, _) =
            match self.open_row(manifest, INSTALLATION_ID, Kind::Installation, row) {
                Ok(opened) => opened,
                Err(VaultError::NotFound(_)) if never => return Ok(None),
                Err(VaultError::NotFound(_)) => {
                    return Err(damaged(if manifest.trusted(INSTALLATION_ID) {
                        DamageReason::Malformed("unexpected record kind")
                    } else {
                        DamageReason::ManifestInvalid
                    }));
                }
                Err(e) => return Err(e),
            };
        let seed: [u8; 32] = payload.as_slice().try_into().map_err(|_| {
            damaged(DamageReason::Malformed(
                "an installation seed of the wrong length",
            ))
        })?;
        Ok(Some(Zeroizing::new(seed)))
    }

    /// Whether the manifest vouches for every record's version: its MACs verify and no
    /// record is newer than it. When not, records that pass their own checks are listed
    /// as [`Summary::Unverified`] and open only after [`Vault::trust_current_versions`],
    /// which the shell offers after asking the citizen.
    pub fn manifest_trusted(&self) -> Result<bool, VaultError> {
        let conn = self.lock();
        Ok(self.read_checked(&conn)?.all_trusted())
    }

    /// The whole manifest, verified, and marked stale if some record is newer than its
    /// entry. Reads every record's id and version (not their encrypted columns).
    pub(crate) fn read_checked(&self, conn: &Connection) -> Result<Manifest, VaultError> {
        let mut manifest = self.manifest.read_all(conn)?;
        let data_version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.records_checked.load(Ordering::Acquire) == data_version {
            return Ok(manifest);
        }
        let mut stmt = conn.prepare_cached("SELECT id, version FROM records")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            // A column of another type is the record's own damage, found when it is read.
            let (Ok(id), Ok(version)) = (row.get::<_, String>(0), row.get::<_, i64>(1)) else {
                continue;
            };
            if manifest.macs_valid(&id)
                && manifest
                    .get(&id)
                    .is_some_and(|e| version > 0 && version as u64 > e.version)
            {
                manifest.mark_stale();
                break;
            }
        }
        if !manifest.stale() {
            self.records_checked.store(data_version, Ordering::Release);
        }
        Ok(manifest)
    }

    /// After [`DamageReason::ManifestInvalid`] (the manifest was changed outside the
    /// app, or its page was damaged): accept every record at the version it has now and
    /// MAC the manifest again. Each record is still checked by its own signature and
    /// encryption; what is given up is the proof that none was put back to an older
    /// version. The shell offers this only after asking the citizen.
    pub fn trust_current_versions(&self) -> Result<(), VaultError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut manifest = self.manifest.read_all(&tx)?;
        manifest.clear();
        let rows: Vec<(String, String, Option<String>, i64)> = tx
            .prepare("SELECT id, kind, parent, version FROM records")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        for (id, kind, parent, version) in rows {
            // A record of a kind or version no vault writes stays out (it shows as
            // damaged, not in the manifest).
            let (Some(_), Ok(version @ 1..)) = (Kind::parse(&kind), u64::try_from(version)) else {
                continue;
            };
            manifest.set(
                &id,
                ManifestEntry {
                    kind,
                    parent,
                    version,
                },
            );
        }
        self.manifest.write(&tx, &mut manifest, true)?;
        tx.commit()?;
        Ok(())
    }

    // --- the machinery ---

    pub(crate) fn save_record(
        &self,
        kind: Kind,
        id: &str,
        parent: Option<&str>,
        procedure_id: Option<&str>,
        payload: &[u8],
        summary: &[u8],
    ) -> Result<u64, VaultError> {
        let mut conn = self.lock();
        // IMMEDIATE takes the write lock now, so the version read below is still the
        // newest when the new one is written.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut manifest = self.manifest.read_for_save(&tx, id)?;
        let distrusted = || VaultError::Damaged {
            id: id.to_owned(),
            reason: DamageReason::ManifestInvalid,
        };
        if !manifest.bucket_valid(id) {
            // Writing would MAC the changed bucket and so bless whatever was put back.
            return Err(distrusted());
        }
        // A top that fails its MAC is not MACed again (`Manifest::write`), so a save into
        // a sound bucket leaves the distrust in place: new drafts still start and are
        // kept while the citizen has not yet decided about the others.
        let existing: Option<(String, i64, i64, Option<String>)> = tx
            .prepare_cached("SELECT kind, version, created, parent FROM records WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let expected = manifest.get(id).cloned();
        if let (Some(stored), Some(expected)) = (&existing, &expected)
            && stored.1 > 0
            && stored.1 as u64 > expected.version
        {
            // The record is newer than the manifest (an older manifest was put back):
            // saving it would erase the one sign of that.
            return Err(distrusted());
        }
        let stored_kind = existing
            .as_ref()
            .map(|e| e.0.as_str())
            .or(expected.as_ref().map(|e| e.kind.as_str()));
        if let Some(k) = stored_kind
            && k != kind.as_str()
        {
            return Err(VaultError::InvalidInput(format!(
                "`{id}` is a {k}, not a {}",
                kind.as_str()
            )));
        }
        if let Some((_, _, _, stored_parent)) = &existing
            && stored_parent.as_deref() != parent
        {
            return Err(VaultError::InvalidInput(format!(
                "`{id}` belongs to another draft"
            )));
        }
        if let (Some(parent), Some(wanted)) = (parent, kind.parent_kind()) {
            let parent_kind: Option<String> = tx
                .prepare_cached("SELECT kind FROM records WHERE id = ?1")?
                .query_row([parent], |r| r.get(0))
                .optional()?;
            if parent_kind.as_deref() != Some(wanted.as_str()) {
                return Err(match kind {
                    // The outbox asks about an application it believes exists.
                    Kind::Sending => VaultError::NotFound(parent.to_owned()),
                    _ => VaultError::InvalidInput(format!(
                        "there is no {} `{parent}`",
                        wanted.as_str()
                    )),
                });
            }
        }
        // One above anything seen, so a version number is never used twice for an id,
        // even when a damaged or missing record is saved anew.
        let version = existing
            .as_ref()
            .map_or(0, |e| e.1.max(0) as u64)
            .max(expected.as_ref().map_or(0, |e| e.version))
            + 1;
        let now = now_ms();
        let created = existing.as_ref().map_or(now, |e| e.2);
        let header = Header {
            kind,
            id,
            parent,
            procedure_id,
            version,
            created,
            updated: now,
        };
        failpoint::hit("save:before-encrypt");
        self.write_row(&tx, &header, payload, summary)?;
        failpoint::hit("save:in-transaction");
        manifest.set(
            id,
            ManifestEntry {
                kind: kind.as_str().to_owned(),
                parent: parent.map(str::to_owned),
                version,
            },
        );
        self.manifest.write(&tx, &mut manifest, false)?;
        failpoint::hit("save:before-commit");
        tx.commit()?;
        failpoint::hit("save:after-commit");
        // The save stands: a failure to remember only costs the next save a full read.
        if let Err(e) = self.manifest.remember_committed(&conn, manifest) {
            tracing::debug!("the manifest of this save is not remembered: {e}");
        }
        Ok(version)
    }

    /// Encrypts, signs and writes (insert or replace) one row.
    pub(crate) fn write_row(
        &self,
        tx: &Transaction<'_>,
        h: &Header<'_>,
        payload: &[u8],
        summary: &[u8],
    ) -> Result<(), VaultError> {
        let summary_nonce = crypto::random::<NONCE_LEN>()?;
        let payload_nonce = crypto::random::<NONCE_LEN>()?;
        let summary_ct = self
            .cipher
            .seal(&summary_nonce, summary, h.ad("summary").as_slice())?;
        let payload_ct = self
            .cipher
            .seal(&payload_nonce, payload, h.ad("payload").as_slice())?;
        let format = RecordFormat::CURRENT;
        let digest = h.digest(
            format,
            &summary_nonce,
            &summary_ct,
            &payload_nonce,
            &payload_ct,
        );
        let signature = crypto::sign(self.keys.signing_key(), format, &digest);
        failpoint::hit("save:after-encrypt");
        tx.prepare_cached(
            "INSERT INTO records (id, kind, parent, procedure_id, version, created, updated,
                                  summary_nonce, summary, signature, payload_nonce, payload,
                                  format)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT(id) DO UPDATE SET
                 procedure_id = excluded.procedure_id, version = excluded.version,
                 created = excluded.created, updated = excluded.updated,
                 summary_nonce = excluded.summary_nonce, summary = excluded.summary,
                 signature = excluded.signature, payload_nonce = excluded.payload_nonce,
                 payload = excluded.payload, format = excluded.format",
        )?
        .execute(params![
            h.id,
            h.kind.as_str(),
            h.parent,
            h.procedure_id,
            h.version as i64,
            h.created,
            h.updated,
            summary_nonce.as_slice(),
            summary_ct,
            signature.as_slice(),
            payload_nonce.as_slice(),
            payload_ct,
            format.number(),
        ])?;
        Ok(())
    }

    /// Checks everything but the signature and payload: kind, manifest version, summary.
    /// With whether the manifest vouches for the version (`false`: unverified).
    fn open_summary(
        &self,
        manifest: &Manifest,
        kind: Kind,
        row: &Row,
    ) -> Result<(Zeroizing<Vec<u8>>, bool), DamageReason> {
        let (header, verified) = self.check_row(manifest, kind, row)?;
        let summary = self
            .cipher
            .open(
                &row.summary_nonce,
                &row.summary,
                header.ad("summary").as_slice(),
            )
            .ok_or(DamageReason::Decryption)?;
        Ok((summary, verified))
    }

    /// The record's own checks and its version against the manifest. `Ok(.., false)`:
    /// nothing speaks against the record, but the manifest cannot vouch for its version
    /// (its MAC fails, or it is older than some record).
    fn check_row<'r>(
        &self,
        manifest: &Manifest,
        kind: Kind,
        row: &'r Row,
    ) -> Result<(Header<'r>, bool), DamageReason> {
        if Kind::parse(&row.kind) != Some(kind) {
            return Err(DamageReason::Malformed("unexpected record kind"));
        }
        if row.version < 1 {
            return Err(DamageReason::Malformed("version below 1"));
        }
        let version = row.version as u64;
        // Entries that fail their MAC say nothing about any record: blaming a record by
        // them would blame by a changed byte.
        let verified = if manifest.macs_valid(&row.id) {
            match manifest.get(&row.id) {
                // A stale manifest predates records saved since: not in it is no proof
                // of a deleted record put back.
                None if manifest.stale() => false,
                None => return Err(DamageReason::NotInManifest),
                // An entry the vault MACed is a lower bound even in an older manifest: a
                // record below it is an older copy put back.
                Some(expected)
                    if version < expected.version
                        || expected.kind != row.kind
                        || expected.parent != row.parent =>
                {
                    return Err(DamageReason::StaleVersion {
                        stored: version,
                        expected: expected.version,
                    });
                }
                // Above it: the manifest is what was put back, not this record.
                Some(expected) => version == expected.version && !manifest.stale(),
            }
        } else {
            false
        };
        Ok((
            Header {
                kind,
                id: &row.id,
                parent: row.parent.as_deref(),
                procedure_id: row.procedure_id.as_deref(),
                version,
                created: row.created,
                updated: row.updated,
            },
            verified,
        ))
    }

    /// The signature over the whole row (with its payload), then both decryptions.
    fn open_whole(&self, header: &Header<'_>, row: &Row) -> Result<Plaintexts, DamageReason> {
        // Each record is verified by the rules it was written under; the format is named
        // in what was signed, so claiming another one fails the signature.
        let format = row
            .format
            .and_then(RecordFormat::from_number)
            .ok_or(DamageReason::Malformed("unknown record format"))?;
        let payload_ct = row.payload.as_deref().unwrap_or_default();
        let digest = header.digest(
            format,
            &row.summary_nonce,
            &row.summary,
            &row.payload_nonce,
            payload_ct,
        );
        if !crypto::verify(&self.keys.verifying_key(), format, &digest, &row.signature) {
            return Err(DamageReason::Signature);
        }
        let summary = self
            .cipher
            .open(
                &row.summary_nonce,
                &row.summary,
                header.ad("summary").as_slice(),
            )
            .ok_or(DamageReason::Decryption)?;
        let payload = self
            .cipher
            .open(
                &row.payload_nonce,
                payload_ct,
                header.ad("payload").as_slice(),
            )
            .ok_or(DamageReason::Decryption)?;
        Ok((summary, payload))
    }

    /// How an unverified record is listed: its summary when the whole record (payload
    /// and signature too) passes its own checks, so that what the citizen is offered to
    /// keep is intact; why not otherwise. Read only while the manifest is distrusted.
    fn unverified_summary(
        &self,
        conn: &Connection,
        manifest: &Manifest,
        kind: Kind,
        id: &str,
        summary: Zeroizing<Vec<u8>>,
    ) -> Result<Summary, VaultError> {
        let Some(RowRead::Whole(row)) = load_row(conn, id)? else {
            return Ok(Summary::Damaged { reason: WRONG_TYPE });
        };
        let checked = self
            .check_row(manifest, kind, &row)
            .and_then(|(header, _)| self.open_whole(&header, &row));
        Ok(match checked {
            Ok(_) => Summary::Unverified(summary),
            Err(reason) => Summary::Damaged { reason },
        })
    }

    /// Every check, then both decryptions. A record the manifest cannot vouch for is
    /// [`DamageReason::ManifestInvalid`] (after its own checks, so a changed record is
    /// named as such).
    #[allow(clippy::type_complexity)]
    pub(crate) fn open_row(
        &self,
        manifest: &Manifest,
        id: &str,
        kind: Kind,
        row: Option<RowRead>,
    ) -> Result<(Row, Zeroizing<Vec<u8>>, Zeroizing<Vec<u8>>), VaultError> {
        let damaged = |reason| VaultError::Damaged {
            id: id.to_owned(),
            reason,
        };
        let row = match row {
            Some(RowRead::Whole(row)) => Some(row),
            Some(RowRead::Malformed(_)) => return Err(damaged(WRONG_TYPE)),
            None => None,
        };
        let Some(row) = row else {
            return match manifest.get(id) {
                Some(e) if e.kind == kind.as_str() => Err(damaged(if manifest.trusted(id) {
                    DamageReason::Missing
                } else {
                    DamageReason::ManifestInvalid
                })),
                _ => Err(VaultError::NotFound(id.to_owned())),
            };
        };
        if Kind::parse(&row.kind) != Some(kind) {
            return Err(VaultError::NotFound(id.to_owned()));
        }
        let (header, verified) = self.check_row(manifest, kind, &row).map_err(damaged)?;
        let (summary, payload) = self.open_whole(&header, &row).map_err(damaged)?;
        if !verified {
            return Err(damaged(DamageReason::ManifestInvalid));
        }
        Ok((row, payload, summary))
    }

    fn delete_record(&self, kind: Kind, id: &str) -> Result<(), VaultError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut manifest = self.read_checked(&tx)?;
        let stored_kind: Option<String> = tx
            .query_row("SELECT kind FROM records WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let known_kind = stored_kind.or_else(|| manifest.get(id).map(|e| e.kind.clone()));
        if known_kind.as_deref() != Some(kind.as_str()) {
            return Err(VaultError::NotFound(id.to_owned()));
        }
        self.remove_with_children(&tx, &mut manifest, id)?;
        self.manifest.write(&tx, &mut manifest, false)?;
        if manifest.stale() {
            // The record that showed the manifest behind may be the one just deleted:
            // the distrust is written down so that it does not go with it.
            self.manifest.distrust(&tx)?;
        }
        tx.commit()?;
        checkpoint_truncate(&conn);
        Ok(())
    }
}

impl Vault {
    /// Deletes record `id` and the records whose parent it is (a draft takes its
    /// attachments with it), in the records and in `manifest` (read whole), within the
    /// caller's transaction; the caller writes the manifest.
    fn remove_with_children(
        &self,
        tx: &Transaction<'_>,
        manifest: &mut Manifest,
        id: &str,
    ) -> Result<(), VaultError> {
        tx.execute("DELETE FROM records WHERE id = ?1 OR parent = ?1", [id])?;
        // A bucket (or the top) that failed its MAC is not MACed again, unless nothing
        // is left in it to vouch for: no entry, or no record any more (its entries are
        // not believed, so they would only linger as drafts that never were).
        manifest.remove_with_children(id);
        let bad: Vec<i64> = manifest.bad_buckets().collect();
        if !bad.is_empty() {
            let held: HashSet<i64> = tx
                .prepare_cached("SELECT id FROM records")?
                .query_map([], |r| r.get::<_, String>(0))?
                .map(|id| id.map(|id| bucket_of(&id)))
                .collect::<Result<_, _>>()?;
            for bucket in bad.into_iter().filter(|b| !held.contains(b)) {
                manifest.clear_bucket(bucket);
            }
        }
        Ok(())
    }

    /// The records of one kind (of one parent, if given) in `order`, each with its
    /// summary or why it cannot be read, then the ones the manifest vouches for that are
    /// gone from the database ([`DamageReason::Missing`]). No payload is read.
    fn list_kind(
        &self,
        kind: Kind,
        parent: Option<&str>,
        order: &str,
    ) -> Result<Vec<Listed>, VaultError> {
        let conn = self.lock();
        let manifest = self.read_checked(&conn)?;
        let filter = match parent {
            // The parent first, so SQLite takes the `records_parent` index.
            Some(_) => "parent = ?2 AND kind = ?1",
            None => "kind = ?1",
        };
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM records WHERE {filter} ORDER BY {order}"
        ))?;
        let kind_str = kind.as_str();
        let args: Vec<&dyn rusqlite::ToSql> = match &parent {
            Some(p) => vec![&kind_str, p],
            None => vec![&kind_str],
        };
        let rows = stmt.query_map(args.as_slice(), |r| Row::from_sql(r, false))?;
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for row in rows {
            let row = match row? {
                RowRead::Whole(row) => row,
                RowRead::Malformed(id) => {
                    seen.insert(id.clone());
                    out.push(Listed {
                        id,
                        procedure_id: String::new(),
                        version: 0,
                        created_ms: 0,
                        updated_ms: 0,
                        summary: Summary::Damaged { reason: WRONG_TYPE },
                    });
                    continue;
                }
            };
            seen.insert(row.id.clone());
            let summary = match self.open_summary(&manifest, kind, &row) {
                Ok((s, true)) => Summary::Readable(s),
                Ok((s, false)) => self.unverified_summary(&conn, &manifest, kind, &row.id, s)?,
                Err(reason) => Summary::Damaged { reason },
            };
            out.push(Listed {
                procedure_id: row.procedure_id.clone().unwrap_or_default(),
                version: row.version.max(0) as u64,
                created_ms: row.created,
                updated_ms: row.updated,
                id: row.id,
                summary,
            });
        }
        // Only entries the manifest vouches for name a missing record: one of a bucket
        // that fails its MAC may be a changed byte, and of a stale manifest a record
        // deleted since.
        let mut missing: Vec<_> = manifest
            .entries()
            .filter(|(id, e)| {
                e.kind == kind.as_str()
                    && (parent.is_none() || e.parent.as_deref() == parent)
                    && !seen.contains(*id)
                    && manifest.trusted(id)
            })
            .collect();
        missing.sort_by(|a, b| a.0.cmp(b.0));
        for (id, e) in missing {
            out.push(Listed {
                id: id.clone(),
                procedure_id: String::new(),
                version: e.version,
                created_ms: 0,
                updated_ms: 0,
                summary: Summary::Damaged {
                    reason: DamageReason::Missing,
                },
            });
        }
        Ok(out)
    }
}

/// One record as [`Vault::list_kind`] lists it, whatever its kind.
struct Listed {
    id: String,
    procedure_id: String,
    version: u64,
    created_ms: i64,
    updated_ms: i64,
    summary: Summary,
}

pub(crate) fn load_row(conn: &Connection, id: &str) -> Result<Option<RowRead>, VaultError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {ROW_COLUMNS}, payload, format FROM records WHERE id = ?1"
        ))?
        .query_row([id], |r| Row::from_sql(r, true))
        .optional()?)
}

/// Copies the WAL into the database and truncates it to zero bytes, so frames holding
/// deleted records leave the WAL file. Called after a delete has committed, so a failure
/// here (a full disk cannot take the copied pages) does not undo or fail the delete: it
/// is logged, and the next delete's checkpoint, or closing the vault, completes it. The
/// bytes that stay meanwhile are ciphertext.
pub(crate) fn checkpoint_truncate(conn: &Connection) {
    match conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(0) => {}
        // Only another connection reading at this moment can cause this.
        Ok(_) => {
            tracing::warn!("the WAL could not be truncated after a delete: a reader was active")
        }
        Err(e) => tracing::warn!("the WAL could not be truncated after a delete: {e}"),
    }
}

/// The keys in the keychain (or another store): they are the vault's only while no
/// passphrase seals them (sealed keys mean the citizen chose the passphrase, even when a
/// switch left a copy in the keychain); new keys only for a vault without records.
/// `fresh` when they were just made.
fn keys_from_store(
    store: &dyn KeyStore,
    sealed: bool,
    records: u64,
) -> Result<(VaultKeys, bool), VaultError> {
    if sealed {
        return Err(VaultError::PassphraseRequired);
    }
    match store.load()? {
        Some(keys) => Ok((keys, false)),
        None if records > 0 => Err(VaultError::KeyMissing { records }),
        None => {
            let keys = VaultKeys::generate()?;
            store.store(&keys)?;
            Ok((keys, true))
        }
    }
}

/// Resolves the keys by the source's rules, then checks or records the key id.
fn resolve_keys(
    conn: &mut Connection,
    source: KeySource,
) -> Result<(VaultKeys, Option<Keychain>), VaultError> {
    let records = count_records(conn)?;
    let sealed = get_meta(conn, "sealed_keys")?;
    // `fresh`: keys just made for a vault without records; they replace any key id.
    // The keychain is asked before any transaction starts: it may wait for the citizen
    // to unlock it, and no write lock should be held meanwhile.
    let mut new_sealed = None;
    let (keys, keychain, fresh) = match source {
        KeySource::Keys(keys) => (keys, None, false),
        KeySource::Memory => (VaultKeys::generate()?, None, true),
        KeySource::Keychain(keychain) => {
            let (keys, fresh) = keys_from_store(&keychain, sealed.is_some(), records)?;
            (keys, Some(keychain), fresh)
        }
        KeySource::Store(store) => {
            let (keys, fresh) = keys_from_store(store.as_ref(), sealed.is_some(), records)?;
            (keys, None, fresh)
        }
        KeySource::RecoveryCode(code) => {
            let sealed = get_meta(conn, "recovery_sealed")?.ok_or(VaultError::NoRecoveryCode)?;
            let params = get_meta(conn, "recovery_params")?.unwrap_or_default();
            let salt = get_meta(conn, "recovery_salt")?.unwrap_or_default();
            let keys =
                unseal_keys(code.secret(), RECOVERY_AD, &params, &salt, &sealed).map_err(|e| {
                    match e {
                        VaultError::WrongPassphrase => VaultError::WrongRecoveryCode,
                        e => e,
                    }
                })?;
            (keys, None, false)
        }
        KeySource::Passphrase(passphrase) => match sealed {
            Some(sealed) => {
                let params = get_meta(conn, "kdf_params")?.unwrap_or_default();
                let salt = get_meta(conn, "kdf_salt")?.unwrap_or_default();
                (
                    unseal_keys(passphrase.bytes(), SEALED_AD, &params, &salt, &sealed)?,
                    None,
                    false,
                )
            }
            None if records > 0 => return Err(VaultError::KeyMissing { records }),
            None => {
                let keys = VaultKeys::generate()?;
                new_sealed = Some(seal_keys_with_passphrase(&keys, &passphrase)?);
                (keys, None, true)
            }
        },
    };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Checked again under the write lock: a record saved meanwhile by another process
    // must not be left under keys that were just replaced.
    if fresh && count_records(&tx)? > 0 {
        return Err(VaultError::KeyMissing {
            records: count_records(&tx)?,
        });
    }
    if let Some((params, salt, sealed)) = new_sealed {
        set_meta(&tx, "kdf_params", &params.to_bytes())?;
        set_meta(&tx, "kdf_salt", &salt)?;
        set_meta(&tx, "sealed_keys", &sealed)?;
    }
    let key_id = keys.key_id();
    match get_meta(&tx, "key_id")? {
        Some(stored) if stored == key_id.as_bytes() && !fresh => {}
        Some(_) if !fresh => return Err(VaultError::WrongKey),
        None if !fresh && records > 0 => {
            return Err(VaultError::Corrupt(
                "records exist but the key id is missing".into(),
            ));
        }
        _ => {
            // A vault without records takes these keys: its manifest is empty, MACed
            // with them.
            set_meta(&tx, "key_id", key_id.as_bytes())?;
            ManifestKey::new(keys.derive(Purpose::Manifest)).reset(&tx)?;
        }
    }
    tx.commit()?;
    Ok((keys, keychain))
}

/// The vault's folder, readable only by its owner where the OS has such modes.
fn create_private_dir(dir: &Path) -> Result<(), VaultError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| VaultError::io(dir, e))
}
