//! The DBML file (dbdiagram.io's format): enums, tables with their columns, keys, defaults,
//! indexes and notes, and one `Ref` per foreign key of the database.
//!
//! Rules: every identifier is double-quoted, every type too unless it is a plain word with an
//! optional argument list; DBML's quoted names have no escapes, so a `"` in a name is written
//! as `'`. Defaults are SQL expressions in backticks, as the database holds them (a backtick,
//! which an expression cannot hold, as `'`; a line break as `\n`). Notes and names in strings
//! are single-quoted on one line, `'` escaped and `\` written as `/` (DBML keeps a backslash
//! but reads `\'` as a quote).

use super::{Catalog, one_line};
use crate::relational::model::{IndexKind, ReferentialAction, Table};
use std::fmt::Write;

pub(super) fn render(catalog: &Catalog, header: &str) -> String {
    let lowering = catalog.main();
    let mut out = format!("// {header}\n");
    for e in &lowering.db.enums {
        let _ = writeln!(out, "\nEnum {} {{", ident(&e.name));
        for value in &e.values {
            let _ = writeln!(out, "  {}", ident(value));
        }
        out.push_str("}\n");
    }
    for table in catalog.tables() {
        table_block(&mut out, catalog, table);
    }
    let mut refs = String::new();
    for table in catalog.tables() {
        for fk in &table.foreign_keys {
            let _ = write!(
                refs,
                "Ref {}: {}.{} > {}.{}",
                ident(&fk.name),
                ident(&table.name),
                columns(&fk.columns),
                ident(&fk.referenced_table),
                columns(&fk.referenced_columns)
            );
            let actions: Vec<String> = [("delete", fk.on_delete), ("update", fk.on_update)]
                .into_iter()
                .filter(|(_, action)| *action != ReferentialAction::NoAction)
                .map(|(what, action)| format!("{what}: {}", action.sql().to_lowercase()))
                .collect();
            if !actions.is_empty() {
                let _ = write!(refs, " [{}]", actions.join(", "));
            }
            refs.push('\n');
        }
    }
    if !refs.is_empty() {
        out.push('\n');
        out.push_str(&refs);
    }
    out
}

fn table_block(out: &mut String, catalog: &Catalog, table: &Table) {
    let lowering = catalog.main();
    let _ = writeln!(out, "\nTable {} {{", ident(&table.name));
    let single_pk = table
        .primary_key
        .as_ref()
        .filter(|pk| pk.columns.len() == 1)
        .map(|pk| pk.columns[0].as_str());
    for column in &table.columns {
        let mut settings = Vec::new();
        if single_pk == Some(column.name.as_str()) {
            settings.push("pk".to_owned());
        }
        if column.autoincrement {
            settings.push("increment".to_owned());
        }
        if !column.nullable && single_pk != Some(column.name.as_str()) {
            settings.push("not null".to_owned());
        }
        if let Some(default) = &column.default {
            let sql = default
                .sql
                .replace('`', "'")
                .replace('\n', "\\n")
                .replace('\r', "\\r");
            settings.push(format!("default: `{sql}`"));
        }
        if let Some(doc) = catalog
            .field_of(&table.name, &column.name)
            .and_then(|f| f.documentation.as_deref())
        {
            settings.push(format!("note: {}", note(doc)));
        }
        let _ = write!(
            out,
            "  {} {}",
            ident(&column.name),
            type_name(&lowering.type_name(column))
        );
        if !settings.is_empty() {
            let _ = write!(out, " [{}]", settings.join(", "));
        }
        out.push('\n');
    }
    let composite_pk = table.primary_key.as_ref().filter(|pk| pk.columns.len() > 1);
    if composite_pk.is_some() || !table.indexes.is_empty() {
        out.push_str("\n  indexes {\n");
        if let Some(pk) = composite_pk {
            let _ = writeln!(out, "    {} [pk]", index_columns(&pk.columns));
        }
        for index in &table.indexes {
            let names: Vec<String> = index.columns.iter().map(|c| c.name.clone()).collect();
            let mut settings = Vec::new();
            if index.kind == IndexKind::Unique {
                settings.push("unique".to_owned());
            }
            if let Some(method) = index
                .algorithm
                .as_deref()
                .map(str::to_lowercase)
                .filter(|m| m == "hash" || m == "btree")
            {
                settings.push(format!("type: {method}"));
            }
            settings.push(format!("name: {}", string(&index.name)));
            let _ = writeln!(
                out,
                "    {} [{}]",
                index_columns(&names),
                settings.join(", ")
            );
        }
        out.push_str("  }\n");
    }
    if let Some(doc) = catalog
        .model_of(&table.name)
        .and_then(|m| m.documentation.as_deref())
    {
        let _ = writeln!(out, "\n  Note: {}", note(doc));
    }
    out.push_str("}\n");
}

fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "'"))
}

fn string(text: &str) -> String {
    format!("'{}'", text.replace('\\', "/").replace('\'', "\\'"))
}

fn note(doc: &str) -> String {
    string(&one_line(doc))
}

/// `("a", "b")`, or `"a"` for one column.
fn columns(names: &[String]) -> String {
    match names {
        [one] => ident(one),
        _ => index_columns(names),
    }
}

/// `("a", "b")`, also for one column (as index definitions have them).
fn index_columns(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| ident(n)).collect();
    format!("({})", quoted.join(", "))
}

/// A type as a word with an optional argument list (`varchar(255)`), else quoted.
fn type_name(ty: &str) -> String {
    let (base, args) = ty.split_once('(').unwrap_or((ty, ""));
    let plain_base = !base.is_empty()
        && base.starts_with(|c: char| c.is_ascii_alphabetic())
        && base.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let plain_args = args.is_empty()
        || (args.ends_with(')')
            && args[..args.len() - 1]
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == ' '));
    if plain_base && plain_args {
        ty.to_owned()
    } else {
        ident(ty)
    }
}
