//! `tether check-drift`: what the schema implies versus a live database; exit 1 on drift.
//! Read-only: the connection is opened read-only and inspection runs in a read-only transaction.

use super::Workspace;
use crate::Outcome;
use crate::cli::{DriftArgs, Format};
use crate::drift;
use crate::term;
use anyhow::Result;
use serde_json::json;

pub fn run(workspace: &Workspace, args: &DriftArgs) -> Result<Outcome> {
    let (_, schema) = workspace.load_schema()?;
    let url = workspace.database_url(&args.db)?;
    let options = workspace.connect_options(&args.db, true);
    let mut ignore = workspace.config.raw.database.ignore.clone();
    ignore.extend(args.ignore.iter().cloned());
    let progress = term::Progress::start();
    if let Ok(parsed) = crate::connection::DatabaseUrl::parse(&url) {
        progress.set(&format!("checking {}…", parsed.endpoint));
    }
    let report = drift::check(&schema, &url, &options, &ignore)?;
    drop(progress);
    let differences = &report.differences;
    let provider = report.provider.name();
    let fix_sql = args.fix_sql.then(|| report.fix_sql());

    match args.format {
        Format::Json => {
            let value = json!({
                "in_sync": differences.is_empty(),
                "dialect": provider,
                "differences": differences,
                "fix_sql": fix_sql,
                "round_trips": report.round_trips,
            });
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Github => {
            for d in differences {
                println!(
                    "::error title=Schema drift ({})::{}",
                    provider,
                    escape_annotation(&d.message)
                );
            }
        }
        Format::Text => {
            // With --fix-sql stdout holds only SQL (pipeable into a client); the report goes
            // to stderr.
            for d in differences {
                if fix_sql.is_some() {
                    eprintln!("drift: {}", d.message);
                } else {
                    println!("drift: {}", d.message);
                }
            }
            if let Some(sql) = &fix_sql
                && !differences.is_empty()
            {
                print!("{sql}");
                if !sql.ends_with('\n') {
                    println!();
                }
            }
        }
    }
    if differences.is_empty() {
        term::info(format_args!(
            "no drift: the {provider} database matches the schema"
        ));
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
