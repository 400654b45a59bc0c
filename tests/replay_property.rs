//! Every statement tether writes replays: for every fixture and every evolution step, on every
//! dialect, the migration rendered from the differ's plan, replayed onto the schema it starts
//! from, gives exactly the schema it was planned for (an empty re-diff), up and down.
//!
//! Rules: no database here (the database round trips are in `migrations.rs`); this is the
//! property `gen` relies on, since each `gen` replays the folder its last run wrote.

mod common;

use common::{evolution_cases, fixture_schemas};
use std::path::Path;
use tether::relational::dialect::{self, Dialect};
use tether::relational::diff::{self, MigrationPair};
use tether::relational::lower::{self, Renames};
use tether::relational::model::DbSchema;
use tether::relational::replay;
use tether::schema::ir::Provider;

fn load(path: &Path) -> tether::schema::ir::Schema {
    let files = tether::schema::load::read_sources(path).unwrap();
    match tether::schema::load::load(&files) {
        Ok(loaded) => loaded.schema,
        Err(e) => panic!("{}: {:?}", path.display(), e.errors),
    }
}

/// Renders `previous -> next`, replays it onto `previous`, and returns what still differs.
fn replays_to(
    previous: &DbSchema,
    next: &DbSchema,
    renames: &Renames,
    d: &dyn Dialect,
) -> Result<Vec<String>, String> {
    let plan = diff::diff(MigrationPair { previous, next }, renames, d);
    let sql = dialect::render_script(d, &plan.changes, MigrationPair { previous, next }, &[]);
    let mut replayed = previous.clone();
    replay::apply_sql(&mut replayed, &sql, Path::new("migration.sql"), d)
        .map_err(|e| format!("{e:#}\n--- the migration:\n{sql}"))?;
    let left = diff::diff(
        MigrationPair {
            previous: &replayed,
            next,
        },
        &Renames::default(),
        d,
    );
    Ok(left
        .changes
        .iter()
        .map(|c| format!("{c:?}"))
        .collect::<Vec<_>>())
}

fn check(
    label: &str,
    previous: &DbSchema,
    next: &DbSchema,
    renames: &Renames,
    d: &dyn Dialect,
    failures: &mut Vec<String>,
) {
    match replays_to(previous, next, renames, d) {
        Ok(left) if left.is_empty() => {}
        Ok(left) => failures.push(format!("{label}: the replayed migration leaves {left:#?}")),
        Err(e) => failures.push(format!("{label}: the migration does not replay: {e}")),
    }
}

const DIALECTS: [Provider; 3] = [Provider::Sqlite, Provider::Postgresql, Provider::Mysql];

#[test]
fn every_fixture_migration_replays_on_every_dialect() {
    let mut failures = Vec::new();
    for path in fixture_schemas() {
        let schema = load(&path);
        let dialects = common::fixture_dialects(&path);
        for provider in DIALECTS {
            if !dialects.iter().any(|t| t.dialect() == provider.name()) {
                continue;
            }
            let d = dialect::for_provider(provider);
            let lowered = lower::lower(&schema, d);
            let label = format!("{} on {}", path.display(), provider.name());
            check(
                &format!("{label}, up"),
                &DbSchema::default(),
                &lowered.schema,
                &Renames::default(),
                d,
                &mut failures,
            );
            check(
                &format!("{label}, down"),
                &lowered.schema,
                &DbSchema::default(),
                &Renames::default(),
                d,
                &mut failures,
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_evolution_step_replays_on_every_dialect_up_and_down() {
    let mut failures = Vec::new();
    for case in evolution_cases() {
        let (v1, v2) = (load(&case.join("v1.prisma")), load(&case.join("v2.prisma")));
        for provider in DIALECTS {
            let d = dialect::for_provider(provider);
            let (before, after) = (lower::lower(&v1, d), lower::lower(&v2, d));
            let label = format!("{} on {}", case.display(), provider.name());
            check(
                &format!("{label}, up"),
                &before.schema,
                &after.schema,
                &after.renames,
                d,
                &mut failures,
            );
            check(
                &format!("{label}, down"),
                &after.schema,
                &before.schema,
                &after.renames.reversed(),
                d,
                &mut failures,
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
