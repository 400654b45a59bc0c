//! `tether migrate plan|apply|down|status`: the next migration as data, applying the folder's
//! migrations to a database (or printing what would run), reverting them, and what is applied,
//! pending or modified. `migrate resolve` is `resolve.rs`'s.

use super::Workspace;
use crate::Outcome;
use crate::cli::{ApplyArgs, DbArgs, Format, MigrateCommand};
use crate::migrations::plan::plan_all;
use crate::migrations::{Migration, MigrationsDir};
use crate::provider::Provider;
use crate::relational::dialect::render_change;
use crate::relational::diff::{MigrationPair, is_destructive};
use crate::relational::driver::{self, AppliedMigration, Driver, HistoryTable};
use crate::term;
use anyhow::{Result, anyhow, bail};
use serde_json::json;

pub fn run(workspace: &Workspace, command: &MigrateCommand) -> Result<Outcome> {
    match command {
        MigrateCommand::Plan { dialect, format } => plan(workspace, dialect.as_deref(), *format),
        #[cfg(feature = "mongodb")]
        MigrateCommand::Apply(args) if documents(workspace)? => {
            super::migrate_documents::apply(workspace, args)
        }
        #[cfg(feature = "mongodb")]
        MigrateCommand::Down { db, steps } if documents(workspace)? => {
            super::migrate_documents::down(workspace, db, *steps)
        }
        #[cfg(feature = "mongodb")]
        MigrateCommand::Status { db, check } if documents(workspace)? => {
            super::migrate_documents::status(workspace, db, *check)
        }
        MigrateCommand::Apply(args) => apply(workspace, args),
        MigrateCommand::Resolve(args) => super::resolve::run(workspace, args),
        MigrateCommand::Down { db, steps } => down(workspace, db, *steps),
        MigrateCommand::Status { db, check } => status(workspace, db, *check),
    }
}

/// Is the schema a MongoDB one (its migrations are database commands)? Read quietly: the
/// command that runs next loads it again and says what is wrong with it.
#[cfg(feature = "mongodb")]
fn documents(workspace: &Workspace) -> Result<bool> {
    let files = workspace.read_schema_files()?;
    Ok(matches!(
        crate::schema::load::validate(&files),
        Ok(crate::schema::load::Validated::Loaded(loaded)) if !loaded.schema.provider.is_relational()
    ))
}

fn plan(workspace: &Workspace, only: Option<&str>, format: Format) -> Result<Outcome> {
    let (files, schema) = workspace.load_sql_schema("migrate")?;
    let wanted = match only {
        Some(name) => Some(Provider::parse(name).ok_or_else(|| {
            anyhow!("migrate: unknown dialect `{name}` (sqlite, postgresql, mysql)")
        })?),
        None => None,
    };
    let plans: Vec<_> = plan_all(&workspace.config, &workspace.schema_path()?, &schema)?
        .into_iter()
        .filter(|p| wanted.is_none_or(|w| w == p.dialect.provider()))
        .collect();
    if format == Format::Json {
        let value: Vec<_> = plans
            .iter()
            .map(|p| {
                json!({
                    "dialect": p.dialect.provider().name(),
                    "dir": p.dir.path.display().to_string(),
                    "changes": p.up.changes.iter().map(|c| {
                        let sides = MigrationPair { previous: &p.previous, next: &p.lowered.schema };
                        let (kind, statements) = render_change(p.dialect, c, sides);
                        json!({ "kind": kind, "object": c.object(), "sql": statements, "destructive": is_destructive(c) })
                    }).collect::<Vec<_>>(),
                    "warnings": p.up.warnings,
                    "unmatched_renames": p.up.unmatched_renames,
                    "notes": p.lowered.notes,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        for p in &plans {
            println!(
                "-- {} ({})",
                p.dialect.provider().name(),
                p.dir.path.display()
            );
            for unmatched in &p.up.unmatched_renames {
                let w = super::generate::unmatched_rename_warning(&files, unmatched);
                eprintln!("warning: {}: {w}", p.dialect.provider().name());
            }
            if p.up.is_empty() {
                println!("-- no changes");
            } else {
                println!("{}", p.up_sql());
            }
        }
    }
    Ok(Outcome::Success)
}

/// The migrations folder that holds the URL's dialect.
fn folder_for(workspace: &Workspace, url: &str) -> Result<MigrationsDir> {
    let (_, schema) = workspace.load_sql_schema("migrate")?;
    let provider = driver::dialect_of(url)?.provider();
    let dialects = workspace.config.migration_dialects(schema.provider);
    if !dialects.contains(&provider) {
        let configured: Vec<&str> = dialects.iter().map(|d| d.name()).collect();
        bail!(
            "migrate: no {} migrations: the configured dialects are {} (set [migrations] dialects in tether.toml)",
            provider.name(),
            if configured.is_empty() {
                "none".to_owned()
            } else {
                configured.join(", ")
            }
        );
    }
    Ok(MigrationsDir::for_dialect(
        &workspace.config.migrations_dir(),
        provider,
        dialects.len(),
    ))
}

/// Applied migrations whose file changed since: refusing is safer than guessing.
pub(super) fn modified<'a>(
    folder: &'a [Migration],
    applied: &[AppliedMigration],
) -> Vec<&'a Migration> {
    folder
        .iter()
        .filter(|m| {
            applied.iter().any(|a| {
                a.name == m.name
                    && a.checksum
                        .as_deref()
                        .is_some_and(|c| !m.checksum_matches(c))
            })
        })
        .collect()
}

/// Applied migrations the folder lacks: the folder is not the history the database went
/// through (a deleted file, or another branch's migration).
pub(super) fn missing_from_folder<'a>(
    folder: &[Migration],
    applied: &'a [AppliedMigration],
) -> Vec<&'a AppliedMigration> {
    applied
        .iter()
        .filter(|a| !folder.iter().any(|m| m.name == a.name))
        .collect()
}

/// The URL's migrations folder, its migrations, and a connection to the database.
pub(super) fn open(
    workspace: &Workspace,
    args: &DbArgs,
    read_only: bool,
) -> Result<(MigrationsDir, Vec<Migration>, Box<dyn Driver>)> {
    let url = workspace.database_url(args)?;
    let dir = folder_for(workspace, &url)?;
    let folder = dir.list()?;
    let progress = term::Progress::start();
    if let Ok(parsed) = crate::connection::DatabaseUrl::parse(&url) {
        progress.set(&format!("connecting to {}…", parsed.endpoint));
    }
    let db = driver::connect(&url, &workspace.connect_options(args, read_only))?;
    drop(progress);
    Ok((dir, folder, db))
}

/// Runs `work` holding the migration lock, and releases the lock whatever `work` did.
pub(super) fn locked<T>(
    db: &mut dyn Driver,
    timeout: std::time::Duration,
    work: impl FnOnce(&mut dyn Driver) -> Result<T>,
) -> Result<T> {
    db.lock(timeout, &mut || {
        eprintln!(
            "waiting for the migration lock: another `tether migrate` run holds it (giving up after {} s)",
            timeout.as_secs()
        )
    })?;
    let result = work(db);
    let unlocked = db.unlock();
    let value = result?;
    unlocked?;
    Ok(value)
}

fn apply(workspace: &Workspace, args: &ApplyArgs) -> Result<Outcome> {
    if args.dry_run {
        return dry_run(workspace, args);
    }
    let (_, folder, mut db) = open(workspace, &args.db, false)?;
    let wait = workspace.connect_options(&args.db, false).lock_timeout;
    let to = args.to.as_deref();
    let table = workspace.config.raw.migrations.history;
    let applied = locked(db.as_mut(), wait, |db| apply_locked(db, &folder, to, table))?;
    Ok(report_applied(applied, folder.len()))
}

/// What `migrate apply` says at its end.
pub(super) fn report_applied(applied: usize, in_folder: usize) -> Outcome {
    if applied == 0 {
        term::info(format_args!(
            "database is up to date ({in_folder} migration(s) applied before)"
        ));
    } else {
        term::info(format_args!("applied {applied} migration(s)"));
    }
    Outcome::Success
}

/// `apply --dry-run`: the SQL of each migration `apply` would run, in order, on stdout, over a
/// read-only connection; nothing is written, not even the history table.
fn dry_run(workspace: &Workspace, args: &ApplyArgs) -> Result<Outcome> {
    let (_, folder, mut db) = open(workspace, &args.db, true)?;
    let applied = db.applied()?;
    let pending = pending(&folder, &applied, args.to.as_deref())?;
    for (i, m) in pending.iter().enumerate() {
        println!("-- {} ({}/{})", m.name, i + 1, pending.len());
        print!("{}", m.sql);
        if !m.sql.ends_with('\n') {
            println!();
        }
    }
    term::info(format_args!(
        "dry run: {} migration(s) would be applied; nothing was changed",
        pending.len()
    ));
    Ok(Outcome::Success)
}

/// The folder's migrations that `apply` runs, in order, up to and including `to`: refused
/// when the history and the folder disagree (an applied migration edited or missing).
pub(super) fn pending<'a>(
    folder: &'a [Migration],
    applied: &[AppliedMigration],
    to: Option<&str>,
) -> Result<Vec<&'a Migration>> {
    if let Some(m) = modified(folder, applied).first() {
        bail!(
            "migrate: {} was applied and has been edited since (checksum differs); restore the file or write a new migration",
            m.dir.join("migration.sql").display()
        );
    }
    if let Some(a) = missing_from_folder(folder, applied).first() {
        bail!(
            "migrate: {} is applied to the database ({}) but missing from the migrations folder; restore it before applying new migrations",
            a.name,
            a.source
        );
    }
    let last = match to {
        None => folder.len(),
        Some(name) => {
            let i = folder.iter().position(|m| m.name == name).ok_or_else(|| {
                anyhow!("migrate: --to {name}: no migration of that name in the folder")
            })?;
            i + 1
        }
    };
    Ok(folder[..last]
        .iter()
        .filter(|m| !applied.iter().any(|a| a.name == m.name))
        .collect())
}

fn apply_locked(
    db: &mut dyn Driver,
    folder: &[Migration],
    to: Option<&str>,
    table: HistoryTable,
) -> Result<usize> {
    db.ensure_history(table)?;
    let applied = db.applied()?;
    let pending = pending(folder, &applied, to)?;
    // A database that predates tether: its objects make the first migration fail.
    let unrecorded_tables = if applied.is_empty() && !pending.is_empty() {
        let tables = db.table_names()?;
        tables
            .into_iter()
            .filter(|t| !driver::TOOL_TABLES.contains(&t.as_str()))
            .count()
    } else {
        0
    };
    let progress = term::Progress::start();
    let mut count = 0;
    for m in &pending {
        progress.set(&format!(
            "applying {}/{}: {}",
            count + 1,
            pending.len(),
            m.name
        ));
        let in_transaction = !m.outside_transaction();
        db.apply_migration(table, &m.recorded_now(), &m.sql, in_transaction).map_err(|e| {
            let recovery = if !in_transaction {
                "it ran outside a transaction (-- tether: no-transaction), so the statements before the failing one stay applied and the migration is not recorded; fix the database by hand, then run apply again"
            } else if db.dialect().capabilities().transactional_ddl {
                "nothing of it was applied"
            } else {
                "this database commits each DDL statement at once, so the statements before the failing one stay applied and the migration is not recorded; fix the database by hand (or with the migration's down.sql), then run apply again"
            };
            let baseline = if count == 0 && unrecorded_tables > 0 {
                format!(
                    "\nhint: the database has {unrecorded_tables} table(s) and no migration recorded: if it was built before tether (by hand, Prisma's `db push`, create_all), record the migrations that built it with `tether migrate resolve --applied {}`, which first checks that it has their shape",
                    m.name
                )
            } else {
                String::new()
            };
            anyhow!("migrate: {} failed ({recovery}): {e:#}{baseline}", m.name)
        })?;
        progress.clear();
        term::info(format_args!("applied {}", m.name));
        count += 1;
    }
    Ok(count)
}

fn down(workspace: &Workspace, args: &DbArgs, steps: usize) -> Result<Outcome> {
    let (dir, folder, mut db) = open(workspace, args, false)?;
    let wait = workspace.connect_options(args, false).lock_timeout;
    let reverted = locked(db.as_mut(), wait, |db| {
        let applied = db.applied()?;
        let mut reverted = 0;
        for a in applied.iter().rev().take(steps) {
            // Newest first, in order: one without a down script (Prisma Migrate writes none)
            // stops the walk (reverting older ones under it would leave the database in no
            // state any migration describes).
            let m = folder.iter().find(|m| m.name == a.name);
            let down_file = m.map(|m| m.dir.join("down.sql"));
            if a.source != driver::HISTORY_TABLE && !down_file.as_ref().is_some_and(|f| f.is_file())
            {
                eprintln!(
                    "migrate: {} was applied by Prisma Migrate, which keeps no down script; revert it with Prisma or by hand before tether reverts anything older",
                    a.name
                );
                break;
            }
            let (Some(m), Some(down_file)) = (m, down_file) else {
                bail!(
                    "migrate: {} is applied but not in {}",
                    a.name,
                    dir.path.display()
                );
            };
            // Its down script undoes what the file says now, which is not what was applied.
            if a.checksum
                .as_deref()
                .is_some_and(|c| !m.checksum_matches(c))
            {
                bail!(
                    "migrate: {} was edited since it was applied (checksum differs), so its down.sql may not undo what the database has; restore the file, or revert by hand and run `tether migrate resolve --rolled-back {}`",
                    m.dir.join("migration.sql").display(),
                    m.name
                );
            }
            let down_sql = std::fs::read_to_string(&down_file)
                .map_err(|e| anyhow!("migrate: cannot read {}: {e}", down_file.display()))?;
            db.revert_migration(HistoryTable::of_source(a.source), &m.name, &down_sql)
                .map_err(|e| anyhow!("migrate: reverting {} failed: {e:#}", m.name))?;
            term::info(format_args!("reverted {}", m.name));
            reverted += 1;
        }
        Ok(reverted)
    })?;
    if reverted == 0 {
        term::info("nothing to revert");
    } else if reverted < steps {
        eprintln!(
            "reverted {reverted} of the {steps} asked for: no more are applied that tether can revert"
        );
    }
    Ok(Outcome::Success)
}

fn status(workspace: &Workspace, args: &DbArgs, check: bool) -> Result<Outcome> {
    let (_, folder, mut db) = open(workspace, args, true)?;
    let applied = db.applied()?;
    report_status(&folder, &applied, check)
}

/// `migrate status`'s table of the folder's migrations against the history, and its outcome.
pub(super) fn report_status(
    folder: &[Migration],
    applied: &[AppliedMigration],
    check: bool,
) -> Result<Outcome> {
    let (folder, applied) = (folder.to_vec(), applied.to_vec());
    let changed = modified(&folder, &applied);
    let mut pending = 0;
    for m in &folder {
        let state = match applied.iter().find(|a| a.name == m.name) {
            Some(_) if changed.iter().any(|c| c.name == m.name) => "modified since applied",
            Some(a) if a.source == "_prisma_migrations" => "applied (by Prisma)",
            Some(_) => "applied",
            None => {
                pending += 1;
                "pending"
            }
        };
        println!("{:<24} {}", state, m.name);
    }
    let missing = missing_from_folder(&folder, &applied);
    for a in &missing {
        println!("{:<24} {}", "applied, not in folder", a.name);
    }
    // Each migration is counted once: a modified one is not also "applied".
    let intact = applied.len().saturating_sub(changed.len() + missing.len());
    term::info(format_args!(
        "{intact} applied, {pending} pending, {} modified since applied, {} not in folder",
        changed.len(),
        missing.len()
    ));
    if check && (pending > 0 || !changed.is_empty() || !missing.is_empty()) {
        Ok(Outcome::Findings)
    } else {
        Ok(Outcome::Success)
    }
}
