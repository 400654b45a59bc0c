//! Table-driven tests of the differ and of replay, as Atlas's `diff_test.go` is: each case is a
//! `from` and a `to` written as the SQL a migration holds, and the changes (or the model) the
//! case expects, checked on the dialect the case names.
//!
//! Rules: inputs are SQL replayed into a `DbSchema` (the same path a migrations folder takes),
//! so a case reads like the database it describes; expectations are short strings written by
//! hand, never output of the code under test.

mod diff_cases;
mod replay_cases;

use super::dialect::{Dialect, MySql, Postgres, Sqlite};
use super::model::DbSchema;
use super::replay;
use std::path::Path;

fn dialect(name: &str) -> &'static dyn Dialect {
    match name {
        "postgresql" => &Postgres,
        "sqlite" => &Sqlite,
        "mysql" => &MySql,
        other => panic!("no dialect {other}"),
    }
}

fn replayed(sql: &str, d: &dyn Dialect) -> DbSchema {
    let mut schema = DbSchema::default();
    replay::apply_sql(&mut schema, sql, Path::new("case.sql"), d)
        .unwrap_or_else(|e| panic!("{e:#}\n{sql}"));
    schema
}
