//! `tether db pull`: a Prisma schema of a live database, through the same read-only
//! inspection `check-drift` uses, raised by `relational::pull`, formatted and validated by
//! Prisma's own code before anything is written.
//!
//! Rules: read-only on the database. The schema goes to `--out`, stdout (`--print`) or the
//! configured schema path; an existing file is replaced only with `--force` (re-introspection
//! that keeps a schema's own names and comments is not done yet). A pulled schema Prisma's
//! validator rejects is a bug, reported with its diagnostics, and written nowhere.

use super::Workspace;
use crate::Outcome;
use crate::cli::PullArgs;
use crate::output;
use crate::relational::{driver, pull};
use crate::schema::{self, load};
use crate::term;
use anyhow::{Result, bail};

pub fn run(workspace: &Workspace, args: &PullArgs) -> Result<Outcome> {
    let url = workspace.database_url(&args.db)?;
    let progress = term::Progress::start();
    if let Ok(parsed) = crate::connection::DatabaseUrl::parse(&url) {
        progress.set(&format!("inspecting {}…", parsed.endpoint));
    }
    let mut db = driver::connect(&url, &workspace.connect_options(&args.db, true))?;
    let live = driver::without_ignored(db.inspect()?, &workspace.config.raw.database.ignore);
    drop(progress);
    let target = match (&args.out, args.print) {
        (_, true) => None,
        (Some(out), false) => Some(out.clone()),
        (None, false) => Some(workspace.schema_path()?),
    };
    let name = target
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("schema.prisma"));
    let text = pull::schema_text(&live, db.dialect());
    let file = load::SchemaFile {
        path: name.clone(),
        text,
    };
    let formatted = load::format(std::slice::from_ref(&file))
        .pop()
        .map(|(_, text)| text)
        .unwrap_or(file.text);
    let pulled = load::SchemaFile {
        path: name,
        text: formatted,
    };
    if let Err(errors) = load::validate(std::slice::from_ref(&pulled)) {
        eprint!(
            "{}",
            schema::render_diagnostics(&errors.errors, crate::term::Style::for_stderr())
        );
        bail!(
            "db pull: the schema pulled from the database does not validate ({} error(s)); this is a bug in tether, please report it with the schema above:\n{}",
            errors.errors.len(),
            pulled.text
        );
    }
    let models = pulled
        .text
        .lines()
        .filter(|l| l.starts_with("model "))
        .count();
    match target {
        None => print!("{}", pulled.text),
        Some(path) => {
            if path.exists() && !args.force {
                bail!(
                    "db pull: {} exists; pulling would replace it (tether does not yet keep a schema's own model names and comments when it re-pulls): write elsewhere with --out FILE, print with --print, or replace it with --force",
                    path.display()
                );
            }
            output::write_atomic(&path, &pulled.text)?;
            term::info(format_args!(
                "wrote {} ({models} models, from {} tables)",
                path.display(),
                live.tables.len()
            ));
        }
    }
    Ok(Outcome::Success)
}
