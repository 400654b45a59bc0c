//! Datasource providers: which databases tether knows by name (a Prisma `datasource` block's
//! `provider`, the `dialects` of tether.toml, a URL's scheme names one through
//! `connection`), and which of them are relational, that is, have a SQL dialect in
//! `relational::dialect`.
//!
//! Rules: this is the one list of providers; a name that is not here is an error, never a
//! fallback to some default. Today every provider is relational. A document provider (MongoDB,
//! a later issue) will be a provider here with no SQL dialect: it gets its own model and driver
//! beside `relational/`, and `is_relational` is how shared code tells the two apart.

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
}

impl Provider {
    pub fn name(self) -> &'static str {
        match self {
            Provider::Postgresql => "postgresql",
            Provider::Sqlite => "sqlite",
            Provider::Mysql => "mysql",
        }
    }

    pub fn parse(name: &str) -> Option<Provider> {
        match name {
            "postgresql" | "postgres" => Some(Provider::Postgresql),
            "sqlite" => Some(Provider::Sqlite),
            "mysql" => Some(Provider::Mysql),
            _ => None,
        }
    }

    /// Providers Prisma's validator knows and tether generates nothing for: `validate` and `fmt`
    /// work on their schemas, every other command refuses them (`validated_only_message`).
    pub const VALIDATED_ONLY: &'static [&'static str] = &["cockroachdb", "sqlserver", "mongodb"];

    /// Why a command other than `validate` and `fmt` refuses a schema of a `VALIDATED_ONLY`
    /// provider, and what does work.
    pub fn validated_only_message(name: &str) -> String {
        format!(
            "tether generates nothing for `{name}` schemas: `tether validate` and `tether fmt` check and format them with Prisma's own validator, but migrations, models, types and drift need a database tether has a SQL dialect for (\"postgresql\", \"mysql\" or \"sqlite\")."
        )
    }

    /// `parse` for a schema's datasource: an unknown name is an error that names it.
    pub fn of_datasource(name: &str) -> Result<Provider, String> {
        Provider::parse(name).ok_or_else(|| {
            format!(
                "The datasource provider `{name}` is not supported by tether: use \"postgresql\", \"mysql\" or \"sqlite\"."
            )
        })
    }

    /// Whether the provider has a SQL dialect (`relational::dialect::for_provider`).
    pub fn is_relational(self) -> bool {
        match self {
            Provider::Postgresql | Provider::Sqlite | Provider::Mysql => true,
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
        let error = Provider::of_datasource("mongodb").unwrap_err();
        assert!(error.contains("`mongodb`"), "{error}");
        assert!(Provider::Mysql.is_relational());
    }
}
