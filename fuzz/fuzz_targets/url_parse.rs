//! Fuzz target: database URL parsing and password redaction.
//!
//! Rules: the check itself lives in `fuzz/checks.rs`, shared with `tests/fuzz_corpus.rs`;
//! this file only hands libFuzzer's input to it.
#![no_main]

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::url_parse(data));
