//! Drift across a fleet: many databases checked against one loaded schema, a bounded number at
//! a time, each through the one drift check (`check::check`) with its own connection and
//! timeouts, so that a dead host costs its connect timeout and no more.
//!
//! Rules: a target that cannot be checked is a result (its redacted error), never a failure of
//! the run; results come back in the targets' order whatever order they finished in; nothing
//! here prints.

use super::check::{check_lowered, report};
use super::report::DriftReport;
use crate::connection::{ConnectError, ConnectOptions, DatabaseUrl};
use crate::provider::Provider;
use crate::relational::driver;
use crate::relational::model::DbSchema;
use crate::schema::ir::Schema;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// One database to check.
#[derive(Debug, Clone)]
pub struct Target {
    /// What the report calls it: the configured name, else the URL's endpoint.
    pub name: String,
    /// The URL, or why there is none (an unset `env:` variable).
    pub url: Result<String, String>,
    /// PostgreSQL schema, where the target says one.
    pub db_schema: Option<String>,
}

impl Target {
    /// A target named by its URL's endpoint (host, port, database; never a password).
    pub fn of_url(url: &str) -> Target {
        Target {
            name: endpoint(url),
            url: Ok(url.to_owned()),
            db_schema: None,
        }
    }
}

/// The redacted `host:port/database` of a URL, for reports.
pub fn endpoint(url: &str) -> String {
    DatabaseUrl::parse(url)
        .map(|u| u.endpoint)
        .unwrap_or_else(|_| "(not a database URL)".to_owned())
}

/// What checking one target gave.
pub struct TargetResult {
    pub target: Target,
    pub endpoint: String,
    /// The report, or why the target could not be checked (redacted).
    pub report: Result<DriftReport, String>,
    pub elapsed: Duration,
}

/// Checks every target against `schema`, `jobs` at a time; `done` is told after each one (for a
/// progress line).
pub fn check_all(
    schema: &Schema,
    targets: &[Target],
    options: &ConnectOptions,
    ignore: &[String],
    jobs: usize,
    done: &(dyn Fn(usize, usize) + Sync),
) -> Vec<TargetResult> {
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<TargetResult>>> =
        Mutex::new((0..targets.len()).map(|_| None).collect());
    // What the schema implies, lowered once per dialect the fleet holds.
    let lowered: Mutex<Vec<(Provider, DbSchema)>> = Mutex::new(Vec::new());
    let lower = |d: &'static dyn crate::relational::dialect::Dialect| {
        let mut cache = lowered.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, s)) = cache.iter().find(|(p, _)| *p == d.provider()) {
            return s.clone();
        }
        let s = crate::relational::lower::lower(schema, d).schema;
        cache.push((d.provider(), s.clone()));
        s
    };
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, targets.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(target) = targets.get(i) else { break };
                    let result = check_one(schema, target, options, ignore, &lower);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                    done(finished.fetch_add(1, Ordering::Relaxed) + 1, targets.len());
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

fn check_one(
    schema: &Schema,
    target: &Target,
    options: &ConnectOptions,
    ignore: &[String],
    lowered: &dyn Fn(&'static dyn crate::relational::dialect::Dialect) -> DbSchema,
) -> TargetResult {
    let start = Instant::now();
    let mut options = options.clone();
    if target.db_schema.is_some() {
        options.db_schema = target.db_schema.clone();
    }
    let (endpoint, report) = match &target.url {
        Ok(url) => (
            endpoint(url),
            check_lowered(schema, url, &options, ignore, lowered).map_err(|e| e.to_string()),
        ),
        Err(why) => ("(no URL)".to_owned(), Err(why.clone())),
    };
    TargetResult {
        target: target.clone(),
        endpoint,
        report,
        elapsed: start.elapsed(),
    }
}

/// Every PostgreSQL schema of one database whose name matches `pattern` (`tenant_*`), checked
/// against `schema`: one connection and the same fixed number of catalog queries whatever the
/// number of tenants (`Inspect::inspect_matching`). A result per tenant, named by its schema.
pub fn check_tenants(
    schema: &Schema,
    url: &str,
    options: &ConnectOptions,
    ignore: &[String],
    pattern: &str,
) -> Result<Vec<TargetResult>, ConnectError> {
    let start = Instant::now();
    let parsed = DatabaseUrl::parse(url)?;
    let mut db = driver::connect_to(&parsed, options)?;
    let dialect = db.dialect();
    let tenants = db
        .inspect_matching(pattern)
        .map_err(|e| ConnectError::from(e).redacted(&parsed))?;
    let round_trips = db.round_trips();
    let expected = crate::relational::lower::lower(schema, dialect).schema;
    let elapsed = start.elapsed();
    Ok(tenants
        .into_iter()
        .map(|(name, live)| {
            let report = report(
                live,
                expected.clone(),
                schema,
                ignore,
                dialect,
                round_trips,
                elapsed,
            );
            TargetResult {
                target: Target {
                    name: name.clone(),
                    url: Ok(url.to_owned()),
                    db_schema: Some(name),
                },
                endpoint: parsed.endpoint.clone(),
                report: Ok(report),
                elapsed,
            }
        })
        .collect())
}
