//! The next migration per dialect, planned: what each dialect's folder replays to, what the
//! schema lowers to, and the changes between them both ways (`DialectPlan`). `gen` writes a
//! plan's SQL, `migrate plan` shows it.
//!
//! Rules: planning writes nothing. Dialects are independent and planned on threads of their own;
//! each folder is replayed once. The Alembic revisions that follow a folder are rendered while it
//! replays (so this module knows `codegen::alembic`, the one code target that follows the
//! migrations folder).

use super::MigrationsDir;
use crate::codegen::{self, alembic};
use crate::config::Config;
use crate::provider::Provider;
use crate::relational::dialect::{self, Dialect};
use crate::relational::diff::{self, MigrationPair, Plan};
use crate::relational::lower::{self, Lowered};
use crate::relational::model::DbSchema;
use crate::schema::ir::Schema;
use anyhow::Result;
use std::path::Path;

/// One dialect's next migration: what the folder holds, what the schema wants, the way between.
pub struct DialectPlan {
    pub dir: MigrationsDir,
    pub dialect: &'static dyn Dialect,
    pub previous: DbSchema,
    pub lowered: Lowered,
    pub up: Plan,
    pub down: Plan,
    /// The Alembic revisions of the folder's migrations, rendered while it was replayed, when
    /// they follow this dialect and the caller asked for them (`gen`).
    pub revisions: Option<alembic::Revisions>,
}

impl DialectPlan {
    pub fn up_sql(&self) -> String {
        let mut header = diff::warning_header(&self.up.warnings);
        header.extend(self.lowered.notes.iter().map(|n| format!("NOTE: {n}")));
        let sides = MigrationPair {
            previous: &self.previous,
            next: &self.lowered.schema,
        };
        dialect::render_script(self.dialect, &self.up.changes, sides, &header)
    }

    pub fn down_sql(&self) -> String {
        let mut header = Vec::new();
        if !self.down.warnings.is_empty() {
            header.push("WARNING: going back loses data:".to_owned());
            header.extend(diff::warning_header(&self.down.warnings));
        }
        let sides = MigrationPair {
            previous: &self.lowered.schema,
            next: &self.previous,
        };
        dialect::render_script(self.dialect, &self.down.changes, sides, &header)
    }
}

/// A SQL schema's migration dialects are SQL dialects (`"mongodb"` is a MongoDB schema's).
pub fn check_sql_dialects(config: &Config, schema: &Schema) -> Result<()> {
    let providers = config.migration_dialects(schema.provider);
    if let Some(p) = providers.iter().find(|p| !p.is_relational()) {
        anyhow::bail!(
            "migrations: `[migrations] dialects` names \"{}\", the dialect of a MongoDB schema; this schema's provider is \"{}\"",
            p.name(),
            schema.provider.name()
        );
    }
    Ok(())
}

/// Plans the next migration for every configured dialect.
pub fn plan_all(config: &Config, schema_path: &Path, schema: &Schema) -> Result<Vec<DialectPlan>> {
    plan_dialects(config, schema_path, schema, false, |_| ()).map(|(plans, ())| plans)
}

/// `plan_all`, running `during` on this thread while the dialects' threads replay their
/// folders and diff (code generation, which needs the lowered schemas only); with
/// `revisions`, the dialect that Alembic revisions follow renders them while its folder
/// replays (the folder is replayed once, on that dialect's planning thread).
pub fn plan_dialects<R>(
    config: &Config,
    schema_path: &Path,
    schema: &Schema,
    revisions: bool,
    during: impl FnOnce(&[(Provider, &DbSchema)]) -> R,
) -> Result<(Vec<DialectPlan>, R)> {
    check_sql_dialects(config, schema)?;
    let providers = config.migration_dialects(schema.provider);
    let root = config.migrations_dir();
    let alembic = if revisions {
        alembic::planned_dialect(config, schema)
    } else {
        None
    };
    let header = match alembic {
        Some(_) => codegen::header(config, schema_path),
        None => String::new(),
    };
    // Dialects are independent: each is lowered, then replayed and diffed, on its own thread.
    let lowered: Vec<Lowered> = std::thread::scope(|scope| {
        let handles: Vec<_> = providers
            .iter()
            .map(|&p| scope.spawn(move || lower::lower(schema, dialect::for_provider(p))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("lowering thread panicked"))
            .collect()
    });
    let plan = |provider: Provider, lowered: &Lowered| -> Result<Replayed> {
        let dir = MigrationsDir::for_dialect(&root, provider, providers.len());
        let dialect = dialect::for_provider(provider);
        let mut revisions =
            (alembic == Some(provider)).then(|| alembic::Revisions::new(dialect, &header));
        let previous = match &mut revisions {
            Some(r) => {
                dir.replay_each(dialect, |m, pair, renames| r.add(&m.name, pair, renames))?
            }
            None => dir.replay(dialect)?,
        };
        let up = diff::diff(
            MigrationPair {
                previous: &previous,
                next: &lowered.schema,
            },
            &lowered.renames,
            dialect,
        );
        let down = diff::diff(
            MigrationPair {
                previous: &lowered.schema,
                next: &previous,
            },
            &lowered.renames.reversed(),
            dialect,
        );
        Ok(Replayed {
            dir,
            dialect,
            previous,
            up,
            down,
            revisions,
        })
    };
    let (replayed, during) = std::thread::scope(|scope| {
        let handles: Vec<_> = providers
            .iter()
            .zip(&lowered)
            .map(|(&p, l)| scope.spawn(move || plan(p, l)))
            .collect();
        let schemas: Vec<(Provider, &DbSchema)> = providers
            .iter()
            .copied()
            .zip(lowered.iter().map(|l| &l.schema))
            .collect();
        let during = during(&schemas);
        let replayed: Vec<Result<Replayed>> = handles
            .into_iter()
            .map(|h| h.join().expect("planning thread panicked"))
            .collect();
        (replayed, during)
    });
    let plans = replayed
        .into_iter()
        .zip(lowered)
        .map(|(r, lowered)| {
            let r = r?;
            Ok(DialectPlan {
                dir: r.dir,
                dialect: r.dialect,
                previous: r.previous,
                lowered,
                up: r.up,
                down: r.down,
                revisions: r.revisions,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((plans, during))
}

/// What a planning thread computes: a `DialectPlan` but the lowering.
struct Replayed {
    dir: MigrationsDir,
    dialect: &'static dyn Dialect,
    previous: DbSchema,
    up: Plan,
    down: Plan,
    revisions: Option<alembic::Revisions>,
}
