//! MySQL and MariaDB: information_schema queries, GET_LOCK, and migrations that are not
//! transactional (MySQL commits DDL implicitly).

use super::{Connection, History, Inspect, Row, column_values};
use crate::connection::tls::RootCert;
use crate::connection::{self, ConnectError, ConnectOptions, DatabaseUrl, TlsMode, TlsOptions};
use crate::relational::dialect::{Dialect, MySql, defaults};
use crate::relational::model::*;
use anyhow::{Result, anyhow, bail};
use mysql::prelude::Queryable;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

pub struct MySqlDriver {
    conn: mysql::Conn,
    round_trips: usize,
    /// MariaDB and MySQL 8 spell column defaults differently in information_schema.
    mariadb: bool,
}

// --- connect -------------------------------------------------------------------------------

impl MySqlDriver {
    pub fn connect(url: &DatabaseUrl, options: &ConnectOptions) -> Result<MySqlDriver> {
        let driver_url = url.driver_url.replacen("mariadb://", "mysql://", 1);
        let opts = mysql::Opts::from_url(&driver_url)
            .map_err(|e| ConnectError::InvalidUrl(format!("mysql: invalid URL: {e}")))?;
        let what = format!("mysql: cannot connect to {}", url.endpoint);
        // The socket's read timeout backs the server's statement timeout up.
        let read_timeout = options
            .statement_timeout
            .map(|t| t + Duration::from_secs(5));
        let builder = mysql::OptsBuilder::from_opts(opts)
            .tcp_connect_timeout(Some(options.connect_timeout))
            .read_timeout(read_timeout);
        let mode = url.tls.mode;
        // The mysql crate moves a local TCP connection to the server's Unix socket: not
        // where TLS was asked for.
        let builder = if mode >= TlsMode::Require {
            builder.prefer_socket(false)
        } else {
            builder
        };
        let ssl = ssl_opts(&url.tls).map_err(|e| e.prefixed(&what))?;
        let opening = what.clone();
        let conn = connection::within(options.connect_timeout, &what, move || {
            open(builder, mode, ssl).map_err(|e| connect_error(&e, &opening, mode))
        })?;
        let mut driver = MySqlDriver {
            conn,
            round_trips: 0,
            mariadb: false,
        };
        let identity = driver.query(IDENTITY)?;
        let (database, version) = match identity.first() {
            Some(row) => (row.get("current_database")?, row.get("server_version")?),
            None => (None, None),
        };
        if database.is_none() {
            bail!("mysql: the URL names no database (mysql://user@host:3306/DATABASE)");
        }
        driver.mariadb = version.is_some_and(|v| v.contains("MariaDB"));
        // The session's set-up in one round trip.
        let mut setup = Vec::new();
        if let Some(timeout) = options.statement_timeout {
            // MariaDB counts seconds for every statement; MySQL milliseconds, for SELECTs.
            setup.push(if driver.mariadb {
                format!("SET SESSION max_statement_time = {}", timeout.as_secs_f64())
            } else {
                format!("SET SESSION max_execution_time = {}", timeout.as_millis())
            });
        }
        if options.read_only {
            setup.push("START TRANSACTION READ ONLY".to_owned());
        }
        if !setup.is_empty() {
            let setup: Vec<&str> = setup.iter().map(String::as_str).collect();
            driver.query_batch(&setup)?;
        }
        Ok(driver)
    }
}

/// The mysql crate's TLS settings for `tls`: `None` for no TLS. MySQL's ssl-mode names map onto
/// libpq's modes (`connection::tls`).
fn ssl_opts(tls: &TlsOptions) -> Result<Option<mysql::SslOpts>, ConnectError> {
    if tls.mode == TlsMode::Disable {
        return Ok(None);
    }
    let mut ssl = mysql::SslOpts::default();
    if let Some((cert, key)) = &tls.client_cert {
        ssl = ssl.with_client_identity(Some(mysql::ClientIdentity::new(cert.clone(), key.clone())));
    }
    if !tls.mode.verifies_chain() {
        return Ok(Some(ssl.with_danger_accept_invalid_certs(true)));
    }
    match &tls.root_cert {
        Some(RootCert::File(path)) => {
            if !path.is_file() {
                return Err(ConnectError::Tls(format!(
                    "cannot read the CA file {}",
                    path.display()
                )));
            }
            ssl = ssl.with_root_cert_path(Some(path.clone()));
        }
        // The mysql crate always trusts the public web roots besides a given CA file.
        Some(RootCert::System) => {}
        None => {
            return Err(ConnectError::Tls(format!(
                "ssl-mode={} verifies the server's certificate but no CA was given: add ssl-ca=/path/to/ca.pem (your provider's CA bundle) or ssl-ca=system",
                if tls.mode == TlsMode::VerifyFull {
                    "VERIFY_IDENTITY"
                } else {
                    "VERIFY_CA"
                }
            )));
        }
    }
    Ok(Some(ssl.with_danger_skip_domain_validation(
        tls.mode != TlsMode::VerifyFull,
    )))
}

/// Connects in `mode`: `prefer` falls back to a plain connection when the server has no TLS or
/// the handshake fails (as the MySQL client's PREFERRED does), `allow` tries plain first and
/// TLS when the server refuses it.
fn open(
    builder: mysql::OptsBuilder,
    mode: TlsMode,
    ssl: Option<mysql::SslOpts>,
) -> Result<mysql::Conn, mysql::Error> {
    match mode {
        TlsMode::Allow => match mysql::Conn::new(builder.clone().ssl_opts(None)) {
            Err(mysql::Error::MySqlError(_)) => mysql::Conn::new(builder.ssl_opts(ssl)),
            result => result,
        },
        TlsMode::Prefer => match mysql::Conn::new(builder.clone().ssl_opts(ssl)) {
            Err(mysql::Error::DriverError(mysql::DriverError::TlsNotSupported)) => {
                mysql::Conn::new(builder.ssl_opts(None))
            }
            Err(e)
                if matches!(e, mysql::Error::TlsError(_))
                    || connection::tls::describe_failure(&e).is_some() =>
            {
                mysql::Conn::new(builder.ssl_opts(None))
            }
            result => result,
        },
        _ => mysql::Conn::new(builder.ssl_opts(ssl)),
    }
}

/// One line for a failed connection: where, and what went wrong, in words.
fn connect_error(e: &mysql::Error, what: &str, mode: TlsMode) -> ConnectError {
    let text = describe(e);
    let tls =
        matches!(e, mysql::Error::TlsError(_)) || connection::tls::describe_failure(e).is_some();
    if tls {
        return ConnectError::Tls(format!("{what}: {text}"));
    }
    match e {
        mysql::Error::DriverError(mysql::DriverError::TlsNotSupported) => {
            ConnectError::Tls(format!(
                "{what}: the server does not support TLS (ssl-mode={}); use ssl-mode=PREFERRED or DISABLED for a server without TLS",
                mysql_mode_name(mode)
            ))
        }
        // require_secure_transport=ON: MySQL says so (3159); MariaDB refuses the plain login
        // as if the password were wrong (1045).
        mysql::Error::MySqlError(server) if server.code == 3159 => ConnectError::Tls(format!(
            "{what}: the server accepts only TLS connections (ssl-mode={}): use ssl-mode=REQUIRED, or VERIFY_IDENTITY with ssl-ca ({text})",
            mysql_mode_name(mode)
        )),
        mysql::Error::MySqlError(server) if server.code == 1045 && mode == TlsMode::Disable => {
            ConnectError::Authentication(format!(
                "{what}: {text}; a server with require_secure_transport refuses plain logins like this, so if the login is right, drop ssl-mode=DISABLED"
            ))
        }
        _ => {
            let kind = classify(e).unwrap_or(ConnectError::Unreachable);
            kind(format!("{what}: {text}"))
        }
    }
}

fn mysql_mode_name(mode: TlsMode) -> &'static str {
    match mode {
        TlsMode::Disable => "DISABLED",
        TlsMode::Allow | TlsMode::Prefer => "PREFERRED",
        TlsMode::Require => "REQUIRED",
        TlsMode::VerifyCa => "VERIFY_CA",
        TlsMode::VerifyFull => "VERIFY_IDENTITY",
    }
}

/// A mysql crate error in words: never its debug form.
fn describe(e: &mysql::Error) -> String {
    match e {
        mysql::Error::MySqlError(server) => {
            format!(
                "{} (error {}, {})",
                server.message, server.code, server.state
            )
        }
        mysql::Error::TlsError(tls) => match tls {
            mysql::error::tls::TlsError::Tls(e) => connection::tls::describe_rustls(e),
            other => format!("TLS: {other}"),
        },
        mysql::Error::IoError(io) => match connection::tls::describe_failure(io) {
            Some(tls) => tls,
            None => io.to_string(),
        },
        mysql::Error::CodecError(codec) => match connection::tls::describe_failure(codec) {
            Some(tls) => tls,
            None if std::error::Error::source(codec).is_some() => codec.to_string(),
            None => format!(
                "the server does not speak the MySQL protocol ({codec}); is this a MySQL or MariaDB port?"
            ),
        },
        mysql::Error::DriverError(driver) => driver.to_string(),
        mysql::Error::UrlError(url) => url.to_string(),
        other => other.to_string(),
    }
}

/// The kind of failure, when the error says: a refused login, a missing privilege, an
/// unreachable or silent server.
fn classify(e: &mysql::Error) -> Option<fn(String) -> ConnectError> {
    match e {
        mysql::Error::MySqlError(e) => match e.code {
            1045 => Some(ConnectError::Authentication),
            1044 | 1142 => Some(ConnectError::Privileges),
            _ => None,
        },
        mysql::Error::DriverError(
            mysql::DriverError::ConnectTimeout | mysql::DriverError::Timeout,
        ) => Some(ConnectError::Timeout),
        mysql::Error::IoError(e) => ConnectError::io_kind(e),
        _ => None,
    }
}

/// A query's error, classified.
fn query_error(e: mysql::Error, message: String) -> anyhow::Error {
    match classify(&e) {
        Some(kind) => anyhow::Error::new(kind(message)),
        None => anyhow!(message),
    }
}

impl Connection for MySqlDriver {
    fn dialect(&self) -> &'static dyn Dialect {
        &MySql
    }

    /// One statement per round trip, so that a failed statement of a migration is named in its
    /// error (the read-only catalog queries go together, `query_batch`).
    fn execute(&mut self, sql: &str) -> Result<()> {
        for statement in crate::relational::script::split_statements(sql) {
            self.round_trips += 1;
            self.conn.query_drop(statement).map_err(|e| {
                let message = format!(
                    "mysql: {}\n  in statement: {}",
                    describe(&e),
                    statement.trim()
                );
                query_error(e, message)
            })?;
        }
        Ok(())
    }

    fn query(&mut self, sql: &str) -> Result<Vec<Row>> {
        Ok(self.query_batch(&[sql])?.pop().unwrap_or_default())
    }

    /// The queries as one multi-statement query: one round trip, one result set each.
    fn query_batch(&mut self, queries: &[&str]) -> Result<Vec<Vec<Row>>> {
        self.round_trips += 1;
        let failed = |e: mysql::Error| {
            let message = format!("mysql: {}", describe(&e));
            query_error(e, message)
        };
        let mut result = self.conn.query_iter(queries.join(";\n")).map_err(failed)?;
        let mut sets = Vec::new();
        while let Some(set) = result.iter() {
            let mut columns: Option<Arc<[String]>> = None;
            let mut rows = Vec::new();
            for row in set {
                let row = row.map_err(failed)?;
                let columns = columns
                    .get_or_insert_with(|| {
                        row.columns_ref()
                            .iter()
                            .map(|c| c.name_str().into_owned())
                            .collect()
                    })
                    .clone();
                rows.push(Row::new(
                    "mysql",
                    columns,
                    row.unwrap().into_iter().map(value_text).collect(),
                ));
            }
            sets.push(rows);
        }
        if sets.len() != queries.len() {
            return Err(anyhow!(
                "mysql: {} queries sent, {} answered",
                queries.len(),
                sets.len()
            ));
        }
        Ok(sets)
    }

    fn round_trips(&self) -> usize {
        self.round_trips
    }
}

// --- inspect -------------------------------------------------------------------------------

// The catalog queries, all in the URL's database (`DATABASE()`); every column has a name
// (`AS`), and rows are read by it.

/// The database the URL names, and the server's version (MariaDB says so in it).
const IDENTITY: &str = "SELECT DATABASE() AS current_database, VERSION() AS server_version";

/// The base tables, by name.
const TABLES: &str = "SELECT TABLE_NAME AS table_name FROM information_schema.TABLES \
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME";

/// Every column of every table, in table and column order.
const COLUMNS: &str = "SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name, \
     c.COLUMN_TYPE AS column_type, c.IS_NULLABLE AS is_nullable, c.COLUMN_DEFAULT AS column_default, \
     c.EXTRA AS extra \
     FROM information_schema.COLUMNS c \
     WHERE c.TABLE_SCHEMA = DATABASE() ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";

/// One row per indexed column (the primary key is the index `PRIMARY`), in index order.
const INDEXES: &str = "SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, NON_UNIQUE AS non_unique, \
     COLUMN_NAME AS column_name, COLLATION AS collation, SUB_PART AS sub_part, INDEX_TYPE AS index_type \
     FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() \
     ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

/// One row per foreign key column, with the key's rules (NULL when the user may not see them).
const FOREIGN_KEYS: &str = "SELECT k.TABLE_NAME AS table_name, k.CONSTRAINT_NAME AS constraint_name, \
     k.COLUMN_NAME AS column_name, k.REFERENCED_TABLE_NAME AS referenced_table, \
     k.REFERENCED_COLUMN_NAME AS referenced_column, r.DELETE_RULE AS delete_rule, r.UPDATE_RULE AS update_rule \
     FROM information_schema.KEY_COLUMN_USAGE k \
     LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r \
       ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME \
     WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL \
     ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION";

/// Check constraints: MariaDB stores JSON as LONGTEXT with a json_valid() check named after the
/// column.
const CHECKS: &str = "SELECT tc.TABLE_NAME AS table_name, cc.CHECK_CLAUSE AS check_clause \
     FROM information_schema.TABLE_CONSTRAINTS tc \
     JOIN information_schema.CHECK_CONSTRAINTS cc \
       ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME \
     WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'";

impl Inspect for MySqlDriver {
    fn inspect(&mut self) -> Result<DbSchema> {
        // One round trip for every catalog query.
        let [tables, columns, indexes, foreign_keys, checks] =
            <[Vec<Row>; 5]>::try_from(self.query_batch(&[
                TABLES,
                COLUMNS,
                INDEXES,
                FOREIGN_KEYS,
                CHECKS,
            ])?)
            .map_err(|_| anyhow!("mysql: the catalog queries were not all answered"))?;
        let tables = column_values(&tables, "table_name")?;
        assemble(tables, columns, indexes, foreign_keys, checks, self.mariadb)
    }

    fn table_names(&mut self) -> Result<Vec<String>> {
        let rows = self.query(TABLES)?;
        column_values(&rows, "table_name")
    }
}

// --- migrate -------------------------------------------------------------------------------

impl History for MySqlDriver {
    fn try_lock(&mut self) -> Result<bool> {
        let rows = self.query("SELECT GET_LOCK('tether_migrate', 0) AS got")?;
        Ok(rows.first().map(|r| r.get("got")).transpose()?.flatten() == Some("1"))
    }

    fn unlock(&mut self) -> Result<()> {
        self.query("SELECT RELEASE_LOCK('tether_migrate')")
            .map(|_| ())
    }

    /// DDL commits implicitly on MySQL: the migration runs, then it is recorded. A failure in
    /// the middle leaves the statements before it applied and the migration unrecorded.
    fn apply_in_transaction(&mut self, sql: &str, record: &str) -> Result<()> {
        self.execute(sql)?;
        self.execute(record)
    }
}

fn value_text(v: mysql::Value) -> Option<String> {
    match v {
        mysql::Value::NULL => None,
        mysql::Value::Bytes(b) => Some(String::from_utf8_lossy(&b).into_owned()),
        mysql::Value::Int(i) => Some(i.to_string()),
        mysql::Value::UInt(u) => Some(u.to_string()),
        mysql::Value::Float(f) => Some(f.to_string()),
        mysql::Value::Double(f) => Some(f.to_string()),
        other => Some(format!("{other:?}")),
    }
}

/// The catalog's rows, one kind of object at a time, into the model.
fn assemble(
    tables: Vec<String>,
    columns: Vec<Row>,
    indexes: Vec<Row>,
    foreign_keys: Vec<Row>,
    checks: Vec<Row>,
    mariadb: bool,
) -> Result<DbSchema> {
    let mut schema = DbSchema::default();
    let mut by_name: BTreeMap<String, Table> =
        tables.iter().map(|t| (t.clone(), Table::new(t))).collect();
    let json = json_columns(&checks);
    assemble_columns(&mut schema, &mut by_name, columns, &json, mariadb)?;
    let fk_columns = assemble_foreign_keys(&mut by_name, &foreign_keys)?;
    assemble_indexes(&mut by_name, indexes)?;
    drop_implicit_foreign_key_indexes(&mut by_name, &fk_columns);
    schema.tables = tables.iter().filter_map(|t| by_name.remove(t)).collect();
    Ok(schema)
}

/// MariaDB stores JSON as LONGTEXT with a `json_valid` check: (table, column) of each.
fn json_columns(checks: &[Row]) -> Vec<(String, String)> {
    checks
        .iter()
        .filter_map(|r| {
            let clause = r.get("check_clause").ok().flatten()?;
            let column = clause
                .strip_prefix("json_valid(`")?
                .split('`')
                .next()?
                .to_owned();
            Some((r.get("table_name").ok().flatten()?.to_owned(), column))
        })
        .collect()
}

fn assemble_columns(
    schema: &mut DbSchema,
    by_name: &mut BTreeMap<String, Table>,
    columns: Vec<Row>,
    json_columns: &[(String, String)],
    mariadb: bool,
) -> Result<()> {
    let d = &MySql;
    for row in columns {
        let table = row.text("table_name")?;
        let Some(t) = by_name.get_mut(&table) else {
            continue;
        };
        let name = row.text("column_name")?;
        let column_type = row.text("column_type")?;
        let ty = if let Some(values) = enum_values(&column_type) {
            let enum_name = format!("{table}_{name}");
            schema.enums.push(DbEnum {
                name: enum_name.clone(),
                values,
                namespace: None,
            });
            ColumnType::Enum(enum_name)
        } else if column_type.eq_ignore_ascii_case("longtext")
            && json_columns.iter().any(|(t, c)| t == &table && c == &name)
        {
            ColumnType::Native(d.types().parse("JSON").0)
        } else {
            ColumnType::Native(d.types().parse(&column_type).0)
        };
        let extra = row.get("extra")?.unwrap_or_default().to_ascii_lowercase();
        let default = row
            .get("column_default")?
            .and_then(|raw| normalize_default(raw, &ty, &extra, mariadb))
            .map(|sql| defaults::from_sql(d, &sql, ty.family()));
        t.columns.push(Column {
            name,
            ty,
            array: false,
            nullable: row.get("is_nullable")? == Some("YES"),
            default,
            autoincrement: extra.contains("auto_increment"),
        });
    }
    Ok(())
}

/// Foreign keys, one row per column; returns each key's columns by (table, constraint name).
fn assemble_foreign_keys(
    by_name: &mut BTreeMap<String, Table>,
    foreign_keys: &[Row],
) -> Result<BTreeMap<(String, String), Vec<String>>> {
    let mut fk_names: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for row in foreign_keys {
        let (table, name) = (row.text("table_name")?, row.text("constraint_name")?);
        if row.get("delete_rule")?.is_none() {
            return Err(ConnectError::Privileges(format!(
                "mysql: this user can see foreign key `{name}` but not its ON DELETE/ON UPDATE rules \
                 (information_schema.REFERENTIAL_CONSTRAINTS is hidden from SELECT-only users); \
                 grant the read-only REFERENCES privilege: GRANT SELECT, REFERENCES ON <database>.* TO <user>"
            ))
            .into());
        }
        let Some(t) = by_name.get_mut(&table) else {
            continue;
        };
        let column = row.text("column_name")?;
        fk_names
            .entry((table.clone(), name.clone()))
            .or_default()
            .push(column.clone());
        match t.foreign_keys.iter_mut().find(|f| f.name == name) {
            Some(fk) => {
                fk.columns.push(column);
                fk.referenced_columns.push(row.text("referenced_column")?);
            }
            None => t.foreign_keys.push(ForeignKey {
                name,
                columns: vec![column],
                referenced_table: row.text("referenced_table")?,
                referenced_columns: vec![row.text("referenced_column")?],
                on_delete: action(row.get("delete_rule")?),
                on_update: action(row.get("update_rule")?),
            }),
        }
    }
    Ok(fk_names)
}

/// Indexes and the primary key, one row per column.
fn assemble_indexes(by_name: &mut BTreeMap<String, Table>, indexes: Vec<Row>) -> Result<()> {
    for row in indexes {
        let table = row.text("table_name")?;
        let Some(t) = by_name.get_mut(&table) else {
            continue;
        };
        let name = row.text("index_name")?;
        let column = IndexColumn {
            name: row.text("column_name")?,
            descending: row.get("collation")? == Some("D"),
            length: row.get("sub_part")?.and_then(|l| l.parse().ok()),
            ops: None,
            default_ops: false,
        };
        if name == "PRIMARY" {
            t.primary_key
                .get_or_insert_with(|| PrimaryKey {
                    name: None,
                    columns: Vec::new(),
                })
                .columns
                .push(column.name);
            continue;
        }
        let index_type = row
            .get("index_type")?
            .unwrap_or_default()
            .to_ascii_uppercase();
        match t.indexes.iter_mut().find(|i| i.name == name) {
            Some(index) => index.columns.push(column),
            None => t.indexes.push(Index {
                name,
                kind: if index_type == "FULLTEXT" {
                    IndexKind::Fulltext
                } else if row.get("non_unique")? == Some("0") {
                    IndexKind::Unique
                } else {
                    IndexKind::Normal
                },
                columns: vec![column],
                algorithm: (index_type == "HASH").then(|| "HASH".to_owned()),
            }),
        }
    }
    Ok(())
}

fn drop_implicit_foreign_key_indexes(
    by_name: &mut BTreeMap<String, Table>,
    fk_names: &BTreeMap<(String, String), Vec<String>>,
) {
    // MySQL creates an index for a foreign key that has none, named after the constraint;
    // Prisma's schema does not declare it, so it is not drift.
    for t in by_name.values_mut() {
        let table = t.name.clone();
        t.indexes.retain(|i| {
            let implicit = i.kind == IndexKind::Normal
                && fk_names
                    .get(&(table.clone(), i.name.clone()))
                    .is_some_and(|cols| i.columns.iter().map(|c| &c.name).eq(cols.iter()));
            !implicit
        });
    }
}

/// Catalog defaults differ: MariaDB quotes string literals and writes expressions bare
/// (`'text'`, `current_timestamp(3)`, `uuid()`, and `NULL` for none); MySQL 8 writes string
/// literals bare and marks expressions `DEFAULT_GENERATED` in EXTRA. Both become SQL as a
/// migration would write it.
fn normalize_default(raw: &str, ty: &ColumnType, extra: &str, mariadb: bool) -> Option<String> {
    if raw.eq_ignore_ascii_case("NULL") && mariadb {
        return None;
    }
    // A BIT column's default is a bit literal (`b'1'`); migrations write the number it is.
    if let Some(bits) = raw.strip_prefix("b'").and_then(|r| r.strip_suffix('\''))
        && let Ok(value) = u64::from_str_radix(bits, 2)
    {
        return Some(value.to_string());
    }
    if ty.family() == Some(TypeFamily::Boolean) {
        match raw.trim_matches('\'') {
            "0" => return Some("false".to_owned()),
            "1" => return Some("true".to_owned()),
            _ => {}
        }
    }
    let textual = match ty {
        ColumnType::Enum(_) => true,
        ColumnType::Native(t) => [
            "CHAR",
            "VARCHAR",
            "TEXT",
            "TINYTEXT",
            "MEDIUMTEXT",
            "LONGTEXT",
            "JSON",
            "DATE",
            "TIME",
        ]
        .iter()
        .any(|p| t.name.starts_with(p)),
    };
    let bare_is_literal = !mariadb && textual && !extra.contains("default_generated");
    Some(if bare_is_literal {
        MySql.string_literal(raw)
    } else {
        raw.to_owned()
    })
}

fn enum_values(column_type: &str) -> Option<Vec<String>> {
    let inner = column_type
        .strip_prefix("enum(")
        .or_else(|| column_type.strip_prefix("ENUM("))?
        .strip_suffix(')')?;
    let mut values = Vec::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut value = String::new();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    value.push('\'');
                } else {
                    break;
                }
            } else {
                value.push(c);
            }
        }
        values.push(value);
    }
    Some(values)
}

fn action(rule: Option<&str>) -> ReferentialAction {
    match rule {
        Some("CASCADE") => ReferentialAction::Cascade,
        Some("RESTRICT") => ReferentialAction::Restrict,
        Some("SET NULL") => ReferentialAction::SetNull,
        Some("SET DEFAULT") => ReferentialAction::SetDefault,
        _ => ReferentialAction::NoAction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_values_from_column_type() {
        assert_eq!(enum_values("enum('A','it''s')").unwrap(), vec!["A", "it's"]);
        assert!(enum_values("varchar(191)").is_none());
    }
}
