//! SQLAlchemy column types for the relational model's column types, one table per dialect: the
//! type whose DDL on that dialect is the migration's type (`TIMESTAMP(3)` is
//! `postgresql.TIMESTAMP(precision=3)`, `VARCHAR(191)` is `sa.String(191)`).
//!
//! Rules: the input is a column type in the dialect's canonical spelling (`Dialect::
//! normalize_type`), as lowering and replay produce it; generic `sa.` types are used wherever
//! they render the same DDL, dialect types (`postgresql.`, `mysql.`, `sqlite.`) only where they
//! must. A type this table does not know gives `None`; the caller decides (the models fall back
//! to the scalar's generic type, revisions write the type text as it is).

use super::layout::{Arg, Expr, atom, call, kw, pos};
use super::sqlalchemy::SqlAlchemyDialect;
use std::collections::BTreeSet;

/// What generated code needs imported, collected while expressions are built.
#[derive(Debug, Default, Clone)]
pub struct Uses {
    /// `sqlalchemy.dialects` modules: `mysql`, `postgresql`, `sqlite`.
    pub dialects: BTreeSet<&'static str>,
    pub datetime: bool,
    pub decimal: bool,
    pub uuid: bool,
    pub any: bool,
    /// The module defines `RawType` (a column type written as text).
    pub raw_type: bool,
}

/// The SQLAlchemy type for `column_type` on `dialect`, or `None` when there is none.
pub fn sql_type(dialect: &SqlAlchemyDialect, column_type: &str, uses: &mut Uses) -> Option<Expr> {
    let upper = column_type.trim();
    let (base, unsigned) = match upper.strip_suffix(" UNSIGNED") {
        Some(b) => (b, true),
        None => (upper, false),
    };
    let (name, args) = split_args(base);
    // Types spelled the same way on every dialect.
    let numbers = numbers(&args);
    let common = match (name.as_str(), args.len()) {
        ("TEXT", 0) => generic("Text", vec![]),
        ("VARCHAR", _) => generic("String", numbers),
        ("CHAR", _) => generic("CHAR", numbers),
        ("BOOLEAN", 0) => generic("Boolean", vec![]),
        ("DATE", 0) => generic("Date", vec![]),
        ("JSON", 0) => generic("JSON", vec![]),
        _ => None,
    };
    common.or_else(|| (dialect.column_type)(&name, &args, unsigned, uses))
}

/// `sa.<ty>(args)`.
fn generic(ty: &str, args: Vec<Arg>) -> Option<Expr> {
    Some(call(&format!("sa.{ty}"), args))
}

/// `<module>.<ty>(args)`, importing the dialect module.
fn dialect_type(module: &'static str, ty: &str, args: Vec<Arg>, uses: &mut Uses) -> Option<Expr> {
    uses.dialects.insert(module);
    Some(call(&format!("{module}.{ty}"), args))
}

/// A type's arguments as positional numbers.
fn numbers(args: &[String]) -> Vec<Arg> {
    args.iter().map(|a| pos(atom(a.clone()))).collect()
}

/// PostgreSQL's column types.
pub(super) fn postgresql(
    name: &str,
    args: &[String],
    _unsigned: bool,
    uses: &mut Uses,
) -> Option<Expr> {
    let numbers = numbers(args);
    match name {
        "INTEGER" => generic("Integer", vec![]),
        "SMALLINT" => generic("SmallInteger", vec![]),
        "BIGINT" => generic("BigInteger", vec![]),
        "DOUBLE PRECISION" => generic("Double", vec![]),
        "REAL" => generic("REAL", vec![]),
        "DECIMAL" => generic("Numeric", numbers),
        "TIMESTAMP" | "TIMESTAMPTZ" | "TIME" | "TIMETZ" => {
            let zone = name.ends_with("TZ");
            let base = name.trim_end_matches("TZ");
            let base = if base == "TIMESTAMP" {
                "TIMESTAMP"
            } else {
                "TIME"
            };
            let mut a = Vec::new();
            if zone {
                a.push(kw("timezone", atom("True")));
            }
            match args.first() {
                Some(p) => {
                    a.push(kw("precision", atom(p.clone())));
                    dialect_type("postgresql", base, a, uses)
                }
                None if base == "TIMESTAMP" => generic("DateTime", a),
                None => generic("Time", a),
            }
        }
        "JSONB" => dialect_type("postgresql", "JSONB", vec![], uses),
        "BYTEA" => generic("LargeBinary", vec![]),
        "UUID" => generic("Uuid", vec![kw("as_uuid", atom("False"))]),
        "INET" | "CITEXT" | "MONEY" | "OID" => dialect_type("postgresql", name, vec![], uses),
        "BIT" => dialect_type("postgresql", "BIT", numbers, uses),
        "VARBIT" => {
            let mut a = numbers;
            a.push(kw("varying", atom("True")));
            dialect_type("postgresql", "BIT", a, uses)
        }
        _ => None,
    }
}

/// MySQL's (and MariaDB's) column types.
pub(super) fn mysql(name: &str, args: &[String], unsigned: bool, uses: &mut Uses) -> Option<Expr> {
    let numbers = numbers(args);
    let integer = |generic_name: &str, mysql_name: &str, uses: &mut Uses| {
        if unsigned {
            dialect_type(
                "mysql",
                mysql_name,
                vec![kw("unsigned", atom("True"))],
                uses,
            )
        } else if generic_name.is_empty() {
            dialect_type("mysql", mysql_name, vec![], uses)
        } else {
            generic(generic_name, vec![])
        }
    };
    match name {
        "INTEGER" => integer("Integer", "INTEGER", uses),
        "SMALLINT" => integer("SmallInteger", "SMALLINT", uses),
        "BIGINT" => integer("BigInteger", "BIGINT", uses),
        "TINYINT" => integer("", "TINYINT", uses),
        "MEDIUMINT" => integer("", "MEDIUMINT", uses),
        "DOUBLE" => generic("Double", vec![]),
        "FLOAT" => generic("Float", vec![]),
        "DECIMAL" => generic("Numeric", numbers),
        "DATETIME" | "TIMESTAMP" | "TIME" => match args.first() {
            Some(p) => dialect_type("mysql", name, vec![kw("fsp", atom(p.clone()))], uses),
            None if name == "DATETIME" => generic("DateTime", vec![]),
            None if name == "TIME" => generic("Time", vec![]),
            None => dialect_type("mysql", "TIMESTAMP", vec![], uses),
        },
        "YEAR" | "TINYTEXT" | "MEDIUMTEXT" | "LONGTEXT" | "TINYBLOB" | "MEDIUMBLOB"
        | "LONGBLOB" => dialect_type("mysql", name, vec![], uses),
        "BLOB" => generic("LargeBinary", vec![]),
        "BIT" => dialect_type("mysql", "BIT", numbers, uses),
        "BINARY" => generic("BINARY", numbers),
        "VARBINARY" => generic("VARBINARY", numbers),
        _ => None,
    }
}

/// SQLite's column types.
pub(super) fn sqlite(
    name: &str,
    args: &[String],
    _unsigned: bool,
    uses: &mut Uses,
) -> Option<Expr> {
    match name {
        "INTEGER" => generic("Integer", vec![]),
        "BIGINT" => generic("BigInteger", vec![]),
        "REAL" => generic("REAL", vec![]),
        "DECIMAL" => generic("DECIMAL", numbers(args)),
        "DATETIME" => generic("DateTime", vec![]),
        "JSONB" => dialect_type("sqlite", "JSONB", vec![], uses),
        "BLOB" => generic("LargeBinary", vec![]),
        _ => None,
    }
}

/// A PostgreSQL array of `element` (arrays exist on PostgreSQL only: other dialects lower
/// lists to JSON).
pub fn array_of(element: Expr, uses: &mut Uses) -> Expr {
    uses.dialects.insert("postgresql");
    call("postgresql.ARRAY", vec![pos(element)])
}

/// A column type written as text, for types SQLAlchemy has no class for (`RawType("point")`).
pub fn raw_type(column_type: &str, uses: &mut Uses) -> Expr {
    uses.raw_type = true;
    call("RawType", vec![pos(super::layout::string(column_type))])
}

/// `DECIMAL(10,2)` -> (`DECIMAL`, [`10`, `2`]).
fn split_args(ty: &str) -> (String, Vec<String>) {
    match ty.split_once('(') {
        Some((name, rest)) => {
            let inner = rest.trim_end().trim_end_matches(')');
            (
                name.trim().to_ascii_uppercase(),
                inner
                    .split(',')
                    .map(|a| a.trim().to_owned())
                    .filter(|a| !a.is_empty())
                    .collect(),
            )
        }
        None => (ty.trim().to_ascii_uppercase(), Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::Provider;

    fn text(provider: Provider, ty: &str) -> Option<String> {
        sql_type(SqlAlchemyDialect::of(provider), ty, &mut Uses::default()).map(|e| e.flat())
    }

    #[test]
    fn types_render_the_migrations_ddl() {
        use Provider::*;
        assert_eq!(text(Postgresql, "TEXT").unwrap(), "sa.Text()");
        assert_eq!(
            text(Postgresql, "TIMESTAMP(3)").unwrap(),
            "postgresql.TIMESTAMP(precision=3)"
        );
        assert_eq!(
            text(Postgresql, "TIMESTAMPTZ(6)").unwrap(),
            "postgresql.TIMESTAMP(timezone=True, precision=6)"
        );
        assert_eq!(
            text(Postgresql, "DECIMAL(65,30)").unwrap(),
            "sa.Numeric(65, 30)"
        );
        assert_eq!(
            text(Postgresql, "VARBIT(4)").unwrap(),
            "postgresql.BIT(4, varying=True)"
        );
        assert_eq!(text(Mysql, "VARCHAR(191)").unwrap(), "sa.String(191)");
        assert_eq!(
            text(Mysql, "INTEGER UNSIGNED").unwrap(),
            "mysql.INTEGER(unsigned=True)"
        );
        assert_eq!(text(Mysql, "DATETIME(3)").unwrap(), "mysql.DATETIME(fsp=3)");
        assert_eq!(text(Sqlite, "DECIMAL").unwrap(), "sa.DECIMAL()");
        assert_eq!(text(Sqlite, "JSONB").unwrap(), "sqlite.JSONB()");
        assert_eq!(text(Postgresql, "point"), None);
    }
}
