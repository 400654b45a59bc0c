//! `db pull`: an inspected database (`DbSchema`) raised to the text of a Prisma schema, named and
//! spelled as Prisma's own `db pull` writes it.
//!
//! Rules: models and fields keep the table and column names (an `@map`/`@@map` only where a name
//! is not a valid Prisma identifier); types go through the dialect's type map read backwards
//! (`TypeTable::prisma_type`), a `@db.*` attribute only where the type is not the scalar's
//! default and `Unsupported("...")` for a type Prisma lacks; constraint names get `map:` only
//! where they differ from Prisma's default names (`lower::names`); relations come from foreign
//! keys, a field on both sides named after the other model (disambiguated, as Prisma does, by a
//! relation name of the form `Post_authorIdToUser` when two relations join the same models);
//! Prisma's implicit many-to-many tables (`_AToB`) become list fields. The output is then
//! formatted and validated by Prisma's own code (`schema::load`), never trusted as written here.

use super::dialect::Dialect;
use super::lower::names;
use super::model::*;
use crate::schema::ir::ScalarType;
use std::collections::{BTreeMap, BTreeSet};

/// What an existing schema says about the database it describes, kept by a re-pull (Prisma's
/// re-introspection): model, field, enum and relation field names, `///` comments, the order of
/// models, the blocks before the first model (generators, datasource), and the attributes a
/// database cannot hold (`@updatedAt`, ids made by the client). Keyed by database names.
#[derive(Debug, Default)]
pub struct Hints {
    /// The generator and datasource blocks, as written.
    pub header: Option<String>,
    /// By table name.
    pub models: BTreeMap<String, ModelHint>,
    /// By database enum name.
    pub enums: BTreeMap<String, EnumHint>,
    /// By (table holding the foreign key, its columns).
    pub relations: BTreeMap<(String, Vec<String>), RelationHint>,
    /// By implicit many-to-many table: `forward` is the field on `A`'s model, `back` on `B`'s.
    pub join_tables: BTreeMap<String, RelationHint>,
    /// Model blocks as written, by table, for the tables the database has exactly as the schema
    /// says (no difference in the drift check's comparison): kept as they are.
    pub verbatim_models: BTreeMap<String, String>,
    /// Enum blocks as written (database name, text), when no enum differs; and the schema's
    /// view and composite type blocks, which a pull does not read.
    /// Each with where it stood in the schema (a byte offset).
    pub verbatim_enums: Option<Vec<(String, usize, String)>>,
    pub verbatim_other: Vec<(usize, String)>,
}

#[derive(Debug)]
pub struct ModelHint {
    pub name: String,
    /// Where it stood in the schema (a byte offset).
    pub order: usize,
    /// Its fields' names (relation fields too) in the order the schema has them.
    pub field_order: Vec<String>,
    pub doc: Option<String>,
    /// By column name.
    pub fields: BTreeMap<String, FieldHint>,
}

#[derive(Debug)]
pub struct FieldHint {
    pub name: String,
    pub doc: Option<String>,
    /// The enum (its database name) of a field the database keeps as text (SQLite has no enums).
    pub text_enum: Option<String>,
    /// Attributes written as they were, where the database has nothing to say them with.
    pub kept: Vec<String>,
}

#[derive(Debug)]
pub struct EnumHint {
    pub name: String,
    /// Where it stood in the schema (a byte offset).
    pub order: usize,
    pub doc: Option<String>,
    /// (database value, member name), in the schema's order.
    pub values: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct RelationHint {
    pub name: String,
    pub forward: String,
    pub back: String,
}

impl Hints {
    fn model(&self, table: &str) -> String {
        self.models
            .get(table)
            .map_or_else(|| identifier(table), |m| m.name.clone())
    }

    fn enum_name(&self, database_name: &str) -> String {
        self.enums
            .get(database_name)
            .map_or_else(|| identifier(database_name), |e| e.name.clone())
    }

    fn field(&self, table: &str, column: &str) -> String {
        self.models
            .get(table)
            .and_then(|m| m.fields.get(column))
            .map_or_else(|| identifier(column), |f| f.name.clone())
    }
}

/// `/// ...` lines for a documentation comment, indented.
fn doc_lines(doc: Option<&str>, indent: &str) -> String {
    doc.map(|d| {
        d.lines()
            .map(|l| format!("{indent}/// {l}\n").replace("/// \n", "///\n"))
            .collect()
    })
    .unwrap_or_default()
}

/// The Prisma schema of `db` (tool tables already left out), unformatted; `hints` from the
/// schema being re-pulled into, or `Hints::default()`.
pub fn schema_text(db: &DbSchema, dialect: &dyn Dialect, hints: &Hints) -> String {
    // PL/pgSQL comes with every PostgreSQL database: the schema names the others.
    let extensions: Vec<String> = db
        .extensions
        .iter()
        .filter(|e| e.name != "plpgsql")
        .map(|e| {
            let ident = identifier(&e.name);
            if ident == e.name {
                ident
            } else {
                format!("{ident}(map: {})", quoted(&e.name))
            }
        })
        .collect();
    let mut out = String::new();
    if let Some(header) = &hints.header {
        out.push_str(header.trim_end());
        out.push('\n');
    } else if !extensions.is_empty() {
        out.push_str("generator client {\n  provider        = \"prisma-client\"\n  previewFeatures = [\"postgresqlExtensions\"]\n}\n\n");
    }
    if hints.header.is_none() {
        out.push_str(&format!(
            "datasource db {{\n  provider = \"{}\"\n",
            dialect.provider().name()
        ));
        if !extensions.is_empty() {
            out.push_str(&format!("  extensions = [{}]\n", extensions.join(", ")));
        }
        out.push_str("}\n");
    }
    let join_tables: Vec<JoinTable> = db
        .tables
        .iter()
        .filter_map(|t| JoinTable::of(t, db, hints.join_tables.contains_key(&t.name)))
        .collect();
    let model_names: BTreeMap<&str, String> = db
        .tables
        .iter()
        .filter(|t| !join_tables.iter().any(|j| j.table == t.name))
        .map(|t| (t.name.as_str(), hints.model(&t.name)))
        .collect();
    let enum_names: BTreeMap<&str, String> = db
        .enums
        .iter()
        .map(|e| (e.name.as_str(), hints.enum_name(&e.name)))
        .collect();
    let limit = dialect.capabilities().max_identifier_length;
    let mut relation_fields = relation_fields(
        db,
        hints,
        &model_names,
        &join_tables,
        limit,
        dialect.capabilities().named_foreign_keys,
    );
    let mut tables: Vec<&Table> = db
        .tables
        .iter()
        .filter(|t| model_names.contains_key(t.name.as_str()))
        .collect();
    // The re-pulled schema's order, then new tables by name.
    tables.sort_by_key(|t| {
        let order = hints.models.get(&t.name).map_or(usize::MAX, |m| m.order);
        (order, t.name.clone())
    });
    // Blocks in the re-pulled schema's order (by where each stood in it), new ones after.
    let mut pieces: Vec<((usize, usize), String)> = Vec::new();
    for (i, table) in tables.into_iter().enumerate() {
        let extra = relation_fields
            .remove(table.name.as_str())
            .unwrap_or_default();
        let at = hints
            .models
            .get(&table.name)
            .map_or(usize::MAX, |m| m.order);
        let text = match hints.verbatim_models.get(&table.name) {
            Some(block) => block.clone(),
            None => model(table, dialect, hints, &model_names, &enum_names, extra),
        };
        pieces.push(((at, i), text));
    }
    let mut enums: Vec<DbEnum> = db.enums.clone();
    // Enums the database keeps as text (SQLite), as the re-pulled schema has them.
    let text_enums: BTreeSet<&String> = hints
        .models
        .values()
        .flat_map(|m| m.fields.values())
        .filter_map(|f| f.text_enum.as_ref())
        .collect();
    for name in text_enums {
        if let Some(hint) = hints.enums.get(name)
            && !enums.iter().any(|e| &e.name == name)
        {
            enums.push(DbEnum {
                name: name.clone(),
                values: hint.values.iter().map(|(v, _)| v.clone()).collect(),
                namespace: None,
            });
        }
    }
    let enum_names: BTreeMap<String, String> = enums
        .iter()
        .map(|e| (e.name.clone(), hints.enum_name(&e.name)))
        .collect();
    for (at, block) in &hints.verbatim_other {
        pieces.push(((*at, 0), block.clone()));
    }
    if let Some(kept) = &hints.verbatim_enums {
        for (_, at, block) in kept {
            pieces.push(((*at, 0), block.clone()));
        }
        // The database's other enums: those of tables written here, not kept as they were
        // (MySQL's inline enums of a kept table are the kept schema's own).
        let generated: BTreeSet<&str> = db
            .tables
            .iter()
            .filter(|t| !hints.verbatim_models.contains_key(&t.name))
            .flat_map(|t| t.columns.iter())
            .filter_map(|c| match &c.ty {
                ColumnType::Enum(name) => Some(name.as_str()),
                ColumnType::Native(_) => None,
            })
            .collect();
        enums.retain(|e| {
            !kept.iter().any(|(name, _, _)| *name == e.name) && generated.contains(e.name.as_str())
        });
    }
    enums.sort_by(|a, b| a.name.cmp(&b.name));
    for e in &enums {
        out.push('\n');
        let at = hints.enums.get(&e.name).map_or(usize::MAX, |h| h.order);
        pieces.push((
            (at, usize::MAX),
            enum_block(e, &enum_names[e.name.as_str()], hints.enums.get(&e.name)),
        ));
    }
    pieces.sort_by_key(|(key, _)| *key);
    for (_, text) in pieces {
        out.push('\n');
        out.push_str(&text);
    }
    out
}

/// A valid Prisma identifier for a database name, as Prisma's pull makes one: characters a name
/// cannot hold become `_`, and what comes before the first letter is dropped (`_Labels` is
/// `Labels`); a name with no letter gets an `x` before it.
fn identifier(name: &str) -> String {
    let out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    match out.find(|c: char| c.is_ascii_alphabetic()) {
        Some(start) => out[start..].to_owned(),
        None => format!("x{out}"),
    }
}

/// A Prisma string literal.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn enum_block(e: &DbEnum, name: &str, hint: Option<&EnumHint>) -> String {
    let mut out = doc_lines(hint.and_then(|h| h.doc.as_deref()), "");
    out.push_str(&format!("enum {name} {{\n"));
    for value in &e.values {
        let ident = hint
            .and_then(|h| h.values.iter().find(|(v, _)| v == value))
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| identifier(value));
        if &ident == value {
            out.push_str(&format!("  {value}\n"));
        } else {
            out.push_str(&format!("  {ident} @map({})\n", quoted(value)));
        }
    }
    let mut block_attrs = Vec::new();
    if name != e.name {
        block_attrs.push(format!("@@map({})", quoted(&e.name)));
    }
    if let Some(namespace) = &e.namespace {
        block_attrs.push(format!("@@schema({})", quoted(namespace)));
    }
    if !block_attrs.is_empty() {
        out.push('\n');
        for attr in block_attrs {
            out.push_str(&format!("  {attr}\n"));
        }
    }
    out.push_str("}\n");
    out
}

/// Prisma's implicit many-to-many table: `_<name>` with columns `A` and `B`, each a foreign key
/// to one side (`A` the model first in alphabetical order).
struct JoinTable {
    table: String,
    a: String,
    b: String,
}

impl JoinTable {
    /// `known`: the re-pulled schema has it as a many-to-many table (whose sides then need not
    /// be in the order of their table names, as a fresh pull requires, like Prisma's).
    fn of(table: &Table, db: &DbSchema, known: bool) -> Option<JoinTable> {
        if !table.name.starts_with('_') || table.columns.len() != 2 || table.foreign_keys.len() != 2
        {
            return None;
        }
        let target = |column: &str| {
            table
                .foreign_keys
                .iter()
                .find(|f| f.columns == [column])
                .map(|f| f.referenced_table.clone())
        };
        let (a, b) = (target("A")?, target("B")?);
        if (a > b && !known) || db.table(&a).is_none() || db.table(&b).is_none() {
            return None;
        }
        Some(JoinTable {
            table: table.name.clone(),
            a,
            b,
        })
    }
}

/// Where a relation field goes among a model's relation fields: (1 for implicit many-to-many,
/// else 0; the table holding the foreign key, or the field's name; the order it was made in).
type FieldOrder = (u8, String, usize);

/// The relation fields of each table (by table name), as lines.
fn relation_fields(
    db: &DbSchema,
    hints: &Hints,
    models: &BTreeMap<&str, String>,
    join_tables: &[JoinTable],
    limit: usize,
    named_foreign_keys: bool,
) -> BTreeMap<String, Vec<String>> {
    // Per model: (order key, line). Prisma orders a model's relation fields by the table that
    // holds the foreign key (both sides of one relation together), implicit many-to-many
    // fields last.
    let mut fields: BTreeMap<String, Vec<(FieldOrder, String)>> = BTreeMap::new();
    let mut seq = 0usize;
    let mut push = |table: &str, key: (u8, String), line: String| {
        seq += 1;
        fields
            .entry(table.to_owned())
            .or_default()
            .push(((key.0, key.1, seq), line));
    };
    let mut taken: BTreeMap<String, BTreeSet<String>> = db
        .tables
        .iter()
        .map(|t| {
            let columns = t
                .columns
                .iter()
                .map(|c| hints.field(&t.name, &c.name))
                .collect();
            (t.name.clone(), columns)
        })
        .collect();
    let mut claim = |table: &str, wanted: String| {
        let names = taken.entry(table.to_owned()).or_default();
        let mut name = wanted;
        while names.contains(&name) {
            name.push('_');
        }
        names.insert(name.clone());
        name
    };
    // How many relations join each pair of models: more than one needs relation names.
    let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for t in db
        .tables
        .iter()
        .filter(|t| models.contains_key(t.name.as_str()))
    {
        for fk in &t.foreign_keys {
            let mut pair = [t.name.clone(), fk.referenced_table.clone()];
            pair.sort();
            *pairs.entry((pair[0].clone(), pair[1].clone())).or_default() += 1;
        }
    }
    for t in db
        .tables
        .iter()
        .filter(|t| models.contains_key(t.name.as_str()))
    {
        let model = &models[t.name.as_str()];
        for fk in &t.foreign_keys {
            let Some(target) = models.get(fk.referenced_table.as_str()) else {
                continue;
            };
            let mut pair = [t.name.clone(), fk.referenced_table.clone()];
            pair.sort();
            // Several relations between two models are told apart by their columns; a model's
            // one relation to itself is named too (`NodeToNode`), but its fields are not.
            let several = pairs[&(pair[0].clone(), pair[1].clone())] > 1;
            let ambiguous = several || t.name == fk.referenced_table;
            let hint = hints.relations.get(&(t.name.clone(), fk.columns.clone()));
            let relation_name = match hint {
                // The schema's own name, where it said one (a name other than Prisma's default
                // `AToB`) or where one is needed.
                Some(h) => {
                    let mut pair = [model.as_str(), target.as_str()];
                    pair.sort();
                    let default = format!("{}To{}", pair[0], pair[1]);
                    (ambiguous || h.name != default).then(|| h.name.clone())
                }
                None if several => Some(format!("{model}_{}To{target}", fk.columns.join("_"))),
                None => ambiguous.then(|| format!("{model}To{target}")),
            };
            let optional = fk
                .columns
                .iter()
                .any(|c| t.column(c).is_some_and(|c| c.nullable));
            let unique = t
                .primary_key
                .as_ref()
                .is_some_and(|pk| pk.columns == fk.columns)
                || t.indexes.iter().any(|i| {
                    i.kind == IndexKind::Unique
                        && i.columns.iter().map(|c| &c.name).eq(fk.columns.iter())
                });
            let fields: Vec<String> = fk.columns.iter().map(|c| hints.field(&t.name, c)).collect();
            let references: Vec<String> = fk
                .referenced_columns
                .iter()
                .map(|c| hints.field(&fk.referenced_table, c))
                .collect();
            let mut args = Vec::new();
            if let Some(name) = &relation_name {
                args.push(quoted(name));
            }
            args.push(format!("fields: [{}]", fields.join(", ")));
            args.push(format!("references: [{}]", references.join(", ")));
            let default_delete = if optional {
                ReferentialAction::SetNull
            } else {
                ReferentialAction::Restrict
            };
            if fk.on_delete != default_delete {
                args.push(format!("onDelete: {}", action(fk.on_delete)));
            }
            if fk.on_update != ReferentialAction::Cascade {
                args.push(format!("onUpdate: {}", action(fk.on_update)));
            }
            if named_foreign_keys && fk.name != names::foreign_key(&t.name, &fk.columns, limit) {
                args.push(format!("map: {}", quoted(&fk.name)));
            }
            let forward_name = match &relation_name {
                Some(name) if several => format!("{target}_{name}"),
                _ => target.clone(),
            };
            let forward = claim(&t.name, hint.map_or(forward_name, |h| h.forward.clone()));
            push(
                &t.name,
                (0, t.name.clone()),
                format!(
                    "  {forward} {target}{} @relation({})",
                    if optional { "?" } else { "" },
                    args.join(", ")
                ),
            );
            let back_name = match &relation_name {
                Some(_) if t.name == fk.referenced_table => format!("other_{forward}"),
                Some(name) => format!("{model}_{name}"),
                None => model.clone(),
            };
            let back = claim(
                &fk.referenced_table,
                hint.map_or(back_name, |h| h.back.clone()),
            );
            let arity = if unique { "?" } else { "[]" };
            let named = relation_name
                .as_ref()
                .map(|n| format!(" @relation({})", quoted(n)))
                .unwrap_or_default();
            push(
                &fk.referenced_table,
                (0, t.name.clone()),
                format!("  {back} {model}{arity}{named}"),
            );
        }
    }
    for j in join_tables {
        let (a, b) = (&models[j.a.as_str()], &models[j.b.as_str()]);
        let name = &j.table[1..];
        let default_name = format!("{a}To{b}");
        let named = if name == default_name && a != b {
            String::new()
        } else {
            format!(" @relation({})", quoted(name))
        };
        if a == b {
            let first = claim(&j.a, format!("{a}_{name}_A"));
            let second = claim(&j.a, format!("{a}_{name}_B"));
            push(&j.a, (1, first.clone()), format!("  {first} {a}[]{named}"));
            push(
                &j.a,
                (1, second.clone()),
                format!("  {second} {a}[]{named}"),
            );
            continue;
        }
        let hint = hints.join_tables.get(&j.table);
        let on_a = claim(&j.a, hint.map_or_else(|| b.clone(), |h| h.forward.clone()));
        push(&j.a, (1, on_a.clone()), format!("  {on_a} {b}[]{named}"));
        let on_b = claim(&j.b, hint.map_or_else(|| a.clone(), |h| h.back.clone()));
        push(&j.b, (1, on_b.clone()), format!("  {on_b} {a}[]{named}"));
    }
    fields
        .into_iter()
        .map(|(table, mut lines)| {
            lines.sort_by(|x, y| x.0.cmp(&y.0));
            (table, lines.into_iter().map(|(_, line)| line).collect())
        })
        .collect()
}

fn action(a: ReferentialAction) -> &'static str {
    match a {
        ReferentialAction::Cascade => "Cascade",
        ReferentialAction::Restrict => "Restrict",
        ReferentialAction::NoAction => "NoAction",
        ReferentialAction::SetNull => "SetNull",
        ReferentialAction::SetDefault => "SetDefault",
    }
}

fn model(
    table: &Table,
    dialect: &dyn Dialect,
    hints: &Hints,
    models: &BTreeMap<&str, String>,
    enums: &BTreeMap<&str, String>,
    relation_fields: Vec<String>,
) -> String {
    let name = &models[table.name.as_str()];
    let limit = dialect.capabilities().max_identifier_length;
    let mut lines = Vec::new();
    let single_pk = table
        .primary_key
        .as_ref()
        .filter(|pk| pk.columns.len() == 1);
    let pk_map = |pk: &PrimaryKey| {
        pk.name
            .as_ref()
            .filter(|n| **n != names::primary_key(&table.name, limit))
            .map(|n| quoted(n))
    };
    let unique_single: BTreeMap<&str, &Index> = table
        .indexes
        .iter()
        .filter(|i| i.kind == IndexKind::Unique && i.columns.len() == 1)
        .filter(|i| plain_column(&i.columns[0]))
        .map(|i| (i.columns[0].name.as_str(), i))
        .collect();
    let hint = hints.models.get(&table.name);
    for column in &table.columns {
        let field = hints.field(&table.name, &column.name);
        let field_hint = hint.and_then(|m| m.fields.get(&column.name));
        let mut attrs = Vec::new();
        let mut ty = field_type(column, dialect, enums);
        let text_enum = field_hint
            .and_then(|f| f.text_enum.as_ref())
            .filter(|_| column.ty.family() == Some(TypeFamily::String) && ty.attribute.is_none());
        if let Some(e) = text_enum {
            let name = hints
                .enums
                .get(e)
                .map_or_else(|| identifier(e), |h| h.name.clone());
            ty.text = ty.text.replacen("String", &name, 1);
        }
        if let Some(pk) = single_pk.filter(|pk| pk.columns[0] == column.name) {
            attrs.push(match pk_map(pk) {
                Some(map) => format!("@id(map: {map})"),
                None => "@id".to_owned(),
            });
        }
        if column.autoincrement {
            attrs.push("@default(autoincrement())".to_owned());
        } else if let Some(default) = &column.default
            && let Some(value) = default_value(
                &default.value,
                text_enum.is_some() || matches!(column.ty, ColumnType::Enum(_)),
                &default.sql,
                ty.boolean,
            )
        {
            attrs.push(format!("@default({value})"));
        }
        if let Some(kept) = field_hint {
            for attribute in &kept.kept {
                let is_default = attribute.starts_with("@default(");
                if !is_default || (column.default.is_none() && !column.autoincrement) {
                    attrs.push(attribute.clone());
                }
            }
        }
        if let Some(index) = unique_single.get(column.name.as_str()) {
            let default = names::unique(&table.name, std::slice::from_ref(&column.name), limit);
            attrs.push(if index.name == default {
                "@unique".to_owned()
            } else {
                format!("@unique(map: {})", quoted(&index.name))
            });
        }
        if let Some(native) = &ty.attribute {
            attrs.push(native.clone());
        }
        if field != column.name {
            attrs.push(format!("@map({})", quoted(&column.name)));
        }
        lines.push(format!(
            "{}  {field} {}{}",
            doc_lines(field_hint.and_then(|f| f.doc.as_deref()), "  "),
            ty.text,
            prefixed(&attrs)
        ));
    }
    lines.extend(relation_fields);
    // A re-pull keeps the schema's order of fields; new ones follow, in the database's order.
    if let Some(order) = hint.map(|m| &m.field_order).filter(|o| !o.is_empty()) {
        let position = |line: &String| {
            let name = line
                .lines()
                .rfind(|l| !l.trim_start().starts_with("///"))
                .and_then(|l| l.split_whitespace().next())
                .unwrap_or_default();
            order.iter().position(|n| n == name).unwrap_or(usize::MAX)
        };
        lines.sort_by_key(position);
    }
    let mut block_attrs = Vec::new();
    if let Some(pk) = table.primary_key.as_ref().filter(|pk| pk.columns.len() > 1) {
        let columns: Vec<String> = pk
            .columns
            .iter()
            .map(|c| hints.field(&table.name, c))
            .collect();
        block_attrs.push(match pk_map(pk) {
            Some(map) => format!("@@id([{}], map: {map})", columns.join(", ")),
            None => format!("@@id([{}])", columns.join(", ")),
        });
    }
    for index in &table.indexes {
        if index.kind == IndexKind::Unique
            && index.columns.len() == 1
            && unique_single.contains_key(index.columns[0].name.as_str())
        {
            continue;
        }
        let columns: Vec<String> = index
            .columns
            .iter()
            .map(|c| index_column(c, &hints.field(&table.name, &c.name)))
            .collect();
        let column_names: Vec<String> = index.columns.iter().map(|c| c.name.clone()).collect();
        let (attribute, default) = match index.kind {
            IndexKind::Unique => ("@@unique", names::unique(&table.name, &column_names, limit)),
            IndexKind::Normal => ("@@index", names::index(&table.name, &column_names, limit)),
            IndexKind::Fulltext => (
                "@@fulltext",
                names::index(&table.name, &column_names, limit),
            ),
        };
        let mut args = vec![format!("[{}]", columns.join(", "))];
        if index.name != default {
            args.push(format!("map: {}", quoted(&index.name)));
        }
        if let Some(method) = &index.algorithm {
            args.push(format!("type: {}", index_type(method)));
        }
        block_attrs.push(format!("{attribute}({})", args.join(", ")));
    }
    if table.primary_key.is_none()
        && !table.indexes.iter().any(|i| {
            i.kind == IndexKind::Unique
                && i.columns
                    .iter()
                    .all(|c| table.column(&c.name).is_some_and(|c| !c.nullable))
        })
    {
        block_attrs.push("@@ignore".to_owned());
    }
    if *name != table.name {
        block_attrs.push(format!("@@map({})", quoted(&table.name)));
    }
    if let Some(namespace) = &table.namespace {
        block_attrs.push(format!("@@schema({})", quoted(namespace)));
    }
    let mut out = doc_lines(hint.and_then(|m| m.doc.as_deref()), "");
    if block_attrs.iter().any(|a| a == "@@ignore") {
        out.push_str("/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.\n");
    }
    out.push_str(&format!("model {name} {{\n"));
    for line in &lines {
        out.push_str(line);
        out.push('\n');
    }
    if !block_attrs.is_empty() {
        out.push('\n');
        for attr in &block_attrs {
            out.push_str(&format!("  {attr}\n"));
        }
    }
    out.push_str("}\n");
    out
}

/// An index column with no sort order, length or operator class: `@unique` can say it.
fn plain_column(c: &IndexColumn) -> bool {
    !c.descending && c.length.is_none() && c.significant_ops().is_none()
}

fn index_column(c: &IndexColumn, name: &str) -> String {
    let mut args = Vec::new();
    if let Some(length) = c.length {
        args.push(format!("length: {length}"));
    }
    if c.descending {
        args.push("sort: Desc".to_owned());
    }
    if let Some(ops) = c.significant_ops() {
        args.push(format!("ops: raw({})", quoted(ops)));
    }
    if args.is_empty() {
        name.to_owned()
    } else {
        format!("{name}({})", args.join(", "))
    }
}

/// `GIN` -> `Gin`, `SPGIST` -> `SpGist`, as Prisma spells index types.
fn index_type(method: &str) -> String {
    match method.to_ascii_uppercase().as_str() {
        "SPGIST" => "SpGist".to_owned(),
        "BTREE" => "BTree".to_owned(),
        other => {
            let mut chars = other.chars();
            match chars.next() {
                Some(first) => first.to_string() + &chars.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        }
    }
}

fn prefixed(attrs: &[String]) -> String {
    attrs.iter().map(|a| format!(" {a}")).collect()
}

struct FieldType {
    text: String,
    /// The field is a `Boolean` (a default of `1` is `true`).
    boolean: bool,
    /// `@db.VarChar(255)`, where the type is not the scalar's default.
    attribute: Option<String>,
}

fn field_type(column: &Column, dialect: &dyn Dialect, enums: &BTreeMap<&str, String>) -> FieldType {
    let mut boolean = false;
    let (base, attribute) = match &column.ty {
        ColumnType::Enum(name) => (
            enums
                .get(name.as_str())
                .cloned()
                .unwrap_or_else(|| identifier(name)),
            None,
        ),
        ColumnType::Native(ty) => match dialect.types().prisma_type(ty) {
            Some(prisma) => {
                let attribute = prisma.attribute.map(|(name, args)| {
                    if args.is_empty() {
                        format!("@db.{name}")
                    } else {
                        let args: Vec<String> = args.iter().map(u32::to_string).collect();
                        format!("@db.{name}({})", args.join(", "))
                    }
                });
                boolean = prisma.scalar == ScalarType::Boolean;
                (scalar_name(prisma.scalar).to_owned(), attribute)
            }
            None => (
                format!("Unsupported({})", quoted(&ty.to_string().to_lowercase())),
                None,
            ),
        },
    };
    let suffix = if column.array {
        "[]"
    } else if column.nullable {
        "?"
    } else {
        ""
    };
    FieldType {
        text: format!("{base}{suffix}"),
        boolean,
        attribute,
    }
}

fn scalar_name(s: ScalarType) -> &'static str {
    match s {
        ScalarType::String => "String",
        ScalarType::Int => "Int",
        ScalarType::BigInt => "BigInt",
        ScalarType::Float => "Float",
        ScalarType::Decimal => "Decimal",
        ScalarType::Boolean => "Boolean",
        ScalarType::DateTime => "DateTime",
        ScalarType::Json => "Json",
        ScalarType::Bytes => "Bytes",
    }
}

/// A default as Prisma writes it: `now()`, a literal, an enum value; any other expression as
/// `dbgenerated("...")` with the database's own text.
fn default_value(value: &DefaultValue, is_enum: bool, sql: &str, boolean: bool) -> Option<String> {
    Some(match value {
        DefaultValue::Literal(Literal::Number(n)) if boolean => (n != "0").to_string(),
        DefaultValue::Now { .. } => "now()".to_owned(),
        DefaultValue::Literal(Literal::String(s)) if is_enum => identifier(s),
        DefaultValue::Literal(Literal::String(s)) => quoted(s),
        DefaultValue::Literal(Literal::Number(n)) => n.clone(),
        DefaultValue::Literal(Literal::Boolean(b)) => b.to_string(),
        // The database's own text of the document, as Prisma keeps it.
        DefaultValue::Literal(Literal::Json(json)) => {
            quoted(&quoted_sql_text(sql).unwrap_or_else(|| json.clone()))
        }
        // As Prisma's pull writes it: the database's text (a literal `DateTime` default would
        // be the same default, but Prisma does not read one back).
        DefaultValue::Literal(Literal::Timestamp(_)) => format!("dbgenerated({})", quoted(sql)),
        DefaultValue::Literal(Literal::Bytes(hex)) => match bytes_of_hex(hex) {
            Some(bytes) => quoted(&base64(&bytes)),
            None => format!("dbgenerated({})", quoted(sql)),
        },
        DefaultValue::List(items) => {
            let items: Option<Vec<String>> = items
                .iter()
                .map(|item| default_value(item, is_enum, sql, boolean))
                .collect();
            format!("[{}]", items?.join(", "))
        }
        // The database's own text (SQLite keeps the parentheses an expression default needs).
        DefaultValue::Expression(_) => format!("dbgenerated({})", quoted(sql)),
    })
}

/// The text of the SQL string literal a default starts with (`'{"a": 1}'::jsonb` -> `{"a": 1}`).
fn quoted_sql_text(sql: &str) -> Option<String> {
    let rest = sql.trim_start().strip_prefix('\'')?;
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            if chars.peek() == Some(&'\'') {
                chars.next();
                out.push('\'');
                continue;
            }
            return Some(out);
        }
        out.push(c);
    }
    None
}

fn bytes_of_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Standard base64 with padding: a `Bytes` default in a Prisma schema.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
