//! My details: one record, encrypted and signed like a draft, in the export file
//! (format 3), taken on import when newer, gone with "Delete all".

use amtsweg_vault::{DamageReason, Vault, VaultError};

use crate::{flip, keys, open, passphrase, tempdir};

#[test]
fn my_details_are_kept_opened_and_deleted() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    assert!(vault.open_details().expect("open").is_none());
    assert_eq!(vault.save_details(b"{\"a\":1}").expect("save"), 1);
    assert_eq!(vault.save_details(b"{\"a\":2}").expect("save"), 2);
    drop(vault);
    let vault = open(dir.path(), &k);
    assert_eq!(
        vault
            .open_details()
            .expect("open")
            .expect("kept")
            .as_slice(),
        b"{\"a\":2}"
    );
    // Not a draft: "My drafts" does not list them.
    assert!(vault.list_drafts().expect("list").is_empty());
    vault.delete_details().expect("delete");
    assert!(vault.open_details().expect("open").is_none());
    // Deleting none is no error.
    vault.delete_details().expect("delete again");
}

#[test]
fn changed_details_are_damage_not_absence() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    vault.save_details(b"kept").expect("save");
    drop(vault);
    flip(dir.path(), "details:mine", "payload", -1);
    let vault = open(dir.path(), &k);
    assert!(matches!(
        vault.open_details(),
        Err(VaultError::Damaged {
            reason: DamageReason::Signature | DamageReason::Decryption,
            ..
        })
    ));
}

#[test]
fn no_caller_may_name_a_draft_like_the_details() {
    let dir = tempdir();
    let vault = open(dir.path(), &keys());
    assert!(matches!(
        vault.save_draft("details:mine", "p", b"x", b"s"),
        Err(VaultError::InvalidInput(_))
    ));
}

#[test]
fn my_details_travel_in_the_export_and_the_newer_copy_wins() {
    let files = tempdir();
    let path = files.path().join("export.amtsweg");
    let a_dir = tempdir();
    let a = open(a_dir.path(), &keys());
    a.save_details(b"from the file").expect("save");
    // Its `updated` (ms) is at most this.
    let file_saved = now_ms();
    let report = a.export(&path, &passphrase("pw")).expect("export");
    assert!(report.details);

    // A fresh vault (a new computer, after "Delete all") takes them.
    let b_dir = tempdir();
    let b = open(b_dir.path(), &keys());
    let imported = b.import(&path, &passphrase("pw")).expect("import");
    assert!(imported.details);
    assert_eq!(
        b.open_details().expect("open").expect("kept").as_slice(),
        b"from the file"
    );

    // A vault whose details were changed after the file's keeps its own.
    let c_dir = tempdir();
    let c = open(c_dir.path(), &keys());
    let file = Vault::read_export(&path, &passphrase("pw")).expect("read");
    assert_eq!(file.details(), Some(&b"from the file"[..]));
    drop(file);
    // Saved once the clock the rule reads is past the file's copy.
    while now_ms() <= file_saved {
        std::hint::spin_loop();
    }
    c.save_details(b"local, newer").expect("save");
    let kept = c.import(&path, &passphrase("pw")).expect("import");
    assert!(!kept.details);
    assert_eq!(
        c.open_details().expect("open").expect("kept").as_slice(),
        b"local, newer"
    );
}

#[test]
fn delete_all_takes_my_details_with_it() {
    let dir = tempdir();
    let k = keys();
    let vault = open(dir.path(), &k);
    vault.save_details(b"kept").expect("save");
    vault.delete_all().expect("delete all");
    let vault = open(dir.path(), &keys());
    assert!(vault.open_details().expect("open").is_none());
}

fn now_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
}
