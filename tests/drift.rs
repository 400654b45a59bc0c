//! `tether check-drift` against real databases: each kind of hand-made drift is reported with its
//! object (text and JSON) and exit 1, and the `--fix-sql` output brings the database back; the
//! command never writes; passwords never reach the output; unreachable servers fail fast.

mod common;

use common::sql;
use common::{Server, TestDatabase, migration_folders, tether, with_login};
use std::path::Path;

const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
}

enum Role {
  ADMIN
  MEMBER
}

model User {
  id      Int     @id @default(autoincrement())
  email   String  @unique
  name    String?
  role    Role    @default(MEMBER)
  visits  Int     @default(0)
  posts   Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)
  authorId Int

  @@index([authorId])
}
"#;

use common::Target;

struct Db {
    dir: tempfile::TempDir,
    url: String,
    kind: Target,
    _db: common::Database,
}

impl Db {
    /// A database built by tether's own migrations from SCHEMA.
    fn built(kind: Target) -> Option<Db> {
        let dir = tempfile::tempdir().unwrap();
        let database = kind.database(dir.path(), "dev")?;
        let url = database.url.clone();
        let dialect = kind.dialect();
        std::fs::write(dir.path().join("schema.prisma"), SCHEMA).unwrap();
        std::fs::write(
            dir.path().join("tether.toml"),
            format!("schema = \"schema.prisma\"\n[migrations]\ndialects = [\"{dialect}\"]\n"),
        )
        .unwrap();
        let db = Db {
            dir,
            url,
            kind,
            _db: database,
        };
        tether(db.path(), ["gen"]).expect_code(0);
        tether(db.path(), ["migrate", "apply", "--url", &db.url]).expect_code(0);
        Some(db)
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn drift(&self, extra: &[&str]) -> common::Run {
        let mut args = vec!["check-drift", "--url", &self.url];
        args.extend(extra);
        tether(self.path(), args)
    }

    /// SQL with `"` quoting, adapted to MySQL's backticks.
    fn execute(&self, statement: &str) {
        let statement = if self.kind == Target::Mysql {
            statement.replace('"', "`")
        } else {
            statement.to_owned()
        };
        sql::execute(&self.url, &statement);
    }
}

/// One hand-made drift: the SQL that makes it (per database), the kind and object reported.
struct Case {
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
    mysql: &'static str,
    kind: &'static str,
    object: &'static str,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "extra table",
            sqlite: r#"CREATE TABLE "audit" ("id" INTEGER)"#,
            postgres: r#"CREATE TABLE "audit" ("id" INTEGER)"#,
            mysql: r#"CREATE TABLE "audit" ("id" INTEGER)"#,
            kind: "extra_table",
            object: "audit",
        },
        Case {
            name: "missing table",
            sqlite: r#"DROP TABLE "Post""#,
            postgres: r#"DROP TABLE "Post""#,
            mysql: r#"DROP TABLE "Post""#,
            kind: "missing_table",
            object: "Post",
        },
        Case {
            name: "extra column",
            sqlite: r#"ALTER TABLE "User" ADD COLUMN "nickname" TEXT"#,
            postgres: r#"ALTER TABLE "User" ADD COLUMN "nickname" TEXT"#,
            mysql: r#"ALTER TABLE "User" ADD COLUMN "nickname" TEXT"#,
            kind: "extra_column",
            object: "User.nickname",
        },
        Case {
            name: "missing column",
            sqlite: r#"ALTER TABLE "User" DROP COLUMN "name""#,
            postgres: r#"ALTER TABLE "User" DROP COLUMN "name""#,
            mysql: r#"ALTER TABLE "User" DROP COLUMN "name""#,
            kind: "missing_column",
            object: "User.name",
        },
        Case {
            name: "type change",
            sqlite: r#"ALTER TABLE "Post" DROP COLUMN "title"; ALTER TABLE "Post" ADD COLUMN "title" INTEGER NOT NULL DEFAULT 0"#,
            postgres: r#"ALTER TABLE "Post" ALTER COLUMN "title" TYPE VARCHAR(20)"#,
            mysql: r#"ALTER TABLE "Post" MODIFY "title" VARCHAR(20) NOT NULL"#,
            kind: "column_type",
            object: "Post.title",
        },
        Case {
            name: "nullability change",
            sqlite: r#"ALTER TABLE "User" DROP COLUMN "name"; ALTER TABLE "User" ADD COLUMN "name" TEXT NOT NULL DEFAULT ''"#,
            postgres: r#"ALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL"#,
            mysql: r#"ALTER TABLE "User" MODIFY "name" VARCHAR(191) NOT NULL"#,
            kind: "column_nullability",
            object: "User.name",
        },
        Case {
            name: "default change",
            sqlite: r#"ALTER TABLE "User" DROP COLUMN "visits"; ALTER TABLE "User" ADD COLUMN "visits" INTEGER NOT NULL DEFAULT 7"#,
            postgres: r#"ALTER TABLE "User" ALTER COLUMN "visits" SET DEFAULT 7"#,
            mysql: r#"ALTER TABLE "User" ALTER COLUMN "visits" SET DEFAULT 7"#,
            kind: "column_default",
            object: "User.visits",
        },
        Case {
            name: "dropped default",
            sqlite: "",
            postgres: r#"ALTER TABLE "User" ALTER COLUMN "visits" DROP DEFAULT"#,
            mysql: r#"ALTER TABLE "User" ALTER COLUMN "visits" DROP DEFAULT"#,
            kind: "column_default",
            object: "User.visits",
        },
        Case {
            name: "dropped sequence default",
            sqlite: "",
            postgres: r#"ALTER TABLE "User" ALTER COLUMN "id" DROP DEFAULT"#,
            mysql: r#"ALTER TABLE "User" MODIFY "id" INTEGER NOT NULL"#,
            kind: "column_autoincrement",
            object: "User.id",
        },
        Case {
            name: "dropped index",
            sqlite: r#"DROP INDEX "Post_authorId_idx""#,
            postgres: r#"DROP INDEX "Post_authorId_idx""#,
            // MySQL needs an index for the foreign key: give it another one first.
            mysql: r#"CREATE INDEX "tmp_author" ON "Post"("authorId", "title"); DROP INDEX "Post_authorId_idx" ON "Post""#,
            kind: "missing_index",
            object: "Post_authorId_idx",
        },
        Case {
            name: "extra index",
            sqlite: r#"CREATE INDEX "Post_title_idx" ON "Post"("title")"#,
            postgres: r#"CREATE INDEX "Post_title_idx" ON "Post"("title")"#,
            mysql: r#"CREATE INDEX "Post_title_idx" ON "Post"("title")"#,
            kind: "extra_index",
            object: "Post_title_idx",
        },
        Case {
            name: "index method changed",
            sqlite: "",
            postgres: r#"DROP INDEX "Post_authorId_idx"; CREATE INDEX "Post_authorId_idx" ON "Post" USING HASH ("authorId")"#,
            mysql: "",
            kind: "index_definition",
            object: "Post_authorId_idx",
        },
        Case {
            name: "index sort order changed",
            sqlite: r#"DROP INDEX "Post_authorId_idx"; CREATE INDEX "Post_authorId_idx" ON "Post"("authorId" DESC)"#,
            postgres: r#"DROP INDEX "Post_authorId_idx"; CREATE INDEX "Post_authorId_idx" ON "Post"("authorId" DESC)"#,
            mysql: "",
            kind: "index_definition",
            object: "Post_authorId_idx",
        },
        Case {
            name: "index prefix length added",
            sqlite: "",
            postgres: "",
            mysql: r#"CREATE INDEX "tmp_author" ON "Post"("authorId", "title"); DROP INDEX "User_email_key" ON "User"; CREATE UNIQUE INDEX "User_email_key" ON "User"("email"(20))"#,
            kind: "index_definition",
            object: "User_email_key",
        },
        Case {
            name: "dropped unique",
            sqlite: r#"DROP INDEX "User_email_key""#,
            postgres: r#"DROP INDEX "User_email_key""#,
            mysql: r#"DROP INDEX "User_email_key" ON "User""#,
            kind: "missing_index",
            object: "User_email_key",
        },
        Case {
            name: "dropped foreign key",
            sqlite: "",
            postgres: r#"ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey""#,
            mysql: r#"ALTER TABLE "Post" DROP FOREIGN KEY "Post_authorId_fkey""#,
            kind: "missing_foreign_key",
            object: "Post_authorId_fkey",
        },
        Case {
            name: "changed referential action",
            sqlite: "",
            postgres: r#"ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey"; ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE"#,
            mysql: r#"ALTER TABLE "Post" DROP FOREIGN KEY "Post_authorId_fkey"; ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE"#,
            kind: "foreign_key_definition",
            object: "Post_authorId_fkey",
        },
        Case {
            name: "primary key constraint renamed by hand",
            sqlite: "",
            postgres: r#"ALTER TABLE "Post" RENAME CONSTRAINT "Post_pkey" TO "posts_pk""#,
            mysql: "",
            kind: "primary_key_name",
            object: "Post",
        },
        Case {
            name: "added enum value",
            sqlite: "",
            postgres: r#"ALTER TYPE "Role" ADD VALUE 'GUEST'"#,
            mysql: r#"ALTER TABLE "User" MODIFY "role" ENUM('ADMIN', 'MEMBER', 'GUEST') NOT NULL DEFAULT 'MEMBER'"#,
            kind: "extra_enum_values",
            object: "",
        },
        Case {
            name: "removed enum value",
            sqlite: "",
            postgres: r#"ALTER TYPE "Role" RENAME TO "Role_old"; CREATE TYPE "Role" AS ENUM ('MEMBER'); ALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT; ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role" USING ("role"::text::"Role"); ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'MEMBER'; DROP TYPE "Role_old""#,
            mysql: r#"ALTER TABLE "User" MODIFY "role" ENUM('MEMBER') NOT NULL DEFAULT 'MEMBER'"#,
            kind: "missing_enum_values",
            object: "",
        },
    ]
}

/// Every case on a fresh database: reported (text and JSON), exit 1, and fixed by --fix-sql.
fn every_kind_of_drift(kind: Target) {
    let mut ran = 0;
    for case in cases() {
        let statement = match kind {
            Target::Sqlite => case.sqlite,
            Target::Postgres => case.postgres,
            Target::Mysql => case.mysql,
        };
        if statement.is_empty() {
            continue;
        }
        let Some(db) = Db::built(kind) else { return };
        db.drift(&[]).expect_code(0);
        db.execute(statement);

        let text = db.drift(&[]).expect_code(1);
        let json = db.drift(&["--format", "json"]).expect_code(1);
        let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        let found = value["differences"].as_array().unwrap().iter().any(|d| {
            d["kind"] == case.kind && (case.object.is_empty() || d["object"] == case.object)
        });
        assert!(
            found,
            "{} on {kind:?}: expected {} {}: {}",
            case.name, case.kind, case.object, json.stdout
        );
        if !case.object.is_empty() {
            assert!(
                text.stdout.contains(&format!("drift: {}:", case.object)),
                "{} on {kind:?}: {text:#?}",
                case.name
            );
        }
        // Every difference says what differs: never the same text on both sides.
        for d in value["differences"].as_array().unwrap() {
            assert!(
                d["expected"].is_null() || d["expected"] != d["found"],
                "{} on {kind:?}: expected and found read the same: {d}",
                case.name
            );
        }
        let github = db.drift(&["--format", "github"]).expect_code(1);
        assert!(
            github
                .stdout
                .lines()
                .all(|l| l.starts_with("::error title=Schema drift")),
            "{github:#?}"
        );

        // What a user pipes into their client: the text format's stdout, SQL only; the
        // report goes to stderr. The JSON format's `fix_sql` is the same script.
        let fixed = db.drift(&["--fix-sql"]).expect_code(1);
        let fix = fixed.stdout.clone();
        assert!(
            !fix.contains("drift:") && fixed.stderr.contains("drift: "),
            "{} on {kind:?}: --fix-sql mixes the report into stdout: {fixed:#?}",
            case.name
        );
        assert!(
            !fix.trim().is_empty() && !fix.contains("-- NOT FIXED"),
            "{} on {kind:?}: --fix-sql fixes nothing: {fixed:#?}",
            case.name
        );
        let json_fix = db.drift(&["--fix-sql", "--format", "json"]);
        let json_fix: serde_json::Value = serde_json::from_str(&json_fix.stdout).unwrap();
        assert_eq!(json_fix["fix_sql"].as_str(), Some(fix.as_str()));
        pipe_into_client(&db, &fix);
        let after = db.drift(&[]);
        assert_eq!(
            after.code, 0,
            "{} on {kind:?}: --fix-sql did not fix it:\n{fix}\n{after:#?}",
            case.name
        );
        ran += 1;
    }
    assert!(ran >= 10, "only {ran} drift cases ran on {kind:?}");
}

/// Pipes a script into the database's own command-line client, as `check-drift --fix-sql |
/// psql` would: `psql -v ON_ERROR_STOP=1 -f -`, `mariadb` reading stdin, `sqlite3` on the file.
fn pipe_into_client(db: &Db, script: &str) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut command = match db.kind {
        Target::Postgres => {
            let mut c = Command::new("psql");
            c.args([db.url.as_str(), "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"]);
            c
        }
        Target::Mysql => {
            // mysql://user[:password]@host:port/name
            let rest = db.url.strip_prefix("mysql://").unwrap();
            let (login, rest) = rest.split_once('@').unwrap();
            let (host, name) = rest.split_once('/').unwrap();
            let (host, port) = host.split_once(':').unwrap_or((host, "3306"));
            let (user, password) = login.split_once(':').unwrap_or((login, ""));
            let mut c = Command::new("mariadb");
            c.args(["--host", host, "--port", port, "--user", user, name]);
            if !password.is_empty() {
                c.env("MYSQL_PWD", password);
            }
            c
        }
        Target::Sqlite => {
            let mut c = Command::new("sqlite3");
            c.args(["-bail", db.url.strip_prefix("sqlite:").unwrap()]);
            c
        }
    };
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success() && !String::from_utf8_lossy(&output.stderr).contains("ERROR"),
        "{command:?} refused the script:\n{script}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn every_kind_of_drift_on_sqlite() {
    every_kind_of_drift(Target::Sqlite);
}

#[test]
fn every_kind_of_drift_on_postgres() {
    every_kind_of_drift(Target::Postgres);
}

#[test]
fn every_kind_of_drift_on_mysql() {
    every_kind_of_drift(Target::Mysql);
}

#[test]
fn check_drift_never_writes_sqlite() {
    let db = Db::built(Target::Sqlite).unwrap();
    db.execute(r#"CREATE TABLE "audit" ("id" INTEGER)"#);
    let file = db.path().join("dev.db");
    let before = std::fs::read(&file).unwrap();
    db.drift(&["--fix-sql"]).expect_code(1);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "check-drift changed the database file"
    );
    assert!(!db.path().join("dev.db-journal").exists() && !db.path().join("dev.db-wal").exists());
}

/// On a database where every transaction is read-only, check-drift works (so it needs no write)
/// while migrate apply is refused by the server (so the setting bites).
#[test]
fn check_drift_never_writes_postgres() {
    let Some(db) = Db::built(Target::Postgres) else {
        return;
    };
    let name = db.url.rsplit('/').next().unwrap().to_owned();
    db.execute(&format!(
        "ALTER DATABASE {name} SET default_transaction_read_only = on"
    ));
    db.execute(r#"SELECT 1"#);
    db.drift(&[]).expect_code(0);
    std::fs::write(
        db.path().join("schema.prisma"),
        SCHEMA.replace(
            "  name    String?\n",
            "  name    String?\n  bio     String?\n",
        ),
    )
    .unwrap();
    tether(db.path(), ["gen"]).expect_code(0);
    db.drift(&[]).expect_code(1);
    let refused = tether(db.path(), ["migrate", "apply", "--url", &db.url]).expect_code(2);
    assert!(refused.stderr.contains("read-only"), "{refused:#?}");
}

/// A user with only read privileges (SELECT, REFERENCES) can run check-drift but cannot apply
/// migrations; with SELECT alone MariaDB hides foreign key rules, and tether says which
/// privilege is missing instead of reporting false drift.
#[test]
fn check_drift_needs_only_read_privileges_on_mysql() {
    let Some(db) = Db::built(Target::Mysql) else {
        return;
    };
    let name = db.url.rsplit('/').next().unwrap().to_owned();
    let user = format!("ro_{}", &name[name.len().saturating_sub(10)..]);
    db.execute(&format!("CREATE USER '{user}'@'%' IDENTIFIED BY 'Reader-pw-1'; GRANT SELECT ON {name}.* TO '{user}'@'%'"));
    let ro_url = format!("mysql://{user}:Reader-pw-1@127.0.0.1:3306/{name}");
    let select_only = tether(db.path(), ["check-drift", "--url", &ro_url]);
    db.execute(&format!("GRANT REFERENCES ON {name}.* TO '{user}'@'%'"));
    let read_only = tether(db.path(), ["check-drift", "--url", &ro_url]);
    std::fs::write(
        db.path().join("schema.prisma"),
        SCHEMA.replace(
            "  name    String?\n",
            "  name    String?\n  bio     String?\n",
        ),
    )
    .unwrap();
    tether(db.path(), ["gen"]).expect_code(0);
    let apply = tether(db.path(), ["migrate", "apply", "--url", &ro_url]);
    db.execute(&format!("DROP USER '{user}'@'%'"));
    assert_eq!(select_only.code, 2, "{select_only:#?}");
    assert!(
        select_only.stderr.contains("REFERENCES"),
        "{select_only:#?}"
    );
    assert_eq!(read_only.code, 0, "{read_only:#?}");
    assert_eq!(apply.code, 2, "{apply:#?}");
    assert!(!apply.stderr.contains("Reader-pw-1"), "{apply:#?}");
}

#[test]
fn passwords_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.prisma"), SCHEMA).unwrap();
    let secret = "S3cret-Pa55word";
    let mut urls = vec![
        format!("postgresql://postgres:{secret}@127.0.0.1:1/nope"),
        format!("mysql://root:{secret}@127.0.0.1:1/nope"),
    ];
    if let Some(admin) = Server::Mysql.url() {
        // Reachable server, refused login: the driver's own error must be redacted too.
        urls.push(with_login(&admin, "no_such_user", secret));
    }
    for url in urls {
        for args in [
            vec!["check-drift", "--url", &url],
            vec!["migrate", "status", "--url", &url],
        ] {
            let run = tether(dir.path(), &args).expect_code(2);
            assert!(
                !run.stdout.contains(secret) && !run.stderr.contains(secret),
                "password leaked: {run:#?}"
            );
            assert!(
                run.stderr.contains("***") || !run.stderr.contains("://"),
                "{run:#?}"
            );
        }
    }
}

#[test]
fn unreachable_database_fails_fast_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.prisma"), SCHEMA).unwrap();
    let run = tether(
        dir.path(),
        [
            "check-drift",
            "--url",
            "postgresql://postgres@127.0.0.1:1/x",
            "--connect-timeout",
            "3",
        ],
    )
    .expect_code(2);
    assert!(
        run.stderr
            .starts_with("error: postgres: cannot connect to 127.0.0.1:1/x: "),
        "{run:#?}"
    );
    assert_eq!(run.stderr.trim().lines().count(), 1, "{run:#?}");
    let missing = tether(dir.path(), ["check-drift", "--url", "sqlite:./nope.db"]).expect_code(2);
    assert!(missing.stderr.contains("does not exist"), "{missing:#?}");
    assert!(
        !dir.path().join("nope.db").exists(),
        "check-drift created a database file"
    );
}

/// The number of queries does not grow with the number of tables.
#[test]
fn inspection_sends_a_fixed_number_of_queries() {
    for kind in [Target::Postgres, Target::Mysql, Target::Sqlite] {
        let Some(db) = Db::built(kind) else { continue };
        let count = |db: &Db| {
            let run = db.drift(&["--format", "json"]);
            serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()["round_trips"]
                .as_u64()
                .unwrap()
        };
        let small = count(&db);
        for i in 0..25 {
            db.execute(&format!(
                r#"CREATE TABLE "extra_{i}" ("id" INTEGER PRIMARY KEY, "v" TEXT)"#
            ));
        }
        let large = count(&db);
        assert_eq!(small, large, "{kind:?}: queries grew with the table count");
        assert!(large <= 12, "{kind:?}: {large} queries");
        // A server gets the session's set-up in one message and every catalog query in one
        // more; MySQL first says which server it is (MariaDB and MySQL limit statements apart).
        let expected = match kind {
            Target::Postgres => Some(2),
            Target::Mysql => Some(3),
            Target::Sqlite => None,
        };
        if let Some(expected) = expected {
            assert_eq!(large, expected, "{kind:?}: round trips to the server");
        }
    }
}

/// `--db-schema` works in a PostgreSQL schema other than `public`, and only there.
#[test]
fn a_postgres_schema_other_than_public() {
    let Some(db) = TestDatabase::create(Server::Postgres) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.prisma"), SCHEMA).unwrap();
    std::fs::write(
        dir.path().join("tether.toml"),
        "schema = \"schema.prisma\"\n",
    )
    .unwrap();
    sql::execute(&db.url, "CREATE SCHEMA app");
    tether(dir.path(), ["gen"]).expect_code(0);
    tether(
        dir.path(),
        ["migrate", "apply", "--url", &db.url, "--db-schema", "app"],
    )
    .expect_code(0);
    tether(
        dir.path(),
        ["check-drift", "--url", &db.url, "--db-schema", "app"],
    )
    .expect_code(0);
    assert_eq!(
        sql::column(
            &db.url,
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ),
        vec!["0"]
    );
    let public = tether(
        dir.path(),
        ["check-drift", "--url", &db.url, "--format", "json"],
    )
    .expect_code(1);
    assert!(public.stdout.contains("missing_table"), "{public:#?}");
    // Prisma's URL form names the schema too.
    tether(
        dir.path(),
        ["check-drift", "--url", &format!("{}?schema=app", db.url)],
    )
    .expect_code(0);
}

/// A database migrated by Prisma Migrate: `migrate status` counts `_prisma_migrations` and
/// `migrate apply` does not apply those migrations again.
#[test]
fn migrations_applied_by_prisma_count_as_applied() {
    let Some(db) = Db::built(Target::Postgres) else {
        return;
    };
    let folder = migration_folders(&db.path().join("migrations"))[0].clone();
    let name = folder.file_name().unwrap().to_str().unwrap().to_owned();
    let migration_sql = std::fs::read_to_string(folder.join("migration.sql")).unwrap();
    db.execute(r#"DROP TABLE "_tether_migrations""#);
    db.execute(&format!(
        r#"CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0);
           INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name")
           VALUES ('1', encode(sha256(convert_to($sql${migration_sql}$sql$, 'UTF8')), 'hex'), now(), '{name}')"#
    ));
    let status = tether(
        db.path(),
        ["migrate", "status", "--url", &db.url, "--check"],
    )
    .expect_code(0);
    assert!(status.stdout.contains("applied (by Prisma)"), "{status:#?}");
    tether(db.path(), ["migrate", "apply", "--url", &db.url]).expect_code(0);
    db.drift(&[]).expect_code(0);
    // Prisma's checksum is the SHA-256 of migration.sql, as tether's: an edit shows.
    std::fs::write(
        folder.join("migration.sql"),
        format!("{migration_sql}\n-- edited\n"),
    )
    .unwrap();
    let edited = tether(
        db.path(),
        ["migrate", "status", "--url", &db.url, "--check"],
    )
    .expect_code(1);
    assert!(
        edited.stdout.contains("modified since applied"),
        "{edited:#?}"
    );
}

const EXTENSIONS_SCHEMA: &str = r#"generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["postgresqlExtensions"]
}

datasource db {
  provider   = "postgresql"
  extensions = [pg_trgm, citext]
}

model Tag {
  id   Int    @id
  name String @db.Citext
}
"#;

/// A project on a fresh PostgreSQL database built from `schema`; `None` without a server.
fn postgres_project(schema: &str) -> Option<(tempfile::TempDir, common::Database)> {
    let dir = tempfile::tempdir().unwrap();
    let db = Target::Postgres.database(dir.path(), "dev")?;
    std::fs::write(dir.path().join("schema.prisma"), schema).unwrap();
    std::fs::write(
        dir.path().join("tether.toml"),
        "schema = \"schema.prisma\"\n[migrations]\ndialects = [\"postgresql\"]\n",
    )
    .unwrap();
    tether(dir.path(), ["gen"]).expect_code(0);
    tether(dir.path(), ["migrate", "apply", "--url", &db.url]).expect_code(0);
    Some((dir, db))
}

/// The extensions the schema names are compared; others a database has are not drift.
#[test]
fn extensions_the_schema_names_are_compared_on_postgres() {
    let Some((dir, db)) = postgres_project(EXTENSIONS_SCHEMA) else {
        return;
    };
    let drift = |extra: &[&str]| {
        let mut args = vec!["check-drift", "--url", db.url.as_str()];
        args.extend(extra);
        tether(dir.path(), args)
    };
    drift(&[]).expect_code(0);
    // Another extension in the database is the DBA's business.
    sql::execute(&db.url, "CREATE EXTENSION IF NOT EXISTS hstore");
    drift(&[]).expect_code(0);
    sql::execute(&db.url, "DROP EXTENSION pg_trgm");
    let run = drift(&["--format", "json", "--fix-sql"]).expect_code(1);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        value["differences"][0]["kind"], "missing_extension",
        "{run:#?}"
    );
    assert_eq!(value["differences"][0]["object"], "pg_trgm", "{run:#?}");
    let fix = value["fix_sql"].as_str().unwrap().to_owned();
    assert!(
        fix.contains(r#"CREATE EXTENSION IF NOT EXISTS "pg_trgm""#),
        "{fix}"
    );
    sql::execute(&db.url, &fix);
    drift(&[]).expect_code(0);
}

/// Tables an extension owns (PostGIS's `spatial_ref_sys`) are the extension's: no drift. The
/// test installs a real extension of its own into the server's extension folder, one that
/// creates a table and an enum, as PostGIS does.
#[test]
fn objects_an_extension_owns_are_not_drift_on_postgres() {
    let Some(server) = Server::Postgres.url() else {
        return;
    };
    let sharedir = sql::column(
        &server,
        "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'",
    );
    let folder = Path::new(&sharedir[0]).join("extension");
    let control = folder.join("tether_owned_objects.control");
    let script = folder.join("tether_owned_objects--1.0.sql");
    let installed = std::fs::write(
        &control,
        "comment = 'tether test: an extension that owns a table'\ndefault_version = '1.0'\nrelocatable = false\n",
    )
    .and_then(|_| {
        std::fs::write(
            &script,
            "CREATE TYPE owned_kind AS ENUM ('a', 'b');\nCREATE TABLE owned_reference (id integer PRIMARY KEY, kind owned_kind);\n",
        )
    });
    if let Err(e) = installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "cannot install the test extension into {}: {e}",
            folder.display()
        );
        eprintln!("skipped: cannot write {}: {e}", folder.display());
        return;
    }
    let schema = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel A {\n  id Int @id\n}\n";
    let Some((dir, db)) = postgres_project(schema) else {
        return;
    };
    sql::execute(&db.url, "CREATE EXTENSION tether_owned_objects");
    let run = tether(dir.path(), ["check-drift", "--url", &db.url]);
    assert_eq!(run.code, 0, "{run:#?}");
    // A table of the user's beside it is still drift.
    sql::execute(&db.url, "CREATE TABLE not_owned (id integer)");
    let run = tether(dir.path(), ["check-drift", "--url", &db.url]).expect_code(1);
    assert!(run.stdout.contains("not_owned"), "{run:#?}");
    assert!(!run.stdout.contains("owned_reference"), "{run:#?}");
}

/// With relationMode = "prisma" the database has no foreign keys, and keys it has anyway (from
/// before the mode, or a DBA's) are not drift: the relations are the client's.
#[test]
fn foreign_keys_are_not_drift_under_relation_mode_prisma() {
    for target in [Target::Postgres, Target::Mysql, Target::Sqlite] {
        let dir = tempfile::tempdir().unwrap();
        let Some(db) = target.database(dir.path(), "dev") else {
            continue;
        };
        std::fs::write(
            dir.path().join("schema.prisma"),
            "datasource db {\n  provider     = \"mysql\"\n  relationMode = \"prisma\"\n}\n\nmodel A {\n  id Int  @id\n  bs B[]\n}\n\nmodel B {\n  id  Int @id\n  aId Int\n  a   A   @relation(fields: [aId], references: [id])\n\n  @@index([aId])\n}\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("tether.toml"),
            format!(
                "schema = \"schema.prisma\"\n[migrations]\ndialects = [\"{}\"]\n",
                target.dialect()
            ),
        )
        .unwrap();
        tether(dir.path(), ["gen"]).expect_code(0);
        tether(dir.path(), ["migrate", "apply", "--url", &db.url]).expect_code(0);
        let sql_of = |dir: &Path| {
            let folder = migration_folders(&dir.join("migrations"));
            std::fs::read_to_string(folder[0].join("migration.sql")).unwrap()
        };
        assert!(!sql_of(dir.path()).contains("FOREIGN KEY"), "{target:?}");
        tether(dir.path(), ["check-drift", "--url", &db.url]).expect_code(0);
        if target != Target::Sqlite {
            let q = |s: &str| match target {
                Target::Mysql => s.replace('"', "`"),
                _ => s.to_owned(),
            };
            sql::execute(
                &db.url,
                &q(
                    r#"ALTER TABLE "B" ADD CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A"("id")"#,
                ),
            );
            let run = tether(dir.path(), ["check-drift", "--url", &db.url]);
            assert_eq!(run.code, 0, "{target:?}: {run:#?}");
        }
    }
}
