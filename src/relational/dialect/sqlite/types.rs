//! SQLite's type map: Prisma's default types and no `@db.*` attributes. SQLite keeps a declared
//! type as written, so only its spelling is normalized (upper case, spaces folded).

use crate::relational::dialect::types::{Canonical, TypeTable};
use crate::schema::ir::ScalarType as S;

pub static TYPES: TypeTable = TypeTable {
    scalars: &[
        (S::String, "TEXT"),
        (S::Int, "INTEGER"),
        (S::BigInt, "BIGINT"),
        (S::Float, "REAL"),
        (S::Decimal, "DECIMAL"),
        (S::Boolean, "BOOLEAN"),
        (S::DateTime, "DATETIME"),
        (S::Json, "JSONB"),
        (S::Bytes, "BLOB"),
    ],
    natives: &[],
    one_bit_boolean: None,
    canonical,
};

fn canonical(raw: &str) -> Canonical {
    let upper = raw
        .trim()
        .to_ascii_uppercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(", ", ",");
    let (name, args) = match upper.split_once('(') {
        Some((name, rest)) if rest.ends_with(')') => (
            name.trim_end().to_owned(),
            Some(rest[..rest.len() - 1].to_owned()),
        ),
        _ => (upper, None),
    };
    Canonical {
        name,
        args,
        unsigned: false,
        serial: false,
        unknown: false,
    }
}
