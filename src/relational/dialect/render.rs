//! The statements every dialect writes the same way (CREATE TABLE, indexes, foreign keys), the
//! renderer of one `Change`, and the script writer.
//!
//! Rules: renderers return statements without a trailing semicolon; `render_script` adds them.
//! Every identifier goes through `Dialect::quote`, every default is written as its source wrote
//! it (`ColumnDefault::sql`), and what differs between dialects is asked of the dialect (its
//! `Capabilities` or a rendering hook), never matched on.

use super::{Dialect, TableRef};
use crate::relational::diff::{Change, MigrationPair};
use crate::relational::model::*;
use std::fmt::Write;

pub fn create_table(d: &dyn Dialect, table: &Table, schema: &DbSchema) -> String {
    let mut lines: Vec<String> = table
        .columns
        .iter()
        .map(|c| d.column_definition(table, c, schema))
        .collect();
    let inline_pk = table
        .primary_key
        .as_ref()
        .is_some_and(|pk| pk_is_inline(d, table, pk));
    let mut constraints = Vec::new();
    if let Some(pk) = &table.primary_key
        && !inline_pk
    {
        constraints.push(primary_key_clause(d, pk));
    }
    if !d.capabilities().alter_foreign_keys {
        for fk in &table.foreign_keys {
            constraints.push(format!(
                "CONSTRAINT {} {}",
                d.quote(&fk.name),
                foreign_key_clause(d, fk, schema, true)
            ));
        }
    }
    let mut body = lines
        .drain(..)
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join(",\n");
    if !constraints.is_empty() {
        let separator = if d.capabilities().named_primary_keys {
            ",\n\n"
        } else {
            ",\n"
        };
        body.push_str(separator);
        body.push_str(
            &constraints
                .iter()
                .map(|c| format!("    {c}"))
                .collect::<Vec<_>>()
                .join(",\n"),
        );
    }
    format!(
        "CREATE TABLE {} (\n{body}\n){}",
        d.table_sql(TableRef::of(table)),
        d.create_table_suffix()
    )
}

/// SQLite writes a single-column primary key inside the column definition, as Prisma does.
pub fn pk_is_inline(d: &dyn Dialect, table: &Table, pk: &PrimaryKey) -> bool {
    d.capabilities().inline_single_column_primary_key
        && pk.columns.len() == 1
        && table.column(&pk.columns[0]).is_some()
}

pub fn primary_key_clause(d: &dyn Dialect, pk: &PrimaryKey) -> String {
    let cols = pk
        .columns
        .iter()
        .map(|c| d.quote(c))
        .collect::<Vec<_>>()
        .join(",");
    match &pk.name {
        Some(name) if d.capabilities().named_primary_keys => {
            format!("CONSTRAINT {} PRIMARY KEY ({cols})", d.quote(name))
        }
        _ => format!(
            "PRIMARY KEY ({})",
            pk.columns
                .iter()
                .map(|c| d.quote(c))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Prisma writes `REFERENCES "t" ("id")` inside CREATE TABLE and `REFERENCES "t"("id")` in ALTER.
/// The referenced table is named in its database schema, as `schema` has it.
pub fn foreign_key_clause(
    d: &dyn Dialect,
    fk: &ForeignKey,
    schema: &DbSchema,
    inline: bool,
) -> String {
    let cols = fk
        .columns
        .iter()
        .map(|c| d.quote(c))
        .collect::<Vec<_>>()
        .join(", ");
    let refs = fk
        .referenced_columns
        .iter()
        .map(|c| d.quote(c))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "FOREIGN KEY ({cols}) REFERENCES {}{}({refs}) ON DELETE {} ON UPDATE {}",
        d.quote_in(
            schema.namespace_of(&fk.referenced_table),
            &fk.referenced_table
        ),
        if inline { " " } else { "" },
        fk.on_delete.sql(),
        fk.on_update.sql()
    )
}

pub fn create_index(d: &dyn Dialect, table: TableRef<'_>, index: &Index) -> String {
    let kind = match index.kind {
        IndexKind::Normal => "INDEX",
        IndexKind::Unique => "UNIQUE INDEX",
        IndexKind::Fulltext => "FULLTEXT INDEX",
    };
    let cols = index
        .columns
        .iter()
        .map(|c| {
            let mut s = d.quote(&c.name);
            if let Some(len) = c.length {
                let _ = write!(s, "({len})");
            }
            if let Some(ops) = &c.ops {
                let _ = write!(s, " {ops}");
            }
            if c.descending {
                s.push_str(" DESC");
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ");
    let (name, table) = (d.quote(&index.name), d.table_sql(table));
    match &index.algorithm {
        None => format!("CREATE {kind} {name} ON {table}({cols})"),
        Some(method) => format!("CREATE {kind} {name} ON {table} USING {method} ({cols})"),
    }
}

/// As Prisma writes it: `CREATE EXTENSION IF NOT EXISTS "pg_trgm" WITH SCHEMA "public" VERSION
/// "1.6"` (a version is an identifier or a string to PostgreSQL; Prisma quotes it as a name).
pub fn create_extension(d: &dyn Dialect, e: &DbExtension) -> String {
    let mut out = format!("CREATE EXTENSION IF NOT EXISTS {}", d.quote(&e.name));
    if let Some(schema) = &e.schema {
        let _ = write!(out, " WITH SCHEMA {}", d.quote(schema));
    }
    if let Some(version) = &e.version {
        let _ = write!(out, " VERSION {}", d.quote(version));
    }
    out
}

pub fn add_foreign_key(
    d: &dyn Dialect,
    table: TableRef<'_>,
    fk: &ForeignKey,
    schema: &DbSchema,
) -> String {
    format!(
        "ALTER TABLE {} ADD CONSTRAINT {} {}",
        d.table_sql(table),
        d.quote(&fk.name),
        foreign_key_clause(d, fk, schema, false)
    )
}

/// The two schemas a change goes between, for what its statements name: a table (or type) is
/// found where the change leaves it, else where it was (a table being dropped).
pub type Sides<'a> = MigrationPair<&'a DbSchema>;

impl<'a> Sides<'a> {
    /// The table `name` as a statement names it, in its database schema.
    pub fn table_ref<'n>(&self, name: &'n str) -> TableRef<'n>
    where
        'a: 'n,
    {
        let namespace = self
            .next
            .table(name)
            .or_else(|| self.previous.table(name))
            .and_then(|t| t.namespace.as_deref());
        TableRef { namespace, name }
    }
}

/// The statements of one change, each with Prisma's `-- Kind` comment above the first.
pub fn render_change(d: &dyn Dialect, change: &Change, sides: Sides<'_>) -> (String, Vec<String>) {
    let q = |s: &str| d.quote(s);
    let t = |name| d.table_sql(sides.table_ref(name));
    let next = sides.next;
    match change {
        Change::CreateSchema(name) => (
            "CreateSchema",
            vec![format!("CREATE SCHEMA IF NOT EXISTS {}", q(name))],
        ),
        Change::MoveEnum { name, from, to } => (
            "AlterEnum",
            vec![format!(
                "ALTER TYPE {} SET SCHEMA {}",
                d.quote_in(Some(from), name),
                q(to)
            )],
        ),
        Change::MoveTable { table, from, to } => (
            "AlterTable",
            vec![format!(
                "ALTER TABLE {} SET SCHEMA {}",
                d.quote_in(Some(from), table),
                q(to)
            )],
        ),
        Change::CreateExtension(e) => ("CreateExtension", vec![create_extension(d, e)]),
        Change::AlterExtension { previous, next: e } => {
            let mut statements = Vec::new();
            if let Some(schema) = e
                .schema
                .as_ref()
                .filter(|s| previous.schema.as_ref() != Some(s))
            {
                statements.push(format!(
                    "ALTER EXTENSION {} SET SCHEMA {}",
                    d.quote(&e.name),
                    d.quote(schema)
                ));
            }
            if let Some(version) = e
                .version
                .as_ref()
                .filter(|v| previous.version.as_ref() != Some(v))
            {
                statements.push(format!(
                    "ALTER EXTENSION {} UPDATE TO {}",
                    d.quote(&e.name),
                    d.string_literal(version)
                ));
            }
            ("AlterExtension", statements)
        }
        Change::DropExtension(e) => (
            "DropExtension",
            vec![format!("DROP EXTENSION {}", d.quote(&e.name))],
        ),
        Change::CreateEnum(e) => ("CreateEnum", d.create_enum(e)),
        Change::AlterEnum {
            previous,
            next: e,
            columns,
        } => ("AlterEnum", d.alter_enum(previous, e, columns, next)),
        Change::DropEnum(e) => ("DropEnum", d.drop_enum(e)),
        Change::CreateTable(table) => ("CreateTable", vec![create_table(d, table, next)]),
        Change::DropTable(table) => (
            "DropTable",
            vec![format!("DROP TABLE {}", d.table_sql(TableRef::of(table)))],
        ),
        Change::RenameTable { from, to } => {
            // A move comes first: the table is already where the schema puts it.
            let from_ref = TableRef {
                namespace: sides.table_ref(to).namespace,
                name: from,
            };
            let mut statements = vec![format!(
                "ALTER TABLE {} RENAME TO {}",
                d.table_sql(from_ref),
                q(to)
            )];
            if let Some(table) = next.table(to) {
                statements.extend(d.after_rename_table(from, table));
            }
            ("RenameTable", statements)
        }
        Change::AddColumn { table, column } => {
            let in_next = next
                .table(table)
                .expect("added column's table exists in next");
            (
                "AlterTable",
                vec![format!(
                    "ALTER TABLE {} ADD COLUMN {}",
                    t(table),
                    d.column_definition(in_next, column, next)
                )],
            )
        }
        Change::DropColumn { table, column } => (
            "AlterTable",
            vec![format!(
                "ALTER TABLE {} DROP COLUMN {}",
                t(table),
                q(&column.name)
            )],
        ),
        Change::AlterColumn {
            table,
            previous,
            next: c,
            changes,
        } => (
            "AlterTable",
            d.alter_column(sides.table_ref(table), previous, c, *changes, next),
        ),
        Change::RenameColumn { table, from, to } => {
            let mut statements = vec![format!(
                "ALTER TABLE {} RENAME COLUMN {} TO {}",
                t(table),
                q(from),
                q(to)
            )];
            if let Some(column) = next.table(table).and_then(|t| t.column(to)) {
                statements.extend(d.after_rename_column(sides.table_ref(table), from, column));
            }
            ("AlterTable", statements)
        }
        Change::RenamePrimaryKey { table, from, to } => (
            "AlterTable",
            vec![format!(
                "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
                t(table),
                q(from),
                q(to)
            )],
        ),
        Change::DropPrimaryKey { table, primary_key } => {
            let mut here = table.clone();
            here.namespace = sides.table_ref(&table.name).namespace.map(str::to_owned);
            ("AlterTable", vec![d.drop_primary_key(&here, primary_key)])
        }
        Change::AddPrimaryKey { table, primary_key } => (
            "AlterTable",
            vec![format!(
                "ALTER TABLE {} ADD {}",
                t(table),
                primary_key_clause(d, primary_key)
            )],
        ),
        Change::CreateIndex { table, index } => (
            "CreateIndex",
            vec![create_index(d, sides.table_ref(table), index)],
        ),
        Change::DropIndex { table, index } => (
            "DropIndex",
            vec![d.drop_index(sides.table_ref(table), index)],
        ),
        Change::RenameIndex { table, from, to } => (
            "RenameIndex",
            vec![d.rename_index(sides.table_ref(table), from, to)],
        ),
        Change::AddForeignKey { table, foreign_key } => (
            "AddForeignKey",
            vec![add_foreign_key(
                d,
                sides.table_ref(table),
                foreign_key,
                next,
            )],
        ),
        Change::DropForeignKey { table, foreign_key } => (
            "DropForeignKey",
            vec![d.drop_foreign_key(sides.table_ref(table), &foreign_key.name)],
        ),
        Change::RebuildTable {
            previous, next: t, ..
        } => ("RedefineTables", rebuild_table(d, previous, t, next)),
    }
    .pipe(|(kind, stmts)| (kind.to_owned(), stmts))
}

trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}
impl<T> Pipe for T {}

/// A whole migration script: warnings and notes first, then each change under its comment.
/// Renderers add no semicolons; this does.
pub fn render_script(
    d: &dyn Dialect,
    changes: &[Change],
    sides: Sides<'_>,
    header: &[String],
) -> String {
    render_script_marked(d, changes, sides, header, |_| None)
}

/// `render_script`, with `mark`'s comment line (if any) written above a change's statements
/// (`check-drift --fix-sql` marks each statement that can lose data).
pub fn render_script_marked(
    d: &dyn Dialect,
    changes: &[Change],
    sides: Sides<'_>,
    header: &[String],
    mark: impl Fn(&Change) -> Option<String>,
) -> String {
    let mut out = String::new();
    for line in header {
        let _ = writeln!(out, "-- {line}");
    }
    if !header.is_empty() {
        out.push('\n');
    }
    // Rebuilding or dropping a table must not cascade into child tables: foreign keys go off.
    let needs_prologue =
        |c: &Change| matches!(c, Change::RebuildTable { .. } | Change::DropTable(_));
    let mut prologue_written = false;
    for change in changes {
        let (kind, statements) = render_change(d, change, sides);
        if statements.is_empty() {
            continue;
        }
        if !prologue_written && needs_prologue(change) && !d.rebuild_prologue().is_empty() {
            for s in d.rebuild_prologue() {
                let _ = writeln!(out, "{s};");
            }
            prologue_written = true;
        }
        if let Some(line) = mark(change) {
            let _ = writeln!(out, "-- {line}");
        }
        let _ = writeln!(out, "-- {kind}");
        for s in statements {
            let _ = writeln!(out, "{s};");
        }
        out.push('\n');
    }
    if prologue_written {
        for s in d.rebuild_epilogue() {
            let _ = writeln!(out, "{s};");
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Prisma's "RedefineTables": a new table, the data copied over, the old one dropped, the new
/// one renamed, its indexes recreated. The script's prologue (`Dialect::rebuild_prologue`)
/// turns foreign keys off so that dropping the old table does not cascade into child tables.
pub fn rebuild_table(
    d: &dyn Dialect,
    previous: &Table,
    next: &Table,
    schema: &DbSchema,
) -> Vec<String> {
    let temp_name = format!("new_{}", next.name);
    let temp = Table {
        name: temp_name.clone(),
        ..next.clone()
    };
    let kept: Vec<String> = next
        .columns
        .iter()
        .filter(|c| previous.column(&c.name).is_some())
        .map(|c| d.quote(&c.name))
        .collect();
    let mut out = vec![create_table(d, &temp, schema)];
    if !kept.is_empty() {
        let cols = kept.join(", ");
        out.push(format!(
            "INSERT INTO {} ({cols}) SELECT {cols} FROM {}",
            d.quote(&temp_name),
            d.quote(&previous.name)
        ));
    }
    out.push(format!("DROP TABLE {}", d.quote(&previous.name)));
    out.push(format!(
        "ALTER TABLE {} RENAME TO {}",
        d.quote(&temp_name),
        d.quote(&next.name)
    ));
    out.extend(
        next.indexes
            .iter()
            .map(|i| create_index(d, TableRef::of(next), i)),
    );
    out
}
