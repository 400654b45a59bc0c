//! The IR -> `DocSchema`: a collection per model, its `$jsonSchema` validator derived from the
//! fields (bsonType, required, enum values, embedded composite types, lists), and its indexes
//! named as Prisma names them.
//!
//! Rules: the validator describes what Prisma Client and the generated models write, and lets
//! through what they do not know of (no `additionalProperties: false`), so that a validator
//! can be adopted on a collection that other code also writes. Optional fields accept `null`
//! (Prisma writes it for a field set to nothing); lists are never required (a document written
//! before the field existed has none). Relation fields are not stored: only their scalars are.

use super::model::*;
use crate::relational::lower::names;
use crate::schema::ir::{self, Arity, FieldType, ScalarType, Schema};
use serde_json::{Map, Value, json};

/// Longest index name MongoDB keeps (a namespace and index name together once had to fit 127
/// bytes); Prisma's names are cut to fit, on a character boundary.
const MAX_INDEX_NAME: usize = 127;

pub fn lower(schema: &Schema, validation: Validation) -> DocSchema {
    let collections = schema
        .models
        .iter()
        .map(|m| Collection {
            name: m.database_name().to_owned(),
            json_schema: Some(object_schema(
                schema,
                &m.fields,
                m.documentation.as_deref(),
                0,
            )),
            validation,
            indexes: indexes(m),
        })
        .collect();
    DocSchema { collections }
}

/// `{bsonType: "object", required: [...], properties: {...}}` of a model or composite type.
fn object_schema(schema: &Schema, fields: &[ir::Field], doc: Option<&str>, depth: usize) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in fields.iter().filter(|f| !f.ignored) {
        let name = field.database_name().to_owned();
        properties.insert(name.clone(), field_schema(schema, field, depth));
        if field.arity == Arity::Required {
            required.push(Value::from(name));
        }
    }
    let mut out = Map::new();
    out.insert("bsonType".into(), json!("object"));
    if let Some(doc) = doc.map(str::trim).filter(|d| !d.is_empty()) {
        out.insert("description".into(), json!(doc));
    }
    if !required.is_empty() {
        out.insert("required".into(), Value::Array(required));
    }
    out.insert("properties".into(), Value::Object(properties));
    Value::Object(out)
}

/// One field: its element's schema, wrapped in an array for a list, `null` allowed when
/// optional.
fn field_schema(schema: &Schema, field: &ir::Field, depth: usize) -> Value {
    let element = element_schema(schema, field, depth);
    match field.arity {
        Arity::List => json!({ "bsonType": "array", "items": element }),
        Arity::Required => element,
        Arity::Optional => or_null(element),
    }
}

fn element_schema(schema: &Schema, field: &ir::Field, depth: usize) -> Value {
    let native = field.native_type.as_ref().map(|t| t.name.as_str());
    match &field.ty {
        FieldType::Scalar(s) => match bson_types(*s, native) {
            [] => json!({}),
            [one] => json!({ "bsonType": one }),
            several => json!({ "bsonType": several }),
        },
        FieldType::Enum(id) => {
            let values: Vec<&str> = schema
                .enum_(*id)
                .values
                .iter()
                .map(|v| v.database_name())
                .collect();
            json!({ "bsonType": "string", "enum": values })
        }
        // Composite types do not nest forever in a valid schema; the bound only keeps a cycle
        // from hanging here.
        FieldType::Composite(name) if depth < 32 => {
            match schema.composite_types.iter().find(|c| &c.name == name) {
                Some(c) => object_schema(schema, &c.fields, c.documentation.as_deref(), depth + 1),
                None => json!({ "bsonType": "object" }),
            }
        }
        FieldType::Composite(_) => json!({ "bsonType": "object" }),
        FieldType::Unsupported(_) => json!({}),
    }
}

/// The BSON types a scalar is stored as (MongoDB's `bsonType` aliases): what Prisma writes, and
/// for numbers what drivers write for the same value (PyMongo writes a small `int` as int32).
fn bson_types(scalar: ScalarType, native: Option<&str>) -> &'static [&'static str] {
    match (scalar, native) {
        (ScalarType::String, Some("ObjectId")) => &["objectId"],
        (ScalarType::String, _) => &["string"],
        // Prisma writes an `Int` as int64 since 5.15 (int32 with `@db.Int`), drivers write a
        // small integer as int32: both are the same Int.
        (ScalarType::Int, _) | (ScalarType::BigInt, _) => &["int", "long"],
        (ScalarType::Float, _) => &["double", "int", "long"],
        (ScalarType::Decimal, _) => &["decimal"],
        (ScalarType::Boolean, _) => &["bool"],
        (ScalarType::DateTime, _) => &["date"],
        (ScalarType::Bytes, _) => &["binData"],
        // Any JSON value.
        (ScalarType::Json, _) => &[],
    }
}

/// The same schema, with `null` allowed.
fn or_null(element: Value) -> Value {
    let Value::Object(mut map) = element else {
        return element;
    };
    match map.get_mut("bsonType") {
        Some(Value::String(one)) => {
            let one = std::mem::take(one);
            map.insert("bsonType".into(), json!([one, "null"]));
        }
        Some(Value::Array(several)) => several.push(json!("null")),
        _ => {}
    }
    if let Some(Value::Array(values)) = map.get_mut("enum") {
        values.push(Value::Null);
    }
    Value::Object(map)
}

fn indexes(model: &ir::Model) -> Vec<DocIndex> {
    let collection = model.database_name();
    model
        .indexes
        .iter()
        .map(|index| {
            // `address.city` for a field of an embedded document; Prisma's name joins the
            // parts with `_` (`User_address_city_idx`).
            let fields: Vec<String> = index
                .fields
                .iter()
                .map(|f| {
                    std::iter::once(model.field(f.field).database_name())
                        .chain(f.path.iter().map(String::as_str))
                        .collect::<Vec<_>>()
                        .join(".")
                })
                .collect();
            let name_parts: Vec<String> = fields.iter().map(|f| f.replace('.', "_")).collect();
            let keys = index
                .fields
                .iter()
                .zip(&fields)
                .map(|(f, name)| {
                    let key = match (index.kind, f.sort) {
                        (ir::IndexKind::Fulltext, _) => IndexKey::Text,
                        (_, Some(ir::SortOrder::Desc)) => IndexKey::Descending,
                        _ => IndexKey::Ascending,
                    };
                    (name.clone(), key)
                })
                .collect();
            let name = index
                .mapped_name
                .clone()
                .unwrap_or_else(|| match index.kind {
                    ir::IndexKind::Unique => names::unique(collection, &name_parts, MAX_INDEX_NAME),
                    _ => names::index(collection, &name_parts, MAX_INDEX_NAME),
                });
            DocIndex {
                name,
                keys,
                unique: index.kind == ir::IndexKind::Unique,
            }
        })
        .collect()
}
