//! The next MongoDB migration: the folder's commands replayed to a `DocSchema`, diffed with
//! what the schema lowers to, both ways (`migration.json` and `down.json`).
//!
//! Rules: as for SQL dialects, migrations are history: the folder is replayed, never
//! regenerated, and a hand-edited command counts. A folder holds one dialect's migrations:
//! `mongodb` is the only dialect of a MongoDB schema.

use super::commands::{self, Plan};
use super::lower;
use super::model::{DocSchema, Validation};
use crate::config::Config;
use crate::migrations::{Migration, MigrationsDir};
use crate::provider::Provider;
use crate::schema::ir::Schema;
use anyhow::{Result, bail};

pub struct DocumentPlan {
    pub dir: MigrationsDir,
    /// What the folder builds.
    pub previous: DocSchema,
    /// What the schema asks for.
    pub next: DocSchema,
    pub up: Plan,
    pub down: Plan,
}

pub fn plan(config: &Config, schema: &Schema) -> Result<Option<DocumentPlan>> {
    let dialects = config.migration_dialects(schema.provider);
    if dialects.is_empty() {
        return Ok(None);
    }
    if dialects != [Provider::Mongodb] {
        bail!(
            "migrations: a MongoDB schema has one dialect, \"mongodb\"; `[migrations] dialects` says {}",
            dialects
                .iter()
                .map(|d| format!("\"{}\"", d.name()))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let dir = MigrationsDir::for_dialect(&config.migrations_dir(), Provider::Mongodb, 1);
    let previous = replay(&dir.list()?, DocSchema::default())?;
    let next = lower::lower(schema, validation(config));
    let up = commands::diff(&previous, &next);
    let down = commands::diff(&next, &previous);
    Ok(Some(DocumentPlan {
        dir,
        previous,
        next,
        up,
        down,
    }))
}

/// The `[mongodb]` validation settings (default: `moderate`, `error`).
pub fn validation(config: &Config) -> Validation {
    let m = &config.raw.mongodb;
    Validation {
        level: m.validation_level,
        action: m.validation_action,
    }
}

/// `state` after every migration's commands.
pub fn replay(migrations: &[Migration], mut state: DocSchema) -> Result<DocSchema> {
    for m in migrations {
        let file = m.dir.join("migration.json");
        for (i, command) in commands::parse(&m.sql, &file)?.iter().enumerate() {
            commands::apply(&mut state, command).map_err(|e| {
                anyhow::anyhow!("replay: {}: command {}: {e}", file.display(), i + 1)
            })?;
        }
    }
    Ok(state)
}
