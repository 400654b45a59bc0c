//! The data dictionary: a Markdown section per table (its model, the `///` comment, a row per
//! column with its type on every migration dialect, nullability, default and comment, then the
//! primary key, indexes and foreign keys), and the enums with their values.
//!
//! Rules: table cells escape `|` and hold no line breaks (a comment's lines are joined); a
//! name goes in a code span unless it holds a backtick.

use super::{Catalog, code, one_line};
use crate::relational::model::{IndexKind, Table};
use std::fmt::Write;

pub(super) fn render(catalog: &Catalog, header: &str) -> String {
    let mut out = format!("<!-- {header} -->\n\n# Data dictionary\n\n");
    let dialects: Vec<&str> = catalog
        .lowerings
        .iter()
        .map(|l| l.provider.name())
        .collect();
    let _ = writeln!(
        out,
        "{} table(s), {} enum(s). Types as the migrations of each dialect write them: {}.",
        catalog.tables().len(),
        catalog.schema.enums.len(),
        dialects.join(", ")
    );
    for table in catalog.tables() {
        table_section(&mut out, catalog, table);
    }
    if !catalog.schema.enums.is_empty() {
        out.push_str("\n## Enums\n");
        for e in &catalog.schema.enums {
            let _ = writeln!(out, "\n### {}\n", code(e.database_name()));
            if let Some(doc) = &e.documentation {
                let _ = writeln!(out, "{}\n", doc.trim());
            }
            out.push_str("| Value | Description |\n|---|---|\n");
            for v in &e.values {
                let _ = writeln!(
                    out,
                    "| {} | {} |",
                    code(v.database_name()),
                    cell(v.documentation.as_deref().unwrap_or(""))
                );
            }
        }
    }
    out
}

fn table_section(out: &mut String, catalog: &Catalog, table: &Table) {
    let _ = writeln!(out, "\n## {}\n", code(&table.name));
    match catalog.model_of(&table.name) {
        Some(model) => {
            let _ = writeln!(out, "Model {}.", code(&model.name));
            if let Some(doc) = &model.documentation {
                let _ = writeln!(out, "\n{}", doc.trim());
            }
        }
        None => out.push_str("The join table of an implicit many-to-many relation.\n"),
    }
    out.push_str("\n| Column |");
    for l in &catalog.lowerings {
        let _ = write!(out, " {} |", l.provider.name());
    }
    out.push_str(" Null | Default | Description |\n|---|");
    for _ in &catalog.lowerings {
        out.push_str("---|");
    }
    out.push_str("---|---|---|\n");
    for column in &table.columns {
        let _ = write!(out, "| {} |", code(&column.name));
        for l in &catalog.lowerings {
            let ty =
                l.db.table(&table.name)
                    .and_then(|t| t.column(&column.name))
                    .map(|c| code(&l.type_name(c)))
                    .unwrap_or_else(|| "-".to_owned());
            let _ = write!(out, " {ty} |");
        }
        let default = match (&column.default, column.autoincrement) {
            (_, true) => "autoincrement".to_owned(),
            (Some(d), false) => code(&d.sql),
            (None, false) => String::new(),
        };
        let doc = catalog
            .field_of(&table.name, &column.name)
            .and_then(|f| f.documentation.as_deref())
            .unwrap_or("");
        let _ = writeln!(
            out,
            " {} | {default} | {} |",
            if column.nullable { "yes" } else { "no" },
            cell(doc)
        );
    }
    if let Some(pk) = &table.primary_key {
        let _ = writeln!(out, "\nPrimary key: {}.", list(&pk.columns));
    }
    if !table.indexes.is_empty() {
        out.push_str("\nIndexes:\n\n");
        for index in &table.indexes {
            let names: Vec<String> = index.columns.iter().map(|c| c.name.clone()).collect();
            let kind = match index.kind {
                IndexKind::Unique => "unique",
                IndexKind::Normal => "index",
                IndexKind::Fulltext => "full-text",
            };
            let method = index
                .algorithm
                .as_deref()
                .map(|m| format!(", {m}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- {} ({kind}{method}) on {}",
                code(&index.name),
                list(&names)
            );
        }
    }
    if !table.foreign_keys.is_empty() {
        out.push_str("\nForeign keys:\n\n");
        for fk in &table.foreign_keys {
            let _ = writeln!(
                out,
                "- {}: {} references {} ({}), on delete {}, on update {}",
                code(&fk.name),
                list(&fk.columns),
                code(&fk.referenced_table),
                list(&fk.referenced_columns),
                fk.on_delete.sql(),
                fk.on_update.sql()
            );
        }
    }
}

fn list(names: &[String]) -> String {
    names.iter().map(|n| code(n)).collect::<Vec<_>>().join(", ")
}

fn cell(doc: &str) -> String {
    one_line(doc).replace('|', "\\|")
}
