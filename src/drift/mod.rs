//! Drift: what the schema implies versus a live database, as data. `check` runs one check and
//! returns a `DriftReport` (`report`); the `check-drift` command prints it.
//!
//! Rules: the changes come from the one differ (`relational::diff`), so drift and migrations can
//! never disagree about what differs. Nothing here prints.

mod check;
mod report;

pub use check::{check, compare};
pub use report::{Difference, DriftReport, describe};
