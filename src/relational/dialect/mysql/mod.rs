//! MySQL and MariaDB: inline ENUM columns, backtick quoting, unnamed primary keys, and DDL that
//! commits implicitly (no transactional migrations).

mod types;

use super::types::TypeTable;
use super::{Capabilities, Dialect, EnumStrategy, TableRef};
use crate::relational::model::*;
use crate::schema::ir::Provider;

pub struct MySql;

const CAPABILITIES: Capabilities = Capabilities {
    max_identifier_length: 64,
    enum_strategy: EnumStrategy::Inline,
    named_primary_keys: false,
    set_default_is_restrict: true,
    transactional_ddl: false,
    foreign_keys_need_an_index: true,
    index_prefix_length: true,
    fulltext_index: true,
    // InnoDB keeps every index as a B-tree (it takes `USING HASH` and makes a B-tree).
    index_json: false,
    ..Capabilities::SQL
};

impl Dialect for MySql {
    // --- identity -------------------------------------------------------------------------
    fn provider(&self) -> Provider {
        Provider::Mysql
    }

    fn capabilities(&self) -> &'static Capabilities {
        &CAPABILITIES
    }

    fn types(&self) -> &'static TypeTable {
        &types::TYPES
    }

    fn quote(&self, ident: &str) -> String {
        format!("`{}`", ident.replace('`', "``"))
    }

    fn prisma_migrations_table(&self) -> &'static str {
        r#"CREATE TABLE IF NOT EXISTS `_prisma_migrations` (
    `id` VARCHAR(36) PRIMARY KEY NOT NULL,
    `checksum` VARCHAR(64) NOT NULL,
    `finished_at` DATETIME(3),
    `migration_name` VARCHAR(255) NOT NULL,
    `logs` TEXT,
    `rolled_back_at` DATETIME(3),
    `started_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `applied_steps_count` INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"#
    }

    fn sqlparser_dialect(&self) -> Box<dyn sqlparser::dialect::Dialect> {
        Box::new(sqlparser::dialect::MySqlDialect {})
    }

    // --- defaults -------------------------------------------------------------------------
    /// MySQL reads backslash escapes inside string literals (unless NO_BACKSLASH_ESCAPES).
    fn string_literal(&self, value: &str) -> String {
        format!("'{}'", value.replace('\\', "\\\\").replace('\'', "''"))
    }

    fn now_default(&self, column_type: &NativeType) -> String {
        match column_type.args.first() {
            Some(precision) => format!("CURRENT_TIMESTAMP({precision})"),
            None => "CURRENT_TIMESTAMP".to_owned(),
        }
    }

    /// DATETIME has no time zone: the offset is dropped (Prisma stores UTC).
    fn timestamp_literal(&self, rfc3339: &str) -> String {
        let (date, time, _) = super::split_rfc3339(rfc3339);
        if time.is_empty() {
            rfc3339.to_owned()
        } else {
            format!("{date} {time}")
        }
    }

    fn create_table_suffix(&self) -> &'static str {
        " DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    }

    // --- rendering hooks ------------------------------------------------------------------
    fn autoincrement_suffix(&self) -> &'static str {
        " AUTO_INCREMENT"
    }

    fn column_type_sql(&self, column: &Column, schema: &DbSchema) -> String {
        match &column.ty {
            ColumnType::Native(t) => t.to_string(),
            ColumnType::Enum(name) => {
                let values = schema
                    .enum_(name)
                    .map(|e| e.values.as_slice())
                    .unwrap_or_default();
                format!(
                    "ENUM({})",
                    values
                        .iter()
                        .map(|v| self.string_literal(v))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        }
    }

    fn drop_index(&self, table: TableRef<'_>, index: &Index) -> String {
        format!(
            "DROP INDEX {} ON {}",
            self.quote(&index.name),
            self.table_sql(table)
        )
    }

    fn rename_index(&self, table: TableRef<'_>, from: &str, to: &str) -> String {
        format!(
            "ALTER TABLE {} RENAME INDEX {} TO {}",
            self.table_sql(table),
            self.quote(from),
            self.quote(to)
        )
    }

    fn alter_column(
        &self,
        table: TableRef<'_>,
        _previous: &Column,
        next: &Column,
        _changes: crate::relational::diff::ColumnChanges,
        schema: &DbSchema,
    ) -> Vec<String> {
        let t = schema
            .table(table.name)
            .expect("altered column's table exists");
        vec![format!(
            "ALTER TABLE {} MODIFY {}",
            self.table_sql(table),
            self.column_definition(t, next, schema)
        )]
    }

    fn drop_foreign_key(&self, table: TableRef<'_>, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP FOREIGN KEY {}",
            self.table_sql(table),
            self.quote(name)
        )
    }

    fn drop_primary_key(&self, table: &Table, _pk: &PrimaryKey) -> String {
        format!(
            "ALTER TABLE {} DROP PRIMARY KEY",
            self.table_sql(TableRef::of(table))
        )
    }

    /// Inline enums change with their column: `MODIFY` it with the new value list.
    fn alter_enum(
        &self,
        _previous: &DbEnum,
        next: &DbEnum,
        _columns: &[crate::relational::diff::EnumColumn],
        schema_next: &DbSchema,
    ) -> Vec<String> {
        schema_next
            .tables
            .iter()
            .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
            .filter(|(_, c)| c.ty == ColumnType::Enum(next.name.clone()))
            .map(|(t, c)| {
                format!(
                    "ALTER TABLE {} MODIFY {}",
                    self.table_sql(TableRef::of(t)),
                    self.column_definition(t, c, schema_next)
                )
            })
            .collect()
    }
}
