//! The unit tests' side of the toolchain checks: loading a schema and a configuration the way
//! `tether gen` does, and writing a rendered set; the tools themselves are in `tools.rs`, shared
//! with the integration tests.
//!
//! Rules: compiled into the unit tests of `src/codegen/` with `#[path]`; nothing here runs a tool.

use crate::config::{Config, RawConfig};
use crate::output::FileSet;
use crate::schema::ir::Schema;
use std::path::Path;

#[path = "tools.rs"]
mod tools;
pub use tools::*;

/// Loads and validates a schema; a schema that does not load fails the test.
pub fn load(path: &Path) -> Schema {
    let files = crate::schema::load::read_sources(path)
        .unwrap_or_else(|e| panic!("reading {}: {e:#}", path.display()));
    match crate::schema::load::load(&files) {
        Ok(loaded) => loaded.schema,
        Err(errors) => panic!(
            "{} does not validate:\n{}",
            path.display(),
            crate::schema::render_diagnostics(&errors.errors, crate::term::Style::PLAIN)
        ),
    }
}

/// A configuration rooted at `root`, as if `tether.toml` there said `raw`.
pub fn config(root: &Path, raw: RawConfig) -> Config {
    Config {
        file: None,
        root: root.to_path_buf(),
        raw,
    }
}

/// Writes a rendered set to disk, as `tether gen` does.
pub fn write(set: &FileSet) {
    crate::output::write(set).expect("writing the generated files");
}
