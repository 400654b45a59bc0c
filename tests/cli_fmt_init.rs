//! `tether fmt`, `tether init`, `--help` and `--version` from the outside: `fmt --check` finds an
//! unformatted file and prints a unified diff, `fmt` fixes it; `init` writes a working project
//! and never overwrites; every command answers `--help`.

mod common;

use common::{copy_dir, fixture, root, tether};
use std::path::Path;

/// The fixture's text with its column alignment collapsed: valid, but not as Prisma formats it.
fn unformat(text: &str) -> String {
    text.lines()
        .map(|l| {
            let indent = l.len() - l.trim_start().len();
            let words: Vec<&str> = l.split_whitespace().collect();
            format!("{}{}\n", &l[..indent], words.join(" "))
        })
        .collect()
}

#[test]
fn fmt_check_prints_a_diff_then_fmt_fixes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let formatted =
        std::fs::read_to_string(root().join(fixture("compound-keys/schema.prisma"))).unwrap();
    let unformatted = unformat(&formatted);
    assert_ne!(
        unformatted, formatted,
        "the fixture must have aligned columns"
    );
    let path = dir.path().join("schema.prisma");
    std::fs::write(&path, &unformatted).unwrap();

    let run = tether(dir.path(), ["fmt", "--check", "--schema", "schema.prisma"]).expect_code(1);
    assert!(
        run.stdout
            .starts_with("--- a/schema.prisma\n+++ b/schema.prisma\n@@ "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\n-  email String\n") && run.stdout.contains("\n+  email    String\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stderr,
        "1 schema file(s) not formatted; run `tether fmt`\n"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        unformatted,
        "--check writes nothing"
    );

    let run = tether(dir.path(), ["fmt", "--schema", "schema.prisma"]).expect_code(0);
    assert_eq!(run.stderr, "formatted schema.prisma\n");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), formatted);

    let run = tether(dir.path(), ["fmt", "--check", "--schema", "schema.prisma"]).expect_code(0);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
}

#[test]
fn fmt_check_on_a_folder_names_only_the_unformatted_file() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join(fixture("multi-file/schema")), dir.path());
    let orders = dir.path().join("orders.prisma");
    let formatted = std::fs::read_to_string(&orders).unwrap();
    std::fs::write(&orders, unformat(&formatted)).unwrap();

    let run = tether(dir.path(), ["fmt", "--check", "--schema", "."]).expect_code(1);
    let headers: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("--- "))
        .collect();
    assert_eq!(headers, ["--- a/orders.prisma"], "{}", run.stdout);

    tether(dir.path(), ["fmt", "--schema", "."]).expect_code(0);
    assert_eq!(std::fs::read_to_string(&orders).unwrap(), formatted);
    tether(dir.path(), ["fmt", "--check", "--schema", "."]).expect_code(0);
}

#[test]
fn every_valid_fixture_is_formatted() {
    for case in [
        "everything-postgresql/schema.prisma",
        "everything-mysql/schema.prisma",
        "blog-sqlite/schema.prisma",
        "prisma6-url/schema.prisma",
        "multi-file/schema",
        "self-relations/schema.prisma",
        "compound-keys/schema.prisma",
    ] {
        let schema = fixture(case);
        let run = tether(
            root(),
            ["fmt", "--check", "--schema", schema.to_str().unwrap()],
        );
        assert_eq!(run.code, 0, "{case} is not formatted:\n{}", run.stdout);
    }
}

#[test]
fn init_writes_a_project_that_validates_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let run = tether(dir.path(), ["init"]).expect_code(0);
    let config = dir.path().join("tether.toml");
    let schema = dir.path().join("schema/schema.prisma");
    assert_eq!(
        run.stderr,
        "wrote tether.toml\nwrote schema/schema.prisma\n"
    );
    assert!(
        std::fs::read_to_string(&config)
            .unwrap()
            .starts_with("# tether.toml")
    );

    let run = tether(dir.path(), ["validate"]).expect_code(0);
    assert_eq!(
        run.stdout,
        "valid: schema/schema.prisma (1 file): 2 models, 0 enums, 0 views, provider sqlite\n"
    );

    // The user's edits survive a second `init`.
    std::fs::write(&config, "schema = \"schema/schema.prisma\"\n# mine\n").unwrap();
    std::fs::write(
        &schema,
        "// mine\ndatasource db {\n  provider = \"sqlite\"\n}\n",
    )
    .unwrap();
    let run = tether(dir.path(), ["init"]).expect_code(0);
    assert_eq!(
        run.stderr,
        "kept tether.toml (exists already)\nkept schema/schema.prisma (exists already)\n"
    );
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "schema = \"schema/schema.prisma\"\n# mine\n"
    );
    assert!(
        std::fs::read_to_string(&schema)
            .unwrap()
            .starts_with("// mine\n")
    );
}

#[test]
fn every_command_answers_help_and_version() {
    let commands: &[&[&str]] = &[
        &[],
        &["validate"],
        &["fmt"],
        &["init"],
        &["gen"],
        &["migrate"],
        &["migrate", "plan"],
        &["migrate", "apply"],
        &["migrate", "status"],
        &["check-drift"],
    ];
    for command in commands {
        let run = tether(Path::new("."), [*command, &["--help"]].concat()).expect_code(0);
        let usage = format!("Usage: tether {}", command.join(" "));
        assert!(
            run.stdout.contains(usage.trim_end()),
            "{command:?}:\n{}",
            run.stdout
        );
    }
    let run = tether(Path::new("."), ["--version"]).expect_code(0);
    assert_eq!(
        run.stdout,
        format!("tether {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_command_is_a_usage_error() {
    let run = tether(Path::new("."), ["frobnicate"]).expect_code(2);
    assert!(
        run.stderr
            .starts_with("error: unrecognized subcommand 'frobnicate'"),
        "{}",
        run.stderr
    );
}
