//! TypeScript types: one exported interface per model and view, enums as a union of string
//! literals plus a `const` object of the values, tether's `JsonValue` for `Json` fields; on
//! MongoDB one per composite type too (an embedded document's shape, as Prisma Client types it).
//!
//! Rules: the shapes are Prisma Client's (`Int` -> `number`, `BigInt` -> `bigint`, `DateTime` ->
//! `Date`, `Bytes` -> `Uint8Array<ArrayBuffer>`, optional -> `| null`) except `Decimal`, which is a `string`:
//! the exact decimal text, as Prisma Client's `Decimal` serializes to JSON, without a runtime
//! dependency on decimal.js. Enum values are the schema's names, as Prisma Client has them.
//! Ignored models and fields and `Unsupported` fields are left out, as Prisma Client does. The
//! output is exactly what prettier 3 prints (80 columns, double quotes, semicolons), so the
//! line-breaking decisions prettier would make are taken here, in `Property::text` and
//! `union_type`; templates only lay the pieces out. Relative imports end in `.js`, which every
//! TypeScript module resolution accepts.

use super::naming::{self, Scope, TYPESCRIPT};
use super::{Context, client_fields, client_models, client_relations};
use crate::config::TypeScriptConfig;
use crate::output::FileSet;
use crate::schema::ir::{Arity, Enum, FieldType, Model, ScalarType, Schema};
use anyhow::Result;
use askama::Template;
use std::collections::BTreeSet;

/// prettier's default print width.
const WIDTH: usize = 80;
/// File stems that per-model output uses for its own files.
const OWN_FILES: [&str; 3] = ["index", "enums", "json"];

/// Renders the configured TypeScript output into `set`.
pub fn render(ctx: &Context, cfg: &TypeScriptConfig, set: &mut FileSet) -> Result<()> {
    let module = Module::new(ctx.schema, cfg);
    let out = ctx.config.resolve(&cfg.out);
    if !cfg.per_model {
        let mut blocks = vec![JsonTypes.render()?];
        for e in &module.enums {
            blocks.push(e.render()?);
        }
        for m in &module.models {
            blocks.push(m.render()?);
        }
        set.insert(out, file(&ctx.header, &[], &blocks)?);
        return Ok(());
    }
    let mut exports = vec!["json".to_owned()];
    set.insert(
        out.join("json.ts"),
        file(&ctx.header, &[], &[JsonTypes.render()?])?,
    );
    if !module.enums.is_empty() {
        let blocks = module
            .enums
            .iter()
            .map(|e| e.render())
            .collect::<Result<Vec<_>, _>>()?;
        set.insert(out.join("enums.ts"), file(&ctx.header, &[], &blocks)?);
        exports.push("enums".to_owned());
    }
    for m in &module.models {
        let imports = module.imports_of(m);
        set.insert(
            out.join(format!("{}.ts", m.file_stem)),
            file(&ctx.header, &imports, &[m.render()?])?,
        );
        exports.push(m.file_stem.clone());
    }
    let index = IndexFile {
        header: &ctx.header,
        modules: &exports,
    };
    set.insert(out.join("index.ts"), with_newline(index.render()?));
    set.owned_dirs.push(out);
    Ok(())
}

/// Every type name of the module, decided once.
struct Module {
    models: Vec<ModelView>,
    enums: Vec<EnumView>,
    /// Per model (same order as `models`): the enums, models and JSON type it refers to.
    uses: Vec<Uses>,
}

#[derive(Default)]
struct Uses {
    json: bool,
    enums: BTreeSet<usize>,
    models: BTreeSet<usize>,
}

/// A composite type as a model without relations or keys, so that it is laid out as one.
fn composite_as_model(c: &crate::schema::ir::CompositeType) -> Model {
    Model {
        name: c.name.clone(),
        mapped_name: None,
        documentation: c.documentation.clone(),
        fields: c.fields.clone(),
        relation_fields: Vec::new(),
        primary_key: None,
        indexes: Vec::new(),
        ignored: false,
        renamed_from: None,
        namespace: None,
    }
}

impl Module {
    fn new(schema: &Schema, cfg: &TypeScriptConfig) -> Module {
        let composites: Vec<Model> = schema
            .composite_types
            .iter()
            .map(composite_as_model)
            .collect();
        let models: Vec<&Model> = client_models(schema).chain(&composites).collect();
        let composite_index = |name: &str| {
            models
                .iter()
                .rposition(|m| m.name == name)
                .filter(|&i| i >= models.len() - composites.len())
        };
        let names = Scope::new().assign_converted(
            models
                .iter()
                .map(|m| m.name.as_str())
                .chain(schema.enums.iter().map(|e| e.name.as_str())),
            |name| TYPESCRIPT.identifier(name),
        );
        let (model_names, enum_names) = names.split_at(models.len());
        let mut files = Scope::ignoring_case();
        files.reserve(OWN_FILES);
        let stems = files.assign_converted(model_names.iter().map(String::as_str), str::to_owned);
        // Relations point at models by id; views are never related to.
        let model_index = |id: usize| {
            models
                .iter()
                .position(|m| std::ptr::eq(*m, &schema.models[id]))
        };

        let mut views = Vec::new();
        let mut uses = Vec::new();
        for (i, model) in models.iter().enumerate() {
            let mut used = Uses::default();
            let mut properties: Vec<Property> = client_fields(model)
                .map(|f| {
                    let ty = match &f.ty {
                        FieldType::Scalar(s) => scalar_type(*s),
                        FieldType::Enum(id) => {
                            used.enums.insert(id.0);
                            TsType::Named(enum_names[id.0].clone())
                        }
                        // An embedded document (MongoDB): its type's interface.
                        FieldType::Composite(name) => match composite_index(name) {
                            Some(target) => {
                                if target != i {
                                    used.models.insert(target);
                                }
                                TsType::Named(model_names[target].clone())
                            }
                            None => TsType::Named("JsonValue".into()),
                        },
                        FieldType::Unsupported(_) => TsType::Named("JsonValue".into()),
                    };
                    used.json |= matches!(&ty, TsType::Named(n) if n == "JsonValue");
                    Property {
                        doc: doc_comment(f.documentation.as_deref()),
                        key: naming::typescript_property_key(&f.name),
                        optional: false,
                        nullable: f.arity == Arity::Optional,
                        ty: list_of(ty, f.arity),
                    }
                })
                .collect();
            if cfg.relations {
                for rf in client_relations(schema, model) {
                    let Some(target) = model_index(rf.related_model.0) else {
                        continue;
                    };
                    if target != i {
                        used.models.insert(target);
                    }
                    properties.push(Property {
                        doc: doc_comment(rf.documentation.as_deref()),
                        key: naming::typescript_property_key(&rf.name),
                        optional: true,
                        nullable: rf.arity == Arity::Optional,
                        ty: list_of(TsType::Named(model_names[target].clone()), rf.arity),
                    });
                }
            }
            views.push(ModelView {
                doc: doc_comment(model.documentation.as_deref()),
                name: model_names[i].clone(),
                file_stem: stems[i].clone(),
                properties: properties.iter().map(Property::text).collect(),
            });
            uses.push(used);
        }

        let enums = schema
            .enums
            .iter()
            .zip(enum_names)
            .map(|(e, name)| EnumView::new(e, name))
            .collect();
        Module {
            models: views,
            enums,
            uses,
        }
    }

    /// The import lines of a per-model file.
    fn imports_of(&self, model: &ModelView) -> Vec<String> {
        let i = self
            .models
            .iter()
            .position(|m| std::ptr::eq(m, model))
            .expect("a model of this module");
        let used = &self.uses[i];
        let mut imports = Vec::new();
        if used.json {
            imports.push(import_line(&["JsonValue".to_owned()], "json"));
        }
        if !used.enums.is_empty() {
            let names: Vec<String> = used
                .enums
                .iter()
                .map(|&e| self.enums[e].name.clone())
                .collect();
            imports.push(import_line(&names, "enums"));
        }
        for &m in &used.models {
            let target = &self.models[m];
            imports.push(import_line(
                std::slice::from_ref(&target.name),
                &target.file_stem,
            ));
        }
        imports
    }
}

/// A type expression, as small as the generated shapes need.
#[derive(Debug, Clone, PartialEq)]
enum TsType {
    Keyword(&'static str),
    /// A type reference: an enum, a model, a global such as `Date`.
    Named(String),
    Array(Box<TsType>),
}

impl TsType {
    fn render(&self) -> String {
        match self {
            TsType::Keyword(k) => (*k).to_owned(),
            TsType::Named(n) => n.clone(),
            TsType::Array(inner) => format!("{}[]", inner.render()),
        }
    }
}

fn scalar_type(s: ScalarType) -> TsType {
    match s {
        ScalarType::String | ScalarType::Decimal => TsType::Keyword("string"),
        ScalarType::Int | ScalarType::Float => TsType::Keyword("number"),
        ScalarType::BigInt => TsType::Keyword("bigint"),
        ScalarType::Boolean => TsType::Keyword("boolean"),
        ScalarType::DateTime => TsType::Named("Date".into()),
        ScalarType::Json => TsType::Named("JsonValue".into()),
        // Prisma Client's own spelling: a `Uint8Array` over a SharedArrayBuffer is not one.
        ScalarType::Bytes => TsType::Named("Uint8Array<ArrayBuffer>".into()),
    }
}

fn list_of(ty: TsType, arity: Arity) -> TsType {
    match arity {
        Arity::List => TsType::Array(Box::new(ty)),
        Arity::Required | Arity::Optional => ty,
    }
}

/// One property of a model interface.
struct Property {
    doc: Vec<String>,
    key: String,
    /// `key?:` (relation fields, which a query may not have loaded).
    optional: bool,
    /// `| null`
    nullable: bool,
    ty: TsType,
}

impl Property {
    /// The declaration as prettier prints it at two spaces of indentation, continuation lines
    /// included (indented by the caller's two spaces plus their own).
    fn text(&self) -> PropertyText {
        let key = format!("{}{}", self.key, if self.optional { "?" } else { "" });
        let ty = self.ty.render();
        let one_line = if self.nullable {
            format!("{key}: {ty} | null;")
        } else {
            format!("{key}: {ty};")
        };
        // prettier keeps `T | null` on one line when T is a type reference (it "hugs" it), and
        // never breaks a type that is not a union.
        let hugged = matches!(self.ty, TsType::Named(_));
        let text = if !self.nullable || hugged || fits(2, &one_line) {
            one_line
        } else if fits(4, &format!("{ty} | null;")) {
            format!("{key}:\n    {ty} | null;")
        } else {
            format!("{key}:\n    | {ty}\n    | null;")
        };
        PropertyText {
            doc: self.doc.clone(),
            text,
        }
    }
}

fn fits(indent: usize, line: &str) -> bool {
    indent + naming::display_width(line) <= WIDTH
}

/// `prefix` followed by the union of `members` and `;`, broken as prettier breaks a type alias:
/// on one line, else the whole union on the next line (always, for a single member), else one
/// member per line.
fn union_type(prefix: &str, members: &[String]) -> String {
    let union = members.join(" | ");
    let one_line = format!("{prefix} {union};");
    if fits(0, &one_line) {
        one_line
    } else if members.len() < 2 || fits(2, &format!("{union};")) {
        format!("{prefix}\n  {union};")
    } else {
        let mut out = prefix.to_owned();
        for m in members {
            out.push_str("\n  | ");
            out.push_str(m);
        }
        out.push(';');
        out
    }
}

/// `import type { A, B } from "./m.js";`, broken as prettier breaks it.
fn import_line(names: &[String], module: &str) -> String {
    let from = format!(" from \"./{module}.js\";");
    let one_line = format!("import type {{ {} }}{from}", names.join(", "));
    if fits(0, &one_line) {
        one_line
    } else {
        let mut out = "import type {\n".to_owned();
        for n in names {
            out.push_str(&format!("  {n},\n"));
        }
        out.push('}');
        out.push_str(&from);
        out
    }
}

/// TSDoc lines (`/**`, ` * text`, ` */`) for `///` documentation, `*/` escaped.
fn doc_comment(doc: Option<&str>) -> Vec<String> {
    let Some(doc) = doc.filter(|d| !d.trim().is_empty()) else {
        return Vec::new();
    };
    let mut lines = vec!["/**".to_owned()];
    for line in doc.lines() {
        let line = line.trim_end().replace("*/", "*\\/");
        if line.is_empty() {
            lines.push(" *".to_owned());
        } else {
            lines.push(format!(" * {line}"));
        }
    }
    lines.push(" */".to_owned());
    lines
}

struct PropertyText {
    doc: Vec<String>,
    /// May span lines; continuation lines carry their own indentation beyond the first two
    /// spaces.
    text: String,
}

#[derive(Template)]
#[template(path = "typescript/model.ts.jinja", escape = "none")]
struct ModelView {
    doc: Vec<String>,
    name: String,
    file_stem: String,
    properties: Vec<PropertyText>,
}

#[derive(Template)]
#[template(path = "typescript/enum.ts.jinja", escape = "none")]
struct EnumView {
    doc: Vec<String>,
    name: String,
    /// `export type Name = "A" | "B";`, broken as prettier breaks it.
    union: String,
    values: Vec<EnumValueView>,
}

struct EnumValueView {
    doc: Vec<String>,
    key: String,
    literal: String,
}

impl EnumView {
    fn new(e: &Enum, name: &str) -> EnumView {
        let literals: Vec<String> = e
            .values
            .iter()
            .map(|v| naming::double_quoted(&v.name))
            .collect();
        EnumView {
            doc: doc_comment(e.documentation.as_deref()),
            name: name.to_owned(),
            union: union_type(&format!("export type {name} ="), &literals),
            values: e
                .values
                .iter()
                .zip(literals.iter())
                .map(|(v, literal)| EnumValueView {
                    doc: doc_comment(v.documentation.as_deref()),
                    key: naming::typescript_property_key(&v.name),
                    literal: literal.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "typescript/json.ts.jinja", escape = "none")]
struct JsonTypes;

#[derive(Template)]
#[template(path = "typescript/file.ts.jinja", escape = "none")]
struct FileView<'a> {
    header: &'a str,
    imports: &'a [String],
    blocks: &'a [String],
}

#[derive(Template)]
#[template(path = "typescript/index.ts.jinja", escape = "none")]
struct IndexFile<'a> {
    header: &'a str,
    modules: &'a [String],
}

fn file(header: &str, imports: &[String], blocks: &[String]) -> Result<String> {
    let view = FileView {
        header,
        imports,
        blocks,
    };
    Ok(with_newline(view.render()?))
}

fn with_newline(mut text: String) -> String {
    while text.ends_with('\n') {
        text.pop();
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::harness;
    use crate::config::RawConfig;

    fn options(out: &str, per_model: bool, relations: bool) -> TypeScriptConfig {
        TypeScriptConfig {
            out: out.into(),
            per_model,
            relations,
        }
    }

    fn render_schema(path: &std::path::Path, cfg: TypeScriptConfig) -> FileSet {
        let schema = harness::load(path);
        let config = harness::config(
            std::path::Path::new("/out"),
            RawConfig {
                typescript: Some(cfg),
                ..Default::default()
            },
        );
        crate::codegen::render_all(&schema, &config, std::path::Path::new("/out/schema.prisma"))
            .unwrap()
    }

    /// The configurations every schema is checked with: one file; and one file per model with
    /// relation fields.
    fn configurations() -> [(&'static str, TypeScriptConfig); 2] {
        [
            ("single", options("generated/models.ts", false, false)),
            ("per-model", options("generated/models", true, true)),
        ]
    }

    /// A value of a field's type, as TypeScript source.
    fn sample(ty: &FieldType, arity: Arity, schema: &Schema, enum_names: &[String]) -> String {
        let one = match ty {
            FieldType::Scalar(s) => match s {
                ScalarType::String => "\"text\"".to_owned(),
                ScalarType::Decimal => "\"12.50\"".to_owned(),
                ScalarType::Int | ScalarType::Float => "1.5".to_owned(),
                ScalarType::BigInt => "9007199254740993n".to_owned(),
                ScalarType::Boolean => "true".to_owned(),
                ScalarType::DateTime => "new Date(0)".to_owned(),
                ScalarType::Json => "{ a: [1, \"b\", null, { c: true }] }".to_owned(),
                ScalarType::Bytes => "new Uint8Array([0, 255])".to_owned(),
            },
            FieldType::Enum(id) => {
                let e = schema.enum_(*id);
                let last = e.values.last().unwrap();
                format!(
                    "m.{}[{}]",
                    enum_names[id.0],
                    naming::double_quoted(&last.name)
                )
            }
            FieldType::Composite(_) | FieldType::Unsupported(_) => "null".to_owned(),
        };
        match arity {
            Arity::List => format!("[{one}]"),
            Arity::Required | Arity::Optional => one,
        }
    }

    /// A module that uses every generated type the way an application would: a literal object
    /// per model (once with every field set, once with every nullable field null), an
    /// exhaustive switch per enum, and assignments that must not type check.
    fn usage_file(schema: &Schema, cfg: &TypeScriptConfig, import: &str) -> String {
        let module = Module::new(schema, cfg);
        let enum_names: Vec<String> = module.enums.iter().map(|e| e.name.clone()).collect();
        let mut out = format!("import * as m from \"{import}\";\n\n");
        for (i, (model, view)) in client_models(schema).zip(&module.models).enumerate() {
            let name = &view.name;
            let fields: Vec<_> = client_fields(model).collect();
            let mut full = String::new();
            let mut nulls = String::new();
            for (field, property) in fields.iter().zip(&view.properties) {
                let key = property.text.split(['?', ':']).next().unwrap();
                let value = sample(&field.ty, field.arity, schema, &enum_names);
                full.push_str(&format!("  {key}: {value},\n"));
                let value = match field.arity {
                    Arity::Optional => "null".to_owned(),
                    Arity::List => "[]".to_owned(),
                    Arity::Required => value,
                };
                nulls.push_str(&format!("  {key}: {value},\n"));
            }
            out.push_str(&format!("export const full{i}: m.{name} = {{\n{full}}};\n"));
            out.push_str(&format!(
                "export const nulls{i}: m.{name} = {{\n{nulls}}};\n"
            ));
            if !fields.is_empty() {
                out.push_str(&format!(
                    "// @ts-expect-error: every field is required\nexport const missing{i}: m.{name} = {{}};\n"
                ));
            }
            if let Some(nullable) = fields.iter().position(|f| f.arity == Arity::Optional) {
                let key = view.properties[nullable].text.split(':').next().unwrap();
                out.push_str(&format!(
                    "// @ts-expect-error: null, not undefined\nexport const undef{i}: m.{name} = {{ ...full{i}, {key}: undefined }};\n"
                ));
            }
            if cfg.relations && view.properties.len() > fields.len() {
                let key = view.properties[fields.len()]
                    .text
                    .split('?')
                    .next()
                    .unwrap();
                out.push_str(&format!(
                    "// @ts-expect-error: exactOptionalPropertyTypes: omit it, do not set it to undefined\nexport const rel{i}: m.{name} = {{ ...full{i}, {key}: undefined }};\n"
                ));
            }
            out.push('\n');
        }
        for (i, (e, view)) in schema.enums.iter().zip(&module.enums).enumerate() {
            let name = &view.name;
            out.push_str(&format!(
                "export function label{i}(value: m.{name}): string {{\n  switch (value) {{\n"
            ));
            for v in &e.values {
                let literal = naming::double_quoted(&v.name);
                out.push_str(&format!("    case {literal}:\n      return {literal};\n"));
            }
            out.push_str(
                "    default: {\n      const unreachable: never = value;\n      return unreachable;\n    }\n  }\n}\n",
            );
            out.push_str(&format!(
                "export const values{i}: readonly m.{name}[] = Object.values(m.{name});\n"
            ));
            out.push_str(&format!(
                "// @ts-expect-error: not a value of the enum\nexport const wrong{i}: m.{name} = \"not a value of the enum\";\n\n"
            ));
        }
        out
    }

    /// For every schema and configuration: the generated TypeScript passes `prettier --check`
    /// and, with a usage module, `tsc --strict --noEmit --exactOptionalPropertyTypes`.
    #[test]
    fn generated_typescript_passes_tsc_and_prettier() {
        for (case, path) in harness::schemas() {
            let schema = harness::load(&path);
            for (variant, cfg) in configurations() {
                let dir = tempfile::tempdir().unwrap();
                let config = harness::config(
                    dir.path(),
                    RawConfig {
                        typescript: Some(cfg.clone()),
                        ..Default::default()
                    },
                );
                let set = crate::codegen::render_all(&schema, &config, &path).unwrap();
                assert!(!set.files.is_empty(), "{case}/{variant}: nothing rendered");
                harness::write(&set);
                let import = if cfg.per_model {
                    "./generated/models/index.js"
                } else {
                    "./generated/models.js"
                };
                std::fs::write(
                    dir.path().join("usage.ts"),
                    usage_file(&schema, &cfg, import),
                )
                .unwrap();
                harness::check_tsc(&format!("tsc ({case}, {variant})"), dir.path());
                harness::check_prettier(
                    &format!("prettier --check ({case}, {variant})"),
                    dir.path(),
                    &["generated"],
                );
            }
        }
    }

    /// A file of declarations at and around prettier's 80 columns, as this module prints them,
    /// must be what prettier prints.
    #[test]
    fn line_breaking_matches_prettier() {
        let mut text = String::new();
        for n in 60_usize..=100 {
            let key = "k".repeat(n.saturating_sub(16));
            let mut properties = Vec::new();
            for ty in [
                TsType::Keyword("string"),
                TsType::Array(Box::new(TsType::Keyword("number"))),
                TsType::Named("JsonValue".into()),
                TsType::Array(Box::new(TsType::Named("T".repeat(n - 40)))),
            ] {
                for (optional, nullable) in [(false, true), (true, true), (false, false)] {
                    properties.push(Property {
                        doc: Vec::new(),
                        key: key.clone(),
                        optional,
                        nullable,
                        ty: ty.clone(),
                    });
                }
            }
            text.push_str(&format!("export interface I{n} {{\n"));
            for p in &properties {
                text.push_str(&format!("  {}\n", p.text().text));
            }
            text.push_str("}\n");
            let value = "V".repeat(n.saturating_sub(30) + n % 3 * 20);
            for count in [1, 2, 3, 5] {
                let members: Vec<String> = (0..count)
                    .map(|i| naming::double_quoted(&format!("{value}{i}")))
                    .collect();
                let prefix = format!("export type U{n}x{count} =");
                text.push_str(&union_type(&prefix, &members));
                text.push('\n');
            }
            let names: Vec<String> = (0..3).map(|i| format!("N{i}{}", &value[..n / 4])).collect();
            text.push_str(&import_line(&names, &format!("m{n}")));
            text.push('\n');
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("lines.ts"), text).unwrap();
        harness::check_prettier("prettier --check (line limits)", dir.path(), &["lines.ts"]);
    }

    /// The README's example, whole: what a reviewer should expect from the defaults.
    #[test]
    fn renders_the_example() {
        let set = render_schema(
            &harness::repo_root().join("schema/schema.prisma"),
            options("models.ts", false, false),
        );
        assert_eq!(set.owned_dirs, Vec::<std::path::PathBuf>::new());
        let text = &set.files[std::path::Path::new("/out/models.ts")];
        assert_eq!(
            text,
            r#"// generated by tether from schema.prisma; do not edit

/**
 * Any JSON value: what a `Json` field holds. Defined as Prisma Client defines it (a key of a
 * `JsonObject` may be absent), so that the two are assignable both ways.
 */
export type JsonValue =
  string | number | boolean | null | JsonObject | JsonArray;
export type JsonObject = { [Key in string]?: JsonValue };
export type JsonArray = JsonValue[];

export type Role = "ADMIN" | "EDITOR" | "READER";

export const Role = {
  ADMIN: "ADMIN",
  EDITOR: "EDITOR",
  READER: "READER",
} as const;

/**
 * A person who writes posts.
 */
export interface User {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
  updatedAt: Date;
}

export interface Profile {
  id: number;
  bio: string;
  userId: number;
}

export interface Post {
  id: number;
  title: string;
  body: string | null;
  published: boolean;
  views: bigint;
  rating: number | null;
  price: string | null;
  metadata: JsonValue | null;
  cover: Uint8Array<ArrayBuffer> | null;
  authorId: number;
  publishedAt: Date | null;
}

export interface Tag {
  id: number;
  name: string;
}
"#
        );
    }

    /// One file per model: imports of exactly what each file uses, `enums.ts`, `json.ts`, an
    /// index that re-exports them all, and the folder owned so stale files go.
    #[test]
    fn renders_one_file_per_model() {
        let set = render_schema(
            &harness::repo_root().join("tests/toolchains/hostile/schema.prisma"),
            options("ts", true, true),
        );
        assert_eq!(set.owned_dirs, [std::path::PathBuf::from("/out/ts")]);
        let names: Vec<String> = set
            .files
            .keys()
            .map(|p| p.strip_prefix("/out/ts").unwrap().display().to_string())
            .collect();
        for expected in [
            "index.ts",
            "enums.ts",
            "json.ts",
            "Index_.ts",
            "user.ts",
            "User_.ts",
            "Date_.ts",
            "日本.ts",
        ] {
            assert!(
                names.contains(&expected.to_owned()),
                "{expected} not in {names:?}"
            );
        }
        let this = &set.files[std::path::Path::new("/out/ts/Self.ts")];
        assert!(
            this.starts_with(
                "// generated by tether from schema.prisma; do not edit\n\nimport type { JsonValue } from \"./json.js\";\nimport type { Type, Vec } from \"./enums.js\";\nimport type { Type_ } from \"./Type_.js\";\n\n/**\n"
            ),
            "{this}"
        );
        let index = &set.files[std::path::Path::new("/out/ts/index.ts")];
        assert!(
            index.contains("export * from \"./Index_.js\";\n"),
            "{index}"
        );
        for text in set.files.values() {
            assert!(crate::output::has_header(text), "{text}");
        }
    }
}
