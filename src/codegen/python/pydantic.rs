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
use super::layout::{
    Annotation, Arg, Expr, annotated, atom, call, kw, pos, py_bool, statement, string,
};
use super::models::keeps_time_zone;
use super::models::python_type;
use super::names::{Module, Named};
use super::types::Uses;
use crate::codegen::client_fields;
use crate::codegen::naming::{PYTHON, Scope};
use crate::schema::ir::{Arity, DefaultValue, Field, FieldType, Literal, ScalarType};
use anyhow::Result;
use askama::Template;

impl Module<'_> {
    pub(super) fn render_pydantic(&self, header: &str, import_from: &str) -> Result<String> {
        let mut uses = Uses::default();
        let mut scope = Scope::new();
        scope.reserve(self.enums.iter().map(String::as_str));
        scope.reserve([
            "BytesAsBase64",
            "UtcDateTime",
            "AwareDateTime",
            "DecimalText",
            "TimeOfDay",
            "EnumBySchemaName",
        ]);
        let mut blocks = Vec::new();
        let mut shapes = JsonShapes::default();
        // `RoleByName`: an enum in JSON by its schema names, one alias per enum used.
        let by_name: Vec<String> = {
            let wanted: Vec<(String, bool)> = self
                .enums
                .iter()
                .map(|e| (PYTHON.identifier(&format!("{e}ByName")), true))
                .collect();
            scope.assign(&wanted)
        };
        let mut uses_field = false;
        let mut uses_alias = false;
        for named in &self.models {
            let wanted = vec![
                (PYTHON.identifier(&format!("{}Read", named.class)), true),
                (PYTHON.identifier(&format!("{}Create", named.class)), true),
            ];
            let names = scope.assign(&wanted);
            let fields: Vec<&Field> = client_fields(named.model).collect();
            let mut read = Vec::new();
            let mut create = Vec::new();
            let mut aliased = false;
            for f in &fields {
                let attr = &named.attrs[f.name.as_str()];
                let ty = self.json_type(named, f, &by_name, &mut uses, &mut shapes);
                let ty = if self.nullable(named, f) {
                    format!("{ty} | None")
                } else {
                    ty
                };
                // The schema's name in JSON, as Prisma Client, Rust and TypeScript have it;
                // the attribute's name is accepted too (`UserCreate(created_at=...)`).
                let alias: Vec<Arg> = if attr != &f.name {
                    aliased = true;
                    vec![
                        kw("serialization_alias", string(&f.name)),
                        kw(
                            "validation_alias",
                            call(
                                "AliasChoices",
                                vec![pos(string(&f.name)), pos(string(attr))],
                            ),
                        ),
                    ]
                } else {
                    Vec::new()
                };
                let field = |mut args: Vec<Arg>| {
                    args.extend(alias.iter().cloned());
                    call("Field", args)
                };
                let read_value = (!alias.is_empty()).then(|| field(Vec::new()));
                uses_field |= read_value.is_some();
                uses_alias |= !alias.is_empty();
                read.push(format!(
                    "{}{}",
                    field_comment(f.documentation.as_deref(), 4),
                    annotated(4, attr, Annotation::Plain(&ty), read_value.as_ref())
                ));
                if named.is_view {
                    continue;
                }
                let value = match self.create_default(named, f) {
                    CreateDefault::Omit => continue,
                    CreateDefault::Required => read_value.clone(),
                    CreateDefault::Value(value) if alias.is_empty() => Some(value),
                    CreateDefault::Value(value) => Some(field(vec![kw("default", value)])),
                    CreateDefault::Factory(make) => {
                        uses_field = true;
                        Some(field(vec![kw("default_factory", make)]))
                    }
                };
                create.push(annotated(4, attr, Annotation::Plain(&ty), value.as_ref()));
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
                    config: Some(if aliased {
                        "model_config = ConfigDict(from_attributes=True, serialize_by_alias=True)"
                    } else {
                        "model_config = ConfigDict(from_attributes=True)"
                    }),
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
                        config: aliased
                            .then_some("model_config = ConfigDict(serialize_by_alias=True)"),
                        fields: create,
                    }
                    .render()?,
                );
            }
        }
        let mut helpers = Vec::new();
        if shapes.bytes {
            helpers.push(BytesAsBase64Helper.render()?);
        }
        let json_shapes = JsonShapesHelper {
            datetime: shapes.naive_datetime || shapes.aware_datetime,
            time: shapes.time,
            naive_datetime: shapes.naive_datetime,
            aware_datetime: shapes.aware_datetime,
            decimal: shapes.decimal,
            enum_by_name: !shapes.enums.is_empty(),
        };
        if json_shapes.any() {
            helpers.push(json_shapes.render()?.trim_start_matches('\n').to_owned());
        }
        for &id in &shapes.enums {
            helpers.push(self.enum_by_name(id, &by_name[id])?);
        }
        blocks.splice(0..0, helpers);

        let mut stdlib = Imports::default();
        if uses.datetime {
            stdlib.import("datetime");
        }
        if uses.decimal {
            stdlib.import("decimal");
        }
        if !shapes.enums.is_empty() {
            stdlib.import("enum");
            stdlib.from("collections.abc", "Mapping");
        }
        if uses.any {
            stdlib.from("typing", "Any");
        }
        if shapes.bytes {
            stdlib.import("base64");
        }
        if shapes.any() {
            stdlib.from("typing", "Annotated");
        }
        let mut third = Imports::default();
        if uses_alias {
            third.from("pydantic", "AliasChoices");
        }
        if shapes.naive_datetime || shapes.aware_datetime {
            third.from("pydantic", "AfterValidator");
        }
        third.from("pydantic", "BaseModel");
        if shapes.bytes || !shapes.enums.is_empty() {
            third.from("pydantic", "BeforeValidator");
        }
        third.from("pydantic", "ConfigDict");
        if uses_field {
            third.from("pydantic", "Field");
        }
        if shapes.any() {
            third.from("pydantic", "PlainSerializer");
        }
        let mut local = Imports::default();
        for i in &shapes.enums {
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

    /// A field's annotation (without `| None`) as Prisma Client's JSON carries it: enums by
    /// schema name, `DateTime` as UTC text, `Decimal` as exact text, `Bytes` as base64.
    fn json_type(
        &self,
        named: &Named,
        f: &Field,
        by_name: &[String],
        uses: &mut Uses,
        shapes: &mut JsonShapes,
    ) -> String {
        let plain = python_type(self, f, uses);
        let element = match &f.ty {
            FieldType::Enum(id) => {
                shapes.enums.insert(id.0);
                by_name[id.0].clone()
            }
            FieldType::Scalar(ScalarType::Bytes) => {
                shapes.bytes = true;
                "BytesAsBase64".to_owned()
            }
            FieldType::Scalar(ScalarType::Decimal) => {
                shapes.decimal = true;
                "DecimalText".to_owned()
            }
            FieldType::Scalar(ScalarType::DateTime)
                if plain.ends_with("datetime.datetime]") || plain == "datetime.datetime" =>
            {
                let column = self.tables[0]
                    .of(named.is_view)
                    .for_schema_name(named.model.database_name())
                    .and_then(|t| t.column_for_schema_name(f.database_name()));
                if column.is_some_and(keeps_time_zone) {
                    shapes.aware_datetime = true;
                    "AwareDateTime".to_owned()
                } else {
                    shapes.naive_datetime = true;
                    "UtcDateTime".to_owned()
                }
            }
            _ => return plain,
        };
        if f.arity == Arity::List {
            format!("list[{element}]")
        } else {
            element
        }
    }

    /// `RoleByName`: the enum's members by schema name in JSON (`EnumBySchemaName`).
    fn enum_by_name(&self, id: usize, alias: &str) -> Result<String> {
        let e = &self.schema.enums[id];
        let class = &self.enums[id];
        let holder = format!(
            "_{}_NAMES",
            crate::codegen::naming::snake_case(class).to_ascii_uppercase()
        );
        let members = Expr::Dict(
            e.values
                .iter()
                .zip(enum_member_names(e))
                .map(|(v, m)| (string(&v.name), atom(format!("{class}.{m}"))))
                .collect(),
        );
        let names = statement(
            0,
            &format!("{holder} = "),
            &call("EnumBySchemaName", vec![pos(members)]),
        );
        Ok(EnumByNameView {
            names,
            alias,
            class,
            holder: &holder,
        }
        .render()?)
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
                | DefaultValue::Auto
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
                // An integer as a number (ruff's FURB157), a fraction as text (exact).
                (Literal::Number(n), FieldType::Scalar(ScalarType::Decimal)) => {
                    let value = match n.parse::<i64>() {
                        Ok(i) => atom(i.to_string()),
                        Err(_) => string(n),
                    };
                    CreateDefault::Value(call("decimal.Decimal", vec![pos(value)]))
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

/// The JSON shapes a Pydantic module's fields use, each defined once in the module.
#[derive(Default)]
struct JsonShapes {
    bytes: bool,
    decimal: bool,
    naive_datetime: bool,
    aware_datetime: bool,
    time: bool,
    /// Enums (by index) whose `...ByName` alias a field uses.
    enums: std::collections::BTreeSet<usize>,
}

impl JsonShapesHelper {
    fn any(&self) -> bool {
        self.datetime || self.time || self.decimal || self.enum_by_name
    }
}

impl JsonShapes {
    fn any(&self) -> bool {
        self.bytes
            || self.decimal
            || self.naive_datetime
            || self.aware_datetime
            || self.time
            || !self.enums.is_empty()
    }
}

#[derive(Template)]
#[template(path = "python/bytes_as_base64.py.jinja", escape = "none")]
struct BytesAsBase64Helper;

#[derive(Template)]
#[template(path = "python/json_shapes.py.jinja", escape = "none")]
struct JsonShapesHelper {
    datetime: bool,
    time: bool,
    naive_datetime: bool,
    aware_datetime: bool,
    decimal: bool,
    enum_by_name: bool,
}

#[derive(Template)]
#[template(path = "python/enum_by_name.py.jinja", escape = "none")]
struct EnumByNameView<'a> {
    names: String,
    alias: &'a str,
    class: &'a str,
    holder: &'a str,
}

#[derive(Template)]
#[template(path = "python/pydantic_model.py.jinja", escape = "none")]
struct PydanticModelView {
    name: String,
    doc: Option<String>,
    config: Option<&'static str>,
    fields: Vec<String>,
}
