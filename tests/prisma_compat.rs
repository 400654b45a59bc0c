//! Compatibility with Prisma Migrate, checked by Prisma's own schema engine (run offline from
//! `../shared/tools/prisma-reference`, installed where `TETHER_PRISMA_REFERENCE` points; `.ci/run`
//! installs it). For every PostgreSQL and SQLite fixture, both ways:
//! - a database built from the SQL Prisma writes shows no drift under `tether check-drift`;
//! - a database built from tether's migration shows no drift under Prisma's own drift check.
//!
//! Without `TETHER_PRISMA_REFERENCE` the tests say they skipped, except under CI.

mod common;

use common::{Server, TestDatabase, evolution_cases, migration_folders, root, sql, tether};
use std::path::{Path, PathBuf};
use std::process::Command;

fn reference() -> Option<PathBuf> {
    match std::env::var("TETHER_PRISMA_REFERENCE") {
        Ok(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ if std::env::var_os("CI").is_some() => {
            panic!("TETHER_PRISMA_REFERENCE is not set, and CI must not skip the Prisma comparison")
        }
        _ => {
            eprintln!(
                "skipped: TETHER_PRISMA_REFERENCE not set (see README, 'Prisma compatibility')"
            );
            None
        }
    }
}

/// Runs Prisma's engine: `node se-wasm.mjs ARGS` in the reference folder.
fn prisma(reference: &Path, args: &[&str]) -> std::process::Output {
    Command::new("node")
        .arg("se-wasm.mjs")
        .args(args)
        .current_dir(reference)
        .output()
        .expect("node runs")
}

/// Fixtures whose provider Prisma's offline engine has (PostgreSQL, SQLite), as one file each.
fn fixtures(provider: &str) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut candidates = vec![root().join("schema/schema.prisma")];
    for entry in std::fs::read_dir(root().join("fixtures")).unwrap() {
        candidates.push(entry.unwrap().path().join("schema.prisma"));
    }
    for path in candidates {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if text.contains(&format!("provider = \"{provider}\"")) {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn project(schema: &Path, dialect: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(schema, dir.path().join("schema.prisma")).unwrap();
    std::fs::write(
        dir.path().join("tether.toml"),
        format!("schema = \"schema.prisma\"\n[migrations]\ndialects = [\"{dialect}\"]\n"),
    )
    .unwrap();
    dir
}

fn migration_sql(dir: &Path) -> String {
    let folder = migration_folders(&dir.join("migrations"))[0].clone();
    std::fs::read_to_string(folder.join("migration.sql")).unwrap()
}

fn both_ways(
    provider: &str,
    dialect: &str,
    fresh: &dyn Fn() -> Option<(String, Option<TestDatabase>)>,
    prisma_url: &dyn Fn(&str) -> String,
) {
    let Some(reference) = reference() else { return };
    let schemas = fixtures(provider);
    assert!(!schemas.is_empty(), "no {provider} fixtures");
    for schema in schemas {
        let case = format!("{} ({dialect})", schema.display());
        let dir = project(&schema, dialect);
        // Prisma 7 rejects `url` in the datasource (tether accepts both generations).
        let prisma7 = std::fs::read_to_string(&schema)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("url ") && !l.trim_start().starts_with("url="))
            .collect::<Vec<_>>()
            .join("\n");
        let schema_path = dir.path().join("prisma7.prisma");
        std::fs::write(&schema_path, prisma7).unwrap();
        let schema_arg = schema_path.to_str().unwrap();

        // Prisma's SQL -> tether sees no drift.
        let prisma_sql = prisma(
            &reference,
            &[
                "diff",
                "--from-empty",
                "--to-schema",
                schema_arg,
                "--script",
            ],
        );
        assert!(
            prisma_sql.status.success(),
            "{case}: {}",
            String::from_utf8_lossy(&prisma_sql.stderr)
        );
        let Some((prisma_db_url, _prisma_db)) = fresh() else {
            return;
        };
        sql::execute(
            &prisma_db_url,
            &String::from_utf8(prisma_sql.stdout).unwrap(),
        );
        let run = tether(dir.path(), ["check-drift", "--url", &prisma_db_url]);
        assert_eq!(
            run.code, 0,
            "{case}: tether finds drift in a database Prisma built:\n{run:#?}"
        );

        // tether's SQL -> Prisma's drift check says what it says of its own database (for most
        // schemas: nothing; Prisma reports some `dbgenerated` defaults even on its own).
        tether(dir.path(), ["gen"]).expect_code(0);
        let Some((tether_db_url, _tether_db)) = fresh() else {
            return;
        };
        sql::execute(&tether_db_url, &migration_sql(dir.path()));
        let verdict = |url: &str| {
            let out = prisma(
                &reference,
                &[
                    "diff",
                    "--from-db",
                    "--db",
                    &prisma_url(url),
                    "--to-schema",
                    schema_arg,
                    "--exit-code",
                    "--script",
                ],
            );
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        };
        let (on_prisma, on_tether) = (verdict(&prisma_db_url), verdict(&tether_db_url));
        // `--exit-code`: 0 no difference, 2 a difference, 1 an error (which, on both sides,
        // would make the comparison below vacuous).
        assert!(
            matches!(on_prisma.0, Some(0 | 2)),
            "{case}: Prisma's drift check failed on its own database:\n{on_prisma:#?}"
        );
        assert_eq!(
            on_tether.0, on_prisma.0,
            "{case}: Prisma judges tether's database differently:\n{on_tether:#?}\nvs its own:\n{on_prisma:#?}"
        );
        assert_eq!(
            on_tether.1, on_prisma.1,
            "{case}: Prisma's drift script differs between tether's and its own database"
        );
    }
}

#[test]
fn prisma_and_tether_agree_on_postgres() {
    both_ways(
        "postgresql",
        "postgresql",
        &|| TestDatabase::create(Server::Postgres).map(|db| (db.url.clone(), Some(db))),
        &|url| url.to_owned(),
    );
}

#[test]
fn prisma_and_tether_agree_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let counter = std::cell::Cell::new(0);
    both_ways(
        "sqlite",
        "sqlite",
        &|| {
            counter.set(counter.get() + 1);
            Some((
                format!(
                    "sqlite:{}",
                    dir.path()
                        .join(format!("db{}.sqlite", counter.get()))
                        .display()
                ),
                None,
            ))
        },
        &|url| url.replacen("sqlite:", "file:", 1),
    );
}

/// Migration folders written by Prisma replay: Prisma's SQL for every evolution pair (v1, then
/// v1 -> v2, with SQLite's table rebuilds and PRAGMAs) placed in tether's migrations folder makes
/// `tether gen --check` find the folder exactly at v2, on SQLite and PostgreSQL.
#[test]
fn migrations_written_by_prisma_replay() {
    let Some(reference) = reference() else { return };
    let mut ran = 0;
    for provider in ["sqlite", "postgresql"] {
        for case in evolution_cases() {
            if case.ends_with("renames") {
                // Prisma has no renames: its v1 -> v2 SQL for that pair is a drop and a create,
                // which tether's v2 (with the rename directives) would not match.
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            let version = |v: &str| {
                let text = std::fs::read_to_string(case.join(format!("{v}.prisma"))).unwrap();
                let path = dir.path().join(format!("{v}.prisma"));
                std::fs::write(
                    &path,
                    text.replace(
                        "provider = \"sqlite\"",
                        &format!("provider = \"{provider}\""),
                    ),
                )
                .unwrap();
                path
            };
            let (v1, v2) = (version("v1"), version("v2"));
            let script = |args: &[&str]| {
                let out = prisma(&reference, args);
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                String::from_utf8(out.stdout).unwrap()
            };
            let init = script(&[
                "diff",
                "--from-empty",
                "--to-schema",
                v1.to_str().unwrap(),
                "--script",
            ]);
            let change = script(&[
                "diff",
                "--from-schema",
                v1.to_str().unwrap(),
                "--to-schema",
                v2.to_str().unwrap(),
                "--script",
            ]);
            for (name, sql) in [
                ("20240101000000_init", init),
                ("20240102000000_change", change),
            ] {
                let folder = dir.path().join("migrations").join(name);
                std::fs::create_dir_all(&folder).unwrap();
                std::fs::write(folder.join("migration.sql"), sql).unwrap();
            }
            std::fs::write(dir.path().join("tether.toml"), "schema = \"v2.prisma\"\n").unwrap();
            let run = tether(dir.path(), ["gen", "--check"]);
            assert_eq!(
                run.code,
                0,
                "{} on {provider}: Prisma's migrations do not replay to v2:\n{run:#?}",
                case.display()
            );
            ran += 1;
        }
    }
    assert!(ran >= 12, "only {ran} cases ran");
}

/// Prisma's own `prisma migrate deploy` (the pinned CLI of the reference folder, through its
/// engine shim) on the project in `dir`, against `url` (Prisma's spelling). Returns stdout and
/// stderr together.
fn prisma_deploy(reference: &Path, dir: &Path, url: &str) -> String {
    let modules = dir.join("node_modules");
    if !modules.exists() {
        std::os::unix::fs::symlink(reference.join("node_modules"), &modules).unwrap();
    }
    std::fs::write(
        dir.join("prisma.config.ts"),
        format!(
            "import {{ defineConfig }} from \"prisma/config\";\nexport default defineConfig({{\n  schema: \"schema.prisma\",\n  migrations: {{ path: \"migrations\" }},\n  datasource: {{ url: {url:?} }},\n}});\n"
        ),
    )
    .unwrap();
    let shim = reference.join("schema-engine-shim.mjs");
    let out = Command::new("node")
        .arg(reference.join("node_modules/prisma/build/index.js"))
        .args(["migrate", "deploy"])
        .env("PRISMA_SCHEMA_ENGINE_BINARY", &shim)
        .env("PRISMA_HIDE_UPDATE_MESSAGE", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .current_dir(dir)
        .output()
        .expect("node runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "prisma migrate deploy failed:\n{text}"
    );
    text
}

/// Issue #15: with `[migrations] history = "prisma"`, what tether applies is recorded in
/// `_prisma_migrations` as Prisma records it, so Prisma's own `migrate deploy` re-applies
/// nothing; what Prisma then deploys tether counts as applied; a migration tether reverts is
/// marked rolled back, and Prisma applies it again. Both ways, no drift.
fn prisma_history_round_trip(dialect: &str, url: &str, prisma_url: &str) {
    let Some(reference) = reference() else { return };
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let schema = format!(
        "datasource db {{\n  provider = \"{dialect}\"\n}}\n\nmodel Note {{\n  id   Int    @id @default(autoincrement())\n  body String\n}}\n"
    );
    std::fs::write(p.join("schema.prisma"), &schema).unwrap();
    std::fs::write(
        p.join("tether.toml"),
        format!(
            "schema = \"schema.prisma\"\n[migrations]\ndialects = [\"{dialect}\"]\nhistory = \"prisma\"\n"
        ),
    )
    .unwrap();
    let edit = |from: &str, to: &str| {
        let text = std::fs::read_to_string(p.join("schema.prisma")).unwrap();
        std::fs::write(p.join("schema.prisma"), text.replacen(from, to, 1)).unwrap();
    };
    tether(p, ["gen", "--name", "init"]).expect_code(0);
    edit("  body String\n", "  body String\n  tag  String?\n");
    tether(p, ["gen", "--name", "tag"]).expect_code(0);
    tether(p, ["migrate", "apply", "--url", url]).expect_code(0);

    let deployed = prisma_deploy(&reference, p, prisma_url);
    assert!(
        deployed.contains("No pending migrations to apply") && !deployed.contains("modified"),
        "{dialect}: Prisma should find tether's migrations applied:\n{deployed}"
    );

    // Prisma deploys the next one; tether counts it as applied.
    edit(
        "  tag  String?\n",
        "  tag  String?\n  pinned Boolean @default(false)\n",
    );
    tether(p, ["gen", "--name", "pinned"]).expect_code(0);
    let deployed = prisma_deploy(&reference, p, prisma_url);
    assert!(deployed.contains("pinned"), "{dialect}: {deployed}");
    let status = tether(p, ["migrate", "status", "--check", "--url", url]).expect_code(0);
    assert!(!status.stdout.contains("pending"), "{status:#?}");
    tether(p, ["check-drift", "--url", url]).expect_code(0);

    // tether reverts it (its down.sql): Prisma sees it rolled back and applies it again.
    tether(p, ["migrate", "down", "--url", url]).expect_code(0);
    let status = tether(p, ["migrate", "status", "--url", url]).expect_code(0);
    assert!(status.stdout.contains("pending"), "{status:#?}");
    let deployed = prisma_deploy(&reference, p, prisma_url);
    assert!(deployed.contains("pinned"), "{dialect}: {deployed}");
    tether(p, ["check-drift", "--url", url]).expect_code(0);
    tether(p, ["migrate", "apply", "--url", url]).expect_code(0);
}

#[test]
fn prisma_migrate_deploy_and_tether_share_the_history_on_postgres() {
    let Some(db) = TestDatabase::create(Server::Postgres) else {
        return;
    };
    prisma_history_round_trip("postgresql", &db.url, &db.url);
}

#[test]
fn prisma_migrate_deploy_and_tether_share_the_history_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dev.db");
    prisma_history_round_trip(
        "sqlite",
        &format!("sqlite:{}", file.display()),
        &format!("file:{}", file.display()),
    );
}

/// `model tether_migrations { ... }`, the block Prisma's pull writes for tether's history
/// table (a tool table tether leaves out), removed.
fn without_history_model(schema: &str) -> String {
    let mut out = Vec::new();
    let mut skipping = false;
    for line in schema.lines() {
        if line.starts_with("model tether_migrations ") {
            skipping = true;
            continue;
        }
        if skipping {
            if line == "}" {
                skipping = false;
            }
            continue;
        }
        out.push(line);
    }
    let text = out.join("\n").replace("\n\n\n", "\n\n");
    format!("{}\n", text.trim_end())
}

/// Issue #15: for every PostgreSQL and SQLite fixture, `tether db pull` of the database tether's
/// migrations built is what Prisma's own `db pull` writes of it (tether's history table aside),
/// up to the differences the README names: on SQLite, `dbgenerated` keeps the parentheses SQLite
/// needs around an expression default (Prisma's pull drops them, and its own migration of the
/// result does not apply), and the relation fields of a table with several foreign keys come in
/// declaration order (Prisma's in the reverse order SQLite's pragma lists them): there the lines
/// of each file are compared as sets.
fn pull_like_prisma(
    provider: &str,
    fresh: &dyn Fn() -> Option<(String, Option<TestDatabase>)>,
    prisma_url: &dyn Fn(&str) -> String,
) {
    let Some(reference) = reference() else { return };
    let mut differences = Vec::new();
    for schema in fixtures(provider) {
        let dir = project(&schema, provider);
        let p = dir.path();
        let Some((url, _db)) = fresh() else { return };
        tether(p, ["gen"]).expect_code(0);
        tether(p, ["migrate", "apply", "--url", &url]).expect_code(0);
        let ours = tether(p, ["db", "pull", "--url", &url, "--print"]).expect_code(0);
        let base = p.join("base.prisma");
        std::fs::write(
            &base,
            format!("datasource db {{\n  provider = \"{provider}\"\n}}\n"),
        )
        .unwrap();
        let theirs = prisma(
            &reference,
            &[
                "pull",
                "--schema",
                base.to_str().unwrap(),
                "--db",
                &prisma_url(&url),
            ],
        );
        assert!(
            theirs.status.success(),
            "{}: Prisma's pull failed: {}",
            schema.display(),
            String::from_utf8_lossy(&theirs.stderr)
        );
        let mut theirs = without_history_model(&String::from_utf8_lossy(&theirs.stdout));
        let mut ours_text = format!("{}\n", ours.stdout.trim_end());
        if provider == "sqlite" {
            ours_text = ours_text
                .replace("dbgenerated(\"(", "dbgenerated(\"")
                .replace(")\"))", "\"))");
            let sorted = |text: &str| {
                let mut lines: Vec<&str> = text.lines().collect();
                lines.sort();
                lines.join("\n")
            };
            (theirs, ours_text) = (sorted(&theirs), sorted(&ours_text));
        }
        if ours_text != theirs {
            let diff = similar::TextDiff::from_lines(&theirs, &ours_text)
                .unified_diff()
                .header("prisma db pull", "tether db pull")
                .to_string();
            differences.push(format!("{}:\n{diff}", schema.display()));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn db_pull_writes_what_prismas_pull_writes_on_postgres() {
    pull_like_prisma(
        "postgresql",
        &|| TestDatabase::create(Server::Postgres).map(|db| (db.url.clone(), Some(db))),
        &|url| url.to_owned(),
    );
}

#[test]
fn db_pull_writes_what_prismas_pull_writes_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let counter = std::cell::Cell::new(0);
    pull_like_prisma(
        "sqlite",
        &|| {
            counter.set(counter.get() + 1);
            let file = dir.path().join(format!("pull{}.db", counter.get()));
            Some((format!("sqlite:{}", file.display()), None))
        },
        &|url| url.replacen("sqlite:", "file:", 1),
    );
}
