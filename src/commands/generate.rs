//! `tether gen [--check]`: a new migration per dialect when the schema changed, and every code
//! output. With `--check`, nothing is written and stale output is a finding (exit 1).

use super::Workspace;
use crate::Outcome;
use crate::cli::{Format, GenArgs};
use crate::codegen::{self, alembic};
use crate::gen_cache::{GenCache, InputDigest};
use crate::migrations::Migration;
use crate::migrations::plan::{DialectPlan, plan_dialects};
use crate::output::{self, FileStatus};
use crate::relational::diff::UnmatchedRename;
use crate::relational::driver;
use crate::schema::load::{self, SchemaFile};
use crate::term;
use anyhow::{Result, bail};
use serde_json::json;

pub fn run(workspace: &Workspace, args: &GenArgs) -> Result<Outcome> {
    let (files, schema) = workspace.load_schema()?;
    if !schema.provider.is_relational() {
        return super::generate_documents::run(workspace, args, &schema);
    }
    crate::migrations::plan::check_sql_dialects(&workspace.config, &schema)?;
    let schema_path = workspace.schema_path()?;
    let cache = (!args.no_cache).then(|| GenCache::for_config(&workspace.config));
    // Taken once, before anything is read for the full run: a migration edited while this run
    // works is then not recorded as what it rendered from.
    let digest = cache.as_ref().and_then(|_| {
        let header = codegen::header(&workspace.config, &schema_path);
        InputDigest::of(
            &workspace.config,
            &header,
            &files,
            &workspace.config.migrations_dir(),
        )
    });
    if let (Some(cache), Some(digest)) = (&cache, &digest)
        && let Some(unchanged) = cache.fresh_files(digest)
    {
        if args.check {
            return report_check(&[], &[], args.format);
        }
        for provider in workspace.config.migration_dialects(schema.provider) {
            report_no_migration(provider.name());
        }
        report_unchanged(unchanged);
        return Ok(Outcome::Success);
    }
    // The code outputs need no migrations: rendered while the folders replay.
    let (mut plans, code) =
        plan_dialects(&workspace.config, &schema_path, &schema, true, |lowered| {
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
    let render = |history, pending: &[Migration]| -> Result<output::FileSet> {
        let mut files = code;
        files.extend(codegen::render_revisions(
            &schema,
            &workspace.config,
            &schema_path,
            history,
            pending,
        )?);
        Ok(files)
    };
    if args.check {
        let files = render(history, &[])?;
        let reports = output::check(&files)?;
        let pending: Vec<&DialectPlan> = plans.iter().filter(|p| !p.up.is_empty()).collect();
        let outcome = report_check(&reports, &pending, args.format)?;
        if let (Some(cache), Outcome::Success, Some(digest)) = (&cache, outcome, &digest) {
            cache.record(digest, &files);
        }
        return Ok(outcome);
    }

    for plan in plans.iter().filter(|p| !p.up.is_empty()) {
        for w in &plan.up.warnings {
            eprintln!("warning: {}: {w}", plan.dialect.provider().name());
        }
        for unmatched in &plan.up.unmatched_renames {
            let w = unmatched_rename_warning(&files, unmatched);
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

    // An embedded database tries every new migration, up and down, before any is written.
    for plan in plans.iter().filter(|p| !p.up.is_empty()) {
        let history = plan.dir.list()?;
        let history: Vec<&str> = history.iter().map(|m| m.sql.as_str()).collect();
        let (up, down) = (plan.up_sql(), plan.down_sql());
        let scripts = [("migration.sql", up.as_str()), ("down.sql", down.as_str())];
        let provider = plan.dialect.provider();
        if let Some(Err(failure)) = driver::rehearse(provider, &history, &scripts) {
            bail!(
                "{}: the new migration's {} does not apply, so nothing was written: {}\n  in statement: {}",
                provider.name(),
                failure.script,
                failure.message,
                failure.statement
            );
        }
    }

    // Everything is decided before anything is written: the new migrations, then the code
    // outputs, which include them (Alembic revisions follow the migrations folder); one write
    // puts all of it in place or, on any error, none of it.
    let mut files = output::FileSet::default();
    let mut pending = Vec::new();
    let mut written_migrations = Vec::new();
    for plan in &plans {
        if plan.up.is_empty() {
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
        let (migration, migration_files) =
            plan.dir
                .new_migration(&name, &plan.up_sql(), &plan.down_sql())?;
        written_migrations.push((plan, migration.dir.join("migration.sql")));
        files.extend(migration_files);
        pending.push(migration);
    }
    files.extend(render(history, &pending)?);
    let summary = output::write(&files)?;
    // Recorded only when this run changed nothing: a run that wrote a migration or a file
    // has not yet shown that its output is a fixed point (that the new migration replays to
    // the schema, that a second render gives the same bytes); the next full run shows it.
    let changed_nothing =
        written_migrations.is_empty() && summary.written.is_empty() && summary.removed.is_empty();
    if let (Some(cache), Some(digest), true) = (&cache, &digest, changed_nothing) {
        cache.record(digest, &files);
    }

    for plan in &plans {
        let provider = plan.dialect.provider().name();
        match written_migrations
            .iter()
            .find(|(p, _)| std::ptr::eq(*p, plan))
        {
            None => report_no_migration(provider),
            Some((_, file)) => term::info(format_args!(
                "{provider}: wrote {} ({} change{})",
                file.display(),
                plan.up.changes.len(),
                if plan.up.changes.len() == 1 { "" } else { "s" }
            )),
        }
    }
    let is_migration = |path: &std::path::PathBuf| files.new_files.contains_key(path);
    for path in summary.written.iter().filter(|p| !is_migration(p)) {
        term::info(format_args!("wrote {}", path.display()));
    }
    for path in &summary.removed {
        term::info(format_args!("removed {}", path.display()));
    }
    report_unchanged(summary.unchanged);
    Ok(Outcome::Success)
}

fn report_no_migration(provider: &str) {
    term::info(format_args!(
        "{provider}: schema and migrations agree; no new migration"
    ));
}

fn report_unchanged(unchanged: usize) {
    if unchanged > 0 {
        term::info(format_args!("{unchanged} generated file(s) unchanged"));
    }
}

fn report_check(
    reports: &[output::FileReport],
    pending: &[&DialectPlan],
    format: Format,
) -> Result<Outcome> {
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
        print_file_reports(reports);
        for p in pending {
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
        term::info("generated files and migrations are up to date");
        Ok(Outcome::Success)
    } else {
        eprintln!("generated output is stale: run `tether gen`");
        Ok(Outcome::Findings)
    }
}

/// What `gen --check` found of each generated file, one line (and a diff) per file.
pub(super) fn print_file_reports(reports: &[output::FileReport]) {
    for r in reports {
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
}

/// A declared rename that names nothing, located at its directive when it has one (a join
/// table's rename follows from its model's).
pub(super) fn unmatched_rename_warning(
    files: &[SchemaFile],
    unmatched: &UnmatchedRename,
) -> String {
    let (from, what) = match unmatched {
        UnmatchedRename::Table { from, to } => (
            from,
            format!(
                "no table `{from}` (nor `{to}`) in the migrations so far, so table `{to}` is created, not renamed; a table it was meant to replace is dropped with its data"
            ),
        ),
        UnmatchedRename::Column { table, from, to } => (
            from,
            format!(
                "table `{table}` has no column `{from}` (nor `{to}`) in the migrations so far, so column `{to}` is created, not renamed; a column it was meant to replace is dropped with its data"
            ),
        ),
    };
    match load::rename_directive_location(files, from) {
        Some((file, line)) => format!(
            "{}:{line}: `@tether.renamed(from: \"{from}\")` names nothing: {what}",
            file.display()
        ),
        None => format!("the rename from `{from}` names nothing: {what}"),
    }
}
