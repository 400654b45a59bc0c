//! SQLite: the stored CREATE statements in `sqlite_master`, replayed with sqlparser; migrations
//! under one IMMEDIATE transaction (the lock) with foreign keys off, each a savepoint checked
//! before it is released.

use super::{Connection, History, Inspect, Row, column_values};
use crate::connection::{ConnectError, ConnectOptions, DatabaseUrl};
use crate::relational::dialect::{Dialect, Sqlite};
use crate::relational::model::DbSchema;
use crate::relational::replay;
use anyhow::{Result, anyhow, bail};
use rusqlite::OpenFlags;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct SqliteDriver {
    conn: rusqlite::Connection,
    path: PathBuf,
    round_trips: usize,
    /// Inside `lock`'s IMMEDIATE transaction.
    locked: bool,
    /// How long a statement waits for another connection's write lock.
    busy_timeout: std::time::Duration,
}

// --- connect -------------------------------------------------------------------------------

impl SqliteDriver {
    pub fn connect(url: &DatabaseUrl, options: &ConnectOptions) -> Result<SqliteDriver> {
        let url = &url.url;
        let path = PathBuf::from(file_path(url));
        if path.as_os_str().is_empty() {
            return Err(ConnectError::InvalidUrl(format!(
                "sqlite: URL `{url}` names no file (use sqlite:./dev.db or file:./dev.db)"
            ))
            .into());
        }
        let flags = if options.read_only {
            if !path.exists() {
                bail!("sqlite: database file {} does not exist", path.display());
            }
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = rusqlite::Connection::open_with_flags(&path, flags)
            .map_err(|e| anyhow!("sqlite: cannot open {}: {e}", path.display()))?;
        conn.busy_timeout(options.connect_timeout)
            .map_err(|e| anyhow!("sqlite: {e}"))?;
        Ok(SqliteDriver {
            conn,
            path,
            round_trips: 0,
            locked: false,
            busy_timeout: options.connect_timeout,
        })
    }
}

/// `sqlite:./dev.db`, `sqlite://./dev.db`, `file:./dev.db?mode=ro` -> `./dev.db`.
fn file_path(url: &str) -> &str {
    let rest = url
        .strip_prefix("sqlite:")
        .or_else(|| url.strip_prefix("file:"))
        .unwrap_or(url);
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    rest.split('?').next().unwrap_or(rest)
}

impl Connection for SqliteDriver {
    fn dialect(&self) -> &'static dyn Dialect {
        &Sqlite
    }

    fn execute(&mut self, sql: &str) -> Result<()> {
        self.round_trips += 1;
        self.conn
            .execute_batch(sql)
            .map_err(|e| anyhow!("sqlite: {}: {e}", self.path.display()))
    }

    fn query(&mut self, sql: &str) -> Result<Vec<Row>> {
        self.round_trips += 1;
        let map_err = |e: rusqlite::Error| anyhow!("sqlite: {e}");
        let mut stmt = self.conn.prepare(sql).map_err(map_err)?;
        let width = stmt.column_count();
        let columns: Arc<[String]> = stmt.column_names().into_iter().map(str::to_owned).collect();
        let rows = stmt
            .query_map([], |row| {
                let values = (0..width)
                    .map(|i| {
                        Ok(match row.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => None,
                            rusqlite::types::ValueRef::Integer(v) => Some(v.to_string()),
                            rusqlite::types::ValueRef::Real(v) => Some(v.to_string()),
                            rusqlite::types::ValueRef::Text(t)
                            | rusqlite::types::ValueRef::Blob(t) => {
                                Some(String::from_utf8_lossy(t).into_owned())
                            }
                        })
                    })
                    .collect::<rusqlite::Result<Vec<Option<String>>>>()?;
                Ok(Row::new("sqlite", columns.clone(), values))
            })
            .map_err(map_err)?;
        rows.collect::<rusqlite::Result<Vec<Row>>>()
            .map_err(map_err)
    }

    fn round_trips(&self) -> usize {
        self.round_trips
    }
}

// --- inspect -------------------------------------------------------------------------------

/// Every table's and index's stored CREATE statement, tables first, in creation order.
const SCHEMA: &str = "SELECT type, name, sql FROM sqlite_master \
     WHERE sql IS NOT NULL AND type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' \
     ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid";

/// The tables, by name.
const TABLES: &str = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

impl Inspect for SqliteDriver {
    /// SQLite keeps each table's and index's CREATE statement; replaying them gives exactly the
    /// model a migration folder replays to. One query.
    fn inspect(&mut self) -> Result<DbSchema> {
        let rows = self.query(SCHEMA)?;
        let mut schema = DbSchema::default();
        let origin = Path::new("sqlite_master");
        for row in rows {
            let sql = row.get("sql")?.unwrap_or_default();
            replay::apply_sql(&mut schema, sql, origin, &Sqlite)?;
        }
        Ok(schema)
    }

    fn table_names(&mut self) -> Result<Vec<String>> {
        let rows = self.query(TABLES)?;
        column_values(&rows, "name")
    }
}

// --- migrate -------------------------------------------------------------------------------

impl History for SqliteDriver {
    /// The lock is an IMMEDIATE transaction (SQLite's write lock) held from before the history
    /// is read until every pending migration is applied: a second run waits for it (up to the
    /// busy timeout), then reads a history that holds the first run's migrations. Foreign keys
    /// go off *before* it (SQLite ignores the pragma inside a transaction), so that rebuilding
    /// or dropping a table does not cascade into its children.
    /// The lock is the write lock of an IMMEDIATE transaction: taken at once or not at all.
    fn try_lock(&mut self) -> Result<bool> {
        self.execute("PRAGMA foreign_keys=OFF")?;
        self.conn
            .busy_timeout(std::time::Duration::ZERO)
            .map_err(|e| anyhow!("sqlite: {e}"))?;
        self.round_trips += 1;
        let begun = self.conn.execute_batch("BEGIN IMMEDIATE");
        self.conn
            .busy_timeout(self.busy_timeout)
            .map_err(|e| anyhow!("sqlite: {e}"))?;
        match begun {
            Ok(()) => {
                self.locked = true;
                Ok(true)
            }
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy =>
            {
                Ok(false)
            }
            Err(e) => Err(anyhow!("sqlite: {e}")),
        }
    }

    /// Commits what the locked work applied (a failed migration was rolled back to its
    /// savepoint already), and turns foreign keys back on.
    fn unlock(&mut self) -> Result<()> {
        if !std::mem::take(&mut self.locked) {
            return Ok(());
        }
        match self.execute("COMMIT") {
            Ok(()) => self.execute("PRAGMA foreign_keys=ON"),
            Err(e) => {
                let _ = self.execute("ROLLBACK; PRAGMA foreign_keys=ON");
                Err(e)
            }
        }
    }

    /// Each migration is a savepoint inside the lock's transaction (its own IMMEDIATE
    /// transaction when no lock is held); foreign key violations are checked before it is
    /// released.
    /// Nothing SQLite runs refuses a transaction, and the migration lock is one already: the
    /// no-transaction marker changes nothing here, and a migration stays all or nothing.
    fn apply_outside_transaction(&mut self, sql: &str, record: &str) -> Result<()> {
        self.apply_in_transaction(sql, record)
    }

    fn apply_in_transaction(&mut self, sql: &str, record: &str) -> Result<()> {
        let (begin, commit, rollback) = if self.locked {
            (
                "SAVEPOINT tether_migration",
                "RELEASE tether_migration",
                "ROLLBACK TO tether_migration; RELEASE tether_migration",
            )
        } else {
            (
                "PRAGMA foreign_keys=OFF; BEGIN IMMEDIATE",
                "COMMIT; PRAGMA foreign_keys=ON",
                "ROLLBACK; PRAGMA foreign_keys=ON",
            )
        };
        self.execute(begin)?;
        let result = self.execute(sql).and_then(|_| {
            let violations = self.query("PRAGMA foreign_key_check")?;
            if let Some(v) = violations.first() {
                bail!(
                    "sqlite: the migration leaves {} row(s) violating foreign keys (first: table {}, rowid {})",
                    violations.len(),
                    v.get("table")?.unwrap_or_default(),
                    v.get("rowid")?.unwrap_or_default()
                );
            }
            self.execute(record)
        });
        match result {
            Ok(()) => self.execute(commit),
            Err(e) => {
                let _ = self.execute(rollback);
                Err(e)
            }
        }
    }
}

// --- rehearse ------------------------------------------------------------------------------

/// A statement of a new migration that SQLite refused.
#[derive(Debug, Clone, PartialEq)]
pub struct RehearsalFailure {
    /// Which script (`migration.sql`, `down.sql`) of the new migration.
    pub script: String,
    pub statement: String,
    pub message: String,
}

/// SQLite is embedded, so a new migration can be tried before it is written: `history` (the
/// folder's migrations, which applied before) and then the new `scripts`, statement by
/// statement, on an empty in-memory database.
/// `Ok` also where the history itself does not apply here (it may need data or settings this
/// rehearsal does not have): then nothing can be said of the new scripts.
pub fn rehearse(history: &[&str], scripts: &[(&str, &str)]) -> Result<(), RehearsalFailure> {
    let Ok(conn) = rusqlite::Connection::open_in_memory() else {
        return Ok(());
    };
    if history.iter().any(|sql| conn.execute_batch(sql).is_err()) {
        return Ok(());
    }
    for (script, sql) in scripts {
        for statement in crate::relational::script::split_statements(sql) {
            let code = statement
                .lines()
                .filter(|l| !l.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n");
            if code.trim().is_empty() {
                continue;
            }
            if let Err(e) = conn.execute_batch(statement) {
                return Err(RehearsalFailure {
                    script: (*script).to_owned(),
                    statement: code.trim().to_owned(),
                    message: e.to_string(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_paths_from_urls() {
        assert_eq!(super::file_path("sqlite:./dev.db"), "./dev.db");
        assert_eq!(super::file_path("file:dev.db?mode=ro"), "dev.db");
        assert_eq!(super::file_path("sqlite:///tmp/x.db"), "/tmp/x.db");
    }
}
