//! The Mermaid `erDiagram` in a Markdown file: one diagram, or one per `[docs]` group.
//!
//! Rules: Mermaid's grammar takes words for attribute types and names and has no escapes, so
//! a type or column name that is not a word (or is one of its key words `PK`, `FK`, `UK`) is
//! written with its other characters as `_` and its real spelling as the attribute's comment.
//! Table names are always quoted (so that `one`, `class` or `style`, which its lexer takes for
//! key words, are names), with `"` as `'`, `%` as `_` and `\` as `/`, which quoted names cannot
//! hold; a model whose table has another name is labelled with both, `users (User)`. Comments
//! and labels have `"` as `'` and `~` as `-`.
//! Cardinality: `||` a required key, `|o` an optional one; `o{` many children,
//! `o|` one (a 1-1 relation). Implicit many-to-many relations are drawn through their join
//! tables, as the database holds them.

use super::{Catalog, Edge, code, one_line};
use crate::relational::model::Table;
use std::collections::BTreeSet;
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
            let values: Vec<String> = e.values.iter().map(|v| code(v.database_name())).collect();
            let _ = writeln!(
                out,
                "| {} | {} |",
                code(e.database_name()),
                values.join(", ")
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
    let foreign_key_columns = catalog.foreign_key_columns(edges);
    for table in catalog.tables().iter().filter(|t| member(&t.name)) {
        entity(out, catalog, table, &foreign_key_columns);
    }
    for e in edges
        .iter()
        .filter(|e| member(e.parent) || member(&e.child))
    {
        let _ = writeln!(
            out,
            "    {} {}--{} {} : \"{}\"",
            quoted(e.parent),
            if e.parent_optional { "|o" } else { "||" },
            if e.one_child { "o|" } else { "o{" },
            quoted(&e.child),
            comment_text(&e.columns.join(", "))
        );
    }
    out.push_str("```\n\n");
}

fn entity(
    out: &mut String,
    catalog: &Catalog,
    table: &Table,
    foreign_key_columns: &BTreeSet<(&str, &str)>,
) {
    let lowering = catalog.main();
    // A model whose table has another name shows both: `users (User)`.
    let label = catalog
        .model_of(&table.name)
        .filter(|m| m.name != table.name)
        .map(|m| format!("[{}]", quoted(&format!("{} ({})", table.name, m.name))))
        .unwrap_or_default();
    let _ = writeln!(out, "    {}{label} {{", quoted(&table.name));
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
        if foreign_key_columns.contains(&(table.name.as_str(), column.name.as_str())) {
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
            let _ = write!(out, " \"{}\"", comment_text(&comment.join(": ")));
        }
        out.push('\n');
    }
    out.push_str("    }\n");
}

/// `text` as a Mermaid word: letters, digits, `_`, `-` and the characters `extra` allows; any
/// other as `_`, and a leading `_` where it would not start with a letter or `_` or would be a
/// key mark.
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
    let key_mark = ["PK", "FK", "UK"]
        .iter()
        .any(|k| out.eq_ignore_ascii_case(k));
    if key_mark || !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

/// Text for a quoted comment or relation label: no `"`, and no `~` (two of them read as a
/// generic type, `List~int~`).
fn comment_text(text: &str) -> String {
    text.replace('"', "'").replace('~', "-")
}

/// A table name or label as a quoted Mermaid name.
fn quoted(name: &str) -> String {
    format!(
        "\"{}\"",
        name.replace('"', "'").replace('%', "_").replace('\\', "/")
    )
}
