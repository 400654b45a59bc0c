//! Bad input never panics: a missing path, a folder with no schema, a binary file, an empty file,
//! a tether.toml with an unknown key or a wrong type, a malformed `TETHER_MIGRATION_TIME`. Each is
//! one clear `error:` line on stderr and exit 2.

mod common;

use common::{tether, tether_with_env};
use std::path::Path;

/// Runs `validate` with `args` in `dir` and returns the single stderr line, after checking that
/// it is the only one, starts with `error: ` and that the exit code is 2.
fn one_error_line(dir: &Path, args: &[&str]) -> String {
    let run = tether(dir, [&["validate"], args].concat()).expect_code(2);
    assert_eq!(run.stdout, "", "{run:#?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected:\n{}", run.stderr);
    assert!(lines[0].starts_with("error: "), "{}", run.stderr);
    lines[0].to_owned()
}

#[test]
fn missing_schema_path() {
    let dir = tempfile::tempdir().unwrap();
    let line = one_error_line(dir.path(), &["--schema", "nope/schema.prisma"]);
    assert_eq!(
        line,
        "error: schema: cannot read nope/schema.prisma: No such file or directory (os error 2)"
    );
}

#[test]
fn no_schema_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let line = one_error_line(dir.path(), &[]);
    assert!(
        line.starts_with(
            "error: schema: no schema found: looked for schema.prisma, prisma/schema.prisma"
        ),
        "{line}"
    );
}

#[test]
fn folder_without_prisma_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("schema")).unwrap();
    std::fs::write(dir.path().join("schema/notes.txt"), "not a schema").unwrap();
    let line = one_error_line(dir.path(), &["--schema", "schema"]);
    assert_eq!(line, "error: schema: no .prisma file in folder schema");
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("schema.prisma"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
    )
    .unwrap();
    let line = one_error_line(dir.path(), &["--schema", "schema.prisma"]);
    assert_eq!(
        line,
        "error: schema: schema.prisma is a binary file, not a Prisma schema"
    );
}

#[test]
fn file_that_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.prisma"), b"model \xe9t\xe9 {}\n").unwrap();
    let line = one_error_line(dir.path(), &["--schema", "schema.prisma"]);
    assert_eq!(
        line,
        "error: schema: schema.prisma is not UTF-8 text (invalid byte at offset 6)"
    );
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.prisma"), " \n\n").unwrap();
    let line = one_error_line(dir.path(), &["--schema", "schema.prisma"]);
    assert_eq!(line, "error: schema: schema.prisma is empty");
}

/// Writes `tether.toml` into a fresh folder (found by walking up from it) and returns the error.
fn config_error(toml: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tether.toml"), toml).unwrap();
    let line = one_error_line(dir.path(), &[]);
    line.strip_prefix("error: config: tether.toml:")
        .unwrap_or_else(|| panic!("{line:?} does not name the file"))
        .to_owned()
}

#[test]
fn config_with_an_unknown_key() {
    assert_eq!(
        config_error("schema = \"schema.prisma\"\nshema = \"typo\"\n"),
        "2:1: unknown field `shema`, expected one of `schema`, `migrations`, `database`, `python`, `typescript`, `rust`, `docs`, `mongodb`"
    );
    assert_eq!(
        config_error("[database]\nurl = \"env:DATABASE_URL\"\ntimeout = 5\n"),
        "3:1: `database.timeout`: unknown field `timeout`, expected one of `url`, `connect_timeout`, `statement_timeout`, `lock_timeout`, `schema`, `ignore`, `targets`"
    );
}

#[test]
fn config_with_a_wrong_type() {
    assert_eq!(
        config_error("[migrations]\ndir = 5\n"),
        "2:7: `migrations.dir`: invalid type: integer `5`, expected path string"
    );
    assert_eq!(
        config_error("[migrations]\ndialects = [\"sqlite\", \"oracle\"]\n"),
        "2:23: `migrations.dialects[1]`: unknown variant `oracle`, expected one of `postgresql`, `sqlite`, `mysql`, `mongodb`"
    );
    assert_eq!(
        config_error("[rust]\nout = \"models.rs\"\nsqlx = \"yes\"\n"),
        "3:8: `rust.sqlx`: invalid type: string \"yes\", expected a boolean"
    );
}

#[test]
fn config_with_a_dialect_listed_twice() {
    // Two identical migration folders would be written (#13 item 20).
    assert_eq!(
        config_error("[migrations]\ndialects = [\"sqlite\", \"postgresql\", \"sqlite\"]\n"),
        "2:37: `migrations.dialects[2]`: `sqlite` is listed twice"
    );
}

#[test]
fn config_that_is_not_toml() {
    assert_eq!(
        config_error("schema = \n"),
        "1:10: string values must be quoted, expected literal string"
    );
}

#[test]
fn explicit_config_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let line = one_error_line(dir.path(), &["--config", "missing.toml"]);
    assert_eq!(
        line,
        "error: config: cannot read missing.toml: No such file or directory (os error 2)"
    );
}

#[test]
fn a_migration_time_that_is_not_seconds_stops_gen_before_it_writes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("schema.prisma"),
        "datasource db {\n  provider = \"sqlite\"\n}\n\nmodel A {\n  id Int @id\n}\n",
    )
    .unwrap();
    let stderr = tether_with_env(
        dir.path(),
        ["gen"],
        &[("TETHER_MIGRATION_TIME", "yesterday")],
    )
    .expect_code(2)
    .stderr;
    assert!(
        stderr
            .contains("TETHER_MIGRATION_TIME=\"yesterday\" is not a number of seconds since 1970"),
        "{stderr}"
    );
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(written, ["schema.prisma"], "gen wrote files");
}

/// `tether completions <shell>` prints clap's script for every shell, needs no project, and
/// bash accepts the bash one (`bash -n`); an unknown shell is a usage error.
#[test]
fn completions_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = tether(dir.path(), ["completions", shell]).expect_code(0);
        assert!(run.stdout.contains("check-drift"), "{shell}: {run:#?}");
    }
    let bash = tether(dir.path(), ["completions", "bash"]).expect_code(0);
    let file = dir.path().join("tether.bash");
    std::fs::write(&file, &bash.stdout).unwrap();
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .output()
        .expect("cannot run bash");
    assert!(
        checked.status.success(),
        "bash -n refused the script: {}",
        String::from_utf8_lossy(&checked.stderr)
    );
    tether(dir.path(), ["completions", "tcsh"]).expect_code(2);
}
