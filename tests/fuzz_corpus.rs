//! The fuzz corpora as a regression test: every file under `fuzz/corpus/<target>/` (the seeds
//! and every crash input fuzzing found) goes through the same check as its fuzz target.
//!
//! Rules: the checks are `fuzz/checks.rs`, included here as the fuzz targets include it, so the
//! test and the fuzzers cannot drift apart; this file only walks the corpora. CI has no fuzzer;
//! this is how fuzzing's findings stay fixed.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

/// Runs `check` on every file of `fuzz/corpus/<target>`, naming the file that panics.
fn run_corpus(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no inputs", dir.display());
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target}: {} panics", file.display());
    }
}

#[test]
fn schema_load_corpus() {
    run_corpus("schema_load", checks::schema_load);
}

#[test]
fn config_parse_corpus() {
    run_corpus("config_parse", checks::config_parse);
}

#[test]
fn sql_replay_corpus() {
    run_corpus("sql_replay", checks::sql_replay);
}

#[test]
fn url_parse_corpus() {
    run_corpus("url_parse", checks::url_parse);
}
