//! Golden files: the whole output of `tether gen` for every fixture — each dialect's migrations,
//! the SQLAlchemy and Pydantic models, the Alembic revisions, TypeScript and Rust — compared file
//! by file with the `expected/` folder beside the fixture. An evolution case runs `gen` on
//! `v1.prisma`, then on `v2.prisma`, so its expected files hold both migrations. The other
//! suites prove that this output works (real databases, real toolchains); this one makes every
//! change to it a diff that a reviewer reads.
//!
//! Rules: migrations are written for all three dialects unless the schema has a
//! `dbgenerated(...)` default (its SQL belongs to its own provider); migration folders are named
//! from a fixed `TETHER_MIGRATION_TIME`. To accept a deliberate change:
//! `TETHER_BLESS=1 cargo test --test golden`, then review `git diff -- '*/expected/*'`.

mod common;

use common::{copy_dir, evolution_cases, fixture_schemas, root, schema_text, tether_with_env};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// 2023-11-14 22:13:20 UTC: migration folders are `20231114221320_init`, then `..21_...`.
const EPOCH: &str = "1700000000";

/// One case: the schema versions `gen` runs on, in order, and where its expected files live.
struct Case {
    name: String,
    versions: Vec<PathBuf>,
    expected: PathBuf,
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let hostile = root().join("tests/toolchains/hostile/schema.prisma");
    for schema in fixture_schemas().into_iter().chain([hostile]) {
        let dir = schema.parent().unwrap().to_path_buf();
        cases.push(Case {
            name: relative(&dir),
            versions: vec![schema],
            expected: dir.join("expected"),
        });
    }
    for dir in evolution_cases() {
        cases.push(Case {
            name: relative(&dir),
            versions: vec![dir.join("v1.prisma"), dir.join("v2.prisma")],
            expected: dir.join("expected"),
        });
    }
    cases
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

fn config(schema_text: &str, schema_path: &str) -> String {
    let dialects = if schema_text.contains("dbgenerated(") {
        ""
    } else {
        "dialects = [\"sqlite\", \"postgresql\", \"mysql\"]\n"
    };
    format!(
        r#"schema = "{schema_path}"

[migrations]
dir = "migrations"
{dialects}
[python]
models = "python/models.py"
pydantic = "python/schemas.py"
alembic_versions = "python/versions"

[typescript]
out = "typescript/models.ts"
relations = true

[rust]
out = "rust/models.rs"
sqlx = true
"#
    )
}

/// Runs `gen` on each version of the case in one project; returns every file it wrote, by path
/// relative to the project.
fn generate(case: &Case) -> BTreeMap<String, String> {
    let project = tempfile::tempdir().unwrap();
    let dir = project.path();
    for version in &case.versions {
        let schema_path = if version.is_dir() {
            let _ = std::fs::remove_dir_all(dir.join("schema"));
            copy_dir(version, &dir.join("schema"));
            "schema"
        } else {
            std::fs::copy(version, dir.join("schema.prisma")).unwrap();
            "schema.prisma"
        };
        std::fs::write(
            dir.join("tether.toml"),
            config(&schema_text(version), schema_path),
        )
        .unwrap();
        let run = tether_with_env(dir, ["gen"], &[("TETHER_MIGRATION_TIME", EPOCH)]);
        assert_eq!(
            run.code,
            0,
            "{}: tether gen on {} failed:\n{}",
            case.name,
            version.display(),
            run.stderr
        );
    }
    let mut files = BTreeMap::new();
    for output in ["migrations", "python", "typescript", "rust"] {
        collect(dir, &dir.join(output), &mut files);
    }
    files
}

/// The files under `folder` (recursively), by path relative to `base` with `/` separators.
fn collect(base: &Path, folder: &Path, files: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(base, &path, files);
        } else {
            let key = path
                .strip_prefix(base)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.insert(key, std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// What differs between the expected files and the generated ones, as readable text.
fn differences(expected: &BTreeMap<String, String>, actual: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (path, text) in actual {
        match expected.get(path) {
            None => out.push_str(&format!("new file (not in expected/): {path}\n")),
            Some(want) if want != text => {
                let diff = similar::TextDiff::from_lines(want, text);
                out.push_str(&format!(
                    "{}\n",
                    diff.unified_diff()
                        .context_radius(2)
                        .header(&format!("expected/{path}"), &format!("generated {path}"))
                ));
            }
            Some(_) => {}
        }
    }
    for path in expected.keys().filter(|p| !actual.contains_key(*p)) {
        out.push_str(&format!("no longer generated: expected/{path}\n"));
    }
    out
}

#[test]
fn generated_files_match_the_reviewed_golden_files() {
    let bless = std::env::var_os("TETHER_BLESS").is_some_and(|v| v != "0" && !v.is_empty());
    assert!(
        !(bless && std::env::var_os("CI").is_some()),
        "TETHER_BLESS under CI would rewrite the golden files instead of checking them"
    );
    let cases = cases();
    assert!(
        cases.len() >= 10,
        "expected the fixtures, found {}",
        cases.len()
    );
    let mut failures = String::new();
    for case in &cases {
        let actual = generate(case);
        assert!(
            actual.keys().any(|p| p.ends_with("migration.sql")),
            "{}: gen wrote no migration",
            case.name
        );
        if bless {
            let _ = std::fs::remove_dir_all(&case.expected);
            for (path, text) in &actual {
                let target = case.expected.join(path);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::write(target, text).unwrap();
            }
            eprintln!(
                "blessed {} ({} files)",
                relative(&case.expected),
                actual.len()
            );
            continue;
        }
        let mut expected = BTreeMap::new();
        collect(&case.expected, &case.expected, &mut expected);
        let diff = differences(&expected, &actual);
        if !diff.is_empty() {
            failures.push_str(&format!("== {}\n{diff}\n", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "generated files differ from the golden files:\n\n{failures}\
         If the change is intended: TETHER_BLESS=1 cargo test --test golden, then review \
         git diff -- '*/expected/*'"
    );
}
