//! Dialects: one small trait answering what differs between PostgreSQL, SQLite and MySQL, and the
//! one renderer that turns `Change`s into SQL statements using those answers.
//!
//! Rules: this folder is the only place that spells SQL. Each dialect file (`postgres.rs`,
//! `sqlite.rs`, `mysql.rs`) has the same sections in the same order: identity, types, defaults,
//! capabilities, rendering hooks. Renderers return statements without a trailing semicolon; the
//! script writer (`render_script`) adds them. Every identifier goes through `Dialect::quote`.

mod mysql;
mod postgres;
mod sqlite;

use super::diff::Change;
use super::model::*;
use crate::schema::ir::{Provider, ScalarType};
use std::fmt::Write;

pub use mysql::MySql;
pub use postgres::Postgres;
pub use sqlite::Sqlite;

/// How a schema enum becomes a column type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumStrategy {
    /// `CREATE TYPE "Role" AS ENUM (...)` and columns of that type (PostgreSQL).
    NativeType,
    /// `ENUM('A', 'B')` inline in the column (MySQL).
    Inline,
    /// Plain text (SQLite).
    Text,
}

pub trait Dialect: Sync {
    // --- identity -------------------------------------------------------------------------
    fn provider(&self) -> Provider;
    /// Longest identifier the database keeps; Prisma truncates generated names to fit.
    fn max_identifier_length(&self) -> usize;
    fn quote(&self, ident: &str) -> String;
    fn sqlparser_dialect(&self) -> Box<dyn sqlparser::dialect::Dialect>;

    // --- types ----------------------------------------------------------------------------
    /// Prisma's default column type for a scalar.
    fn scalar_type(&self, scalar: ScalarType) -> &'static str;
    /// The column type for a `@db.*` attribute, if this dialect has that native type.
    fn native_type(&self, name: &str, args: &[String]) -> Option<String>;
    /// The canonical spelling of a type as a database or a migration file writes it
    /// (`int4` -> `INTEGER`, `varchar(255)` -> `VARCHAR(255)`). Returns (type, is_serial).
    fn normalize_type(&self, raw: &str) -> (String, bool);
    fn enum_strategy(&self) -> EnumStrategy;

    // --- defaults -------------------------------------------------------------------------
    /// `@default(now())` for a column of this type.
    fn now_default(&self, column_type: &str) -> String;

    /// A quoted string literal: `'it''s'`. Every value that goes into SQL text goes through it.
    fn string_literal(&self, value: &str) -> String {
        format!("'{}'", value.replace('\'', "''"))
    }

    /// A `@default("2024-01-01T00:00:00Z")` DateTime as Prisma writes it:
    /// `2024-01-01 00:00:00 +00:00`.
    fn timestamp_literal(&self, rfc3339: &str) -> String {
        let (date, time, offset) = split_rfc3339(rfc3339);
        if time.is_empty() {
            rfc3339.to_owned()
        } else {
            format!("{date} {time} {offset}")
        }
    }

    // --- capabilities ---------------------------------------------------------------------
    fn named_primary_keys(&self) -> bool {
        true
    }
    /// Prisma gives implicit many-to-many tables a primary key (PostgreSQL) or a unique index.
    fn join_table_has_primary_key(&self) -> bool {
        false
    }
    fn supports_arrays(&self) -> bool {
        false
    }
    /// Can ALTER TABLE change a column's type, nullability and default in place?
    fn can_alter_column(&self) -> bool {
        true
    }
    /// Can foreign keys be added to or dropped from an existing table? (If not, they are written
    /// inside CREATE TABLE and changed by rebuilding the table.)
    fn can_alter_foreign_keys(&self) -> bool {
        true
    }
    /// Can a column be dropped in place?
    fn can_drop_column(&self) -> bool {
        true
    }
    /// Does DDL run inside a transaction that can roll back?
    fn transactional_ddl(&self) -> bool {
        true
    }
    fn can_rename_index(&self) -> bool {
        true
    }
    /// Can ADD COLUMN add this column to an existing table (without rebuilding it)?
    fn can_add_column(&self, column: &Column, has_foreign_key: bool) -> bool {
        let _ = (column, has_foreign_key);
        true
    }
    /// Text after the closing parenthesis of CREATE TABLE (MySQL's character set).
    fn create_table_suffix(&self) -> &'static str {
        ""
    }
    /// Does every foreign key need an index at all times (MySQL)? Then indexes are dropped only
    /// after their replacements exist.
    fn foreign_keys_need_an_index(&self) -> bool {
        false
    }
    /// Index prefix lengths (`col(10)`, MySQL).
    fn supports_index_prefix_length(&self) -> bool {
        false
    }
    /// `@@fulltext` indexes (MySQL); elsewhere they become ordinary indexes.
    fn supports_fulltext_index(&self) -> bool {
        false
    }
    /// Autoincrement only on the `INTEGER PRIMARY KEY` column (SQLite).
    fn autoincrement_only_on_integer_primary_key(&self) -> bool {
        false
    }
    /// Is a single-column primary key written inside its column definition (SQLite, as Prisma)?
    fn inline_single_column_primary_key(&self) -> bool {
        false
    }

    // --- rendering hooks ------------------------------------------------------------------
    /// The column definition inside CREATE TABLE / ADD COLUMN.
    fn column_definition(&self, table: &Table, column: &Column, schema: &DbSchema) -> String {
        let mut out = format!(
            "{} {}",
            self.quote(&column.name),
            self.column_type_sql(column, schema)
        );
        if !column.nullable {
            out.push_str(" NOT NULL");
        }
        out.push_str(&self.inline_column_constraints(table, column));
        if let Some(default) = &column.default {
            let _ = write!(out, " DEFAULT {default}");
        }
        if column.autoincrement {
            out.push_str(self.autoincrement_suffix());
        }
        out
    }
    /// Constraints written inside a column definition, before its DEFAULT (SQLite's primary key).
    fn inline_column_constraints(&self, table: &Table, column: &Column) -> String {
        let _ = (table, column);
        String::new()
    }
    /// What marks an autoincrementing column at the end of its definition (MySQL).
    fn autoincrement_suffix(&self) -> &'static str {
        ""
    }
    fn column_type_sql(&self, column: &Column, schema: &DbSchema) -> String;
    fn drop_index(&self, table: &str, index: &Index) -> String;
    fn rename_index(&self, table: &str, from: &str, to: &str) -> String {
        let _ = table;
        format!(
            "ALTER INDEX {} RENAME TO {}",
            self.quote(from),
            self.quote(to)
        )
    }
    /// Statements that change one column in place (only called when `can_alter_column`).
    fn alter_column(
        &self,
        table: &str,
        previous: &Column,
        next: &Column,
        changes: super::diff::ColumnChanges,
        schema: &DbSchema,
    ) -> Vec<String>;
    fn drop_foreign_key(&self, table: &str, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            self.quote(table),
            self.quote(name)
        )
    }
    fn drop_primary_key(&self, table: &Table, pk: &PrimaryKey) -> String {
        let name = pk
            .name
            .clone()
            .unwrap_or_else(|| format!("{}_pkey", table.name));
        format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            self.quote(&table.name),
            self.quote(&name)
        )
    }
    fn create_enum(&self, e: &DbEnum) -> Vec<String> {
        let _ = e;
        Vec::new()
    }
    fn alter_enum(&self, previous: &DbEnum, next: &DbEnum, schema_next: &DbSchema) -> Vec<String> {
        let _ = (previous, next, schema_next);
        Vec::new()
    }
    fn drop_enum(&self, name: &str) -> Vec<String> {
        let _ = name;
        Vec::new()
    }
    /// Rebuilds a table whose change ALTER cannot express (SQLite).
    fn rebuild_table(&self, previous: &Table, next: &Table, schema: &DbSchema) -> Vec<String> {
        let _ = (previous, next, schema);
        unreachable!("only dialects that cannot alter in place rebuild tables")
    }
    /// Statements to run around a script that rebuilds tables.
    fn rebuild_prologue(&self) -> Vec<String> {
        Vec::new()
    }
    fn rebuild_epilogue(&self) -> Vec<String> {
        Vec::new()
    }
}

pub fn for_provider(provider: Provider) -> &'static dyn Dialect {
    match provider {
        Provider::Postgresql => &Postgres,
        Provider::Sqlite => &Sqlite,
        Provider::Mysql => &MySql,
    }
}

/// `2024-01-01T10:00:00.5+02:00` -> (`2024-01-01`, `10:00:00.5`, `+02:00`); `Z` is `+00:00`.
pub fn split_rfc3339(s: &str) -> (&str, &str, &str) {
    let Some((date, rest)) = s.split_once('T') else {
        return (s, "", "");
    };
    let split = rest.find(['Z', '+', '-']).unwrap_or(rest.len());
    let (time, offset) = rest.split_at(split);
    (
        date,
        time,
        if offset.is_empty() || offset == "Z" {
            "+00:00"
        } else {
            offset
        },
    )
}

/// Literals that catalogs spell differently: numbers (`0.0000` = `0`, `'5'` = `5`), booleans
/// (`true` = `1`), and timestamps (`'2024-01-01T00:00:00Z'` = `'2024-01-01 00:00:00 +00:00'`).
fn canonical_literal(text: &str) -> String {
    let unquoted = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .unwrap_or(text);
    match unquoted.to_ascii_lowercase().as_str() {
        "true" => return "1".to_owned(),
        "false" => return "0".to_owned(),
        _ => {}
    }
    let digits = unquoted.strip_prefix('-').unwrap_or(unquoted);
    if !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
    {
        let mut n = unquoted.to_owned();
        if n.contains('.') {
            n = n.trim_end_matches('0').trim_end_matches('.').to_owned();
        }
        return if n == "-0" || n.is_empty() {
            "0".to_owned()
        } else {
            n
        };
    }
    if let Some(ts) = canonical_timestamp(unquoted) {
        return format!("'{ts}'");
    }
    text.to_owned()
}

/// `YYYY-MM-DD[ T]HH:MM:SS[.fff][Z|±HH:MM]` -> `YYYY-MM-DD[ HH:MM:SS[.fff]][ ±HH:MM]`, UTC
/// offsets and midnight dropped.
fn canonical_timestamp(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let is_date =
        b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && s[..4].chars().all(|c| c.is_ascii_digit());
    if !is_date {
        return None;
    }
    let date = &s[..10];
    let rest = s[10..].trim_start_matches(['T', ' ']);
    if rest.is_empty() {
        return Some(date.to_owned());
    }
    let time_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (time, offset) = rest.split_at(time_end);
    let offset = offset.trim();
    let time = time.trim_end_matches(".000").trim_end_matches(".0");
    let utc = matches!(offset, "" | "Z" | "+00:00" | "+0000" | "-00:00" | "+00");
    let mut out = date.to_owned();
    if time != "00:00:00" || !utc {
        out.push(' ');
        out.push_str(time);
    }
    if !utc {
        out.push(' ');
        out.push_str(offset);
    }
    Some(out)
}

/// An expression as SQL for `d`. sqlparser prints a string literal without the backslash
/// escapes MySQL reads it with (`'a\\b'` would come back as `'a\b'`), so the dialect writes it.
pub fn expr_sql(d: &dyn Dialect, expr: &sqlparser::ast::Expr) -> String {
    match expr {
        sqlparser::ast::Expr::Value(v) => match &v.value {
            sqlparser::ast::Value::SingleQuotedString(s) => d.string_literal(s),
            _ => expr.to_string(),
        },
        _ => expr.to_string(),
    }
}

/// The canonical spelling of a DEFAULT expression, so that the same default written two ways
/// (by the lowering, by a migration file, by a database's catalog) compares equal.
pub fn canonical_expr(dialect: &dyn Dialect, text: &str) -> String {
    let parser_dialect = dialect.sqlparser_dialect();
    let parsed = sqlparser::parser::Parser::new(parser_dialect.as_ref())
        .try_with_sql(text)
        .and_then(|mut p| p.parse_expr());
    let Ok(mut expr) = parsed else {
        return text.trim().to_owned();
    };
    // Catalogs add casts (`'READER'::"Role"`, `'{}'::jsonb`) and parentheses that say nothing
    // the column type does not already say.
    fn strip(expr: sqlparser::ast::Expr) -> sqlparser::ast::Expr {
        match expr {
            sqlparser::ast::Expr::Cast { expr: inner, .. }
            | sqlparser::ast::Expr::Nested(inner) => strip(*inner),
            sqlparser::ast::Expr::Array(mut array) => {
                array.elem = array.elem.into_iter().map(strip).collect();
                sqlparser::ast::Expr::Array(array)
            }
            other => other,
        }
    }
    expr = strip(expr);
    let out = canonical_literal(&expr_sql(dialect, &expr));
    let lower = out.to_ascii_lowercase();
    if lower == "now()" {
        "CURRENT_TIMESTAMP".to_owned()
    } else if lower.starts_with("current_timestamp") || lower == "current_date" {
        out.to_ascii_uppercase()
    } else {
        out
    }
}

// --- statements shared by every dialect ------------------------------------------------------

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
    if !d.can_alter_foreign_keys() {
        for fk in &table.foreign_keys {
            constraints.push(format!(
                "CONSTRAINT {} {}",
                d.quote(&fk.name),
                foreign_key_clause(d, fk, true)
            ));
        }
    }
    let mut body = lines
        .drain(..)
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join(",\n");
    if !constraints.is_empty() {
        let separator = if d.named_primary_keys() {
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
        d.quote(&table.name),
        d.create_table_suffix()
    )
}

/// SQLite writes a single-column primary key inside the column definition, as Prisma does.
pub fn pk_is_inline(d: &dyn Dialect, table: &Table, pk: &PrimaryKey) -> bool {
    d.inline_single_column_primary_key()
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
        Some(name) if d.named_primary_keys() => {
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
pub fn foreign_key_clause(d: &dyn Dialect, fk: &ForeignKey, inline: bool) -> String {
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
        d.quote(&fk.referenced_table),
        if inline { " " } else { "" },
        fk.on_delete.sql(),
        fk.on_update.sql()
    )
}

pub fn create_index(d: &dyn Dialect, table: &str, index: &Index) -> String {
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
            if c.descending {
                s.push_str(" DESC");
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ");
    let using = index
        .algorithm
        .as_ref()
        .map(|a| format!(" USING {a} "))
        .unwrap_or_default();
    if using.is_empty() {
        format!(
            "CREATE {kind} {} ON {}({cols})",
            d.quote(&index.name),
            d.quote(table)
        )
    } else {
        format!(
            "CREATE {kind} {} ON {}{using}({cols})",
            d.quote(&index.name),
            d.quote(table)
        )
    }
}

pub fn add_foreign_key(d: &dyn Dialect, table: &str, fk: &ForeignKey) -> String {
    format!(
        "ALTER TABLE {} ADD CONSTRAINT {} {}",
        d.quote(table),
        d.quote(&fk.name),
        foreign_key_clause(d, fk, false)
    )
}

/// The statements of one change, each with Prisma's `-- Kind` comment above the first.
pub fn render_change(d: &dyn Dialect, change: &Change, next: &DbSchema) -> (String, Vec<String>) {
    let q = |s: &str| d.quote(s);
    match change {
        Change::CreateEnum(e) => ("CreateEnum", d.create_enum(e)),
        Change::AlterEnum { previous, next: e } => ("AlterEnum", d.alter_enum(previous, e, next)),
        Change::DropEnum(name) => ("DropEnum", d.drop_enum(name)),
        Change::CreateTable(t) => ("CreateTable", vec![create_table(d, t, next)]),
        Change::DropTable(t) => ("DropTable", vec![format!("DROP TABLE {}", q(&t.name))]),
        Change::RenameTable { from, to } => (
            "RenameTable",
            vec![format!("ALTER TABLE {} RENAME TO {}", q(from), q(to))],
        ),
        Change::AddColumn { table, column } => {
            let t = next
                .table(table)
                .expect("added column's table exists in next");
            (
                "AlterTable",
                vec![format!(
                    "ALTER TABLE {} ADD COLUMN {}",
                    q(table),
                    d.column_definition(t, column, next)
                )],
            )
        }
        Change::DropColumn { table, column } => (
            "AlterTable",
            vec![format!(
                "ALTER TABLE {} DROP COLUMN {}",
                q(table),
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
            d.alter_column(table, previous, c, *changes, next),
        ),
        Change::RenameColumn { table, from, to } => (
            "AlterTable",
            vec![format!(
                "ALTER TABLE {} RENAME COLUMN {} TO {}",
                q(table),
                q(from),
                q(to)
            )],
        ),
        Change::DropPrimaryKey { table, primary_key } => {
            ("AlterTable", vec![d.drop_primary_key(table, primary_key)])
        }
        Change::AddPrimaryKey { table, primary_key } => (
            "AlterTable",
            vec![format!(
                "ALTER TABLE {} ADD {}",
                q(table),
                primary_key_clause(d, primary_key)
            )],
        ),
        Change::CreateIndex { table, index } => {
            ("CreateIndex", vec![create_index(d, table, index)])
        }
        Change::DropIndex { table, index } => ("DropIndex", vec![d.drop_index(table, index)]),
        Change::RenameIndex { table, from, to } => {
            ("RenameIndex", vec![d.rename_index(table, from, to)])
        }
        Change::AddForeignKey { table, foreign_key } => (
            "AddForeignKey",
            vec![add_foreign_key(d, table, foreign_key)],
        ),
        Change::DropForeignKey { table, foreign_key } => (
            "DropForeignKey",
            vec![d.drop_foreign_key(table, &foreign_key.name)],
        ),
        Change::RebuildTable {
            previous, next: t, ..
        } => ("RedefineTables", d.rebuild_table(previous, t, next)),
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
    next: &DbSchema,
    header: &[String],
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
        let (kind, statements) = render_change(d, change, next);
        if statements.is_empty() {
            continue;
        }
        if !prologue_written && needs_prologue(change) && !d.rebuild_prologue().is_empty() {
            for s in d.rebuild_prologue() {
                let _ = writeln!(out, "{s};");
            }
            prologue_written = true;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_and_migration_spellings_of_a_default_are_equal() {
        let same = |a: &str, b: &str| {
            assert_eq!(
                canonical_expr(&Postgres, a),
                canonical_expr(&Postgres, b),
                "{a} vs {b}"
            )
        };
        same(
            r#"ARRAY['READER', 'editor']::"user_role"[]"#,
            "ARRAY['READER'::user_role, 'editor'::user_role]",
        );
        same(
            "ARRAY['new', 'unverified']::TEXT[]",
            "ARRAY['new'::text, 'unverified'::text]",
        );
        same(r#"'READER'::"Role""#, "'READER'");
        same("now()", "CURRENT_TIMESTAMP");
        same("(abs(random()) % 1000)", "abs(random()) % 1000");
        same("0.50", "0.5");
        same("'-1'::integer", "-1");
        same("true", "1");
        same(
            "'2024-01-01 00:00:00'::timestamp without time zone",
            "'2024-01-01 00:00:00 +00:00'",
        );
        assert_ne!(
            canonical_expr(&Postgres, "'a'"),
            canonical_expr(&Postgres, "'b'")
        );
        assert_ne!(
            canonical_expr(&Postgres, "1.5"),
            canonical_expr(&Postgres, "15")
        );
    }
}
