//! One drift check: connect to one database read-only, inspect it, lower the schema for its
//! dialect, diff, and return the report.
//!
//! Rules: one target per call. Many targets (fleets, tenant schemas; a later issue) are a loop
//! around this one check, the schema loaded once, the reports grouped per target; never a second
//! check. Both sides leave out the same ignored tables before the diff, so reported drift is real
//! drift. Errors are `ConnectError`s with redacted messages.

use super::report::{DriftReport, describe};
use crate::connection::{ConnectError, ConnectOptions, DatabaseUrl};
use crate::relational::dialect::Dialect;
use crate::relational::diff::{self, MigrationPair, Plan};
use crate::relational::driver;
use crate::relational::lower::{self, Renames};
use crate::relational::model::DbSchema;
use crate::schema::ir::{RelationMode, Schema};
use std::time::Instant;

/// A database has extensions the schema does not name (plpgsql, always; others a DBA added):
/// only those the schema names are compared, and only for what it asks of them (a schema, a
/// version).
fn only_wanted_extensions(mut live: DbSchema, expected: &DbSchema) -> DbSchema {
    live.extensions = live
        .extensions
        .into_iter()
        .filter_map(|mut installed| {
            let wanted = expected
                .extensions
                .iter()
                .find(|e| e.name == installed.name)?;
            if wanted.schema.is_none() {
                installed.schema = None;
            }
            if wanted.version.is_none() {
                installed.version = None;
            }
            Some(installed)
        })
        .collect();
    live
}

/// What it takes to bring the live database to `expected`: the differ's plan, with migration
/// tools' tables and tables matching `ignore` left out of both sides, extensions the schema does
/// not name left out of the live side, and (under `relationMode = "prisma"`) the foreign keys a
/// database has anyway. `check` reports it; `migrate resolve --applied` refuses on it. Returns
/// the plan, and the live schema and `expected` as compared.
pub fn compare(
    live: DbSchema,
    expected: DbSchema,
    ignore: &[String],
    relation_mode: RelationMode,
    dialect: &dyn Dialect,
) -> (Plan, MigrationPair<DbSchema>) {
    let live = driver::without_ignored(live, ignore);
    let expected = driver::without_ignored(expected, ignore);
    let mut live = only_wanted_extensions(live, &expected);
    // relationMode = "prisma" leaves relations to the client: keys a database has anyway (left
    // from before the mode, or added by a DBA) are not drift.
    if relation_mode == RelationMode::Prisma {
        for table in &mut live.tables {
            table.foreign_keys.clear();
        }
    }
    let plan = diff::diff(
        MigrationPair {
            previous: &live,
            next: &expected,
        },
        &Renames::default(),
        dialect,
    );
    let compared = MigrationPair {
        previous: live,
        next: expected,
    };
    (plan, compared)
}

/// Checks the database at `url` against `schema`; tables matching `ignore` (`*` wildcards) and
/// migration tools' tables are left out on both sides.
pub fn check(
    schema: &Schema,
    url: &str,
    options: &ConnectOptions,
    ignore: &[String],
) -> Result<DriftReport, ConnectError> {
    check_lowered(schema, url, options, ignore, &|d| {
        lower::lower(schema, d).schema
    })
}

/// `check`, with what the schema implies for a dialect given by `lowered` (a fleet lowers the
/// schema once per dialect, not once per database).
pub fn check_lowered(
    schema: &Schema,
    url: &str,
    options: &ConnectOptions,
    ignore: &[String],
    lowered: &dyn Fn(&'static dyn Dialect) -> DbSchema,
) -> Result<DriftReport, ConnectError> {
    let start = Instant::now();
    let url = DatabaseUrl::parse(url)?;
    let mut db = driver::connect_to(&url, options)?;
    let dialect = db.dialect();
    // The database schemas the lowering keeps for this dialect (none where it has none).
    let expected = lowered(dialect);
    let live = driver::inspect_for(db.as_mut(), &expected.namespaces)
        .map_err(|e| ConnectError::from(e).redacted(&url))?;
    let (round_trips, elapsed) = (db.round_trips(), start.elapsed());
    Ok(report(
        live,
        expected,
        schema,
        ignore,
        dialect,
        round_trips,
        elapsed,
    ))
}

/// The report of one inspected schema against `expected`, what `schema` implies for `dialect`
/// (`compare`, then the differences in words).
pub(super) fn report(
    live: DbSchema,
    expected: DbSchema,
    schema: &Schema,
    ignore: &[String],
    dialect: &dyn Dialect,
    round_trips: usize,
    elapsed: std::time::Duration,
) -> DriftReport {
    let (plan, compared) = compare(live, expected, ignore, schema.relation_mode, dialect);
    DriftReport {
        provider: dialect.provider(),
        differences: describe(&plan.changes),
        changes: plan.changes,
        warnings: plan.warnings,
        live: compared.previous,
        expected: compared.next,
        round_trips,
        elapsed,
    }
}
