//! `tether check-drift` for a MongoDB schema: the collections, validators (with their
//! validation settings) and indexes of the database at `--url` against what the schema lowers
//! to; with `--sample N`, also how many documents of each collection (of the first N read)
//! its validator would refuse, with one of them. Exit 1 on drift. Read-only.
//!
//! Rules: one database per run (fleets are SQL's for now); `--fix-sql` prints the database
//! commands that fix the drift, as `mongosh` runs them (the migration differ's commands).

use super::Workspace;
use crate::Outcome;
use crate::cli::{DriftArgs, Format};
use crate::document::{commands, drift, lower::lower, plan, server::Server};
use crate::drift::Difference;
use crate::schema::ir::Schema;
use crate::term;
use anyhow::{Result, bail};
use serde_json::json;

pub fn run(workspace: &Workspace, args: &DriftArgs, schema: &Schema) -> Result<Outcome> {
    if args.db.urls.len() > 1 || args.targets.is_some() {
        bail!("check-drift: a MongoDB schema is checked against one database at a time (--url)");
    }
    let url = workspace.database_url(&args.db)?;
    let options = workspace.connect_options(&args.db, true);
    let progress = term::Progress::start();
    progress.set(&format!(
        "checking {}…",
        crate::document::server::endpoint(&url)
    ));
    let server = Server::connect(&url, options.connect_timeout)?;
    let live = server.inspect()?;
    let expected = lower(schema, plan::validation(&workspace.config));
    let mut differences = drift::differences(&live, &expected);
    if let Some(sample) = args.sample {
        for c in &expected.collections {
            let (Some(json_schema), Some(_)) = (&c.json_schema, live.collection(&c.name)) else {
                continue;
            };
            let (count, example) = server.invalid_documents(&c.name, json_schema, sample)?;
            if count > 0 {
                let example = example.map(|e| e.to_string()).unwrap_or_default();
                differences.push(Difference::new(
                    "invalid_documents",
                    c.name.clone(),
                    None,
                    Some(format!(
                        "{count} of the first {sample} documents, e.g. {example}"
                    )),
                    "documents that the schema's validator refuses",
                ));
            }
        }
    }
    drop(progress);
    let fix = args.fix_sql.then(|| {
        commands::render_mongosh(
            "commands that bring the database to the schema",
            &commands::diff(&live, &expected),
        )
    });
    match args.format {
        Format::Json => {
            let value = json!({
                "in_sync": differences.is_empty(),
                "dialect": "mongodb",
                "differences": differences,
                "fix_sql": fix,
            });
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Github => {
            for d in &differences {
                println!(
                    "::error title=Schema drift (mongodb)::{}",
                    d.message.replace('%', "%25").replace('\n', "%0A")
                );
            }
        }
        Format::Text => {
            for d in &differences {
                if fix.is_some() {
                    eprintln!("drift: {}", d.message);
                } else {
                    println!("drift: {}", d.message);
                }
            }
            if let Some(fix) = fix.as_ref().filter(|_| !differences.is_empty()) {
                print!("{fix}");
            }
        }
    }
    Ok(super::check_drift::outcome("mongodb", differences.len()))
}
