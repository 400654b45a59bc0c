//! A drift report: what one check found (`DriftReport`), and the differ's changes from a live
//! database to the schema said in plain words (`describe`).
//!
//! Rules: a report is data; the command prints it (text, JSON, GitHub annotations). the changes come from the one differ (`relational::diff`), so drift and migrations can
//! never disagree about what differs. Each difference names its object and says what the schema
//! expects and what the database has; a table rebuild is reported as the changes it stands for.

use crate::provider::Provider;
use crate::relational::dialect::{for_provider, render_change, render_script_marked};
use crate::relational::diff::{self, Change, MigrationPair, is_destructive};
use crate::relational::model::*;
use serde::Serialize;
use std::time::Duration;

/// What one drift check found on one database.
#[derive(Debug, Clone)]
pub struct DriftReport {
    /// The database's provider (its dialect).
    pub provider: Provider,
    /// Every difference, in change order; empty when the database matches the schema.
    pub differences: Vec<Difference>,
    /// The changes that bring the database to the schema (for `--fix-sql`).
    pub changes: Vec<Change>,
    /// The differ's warnings for the changes that can lose data or fail on existing rows.
    pub warnings: Vec<String>,
    /// What the database has, as compared (ignored tables left out).
    pub live: DbSchema,
    /// What the schema implies for this database, ignored tables left out.
    pub expected: DbSchema,
    /// Round trips to the database server.
    pub round_trips: usize,
    /// From connecting to the end of the diff.
    pub elapsed: Duration,
}

impl DriftReport {
    pub fn in_sync(&self) -> bool {
        self.differences.is_empty()
    }

    /// The SQL script that brings the database to the schema: only SQL and comments, so it can
    /// be piped into a client. It opens with a `NOT FIXED:` line for every difference that no
    /// statement fixes, then the differ's warnings as migrations carry them; each statement
    /// that can lose data or fail on existing rows has a `WARNING:` line of its own.
    pub fn fix_sql(&self) -> String {
        let dialect = for_provider(self.provider);
        let sides = MigrationPair {
            previous: &self.live,
            next: &self.expected,
        };
        let unfixed: Vec<Change> = self
            .changes
            .iter()
            .filter(|c| render_change(dialect, c, sides).1.is_empty())
            .cloned()
            .collect();
        let mut header: Vec<String> = describe(&unfixed)
            .iter()
            .map(|d| format!("NOT FIXED: {} (no SQL can fix it here)", d.message))
            .collect();
        header.extend(diff::warning_header(&self.warnings));
        render_script_marked(dialect, &self.changes, sides, &header, |c| {
            is_destructive(c).then(|| {
                let object = format!("`{}`", c.object());
                match self.warnings.iter().find(|w| w.contains(&object)) {
                    Some(w) => format!("WARNING: {w}"),
                    None => format!(
                        "WARNING: can lose data or fail on existing rows ({})",
                        c.object()
                    ),
                }
            })
        })
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Difference {
    /// A stable identifier of the kind of difference, e.g. `missing_table`, `column_type`.
    pub kind: &'static str,
    /// `table`, `table.column`, an index, constraint or enum name.
    pub object: String,
    pub expected: Option<String>,
    pub found: Option<String>,
    pub message: String,
}

impl Difference {
    /// A difference, its message said from its parts: `object: what (expected .., found ..)`.
    pub fn new(
        kind: &'static str,
        object: String,
        expected: Option<String>,
        found: Option<String>,
        what: &str,
    ) -> Difference {
        diff(kind, object, expected, found, what)
    }
}

fn diff(
    kind: &'static str,
    object: String,
    expected: Option<String>,
    found: Option<String>,
    what: &str,
) -> Difference {
    let mut message = format!("{object}: {what}");
    match (&expected, &found) {
        (Some(e), Some(f)) => message.push_str(&format!(" (expected {e}, found {f})")),
        (Some(e), None) => message.push_str(&format!(" (expected {e})")),
        (None, Some(f)) => message.push_str(&format!(" (found {f})")),
        (None, None) => {}
    }
    Difference {
        kind,
        object,
        expected,
        found,
        message,
    }
}

/// Every difference the changes stand for, in change order.
pub fn describe(changes: &[Change]) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut flat = Vec::new();
    flatten(changes, &mut flat);
    for change in &flat {
        match change {
            Change::CreateTable(t) => out.push(diff("missing_table", t.name.clone(), None, None, "table is missing from the database")),
            Change::DropTable(t) => out.push(diff("extra_table", t.name.clone(), None, None, "table is in the database but not in the schema")),
            Change::RenameTable { from, to } => out.push(diff("table_name", to.clone(), Some(to.clone()), Some(from.clone()), "table has another name")),
            Change::AddColumn { table, column } => out.push(diff(
                "missing_column",
                format!("{table}.{}", column.name),
                Some(column_summary(column)),
                None,
                "column is missing",
            )),
            Change::DropColumn { table, column } => out.push(diff(
                "extra_column",
                format!("{table}.{}", column.name),
                None,
                Some(column_summary(column)),
                "column is not in the schema",
            )),
            Change::AlterColumn { table, previous, next, changes } => {
                let object = format!("{table}.{}", next.name);
                if changes.ty {
                    out.push(diff("column_type", object.clone(), Some(type_text(next)), Some(type_text(previous)), "column type differs"));
                }
                if changes.nullable {
                    let word = |n: bool| if n { "nullable" } else { "NOT NULL" }.to_owned();
                    out.push(diff("column_nullability", object.clone(), Some(word(next.nullable)), Some(word(previous.nullable)), "nullability differs"));
                }
                if changes.default {
                    let word = |d: &Option<ColumnDefault>| d.as_ref().map_or_else(|| "no default".to_owned(), |d| d.sql.clone());
                    out.push(diff("column_default", object.clone(), Some(word(&next.default)), Some(word(&previous.default)), "default differs"));
                }
                if changes.autoincrement {
                    let word = |a: bool| if a { "autoincrement" } else { "no autoincrement" }.to_owned();
                    out.push(diff("column_autoincrement", object, Some(word(next.autoincrement)), Some(word(previous.autoincrement)), "autoincrement differs"));
                }
            }
            Change::RenameColumn { table, from, to } => {
                out.push(diff("column_name", format!("{table}.{to}"), Some(to.clone()), Some(from.clone()), "column has another name"))
            }
            Change::AddPrimaryKey { table, primary_key } => {
                out.push(diff("primary_key", table.clone(), Some(primary_key.columns.join(", ")), None, "primary key differs"))
            }
            Change::RenamePrimaryKey { table, from, to } => out.push(diff("primary_key_name", table.clone(), Some(to.clone()), Some(from.clone()), "primary key constraint has another name")),
            Change::DropPrimaryKey { table, primary_key } => {
                if !flat.iter().any(|c| matches!(c, Change::AddPrimaryKey { table: t, .. } if t == &table.name)) {
                    out.push(diff("primary_key", table.name.clone(), None, Some(primary_key.columns.join(", ")), "primary key is not in the schema"))
                }
            }
            Change::CreateIndex { table, index } => {
                // A drop of the same name was reported as `index_definition` already.
                if !flat.iter().any(|c| matches!(c, Change::DropIndex { index: i, .. } if i.name == index.name)) {
                    out.push(diff("missing_index", index.name.clone(), Some(index_summary(table, index)), None, "index is missing"))
                }
            }
            Change::DropIndex { table, index } => {
                let wanted = flat.iter().find_map(|c| match c {
                    Change::CreateIndex { index: i, .. } if i.name == index.name => Some(i),
                    _ => None,
                });
                match wanted {
                    Some(w) => out.push(diff("index_definition", index.name.clone(), Some(index_summary(table, w)), Some(index_summary(table, index)), "index differs")),
                    None => out.push(diff("extra_index", index.name.clone(), None, Some(index_summary(table, index)), "index is not in the schema")),
                }
            }
            Change::RenameIndex { from, to, .. } => out.push(diff("index_name", to.clone(), Some(to.clone()), Some(from.clone()), "index has another name")),
            Change::AddForeignKey { table, foreign_key } => {
                let dropped = flat.iter().find_map(|c| match c {
                    Change::DropForeignKey { foreign_key: f, .. } if f.name == foreign_key.name => Some(f),
                    _ => None,
                });
                match dropped {
                    // Dropped and added unchanged: only so that an index can go (MySQL).
                    Some(found) if found == foreign_key => {}
                    Some(found) => out.push(diff("foreign_key_definition", foreign_key.name.clone(), Some(fk_summary(table, foreign_key)), Some(fk_summary(table, found)), "foreign key differs")),
                    None => out.push(diff("missing_foreign_key", foreign_key.name.clone(), Some(fk_summary(table, foreign_key)), None, "foreign key is missing")),
                }
            }
            Change::DropForeignKey { table, foreign_key } => {
                if !flat.iter().any(|c| matches!(c, Change::AddForeignKey { foreign_key: f, .. } if f.name == foreign_key.name)) {
                    out.push(diff("extra_foreign_key", foreign_key.name.clone(), None, Some(fk_summary(table, foreign_key)), "foreign key is not in the schema"))
                }
            }
            Change::CreateExtension(e) => out.push(diff("missing_extension", e.name.clone(), Some(extension_summary(e)), None, "extension is not installed")),
            Change::DropExtension(e) => {
                // A schema change is a drop and a create: said once, by the create.
                if !flat.iter().any(|c| matches!(c, Change::CreateExtension(n) if n.name == e.name)) {
                    out.push(diff("extra_extension", e.name.clone(), None, Some(extension_summary(e)), "extension is not in the schema"))
                }
            }
            Change::AlterExtension { previous, next } => out.push(diff("extension_version", next.name.clone(), Some(extension_summary(next)), Some(extension_summary(previous)), "extension version differs")),
            Change::CreateEnum(e) => out.push(diff("missing_enum", e.name.clone(), Some(e.values.join(", ")), None, "enum is missing")),
            Change::DropEnum(e) => out.push(diff("extra_enum", e.name.clone(), None, None, "enum is not in the schema")),
            Change::AlterEnum { previous, next, .. } => {
                let missing: Vec<&String> = next.values.iter().filter(|v| !previous.values.contains(v)).collect();
                let extra: Vec<&String> = previous.values.iter().filter(|v| !next.values.contains(v)).collect();
                if !missing.is_empty() {
                    out.push(diff("missing_enum_values", next.name.clone(), Some(join(&missing)), None, "enum values are missing"));
                }
                if !extra.is_empty() {
                    out.push(diff("extra_enum_values", next.name.clone(), None, Some(join(&extra)), "enum values are not in the schema"));
                }
            }
            Change::CreateSchema(name) => out.push(diff("missing_schema", name.clone(), None, None, "database schema is missing")),
            Change::MoveTable { table, from, to } => out.push(diff("table_schema", table.clone(), Some(to.clone()), Some(from.clone()), "table is in another database schema")),
            Change::MoveEnum { name, from, to } => out.push(diff("enum_schema", name.clone(), Some(to.clone()), Some(from.clone()), "enum is in another database schema")),
            Change::RebuildTable { .. } => {}
        }
    }
    out
}

fn flatten(changes: &[Change], out: &mut Vec<Change>) {
    for c in changes {
        match c {
            Change::RebuildTable { changes, .. } => flatten(changes, out),
            other => out.push(other.clone()),
        }
    }
}

fn join(values: &[&String]) -> String {
    values
        .iter()
        .map(|v| v.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn type_text(c: &Column) -> String {
    let base = match &c.ty {
        ColumnType::Native(t) => t.to_string(),
        ColumnType::Enum(e) => format!("enum {e}"),
    };
    if c.array { format!("{base}[]") } else { base }
}

fn column_summary(c: &Column) -> String {
    let mut s = type_text(c);
    if !c.nullable {
        s.push_str(" NOT NULL");
    }
    if let Some(d) = &c.default {
        s.push_str(&format!(" DEFAULT {}", d.sql));
    }
    s
}

fn index_summary(table: &str, i: &Index) -> String {
    let kind = match i.kind {
        IndexKind::Unique => "unique ",
        IndexKind::Fulltext => "fulltext ",
        IndexKind::Normal => "",
    };
    // Every part of the definition is said, so two indexes that differ never read the same.
    let cols = i
        .columns
        .iter()
        .map(|c| {
            let mut text = c.name.clone();
            if let Some(length) = c.length {
                text.push_str(&format!("({length})"));
            }
            if let Some(ops) = c.significant_ops() {
                text.push_str(&format!(" {ops}"));
            }
            if c.descending {
                text.push_str(" DESC");
            }
            text
        })
        .collect::<Vec<_>>();
    let method = i
        .algorithm
        .as_ref()
        .map(|a| format!(" using {a}"))
        .unwrap_or_default();
    format!("{kind}index on {table}({}){method}", cols.join(", "))
}

fn extension_summary(e: &DbExtension) -> String {
    let mut s = e.name.clone();
    if let Some(schema) = &e.schema {
        s.push_str(&format!(" in schema {schema}"));
    }
    if let Some(version) = &e.version {
        s.push_str(&format!(" version {version}"));
    }
    s
}

fn fk_summary(table: &str, f: &ForeignKey) -> String {
    format!(
        "{table}({}) -> {}({}) ON DELETE {} ON UPDATE {}",
        f.columns.join(", "),
        f.referenced_table,
        f.referenced_columns.join(", "),
        f.on_delete.sql(),
        f.on_update.sql()
    )
}
