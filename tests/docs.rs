//! `[docs]` end to end through the binary, for the README's example, every fixture and the
//! hostile-names schema: `tether gen` writes the Mermaid diagram, the DBML file and the data
//! dictionary; the migration is applied to a real database of the schema's provider; the DBML
//! parses with the real DBML parser (`@dbml/core`) and its tables, columns and references are
//! exactly the database's; every diagram parses and renders with the real Mermaid library in
//! headless Chromium, and the rendered SVG holds every table's and every model's name. `gen --check` then finds
//! the docs up to date.
//!
//! Rules: real tools only (the pinned toolchain of `tests/toolchains/docs`, Debian's Chromium);
//! what is expected comes from the database the migration built, never from tether's output.

mod common;
#[path = "toolchains/tools.rs"]
mod tools;

use common::{Target, sql, tether};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const DOCS: &str = "[docs]\nmermaid = \"docs/diagram.md\"\ndbml = \"docs/schema.dbml\"\ndictionary = \"docs/dictionary.md\"\n";

fn provider_of(schema: &Path) -> Target {
    let text = common::schema_text(schema);
    if text.contains("\"postgresql\"") {
        Target::Postgres
    } else if text.contains("\"mysql\"") {
        Target::Mysql
    } else {
        Target::Sqlite
    }
}

fn project(schema: &Path, target: Target, docs: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "schema = {:?}\n\n[migrations]\ndir = \"migrations\"\ndialects = [\"{}\"]\n\n{docs}",
        schema.display().to_string(),
        target.dialect()
    );
    std::fs::write(dir.path().join("tether.toml"), config).unwrap();
    dir
}

/// A separator no name holds.
const SEP: char = '\u{1f}';

/// Tables with their columns, and foreign keys column by column (table, column, referenced
/// table, referenced column), as the database holds them.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    columns: BTreeSet<(String, String)>,
    references: BTreeSet<(String, String, String, String)>,
}

fn database_shape(url: &str, target: Target) -> Shape {
    let (columns, references) = match target {
        Target::Sqlite => (
            "SELECT m.name || char(31) || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_tether_migrations'",
            "SELECT m.name || char(31) || f.\"from\" || char(31) || f.\"table\" || char(31) || f.\"to\" \
             FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
        ),
        Target::Postgres => (
            // Every schema of the fresh database (a multiSchema fixture uses several).
            "SELECT table_name || chr(31) || column_name FROM information_schema.columns \
             WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name <> '_tether_migrations'",
            "SELECT cl.relname || chr(31) || a.attname || chr(31) || rcl.relname || chr(31) || ra.attname \
             FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class rcl ON rcl.oid = c.confrelid \
             CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, refcol) \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col \
             JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refcol \
             WHERE c.contype = 'f' AND cl.relnamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')",
        ),
        Target::Mysql => (
            "SELECT CONCAT(table_name, CHAR(31), column_name) FROM information_schema.columns \
             WHERE table_schema = DATABASE() AND table_name <> '_tether_migrations'",
            "SELECT CONCAT(table_name, CHAR(31), column_name, CHAR(31), referenced_table_name, CHAR(31), referenced_column_name) \
             FROM information_schema.key_column_usage WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL",
        ),
    };
    let split = |row: &str| -> Vec<String> { row.split(SEP).map(str::to_owned).collect() };
    Shape {
        columns: sql::column(url, columns)
            .iter()
            .map(|r| {
                let p = split(r);
                (p[0].clone(), p[1].clone())
            })
            .collect(),
        references: sql::column(url, references)
            .iter()
            .map(|r| {
                let p = split(r);
                (p[0].clone(), p[1].clone(), p[2].clone(), p[3].clone())
            })
            .collect(),
    }
}

/// The shape `@dbml/core` reads from each file.
fn dbml_shapes(files: &[PathBuf]) -> Vec<Shape> {
    let dir = tools::docs_toolchain_dir();
    let output = tools::run_ok(
        "node parse-dbml.mjs",
        Command::new("node")
            .arg(dir.join("parse-dbml.mjs"))
            .args(files)
            .current_dir(dir),
    );
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    files
        .iter()
        .map(|file| {
            let parsed = &value[file.to_str().unwrap()];
            let mut shape = Shape::default();
            for table in parsed["tables"].as_array().unwrap() {
                let name = table["name"].as_str().unwrap();
                for column in table["columns"].as_array().unwrap() {
                    shape
                        .columns
                        .insert((name.to_owned(), column.as_str().unwrap().to_owned()));
                }
            }
            for endpoints in parsed["refs"].as_array().unwrap() {
                // `Ref: child.(a, b) > parent.(x, y)`: the first endpoint holds the key.
                let side = |i: usize| {
                    let e = &endpoints[i];
                    let fields: Vec<String> = e[1]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|f| f.as_str().unwrap().to_owned())
                        .collect();
                    (e[0].as_str().unwrap().to_owned(), fields)
                };
                let ((child, columns), (parent, referenced)) = (side(0), side(1));
                for (column, referenced) in columns.into_iter().zip(referenced) {
                    shape
                        .references
                        .insert((child.clone(), column, parent.clone(), referenced));
                }
            }
            shape
        })
        .collect()
}

/// Each diagram of a Markdown file.
fn mermaid_blocks(markdown: &str) -> Vec<String> {
    markdown
        .split("```mermaid\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap().to_owned())
        .collect()
}

/// A diagram to render, and the names its SVG must show.
struct Diagram {
    label: String,
    source: String,
    names: Vec<String>,
}

/// Renders every diagram in one headless Chromium page; panics with each failure.
fn render_all(diagrams: &[Diagram]) {
    let toolchain = tools::docs_toolchain_dir();
    let page_dir = tempfile::tempdir_in(toolchain).unwrap();
    let page = std::fs::read_to_string(toolchain.join("render.html"))
        .unwrap()
        .replace("src=\"node_modules/", "src=\"../node_modules/");
    std::fs::write(page_dir.path().join("render.html"), page).unwrap();
    let data: Vec<serde_json::Value> = diagrams
        .iter()
        .map(|d| serde_json::json!({"label": d.label, "source": d.source, "names": d.names}))
        .collect();
    std::fs::write(
        page_dir.path().join("diagrams.js"),
        format!("const DIAGRAMS = {};\n", serde_json::Value::from(data)),
    )
    .unwrap();
    let output = tools::run_ok(
        "chromium --headless --dump-dom",
        Command::new(tools::chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--allow-file-access-from-files",
                "--virtual-time-budget=600000",
                "--dump-dom",
            ])
            .arg(format!(
                "file://{}",
                page_dir.path().join("render.html").display()
            )),
    );
    let dom = String::from_utf8_lossy(&output.stdout);
    let text = dom
        .split("<pre id=\"out\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_else(|| panic!("no results in the page:\n{dom}"));
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let results: Vec<serde_json::Value> = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("the page did not finish ({e}): {text}"));
    assert_eq!(results.len(), diagrams.len(), "{results:#?}");
    let mut failures = Vec::new();
    for (result, diagram) in results.iter().zip(diagrams) {
        if result["ok"] != true {
            failures.push(format!(
                "{}: Mermaid rejects it: {}\n{}",
                diagram.label, result["error"], diagram.source
            ));
        } else if !result["missing"].as_array().unwrap().is_empty() {
            failures.push(format!(
                "{}: the SVG lacks {}",
                diagram.label, result["missing"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn docs_of_every_schema_parse_render_and_match_the_database() {
    let mut diagrams = Vec::new();
    let mut dbml_files = Vec::new();
    let mut expected = Vec::new();
    let mut projects = Vec::new();
    for (case, schema) in tools::schemas() {
        let target = provider_of(&schema);
        let project = project(&schema, target, DOCS);
        let p = project.path();
        tether(p, ["gen"]).expect_code(0);
        tether(p, ["gen", "--check"]).expect_code(0);
        let Some(db) = target.database(p, "docs") else {
            continue;
        };
        tether(p, ["migrate", "apply", "--url", &db.url]).expect_code(0);
        let shape = database_shape(&db.url, target);
        assert!(!shape.columns.is_empty(), "{case}: no tables were built");
        let tables: BTreeSet<String> = shape.columns.iter().map(|(t, _)| t.clone()).collect();
        let markdown = std::fs::read_to_string(p.join("docs/diagram.md")).unwrap();
        let blocks = mermaid_blocks(&markdown);
        assert_eq!(blocks.len(), 1, "{case}: one diagram without groups");
        // Every table by its name, and every model by its own (read off the schema's text).
        let models = common::schema_text(&schema)
            .lines()
            .filter_map(|l| l.strip_prefix("model "))
            .filter_map(|rest| rest.split_whitespace().next())
            .map(str::to_owned)
            .collect::<Vec<_>>();
        assert!(
            !models.is_empty(),
            "{case}: no models found in the schema text"
        );
        diagrams.push(Diagram {
            label: case.clone(),
            source: blocks[0].clone(),
            names: tables
                .iter()
                // As the diagram must write them (`mermaid.rs`): quoted names hold no `"`, `%`, `\`.
                .map(|t| t.replace('"', "'").replace('%', "_").replace('\\', "/"))
                .chain(models)
                .collect(),
        });
        let dictionary = std::fs::read_to_string(p.join("docs/dictionary.md")).unwrap();
        for table in &tables {
            assert!(
                dictionary.contains(&format!("\n## `{table}`\n"))
                    || dictionary.contains(&format!("\n## {table}\n")),
                "{case}: the dictionary has no section for {table}"
            );
        }
        dbml_files.push(p.join("docs/schema.dbml"));
        expected.push((case, shape));
        projects.push(project);
    }
    for ((case, database), dbml) in expected.iter().zip(dbml_shapes(&dbml_files)) {
        assert_eq!(
            dbml.columns, database.columns,
            "{case}: the DBML's tables and columns differ from the database's"
        );
        assert_eq!(
            dbml.references, database.references,
            "{case}: the DBML's references differ from the database's foreign keys"
        );
    }
    render_all(&diagrams);
}

#[test]
fn groups_split_the_diagram_and_a_group_naming_no_model_is_an_error() {
    let schema = common::root().join("schema/schema.prisma");
    let groups = format!(
        "{DOCS}\n[[docs.groups]]\nname = \"Accounts\"\nmodels = [\"User\", \"Profile\"]\n\n[[docs.groups]]\nname = \"Writing\"\nmodels = [\"Post\"]\n"
    );
    let project = project(&schema, Target::Sqlite, &groups);
    let p = project.path();
    tether(p, ["gen"]).expect_code(0);
    let markdown = std::fs::read_to_string(p.join("docs/diagram.md")).unwrap();
    assert!(
        markdown.contains("## Accounts\n") && markdown.contains("## Writing\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("## Other\n"),
        "Tag is in no group: {markdown}"
    );
    let blocks = mermaid_blocks(&markdown);
    assert_eq!(blocks.len(), 3, "{markdown}");
    // A join table goes with its first model (`Post`); the other end of a relation that
    // leaves the group is drawn by name.
    let names = [
        vec!["users", "profiles"],
        vec!["posts", "users", "_PostToTag"],
        vec!["tags", "_PostToTag"],
    ];
    let diagrams: Vec<Diagram> = blocks
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (source, names))| Diagram {
            label: format!("group {i}"),
            source: source.clone(),
            names: names.into_iter().map(str::to_owned).collect(),
        })
        .collect();
    assert!(
        !blocks[0].contains("\"posts\"["),
        "a table of another group is drawn by name only: {}",
        blocks[0]
    );
    render_all(&diagrams);

    let bad = groups.replace("[\"Post\"]", "[\"Posts\"]");
    std::fs::write(
        p.join("tether.toml"),
        std::fs::read_to_string(p.join("tether.toml"))
            .unwrap()
            .replace(&groups, &bad),
    )
    .unwrap();
    let before = std::fs::read_to_string(p.join("docs/diagram.md")).unwrap();
    let run = tether(p, ["gen"]).expect_code(2);
    assert!(
        run.stderr
            .contains("[docs] group `Writing` names `Posts`, which is not a model"),
        "{run:#?}"
    );
    assert_eq!(
        std::fs::read_to_string(p.join("docs/diagram.md")).unwrap(),
        before
    );
}

#[test]
fn the_diagram_draws_each_relation_with_its_cardinality() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // A shop: a required 1-n, an optional 1-n, a 1-1, an implicit m-n and a composite key, with
    // relationMode = "prisma", so that no foreign key exists and the relations still show.
    std::fs::write(
        p.join("schema.prisma"),
        r#"datasource db {
  provider     = "sqlite"
  relationMode = "prisma"
}

model Customer {
  id       Int      @id @default(autoincrement())
  orders   Order[]
  referred Order[]  @relation("referrer")
  card     Card?
}

model Card {
  id         Int      @id
  customer   Customer @relation(fields: [customerId], references: [id])
  customerId Int      @unique
}

model Order {
  id         Int       @id
  customer   Customer  @relation(fields: [customerId], references: [id])
  customerId Int
  referrer   Customer? @relation("referrer", fields: [referrerId], references: [id])
  referrerId Int?
  lines      Line[]
  tags       Tag[]

  @@index([customerId])
  @@index([referrerId])
}

model Line {
  order   Order @relation(fields: [orderId], references: [id])
  orderId Int
  number  Int

  @@id([orderId, number])
}

model Tag {
  id     Int     @id
  orders Order[]
}

/// Names Mermaid's lexer takes for its own: an entity `Style`, a column `pk`; and a comment
/// with ~~strike~~, 100% and a \ backslash.
model Style {
  pk   Int    @id
  /// ~~old~~ 100% off, "quoted" \ too
  note String @default("line one\nline two")
}
"#,
    )
    .unwrap();
    std::fs::write(
        p.join("tether.toml"),
        format!("schema = \"schema.prisma\"\n\n{DOCS}"),
    )
    .unwrap();
    tether(p, ["gen"]).expect_code(0);
    let markdown = std::fs::read_to_string(p.join("docs/diagram.md")).unwrap();
    for edge in [
        "\"Customer\" ||--o{ \"Order\" : \"customerId\"",
        "\"Customer\" |o--o{ \"Order\" : \"referrerId\"",
        "\"Customer\" ||--o| \"Card\" : \"customerId\"",
        "\"Order\" ||--o{ \"Line\" : \"orderId\"",
        "\"Order\" ||--o{ \"_OrderToTag\" : \"A\"",
        "\"Tag\" ||--o{ \"_OrderToTag\" : \"B\"",
    ] {
        assert!(markdown.contains(edge), "no `{edge}` in:\n{markdown}");
    }
    assert!(
        markdown.contains("INTEGER orderId PK, FK") && markdown.contains("INTEGER number PK"),
        "a composite key marks both columns: {markdown}"
    );
    assert!(
        markdown.contains("INTEGER _pk PK \"pk\""),
        "a column named like a key mark is renamed, its name kept in the comment: {markdown}"
    );
    let dictionary = std::fs::read_to_string(p.join("docs/dictionary.md")).unwrap();
    assert!(
        dictionary.contains("`'line one\\nline two'`"),
        "a default's line break stays inside its table cell: {dictionary}"
    );
    let dbml = std::fs::read_to_string(p.join("docs/schema.dbml")).unwrap();
    assert!(
        !dbml.contains("Ref "),
        "relationMode = \"prisma\" has no foreign keys: {dbml}"
    );
    assert!(dbml.contains("(\"orderId\", \"number\") [pk]"), "{dbml}");
    let blocks = mermaid_blocks(&markdown);
    render_all(&[Diagram {
        label: "shop".to_owned(),
        source: blocks[0].clone(),
        names: [
            "Customer",
            "Card",
            "Order",
            "Line",
            "Tag",
            "_OrderToTag",
            "Style",
        ]
        .map(str::to_owned)
        .to_vec(),
    }]);
}
