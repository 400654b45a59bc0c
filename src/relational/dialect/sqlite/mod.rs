//! SQLite: no native types or enums, primary keys inside column definitions, and table rebuilds
//! wherever ALTER TABLE cannot make the change.

mod types;

use super::types::TypeTable;
use super::{Capabilities, Dialect, EnumStrategy, TableRef};
use crate::relational::model::*;
use crate::schema::ir::Provider;

pub struct Sqlite;

const CAPABILITIES: Capabilities = Capabilities {
    max_identifier_length: 10000,
    enum_strategy: EnumStrategy::Text,
    named_primary_keys: false,
    named_foreign_keys: false,
    alter_column: false,
    alter_foreign_keys: false,
    drop_column: false,
    rename_index: false,
    autoincrement_only_on_integer_primary_key: true,
    inline_single_column_primary_key: true,
    ..Capabilities::SQL
};

impl Dialect for Sqlite {
    // --- identity -------------------------------------------------------------------------
    fn provider(&self) -> Provider {
        Provider::Sqlite
    }

    fn capabilities(&self) -> &'static Capabilities {
        &CAPABILITIES
    }

    fn types(&self) -> &'static TypeTable {
        &types::TYPES
    }

    fn prisma_migrations_table(&self) -> &'static str {
        r#"CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "checksum" TEXT NOT NULL,
    "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL,
    "logs" TEXT,
    "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)"#
    }

    fn sqlparser_dialect(&self) -> Box<dyn sqlparser::dialect::Dialect> {
        Box::new(sqlparser::dialect::SQLiteDialect {})
    }

    // --- defaults -------------------------------------------------------------------------
    fn now_default(&self, _column_type: &NativeType) -> String {
        "CURRENT_TIMESTAMP".to_owned()
    }

    /// ADD COLUMN takes no primary key, no foreign key, no non-constant default, and a NOT NULL
    /// column only with a default.
    fn can_add_column(&self, column: &Column, has_foreign_key: bool) -> bool {
        let constant_default = column
            .default
            .as_ref()
            .is_some_and(|d| !d.sql.to_ascii_uppercase().starts_with("CURRENT_"));
        !has_foreign_key
            && !column.autoincrement
            && (column.nullable && column.default.is_none() || constant_default)
    }

    // --- rendering hooks ------------------------------------------------------------------
    /// A single-column primary key sits in its column, as Prisma writes it; an autoincrementing
    /// one is `INTEGER PRIMARY KEY AUTOINCREMENT`.
    fn inline_column_constraints(&self, table: &Table, column: &Column) -> String {
        let single_pk = table
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns.len() == 1 && pk.columns[0] == column.name);
        match (single_pk, column.autoincrement) {
            (true, true) => " PRIMARY KEY AUTOINCREMENT".to_owned(),
            (true, false) => " PRIMARY KEY".to_owned(),
            _ => String::new(),
        }
    }

    fn column_type_sql(&self, column: &Column, _schema: &DbSchema) -> String {
        match &column.ty {
            ColumnType::Native(t) => t.to_string(),
            ColumnType::Enum(_) => "TEXT".to_owned(),
        }
    }

    fn drop_index(&self, _table: TableRef<'_>, index: &Index) -> String {
        format!("DROP INDEX {}", self.quote(&index.name))
    }

    fn alter_column(
        &self,
        _table: TableRef<'_>,
        _previous: &Column,
        _next: &Column,
        _changes: crate::relational::diff::ColumnChanges,
        _schema: &DbSchema,
    ) -> Vec<String> {
        unreachable!("SQLite rebuilds tables instead of altering columns")
    }

    fn rebuild_prologue(&self) -> Vec<String> {
        vec![
            "PRAGMA defer_foreign_keys=ON".to_owned(),
            "PRAGMA foreign_keys=OFF".to_owned(),
        ]
    }

    fn rebuild_epilogue(&self) -> Vec<String> {
        vec![
            "PRAGMA foreign_key_check".to_owned(),
            "PRAGMA foreign_keys=ON".to_owned(),
            "PRAGMA defer_foreign_keys=OFF".to_owned(),
        ]
    }
}
