//! Rust models: a struct per model and view, an enum per enum, in one module file.
//!
//! Rules: field types are `i32`, `i64`, `f64`, `bool`, `String`, `chrono::DateTime<chrono::Utc>`
//! (`chrono::NaiveDate` / `chrono::NaiveTime` for `@db.Date` / `@db.Time`), `rust_decimal::Decimal`,
//! `uuid::Uuid` (for `@db.Uuid`), `serde_json::Value`, `Vec<u8>`, wrapped in `Option` / `Vec`;
//! paths are written in full, so the module needs no `use` and shadows nothing. With `sqlx`, a
//! `DateTime` whose column keeps no time zone (everything but PostgreSQL's `@db.Timestamptz` and
//! MySQL's `@db.Timestamp`) is `chrono::NaiveDateTime`, the only type sqlx decodes a PostgreSQL
//! `TIMESTAMP` into; its values are UTC by Prisma's convention. Names follow Rust's conventions
//! (structs and variants in PascalCase, fields in snake_case) through `naming`; whenever a Rust
//! name differs from the JSON name, a `#[serde(rename)]` says the JSON name. `serde_rename`
//! picks the JSON names of fields and enum values together: the schema's names ("camelCase",
//! as Prisma Client and tether's TypeScript have them) or the database's (column names, mapped
//! enum values: "database"); sqlx always reads the database's. Ignored models and fields and
//! `Unsupported` fields are left out. The output is exactly what rustfmt prints (100 columns);
//! its line-breaking decisions are taken here, templates only lay pieces out. What sqlx does
//! differently per database is the data in `SqlxBackend`; nothing else compares providers.
//! A MongoDB schema gets `documents` instead: serde structs for the `bson` crate.

mod documents;

use super::naming::{self, RUST, Scope};
use super::{Context, client_fields, client_models};
use crate::config::{RustConfig, SerdeRename};
use crate::output::FileSet;
use crate::schema::ir::{Arity, Enum, Field, FieldType, Model, Provider, ScalarType};
use anyhow::{Result, bail};
use askama::Template;

/// rustfmt's default `max_width`.
const WIDTH: usize = 100;

const DEFAULT_DERIVES: [&str; 5] = [
    "Debug",
    "Clone",
    "PartialEq",
    "serde::Serialize",
    "serde::Deserialize",
];

/// Renders the configured Rust module into `set`.
pub fn render(ctx: &Context, cfg: &RustConfig, set: &mut FileSet) -> Result<()> {
    if !ctx.schema.provider.is_relational() {
        if cfg.sqlx || cfg.derives.is_some() {
            bail!(
                "rust: `sqlx` and `derives` are for SQL models; a MongoDB schema's structs derive serde for the `bson` crate"
            );
        }
        let text = documents::render_documents(ctx.schema, &ctx.header)?;
        set.insert(ctx.config.resolve(&cfg.out), text);
        return Ok(());
    }
    let module = Module::new(ctx, cfg)?;
    let mut blocks = Vec::new();
    for e in &module.enums {
        blocks.push(e.render()?);
    }
    for s in &module.structs {
        blocks.push(s.render()?);
    }
    if crate::codegen::client_models(ctx.schema)
        .any(|m| client_fields(m).any(|f| bytes_serde(f).is_some()))
    {
        blocks.push(BytesBase64Helper.render()?);
    }
    let file = ModuleFile {
        header: &ctx.header,
        blocks: &blocks,
    };
    let mut text = file.render()?;
    while text.ends_with('\n') {
        text.pop();
    }
    text.push('\n');
    set.insert(ctx.config.resolve(&cfg.out), text);
    Ok(())
}

/// The Rust names of a schema's types, decided once for the module.
pub(crate) struct TypeNames {
    pub models: Vec<String>,
    pub enums: Vec<String>,
}

impl TypeNames {
    pub(crate) fn new(models: &[&Model], enums: &[Enum]) -> TypeNames {
        let mut names = Scope::new().assign_converted(
            models
                .iter()
                .map(|m| m.name.as_str())
                .chain(enums.iter().map(|e| e.name.as_str())),
            type_name,
        );
        let enums = names.split_off(models.len());
        TypeNames {
            models: names,
            enums,
        }
    }
}

/// A struct, enum or variant name: the schema's name when it already is UpperCamelCase (and
/// not an all-capitals acronym, which clippy rejects), else its PascalCase form.
pub(crate) fn type_name(name: &str) -> String {
    let is_camel = name.chars().next().is_some_and(|c| !c.is_lowercase())
        && !name.contains('_')
        && name.chars().all(char::is_alphanumeric);
    let converted = if is_camel && !is_all_capitals(name) {
        name.to_owned()
    } else {
        let pascal = naming::pascal_case(name);
        if is_all_capitals(&pascal) {
            naming::pascal_case(&pascal.to_lowercase())
        } else {
            pascal
        }
    };
    RUST.identifier(&converted)
}

/// clippy's `upper_case_acronyms`: more than two letters, all capitals.
fn is_all_capitals(name: &str) -> bool {
    name.chars().count() > 2 && name.chars().all(|c| c.is_uppercase() || c.is_numeric())
}

/// A field name: the schema's name when it already is snake_case, else its snake_case form.
pub(crate) fn field_name(name: &str) -> String {
    let is_snake = name
        .chars()
        .all(|c| !c.is_uppercase() && (c.is_alphanumeric() || c == '_'));
    if is_snake {
        RUST.identifier(name)
    } else {
        RUST.identifier(&naming::snake_case(name))
    }
}

/// The name serde and sqlx see for an identifier: raw identifiers lose their `r#`.
fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

struct Module {
    structs: Vec<StructView>,
    enums: Vec<EnumView>,
}

impl Module {
    fn new(ctx: &Context, cfg: &RustConfig) -> Result<Module> {
        let derives = match &cfg.derives {
            Some(list) => {
                for d in list {
                    if !is_path(d) {
                        bail!(
                            "config: rust.derives: {d:?} is not a derive macro path (such as \"serde::Serialize\")"
                        );
                    }
                }
                list.clone()
            }
            None => DEFAULT_DERIVES.map(str::to_owned).to_vec(),
        };
        let rename = cfg.serde_rename.unwrap_or_default();
        let schema = ctx.schema;
        let sqlx = cfg.sqlx.then(|| SqlxBackend::of(schema.provider));
        let models: Vec<&Model> = client_models(schema).collect();
        let names = TypeNames::new(&models, &schema.enums);

        let mut struct_derives = derives.clone();
        if cfg.sqlx {
            add_derive(&mut struct_derives, "sqlx::FromRow", None);
        }
        let structs = models
            .iter()
            .zip(&names.models)
            .map(|(model, name)| StructView {
                doc: doc_lines(model.documentation.as_deref()),
                derive: derive_attr(&struct_derives),
                name: name.clone(),
                fields: struct_fields(model, &names, rename, sqlx),
            })
            .collect();

        let mut enum_derives = derives;
        add_derive(&mut enum_derives, "Copy", Some("Clone"));
        add_derive(&mut enum_derives, "Eq", Some("PartialEq"));
        add_derive(&mut enum_derives, "Hash", Some("Eq"));
        if cfg.sqlx {
            add_derive(&mut enum_derives, "sqlx::Type", None);
        }
        let enums = schema
            .enums
            .iter()
            .zip(&names.enums)
            .map(|(e, name)| enum_view(e, name, &enum_derives, rename, cfg.sqlx))
            .collect();
        Ok(Module { structs, enums })
    }
}

/// The generated fields of a model's struct, in the order of `client_fields`.
pub(crate) fn field_names(model: &Model) -> Vec<String> {
    Scope::new().assign_converted(client_fields(model).map(|f| f.name.as_str()), field_name)
}

/// `sqlx`: the database sqlx reads the rows from, if it does (see `field_type`).
fn struct_fields(
    model: &Model,
    names: &TypeNames,
    rename: SerdeRename,
    sqlx: Option<&SqlxBackend>,
) -> Vec<MemberView> {
    client_fields(model)
        .zip(field_names(model))
        .map(|(f, ident)| {
            let json_name = match rename {
                SerdeRename::CamelCase => f.name.as_str(),
                SerdeRename::Database => f.database_name(),
            };
            let mut attrs = Vec::new();
            if json_name != unraw(&ident) {
                attrs.push(member_attr("serde", "rename", json_name));
            }
            if sqlx.is_some() && f.database_name() != unraw(&ident) {
                attrs.push(member_attr("sqlx", "rename", f.database_name()));
            }
            if let Some(with) = bytes_serde(f) {
                attrs.push(member_attr("serde", "with", with));
            }
            MemberView {
                doc: doc_lines(f.documentation.as_deref()),
                attrs,
                decl: field_decl(&ident, &field_type(f, names, sqlx)),
            }
        })
        .collect()
}

/// The serde module that carries a `Bytes` field as base64 text, as Prisma Client's JSON does.
fn bytes_serde(f: &Field) -> Option<&'static str> {
    if !matches!(f.ty, FieldType::Scalar(ScalarType::Bytes)) {
        return None;
    }
    Some(match f.arity {
        Arity::Required => "bytes_base64",
        Arity::Optional => "bytes_base64::option",
        Arity::List => "bytes_base64::list",
    })
}

#[derive(Template)]
#[template(path = "rust/bytes_base64.rs.jinja", escape = "none")]
struct BytesBase64Helper;

/// `pub name: Type,` in a struct, as rustfmt prints it: the type on a line of its own when the
/// declaration does not fit in 100 columns.
fn field_decl(ident: &str, ty: &str) -> String {
    let one_line = format!("pub {ident}: {ty},");
    if fits(4, &one_line) {
        one_line
    } else {
        format!("pub {ident}:\n        {ty},")
    }
}

/// The Rust type of a field. `sqlx` is the database sqlx decodes the rows from, if it does: a
/// `DateTime` column without a time zone is then `chrono::NaiveDateTime` (sqlx decodes
/// PostgreSQL's `TIMESTAMP` into nothing else).
pub(crate) fn field_type(f: &Field, names: &TypeNames, sqlx: Option<&SqlxBackend>) -> String {
    let native = f.native_type.as_ref().map(|n| n.name.as_str());
    let base = match &f.ty {
        FieldType::Scalar(s) => match s {
            ScalarType::String if native == Some("Uuid") => "uuid::Uuid",
            ScalarType::String => "String",
            ScalarType::Int => "i32",
            ScalarType::BigInt => "i64",
            ScalarType::Float => "f64",
            ScalarType::Decimal => "rust_decimal::Decimal",
            ScalarType::Boolean => "bool",
            ScalarType::DateTime => match native {
                Some("Date") => "chrono::NaiveDate",
                Some("Time" | "Timetz") => "chrono::NaiveTime",
                _ if sqlx.is_some_and(|b| !b.keeps_instant(native)) => "chrono::NaiveDateTime",
                _ => "chrono::DateTime<chrono::Utc>",
            },
            ScalarType::Json => "serde_json::Value",
            ScalarType::Bytes => "Vec<u8>",
        }
        .to_owned(),
        FieldType::Enum(id) => names.enums[id.0].clone(),
        // Composite types exist only on MongoDB, which tether does not target.
        FieldType::Composite(_) | FieldType::Unsupported(_) => "serde_json::Value".to_owned(),
    };
    match f.arity {
        Arity::Required => base,
        Arity::Optional => format!("Option<{base}>"),
        Arity::List => format!("Vec<{base}>"),
    }
}

/// What sqlx decodes on one database: the one place the Rust generator tells databases apart.
pub(crate) struct SqlxBackend {
    /// The row type the tests check the derived `FromRow` against.
    // This and `decodes_decimal` are read only by the tests that compile the output with sqlx.
    #[cfg_attr(not(test), allow(dead_code))]
    pub row: &'static str,
    /// The native type of a `DateTime` column that holds an instant, which sqlx decodes into
    /// `DateTime<Utc>` (PostgreSQL's `TIMESTAMPTZ`, MySQL's `TIMESTAMP`); sqlx decodes every
    /// other date-time column into `NaiveDateTime` only.
    pub instant_native_type: Option<&'static str>,
    /// Whether sqlx decodes `Decimal` here (it has no SQLite decoder).
    #[cfg_attr(not(test), allow(dead_code))]
    pub decodes_decimal: bool,
}

impl SqlxBackend {
    /// The entry for the schema's provider.
    pub fn of(provider: Provider) -> &'static SqlxBackend {
        static POSTGRESQL: SqlxBackend = SqlxBackend {
            row: "sqlx::postgres::PgRow",
            instant_native_type: Some("Timestamptz"),
            decodes_decimal: true,
        };
        static MYSQL: SqlxBackend = SqlxBackend {
            row: "sqlx::mysql::MySqlRow",
            instant_native_type: Some("Timestamp"),
            decodes_decimal: true,
        };
        static SQLITE: SqlxBackend = SqlxBackend {
            row: "sqlx::sqlite::SqliteRow",
            instant_native_type: None,
            decodes_decimal: false,
        };
        match provider {
            Provider::Postgresql => &POSTGRESQL,
            Provider::Mysql => &MYSQL,
            Provider::Sqlite => &SQLITE,
            Provider::Mongodb => panic!("sqlx reads SQL databases; MongoDB gets serde documents"),
        }
    }

    /// Whether a `DateTime` column of native type `native` decodes into `DateTime<Utc>`.
    fn keeps_instant(&self, native: Option<&str>) -> bool {
        self.instant_native_type.is_some_and(|t| native == Some(t))
    }
}

/// The variants of an enum, in the order of its values.
pub(crate) fn variant_names(e: &Enum) -> Vec<String> {
    Scope::new().assign_converted(e.values.iter().map(|v| v.name.as_str()), type_name)
}

fn enum_view(
    e: &Enum,
    name: &str,
    derives: &[String],
    rename: SerdeRename,
    sqlx: bool,
) -> EnumView {
    let variant_names = variant_names(e);
    let mut attrs = Vec::new();
    if may_repeat_names(name, &variant_names) {
        attrs.push("#[allow(clippy::enum_variant_names)]".to_owned());
    }
    if sqlx {
        attrs.push(item_attr("sqlx", "type_name", e.database_name()));
    }
    let variants = e
        .values
        .iter()
        .zip(variant_names)
        .map(|(v, ident)| {
            let mut attrs = Vec::new();
            let json_name = enum_json_name(v, rename);
            if json_name != unraw(&ident) {
                attrs.push(member_attr("serde", "rename", json_name));
            }
            if sqlx && v.database_name() != unraw(&ident) {
                attrs.push(member_attr("sqlx", "rename", v.database_name()));
            }
            MemberView {
                doc: doc_lines(v.documentation.as_deref()),
                attrs,
                decl: format!("{ident},"),
            }
        })
        .collect();
    EnumView {
        doc: doc_lines(e.documentation.as_deref()),
        derive: derive_attr(derives),
        attrs,
        name: name.to_owned(),
        variants,
    }
}

/// An enum value in JSON: its schema name (as Prisma Client and tether's TypeScript write it)
/// or its database value, as `serde_rename` says for fields.
pub(crate) fn enum_json_name(v: &crate::schema::ir::EnumValue, rename: SerdeRename) -> &str {
    match rename {
        SerdeRename::CamelCase => &v.name,
        SerdeRename::Database => v.database_name(),
    }
}

/// Whether clippy's `enum_variant_names` might fire: three or more variants that share their
/// first or last word, or a variant that starts or ends with the enum's name. Errs on the side
/// of allowing: an `allow` that is not needed costs nothing.
fn may_repeat_names(enum_name: &str, variants: &[String]) -> bool {
    if variants.len() < 3 {
        return false;
    }
    let words: Vec<Vec<String>> = variants.iter().map(|v| naming::words(v)).collect();
    let shared = |pick: fn(&Vec<String>) -> Option<&String>| {
        let first = pick(&words[0]);
        first.is_some() && words.iter().all(|w| pick(w) == first)
    };
    let unraw_name = unraw(enum_name);
    shared(|w| w.first())
        || shared(|w| w.last())
        || variants
            .iter()
            .any(|v| v.starts_with(unraw_name) || v.ends_with(unraw_name))
}

/// Adds `derive` after `after` (or at the end) unless it is there already or `after` is not.
fn add_derive(derives: &mut Vec<String>, derive: &str, after: Option<&str>) {
    if derives.iter().any(|d| d == derive) {
        return;
    }
    match after {
        None => derives.push(derive.to_owned()),
        Some(after) => {
            if let Some(i) = derives.iter().position(|d| d == after) {
                derives.insert(i + 1, derive.to_owned());
            }
        }
    }
}

/// `Name` or `path::to::Name`.
fn is_path(text: &str) -> bool {
    text.split("::").all(|segment| {
        let mut chars = segment.chars();
        chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && chars.all(|c| c.is_alphanumeric() || c == '_')
    })
}

/// `#[derive(...)]` at the top level, as rustfmt prints it: on one line if it fits in 96
/// columns (rustfmt keeps room for the list's own indentation), else all derives on one
/// indented line if they fit without the trailing comma, else one derive per line.
fn derive_attr(derives: &[String]) -> String {
    let list = derives.join(", ");
    let one_line = format!("#[derive({list})]");
    if fits(4, &one_line) {
        one_line
    } else if fits(4, &list) {
        format!("#[derive(\n    {list},\n)]")
    } else {
        let mut out = "#[derive(\n".to_owned();
        for d in derives {
            out.push_str(&format!("    {d},\n"));
        }
        out.push_str(")]");
        out
    }
}

/// `#[name(key = "value")]` on a struct or enum, as rustfmt prints it: broken inside the
/// parentheses when the line does not fit in 100 columns.
fn item_attr(name: &str, key: &str, value: &str) -> String {
    attr(0, 0, name, key, value)
}

/// `#[name(key = "value")]` on a field or variant (indented 4): rustfmt keeps one column for
/// the member's trailing comma, so the line must fit in 99.
fn member_attr(name: &str, key: &str, value: &str) -> String {
    attr(4, 1, name, key, value)
}

fn attr(indent: usize, reserved: usize, name: &str, key: &str, value: &str) -> String {
    let arg = format!("{key} = {}", naming::double_quoted(value));
    let one_line = format!("#[{name}({arg})]");
    if fits(indent + reserved, &one_line) {
        one_line
    } else {
        let pad = " ".repeat(indent);
        format!("#[{name}(\n{pad}    {arg}\n{pad})]")
    }
}

fn fits(indent: usize, line: &str) -> bool {
    indent + naming::display_width(line) <= WIDTH
}

/// `///` lines for schema documentation.
fn doc_lines(doc: Option<&str>) -> Vec<String> {
    let Some(doc) = doc.filter(|d| !d.trim().is_empty()) else {
        return Vec::new();
    };
    doc.lines()
        .map(|line| {
            let line = line.trim_end();
            if line.is_empty() {
                "///".to_owned()
            } else {
                format!("/// {line}")
            }
        })
        .collect()
}

/// A field or a variant: documentation, attributes, and the declaration itself.
struct MemberView {
    doc: Vec<String>,
    attrs: Vec<String>,
    /// May span lines; continuation lines carry their own indentation.
    decl: String,
}

#[derive(Template)]
#[template(path = "rust/struct.rs.jinja", escape = "none")]
struct StructView {
    doc: Vec<String>,
    derive: String,
    name: String,
    fields: Vec<MemberView>,
}

#[derive(Template)]
#[template(path = "rust/enum.rs.jinja", escape = "none")]
struct EnumView {
    doc: Vec<String>,
    derive: String,
    attrs: Vec<String>,
    name: String,
    variants: Vec<MemberView>,
}

#[derive(Template)]
#[template(path = "rust/module.rs.jinja", escape = "none")]
struct ModuleFile<'a> {
    header: &'a str,
    blocks: &'a [String],
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::harness;
    use crate::config::RawConfig;
    use crate::schema::ir::Schema;
    use std::fmt::Write;
    use std::path::Path;

    fn render_module(schema: &Schema, cfg: RustConfig) -> String {
        let config = harness::config(
            Path::new("/out"),
            RawConfig {
                rust: Some(cfg),
                ..Default::default()
            },
        );
        let set =
            crate::codegen::render_all(schema, &config, Path::new("/out/schema.prisma")).unwrap();
        assert_eq!(set.files.len(), 1);
        set.files.into_values().next().unwrap()
    }

    fn cfg(rename: SerdeRename) -> RustConfig {
        options(rename, None, false)
    }

    fn options(rename: SerdeRename, derives: Option<Vec<String>>, sqlx: bool) -> RustConfig {
        RustConfig {
            out: "models.rs".into(),
            derives,
            sqlx,
            serde_rename: Some(rename),
        }
    }

    /// A value of a field's type, as Rust source, in the module `module` of the check crate.
    fn sample(f: &Field, names: &TypeNames, schema: &Schema, module: &str, sqlx: bool) -> String {
        let native = f.native_type.as_ref().map(|n| n.name.as_str());
        let backend = sqlx.then(|| SqlxBackend::of(schema.provider));
        let naive = field_type(f, names, backend).contains("NaiveDateTime");
        let one = match &f.ty {
            FieldType::Scalar(s) => match s {
                ScalarType::String if native == Some("Uuid") => {
                    "uuid::Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef)".to_owned()
                }
                ScalarType::String => r#""é \" \\ 日本 */".to_owned()"#.to_owned(),
                ScalarType::Int => "-7".to_owned(),
                ScalarType::BigInt => "9_007_199_254_740_993".to_owned(),
                ScalarType::Float => "0.1".to_owned(),
                ScalarType::Decimal => {
                    "\"12.50\".parse::<rust_decimal::Decimal>().unwrap()".to_owned()
                }
                ScalarType::Boolean => "true".to_owned(),
                ScalarType::DateTime => match native {
                    Some("Date") => "chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()",
                    Some("Time" | "Timetz") => {
                        "chrono::NaiveTime::from_hms_micro_opt(23, 59, 58, 123_456).unwrap()"
                    }
                    _ if naive => {
                        "chrono::DateTime::from_timestamp_millis(1_700_000_000_123).unwrap().naive_utc()"
                    }
                    _ => "chrono::DateTime::from_timestamp_millis(1_700_000_000_123).unwrap()",
                }
                .to_owned(),
                ScalarType::Json => {
                    r#"serde_json::json!({"a": [1, "b", null, {"c": true}]})"#.to_owned()
                }
                ScalarType::Bytes => "vec![0, 255]".to_owned(),
            },
            FieldType::Enum(id) => {
                let variant = variant_names(schema.enum_(*id)).pop().unwrap();
                format!(
                    "crate::generated::{module}::{}::{variant}",
                    names.enums[id.0]
                )
            }
            FieldType::Composite(_) | FieldType::Unsupported(_) => "serde_json::json!(1)".into(),
        };
        match f.arity {
            Arity::Required => one,
            Arity::Optional => format!("Some({one})"),
            Arity::List => format!("vec![{one}]"),
        }
    }

    /// Tests, in the check crate, that every struct and enum of `module` survives a JSON round
    /// trip (once with every field set, once with every optional field empty) under the JSON
    /// names that `rename` promises, and that enums serialize as those names say. With `sqlx`,
    /// each struct must be `sqlx::FromRow` for the rows of the schema's provider (but structs
    /// with a `Decimal` on SQLite, where sqlx has none).
    fn round_trip_tests(schema: &Schema, module: &str, rename: SerdeRename, sqlx: bool) -> String {
        let models: Vec<&Model> = client_models(schema).collect();
        let names = TypeNames::new(&models, &schema.enums);
        let mut out = String::from("// Written by tether's tests: JSON round trips.\n\n");
        for (i, model) in models.iter().enumerate() {
            let path = format!("crate::generated::{module}::{}", names.models[i]);
            let (mut full, mut empty) = (String::new(), String::new());
            let mut keys = Vec::new();
            for (f, ident) in client_fields(model).zip(field_names(model)) {
                let value = sample(f, &names, schema, module, sqlx);
                writeln!(full, "        {ident}: {value},").unwrap();
                let value = match f.arity {
                    Arity::Optional => "None".to_owned(),
                    Arity::List => "vec![]".to_owned(),
                    Arity::Required => value,
                };
                writeln!(empty, "        {ident}: {value},").unwrap();
                keys.push(naming::double_quoted(match rename {
                    SerdeRename::CamelCase => &f.name,
                    SerdeRename::Database => f.database_name(),
                }));
            }
            keys.sort();
            write!(
                out,
                r#"#[test]
fn model_{i}() {{
    let full = {path} {{
{full}    }};
    let empty = {path} {{
{empty}    }};
    for value in [full, empty] {{
        let text = serde_json::to_string(&value).unwrap();
        let back: {path} = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "{{text}}");
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(keys, [{keys}] as [&str; {count}]);
    }}
}}

"#,
                keys = keys.join(", "),
                count = keys.len(),
            )
            .unwrap();
        }
        for (i, e) in schema.enums.iter().enumerate() {
            let path = format!("crate::generated::{module}::{}", names.enums[i]);
            let mut pairs = String::new();
            for (v, variant) in e.values.iter().zip(variant_names(e)) {
                let json = naming::double_quoted(enum_json_name(v, rename));
                writeln!(pairs, "        ({path}::{variant}, {json}),").unwrap();
            }
            write!(
                out,
                r#"#[test]
fn enum_{i}() {{
    for (value, json) in [
{pairs}    ] {{
        assert_eq!(serde_json::to_value(value).unwrap(), serde_json::json!(json));
        let back: {path} = serde_json::from_value(serde_json::json!(json)).unwrap();
        assert_eq!(back, value);
    }}
}}

"#
            )
            .unwrap();
        }
        if sqlx {
            let backend = SqlxBackend::of(schema.provider);
            let row = backend.row;
            let mut calls = String::new();
            for (i, model) in models.iter().enumerate() {
                let decimal = client_fields(model)
                    .any(|f| matches!(f.ty, FieldType::Scalar(ScalarType::Decimal)));
                if decimal && !backend.decodes_decimal {
                    continue;
                }
                writeln!(
                    calls,
                    "    from_row::<crate::generated::{module}::{}>();",
                    names.models[i]
                )
                .unwrap();
            }
            write!(
                out,
                r#"/// Every struct decodes from the provider's rows (checked by the compiler).
#[test]
fn from_row() {{
    fn from_row<T: for<'r> sqlx::FromRow<'r, {row}>>() {{}}
{calls}}}
"#
            )
            .unwrap();
        }
        out
    }

    /// Every schema's generated module passes `rustfmt --check`, compiles warning-free under
    /// `cargo clippy -- -D warnings` in a crate with the pinned dependencies, and round-trips
    /// through JSON; the example schema's rows, read from SQLite, deserialize into its structs.
    #[test]
    fn generated_rust_passes_rustfmt_clippy_and_reads_rows() {
        let mut modules = Vec::new();
        for (case, path) in harness::schemas() {
            let schema = harness::load(&path);
            let module = case.replace('-', "_");
            modules.push((
                module.clone(),
                schema.clone(),
                SerdeRename::CamelCase,
                false,
            ));
            // Every schema with sqlx too; JSON names as the database has them for some.
            let sqlx_rename = if case == "example" || case == "hostile" {
                modules.push((
                    format!("{module}_db"),
                    schema.clone(),
                    SerdeRename::Database,
                    false,
                ));
                SerdeRename::Database
            } else {
                SerdeRename::CamelCase
            };
            modules.push((format!("{module}_sqlx"), schema, sqlx_rename, true));
        }
        let mut files = Vec::new();
        let mut lib = String::from(
            "//! Written by tether's tests: the generated modules and their round trips.\n\npub mod generated {\n",
        );
        let mut tests = String::from("#[cfg(test)]\nmod roundtrip {\n");
        for (module, schema, rename, sqlx) in &modules {
            files.push((
                format!("src/generated/{module}.rs"),
                render_module(schema, options(*rename, None, *sqlx)),
            ));
            files.push((
                format!("src/roundtrip/{module}.rs"),
                round_trip_tests(schema, module, *rename, *sqlx),
            ));
            writeln!(lib, "    pub mod {module};").unwrap();
            writeln!(tests, "    mod {module};").unwrap();
        }
        lib.push_str("}\n\n");
        lib.push_str(&tests);
        lib.push_str("}\n\n");
        lib.push_str(harness::EXAMPLE_MODULES);
        files.push(("src/lib.rs".to_owned(), lib));
        harness::check_rust_crate(&files, &["example"], &[]);
    }

    /// A file of lines at and around each of rustfmt's width limits, as this module prints
    /// them, must be what rustfmt prints.
    #[test]
    fn line_breaking_matches_rustfmt() {
        let mut text = String::new();
        for n in 80..=110 {
            let long = "X".repeat(n);
            let derives: Vec<String> = vec![format!("A{long}")];
            let three = vec![
                "Debug".to_owned(),
                format!("B{}", &long[..n / 2]),
                "C".to_owned(),
            ];
            let many: Vec<String> = (0..n / 8).map(|i| format!("derive_{i}::D")).collect();
            for list in [derives, three, many] {
                writeln!(text, "{}\npub struct S{n};\n", derive_attr(&list)).unwrap();
            }
            let name = "x".repeat(n.saturating_sub(30));
            writeln!(
                text,
                "pub struct F{n} {{\n    {}\n    {}\n    {}\n}}\n",
                member_attr("serde", "rename", &name),
                field_decl(&name, "Option<chrono::DateTime<chrono::Utc>>"),
                field_decl(&name[..name.len() / 2], "i32"),
            )
            .unwrap();
            writeln!(
                text,
                "{}\npub enum E{n} {{\n    {}\n    V,\n}}\n",
                item_attr("sqlx", "type_name", &name),
                member_attr("serde", "rename", &name),
            )
            .unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lines.rs");
        std::fs::write(&file, text.trim_end().to_owned() + "\n").unwrap();
        harness::check_rustfmt("rustfmt --check (line limits)", &[file]);
    }

    /// Options the check crate does not compile (sqlx, long derive lists) still give output
    /// that rustfmt leaves alone, for every schema.
    #[test]
    fn every_option_is_rustfmt_clean() {
        let dir = tempfile::tempdir().unwrap();
        let long_derives: Vec<String> = DEFAULT_DERIVES
            .iter()
            .map(|d| d.to_string())
            .chain(["Eq", "PartialOrd", "Ord", "Hash", "Default"].map(str::to_owned))
            .collect();
        for (case, path) in harness::schemas() {
            let schema = harness::load(&path);
            for (variant, derives, sqlx) in [
                ("sqlx", None, true),
                ("derives", Some(long_derives.clone()), true),
            ] {
                let text = render_module(&schema, options(SerdeRename::Database, derives, sqlx));
                std::fs::write(dir.path().join(format!("{case}_{variant}.rs")), text).unwrap();
            }
        }
        let files: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        harness::check_rustfmt("rustfmt --check (sqlx, long derives)", &files);
    }

    #[test]
    fn rejects_a_derive_that_is_not_a_path() {
        let schema = harness::load(&harness::repo_root().join("schema/schema.prisma"));
        let derives = vec!["Debug".into(), "serde::Serialize, Eq".into()];
        let config = harness::config(
            Path::new("/out"),
            RawConfig {
                rust: Some(options(SerdeRename::CamelCase, Some(derives), false)),
                ..Default::default()
            },
        );
        let err = crate::codegen::render_all(&schema, &config, Path::new("s.prisma"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("rust.derives") && err.contains("serde::Serialize, Eq"),
            "{err}"
        );
    }

    /// The README's example, whole: what a reviewer should expect from the defaults.
    #[test]
    fn renders_the_example() {
        let schema = harness::load(&harness::repo_root().join("schema/schema.prisma"));
        let text = render_module(&schema, cfg(SerdeRename::CamelCase));
        assert_eq!(
            text,
            r#"// generated by tether from schema.prisma; do not edit

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Role {
    #[serde(rename = "ADMIN")]
    Admin,
    #[serde(rename = "EDITOR")]
    Editor,
    #[serde(rename = "READER")]
    Reader,
}

/// A person who writes posts.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct User {
    pub id: i32,
    pub email: String,
    pub name: Option<String>,
    pub role: Role,
    #[serde(rename = "createdAt")]
    pub created_at: chrono::DateTime<chrono::Utc>,
    #[serde(rename = "updatedAt")]
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    pub id: i32,
    pub bio: String,
    #[serde(rename = "userId")]
    pub user_id: i32,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Post {
    pub id: i32,
    pub title: String,
    pub body: Option<String>,
    pub published: bool,
    pub views: i64,
    pub rating: Option<f64>,
    pub price: Option<rust_decimal::Decimal>,
    pub metadata: Option<serde_json::Value>,
    #[serde(with = "bytes_base64::option")]
    pub cover: Option<Vec<u8>>,
    #[serde(rename = "authorId")]
    pub author_id: i32,
    #[serde(rename = "publishedAt")]
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Tag {
    pub id: i32,
    pub name: String,
}

"#
            .to_owned()
                // The helper module is its template's text: it has no placeholders.
                + include_str!("../../templates/rust/bytes_base64.rs.jinja")
        );
    }

    /// With sqlx, a `DateTime` is `NaiveDateTime` where the column keeps no time zone, and
    /// `DateTime<Utc>` on PostgreSQL's `TIMESTAMPTZ` and MySQL's `TIMESTAMP`, as sqlx decodes
    /// them; without sqlx it is `DateTime<Utc>` everywhere.
    #[test]
    fn sqlx_datetimes_follow_the_column() {
        for (case, instant, naive) in [
            ("everything-postgresql", "created_at", "updated_at"),
            ("everything-mysql", "updated_at", "created_at"),
        ] {
            let schema =
                harness::load(&harness::repo_root().join(format!("fixtures/{case}/schema.prisma")));
            let text = render_module(&schema, options(SerdeRename::Database, None, true));
            for expected in [
                format!("    pub {instant}: chrono::DateTime<chrono::Utc>,\n"),
                format!("    pub {naive}: chrono::NaiveDateTime,\n"),
            ] {
                assert!(text.contains(&expected), "{case}: no {expected} in\n{text}");
            }
            let text = render_module(&schema, cfg(SerdeRename::Database));
            assert!(!text.contains("NaiveDateTime"), "{case}: {text}");
        }
    }

    /// Enum values in JSON follow `serde_rename` as fields do: schema names in "camelCase" (as
    /// Prisma Client and the TypeScript output), database values in "database"; sqlx always
    /// reads database values.
    #[test]
    fn enum_json_names_follow_serde_rename() {
        let schema = harness::load(
            &harness::repo_root().join("fixtures/everything-postgresql/schema.prisma"),
        );
        let camel = render_module(&schema, options(SerdeRename::CamelCase, None, true));
        assert!(
            camel.contains(
                "    #[serde(rename = \"EDITOR\")]\n    #[sqlx(rename = \"editor\")]\n    Editor,\n"
            ),
            "{camel}"
        );
        let database = render_module(&schema, options(SerdeRename::Database, None, true));
        assert!(
            database.contains(
                "    #[serde(rename = \"editor\")]\n    #[sqlx(rename = \"editor\")]\n    Editor,\n"
            ),
            "{database}"
        );
    }

    /// sqlx: `FromRow` and `Type` derived, `#[sqlx(rename)]` wherever a column or database
    /// value differs from the Rust name; with `serde_rename = "database"` JSON needs none.
    #[test]
    fn renders_sqlx_attributes() {
        let schema = harness::load(&harness::repo_root().join("schema/schema.prisma"));
        let text = render_module(&schema, options(SerdeRename::Database, None, true));
        for expected in [
            "#[derive(\n    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, sqlx::Type,\n)]\n#[sqlx(type_name = \"Role\")]\npub enum Role {\n    #[serde(rename = \"ADMIN\")]\n    #[sqlx(rename = \"ADMIN\")]\n    Admin,",
            "#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]\npub struct User {",
            "    pub created_at: chrono::NaiveDateTime,\n",
        ] {
            assert!(text.contains(expected), "missing:\n{expected}\nin:\n{text}");
        }
        let hostile =
            harness::load(&harness::repo_root().join("tests/toolchains/hostile/schema.prisma"));
        let text = render_module(&hostile, options(SerdeRename::CamelCase, None, true));
        assert!(
            text.contains("    #[serde(rename = \"self\")]\n    #[sqlx(rename = \"prénom\")]\n    pub self_: String,\n"),
            "{text}"
        );
    }
}
