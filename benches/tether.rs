//! The benchmark: `cargo bench` (release build). For N = 10, 100, 250, 1000 generated models (each
//! model a table, plus one join table between neighbours: 2N - 1 tables) it runs
//! the commands a user runs, as a user runs them, and prints a table: `tether gen` (cold: writes
//! everything; warm: nothing changed), `tether gen --check`, and `tether check-drift` against a
//! PostgreSQL database holding the N-model schema, with wall time, peak memory and, for
//! check-drift, round trips to the server. Where Alembic is installed (the test venv in
//! target/python-venv, or `TETHER_BENCH_PYTHON`), `alembic check` runs on the same database.
//! A second table puts the pre-commit case beside `tether validate` (Prisma's parser and
//! validator alone): warm `gen` and `gen --check` (answered from the warm-run record), and
//! `gen --check --no-cache` (everything lowered, replayed and rendered).
//!
//! Then the fleet figures (skipped with `TETHER_BENCH_FLEET=0`): 100 PostgreSQL databases of 49
//! tables checked by one `tether check-drift` with 100 `--url`s versus a shell loop of 100 single
//! runs, on loopback and again through a proxy that delays every byte 5 ms each way (a database
//! in a nearby region; `latency_proxy.rs`), and one database with 300 tenant schemas of 19
//! tables checked with `--db-schema 'tenant_*'` (and with 30, to show the round trips do not
//! grow).
//!
//! Rules: figures are printed, never asserted. Each figure is the median of several runs.
//! PostgreSQL comes from `TETHER_TEST_POSTGRES_URL` (default: the local server); without one
//! the database rows say so. `TETHER_BENCH_SIZES=10,100` picks other sizes.

mod latency_proxy;
mod schema_gen;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

const CONFIG: &str = r#"schema = "schema.prisma"

[migrations]
dialects = ["sqlite", "postgresql"]

[python]
models = "generated/python/models.py"
pydantic = "generated/python/schemas.py"
alembic_versions = "generated/python/versions"
alembic_dialect = "postgresql"

[typescript]
out = "generated/typescript/models.ts"

[rust]
out = "generated/rust/models.rs"
"#;

struct Measure {
    wall: Duration,
    peak_kib: Option<u64>,
    stdout: String,
}

/// Runs a command RUNS times (after a warm-up); the median wall time and the largest peak RSS.
fn measure(dir: &Path, program: &Path, args: &[&str], runs: usize, expect: &[i32]) -> Measure {
    let mut walls = Vec::new();
    let mut peak = None;
    let mut stdout = String::new();
    for _ in 0..runs {
        let time = Path::new("/usr/bin/time");
        let mut command = if time.exists() {
            let mut c = Command::new(time);
            c.arg("-f").arg("TETHER_BENCH_PEAK=%M").arg(program);
            c
        } else {
            Command::new(program)
        };
        command.args(args).current_dir(dir).env("NO_COLOR", "1");
        let start = Instant::now();
        let output = command.output().expect("the benchmark runs its command");
        walls.push(start.elapsed());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            expect.contains(&output.status.code().unwrap_or(-1)),
            "{} {args:?} failed:\n{stderr}",
            program.display()
        );
        if let Some(kib) = stderr
            .lines()
            .find_map(|l| l.strip_prefix("TETHER_BENCH_PEAK="))
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            peak = Some(peak.map_or(kib, |p: u64| p.max(kib)));
        }
        stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    }
    walls.sort();
    Measure {
        wall: walls[walls.len() / 2],
        peak_kib: peak,
        stdout,
    }
}

/// `run` relative to `base`: time and peak memory, as "1.1x time, 1.0x memory".
fn ratios(run: &Measure, base: &Measure) -> String {
    let time = run.wall.as_secs_f64() / base.wall.as_secs_f64();
    match (run.peak_kib, base.peak_kib) {
        (Some(r), Some(b)) => format!("{time:.1}x time, {:.1}x memory", r as f64 / b as f64),
        _ => format!("{time:.1}x time"),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn mib(kib: Option<u64>) -> String {
    kib.map(|k| format!("{:.0} MiB", k as f64 / 1024.0))
        .unwrap_or_else(|| "n/a".to_owned())
}

fn python() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("TETHER_BENCH_PYTHON") {
        return Some(PathBuf::from(p));
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/python-venv/bin/python");
    let ok = venv.exists()
        && Command::new(&venv)
            .args(["-c", "import alembic, sqlalchemy, psycopg"])
            .output()
            .is_ok_and(|o| o.status.success());
    ok.then_some(venv)
}

/// A fresh PostgreSQL database; dropped by the returned guard.
struct Database {
    admin: String,
    name: String,
    url: String,
}

impl Database {
    fn create(size: usize) -> Option<Database> {
        let admin = std::env::var("TETHER_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgresql://postgres@127.0.0.1:5432/postgres".to_owned());
        let name = format!("tether_bench_{size}_{}", std::process::id());
        let mut client = postgres::Client::connect(&admin, postgres::NoTls).ok()?;
        // CREATE DATABASE cannot share a (transactional) batch with anything else.
        client
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .ok()?;
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .ok()?;
        let url = format!(
            "{}/{name}",
            admin
                .rsplit_once('/')
                .map(|(base, _)| base)
                .unwrap_or(&admin)
        );
        Some(Database { admin, name, url })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

const ALEMBIC_ENV: &str = r#"import sys
from pathlib import Path
from alembic import context
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent / "generated" / "python"))
import models  # noqa: E402

engine = sa.create_engine(context.config.get_main_option("sqlalchemy.url"), poolclass=sa.pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=models.Base.metadata, include_object=models.include_object_for("postgresql"))
    with context.begin_transaction():
        context.run_migrations()
"#;

/// Builds the N-model database as a schema grows, 250 models per migration: one migration that
/// creates thousands of objects in one transaction can exceed PostgreSQL's lock table.
fn build_in_stages(tether: &Path, n: usize, url: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tether.toml"),
        "schema = \"schema.prisma\"\n[migrations]\ndialects = [\"postgresql\"]\n",
    )
    .unwrap();
    let mut sizes: Vec<usize> = (250..n).step_by(250).collect();
    sizes.push(n);
    for size in sizes {
        std::fs::write(
            dir.path().join("schema.prisma"),
            schema_gen::schema(size, "postgresql"),
        )
        .unwrap();
        measure(
            dir.path(),
            tether,
            &["gen", "--name", &format!("to_{size}")],
            1,
            &[0],
        );
        measure(
            dir.path(),
            tether,
            &["migrate", "apply", "--url", url],
            1,
            &[0],
        );
    }
}

/// An admin connection to the benchmark's PostgreSQL server.
fn admin_client() -> Option<(String, postgres::Client)> {
    let admin = std::env::var("TETHER_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgresql://postgres@127.0.0.1:5432/postgres".to_owned());
    let client = postgres::Client::connect(&admin, postgres::NoTls).ok()?;
    Some((admin, client))
}

fn database_url(admin: &str, name: &str) -> String {
    let base = admin
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(admin);
    format!("{base}/{name}")
}

/// One `check-drift` with every URL versus a loop of single runs, printed as a table.
fn fleet_versus_loop(p: &Path, tether: &Path, title: &str, urls: &[String]) {
    let mut args: Vec<&str> = vec!["check-drift"];
    for url in urls {
        args.extend(["--url", url]);
    }
    let one = measure(p, tether, &args, 3, &[0]);
    let start = Instant::now();
    for url in urls {
        measure(p, tether, &["check-drift", "--url", url], 1, &[0]);
    }
    let looped = start.elapsed();
    let n = urls.len();
    println!();
    println!("| {title} | time | peak memory |");
    println!("|---|---:|---:|");
    println!(
        "| one `check-drift` with {n} `--url`s (8 at a time) | {} | {} |",
        ms(one.wall),
        mib(one.peak_kib)
    );
    println!(
        "| a shell loop of {n} `check-drift` runs | {} | - |",
        ms(looped)
    );
    println!(
        "| speed-up | {:.1}x | |",
        looped.as_secs_f64() / one.wall.as_secs_f64()
    );
}

/// The server's address in a `postgresql://user@host:port/db` URL.
fn server_address(url: &str) -> std::net::SocketAddr {
    use std::net::ToSocketAddrs;
    let (_, rest) = url.split_once("://").unwrap();
    let authority = rest.split('/').next().unwrap();
    let host_port = authority.rsplit('@').next().unwrap();
    let host_port = if host_port.contains(':') {
        host_port.to_owned()
    } else {
        format!("{host_port}:5432")
    };
    host_port.to_socket_addrs().unwrap().next().unwrap()
}

/// `url` pointed at `127.0.0.1:port` instead of its server.
fn with_address(url: &str, port: u16) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let user = authority
        .rsplit_once('@')
        .map(|(user, _)| format!("{user}@"))
        .unwrap_or_default();
    format!("{scheme}://{user}127.0.0.1:{port}/{path}")
}

/// (a) 100 databases in one check versus a loop of single checks; (b) tenant schemas.
fn fleet(tether: &Path) {
    let Some((admin, mut client)) = admin_client() else {
        println!("fleet: no PostgreSQL server (TETHER_TEST_POSTGRES_URL)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("schema.prisma"),
        schema_gen::schema(25, "postgresql"),
    )
    .unwrap();
    std::fs::write(
        p.join("tether.toml"),
        "schema = \"schema.prisma\"\n[migrations]\ndialects = [\"postgresql\"]\n",
    )
    .unwrap();
    measure(p, tether, &["gen"], 1, &[0]);
    let pid = std::process::id();
    let template = format!("tether_bench_fleet_{pid}_template");
    let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {template}"));
    client
        .batch_execute(&format!("CREATE DATABASE {template}"))
        .unwrap();
    measure(
        p,
        tether,
        &[
            "migrate",
            "apply",
            "--url",
            &database_url(&admin, &template),
        ],
        1,
        &[0],
    );
    let names: Vec<String> = (0..100)
        .map(|i| format!("tether_bench_fleet_{pid}_{i}"))
        .collect();
    for name in &names {
        let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"));
        client
            .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .unwrap();
    }
    let urls: Vec<String> = names.iter().map(|n| database_url(&admin, n)).collect();
    fleet_versus_loop(
        p,
        tether,
        "fleet (100 databases of 49 tables), loopback",
        &urls,
    );

    // The same fleet across a network: every byte 5 ms late each way (10 ms round trips, a
    // database in a nearby region), through a delaying proxy on loopback.
    let delay = Duration::from_millis(5);
    let proxy = latency_proxy::start(server_address(&admin), delay);
    let remote: Vec<String> = urls.iter().map(|u| with_address(u, proxy)).collect();
    let title = format!("the same fleet at {} ms round trips", 2 * delay.as_millis());
    fleet_versus_loop(p, tether, &title, &remote);
    for name in names.iter().chain(std::iter::once(&template)) {
        let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }

    // (b) One database, tenant schemas of 19 tables each, built from the migration's SQL.
    std::fs::write(
        p.join("schema.prisma"),
        schema_gen::schema(10, "postgresql"),
    )
    .unwrap();
    let _ = std::fs::remove_dir_all(p.join("migrations"));
    measure(p, tether, &["gen"], 1, &[0]);
    let migration = std::fs::read_dir(p.join("migrations"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path().join("migration.sql")))
        .find(|f| f.exists())
        .unwrap();
    let sql = std::fs::read_to_string(migration).unwrap();
    let tenants_db = format!("tether_bench_tenants_{pid}");
    let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {tenants_db}"));
    client
        .batch_execute(&format!("CREATE DATABASE {tenants_db}"))
        .unwrap();
    let url = database_url(&admin, &tenants_db);
    let mut tenants = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    println!();
    println!(
        "| tenant schemas (19 tables each) | check-drift --db-schema 'tenant_*' | round trips | peak memory |"
    );
    println!("|---:|---:|---:|---:|");
    let mut built = 0;
    for count in [30, 300] {
        for i in built..count {
            tenants
                .batch_execute(&format!(
                    "CREATE SCHEMA tenant_{i:03}; SET search_path TO tenant_{i:03}; {sql}"
                ))
                .unwrap();
        }
        built = count;
        let run = measure(
            p,
            tether,
            &[
                "check-drift",
                "--url",
                &url,
                "--db-schema",
                "tenant_*",
                "--format",
                "json",
            ],
            3,
            &[0],
        );
        let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let trips = value["targets"][0]["round_trips"].as_u64().unwrap_or(0);
        println!(
            "| {count} | {} | {trips} | {} |",
            ms(run.wall),
            mib(run.peak_kib)
        );
    }
    drop(tenants);
    let _ = client.batch_execute(&format!(
        "DROP DATABASE IF EXISTS {tenants_db} WITH (FORCE)"
    ));
}

fn main() {
    // `cargo bench -- --bench` passes flags; nothing to parse.
    let tether = PathBuf::from(env!("CARGO_BIN_EXE_tether"));
    let sizes: Vec<usize> = std::env::var("TETHER_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        // 250 models are 499 tables: the 500-table point of the check-drift goal.
        .unwrap_or_else(|| vec![10, 100, 250, 1000]);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let python = python();

    println!(
        "tether benchmark: {cores} cores, median of {RUNS} runs, peak memory is the largest RSS seen"
    );
    println!();
    println!(
        "| models (tables) | gen (cold) | gen (warm) | gen --check | check-drift | round trips | alembic check | ratio |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut pre_commit = Vec::new();
    for &n in &sizes {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("schema.prisma"),
            schema_gen::schema(n, "postgresql"),
        )
        .unwrap();
        std::fs::write(dir.path().join("tether.toml"), CONFIG).unwrap();

        let cold = measure(dir.path(), &tether, &["gen"], 1, &[0]);
        // The run after a writing one is a full run that finds nothing to do and records it
        // (`tether gen`'s warm-run record); from then on runs are warm, as in a pre-commit hook.
        measure(dir.path(), &tether, &["gen"], 1, &[0]);
        let warm = measure(dir.path(), &tether, &["gen"], RUNS, &[0]);
        let check = measure(dir.path(), &tether, &["gen", "--check"], RUNS, &[0]);
        let validate = measure(dir.path(), &tether, &["validate"], RUNS, &[0]);
        let uncached = measure(
            dir.path(),
            &tether,
            &["gen", "--check", "--no-cache"],
            RUNS,
            &[0],
        );
        pre_commit.push(format!(
            "| {n} | {} / {} | {} / {} ({}) | {} / {} ({}) | {} / {} |",
            ms(validate.wall),
            mib(validate.peak_kib),
            ms(warm.wall),
            mib(warm.peak_kib),
            ratios(&warm, &validate),
            ms(check.wall),
            mib(check.peak_kib),
            ratios(&check, &validate),
            ms(uncached.wall),
            mib(uncached.peak_kib),
        ));

        let (drift, trips, alembic) = match Database::create(n) {
            Some(db) => {
                build_in_stages(&tether, n, &db.url);
                let drift = measure(
                    dir.path(),
                    &tether,
                    &["check-drift", "--url", &db.url, "--format", "json"],
                    RUNS,
                    &[0],
                );
                let value: serde_json::Value = serde_json::from_str(&drift.stdout).unwrap();
                let trips = value["round_trips"].as_u64().unwrap_or(0);
                let alembic = python.as_ref().map(|py| {
                    std::fs::write(dir.path().join("env.py"), ALEMBIC_ENV).unwrap();
                    std::fs::write(
                        dir.path().join("alembic.ini"),
                        format!(
                            "[alembic]\nscript_location = .\nsqlalchemy.url = {}\n",
                            db.url.replacen("postgresql://", "postgresql+psycopg://", 1)
                        ),
                    )
                    .unwrap();
                    let script = dir.path().join("script.py.mako");
                    std::fs::write(script, "").unwrap();
                    std::fs::create_dir_all(dir.path().join("versions")).unwrap();
                    let bin = py.parent().unwrap().join("alembic");
                    measure(dir.path(), &bin, &["check"], RUNS.min(3), &[0, 1])
                });
                (Some(drift), trips.to_string(), alembic)
            }
            None => (None, "no database".to_owned(), None),
        };
        let ratio = match (&drift, &alembic) {
            (Some(d), Some(a)) => format!("{:.0}x", a.wall.as_secs_f64() / d.wall.as_secs_f64()),
            _ => "n/a".to_owned(),
        };
        println!(
            "| {n} ({}) | {} / {} | {} / {} | {} / {} | {} | {trips} | {} | {ratio} |",
            2 * n - 1,
            ms(cold.wall),
            mib(cold.peak_kib),
            ms(warm.wall),
            mib(warm.peak_kib),
            ms(check.wall),
            mib(check.peak_kib),
            drift
                .as_ref()
                .map(|d| format!("{} / {}", ms(d.wall), mib(d.peak_kib)))
                .unwrap_or_else(|| "n/a".to_owned()),
            alembic
                .as_ref()
                .map(|a| ms(a.wall))
                .unwrap_or_else(|| "not installed".to_owned()),
        );
    }
    println!();
    println!("| models | validate | gen (warm) | gen --check (warm) | gen --check --no-cache |");
    println!("|---:|---:|---:|---:|---:|");
    for row in &pre_commit {
        println!("{row}");
    }
    if std::env::var("TETHER_BENCH_FLEET").as_deref() != Ok("0") {
        fleet(&tether);
    }
}
