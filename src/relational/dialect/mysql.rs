//! MySQL and MariaDB: inline ENUM columns, backtick quoting, unnamed primary keys, and DDL that
//! commits implicitly (no transactional migrations).

use super::postgres::split_type_args;
use super::{Dialect, EnumStrategy};
use crate::relational::model::*;
use crate::schema::ir::{Provider, ScalarType};

pub struct MySql;

impl Dialect for MySql {
    // --- identity -------------------------------------------------------------------------
    fn provider(&self) -> Provider {
        Provider::Mysql
    }

    fn max_identifier_length(&self) -> usize {
        64
    }

    fn quote(&self, ident: &str) -> String {
        format!("`{}`", ident.replace('`', "``"))
    }

    fn sqlparser_dialect(&self) -> Box<dyn sqlparser::dialect::Dialect> {
        Box::new(sqlparser::dialect::MySqlDialect {})
    }

    // --- types ----------------------------------------------------------------------------
    fn scalar_type(&self, scalar: ScalarType) -> &'static str {
        match scalar {
            ScalarType::String => "VARCHAR(191)",
            ScalarType::Int => "INTEGER",
            ScalarType::BigInt => "BIGINT",
            ScalarType::Float => "DOUBLE",
            ScalarType::Decimal => "DECIMAL(65,30)",
            ScalarType::Boolean => "BOOLEAN",
            ScalarType::DateTime => "DATETIME(3)",
            ScalarType::Json => "JSON",
            ScalarType::Bytes => "LONGBLOB",
        }
    }

    fn native_type(&self, name: &str, args: &[String]) -> Option<String> {
        let base = match name {
            "VarChar" => "VARCHAR",
            "Char" => "CHAR",
            "Text" => "TEXT",
            "TinyText" => "TINYTEXT",
            "MediumText" => "MEDIUMTEXT",
            "LongText" => "LONGTEXT",
            "Int" => "INTEGER",
            "UnsignedInt" => "INTEGER UNSIGNED",
            "SmallInt" => "SMALLINT",
            "UnsignedSmallInt" => "SMALLINT UNSIGNED",
            "TinyInt" => "TINYINT",
            "UnsignedTinyInt" => "TINYINT UNSIGNED",
            "MediumInt" => "MEDIUMINT",
            "UnsignedMediumInt" => "MEDIUMINT UNSIGNED",
            "BigInt" => "BIGINT",
            "UnsignedBigInt" => "BIGINT UNSIGNED",
            "Decimal" => "DECIMAL",
            "Double" => "DOUBLE",
            "Float" => "FLOAT",
            "Date" => "DATE",
            "DateTime" => "DATETIME",
            "Timestamp" => "TIMESTAMP",
            "Time" => "TIME",
            "Year" => "YEAR",
            "Json" => "JSON",
            "Bit" => "BIT",
            "Binary" => "BINARY",
            "VarBinary" => "VARBINARY",
            "Blob" => "BLOB",
            "TinyBlob" => "TINYBLOB",
            "MediumBlob" => "MEDIUMBLOB",
            "LongBlob" => "LONGBLOB",
            _ => return None,
        };
        Some(match (base.split_once(' '), args.is_empty()) {
            (_, true) => base.to_owned(),
            (Some((ty, unsigned)), false) => format!("{ty}({}) {unsigned}", args.join(",")),
            (None, false) => format!("{base}({})", args.join(",")),
        })
    }

    fn normalize_type(&self, raw: &str) -> (String, bool) {
        let (base, args) = split_type_args(raw);
        let unsigned = base.ends_with(" unsigned");
        let base = base.trim_end_matches(" unsigned").to_owned();
        // Display widths (`int(11)`) are not part of the type.
        let (canonical, args) = match (base.as_str(), args) {
            ("tinyint", Some(a)) if a == "1" => ("BOOLEAN".to_owned(), None),
            ("bool" | "boolean", _) => ("BOOLEAN".to_owned(), None),
            ("int" | "integer", _) => ("INTEGER".to_owned(), None),
            ("bigint" | "smallint" | "tinyint" | "mediumint", _) => {
                (base.to_ascii_uppercase(), None)
            }
            ("double" | "double precision" | "real", _) => ("DOUBLE".to_owned(), None),
            ("numeric", a) => ("DECIMAL".to_owned(), a),
            // Precision 0 is the default and catalogs do not show it.
            ("datetime" | "timestamp" | "time", Some(a)) if a == "0" => {
                (base.to_ascii_uppercase(), None)
            }
            (_, a) => (base.to_ascii_uppercase(), a),
        };
        let mut ty = match args {
            Some(a) => format!("{canonical}({a})"),
            None => canonical,
        };
        if unsigned {
            ty.push_str(" UNSIGNED");
        }
        (ty, false)
    }

    /// MySQL reads backslash escapes inside string literals (unless NO_BACKSLASH_ESCAPES).
    fn string_literal(&self, value: &str) -> String {
        format!("'{}'", value.replace('\\', "\\\\").replace('\'', "''"))
    }

    fn enum_strategy(&self) -> EnumStrategy {
        EnumStrategy::Inline
    }

    // --- defaults -------------------------------------------------------------------------
    fn now_default(&self, column_type: &str) -> String {
        match split_type_args(column_type).1 {
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

    // --- capabilities ---------------------------------------------------------------------
    fn named_primary_keys(&self) -> bool {
        false
    }

    fn transactional_ddl(&self) -> bool {
        false
    }

    fn foreign_keys_need_an_index(&self) -> bool {
        true
    }

    fn supports_index_prefix_length(&self) -> bool {
        true
    }

    fn supports_fulltext_index(&self) -> bool {
        true
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
            ColumnType::Named(t) => t.clone(),
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

    fn drop_index(&self, table: &str, index: &Index) -> String {
        format!(
            "DROP INDEX {} ON {}",
            self.quote(&index.name),
            self.quote(table)
        )
    }

    fn rename_index(&self, table: &str, from: &str, to: &str) -> String {
        format!(
            "ALTER TABLE {} RENAME INDEX {} TO {}",
            self.quote(table),
            self.quote(from),
            self.quote(to)
        )
    }

    fn alter_column(
        &self,
        table: &str,
        _previous: &Column,
        next: &Column,
        _changes: super::super::diff::ColumnChanges,
        schema: &DbSchema,
    ) -> Vec<String> {
        let t = schema.table(table).expect("altered column's table exists");
        vec![format!(
            "ALTER TABLE {} MODIFY {}",
            self.quote(table),
            self.column_definition(t, next, schema)
        )]
    }

    fn drop_foreign_key(&self, table: &str, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP FOREIGN KEY {}",
            self.quote(table),
            self.quote(name)
        )
    }

    fn drop_primary_key(&self, table: &Table, _pk: &PrimaryKey) -> String {
        format!("ALTER TABLE {} DROP PRIMARY KEY", self.quote(&table.name))
    }

    /// Inline enums change with their column: `MODIFY` it with the new value list.
    fn alter_enum(&self, _previous: &DbEnum, next: &DbEnum, schema_next: &DbSchema) -> Vec<String> {
        schema_next
            .tables
            .iter()
            .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
            .filter(|(_, c)| c.ty == ColumnType::Enum(next.name.clone()))
            .map(|(t, c)| {
                format!(
                    "ALTER TABLE {} MODIFY {}",
                    self.quote(&t.name),
                    self.column_definition(t, c, schema_next)
                )
            })
            .collect()
    }
}
