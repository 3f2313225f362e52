//! A vault written by an earlier build still opens: `tests/fixtures/vault-format1.sqlite3`
//! was made by `make_the_format1_fixture` (run once, by hand) with the build named in
//! `tests/fixtures/README.md`, under the test keys beside it. Its records are in the
//! record format of that build (SHA-256 over the whole ciphertext, signed); a later
//! build that signs records differently must still verify and open these.

use std::path::{Path, PathBuf};

use amtsweg_vault::{KeySource, Vault, VaultError, VaultKeys};

use crate::{raw, readable, tempdir};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The fixture's keys: a TEST key, committed on purpose (it protects nothing but this
/// fixture). Never use it for anything else.
fn fixture_keys() -> VaultKeys {
    let text = std::fs::read_to_string(fixtures().join("vault-format1.keys.txt")).expect("keys");
    VaultKeys::from_secret_text(&text).expect("key text")
}

/// Known bytes of a given length, so the test can check the exact payloads.
fn known(tag: &str, len: usize) -> Vec<u8> {
    format!("{{\"{tag}\":\"Antwort mit Umlauten äöü\"}},")
        .bytes()
        .cycle()
        .take(len)
        .collect()
}

/// What the fixture holds: (id, version, payload, summary) of each draft still there.
fn expected_drafts() -> Vec<(&'static str, u64, Vec<u8>, Vec<u8>)> {
    vec![
        (
            "draft-a",
            1,
            known("a1", 3000),
            b"{\"title\":\"Hundesteuer\"}".to_vec(),
        ),
        (
            "draft-b",
            2,
            known("b2", 70_000),
            b"{\"title\":\"Sperrmuell 2\"}".to_vec(),
        ),
    ]
}

fn expected_attachment() -> (&'static str, &'static str, u64, Vec<u8>, Vec<u8>) {
    (
        "att-a1",
        "draft-a",
        1,
        known("att", 9000),
        b"{\"name\":\"impfpass.pdf\"}".to_vec(),
    )
}

/// Writes the fixture with the build at hand, never over the committed one. It was run
/// once, by hand, with the format-1 build (the commit is in `tests/fixtures/README.md`):
/// `cargo test -p amtsweg-vault --test it fixture::make_the_format1_fixture -- --ignored`.
#[test]
#[ignore = "writes the committed fixture; run by hand only"]
fn make_the_format1_fixture() {
    // The fixture is what the format-1 build wrote: a later build must not replace it.
    let target = fixtures().join("vault-format1.sqlite3");
    assert!(
        !target.exists(),
        "{} exists; it must stay what the format-1 build wrote",
        target.display()
    );
    let dir = tempdir();
    {
        let vault = Vault::open(dir.path(), KeySource::Keys(fixture_keys())).expect("open");
        vault
            .save_draft(
                "draft-a",
                "dog-tax",
                &known("a1", 3000),
                b"{\"title\":\"Hundesteuer\"}",
            )
            .expect("a");
        let (id, parent, _, payload, summary) = expected_attachment();
        vault
            .save_attachment(parent, id, &payload, &summary)
            .expect("attachment");
        vault
            .save_draft(
                "draft-b",
                "bulky-waste",
                &known("b1", 5000),
                b"{\"title\":\"Sperrmuell 1\"}",
            )
            .expect("b1");
        vault
            .save_draft(
                "draft-b",
                "bulky-waste",
                &known("b2", 70_000),
                b"{\"title\":\"Sperrmuell 2\"}",
            )
            .expect("b2");
        vault
            .save_draft(
                "draft-c",
                "dog-tax",
                &known("c", 100),
                b"{\"title\":\"weg\"}",
            )
            .expect("c");
        vault.delete_draft("draft-c").expect("delete c");
    }
    // The vault is closed (its connection dropped), so the WAL was checkpointed into the
    // database file; make sure, so the one file is complete.
    let db = crate::db_path(dir.path());
    let conn = rusqlite::Connection::open(&db).expect("raw");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    })
    .expect("checkpoint");
    conn.pragma_update(None, "journal_mode", "DELETE")
        .expect("leave WAL");
    drop(conn);
    assert!(!dir.path().join("vault.sqlite3-wal").exists());
    std::fs::copy(&db, target).expect("copy");
}

#[test]
fn a_vault_written_by_the_format1_build_opens_lists_and_takes_new_versions() {
    let dir = tempdir();
    std::fs::copy(
        fixtures().join("vault-format1.sqlite3"),
        crate::db_path(dir.path()),
    )
    .expect("copy fixture");
    let keys = fixture_keys();
    let vault = Vault::open(dir.path(), KeySource::Keys(keys.clone())).expect("open");
    // Opening upgraded the database (format 2) and kept every old record at record
    // format 1, to be read the old way.
    let formats = || -> Vec<(String, i64)> {
        raw(dir.path())
            .prepare("SELECT id, format FROM records ORDER BY id")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("formats")
    };
    assert_eq!(
        formats(),
        [
            ("att-a1".to_owned(), 1),
            ("draft-a".to_owned(), 1),
            ("draft-b".to_owned(), 1)
        ]
    );
    let meta_format: Vec<u8> = raw(dir.path())
        .query_row("SELECT value FROM meta WHERE key = 'format'", [], |r| {
            r.get(0)
        })
        .expect("format");
    assert_eq!(meta_format, 2i64.to_be_bytes());

    let list = vault.list_drafts().expect("list");
    let mut listed: Vec<(String, u64, Vec<u8>)> = list
        .iter()
        .map(|e| (e.id.clone(), e.version, readable(&e.summary).to_vec()))
        .collect();
    listed.sort();
    let want: Vec<(String, u64, Vec<u8>)> = expected_drafts()
        .into_iter()
        .map(|(id, v, _, s)| (id.to_owned(), v, s))
        .collect();
    assert_eq!(listed, want);

    for (id, version, payload, summary) in expected_drafts() {
        let d = vault.open_draft(id).expect("open draft");
        assert_eq!(d.version, version, "{id}");
        assert_eq!(d.payload.as_slice(), payload.as_slice(), "{id}");
        assert_eq!(d.summary.as_slice(), summary.as_slice(), "{id}");
    }
    assert!(matches!(
        vault.open_draft("draft-c"),
        Err(VaultError::NotFound(_))
    ));

    let (att_id, parent, version, payload, summary) = expected_attachment();
    let atts = vault.list_attachments(parent).expect("attachments");
    assert_eq!(atts.len(), 1);
    assert_eq!((atts[0].id.as_str(), atts[0].version), (att_id, version));
    assert_eq!(readable(&atts[0].summary), summary.as_slice());
    let a = vault.open_attachment(att_id).expect("open attachment");
    assert_eq!(a.draft_id, parent);
    assert_eq!(a.payload.as_slice(), payload.as_slice());

    // A new version written by this build beside the old records, then read back by a
    // new connection: old and new records live side by side.
    let new = known("b3", 64 * 1024);
    assert_eq!(
        vault
            .save_draft(
                "draft-b",
                "bulky-waste",
                &new,
                b"{\"title\":\"Sperrmuell 3\"}"
            )
            .expect("save"),
        3
    );
    drop(vault);
    let vault = Vault::open(dir.path(), KeySource::Keys(keys)).expect("reopen");
    assert_eq!(
        formats(),
        [
            ("att-a1".to_owned(), 1),
            ("draft-a".to_owned(), 1),
            ("draft-b".to_owned(), 2)
        ]
    );
    let b = vault.open_draft("draft-b").expect("open b3");
    assert_eq!((b.version, b.payload.as_slice()), (3, new.as_slice()));
    let a = vault.open_draft("draft-a").expect("open a");
    assert_eq!(a.payload.as_slice(), known("a1", 3000).as_slice());
    assert_eq!(
        vault
            .open_attachment(att_id)
            .expect("att")
            .payload
            .as_slice(),
        payload.as_slice()
    );
    assert!(
        vault
            .list_drafts()
            .expect("list")
            .iter()
            .all(|e| matches!(e.summary, amtsweg_vault::Summary::Readable(_)))
    );
}

#[test]
fn an_old_record_relabelled_as_the_new_format_is_damage() {
    let dir = tempdir();
    std::fs::copy(
        fixtures().join("vault-format1.sqlite3"),
        crate::db_path(dir.path()),
    )
    .expect("copy fixture");
    // Opened once, so the database has its record formats.
    drop(Vault::open(dir.path(), KeySource::Keys(fixture_keys())).expect("open"));
    raw(dir.path())
        .execute("UPDATE records SET format = 2 WHERE id = 'draft-a'", [])
        .expect("relabel");
    let vault = Vault::open(dir.path(), KeySource::Keys(fixture_keys())).expect("reopen");
    assert!(matches!(
        vault.open_draft("draft-a"),
        Err(VaultError::Damaged {
            reason: amtsweg_vault::DamageReason::Signature,
            ..
        })
    ));
    assert_eq!(vault.open_draft("draft-b").expect("b").version, 2);
}
