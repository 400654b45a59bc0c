//! `tether gen [--check]`: a new migration per dialect when the schema changed, and every code
//! output. With `--check`, nothing is written and stale output is a finding (exit 1).

use super::Workspace;
use crate::Outcome;
use crate::cli::{Format, GenArgs};
use crate::codegen::{self, alembic};
use crate::migrations::MigrationsDir;
use crate::output::{self, FileStatus};
use crate::relational::dialect::{self, Dialect};
use crate::relational::diff::{self, MigrationPair, Plan};
use crate::relational::lower::{self, Lowered};
use crate::relational::model::DbSchema;
use crate::schema::ir::{Provider, Schema};
use anyhow::Result;
use serde_json::json;

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
        let mut header: Vec<String> = self
            .up
            .warnings
            .iter()
            .map(|w| format!("WARNING: {w}"))
            .collect();
        header.extend(self.lowered.notes.iter().map(|n| format!("NOTE: {n}")));
        dialect::render_script(
            self.dialect,
            &self.up.changes,
            &self.lowered.schema,
            &header,
        )
    }

    pub fn down_sql(&self) -> String {
        let mut header = Vec::new();
        if !self.down.warnings.is_empty() {
            header.push("WARNING: going back loses data:".to_owned());
            header.extend(self.down.warnings.iter().map(|w| format!("WARNING: {w}")));
        }
        dialect::render_script(self.dialect, &self.down.changes, &self.previous, &header)
    }
}

/// Plans the next migration for every configured dialect.
pub fn plan_all(workspace: &Workspace, schema: &Schema) -> Result<Vec<DialectPlan>> {
    plan_dialects(workspace, schema, false, |_| ()).map(|(plans, ())| plans)
}

/// `plan_all`, running `during` on this thread while the dialects' threads replay their
/// folders and diff (code generation, which needs the lowered schemas only); with
/// `revisions`, the dialect that Alembic revisions follow renders them while its folder
/// replays (the folder is replayed once, on that dialect's planning thread).
fn plan_dialects<R>(
    workspace: &Workspace,
    schema: &Schema,
    revisions: bool,
    during: impl FnOnce(&[(Provider, &DbSchema)]) -> R,
) -> Result<(Vec<DialectPlan>, R)> {
    let providers = workspace.config.migration_dialects(schema.provider);
    let root = workspace.config.migrations_dir();
    let alembic = if revisions {
        alembic::planned_dialect(&workspace.config, schema)
    } else {
        None
    };
    let header = match alembic {
        Some(_) => codegen::header(&workspace.config, &workspace.schema_path()?),
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

pub fn run(workspace: &Workspace, args: &GenArgs) -> Result<Outcome> {
    let (_, schema) = workspace.load_schema()?;
    let schema_path = workspace.schema_path()?;
    // The code outputs need no migrations: rendered while the folders replay.
    let (mut plans, code) = plan_dialects(workspace, &schema, true, |lowered| {
        codegen::render_code(&schema, &workspace.config, &schema_path, lowered)
    })?;
    let code = code?;
    // The Alembic revisions of the folder's migrations, rendered during the replay; the
    // revision of a migration written below is rendered after it.
    let revisions = plans
        .iter_mut()
        .enumerate()
        .find_map(|(i, p)| p.revisions.take().map(|r| (i, r)));
    let plans = plans;
    let history = revisions.map(|(i, revisions)| alembic::History {
        revisions,
        state: &plans[i].previous,
    });
    let render = |history| -> Result<output::FileSet> {
        let revisions =
            codegen::render_revisions(&schema, &workspace.config, &schema_path, history)?;
        let mut files = code;
        files.files.extend(revisions.files);
        files.owned_dirs.extend(revisions.owned_dirs);
        Ok(files)
    };
    if args.check {
        return check(&plans, &render(history)?, args.format);
    }

    for plan in plans.iter().filter(|p| !p.up.is_empty()) {
        for w in &plan.up.warnings {
            eprintln!("warning: {}: {w}", plan.dialect.provider().name());
        }
    }
    let destructive = plans
        .iter()
        .any(|p| !p.up.is_empty() && !p.up.warnings.is_empty());
    if args.deny_destructive && destructive {
        eprintln!(
            "refusing to write a migration that can lose data or fail on existing rows (--deny-destructive)"
        );
        return Ok(Outcome::Findings);
    }

    for plan in &plans {
        if plan.up.is_empty() {
            eprintln!(
                "{}: schema and migrations agree; no new migration",
                plan.dialect.provider().name()
            );
            continue;
        }
        let first = plan.dir.list()?.is_empty();
        let name = args.name.clone().unwrap_or_else(|| {
            if first {
                "init".to_owned()
            } else {
                "migration".to_owned()
            }
        });
        let folder = plan
            .dir
            .write_new(&name, &plan.up_sql(), &plan.down_sql())?;
        eprintln!(
            "{}: wrote {} ({} change{})",
            plan.dialect.provider().name(),
            folder.join("migration.sql").display(),
            plan.up.changes.len(),
            if plan.up.changes.len() == 1 { "" } else { "s" }
        );
    }
    // After the migrations: code outputs that follow the migrations folder (Alembic revisions)
    // include the migration just written.
    let summary = output::write(&render(history)?)?;
    for path in &summary.written {
        eprintln!("wrote {}", path.display());
    }
    for path in &summary.removed {
        eprintln!("removed {}", path.display());
    }
    if summary.unchanged > 0 {
        eprintln!("{} generated file(s) unchanged", summary.unchanged);
    }
    Ok(Outcome::Success)
}

fn check(plans: &[DialectPlan], files: &output::FileSet, format: Format) -> Result<Outcome> {
    let reports = output::check(files)?;
    let pending: Vec<&DialectPlan> = plans.iter().filter(|p| !p.up.is_empty()).collect();
    if format == Format::Json {
        let value = json!({
            "up_to_date": reports.is_empty() && pending.is_empty(),
            "files": reports,
            "migrations": pending.iter().map(|p| json!({
                "dialect": p.dialect.provider().name(),
                "dir": p.dir.path.display().to_string(),
                "changes": p.up.changes.iter().map(|c| c.object()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        for r in &reports {
            match &r.status {
                FileStatus::Stale { diff } => {
                    println!("stale: {}", r.path.display());
                    print!("{diff}");
                }
                FileStatus::Missing => println!("missing: {}", r.path.display()),
                FileStatus::Unexpected => println!(
                    "unexpected: {} (generated by tether, no longer produced)",
                    r.path.display()
                ),
            }
        }
        for p in &pending {
            println!(
                "missing migration: {} ({}): the schema has {} change(s) that no migration makes: {}",
                p.dir.path.display(),
                p.dialect.provider().name(),
                p.up.changes.len(),
                p.up.changes
                    .iter()
                    .map(|c| c.object())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    if reports.is_empty() && pending.is_empty() {
        eprintln!("generated files and migrations are up to date");
        Ok(Outcome::Success)
    } else {
        eprintln!("generated output is stale: run `tether gen`");
        Ok(Outcome::Findings)
    }
}
