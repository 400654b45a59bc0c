//! Drift: what the schema implies versus a live database, as data. `check` runs one check and
//! returns a `DriftReport` (`report`); `fleet` runs it over many databases; the `check-drift`
//! command prints them.
//!
//! Rules: the changes come from the one differ (`relational::diff`), so drift and migrations can
//! never disagree about what differs. Nothing here prints.

mod check;
pub mod fleet;
mod report;

pub use check::{check, compare};
pub use report::{Difference, DriftReport, describe};
