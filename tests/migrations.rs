//! Migrations against real databases: every fixture builds, drifts nothing, goes down to empty
//! and back; every evolution pair (fixtures/evolution) migrates v1 -> v2 and back; rows survive
//! renames and SQLite table rebuilds. SQLite always runs; PostgreSQL and MariaDB run when their
//! URLs are set (and must be set under CI).

mod common;

use common::Target;
use common::sql;
use common::{evolution_cases, fixture_cases, migration_folders, root, tether};
use std::path::Path;

/// A temporary project with a database for one dialect.
struct Project {
    dir: tempfile::TempDir,
    url: String,
    _db: common::Database,
}

impl Project {
    /// `None` when the dialect's server is not configured (the helper says it skipped).
    fn new(dialect: Target, schema: &str) -> Option<Project> {
        let dir = tempfile::tempdir().unwrap();
        let db = dialect.database(dir.path(), "dev")?;
        let url = db.url.clone();
        std::fs::write(
            dir.path().join("tether.toml"),
            format!(
                "schema = {schema:?}\n\n[migrations]\ndialects = [\"{}\"]\n",
                dialect.dialect()
            ),
        )
        .unwrap();
        Some(Project { dir, url, _db: db })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> common::Run {
        tether(self.path(), args)
    }

    fn run_db(&self, args: &[&str]) -> common::Run {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--url", &self.url]);
        tether(self.path(), all)
    }

    fn migration_count(&self) -> usize {
        migration_folders(&self.path().join("migrations")).len()
    }

    /// `check-drift --format json`: (exit code, kinds of the differences).
    fn drift(&self) -> (i32, Vec<String>) {
        let run = self.run_db(&["check-drift", "--format", "json"]);
        let value: serde_json::Value =
            serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:#?}"));
        let kinds = value["differences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["kind"].as_str().unwrap().to_owned())
            .collect();
        (run.code, kinds)
    }
}

/// gen -> gen --check -> gen (no second migration) -> apply -> no drift -> down (all missing)
/// -> apply -> no drift.
fn round_trip(dialect: Target) {
    let mut tested = 0;
    for (schema, dialects) in fixture_cases() {
        if !dialects.contains(&dialect) {
            continue;
        }
        let Some(p) = Project::new(dialect, schema.to_str().unwrap()) else {
            return;
        };
        let case = format!("{} on {}", schema.display(), dialect.dialect());
        p.run(&["gen"]).expect_code(0);
        p.run(&["gen", "--check"]).expect_code(0);
        let again = p.run(&["gen"]).expect_code(0);
        assert!(
            again.stderr.contains("no new migration"),
            "{case}: {again:#?}"
        );
        assert_eq!(
            p.migration_count(),
            1,
            "{case}: running gen twice wrote two migrations"
        );

        p.run_db(&["migrate", "apply"]).expect_code(0);
        assert_eq!(p.drift(), (0, vec![]), "{case}: drift right after apply");

        p.run_db(&["migrate", "down"]).expect_code(0);
        let (code, kinds) = p.drift();
        assert_eq!(code, 1, "{case}: an emptied database must drift");
        assert!(
            kinds.contains(&"missing_table".to_owned()),
            "{case}: {kinds:?}"
        );
        assert!(
            kinds.iter().all(|k| k.starts_with("missing_")),
            "{case}: down.sql left objects behind: {kinds:?}"
        );

        p.run_db(&["migrate", "apply"]).expect_code(0);
        assert_eq!(
            p.drift(),
            (0, vec![]),
            "{case}: drift after down and apply again"
        );
        tested += 1;
    }
    assert!(
        tested >= 5,
        "only {tested} fixtures ran on {}",
        dialect.dialect()
    );
}

#[test]
fn every_fixture_round_trips_on_sqlite() {
    round_trip(Target::Sqlite);
}

#[test]
fn every_fixture_round_trips_on_postgres() {
    round_trip(Target::Postgres);
}

#[test]
fn every_fixture_round_trips_on_mysql() {
    round_trip(Target::Mysql);
}

/// v1 -> v2 for each evolution pair: the new migration replays to exactly the v2 schema
/// (`gen --check`), applies to the v1 database, which then matches v2; down returns it to v1.
fn evolve(dialect: Target) {
    let mut tested = 0;
    for case in evolution_cases() {
        let Some(p) = Project::new(dialect, "schema.prisma") else {
            return;
        };
        let name = format!(
            "{} on {}",
            case.file_name().unwrap().to_string_lossy(),
            dialect.dialect()
        );
        let use_version = |v: &str| {
            std::fs::copy(
                case.join(format!("{v}.prisma")),
                p.path().join("schema.prisma"),
            )
            .unwrap()
        };

        use_version("v1");
        p.run(&["gen", "--name", "v1"]).expect_code(0);
        p.run_db(&["migrate", "apply"]).expect_code(0);

        use_version("v2");
        let stale = p.run(&["gen", "--check"]).expect_code(1);
        assert!(
            stale.stdout.contains("missing migration"),
            "{name}: {stale:#?}"
        );
        p.run(&["gen", "--name", "v2"]).expect_code(0);
        p.run(&["gen", "--check"]).expect_code(0);
        assert_eq!(p.migration_count(), 2, "{name}");
        let (code, kinds) = p.drift();
        assert_eq!(
            code, 1,
            "{name}: v1 database should drift from v2 before apply ({kinds:?})"
        );
        p.run_db(&["migrate", "apply"]).expect_code(0);
        assert_eq!(
            p.drift(),
            (0, vec![]),
            "{name}: database does not match v2 after apply"
        );
        // Rows written under v2 (`rows.sql`, `"` quoting): down.sql must apply over them.
        if let Ok(rows) = std::fs::read_to_string(case.join("rows.sql")) {
            let rows = match dialect {
                Target::Mysql => rows.replace('"', "`"),
                _ => rows,
            };
            sql::execute(&p.url, &rows);
        }

        p.run_db(&["migrate", "down"]).expect_code(0);
        use_version("v1");
        assert_eq!(
            p.drift(),
            (0, vec![]),
            "{name}: database does not match v1 after down"
        );
        tested += 1;
    }
    assert!(tested >= 7, "only {tested} evolution cases ran");
}

#[test]
fn evolution_pairs_on_sqlite() {
    evolve(Target::Sqlite);
}

#[test]
fn evolution_pairs_on_postgres() {
    evolve(Target::Postgres);
}

#[test]
fn evolution_pairs_on_mysql() {
    evolve(Target::Mysql);
}

/// A rename keeps the rows; a SQLite rebuild of a parent table keeps the children's rows (no
/// ON DELETE CASCADE fires while the old table is dropped).
fn rows_survive(dialect: Target) {
    let Some(p) = Project::new(dialect, "schema.prisma") else {
        return;
    };
    let write = |text: &str| std::fs::write(p.path().join("schema.prisma"), text).unwrap();
    let v1 = r#"datasource db {
  provider = "sqlite"
}

model Owner {
  id   Int    @id
  name String @map("full_name")
  pets Pet[]
}

model Pet {
  id      Int   @id
  owner   Owner @relation(fields: [ownerId], references: [id], onDelete: Cascade)
  ownerId Int
}
"#;
    write(v1);
    p.run(&["gen"]).expect_code(0);
    p.run_db(&["migrate", "apply"]).expect_code(0);
    let q = |s: &str| match dialect {
        Target::Mysql => s.replace('"', "`"),
        _ => s.to_owned(),
    };
    sql::execute(
        &p.url,
        &q(
            r#"INSERT INTO "Owner" ("id", "full_name") VALUES (1, 'Ada'); INSERT INTO "Pet" ("id", "ownerId") VALUES (10, 1), (11, 1)"#,
        ),
    );

    // Rename a column and a table, and change the parent's column type (a rebuild on SQLite).
    let v2 = v1
        .replace(
            "model Owner {",
            "/// @tether.renamed(from: \"Owner\")\nmodel Person {",
        )
        .replace(
            "  name String @map(\"full_name\")",
            "  /// @tether.renamed(from: \"full_name\")\n  name String? @map(\"display_name\")",
        )
        .replace("owner   Owner", "owner   Person");
    write(&v2);
    let generated = p.run(&["gen", "--name", "rename"]).expect_code(0);
    p.run_db(&["migrate", "apply"]).expect_code(0);
    assert_eq!(p.drift(), (0, vec![]), "{generated:#?}");
    assert_eq!(
        sql::column(&p.url, &q(r#"SELECT "display_name" FROM "Person""#)),
        vec!["Ada"]
    );
    assert_eq!(
        sql::column(&p.url, &q(r#"SELECT "id" FROM "Pet" ORDER BY "id""#)),
        vec!["10", "11"]
    );
}

#[test]
fn rows_survive_renames_and_rebuilds_on_sqlite() {
    rows_survive(Target::Sqlite);
}

#[test]
fn rows_survive_renames_on_postgres() {
    rows_survive(Target::Postgres);
}

#[test]
fn rows_survive_renames_on_mysql() {
    rows_survive(Target::Mysql);
}

/// A declared rename whose `from` is in neither the previous schema nor renamed already (#13
/// item 13): the plan is a drop and a create, and `gen` says so, naming the directive's line.
#[test]
fn a_rename_that_names_nothing_is_warned_with_its_line() {
    let Some(p) = Project::new(Target::Sqlite, "schema.prisma") else {
        return;
    };
    let write = |text: &str| std::fs::write(p.path().join("schema.prisma"), text).unwrap();
    let v1 = "datasource db {\n  provider = \"sqlite\"\n}\n\nmodel Owner {\n  id   Int    @id\n  name String\n}\n";
    write(v1);
    let first = p.run(&["gen"]).expect_code(0);
    assert!(!first.stderr.contains("names nothing"), "{first:#?}");
    let v2 = v1
        .replace(
            "model Owner {",
            "/// @tether.renamed(from: \"Ownr\")\nmodel Person {",
        )
        .replace(
            "  name String\n",
            "  /// @tether.renamed(from: \"nmae\")\n  title String\n",
        );
    write(&v2);
    let run = p.run(&["gen"]).expect_code(0);
    let expected = "warning: sqlite: schema.prisma:5: `@tether.renamed(from: \"Ownr\")` names nothing: no table `Ownr` (nor `Person`) in the migrations so far, so table `Person` is created, not renamed; a table it was meant to replace is dropped with its data";
    assert!(
        run.stderr.contains(expected),
        "want {expected:?} in {run:#?}"
    );
    assert_eq!(run.stderr.matches("names nothing").count(), 1, "{run:#?}");
    // The column's table is new, so its rename is not judged; on a kept table it is.
    let v3 = v1.replace(
        "  name String\n",
        "  /// @tether.renamed(from: \"nmae\")\n  title String\n",
    );
    std::fs::remove_dir_all(p.path().join("migrations")).unwrap();
    write(v1);
    p.run(&["gen"]).expect_code(0);
    write(&v3);
    let run = p.run(&["gen"]).expect_code(0);
    let expected = "warning: sqlite: schema.prisma:7: `@tether.renamed(from: \"nmae\")` names nothing: table `Owner` has no column `nmae` (nor `title`) in the migrations so far, so column `title` is created, not renamed; a column it was meant to replace is dropped with its data";
    assert!(
        run.stderr.contains(expected),
        "want {expected:?} in {run:#?}"
    );
}

#[test]
fn destructive_changes_are_warned_and_can_be_denied() {
    let Some(p) = Project::new(Target::Sqlite, "schema.prisma") else {
        return;
    };
    let write = |text: &str| std::fs::write(p.path().join("schema.prisma"), text).unwrap();
    write(
        "datasource db {\n  provider = \"sqlite\"\n}\n\nmodel A {\n  id  Int    @id\n  old String\n}\n",
    );
    p.run(&["gen"]).expect_code(0);
    write(
        "datasource db {\n  provider = \"sqlite\"\n}\n\nmodel A {\n  id  Int    @id\n  new String\n}\n",
    );
    let denied = p.run(&["gen", "--deny-destructive"]).expect_code(1);
    assert!(
        denied.stderr.contains("dropping column `A.old`"),
        "{denied:#?}"
    );
    assert!(
        denied
            .stderr
            .contains("adding required column `A.new` without a default"),
        "{denied:#?}"
    );
    assert_eq!(
        p.migration_count(),
        1,
        "--deny-destructive must not write the migration"
    );

    let plan = p
        .run(&["migrate", "plan", "--format", "json"])
        .expect_code(0);
    let value: serde_json::Value = serde_json::from_str(&plan.stdout).unwrap();
    let changes = value[0]["changes"].as_array().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c["destructive"] == true && c["kind"] == "RedefineTables"),
        "{plan:#?}"
    );

    p.run(&["gen"]).expect_code(0);
    let dir = migration_folders(&p.path().join("migrations"))
        .pop()
        .unwrap();
    let up = std::fs::read_to_string(dir.join("migration.sql")).unwrap();
    assert!(up.starts_with("-- WARNING: "), "{up}");
    let down = std::fs::read_to_string(dir.join("down.sql")).unwrap();
    assert!(down.contains("WARNING: going back loses data"), "{down}");
}

/// A renamed model's primary key constraint and serial sequence take the names a fresh
/// migration gives them (Prisma's `Client_pkey`, PostgreSQL's `Client_id_seq`), and the sequence
/// still fills new rows.
#[test]
fn a_renamed_table_keeps_prisma_names_for_its_key_and_sequence_on_postgres() {
    let case = root().join("fixtures/evolution/renames");
    let Some(p) = Project::new(Target::Postgres, "schema.prisma") else {
        return;
    };
    let copy = |version: &str| {
        std::fs::copy(case.join(version), p.path().join("schema.prisma")).unwrap();
    };
    copy("v1.prisma");
    p.run(&["gen"]).expect_code(0);
    p.run_db(&["migrate", "apply"]).expect_code(0);
    copy("v2.prisma");
    p.run(&["gen", "--name", "rename"]).expect_code(0);
    p.run_db(&["migrate", "apply"]).expect_code(0);
    assert_eq!(p.drift(), (0, vec![]));
    assert_eq!(
        sql::column(
            &p.url,
            r#"SELECT conname::text FROM pg_constraint WHERE conrelid = '"Client"'::regclass AND contype = 'p'"#
        ),
        vec!["Client_pkey"]
    );
    assert_eq!(
        sql::column(&p.url, r#"SELECT pg_get_serial_sequence('"Client"', 'id')"#),
        vec![r#"public."Client_id_seq""#]
    );
    sql::execute(
        &p.url,
        r#"INSERT INTO "Client" ("display_name", "city") VALUES ('Ada', 'Oslo')"#,
    );
    assert_eq!(
        sql::column(&p.url, r#"SELECT "id"::text FROM "Client""#),
        vec!["1"]
    );
}

/// Renaming a model keeps the rows of its implicit many-to-many tables: the join table is
/// renamed with it, and where the models' order changes, `A` and `B` trade places.
fn join_rows_survive_model_renames(dialect: Target) {
    let case = root().join("fixtures/evolution/many-to-many-renames");
    let Some(p) = Project::new(dialect, "schema.prisma") else {
        return;
    };
    let copy = |version: &str| {
        std::fs::copy(case.join(version), p.path().join("schema.prisma")).unwrap();
    };
    let q = |s: &str| match dialect {
        Target::Mysql => s.replace('"', "`"),
        _ => s.to_owned(),
    };
    copy("v1.prisma");
    p.run(&["gen"]).expect_code(0);
    p.run_db(&["migrate", "apply"]).expect_code(0);
    sql::execute(
        &p.url,
        &q(r#"INSERT INTO "Product" ("id", "name") VALUES (1, 'lamp');
INSERT INTO "Tag" ("id", "label") VALUES (1, 'new'), (2, 'sale');
INSERT INTO "_ProductToTag" ("A", "B") VALUES (1, 2);
INSERT INTO "Author" ("id") VALUES (7);
INSERT INTO "Book" ("id") VALUES (9);
INSERT INTO "_AuthorToBook" ("A", "B") VALUES (7, 9)"#),
    );
    copy("v2.prisma");
    let generated = p.run(&["gen", "--name", "rename"]).expect_code(0);
    assert!(
        !generated.stderr.contains("rows are lost"),
        "{dialect:?}: {generated:#?}"
    );
    p.run_db(&["migrate", "apply"]).expect_code(0);
    assert_eq!(p.drift(), (0, vec![]), "{dialect:?}");
    let pairs = |table: &str| {
        sql::column(
            &p.url,
            &q(&format!(
                r#"SELECT {} FROM "{table}""#,
                match dialect {
                    Target::Mysql => r#"CONCAT("A", '-', "B")"#,
                    _ => r#""A" || '-' || "B""#,
                }
            )),
        )
    };
    // Tag 2 tagged widget 1: `A` is now the tag.
    assert_eq!(pairs("_TagToWidget"), vec!["2-1"], "{dialect:?}");
    assert_eq!(pairs("_AuthorToNovel"), vec!["7-9"], "{dialect:?}");
}

#[test]
fn join_rows_survive_model_renames_on_sqlite() {
    join_rows_survive_model_renames(Target::Sqlite);
}

#[test]
fn join_rows_survive_model_renames_on_postgres() {
    join_rows_survive_model_renames(Target::Postgres);
}

#[test]
fn join_rows_survive_model_renames_on_mysql() {
    join_rows_survive_model_renames(Target::Mysql);
}

/// A pure rename is not destructive on any database: `gen --deny-destructive` writes it.
#[test]
fn pure_renames_pass_deny_destructive_on_every_dialect() {
    let case = root().join("fixtures/evolution/renames-with-enums");
    for dialect in Target::ALL {
        let Some(p) = Project::new(dialect, "schema.prisma") else {
            continue;
        };
        let copy = |version: &str| {
            std::fs::copy(case.join(version), p.path().join("schema.prisma")).unwrap();
        };
        copy("v1.prisma");
        p.run(&["gen"]).expect_code(0);
        copy("v2.prisma");
        let run = p.run(&["gen", "--deny-destructive", "--name", "rename"]);
        assert_eq!(run.code, 0, "{dialect:?}: {run:#?}");
        assert_eq!(p.migration_count(), 2, "{dialect:?}");
    }
}
