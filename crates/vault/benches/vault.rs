//! Vault benchmarks, each beside a baseline measured in the same run:
//! - draft save (encrypt + sign + manifest + durable commit) of a 4 KiB and a 64 KiB
//!   draft, beside a plain SQLite durable upsert of the same bytes (payload and summary)
//!   into a table of its own, in a database with the same pragmas (WAL,
//!   `synchronous=FULL`, `secure_delete`) in the same folder. Both alternate between two
//!   versions of the draft that differ throughout: SQLite does not rewrite an overflow
//!   page whose bytes did not change, so saving identical bytes again would let the
//!   baseline skip most of its writes (the vault's ciphertext differs every time);
//! - the same save into a vault that already holds 1,000 drafts (the manifest MAC covers
//!   every record, so its cost grows with the vault);
//! - "My drafts" with 1,000 drafts, beside a plain SELECT of the same columns;
//! - opening one 64 KiB draft (manifest, `verify_strict`, decrypt);
//! - the save ratio measured interleaved: 1,000 pairs of one plain upsert and one vault
//!   save, alternating which goes first, each timed on its own. On a machine shared with
//!   other work, criterion's figures for the two are taken seconds apart under different
//!   load; the pairs see the same moments, so their median ratio is the figure to quote.
//!
//! Run: `cargo bench -p amtsweg-vault --bench vault`. Figures and machine go into
//! docs/performance.md ("Drafts vault").

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use amtsweg_vault::{KeySource, Vault, VaultKeys};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rusqlite::{Connection, params};

const SUMMARY: &[u8] = b"{\"title\":\"Hundesteuer: Anmeldung\",\"progress\":0.4,\"page\":\"dogs\"}";

fn configured() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30)
}

/// Bytes that look like a draft (JSON answers), not a run of one byte.
fn draft_bytes(len: usize, seed: usize) -> Vec<u8> {
    let unit = format!("{{\"F{seed:08}\":\"Antwort {seed} mit Umlauten äöü\"}},");
    unit.bytes().cycle().take(len).collect()
}

fn bench_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("amtsweg-vault-bench-")
        .tempdir()
        .expect("temp dir")
}

fn vault_at(dir: &Path, drafts: usize) -> Vault {
    let vault =
        Vault::open(dir, KeySource::Keys(VaultKeys::generate().expect("keys"))).expect("vault");
    for i in 0..drafts {
        vault
            .save_draft(
                &format!("draft-{i:04}"),
                "dog-tax",
                &draft_bytes(4096, i),
                SUMMARY,
            )
            .expect("fill");
    }
    vault
}

/// The baseline: the same pragmas as the vault, one table, no crypto, no manifest.
fn plain_at(dir: &Path) -> Connection {
    let conn = Connection::open(dir.join("plain.sqlite3")).expect("plain db");
    let mode: String = conn
        .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
        .expect("wal");
    assert_eq!(mode, "wal");
    plain_schema(conn)
}

fn plain_in_memory() -> Connection {
    plain_schema(Connection::open_in_memory().expect("in-memory db"))
}

fn plain_schema(conn: Connection) -> Connection {
    conn.execute_batch(
        "PRAGMA synchronous=FULL;
         PRAGMA fullfsync=ON;
         PRAGMA secure_delete=ON;
         PRAGMA temp_store=MEMORY;
         CREATE TABLE plain (id TEXT PRIMARY KEY NOT NULL, procedure_id TEXT NOT NULL,
                             created INTEGER NOT NULL, updated INTEGER NOT NULL,
                             summary BLOB NOT NULL, payload BLOB NOT NULL);",
    )
    .expect("plain schema");
    conn
}

fn plain_upsert(conn: &mut Connection, id: &str, payload: &[u8], n: i64) {
    let tx = conn.transaction().expect("tx");
    tx.prepare_cached(
        "INSERT INTO plain (id, procedure_id, created, updated, summary, payload)
         VALUES (?1, 'dog-tax', ?2, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET updated = excluded.updated,
             summary = excluded.summary, payload = excluded.payload",
    )
    .expect("prepare")
    .execute(params![id, n, SUMMARY, payload])
    .expect("upsert");
    tx.commit().expect("commit");
}

fn save(c: &mut Criterion) {
    let dir = bench_dir();
    let vault = vault_at(&dir.path().join("vault"), 50);
    std::fs::create_dir(dir.path().join("plain")).expect("dir");
    let mut plain = plain_at(&dir.path().join("plain"));
    let big_dir = bench_dir();
    let big = vault_at(big_dir.path(), 1000);
    let memory = Vault::in_memory().expect("in-memory vault");
    // The CPU part of the baseline: the same table and pragmas in memory.
    let mut plain_memory = plain_in_memory();

    let mut group = c.benchmark_group("draft save");
    for size in [4 * 1024, 64 * 1024] {
        let versions = [draft_bytes(size, 7), draft_bytes(size, 8)];
        let label = format!("{} KiB", size / 1024);
        group.bench_with_input(
            BenchmarkId::new("plain SQLite upsert", &label),
            &versions,
            |b, v| {
                let mut n = 0;
                b.iter(|| {
                    n += 1;
                    plain_upsert(&mut plain, "bench", black_box(&v[n as usize % 2]), n);
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("plain SQLite upsert, in memory (no fsync)", &label),
            &versions,
            |b, v| {
                let mut n = 0;
                b.iter(|| {
                    n += 1;
                    plain_upsert(&mut plain_memory, "bench", black_box(&v[n as usize % 2]), n);
                })
            },
        );
        for (name, vault) in [
            ("vault save (50 drafts)", &vault),
            ("vault save (1,000 drafts)", &big),
            ("vault save, in memory (no fsync)", &memory),
        ] {
            group.bench_with_input(BenchmarkId::new(name, &label), &versions, |b, v| {
                let mut n = 0;
                b.iter(|| {
                    n += 1;
                    vault
                        .save_draft("bench", "dog-tax", black_box(&v[n % 2]), SUMMARY)
                        .expect("save")
                })
            });
        }
    }
    group.finish();
}

fn list_and_open(c: &mut Criterion) {
    let dir = bench_dir();
    let vault = vault_at(dir.path(), 1000);
    vault
        .save_draft("big", "dog-tax", &draft_bytes(64 * 1024, 1), SUMMARY)
        .expect("big");
    let plain_dir = bench_dir();
    let mut plain = plain_at(plain_dir.path());
    for i in 0..1000 {
        plain_upsert(
            &mut plain,
            &format!("draft-{i:04}"),
            &draft_bytes(4096, i),
            i as i64,
        );
    }

    let mut group = c.benchmark_group("my drafts, 1,000 drafts");
    group.bench_function("plain SELECT of the same columns", |b| {
        b.iter(|| {
            let mut stmt = plain
                .prepare_cached(
                    "SELECT id, procedure_id, created, updated, summary FROM plain
                     ORDER BY updated DESC, id",
                )
                .expect("prepare");
            let rows: Vec<(String, String, i64, i64, Vec<u8>)> = stmt
                .query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .expect("query")
                .collect::<Result<_, _>>()
                .expect("rows");
            black_box(rows)
        })
    });
    group.bench_function("vault list_drafts", |b| {
        b.iter(|| black_box(vault.list_drafts().expect("list")))
    });
    group.bench_function("vault open_draft (64 KiB)", |b| {
        b.iter(|| black_box(vault.open_draft("big").expect("open")))
    });
    group.finish();
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn percentile(v: &mut [f64], p: usize) -> f64 {
    v.sort_by(f64::total_cmp);
    v[(v.len() * p / 100).min(v.len() - 1)]
}

/// Interleaved pairs (see the module doc); prints its own table.
fn interleaved(_: &mut Criterion) {
    const PAIRS: usize = 1000;
    for drafts in [50, 1000] {
        let dir = bench_dir();
        let vault = vault_at(&dir.path().join("vault"), drafts);
        std::fs::create_dir(dir.path().join("plain")).expect("dir");
        let mut plain = plain_at(&dir.path().join("plain"));
        for size in [4 * 1024, 64 * 1024] {
            let versions = [draft_bytes(size, 7), draft_bytes(size, 8)];
            let (mut p, mut v, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
            for n in 0..PAIRS + 100 {
                let bytes = &versions[n % 2];
                let mut time_plain = || {
                    let t = Instant::now();
                    plain_upsert(&mut plain, "bench", black_box(bytes), n as i64);
                    t.elapsed().as_secs_f64() * 1e6
                };
                let time_vault = || {
                    let t = Instant::now();
                    vault
                        .save_draft("bench", "dog-tax", black_box(bytes), SUMMARY)
                        .expect("save");
                    t.elapsed().as_secs_f64() * 1e6
                };
                let (tp, tv) = if n % 2 == 0 {
                    let tp = time_plain();
                    (tp, time_vault())
                } else {
                    let tv = time_vault();
                    (time_plain(), tv)
                };
                // The first 100 pairs warm caches and the WAL.
                if n >= 100 {
                    p.push(tp);
                    v.push(tv);
                    ratio.push(tv / tp);
                }
            }
            println!(
                "interleaved save, {} KiB, vault of {drafts} drafts: plain median {:.0} µs \
                 (p10 {:.0}, p90 {:.0}); vault median {:.0} µs (p10 {:.0}, p90 {:.0}); \
                 median of per-pair ratios {:.2}, ratio of medians {:.2}",
                size / 1024,
                median(&mut p),
                percentile(&mut p, 10),
                percentile(&mut p, 90),
                median(&mut v),
                percentile(&mut v, 10),
                percentile(&mut v, 90),
                median(&mut ratio),
                median(&mut v) / median(&mut p),
            );
        }
    }
}

criterion_group! {
    name = benches;
    config = configured();
    targets = interleaved, save, list_and_open
}
criterion_main!(benches);
