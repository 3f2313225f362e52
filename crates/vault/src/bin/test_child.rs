//! The child process of the vault's crash and kiosk tests (built only with the
//! `failpoints` feature). Its protocol is lines on stdout:
//!
//! - `crash-loop DIR FIRST-SEQ [FAILPOINT NTH]`: reads the vault keys' secret text from
//!   stdin, then saves draft `d{seq % 3}` version `seq` for seq = FIRST-SEQ, … printing
//!   `SAVING id seq` before and `ACK id seq` after each completed save, until killed.
//!   With a failpoint armed, prints `FAILPOINT name` there and blocks.
//! - `rekey DIR STORE-FILE MOVE [FAILPOINT NTH]`: opens the vault and moves its keys:
//!   `to-passphrase` (from the key store in STORE-FILE to the passphrase `new passphrase
//!   1`), `to-store` (from the passphrase `old passphrase 1` to the store) or
//!   `new-passphrase` (from `old passphrase 1` to `new passphrase 1`); prints `MOVED`.
//!   With a failpoint armed, prints `FAILPOINT name` there and blocks.
//! - `freeze DIR DRAFT APPLICATION [FAILPOINT NTH]`: reads the keys' secret text from
//!   stdin, prints `FREEZING`, freezes draft DRAFT into application APPLICATION
//!   (procedure `dog-tax`, payload `test_payload(APPLICATION, 1)`, summary APPLICATION)
//!   and prints `FROZEN`. With a failpoint armed, prints `FAILPOINT name` there and
//!   blocks.
//! - `kiosk`: an in-memory vault; saves, lists and opens drafts and an attachment,
//!   checks every round trip and prints `KIOSK OK n`.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use amtsweg_vault::{KdfParams, KeySource, Passphrase, Summary, Vault, VaultKeys, failpoints};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("crash-loop") => crash_loop(&args[1..]),
        Some("rekey") => rekey(&args[1..]),
        Some("freeze") => freeze(&args[1..]),
        Some("kiosk") => kiosk(),
        _ => Err(
            "usage: crash-loop DIR FIRST-SEQ [FAILPOINT NTH] | rekey DIR STORE MOVE [FAILPOINT NTH] \
             | freeze DIR DRAFT APPLICATION [FAILPOINT NTH] | kiosk"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("test child: {e}");
            ExitCode::FAILURE
        }
    }
}

fn crash_loop(args: &[String]) -> Result<(), String> {
    let dir = args.first().ok_or("DIR missing")?;
    let first: u64 = args
        .get(1)
        .ok_or("FIRST-SEQ missing")?
        .parse()
        .map_err(|e| format!("{e}"))?;
    if let (Some(name), Some(nth)) = (args.get(2), args.get(3)) {
        failpoints::arm(name, nth.parse().map_err(|e| format!("{e}"))?);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    let keys = VaultKeys::from_secret_text(&line).map_err(|e| e.to_string())?;
    let vault = Vault::open(dir.as_ref(), KeySource::Keys(keys)).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    // Bounded, so a child whose parent died does not run forever.
    for seq in first..first + 100_000 {
        let id = format!("d{}", seq % 3);
        writeln!(out, "SAVING {id} {seq}")
            .and_then(|()| out.flush())
            .map_err(|e| e.to_string())?;
        let payload = failpoints::test_payload(&id, seq);
        vault
            .save_draft(&id, "dog-tax", &payload, format!("{id}:{seq}").as_bytes())
            .map_err(|e| e.to_string())?;
        writeln!(out, "ACK {id} {seq}")
            .and_then(|()| out.flush())
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn freeze(args: &[String]) -> Result<(), String> {
    let [dir, draft, application, rest @ ..] = args else {
        return Err("DIR DRAFT APPLICATION missing".into());
    };
    if let [name, nth] = rest {
        failpoints::arm(name, nth.parse().map_err(|e| format!("{e}"))?);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    let keys = VaultKeys::from_secret_text(&line).map_err(|e| e.to_string())?;
    let vault = Vault::open(dir.as_ref(), KeySource::Keys(keys)).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "FREEZING")
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())?;
    vault
        .freeze_application(
            draft,
            application,
            "dog-tax",
            &failpoints::test_payload(application, 1),
            application.as_bytes(),
        )
        .map_err(|e| e.to_string())?;
    writeln!(out, "FROZEN")
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// The passphrases of the re-keying crash test, with Argon2id parameters cheap enough
/// for a debug build (the test uses the same).
pub fn rekey_passphrase(which: &str) -> Passphrase {
    Passphrase::new(format!("{which} passphrase 1")).with_params(KdfParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    })
}

fn rekey(args: &[String]) -> Result<(), String> {
    let [dir, store, step, rest @ ..] = args else {
        return Err("DIR STORE MOVE missing".into());
    };
    if let [name, nth] = rest {
        failpoints::arm(name, nth.parse().map_err(|e| format!("{e}"))?);
    }
    let store = failpoints::FileKeyStore(store.into());
    let dir: &std::path::Path = dir.as_ref();
    let moved = match step.as_str() {
        "to-passphrase" => Vault::open(dir, KeySource::Store(Box::new(store.clone())))
            .and_then(|v| v.seal_keys_under(&rekey_passphrase("new"), Some(&store))),
        "to-store" => Vault::open(dir, KeySource::Passphrase(rekey_passphrase("old")))
            .and_then(|v| v.keep_keys_in(&store)),
        "new-passphrase" => Vault::open(dir, KeySource::Passphrase(rekey_passphrase("old")))
            .and_then(|v| v.seal_keys_under(&rekey_passphrase("new"), None)),
        other => return Err(format!("unknown move {other}")),
    };
    moved.map_err(|e| e.to_string())?;
    println!("MOVED");
    Ok(())
}

fn kiosk() -> Result<(), String> {
    let vault = Vault::in_memory().map_err(|e| e.to_string())?;
    let n = 5u64;
    for seq in 0..n {
        let id = format!("kiosk-{seq}");
        let payload = failpoints::test_payload(&id, seq);
        vault
            .save_draft(&id, "dog-tax", &payload, id.as_bytes())
            .map_err(|e| e.to_string())?;
        vault
            .save_draft(&id, "dog-tax", &payload, id.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    vault
        .save_attachment("kiosk-0", "kiosk-0-photo", &[7u8; 70_000], b"photo.jpg")
        .map_err(|e| e.to_string())?;
    let list = vault.list_drafts().map_err(|e| e.to_string())?;
    if list.len() as u64 != n {
        return Err(format!("listed {} drafts, saved {n}", list.len()));
    }
    for entry in &list {
        match &entry.summary {
            Summary::Readable(s) if s.as_slice() == entry.id.as_bytes() => {}
            other => return Err(format!("summary of {}: {other:?}", entry.id)),
        }
        let seq: u64 = entry.id["kiosk-".len()..]
            .parse()
            .map_err(|e| format!("{e}"))?;
        let draft = vault.open_draft(&entry.id).map_err(|e| e.to_string())?;
        if *draft.payload != failpoints::test_payload(&entry.id, seq) || draft.version != 2 {
            return Err(format!("draft {} did not round-trip", entry.id));
        }
    }
    let photo = vault
        .open_attachment("kiosk-0-photo")
        .map_err(|e| e.to_string())?;
    if *photo.payload != [7u8; 70_000] {
        return Err("the attachment did not round-trip".into());
    }
    vault.delete_draft("kiosk-1").map_err(|e| e.to_string())?;
    let left = vault.list_drafts().map_err(|e| e.to_string())?.len() as u64;
    println!("KIOSK OK {left}");
    Ok(())
}
