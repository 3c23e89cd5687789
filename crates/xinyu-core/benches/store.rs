//! The cost of encryption at rest: 100,000 records of 1 KB written and read back through the
//! vault's envelope, against the same rows in plain SQLite, in the same run.
//!
//! Targets (issue 3): encrypted write ≤ 1.5× plain; read with decryption ≤ 0.15 s.
//! Run with `make bench`; a summary with each figure and its target is printed at the end.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod support;

use support::median;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, Criterion};
use rusqlite::{Connection, params};
use xinyu_vault::{DataKey, KeyClass, KeyVersion, Keyring, RecordAad};

const RECORDS: usize = 100_000;
const SIZE: usize = 1024;

fn fresh_db(dir: &Path) -> Connection {
    let path = dir.join(format!("bench-{}.db", uuid_like()));
    // The vault's own connection setup: WAL, synchronous=FULL, the real schema.
    xinyu_core::store::db::open(&path).expect("open")
}

fn uuid_like() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

fn ids() -> Vec<String> {
    (0..RECORDS).map(|i| format!("{i:032x}")).collect()
}

fn payload(i: usize) -> Vec<u8> {
    (0..SIZE).map(|j| ((i * 31 + j * 7) % 251) as u8).collect()
}

fn keyring() -> Keyring {
    let mut k = Keyring::new();
    k.insert(KeyClass::Notes, KeyVersion::FIRST, DataKey::generate());
    k
}

fn write(conn: &mut Connection, ids: &[String], keyring: Option<&Keyring>) {
    let tx = conn.transaction().unwrap();
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO students (id, key_version, body, created_at, updated_at)
                 VALUES (?1, 1, ?2, '2026-03-01', '2026-03-01')",
            )
            .unwrap();
        for (i, id) in ids.iter().enumerate() {
            let plain = payload(i);
            let body = match keyring {
                Some(k) => k
                    .seal(
                        KeyClass::Notes,
                        &RecordAad::new("students", id, "body"),
                        &plain,
                    )
                    .unwrap(),
                None => plain,
            };
            stmt.execute(params![id, body]).unwrap();
        }
    }
    tx.commit().unwrap();
}

/// Read every row, then open the envelopes on all cores: how the core loads a class of records
/// into memory at unlock.
fn read_parallel(conn: &Connection, keyring: &Keyring) -> usize {
    use rayon::prelude::*;
    let mut stmt = conn
        .prepare_cached("SELECT id, body FROM students")
        .unwrap();
    let rows: Vec<(String, Vec<u8>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows.par_iter()
        .map(|(id, body)| {
            keyring
                .open(&RecordAad::new("students", id, "body"), body)
                .unwrap()
                .len()
        })
        .sum()
}

fn read(conn: &Connection, keyring: Option<&Keyring>) -> usize {
    let mut stmt = conn
        .prepare_cached("SELECT id, body FROM students")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut total = 0;
    while let Some(row) = rows.next().unwrap() {
        let body = row.get_ref(1).unwrap().as_blob().unwrap();
        total += match keyring {
            Some(k) => {
                let id = row.get_ref(0).unwrap().as_str().unwrap();
                k.open(&RecordAad::new("students", id, "body"), body)
                    .unwrap()
                    .len()
            }
            None => body.len(),
        };
    }
    total
}

fn benches(c: &mut Criterion, dir: &Path) {
    let ids = ids();
    let keys = keyring();

    let mut g = c.benchmark_group("write_100k_1kb");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("plain", |b| {
        b.iter_batched(
            || fresh_db(dir),
            |mut conn| write(&mut conn, &ids, None),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("encrypted", |b| {
        b.iter_batched(
            || fresh_db(dir),
            |mut conn| write(&mut conn, &ids, Some(&keys)),
            BatchSize::PerIteration,
        )
    });
    g.finish();

    let mut plain = fresh_db(dir);
    write(&mut plain, &ids, None);
    let mut sealed = fresh_db(dir);
    write(&mut sealed, &ids, Some(&keys));
    let mut g = c.benchmark_group("read_100k_1kb");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("plain", |b| b.iter(|| black_box(read(&plain, None))));
    g.bench_function("decrypted", |b| {
        b.iter(|| black_box(read(&sealed, Some(&keys))))
    });
    g.bench_function("decrypted_parallel", |b| {
        b.iter(|| black_box(read_parallel(&sealed, &keys)))
    });
    g.finish();
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c, dir.path());
    c.final_summary();

    let wp = median("write_100k_1kb", "plain");
    let we = median("write_100k_1kb", "encrypted");
    let rp = median("read_100k_1kb", "plain");
    let rd1 = median("read_100k_1kb", "decrypted");
    let rd = median("read_100k_1kb", "decrypted_parallel");
    println!();
    println!("Encryption at rest, 100,000 records of 1 KB (medians, this machine, same run):");
    if let (Some(wp), Some(we), Some(rp), Some(rd)) = (wp, we, rp, rd) {
        let ratio = we / wp;
        println!("  write plain      {wp:>8.3} s");
        println!(
            "  write encrypted  {we:>8.3} s   {ratio:.2}× plain   target ≤ 1.50×   {}",
            if ratio <= 1.5 { "ok" } else { "MISSED" }
        );
        println!("  read plain       {rp:>8.3} s");
        if let Some(rd1) = rd1 {
            println!("  read + decrypt, one core  {rd1:>8.3} s");
        }
        println!(
            "  read + decrypt   {rd:>8.3} s   {:.1}× plain   target ≤ 0.150 s  {} (all cores)",
            rd / rp,
            if rd <= 0.15 { "ok" } else { "MISSED" }
        );
    } else {
        println!("  (some benchmarks were filtered out; no summary)");
    }
}
