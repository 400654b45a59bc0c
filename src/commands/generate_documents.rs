//! `tether gen [--check]` for a MongoDB schema: the next migration of database commands
//! (`migration.json`, `down.json`, and `migration.js` for `mongosh`) when the schema asks for
//! collections, validators or indexes that the folder does not build, and the code outputs.
//!
//! Rules: as for SQL (`generate`): with `--check` nothing is written and stale output is a
//! finding; otherwise everything is decided before one write puts all of it in place. The warm
//! run record (`gen_cache`) is not used here: a document folder replays in microseconds.

use super::Workspace;
use super::generate::print_file_reports;
use crate::Outcome;
use crate::cli::{Format, GenArgs};
use crate::codegen;
use crate::document::{commands, plan};
use crate::output;
use crate::schema::ir::Schema;
use crate::term;
use anyhow::Result;
use serde_json::json;

pub fn run(workspace: &Workspace, args: &GenArgs, schema: &Schema) -> Result<Outcome> {
    let config = &workspace.config;
    let schema_path = workspace.schema_path()?;
    let plan = plan::plan(config, schema)?;
    let mut code = codegen::render_code(schema, config, &schema_path, &[])?;
    // Each migration's `migration.js` follows its `migration.json`, the file tether replays:
    // a hand edit there is carried over, and `gen --check` finds a stale one.
    let header = codegen::header(config, &schema_path);
    if let Some(p) = &plan {
        for m in p.dir.list()? {
            let file = m.dir.join("migration.json");
            let commands = commands::parse_plan(&m.sql, &file)?;
            code.insert(
                m.dir.join("migration.js"),
                commands::render_mongosh(&header, &commands),
            );
        }
    }
    let pending = plan.as_ref().filter(|p| !p.up.is_empty());
    let objects = |p: &plan::DocumentPlan| -> Vec<String> {
        p.up.commands
            .iter()
            .map(|c| match c.to_ordered() {
                commands::Ordered::Object(entries) => entries
                    .first()
                    .map(|(k, v)| format!("{k} {}", v.to_value().as_str().unwrap_or_default()))
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .collect()
    };
    if args.check {
        let reports = output::check(&code)?;
        if args.format == Format::Json {
            let value = json!({
                "up_to_date": reports.is_empty() && pending.is_none(),
                "files": reports,
                "migrations": pending.iter().map(|p| json!({
                    "dialect": "mongodb",
                    "dir": p.dir.path.display().to_string(),
                    "changes": objects(p),
                })).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&value)?);
        } else {
            print_file_reports(&reports);
            if let Some(p) = pending {
                println!(
                    "missing migration: {} (mongodb): the schema has {} command(s) that no migration runs: {}",
                    p.dir.path.display(),
                    p.up.commands.len(),
                    objects(p).join(", ")
                );
            }
        }
        return Ok(if reports.is_empty() && pending.is_none() {
            term::info("generated files and migrations are up to date");
            Outcome::Success
        } else {
            eprintln!("generated output is stale: run `tether gen`");
            Outcome::Findings
        });
    }
    if args.deny_destructive && pending.is_some_and(|p| !p.up.warnings.is_empty()) {
        eprintln!(
            "refusing to write a migration that can lose data or fail on existing documents (--deny-destructive)"
        );
        return Ok(Outcome::Findings);
    }
    let mut files = output::FileSet::default();
    let mut written = None;
    if let Some(p) = pending {
        let first = p.dir.list()?.is_empty();
        let name = args
            .name
            .clone()
            .unwrap_or_else(|| if first { "init" } else { "migration" }.to_owned());
        let (migration, migration_files) =
            p.dir
                .new_migration(&name, &commands::render(&p.up), &commands::render(&p.down))?;
        files.extend(migration_files);
        files.insert_new(
            migration.dir.join("migration.js"),
            commands::render_mongosh(&header, &p.up),
        );
        written = Some((migration.dir.join("migration.json"), p.up.commands.len()));
    }
    files.extend(code);
    let summary = output::write(&files)?;
    match (&plan, written) {
        (Some(_), Some((file, n))) => term::info(format_args!(
            "mongodb: wrote {} ({n} command{})",
            file.display(),
            if n == 1 { "" } else { "s" }
        )),
        (Some(_), None) => term::info("mongodb: schema and migrations agree; no new migration"),
        (None, _) => {}
    }
    let is_migration = |path: &std::path::PathBuf| files.new_files.contains_key(path);
    for path in summary.written.iter().filter(|p| !is_migration(p)) {
        term::info(format_args!("wrote {}", path.display()));
    }
    for path in &summary.removed {
        term::info(format_args!("removed {}", path.display()));
    }
    if summary.unchanged > 0 {
        term::info(format_args!(
            "{} generated file(s) unchanged",
            summary.unchanged
        ));
    }
    Ok(Outcome::Success)
}
