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
    plan_dialects(workspace, schema, false)
}

/// `plan_all`; with `revisions`, the dialect that Alembic revisions follow renders them while
/// its folder replays (the folder is replayed once, on that dialect's planning thread).
fn plan_dialects(
    workspace: &Workspace,
    schema: &Schema,
    revisions: bool,
) -> Result<Vec<DialectPlan>> {
    let providers = workspace.config.dialects(schema.provider);
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
    let plan = |provider: Provider| -> Result<DialectPlan> {
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
        let lowered = lower::lower(schema, dialect);
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
        Ok(DialectPlan {
            dir,
            dialect,
            previous,
            lowered,
            up,
            down,
            revisions,
        })
    };
    // Dialects are independent: each replays its own folder on its own thread.
    std::thread::scope(|scope| {
        let handles: Vec<_> = providers
            .iter()
            .map(|&p| scope.spawn(move || plan(p)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("planning thread panicked"))
            .collect()
    })
}

pub fn run(workspace: &Workspace, args: &GenArgs) -> Result<Outcome> {
    let (_, schema) = workspace.load_schema()?;
    let mut plans = plan_dialects(workspace, &schema, true)?;
    // What planning computed that code generation needs too: the lowered schemas, and the
    // Alembic revisions rendered during the replay.
    let revisions = plans
        .iter_mut()
        .enumerate()
        .find_map(|(i, p)| p.revisions.take().map(|r| (i, r)));
    let plans = plans;
    let prepared = codegen::Prepared {
        lowered: plans
            .iter()
            .map(|p| (p.dialect.provider(), &p.lowered.schema))
            .collect(),
        history: revisions.map(|(i, revisions)| codegen::alembic::History {
            revisions,
            state: &plans[i].previous,
        }),
    };
    let render = |prepared| {
        codegen::render_prepared(
            &schema,
            &workspace.config,
            &workspace.schema_path()?,
            prepared,
        )
    };
    if args.check {
        return check(&plans, &render(prepared)?, args.format);
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
    let summary = output::write(&render(prepared)?)?;
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
