//! Adopting a database that predates tether, and the deploy controls (issue #15): a database
//! built by hand (a SQL script here, not tether) is refused by `migrate apply` with a pointer to
//! `migrate resolve`, baselined with `migrate resolve --applied` (which refuses a database that
//! differs, unless `--force`), then evolved with `gen` + `apply`; `apply --dry-run` prints the
//! SQL and changes nothing; `apply --to` stops where asked; `resolve --rolled-back` takes the
//! newest migration out of the history; `-- tether: no-transaction` lets PostgreSQL run
//! `CREATE INDEX CONCURRENTLY`. On SQLite, PostgreSQL and MariaDB (CI sets the servers' URLs).

mod common;

use common::{Target, migration_folders, sql, tether};
use std::path::{Path, PathBuf};

/// The application the DBA built by hand: customers and their orders.
const SCHEMA: &str = r#"datasource db {
  provider = "PROVIDER"
}

model Customer {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?
  createdAt DateTime @default(now())
  orders    Order[]
}

model Order {
  id         Int      @id @default(autoincrement())
  customer   Customer @relation(fields: [customerId], references: [id])
  customerId Int
  total      Int      @default(0)
}
"#;

/// The same tables, written by hand in each database's own style, with the names Prisma gives.
fn hand_built(target: Target) -> &'static str {
    match target {
        Target::Sqlite => {
            r#"
CREATE TABLE "Customer" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "email" TEXT NOT NULL,
  "name" TEXT,
  "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "Customer_email_key" ON "Customer" ("email");
CREATE TABLE "Order" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "customerId" INTEGER NOT NULL,
  "total" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id")
    ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "Customer" ("email") VALUES ('ada@example.com');
"#
        }
        Target::Postgres => {
            r#"
CREATE TABLE "Customer" (
  "id" SERIAL PRIMARY KEY,
  "email" TEXT NOT NULL,
  "name" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "Customer_email_key" ON "Customer" ("email");
CREATE TABLE "Order" (
  "id" SERIAL PRIMARY KEY,
  "customerId" INTEGER NOT NULL
    CONSTRAINT "Order_customerId_fkey" REFERENCES "Customer" ("id")
    ON DELETE RESTRICT ON UPDATE CASCADE,
  "total" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "Customer" ("email") VALUES ('ada@example.com');
"#
        }
        Target::Mysql => {
            r#"
CREATE TABLE `Customer` (
  `id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `email` VARCHAR(191) NOT NULL,
  `name` VARCHAR(191) NULL,
  `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY `Customer_email_key` (`email`)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE `Order` (
  `id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `customerId` INT NOT NULL,
  `total` INT NOT NULL DEFAULT 0,
  KEY `Order_customerId_fkey` (`customerId`),
  CONSTRAINT `Order_customerId_fkey` FOREIGN KEY (`customerId`) REFERENCES `Customer` (`id`)
    ON DELETE RESTRICT ON UPDATE CASCADE
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO `Customer` (`email`) VALUES ('ada@example.com');
"#
        }
    }
}

struct Project {
    dir: tempfile::TempDir,
    db: common::Database,
}

impl Project {
    fn new(target: Target, label: &str) -> Option<Project> {
        let dir = tempfile::tempdir().unwrap();
        let db = target.database(dir.path(), label)?;
        std::fs::write(
            dir.path().join("schema.prisma"),
            SCHEMA.replace("PROVIDER", target.dialect()),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("tether.toml"),
            format!(
                "schema = \"schema.prisma\"\n\n[migrations]\ndialects = [\"{}\"]\n",
                target.dialect()
            ),
        )
        .unwrap();
        Some(Project { dir, db })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> common::Run {
        tether(self.path(), args)
    }

    fn run_db(&self, args: &[&str]) -> common::Run {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--url", &self.db.url]);
        tether(self.path(), all)
    }

    fn migrations(&self) -> Vec<PathBuf> {
        migration_folders(&self.path().join("migrations"))
    }

    fn name(&self, i: usize) -> String {
        self.migrations()[i]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    }

    /// `migrate status` lines: (state, name).
    fn status(&self) -> Vec<(String, String)> {
        let run = self.run_db(&["migrate", "status"]);
        run.stdout
            .lines()
            .map(|l| {
                let (state, name) = l.rsplit_once(' ').unwrap();
                (state.trim().to_owned(), name.to_owned())
            })
            .collect()
    }

    fn add_to_schema(&self, from: &str, to: &str) {
        let path = self.path().join("schema.prisma");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} not in the schema");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

fn column_names(target: Target, url: &str, table: &str) -> Vec<String> {
    let query = match target {
        Target::Sqlite => format!("SELECT name FROM pragma_table_info('{table}')"),
        Target::Postgres => format!(
            "SELECT column_name::text FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = 'public'"
        ),
        Target::Mysql => format!(
            "SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = DATABASE()"
        ),
    };
    sql::column(url, &query)
}

fn baseline_and_evolve(target: Target) {
    let Some(project) = Project::new(target, "hand") else {
        return;
    };
    let url = project.db.url.clone();
    sql::execute(&url, hand_built(target));
    project.run(&["gen", "--name", "init"]).expect_code(0);
    let init = project.name(0);

    // The schema describes the database as it is: no drift, but apply cannot start from it.
    project.run_db(&["check-drift"]).expect_code(0);
    let refused = project.run_db(&["migrate", "apply"]).expect_code(2);
    assert!(
        refused
            .stderr
            .contains(&format!("tether migrate resolve --applied {init}")),
        "{target:?}: apply on a database built before tether should point at resolve:\n{refused:#?}"
    );
    assert_eq!(project.status(), [("pending".to_owned(), init.clone())]);

    // Baselined: recorded, not run (the hand-made row is still there, nothing was recreated).
    project
        .run_db(&["migrate", "resolve", "--applied", &init])
        .expect_code(0);
    assert_eq!(project.status(), [("applied".to_owned(), init.clone())]);
    let quoted = if target == Target::Mysql {
        "`Customer`"
    } else {
        "\"Customer\""
    };
    assert_eq!(
        sql::column(&url, &format!("SELECT email FROM {quoted}")),
        ["ada@example.com"]
    );
    let again = project
        .run_db(&["migrate", "resolve", "--applied", &init])
        .expect_code(2);
    assert!(again.stderr.contains("already recorded"), "{again:#?}");

    // Two more migrations; --dry-run prints them in order and changes nothing.
    project.add_to_schema(
        "  total      Int      @default(0)\n",
        "  total      Int      @default(0)\n  note       String?\n",
    );
    project.run(&["gen", "--name", "add_note"]).expect_code(0);
    project.add_to_schema(
        "  name      String?\n",
        "  name      String?\n  phone     String?\n",
    );
    project.run(&["gen", "--name", "add_phone"]).expect_code(0);
    let (note, phone) = (project.name(1), project.name(2));
    let dry = project
        .run_db(&["migrate", "apply", "--dry-run"])
        .expect_code(0);
    let (at_note, at_phone) = (
        dry.stdout.find(&format!("-- {note} (1/2)")),
        dry.stdout.find(&format!("-- {phone} (2/2)")),
    );
    assert!(
        matches!((at_note, at_phone), (Some(a), Some(b)) if a < b)
            && dry.stdout.contains("note")
            && dry.stdout.contains("phone"),
        "{target:?}: dry run should print both migrations in order:\n{dry:#?}"
    );
    assert!(dry.stderr.contains("nothing was changed"), "{dry:#?}");
    assert!(!column_names(target, &url, "Order").contains(&"note".to_owned()));
    assert_eq!(project.status()[1].0, "pending");

    // --to stops after the named migration.
    project
        .run_db(&["migrate", "apply", "--to", &note])
        .expect_code(0);
    assert_eq!(
        project.status(),
        [
            ("applied".to_owned(), init.clone()),
            ("applied".to_owned(), note.clone()),
            ("pending".to_owned(), phone.clone()),
        ]
    );
    assert!(column_names(target, &url, "Order").contains(&"note".to_owned()));
    assert!(!column_names(target, &url, "Customer").contains(&"phone".to_owned()));
    project
        .run_db(&["migrate", "apply", "--to", "20991231000000_nothing"])
        .expect_code(2);
    project.run_db(&["migrate", "apply"]).expect_code(0);
    project.run_db(&["check-drift"]).expect_code(0);

    // The newest migration undone by hand, then taken out of the history: apply runs it again.
    let down = std::fs::read_to_string(project.migrations()[2].join("down.sql")).unwrap();
    sql::execute(&url, &down);
    let not_newest = project
        .run_db(&["migrate", "resolve", "--rolled-back", &note])
        .expect_code(2);
    assert!(
        not_newest.stderr.contains("not the newest"),
        "{not_newest:#?}"
    );
    project
        .run_db(&["migrate", "resolve", "--rolled-back", &phone])
        .expect_code(0);
    assert_eq!(project.status()[2], ("pending".to_owned(), phone.clone()));
    project.run_db(&["migrate", "apply"]).expect_code(0);
    project.run_db(&["check-drift"]).expect_code(0);
}

/// `resolve --applied` on a database that is not what the migrations build: refused with the
/// differences, nothing recorded; `--force` records anyway.
fn baseline_refuses_a_different_database(target: Target) {
    let Some(project) = Project::new(target, "different") else {
        return;
    };
    let url = project.db.url.clone();
    // The DBA's tables lack `name`.
    let script = hand_built(target)
        .replace("  \"name\" TEXT,\n", "")
        .replace("  `name` VARCHAR(191) NULL,\n", "");
    sql::execute(&url, &script);
    project.run(&["gen", "--name", "init"]).expect_code(0);
    let init = project.name(0);
    let refused = project
        .run_db(&["migrate", "resolve", "--applied", &init])
        .expect_code(1);
    assert!(
        refused.stdout.contains("drift:") && refused.stdout.contains("name"),
        "{target:?}: the difference should be listed:\n{refused:#?}"
    );
    assert!(refused.stderr.contains("not recorded"), "{refused:#?}");
    assert_eq!(project.status(), [("pending".to_owned(), init.clone())]);
    project
        .run_db(&["migrate", "resolve", "--applied", &init, "--force"])
        .expect_code(0);
    assert_eq!(project.status(), [("applied".to_owned(), init)]);
}

#[test]
fn a_hand_built_database_is_baselined_and_evolved_on_sqlite() {
    baseline_and_evolve(Target::Sqlite);
    baseline_refuses_a_different_database(Target::Sqlite);
}

#[test]
fn a_hand_built_database_is_baselined_and_evolved_on_postgres() {
    baseline_and_evolve(Target::Postgres);
    baseline_refuses_a_different_database(Target::Postgres);
}

#[test]
fn a_hand_built_database_is_baselined_and_evolved_on_mysql() {
    baseline_and_evolve(Target::Mysql);
    baseline_refuses_a_different_database(Target::Mysql);
}

/// PostgreSQL refuses `CREATE INDEX CONCURRENTLY` inside a transaction: a migration whose first
/// line is `-- tether: no-transaction` runs its statements one by one outside one, and is
/// recorded after the last; without the marker it fails and nothing is applied.
#[test]
fn create_index_concurrently_applies_under_the_no_transaction_marker() {
    let Some(project) = Project::new(Target::Postgres, "concurrently") else {
        return;
    };
    project.run(&["gen", "--name", "init"]).expect_code(0);
    project.run_db(&["migrate", "apply"]).expect_code(0);
    project.add_to_schema(
        "  total      Int      @default(0)\n",
        "  total      Int      @default(0)\n\n  @@index([total])\n",
    );
    project
        .run(&["gen", "--name", "index_totals"])
        .expect_code(0);
    let file = project.migrations()[1].join("migration.sql");
    let generated = std::fs::read_to_string(&file).unwrap();
    let concurrent = generated.replace("CREATE INDEX", "CREATE INDEX CONCURRENTLY");
    assert_ne!(concurrent, generated, "no CREATE INDEX in:\n{generated}");

    std::fs::write(&file, &concurrent).unwrap();
    let refused = project.run_db(&["migrate", "apply"]).expect_code(2);
    assert!(
        refused
            .stderr
            .contains("cannot run inside a transaction block"),
        "{refused:#?}"
    );
    assert_eq!(project.status()[1].0, "pending");

    std::fs::write(&file, format!("-- tether: no-transaction\n{concurrent}")).unwrap();
    // The edited migration still builds what the schema says.
    project.run(&["gen", "--check"]).expect_code(0);
    project.run_db(&["migrate", "apply"]).expect_code(0);
    assert_eq!(project.status()[1].0, "applied");
    project.run_db(&["check-drift"]).expect_code(0);
}

/// The whole adoption path with no schema written by hand: a database built by hand is pulled
/// (`db pull`), baselined with the pulled schema's first migration, evolved with `gen` +
/// `apply`, and `check-drift` finds nothing at every step.
fn pull_baseline_evolve(target: Target) {
    let Some(project) = Project::new(target, "pulled") else {
        return;
    };
    let url = project.db.url.clone();
    sql::execute(&url, hand_built(target));
    std::fs::remove_file(project.path().join("schema.prisma")).unwrap();
    project.run_db(&["db", "pull"]).expect_code(0);
    let pulled = std::fs::read_to_string(project.path().join("schema.prisma")).unwrap();
    assert!(
        pulled.contains("model Customer {") && pulled.contains(" Order[]"),
        "{target:?}: {pulled}"
    );
    project.run_db(&["check-drift"]).expect_code(0);
    project.run(&["gen", "--name", "init"]).expect_code(0);
    let init = project.name(0);
    project
        .run_db(&["migrate", "resolve", "--applied", &init])
        .expect_code(0);
    project.add_to_schema(
        "  total      Int      @default(0)\n",
        "  total      Int      @default(0)\n  note       String?\n",
    );
    project.run(&["gen", "--name", "add_note"]).expect_code(0);
    project.run_db(&["migrate", "apply"]).expect_code(0);
    project.run_db(&["check-drift"]).expect_code(0);
    assert!(column_names(target, &url, "Order").contains(&"note".to_owned()));
}

#[test]
fn a_hand_built_database_is_pulled_baselined_and_evolved() {
    for target in Target::ALL {
        pull_baseline_evolve(target);
    }
}

/// `migrate down` refuses a migration whose file was edited since it was applied: its down.sql
/// undoes what the file says now, not what the database got.
#[test]
fn down_refuses_a_migration_edited_since_it_was_applied() {
    for target in Target::ALL {
        let Some(project) = Project::new(target, "edited") else {
            continue;
        };
        project.run(&["gen", "--name", "init"]).expect_code(0);
        project.run_db(&["migrate", "apply"]).expect_code(0);
        let file = project.migrations()[0].join("migration.sql");
        let sql = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, format!("{sql}\n-- edited after apply\n")).unwrap();
        let refused = project.run_db(&["migrate", "down"]).expect_code(2);
        assert!(
            refused.stderr.contains("was edited since it was applied"),
            "{target:?}: {refused:#?}"
        );
        assert_eq!(
            project.status()[0].0,
            "modified since applied",
            "{target:?}"
        );
        std::fs::write(&file, sql).unwrap();
        project.run_db(&["migrate", "down"]).expect_code(0);
        assert_eq!(project.status()[0].0, "pending", "{target:?}");
    }
}
