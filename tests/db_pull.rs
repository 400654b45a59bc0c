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

/// The datasource block of a fixture that lists database schemas (`schemas = [...]`).
fn multi_schema_datasource(schema: &Path) -> Option<String> {
    let text = std::fs::read_to_string(schema).ok()?;
    let start = text.find("datasource ")?;
    let end = start + text[start..].find("\n}")? + 2;
    let block = &text[start..end];
    block.contains("schemas").then(|| format!("{block}\n"))
}

fn round_trip(target: Target) {
    let mut failures = Vec::new();
    let mut repull_changes = Vec::new();
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
        // A multiSchema database is pulled as Prisma pulls one: into a file whose datasource
        // lists the schemas.
        if let Some(datasource) = multi_schema_datasource(&schema) {
            std::fs::write(p.join("pulled.prisma"), datasource).unwrap();
        }
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
        let again = tether(
            p,
            ["db", "pull", "--url", &built.url, "--out", "pulled.prisma"],
        );
        if again.code != 0 || std::fs::read_to_string(p.join("pulled.prisma")).unwrap() != pulled {
            failures.push(format!("{case}: a second pull differs:\n{again:#?}"));
        }
        // Pulled into the schema the database was built from, nothing changes (one file:
        // a re-pull writes one).
        if schema.is_dir() {
            continue;
        }
        let source = std::fs::read_to_string(&schema).unwrap();
        if !source.contains(&format!("provider = \"{}\"", target.dialect())) {
            continue;
        }
        std::fs::write(p.join("repull.prisma"), &source).unwrap();
        let repull = tether(
            p,
            ["db", "pull", "--url", &built.url, "--out", "repull.prisma"],
        );
        let repulled = std::fs::read_to_string(p.join("repull.prisma")).unwrap();
        if repull.code != 0 || repulled != source {
            let diff = similar::TextDiff::from_lines(&source, &repulled)
                .unified_diff()
                .header("schema", "re-pulled")
                .to_string();
            repull_changes.push(format!(
                "{case}: re-pull changed the schema:\n{}{diff}",
                repull.stderr
            ));
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
    assert!(repull_changes.is_empty(), "{}", repull_changes.join("\n\n"));
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

/// Pulling into the configured schema keeps what it says (names, comments, order, enums SQLite
/// keeps as text): the README's example comes back byte for byte. A file that is not a schema of
/// this database is replaced only with `--force`, and nothing is written on refusal.
#[test]
fn pull_into_a_schema_keeps_it_and_refuses_what_is_not_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let schema = root().join("schema/schema.prisma");
    let source = std::fs::read_to_string(&schema).unwrap();
    std::fs::write(p.join("schema.prisma"), &source).unwrap();
    config(p, "schema.prisma", "sqlite", "migrations");
    tether(p, ["gen"]).expect_code(0);
    let url = format!("sqlite:{}", p.join("dev.db").display());
    tether(p, ["migrate", "apply", "--url", &url]).expect_code(0);
    tether(p, ["db", "pull", "--url", &url]).expect_code(0);
    assert_eq!(
        std::fs::read_to_string(p.join("schema.prisma")).unwrap(),
        source
    );

    std::fs::write(p.join("notes.prisma"), "these are not a schema\n").unwrap();
    let refused = tether(p, ["db", "pull", "--url", &url, "--out", "notes.prisma"]).expect_code(2);
    assert!(refused.stderr.contains("--force"), "{refused:#?}");
    assert_eq!(
        std::fs::read_to_string(p.join("notes.prisma")).unwrap(),
        "these are not a schema\n"
    );
    tether(
        p,
        [
            "db",
            "pull",
            "--url",
            &url,
            "--out",
            "notes.prisma",
            "--force",
        ],
    )
    .expect_code(0);
    let after = std::fs::read_to_string(p.join("notes.prisma")).unwrap();
    assert!(after.contains("model users {"), "{after}");
}
