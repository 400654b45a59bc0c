//! `tether check-drift`: what the schema implies versus a live database, or every database of
//! a fleet (several `--url`s, `--targets FILE`, `[[database.targets]]`); exit 1 on drift, 2 when
//! a target could not be checked (which wins over drift: an unchecked database may hold any).
//! Read-only: the connection is opened read-only and inspection runs in a read-only transaction.

use super::Workspace;
use crate::Outcome;
use crate::cli::{DriftArgs, Format};
use crate::drift;
use crate::drift::fleet::{self, Target, TargetResult};
use crate::term;
use anyhow::{Context, Result, bail};
use serde_json::json;

pub fn run(workspace: &Workspace, args: &DriftArgs) -> Result<Outcome> {
    let (_, schema) = workspace.load_schema()?;
    if !schema.provider.is_relational() {
        #[cfg(feature = "mongodb")]
        return super::check_drift_documents::run(workspace, args, &schema);
        #[cfg(not(feature = "mongodb"))]
        bail!("check-drift: this tether was built without the `mongodb` feature");
    }
    if args.sample.is_some() {
        bail!("check-drift: --sample counts MongoDB documents; a SQL database has its constraints");
    }
    let db_schema = args
        .db
        .db_schema
        .clone()
        .or_else(|| workspace.config.raw.database.schema.clone());
    if let Some(pattern) = db_schema.filter(|s| s.contains('*')) {
        let url = workspace.database_url(&args.db)?;
        let mut options = workspace.connect_options(&args.db, true);
        options.db_schema = None;
        let ignore = ignore_patterns(workspace, args);
        let progress = term::Progress::start();
        progress.set(&format!(
            "checking the schemas {pattern} of {}…",
            fleet::endpoint(&url)
        ));
        let results = fleet::check_tenants(&schema, &url, &options, &ignore, &pattern)?;
        drop(progress);
        if results.is_empty() {
            bail!(
                "check-drift: no schema of {} matches --db-schema {pattern:?}",
                fleet::endpoint(&url)
            );
        }
        return report_fleet(args, &results);
    }
    if let Some(targets) = fleet_targets(workspace, args)? {
        return run_fleet(workspace, args, &schema, &targets);
    }
    let url = workspace.database_url(&args.db)?;
    let options = workspace.connect_options(&args.db, true);
    let ignore = ignore_patterns(workspace, args);
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
    Ok(outcome(provider, differences.len()))
}

/// What `check-drift` says at its end, and its outcome.
pub(super) fn outcome(provider: &str, differences: usize) -> Outcome {
    if differences == 0 {
        term::info(format_args!(
            "no drift: the {provider} database matches the schema"
        ));
        Outcome::Success
    } else {
        eprintln!("{differences} difference(s) between the schema and the database");
        Outcome::Findings
    }
}

/// GitHub workflow commands treat `%`, CR and LF specially in messages.
fn escape_annotation(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The table patterns `check-drift` leaves out: the config's and `--ignore`'s.
fn ignore_patterns(workspace: &Workspace, args: &DriftArgs) -> Vec<String> {
    let mut ignore = workspace.config.raw.database.ignore.clone();
    ignore.extend(args.ignore.iter().cloned());
    ignore
}

/// The fleet to check, when there is one: every `--url` (two or more), the lines of `--targets`,
/// else the config's `[[database.targets]]`; `None` for one database (`--url`, `DATABASE_URL`,
/// `database.url`), checked and reported as a single target.
fn fleet_targets(workspace: &Workspace, args: &DriftArgs) -> Result<Option<Vec<Target>>> {
    let mut targets: Vec<Target> = Vec::new();
    if args.db.urls.len() > 1 || args.targets.is_some() {
        targets.extend(args.db.urls.iter().map(|u| Target::of_url(u)));
    }
    if let Some(file) = &args.targets {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("check-drift: cannot read --targets {}", file.display()))?;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let (name, value) = match line.split_once(" = ") {
                Some((name, value)) => (Some(name.trim()), value.trim()),
                None => (None, line),
            };
            targets.push(target(name, value, None));
        }
    } else if targets.is_empty() && args.db.urls.is_empty() {
        for t in &workspace.config.raw.database.targets {
            targets.push(target(Some(&t.name), &t.url, t.db_schema.clone()));
        }
    }
    if targets.is_empty() {
        return Ok(None);
    }
    Ok(Some(targets))
}

/// A target from a URL or `env:NAME`; a variable that is not set is the target's error.
fn target(name: Option<&str>, value: &str, db_schema: Option<String>) -> Target {
    let url = match value.strip_prefix("env:") {
        Some(var) => std::env::var(var)
            .ok()
            .filter(|v| !v.is_empty())
            .ok_or_else(|| format!("environment variable {var} is not set")),
        None => Ok(value.to_owned()),
    };
    let name = match (name, &url) {
        (Some(name), _) => name.to_owned(),
        (None, Ok(url)) => fleet::endpoint(url),
        (None, Err(_)) => value.to_owned(),
    };
    Target {
        name,
        url,
        db_schema,
    }
}

fn run_fleet(
    workspace: &Workspace,
    args: &DriftArgs,
    schema: &crate::schema::ir::Schema,
    targets: &[Target],
) -> Result<Outcome> {
    let options = workspace.connect_options(&args.db, true);
    let ignore = ignore_patterns(workspace, args);
    let jobs = args.jobs.unwrap_or(8).max(1);
    let progress = term::Progress::start();
    progress.set(&format!("checking {} databases…", targets.len()));
    let results = fleet::check_all(schema, targets, &options, &ignore, jobs, &|done, all| {
        progress.set(&format!("checked {done}/{all} databases…"));
    });
    drop(progress);
    report_fleet(args, &results)
}

/// The fleet report: per target, a summary table, JSON or annotations; the exit by the worst.
fn report_fleet(args: &DriftArgs, results: &[TargetResult]) -> Result<Outcome> {
    let label = |r: &TargetResult| {
        if r.target.name == r.endpoint {
            r.target.name.clone()
        } else {
            format!("{} ({})", r.target.name, r.endpoint)
        }
    };
    let status = |r: &TargetResult| match &r.report {
        Ok(report) if report.differences.is_empty() => "clean",
        Ok(_) => "drift",
        Err(_) => "error",
    };
    let drifted = results.iter().filter(|r| status(r) == "drift").count();
    let failed = results.iter().filter(|r| status(r) == "error").count();
    match args.format {
        Format::Json => {
            let entries: Vec<serde_json::Value> = results
                .iter()
                .map(|r| {
                    json!({
                        "target": r.target.name,
                        "endpoint": r.endpoint,
                        "status": status(r),
                        "in_sync": status(r) == "clean",
                        "dialect": r.report.as_ref().ok().map(|rep| rep.provider.name()),
                        "differences": r.report.as_ref().map(|rep| rep.differences.clone()).unwrap_or_default(),
                        "fix_sql": r.report.as_ref().ok().filter(|_| args.fix_sql).map(|rep| rep.fix_sql()),
                        "error": r.report.as_ref().err(),
                        "round_trips": r.report.as_ref().ok().map(|rep| rep.round_trips),
                        "elapsed_ms": r.elapsed.as_millis() as u64,
                    })
                })
                .collect();
            let value = json!({
                "in_sync": drifted == 0 && failed == 0,
                "drifted": drifted,
                "errors": failed,
                "targets": entries,
            });
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Github => {
            for r in results {
                match &r.report {
                    Ok(report) => {
                        for d in &report.differences {
                            println!(
                                "::error title=Schema drift ({})::{}",
                                escape_annotation(&r.target.name),
                                escape_annotation(&d.message)
                            );
                        }
                    }
                    Err(e) => println!(
                        "::error title=Drift check failed ({})::{}",
                        escape_annotation(&r.target.name),
                        escape_annotation(e)
                    ),
                }
            }
        }
        Format::Text => {
            for r in results {
                match &r.report {
                    Ok(report) if report.differences.is_empty() => {}
                    Ok(report) => {
                        println!(
                            "== {}: {} difference(s)",
                            label(r),
                            report.differences.len()
                        );
                        for d in &report.differences {
                            println!("drift: {}", d.message);
                        }
                        if args.fix_sql {
                            print!("{}", report.fix_sql());
                        }
                    }
                    Err(e) => println!("== {}: not checked: {e}", label(r)),
                }
            }
            let width = results
                .iter()
                .map(|r| r.target.name.len())
                .max()
                .unwrap_or(6)
                .max(6);
            println!(
                "{:<width$}  {:<6}  {:>11}  {:>8}",
                "target", "status", "differences", "time"
            );
            for r in results {
                let differences = r
                    .report
                    .as_ref()
                    .map_or("-".to_owned(), |rep| rep.differences.len().to_string());
                println!(
                    "{:<width$}  {:<6}  {:>11}  {:>6.2} s",
                    r.target.name,
                    status(r),
                    differences,
                    r.elapsed.as_secs_f64()
                );
            }
        }
    }
    let summary = format!(
        "{} database(s): {} clean, {drifted} drifted, {failed} not checked",
        results.len(),
        results.len() - drifted - failed
    );
    if failed > 0 {
        bail!("check-drift: {summary}");
    }
    if drifted > 0 {
        eprintln!("{summary}");
        return Ok(Outcome::Findings);
    }
    term::info(summary);
    Ok(Outcome::Success)
}
