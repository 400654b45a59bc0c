//! Rust models: a struct per model and view, an enum per enum, in one module file.
//!
//! Rules: field types are `i32`, `i64`, `f64`, `bool`, `String`, `chrono::DateTime<chrono::Utc>`
//! (`chrono::NaiveDate` / `chrono::NaiveTime` for `@db.Date` / `@db.Time`), `rust_decimal::Decimal`,
//! `uuid::Uuid` (for `@db.Uuid`), `serde_json::Value`, `Vec<u8>`, wrapped in `Option` / `Vec`;
//! paths are written in full, so the module needs no `use` and shadows nothing. Names follow
//! Rust's conventions (structs and variants in PascalCase, fields in snake_case) through
//! `naming`; whenever a Rust name differs from the JSON name, a `#[serde(rename)]` says the
//! JSON name: the schema's field name ("camelCase", as Prisma Client) or the column name
//! ("database"); enum variants always serialize as their database values. Ignored models and
//! fields and `Unsupported` fields are left out. The output is exactly what rustfmt prints
//! (100 columns); its line-breaking decisions are taken here, templates only lay pieces out.

use super::naming::{self, RUST, Scope};
use super::{Context, client_fields, client_models};
use crate::config::{RustConfig, SerdeRename};
use crate::output::FileSet;
use crate::schema::ir::{Arity, Enum, Field, FieldType, Model, ScalarType};
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
    let module = Module::new(ctx, cfg)?;
    let mut blocks = Vec::new();
    for e in &module.enums {
        blocks.push(e.render()?);
    }
    for s in &module.structs {
        blocks.push(s.render()?);
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
        let wanted: Vec<(String, bool)> = models
            .iter()
            .map(|m| m.name.as_str())
            .chain(enums.iter().map(|e| e.name.as_str()))
            .map(|name| {
                let id = type_name(name);
                let as_written = id == name;
                (id, as_written)
            })
            .collect();
        let mut names = Scope::new().assign(&wanted);
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
                fields: struct_fields(model, &names, rename, cfg.sqlx),
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
            .map(|(e, name)| enum_view(e, name, &enum_derives, cfg.sqlx))
            .collect();
        Ok(Module { structs, enums })
    }
}

/// The generated fields of a model's struct, in the order of `client_fields`.
pub(crate) fn field_names(model: &Model) -> Vec<String> {
    let wanted: Vec<(String, bool)> = client_fields(model)
        .map(|f| {
            let id = field_name(&f.name);
            let as_written = id == f.name;
            (id, as_written)
        })
        .collect();
    Scope::new().assign(&wanted)
}

fn struct_fields(
    model: &Model,
    names: &TypeNames,
    rename: SerdeRename,
    sqlx: bool,
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
                attrs.push(attr(4, "serde", "rename", json_name));
            }
            if sqlx && f.database_name() != unraw(&ident) {
                attrs.push(attr(4, "sqlx", "rename", f.database_name()));
            }
            let ty = field_type(f, names);
            let one_line = format!("pub {ident}: {ty},");
            let decl = if fits(4, &one_line) {
                one_line
            } else {
                format!("pub {ident}:\n        {ty},")
            };
            MemberView {
                doc: doc_lines(f.documentation.as_deref()),
                attrs,
                decl,
            }
        })
        .collect()
}

/// The Rust type of a field.
pub(crate) fn field_type(f: &Field, names: &TypeNames) -> String {
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

fn enum_view(e: &Enum, name: &str, derives: &[String], sqlx: bool) -> EnumView {
    let wanted: Vec<(String, bool)> = e
        .values
        .iter()
        .map(|v| {
            let id = type_name(&v.name);
            let as_written = id == v.name;
            (id, as_written)
        })
        .collect();
    let variant_names = Scope::new().assign(&wanted);
    let mut attrs = Vec::new();
    if may_repeat_names(name, &variant_names) {
        attrs.push("#[allow(clippy::enum_variant_names)]".to_owned());
    }
    if sqlx {
        attrs.push(attr(0, "sqlx", "type_name", e.database_name()));
    }
    let variants = e
        .values
        .iter()
        .zip(variant_names)
        .map(|(v, ident)| {
            let mut attrs = Vec::new();
            if v.database_name() != unraw(&ident) {
                attrs.push(attr(4, "serde", "rename", v.database_name()));
                if sqlx {
                    attrs.push(attr(4, "sqlx", "rename", v.database_name()));
                }
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

/// `#[derive(...)]` at the top level, as rustfmt prints it: on one line, else all derives on one
/// indented line, else one derive per line.
fn derive_attr(derives: &[String]) -> String {
    let list = derives.join(", ");
    let one_line = format!("#[derive({list})]");
    if fits(0, &one_line) {
        one_line
    } else if fits(4, &format!("{list},")) {
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

/// `#[name(key = "value")]` at `indent`, as rustfmt prints it: broken inside the parentheses
/// when the line is too long.
fn attr(indent: usize, name: &str, key: &str, value: &str) -> String {
    let arg = format!("{key} = {}", naming::double_quoted(value));
    let one_line = format!("#[{name}({arg})]");
    if fits(indent, &one_line) {
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
