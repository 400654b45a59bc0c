//! The Mermaid `erDiagram` in a Markdown file: one diagram, or one per `[docs]` group.
//!
//! Rules: Mermaid's grammar takes words for attribute types and names and has no escapes, so
//! a type or column name that is not a word is written with its other characters as `_` and
//! its real spelling as the attribute's comment; a table name that is not a word is quoted,
//! with `"` as `'`; a model whose table has another name is labelled with both, `users (User)`.
//! Cardinality: `||` a required key, `|o` an optional one; `o{` many children,
//! `o|` one (a 1-1 relation). Implicit many-to-many relations are drawn through their join
//! tables, as the database holds them.

use super::{Catalog, Edge, one_line};
use crate::relational::model::Table;
use std::fmt::Write;

pub(super) fn render(catalog: &Catalog, header: &str) -> String {
    let mut out = format!("<!-- {header} -->\n\n# Entity-relationship diagram\n\n");
    let _ = writeln!(
        out,
        "Tables and columns as the {} migrations create them; keys: PK primary, FK foreign, UK unique.\n",
        catalog.main().provider.name()
    );
    let edges = catalog.edges();
    if catalog.groups.is_empty() {
        diagram(&mut out, catalog, &edges, |_| true);
    } else {
        for (i, group) in catalog.groups.iter().enumerate() {
            let _ = writeln!(out, "## {}\n", group.name);
            diagram(&mut out, catalog, &edges, |t| {
                catalog.group_of(t) == Some(i)
            });
        }
        if catalog
            .tables()
            .iter()
            .any(|t| catalog.group_of(&t.name).is_none())
        {
            out.push_str("## Other\n\n");
            diagram(&mut out, catalog, &edges, |t| catalog.group_of(t).is_none());
        }
    }
    let enums = &catalog.schema.enums;
    if !enums.is_empty() {
        out.push_str("## Enums\n\n| Enum | Values |\n|---|---|\n");
        for e in enums {
            let values: Vec<String> = e
                .values
                .iter()
                .map(|v| format!("`{}`", v.database_name()))
                .collect();
            let _ = writeln!(
                out,
                "| `{}` | {} |",
                e.database_name(),
                values.join(", ").replace('|', "\\|")
            );
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The tables `member` accepts, with their columns, and every relation that touches one of
/// them (a table of another group at its other end is drawn by name only).
fn diagram(out: &mut String, catalog: &Catalog, edges: &[Edge], member: impl Fn(&str) -> bool) {
    out.push_str("```mermaid\nerDiagram\n");
    for table in catalog.tables().iter().filter(|t| member(&t.name)) {
        entity(out, catalog, table);
    }
    for e in edges
        .iter()
        .filter(|e| member(e.parent) || member(&e.child))
    {
        let _ = writeln!(
            out,
            "    {} {}--{} {} : \"{}\"",
            entity_name(e.parent),
            if e.parent_optional { "|o" } else { "||" },
            if e.one_child { "o|" } else { "o{" },
            entity_name(&e.child),
            e.label.replace('"', "'")
        );
    }
    out.push_str("```\n\n");
}

fn entity(out: &mut String, catalog: &Catalog, table: &Table) {
    let lowering = catalog.main();
    // A model whose table has another name shows both: `users (User)`.
    let label = catalog
        .model_of(&table.name)
        .filter(|m| m.name != table.name)
        .map(|m| {
            let text = format!("{} ({})", table.name, m.name);
            format!("[\"{}\"]", text.replace('"', "'"))
        })
        .unwrap_or_default();
    let _ = writeln!(out, "    {}{label} {{", entity_name(&table.name));
    for column in &table.columns {
        let ty = lowering.type_name(column);
        let mut keys = Vec::new();
        if table
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns.contains(&column.name))
        {
            keys.push("PK");
        }
        if catalog.is_foreign_key_column(table, &column.name) {
            keys.push("FK");
        }
        if Catalog::is_unique_column(table, &column.name) {
            keys.push("UK");
        }
        let (word_type, word_name) = (word(&ty, "()[]"), word(&column.name, ""));
        let mut comment = Vec::new();
        if word_name != column.name {
            comment.push(column.name.clone());
        }
        if word_type != ty {
            comment.push(ty.clone());
        }
        if let Some(doc) = catalog
            .field_of(&table.name, &column.name)
            .and_then(|f| f.documentation.as_deref())
        {
            comment.push(one_line(doc));
        }
        let _ = write!(out, "        {word_type} {word_name}");
        if !keys.is_empty() {
            let _ = write!(out, " {}", keys.join(", "));
        }
        if !comment.is_empty() {
            let _ = write!(out, " \"{}\"", comment.join(": ").replace('"', "'"));
        }
        out.push('\n');
    }
    out.push_str("    }\n");
}

/// `text` as a Mermaid word: letters, digits, `_`, `-` and the characters `extra` allows; any
/// other as `_`, and a leading `_` where it would not start with a letter or `_`.
fn word(text: &str, extra: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' || extra.contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

fn entity_name(name: &str) -> String {
    if word(name, "") == name {
        name.to_owned()
    } else {
        format!("\"{}\"", name.replace('"', "'"))
    }
}
