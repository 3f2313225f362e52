//! 1,000 waiting applications drained to the reference server over loopback, with the
//! costs that could bound it measured beside it in the same run: the server's private-key
//! work per application, the vault's save of one sending record, one HTTP round trip.
//!
//! Not criterion: one drain is a whole run of tens of seconds, not a function to sample.
//! The server runs in-process with its per-installation rate limit raised (the default
//! 120 authenticated calls a minute is the real limit for one installation, by design);
//! it runs on its own runtime, whose threads are named, so the process's CPU time can be
//! split between server and client (Linux `/proc/self/task`).
//!
//! `cargo bench -p amtsweg-outbox --bench drain` (`AMTSWEG_DRAIN_N=100` for a short run).

// The tests' support: the in-process server, the vault, applications from the walk files.
#[allow(dead_code)]
#[path = "../tests/it/support.rs"]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use amtsweg_outbox::{Api, Outbox, SealLimits, SendingRecord, Step, Timeouts, check_key, seal};
use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::rsa::PrivateDecryptingKey;
use aws_lc_rs::rsa::{OAEP_SHA256_MGF1SHA256, OaepPrivateDecryptingKey, OaepPublicEncryptingKey};
use aws_lc_rs::signature::RSA_PSS_SHA512;
use aws_lc_rs::signature::RsaKeyPair;

use support::{TestServer, TestVault, demo_roots, fast_config, outbox, submit_from};

/// A procedure without file answers: an application is its data, its metadata and the
/// authority's PDF (30 KB), three JWEs.
const PROCEDURE: &str = "certificate-of-registration";
/// Concurrent senders in the second drain, each over its own share of the ids; that
/// drain takes a quarter as many applications, to keep the whole run near 2 minutes.
const SENDERS: usize = 4;
/// The server's threads (the name shows in `/proc/self/task/*/comm`).
const SERVER_THREADS: &str = "drain-server";
/// Calls per application: routes, destination key, create, upload (the PDF), submit,
/// events, the event keys; the first four of the authenticated ones count against the
/// rate limit (create, upload, submit, events).
const CALLS_PER_APPLICATION: f64 = 7.0;
const AUTHENTICATED_PER_APPLICATION: f64 = 4.0;
/// Sending records written per application: sealed, created, submitting, submitted, and
/// the submitted one again with its first event.
const SAVES_PER_APPLICATION: f64 = 5.0;
/// The server's SQLite commits per application (WAL, synchronous=FULL: one fsync each):
/// each authenticated call's `jti` (4), the announced submission, the uploaded PDF, the
/// submit with its first event (crates/municipal-api/src/store.rs).
const SERVER_COMMITS_PER_APPLICATION: f64 = 7.0;

/// CPU seconds (user + system) of the whole process, and of the server's threads alone.
#[derive(Clone, Copy, Default)]
struct Cpu {
    process: f64,
    server: f64,
}

impl std::ops::Sub for Cpu {
    type Output = Cpu;
    fn sub(self, o: Cpu) -> Cpu {
        Cpu {
            process: self.process - o.process,
            server: self.server - o.server,
        }
    }
}

/// utime + stime of a `/proc/.../stat` line, in seconds (USER_HZ is 100 on Linux).
fn stat_seconds(stat: &str) -> f64 {
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of stat(5); `rest` starts at field 3.
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
        .sum();
    ticks as f64 / 100.0
}

fn cpu() -> Cpu {
    let process = std::fs::read_to_string("/proc/self/stat").map_or(0.0, |s| stat_seconds(&s));
    let mut server = 0.0;
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for task in tasks.flatten() {
            let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            if comm.trim_end().starts_with(SERVER_THREADS) {
                server += std::fs::read_to_string(task.path().join("stat"))
                    .map_or(0.0, |s| stat_seconds(&s));
            }
        }
    }
    Cpu { process, server }
}

fn runtime(name: &str) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(name)
        // Blocking threads that end take their CPU counters with them.
        .thread_keep_alive(Duration::from_secs(3600))
        .enable_all()
        .build()
        .expect("runtime")
}

/// Mean and median in milliseconds of `runs` timings of `f`.
fn time_ms(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut samples: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let mean = samples.iter().sum::<f64>() / samples.len() as f64;
    (mean, samples[samples.len() / 2])
}

/// The server's cryptography for one application, with its own keys from
/// `<data>/keys/`: one RSA-OAEP-256 unwrap per part (three), AES-256-GCM over the
/// parts' bytes, and the first event's PS512 signature. Returns (unwrap, AES, sign) in ms.
fn server_crypto(data: &std::path::Path, part_bytes: usize) -> (f64, f64, f64) {
    let keys = data.join("keys");
    let der = std::fs::read(keys.join("destination.pk8")).expect("destination key");
    let private = PrivateDecryptingKey::from_pkcs8(&der).expect("destination key");
    let public = OaepPublicEncryptingKey::new(private.public_key()).expect("public key");
    let private = OaepPrivateDecryptingKey::new(private).expect("OAEP key");
    let cek = [7u8; 32];
    let mut wrapped = vec![0u8; public.ciphertext_size()];
    let wrapped = public
        .encrypt(&OAEP_SHA256_MGF1SHA256, &cek, &mut wrapped, None)
        .expect("wrap")
        .to_vec();
    let mut out = vec![0u8; private.min_output_size()];
    let (unwrap, _) = time_ms(100, || {
        let plain = private
            .decrypt(&OAEP_SHA256_MGF1SHA256, &wrapped, &mut out, None)
            .expect("unwrap");
        assert_eq!(plain, cek);
    });

    let aead = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &cek).expect("AES key"));
    let mut sealed = vec![0x5a; part_bytes];
    aead.seal_in_place_append_tag(
        Nonce::assume_unique_for_key([1; 12]),
        Aad::empty(),
        &mut sealed,
    )
    .expect("seal");
    let (aes, _) = time_ms(100, || {
        let mut copy = sealed.clone();
        aead.open_in_place(
            Nonce::assume_unique_for_key([1; 12]),
            Aad::empty(),
            &mut copy,
        )
        .expect("open");
    });

    let der = std::fs::read(keys.join("events.pk8")).expect("event key");
    let events = RsaKeyPair::from_pkcs8(&der).expect("event key");
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let mut signature = vec![0u8; events.public_modulus_len()];
    let (sign, _) = time_ms(50, || {
        events
            .sign(&RSA_PSS_SHA512, &rng, b"header.claims", &mut signature)
            .expect("sign");
    });
    (unwrap, aes, sign)
}

/// The disk as the drains see it, in ms: a vault save of a small sending record and of
/// one carrying the JWEs (`SMALL_RECORD`, `SEALED_RECORD` bytes), and the bare flush of a
/// 4 KB page rewritten in place. Measured before and after the drains: on a shared
/// machine the disk's flush time moves with the neighbours' load.
#[derive(Clone, Copy)]
struct Disk {
    save: f64,
    save_sealed: f64,
    fsync: f64,
}

/// A submitted application's record is ~300 bytes; the three from sealed to submitting
/// carry the JWEs (~45 KB for this application; the run prints the sizes it saw).
const SMALL_RECORD: usize = 300;
const SEALED_RECORD: usize = 45_000;

fn disk(vault: &amtsweg_vault::Vault, probe: &str, folder: &std::path::Path) -> Disk {
    let small = vec![0x42u8; SMALL_RECORD];
    let (save, _) = time_ms(200, || {
        vault.save_sending(probe, &small).expect("save");
    });
    let sealed = vec![0x42u8; SEALED_RECORD];
    let (save_sealed, _) = time_ms(200, || {
        vault.save_sending(probe, &sealed).expect("save");
    });
    let mut synced = std::fs::File::create(folder.join("fsync-probe")).expect("file");
    let page = [0x17u8; 4096];
    let (fsync, _) = time_ms(200, || {
        use std::io::{Seek, Write};
        synced.rewind().expect("seek");
        synced.write_all(&page).expect("write");
        synced.sync_data().expect("fsync");
    });
    Disk {
        save,
        save_sealed,
        fsync,
    }
}

struct Drain {
    applications: usize,
    wall: f64,
    cpu: Cpu,
    passes: usize,
}

/// The app's way: the worker's `send_due` until nothing is open (one pass when nothing
/// fails; a failed one is retried at once).
async fn drain_send_due(outbox: &Outbox) -> usize {
    let mut passes = 0;
    loop {
        passes += 1;
        let open = outbox.send_due().await.expect("send_due");
        if open == 0 {
            return passes;
        }
        assert!(passes < 10, "{open} still open after {passes} passes");
        outbox.nudge();
    }
}

/// `senders` tasks, each sending its share of `ids` one after the other.
async fn drain_concurrent(outbox: &Arc<Outbox>, ids: &[String], senders: usize) -> usize {
    let mut tasks = tokio::task::JoinSet::new();
    for share in ids.chunks(ids.len().div_ceil(senders)) {
        let (outbox, share) = (outbox.clone(), share.to_vec());
        tasks.spawn(async move {
            let mut passes = 0;
            for id in &share {
                support::send_until_submitted(&outbox, id, 5).await;
                passes += 1;
            }
            passes
        });
    }
    let mut sent = 0;
    while let Some(done) = tasks.join_next().await {
        sent += done.expect("sender");
    }
    sent
}

fn measure(applications: usize, f: impl FnOnce() -> usize) -> Drain {
    let (t, c) = (Instant::now(), cpu());
    let passes = f();
    Drain {
        applications,
        wall: t.elapsed().as_secs_f64(),
        cpu: cpu() - c,
        passes,
    }
}

/// Freezes `n` applications; returns their ids and the seconds spent in `freeze` alone
/// (the draft each one comes from is written beforehand, outside the timing).
fn freeze(
    outbox: &Outbox,
    vault: &amtsweg_vault::Vault,
    url: &str,
    n: usize,
) -> (Vec<String>, f64) {
    let mut ids = Vec::with_capacity(n);
    let mut spent = Duration::ZERO;
    for _ in 0..n {
        let submit = submit_from(vault, url, PROCEDURE, 0);
        let t = Instant::now();
        ids.push(outbox.freeze(submit).expect("freeze"));
        spent += t.elapsed();
    }
    (ids, spent.as_secs_f64())
}

fn main() {
    let n: usize = std::env::var("AMTSWEG_DRAIN_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let server_rt = runtime(SERVER_THREADS);
    let client_rt = runtime("drain-client");

    let server = server_rt.block_on(TestServer::start_with(|config| {
        config.calls_per_minute = 1_000_000;
        config.registrations_per_hour = 1_000;
    }));
    let store = TestVault::new();
    let vault = store.open();
    let (outbox, _reports) = outbox(&vault, fast_config());
    let outbox = Arc::new(outbox);

    let probe = freeze(&outbox, &vault, &server.url, 1).0.remove(0);
    let before = disk(&vault, &probe, server.data.path());

    // Freeze, then drain with one sender (the app's worker).
    let (first, freeze_1) = freeze(&outbox, &vault, &server.url, n);
    let one = measure(n, || client_rt.block_on(drain_send_due(&outbox)));
    assert_eq!(server.submitted(), n, "every application submitted once");

    // A quarter as many again, drained by several senders at once.
    let m = n.div_ceil(SENDERS);
    let (second, freeze_2) = freeze(&outbox, &vault, &server.url, m);
    let many = measure(m, || {
        client_rt.block_on(drain_concurrent(&outbox, &second, SENDERS))
    });
    assert_eq!(
        server.submitted(),
        n + m,
        "every application submitted once"
    );

    // Baselines, after the drains (the same server, vault and machine).
    let record_len = vault
        .open_sending(&first[0])
        .expect("record")
        .expect("a sending record")
        .payload
        .len();
    let app = outbox.application(&first[0]).expect("application");
    let part_bytes = app.data.len() + app.metadata.len() + app.form.bytes.len();
    // The application sealed as the worker seals it, for the server's key (the same
    // calls as its first step): the sealing's cost in this run, and the size of the
    // records from sealed to submitting, which carry the three JWEs.
    let (seal_ms, sealed_len) = client_rt.block_on(async {
        let api = Api::new(&server.url, Timeouts::default()).expect("api");
        let routes = api
            .routes(app.service.leika_key(), &app.ars)
            .await
            .expect("routes");
        let route = routes.first().expect("a route");
        let jwk = api.destination_key(route).await.expect("key");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs();
        let key = check_key(&jwk, &route.encryption_kid, &demo_roots(), now).expect("key");
        let limits = SealLimits::default();
        let mut sealed = None;
        let (ms, _) = time_ms(200, || {
            sealed = Some(seal(&app, &key, &route.destination_id, &limits).expect("seal"));
        });
        let record = SendingRecord {
            step: Step::Sealed {
                sealed: sealed.expect("sealed"),
            },
            ..SendingRecord::default()
        };
        (ms, serde_json::to_vec(&record).expect("record").len())
    });
    let after = disk(&vault, &probe, server.data.path());
    let (unwrap, aes, sign) = server_crypto(server.data.path(), part_bytes);
    let jwks = format!("{}/.well-known/jwks.json", server.url);
    let (get, get_median) = client_rt.block_on(async {
        let http = reqwest::Client::new();
        let mut samples = Vec::new();
        for i in 0..300 {
            let t = Instant::now();
            let answer = http.get(&jwks).send().await.expect("GET");
            answer.bytes().await.expect("body");
            if i >= 20 {
                samples.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
        samples.sort_by(f64::total_cmp);
        let mean = samples.iter().sum::<f64>() / samples.len() as f64;
        (mean, samples[samples.len() / 2])
    });

    let nf = n as f64;
    let count = |d: &Drain| d.applications as f64;
    let per_app = |d: &Drain| d.wall * 1e3 / count(d);
    println!("drain of {n} applications ({PROCEDURE}, {part_bytes} bytes in 3 parts):");
    println!(
        "| freeze | {:.2} ms per application ({:.1} s for {n}; second batch {:.2} ms) |",
        freeze_1 * 1e3 / nf,
        freeze_1,
        freeze_2 * 1e3 / m as f64
    );
    for (name, d) in [("1 sender (send_due)", &one), ("4 senders (send)", &many)] {
        println!(
            "| drain, {name}, {:.0} applications | {:.1} s, {:.1} applications/s, {:.1} ms each; CPU {:.1} s of {:.1} s wall: server threads {:.1} s, the rest (client) {:.1} s; {} calls of send_due / send |",
            count(d),
            d.wall,
            count(d) / d.wall,
            per_app(d),
            d.cpu.process,
            d.wall,
            d.cpu.server,
            d.cpu.process - d.cpu.server,
            d.passes
        );
    }
    let server_crypto = 3.0 * unwrap + aes + sign;
    println!(
        "| server crypto per application | {server_crypto:.2} ms = 3 x RSA-4096 OAEP unwrap {unwrap:.2} ms + AES-GCM {aes:.3} ms + PS512 sign {sign:.2} ms |"
    );
    println!(
        "| sending records seen | {record_len} bytes submitted, {sealed_len} bytes sealed to submitting |"
    );
    for (when, d) in [("before", &before), ("after", &after)] {
        println!(
            "| disk, {when} the drains | vault save {:.2} ms ({SMALL_RECORD} B), {:.2} ms ({SEALED_RECORD} B); bare fsync of 4 KB {:.2} ms |",
            d.save, d.save_sealed, d.fsync
        );
    }
    // The drain's commits priced at the mean of both probes. Three sending records carry
    // the JWEs, two do not; the server's commits are the same SQLite configuration (WAL,
    // synchronous=FULL) on the same disk, priced as a small record's save.
    let save = (before.save + after.save) / 2.0;
    let save_sealed = (before.save_sealed + after.save_sealed) / 2.0;
    let saves = 3.0 * save_sealed + (SAVES_PER_APPLICATION - 3.0) * save;
    let server_commits = save * SERVER_COMMITS_PER_APPLICATION;
    println!("| client vault saves | {SAVES_PER_APPLICATION} per application = {saves:.1} ms |");
    println!(
        "| server's SQLite commits | {SERVER_COMMITS_PER_APPLICATION} per application x {save:.2} ms = {server_commits:.1} ms |"
    );
    println!("| client sealing (in this run) | {seal_ms:.2} ms per application |");
    println!(
        "| loopback GET (JWKS) | {get:.3} ms mean, {get_median:.3} ms median; x{CALLS_PER_APPLICATION} calls = {:.2} ms per application |",
        get * CALLS_PER_APPLICATION
    );
    let floor = server_crypto + saves + server_commits + get * CALLS_PER_APPLICATION + seal_ms;
    println!(
        "| sum of these, one sender | {floor:.1} ms of the measured {:.1} ms per application: server crypto {:.0} %, client vault saves {:.0} %, server commits {:.0} %, round trips {:.0} %, sealing {:.0} % |",
        per_app(&one),
        100.0 * server_crypto / floor,
        100.0 * saves / floor,
        100.0 * server_commits / floor,
        100.0 * get * CALLS_PER_APPLICATION / floor,
        100.0 * seal_ms / floor
    );
    let commits = save * (SAVES_PER_APPLICATION + SERVER_COMMITS_PER_APPLICATION);
    println!(
        "| commits on the one disk, client and server | {} x ~{save:.2} ms = {commits:.1} ms per application: at most {:.1} applications/s however many senders |",
        SAVES_PER_APPLICATION + SERVER_COMMITS_PER_APPLICATION,
        1e3 / commits
    );
    println!(
        "| default rate limit | 120 authenticated calls/min / {AUTHENTICATED_PER_APPLICATION} per application = {:.0} applications/min for one installation |",
        120.0 / AUTHENTICATED_PER_APPLICATION
    );
    drop(server);
    drop(server_rt);
}
