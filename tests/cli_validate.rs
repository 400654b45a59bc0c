//! `tether validate` from the outside: every valid fixture passes with a one-line summary; every
//! broken one exits 2 naming the exact file, line and column, in text and in `--format json`.
//! Prisma 6 (`url` in the datasource) and Prisma 7 (no `url`), single files and folders.

mod common;

use common::{fixture_schema, root, tether};
use std::path::Path;

/// Valid cases: (fixture, files, models, enums, views, provider) as the summary reports them.
const VALID: &[(&str, &str, usize, usize, usize, &str)] = &[
    ("everything-postgresql", "1 file", 6, 2, 1, "postgresql"),
    ("everything-mysql", "1 file", 2, 1, 0, "mysql"),
    ("blog-sqlite", "1 file", 3, 1, 0, "sqlite"),
    ("prisma6-url", "1 file", 2, 0, 0, "postgresql"),
    ("multi-file", "3 files", 2, 1, 0, "postgresql"),
    ("self-relations", "1 file", 2, 0, 0, "sqlite"),
    ("compound-keys", "1 file", 5, 0, 0, "postgresql"),
    ("mysql-catalog-spellings", "1 file", 1, 0, 0, "mysql"),
    (
        "postgresql-catalog-spellings",
        "1 file",
        1,
        0,
        0,
        "postgresql",
    ),
    ("postgresql-extensions", "1 file", 1, 0, 0, "postgresql"),
    ("postgresql-indexes", "1 file", 1, 0, 0, "postgresql"),
    ("postgresql-odd-shapes", "1 file", 3, 2, 0, "postgresql"),
    ("relation-mode-prisma", "1 file", 5, 0, 0, "mysql"),
];

/// A broken fixture and the one error it must produce: where, and a piece of Prisma's message.
struct Broken {
    case: &'static str,
    file: &'static str,
    line: usize,
    column: usize,
    message: &'static str,
}

const BROKEN: &[Broken] = &[
    // Prisma 6 style: the url stays, nothing is inserted.
    Broken {
        case: "invalid/unknown-type",
        file: "schema.prisma",
        line: 9,
        column: 8,
        message: "Type \"Strng\" is neither a built-in type",
    },
    Broken {
        case: "invalid/missing-relation-field",
        file: "schema.prisma",
        line: 13,
        column: 3,
        message: "missing an opposite relation field on the model `User`",
    },
    // multiSchema with one table name in two schemas: refused at the second (#13).
    Broken {
        case: "invalid/multi-schema-same-name",
        file: "schema.prisma",
        line: 16,
        column: 1,
        message: "The table name `Account` is used in two database schemas (`auth` and `billing`)",
    },
    Broken {
        case: "invalid/bad-attribute",
        file: "schema.prisma",
        line: 8,
        column: 16,
        message: "Attribute not known: \"@uniq\"",
    },
    // Prisma 7: the bridge inserts a `url` line into the datasource block above the error; the
    // reported line must still be the user's line 9, not 10.
    Broken {
        case: "invalid/prisma7-error-after-datasource",
        file: "schema.prisma",
        line: 9,
        column: 29,
        message: "`nope` is not known",
    },
    // psl accepts a schema with no datasource; tether cannot know the database.
    Broken {
        case: "invalid/no-datasource",
        file: "schema.prisma",
        line: 1,
        column: 1,
        message: "There is no datasource in the schema",
    },
    // A mistyped rename directive would otherwise become a drop and a create.
    Broken {
        case: "invalid/bad-rename-directive",
        file: "schema.prisma",
        line: 6,
        column: 5,
        message: "Invalid tether directive",
    },
    // A misspelled directive name (#13 item 13): any other `@tether.` directive is an error.
    Broken {
        case: "invalid/unknown-directive",
        file: "schema.prisma",
        line: 8,
        column: 7,
        message: "Unknown tether directive `@tether.rename`",
    },
    // Multi-file: psl checks for a second datasource one file at a time; tether across them.
    Broken {
        case: "invalid/two-datasources",
        file: "schema/b.prisma",
        line: 3,
        column: 1,
        message: "You defined more than one datasource.",
    },
    // Multi-file, Prisma 7: the error is in the second file, the datasource in the first.
    Broken {
        case: "invalid/multi-file-syntax-error",
        file: "schema/b.prisma",
        line: 5,
        column: 3,
        message: "This line is not a valid field or attribute definition",
    },
];

/// `tether validate --format json --schema <schema>` in `cwd`: the report, after the exit code.
fn validate_json(cwd: &Path, schema: &Path, code: i32) -> serde_json::Value {
    let run = tether(
        cwd,
        [
            "validate",
            "--format",
            "json",
            "--schema",
            schema.to_str().unwrap(),
        ],
    )
    .expect_code(code);
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout))
}

#[test]
fn every_valid_fixture_validates_with_a_one_line_summary() {
    for &(case, files, models, enums, views, provider) in VALID {
        let schema = fixture_schema(case);
        let schema = schema.to_str().unwrap();
        let run = tether(root(), ["validate", "--schema", schema]).expect_code(0);
        assert_eq!(
            run.stdout,
            format!(
                "valid: {schema} ({files}): {models} models, {enums} enums, {views} views, provider {provider}\n"
            ),
            "{case}"
        );
        assert_eq!(run.stderr, "", "{case}: no warnings expected");
    }
}

#[test]
fn the_quick_start_example_validates_without_flags() {
    // No tether.toml at the root: `schema/schema.prisma` is found as a default location.
    let run = tether(root(), ["validate"]).expect_code(0);
    assert!(
        run.stdout.starts_with("valid: ") && run.stdout.contains("provider sqlite"),
        "{run:#?}"
    );
}

#[test]
fn broken_fixtures_name_file_line_and_column_in_text() {
    for b in BROKEN {
        let schema = fixture_schema(b.case);
        let run = tether(root(), ["validate", "--schema", schema.to_str().unwrap()]).expect_code(2);
        let location = format!(
            "  --> fixtures/{}/{}:{}:{}\n",
            b.case, b.file, b.line, b.column
        );
        assert_eq!(
            run.stderr.matches("  --> ").count(),
            1,
            "{}: exactly one diagnostic expected:\n{}",
            b.case,
            run.stderr
        );
        assert!(
            run.stderr.contains(&location),
            "{}: want {location:?} in\n{}",
            b.case,
            run.stderr
        );
        assert!(
            run.stderr.contains(b.message),
            "{}: want {:?} in\n{}",
            b.case,
            b.message,
            run.stderr
        );
        assert!(
            run.stderr
                .ends_with("error: schema: validation failed with 1 error(s)\n"),
            "{}:\n{}",
            b.case,
            run.stderr
        );
        assert_eq!(run.stdout, "", "{}", b.case);
    }
}

#[test]
fn broken_fixtures_name_file_line_and_column_in_json() {
    for b in BROKEN {
        let report = validate_json(root(), &fixture_schema(b.case), 2);
        assert_eq!(report["valid"], false, "{}", b.case);
        let errors = report["errors"].as_array().expect("errors is an array");
        assert_eq!(errors.len(), 1, "{}: {errors:#?}", b.case);
        let e = &errors[0];
        assert_eq!(e["severity"], "error");
        assert_eq!(
            e["file"],
            format!("fixtures/{}/{}", b.case, b.file),
            "{}",
            b.case
        );
        assert_eq!(e["line"], b.line, "{}", b.case);
        assert_eq!(e["column"], b.column, "{}", b.case);
        assert!(
            e["message"].as_str().unwrap().contains(b.message),
            "{}: {e}",
            b.case
        );
    }
}

#[test]
fn json_report_of_a_valid_schema() {
    let report = validate_json(root(), Path::new("fixtures/multi-file/schema"), 0);
    assert_eq!(
        report,
        serde_json::json!({
            "valid": true,
            "files": [
                "fixtures/multi-file/schema/main.prisma",
                "fixtures/multi-file/schema/orders.prisma",
                "fixtures/multi-file/schema/users.prisma",
            ],
            "provider": "postgresql",
            "generates": true,
            "models": 2,
            "enums": 1,
            "views": 0,
            "errors": [],
            "warnings": [],
        })
    );
}

#[test]
fn github_format_prints_workflow_annotations() {
    let run = tether(
        root(),
        [
            "validate",
            "--format",
            "github",
            "--schema",
            "fixtures/invalid/unknown-type/schema.prisma",
        ],
    )
    .expect_code(2);
    assert!(
        run.stdout.starts_with(
            "::error file=fixtures/invalid/unknown-type/schema.prisma,line=9,col=8,endLine=9,endColumn=13::Type \"Strng\""
        ),
        "{run:#?}"
    );
}

#[test]
fn the_same_error_at_the_same_place_with_and_without_url() {
    // One schema in both generations: Prisma 7 (no url) and Prisma 6 (url). The bridge must not
    // move the error, which sits on line 7 in both files because the url replaces a comment line.
    let dir = tempfile::tempdir().unwrap();
    let body = "  provider = \"sqlite\"\n}\n\nmodel A {\n  id Strng @id\n}\n";
    for (name, line3) in [
        ("p7.prisma", "  // no url: Prisma 7\n"),
        ("p6.prisma", "  url = \"file:dev.db\"\n"),
    ] {
        std::fs::write(
            dir.path().join(name),
            format!("datasource db {{\n{line3}{body}"),
        )
        .unwrap();
        let report = validate_json(dir.path(), Path::new(name), 2);
        let e = &report["errors"][0];
        assert_eq!(
            (e["file"].as_str(), e["line"].as_u64(), e["column"].as_u64()),
            (Some(name), Some(7), Some(6)),
            "{report:#}"
        );
    }
}

#[test]
fn two_url_less_datasources_get_prismas_own_error() {
    // Both blocks are bridged, so the error is Prisma's "more than one datasource" at each block,
    // not a bridge artefact ("url is missing"), and the model error below keeps its line.
    let dir = tempfile::tempdir().unwrap();
    let text = "datasource a {\n  provider = \"sqlite\"\n}\n\ndatasource b {\n  provider = \"sqlite\"\n}\n\nmodel M {\n  id Strng @id\n}\n";
    std::fs::write(dir.path().join("schema.prisma"), text).unwrap();
    let report = validate_json(dir.path(), Path::new("schema.prisma"), 2);
    let mut found: Vec<(u64, u64, bool)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let message = e["message"].as_str().unwrap();
            assert!(!message.contains("url"), "{message}");
            (
                e["line"].as_u64().unwrap(),
                e["column"].as_u64().unwrap(),
                message.contains("more than one datasource"),
            )
        })
        .collect();
    found.sort();
    assert_eq!(found, [(1, 1, true), (5, 1, true), (10, 6, false)]);
}

/// Schemas of the providers Prisma knows and tether generates nothing for, each using what only
/// that provider has (written for these tests), with the summary `validate` prints.
const VALIDATED_ONLY: &[(&str, &str, &str)] = &[
    (
        "cockroachdb",
        r#"datasource db {
  provider = "cockroachdb"
}

enum Plan {
  FREE
  TEAM
}

model Account {
  id        BigInt   @id @default(sequence(maxValue: 4294967295))
  handle    String   @unique @db.String(64)
  plan      Plan     @default(FREE)
  createdAt DateTime @default(now()) @db.Timestamptz(3)
}
"#,
        "1 models, 1 enums, 0 views, 0 composite types",
    ),
    (
        "sqlserver",
        r#"datasource db {
  provider = "sqlserver"
}

model Invoice {
  id     Int     @id @default(autoincrement())
  number String  @unique @db.NVarChar(40)
  total  Float   @db.Money
  notes  String? @db.NVarChar(Max)
}
"#,
        "1 models, 0 enums, 0 views, 0 composite types",
    ),
];

/// A MongoDB schema: validated by Prisma's own validator, and generated for (`tests/mongodb.rs`).
const MONGODB: &str = r#"datasource db {
  provider = "mongodb"
}

type Address {
  street String
  city   String
}

model Customer {
  id        String    @id @default(auto()) @map("_id") @db.ObjectId
  email     String    @unique
  addresses Address[]
  orderIds  String[]  @db.ObjectId

  @@map("customers")
}
"#;

/// Issue #13 item 18: a CockroachDB or SQL Server schema was refused with psl's
/// "Datasource provider not known", which reads like a typo. Prisma's own validator now checks
/// it (`validate` exit 0, `fmt` formats it, a mistake gets Prisma's located message), and the
/// commands that would generate from it say plainly that tether does not, writing nothing.
#[test]
fn schemas_of_providers_tether_only_validates() {
    for &(provider, text, counts) in VALIDATED_ONLY {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(p.join("schema.prisma"), text).unwrap();
        let run = tether(p, ["validate", "--schema", "schema.prisma"]).expect_code(0);
        assert_eq!(
            run.stdout,
            format!("valid: schema.prisma (1 file): {counts}, provider {provider}\n"),
            "{provider}: {run:#?}"
        );
        assert!(
            run.stderr.contains(&format!(
                "tether generates nothing for `{provider}` schemas"
            )),
            "{provider}: {run:#?}"
        );
        let json = validate_json(p, &p.join("schema.prisma"), 0);
        assert_eq!(json["valid"], true, "{provider}: {json}");
        assert_eq!(json["generates"], false, "{provider}: {json}");
        assert_eq!(json["provider"], provider, "{provider}: {json}");

        // fmt: formatted text is left alone; a misaligned field is aligned.
        tether(p, ["fmt", "--check", "--schema", "schema.prisma"]).expect_code(0);
        let messy = text
            .replacen("  id ", "  id    ", 1)
            .replace("\n}\n", "\n\n\n}\n");
        std::fs::write(p.join("schema.prisma"), &messy).unwrap();
        tether(p, ["fmt", "--check", "--schema", "schema.prisma"]).expect_code(1);
        tether(p, ["fmt", "--schema", "schema.prisma"]).expect_code(0);
        let formatted = std::fs::read_to_string(p.join("schema.prisma")).unwrap();
        assert_eq!(
            formatted, text,
            "{provider}: fmt did not give the formatted text back"
        );

        // gen refuses, at the datasource's provider, and writes nothing.
        std::fs::write(
            p.join("tether.toml"),
            "schema = \"schema.prisma\"\n\n[typescript]\nout = \"types.ts\"\n",
        )
        .unwrap();
        let generate = tether(p, ["gen"]).expect_code(2);
        assert!(
            generate.stderr.contains(&format!(
                "tether generates nothing for `{provider}` schemas"
            )) && generate.stderr.contains("schema.prisma:1:")
                && generate.stderr.contains(&format!(
                    "valid, but tether generates nothing for provider `{provider}`"
                )),
            "{provider}: {generate:#?}"
        );
        assert!(!p.join("types.ts").exists(), "{provider}: gen wrote a file");
        assert!(
            !p.join("migrations").exists(),
            "{provider}: gen wrote migrations"
        );
    }
    // What one provider lacks is Prisma's located error, not an unknown provider.
    let dir = tempfile::tempdir().unwrap();
    let mixed = MONGODB.replace("\"mongodb\"", "\"cockroachdb\"");
    std::fs::write(dir.path().join("schema.prisma"), mixed).unwrap();
    let run = tether(dir.path(), ["validate", "--schema", "schema.prisma"]).expect_code(2);
    assert!(
        run.stderr
            .contains("Composite types are not supported on CockroachDB")
            && run.stderr.contains("schema.prisma:5:1")
            && !run.stderr.contains("not known"),
        "{run:#?}"
    );
}
