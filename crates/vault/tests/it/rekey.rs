//! Where the keys are kept, changed while drafts exist, and the recovery code: every
//! move keeps the drafts readable, and a kill at any step of a move leaves the old or
//! the new keys working (never neither), checked by killing a child at each named step.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use amtsweg_vault::failpoints::FileKeyStore;
use amtsweg_vault::{KeySource, KeyStore, RecoveryCode, StoredVault, Vault, VaultError};

use crate::{CHEAP, passphrase, payload, tempdir};

/// Three drafts, one with an attachment: what every test expects back.
fn fill(vault: &Vault) {
    for n in 0..3 {
        let id = format!("draft-{n}");
        vault
            .save_draft(&id, "dog-tax", &payload(&id, 3000 + n), id.as_bytes())
            .expect("save");
    }
    vault
        .save_attachment("draft-0", "photo", &payload("photo", 9000), b"photo.jpg")
        .expect("attachment");
}

/// Every draft and the attachment open with their exact bytes.
fn all_there(vault: &Vault, context: &str) {
    for n in 0..3 {
        let id = format!("draft-{n}");
        let draft = vault
            .open_draft(&id)
            .unwrap_or_else(|e| panic!("{context}: {id}: {e}"));
        assert!(*draft.payload == payload(&id, 3000 + n), "{context}: {id}");
    }
    let photo = vault
        .open_attachment("photo")
        .unwrap_or_else(|e| panic!("{context}: photo: {e}"));
    assert!(*photo.payload == payload("photo", 9000), "{context}: photo");
}

fn store_in(dir: &Path) -> FileKeyStore {
    FileKeyStore(dir.join("keychain-entry"))
}

fn from_store(dir: &Path) -> Result<Vault, VaultError> {
    Vault::open(dir, KeySource::Store(Box::new(store_in(dir))))
}

fn with_passphrase(dir: &Path, which: &str) -> Result<Vault, VaultError> {
    Vault::open(
        dir,
        KeySource::Passphrase(passphrase(&format!("{which} passphrase 1"))),
    )
}

#[test]
fn the_recovery_code_brings_the_drafts_back_after_the_keychain_lost_the_keys() {
    let dir = tempdir();
    let vault = from_store(dir.path()).expect("first start");
    fill(&vault);
    assert!(!vault.has_recovery_code().expect("meta"));
    let code = vault.set_recovery_code(CHEAP).expect("recovery code");
    assert!(vault.has_recovery_code().expect("meta"));
    drop(vault);

    // The keychain was reset: the drafts cannot be opened, and nothing new is made.
    store_in(dir.path()).delete().expect("reset the keychain");
    assert!(matches!(
        from_store(dir.path()),
        Err(VaultError::KeyMissing { records: 4 })
    ));
    assert_eq!(
        Vault::inspect(dir.path()).expect("inspect"),
        Some(StoredVault {
            records: 4,
            keys_sealed: false,
            recovery_code: true
        })
    );

    // Typed back loosely, the code opens the drafts; the keys go back to the keychain.
    let typed = code.to_display().to_lowercase().replace('-', " ");
    let code = RecoveryCode::parse(&typed).expect("typed code");
    let recovered =
        Vault::open(dir.path(), KeySource::RecoveryCode(code)).expect("open with the code");
    all_there(&recovered, "recovered");
    recovered
        .keep_keys_in(&store_in(dir.path()))
        .expect("keys back in the keychain");
    drop(recovered);
    all_there(&from_store(dir.path()).expect("keychain again"), "reopened");
}

#[test]
fn only_the_newest_recovery_code_opens_and_a_vault_without_one_says_so() {
    let dir = tempdir();
    let vault = from_store(dir.path()).expect("open");
    fill(&vault);
    let other = tempdir();
    assert!(matches!(
        Vault::open(
            other.path(),
            KeySource::RecoveryCode(RecoveryCode::generate().expect("code"))
        ),
        Err(VaultError::NoRecoveryCode)
    ));
    let old = vault.set_recovery_code(CHEAP).expect("first code");
    let new = vault.set_recovery_code(CHEAP).expect("second code");
    drop(vault);
    assert!(matches!(
        Vault::open(dir.path(), KeySource::RecoveryCode(old)),
        Err(VaultError::WrongRecoveryCode)
    ));
    let fresh = RecoveryCode::generate().expect("unrelated code");
    assert!(matches!(
        Vault::open(dir.path(), KeySource::RecoveryCode(fresh)),
        Err(VaultError::WrongRecoveryCode)
    ));
    all_there(
        &Vault::open(dir.path(), KeySource::RecoveryCode(new)).expect("newest code"),
        "newest code",
    );
}

#[test]
fn a_forgotten_passphrase_is_replaced_with_the_recovery_code() {
    let dir = tempdir();
    let vault = with_passphrase(dir.path(), "old").expect("passphrase vault");
    fill(&vault);
    let code = vault.set_recovery_code(CHEAP).expect("code");
    drop(vault);
    let recovered = Vault::open(dir.path(), KeySource::RecoveryCode(code)).expect("recover");
    recovered
        .seal_keys_under(&passphrase("new passphrase 1"), None)
        .expect("new passphrase");
    drop(recovered);
    assert!(matches!(
        with_passphrase(dir.path(), "old"),
        Err(VaultError::WrongPassphrase)
    ));
    all_there(&with_passphrase(dir.path(), "new").expect("new"), "new");
}

#[test]
fn drafts_move_from_the_keychain_to_a_passphrase_and_back() {
    let dir = tempdir();
    let store = store_in(dir.path());
    let vault = from_store(dir.path()).expect("keychain vault");
    fill(&vault);
    let key_id = vault.key_id();
    vault
        .seal_keys_under(&passphrase("new passphrase 1"), Some(&store))
        .expect("to a passphrase");
    drop(vault);
    // The keychain's copy is gone; the keychain no longer opens the vault.
    assert!(store.load().expect("load").is_none());
    assert!(matches!(
        from_store(dir.path()),
        Err(VaultError::PassphraseRequired)
    ));
    let vault = with_passphrase(dir.path(), "new").expect("passphrase");
    assert_eq!(vault.key_id(), key_id, "the records are not re-keyed");
    all_there(&vault, "passphrase");
    vault
        .check_passphrase(&passphrase("new passphrase 1"))
        .expect("current passphrase");
    assert!(matches!(
        vault.check_passphrase(&passphrase("old passphrase 1")),
        Err(VaultError::WrongPassphrase)
    ));

    vault.keep_keys_in(&store).expect("back to the keychain");
    assert!(!vault.keys_sealed().expect("meta"));
    drop(vault);
    assert!(matches!(
        with_passphrase(dir.path(), "new"),
        Err(VaultError::KeyMissing { .. })
    ));
    all_there(&from_store(dir.path()).expect("keychain"), "keychain again");
}

#[test]
fn a_new_passphrase_replaces_the_old_one() {
    let dir = tempdir();
    let vault = with_passphrase(dir.path(), "old").expect("passphrase vault");
    fill(&vault);
    vault
        .seal_keys_under(&passphrase("new passphrase 1"), None)
        .expect("change");
    drop(vault);
    assert!(matches!(
        with_passphrase(dir.path(), "old"),
        Err(VaultError::WrongPassphrase)
    ));
    all_there(&with_passphrase(dir.path(), "new").expect("new"), "new");
}

/// The child's steps of each move, in order; `None` lets it finish.
const MOVES: [(&str, &[&str]); 3] = [
    (
        "to-passphrase",
        &[
            "rekey:sealed",
            "rekey:before-commit",
            "rekey:after-commit",
            "rekey:old-copy-removed",
        ],
    ),
    (
        "to-store",
        &["rekey:stored", "rekey:before-commit", "rekey:after-commit"],
    ),
    (
        "new-passphrase",
        &["rekey:sealed", "rekey:before-commit", "rekey:after-commit"],
    ),
];

/// Starts a vault as the move expects it (keys in the store, or under the old
/// passphrase) with the drafts of [`fill`].
fn prepare(dir: &Path, step: &str) {
    let vault = match step {
        "to-passphrase" => from_store(dir),
        _ => with_passphrase(dir, "old"),
    }
    .expect("prepare");
    fill(&vault);
}

/// Runs the child until it stops at `failpoint` (or finishes), then kills it.
fn run_child(dir: &Path, step: &str, failpoint: Option<&str>) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_amtsweg-vault-test-child"));
    command.arg("rekey").arg(dir).arg(store_in(dir).0).arg(step);
    if let Some(name) = failpoint {
        command.arg(name).arg("1");
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the child");
    let stdout = child.stdout.take().expect("stdout");
    // The first line is where the child stopped: blocked at the failpoint, or done.
    let line = BufReader::new(stdout)
        .lines()
        .next()
        .and_then(Result::ok)
        .unwrap_or_default();
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    line
}

/// Which keys open the vault now: "store", "old", "new". Each that opens must show
/// every draft.
fn working_keys(dir: &Path, context: &str) -> Vec<&'static str> {
    let mut working = Vec::new();
    match from_store(dir) {
        Ok(vault) => {
            all_there(&vault, context);
            working.push("store");
        }
        Err(VaultError::PassphraseRequired | VaultError::KeyMissing { .. }) => {}
        Err(e) => panic!("{context}: the store: {e}"),
    }
    for which in ["old", "new"] {
        match with_passphrase(dir, which) {
            Ok(vault) => {
                all_there(&vault, context);
                working.push(which);
            }
            Err(VaultError::WrongPassphrase | VaultError::KeyMissing { .. }) => {}
            Err(e) => panic!("{context}: {which} passphrase: {e}"),
        }
    }
    working
}

#[test]
fn a_kill_at_any_step_of_a_move_leaves_the_old_or_the_new_keys_working() {
    for (step, failpoints) in MOVES {
        let (old, new) = match step {
            "to-passphrase" => ("store", "new"),
            "to-store" => ("old", "store"),
            _ => ("old", "new"),
        };
        for failpoint in failpoints.iter().copied().map(Some).chain([None]) {
            let context = format!("{step} killed at {failpoint:?}");
            let dir = tempdir();
            prepare(dir.path(), step);
            let line = run_child(dir.path(), step, failpoint);
            let expected_line = failpoint.map_or("MOVED".to_owned(), |f| format!("FAILPOINT {f}"));
            assert_eq!(line, expected_line, "{context}");
            let working = working_keys(dir.path(), &context);
            assert_eq!(
                working.len(),
                1,
                "{context}: exactly one place is in charge: {working:?}"
            );
            let committed = matches!(
                failpoint,
                None | Some("rekey:after-commit" | "rekey:old-copy-removed")
            );
            assert_eq!(working, [if committed { new } else { old }], "{context}");
            // Whatever was left, the move can be made again and completes.
            if !committed {
                let line = run_child(dir.path(), step, None);
                assert_eq!(line, "MOVED", "{context}: again");
                assert_eq!(
                    working_keys(dir.path(), &context),
                    [new],
                    "{context}: again"
                );
            }
            if step == "to-passphrase" && committed {
                // The keychain's copy is removed by the move, or was a leftover that the
                // vault no longer counts (sealed keys win) until the next move removes it.
                let leftover = store_in(dir.path()).load().expect("store").is_some();
                assert_eq!(
                    leftover,
                    failpoint == Some("rekey:after-commit"),
                    "{context}: the keychain copy"
                );
            }
        }
    }
}

#[test]
fn an_unreadable_vault_is_set_aside_whole_and_a_new_one_starts_empty() {
    let dir = tempdir();
    let keys = crate::keys();
    let vault = crate::open(dir.path(), &keys);
    fill(&vault);
    // Still open elsewhere would be refused; closed, as when its key is lost.
    drop(vault);
    let aside = Vault::set_aside_at(dir.path()).expect("set aside");
    for name in ["vault.sqlite3", "vault.sqlite3-wal", "vault.sqlite3-shm"] {
        assert!(!dir.path().join(name).exists(), "{name} is left");
    }
    // A new vault in the folder is empty, whatever keys it gets.
    let fresh = from_store(dir.path()).expect("a new vault");
    assert!(fresh.list_drafts().expect("list").is_empty());
    drop(fresh);
    // The copy set aside still opens with its own keys, with every draft.
    let copy = tempdir();
    std::fs::copy(&aside, copy.path().join("vault.sqlite3")).expect("copy");
    all_there(&crate::open(copy.path(), &keys), "set aside");
}
