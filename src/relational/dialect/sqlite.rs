//! SQLite: no native types or enums, primary keys inside column definitions, and table rebuilds
//! wherever ALTER TABLE cannot make the change.

use super::{Dialect, EnumStrategy, create_index, create_table};
use crate::relational::model::*;
use crate::schema::ir::{Provider, ScalarType};

pub struct Sqlite;

impl Dialect for Sqlite {
    // --- identity -------------------------------------------------------------------------
    fn provider(&self) -> Provider {
        Provider::Sqlite
    }

    fn max_identifier_length(&self) -> usize {
        10000
    }

    fn quote(&self, ident: &str) -> String {
        format!("\"{}\"", ident.replace('"', "\"\""))
    }

    fn sqlparser_dialect(&self) -> Box<dyn sqlparser::dialect::Dialect> {
        Box::new(sqlparser::dialect::SQLiteDialect {})
    }

    // --- types ----------------------------------------------------------------------------
    fn scalar_type(&self, scalar: ScalarType) -> &'static str {
        match scalar {
            ScalarType::String => "TEXT",
            ScalarType::Int => "INTEGER",
            ScalarType::BigInt => "BIGINT",
            ScalarType::Float => "REAL",
            ScalarType::Decimal => "DECIMAL",
            ScalarType::Boolean => "BOOLEAN",
            ScalarType::DateTime => "DATETIME",
            ScalarType::Json => "JSONB",
            ScalarType::Bytes => "BLOB",
        }
    }

    fn native_type(&self, _name: &str, _args: &[String]) -> Option<String> {
        None
    }

    /// SQLite keeps the declared type as written; only spelling is normalized.
    fn normalize_type(&self, raw: &str) -> (String, bool) {
        let upper = raw.trim().to_ascii_uppercase();
        (
            upper
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace(", ", ","),
            false,
        )
    }

    fn enum_strategy(&self) -> EnumStrategy {
        EnumStrategy::Text
    }

    // --- defaults -------------------------------------------------------------------------
    fn now_default(&self, _column_type: &str) -> String {
        "CURRENT_TIMESTAMP".to_owned()
    }

    // --- capabilities ---------------------------------------------------------------------
    fn named_primary_keys(&self) -> bool {
        false
    }

    fn can_alter_column(&self) -> bool {
        false
    }

    fn can_alter_foreign_keys(&self) -> bool {
        false
    }

    fn can_drop_column(&self) -> bool {
        false
    }

    fn can_rename_index(&self) -> bool {
        false
    }

    /// ADD COLUMN takes no primary key, no foreign key, no non-constant default, and a NOT NULL
    /// column only with a default.
    fn can_add_column(&self, column: &Column, has_foreign_key: bool) -> bool {
        let constant_default = column
            .default
            .as_deref()
            .is_some_and(|d| !d.to_ascii_uppercase().starts_with("CURRENT_"));
        !has_foreign_key
            && !column.autoincrement
            && (column.nullable && column.default.is_none() || constant_default)
    }

    fn autoincrement_only_on_integer_primary_key(&self) -> bool {
        true
    }

    fn inline_single_column_primary_key(&self) -> bool {
        true
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
            ColumnType::Named(t) => t.clone(),
            ColumnType::Enum(_) => "TEXT".to_owned(),
        }
    }

    fn drop_index(&self, _table: &str, index: &Index) -> String {
        format!("DROP INDEX {}", self.quote(&index.name))
    }

    fn alter_column(
        &self,
        _table: &str,
        _previous: &Column,
        _next: &Column,
        _changes: super::super::diff::ColumnChanges,
        _schema: &DbSchema,
    ) -> Vec<String> {
        unreachable!("SQLite rebuilds tables instead of altering columns")
    }

    /// Prisma's "RedefineTables": a new table, the data copied over, the old one dropped, the new
    /// one renamed, its indexes recreated. The script's prologue turns foreign keys off so that
    /// dropping the old table does not cascade into child tables.
    fn rebuild_table(&self, previous: &Table, next: &Table, schema: &DbSchema) -> Vec<String> {
        let temp_name = format!("new_{}", next.name);
        let temp = Table {
            name: temp_name.clone(),
            ..next.clone()
        };
        let kept: Vec<String> = next
            .columns
            .iter()
            .filter(|c| previous.column(&c.name).is_some())
            .map(|c| self.quote(&c.name))
            .collect();
        let mut out = vec![create_table(self, &temp, schema)];
        if !kept.is_empty() {
            let cols = kept.join(", ");
            out.push(format!(
                "INSERT INTO {} ({cols}) SELECT {cols} FROM {}",
                self.quote(&temp_name),
                self.quote(&previous.name)
            ));
        }
        out.push(format!("DROP TABLE {}", self.quote(&previous.name)));
        out.push(format!(
            "ALTER TABLE {} RENAME TO {}",
            self.quote(&temp_name),
            self.quote(&next.name)
        ));
        out.extend(
            next.indexes
                .iter()
                .map(|i| create_index(self, &next.name, i)),
        );
        out
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
