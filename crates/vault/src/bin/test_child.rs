//! The child process of the vault's crash and kiosk tests (built only with the
//! `failpoints` feature). Its protocol is lines on stdout:
//!
//! - `crash-loop DIR FIRST-SEQ [FAILPOINT NTH]`: reads the vault keys' secret text from
//!   stdin, then saves draft `d{seq % 3}` version `seq` for seq = FIRST-SEQ, … printing
//!   `SAVING id seq` before and `ACK id seq` after each completed save, until killed.
//!   With a failpoint armed, prints `FAILPOINT name` there and blocks.
//! - `kiosk`: an in-memory vault; saves, lists and opens drafts and an attachment,
//!   checks every round trip and prints `KIOSK OK n`.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use amtsweg_vault::{KeySource, Summary, Vault, VaultKeys, failpoints};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("crash-loop") => crash_loop(&args[1..]),
        Some("kiosk") => kiosk(),
        _ => Err("usage: crash-loop DIR FIRST-SEQ [FAILPOINT NTH] | kiosk".into()),
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
