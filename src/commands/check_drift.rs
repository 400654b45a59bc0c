//! `tether check-drift`: what the schema implies versus a live database; exit 1 on drift.
//! Read-only: the connection is opened read-only and inspection runs in a read-only transaction.

use super::Workspace;
use crate::Outcome;
use crate::cli::{DriftArgs, Format};
use crate::drift;
use crate::relational::dialect::render_script;
use crate::relational::diff::{self, MigrationPair};
use crate::relational::driver::{self, ConnectOptions};
use crate::relational::lower::{self, Renames};
use anyhow::Result;
use serde_json::json;

pub fn run(workspace: &Workspace, args: &DriftArgs) -> Result<Outcome> {
    let (_, schema) = workspace.load_schema()?;
    let url = workspace.database_url(&args.db)?;
    let options = ConnectOptions {
        read_only: true,
        ..workspace.connect_options(&args.db)
    };
    let mut db = driver::connect(&url, &options)?;
    let dialect = db.dialect();
    let mut ignore = workspace.config.raw.database.ignore.clone();
    ignore.extend(args.ignore.iter().cloned());
    let live = driver::without_ignored(db.inspect()?, &ignore);
    let expected = driver::without_ignored(lower::lower(&schema, dialect).schema, &ignore);
    let plan = diff::diff(
        MigrationPair {
            previous: &live,
            next: &expected,
        },
        &Renames::default(),
        dialect,
    );
    let differences = drift::describe(&plan.changes);
    let fix_sql = args
        .fix_sql
        .then(|| render_script(dialect, &plan.changes, &expected, &[]));

    match args.format {
        Format::Json => {
            let value = json!({
                "in_sync": differences.is_empty(),
                "dialect": dialect.provider().name(),
                "differences": differences,
                "fix_sql": fix_sql,
                "round_trips": db.round_trips(),
            });
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Github => {
            for d in &differences {
                println!(
                    "::error title=Schema drift ({})::{}",
                    dialect.provider().name(),
                    escape_annotation(&d.message)
                );
            }
        }
        Format::Text => {
            for d in &differences {
                println!("drift: {}", d.message);
            }
            if let Some(sql) = &fix_sql
                && !differences.is_empty()
            {
                println!("\n-- SQL that brings the database to the schema:\n{sql}");
            }
        }
    }
    if differences.is_empty() {
        eprintln!(
            "no drift: the {} database matches the schema",
            dialect.provider().name()
        );
        Ok(Outcome::Success)
    } else {
        eprintln!(
            "{} difference(s) between the schema and the database",
            differences.len()
        );
        Ok(Outcome::Findings)
    }
}

/// GitHub workflow commands treat `%`, CR and LF specially in messages.
fn escape_annotation(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}
