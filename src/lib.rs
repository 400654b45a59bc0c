//! tether as a library: the modules the `tether` binary runs, public so that fuzz targets and
//! benchmarks can reach the parsers directly.
//!
//! Rules: the binary (`main.rs`) only parses the command line and maps an `Outcome` or an error
//! to an exit status; everything else lives here.

pub mod cli;
pub mod codegen;
pub mod commands;
pub mod config;
pub mod connection;
pub mod dburl;
pub mod document;
pub mod drift;
pub mod gen_cache;
pub mod migrations;
pub mod output;
pub mod provider;
pub mod relational;
pub mod schema;
pub mod term;

/// What a command found, when it ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// Drift, stale files, unformatted files, pending migrations: the run worked and found some.
    Findings,
}
