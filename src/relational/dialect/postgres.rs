//! PostgreSQL: native enum types, named constraints, transactional DDL, arrays.

use super::{Dialect, EnumStrategy};
use crate::relational::model::*;
use crate::schema::ir::{Provider, ScalarType};

pub struct Postgres;

impl Dialect for Postgres {
    // --- identity -------------------------------------------------------------------------
    fn provider(&self) -> Provider {
        Provider::Postgresql
    }

    fn max_identifier_length(&self) -> usize {
        63
    }

    fn quote(&self, ident: &str) -> String {
        format!("\"{}\"", ident.replace('"', "\"\""))
    }

    fn sqlparser_dialect(&self) -> Box<dyn sqlparser::dialect::Dialect> {
        Box::new(sqlparser::dialect::PostgreSqlDialect {})
    }

    // --- types ----------------------------------------------------------------------------
    fn scalar_type(&self, scalar: ScalarType) -> &'static str {
        match scalar {
            ScalarType::String => "TEXT",
            ScalarType::Int => "INTEGER",
            ScalarType::BigInt => "BIGINT",
            ScalarType::Float => "DOUBLE PRECISION",
            ScalarType::Decimal => "DECIMAL(65,30)",
            ScalarType::Boolean => "BOOLEAN",
            ScalarType::DateTime => "TIMESTAMP(3)",
            ScalarType::Json => "JSONB",
            ScalarType::Bytes => "BYTEA",
        }
    }

    fn native_type(&self, name: &str, args: &[String]) -> Option<String> {
        let base = match name {
            "Text" => "TEXT",
            "Char" => "CHAR",
            "VarChar" => "VARCHAR",
            "Bit" => "BIT",
            "VarBit" => "VARBIT",
            "Uuid" => "UUID",
            "Xml" => "XML",
            "Inet" => "INET",
            "Citext" => "CITEXT",
            "Boolean" => "BOOLEAN",
            "Integer" => "INTEGER",
            "SmallInt" => "SMALLINT",
            "BigInt" => "BIGINT",
            "Oid" => "OID",
            "DoublePrecision" => "DOUBLE PRECISION",
            "Real" => "REAL",
            "Decimal" => "DECIMAL",
            "Money" => "MONEY",
            "Timestamp" => "TIMESTAMP",
            "Timestamptz" => "TIMESTAMPTZ",
            "Date" => "DATE",
            "Time" => "TIME",
            "Timetz" => "TIMETZ",
            "Json" => "JSON",
            "JsonB" => "JSONB",
            "ByteA" => "BYTEA",
            _ => return None,
        };
        Some(if args.is_empty() {
            base.to_owned()
        } else {
            format!("{base}({})", args.join(","))
        })
    }

    fn normalize_type(&self, raw: &str) -> (String, bool) {
        let (base, args) = split_type_args(raw);
        let (canonical, serial) = match base.as_str() {
            "serial" | "serial4" => ("INTEGER", true),
            "bigserial" | "serial8" => ("BIGINT", true),
            "smallserial" | "serial2" => ("SMALLINT", true),
            "integer" | "int" | "int4" => ("INTEGER", false),
            "bigint" | "int8" => ("BIGINT", false),
            "smallint" | "int2" => ("SMALLINT", false),
            "double precision" | "float8" | "double" => ("DOUBLE PRECISION", false),
            "real" | "float4" => ("REAL", false),
            "numeric" | "decimal" => ("DECIMAL", false),
            "text" => ("TEXT", false),
            "character varying" | "varchar" => ("VARCHAR", false),
            "character" | "char" | "bpchar" => ("CHAR", false),
            "timestamp" | "timestamp without time zone" => ("TIMESTAMP", false),
            "timestamptz" | "timestamp with time zone" => ("TIMESTAMPTZ", false),
            "time" | "time without time zone" => ("TIME", false),
            "timetz" | "time with time zone" => ("TIMETZ", false),
            "date" => ("DATE", false),
            "boolean" | "bool" => ("BOOLEAN", false),
            "jsonb" => ("JSONB", false),
            "json" => ("JSON", false),
            "bytea" => ("BYTEA", false),
            "uuid" => ("UUID", false),
            "xml" => ("XML", false),
            "inet" => ("INET", false),
            "citext" => ("CITEXT", false),
            "money" => ("MONEY", false),
            "oid" => ("OID", false),
            "bit" => ("BIT", false),
            "bit varying" | "varbit" => ("VARBIT", false),
            _ => return (raw.trim().trim_matches('"').to_owned(), false),
        };
        let ty = match args {
            Some(a) => format!("{canonical}({a})"),
            None => canonical.to_owned(),
        };
        (ty, serial)
    }

    fn enum_strategy(&self) -> EnumStrategy {
        EnumStrategy::NativeType
    }

    // --- defaults -------------------------------------------------------------------------
    fn now_default(&self, _column_type: &str) -> String {
        "CURRENT_TIMESTAMP".to_owned()
    }

    // --- capabilities ---------------------------------------------------------------------
    fn join_table_has_primary_key(&self) -> bool {
        true
    }

    fn supports_arrays(&self) -> bool {
        true
    }

    // --- rendering hooks ------------------------------------------------------------------
    fn column_type_sql(&self, column: &Column, _schema: &DbSchema) -> String {
        let base = match (&column.ty, column.autoincrement) {
            (ColumnType::Named(t), true) if t == "INTEGER" => "SERIAL".to_owned(),
            (ColumnType::Named(t), true) if t == "BIGINT" => "BIGSERIAL".to_owned(),
            (ColumnType::Named(t), true) if t == "SMALLINT" => "SMALLSERIAL".to_owned(),
            (ColumnType::Named(t), _) => t.clone(),
            (ColumnType::Enum(name), _) => self.quote(name),
        };
        if column.array {
            format!("{base}[]")
        } else {
            base
        }
    }

    fn drop_index(&self, _table: &str, index: &Index) -> String {
        format!("DROP INDEX {}", self.quote(&index.name))
    }

    fn alter_column(
        &self,
        table: &str,
        previous: &Column,
        next: &Column,
        changes: super::super::diff::ColumnChanges,
        schema: &DbSchema,
    ) -> Vec<String> {
        let col = self.quote(&next.name);
        let mut actions = Vec::new();
        if changes.ty {
            let ty = self.column_type_sql(
                &Column {
                    autoincrement: false,
                    ..next.clone()
                },
                schema,
            );
            if previous.default.is_some() {
                actions.push(format!("ALTER COLUMN {col} DROP DEFAULT"));
            }
            actions.push(format!(
                "ALTER COLUMN {col} SET DATA TYPE {ty} USING ({col}::text::{ty})"
            ));
            if let Some(default) = &next.default {
                actions.push(format!("ALTER COLUMN {col} SET DEFAULT {default}"));
            }
        } else if changes.default {
            match &next.default {
                Some(default) => actions.push(format!("ALTER COLUMN {col} SET DEFAULT {default}")),
                None => actions.push(format!("ALTER COLUMN {col} DROP DEFAULT")),
            }
        }
        if changes.nullable {
            actions.push(format!(
                "ALTER COLUMN {col} {} NOT NULL",
                if next.nullable { "DROP" } else { "SET" }
            ));
        }
        if actions.is_empty() {
            return Vec::new();
        }
        vec![format!(
            "ALTER TABLE {} {}",
            self.quote(table),
            actions.join(",\n")
        )]
    }

    fn create_enum(&self, e: &DbEnum) -> Vec<String> {
        let values = e
            .values
            .iter()
            .map(|v| self.string_literal(v))
            .collect::<Vec<_>>()
            .join(", ");
        vec![format!(
            "CREATE TYPE {} AS ENUM ({values})",
            self.quote(&e.name)
        )]
    }

    fn alter_enum(&self, previous: &DbEnum, next: &DbEnum, schema_next: &DbSchema) -> Vec<String> {
        let removed = previous.values.iter().any(|v| !next.values.contains(v));
        let kept_in_next: Vec<&String> = next
            .values
            .iter()
            .filter(|v| previous.values.contains(v))
            .collect();
        let reordered = !previous.values.iter().eq(kept_in_next.iter().copied());
        let name = self.quote(&next.name);
        if !removed && !reordered {
            // New values go where the schema puts them: before the next value that exists.
            return next
                .values
                .iter()
                .enumerate()
                .filter(|(_, v)| !previous.values.contains(v))
                .map(|(i, v)| {
                    match next.values[i + 1..]
                        .iter()
                        .find(|later| previous.values.contains(later))
                    {
                        Some(before) => format!(
                            "ALTER TYPE {name} ADD VALUE {} BEFORE {}",
                            self.string_literal(v),
                            self.string_literal(before)
                        ),
                        None => format!("ALTER TYPE {name} ADD VALUE {}", self.string_literal(v)),
                    }
                })
                .collect();
        }
        // A value cannot be removed from a PostgreSQL enum: build the new type, move every
        // column over, and swap the names, as Prisma Migrate does.
        let new_name = self.quote(&format!("{}_new", next.name));
        let old_name = self.quote(&format!("{}_old", next.name));
        let values = next
            .values
            .iter()
            .map(|v| self.string_literal(v))
            .collect::<Vec<_>>()
            .join(", ");
        let mut out = vec![format!("CREATE TYPE {new_name} AS ENUM ({values})")];
        let users: Vec<(&Table, &Column)> = schema_next
            .tables
            .iter()
            .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
            .filter(|(_, c)| c.ty == ColumnType::Enum(next.name.clone()))
            .collect();
        for (t, c) in &users {
            let (table, col) = (self.quote(&t.name), self.quote(&c.name));
            if c.default.is_some() {
                out.push(format!(
                    "ALTER TABLE {table} ALTER COLUMN {col} DROP DEFAULT"
                ));
            }
            let array = if c.array { "[]" } else { "" };
            out.push(format!(
                "ALTER TABLE {table} ALTER COLUMN {col} TYPE {new_name}{array} USING ({col}::text{array}::{new_name}{array})"
            ));
        }
        out.push(format!("ALTER TYPE {name} RENAME TO {old_name}"));
        out.push(format!("ALTER TYPE {new_name} RENAME TO {name}"));
        out.push(format!("DROP TYPE {old_name}"));
        for (t, c) in &users {
            if let Some(default) = &c.default {
                out.push(format!(
                    "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {default}",
                    self.quote(&t.name),
                    self.quote(&c.name)
                ));
            }
        }
        out
    }

    fn drop_enum(&self, name: &str) -> Vec<String> {
        vec![format!("DROP TYPE {}", self.quote(name))]
    }
}

/// `timestamp(3) without time zone` -> (`timestamp without time zone`, Some("3")): lower case,
/// quotes dropped, whitespace collapsed, arguments without spaces.
pub(super) fn split_type_args(raw: &str) -> (String, Option<String>) {
    let lower = raw.trim().trim_matches('"').to_ascii_lowercase();
    let (base, args) = match (lower.find('('), lower.find(')')) {
        (Some(open), Some(close)) if close > open => {
            let args: String = lower[open + 1..close]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            (
                format!("{} {}", &lower[..open], &lower[close + 1..]),
                Some(args),
            )
        }
        _ => (lower, None),
    };
    (base.split_whitespace().collect::<Vec<_>>().join(" "), args)
}
