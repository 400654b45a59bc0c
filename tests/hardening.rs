//! Bad input end to end: each case gives one clear message and exit 2, never a panic, and
//! loses nothing. An enormous schema; garbage, missing and edited migrations; databases that do
//! not exist, refuse the login, or are read-only; a migration that fails part-way leaves the
//! history table true; hostile names and values round-trip through every database.

mod common;

use common::{
    Server, Target, TestDatabase, migration_folders, root, sql, tether, with_database, with_login,
};

#[path = "../benches/schema_gen.rs"]
mod schema_gen;

fn project(schema: &str, dialects: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.prisma"), schema).unwrap();
    std::fs::write(
        dir.path().join("tether.toml"),
        format!("schema = \"schema.prisma\"\n[migrations]\ndialects = [{dialects}]\n"),
    )
    .unwrap();
    dir
}

const SMALL: &str = "datasource db {\n  provider = \"sqlite\"\n}\n\nmodel A {\n  id   Int    @id\n  name String\n}\n";

/// A fresh database of `target` (SQLite: a file in `dir`); `None` when the server's URL is not
/// set (the helper says it skipped). The guard drops the database.
fn database(target: Target, dir: &std::path::Path) -> Option<(String, common::Database)> {
    let db = target.database(dir, "dev")?;
    Some((db.url.clone(), db))
}

/// One `error:` line on stderr and exit 2.
#[track_caller]
fn one_clear_error(run: common::Run, needle: &str) -> common::Run {
    let run = run.expect_code(2);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{run:#?}");
    assert!(
        errors[0].contains(needle),
        "expected `{needle}` in: {run:#?}"
    );
    run
}

#[test]
fn an_enormous_schema_validates() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("schema.prisma"),
        schema_gen::schema(10_000, "postgresql"),
    )
    .unwrap();
    let run = tether(dir.path(), ["validate"]).expect_code(0);
    assert!(run.stdout.contains("10000 models"), "{run:#?}");
}

#[test]
fn garbage_sql_in_the_migrations_folder_names_file_and_line() {
    let dir = project(SMALL, "\"sqlite\"");
    tether(dir.path(), ["gen"]).expect_code(0);
    let folder = migration_folders(&dir.path().join("migrations"))[0].clone();
    let file = folder.join("migration.sql");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\n\nCREATE TABLE \"B\" (\"id\" INTEGER);\nTHIS IS NOT SQL;\n");
    std::fs::write(&file, text.clone()).unwrap();
    let line = text.lines().position(|l| l.starts_with("THIS IS")).unwrap() + 1;
    let run = one_clear_error(tether(dir.path(), ["gen", "--check"]), "cannot parse SQL");
    assert!(
        run.stderr.contains(&format!("migration.sql:{line}:")),
        "line {line}: {run:#?}"
    );
    let unknown = "ALTER TABLE \"Nope\" ADD COLUMN \"x\" TEXT;\n";
    std::fs::write(
        &file,
        format!("{}{unknown}", text.replace("THIS IS NOT SQL;\n", "")),
    )
    .unwrap();
    one_clear_error(tether(dir.path(), ["gen"]), "table `Nope` does not exist");
}

#[test]
fn applied_migrations_that_were_edited_or_deleted_stop_apply() {
    let dir = project(SMALL, "\"sqlite\"");
    let url = format!("sqlite:{}", dir.path().join("dev.db").display());
    tether(dir.path(), ["gen"]).expect_code(0);
    tether(dir.path(), ["migrate", "apply", "--url", &url]).expect_code(0);
    let folder = migration_folders(&dir.path().join("migrations"))[0].clone();
    let file = folder.join("migration.sql");
    let original = std::fs::read_to_string(&file).unwrap();

    std::fs::write(&file, format!("{original}\n-- edited\n")).unwrap();
    one_clear_error(
        tether(dir.path(), ["migrate", "apply", "--url", &url]),
        "has been edited since",
    );
    let status = tether(dir.path(), ["migrate", "status", "--url", &url, "--check"]).expect_code(1);
    assert!(
        status.stdout.contains("modified since applied"),
        "{status:#?}"
    );

    std::fs::write(&file, &original).unwrap();
    std::fs::rename(&folder, dir.path().join("elsewhere")).unwrap();
    one_clear_error(
        tether(dir.path(), ["migrate", "apply", "--url", &url]),
        "missing from the migrations folder",
    );
    let status = tether(dir.path(), ["migrate", "status", "--url", &url, "--check"]).expect_code(1);
    assert!(
        status.stdout.contains("applied, not in folder"),
        "{status:#?}"
    );
}

/// Five `migrate apply` runs at once on one SQLite file: the later ones wait for the first,
/// find nothing pending and exit 0; each migration is recorded once.
#[test]
fn concurrent_applies_on_sqlite_wait_and_succeed() {
    let dir = project(SMALL, "\"sqlite\"");
    tether(dir.path(), ["gen"]).expect_code(0);
    std::fs::write(
        dir.path().join("schema.prisma"),
        SMALL.replace("  name String\n", "  name String\n  bio  String?\n"),
    )
    .unwrap();
    tether(dir.path(), ["gen", "--name", "bio"]).expect_code(0);
    assert_eq!(migration_folders(&dir.path().join("migrations")).len(), 2);
    let url = format!("sqlite:{}", dir.path().join("dev.db").display());
    // A race is not won every time: ten fresh databases, five runs on each.
    for round in 0..10 {
        let _ = std::fs::remove_file(dir.path().join("dev.db"));
        let children: Vec<_> = (0..5)
            .map(|_| {
                std::process::Command::new(env!("CARGO_BIN_EXE_tether"))
                    .args(["migrate", "apply", "--url", &url])
                    .current_dir(dir.path())
                    .env("NO_COLOR", "1")
                    .env_remove("DATABASE_URL")
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "round {round}: a concurrent apply failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let db = rusqlite::Connection::open(dir.path().join("dev.db")).unwrap();
        let (rows, names): (i64, i64) = db
            .query_row(
                "SELECT COUNT(*), COUNT(DISTINCT migration_name) FROM _tether_migrations",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((rows, names), (2, 2), "round {round}");
    }
}

/// A migration folder checked out with CRLF line endings (git on Windows) is the same
/// migration: not "modified since applied", and `apply` goes on.
#[test]
fn crlf_line_endings_are_not_an_edit() {
    let dir = project(SMALL, "\"sqlite\"");
    let url = format!("sqlite:{}", dir.path().join("dev.db").display());
    tether(dir.path(), ["gen"]).expect_code(0);
    tether(dir.path(), ["migrate", "apply", "--url", &url]).expect_code(0);
    for folder in migration_folders(&dir.path().join("migrations")) {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let file = entry.unwrap().path();
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(!text.contains('\r'));
            std::fs::write(&file, text.replace('\n', "\r\n")).unwrap();
        }
    }
    let status = tether(dir.path(), ["migrate", "status", "--url", &url, "--check"]).expect_code(0);
    assert!(!status.stdout.contains("modified"), "{status:#?}");
    tether(dir.path(), ["migrate", "apply", "--url", &url]).expect_code(0);
}

/// A migration that fails half-way: on transactional databases nothing of it stays and it is
/// not recorded; on MySQL the message says what stayed.
fn failing_migration(target: Target) {
    let dialect = target.dialect();
    let dir = project(SMALL, &format!("\"{dialect}\""));
    let Some((url, _db)) = database(target, dir.path()) else {
        return;
    };
    tether(dir.path(), ["gen"]).expect_code(0);
    tether(dir.path(), ["migrate", "apply", "--url", &url]).expect_code(0);

    std::fs::write(
        dir.path().join("schema.prisma"),
        SMALL.replace("  name String\n", "  name String\n  note String?\n"),
    )
    .unwrap();
    tether(dir.path(), ["gen", "--name", "broken"]).expect_code(0);
    let broken = migration_folders(&dir.path().join("migrations"))
        .pop()
        .unwrap();
    let sql_file = broken.join("migration.sql");
    let mut text = std::fs::read_to_string(&sql_file).unwrap();
    text.push_str("\nINSERT INTO \"no_such_table\" VALUES (1);\n");
    let text = if dialect == "mysql" {
        text.replace('"', "`")
    } else {
        text
    };
    std::fs::write(&sql_file, text).unwrap();

    let run = one_clear_error(
        tether(dir.path(), ["migrate", "apply", "--url", &url]),
        "broken failed",
    );
    let status = tether(dir.path(), ["migrate", "status", "--url", &url, "--check"]).expect_code(1);
    assert!(
        status.stdout.contains("pending") && status.stdout.contains("broken"),
        "the failed migration must not be recorded: {status:#?}"
    );
    let q = |s: &str| {
        if dialect == "mysql" {
            s.replace('"', "`")
        } else {
            s.to_owned()
        }
    };
    let columns = sql::column(
        &url,
        &q(match dialect {
            "sqlite" => "SELECT name FROM pragma_table_info('A')",
            _ => {
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'A' ORDER BY column_name"
            }
        }),
    );
    if dialect == "mysql" {
        assert!(run.stderr.contains("stay applied"), "{run:#?}");
    } else {
        assert!(
            !columns.iter().any(|c| c == "note"),
            "{dialect}: the failed migration left its column: {columns:?}"
        );
        assert!(run.stderr.contains("nothing of it was applied"), "{run:#?}");
    }
}

#[test]
fn a_failing_migration_leaves_the_history_true_on_sqlite() {
    failing_migration(Target::Sqlite);
}

#[test]
fn a_failing_migration_leaves_the_history_true_on_postgres() {
    failing_migration(Target::Postgres);
}

#[test]
fn a_failing_migration_says_what_stayed_on_mysql() {
    failing_migration(Target::Mysql);
}

#[test]
fn databases_that_cannot_serve_say_why_in_one_line() {
    let dir = project(SMALL, "\"postgresql\", \"mysql\"");
    if let Some(admin) = Server::Postgres.url() {
        let missing = with_database(&admin, "tether_no_such_database");
        one_clear_error(
            tether(dir.path(), ["check-drift", "--url", &missing]),
            "does not exist",
        );
    }
    if let Some(admin) = Server::Mysql.url() {
        let missing = with_database(&admin, "tether_no_such_database");
        one_clear_error(
            tether(dir.path(), ["check-drift", "--url", &missing]),
            "Unknown database",
        );
        let refused = with_login(&admin, "nobody_here", "Wrong-pw-9");
        let run = one_clear_error(
            tether(dir.path(), ["check-drift", "--url", &refused]),
            "Access denied",
        );
        assert!(!run.stderr.contains("Wrong-pw-9"));
    }
    one_clear_error(
        tether(
            dir.path(),
            ["check-drift", "--url", "mongodb://localhost/x"],
        ),
        "a mongodb:// URL goes with a MongoDB schema",
    );
    one_clear_error(tether(dir.path(), ["check-drift"]), "no URL");
}

/// Names and values that break naive SQL: quotes, backslashes, semicolons, comment markers,
/// reserved words, non-ASCII letters. The migration applies on every database, drifts nothing,
/// and the default values read back exactly.
const HOSTILE: &str = r#"datasource db {
  provider = "sqlite"
}

/// Docs with */ and """ and # and {% endraw %} and -- and ;
model select {
  id        Int     @id @default(autoincrement())
  from      String  @default("it's; DROP TABLE x; --")
  where     String  @default("back\\slash \"quoted\" /* c */")
  order     Int     @default(-1)
  group     String? @map("gr\"oup")
  café      String  @default("crème brûlée ✓")
  semi      String  @default(";")

  @@unique([from, where], map: "select; drop")
  @@map("table")
}
"#;

fn hostile_round_trip(target: Target) {
    let dialect = target.dialect();
    let dir = project(HOSTILE, &format!("\"{dialect}\""));
    let Some((url, _db)) = database(target, dir.path()) else {
        return;
    };
    tether(dir.path(), ["gen"]).expect_code(0);
    // The migration replays to exactly the schema (MySQL's backslash escapes included): the
    // next `gen` has nothing to write.
    let check = tether(dir.path(), ["gen", "--check"]);
    assert_eq!(check.code, 0, "{dialect}: {check:#?}");
    tether(dir.path(), ["migrate", "apply", "--url", &url]).expect_code(0);
    let drift = tether(dir.path(), ["check-drift", "--url", &url]);
    assert_eq!(drift.code, 0, "{dialect}: {drift:#?}");
    let q = |s: &str| {
        if dialect == "mysql" {
            s.replace('"', "`")
        } else {
            s.to_owned()
        }
    };
    sql::execute(&url, &q(r#"INSERT INTO "table" ("id") VALUES (1)"#));
    let read = |column: &str| sql::column(&url, &q(&format!(r#"SELECT "{column}" FROM "table""#)));
    assert_eq!(read("from"), vec!["it's; DROP TABLE x; --"], "{dialect}");
    assert_eq!(
        read("where"),
        vec![r#"back\slash "quoted" /* c */"#],
        "{dialect}"
    );
    assert_eq!(read("café"), vec!["crème brûlée ✓"], "{dialect}");
    assert_eq!(read("semi"), vec![";"], "{dialect}");
    assert_eq!(read("order"), vec!["-1"], "{dialect}");
}

#[test]
fn hostile_names_and_values_on_sqlite() {
    hostile_round_trip(Target::Sqlite);
}

#[test]
fn hostile_names_and_values_on_postgres() {
    hostile_round_trip(Target::Postgres);
}

#[test]
fn hostile_names_and_values_on_mysql() {
    hostile_round_trip(Target::Mysql);
}

#[test]
fn the_hostile_schema_builds_on_every_database_its_provider_has() {
    // The codegen toolchain tests compile tests/toolchains/hostile; here its migration runs.
    let schema = root().join("tests/toolchains/hostile/schema.prisma");
    let Some(db) = TestDatabase::create(Server::Postgres) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tether.toml"),
        format!("schema = {:?}\n", schema.to_str().unwrap()),
    )
    .unwrap();
    tether(dir.path(), ["gen"]).expect_code(0);
    tether(dir.path(), ["migrate", "apply", "--url", &db.url]).expect_code(0);
    let drift = tether(dir.path(), ["check-drift", "--url", &db.url]);
    assert_eq!(drift.code, 0, "{drift:#?}");
}

/// Escapes in schema strings (#13 item 9): psl hands tether every string literal unescaped, and
/// each must reach SQL exactly once quoted, as Prisma writes it. An `Unsupported` type is SQL
/// text written verbatim (quoted identifiers included); defaults are literals.
const ESCAPES: &str = r#"datasource db {
  provider = "postgresql"
}

/// A doc with "quotes" and a \ backslash.
model Place {
  id       Int    @id
  location Unsupported("\"public\".geography")?
  circle   Unsupported("\"pg_catalog\".\"circle\"")?
  gen      String @default(dbgenerated("'it''s'"))
  quoted   String @default("a \"quoted\" \\ value")
  named    String @default("x") @map("na\"me")

  @@map("pla\"ce")
}
"#;

#[test]
fn escaped_schema_strings_reach_sql_as_written() {
    let dir = project(ESCAPES, "\"postgresql\"");
    tether(dir.path(), ["gen"]).expect_code(0);
    let folders = migration_folders(&dir.path().join("migrations"));
    let sql = std::fs::read_to_string(folders[0].join("migration.sql")).unwrap();
    for expected in [
        r#"CREATE TABLE "pla""ce" ("#,
        r#""location" "public".geography,"#,
        r#""circle" "pg_catalog"."circle","#,
        r#""gen" TEXT NOT NULL DEFAULT 'it''s',"#,
        r#""quoted" TEXT NOT NULL DEFAULT 'a "quoted" \ value',"#,
        r#""na""me" TEXT NOT NULL DEFAULT 'x',"#,
    ] {
        assert!(sql.contains(expected), "expected `{expected}` in:\n{sql}");
    }
}

#[test]
fn escaped_schema_strings_apply_on_postgres() {
    // PostGIS is not installed on the test server: a quoted, schema-qualified built-in type.
    let schema = ESCAPES.replace(
        "  location Unsupported(\"\\\"public\\\".geography\")?\n",
        "",
    );
    let dir = project(&schema, "\"postgresql\"");
    let Some((url, _db)) = database(Target::Postgres, dir.path()) else {
        return;
    };
    tether(dir.path(), ["gen"]).expect_code(0);
    tether(dir.path(), ["migrate", "apply", "--url", &url]).expect_code(0);
    sql::execute(&url, r#"INSERT INTO "pla""ce" ("id") VALUES (1)"#);
    let read = |column: &str| sql::column(&url, &format!(r#"SELECT {column} FROM "pla""ce""#));
    assert_eq!(read(r#""gen""#), vec!["it's"]);
    assert_eq!(read(r#""quoted""#), vec![r#"a "quoted" \ value"#]);
    let circle = "SELECT udt_name FROM information_schema.columns WHERE column_name = 'circle'";
    assert_eq!(sql::column(&url, circle), vec!["circle"]);
}

/// A SQLite URL in `tether.toml` is relative to the file's folder, as its other paths are: a run
/// from a subfolder uses the same database file.
#[test]
fn a_sqlite_url_in_the_config_is_relative_to_its_folder() {
    let dir = project(SMALL, "\"sqlite\"");
    let config = dir.path().join("tether.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{text}\n[database]\nurl = \"sqlite:./dev.db\"\n"),
    )
    .unwrap();
    tether(dir.path(), ["gen"]).expect_code(0);
    let sub = dir.path().join("services/worker");
    std::fs::create_dir_all(&sub).unwrap();
    tether(&sub, ["migrate", "apply"]).expect_code(0);
    assert!(
        dir.path().join("dev.db").exists(),
        "the database is beside tether.toml"
    );
    assert!(!sub.join("dev.db").exists(), "not in the working directory");
    tether(&sub, ["check-drift"]).expect_code(0);
}

/// `migrate down` and `status` say what they did and why: `--steps` beyond what tether applied
/// says how many it reverted, a migration Prisma applied stops `down` with the reason, and the
/// status summary counts each migration once.
#[test]
fn down_and_status_say_what_they_did() {
    let dir = project(SMALL, "\"sqlite\"");
    let url = format!("sqlite:{}", dir.path().join("dev.db").display());
    let schema = dir.path().join("schema.prisma");
    let evolve = |from: &str, to: &str, name: &str| {
        let text = std::fs::read_to_string(&schema).unwrap().replace(from, to);
        std::fs::write(&schema, text).unwrap();
        tether(dir.path(), ["gen", "--name", name]).expect_code(0);
    };
    tether(dir.path(), ["gen"]).expect_code(0);
    evolve("  name String\n", "  name String\n  note String?\n", "note");
    evolve(
        "  note String?\n",
        "  note String?\n  tag  String?\n",
        "tag",
    );
    let folders = migration_folders(&dir.path().join("migrations"));
    assert_eq!(folders.len(), 3);
    let name = |i: usize| {
        folders[i]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };

    // Two applied, one of them edited since; one pending: 1 + 1 + 1, not "2 applied".
    tether(dir.path(), ["migrate", "apply", "--url", &url]).expect_code(0);
    tether(dir.path(), ["migrate", "down", "--url", &url]).expect_code(0);
    let edited = folders[1].join("migration.sql");
    let sql = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("{sql}\n-- edited\n")).unwrap();
    let status = tether(dir.path(), ["migrate", "status", "--url", &url]);
    assert!(
        status
            .stderr
            .contains("1 applied, 1 pending, 1 modified since applied, 0 not in folder"),
        "{status:#?}"
    );
    std::fs::write(&edited, sql).unwrap();

    // Asked for more than tether applied.
    let down = tether(
        dir.path(),
        ["migrate", "down", "--url", &url, "--steps", "5"],
    )
    .expect_code(0);
    assert!(
        down.stderr.contains("reverted 2 of the 5 asked for"),
        "{down:#?}"
    );

    // A migration Prisma applied, newest, without a down script (Prisma writes none): down
    // stops there and says why. (With a down.sql, as tether writes, it is reverted wherever it
    // was recorded: `history = "prisma"`.)
    tether(dir.path(), ["migrate", "apply", "--url", &url]).expect_code(0);
    std::fs::remove_file(folders[2].join("down.sql")).unwrap();
    sql::execute(
        &url,
        &format!(
            r#"DELETE FROM "_tether_migrations" WHERE "migration_name" = '{}';
CREATE TABLE "_prisma_migrations" ("id" TEXT, "checksum" TEXT, "finished_at" TEXT, "migration_name" TEXT, "logs" TEXT, "rolled_back_at" TEXT, "started_at" TEXT, "applied_steps_count" INTEGER);
INSERT INTO "_prisma_migrations" ("migration_name", "checksum", "finished_at") VALUES ('{}', 'x', '2024-01-01')"#,
            name(2),
            name(2)
        ),
    );
    let down = tether(dir.path(), ["migrate", "down", "--url", &url]).expect_code(0);
    assert!(
        down.stderr
            .contains(&format!("{} was applied by Prisma Migrate", name(2))),
        "{down:#?}"
    );
    assert!(
        !down.stderr.contains("reverted "),
        "nothing older is reverted: {down:#?}"
    );
}

/// A `--db-schema` that names no schema is said, not reported as every table missing.
#[test]
fn a_postgres_schema_that_does_not_exist_is_said() {
    let dir = project(SMALL, "\"postgresql\"");
    let Some((url, _db)) = database(Target::Postgres, dir.path()) else {
        return;
    };
    tether(dir.path(), ["gen"]).expect_code(0);
    tether(dir.path(), ["migrate", "apply", "--url", &url]).expect_code(0);
    let run = tether(
        dir.path(),
        ["check-drift", "--url", &url, "--db-schema", "nosuch"],
    )
    .expect_code(2);
    assert!(
        run.stderr.contains("schema `nosuch` does not exist"),
        "{run:#?}"
    );
}
