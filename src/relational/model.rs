//! The relational model: what a database holds, in one shape for every dialect and every source.
//!
//! Rules: lowering the IR, replaying a migrations folder and introspecting a live database all
//! produce a `DbSchema`, and all produce it *normalized* (types and defaults in the dialect's
//! canonical spelling, see `Dialect::normalize_type`), so that comparing two of them is plain
//! equality. Names are database names. Order of tables, columns and indexes follows the source
//! (schema order), but nothing compares by position.

use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DbSchema {
    pub tables: Vec<Table>,
    /// Native enum types (PostgreSQL `CREATE TYPE`); on MySQL the values of inline `ENUM(...)`.
    pub enums: Vec<DbEnum>,
}

impl DbSchema {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    pub fn table_mut(&mut self, name: &str) -> Option<&mut Table> {
        self.tables.iter_mut().find(|t| t.name == name)
    }

    pub fn enum_(&self, name: &str) -> Option<&DbEnum> {
        self.enums.iter().find(|e| e.name == name)
    }
}

/// The shortest identifier `truncated_to` takes for a truncated one: callers that index names
/// (codegen) only need to search names at least this long by prefix.
pub const TRUNCATED_MIN_LEN: usize = 60;

/// Is `stored` what a database keeps of the longer identifier `name`? (PostgreSQL keeps 63
/// bytes, MySQL 64; cut at a character boundary, so a few bytes less.)
pub fn truncated_to(name: &str, stored: &str) -> bool {
    stored.len() >= TRUNCATED_MIN_LEN && name.len() > stored.len() && name.starts_with(stored)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbEnum {
    pub name: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub primary_key: Option<PrimaryKey>,
    /// Unique and non-unique indexes (a `@unique` is a unique index, as Prisma makes it).
    pub indexes: Vec<Index>,
    pub foreign_keys: Vec<ForeignKey>,
}

impl Table {
    pub fn new(name: impl Into<String>) -> Table {
        Table {
            name: name.into(),
            columns: Vec::new(),
            primary_key: None,
            indexes: Vec::new(),
            foreign_keys: Vec::new(),
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.name == name)
    }

    /// The column a schema field name became (the same name, or its prefix where the database truncated a long identifier:
    /// `lower::fit_identifiers`).
    pub fn column_for_schema_name(&self, name: &str) -> Option<&Column> {
        self.column(name)
            .or_else(|| self.columns.iter().find(|c| truncated_to(name, &c.name)))
    }

    pub fn index(&self, name: &str) -> Option<&Index> {
        self.indexes.iter().find(|i| i.name == name)
    }

    pub fn foreign_key(&self, name: &str) -> Option<&ForeignKey> {
        self.foreign_keys.iter().find(|f| f.name == name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ColumnType {
    /// A type in the dialect's canonical spelling: `TEXT`, `VARCHAR(255)`, `TIMESTAMP(3)`.
    Named(String),
    /// A reference to an enum in `DbSchema::enums` (PostgreSQL type, MySQL inline ENUM).
    Enum(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub name: String,
    pub ty: ColumnType,
    /// PostgreSQL arrays (`TEXT[]`).
    pub array: bool,
    pub nullable: bool,
    /// The DEFAULT expression in the dialect's canonical spelling; `None` for no default.
    pub default: Option<String>,
    /// SERIAL / AUTO_INCREMENT / SQLite's INTEGER PRIMARY KEY AUTOINCREMENT.
    pub autoincrement: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrimaryKey {
    /// `None` where the dialect does not keep primary key names (SQLite, MySQL).
    pub name: Option<String>,
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum IndexKind {
    Normal,
    Unique,
    Fulltext,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexColumn {
    pub name: String,
    pub descending: bool,
    pub length: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Index {
    pub name: String,
    pub kind: IndexKind,
    pub columns: Vec<IndexColumn>,
    /// Access method where not the default (PostgreSQL `USING HASH`), upper case.
    pub algorithm: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReferentialAction {
    Cascade,
    Restrict,
    NoAction,
    SetNull,
    SetDefault,
}

impl ReferentialAction {
    pub fn sql(self) -> &'static str {
        match self {
            ReferentialAction::Cascade => "CASCADE",
            ReferentialAction::Restrict => "RESTRICT",
            ReferentialAction::NoAction => "NO ACTION",
            ReferentialAction::SetNull => "SET NULL",
            ReferentialAction::SetDefault => "SET DEFAULT",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    pub referenced_table: String,
    pub referenced_columns: Vec<String>,
    pub on_delete: ReferentialAction,
    pub on_update: ReferentialAction,
}
