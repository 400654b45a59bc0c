//! The relational model: what a database holds, in one shape for every dialect and every source.
//!
//! Rules: lowering the IR, replaying a migrations folder and introspecting a live database all
//! produce a `DbSchema`, and all produce it *normalized* (types through the dialect's type map,
//! defaults through `dialect::defaults`), so that comparing two of them is plain equality: no
//! type or default is a string to re-parse. Names are database names. Order of tables, columns
//! and indexes follows the source (schema order), but nothing compares by position.

use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DbSchema {
    pub tables: Vec<Table>,
    /// Native enum types (PostgreSQL `CREATE TYPE`); on MySQL the values of inline `ENUM(...)`.
    pub enums: Vec<DbEnum>,
    /// Installed extensions (PostgreSQL).
    pub extensions: Vec<DbExtension>,
    /// The database schemas a multiSchema schema places tables and types in (PostgreSQL
    /// `CREATE SCHEMA`); empty when everything is in the connection's schema.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<String>,
}

/// An extension, by its database name. `schema` and `version` are what the schema asks for;
/// `None` asks for nothing in particular (inspection leaves them out for the same reason).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbExtension {
    pub name: String,
    pub schema: Option<String>,
    pub version: Option<String>,
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

    /// The database schema a table (or, failing that, a type) of this name is in, where the
    /// schema places it in one (multiSchema). Names are unique across schemas (`schema::load`
    /// refuses a schema that repeats one), so the name alone finds it.
    pub fn namespace_of(&self, name: &str) -> Option<&str> {
        match self.table(name) {
            Some(t) => t.namespace.as_deref(),
            None => self.enum_(name).and_then(|e| e.namespace.as_deref()),
        }
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
    /// The database schema the type is in (multiSchema); `None`: the connection's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub name: String,
    /// The database schema the table is in (multiSchema); `None`: the connection's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
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
            namespace: None,
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

/// A column's type: a database type, or one of the schema's enums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ColumnType {
    Native(NativeType),
    /// A reference to an enum in `DbSchema::enums` (PostgreSQL type, MySQL inline ENUM).
    Enum(String),
}

impl ColumnType {
    /// The database type, if the column is not an enum.
    pub fn native(&self) -> Option<&NativeType> {
        match self {
            ColumnType::Native(t) => Some(t),
            ColumnType::Enum(_) => None,
        }
    }

    /// The type's family: the Prisma scalar it holds (an enum column holds an enum).
    pub fn family(&self) -> Option<TypeFamily> {
        self.native().map(|t| t.family)
    }
}

/// What kind of value a database type holds, as the Prisma scalar that maps to it by default or
/// through a `@db.*` attribute. Each dialect's type map (`dialect/<name>/types.rs`) decides it,
/// so a type read from a catalog maps back to the schema's terms (for `db pull`) and defaults
/// are read by the kind of value they are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TypeFamily {
    String,
    Int,
    BigInt,
    Float,
    Decimal,
    Boolean,
    DateTime,
    Json,
    Bytes,
    /// A type Prisma has no scalar for (`Unsupported("...")` in a schema).
    Unsupported,
}

/// A database type in the dialect's canonical spelling: upper-case name (`VARCHAR`,
/// `DOUBLE PRECISION`), numeric arguments (`[65, 30]`), MySQL's `UNSIGNED`. A type the dialect
/// does not know keeps its declared text as `name`, with no arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NativeType {
    pub family: TypeFamily,
    pub name: String,
    pub args: Vec<u32>,
    pub unsigned: bool,
}

impl NativeType {
    pub fn new(family: TypeFamily, name: impl Into<String>, args: Vec<u32>) -> NativeType {
        NativeType {
            family,
            name: name.into(),
            args,
            unsigned: false,
        }
    }

    /// Is this the type `name` with no arguments?
    pub fn is(&self, name: &str) -> bool {
        self.name == name && self.args.is_empty() && !self.unsigned
    }
}

/// The type as SQL: `VARCHAR(255)`, `DECIMAL(65,30)`, `INTEGER UNSIGNED`.
impl std::fmt::Display for NativeType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)?;
        if !self.args.is_empty() {
            let args: Vec<String> = self.args.iter().map(u32::to_string).collect();
            write!(f, "({})", args.join(","))?;
        }
        if self.unsigned {
            f.write_str(" UNSIGNED")?;
        }
        Ok(())
    }
}

/// A column default: what it is (`value`, normalized, the only part compared) and how its source
/// wrote it (`sql`, what migrations render, so that Prisma's spelling is kept).
#[derive(Debug, Clone, Serialize)]
pub struct ColumnDefault {
    pub value: DefaultValue,
    pub sql: String,
}

impl PartialEq for ColumnDefault {
    fn eq(&self, other: &ColumnDefault) -> bool {
        self.value == other.value
    }
}

/// The kinds of default, each normalized by whoever produces it (lowering, replay,
/// introspection: `dialect::defaults`), so that the same default read from a schema, a
/// migration file or a catalog is equal. `dbgenerated("...")` is read like a catalog's text: it
/// is whatever kind its SQL is. Autoincrement is `Column::autoincrement`, not a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DefaultValue {
    /// `CURRENT_TIMESTAMP`, `now()`; MySQL's `CURRENT_TIMESTAMP(3)` keeps its precision.
    Now {
        precision: Option<u32>,
    },
    Literal(Literal),
    /// `ARRAY[...]` (PostgreSQL lists).
    List(Vec<DefaultValue>),
    /// Any other expression, in canonical form (casts and outer parentheses dropped).
    Expression(String),
}

/// A literal default value, normalized: numbers without trailing zeros, timestamps in one
/// spelling with a UTC offset dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Literal {
    String(String),
    Number(String),
    Boolean(bool),
    Timestamp(String),
    /// A JSON document, compact with its keys sorted.
    Json(String),
    /// Bytes, as lower-case hex digits.
    Bytes(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub name: String,
    pub ty: ColumnType,
    /// PostgreSQL arrays (`TEXT[]`).
    pub array: bool,
    pub nullable: bool,
    pub default: Option<ColumnDefault>,
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

#[derive(Debug, Clone, Serialize)]
pub struct IndexColumn {
    pub name: String,
    pub descending: bool,
    pub length: Option<u32>,
    /// The operator class as the source names it (PostgreSQL `gin_trgm_ops`).
    pub ops: Option<String>,
    /// `ops` is the default class of the column's type for the index's method: the same index
    /// as none, so it is not compared (it is still written, as Prisma writes it).
    pub default_ops: bool,
}

impl IndexColumn {
    /// The operator class that makes a difference to the index.
    pub fn significant_ops(&self) -> Option<&str> {
        self.ops.as_deref().filter(|_| !self.default_ops)
    }
}

impl PartialEq for IndexColumn {
    fn eq(&self, other: &IndexColumn) -> bool {
        self.name == other.name
            && self.descending == other.descending
            && self.length == other.length
            && self.significant_ops() == other.significant_ops()
    }
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
