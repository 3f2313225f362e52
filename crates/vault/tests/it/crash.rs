//! Crash safety: a child process saves drafts in a loop and is killed with SIGKILL at
//! each named step of a save, then at 200 random moments. After every kill the vault is
//! reopened: each draft is exactly its last acknowledged version or the one that was
//! being saved — never torn, never lost once acknowledged.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use amtsweg_vault::failpoints::test_payload;
use amtsweg_vault::{KeySource, Summary, Vault, VaultError, VaultKeys};

use crate::{keys, tempdir};

const IDS: [&str; 3] = ["d0", "d1", "d2"];
const STEPS: [&str; 5] = [
    "save:before-encrypt",
    "save:after-encrypt",
    "save:in-transaction",
    "save:before-commit",
    "save:after-commit",
];

/// What the parent knows from the child's lines.
#[derive(Debug, Default)]
struct Knowledge {
    acked: HashMap<String, u64>,
    in_flight: Option<(String, u64)>,
    next_seq: u64,
}

impl Knowledge {
    fn line(&mut self, line: &str) {
        let mut parts = line.split(' ');
        match (
            parts.next(),
            parts.next(),
            parts.next().and_then(|s| s.parse::<u64>().ok()),
        ) {
            (Some("SAVING"), Some(id), Some(seq)) => {
                self.in_flight = Some((id.to_owned(), seq));
                self.next_seq = seq + 1;
            }
            (Some("ACK"), Some(id), Some(seq)) => {
                assert_eq!(
                    self.in_flight.take(),
                    Some((id.to_owned(), seq)),
                    "ACK without SAVING"
                );
                self.acked.insert(id.to_owned(), seq);
            }
            _ => {}
        }
    }
}

struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
}

fn spawn(dir: &Path, keys: &VaultKeys, first_seq: u64, failpoint: Option<(&str, u64)>) -> Running {
    let mut command = Command::new(env!("CARGO_BIN_EXE_amtsweg-vault-test-child"));
    command
        .arg("crash-loop")
        .arg(dir)
        .arg(first_seq.to_string());
    if let Some((name, nth)) = failpoint {
        command.arg(name).arg(nth.to_string());
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the child");
    let mut stdin = child.stdin.take().expect("stdin");
    writeln!(stdin, "{}", keys.to_secret_text().as_str()).expect("send keys");
    drop(stdin);
    let stdout = child.stdout.take().expect("stdout");
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    Running { child, lines }
}

/// SIGKILL, then every line the child wrote before it died.
fn kill(mut running: Running, knowledge: &mut Knowledge) {
    running.child.kill().expect("SIGKILL");
    running.child.wait().expect("reap");
    // The reader thread ends at EOF, which comes once the child is dead.
    for line in running.lines.iter() {
        knowledge.line(&line);
    }
}

/// Reopens the vault and checks every draft against what the child acknowledged. The
/// save in flight counts as done from now on if it landed.
fn check(dir: &Path, keys: &VaultKeys, knowledge: &mut Knowledge, context: &str) -> Option<u64> {
    let vault = Vault::open(dir, KeySource::Keys(keys.clone()))
        .unwrap_or_else(|e| panic!("{context}: reopen: {e}"));
    let mut landed = None;
    for id in IDS {
        let acked = knowledge.acked.get(id).copied();
        let flying = knowledge
            .in_flight
            .as_ref()
            .filter(|(f, _)| f == id)
            .map(|(_, s)| *s);
        match vault.open_draft(id) {
            Ok(draft) => {
                let summary = String::from_utf8(draft.summary.to_vec()).expect("summary text");
                let seq: u64 = summary
                    .rsplit(':')
                    .next()
                    .and_then(|s| s.parse().ok())
                    .expect("seq in summary");
                assert_eq!(summary, format!("{id}:{seq}"), "{context}");
                assert!(
                    *draft.payload == test_payload(id, seq),
                    "{context}: {id} version {seq} is torn ({} bytes)",
                    draft.payload.len()
                );
                assert!(
                    Some(seq) == acked || Some(seq) == flying,
                    "{context}: {id} is at {seq}; acknowledged {acked:?}, in flight {flying:?}"
                );
                if Some(seq) == flying {
                    landed = Some(seq);
                }
            }
            Err(VaultError::NotFound(_)) => {
                assert_eq!(acked, None, "{context}: {id} was acknowledged and is lost");
            }
            Err(e) => panic!("{context}: {id}: {e}"),
        }
    }
    for entry in vault.list_drafts().expect("list") {
        assert!(
            matches!(entry.summary, Summary::Readable(_)),
            "{context}: {} listed {:?}",
            entry.id,
            entry.summary
        );
    }
    if let Some((id, seq)) = knowledge.in_flight.take()
        && landed == Some(seq)
    {
        knowledge.acked.insert(id, seq);
    }
    landed
}

/// Repeats a run whose failure message named this seed: `AMTSWEG_CRASH_SEED=<seed>`.
const SEED_VARIABLE: &str = "AMTSWEG_CRASH_SEED";

/// The seed of the random kill moments: from [`SEED_VARIABLE`] when set, else fresh.
fn seed() -> u64 {
    seed_from(std::env::var(SEED_VARIABLE).ok().as_deref())
}

fn seed_from(variable: Option<&str>) -> u64 {
    match variable {
        Some(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{SEED_VARIABLE}={text:?} is not a seed this test printed")),
        None => {
            let mut b = [0u8; 8];
            getrandom::fill(&mut b).expect("seed");
            // XorShift never leaves zero: an odd seed.
            u64::from_le_bytes(b) | 1
        }
    }
}

#[test]
fn a_printed_seed_fed_back_repeats_the_kill_moments() {
    let printed = seed_from(None);
    let fed_back = seed_from(Some(&format!("{printed}\n")));
    assert_eq!(fed_back, printed);
    let (mut a, mut b) = (XorShift(printed), XorShift(fed_back));
    let moments: Vec<u64> = (0..5).map(|_| a.next() % 25_000).collect();
    assert_eq!(
        moments,
        (0..5).map(|_| b.next() % 25_000).collect::<Vec<_>>()
    );
}

/// A small deterministic generator for the random kill moments; the seed is printed in
/// every failure message so a run can be repeated (`AMTSWEG_CRASH_SEED`).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn a_save_killed_at_any_point_leaves_the_old_or_the_new_version() {
    let dir = tempdir();
    let k = keys();
    let mut knowledge = Knowledge::default();

    // At each named step, on the first save of a fresh process and on a later one.
    for step in STEPS {
        for nth in [1, 5] {
            let running = spawn(dir.path(), &k, knowledge.next_seq, Some((step, nth)));
            let mut reached = false;
            for line in running.lines.iter() {
                knowledge.line(&line);
                if line == format!("FAILPOINT {step}") {
                    reached = true;
                    break;
                }
            }
            assert!(reached, "the child never reached {step}");
            let in_flight = knowledge
                .in_flight
                .clone()
                .expect("a save in flight at a failpoint");
            kill(running, &mut knowledge);
            let context = format!("killed at {step} (hit {nth})");
            let landed = check(dir.path(), &k, &mut knowledge, &context);
            // Before the commit the old version must be there; after it, the new one.
            let committed = step == "save:after-commit";
            assert_eq!(
                landed.is_some(),
                committed,
                "{context}: {in_flight:?} landed {landed:?}"
            );
        }
    }

    // Then at random moments: anywhere in start-up, opening (WAL recovery of the last
    // kill), or a save.
    let seed = seed();
    let mut rng = XorShift(seed);
    let mut versions = knowledge.next_seq;
    let mut kills_mid_save = 0;
    for round in 0..200 {
        let running = spawn(dir.path(), &k, knowledge.next_seq, None);
        // Not synchronisation: the point is a moment nobody chose.
        std::thread::sleep(Duration::from_micros(rng.next() % 25_000));
        kill(running, &mut knowledge);
        if knowledge.in_flight.is_some() {
            kills_mid_save += 1;
        }
        check(
            dir.path(),
            &k,
            &mut knowledge,
            &format!("random kill {round} (repeat with {SEED_VARIABLE}={seed})"),
        );
        versions = versions.max(knowledge.next_seq);
    }
    eprintln!(
        "random kills: {kills_mid_save} of 200 inside a save; {versions} versions saved (seed {seed}; repeat with {SEED_VARIABLE}={seed})"
    );
    // The kills did land inside saves, or the test would prove little.
    assert!(
        kills_mid_save >= 50,
        "only {kills_mid_save} of 200 kills hit a save (seed {seed})"
    );
}
