//! What every integration test shares: running the built `tether` binary, the fixtures folder,
//! and `TestDatabase`, a fresh PostgreSQL or MariaDB database per test, dropped when it goes out
//! of scope so that tests run in parallel.
//!
//! Rules: real servers, never mocks. The URLs come from `TETHER_TEST_POSTGRES_URL` and
//! `TETHER_TEST_MYSQL_URL`; when one is unset a test says it was skipped, except under CI (`CI`
//! set), where an unset URL is a failure: CI must not skip.

// Each test crate includes this module and uses only part of it.
#![allow(dead_code)]

pub mod sql;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing the whole run when it differs.
    #[track_caller]
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(self.code, code, "unexpected exit code:\n{self:#?}");
        assert!(
            !self.stderr.contains("panicked"),
            "tether panicked:\n{}",
            self.stderr
        );
        self
    }
}

/// Runs `tether` with `args` in `cwd`, colour off.
pub fn tether<I, S>(cwd: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    tether_with_env(cwd, args, &[])
}

/// `tether` with `env` set. The caller's `DATABASE_URL`, `TETHER_MIGRATION_TIME` and
/// `TETHER_CACHE_DIR` never leak into a run.
pub fn tether_with_env<I, S>(cwd: &Path, args: I, env: &[(&str, &str)]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = Command::new(env!("CARGO_BIN_EXE_tether"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("DATABASE_URL")
        .env_remove("TETHER_MIGRATION_TIME")
        .env_remove("TETHER_CACHE_DIR")
        .envs(env.iter().copied())
        .output()
        .expect("cannot run the tether binary");
    Run {
        code: output.status.code().expect("tether was killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// The repository root: fixture paths in tests are relative to it, as a user would type them.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `fixtures/<case>` relative to the repository root.
pub fn fixture(case: &str) -> PathBuf {
    Path::new("fixtures").join(case)
}

/// The schema of a fixture case: `schema.prisma`, or the `schema/` folder of a multi-file case.
pub fn fixture_schema(case: &str) -> PathBuf {
    let dir = fixture(case);
    if root().join(&dir).join("schema").is_dir() {
        dir.join("schema")
    } else {
        dir.join("schema.prisma")
    }
}

/// Every valid fixture's schema (`schema.prisma`, or the `schema/` folder of a multi-file
/// case), absolute, sorted; not the evolution pairs (`evolution_cases`), `invalid/`, or the
/// MongoDB schemas of `mongodb/` (`tests/mongodb.rs`).
pub fn fixture_schemas() -> Vec<PathBuf> {
    let mut schemas = Vec::new();
    for entry in std::fs::read_dir(root().join("fixtures")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir()
            || dir.ends_with("invalid")
            || dir.ends_with("evolution")
            || dir.ends_with("mongodb")
        {
            continue;
        }
        let single = dir.join("schema.prisma");
        schemas.push(if single.exists() {
            single
        } else {
            dir.join("schema")
        });
    }
    schemas.sort();
    schemas
}

/// The evolution pairs: folders under `fixtures/evolution` with `v1.prisma` and `v2.prisma`,
/// absolute, sorted.
pub fn evolution_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/evolution"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|case| case.join("v1.prisma").exists())
        .collect();
    cases.sort();
    cases
}

/// The text of a schema: the file, or a folder's files one after another.
pub fn schema_text(path: &Path) -> String {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect()
    } else {
        std::fs::read_to_string(path).unwrap()
    }
}

/// The migration folders (those holding a `migration.sql`, or a MongoDB `migration.json`) in `migrations`, in name order,
/// which is the order they apply in; empty when the folder does not exist.
pub fn migration_folders(migrations: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(migrations)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    // SQL migrations, or MongoDB's commands.
    folders.retain(|p| p.join("migration.sql").is_file() || p.join("migration.json").is_file());
    folders.sort();
    folders
}

/// Copies a folder (recursively) into `to`, for tests that change files.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The database servers tests can run against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    Postgres,
    Mysql,
}

impl Server {
    pub fn env_var(self) -> &'static str {
        match self {
            Server::Postgres => "TETHER_TEST_POSTGRES_URL",
            Server::Mysql => "TETHER_TEST_MYSQL_URL",
        }
    }

    /// The server's URL from its variable, or `None` (after saying so on stderr) when it is
    /// not set. Under CI an unset URL panics: CI must not skip.
    pub fn url(self) -> Option<String> {
        let var = self.env_var();
        match std::env::var(var) {
            Ok(url) if !url.trim().is_empty() => Some(url),
            _ if std::env::var_os("CI").is_some() => {
                panic!("{var} is not set, and CI must not skip database tests (see README)")
            }
            _ => {
                eprintln!("skipped: {var} not set");
                None
            }
        }
    }
}

/// The dialects a fixture is built on: all three, but only its own provider's where it holds
/// `dbgenerated(...)`, whose SQL belongs to one database.
pub fn fixture_dialects(schema: &Path) -> Vec<Target> {
    let text = schema_text(schema);
    let provider = if text.contains("\"postgresql\"") {
        Target::Postgres
    } else if text.contains("\"mysql\"") {
        Target::Mysql
    } else {
        Target::Sqlite
    };
    if text.contains("dbgenerated(") {
        vec![provider]
    } else {
        Target::ALL.to_vec()
    }
}

/// The README's example and every valid fixture, each with the dialects it is built on
/// (`fixture_dialects`).
pub fn fixture_cases() -> Vec<(PathBuf, Vec<Target>)> {
    let mut schemas: Vec<PathBuf> = vec![root().join("schema/schema.prisma")];
    schemas.extend(fixture_schemas());
    schemas
        .into_iter()
        .map(|schema| {
            let dialects = fixture_dialects(&schema);
            (schema, dialects)
        })
        .collect()
}

/// The databases a test runs against: SQLite (embedded, always there) and the two servers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Sqlite,
    Postgres,
    Mysql,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::Sqlite, Target::Postgres, Target::Mysql];

    /// The dialect's name in `tether.toml` and in a schema's `provider`.
    pub fn dialect(self) -> &'static str {
        match self {
            Target::Sqlite => "sqlite",
            Target::Postgres => "postgresql",
            Target::Mysql => "mysql",
        }
    }

    pub fn of_dialect(name: &str) -> Target {
        Target::ALL
            .into_iter()
            .find(|t| t.dialect() == name)
            .unwrap_or_else(|| panic!("unknown dialect {name}"))
    }

    pub fn server(self) -> Option<Server> {
        match self {
            Target::Sqlite => None,
            Target::Postgres => Some(Server::Postgres),
            Target::Mysql => Some(Server::Mysql),
        }
    }

    /// A fresh database: the file `<label>.db` in `dir` for SQLite, a new database on the
    /// server otherwise; `None` (said on stderr) when the server's URL is not set, and a panic
    /// under CI.
    pub fn database(self, dir: &Path, label: &str) -> Option<Database> {
        let (url, server) = match self.server() {
            None => (
                format!("sqlite:{}", dir.join(format!("{label}.db")).display()),
                None,
            ),
            Some(server) => {
                let db = TestDatabase::create(server)?;
                (db.url.clone(), Some(db))
            }
        };
        Some(Database {
            target: self,
            url,
            _server: server,
        })
    }
}

/// A database for one test, of any target; a server database is dropped with this value.
pub struct Database {
    pub target: Target,
    pub url: String,
    _server: Option<TestDatabase>,
}

/// A database created for one test and dropped when this value is dropped.
pub struct TestDatabase {
    pub server: Server,
    /// The URL of the new database, for tether and for the test's own queries.
    pub url: String,
    pub name: String,
    /// The URL the server was reached through, kept to drop the database.
    admin_url: String,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDatabase {
    /// A fresh database on `server`, or `None` (after saying so on stderr) when the server's URL
    /// is not set. Under CI an unset URL panics.
    pub fn create(server: Server) -> Option<TestDatabase> {
        let var = server.env_var();
        let admin_url = server.url()?;
        // Unique across the processes and threads of one test run, and across runs.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!(
            "tether_test_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        execute(server, &admin_url, &format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("{var}: cannot create database {name}: {e}"));
        let url = with_database(&admin_url, &name);
        Some(TestDatabase {
            server,
            url,
            name,
            admin_url,
        })
    }

    /// A PostgreSQL client connected to this database.
    pub fn postgres(&self) -> postgres::Client {
        assert_eq!(self.server, Server::Postgres);
        postgres_client(&self.url).expect("cannot connect to the test database")
    }

    /// A MySQL connection to this database.
    pub fn mysql(&self) -> mysql::Conn {
        assert_eq!(self.server, Server::Mysql);
        mysql_conn(&self.url).expect("cannot connect to the test database")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let statement = match self.server {
            // FORCE: a connection the test leaked must not keep the database alive.
            Server::Postgres => format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            Server::Mysql => format!("DROP DATABASE IF EXISTS {}", self.name),
        };
        // A failed drop leaves a database behind but must not hide the test's own result.
        if let Err(e) = execute(self.server, &self.admin_url, &statement) {
            eprintln!("warning: cannot drop test database {}: {e}", self.name);
        }
    }
}

/// Runs one statement on its own connection.
fn execute(server: Server, url: &str, sql: &str) -> Result<(), Box<dyn std::error::Error>> {
    match server {
        Server::Postgres => postgres_client(url)?.batch_execute(sql)?,
        Server::Mysql => {
            use mysql::prelude::Queryable;
            mysql_conn(url)?.query_drop(sql)?
        }
    }
    Ok(())
}

fn postgres_client(url: &str) -> Result<postgres::Client, postgres::Error> {
    postgres::Client::connect(url, postgres::NoTls)
}

fn mysql_conn(url: &str) -> Result<mysql::Conn, mysql::Error> {
    mysql::Conn::new(mysql::Opts::from_url(url)?)
}

/// `scheme://authority/old?query` -> `scheme://authority/<name>?query`.
/// `url` logging in as `user` with `password` instead of its own login.
pub fn with_login(url: &str, user: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a database URL has a scheme");
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let host = match rest[..authority_end].rsplit_once('@') {
        Some((_, host)) => host,
        None => &rest[..authority_end],
    };
    format!(
        "{scheme}://{user}:{password}@{host}{}",
        &rest[authority_end..]
    )
}

pub fn with_database(url: &str, name: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a database URL has a scheme");
    let (before_query, query) = match rest.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (rest, None),
    };
    let authority = before_query.split('/').next().unwrap_or(before_query);
    match query {
        Some(q) => format!("{scheme}://{authority}/{name}?{q}"),
        None => format!("{scheme}://{authority}/{name}"),
    }
}

/// `host:port/database` of a server URL, as tether's reports name a database.
pub fn endpoint_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split('?').next().unwrap_or(rest);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    rest.to_owned()
}
