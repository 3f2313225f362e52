//! Moving and leaving: export, delete everything, import elsewhere.

use std::collections::BTreeMap;
use std::path::Path;

use amtsweg_vault::{DamageReason, ExportReport, ImportReport, Vault, VaultError};
use rusqlite::OptionalExtension;

use crate::{flip, keys, open, passphrase, payload, raw, tempdir};

/// Everything a draft is, as opened: (procedure, created, updated, payload, summary,
/// attachments by id with (created, updated, payload, summary)).
type Snapshot = BTreeMap<
    String,
    (
        String,
        i64,
        i64,
        Vec<u8>,
        Vec<u8>,
        BTreeMap<String, (i64, i64, Vec<u8>, Vec<u8>)>,
    ),
>;

fn snapshot(vault: &Vault) -> Snapshot {
    let mut out = BTreeMap::new();
    for entry in vault.list_drafts().expect("list") {
        let d = vault.open_draft(&entry.id).expect("open draft");
        let mut atts = BTreeMap::new();
        for a in vault.list_attachments(&d.id).expect("list attachments") {
            let a = vault.open_attachment(&a.id).expect("open attachment");
            atts.insert(
                a.id.clone(),
                (
                    a.created_ms,
                    a.updated_ms,
                    a.payload.to_vec(),
                    a.summary.to_vec(),
                ),
            );
        }
        out.insert(
            d.id.clone(),
            (
                d.procedure_id.clone(),
                d.created_ms,
                d.updated_ms,
                d.payload.to_vec(),
                d.summary.to_vec(),
                atts,
            ),
        );
    }
    out
}

fn filled(dir: &Path) -> Vault {
    let vault = open(dir, &keys());
    vault
        .save_draft(
            "dog",
            "dog-tax",
            &payload("Bello ", 64 * 1024),
            b"Hundesteuer: Bello",
        )
        .expect("save");
    vault
        .save_draft(
            "dog",
            "dog-tax",
            &payload("Bello, Dackel ", 64 * 1024),
            b"Hundesteuer: Bello (2)",
        )
        .expect("save");
    vault
        .save_draft(
            "parking",
            "resident-parking",
            &payload("B-AB 123 ", 4096),
            b"Anwohnerparken",
        )
        .expect("save");
    vault
        .save_draft("empty", "bulky-waste", b"", b"")
        .expect("save");
    vault
        .save_attachment(
            "dog",
            "vaccination",
            &payload("%PDF-1.7 ", 200_000),
            b"impfpass.pdf",
        )
        .expect("save");
    vault
        .save_attachment("dog", "photo", &payload("JFIF", 30_000), b"bello.jpg")
        .expect("save");
    vault
}

#[test]
fn export_delete_all_import_gives_back_every_draft_identical() {
    let old_dir = tempdir();
    let files = tempdir();
    let vault = filled(old_dir.path());
    let before = snapshot(&vault);
    assert_eq!(before.len(), 3);
    let export_path = files.path().join("drafts.amtsweg");
    let report = vault
        .export(&export_path, &passphrase("umzug 2026"))
        .expect("export");
    assert_eq!(
        report,
        ExportReport {
            drafts: 3,
            attachments: 2,
            applications: 0,
            damaged: vec![],
            details: false,
        }
    );
    let exported = std::fs::read(&export_path).expect("the export");

    let removed = vault.delete_all().expect("delete all");
    assert!(!removed.contains(&export_path), "{removed:?}");
    assert_eq!(
        std::fs::read(&export_path).expect("the export is the citizen's and stays"),
        exported
    );
    assert!(
        std::fs::read_dir(old_dir.path())
            .expect("dir")
            .next()
            .is_none(),
        "database files left"
    );

    // Another installation: other keys, other folder.
    let new_dir = tempdir();
    let other = open(new_dir.path(), &keys());
    let report = other
        .import(&export_path, &passphrase("umzug 2026"))
        .expect("import");
    assert_eq!(report.kept_local, Vec::<String>::new());
    assert_eq!(report.skipped_attachments, Vec::<String>::new());
    let mut imported = report.imported.clone();
    imported.sort();
    assert_eq!(imported, ["dog", "empty", "parking"]);
    assert_eq!(snapshot(&other), before);
    // Stored under the new installation's keys: reopening with them verifies everything.
    drop(other);
    assert!(export_path.exists(), "import must not consume the file");
}

#[test]
fn the_export_file_holds_no_plaintext_and_opens_only_with_its_passphrase() {
    let dir = tempdir();
    let files = tempdir();
    let vault = filled(dir.path());
    let path = files.path().join("export.amtsweg");
    vault.export(&path, &passphrase("right")).expect("export");
    let bytes = std::fs::read(&path).expect("read");
    assert_eq!(&bytes[..8], b"AMTSWEGX");
    for needle in [
        &b"Bello"[..],
        b"Hundesteuer",
        b"impfpass",
        b"dog-tax",
        b"B-AB",
    ] {
        assert!(!crate::secure_delete::contains(&bytes, needle));
    }
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(files.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["export.amtsweg"]);

    let target = open(tempdir().path(), &keys());
    assert!(matches!(
        target.import(&path, &passphrase("wrong")),
        Err(VaultError::WrongPassphrase)
    ));
    // A changed byte anywhere after the magic fails the same way: the header is bound.
    for index in [9, 20, 40, bytes.len() / 2, bytes.len() - 1] {
        let mut changed = bytes.clone();
        changed[index] ^= 1;
        let p = files.path().join("changed.amtsweg");
        std::fs::write(&p, &changed).expect("write");
        let err = target
            .import(&p, &passphrase("right"))
            .expect_err("changed file");
        assert!(
            matches!(
                err,
                VaultError::WrongPassphrase | VaultError::BadExportFile(_)
            ),
            "{index}: {err:?}"
        );
    }
    let p = files.path().join("short.amtsweg");
    std::fs::write(&p, &bytes[..60]).expect("write");
    assert!(matches!(
        target.import(&p, &passphrase("right")),
        Err(VaultError::BadExportFile(_))
    ));
    std::fs::write(
        &p,
        b"PK\x03\x04 not ours at all, but long enough to have a header of sixty-four bytes",
    )
    .expect("write");
    assert!(matches!(
        target.import(&p, &passphrase("right")),
        Err(VaultError::BadExportFile(_))
    ));
    assert!(
        target.list_drafts().expect("list").is_empty(),
        "a refused import changed the vault"
    );
    assert!(target.import(&path, &passphrase("right")).is_ok());
}

#[test]
fn on_import_the_later_changed_copy_of_a_draft_wins() {
    let files = tempdir();
    let path = files.path().join("export.amtsweg");
    let a_dir = tempdir();
    let a = open(a_dir.path(), &keys());
    a.save_draft("older-here", "p", b"file copy", b"f")
        .expect("save");
    a.save_attachment("older-here", "att-file", b"file attachment", b"f")
        .expect("save");
    a.save_draft("newer-here", "p", b"file copy", b"f")
        .expect("save");
    a.save_attachment("newer-here", "att-kept", b"file attachment", b"f")
        .expect("save");
    let b_dir = tempdir();
    let b = open(b_dir.path(), &keys());
    b.save_draft("older-here", "p", b"local copy", b"l")
        .expect("save");
    b.save_attachment("older-here", "att-local", b"local attachment", b"l")
        .expect("save");
    // Later copies by the clock the rule reads (`updated`, in ms): saved again until
    // the clock has moved on, so the test does not depend on how fast this machine is.
    let updated = |v: &Vault, id: &str| v.open_draft(id).expect("open").updated_ms;
    let file_newer = updated(&a, "newer-here");
    b.save_draft("newer-here", "p", b"local copy", b"l")
        .expect("save");
    while updated(&b, "newer-here") <= file_newer {
        b.save_draft("newer-here", "p", b"local copy", b"l")
            .expect("save");
    }
    let local_older = updated(&b, "older-here");
    while updated(&a, "older-here") <= local_older {
        a.save_draft("older-here", "p", b"file copy 2", b"f2")
            .expect("save");
    }
    a.export(&path, &passphrase("pw")).expect("export");

    let report = b.import(&path, &passphrase("pw")).expect("import");
    assert_eq!(
        report,
        ImportReport {
            imported: vec!["older-here".into()],
            kept_local: vec!["newer-here".into()],
            skipped_attachments: vec!["att-kept".into()],
            ..ImportReport::default()
        }
    );
    let taken = b.open_draft("older-here").expect("open");
    assert_eq!(taken.payload.as_slice(), b"file copy 2");
    // The file's draft came with the file's attachments only.
    let atts: Vec<_> = b
        .list_attachments("older-here")
        .expect("list")
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(atts, ["att-file"]);
    assert_eq!(
        b.open_draft("newer-here").expect("open").payload.as_slice(),
        b"local copy"
    );
    // Versions continue locally, and the draft is sound under b's keys.
    assert!(taken.version >= 2);
}

#[test]
fn damaged_drafts_are_left_out_of_an_export_and_named() {
    let dir = tempdir();
    let files = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    vault.save_draft("good", "p", b"good", b"g").expect("save");
    vault.save_draft("bad", "p", b"bad", b"b").expect("save");
    vault
        .save_attachment("bad", "bad-att", b"att", b"a")
        .expect("save");
    flip(dir.path(), "bad", "payload", 0);
    let report = vault
        .export(&files.path().join("x.amtsweg"), &passphrase("pw"))
        .expect("export");
    assert_eq!(report.drafts, 1);
    assert_eq!(report.attachments, 0);
    assert_eq!(report.damaged, ["bad", "bad-att"]);
    let target = open(tempdir().path(), &keys());
    target
        .import(&files.path().join("x.amtsweg"), &passphrase("pw"))
        .expect("import");
    assert_eq!(target.list_drafts().expect("list").len(), 1);
    assert!(matches!(
        vault.open_draft("bad"),
        Err(VaultError::Damaged {
            reason: DamageReason::Signature,
            ..
        })
    ));
}

/// The list of export paths builds before issue 14 kept in `meta`, if there is one.
fn export_list(dir: &Path) -> Option<Vec<u8>> {
    raw(dir)
        .query_row("SELECT value FROM meta WHERE key = 'exports'", [], |r| {
            r.get(0)
        })
        .optional()
        .expect("meta")
}

#[test]
fn delete_all_leaves_every_export_and_the_vault_forgets_where_they_went() {
    let dir = tempdir();
    let files = tempdir();
    let vault = filled(dir.path());
    let first = files.path().join("first.amtsweg");
    let second = files.path().join("second.amtsweg");
    vault.export(&first, &passphrase("pw")).expect("export");
    vault.export(&second, &passphrase("pw")).expect("export");
    let listed = export_list(dir.path());
    assert_eq!(listed, None, "where the exports went is recorded nowhere");
    // A WAL and a -shm exist while the vault is open.
    assert!(dir.path().join("vault.sqlite3-wal").exists());
    let removed = vault.delete_all().expect("delete all");
    assert!(first.exists() && second.exists(), "an export was deleted");
    for name in ["vault.sqlite3", "vault.sqlite3-wal", "vault.sqlite3-shm"] {
        assert!(!dir.path().join(name).exists(), "{name} left");
    }
    assert!(
        removed.contains(&dir.path().join("vault.sqlite3")),
        "{removed:?}"
    );
    assert!(!removed.contains(&first) && !removed.contains(&second));
}

#[test]
fn opening_forgets_the_export_paths_an_earlier_build_recorded() {
    let dir = tempdir();
    let files = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    vault
        .save_draft("dog", "dog-tax", b"Bello", b"Hundesteuer: Bello")
        .expect("save");
    let export = files.path().join("e.amtsweg");
    vault.export(&export, &passphrase("pw")).expect("export");
    drop(vault);
    // What builds before issue 14 wrote: a plaintext list of where exports went.
    let list = serde_json::to_vec(&[export.to_string_lossy()]).expect("json");
    raw(dir.path())
        .execute(
            "INSERT INTO meta (key, value) VALUES ('exports', ?1)",
            [list],
        )
        .expect("an earlier build's list");
    let vault = open(dir.path(), &k);
    let listed = export_list(dir.path());
    assert_eq!(listed, None, "the list is forgotten at opening");
    vault.delete_all().expect("delete all");
    assert!(
        export.exists(),
        "an export an earlier build listed was deleted"
    );
}

#[test]
fn delete_all_at_works_without_the_keys() {
    let dir = tempdir();
    let files = tempdir();
    let vault = filled(dir.path());
    let export = files.path().join("e.amtsweg");
    vault.export(&export, &passphrase("pw")).expect("export");
    drop(vault);
    let removed = Vault::delete_all_at(dir.path(), None).expect("delete all");
    assert!(export.exists(), "the citizen's export stays");
    assert!(std::fs::read_dir(dir.path()).expect("dir").next().is_none());
    assert!(
        removed.contains(&dir.path().join("vault.sqlite3")),
        "{removed:?}"
    );
}

#[test]
fn a_passphrase_with_accents_opens_the_export_however_the_accents_were_typed() {
    let dir = tempdir();
    let files = tempdir();
    let vault = filled(dir.path());
    let before = snapshot(&vault);
    let path = files.path().join("export.amtsweg");
    // "Bärenstraße Ünal" with precomposed letters (as most keyboards type them)…
    let composed = "B\u{e4}renstra\u{df}e \u{dc}nal";
    vault.export(&path, &passphrase(composed)).expect("export");
    // …opened with "a" + U+0308 and "U" + U+0308 (as macOS and some input methods do).
    let decomposed = "Ba\u{308}renstra\u{df}e U\u{308}nal";
    assert_ne!(composed, decomposed);
    let target = open(tempdir().path(), &keys());
    target
        .import(&path, &passphrase(decomposed))
        .expect("the same passphrase, typed with combining accents");
    assert_eq!(snapshot(&target), before);
    // A different letter is still a different passphrase.
    let other = open(tempdir().path(), &keys());
    assert!(matches!(
        other.import(&path, &passphrase("Ba\u{308}renstra\u{df}e U\u{308}nal!")),
        Err(VaultError::WrongPassphrase)
    ));
}
