//! Export format 2: applications travel with their sending records and the
//! installation's seed; an import adopts the seed only where no application of this
//! vault's own reached the server, and otherwise leaves the file's handed-over ones
//! where they are (`export.rs`, "Applications and the installation").

use std::path::Path;

use amtsweg_vault::{DamageReason, Vault, VaultError, VaultKeys};

use crate::{flip, keys, open, passphrase, raw, tempdir};

const SECRET: &str = "a long export passphrase";

/// What the outbox would say of these test payloads: a sending record that starts with
/// `reached` got to the server.
fn reached(payload: &[u8]) -> bool {
    payload.starts_with(b"reached")
}

fn freeze(vault: &Vault, draft: &str, application: &str) {
    vault
        .save_draft(draft, "dog-tax", draft.as_bytes(), b"d")
        .expect("draft");
    vault
        .freeze_application(
            draft,
            application,
            "dog-tax",
            format!("{application} payload").as_bytes(),
            format!("{application} summary").as_bytes(),
        )
        .expect("freeze");
}

/// A vault with a draft and three applications: `app-sent` handed over (its sending
/// record at version 2), `app-waiting` with a sending record that did not reach the
/// server, `app-new` without one.
fn exporting_vault(dir: &Path, k: &VaultKeys) -> Vault {
    let vault = open(dir, k);
    vault
        .save_draft("draft-kept", "dog-tax", b"draft", b"draft")
        .expect("draft");
    freeze(&vault, "d1", "app-sent");
    vault.save_sending("app-sent", b"sealed").expect("v1");
    vault
        .save_sending("app-sent", b"reached, submitted")
        .expect("v2");
    freeze(&vault, "d2", "app-waiting");
    vault.save_sending("app-waiting", b"waiting").expect("v1");
    freeze(&vault, "d3", "app-new");
    vault
}

fn export(vault: &Vault, dir: &Path) -> std::path::PathBuf {
    let file = dir.join("export.amtsweg");
    let report = vault.export(&file, &passphrase(SECRET)).expect("export");
    assert_eq!(
        (report.drafts, report.applications, report.damaged.len()),
        (1, 3, 0),
        "{report:?}"
    );
    file
}

fn import(vault: &Vault, file: &Path) -> amtsweg_vault::ImportReport {
    let contents = Vault::read_export(file, &passphrase(SECRET)).expect("read");
    vault
        .import_contents_with(contents, reached)
        .expect("import")
}

fn application_ids(vault: &Vault) -> Vec<String> {
    let mut ids: Vec<String> = vault
        .list_applications()
        .expect("list")
        .into_iter()
        .map(|a| a.id)
        .collect();
    ids.sort();
    ids
}

fn sending(vault: &Vault, id: &str) -> Option<Vec<u8>> {
    vault
        .open_sending(id)
        .expect("sending")
        .map(|s| s.payload.to_vec())
}

fn seed(vault: &Vault) -> [u8; 32] {
    *vault.installation_seed().expect("seed")
}

#[test]
fn a_fresh_vault_takes_every_application_with_its_sending_and_adopts_the_installation() {
    let files = tempdir();
    let a = exporting_vault(&files.path().join("a"), &keys());
    let file = export(&a, files.path());

    let b_dir = files.path().join("b");
    let k = keys();
    let b = open(&b_dir, &k);
    let own_seed = seed(&b);
    assert_ne!(own_seed, seed(&a));

    let report = import(&b, &file);
    assert_eq!(report.imported, ["draft-kept"]);
    assert_eq!(report.applications, ["app-sent", "app-waiting", "app-new"]);
    assert!(report.kept_elsewhere.is_empty());
    assert!(report.applications_kept_local.is_empty());
    assert!(report.adopted_installation);
    assert_eq!(seed(&b), seed(&a));

    assert_eq!(application_ids(&b), ["app-new", "app-sent", "app-waiting"]);
    let app = b.open_application("app-sent").expect("application");
    assert_eq!(app.payload.as_slice(), b"app-sent payload");
    assert_eq!(app.summary.as_slice(), b"app-sent summary");
    assert_eq!(
        app.created_ms,
        a.open_application("app-sent").expect("a").created_ms
    );
    assert_eq!(
        sending(&b, "app-sent").as_deref(),
        Some(&b"reached, submitted"[..])
    );
    assert_eq!(sending(&b, "app-waiting").as_deref(), Some(&b"waiting"[..]));
    assert_eq!(sending(&b, "app-new"), None);
    // Still written once: the id is an application's here too.
    b.save_draft("d9", "dog-tax", b"d", b"d").expect("draft");
    assert!(matches!(
        b.freeze_application("d9", "app-sent", "dog-tax", b"x", b"x"),
        Err(VaultError::InvalidInput(_))
    ));
    // The outbox goes on with the steps from the file.
    assert_eq!(b.save_sending("app-waiting", b"sealed").expect("step"), 2);

    // The adopted seed is kept, encrypted, and survives a restart.
    let stored: Vec<u8> = raw(&b_dir)
        .query_row(
            "SELECT payload FROM records WHERE kind = 'installation'",
            [],
            |r| r.get(0),
        )
        .expect("the installation record");
    assert!(
        !stored.windows(32).any(|w| w == seed(&a)),
        "the seed is stored in plaintext"
    );
    drop(b);
    let b = open(&b_dir, &k);
    assert_eq!(seed(&b), seed(&a));

    // Delete all takes it with everything else: the vault's own seed again.
    b.delete_all().expect("delete all");
    let b = open(&b_dir, &k);
    assert_eq!(seed(&b), own_seed);
}

#[test]
fn a_vault_that_handed_over_its_own_keeps_its_installation_and_takes_only_the_waiting_ones() {
    let files = tempdir();
    let a = exporting_vault(&files.path().join("a"), &keys());
    let file = export(&a, files.path());

    let c = open(&files.path().join("c"), &keys());
    freeze(&c, "mine", "app-mine");
    c.save_sending("app-mine", b"reached, created")
        .expect("step");
    let own_seed = seed(&c);

    let report = import(&c, &file);
    assert!(!report.adopted_installation);
    assert_eq!(report.kept_elsewhere, ["app-sent"]);
    assert_eq!(report.applications, ["app-waiting", "app-new"]);
    assert_eq!(seed(&c), own_seed);
    assert_eq!(application_ids(&c), ["app-mine", "app-new", "app-waiting"]);
    assert!(matches!(
        c.open_application("app-sent"),
        Err(VaultError::NotFound(_))
    ));
    assert_eq!(sending(&c, "app-sent"), None);
}

#[test]
fn a_vault_with_only_waiting_applications_of_its_own_adopts() {
    let files = tempdir();
    let a = exporting_vault(&files.path().join("a"), &keys());
    let file = export(&a, files.path());

    let d = open(&files.path().join("d"), &keys());
    freeze(&d, "mine", "app-mine");
    d.save_sending("app-mine", b"waiting, network")
        .expect("step");

    let report = import(&d, &file);
    assert!(report.adopted_installation);
    assert_eq!(report.applications.len(), 3);
    assert_eq!(seed(&d), seed(&a));
}

#[test]
fn a_file_without_a_handed_over_application_is_not_adopted() {
    let files = tempdir();
    let a = open(&files.path().join("a"), &keys());
    freeze(&a, "d1", "app-waiting");
    a.save_sending("app-waiting", b"waiting").expect("step");
    let file = files.path().join("waiting.amtsweg");
    a.export(&file, &passphrase(SECRET)).expect("export");

    let b = open(&files.path().join("b"), &keys());
    let own_seed = seed(&b);
    let report = import(&b, &file);
    assert_eq!(report.applications, ["app-waiting"]);
    assert!(!report.adopted_installation);
    assert_eq!(seed(&b), own_seed);
}

#[test]
fn importing_a_file_of_this_very_installation_keeps_what_is_here() {
    let files = tempdir();
    let a = exporting_vault(&files.path().join("a"), &keys());
    let file = export(&a, files.path());
    let own_seed = seed(&a);
    a.save_sending("app-waiting", b"reached, created")
        .expect("step on");

    let report = import(&a, &file);
    assert_eq!(
        report.applications_kept_local,
        ["app-sent", "app-waiting", "app-new"]
    );
    assert!(report.applications.is_empty() && report.kept_elsewhere.is_empty());
    assert!(!report.adopted_installation);
    assert_eq!(seed(&a), own_seed);
    // The step recorded after the export stands.
    assert_eq!(
        sending(&a, "app-waiting").as_deref(),
        Some(&b"reached, created"[..])
    );
}

#[test]
fn without_the_outbox_s_judgement_every_sending_counts_as_handed_over() {
    let files = tempdir();
    let a = exporting_vault(&files.path().join("a"), &keys());
    let file = export(&a, files.path());
    let c = open(&files.path().join("c"), &keys());
    freeze(&c, "mine", "app-mine");
    c.save_sending("app-mine", b"waiting").expect("step");

    let report = c.import(&file, &passphrase(SECRET)).expect("import");
    assert!(!report.adopted_installation);
    assert_eq!(report.kept_elsewhere, ["app-sent", "app-waiting"]);
    assert_eq!(report.applications, ["app-new"]);
}

#[test]
fn an_application_with_a_damaged_sending_record_or_a_damaged_one_is_not_exported() {
    for (changed, damaged) in [
        (
            "sending:app-waiting",
            ["sending:app-waiting", "app-waiting"],
        ),
        ("app-waiting", ["app-waiting", "sending:app-waiting"]),
    ] {
        let files = tempdir();
        let a_dir = files.path().join("a");
        let a_keys = keys();
        drop(exporting_vault(&a_dir, &a_keys));
        flip(&a_dir, changed, "payload", -3);
        let a = open(&a_dir, &a_keys);
        let file = files.path().join("export.amtsweg");
        let report = a.export(&file, &passphrase(SECRET)).expect("export");
        let mut got = report.damaged.clone();
        got.sort();
        let mut want = damaged.map(str::to_owned).to_vec();
        want.sort();
        assert_eq!(got, want, "{changed}");
        assert_eq!(report.applications, 2, "{changed}");

        let b = open(&files.path().join("b"), &keys());
        import(&b, &file);
        assert_eq!(application_ids(&b), ["app-new", "app-sent"], "{changed}");
        assert_eq!(sending(&b, "app-waiting"), None);
    }
}

#[test]
fn an_adopted_seed_that_was_changed_is_damage_never_the_vault_s_own_seed() {
    let files = tempdir();
    let a = exporting_vault(&files.path().join("a"), &keys());
    let file = export(&a, files.path());
    let b_dir = files.path().join("b");
    let k = keys();
    let b = open(&b_dir, &k);
    assert!(import(&b, &file).adopted_installation);
    drop(b);

    flip(&b_dir, "installation:adopted", "payload", -2);
    let b = open(&b_dir, &k);
    assert!(matches!(
        b.installation_seed(),
        Err(VaultError::Damaged {
            reason: DamageReason::Signature,
            ..
        })
    ));
    // Removed behind the vault's back: missing, not "never adopted".
    raw(&b_dir)
        .execute("DELETE FROM records WHERE kind = 'installation'", [])
        .expect("remove");
    let b = open(&b_dir, &k);
    assert!(matches!(
        b.installation_seed(),
        Err(VaultError::Damaged {
            reason: DamageReason::Missing,
            ..
        })
    ));
}

#[test]
fn a_changed_byte_in_a_format_2_file_refuses_it_whole() {
    let files = tempdir();
    let a = exporting_vault(&files.path().join("a"), &keys());
    let file = export(&a, files.path());
    let mut bytes = std::fs::read(&file).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&file, bytes).expect("write");

    let b = open(&files.path().join("b"), &keys());
    let own_seed = seed(&b);
    assert!(matches!(
        Vault::read_export(&file, &passphrase(SECRET)),
        Err(VaultError::WrongPassphrase)
    ));
    assert!(b.import(&file, &passphrase(SECRET)).is_err());
    assert!(b.list_applications().expect("list").is_empty());
    assert_eq!(seed(&b), own_seed);
}

#[test]
fn caller_ids_may_not_take_the_installation_s_namespace() {
    let vault = open(tempdir().path(), &keys());
    assert!(matches!(
        vault.save_draft("installation:adopted", "dog-tax", b"x", b"x"),
        Err(VaultError::InvalidInput(_))
    ));
}
