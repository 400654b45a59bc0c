//! PostgreSQL's type map: Prisma's default types, the `@db.*` attributes, and the catalog's
//! spellings (`int4`, `character varying`, `timestamp without time zone`, `serial`).

use crate::relational::dialect::types::{Canonical, NativeEntry, TypeTable, split_type_args};
use crate::relational::model::TypeFamily as F;
use crate::schema::ir::ScalarType as S;

pub static TYPES: TypeTable = TypeTable {
    scalars: &[
        (S::String, "TEXT"),
        (S::Int, "INTEGER"),
        (S::BigInt, "BIGINT"),
        (S::Float, "DOUBLE PRECISION"),
        (S::Decimal, "DECIMAL(65,30)"),
        (S::Boolean, "BOOLEAN"),
        (S::DateTime, "TIMESTAMP(3)"),
        (S::Json, "JSONB"),
        (S::Bytes, "BYTEA"),
    ],
    natives: &[
        NativeEntry::new("Text", "TEXT", F::String),
        NativeEntry::new("Char", "CHAR", F::String),
        NativeEntry::new("VarChar", "VARCHAR", F::String),
        NativeEntry::new("Bit", "BIT", F::String),
        NativeEntry::new("VarBit", "VARBIT", F::String),
        NativeEntry::new("Uuid", "UUID", F::String),
        NativeEntry::new("Xml", "XML", F::String),
        NativeEntry::new("Inet", "INET", F::String),
        NativeEntry::new("Citext", "CITEXT", F::String),
        NativeEntry::new("Boolean", "BOOLEAN", F::Boolean),
        NativeEntry::new("Integer", "INTEGER", F::Int),
        NativeEntry::new("SmallInt", "SMALLINT", F::Int),
        NativeEntry::new("BigInt", "BIGINT", F::BigInt),
        NativeEntry::new("Oid", "OID", F::Int),
        NativeEntry::new("DoublePrecision", "DOUBLE PRECISION", F::Float),
        NativeEntry::new("Real", "REAL", F::Float),
        NativeEntry::new("Decimal", "DECIMAL", F::Decimal),
        NativeEntry::new("Money", "MONEY", F::Decimal),
        NativeEntry::new("Timestamp", "TIMESTAMP", F::DateTime),
        NativeEntry::new("Timestamptz", "TIMESTAMPTZ", F::DateTime),
        NativeEntry::new("Date", "DATE", F::DateTime),
        NativeEntry::new("Time", "TIME", F::DateTime),
        NativeEntry::new("Timetz", "TIMETZ", F::DateTime),
        NativeEntry::new("Json", "JSON", F::Json),
        NativeEntry::new("JsonB", "JSONB", F::Json),
        NativeEntry::new("ByteA", "BYTEA", F::Bytes),
    ],
    one_bit_boolean: None,
    canonical,
};

/// (spelling in a catalog or a migration, canonical name, is serial).
const SPELLINGS: &[(&str, &str, bool)] = &[
    ("serial", "INTEGER", true),
    ("serial4", "INTEGER", true),
    ("bigserial", "BIGINT", true),
    ("serial8", "BIGINT", true),
    ("smallserial", "SMALLINT", true),
    ("serial2", "SMALLINT", true),
    ("integer", "INTEGER", false),
    ("int", "INTEGER", false),
    ("int4", "INTEGER", false),
    ("bigint", "BIGINT", false),
    ("int8", "BIGINT", false),
    ("smallint", "SMALLINT", false),
    ("int2", "SMALLINT", false),
    ("double precision", "DOUBLE PRECISION", false),
    ("float8", "DOUBLE PRECISION", false),
    ("double", "DOUBLE PRECISION", false),
    ("real", "REAL", false),
    ("float4", "REAL", false),
    ("numeric", "DECIMAL", false),
    ("decimal", "DECIMAL", false),
    ("text", "TEXT", false),
    ("character varying", "VARCHAR", false),
    ("varchar", "VARCHAR", false),
    ("character", "CHAR", false),
    ("char", "CHAR", false),
    ("bpchar", "CHAR", false),
    ("timestamp", "TIMESTAMP", false),
    ("timestamp without time zone", "TIMESTAMP", false),
    ("timestamptz", "TIMESTAMPTZ", false),
    ("timestamp with time zone", "TIMESTAMPTZ", false),
    ("time", "TIME", false),
    ("time without time zone", "TIME", false),
    ("timetz", "TIMETZ", false),
    ("time with time zone", "TIMETZ", false),
    ("date", "DATE", false),
    ("boolean", "BOOLEAN", false),
    ("bool", "BOOLEAN", false),
    ("jsonb", "JSONB", false),
    ("json", "JSON", false),
    ("bytea", "BYTEA", false),
    ("uuid", "UUID", false),
    ("xml", "XML", false),
    ("inet", "INET", false),
    ("citext", "CITEXT", false),
    ("money", "MONEY", false),
    ("oid", "OID", false),
    ("bit", "BIT", false),
    ("bit varying", "VARBIT", false),
    ("varbit", "VARBIT", false),
];

fn canonical(raw: &str) -> Canonical {
    let (base, args) = split_type_args(raw);
    match SPELLINGS.iter().find(|(spelling, _, _)| *spelling == base) {
        Some((_, name, serial)) => Canonical {
            name: (*name).to_owned(),
            args,
            unsigned: false,
            serial: *serial,
            unknown: false,
        },
        // Kept as written: quotes are part of the SQL (`"public".geography`, #13 item 9).
        None => Canonical {
            name: raw.trim().to_owned(),
            args: None,
            unsigned: false,
            serial: false,
            unknown: true,
        },
    }
}
