//! `tether migrate resolve --applied NAME | --rolled-back NAME`: changing the history without
//! running a migration, for a database that got its shape some other way (built before tether,
//! by hand, by Prisma's `db push`, by `create_all`) or whose failed change was undone by hand.
//!
//! Rules: `--applied` records only what the database already is: the migrations up to NAME are
//! replayed and compared with the live database by the drift check's own comparison, and a
//! difference refuses (exit 1, the differences listed) unless `--force`. Every unrecorded
//! migration up to NAME is recorded with it, in order, so the history never has a hole.
//! `--rolled-back` takes out only the newest recorded migration (in Prisma's table it is marked
//! `rolled_back_at`, as Prisma does). Both hold the migration
//! lock, as `apply` does.

use super::Workspace;
use super::migrate::{locked, modified, open};
use crate::Outcome;
use crate::cli::ResolveArgs;
use crate::drift::{self, describe};
use crate::migrations::{self, Migration};
use crate::relational::driver::{self, Driver, HistoryTable};
use crate::relational::model::DbSchema;
use crate::schema::ir::RelationMode;
use crate::term;
use anyhow::{Result, anyhow, bail};

pub fn run(workspace: &Workspace, args: &ResolveArgs) -> Result<Outcome> {
    let (_, folder, mut db) = open(workspace, &args.db, false)?;
    let wait = workspace.connect_options(&args.db, false).lock_timeout;
    let ignore = &workspace.config.raw.database.ignore;
    let table = workspace.config.raw.migrations.history;
    locked(db.as_mut(), wait, |db| {
        match (&args.applied, &args.rolled_back) {
            (Some(name), _) => applied(db, &folder, name, args.force, ignore, table),
            (None, Some(name)) => rolled_back(db, name),
            (None, None) => bail!("migrate resolve: say --applied NAME or --rolled-back NAME"),
        }
    })
}

/// Records `name`, and every unrecorded migration before it, as applied, when the database has
/// the shape they build.
fn applied(
    db: &mut dyn Driver,
    folder: &[Migration],
    name: &str,
    force: bool,
    ignore: &[String],
    table: HistoryTable,
) -> Result<Outcome> {
    let last = folder
        .iter()
        .position(|m| m.name == name)
        .ok_or_else(|| anyhow!("migrate resolve: no migration named {name} in the folder"))?;
    let recorded = db.applied()?;
    if recorded.iter().any(|a| a.name == name) {
        bail!("migrate resolve: {name} is already recorded as applied");
    }
    if let Some(m) = modified(folder, &recorded).first() {
        bail!(
            "migrate resolve: {} was applied and has been edited since (checksum differs); restore the file first",
            m.dir.join("migration.sql").display()
        );
    }
    let dialect = db.dialect();
    let built =
        migrations::replay_from(DbSchema::default(), &folder[..=last], dialect, |_, _, _| {
            Ok(())
        })?;
    let live = driver::inspect_for(db, &built.namespaces)?;
    let (plan, _) = drift::compare(live, built, ignore, RelationMode::ForeignKeys, dialect);
    let differences = describe(&plan.changes);
    if !differences.is_empty() {
        for d in &differences {
            println!("drift: {}", d.message);
        }
        if !force {
            eprintln!(
                "migrate resolve: not recorded: the database differs from what the migrations up to {name} build ({} difference(s) above); bring it there (`tether check-drift --fix-sql` against a schema of that state shows how), or record anyway with --force",
                differences.len()
            );
            return Ok(Outcome::Findings);
        }
        eprintln!(
            "migrate resolve: --force: recording although the database differs ({} difference(s) above)",
            differences.len()
        );
    }
    let to_record: Vec<&Migration> = folder[..=last]
        .iter()
        .filter(|m| !recorded.iter().any(|a| a.name == m.name))
        .collect();
    for m in &to_record {
        db.record_applied(table, &m.recorded_now())?;
        term::info(format_args!("recorded {} as applied (not run)", m.name));
    }
    term::info(format_args!(
        "{} migration(s) recorded as applied; `tether migrate apply` runs the ones after {name}",
        to_record.len()
    ));
    Ok(Outcome::Success)
}

/// Takes `name`, the newest recorded migration, out of the history.
fn rolled_back(db: &mut dyn Driver, name: &str) -> Result<Outcome> {
    let recorded = db.applied()?;
    let entry = recorded
        .iter()
        .find(|a| a.name == name)
        .ok_or_else(|| anyhow!("migrate resolve: {name} is not recorded as applied"))?;
    if let Some(newest) = recorded.last()
        && newest.name != name
    {
        bail!(
            "migrate resolve: {name} is not the newest applied migration ({} is): only the newest can be rolled back, or the history would have a hole",
            newest.name
        );
    }
    db.forget(HistoryTable::of_source(entry.source), name)?;
    term::info(format_args!(
        "{name} is no longer recorded as applied: its down.sql was not run; `tether migrate apply` runs it again"
    ));
    Ok(Outcome::Success)
}
