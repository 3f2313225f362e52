//! A full disk: the vault on a small tmpfs is filled until a save fails. The failure is
//! `DiskFull`, and every version saved before it is intact and opens, also after the
//! vault is closed and opened again.
//!
//! As root the tmpfs is mounted directly (and unmounted when the test ends, even when it
//! fails); otherwise the test runs itself again inside `unshare -rm` (a user and mount
//! namespace of its own, where mounting a tmpfs needs no privilege). If neither works,
//! the test fails saying so: it never passes without having filled a disk.

use std::path::{Path, PathBuf};
use std::process::Command;

use amtsweg_vault::{KeySource, Vault, VaultError, VaultKeys};

use crate::{keys, payload, tempdir};

const TEST: &str = "disk_full::a_full_disk_is_reported_and_every_saved_version_stays_intact";
/// Set in the re-run inside the namespace.
const IN_NAMESPACE: &str = "AMTSWEG_VAULT_TEST_IN_NAMESPACE";

/// A mounted tmpfs, unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Result<Tmpfs, String> {
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(at)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if out.status.success() {
            Ok(Tmpfs(at.to_path_buf()))
        } else {
            Err(format!(
                "mount: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            // Still busy (a file open in a failing test): detach it instead.
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

#[test]
fn a_full_disk_is_reported_and_every_saved_version_stays_intact() {
    on_small_disk(TEST, fill_and_check);
}

/// Runs `body` in a folder on a 2 MiB tmpfs: mounted here as root, or by running the
/// test `test` (its full name in this binary) again inside `unshare -rm`. Fails, never
/// passes, when neither works.
pub fn on_small_disk(test: &str, body: fn(&Path)) {
    let dir = tempdir();
    let small = dir.path().join("small");
    std::fs::create_dir(&small).expect("mount point");
    match Tmpfs::mount(&small, "2m") {
        Ok(tmpfs) => {
            body(&small);
            drop(tmpfs);
        }
        Err(direct) if std::env::var_os(IN_NAMESPACE).is_some() => {
            panic!("cannot mount a tmpfs even inside `unshare -rm`: {direct}")
        }
        Err(direct) => {
            let exe = std::env::current_exe().expect("test binary");
            let out = Command::new("unshare")
                .args(["-rm", "--"])
                .arg(exe)
                .args([test, "--exact", "--nocapture", "--test-threads=1"])
                .env(IN_NAMESPACE, "1")
                .output()
                .unwrap_or_else(|e| {
                    panic!(
                        "the disk-full test needs a small tmpfs: mounting one directly failed \
                         ({direct}) and `unshare` could not be run ({e}); run the tests as root \
                         or where user namespaces are allowed"
                    )
                });
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success()
                    && stdout.contains(&format!("test {test} ... ok"))
                    && stdout.contains("1 passed"),
                "the disk-full test failed inside `unshare -rm` (mounting directly failed: {direct}):\n\
                 --- stdout\n{stdout}\n--- stderr\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

fn fill_and_check(dir: &Path) {
    let k = keys();
    let vault = open(dir, &k);
    vault
        .save_draft(
            "d",
            "dog-tax",
            &payload("first version ", 64 * 1024),
            b"d v1",
        )
        .expect("save d");
    // New drafts until the disk is full.
    let mut saved = Vec::new();
    let full_at = loop {
        let id = format!("fill-{}", saved.len());
        match vault.save_draft(&id, "bulky-waste", &payload(&id, 100 * 1024), id.as_bytes()) {
            Ok(_) => saved.push(id),
            Err(VaultError::DiskFull) => break id,
            Err(e) => panic!("expected DiskFull after {} saves, got {e:?}", saved.len()),
        }
        assert!(
            saved.len() < 100,
            "a 2 MiB disk took 10 MB of drafts: not full?"
        );
    };
    assert!(saved.len() >= 5, "full after only {} saves", saved.len());
    assert!(
        matches!(vault.open_draft(&full_at), Err(VaultError::NotFound(_))),
        "half a draft was kept"
    );
    // A new version of an existing draft fails the same way and leaves the old one.
    let err = vault
        .save_draft(
            "d",
            "dog-tax",
            &payload("second version ", 512 * 1024),
            b"d v2",
        )
        .expect_err("full");
    assert!(matches!(err, VaultError::DiskFull), "{err:?}");
    check(&vault, &saved);
    drop(vault);
    // And after closing on a full disk and opening again.
    check(&open(dir, &k), &saved);
}

fn open(dir: &Path, k: &VaultKeys) -> Vault {
    Vault::open(dir, KeySource::Keys(k.clone())).expect("open the vault on the small disk")
}

fn check(vault: &Vault, saved: &[String]) {
    let d = vault.open_draft("d").expect("the previous version opens");
    assert_eq!(
        (d.version, d.payload.as_slice()),
        (1, payload("first version ", 64 * 1024).as_slice())
    );
    for id in saved {
        assert_eq!(
            vault
                .open_draft(id)
                .expect("saved draft")
                .payload
                .as_slice(),
            payload(id, 100 * 1024).as_slice()
        );
    }
    assert_eq!(vault.list_drafts().expect("list").len(), saved.len() + 1);
}
