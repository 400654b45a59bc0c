//! `tether db pull` (issue #15): for every fixture on SQLite, PostgreSQL and MariaDB, the
//! database tether's migrations build is pulled into a fresh file, and then the pulled schema
//! validates, `check-drift` with it finds nothing, pulling again gives the same bytes, and its
//! own first migration builds a database that `check-drift` with the original schema finds
//! identical. Pull refuses to replace an existing schema without `--force`.

mod common;

use common::{Target, fixture_cases, root, tether};
use std::path::Path;

fn config(dir: &Path, schema: &str, dialect: &str, migrations: &str) {
    std::fs::write(
        dir.join("tether.toml"),
        format!("schema = {schema:?}\n\n[migrations]\ndir = {migrations:?}\ndialects = [\"{dialect}\"]\n"),
    )
    .unwrap();
}

fn round_trip(target: Target) {
    let mut failures = Vec::new();
    let mut tested = 0;
    for (schema, dialects) in fixture_cases() {
        if !dialects.contains(&target) {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let Some(built) = target.database(p, "built") else {
            return;
        };
        let case = format!("{} on {}", schema.display(), target.dialect());
        let original = schema.to_str().unwrap();
        config(p, original, target.dialect(), "migrations");
        tether(p, ["gen"]).expect_code(0);
        tether(p, ["migrate", "apply", "--url", &built.url]).expect_code(0);
        let pull = tether(
            p,
            ["db", "pull", "--url", &built.url, "--out", "pulled.prisma"],
        );
        if pull.code != 0 {
            failures.push(format!("{case}: pull failed:\n{}", pull.stderr));
            continue;
        }
        tested += 1;
        let pulled = std::fs::read_to_string(p.join("pulled.prisma")).unwrap();
        let drift = tether(
            p,
            [
                "check-drift",
                "--schema",
                "pulled.prisma",
                "--url",
                &built.url,
            ],
        );
        if drift.code != 0 {
            failures.push(format!(
                "{case}: drift with the pulled schema:\n{}{}\n--- pulled\n{pulled}",
                drift.stdout, drift.stderr
            ));
            continue;
        }
        let again = tether(p, ["db", "pull", "--url", &built.url, "--print"]).expect_code(0);
        if again.stdout != pulled {
            failures.push(format!("{case}: a second pull differs"));
        }
        // The pulled schema's own migration builds the same database.
        config(p, "pulled.prisma", target.dialect(), "pulled-migrations");
        tether(p, ["gen"]).expect_code(0);
        let rebuilt = target
            .database(p, "rebuilt")
            .expect("the server answered above");
        tether(p, ["migrate", "apply", "--url", &rebuilt.url]).expect_code(0);
        config(p, original, target.dialect(), "migrations");
        let same = tether(p, ["check-drift", "--url", &rebuilt.url]);
        if same.code != 0 {
            failures.push(format!(
                "{case}: the pulled schema's migration builds another database:\n{}",
                same.stdout
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(
        tested >= 5,
        "only {tested} fixtures pulled on {}",
        target.dialect()
    );
}

#[test]
fn every_fixture_pulls_back_on_sqlite() {
    round_trip(Target::Sqlite);
}

#[test]
fn every_fixture_pulls_back_on_postgres() {
    round_trip(Target::Postgres);
}

#[test]
fn every_fixture_pulls_back_on_mysql() {
    round_trip(Target::Mysql);
}

/// The configured schema is not replaced without `--force`, and nothing is written on refusal.
#[test]
fn pull_does_not_replace_a_schema_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let schema = root().join("schema/schema.prisma");
    std::fs::copy(&schema, p.join("schema.prisma")).unwrap();
    config(p, "schema.prisma", "sqlite", "migrations");
    tether(p, ["gen"]).expect_code(0);
    let url = format!("sqlite:{}", p.join("dev.db").display());
    tether(p, ["migrate", "apply", "--url", &url]).expect_code(0);
    let before = std::fs::read_to_string(p.join("schema.prisma")).unwrap();
    let refused = tether(p, ["db", "pull", "--url", &url]).expect_code(2);
    assert!(refused.stderr.contains("--force"), "{refused:#?}");
    assert_eq!(
        std::fs::read_to_string(p.join("schema.prisma")).unwrap(),
        before
    );
    tether(p, ["db", "pull", "--url", &url, "--force"]).expect_code(0);
    let after = std::fs::read_to_string(p.join("schema.prisma")).unwrap();
    assert!(after.contains("model users {"), "{after}");
    tether(p, ["check-drift", "--url", &url]).expect_code(0);
}
