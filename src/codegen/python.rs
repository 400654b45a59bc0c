//! Python output: SQLAlchemy 2.0 typed declarative models, Pydantic v2 models, and (through
//! `alembic`) Alembic revisions.
//!
//! Rules: the database shape comes from the relational lowering, never recomputed here: table,
//! column, constraint and index names, column types and server defaults are those of
//! `relational::lower` for each configured migration dialect, so the models agree with the
//! migrations by construction. The first dialect (the datasource provider when it is configured)
//! gives the base type of a column; another dialect whose type differs adds
//! `.with_variant(type, dialect)`. Shapes that cannot differ per dialect in one `MetaData` (the
//! primary key or unique index of an implicit many-to-many table, server defaults) follow the
//! first dialect. Python names come from `naming` (`PYTHON`, `PYTHON`): classes and
//! enums keep the schema's names, attributes are snake_case, enum members keep their names and
//! hold the database values. Every statement is laid out by `layout`, so the output is what
//! `ruff format` prints; templates only place the statements. Ignored fields and `Unsupported`
//! columns are `unmapped_column`s (in the table, not on the class); `@@ignore`d models are plain
//! `Table`s; views map onto a separate `ViewBase` whose metadata migrations never create.
//! How SQLAlchemy spells each database (dialect modules and types, `with_variant` names,
//! dialect-prefixed options) is the data in `sqlalchemy`; nothing here compares providers.
//!
//! This module is the entry: it lowers the schema for each target and assembles the files. What
//! each file holds is rendered by one submodule: `names` decides every Python name, `models` the
//! SQLAlchemy module (its bases and classes), `tables` the tables no class maps and the
//! constraints and indexes, `enums` the enum classes, `pydantic` the Pydantic module, `file` a
//! file's imports, docstrings and layout of blocks; below them `layout` prints expressions,
//! `types` maps column types and `sqlalchemy` holds each database's spelling. A MongoDB schema
//! has no tables: its `models` module is `documents`, Pydantic models of the documents.

mod documents;
mod enums;
mod file;
mod layout;
mod models;
mod names;
mod pydantic;
mod sqlalchemy;
mod tables;
mod types;

pub use file::{Imports, render_sized, sections};
pub use layout::{
    Annotation, Arg, Expr, annotated, atom, call, kw, method, pos, statement, string,
    string_literal,
};
pub use models::RawTypeHelper;
pub use sqlalchemy::SqlAlchemyDialect;
pub use tables::{
    escape_colons, fk_actions, foreign_key_constraint, index_columns, index_options,
    primary_key_constraint,
};
pub use types::{Uses, array_of, raw_type, sql_type};

use super::Context;
use crate::config::PythonConfig;
use crate::output::FileSet;
use crate::relational::dialect::{self, Dialect};
use crate::relational::lower;
use crate::relational::model::DbSchema;
use crate::schema::ir::{Provider, Schema};
use anyhow::Result;
use names::Module;
use std::borrow::Cow;
use std::path::Path;

/// Renders the configured Python models (and Pydantic models) into `set`; the Alembic
/// revisions are `alembic`'s.
pub fn render(ctx: &Context, cfg: &PythonConfig, set: &mut FileSet) -> Result<()> {
    if !ctx.schema.provider.is_relational() {
        let sql_only = [
            ("pydantic", cfg.pydantic.is_some()),
            ("alembic_versions", cfg.alembic_versions.is_some()),
            ("asyncio", cfg.asyncio),
        ];
        if let Some((key, _)) = sql_only.iter().find(|(_, set)| *set) {
            anyhow::bail!(
                "python.{key}: a MongoDB schema has no tables; `python.models` is its module of Pydantic document models"
            );
        }
        let path = ctx.config.resolve(&cfg.models);
        set.insert(path, documents::render_documents(ctx.schema, &ctx.header)?);
        return Ok(());
    }
    let targets = targets(ctx);
    let module = Module::new(ctx.schema, &targets);
    let models_path = ctx.config.resolve(&cfg.models);
    set.insert(
        models_path.clone(),
        module.render_models(&ctx.header, cfg.asyncio)?,
    );
    if let Some(pydantic) = &cfg.pydantic {
        let path = ctx.config.resolve(pydantic);
        let import_from = cfg
            .models_module
            .clone()
            .unwrap_or_else(|| relative_module(&path, &models_path));
        set.insert(path, module.render_pydantic(&ctx.header, &import_from)?);
    }
    Ok(())
}

/// `.models` when the models module sits beside `from`, else its dotted path from the common
/// folder (`..db.models` style is not guessed: set `models_module`).
fn relative_module(from: &Path, models: &Path) -> String {
    let stem = models
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "models".to_owned());
    if from.parent() == models.parent() {
        format!(".{stem}")
    } else {
        stem
    }
}

/// One migration dialect and what the schema lowers to on it.
pub struct Target<'a> {
    pub provider: Provider,
    /// Tables of the models (and implicit many-to-many tables): the caller's lowering when
    /// it has one (`Context::lowered`).
    pub db: Cow<'a, DbSchema>,
    /// The views, lowered as if they were tables, for their column types.
    pub views: DbSchema,
}

impl Target<'_> {
    /// How SQLAlchemy spells this target's database.
    pub fn sqlalchemy(&self) -> &'static SqlAlchemyDialect {
        SqlAlchemyDialect::of(self.provider)
    }

    /// The relational dialect, for its capability questions.
    pub fn dialect(&self) -> &'static dyn Dialect {
        dialect::for_provider(self.provider)
    }
}

/// The configured migration dialects, the one that decides first: the datasource provider
/// when it is among them, else the first configured.
pub fn targets<'a>(ctx: &Context<'a>) -> Vec<Target<'a>> {
    let schema = ctx.schema;
    let mut providers = ctx.config.dialects(schema.provider);
    if let Some(i) = providers.iter().position(|p| *p == schema.provider) {
        let primary = providers.remove(i);
        providers.insert(0, primary);
    }
    let views_only = Schema {
        namespaces: Vec::new(),
        provider: schema.provider,
        models: schema.views.clone(),
        views: Vec::new(),
        enums: schema.enums.clone(),
        composite_types: schema.composite_types.clone(),
        relations: Vec::new(),
        extensions: Vec::new(),
        relation_mode: schema.relation_mode,
    };
    providers
        .into_iter()
        .map(|provider| {
            let d = dialect::for_provider(provider);
            Target {
                provider,
                db: ctx.db_schema(provider),
                views: lower::lower(&views_only, d).schema,
            }
        })
        .collect()
}
