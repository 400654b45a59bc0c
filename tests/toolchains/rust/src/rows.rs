//! SQLite rows as the JSON objects that serde reads the generated structs from: one key per
//! column, named as the column.
//!
//! Rules: a value becomes JSON by its column's declared type, the way Prisma's SQLite columns
//! hold it: `BOOLEAN` is 0 or 1, `DATETIME` is Unix milliseconds or SQLite's own
//! `YYYY-MM-DD HH:MM:SS` text (`CURRENT_TIMESTAMP`), `DECIMAL` becomes a string (serde reads
//! `rust_decimal::Decimal` from one), `JSONB` holds JSON text, `BLOB` becomes an array of bytes.

use rusqlite::types::ValueRef;
use serde_json::{Map, Value};

/// Every row of `sql`, one JSON object per row.
pub fn query(db: &rusqlite::Connection, sql: &str) -> Vec<Value> {
    let mut stmt = db.prepare(sql).expect("preparing the query");
    let columns: Vec<(String, String)> = stmt
        .columns()
        .iter()
        .map(|c| {
            let declared = c.decl_type().unwrap_or_default().to_uppercase();
            (c.name().to_owned(), declared)
        })
        .collect();
    let mut rows = stmt.query([]).expect("running the query");
    let mut out = Vec::new();
    while let Some(row) = rows.next().expect("reading a row") {
        let mut object = Map::new();
        for (i, (name, declared)) in columns.iter().enumerate() {
            let value = row.get_ref(i).expect("reading a column");
            object.insert(name.clone(), to_json(value, declared));
        }
        out.push(Value::Object(object));
    }
    out
}

fn to_json(value: ValueRef<'_>, declared: &str) -> Value {
    let base = declared.split('(').next().unwrap_or_default().trim();
    match (base, value) {
        (_, ValueRef::Null) => Value::Null,
        ("BOOLEAN", ValueRef::Integer(i)) => Value::Bool(i != 0),
        ("DATETIME", ValueRef::Integer(ms)) => {
            let at = chrono::DateTime::from_timestamp_millis(ms).expect("a DATETIME in range");
            Value::String(at.to_rfc3339())
        }
        ("DATETIME", ValueRef::Text(text)) => {
            let text = std::str::from_utf8(text).expect("UTF-8 text");
            let at = chrono::DateTime::parse_from_rfc3339(text)
                .map(|at| at.to_utc())
                .or_else(|_| {
                    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
                        .map(|at| at.and_utc())
                })
                .expect("a DATETIME as RFC 3339 or SQLite text");
            Value::String(at.to_rfc3339())
        }
        ("DECIMAL", ValueRef::Integer(i)) => Value::String(i.to_string()),
        ("DECIMAL", ValueRef::Real(f)) => Value::String(f.to_string()),
        ("JSONB" | "JSON", ValueRef::Text(text)) => {
            serde_json::from_slice(text).expect("JSON text in a JSON column")
        }
        (_, ValueRef::Integer(i)) => Value::from(i),
        (_, ValueRef::Real(f)) => Value::from(f),
        (_, ValueRef::Text(text)) => Value::String(String::from_utf8_lossy(text).into_owned()),
        (_, ValueRef::Blob(bytes)) => Value::String(crate::base64::encode(bytes)),
    }
}
