//! MySQL's and MariaDB's type map: Prisma's default types, the `@db.*` attributes, and the
//! catalog's spellings (`int(11)`, `tinyint(1)` for booleans, `datetime(0)`, `unsigned`).

use crate::relational::dialect::types::{Canonical, NativeEntry, TypeTable, split_type_args};
use crate::relational::model::TypeFamily as F;
use crate::schema::ir::ScalarType as S;

pub static TYPES: TypeTable = TypeTable {
    scalars: &[
        (S::String, "VARCHAR(191)"),
        (S::Int, "INTEGER"),
        (S::BigInt, "BIGINT"),
        (S::Float, "DOUBLE"),
        (S::Decimal, "DECIMAL(65,30)"),
        (S::Boolean, "BOOLEAN"),
        (S::DateTime, "DATETIME(3)"),
        (S::Json, "JSON"),
        (S::Bytes, "LONGBLOB"),
    ],
    natives: &[
        NativeEntry::new("VarChar", "VARCHAR", F::String),
        NativeEntry::new("Char", "CHAR", F::String),
        NativeEntry::new("Text", "TEXT", F::String),
        NativeEntry::new("TinyText", "TINYTEXT", F::String),
        NativeEntry::new("MediumText", "MEDIUMTEXT", F::String),
        NativeEntry::new("LongText", "LONGTEXT", F::String),
        NativeEntry::new("Int", "INTEGER", F::Int),
        NativeEntry::unsigned("UnsignedInt", "INTEGER", F::Int),
        NativeEntry::new("SmallInt", "SMALLINT", F::Int),
        NativeEntry::unsigned("UnsignedSmallInt", "SMALLINT", F::Int),
        NativeEntry::new("TinyInt", "TINYINT", F::Int),
        NativeEntry::unsigned("UnsignedTinyInt", "TINYINT", F::Int),
        NativeEntry::new("MediumInt", "MEDIUMINT", F::Int),
        NativeEntry::unsigned("UnsignedMediumInt", "MEDIUMINT", F::Int),
        NativeEntry::new("BigInt", "BIGINT", F::BigInt),
        NativeEntry::unsigned("UnsignedBigInt", "BIGINT", F::BigInt),
        NativeEntry::new("Decimal", "DECIMAL", F::Decimal),
        NativeEntry::new("Double", "DOUBLE", F::Float),
        NativeEntry::new("Float", "FLOAT", F::Float),
        NativeEntry::new("Date", "DATE", F::DateTime),
        NativeEntry::new("DateTime", "DATETIME", F::DateTime),
        NativeEntry::new("Timestamp", "TIMESTAMP", F::DateTime),
        NativeEntry::new("Time", "TIME", F::DateTime),
        NativeEntry::new("Year", "YEAR", F::Int),
        NativeEntry::new("Json", "JSON", F::Json),
        NativeEntry::new("Bit", "BIT", F::Bytes),
        NativeEntry::new("Binary", "BINARY", F::Bytes),
        NativeEntry::new("VarBinary", "VARBINARY", F::Bytes),
        NativeEntry::new("Blob", "BLOB", F::Bytes),
        NativeEntry::new("TinyBlob", "TINYBLOB", F::Bytes),
        NativeEntry::new("MediumBlob", "MEDIUMBLOB", F::Bytes),
        NativeEntry::new("LongBlob", "LONGBLOB", F::Bytes),
    ],
    one_bit_boolean: Some(("BIT", 1)),
    canonical,
};

fn canonical(raw: &str) -> Canonical {
    let (base, args) = split_type_args(raw);
    let unsigned = base.ends_with(" unsigned");
    let base = base.trim_end_matches(" unsigned").to_owned();
    // Display widths (`int(11)`) are not part of the type.
    let (name, args) = match (base.as_str(), args) {
        ("tinyint", Some(a)) if a == "1" => ("BOOLEAN".to_owned(), None),
        ("bool" | "boolean", _) => ("BOOLEAN".to_owned(), None),
        ("int" | "integer", _) => ("INTEGER".to_owned(), None),
        ("bigint" | "smallint" | "tinyint" | "mediumint", _) => (base.to_ascii_uppercase(), None),
        ("double" | "double precision" | "real", _) => ("DOUBLE".to_owned(), None),
        // YEAR(4) is MariaDB's spelling of YEAR; the width is display only.
        ("year", _) => ("YEAR".to_owned(), None),
        ("numeric", a) => ("DECIMAL".to_owned(), a),
        // Precision 0 is the default and catalogs do not show it.
        ("datetime" | "timestamp" | "time", Some(a)) if a == "0" => {
            (base.to_ascii_uppercase(), None)
        }
        (_, a) => (base.to_ascii_uppercase(), a),
    };
    Canonical {
        name,
        args,
        unsigned,
        serial: false,
        unknown: false,
    }
}
