//! The server's persistence: one SQLite database in the data folder (WAL, synchronous
//! FULL, like the app's vault) with installations, used assertion ids, submissions,
//! their attachments and the event log of each case.
//!
//! The decrypted data and metadata are stored: the reference server plays the
//! destination authority too (docs/municipalities.md). They are never logged.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use crate::MunicipalApiError;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS installations (
    id TEXT PRIMARY KEY, x TEXT NOT NULL, registered_at INTEGER NOT NULL, source TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS installations_by_source ON installations (source, registered_at);
CREATE TABLE IF NOT EXISTS used_assertions (jti TEXT PRIMARY KEY, expires INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS used_assertions_by_expiry ON used_assertions (expires);
CREATE TABLE IF NOT EXISTS submissions (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL UNIQUE,
    installation TEXT NOT NULL,
    destination TEXT NOT NULL,
    service_identifier TEXT NOT NULL,
    service_name TEXT NOT NULL,
    announced TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('announced', 'submitted')),
    created_at INTEGER NOT NULL,
    submitted_at INTEGER,
    encrypted_metadata TEXT,
    encrypted_data TEXT,
    metadata TEXT,
    data TEXT,
    decision TEXT);
CREATE TABLE IF NOT EXISTS attachments (
    submission TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    jwe TEXT NOT NULL,
    content BLOB,
    PRIMARY KEY (submission, id));
CREATE TABLE IF NOT EXISTS events (
    case_id TEXT NOT NULL, seq INTEGER NOT NULL, token TEXT NOT NULL, PRIMARY KEY (case_id, seq));
";

/// A submission as the API reports it.
#[derive(Debug, Clone)]
pub struct SubmissionRow {
    pub id: String,
    pub case_id: String,
    pub installation: String,
    pub destination: String,
    pub service_identifier: String,
    pub announced: Vec<String>,
    pub uploaded: Vec<String>,
    pub submitted: bool,
    pub decision: Option<String>,
}

/// What `submit` stores once everything checked out.
#[derive(Debug)]
pub struct Submitted<'a> {
    pub encrypted_metadata: &'a str,
    pub encrypted_data: &'a str,
    pub metadata: &'a str,
    pub data: &'a str,
    pub attachments: Vec<(String, Vec<u8>)>,
    pub event: &'a str,
}

#[derive(Debug)]
pub struct Store {
    db: Connection,
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

impl Store {
    pub fn open(data: &Path) -> Result<Store, MunicipalApiError> {
        std::fs::create_dir_all(data)?;
        let db = Connection::open(data.join("municipal-api.sqlite3"))?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "FULL")?;
        db.pragma_update(None, "foreign_keys", "ON")?;
        // The clerk's command writes while the server runs: wait for its lock.
        db.busy_timeout(std::time::Duration::from_secs(5))?;
        db.execute_batch(SCHEMA)?;
        Ok(Store { db })
    }

    /// A value kept across restarts (the destination's id), made on first use.
    pub fn meta_or_insert(
        &self,
        key: &str,
        make: impl FnOnce() -> String,
    ) -> Result<String, MunicipalApiError> {
        if let Some(v) = self
            .db
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?
        {
            return Ok(v);
        }
        let value = make();
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
        Ok(value)
    }

    pub fn installation_key(&self, id: &str) -> Result<Option<String>, MunicipalApiError> {
        Ok(self
            .db
            .query_row("SELECT x FROM installations WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// How many installations `source` registered since `since` (seconds).
    pub fn registrations_since(
        &self,
        source: &str,
        since: i64,
    ) -> Result<(u32, Option<i64>), MunicipalApiError> {
        Ok(self.db.query_row(
            "SELECT count(*), min(registered_at) FROM installations WHERE source = ?1 AND registered_at >= ?2",
            params![source, since],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Registers an installation; returns its registration time (seconds), and whether
    /// it is new.
    pub fn register(
        &self,
        id: &str,
        x: &str,
        source: &str,
    ) -> Result<(i64, bool), MunicipalApiError> {
        if let Some(at) = self
            .db
            .query_row(
                "SELECT registered_at FROM installations WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
        {
            return Ok((at, false));
        }
        let at = now();
        self.db.execute(
            "INSERT INTO installations (id, x, registered_at, source) VALUES (?1, ?2, ?3, ?4)",
            params![id, x, at, source],
        )?;
        Ok((at, true))
    }

    /// Records an assertion's `jti`; false when it was used before (a replay).
    pub fn use_assertion(&self, jti: &str, expires: i64) -> Result<bool, MunicipalApiError> {
        self.db.execute(
            "DELETE FROM used_assertions WHERE expires < ?1",
            [now() - 60],
        )?;
        let inserted = self.db.execute(
            "INSERT OR IGNORE INTO used_assertions (jti, expires) VALUES (?1, ?2)",
            params![jti, expires],
        )?;
        Ok(inserted == 1)
    }

    /// Forgets announced submissions older than `max_age` seconds that were never
    /// submitted (FIT-Connect lets them expire too).
    pub fn expire_announced(&self, max_age: i64) -> Result<usize, MunicipalApiError> {
        Ok(self.db.execute(
            "DELETE FROM submissions WHERE status = 'announced' AND created_at <= ?1",
            [now() - max_age],
        )?)
    }

    pub fn create_submission(
        &self,
        row: &SubmissionRow,
        service_name: &str,
    ) -> Result<(), MunicipalApiError> {
        self.db.execute(
            "INSERT INTO submissions (id, case_id, installation, destination, service_identifier,
                 service_name, announced, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'announced', ?8)",
            params![
                row.id,
                row.case_id,
                row.installation,
                row.destination,
                row.service_identifier,
                service_name,
                serde_json::to_string(&row.announced).unwrap_or_default(),
                now()
            ],
        )?;
        Ok(())
    }

    pub fn submission(&self, id: &str) -> Result<Option<SubmissionRow>, MunicipalApiError> {
        self.submission_where("id", id)
    }

    pub fn submission_by_case(
        &self,
        case_id: &str,
    ) -> Result<Option<SubmissionRow>, MunicipalApiError> {
        self.submission_where("case_id", case_id)
    }

    fn submission_where(
        &self,
        column: &str,
        value: &str,
    ) -> Result<Option<SubmissionRow>, MunicipalApiError> {
        let sql = format!(
            "SELECT id, case_id, installation, destination, service_identifier, announced, status, decision
             FROM submissions WHERE {column} = ?1"
        );
        let row = self
            .db
            .query_row(&sql, [value], |r| {
                let announced: String = r.get(5)?;
                let status: String = r.get(6)?;
                Ok(SubmissionRow {
                    id: r.get(0)?,
                    case_id: r.get(1)?,
                    installation: r.get(2)?,
                    destination: r.get(3)?,
                    service_identifier: r.get(4)?,
                    announced: serde_json::from_str(&announced).unwrap_or_default(),
                    uploaded: Vec::new(),
                    submitted: status == "submitted",
                    decision: r.get(7)?,
                })
            })
            .optional()?;
        let Some(mut row) = row else { return Ok(None) };
        let mut stmt = self
            .db
            .prepare("SELECT id FROM attachments WHERE submission = ?1 ORDER BY id")?;
        row.uploaded = stmt
            .query_map([&row.id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(Some(row))
    }

    pub fn put_attachment(
        &self,
        submission: &str,
        id: &str,
        jwe: &str,
    ) -> Result<(), MunicipalApiError> {
        self.db.execute(
            "INSERT INTO attachments (submission, id, jwe) VALUES (?1, ?2, ?3)
             ON CONFLICT (submission, id) DO UPDATE SET jwe = excluded.jwe",
            params![submission, id, jwe],
        )?;
        Ok(())
    }

    pub fn attachment_jwes(
        &self,
        submission: &str,
    ) -> Result<Vec<(String, String)>, MunicipalApiError> {
        let mut stmt = self
            .db
            .prepare("SELECT id, jwe FROM attachments WHERE submission = ?1 ORDER BY id")?;
        let rows = stmt
            .query_map([submission], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Marks the submission submitted, with everything that arrived and its first event,
    /// in one transaction; false when it already was (exactly once).
    pub fn submit(
        &mut self,
        id: &str,
        case_id: &str,
        s: &Submitted<'_>,
    ) -> Result<bool, MunicipalApiError> {
        let tx = self.db.transaction()?;
        let changed = tx.execute(
            "UPDATE submissions SET status = 'submitted', submitted_at = ?2, encrypted_metadata = ?3,
                 encrypted_data = ?4, metadata = ?5, data = ?6
             WHERE id = ?1 AND status = 'announced'",
            params![id, now(), s.encrypted_metadata, s.encrypted_data, s.metadata, s.data],
        )?;
        if changed != 1 {
            return Ok(false);
        }
        for (attachment, content) in &s.attachments {
            tx.execute(
                "UPDATE attachments SET content = ?3 WHERE submission = ?1 AND id = ?2",
                params![id, attachment, content],
            )?;
        }
        append_event(&tx, case_id, s.event)?;
        tx.commit()?;
        Ok(true)
    }

    /// Records a clerk's decision with its event; false when the case was already
    /// accepted or rejected (a case is decided once; forwarding may come first).
    pub fn decide(
        &mut self,
        case_id: &str,
        decision: &str,
        event: &str,
    ) -> Result<bool, MunicipalApiError> {
        let tx = self.db.transaction()?;
        let changed = if decision == "forward" {
            tx.execute(
                "UPDATE submissions SET decision = 'forward'
                 WHERE case_id = ?1 AND status = 'submitted' AND (decision IS NULL OR decision = 'forward')",
                [case_id],
            )?
        } else {
            tx.execute(
                "UPDATE submissions SET decision = ?2
                 WHERE case_id = ?1 AND status = 'submitted' AND (decision IS NULL OR decision = 'forward')",
                params![case_id, decision],
            )?
        };
        if changed != 1 {
            return Ok(false);
        }
        append_event(&tx, case_id, event)?;
        tx.commit()?;
        Ok(true)
    }

    pub fn events(&self, case_id: &str) -> Result<Vec<String>, MunicipalApiError> {
        let mut stmt = self
            .db
            .prepare("SELECT token FROM events WHERE case_id = ?1 ORDER BY seq")?;
        let rows = stmt
            .query_map([case_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// What arrived, decrypted: (metadata, data, attachments (id, content)).
    #[allow(clippy::type_complexity)]
    pub fn received(
        &self,
        id: &str,
    ) -> Result<Option<(String, String, Vec<(String, Vec<u8>)>)>, MunicipalApiError> {
        let row: Option<(Option<String>, Option<String>)> = self
            .db
            .query_row(
                "SELECT metadata, data FROM submissions WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((Some(metadata), Some(data))) = row else {
            return Ok(None);
        };
        let mut stmt = self
            .db
            .prepare("SELECT id, content FROM attachments WHERE submission = ?1 AND content IS NOT NULL ORDER BY id")?;
        let attachments = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(Some((metadata, data, attachments)))
    }
}

fn append_event(
    tx: &rusqlite::Transaction<'_>,
    case_id: &str,
    token: &str,
) -> Result<(), MunicipalApiError> {
    tx.execute(
        "INSERT INTO events (case_id, seq, token)
         VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM events WHERE case_id = ?1), ?2)",
        params![case_id, token],
    )?;
    Ok(())
}
