//! `tether.toml`: where the schema is, which dialects get migrations, which code is generated.
//!
//! Rules: found by walking up from the working directory (or given with `--config`); every path
//! in it is relative to the file's own folder; unknown keys and wrong types are errors naming the
//! key and the file. Without a config file, `./schema.prisma` or `./prisma/schema.prisma` is the
//! schema, as Prisma looks for it, and nothing but migrations is generated.

use crate::provider::Provider;
use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "tether.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// The Prisma schema: a file or a folder of `.prisma` files.
    pub schema: Option<PathBuf>,
    #[serde(default)]
    pub migrations: MigrationsConfig,
    #[serde(default)]
    pub database: DatabaseConfig,
    pub python: Option<PythonConfig>,
    pub typescript: Option<TypeScriptConfig>,
    pub rust: Option<RustConfig>,
    pub docs: Option<DocsConfig>,
    #[serde(default)]
    pub mongodb: MongodbConfig,
}

/// `[mongodb]`: how the collections' validators apply (`collMod` when they change).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MongodbConfig {
    /// `strict` (every insert and update), `moderate` (the default: inserts, and updates of
    /// documents that already match, so documents written before still update), `off`.
    #[serde(default = "default_validation_level")]
    pub validation_level: crate::document::model::ValidationLevel,
    /// `error` (the default: a write that does not match is refused) or `warn` (logged).
    #[serde(default = "default_validation_action")]
    pub validation_action: crate::document::model::ValidationAction,
}

impl Default for MongodbConfig {
    fn default() -> MongodbConfig {
        MongodbConfig {
            validation_level: default_validation_level(),
            validation_action: default_validation_action(),
        }
    }
}

fn default_validation_level() -> crate::document::model::ValidationLevel {
    crate::document::model::ValidationLevel::Moderate
}

fn default_validation_action() -> crate::document::model::ValidationAction {
    crate::document::model::ValidationAction::Error
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrationsConfig {
    /// The migrations folder; with several dialects, one subfolder per dialect.
    pub dir: Option<PathBuf>,
    /// Dialects to write migrations for; default: the datasource provider; `[]`: none.
    pub dialects: Option<Vec<Provider>>,
    /// The table `migrate apply` records in: "tether" (`_tether_migrations`, the default) or
    /// "prisma" (`_prisma_migrations`, so that `prisma migrate deploy` finds them applied).
    #[serde(default)]
    pub history: crate::relational::driver::HistoryTable,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseConfig {
    /// Database URL for `check-drift` and `migrate`; `env:NAME` reads a variable.
    pub url: Option<String>,
    /// Seconds that connecting may take (TCP, TLS handshake, login).
    pub connect_timeout: Option<u64>,
    /// Seconds one statement may run; 0: no limit.
    pub statement_timeout: Option<u64>,
    /// Seconds `migrate apply` and `down` wait for the migration lock.
    pub lock_timeout: Option<u64>,
    /// PostgreSQL schema to inspect (default `public`).
    pub schema: Option<String>,
    /// Table name patterns (`*` wildcard) that `check-drift` ignores.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Databases `check-drift` checks together (`[[database.targets]]`).
    #[serde(default)]
    pub targets: Vec<TargetConfig>,
}

/// One database of a fleet: `check-drift` checks every target against the one schema.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetConfig {
    pub name: String,
    /// `env:NAME` reads a variable.
    pub url: String,
    /// PostgreSQL schema (default: the database's `schema`, else `public`).
    pub db_schema: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PythonConfig {
    /// SQLAlchemy models module.
    pub models: PathBuf,
    /// Alembic `versions/` folder; revisions are written only when set.
    pub alembic_versions: Option<PathBuf>,
    /// Pydantic v2 models module; written only when set.
    pub pydantic: Option<PathBuf>,
    /// The module the Pydantic module imports the models' enums from (default: the models
    /// module's name, relative when both files share a folder: `.models`).
    pub models_module: Option<String>,
    /// The dialect whose migrations the Alembic revisions follow (default: the datasource
    /// provider when it is among `[migrations] dialects`, else the first of them).
    pub alembic_dialect: Option<Provider>,
    /// Mix SQLAlchemy's `AsyncAttrs` into the declarative bases (`awaitable_attrs`, for
    /// `AsyncSession`). Off by default: `sqlalchemy.ext.asyncio` needs greenlet, which a plain
    /// `pip install sqlalchemy` does not install since SQLAlchemy 2.1.
    #[serde(default)]
    pub asyncio: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeScriptConfig {
    /// Output file (one module), or folder when `per_model = true`.
    pub out: PathBuf,
    /// One file per model (plus `enums.ts`, `json.ts` and an `index.ts` that re-exports them)
    /// in the folder `out`; generated files there that no longer belong are removed.
    #[serde(default)]
    pub per_model: bool,
    /// Include relation fields (as optional properties).
    #[serde(default)]
    pub relations: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RustConfig {
    pub out: PathBuf,
    /// Derives on every struct and enum, as paths (`serde::Serialize`). Default: `Debug`,
    /// `Clone`, `PartialEq`, `serde::Serialize`, `serde::Deserialize`. Enums also get `Copy`
    /// (with `Clone`), `Eq` and `Hash` (with `PartialEq`).
    pub derives: Option<Vec<String>>,
    /// Also derive `sqlx::FromRow` / `sqlx::Type`.
    #[serde(default)]
    pub sqlx: bool,
    /// JSON field names: "camelCase" (as Prisma Client) or "database".
    pub serde_rename: Option<SerdeRename>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocsConfig {
    /// A Markdown file with a Mermaid `erDiagram` (one per group when `groups` is set).
    pub mermaid: Option<PathBuf>,
    /// A DBML file (dbdiagram.io).
    pub dbml: Option<PathBuf>,
    /// A Markdown data dictionary: every table's columns with their type on each migration
    /// dialect, nullability, defaults, documentation, indexes and foreign keys; the enums.
    pub dictionary: Option<PathBuf>,
    /// The dialect whose database names and types the diagram and the DBML show (default: the
    /// datasource provider).
    pub dialect: Option<Provider>,
    /// Splits the diagram: one per group, in this order, each with its models (by model name)
    /// and the tables they relate to; models in no group go to a last diagram, "Other".
    #[serde(default)]
    pub groups: Vec<DocsGroup>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocsGroup {
    pub name: String,
    pub models: Vec<String>,
}

/// Which names a generated Rust struct's fields have in JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum SerdeRename {
    /// The schema's field names, as Prisma Client has them (`createdAt`).
    #[default]
    #[serde(rename = "camelCase")]
    CamelCase,
    /// The database column names (`@map`, else the field name: `created_at`).
    #[serde(rename = "database")]
    Database,
}

/// The configuration with every path resolved against the config file's folder.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config file, if one was found.
    pub file: Option<PathBuf>,
    /// The folder that relative paths are resolved against.
    pub root: PathBuf,
    pub raw: RawConfig,
}

impl Config {
    /// Finds and reads the configuration: `explicit` if given, else `tether.toml` in `cwd` or a
    /// parent folder, else defaults rooted at `cwd`.
    pub fn discover(explicit: Option<&Path>, cwd: &Path) -> Result<Config> {
        if let Some(path) = explicit {
            return Config::read(path);
        }
        for (depth, dir) in cwd.ancestors().enumerate() {
            if dir.join(FILE_NAME).is_file() {
                // Relative to the working directory, so that messages show short paths.
                let relative: PathBuf = std::iter::repeat_n("..", depth).collect();
                return Config::read(&relative.join(FILE_NAME));
            }
        }
        Ok(Config {
            file: None,
            root: PathBuf::from("."),
            raw: RawConfig::default(),
        })
    }

    /// Reads the configuration file at `path`.
    pub fn read(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("config: cannot read {}", path.display()))?;
        Config::parse(&text, path)
    }

    /// The configuration in `text`, as if read from the file at `path` (which names the file in
    /// messages and roots its relative paths). No I/O.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let Some(span) = e.span() else {
                return anyhow::anyhow!("config: {}: {}", path.display(), e.message().trim());
            };
            let (line, col) = crate::schema::load::line_column(text, span.start);
            // serde names the expected type, not the key; the key is found by position.
            let message = e.message().trim();
            let key = toml::de::DeTable::parse(text)
                .ok()
                .and_then(|table| key_at(table.get_ref(), span.start))
                .map(|key| format!("`{key}`"))
                .filter(|key| !message.contains(key.as_str()))
                .map(|key| format!("{key}: "))
                .unwrap_or_default();
            anyhow::anyhow!("config: {}:{line}:{col}: {key}{message}", path.display())
        })?;
        check_dialects(&raw, text, path)?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let root = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root
        };
        Ok(Config {
            file: Some(path.to_path_buf()),
            root,
            raw,
        })
    }

    /// A path from the config, relative to the config file's folder.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            strip_dot(self.root.join(path))
        }
    }

    /// The schema path: `--schema`, the config's `schema`, or Prisma's default locations.
    pub fn schema_path(&self, override_path: Option<&Path>) -> Result<PathBuf> {
        if let Some(p) = override_path {
            return Ok(p.to_path_buf());
        }
        if let Some(p) = &self.raw.schema {
            return Ok(self.resolve(p));
        }
        for candidate in [
            "schema.prisma",
            "prisma/schema.prisma",
            "schema/schema.prisma",
        ] {
            let path = self.resolve(Path::new(candidate));
            if path.exists() {
                return Ok(path);
            }
        }
        let config = self
            .file
            .as_deref()
            .unwrap_or(Path::new(FILE_NAME))
            .display();
        bail!(
            "schema: no schema found: looked for schema.prisma, prisma/schema.prisma and schema/schema.prisma in {} (set `schema` in {config} or pass --schema)",
            self.root.display()
        )
    }

    pub fn migrations_dir(&self) -> PathBuf {
        strip_dot(
            self.resolve(
                self.raw
                    .migrations
                    .dir
                    .as_deref()
                    .unwrap_or(Path::new("migrations")),
            ),
        )
    }

    /// Dialects that get migrations: the configured list, or the datasource provider.
    /// `dialects = []` turns migrations off (code generation only): empty.
    pub fn migration_dialects(&self, provider: Provider) -> Vec<Provider> {
        match &self.raw.migrations.dialects {
            Some(list) => list.clone(),
            None => vec![provider],
        }
    }

    /// Dialects whose database shape the generated code follows: the migration dialects, or
    /// the datasource provider when migrations are off. Never empty.
    pub fn dialects(&self, provider: Provider) -> Vec<Provider> {
        match self.migration_dialects(provider) {
            list if list.is_empty() => vec![provider],
            list => list,
        }
    }
}

fn strip_dot(path: PathBuf) -> PathBuf {
    path.strip_prefix("./")
        .map(Path::to_path_buf)
        .unwrap_or(path)
}

/// The dotted path (`migrations.dir`, `rust.derives[1]`) of the innermost key or value at `offset`.
/// `[migrations] dialects` names each dialect once: a repeated one would get a second,
/// identical migrations folder. The error is at the repeat, as a parse error would be.
fn check_dialects(raw: &RawConfig, text: &str, path: &Path) -> Result<()> {
    // Keys that name a SQL dialect: MongoDB is a provider, not one of them.
    let sql_only = [
        (
            "python.alembic_dialect",
            raw.python.as_ref().and_then(|p| p.alembic_dialect),
        ),
        ("docs.dialect", raw.docs.as_ref().and_then(|d| d.dialect)),
    ];
    for (key, dialect) in sql_only {
        if let Some(d) = dialect.filter(|d| !d.is_relational()) {
            bail!(
                "config: {}: `{key}`: `{}` is not a SQL dialect (\"sqlite\", \"postgresql\" or \"mysql\")",
                path.display(),
                d.name()
            );
        }
    }
    let Some(dialects) = &raw.migrations.dialects else {
        return Ok(());
    };
    if dialects.len() > 1 && dialects.iter().any(|d| !d.is_relational()) {
        bail!(
            "config: {}: `migrations.dialects`: \"mongodb\" is a MongoDB schema's only dialect; it does not go with SQL dialects",
            path.display()
        );
    }
    for (i, dialect) in dialects.iter().enumerate() {
        if dialects[..i].contains(dialect) {
            let item = toml::de::DeTable::parse(text).ok().and_then(|table| {
                let migrations = table.get_ref().get("migrations")?.get_ref().as_table()?;
                let items = migrations.get("dialects")?.get_ref().as_array()?;
                Some(items.get(i)?.span().start)
            });
            let (line, col) = crate::schema::load::line_column(text, item.unwrap_or(0));
            bail!(
                "config: {}:{line}:{col}: `migrations.dialects[{i}]`: `{}` is listed twice",
                path.display(),
                dialect.name()
            );
        }
    }
    Ok(())
}

fn key_at(table: &toml::de::DeTable<'_>, offset: usize) -> Option<String> {
    fn value_path(value: &toml::de::DeValue<'_>, offset: usize) -> Option<String> {
        match value {
            toml::de::DeValue::Table(table) => key_at(table, offset).map(|k| format!(".{k}")),
            toml::de::DeValue::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
                item.span().contains(&offset).then(|| {
                    format!(
                        "[{i}]{}",
                        value_path(item.get_ref(), offset).unwrap_or_default()
                    )
                })
            }),
            _ => None,
        }
    }
    table.iter().find_map(|(key, value)| {
        if key.span().contains(&offset) {
            return Some(key.get_ref().to_string());
        }
        let inner = value_path(value.get_ref(), offset);
        (inner.is_some() || value.span().contains(&offset))
            .then(|| format!("{}{}", key.get_ref(), inner.unwrap_or_default()))
    })
}

/// The commented `tether.toml` that `tether init` writes.
pub const TEMPLATE: &str = r#"# tether.toml: one Prisma schema, every output. See the README for every key.

# The Prisma schema: one file, or a folder of .prisma files.
schema = "schema/schema.prisma"

[migrations]
# Prisma's layout: <dir>/<timestamp>_<name>/migration.sql. With several dialects, one subfolder each.
dir = "migrations"
# Default: the datasource provider. SQLite while developing, PostgreSQL in production:
# dialects = ["sqlite", "postgresql"]
# Record applied migrations in Prisma Migrate's _prisma_migrations ("prisma") or tether's own
# _tether_migrations ("tether", the default): "prisma" lets `prisma migrate deploy` share them.
# history = "tether"

[database]
# For `tether check-drift` and `tether migrate`; "env:NAME" reads an environment variable.
# url = "env:DATABASE_URL"
# connect_timeout = 10
# statement_timeout = 60   # 0: no limit; default 60 for reading commands, none for migrate apply
# lock_timeout = 60

# [python]
# models = "generated/python/models.py"
# alembic_versions = "generated/python/alembic/versions"
# pydantic = "generated/python/schemas.py"
# For AsyncSession: AsyncAttrs on the models (needs greenlet: pip install "sqlalchemy[asyncio]").
# asyncio = true

# [typescript]
# out = "generated/typescript/models.ts"

# [rust]
# out = "generated/rust/models.rs"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing (fuzz/corpus/config_parse/crash-column-in-bytes): columns count
    /// characters, as schema diagnostics do, not bytes.
    #[test]
    fn error_columns_count_characters() {
        let message = |text: &str| {
            format!(
                "{:#}",
                Config::parse(text, Path::new("tether.toml")).unwrap_err()
            )
        };
        assert!(
            message("\u{FFFD}").starts_with("config: tether.toml:1:2: "),
            "{}",
            message("\u{FFFD}")
        );
        let wrong = message("schema = \"é\"\n[migrations]\ndir = \"ü\" 5\n");
        assert!(wrong.starts_with("config: tether.toml:3:11: "), "{wrong}");
    }

    /// `[python] asyncio` is off unless set, must be a boolean, and has no `async` alias.
    #[test]
    fn python_asyncio_is_an_opt_in_boolean() {
        let parse = |text: &str| Config::parse(text, Path::new("tether.toml"));
        let python = |text: &str| parse(text).unwrap().raw.python.unwrap();
        assert!(!python("[python]\nmodels = \"m.py\"\n").asyncio);
        assert!(python("[python]\nmodels = \"m.py\"\nasyncio = true\n").asyncio);
        let wrong = format!(
            "{:#}",
            parse("[python]\nmodels = \"m.py\"\nasyncio = \"yes\"\n").unwrap_err()
        );
        assert!(
            wrong.starts_with("config: tether.toml:3:11: `python.asyncio`: "),
            "{wrong}"
        );
        let unknown = format!(
            "{:#}",
            parse("[python]\nmodels = \"m.py\"\nasync = true\n").unwrap_err()
        );
        assert!(unknown.contains("unknown field `async`"), "{unknown}");
    }
}
