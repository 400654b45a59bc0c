//! SQLAlchemy's side of each database: the module that holds its dialect types, the names
//! `with_variant` matches, and the dialect-prefixed options (`mysql_charset`,
//! `sqlite_autoincrement`, `postgresql_using`) that make SQLAlchemy write the migration's DDL.
//!
//! Rules: this table is where the Python generators tell databases apart; everything else asks
//! it, or the relational dialect's capability questions (`Dialect::enum_strategy`), and never
//! compares providers. One `SqlAlchemyDialect` per provider, plain data.

use super::layout::Expr;
use super::types::{self, Uses};
use crate::provider::Provider;

/// How SQLAlchemy spells one database.
pub struct SqlAlchemyDialect {
    /// The `sqlalchemy.dialects` module of its types (`postgresql.JSONB`, `mysql.ENUM`).
    pub module: &'static str,
    /// The dialect names `TypeEngine.with_variant` is given (MariaDB's dialect may report
    /// `mariadb`) and the `info["dialects"]` of an index only some dialects have; `ddl_if`,
    /// which takes one name, gets the first.
    pub variant_names: &'static [&'static str],
    /// Options of every `op.create_table` in a revision, so that it writes the migration's
    /// `CREATE TABLE` suffix (the models leave the table options to the database's defaults).
    pub table_options: &'static [(&'static str, &'static str)],
    /// The table option that makes an autoincrement column `AUTOINCREMENT` (rowids are never
    /// reused), as the migration writes it; revisions and models both carry it.
    pub autoincrement_option: Option<&'static str>,
    /// The `alter_column` option that casts existing values to a new type (`USING`); the cast
    /// it carries is PostgreSQL's `col::text::type`, the only dialect that has one.
    pub alter_type_using_option: Option<&'static str>,
    /// The index option naming the access method (`USING HASH`).
    pub index_using_option: Option<&'static str>,
    /// The index option and value that make an index `FULLTEXT`.
    pub fulltext_option: Option<(&'static str, &'static str)>,
    /// The index option that gives columns prefix lengths (`"name"(20)`).
    pub prefix_length_option: Option<&'static str>,
    /// The index option that gives columns operator classes (`"title" gin_trgm_ops`).
    pub operator_class_option: Option<&'static str>,
    /// A `JSONB` column holds JSON text here (SQLite): models use `JsonText`, not `jsonb()`,
    /// which needs SQLite 3.45.
    pub jsonb_is_text: bool,
    /// `DATETIME` and `DECIMAL` columns hold whatever each client wrote (SQLite has no such
    /// types: Prisma Client writes Unix milliseconds and REAL numbers, SQLAlchemy text): models
    /// read them with `SqliteDateTime` and `SqliteDecimal`, as the field's annotation says.
    pub untyped_values: bool,
    /// The SQLAlchemy type of a column type in the dialect's canonical spelling, split into
    /// upper-case name, arguments and `UNSIGNED`; `None` for types the table lacks.
    pub column_type: fn(&str, &[String], bool, &mut Uses) -> Option<Expr>,
}

static POSTGRESQL: SqlAlchemyDialect = SqlAlchemyDialect {
    module: "postgresql",
    variant_names: &["postgresql"],
    table_options: &[],
    autoincrement_option: None,
    alter_type_using_option: Some("postgresql_using"),
    index_using_option: Some("postgresql_using"),
    fulltext_option: None,
    prefix_length_option: None,
    operator_class_option: Some("postgresql_ops"),
    jsonb_is_text: false,
    untyped_values: false,
    column_type: types::postgresql,
};

static MYSQL: SqlAlchemyDialect = SqlAlchemyDialect {
    module: "mysql",
    variant_names: &["mysql", "mariadb"],
    table_options: &[
        ("mysql_charset", "utf8mb4"),
        ("mysql_collate", "utf8mb4_unicode_ci"),
    ],
    autoincrement_option: None,
    alter_type_using_option: None,
    index_using_option: Some("mysql_using"),
    fulltext_option: Some(("mysql_prefix", "FULLTEXT")),
    prefix_length_option: Some("mysql_length"),
    operator_class_option: None,
    jsonb_is_text: false,
    untyped_values: false,
    column_type: types::mysql,
};

static SQLITE: SqlAlchemyDialect = SqlAlchemyDialect {
    module: "sqlite",
    variant_names: &["sqlite"],
    table_options: &[],
    autoincrement_option: Some("sqlite_autoincrement"),
    alter_type_using_option: None,
    index_using_option: None,
    fulltext_option: None,
    prefix_length_option: None,
    operator_class_option: None,
    jsonb_is_text: true,
    untyped_values: true,
    column_type: types::sqlite,
};

impl SqlAlchemyDialect {
    /// The entry for a migration dialect's database.
    pub fn of(provider: Provider) -> &'static SqlAlchemyDialect {
        match provider {
            Provider::Postgresql => &POSTGRESQL,
            Provider::Mysql => &MYSQL,
            Provider::Sqlite => &SQLITE,
            Provider::Mongodb => {
                panic!("SQLAlchemy maps SQL databases; MongoDB gets Pydantic documents")
            }
        }
    }
}
