//! `check-drift` over a fleet (issue #18): one clean database, one drifted, one unreachable and
//! one with a bad password, given as several `--url`s, as a `--targets` file and as
//! `[[database.targets]]`, against one schema: each is reported as what it is (text summary,
//! `--format json` per target, GitHub annotations naming the target), no password appears in any
//! output, and the exit code is 2 when a target could not be checked, else 1 on drift, else 0.

mod common;

use common::{Server, TestDatabase, sql, tether, with_login};
use std::path::Path;

const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
}

model Tenant {
  id    Int    @id @default(autoincrement())
  slug  String @unique
  plans Plan[]
}

model Plan {
  id       Int    @id @default(autoincrement())
  tenant   Tenant @relation(fields: [tenantId], references: [id])
  tenantId Int
  seats    Int    @default(5)
}
"#;

const PASSWORD: &str = "s3cr3t-fleet-pw";

struct Fleet {
    dir: tempfile::TempDir,
    clean: TestDatabase,
    drifted: TestDatabase,
    mysql_clean: Option<TestDatabase>,
}

fn fleet() -> Option<Fleet> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.prisma"), SCHEMA).unwrap();
    std::fs::write(
        dir.path().join("tether.toml"),
        "schema = \"schema.prisma\"\n\n[migrations]\ndialects = [\"postgresql\", \"mysql\"]\n",
    )
    .unwrap();
    tether(dir.path(), ["gen"]).expect_code(0);
    let clean = TestDatabase::create(Server::Postgres)?;
    let drifted = TestDatabase::create(Server::Postgres)?;
    for db in [&clean, &drifted] {
        tether(dir.path(), ["migrate", "apply", "--url", &db.url]).expect_code(0);
    }
    sql::execute(
        &drifted.url,
        r#"ALTER TABLE "Plan" ADD COLUMN "legacy" TEXT"#,
    );
    let mysql_clean = TestDatabase::create(Server::Mysql);
    if let Some(db) = &mysql_clean {
        tether(dir.path(), ["migrate", "apply", "--url", &db.url]).expect_code(0);
    }
    Some(Fleet {
        dir,
        clean,
        drifted,
        mysql_clean,
    })
}

fn unreachable() -> String {
    format!("postgresql://app:{PASSWORD}@127.0.0.1:9/app")
}

fn bad_password(db: &TestDatabase) -> String {
    // MariaDB's root takes no password: any one is refused.
    with_login(&db.url, "root", PASSWORD)
}

fn no_password(run: &common::Run) {
    assert!(
        !run.stdout.contains(PASSWORD) && !run.stderr.contains(PASSWORD),
        "a password reached the output:\n{run:#?}"
    );
}

fn check(dir: &Path, args: &[&str]) -> common::Run {
    let mut all = vec!["check-drift", "--connect-timeout", "5"];
    all.extend_from_slice(args);
    tether(dir, all)
}

#[test]
fn a_fleet_reports_each_target_and_exits_by_the_worst() {
    let Some(f) = fleet() else { return };
    let p = f.dir.path();
    let mysql = f.mysql_clean.as_ref().expect("CI sets both servers");
    let bad = bad_password(mysql);
    let dead = unreachable();

    // Clean and drifted only: exit 1, the drifted one's differences under its name.
    let run = check(
        p,
        &[
            "--url",
            &f.clean.url,
            "--url",
            &f.drifted.url,
            "--url",
            &mysql.url,
        ],
    );
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.contains("drift: Plan.legacy"), "{run:#?}");
    assert!(
        run.stderr
            .contains("3 database(s): 2 clean, 1 drifted, 0 not checked"),
        "{run:#?}"
    );

    // With an unreachable host and a refused login: exit 2, each said.
    let run = check(
        p,
        &[
            "--url",
            &f.clean.url,
            "--url",
            &f.drifted.url,
            "--url",
            &dead,
            "--url",
            &bad,
        ],
    );
    assert_eq!(run.code, 2, "{run:#?}");
    no_password(&run);
    let line = |name: &str| {
        run.stdout
            .lines()
            .find(|l| l.starts_with(name) && l.contains(" s"))
            .unwrap_or_else(|| panic!("no summary line for {name}:\n{}", run.stdout))
            .to_owned()
    };
    assert!(line(&common::endpoint_of(&f.clean.url)).contains("clean"));
    assert!(line(&common::endpoint_of(&f.drifted.url)).contains("drift"));
    assert!(line("127.0.0.1:9/app").contains("error"));
    assert!(run.stdout.contains("Access denied"), "{run:#?}");
    assert!(
        run.stderr.contains("1 clean, 1 drifted, 2 not checked"),
        "{run:#?}"
    );

    // JSON: one entry per target, in the order given.
    let run = check(
        p,
        &[
            "--format",
            "json",
            "--url",
            &f.clean.url,
            "--url",
            &f.drifted.url,
            "--url",
            &dead,
            "--url",
            &bad,
        ],
    );
    assert_eq!(run.code, 2, "{run:#?}");
    no_password(&run);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let statuses: Vec<&str> = value["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["clean", "drift", "error", "error"]);
    assert_eq!(
        value["targets"][1]["differences"][0]["kind"],
        "extra_column"
    );

    // GitHub annotations name the target.
    let run = check(
        p,
        &[
            "--format",
            "github",
            "--url",
            &f.drifted.url,
            "--url",
            &dead,
        ],
    );
    assert_eq!(run.code, 2);
    no_password(&run);
    assert!(
        run.stdout.contains(&format!(
            "::error title=Schema drift ({})::",
            common::endpoint_of(&f.drifted.url)
        )) && run
            .stdout
            .contains("::error title=Drift check failed (127.0.0.1:9/app)::"),
        "{run:#?}"
    );
}

/// The same fleet from a `--targets` file (names, `env:`, comments) and from tether.toml.
#[test]
fn targets_come_from_a_file_and_from_the_config() {
    let Some(f) = fleet() else { return };
    let p = f.dir.path();
    std::fs::write(
        p.join("targets.txt"),
        format!(
            "# production and staging\nprod = {}\nstaging = env:TETHER_FLEET_STAGING\nlost = env:TETHER_FLEET_UNSET\n",
            f.clean.url
        ),
    )
    .unwrap();
    let run = common::tether_with_env(
        p,
        ["check-drift", "--targets", "targets.txt"],
        &[("TETHER_FLEET_STAGING", &f.drifted.url)],
    );
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("prod ") && l.contains("clean")),
        "{run:#?}"
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("staging ") && l.contains("drift")),
        "{run:#?}"
    );
    assert!(
        run.stdout.contains("TETHER_FLEET_UNSET is not set"),
        "{run:#?}"
    );

    let config = std::fs::read_to_string(p.join("tether.toml")).unwrap();
    std::fs::write(
        p.join("tether.toml"),
        format!(
            "{config}\n[database]\n\n[[database.targets]]\nname = \"eu\"\nurl = \"{}\"\n\n[[database.targets]]\nname = \"us\"\nurl = \"{}\"\n",
            f.clean.url, f.drifted.url
        ),
    )
    .unwrap();
    let run = tether(p, ["check-drift"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.contains("== us ("), "{run:#?}");
    assert!(
        run.stderr.contains("2 database(s): 1 clean, 1 drifted"),
        "{run:#?}"
    );
}

/// `--db-schema 'tenant_*'` checks every matching PostgreSQL schema of one database, finds drift
/// in exactly the tenant that has it, leaves other schemas out, and reads the catalog in the same
/// number of round trips whatever the number of tenants.
#[test]
fn tenant_schemas_are_checked_with_a_fixed_number_of_queries() {
    let Some(f) = fleet() else { return };
    let p = f.dir.path();
    let db = TestDatabase::create(Server::Postgres).expect("the server answered above");
    let build = |name: &str| {
        sql::execute(&db.url, &format!("CREATE SCHEMA \"{name}\""));
        tether(
            p,
            ["migrate", "apply", "--url", &db.url, "--db-schema", name],
        )
        .expect_code(0);
    };
    for tenant in ["tenant_a", "tenant_b", "tenant_c", "other"] {
        build(tenant);
    }
    sql::execute(
        &db.url,
        r#"ALTER TABLE "tenant_b"."Tenant" ADD COLUMN "region" TEXT"#,
    );
    sql::execute(&db.url, r#"ALTER TABLE "other"."Plan" DROP COLUMN "seats""#);
    let json = |run: &common::Run| -> serde_json::Value {
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:#?}"))
    };
    let run = check(
        p,
        &[
            "--url",
            &db.url,
            "--db-schema",
            "tenant_*",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 1, "{run:#?}");
    let value = json(&run);
    let targets = value["targets"].as_array().unwrap();
    let by_name: Vec<(&str, &str)> = targets
        .iter()
        .map(|t| (t["target"].as_str().unwrap(), t["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        by_name,
        [
            ("tenant_a", "clean"),
            ("tenant_b", "drift"),
            ("tenant_c", "clean")
        ]
    );
    let round_trips = targets[0]["round_trips"].as_u64().unwrap();

    for tenant in ["tenant_d", "tenant_e", "tenant_f", "tenant_g", "tenant_h"] {
        build(tenant);
    }
    let run = check(
        p,
        &[
            "--url",
            &db.url,
            "--db-schema",
            "tenant_*",
            "--format",
            "json",
        ],
    );
    let value = json(&run);
    assert_eq!(value["targets"].as_array().unwrap().len(), 8, "{run:#?}");
    assert_eq!(
        value["targets"][0]["round_trips"].as_u64().unwrap(),
        round_trips,
        "the round trips grew with the tenants"
    );
    let text = check(p, &["--url", &db.url, "--db-schema", "tenant_*"]);
    assert_eq!(text.code, 1);
    assert!(
        text.stdout.contains("== tenant_b (") && text.stdout.contains("Tenant.region"),
        "{text:#?}"
    );
    let none = check(p, &["--url", &db.url, "--db-schema", "nobody_*"]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("no schema"), "{none:#?}");
}
