//! The Pydantic v2 module: per model a read model (`from_attributes`, every client field) and a
//! create model without the fields the database fills in; per view a read model only.
//!
//! Rules: annotations and nullability are the SQLAlchemy models' (`python_type`, the first
//! dialect's column); enums are imported from the models module, never defined again; a create
//! model gives a default only where the schema's has a Python value (a literal, an enum member,
//! `None` for a nullable column, a `Json` default as a fresh value per instance) and leaves out
//! the fields the database or the models fill in. JSON is Prisma Client's shape: `Bytes` are
//! base64 text (`BytesAsBase64`), both ways.

use super::enums::enum_member_names;
use super::file::{Imports, ModuleFile, docstring, field_comment, render_sized, sections};
use super::layout::{Annotation, Expr, annotated, atom, call, kw, pos, py_bool, string};
use super::models::python_type;
use super::names::{Module, Named};
use super::types::Uses;
use crate::codegen::client_fields;
use crate::codegen::naming::{PYTHON, Scope};
use crate::schema::ir::{DefaultValue, Field, FieldType, Literal, ScalarType};
use anyhow::Result;
use askama::Template;

impl Module<'_> {
    pub(super) fn render_pydantic(&self, header: &str, import_from: &str) -> Result<String> {
        let mut uses = Uses::default();
        let mut scope = Scope::new();
        scope.reserve(self.enums.iter().map(String::as_str));
        scope.reserve(["BytesAsBase64"]);
        let mut blocks = Vec::new();
        let mut used_enums = std::collections::BTreeSet::new();
        let mut bytes_as_base64 = false;
        let mut field_factory = false;
        for named in &self.models {
            let wanted = vec![
                (PYTHON.identifier(&format!("{}Read", named.class)), true),
                (PYTHON.identifier(&format!("{}Create", named.class)), true),
            ];
            let names = scope.assign(&wanted);
            let fields: Vec<&Field> = client_fields(named.model).collect();
            let mut read = Vec::new();
            let mut create = Vec::new();
            for f in &fields {
                if let FieldType::Enum(id) = f.ty {
                    used_enums.insert(id.0);
                }
                let attr = &named.attrs[f.name.as_str()];
                let ty = python_type(self, f, &mut uses);
                let ty = if matches!(f.ty, FieldType::Scalar(ScalarType::Bytes)) {
                    bytes_as_base64 = true;
                    ty.replace("bytes", "BytesAsBase64")
                } else {
                    ty
                };
                let ty = if self.nullable(named, f) {
                    format!("{ty} | None")
                } else {
                    ty
                };
                read.push(format!(
                    "{}{}",
                    field_comment(f.documentation.as_deref(), 4),
                    annotated(4, attr, Annotation::Plain(&ty), None)
                ));
                if named.is_view {
                    continue;
                }
                match self.create_default(named, f) {
                    CreateDefault::Omit => {}
                    CreateDefault::Required => {
                        create.push(annotated(4, attr, Annotation::Plain(&ty), None))
                    }
                    CreateDefault::Value(value) => {
                        create.push(annotated(4, attr, Annotation::Plain(&ty), Some(&value)))
                    }
                    CreateDefault::Factory(make) => {
                        field_factory = true;
                        let value = call("Field", vec![kw("default_factory", make)]);
                        create.push(annotated(4, attr, Annotation::Plain(&ty), Some(&value)))
                    }
                }
            }
            blocks.push(
                PydanticModelView {
                    name: names[0].clone(),
                    doc: docstring(
                        Some(&format!(
                            "A `{}` row as read from the database (`model_validate(orm_object)`).",
                            named.model.name
                        )),
                        4,
                    ),
                    config: Some("model_config = ConfigDict(from_attributes=True)"),
                    fields: read,
                }
                .render()?,
            );
            if !named.is_view {
                blocks.push(
                    PydanticModelView {
                        name: names[1].clone(),
                        doc: docstring(
                            Some(&format!(
                                "A new `{}` row: without the fields the database fills in.",
                                named.model.name
                            )),
                            4,
                        ),
                        config: None,
                        fields: create,
                    }
                    .render()?,
                );
            }
        }
        let mut stdlib = Imports::default();
        if uses.datetime {
            stdlib.import("datetime");
        }
        if uses.decimal {
            stdlib.import("decimal");
        }
        if uses.any {
            stdlib.from("typing", "Any");
        }
        if bytes_as_base64 {
            stdlib.import("base64");
            stdlib.from("typing", "Annotated");
        }
        let mut third = Imports::default();
        third.from("pydantic", "BaseModel");
        third.from("pydantic", "ConfigDict");
        if field_factory {
            third.from("pydantic", "Field");
        }
        if bytes_as_base64 {
            third.from("pydantic", "BeforeValidator");
            third.from("pydantic", "PlainSerializer");
            blocks.insert(0, BytesAsBase64Helper.render()?);
        }
        let mut local = Imports::default();
        for i in &used_enums {
            local.from(import_from, &self.enums[*i]);
        }
        let imports = sections([stdlib, third, local]);
        let file = ModuleFile {
            header,
            doc: "Pydantic v2 models of the schema, generated by tether: a read model per table, \
                  built from\nORM objects (`from_attributes`), and a create model without the \
                  fields the database fills in.\n",
            imports: &imports,
            blocks: &blocks,
        };
        Ok(render_sized(&file, file.size_hint())?)
    }

    /// How a field appears in the create model.
    fn create_default(&self, named: &Named, f: &Field) -> CreateDefault {
        if f.updated_at {
            return CreateDefault::Omit;
        }
        match &f.default {
            None if self.nullable(named, f) => CreateDefault::Value(atom("None")),
            None => CreateDefault::Required,
            // The SQLAlchemy models make these ids on the client, as Prisma Client does.
            Some(
                DefaultValue::Uuid { .. }
                | DefaultValue::Cuid { .. }
                | DefaultValue::Ulid
                | DefaultValue::Nanoid { .. },
            ) if matches!(f.ty, FieldType::Scalar(ScalarType::String)) => CreateDefault::Omit,
            Some(
                DefaultValue::Autoincrement
                | DefaultValue::Now
                | DefaultValue::DbGenerated(_)
                | DefaultValue::List(_),
            ) => CreateDefault::Omit,
            Some(
                DefaultValue::Uuid { .. }
                | DefaultValue::Cuid { .. }
                | DefaultValue::Ulid
                | DefaultValue::Nanoid { .. },
            ) => CreateDefault::Required,
            Some(DefaultValue::Value(literal)) => match (literal, &f.ty) {
                (Literal::EnumValue(v), FieldType::Enum(id)) => {
                    let e = self.schema.enum_(*id);
                    let member = enum_member_names(e)
                        .into_iter()
                        .zip(&e.values)
                        .find(|(_, ev)| &ev.name == v)
                        .map(|(m, _)| m);
                    match member {
                        Some(m) => {
                            CreateDefault::Value(atom(format!("{}.{m}", self.enum_class(*id))))
                        }
                        None => CreateDefault::Omit,
                    }
                }
                (Literal::Boolean(b), FieldType::Scalar(ScalarType::Boolean)) => {
                    CreateDefault::Value(atom(py_bool(*b)))
                }
                (Literal::Number(n), FieldType::Scalar(ScalarType::Int | ScalarType::BigInt))
                    if n.parse::<i64>().is_ok() =>
                {
                    CreateDefault::Value(atom(n.clone()))
                }
                (Literal::Number(n), FieldType::Scalar(ScalarType::Float))
                    if n.parse::<f64>().is_ok() =>
                {
                    let text = if n.contains(['.', 'e', 'E']) {
                        n.clone()
                    } else {
                        format!("{n}.0")
                    };
                    CreateDefault::Value(atom(text))
                }
                (Literal::Number(n), FieldType::Scalar(ScalarType::Decimal)) => {
                    CreateDefault::Value(call("decimal.Decimal", vec![pos(string(n))]))
                }
                (Literal::String(s), FieldType::Scalar(ScalarType::String)) => {
                    CreateDefault::Value(string(s))
                }
                // A fresh value per instance: a dict or list default must not be shared.
                (Literal::String(s), FieldType::Scalar(ScalarType::Json)) => {
                    match serde_json::from_str::<serde_json::Value>(s) {
                        Ok(serde_json::Value::Object(o)) if o.is_empty() => {
                            CreateDefault::Factory(atom("dict"))
                        }
                        Ok(serde_json::Value::Array(a)) if a.is_empty() => {
                            CreateDefault::Factory(atom("list"))
                        }
                        Ok(value) => {
                            CreateDefault::Factory(Expr::Lambda(Box::new(python_value(&value))))
                        }
                        Err(_) => CreateDefault::Omit,
                    }
                }
                _ => CreateDefault::Omit,
            },
        }
    }
}

enum CreateDefault {
    /// The database (or tether's model) fills it in.
    Omit,
    Required,
    Value(Expr),
    /// `Field(default_factory=...)`.
    Factory(Expr),
}

/// A JSON value as the Python expression that builds it.
fn python_value(value: &serde_json::Value) -> Expr {
    use serde_json::Value;
    match value {
        Value::Null => atom("None"),
        Value::Bool(b) => atom(py_bool(*b)),
        Value::Number(n) => atom(n.to_string()),
        Value::String(s) => string(s),
        Value::Array(items) => Expr::List(items.iter().map(python_value).collect()),
        Value::Object(entries) => Expr::Dict(
            entries
                .iter()
                .map(|(k, v)| (string(k), python_value(v)))
                .collect(),
        ),
    }
}

#[derive(Template)]
#[template(path = "python/bytes_as_base64.py.jinja", escape = "none")]
struct BytesAsBase64Helper;

#[derive(Template)]
#[template(path = "python/pydantic_model.py.jinja", escape = "none")]
struct PydanticModelView {
    name: String,
    doc: Option<String>,
    config: Option<&'static str>,
    fields: Vec<String>,
}
