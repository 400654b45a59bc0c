//! Dialects: what differs between PostgreSQL, SQLite and MySQL, said three ways: a
//! `Capabilities` constant (yes/no answers the differ and renderer read), a type map
//! (`types::TypeTable`, both directions), and a small `Dialect` trait of rendering hooks. The
//! one renderer (`render`) turns `Change`s into SQL statements using those answers.
//!
//! Rules: this folder is the only place that spells SQL. Each dialect folder (`postgres/`,
//! `sqlite/`, `mysql/`) has the same parts: `types.rs` (its type map) and `mod.rs` with the same
//! sections in the same order: identity, capabilities, defaults, rendering hooks. Renderers
//! return statements without a trailing semicolon; the script writer (`render_script`) adds
//! them. Every identifier goes through `Dialect::quote`. A document database (MongoDB) is not a
//! dialect: it gets its own model and renderer beside `relational/`, sharing only the IR.

pub mod defaults;
mod mysql;
mod postgres;
mod render;
mod sqlite;
pub mod types;

use super::model::*;
use crate::schema::ir::Provider;
use std::fmt::Write;

pub use defaults::{expr_sql, split_rfc3339};
pub use render::*;

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

/// The yes/no differences between dialects, declared once per dialect as a constant (as
/// prisma-engines' flavours declare theirs), so that a dialect reads at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// Longest identifier the database keeps; Prisma truncates generated names to fit.
    pub max_identifier_length: usize,
    pub enum_strategy: EnumStrategy,
    /// Does the database keep primary key constraint names?
    pub named_primary_keys: bool,
    /// Can a schema name a foreign key (`@relation(map: ...)`)? Prisma refuses it on SQLite.
    pub named_foreign_keys: bool,
    /// Does the database keep `ON DELETE/UPDATE SET DEFAULT` as `RESTRICT` (InnoDB accepts the
    /// words and enforces `RESTRICT`, as Prisma warns)?
    pub set_default_is_restrict: bool,
    /// Prisma gives implicit many-to-many tables a primary key (PostgreSQL) or a unique index.
    pub join_table_has_primary_key: bool,
    pub arrays: bool,
    /// Can ALTER TABLE change a column's type, nullability and default in place?
    pub alter_column: bool,
    /// Can foreign keys be added to or dropped from an existing table? (If not, they are
    /// written inside CREATE TABLE and changed by rebuilding the table.)
    pub alter_foreign_keys: bool,
    /// Can a column be dropped in place?
    pub drop_column: bool,
    /// Does DDL run inside a transaction that can roll back?
    pub transactional_ddl: bool,
    pub rename_index: bool,
    /// Does every foreign key need an index at all times (MySQL)? Then indexes are dropped only
    /// after their replacements exist.
    pub foreign_keys_need_an_index: bool,
    /// Index prefix lengths (`col(10)`, MySQL).
    pub index_prefix_length: bool,
    /// `@@fulltext` indexes (MySQL); elsewhere they become ordinary indexes.
    pub fulltext_index: bool,
    /// Autoincrement only on the `INTEGER PRIMARY KEY` column (SQLite).
    pub autoincrement_only_on_integer_primary_key: bool,
    /// Is a single-column primary key written inside its column definition (SQLite, as Prisma)?
    pub inline_single_column_primary_key: bool,
    /// `CREATE EXTENSION` (PostgreSQL).
    pub extensions: bool,
    /// Index methods besides the default B-tree (`USING GIN`); an index of another method is a
    /// B-tree index here.
    pub index_methods: &'static [&'static str],
    /// Can a JSON column be indexed as it is (not MySQL: only through generated columns)?
    pub index_json: bool,
    /// Operator classes on index columns (`ops:`, PostgreSQL).
    pub operator_classes: bool,
    /// Tables and types in named database schemas (multiSchema, PostgreSQL). Elsewhere a
    /// multiSchema schema's tables are all in the one database.
    pub namespaces: bool,
}

impl Capabilities {
    /// What most SQL databases can do; each dialect's constant says where it differs.
    pub const SQL: Capabilities = Capabilities {
        max_identifier_length: 64,
        enum_strategy: EnumStrategy::Text,
        named_primary_keys: true,
        named_foreign_keys: true,
        set_default_is_restrict: false,
        join_table_has_primary_key: false,
        arrays: false,
        alter_column: true,
        alter_foreign_keys: true,
        drop_column: true,
        transactional_ddl: true,
        rename_index: true,
        foreign_keys_need_an_index: false,
        index_prefix_length: false,
        fulltext_index: false,
        autoincrement_only_on_integer_primary_key: false,
        inline_single_column_primary_key: false,
        extensions: false,
        index_methods: &[],
        index_json: true,
        operator_classes: false,
        namespaces: false,
    };
}

pub trait Dialect: Sync {
    // --- identity -------------------------------------------------------------------------
    fn provider(&self) -> Provider;
    fn capabilities(&self) -> &'static Capabilities;
    fn types(&self) -> &'static types::TypeTable;
    /// An identifier quoted as standard SQL does (`"a""b"`); MySQL uses backticks.
    fn quote(&self, ident: &str) -> String {
        format!("\"{}\"", ident.replace('"', "\"\""))
    }
    /// A name in a database schema (multiSchema: `"auth"."User"`), or alone (`"User"`).
    fn quote_in(&self, namespace: Option<&str>, name: &str) -> String {
        match namespace {
            Some(namespace) => format!("{}.{}", self.quote(namespace), self.quote(name)),
            None => self.quote(name),
        }
    }
    /// A table as statements name it.
    fn table_sql(&self, table: TableRef<'_>) -> String {
        self.quote_in(table.namespace, table.name)
    }
    fn sqlparser_dialect(&self) -> Box<dyn sqlparser::dialect::Dialect>;
    /// Prisma Migrate's `_prisma_migrations` table as Prisma creates it on this database
    /// (`IF NOT EXISTS`), for `[migrations] history = "prisma"`.
    fn prisma_migrations_table(&self) -> &'static str;

    // --- defaults -------------------------------------------------------------------------
    /// `@default(now())` for a column of this type.
    fn now_default(&self, column_type: &NativeType) -> String;

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

    /// Can ADD COLUMN add this column to an existing table (without rebuilding it)?
    fn can_add_column(&self, column: &Column, has_foreign_key: bool) -> bool {
        let _ = (column, has_foreign_key);
        true
    }
    /// Text after the closing parenthesis of CREATE TABLE (MySQL's character set).
    fn create_table_suffix(&self) -> &'static str {
        ""
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
            let _ = write!(out, " DEFAULT {}", default.sql);
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
    fn drop_index(&self, table: TableRef<'_>, index: &Index) -> String;
    /// An index is in its table's database schema.
    fn rename_index(&self, table: TableRef<'_>, from: &str, to: &str) -> String {
        format!(
            "ALTER INDEX {} RENAME TO {}",
            self.quote_in(table.namespace, from),
            self.quote(to)
        )
    }
    /// Statements that change one column in place (only called when `can_alter_column`).
    fn alter_column(
        &self,
        table: TableRef<'_>,
        previous: &Column,
        next: &Column,
        changes: super::diff::ColumnChanges,
        schema: &DbSchema,
    ) -> Vec<String>;
    fn drop_foreign_key(&self, table: TableRef<'_>, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            self.table_sql(table),
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
            self.table_sql(TableRef::of(table)),
            self.quote(&name)
        )
    }
    fn create_enum(&self, e: &DbEnum) -> Vec<String> {
        let _ = e;
        Vec::new()
    }
    /// Changes an enum's values; `columns` are those of its type that exist before and after.
    fn alter_enum(
        &self,
        previous: &DbEnum,
        next: &DbEnum,
        columns: &[crate::relational::diff::EnumColumn],
        schema_next: &DbSchema,
    ) -> Vec<String> {
        let _ = (previous, next, columns, schema_next);
        Vec::new()
    }
    fn drop_enum(&self, e: &DbEnum) -> Vec<String> {
        let _ = e;
        Vec::new()
    }
    /// The `USING` expression that converts a column's values to its new type, where the
    /// database wants one (PostgreSQL); `None` where ALTER converts by itself.
    fn type_change_using(
        &self,
        previous: &Column,
        next: &Column,
        schema: &DbSchema,
    ) -> Option<String> {
        let _ = (previous, next, schema);
        None
    }
    /// The database's name for an operator class Prisma names (`JsonbPathOps`); only asked
    /// where `Capabilities::operator_classes`.
    fn operator_class(&self, prisma_name: &str) -> String {
        prisma_name.to_owned()
    }
    /// Is `class` the default operator class of its type for the index method (`None`:
    /// B-tree)? A default class named explicitly makes the same index as none.
    fn is_default_operator_class(&self, method: Option<&str>, class: &str) -> bool {
        let _ = (method, class);
        false
    }
    /// What else a table rename renames (PostgreSQL: the sequences of serial columns, named
    /// after the table).
    fn after_rename_table(&self, from: &str, table: &Table) -> Vec<String> {
        let _ = (from, table);
        Vec::new()
    }
    /// What else a column rename renames (PostgreSQL: a serial column's sequence).
    fn after_rename_column(&self, table: TableRef<'_>, from: &str, column: &Column) -> Vec<String> {
        let _ = (table, from, column);
        Vec::new()
    }
    /// Statements to run around a script that rebuilds tables.
    fn rebuild_prologue(&self) -> Vec<String> {
        Vec::new()
    }
    fn rebuild_epilogue(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A table as a statement names it: the database schema it is in (multiSchema) and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableRef<'a> {
    pub namespace: Option<&'a str>,
    pub name: &'a str,
}

impl<'a> TableRef<'a> {
    pub fn of(table: &'a Table) -> TableRef<'a> {
        TableRef {
            namespace: table.namespace.as_deref(),
            name: &table.name,
        }
    }
}

pub fn for_provider(provider: Provider) -> &'static dyn Dialect {
    match provider {
        Provider::Postgresql => &Postgres,
        Provider::Sqlite => &Sqlite,
        Provider::Mysql => &MySql,
        Provider::Mongodb => {
            panic!("MongoDB has no SQL dialect: its model and commands are in `document/`")
        }
    }
}
