//! The schema IR: what the Prisma schema says, in tether's own terms.
//!
//! Rules: built once by `load.rs` from psl's validated schema; nothing else constructs it from
//! text. It is neutral about databases and languages: it keeps what the user wrote (`@map`,
//! `map:` constraint names, `@db.*` native types as written) and leaves every derived name and
//! type to the lowering and the code generators. Items refer to each other by index (`ModelId`,
//! `FieldId`, `EnumId`), never by pointer.

use serde::Serialize;

/// Index of a model in `Schema::models`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ModelId(pub usize);

/// Index of an enum in `Schema::enums`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct EnumId(pub usize);

/// Index of a field in `Model::fields`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FieldId(pub usize);

pub use crate::provider::Provider;

#[derive(Debug, Clone, Serialize)]
pub struct Schema {
    pub provider: Provider,
    pub models: Vec<Model>,
    /// Views are not tables: migrations never create them; code generators may read them.
    pub views: Vec<Model>,
    pub enums: Vec<Enum>,
    pub composite_types: Vec<CompositeType>,
    pub relations: Vec<Relation>,
    /// PostgreSQL extensions the datasource names (`extensions = [...]`, the
    /// `postgresqlExtensions` preview feature).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<Extension>,
    /// `relationMode`: where relations are enforced.
    #[serde(skip_serializing_if = "RelationMode::is_foreign_keys")]
    pub relation_mode: RelationMode,
    /// The database schemas the datasource lists (`schemas = [...]`, multiSchema); empty when
    /// everything lives in the connection's schema.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<String>,
}

/// `relationMode = "foreignKeys"` (the default: the database enforces relations) or `"prisma"`
/// (the client does; the database has no foreign keys, as on PlanetScale and Vitess).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub enum RelationMode {
    #[default]
    ForeignKeys,
    Prisma,
}

impl RelationMode {
    pub fn is_foreign_keys(&self) -> bool {
        *self == RelationMode::ForeignKeys
    }
}

/// An extension as the datasource names it: `pg_trgm(map: "pg_trgm", schema: "public",
/// version: "1.6")`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extension {
    pub name: String,
    pub mapped_name: Option<String>,
    pub schema: Option<String>,
    pub version: Option<String>,
}

impl Extension {
    /// The extension's name in the database (`map:`, else the name).
    pub fn database_name(&self) -> &str {
        self.mapped_name.as_deref().unwrap_or(&self.name)
    }
}

impl Schema {
    pub fn model(&self, id: ModelId) -> &Model {
        &self.models[id.0]
    }

    pub fn enum_(&self, id: EnumId) -> &Enum {
        &self.enums[id.0]
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Model {
    pub name: String,
    /// `@@map` if given.
    pub mapped_name: Option<String>,
    pub documentation: Option<String>,
    pub fields: Vec<Field>,
    pub relation_fields: Vec<RelationField>,
    pub primary_key: Option<PrimaryKey>,
    /// In psl's order: field-level `@unique` first, then `@@index`, `@@unique`, `@@fulltext`,
    /// each group in schema order.
    pub indexes: Vec<Index>,
    /// `@@ignore`: the table exists in the database but clients do not see it.
    pub ignored: bool,
    /// `/// @tether.renamed(from: "old")`: the database name this model had before.
    pub renamed_from: Option<String>,
    /// `@@schema("...")`: the database schema the table lives in (multiSchema).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

impl Model {
    pub fn database_name(&self) -> &str {
        self.mapped_name.as_deref().unwrap_or(&self.name)
    }

    pub fn field(&self, id: FieldId) -> &Field {
        &self.fields[id.0]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Arity {
    Required,
    Optional,
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ScalarType {
    String,
    Int,
    BigInt,
    Float,
    Decimal,
    Boolean,
    DateTime,
    Json,
    Bytes,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FieldType {
    Scalar(ScalarType),
    Enum(EnumId),
    /// A composite type (MongoDB only in Prisma); kept so code generators can name it.
    Composite(String),
    /// `Unsupported("...")`: the database type, verbatim.
    Unsupported(String),
}

/// A `@db.*` attribute as written: `@db.VarChar(255)` is `{ name: "VarChar", args: ["255"] }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NativeType {
    pub name: String,
    pub args: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub name: String,
    /// `@map` if given.
    pub mapped_name: Option<String>,
    pub ty: FieldType,
    pub arity: Arity,
    pub native_type: Option<NativeType>,
    pub default: Option<DefaultValue>,
    pub updated_at: bool,
    /// `@ignore`
    pub ignored: bool,
    pub documentation: Option<String>,
    pub renamed_from: Option<String>,
    /// `/// @tether.default(sqlite: "(expr)", mysql: none)`: what a `dbgenerated(...)` default
    /// is on another dialect than the schema's (`None`: no default there).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dialect_defaults: Vec<(Provider, Option<String>)>,
}

impl Field {
    pub fn database_name(&self) -> &str {
        self.mapped_name.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum DefaultValue {
    Autoincrement,
    /// `auto()`: the database makes the value (MongoDB's ObjectId for `_id`).
    Auto,
    Now,
    Uuid {
        version: u8,
    },
    Cuid {
        version: u8,
    },
    Ulid,
    Nanoid {
        length: Option<u8>,
    },
    /// `dbgenerated("expr")`; `None` for a bare `dbgenerated()`.
    DbGenerated(Option<String>),
    Value(Literal),
    List(Vec<Literal>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Literal {
    String(String),
    /// Numbers keep their written text so that `1.50` stays `1.50`.
    Number(String),
    Boolean(bool),
    /// An enum value by its schema name.
    EnumValue(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SortOrder {
    Asc,
    Desc,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexField {
    pub field: FieldId,
    /// The fields of composite types below `field` (MongoDB `@@index([address.city])`: `city`),
    /// by database name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
    pub sort: Option<SortOrder>,
    pub length: Option<u32>,
    /// `ops:` (PostgreSQL operator classes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ops: Option<OperatorClass>,
}

/// An index field's operator class as the schema names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum OperatorClass {
    /// One Prisma knows: `JsonbPathOps`.
    Named(String),
    /// `raw("gin_trgm_ops")`: the database's own name.
    Raw(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum IndexKind {
    Normal,
    Unique,
    Fulltext,
}

#[derive(Debug, Clone, Serialize)]
pub struct Index {
    pub kind: IndexKind,
    pub fields: Vec<IndexField>,
    /// `map:` — the database name, if the user gave one.
    pub mapped_name: Option<String>,
    /// `name:` — the client-side name of a compound unique.
    pub client_name: Option<String>,
    /// `type:` (PostgreSQL: BTree, Hash, Gist, Gin, SpGist, Brin).
    pub algorithm: Option<String>,
    /// Written as `@unique` on a field rather than `@@unique` on the model.
    pub defined_on_field: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrimaryKey {
    pub fields: Vec<IndexField>,
    pub mapped_name: Option<String>,
    pub client_name: Option<String>,
    pub defined_on_field: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReferentialAction {
    Cascade,
    Restrict,
    NoAction,
    SetNull,
    SetDefault,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelationField {
    pub name: String,
    pub related_model: ModelId,
    pub arity: Arity,
    pub relation: usize,
    pub documentation: Option<String>,
    pub ignored: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    /// Prisma's relation name: the explicit `@relation("name")` or the generated `AToB`.
    pub name: String,
    pub kind: RelationKind,
}

#[derive(Debug, Clone, Serialize)]
pub enum RelationKind {
    /// A foreign key on `referencing_model` (1-1 and 1-n, and each half of an explicit m-n).
    Inline {
        referencing_model: ModelId,
        referencing_fields: Vec<FieldId>,
        referenced_model: ModelId,
        referenced_fields: Vec<FieldId>,
        /// Resolved with Prisma's defaults when the schema gives none.
        on_delete: ReferentialAction,
        on_update: ReferentialAction,
        mapped_name: Option<String>,
        one_to_one: bool,
        /// The relation field that carries `@relation(fields: ...)`.
        forward_field: Option<String>,
        back_field: Option<String>,
    },
    /// Prisma's implicit many-to-many: a join table `_<name>` with columns `A` and `B`.
    ImplicitManyToMany {
        model_a: ModelId,
        model_b: ModelId,
        field_a: String,
        field_b: String,
        /// The join table's name: `_` + relation name, or `@relation(map:)`... as psl computes it.
        table_name: String,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Enum {
    pub name: String,
    pub mapped_name: Option<String>,
    pub documentation: Option<String>,
    pub values: Vec<EnumValue>,
    /// `@@schema("...")`: the database schema the type lives in (multiSchema).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

impl Enum {
    pub fn database_name(&self) -> &str {
        self.mapped_name.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumValue {
    pub name: String,
    pub mapped_name: Option<String>,
    pub documentation: Option<String>,
}

impl EnumValue {
    pub fn database_name(&self) -> &str {
        self.mapped_name.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CompositeType {
    pub name: String,
    pub documentation: Option<String>,
    pub fields: Vec<Field>,
}
