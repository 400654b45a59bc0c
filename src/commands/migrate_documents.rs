//! `tether migrate apply|down|status` for a MongoDB schema: the folder's commands run through
//! MongoDB's driver, with history in the `_tether_migrations` collection.
//!
//! Rules: the SQL dialects' rules (`migrate`): one run at a time under a lock (a lock document,
//! waited for up to `--lock-timeout`), migrations in folder order, an applied migration whose
//! file changed since (checksum) or that left the folder stops the run, `--to NAME` stops after
//! it, `down` runs `down.json` newest first. MongoDB has no transactions over these commands: a
//! migration that fails halfway is not recorded, and says which command failed.

use super::Workspace;
use super::migrate::{pending, report_applied, report_status};
use crate::Outcome;
use crate::cli::{ApplyArgs, DbArgs};
use crate::document::{commands, server::Server};
use crate::migrations::{Migration, MigrationsDir, utc_now_iso};
use crate::provider::Provider;
use crate::relational::driver::AppliedMigration;
use crate::term;
use anyhow::{Result, anyhow, bail};
use std::time::{Duration, Instant};

fn open(workspace: &Workspace, db: &DbArgs) -> Result<(Vec<Migration>, Server, Duration)> {
    let url = workspace.database_url(db)?;
    let options = workspace.connect_options(db, false);
    let dir = MigrationsDir::for_dialect(&workspace.config.migrations_dir(), Provider::Mongodb, 1);
    let server = Server::connect(&url, options.connect_timeout)?;
    Ok((dir.list()?, server, options.lock_timeout))
}

fn history(server: &Server) -> Result<Vec<AppliedMigration>> {
    Ok(server
        .applied()?
        .into_iter()
        .map(|(name, checksum)| AppliedMigration {
            name,
            checksum: Some(checksum),
            source: crate::document::server::HISTORY_COLLECTION,
        })
        .collect())
}

fn locked<T>(server: &Server, wait: Duration, work: impl FnOnce() -> Result<T>) -> Result<T> {
    let deadline = Instant::now() + wait;
    let mut said = false;
    while !server.try_lock()? {
        if !said {
            eprintln!(
                "waiting for the migration lock: another `tether migrate` run holds it (giving up after {} s)",
                wait.as_secs()
            );
            said = true;
        }
        if Instant::now() >= deadline {
            bail!(
                "migrate: another `tether migrate` run still holds the migration lock after {} s (the document in `_tether_migrations_lock`; delete it if that run died)",
                wait.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let result = work();
    let unlocked = server.unlock();
    let value = result?;
    unlocked?;
    Ok(value)
}

fn run_file(server: &Server, m: &Migration, file: &str) -> Result<()> {
    let path = m.dir.join(file);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| anyhow!("migrate: cannot read {}: {e}", path.display()))?;
    for (i, command) in commands::parse(&text, &path)?.iter().enumerate() {
        server.run(command).map_err(|e| {
            anyhow!(
                "migrate: {}: command {} failed, and the migration is not recorded: {e:#}",
                path.display(),
                i + 1
            )
        })?;
    }
    Ok(())
}

pub fn apply(workspace: &Workspace, args: &ApplyArgs) -> Result<Outcome> {
    let (folder, server, wait) = open(workspace, &args.db)?;
    if args.dry_run {
        let todo = pending(&folder, &history(&server)?, args.to.as_deref())?;
        for (i, m) in todo.iter().enumerate() {
            println!("// {} ({}/{})", m.name, i + 1, todo.len());
            print!("{}", m.sql);
        }
        term::info(format_args!(
            "dry run: {} migration(s) would be applied; nothing was changed",
            todo.len()
        ));
        return Ok(Outcome::Success);
    }
    let applied = locked(&server, wait, || {
        let todo = pending(&folder, &history(&server)?, args.to.as_deref())?;
        for m in &todo {
            run_file(&server, m, "migration.json")?;
            server.record(&m.name, &m.checksum, &utc_now_iso())?;
            term::info(format_args!("applied {}", m.name));
        }
        Ok(todo.len())
    })?;
    Ok(report_applied(applied, folder.len()))
}

pub fn down(workspace: &Workspace, db: &DbArgs, steps: usize) -> Result<Outcome> {
    let (folder, server, wait) = open(workspace, db)?;
    let reverted = locked(&server, wait, || {
        let applied = history(&server)?;
        let mut reverted = 0;
        for a in applied.iter().rev().take(steps) {
            let Some(m) = folder.iter().find(|m| m.name == a.name) else {
                bail!(
                    "migrate: {} is applied but not in the migrations folder",
                    a.name
                );
            };
            if a.checksum
                .as_deref()
                .is_some_and(|c| !m.checksum_matches(c))
            {
                bail!(
                    "migrate: {} was edited since it was applied (checksum differs), so its down.json may not undo what the database has; restore the file",
                    m.dir.join("migration.json").display()
                );
            }
            run_file(&server, m, "down.json")?;
            server.unrecord(&m.name)?;
            term::info(format_args!("reverted {}", m.name));
            reverted += 1;
        }
        Ok(reverted)
    })?;
    if reverted == 0 {
        term::info("nothing to revert");
    }
    Ok(Outcome::Success)
}

pub fn status(workspace: &Workspace, db: &DbArgs, check: bool) -> Result<Outcome> {
    let (folder, server, _) = open(workspace, db)?;
    report_status(&folder, &history(&server)?, check)
}
