//! PostgreSQL: native enum types, named constraints, transactional DDL, arrays. Types in
//! `types.rs`.

mod types;

use super::types::TypeTable;
use super::{Capabilities, Dialect, EnumStrategy, TableRef};
use crate::relational::diff::EnumColumn;
use crate::relational::model::*;
use crate::schema::ir::Provider;

pub struct Postgres;

const CAPABILITIES: Capabilities = Capabilities {
    max_identifier_length: 63,
    enum_strategy: EnumStrategy::NativeType,
    join_table_has_primary_key: true,
    arrays: true,
    extensions: true,
    operator_classes: true,
    namespaces: true,
    index_methods: &["HASH", "GIST", "GIN", "SPGIST", "BRIN"],
    ..Capabilities::SQL
};

impl Dialect for Postgres {
    // --- identity -------------------------------------------------------------------------
    fn provider(&self) -> Provider {
        Provider::Postgresql
    }

    fn capabilities(&self) -> &'static Capabilities {
        &CAPABILITIES
    }

    fn types(&self) -> &'static TypeTable {
        &types::TYPES
    }

    fn prisma_migrations_table(&self) -> &'static str {
        r#"CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)"#
    }

    fn sqlparser_dialect(&self) -> Box<dyn sqlparser::dialect::Dialect> {
        Box::new(sqlparser::dialect::PostgreSqlDialect {})
    }

    // --- defaults -------------------------------------------------------------------------
    fn now_default(&self, _column_type: &NativeType) -> String {
        "CURRENT_TIMESTAMP".to_owned()
    }

    // --- rendering hooks ------------------------------------------------------------------
    fn column_type_sql(&self, column: &Column, schema: &DbSchema) -> String {
        let base = match (&column.ty, column.autoincrement) {
            (ColumnType::Native(t), true) if t.is("INTEGER") => "SERIAL".to_owned(),
            (ColumnType::Native(t), true) if t.is("BIGINT") => "BIGSERIAL".to_owned(),
            (ColumnType::Native(t), true) if t.is("SMALLINT") => "SMALLSERIAL".to_owned(),
            (ColumnType::Native(t), _) => t.to_string(),
            (ColumnType::Enum(name), _) => self.enum_sql(schema, name),
        };
        if column.array {
            format!("{base}[]")
        } else {
            base
        }
    }

    /// A serial column's sequence is `<table>_<column>_seq`, as PostgreSQL names it; renamed
    /// with its table, so the database is the one a fresh migration would build.
    fn after_rename_table(&self, from: &str, table: &Table) -> Vec<String> {
        table
            .columns
            .iter()
            .filter(|c| c.autoincrement)
            .filter_map(|c| {
                let from = TableRef {
                    namespace: table.namespace.as_deref(),
                    name: from,
                };
                self.rename_sequence(from, &c.name, &table.name, &c.name)
            })
            .collect()
    }

    fn after_rename_column(&self, table: TableRef<'_>, from: &str, column: &Column) -> Vec<String> {
        column
            .autoincrement
            .then(|| self.rename_sequence(table, from, table.name, &column.name))
            .flatten()
            .into_iter()
            .collect()
    }

    /// An index is in its table's database schema.
    fn drop_index(&self, table: TableRef<'_>, index: &Index) -> String {
        format!("DROP INDEX {}", self.quote_in(table.namespace, &index.name))
    }

    fn alter_column(
        &self,
        table: TableRef<'_>,
        previous: &Column,
        next: &Column,
        changes: crate::relational::diff::ColumnChanges,
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
            let using = self
                .type_change_using(previous, next, schema)
                .expect("PostgreSQL always converts with USING");
            actions.push(format!(
                "ALTER COLUMN {col} SET DATA TYPE {ty} USING ({using})"
            ));
            if let Some(default) = &next.default {
                actions.push(format!("ALTER COLUMN {col} SET DEFAULT {}", default.sql));
            }
        } else if changes.default {
            match &next.default {
                Some(default) => {
                    actions.push(format!("ALTER COLUMN {col} SET DEFAULT {}", default.sql))
                }
                None => actions.push(format!("ALTER COLUMN {col} DROP DEFAULT")),
            }
        }
        if changes.nullable {
            actions.push(format!(
                "ALTER COLUMN {col} {} NOT NULL",
                if next.nullable { "DROP" } else { "SET" }
            ));
        }
        // A serial column is a sequence default: its sequence is made (if it went) and owned
        // by the column, and set past the rows that exist.
        let mut before = Vec::new();
        let mut after = Vec::new();
        if changes.autoincrement && !changes.ty && !changes.default {
            if next.autoincrement {
                let sequence = self.quote_in(
                    table.namespace,
                    &format!("{}_{}_seq", table.name, next.name),
                );
                before.push(format!("CREATE SEQUENCE IF NOT EXISTS {sequence}"));
                actions.push(format!(
                    "ALTER COLUMN {col} SET DEFAULT nextval({})",
                    self.string_literal(&sequence)
                ));
                after.push(format!(
                    "ALTER SEQUENCE {sequence} OWNED BY {}.{col}",
                    self.table_sql(table)
                ));
                after.push(format!(
                    "SELECT setval({}, COALESCE(MAX({col}), 0) + 1, false) FROM {}",
                    self.string_literal(&sequence),
                    self.table_sql(table)
                ));
            } else {
                actions.push(format!("ALTER COLUMN {col} DROP DEFAULT"));
            }
        }
        if actions.is_empty() {
            return Vec::new();
        }
        before.push(format!(
            "ALTER TABLE {} {}",
            self.table_sql(table),
            actions.join(",\n")
        ));
        before.extend(after);
        before
    }

    /// A direct cast, which converts between the built-in types as PostgreSQL defines it
    /// (`12.50::BIGINT` rounds; `'12.50'::BIGINT` would fail); through text where an enum is on
    /// either side, since enums cast only from and to text.
    fn type_change_using(
        &self,
        previous: &Column,
        next: &Column,
        schema: &DbSchema,
    ) -> Option<String> {
        let col = self.quote(&next.name);
        let ty = self.column_type_sql(
            &Column {
                autoincrement: false,
                ..next.clone()
            },
            schema,
        );
        let enum_involved = [previous, next]
            .iter()
            .any(|c| matches!(c.ty, ColumnType::Enum(_)));
        Some(if enum_involved {
            let text = if previous.array { "text[]" } else { "text" };
            format!("{col}::{text}::{ty}")
        } else {
            format!("{col}::{ty}")
        })
    }

    /// `JsonbPathOps` -> `jsonb_path_ops`, `Int4MinMaxMultiOps` -> `int4_minmax_multi_ops`.
    fn operator_class(&self, prisma_name: &str) -> String {
        let words = prisma_name
            .replace("MinMax", "Minmax")
            .replace("VarBit", "Varbit")
            .replace("TimestampTz", "Timestamptz")
            .replace("TimeTz", "Timetz");
        let mut out = String::new();
        for (i, c) in words.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    fn is_default_operator_class(&self, method: Option<&str>, class: &str) -> bool {
        let class = class.to_ascii_lowercase();
        match method.map(str::to_ascii_uppercase).as_deref() {
            // `<type>_ops` is each type's B-tree and hash class; the pattern classes are not.
            None | Some("BTREE") | Some("HASH") => {
                class.ends_with("_ops") && !class.contains("pattern")
            }
            Some("GIN") => matches!(class.as_str(), "jsonb_ops" | "array_ops" | "tsvector_ops"),
            Some("GIST") => matches!(
                class.as_str(),
                "range_ops" | "tsvector_ops" | "point_ops" | "box_ops" | "poly_ops" | "circle_ops"
            ),
            Some("SPGIST") => matches!(
                class.as_str(),
                "inet_ops" | "text_ops" | "range_ops" | "quad_point_ops" | "box_ops"
            ),
            Some("BRIN") => {
                (class.ends_with("_minmax_ops") && class != "inet_minmax_ops")
                    || class.ends_with("_inclusion_ops")
            }
            _ => false,
        }
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
            self.quote_in(e.namespace.as_deref(), &e.name)
        )]
    }

    /// New values are added in place (`ADD VALUE`), unless a value goes, the order changes, or
    /// a new value is a default in this migration (a value `ADD VALUE` added cannot be used in
    /// the same transaction, 55P04): then the type is rebuilt, as Prisma Migrate rebuilds it.
    fn alter_enum(
        &self,
        previous: &DbEnum,
        next: &DbEnum,
        columns: &[EnumColumn],
        schema_next: &DbSchema,
    ) -> Vec<String> {
        let removed = previous.values.iter().any(|v| !next.values.contains(v));
        let kept_in_next: Vec<&String> = next
            .values
            .iter()
            .filter(|v| previous.values.contains(v))
            .collect();
        let reordered = !previous.values.iter().eq(kept_in_next.iter().copied());
        let added: Vec<&String> = next
            .values
            .iter()
            .filter(|v| !previous.values.contains(v))
            .collect();
        let added_is_a_default = schema_next
            .tables
            .iter()
            .flat_map(|t| &t.columns)
            .filter(|c| c.ty == ColumnType::Enum(next.name.clone()))
            .filter_map(|c| c.default.as_ref())
            .any(|d| mentions_any(&d.value, &added));
        if !removed && !reordered && !added_is_a_default {
            return self.add_enum_values(previous, next);
        }
        self.rebuild_enum(next, columns, schema_next)
    }

    fn drop_enum(&self, e: &DbEnum) -> Vec<String> {
        vec![format!(
            "DROP TYPE {}",
            self.quote_in(e.namespace.as_deref(), &e.name)
        )]
    }
}

impl Postgres {
    /// `ALTER SEQUENCE` for a serial column's sequence, where both names are whole (PostgreSQL
    /// shortens longer ones by rules of its own; those sequences keep their name).
    fn rename_sequence(
        &self,
        table: TableRef<'_>,
        column: &str,
        new_table: &str,
        new_column: &str,
    ) -> Option<String> {
        let limit = CAPABILITIES.max_identifier_length;
        let (from, to) = (
            format!("{}_{column}_seq", table.name),
            format!("{new_table}_{new_column}_seq"),
        );
        (from.len() <= limit && to.len() <= limit && from != to).then(|| {
            format!(
                "ALTER SEQUENCE {} RENAME TO {}",
                self.quote_in(table.namespace, &from),
                self.quote(&to)
            )
        })
    }

    /// An enum type as SQL names it, in its database schema where it has one.
    fn enum_sql(&self, schema: &DbSchema, name: &str) -> String {
        let namespace = schema.enum_(name).and_then(|e| e.namespace.as_deref());
        self.quote_in(namespace, name)
    }

    /// A table an enum change names, in its database schema where it has one.
    fn table_named(&self, schema: &DbSchema, name: &str) -> String {
        let namespace = schema.table(name).and_then(|t| t.namespace.as_deref());
        self.quote_in(namespace, name)
    }
}

impl Postgres {
    /// `ADD VALUE`s, each where the schema puts it: before the next value that exists.
    fn add_enum_values(&self, previous: &DbEnum, next: &DbEnum) -> Vec<String> {
        let name = self.quote_in(next.namespace.as_deref(), &next.name);
        next.values
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
            .collect()
    }

    /// Builds the new type, moves the columns over, and swaps the names.
    fn rebuild_enum(
        &self,
        next: &DbEnum,
        columns: &[EnumColumn],
        schema_next: &DbSchema,
    ) -> Vec<String> {
        let namespace = next.namespace.as_deref();
        let name = self.quote_in(namespace, &next.name);
        let new_name = self.quote_in(namespace, &format!("{}_new", next.name));
        let old_name = self.quote_in(namespace, &format!("{}_old", next.name));
        let values = next
            .values
            .iter()
            .map(|v| self.string_literal(v))
            .collect::<Vec<_>>()
            .join(", ");
        let mut out = vec![format!("CREATE TYPE {new_name} AS ENUM ({values})")];
        let moved: Vec<(&EnumColumn, &Column)> = columns
            .iter()
            .filter_map(|ec| {
                let column = schema_next.table(&ec.table)?.column(&ec.column)?;
                Some((ec, column))
            })
            .collect();
        for (ec, c) in &moved {
            let (table, col) = (
                self.table_named(schema_next, &ec.table),
                self.quote(&c.name),
            );
            if ec.had_default {
                out.push(format!(
                    "ALTER TABLE {table} ALTER COLUMN {col} DROP DEFAULT"
                ));
            }
            let array = if c.array { "[]" } else { "" };
            out.push(format!(
                "ALTER TABLE {table} ALTER COLUMN {col} TYPE {new_name}{array} USING ({col}::text{array}::{new_name}{array})"
            ));
        }
        // RENAME TO takes a bare name: the type stays in its schema.
        out.push(format!(
            "ALTER TYPE {name} RENAME TO {}",
            self.quote(&format!("{}_old", next.name))
        ));
        out.push(format!(
            "ALTER TYPE {new_name} RENAME TO {}",
            self.quote(&next.name)
        ));
        out.push(format!("DROP TYPE {old_name}"));
        for (ec, c) in &moved {
            if let Some(default) = &c.default {
                out.push(format!(
                    "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {}",
                    self.table_named(schema_next, &ec.table),
                    self.quote(&c.name),
                    default.sql
                ));
            }
        }
        out
    }
}

/// Does a default hold one of `values` (itself, or in a list)?
fn mentions_any(value: &DefaultValue, values: &[&String]) -> bool {
    match value {
        DefaultValue::Literal(Literal::String(s)) => values.contains(&s),
        DefaultValue::List(items) => items.iter().any(|i| mentions_any(i, values)),
        _ => false,
    }
}
