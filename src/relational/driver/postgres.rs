//! PostgreSQL: catalog queries (pg_catalog), advisory lock, transactional migrations.

use super::{Connection, History, Inspect, Row, column_values, split_list};
use crate::connection::postgres_tls::RustlsConnector;
use crate::connection::{self, ConnectError, ConnectOptions, DatabaseUrl, TlsMode};
use crate::relational::dialect::{Dialect, Postgres, defaults};
use crate::relational::model::*;
use anyhow::{Result, anyhow};
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;

/// Arbitrary but fixed: `migrate apply` runs hold this advisory lock.
const LOCK_KEY: i64 = 7_270_736_901;

pub struct PostgresDriver {
    client: postgres::Client,
    schema: String,
    round_trips: usize,
}

// --- connect -------------------------------------------------------------------------------

impl PostgresDriver {
    pub fn connect(url: &DatabaseUrl, options: &ConnectOptions) -> Result<PostgresDriver> {
        let schema = url
            .db_schema(options)
            .unwrap_or_else(|| "public".to_owned());
        let config = postgres::Config::from_str(&url.driver_url).map_err(|e| {
            ConnectError::InvalidUrl(format!("postgres: invalid URL: {}", describe(&e)))
        })?;
        let what = format!("postgres: cannot connect to {}", url.endpoint);
        let mode = url.tls.mode;
        let connector = match mode {
            TlsMode::Disable => None,
            _ => {
                let alpn = url.tls.direct.then_some(b"postgresql".as_slice());
                let config = url.tls.client_config(alpn).map_err(|e| e.prefixed(&what))?;
                Some(RustlsConnector::new(config))
            }
        };
        let direct = url.tls.direct;
        let opening = what.clone();
        let client = connection::within(options.connect_timeout, &what, move || {
            open(config, mode, direct, connector).map_err(|e| connect_error(&e, &opening, mode))
        })?;
        let mut driver = PostgresDriver {
            client,
            schema,
            round_trips: 0,
        };
        let mut setup = format!("SET search_path TO {}", Postgres.quote(&driver.schema));
        if let Some(timeout) = options.statement_timeout {
            setup.push_str(&format!(
                "; SET statement_timeout = {}",
                timeout.as_millis()
            ));
        }
        if options.read_only {
            setup.push_str("; BEGIN TRANSACTION READ ONLY");
        }
        driver.execute(&setup)?;
        Ok(driver)
    }
}

/// Connects in `mode` (libpq's rules: `connection::tls`), with `connector` for TLS (`None`
/// only for `disable`).
fn open(
    mut config: postgres::Config,
    mode: TlsMode,
    direct: bool,
    connector: Option<RustlsConnector>,
) -> Result<postgres::Client, postgres::Error> {
    use postgres::config::{Host, SslMode, SslNegotiation};
    // libpq ignores sslmode on Unix sockets: they carry no TLS.
    let sockets_only = config
        .get_hosts()
        .iter()
        .all(|h| matches!(h, Host::Unix(_)));
    if direct {
        config.ssl_negotiation(SslNegotiation::Direct);
    }
    let (ssl, fallback) = match (mode, connector) {
        (TlsMode::Disable, _) | (_, None) => (SslMode::Disable, None),
        _ if sockets_only => (SslMode::Disable, None),
        (TlsMode::Allow, Some(connector)) => (SslMode::Disable, Some(connector)),
        // libpq's `prefer`: TLS when the server offers it, and a plain connection when the
        // handshake fails (a server whose TLS rustls does not speak, such as TLS 1.0 only).
        (TlsMode::Prefer, Some(connector)) => {
            config.ssl_mode(SslMode::Prefer);
            return match config.connect(connector) {
                Err(e) if connection::tls::describe_failure(&e).is_some() => {
                    config.ssl_mode(SslMode::Disable);
                    config.connect(postgres::NoTls)
                }
                result => result,
            };
        }
        (_, Some(connector)) => {
            config.ssl_mode(SslMode::Require);
            return config.connect(connector);
        }
    };
    config.ssl_mode(ssl);
    match (config.connect(postgres::NoTls), fallback) {
        // `allow`: a server that refuses the plain connection gets an unverified TLS one.
        (Err(e), Some(connector)) if e.as_db_error().is_some() => {
            config.ssl_mode(SslMode::Require);
            config.connect(connector)
        }
        (result, _) => result,
    }
}

/// One line for a failed connection: where, and what went wrong, in words.
fn connect_error(e: &postgres::Error, what: &str, mode: TlsMode) -> ConnectError {
    if let Some(problem) = connection::tls::describe_failure(e) {
        return ConnectError::Tls(format!("{what}: {problem}"));
    }
    let text = describe(e);
    if text.contains("server does not support TLS") {
        return ConnectError::Tls(format!(
            "{what}: the server does not support TLS (sslmode={}); use sslmode=prefer or disable for a server without TLS",
            mode.name()
        ));
    }
    if let Some(db) = e.as_db_error()
        && db.code().code() == "28000"
        && db.message().contains("no encryption")
    {
        return ConnectError::Tls(format!(
            "{what}: the server accepts only TLS connections (sslmode={}): use sslmode=require, or verify-full with sslrootcert ({text})",
            mode.name()
        ));
    }
    let kind = classify(e).unwrap_or(ConnectError::Unreachable);
    kind(format!("{what}: {text}"))
}

/// The kind of failure, when the error says: a refused login, a missing privilege, an
/// unreachable or silent server.
fn classify(e: &postgres::Error) -> Option<fn(String) -> ConnectError> {
    if let Some(db) = e.as_db_error() {
        return match db.code().code() {
            "28P01" | "28000" => Some(ConnectError::Authentication),
            "42501" => Some(ConnectError::Privileges),
            _ => None,
        };
    }
    ConnectError::io_kind(e)
}

/// A query's error, classified.
fn query_error(e: postgres::Error) -> anyhow::Error {
    let message = format!("postgres: {}", describe(&e));
    match classify(&e) {
        Some(kind) => anyhow::Error::new(kind(message)),
        None => anyhow!(message),
    }
}

/// One line for the common failures: unreachable, refused login, missing database.
fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        // One transaction takes a lock per object it creates; a very large migration can
        // exceed PostgreSQL's lock table.
        let hint = if db.code().code() == "53200" {
            "; the migration touches more objects than one transaction may lock: raise max_locks_per_transaction on the server, or split the migration"
        } else {
            ""
        };
        return format!("{} ({}){hint}", db.message(), db.code().code());
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    text
}

impl Connection for PostgresDriver {
    fn dialect(&self) -> &'static dyn Dialect {
        &Postgres
    }

    fn execute(&mut self, sql: &str) -> Result<()> {
        self.round_trips += 1;
        self.client.batch_execute(sql).map_err(query_error)
    }

    fn query(&mut self, sql: &str) -> Result<Vec<Row>> {
        Ok(self.query_batch(&[sql])?.pop().unwrap_or_default())
    }

    /// The queries as one simple-query message: one round trip, the rows of each statement
    /// ending at its CommandComplete.
    fn query_batch(&mut self, queries: &[&str]) -> Result<Vec<Vec<Row>>> {
        self.round_trips += 1;
        let messages = self
            .client
            .simple_query(&queries.join(";\n"))
            .map_err(query_error)?;
        let mut results = Vec::new();
        let mut columns: Option<Arc<[String]>> = None;
        let mut rows = Vec::new();
        for message in messages {
            match message {
                postgres::SimpleQueryMessage::Row(row) => {
                    let columns = columns
                        .get_or_insert_with(|| {
                            row.columns().iter().map(|c| c.name().to_owned()).collect()
                        })
                        .clone();
                    let values = (0..row.len())
                        .map(|i| row.get(i).map(str::to_owned))
                        .collect();
                    rows.push(Row::new("postgres", columns, values));
                }
                postgres::SimpleQueryMessage::CommandComplete(_) => {
                    results.push(std::mem::take(&mut rows));
                    columns = None;
                }
                _ => {}
            }
        }
        if results.len() != queries.len() {
            return Err(anyhow!(
                "postgres: {} queries sent, {} answered",
                queries.len(),
                results.len()
            ));
        }
        Ok(results)
    }

    fn round_trips(&self) -> usize {
        self.round_trips
    }
}

// --- inspect -------------------------------------------------------------------------------

// The catalog queries. `{namespace}` stands for the test of a schema's name (`= 'public'`, or
// `LIKE 'tenant!_%' ESCAPE '!'` for tenant schemas); every column has a name (`AS`), and rows are
// read by it. Each query says the schema of each row, so one query serves many schemas.

/// The tables of the schema, by name; not those an extension owns (PostGIS's
/// `spatial_ref_sys`): they are the extension's, not the user's.
const TABLES: &str = "SELECT c.relname::text AS table_name, n.nspname::text AS schema_name \
     FROM pg_catalog.pg_class c \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname {namespace} AND c.relkind IN ('r', 'p') \
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.classid = 'pg_catalog.pg_class'::regclass \
       AND dep.objid = c.oid AND dep.deptype = 'e') \
     ORDER BY c.relname";

/// The extensions installed in the database (extensions are database-wide).
const EXTENSIONS: &str = "SELECT e.extname::text AS name, e.extversion::text AS version, \
     n.nspname::text AS schema_name \
     FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace \
     ORDER BY e.extname";

/// Every column of every table, in table and column order.
const COLUMNS: &str = "SELECT n.nspname::text AS schema_name, c.relname AS table_name, a.attname AS column_name, \
     format_type(a.atttypid, a.atttypmod) AS formatted_type, a.attnotnull::text AS not_null, \
     pg_get_expr(d.adbin, d.adrelid) AS default_expr, \
     (CASE WHEN t.typcategory = 'A' THEN et.typtype ELSE t.typtype END)::text AS type_kind, \
     (t.typcategory = 'A')::text AS is_array, \
     (CASE WHEN t.typcategory = 'A' THEN et.typname ELSE t.typname END)::text AS type_name \
     FROM pg_catalog.pg_attribute a \
     JOIN pg_catalog.pg_class c ON c.oid = a.attrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_catalog.pg_type t ON t.oid = a.atttypid \
     LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem \
     LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
     WHERE n.nspname {namespace} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped \
     ORDER BY c.relname, a.attnum";

/// Every enum value, in enum and declaration order; not an extension's enums.
const ENUMS: &str = "SELECT n.nspname::text AS schema_name, t.typname::text AS enum_name, e.enumlabel::text AS value \
     FROM pg_catalog.pg_enum e \
     JOIN pg_catalog.pg_type t ON t.oid = e.enumtypid \
     JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
     WHERE n.nspname {namespace} \
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.classid = 'pg_catalog.pg_type'::regclass \
       AND dep.objid = t.oid AND dep.deptype = 'e') \
     ORDER BY t.typname, e.enumsortorder";

/// Primary and foreign keys; column lists joined by `\x1f`.
const CONSTRAINTS: &str = "SELECT n.nspname::text AS schema_name, cl.relname::text AS table_name, con.conname::text AS constraint_name, \
     con.contype::text AS kind, \
     array_to_string(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord) \
       JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord), E'\\x1f') AS columns, \
     ref.relname::text AS referenced_table, \
     array_to_string(ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord) \
       JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord), E'\\x1f') AS referenced_columns, \
     con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update \
     FROM pg_catalog.pg_constraint con \
     JOIN pg_catalog.pg_class cl ON cl.oid = con.conrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace \
     LEFT JOIN pg_catalog.pg_class ref ON ref.oid = con.confrelid \
     WHERE n.nspname {namespace} AND con.contype IN ('p', 'f') ORDER BY cl.relname, con.conname";

/// Indexes but primary keys; columns joined by `\x1f`, a descending one marked `\x1eDESC`, an
/// operator class that is not the type's default one for the method after `\x1d`.
const INDEXES: &str = "SELECT n.nspname::text AS schema_name, t.relname::text AS table_name, i.relname::text AS index_name, \
     ix.indisunique::text AS is_unique, am.amname::text AS method, \
     array_to_string(ARRAY(SELECT a.attname || CASE WHEN ix.indoption[k.ord - 1] & 1 = 1 THEN E'\\x1eDESC' ELSE '' END \
       || COALESCE((SELECT E'\\x1d' || o.opcname::text FROM pg_catalog.pg_opclass o \
            WHERE o.oid = ix.indclass[k.ord - 1] AND NOT o.opcdefault), '') \
       FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord) \
       JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord), E'\\x1f') AS columns \
     FROM pg_catalog.pg_index ix \
     JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid \
     JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace \
     JOIN pg_catalog.pg_am am ON am.oid = i.relam \
     WHERE n.nspname {namespace} AND NOT ix.indisprimary ORDER BY t.relname, i.relname";

/// The schemas whose names match a tenant pattern.
const SCHEMAS: &str = "SELECT n.nspname::text AS schema_name FROM pg_catalog.pg_namespace n \
     WHERE n.nspname {namespace} ORDER BY n.nspname";

fn in_namespace(query: &str, namespace_literal: &str) -> String {
    query.replace("{namespace}", &format!("= {namespace_literal}"))
}

/// `tenant_*` as a `LIKE` test: `*` matches anything, every other character only itself.
fn like_test(pattern: &str) -> String {
    let mut like = String::new();
    for c in pattern.chars() {
        match c {
            '*' => like.push('%'),
            '!' | '%' | '_' => {
                like.push('!');
                like.push(c);
            }
            c => like.push(c),
        }
    }
    format!("LIKE {} ESCAPE '!'", Postgres.string_literal(&like))
}

/// The rows of every catalog query, for the schemas a name test selects.
struct CatalogRows {
    schemas: Vec<Row>,
    tables: Vec<Row>,
    columns: Vec<Row>,
    enums: Vec<Row>,
    constraints: Vec<Row>,
    indexes: Vec<Row>,
    extensions: Vec<Row>,
}

impl PostgresDriver {
    /// Every catalog query for the schemas `test` selects (`= 'public'`, `LIKE ...`), in one
    /// round trip.
    fn catalog_rows(&mut self, test: &str) -> Result<CatalogRows> {
        let query = |q: &str| q.replace("{namespace}", test);
        let queries = [
            query(SCHEMAS),
            query(TABLES),
            query(COLUMNS),
            query(ENUMS),
            query(CONSTRAINTS),
            query(INDEXES),
            EXTENSIONS.to_owned(),
        ];
        let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
        // `query_batch` answers every query or fails.
        let mut sets = self.query_batch(&queries)?.into_iter();
        let mut next = || sets.next().unwrap_or_default();
        Ok(CatalogRows {
            schemas: next(),
            tables: next(),
            columns: next(),
            enums: next(),
            constraints: next(),
            indexes: next(),
            extensions: next(),
        })
    }

    /// Every schema matching `pattern` (`tenant_*`), each inspected as `inspect` does one, in
    /// one round trip whatever the number of schemas: each query reads all of them at once,
    /// and the rows are split by schema here.
    fn inspect_matching_schemas(&mut self, pattern: &str) -> Result<Vec<(String, DbSchema)>> {
        let test = like_test(pattern);
        let rows = self.catalog_rows(&test)?;
        let of = |rows: &[Row], schema: &str| -> Result<Vec<Row>> {
            let mut out = Vec::new();
            for row in rows {
                if row.get("schema_name")? == Some(schema) {
                    out.push(row.clone());
                }
            }
            Ok(out)
        };
        let mut out = Vec::new();
        for name in column_values(&rows.schemas, "schema_name")? {
            let tables = column_values(&of(&rows.tables, &name)?, "table_name")?;
            let mut schema = assemble(
                tables,
                of(&rows.columns, &name)?,
                of(&rows.enums, &name)?,
                of(&rows.constraints, &name)?,
                of(&rows.indexes, &name)?,
            )?;
            push_extensions(&mut schema, &rows.extensions)?;
            out.push((name, schema));
        }
        Ok(out)
    }
}

impl CatalogRows {
    /// One `DbSchema` of every row (the schemas that `catalog_rows` selected, taken as one).
    fn assemble(self) -> Result<DbSchema> {
        let tables = column_values(&self.tables, "table_name")?;
        let mut schema = assemble(
            tables,
            self.columns,
            self.enums,
            self.constraints,
            self.indexes,
        )?;
        push_extensions(&mut schema, &self.extensions)?;
        Ok(schema)
    }
}

fn push_extensions(schema: &mut DbSchema, rows: &[Row]) -> Result<()> {
    for row in rows {
        schema.extensions.push(DbExtension {
            name: row.text("name")?,
            schema: row.get("schema_name")?.map(str::to_owned),
            version: row.get("version")?.map(str::to_owned),
        });
    }
    Ok(())
}

impl Inspect for PostgresDriver {
    fn inspect(&mut self) -> Result<DbSchema> {
        let ns = Postgres.string_literal(&self.schema);
        // A typo in `--db-schema` is said, not reported as every table missing.
        let rows = self.catalog_rows(&format!("= {ns}"))?;
        if rows.schemas.is_empty() {
            return Err(anyhow!(
                "postgres: schema `{}` does not exist in this database (from --db-schema, database.schema or the URL's ?schema=)",
                self.schema
            ));
        }
        rows.assemble()
    }

    fn inspect_matching(&mut self, pattern: &str) -> Result<Vec<(String, DbSchema)>> {
        self.inspect_matching_schemas(pattern)
    }

    /// One query set for all the schemas; a schema that does not exist yet is simply absent
    /// (its `CREATE SCHEMA` is then drift), and a table name found in two of them is an error,
    /// since tether names a table by its name alone.
    fn inspect_namespaces(&mut self, namespaces: &[String]) -> Result<DbSchema> {
        let list: Vec<String> = namespaces
            .iter()
            .map(|n| Postgres.string_literal(n))
            .collect();
        let rows = self.catalog_rows(&format!("IN ({})", list.join(", ")))?;
        // Migration tools keep a history table per schema they ran in: not the schema's.
        let tool_table = |name: &str| name == "_prisma_migrations" || name == "_tether_migrations";
        let mut namespace_of: BTreeMap<String, String> = BTreeMap::new();
        for row in &rows.tables {
            let (table, namespace) = (row.text("table_name")?, row.text("schema_name")?);
            if let Some(other) = namespace_of.insert(table.clone(), namespace.clone())
                && !tool_table(&table)
            {
                return Err(anyhow!(
                    "postgres: table `{table}` is in two of the schema's database schemas (`{other}` and `{namespace}`); tether names a table by its name alone"
                ));
            }
        }
        let mut enum_namespaces: BTreeMap<String, String> = BTreeMap::new();
        for row in &rows.enums {
            let (name, namespace) = (row.text("enum_name")?, row.text("schema_name")?);
            if let Some(other) = enum_namespaces.insert(name.clone(), namespace.clone())
                && other != namespace
            {
                return Err(anyhow!(
                    "postgres: enum `{name}` is in two of the schema's database schemas (`{other}` and `{namespace}`); tether names a type by its name alone"
                ));
            }
        }
        let namespaces = column_values(&rows.schemas, "schema_name")?;
        let mut schema = rows.assemble()?;
        for t in &mut schema.tables {
            t.namespace = namespace_of.get(&t.name).cloned();
        }
        for e in &mut schema.enums {
            e.namespace = enum_namespaces.get(&e.name).cloned();
        }
        schema.namespaces = namespaces;
        Ok(schema)
    }

    fn table_names(&mut self) -> Result<Vec<String>> {
        let ns = Postgres.string_literal(&self.schema);
        let rows = self.query(&in_namespace(TABLES, &ns))?;
        column_values(&rows, "table_name")
    }
}

// --- migrate -------------------------------------------------------------------------------

impl History for PostgresDriver {
    fn try_lock(&mut self) -> Result<bool> {
        let rows = self.query(&format!("SELECT pg_try_advisory_lock({LOCK_KEY}) AS got"))?;
        Ok(rows.first().map(|r| r.get("got")).transpose()?.flatten() == Some("t"))
    }

    fn unlock(&mut self) -> Result<()> {
        self.execute(&format!("SELECT pg_advisory_unlock({LOCK_KEY})"))
    }

    fn apply_in_transaction(&mut self, sql: &str, record: &str) -> Result<()> {
        self.execute("BEGIN")?;
        let result = self.execute(sql).and_then(|_| self.execute(record));
        match result {
            Ok(()) => self.execute("COMMIT"),
            Err(e) => {
                let _ = self.execute("ROLLBACK");
                Err(e)
            }
        }
    }
}

fn assemble(
    tables: Vec<String>,
    columns: Vec<Row>,
    enums: Vec<Row>,
    constraints: Vec<Row>,
    indexes: Vec<Row>,
) -> Result<DbSchema> {
    let d = &Postgres;
    let mut schema = DbSchema::default();
    let mut by_name: BTreeMap<String, Table> =
        tables.iter().map(|t| (t.clone(), Table::new(t))).collect();
    for row in enums {
        let (name, value) = (row.text("enum_name")?, row.text("value")?);
        match schema.enums.iter_mut().find(|e| e.name == name) {
            Some(e) => e.values.push(value),
            None => schema.enums.push(DbEnum {
                name,
                values: vec![value],
                namespace: None,
            }),
        }
    }
    for row in columns {
        let table = row.text("table_name")?;
        let Some(t) = by_name.get_mut(&table) else {
            continue;
        };
        let (is_enum, is_array) = (
            row.get("type_kind")? == Some("e"),
            row.get("is_array")? == Some("true"),
        );
        let formatted = row.text("formatted_type")?;
        let (ty, serial) = if is_enum {
            (ColumnType::Enum(row.text("type_name")?), false)
        } else {
            let base = formatted.strip_suffix("[]").unwrap_or(&formatted);
            let (ty, serial) = d.types().parse(base);
            (ColumnType::Native(ty), serial)
        };
        let raw_default = row.get("default_expr")?.map(str::to_owned);
        let is_sequence = raw_default
            .as_deref()
            .is_some_and(|d| d.starts_with("nextval("));
        let default = raw_default
            .filter(|_| !is_sequence)
            .map(|sql| defaults::from_sql(d, &sql, ty.family()));
        t.columns.push(Column {
            name: row.text("column_name")?,
            ty,
            array: is_array,
            nullable: row.get("not_null")? != Some("true"),
            default,
            autoincrement: serial || is_sequence,
        });
    }
    for row in constraints {
        let table = row.text("table_name")?;
        let Some(t) = by_name.get_mut(&table) else {
            continue;
        };
        let name = row.text("constraint_name")?;
        let cols = split_list(row.get("columns")?);
        match row.get("kind")? {
            Some("p") => {
                t.primary_key = Some(PrimaryKey {
                    name: Some(name),
                    columns: cols,
                })
            }
            Some("f") => t.foreign_keys.push(ForeignKey {
                name,
                columns: cols,
                referenced_table: row.text("referenced_table")?,
                referenced_columns: split_list(row.get("referenced_columns")?),
                on_delete: action(row.get("on_delete")?),
                on_update: action(row.get("on_update")?),
            }),
            _ => {}
        }
    }
    for row in indexes {
        let table = row.text("table_name")?;
        let Some(t) = by_name.get_mut(&table) else {
            continue;
        };
        let algorithm = row.text("method")?.to_ascii_uppercase();
        t.indexes.push(Index {
            name: row.text("index_name")?,
            kind: if row.get("is_unique")? == Some("true") {
                IndexKind::Unique
            } else {
                IndexKind::Normal
            },
            columns: split_list(row.get("columns")?)
                .into_iter()
                .map(|c| {
                    let (column, ops) = match c.split_once('\u{1d}') {
                        Some((column, ops)) => (column.to_owned(), Some(ops.to_owned())),
                        None => (c, None),
                    };
                    let (name, descending) = match column.split_once('\u{1e}') {
                        Some((name, _)) => (name.to_owned(), true),
                        None => (column, false),
                    };
                    // The catalog says only classes that are not the default one.
                    IndexColumn {
                        name,
                        descending,
                        length: None,
                        ops,
                        default_ops: false,
                    }
                })
                .collect(),
            algorithm: (algorithm != "BTREE").then_some(algorithm),
        });
    }
    schema.tables = tables.iter().filter_map(|t| by_name.remove(t)).collect();
    Ok(schema)
}

fn action(code: Option<&str>) -> ReferentialAction {
    match code {
        Some("c") => ReferentialAction::Cascade,
        Some("r") => ReferentialAction::Restrict,
        Some("n") => ReferentialAction::SetNull,
        Some("d") => ReferentialAction::SetDefault,
        _ => ReferentialAction::NoAction,
    }
}
