//! Kiosk mode writes nothing to disk: a child process runs an in-memory vault with its
//! home, data, config, cache, runtime and temp folders all pointing into one empty
//! folder (its working folder too), and the folder is still empty afterwards.

use std::process::Command;

use crate::tempdir;

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(files_under(&path));
        }
        out.push(path);
    }
    out
}

#[test]
fn an_in_memory_vault_writes_nothing_to_disk() {
    let root = tempdir();
    let p = root.path();
    let output = Command::new(env!("CARGO_BIN_EXE_amtsweg-vault-test-child"))
        .arg("kiosk")
        .current_dir(p)
        .env_clear()
        .env("HOME", p)
        .env("XDG_DATA_HOME", p)
        .env("XDG_CONFIG_HOME", p)
        .env("XDG_CACHE_HOME", p)
        .env("XDG_STATE_HOME", p)
        .env("XDG_RUNTIME_DIR", p)
        .env("TMPDIR", p)
        .env("SQLITE_TMPDIR", p)
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.trim() == "KIOSK OK 4",
        "child failed: {}\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(files_under(p), Vec::<std::path::PathBuf>::new());
}

#[test]
fn in_memory_vaults_share_nothing() {
    let a = amtsweg_vault::Vault::in_memory().expect("a");
    let b = amtsweg_vault::Vault::in_memory().expect("b");
    a.save_draft("d", "p", b"a's", b"s").expect("save");
    assert_ne!(a.key_id(), b.key_id());
    assert!(b.list_drafts().expect("list").is_empty());
    assert_eq!(a.dir(), None);
    assert!(a.delete_all().expect("end session").is_empty());
}
