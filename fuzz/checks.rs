//! The checks the fuzz targets run on one input, shared word for word by the fuzz targets
//! (`fuzz/fuzz_targets/*.rs`) and the corpus regression test (`tests/fuzz_corpus.rs`), which
//! both include this file with `#[path]`.
//!
//! Rules: one `pub fn <target>(data: &[u8])` per fuzz target, decoding the raw bytes the same way
//! for both callers; errors from tether are fine, a panic is a bug, and every property beyond "no
//! panic" is an `assert!` here. Inputs are split into files at NUL bytes (a NUL never occurs in a
//! schema, a `tether.toml` or a migration tether accepts), so one input can be a multi-file schema
//! or a migrations folder. No I/O: the entry points are the from-text ones.

use std::path::{Path, PathBuf};
use tether::config::Config;
use tether::relational::dialect::{Dialect, MySql, Postgres, Sqlite};
use tether::relational::model::DbSchema;
use tether::relational::{replay, script};
use tether::schema::load::{self, Diagnostic, SchemaFile, Severity};

/// At most this many files per input: enough for multi-file schemas and migration folders.
const MAX_FILES: usize = 4;

/// The input's files: text between NUL bytes, as UTF-8 (invalid bytes replaced).
fn files(data: &[u8]) -> Vec<String> {
    data.split(|&b| b == 0)
        .take(MAX_FILES)
        .map(|part| String::from_utf8_lossy(part).into_owned())
        .collect()
}

/// Schema loading, through the Prisma 7 bridge, and formatting. Every diagnostic must point
/// inside the user's own text (the bridge's inserted `url` line must never show through).
pub fn schema_load(data: &[u8]) {
    let files: Vec<SchemaFile> = files(data)
        .into_iter()
        .enumerate()
        .map(|(i, text)| SchemaFile {
            path: PathBuf::from(format!("schema{i}.prisma")),
            text,
        })
        .collect();
    let diagnostics = match load::load(&files) {
        Ok(loaded) => loaded.warnings,
        Err(errors) => {
            assert!(!errors.errors.is_empty(), "a failed load reports an error");
            errors.errors.into_iter().chain(errors.warnings).collect()
        }
    };
    for diagnostic in &diagnostics {
        assert_inside(diagnostic, &files);
    }
    assert_bridge_hidden(&diagnostics);
    let formatted = load::format(&files);
    assert_eq!(formatted.len(), files.len(), "format returns every file");
}

/// A diagnostic's file is one of the inputs, and its start and end lie inside that file's text:
/// lines 1..=number of lines, columns 1..=length of that line + 1 (in characters), start <= end.
pub fn assert_inside(d: &Diagnostic, files: &[SchemaFile]) {
    let file = files
        .iter()
        .find(|f| f.path == d.file)
        .unwrap_or_else(|| panic!("diagnostic names a file that was not loaded: {d:?}"));
    let lines: Vec<&str> = file.text.split('\n').collect();
    for (line, column) in [(d.line, d.column), (d.end_line, d.end_column)] {
        assert!(
            (1..=lines.len()).contains(&line),
            "line {line} outside 1..={}: {d:?}",
            lines.len()
        );
        let width = lines[line - 1].chars().count();
        assert!(
            (1..=width + 1).contains(&column),
            "column {column} outside 1..={} on line {line}: {d:?}",
            width + 1
        );
    }
    assert!(
        (d.line, d.column) <= (d.end_line, d.end_column),
        "diagnostic ends before it starts: {d:?}"
    );
    let source_line = file.text.lines().nth(d.line - 1).unwrap_or("");
    assert_eq!(d.source_line, source_line, "source line of {d:?}");
}

/// The Prisma 7 bridge never shows through: no diagnostic names the `url` it inserts, and psl's
/// demand for a `url` (which Prisma 7 no longer has) is never a file's only error, as it would be
/// for a valid url-less schema whose datasource block the bridge misread. (In a file that is
/// broken anyway, psl may misread a block too, or the user's own `url` line may be unreadable.)
pub fn assert_bridge_hidden(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(
            !d.message.contains("TETHER_PRISMA7_BRIDGE"),
            "the bridge's url shows through: {d:?}"
        );
        let url_missing = |d: &Diagnostic| d.message.contains("Argument \"url\" is missing");
        if url_missing(d) {
            assert!(
                diagnostics.iter().any(|other| other.file == d.file
                    && other.severity == Severity::Error
                    && !url_missing(other)),
                "a url-less datasource was not bridged: {d:?}"
            );
        }
    }
}

/// `tether.toml` parsing (the first file of the input), and the accessors that need no I/O.
pub fn config_parse(data: &[u8]) {
    let text = files(data).swap_remove(0);
    let path = Path::new("project/tether.toml");
    match Config::parse(&text, path) {
        Ok(config) => {
            assert_eq!(config.root, Path::new("project"));
            let _ = config.migrations_dir();
            let _ = config.dialects(tether::schema::ir::Provider::Postgresql);
        }
        Err(e) => {
            let message = format!("{e:#}");
            let Some(rest) = message.strip_prefix("config: project/tether.toml") else {
                panic!("an error names the file: {message}");
            };
            // `path:line:column: ...` when toml says where: a place inside the text.
            let mut place = rest.split(':').skip(1).map(|n| n.parse::<usize>());
            if let (Some(Ok(line)), Some(Ok(column))) = (place.next(), place.next()) {
                let lines: Vec<&str> = text.split('\n').collect();
                assert!((1..=lines.len()).contains(&line), "line: {message}");
                let width = lines[line - 1].chars().count();
                assert!((1..=width + 1).contains(&column), "column: {message}");
            }
        }
    }
}

/// Replay of a migrations folder (each file of the input is one `migration.sql`, in order) on
/// every dialect, and the statement splitter the replay and the MySQL driver use.
pub fn sql_replay(data: &[u8]) {
    let migrations = files(data);
    for sql in &migrations {
        let statements = script::split_statements(sql);
        let mut end = 0;
        for statement in statements {
            let at = statement.as_ptr() as usize - sql.as_ptr() as usize;
            assert!(
                at >= end && at + statement.len() <= sql.len(),
                "in order, inside"
            );
            end = at + statement.len();
            // A statement holds no top-level semicolon: splitting it again gives it back.
            assert_eq!(script::split_statements(statement), [statement]);
        }
    }
    let dialects: [&dyn Dialect; 3] = [&Postgres, &Sqlite, &MySql];
    for dialect in dialects {
        let mut schema = DbSchema::default();
        for sql in &migrations {
            if replay::apply_sql(&mut schema, sql, Path::new("migration.sql"), dialect).is_err() {
                break;
            }
        }
    }
}

/// A password that fixed message text cannot contain by chance: 8 or more characters with a
/// lower-case letter, an upper-case letter and a digit.
fn distinctive(password: &str) -> bool {
    password.chars().count() >= 8
        && password.chars().any(|c| c.is_ascii_lowercase())
        && password.chars().any(|c| c.is_ascii_uppercase())
        && password.chars().any(|c| c.is_ascii_digit())
}

/// Database URL parsing. The input is a password, a NUL, and a URL whose `:{pw}@` (the user
/// part) and `password={pw}` (a parameter, `sslpassword` too) take the password (without them,
/// the password goes into the user part of a PostgreSQL URL and the text is its query).
/// Parsing never panics, and neither the error, nor the endpoint shown in every connection
/// message, nor the redacted URL holds the password.
pub fn url_parse(data: &[u8]) {
    let files = files(data);
    let (password, template) = match files.as_slice() {
        [password, template, ..] => (password.as_str(), template.as_str()),
        _ => return,
    };
    if !distinctive(password) || template.contains(password) || password.contains('\n') {
        return;
    }
    let url = if template.contains(":{pw}@") || template.contains("password={pw}") {
        template
            .replace(":{pw}@", &format!(":{password}@"))
            .replace("password={pw}", &format!("password={password}"))
    } else {
        format!("postgresql://app:{password}@db.internal:5432/app?{template}")
    };
    let redacted = tether::dburl::redact_with(&url, &url);
    assert!(
        !redacted.contains(password),
        "redacted URL {redacted:?} holds the password"
    );
    match tether::connection::DatabaseUrl::parse(&url) {
        Err(e) => {
            let message = e.message();
            assert!(
                !message.contains(password),
                "error {message:?} holds the password"
            );
        }
        Ok(parsed) => {
            assert!(
                !parsed.endpoint.contains(password),
                "endpoint {:?} holds the password",
                parsed.endpoint
            );
            assert!(!parsed.redact(&parsed.driver_url).contains(password));
        }
    }
}
