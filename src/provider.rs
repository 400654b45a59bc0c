//! Datasource providers: which databases tether knows by name (a Prisma `datasource` block's
//! `provider`, the `dialects` of tether.toml, a URL's scheme names one through
//! `connection`), and which of them are relational, that is, have a SQL dialect in
//! `relational::dialect`.
//!
//! Rules: this is the one list of providers; a name that is not here is an error, never a
//! fallback to some default. MongoDB is the one document provider: it has no SQL dialect, gets
//! its own model beside `relational/` (`document/`), and `is_relational` is how shared code
//! tells the two apart.

use serde::Serialize;

/// The datasource provider named in the schema.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, PartialOrd, Ord,
)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Postgresql,
    Sqlite,
    Mysql,
    Mongodb,
}

impl Provider {
    pub fn name(self) -> &'static str {
        match self {
            Provider::Postgresql => "postgresql",
            Provider::Sqlite => "sqlite",
            Provider::Mysql => "mysql",
            Provider::Mongodb => "mongodb",
        }
    }

    pub fn parse(name: &str) -> Option<Provider> {
        match name {
            "postgresql" | "postgres" => Some(Provider::Postgresql),
            "sqlite" => Some(Provider::Sqlite),
            "mysql" => Some(Provider::Mysql),
            "mongodb" => Some(Provider::Mongodb),
            _ => None,
        }
    }

    /// Providers Prisma's validator knows and tether generates nothing for: `validate` and `fmt`
    /// work on their schemas, every other command refuses them (`validated_only_message`).
    pub const VALIDATED_ONLY: &'static [&'static str] = &["cockroachdb", "sqlserver"];

    /// Why a command other than `validate` and `fmt` refuses a schema of a `VALIDATED_ONLY`
    /// provider, and what does work.
    pub fn validated_only_message(name: &str) -> String {
        format!(
            "tether generates nothing for `{name}` schemas: `tether validate` and `tether fmt` check and format them with Prisma's own validator, but migrations, models, types and drift need a database tether knows (\"postgresql\", \"mysql\", \"sqlite\"; \"mongodb\" for what the README's MongoDB section says)."
        )
    }

    /// `parse` for a schema's datasource: an unknown name is an error that names it.
    pub fn of_datasource(name: &str) -> Result<Provider, String> {
        Provider::parse(name).ok_or_else(|| {
            format!(
                "The datasource provider `{name}` is not supported by tether: use \"postgresql\", \"mysql\", \"sqlite\" or \"mongodb\"."
            )
        })
    }

    /// Whether the provider has a SQL dialect (`relational::dialect::for_provider`).
    pub fn is_relational(self) -> bool {
        match self {
            Provider::Postgresql | Provider::Sqlite | Provider::Mysql => true,
            Provider::Mongodb => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datasource_providers() {
        assert_eq!(
            Provider::of_datasource("postgresql"),
            Ok(Provider::Postgresql)
        );
        assert_eq!(Provider::of_datasource("mongodb"), Ok(Provider::Mongodb));
        assert!(!Provider::Mongodb.is_relational());
        let error = Provider::of_datasource("sqlserver").unwrap_err();
        assert!(error.contains("`sqlserver`"), "{error}");
        assert!(Provider::Mysql.is_relational());
    }
}
