//! Type maps: how a dialect spells each type, both ways. Forward, a Prisma scalar or a `@db.*`
//! attribute becomes a `NativeType`; backward, a type read from a migration or a catalog
//! becomes the same `NativeType` (aliases folded: `int4` is `INTEGER`), and a `NativeType` maps
//! back to the Prisma scalar and `@db.*` attribute that give it (what `db pull` writes).
//!
//! Rules: each dialect declares one `TypeTable` (in `<dialect>/types.rs`), data only; the
//! table's methods are the one implementation of the lookups. A type the table does not know is
//! kept as declared, in the `Unsupported` family, never guessed at.

use crate::relational::model::{NativeType, TypeFamily};
use crate::schema::ir::ScalarType;

/// One `@db.*` attribute and the database type it stands for.
pub struct NativeEntry {
    /// The attribute's name in a Prisma schema: `VarChar` for `@db.VarChar(255)`.
    pub attribute: &'static str,
    /// The canonical type name: `VARCHAR`.
    pub name: &'static str,
    pub unsigned: bool,
    /// The Prisma scalar a field of this type has; the first entry of a name decides its family.
    pub family: TypeFamily,
}

impl NativeEntry {
    pub const fn new(attribute: &'static str, name: &'static str, family: TypeFamily) -> Self {
        NativeEntry {
            attribute,
            name,
            unsigned: false,
            family,
        }
    }

    /// MySQL's `UNSIGNED` integer types.
    pub const fn unsigned(attribute: &'static str, name: &'static str, family: TypeFamily) -> Self {
        NativeEntry {
            attribute,
            name,
            unsigned: true,
            family,
        }
    }
}

/// A dialect's type map.
pub struct TypeTable {
    /// Prisma's default type for each scalar, as SQL text (`DECIMAL(65,30)`).
    pub scalars: &'static [(ScalarType, &'static str)],
    pub natives: &'static [NativeEntry],
    /// A one-bit type that holds a `Boolean` (MySQL's `BIT(1)`: `Boolean @db.Bit(1)`, as
    /// Prisma pulls it), though the attribute's family is another.
    pub one_bit_boolean: Option<(&'static str, u32)>,
    /// Reads a declared type: (canonical name, arguments as written, unsigned, is serial).
    /// `None` arguments when the type has none; display widths and the like already dropped.
    pub canonical: fn(&str) -> Canonical,
}

/// A declared type after the dialect's spelling rules.
pub struct Canonical {
    pub name: String,
    pub args: Option<String>,
    pub unsigned: bool,
    pub serial: bool,
    /// The dialect does not know the type: `name` is the declaration as written.
    pub unknown: bool,
}

/// What a database type is in a Prisma schema: a scalar, and the `@db.*` attribute (name and
/// arguments) where the type is not the scalar's default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrismaType {
    pub scalar: ScalarType,
    pub attribute: Option<(&'static str, Vec<u32>)>,
}

impl TypeTable {
    /// Prisma's default column type for a scalar.
    pub fn scalar_type(&self, scalar: ScalarType) -> NativeType {
        let sql = self
            .scalars
            .iter()
            .find(|(s, _)| *s == scalar)
            .map(|(_, sql)| *sql)
            .expect("every dialect maps every scalar");
        self.parse(sql).0
    }

    /// The column type for a `@db.*` attribute, if this dialect has that native type.
    pub fn native_type(&self, attribute: &str, args: &[String]) -> Option<NativeType> {
        let entry = self.natives.iter().find(|e| e.attribute == attribute)?;
        let mut sql = entry.name.to_owned();
        if !args.is_empty() {
            sql = format!("{sql}({})", args.join(","));
        }
        if entry.unsigned {
            sql.push_str(" UNSIGNED");
        }
        Some(self.parse(&sql).0)
    }

    /// A type as a migration or a catalog declares it, normalized; and whether it is serial
    /// (PostgreSQL's `SERIAL` is `INTEGER` with a sequence).
    pub fn parse(&self, declared: &str) -> (NativeType, bool) {
        let canonical = (self.canonical)(declared);
        let args: Option<Vec<u32>> = match &canonical.args {
            None => Some(Vec::new()),
            Some(text) => text.split(',').map(|a| a.trim().parse().ok()).collect(),
        };
        let ty = match args {
            Some(args) if !canonical.unknown => NativeType {
                family: self.family_of(&canonical.name, canonical.unsigned),
                name: canonical.name,
                args,
                unsigned: canonical.unsigned,
            },
            // Arguments that are not numbers (a MySQL `SET('a','b')`): the text as one name.
            _ => {
                let mut name = canonical.name;
                if let Some(args) = &canonical.args {
                    name = format!("{name}({args})");
                }
                if canonical.unsigned {
                    name.push_str(" UNSIGNED");
                }
                NativeType {
                    family: TypeFamily::Unsupported,
                    name,
                    args: Vec::new(),
                    unsigned: false,
                }
            }
        };
        (ty, canonical.serial)
    }

    /// The family of a canonical type name: its attribute's, else the scalar whose default it is.
    fn family_of(&self, name: &str, unsigned: bool) -> TypeFamily {
        if let Some(entry) = self
            .natives
            .iter()
            .find(|e| e.name == name && e.unsigned == unsigned)
        {
            return entry.family;
        }
        self.scalars
            .iter()
            .find(|(_, sql)| base_name(sql) == name)
            .map(|(scalar, _)| TypeFamily::from(*scalar))
            .unwrap_or(TypeFamily::Unsupported)
    }

    /// The Prisma scalar and `@db.*` attribute that give this type; `None` for a type Prisma
    /// can only call `Unsupported`.
    pub fn prisma_type(&self, ty: &NativeType) -> Option<PrismaType> {
        let mut scalar = ty.family.scalar()?;
        if self
            .one_bit_boolean
            .is_some_and(|(name, width)| ty.name == name && ty.args == [width])
        {
            scalar = ScalarType::Boolean;
        }
        if self.scalar_type(scalar) == *ty {
            return Some(PrismaType {
                scalar,
                attribute: None,
            });
        }
        let entry = self
            .natives
            .iter()
            .find(|e| e.name == ty.name && e.unsigned == ty.unsigned)?;
        Some(PrismaType {
            scalar,
            attribute: Some((entry.attribute, ty.args.clone())),
        })
    }
}

/// `DECIMAL(65,30)` -> `DECIMAL`.
fn base_name(sql: &str) -> &str {
    sql.split('(').next().unwrap_or(sql)
}

impl From<ScalarType> for TypeFamily {
    fn from(scalar: ScalarType) -> TypeFamily {
        match scalar {
            ScalarType::String => TypeFamily::String,
            ScalarType::Int => TypeFamily::Int,
            ScalarType::BigInt => TypeFamily::BigInt,
            ScalarType::Float => TypeFamily::Float,
            ScalarType::Decimal => TypeFamily::Decimal,
            ScalarType::Boolean => TypeFamily::Boolean,
            ScalarType::DateTime => TypeFamily::DateTime,
            ScalarType::Json => TypeFamily::Json,
            ScalarType::Bytes => TypeFamily::Bytes,
        }
    }
}

impl TypeFamily {
    /// The Prisma scalar of this family; `None` for `Unsupported`.
    pub fn scalar(self) -> Option<ScalarType> {
        Some(match self {
            TypeFamily::String => ScalarType::String,
            TypeFamily::Int => ScalarType::Int,
            TypeFamily::BigInt => ScalarType::BigInt,
            TypeFamily::Float => ScalarType::Float,
            TypeFamily::Decimal => ScalarType::Decimal,
            TypeFamily::Boolean => ScalarType::Boolean,
            TypeFamily::DateTime => ScalarType::DateTime,
            TypeFamily::Json => ScalarType::Json,
            TypeFamily::Bytes => ScalarType::Bytes,
            TypeFamily::Unsupported => return None,
        })
    }
}

/// `timestamp(3) without time zone` -> (`timestamp without time zone`, Some("3")): lower case,
/// quotes dropped, whitespace collapsed, arguments without spaces.
pub fn split_type_args(raw: &str) -> (String, Option<String>) {
    let lower = raw.trim().trim_matches('"').to_ascii_lowercase();
    let (base, args) = match (lower.find('('), lower.find(')')) {
        (Some(open), Some(close)) if close > open => {
            let args: String = lower[open + 1..close]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            (
                format!("{} {}", &lower[..open], &lower[close + 1..]),
                Some(args),
            )
        }
        _ => (lower, None),
    };
    (base.split_whitespace().collect::<Vec<_>>().join(" "), args)
}

#[cfg(test)]
mod tests {
    use super::super::{MySql, Postgres, Sqlite};
    use super::*;
    use crate::relational::dialect::Dialect;

    /// Every `@db.*` attribute maps to a type that maps back to it (or to the bare scalar, where
    /// the attribute spells the scalar's default type), on every dialect.
    #[test]
    fn every_native_attribute_round_trips() {
        for d in [&Postgres as &dyn Dialect, &MySql, &Sqlite] {
            let types = d.types();
            for entry in types.natives {
                let args: Vec<String> = match entry.name {
                    "VARCHAR" | "CHAR" | "BIT" | "VARBIT" | "BINARY" | "VARBINARY" => {
                        vec!["12".into()]
                    }
                    "DECIMAL" => vec!["10".into(), "2".into()],
                    _ => vec![],
                };
                let ty = types.native_type(entry.attribute, &args).unwrap();
                let back = types.prisma_type(&ty).unwrap_or_else(|| {
                    panic!(
                        "{}: @db.{} maps to nothing",
                        d.provider().name(),
                        entry.attribute
                    )
                });
                assert_eq!(back.scalar, entry.family.scalar().unwrap());
                if let Some((attribute, _)) = back.attribute {
                    let again = types
                        .native_type(attribute, &args)
                        .expect("the attribute exists");
                    assert_eq!(
                        again,
                        ty,
                        "{}: @db.{}",
                        d.provider().name(),
                        entry.attribute
                    );
                }
            }
        }
    }

    #[test]
    fn catalog_spellings_fold_to_one_type() {
        let pg = Postgres.types();
        assert_eq!(
            pg.parse("timestamp(3) without time zone").0,
            pg.parse("TIMESTAMP(3)").0
        );
        assert_eq!(pg.parse("int4").0, pg.scalar_type(ScalarType::Int));
        assert!(pg.parse("serial").1);
        assert_eq!(
            pg.parse("numeric(65, 30)").0,
            pg.scalar_type(ScalarType::Decimal)
        );
        let unknown = pg.parse("geometry(Point, 4326)").0;
        assert_eq!(unknown.family, TypeFamily::Unsupported);
        assert_eq!(unknown.to_string(), "geometry(Point, 4326)");

        let my = MySql.types();
        assert_eq!(my.parse("int(11)").0, my.scalar_type(ScalarType::Int));
        assert_eq!(my.parse("tinyint(1)").0.family, TypeFamily::Boolean);
        assert_eq!(
            my.parse("int(10) unsigned").0.to_string(),
            "INTEGER UNSIGNED"
        );
        assert_eq!(my.parse("datetime(0)").0.to_string(), "DATETIME");
        assert_eq!(
            my.prisma_type(&my.parse("varchar(191)").0),
            Some(PrismaType {
                scalar: ScalarType::String,
                attribute: None
            })
        );
        assert_eq!(
            my.prisma_type(&my.parse("varchar(36)").0),
            Some(PrismaType {
                scalar: ScalarType::String,
                attribute: Some(("VarChar", vec![36]))
            })
        );

        let lite = Sqlite.types();
        assert_eq!(lite.parse("decimal(10, 2)").0.to_string(), "DECIMAL(10,2)");
        assert_eq!(lite.parse("datetime").0.family, TypeFamily::DateTime);
    }
}
