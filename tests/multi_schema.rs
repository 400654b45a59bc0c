//! multiSchema (`schemas = [...]` in the datasource, `@@schema` on models and enums) on a real
//! PostgreSQL: migrations that create the schemas and name every table and type in its own,
//! an evolution that renames, moves and rebuilds across schemas (applied over rows, then
//! `migrate down` over rows written under the newer schema), replay to a fixed point, drift
//! that sees a table in the wrong schema and fixes it, the other dialects keeping everything
//! in their one database, and the schemas tether refuses (with file and line).
//!
//! The fixture `fixtures/postgresql-multi-schema` is compared with Prisma's own engine by
//! `tests/prisma_compat.rs` and checked through SQLAlchemy and Alembic by
//! `tests/codegen_python.rs`.

mod common;

use common::{Server, TestDatabase, migration_folders, sql, tether};
use std::path::Path;

const V1: &str = r#"datasource db {
  provider = "postgresql"
  schemas  = ["auth", "billing", "public"]
}

enum Role {
  MEMBER
  ADMIN

  @@schema("auth")
}

model Customer {
  id     Int     @id @default(autoincrement())
  email  String  @unique
  role   Role    @default(MEMBER)
  orders Order[]
  tags   Tag[]

  @@schema("auth")
}

model Order {
  id         Int      @id @default(autoincrement())
  customerId Int
  customer   Customer @relation(fields: [customerId], references: [id], onDelete: Cascade)
  total      Decimal  @db.Decimal(12, 2)

  @@index([customerId])
  @@map("orders")
  @@schema("billing")
}

model Tag {
  id        Int        @id @default(autoincrement())
  label     String
  customers Customer[]

  @@schema("public")
}

model Legacy {
  id   Int    @id
  note String

  @@schema("billing")
}
"#;

/// Customer renamed (its sequence and primary key follow, inside `auth`), `orders` moved to
/// `public`, `Tag` moved to `billing` with a column renamed and a new index in the same
/// migration, a new value of `auth.Role` used as a default at once (the type is rebuilt),
/// Legacy dropped, a new schema with a new table.
const V2: &str = r#"datasource db {
  provider = "postgresql"
  schemas  = ["auth", "billing", "public", "audit"]
}

enum Role {
  GUEST
  MEMBER
  ADMIN

  @@schema("auth")
}

/// @tether.renamed(from: "Customer")
model Client {
  id     Int     @id @default(autoincrement())
  email  String  @unique
  role   Role    @default(GUEST)
  orders Order[]
  tags   Tag[]

  @@schema("auth")
}

model Order {
  id         Int      @id @default(autoincrement())
  customerId Int
  customer   Client   @relation(fields: [customerId], references: [id], onDelete: Cascade)
  total      Decimal  @db.Decimal(12, 2)

  @@index([customerId])
  @@map("orders")
  @@schema("public")
}

model Tag {
  id        Int      @id @default(autoincrement())
  /// @tether.renamed(from: "label")
  title     String
  customers Client[]

  @@index([title])
  @@schema("billing")
}

model Event {
  id   BigInt   @id @default(autoincrement())
  kind String
  at   DateTime @default(now())

  @@schema("audit")
}
"#;

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

fn last_migration(dir: &Path) -> String {
    let folders = migration_folders(&dir.join("migrations"));
    std::fs::read_to_string(folders.last().unwrap().join("migration.sql")).unwrap()
}

fn assert_no_drift(dir: &Path, url: &str, when: &str) {
    let run = tether(dir, ["check-drift", "--url", url]);
    assert_eq!(run.code, 0, "{when}: drift:\n{}{}", run.stdout, run.stderr);
}

#[test]
fn an_evolution_across_schemas_applies_both_ways_over_rows_and_leaves_no_drift() {
    let Some(db) = TestDatabase::create(Server::Postgres) else {
        return;
    };
    let dir = project(V1, "\"postgresql\"");
    let dir = dir.path();
    tether(dir, ["gen"]).expect_code(0);
    let first = last_migration(dir);
    for expected in [
        r#"CREATE SCHEMA IF NOT EXISTS "billing""#,
        r#"CREATE TYPE "auth"."Role" AS ENUM ('MEMBER', 'ADMIN')"#,
        r#""role" "auth"."Role" NOT NULL DEFAULT 'MEMBER'"#,
        r#"CREATE UNIQUE INDEX "Customer_email_key" ON "auth"."Customer"("email")"#,
        r#"REFERENCES "auth"."Customer"("id")"#,
        // Prisma puts a join table in the schema of its model A (the first by name).
        r#"CREATE TABLE "auth"."_CustomerToTag""#,
    ] {
        assert!(first.contains(expected), "missing {expected}:\n{first}");
    }
    tether(dir, ["migrate", "apply", "--url", &db.url]).expect_code(0);
    assert_no_drift(dir, &db.url, "v1");
    sql::execute(
        &db.url,
        r#"INSERT INTO auth."Customer" (email, role) VALUES ('a@example.com', 'ADMIN');
           INSERT INTO billing.orders ("customerId", total) VALUES (1, 12.50);
           INSERT INTO public."Tag" (label) VALUES ('vip');
           INSERT INTO auth."_CustomerToTag" ("A", "B") VALUES (1, 1);
           INSERT INTO billing."Legacy" (id, note) VALUES (1, 'old')"#,
    );

    std::fs::write(dir.join("schema.prisma"), V2).unwrap();
    tether(dir, ["gen"]).expect_code(0);
    let second = last_migration(dir);
    for expected in [
        r#"CREATE SCHEMA IF NOT EXISTS "audit""#,
        r#"ALTER TABLE "auth"."Customer" RENAME TO "Client""#,
        r#"ALTER SEQUENCE "auth"."Customer_id_seq" RENAME TO "Client_id_seq""#,
        r#"ALTER TABLE "billing"."orders" SET SCHEMA "public""#,
        r#"CREATE TYPE "auth"."Role_new" AS ENUM ('GUEST', 'MEMBER', 'ADMIN')"#,
        r#"DROP TABLE "billing"."Legacy""#,
        r#"ALTER TABLE "public"."Tag" SET SCHEMA "billing""#,
        r#"ALTER TABLE "billing"."Tag" RENAME COLUMN "label" TO "title""#,
        r#"CREATE INDEX "Tag_title_idx" ON "billing"."Tag"("title")"#,
        r#"CREATE TABLE "audit"."Event""#,
    ] {
        assert!(second.contains(expected), "missing {expected}:\n{second}");
    }
    // Replayed, the folder is the schema: nothing more to write.
    tether(dir, ["gen", "--check"]).expect_code(0);
    tether(dir, ["migrate", "apply", "--url", &db.url]).expect_code(0);
    assert_no_drift(dir, &db.url, "v2");
    let moved = sql::column(
        &db.url,
        r#"SELECT total::text FROM public.orders JOIN auth."Client" c ON c.id = "customerId""#,
    );
    assert_eq!(moved, ["12.50"], "the order moved with its rows");
    let tagged = sql::column(&db.url, r#"SELECT "A"::text FROM auth."_ClientToTag""#);
    assert_eq!(tagged, ["1"], "the join table was renamed with its rows");
    // Rows written under v2, then back to v1 over them. A row holding the new enum value would
    // stop the way back, and down.sql says so at its top.
    let folders = migration_folders(&dir.join("migrations"));
    let down = std::fs::read_to_string(folders.last().unwrap().join("down.sql")).unwrap();
    assert!(
        down.contains("-- WARNING: going back loses data:")
            && down.contains(
                "removing value(s) `GUEST` from enum `Role`: fails if rows still use them"
            ),
        "{down}"
    );
    sql::execute(
        &db.url,
        r#"INSERT INTO auth."Client" (email, role) VALUES ('b@example.com', 'MEMBER');
           INSERT INTO public.orders ("customerId", total) VALUES (2, 3.00);
           INSERT INTO audit."Event" (kind) VALUES ('signup')"#,
    );
    tether(dir, ["migrate", "down", "--url", &db.url]).expect_code(0);
    std::fs::write(dir.join("schema.prisma"), V1).unwrap();
    assert_no_drift(dir, &db.url, "after migrate down");
    let orders = sql::column(&db.url, "SELECT count(*)::text FROM billing.orders");
    assert_eq!(orders, ["2"], "down moved the orders back with their rows");
}

#[test]
fn a_table_in_the_wrong_schema_is_drift_and_fix_sql_moves_it_back() {
    let Some(db) = TestDatabase::create(Server::Postgres) else {
        return;
    };
    let dir = project(V1, "\"postgresql\"");
    let dir = dir.path();
    tether(dir, ["gen"]).expect_code(0);
    tether(dir, ["migrate", "apply", "--url", &db.url]).expect_code(0);
    sql::execute(
        &db.url,
        r#"ALTER TABLE billing."Legacy" SET SCHEMA public;
           ALTER TABLE billing.orders DROP CONSTRAINT "orders_customerId_fkey""#,
    );
    let run = tether(dir, ["check-drift", "--url", &db.url, "--format", "json"]).expect_code(1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let text = report.to_string();
    for expected in [
        "table_schema",
        "Legacy",
        "missing_foreign_key",
        "orders_customerId_fkey",
    ] {
        assert!(text.contains(expected), "missing {expected}: {text}");
    }
    let fix = tether(dir, ["check-drift", "--url", &db.url, "--fix-sql"]).expect_code(1);
    assert!(
        fix.stdout
            .contains(r#"ALTER TABLE "public"."Legacy" SET SCHEMA "billing""#),
        "{}",
        fix.stdout
    );
    sql::execute(&db.url, &fix.stdout);
    assert_no_drift(dir, &db.url, "after --fix-sql");
}

/// An enum of one name in two of the listed schemas is said, not merged into one.
#[test]
fn an_enum_found_in_two_listed_schemas_is_an_error_naming_both() {
    let Some(db) = TestDatabase::create(Server::Postgres) else {
        return;
    };
    let dir = project(V1, "\"postgresql\"");
    let dir = dir.path();
    tether(dir, ["gen"]).expect_code(0);
    tether(dir, ["migrate", "apply", "--url", &db.url]).expect_code(0);
    sql::execute(&db.url, r#"CREATE TYPE billing."Role" AS ENUM ('X')"#);
    let run = tether(dir, ["check-drift", "--url", &db.url]).expect_code(2);
    assert!(
        run.stderr
            .contains("enum `Role` is in two of the schema's database schemas"),
        "{}",
        run.stderr
    );
}

#[test]
fn dialects_without_database_schemas_keep_every_table_in_their_one_database() {
    let dir = project(V1, "\"postgresql\", \"sqlite\"");
    let dir = dir.path();
    let run = tether(dir, ["gen"]).expect_code(0);
    let sqlite_folder = migration_folders(&dir.join("migrations/sqlite"));
    let sqlite = std::fs::read_to_string(sqlite_folder[0].join("migration.sql")).unwrap();
    assert!(
        sqlite.contains("-- NOTE: sqlite has no database schemas here: the tables of `auth`, `billing`, `public` are all in the one database"),
        "{sqlite}\n{}",
        run.stderr
    );
    assert!(
        !sqlite.contains("\"auth\".") && !sqlite.contains("CREATE SCHEMA"),
        "{sqlite}"
    );
    assert!(sqlite.contains(r#"CREATE TABLE "Customer""#), "{sqlite}");
    let url = format!("file:{}", dir.join("dev.db").display());
    tether(dir, ["migrate", "apply", "--url", &url]).expect_code(0);
    assert_no_drift(dir, &url, "sqlite");
    // SQLAlchemy models that follow SQLite (the first dialect) name no schema anywhere.
    std::fs::write(
        dir.join("tether.toml"),
        "schema = \"schema.prisma\"\n[migrations]\ndialects = [\"sqlite\"]\n[python]\nmodels = \"models.py\"\n",
    )
    .unwrap();
    tether(dir, ["gen"]).expect_code(0);
    let models = std::fs::read_to_string(dir.join("models.py")).unwrap();
    assert!(
        !models.contains("schema=") && !models.contains("\"schema\""),
        "{models}"
    );
    assert!(models.contains(r#""Customer.id""#), "{models}");
}

#[test]
fn a_name_in_two_schemas_and_schemas_off_postgresql_are_refused_where_they_are_said() {
    let twice = V1.replace(
        "model Legacy {\n  id   Int    @id\n  note String\n",
        "model Legacy {\n  id   Int    @id\n  note String\n\n  @@map(\"Tag\")\n",
    );
    let dir = project(&twice, "\"postgresql\"");
    let run = tether(dir.path(), ["gen"]).expect_code(2);
    assert!(
        run.stderr.contains(
            "The table name `Tag` is used in two database schemas (`public` and `billing`)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("schema.prisma:42"), "{}", run.stderr);
    assert!(!dir.path().join("migrations").exists(), "nothing written");

    // Prisma's validator has it on PostgreSQL only: its own diagnostic.
    let mysql = V1.replace("provider = \"postgresql\"", "provider = \"mysql\"");
    let dir = project(&mysql, "\"mysql\"");
    let run = tether(dir.path(), ["gen"]).expect_code(2);
    assert!(
        run.stderr
            .contains("The `schemas` property is not supported on the current connector."),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("schema.prisma:3"), "{}", run.stderr);
}
