//! Live relational databases: a connection (`Connection`), inspecting it into a `DbSchema`
//! (`Inspect`), and the migration history kept in it (`History`). `Driver` is the three
//! together, which every SQL database here is; a document database (a later issue) implements
//! only the parts that apply to it.
//!
//! Rules: every driver file (`postgres.rs`, `sqlite.rs`, `mysql.rs`) has the same sections in the
//! same order — connect, inspect, migrate — so they read side by side. Drivers take the URL and
//! options from the connection layer (`crate::connection`), which owns URL parameters, timeouts
//! and TLS. Inspection sends a fixed number of queries per database (one per kind of object,
//! never one per table) inside a read-only transaction or connection. Every error `connect`
//! returns is a redacted `ConnectError`, so a password never leaves in a message.

mod mysql;
mod postgres;
mod sqlite;

use super::dialect::{Dialect, for_provider};
use super::model::DbSchema;
use super::script::split_statements;
use crate::connection::{self, ConnectError, DatabaseUrl};
use crate::provider::Provider;
use anyhow::{Context, Result};
use std::sync::Arc;

pub use crate::connection::ConnectOptions;

/// Tables that belong to migration tools, never reported as drift.
pub const TOOL_TABLES: [&str; 3] = [
    "_tether_migrations",
    "_prisma_migrations",
    "alembic_version",
];

/// The history table `migrate apply` keeps.
pub const HISTORY_TABLE: &str = "_tether_migrations";

/// Prisma Migrate's history table.
pub const PRISMA_HISTORY_TABLE: &str = "_prisma_migrations";

/// Where `migrate apply` records what it applied (`[migrations] history`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HistoryTable {
    /// `_tether_migrations`: name, checksum, time.
    #[default]
    Tether,
    /// Prisma Migrate's `_prisma_migrations`, in its columns and conventions (the checksum of
    /// the file's bytes, `finished_at` set, one applied step), so that `prisma migrate deploy`
    /// finds the migrations applied.
    Prisma,
}

impl HistoryTable {
    /// The table a recorded migration came from (`AppliedMigration::source`).
    pub fn of_source(source: &str) -> HistoryTable {
        if source == PRISMA_HISTORY_TABLE {
            HistoryTable::Prisma
        } else {
            HistoryTable::Tether
        }
    }
}

/// A Prisma `_prisma_migrations.id`: a version-4-shaped UUID, from a hash of what makes the row
/// unique (Prisma's own are random; only their uniqueness is relied on).
fn prisma_row_id(name: &str, applied_at: &str) -> String {
    use sha2::{Digest, Sha256};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let digest = Sha256::digest(format!(
        "{name}\u{1f}{applied_at}\u{1f}{nanos}\u{1f}{}",
        std::process::id()
    ));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// One row of a text-protocol query: every value as text, NULL as `None`, read by the column
/// names the query gives (`AS` aliases), never by position.
#[derive(Debug, Clone)]
pub struct Row {
    /// The driver that read it, for messages: `postgres`, `mysql`, `sqlite`.
    driver: &'static str,
    columns: Arc<[String]>,
    values: Vec<Option<String>>,
}

impl Row {
    pub fn new(driver: &'static str, columns: Arc<[String]>, values: Vec<Option<String>>) -> Row {
        Row {
            driver,
            columns,
            values,
        }
    }

    /// The value of `column`, `None` for NULL; a column the query does not return is an error.
    pub fn get(&self, column: &str) -> Result<Option<&str>> {
        let i = self
            .columns
            .iter()
            .position(|c| c == column)
            .with_context(|| format!("{}: query returned no column {column}", self.driver))?;
        Ok(self.values.get(i).and_then(|v| v.as_deref()))
    }

    /// The value of `column`, which must not be NULL.
    pub fn text(&self, column: &str) -> Result<String> {
        self.get(column)?
            .map(str::to_owned)
            .with_context(|| format!("{}: catalog returned NULL in column {column}", self.driver))
    }
}

/// A migration as the history table records it.
#[derive(Debug, Clone)]
pub struct AppliedMigration {
    pub name: String,
    pub checksum: Option<String>,
    /// Which tool recorded it: `_tether_migrations` or `_prisma_migrations`.
    pub source: &'static str,
}

/// An open connection to a SQL database.
pub trait Connection {
    fn dialect(&self) -> &'static dyn Dialect;
    /// Runs statements that return nothing.
    fn execute(&mut self, sql: &str) -> Result<()>;
    /// Runs one query; values as text.
    fn query(&mut self, sql: &str) -> Result<Vec<Row>>;
    /// Runs several queries, each one's rows apart; in one round trip where the protocol
    /// carries several statements at once (PostgreSQL, MySQL), else one query at a time.
    fn query_batch(&mut self, queries: &[&str]) -> Result<Vec<Vec<Row>>> {
        queries.iter().map(|q| self.query(q)).collect()
    }
    /// Round trips to the server so far (for benchmarks and the query-count test).
    fn round_trips(&self) -> usize;
}

/// Reading the database's shape.
pub trait Inspect {
    /// The database's tables, columns, indexes, keys and enums, normalized like lowering.
    fn inspect(&mut self) -> Result<DbSchema>;
    /// Names of the tables in the inspected schema (one query).
    fn table_names(&mut self) -> Result<Vec<String>>;
    /// Every schema whose name matches `pattern` (`tenant_*`: `*` matches anything), each
    /// inspected as `inspect` inspects one, with a fixed number of queries whatever their
    /// number: PostgreSQL's schemas; other databases have none to match.
    fn inspect_matching(&mut self, pattern: &str) -> Result<Vec<(String, DbSchema)>> {
        let _ = pattern;
        Err(anyhow::anyhow!(
            "a schema pattern (--db-schema 'tenant_*') matches PostgreSQL schemas; this database has none"
        ))
    }
    /// The database schemas a multiSchema schema lists, read as one `DbSchema` whose tables and
    /// types say which schema they are in (PostgreSQL).
    fn inspect_namespaces(&mut self, namespaces: &[String]) -> Result<DbSchema> {
        let _ = namespaces;
        Err(anyhow::anyhow!(
            "multiSchema (`schemas` in the datasource) is supported on PostgreSQL only"
        ))
    }
}

/// What the schema implies should be read: the connection's schema, or the database schemas a
/// multiSchema schema lists.
pub fn inspect_for(db: &mut dyn Inspect, namespaces: &[String]) -> Result<DbSchema> {
    if namespaces.is_empty() {
        db.inspect()
    } else {
        db.inspect_namespaces(namespaces)
    }
}

/// The migration history kept in the database, and applying migrations under a lock.
pub trait History: Connection + Inspect {
    /// Takes the lock that keeps two `migrate apply` runs from interleaving, if it is free.
    fn try_lock(&mut self) -> Result<bool>;
    fn unlock(&mut self) -> Result<()>;

    /// Takes the lock, waiting up to `timeout` for another run to release it; `waiting` is
    /// called once, when the lock is found taken.
    fn lock(&mut self, timeout: std::time::Duration, waiting: &mut dyn FnMut()) -> Result<()> {
        if self.try_lock()? {
            return Ok(());
        }
        waiting();
        let deadline = std::time::Instant::now() + timeout;
        while std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(200));
            if self.try_lock()? {
                return Ok(());
            }
        }
        Err(ConnectError::Timeout(format!(
            "migrate: another `tether migrate` run still holds the migration lock after {} s; try again when it has finished, or raise --lock-timeout",
            timeout.as_secs()
        ))
        .into())
    }
    /// Runs one migration's SQL and `record` (the history insert), in one transaction where
    /// the database can roll DDL back.
    fn apply_in_transaction(&mut self, sql: &str, record: &str) -> Result<()>;

    /// Creates the history table if it does not exist yet.
    fn ensure_history(&mut self, table: HistoryTable) -> Result<()> {
        let dialect = self.dialect();
        if table == HistoryTable::Prisma {
            return self.execute(dialect.prisma_migrations_table());
        }
        let q = |s: &str| dialect.quote(s);
        let sql = format!(
            "CREATE TABLE IF NOT EXISTS {} ({} VARCHAR(255) NOT NULL PRIMARY KEY, {} VARCHAR(64) NOT NULL, {} VARCHAR(32) NOT NULL)",
            q(HISTORY_TABLE),
            q("migration_name"),
            q("checksum"),
            q("applied_at")
        );
        self.execute(&sql)
    }

    /// Migrations recorded by tether, and by Prisma Migrate if it was used on this database.
    fn applied(&mut self) -> Result<Vec<AppliedMigration>> {
        let tables = self.table_names()?;
        let dialect = self.dialect();
        let q = |s: &str| dialect.quote(s);
        let mut out = Vec::new();
        if tables.iter().any(|t| t == HISTORY_TABLE) {
            let sql = format!(
                "SELECT {}, {} FROM {} ORDER BY {}",
                q("migration_name"),
                q("checksum"),
                q(HISTORY_TABLE),
                q("migration_name")
            );
            for row in self.query(&sql)? {
                out.push(AppliedMigration {
                    name: row.get("migration_name")?.unwrap_or_default().to_owned(),
                    checksum: row.get("checksum")?.map(str::to_owned),
                    source: HISTORY_TABLE,
                });
            }
        }
        if tables.iter().any(|t| t == PRISMA_HISTORY_TABLE) {
            let sql = format!(
                "SELECT {}, {} FROM {} WHERE {} IS NOT NULL AND {} IS NULL ORDER BY {}",
                q("migration_name"),
                q("checksum"),
                q(PRISMA_HISTORY_TABLE),
                q("finished_at"),
                q("rolled_back_at"),
                q("migration_name")
            );
            for row in self.query(&sql)? {
                let name = row.get("migration_name")?.unwrap_or_default().to_owned();
                if !out.iter().any(|m: &AppliedMigration| m.name == name) {
                    out.push(AppliedMigration {
                        name,
                        checksum: row.get("checksum")?.map(str::to_owned),
                        source: PRISMA_HISTORY_TABLE,
                    });
                }
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// The statement that records a migration as applied in `table`: `checksum` is tether's
    /// (of the normalized text), `file_checksum` Prisma's (of the file's bytes).
    fn record_sql(&self, table: HistoryTable, m: &Recorded) -> String {
        let dialect = self.dialect();
        let q = |s: &str| dialect.quote(s);
        let text = |s: &str| dialect.string_literal(s);
        match table {
            HistoryTable::Tether => format!(
                "INSERT INTO {} ({}, {}, {}) VALUES ({}, {}, {})",
                q(HISTORY_TABLE),
                q("migration_name"),
                q("checksum"),
                q("applied_at"),
                text(&m.name),
                text(&m.checksum),
                text(&m.applied_at)
            ),
            HistoryTable::Prisma => format!(
                "INSERT INTO {} ({}, {}, {}, {}, {}, {}) VALUES ({}, {}, CURRENT_TIMESTAMP, {}, CURRENT_TIMESTAMP, 1)",
                q(PRISMA_HISTORY_TABLE),
                q("id"),
                q("checksum"),
                q("finished_at"),
                q("migration_name"),
                q("started_at"),
                q("applied_steps_count"),
                text(&prisma_row_id(&m.name, &m.applied_at)),
                text(&m.file_checksum),
                text(&m.name)
            ),
        }
    }

    /// The statement that takes a migration out of `table`: tether deletes its row, Prisma's
    /// table keeps the row marked `rolled_back_at`, as `prisma migrate resolve` does.
    fn forget_sql(&self, table: HistoryTable, name: &str) -> String {
        let dialect = self.dialect();
        let q = |s: &str| dialect.quote(s);
        match table {
            HistoryTable::Tether => format!(
                "DELETE FROM {} WHERE {} = {}",
                q(HISTORY_TABLE),
                q("migration_name"),
                dialect.string_literal(name)
            ),
            HistoryTable::Prisma => format!(
                "UPDATE {} SET {} = CURRENT_TIMESTAMP WHERE {} = {} AND {} IS NULL",
                q(PRISMA_HISTORY_TABLE),
                q("rolled_back_at"),
                q("migration_name"),
                dialect.string_literal(name),
                q("rolled_back_at")
            ),
        }
    }

    /// Runs a migration's statements one at a time outside any transaction, then `record`: for
    /// statements a transaction refuses (PostgreSQL's `CREATE INDEX CONCURRENTLY`). A failure
    /// leaves the statements before it applied and the migration unrecorded.
    fn apply_outside_transaction(&mut self, sql: &str, record: &str) -> Result<()> {
        for statement in split_statements(sql) {
            self.execute(statement)?;
        }
        self.execute(record)
    }

    /// Applies a migration and records it in `table`: in one transaction where the database
    /// can roll DDL back, unless `in_transaction` is false.
    fn apply_migration(
        &mut self,
        table: HistoryTable,
        m: &Recorded,
        sql: &str,
        in_transaction: bool,
    ) -> Result<()> {
        let record = self.record_sql(table, m);
        if in_transaction {
            self.apply_in_transaction(sql, &record)
        } else {
            self.apply_outside_transaction(sql, &record)
        }
    }

    /// Runs a migration's down script and takes it out of `table`.
    fn revert_migration(&mut self, table: HistoryTable, name: &str, down_sql: &str) -> Result<()> {
        let record = self.forget_sql(table, name);
        self.apply_in_transaction(down_sql, &record)
    }

    /// Records a migration as applied without running it (`migrate resolve --applied`).
    fn record_applied(&mut self, table: HistoryTable, m: &Recorded) -> Result<()> {
        self.ensure_history(table)?;
        let record = self.record_sql(table, m);
        self.execute(&record)
    }

    /// Takes a migration out of `table` without running anything (`--rolled-back`).
    fn forget(&mut self, table: HistoryTable, name: &str) -> Result<()> {
        let forget = self.forget_sql(table, name);
        self.execute(&forget)
    }
}

/// A migration as it is recorded in a history table (`Migration::recorded_now`).
pub struct Recorded {
    pub name: String,
    /// tether's checksum: SHA-256 of the text with `\r\n` read as `\n`.
    pub checksum: String,
    /// Prisma's: SHA-256 of the file's bytes.
    pub file_checksum: String,
    pub applied_at: String,
}

/// A SQL database's connection, inspection and history: what `connect` opens.
pub trait Driver: Connection + Inspect + History {}

impl<T: Connection + Inspect + History + ?Sized> Driver for T {}

/// Connects to `url`; the dialect comes from its scheme.
pub fn connect(url: &str, options: &ConnectOptions) -> Result<Box<dyn Driver>, ConnectError> {
    connect_to(&DatabaseUrl::parse(url)?, options)
}

pub use sqlite::RehearsalFailure;

/// Tries a new migration's scripts after the folder's `history`, where the database is embedded
/// and so can be tried here (SQLite, in memory); `None` for a server.
pub fn rehearse(
    provider: Provider,
    history: &[&str],
    scripts: &[(&str, &str)],
) -> Option<Result<(), RehearsalFailure>> {
    match provider {
        Provider::Sqlite => Some(sqlite::rehearse(history, scripts)),
        Provider::Postgresql | Provider::Mysql | Provider::Mongodb => None,
    }
}

/// `connect`, for a URL already taken apart.
pub fn connect_to(
    url: &DatabaseUrl,
    options: &ConnectOptions,
) -> Result<Box<dyn Driver>, ConnectError> {
    let result: Result<Box<dyn Driver>> = match url.provider {
        Provider::Postgresql => {
            postgres::PostgresDriver::connect(url, options).map(|d| Box::new(d) as Box<dyn Driver>)
        }
        Provider::Mysql => {
            mysql::MySqlDriver::connect(url, options).map(|d| Box::new(d) as Box<dyn Driver>)
        }
        Provider::Sqlite => {
            sqlite::SqliteDriver::connect(url, options).map(|d| Box::new(d) as Box<dyn Driver>)
        }
        Provider::Mongodb => Err(anyhow::anyhow!(
            "mongodb: not a SQL database (its commands go through `document/`)"
        )),
    };
    result.map_err(|e| ConnectError::from(e).redacted(url))
}

/// The dialect behind a URL, without connecting.
pub fn dialect_of(url: &str) -> Result<&'static dyn Dialect> {
    Ok(for_provider(connection::provider_of(url)?))
}

/// Drops tool tables and tables matching the user's ignore patterns (`*` wildcard).
pub fn without_ignored(mut schema: DbSchema, patterns: &[String]) -> DbSchema {
    schema.tables.retain(|t| {
        !TOOL_TABLES.contains(&t.name.as_str())
            && !patterns.iter().any(|p| wildcard_match(p, &t.name))
    });
    schema
}

fn wildcard_match(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            name.len() >= head.len() + tail.len()
                && name.starts_with(head)
                && wildcard_match_rest(tail, &name[head.len()..])
        }
    }
}

fn wildcard_match_rest(pattern: &str, name: &str) -> bool {
    if pattern.is_empty() {
        return true;
    }
    (0..=name.len())
        .filter(|&i| name.is_char_boundary(i))
        .any(|i| wildcard_match(pattern, &name[i..]))
}

/// The non-NULL values of one column, in row order.
fn column_values(rows: &[Row], column: &str) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.extend(row.get(column)?.map(str::to_owned));
    }
    Ok(out)
}

/// Splits `a\x1fb\x1fc` (our list separator inside catalog queries) into parts.
fn split_list(value: Option<&str>) -> Vec<String> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| v.split('\u{1f}').map(str::to_owned).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_patterns() {
        assert!(wildcard_match("audit_*", "audit_log"));
        assert!(wildcard_match("*_old", "users_old"));
        assert!(wildcard_match("a*c*e", "abcde"));
        assert!(!wildcard_match("audit_*", "users"));
        assert!(wildcard_match("users", "users"));
    }
}
