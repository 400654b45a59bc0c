//! `tether migrate plan|apply|status`: the next migration as data, and the database side.

use super::Workspace;
use super::generate::plan_all;
use crate::Outcome;
use crate::cli::{Format, MigrateCommand};
use crate::schema::ir::Provider;
use anyhow::{Result, bail};
use serde_json::json;

pub fn run(workspace: &Workspace, command: &MigrateCommand) -> Result<Outcome> {
    match command {
        MigrateCommand::Plan { dialect, format } => plan(workspace, dialect.as_deref(), *format),
        MigrateCommand::Apply(_) | MigrateCommand::Status { .. } => {
            bail!("migrate apply/status: not implemented yet")
        }
    }
}

fn plan(workspace: &Workspace, only: Option<&str>, format: Format) -> Result<Outcome> {
    let (_, schema) = workspace.load_schema()?;
    let wanted = match only {
        Some(name) => Some(Provider::parse(name).ok_or_else(|| {
            anyhow::anyhow!("migrate: unknown dialect `{name}` (sqlite, postgresql, mysql)")
        })?),
        None => None,
    };
    let plans: Vec<_> = plan_all(workspace, &schema)?
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
                        let (kind, statements) = crate::relational::dialect::render_change(p.dialect, c, &p.lowered.schema);
                        json!({
                            "kind": kind,
                            "object": c.object(),
                            "sql": statements,
                            "destructive": crate::relational::diff::is_destructive(c),
                        })
                    }).collect::<Vec<_>>(),
                    "warnings": p.up.warnings,
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
            if p.up.is_empty() {
                println!("-- no changes");
            } else {
                println!("{}", p.up_sql());
            }
        }
    }
    Ok(Outcome::Success)
}
