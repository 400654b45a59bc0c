//! What tether prints where: a progress line only on an interactive terminal (a real pseudo
//! terminal, through util-linux's `script`), never in a pipe or under CI; `--quiet` leaves only
//! warnings, errors and findings.

mod common;

use common::tether;
use std::path::Path;
use std::process::Command;

const SCHEMA: &str = r#"datasource db {
  provider = "sqlite"
}

model Invoice {
  id     Int    @id @default(autoincrement())
  number String @unique
}
"#;

/// A SQLite project with two migrations written.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("schema.prisma"), SCHEMA).unwrap();
    tether(p, ["gen"]).expect_code(0);
    let schema = SCHEMA.replace(
        "  number String @unique\n",
        "  number String @unique\n  total  Int    @default(0)\n",
    );
    std::fs::write(p.join("schema.prisma"), schema).unwrap();
    tether(p, ["gen"]).expect_code(0);
    dir
}

/// Runs tether in `dir` under a pseudo terminal, as a person at a shell would, outside CI;
/// returns everything the terminal showed.
fn on_a_terminal(dir: &Path, args: &str) -> String {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_tether"));
    let output = Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .current_dir(dir)
        .env_remove("CI")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .output()
        .expect("cannot run script(1) from util-linux");
    assert!(output.status.success(), "{output:#?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn progress_is_shown_on_a_terminal_only() {
    let dir = project();
    let p = dir.path();
    let shown = on_a_terminal(p, "migrate apply --url sqlite:dev.db");
    assert!(shown.contains("connecting to dev.db"), "{shown:?}");
    assert!(shown.contains("applying 1/2: "), "{shown:?}");
    assert!(shown.contains("applying 2/2: "), "{shown:?}");
    assert!(shown.contains("\x1b[2K"), "the line is erased: {shown:?}");
    assert!(shown.contains("applied 2 migration(s)"), "{shown:?}");

    // The same, piped (as in CI logs): no progress, no control characters.
    std::fs::remove_file(p.join("dev.db")).unwrap();
    let piped = tether(p, ["migrate", "apply", "--url", "sqlite:dev.db"]).expect_code(0);
    assert!(!piped.stderr.contains("applying 1/2"), "{piped:#?}");
    assert!(
        !piped.stderr.contains('\x1b') && !piped.stderr.contains('\r'),
        "{piped:#?}"
    );
    assert!(
        piped.stderr.contains("applied 2 migration(s)"),
        "{piped:#?}"
    );

    // A terminal in CI: no progress either.
    let ci = Command::new("script")
        .args(["--quiet", "--return", "--command"])
        .arg(format!(
            "{} check-drift --url sqlite:dev.db",
            env!("CARGO_BIN_EXE_tether")
        ))
        .arg("/dev/null")
        .current_dir(p)
        .env("CI", "true")
        .output()
        .unwrap();
    let ci = String::from_utf8_lossy(&ci.stdout);
    assert!(!ci.contains("checking dev.db"), "{ci:?}");
    assert!(ci.contains("no drift"), "{ci:?}");

    let checking = on_a_terminal(p, "check-drift --url sqlite:dev.db");
    assert!(checking.contains("checking dev.db"), "{checking:?}");
}

#[test]
fn quiet_leaves_only_warnings_errors_and_findings() {
    let dir = project();
    let p = dir.path();
    for args in [
        &["gen", "--quiet"][..],
        &["gen", "--check", "-q"][..],
        &["--quiet", "migrate", "apply", "--url", "sqlite:dev.db"][..],
        &["migrate", "status", "--url", "sqlite:dev.db", "--quiet"][..],
        &["check-drift", "--url", "sqlite:dev.db", "--quiet"][..],
        &["fmt", "--quiet"][..],
    ] {
        let run = tether(p, args).expect_code(0);
        assert_eq!(run.stderr, "", "{args:?}: {run:#?}");
    }
    // Findings and errors stay.
    rusqlite::Connection::open(p.join("dev.db"))
        .unwrap()
        .execute_batch(r#"ALTER TABLE "Invoice" ADD COLUMN "note" TEXT"#)
        .unwrap();
    let drift = tether(p, ["check-drift", "--url", "sqlite:dev.db", "--quiet"]).expect_code(1);
    assert!(drift.stdout.contains("drift: "), "{drift:#?}");
    let error = tether(p, ["check-drift", "--url", "sqlite:nope.db", "--quiet"]).expect_code(2);
    assert!(error.stderr.contains("does not exist"), "{error:#?}");
    // A destructive migration's warning stays.
    std::fs::write(p.join("schema.prisma"), SCHEMA).unwrap();
    let warned = tether(p, ["gen", "--quiet"]).expect_code(0);
    assert!(warned.stderr.contains("warning: "), "{warned:#?}");
    assert!(!warned.stderr.contains("wrote "), "{warned:#?}");
}
