//! The connection layer: from a database URL and the user's options to what a driver opens, and
//! the typed errors that opening (or talking to) a database ends in.
//!
//! Why here, at the top of the crate, and not in `relational/driver/`: connecting is not SQL.
//! The relational drivers use this layer today; a document driver (MongoDB, a later issue) will
//! use the same one, and it will not live under `relational/`.
//!
//! Rules: this is the single place where TLS (sslmode, certificates), timeouts and URL
//! parameters plug in. One place parses a URL's parameters (`params`), one builds the TLS
//! configuration (`tls`), one bounds the time connecting takes (`within`), one redacts
//! (`DatabaseUrl::redact`, through `dburl`). Drivers ask this layer for what they connect with;
//! commands never see TLS. Every error that leaves `relational::driver::connect` is a
//! `ConnectError` with a redacted message of one line, naming host, port and database.

pub mod params;
pub mod postgres_tls;
pub mod tls;

use crate::dburl;
use crate::provider::Provider;
use std::time::Duration;
pub use tls::{TlsMode, TlsOptions};

/// What the user asked of a connection, beside the URL.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// Bounds the whole of connecting: TCP, TLS handshake, login and session setup.
    pub connect_timeout: Duration,
    /// Bounds each statement on the server; `None`: no limit (migrations).
    pub statement_timeout: Option<Duration>,
    /// How long `migrate apply` waits for another run's migration lock.
    pub lock_timeout: Duration,
    /// Open read-only (and inspect inside a read-only transaction).
    pub read_only: bool,
    /// PostgreSQL schema to work in (default `public`).
    pub db_schema: Option<String>,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        ConnectOptions {
            connect_timeout: Duration::from_secs(10),
            statement_timeout: Some(Duration::from_secs(60)),
            lock_timeout: Duration::from_secs(60),
            read_only: true,
            db_schema: None,
        }
    }
}

/// Runs `connect` on a thread of its own and waits at most `timeout` for it: a server that
/// accepts the TCP connection and never answers (a hung server, a proxy in front of nothing,
/// another protocol's port) cannot hold a command past its timeout, whichever step it stalls
/// in. A connection that did not make it in time is abandoned with its thread.
/// `what` starts the timeout's message ("postgres: cannot connect to db:5432/app").
pub fn within<T: Send + 'static>(
    timeout: Duration,
    what: &str,
    connect: impl FnOnce() -> Result<T, ConnectError> + Send + 'static,
) -> Result<T, ConnectError> {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("connect".to_owned())
        .spawn(move || {
            let _ = send.send(connect());
        })
        .map_err(|e| ConnectError::Other(format!("cannot start a thread to connect: {e}")))?;
    match receive.recv_timeout(timeout) {
        Ok(result) => result,
        Err(_) => Err(ConnectError::Timeout(format!(
            "{what}: no answer within {} s (connecting, TLS handshake and login; is this the right host and port, and is the server up?)",
            timeout.as_secs_f64()
        ))),
    }
}

/// A database URL taken apart: its provider, the URL a driver connects with, the parameters
/// tether reads itself (the schema, TLS) and where it points, for messages.
#[derive(Debug, Clone)]
pub struct DatabaseUrl {
    /// The URL as the user gave it.
    pub url: String,
    pub provider: Provider,
    /// The URL without the parameters tether reads or ignores (`?schema=`, TLS, pool settings).
    pub driver_url: String,
    /// The URL's `?schema=` value.
    pub url_schema: Option<String>,
    pub tls: TlsOptions,
    /// `host:port/database`, for messages: never the user or the password.
    pub endpoint: String,
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<DatabaseUrl, ConnectError> {
        let provider = provider_of(url)?;
        let database = DatabaseUrl {
            url: url.to_owned(),
            provider,
            driver_url: String::new(),
            url_schema: None,
            tls: TlsOptions::default(),
            endpoint: endpoint_of(url, provider),
        };
        let parameters = params::parse(url, provider).map_err(|e| e.redacted(&database))?;
        Ok(DatabaseUrl {
            driver_url: parameters.driver_url,
            url_schema: parameters.schema,
            tls: parameters.tls,
            ..database
        })
    }

    /// The schema to work in: the option (`--db-schema`, tether.toml), else the URL's.
    pub fn db_schema(&self, options: &ConnectOptions) -> Option<String> {
        options
            .db_schema
            .clone()
            .or_else(|| self.url_schema.clone())
    }

    /// `text` with this URL's password hidden, and every URL in it redacted.
    pub fn redact(&self, text: &str) -> String {
        dburl::redact_with(text, &self.url)
    }
}

/// The provider a URL's scheme names.
pub fn provider_of(url: &str) -> Result<Provider, ConnectError> {
    let scheme = url.split(':').next().unwrap_or("");
    match scheme {
        "postgresql" | "postgres" => Ok(Provider::Postgresql),
        "mysql" | "mariadb" => Ok(Provider::Mysql),
        "sqlite" | "file" => Ok(Provider::Sqlite),
        "mongodb" | "mongodb+srv" => Err(ConnectError::InvalidUrl(
            "database: a mongodb:// URL goes with a MongoDB schema (provider = \"mongodb\"); this command reads a SQL database".to_owned(),
        )),
        // Only a scheme-like word is echoed: text without one may be a password pasted
        // in the wrong place.
        _ if url.contains(':')
            && !scheme.is_empty()
            && scheme.len() <= 20
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) =>
        {
            Err(ConnectError::InvalidUrl(format!(
                "database: unknown URL scheme `{scheme}:` (expected postgresql://, mysql://, sqlite: or file:)"
            )))
        }
        _ => Err(ConnectError::InvalidUrl(
            "database: not a database URL (expected postgresql://, mysql://, sqlite: or file:)"
                .to_owned(),
        )),
    }
}

/// A SQLite URL written in `tether.toml` names its file relative to the file's folder, as every
/// path in `tether.toml` does (a URL from `--url` or `DATABASE_URL` stays relative to the working
/// directory). Other URLs, absolute paths and `:memory:` are returned as they are.
pub fn sqlite_url_relative_to(url: &str, folder: &std::path::Path) -> String {
    if provider_of(url).ok() != Some(Provider::Sqlite) {
        return url.to_owned();
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return url.to_owned();
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let file = path.strip_prefix("//").unwrap_or(path);
    if file.is_empty() || file == ":memory:" || std::path::Path::new(file).is_absolute() {
        return url.to_owned();
    }
    let file = file.strip_prefix("./").unwrap_or(file);
    let mut out = format!("{scheme}:{}", folder.join(file).display());
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// `host:port/database` of a server URL (the socket folder for a `?host=/path` URL, the file
/// of a SQLite URL).
fn endpoint_of(url: &str, provider: Provider) -> String {
    let Some((_, rest)) = url.split_once("://") else {
        // `sqlite:./dev.db`, or a server URL with one slash: never its query, nor a user part.
        let after_scheme = url.split_once(':').map_or(url, |(_, rest)| rest);
        let before_query = after_scheme.split('?').next().unwrap_or("");
        return before_query
            .rsplit_once('@')
            .map_or(before_query, |(_, after)| after)
            .to_owned();
    };
    if provider == Provider::Sqlite {
        return rest.split('?').next().unwrap_or(rest).to_owned();
    }
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    // After the last `@`: a password may hold an unencoded `/` or `@`.
    let after_user = before_query
        .rsplit_once('@')
        .map_or(before_query, |(_, h)| h);
    let (host_port, database) = after_user.split_once('/').unwrap_or((after_user, ""));
    let socket = query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == "host" || k == "socket").then(|| params::decode(v))
    });
    let default_port = if provider == Provider::Postgresql {
        5432
    } else {
        3306
    };
    let host_port = match (socket, host_port) {
        (Some(socket), _) if socket.starts_with('/') => socket,
        (_, "") => format!("localhost:{default_port}"),
        (_, h) if h.rsplit_once(':').is_some_and(|(_, p)| !p.contains(']')) => h.to_owned(),
        (_, h) => format!("{h}:{default_port}"),
    };
    format!("{host_port}/{}", params::decode(database))
}

/// Why a database could not be reached or read; each carries the redacted message users see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectError {
    /// No server answered (refused, unknown host, connection dropped).
    Unreachable(String),
    /// The server refused the login.
    Authentication(String),
    /// TLS was asked for and could not be set up.
    Tls(String),
    /// The server did not answer in time.
    Timeout(String),
    /// Logged in, but the user may not read or change what it must.
    Privileges(String),
    /// The URL names no database tether can open.
    InvalidUrl(String),
    /// Anything else (a missing database, a failed query).
    Other(String),
}

impl ConnectError {
    pub fn message(&self) -> &str {
        match self {
            ConnectError::Unreachable(m)
            | ConnectError::Authentication(m)
            | ConnectError::Tls(m)
            | ConnectError::Timeout(m)
            | ConnectError::Privileges(m)
            | ConnectError::InvalidUrl(m)
            | ConnectError::Other(m) => m,
        }
    }

    /// The same kind of error, its message after `what: `.
    pub fn prefixed(&self, what: &str) -> ConnectError {
        self.with_message(format!("{what}: {}", self.message()))
    }

    /// The same kind of error with another message.
    fn with_message(&self, message: String) -> ConnectError {
        match self {
            ConnectError::Unreachable(_) => ConnectError::Unreachable(message),
            ConnectError::Authentication(_) => ConnectError::Authentication(message),
            ConnectError::Tls(_) => ConnectError::Tls(message),
            ConnectError::Timeout(_) => ConnectError::Timeout(message),
            ConnectError::Privileges(_) => ConnectError::Privileges(message),
            ConnectError::InvalidUrl(_) => ConnectError::InvalidUrl(message),
            ConnectError::Other(_) => ConnectError::Other(message),
        }
    }

    /// The error with `url`'s password and every URL in its message redacted.
    pub fn redacted(self, url: &DatabaseUrl) -> ConnectError {
        let message = url.redact(self.message());
        self.with_message(message)
    }

    /// `Timeout` or `Unreachable` when an I/O error is among `error`'s causes.
    pub fn io_kind(error: &(dyn std::error::Error + 'static)) -> Option<fn(String) -> Self> {
        let mut cause = Some(error);
        while let Some(e) = cause {
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                return Some(if io.kind() == std::io::ErrorKind::TimedOut {
                    ConnectError::Timeout
                } else {
                    ConnectError::Unreachable
                });
            }
            cause = e.source();
        }
        None
    }
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ConnectError {}

/// An error from a driver: its whole text (`{:#}`), of the kind a driver classified it as
/// (a `ConnectError` among its causes), else `Other`.
impl From<anyhow::Error> for ConnectError {
    fn from(error: anyhow::Error) -> Self {
        let message = format!("{error:#}");
        match error.chain().find_map(|e| e.downcast_ref::<ConnectError>()) {
            Some(kind) => kind.with_message(message),
            None => ConnectError::Other(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_in_the_config_are_relative_to_its_folder() {
        let folder = std::path::Path::new("/srv/app");
        let at = |url: &str| sqlite_url_relative_to(url, folder);
        assert_eq!(at("sqlite:./dev.db"), "sqlite:/srv/app/dev.db");
        assert_eq!(
            at("file:data/dev.db?mode=ro"),
            "file:/srv/app/data/dev.db?mode=ro"
        );
        assert_eq!(at("sqlite:///tmp/x.db"), "sqlite:///tmp/x.db");
        assert_eq!(at("sqlite::memory:"), "sqlite::memory:");
        assert_eq!(
            at("postgresql://u@h/db"),
            "postgresql://u@h/db",
            "server URLs are left alone"
        );
    }

    #[test]
    fn provider_from_scheme() {
        assert_eq!(provider_of("postgres://x").unwrap(), Provider::Postgresql);
        assert_eq!(provider_of("file:./dev.db").unwrap(), Provider::Sqlite);
        assert!(matches!(
            provider_of("mongodb://x"),
            Err(ConnectError::InvalidUrl(_))
        ));
    }

    #[test]
    fn endpoints_name_host_port_and_database_only() {
        let at = |url: &str| DatabaseUrl::parse(url).unwrap().endpoint;
        assert_eq!(
            at("postgresql://u:secret@db.internal/app"),
            "db.internal:5432/app"
        );
        assert_eq!(
            at("mysql://root@127.0.0.1:3307/test?ssl-mode=REQUIRED"),
            "127.0.0.1:3307/test"
        );
        assert_eq!(
            at("postgresql://u@/app?host=%2Fvar%2Frun%2Fpostgresql"),
            "/var/run/postgresql/app"
        );
        assert_eq!(at("postgres://[::1]:6543/x"), "[::1]:6543/x");
        assert_eq!(at("sqlite:./dev.db"), "./dev.db");
        assert_eq!(at("postgresql://u:pa/ss@word@db/app"), "db:5432/app");
        // Found by fuzzing: one slash after the scheme.
        assert_eq!(at("postgresql:/u:pw@db/app?password=x"), "db/app");
    }

    #[test]
    fn prisma_parameters_are_taken_out() {
        let url = DatabaseUrl::parse(
            "postgresql://u:p@h/db?schema=app&sslmode=disable&connection_limit=5",
        )
        .unwrap();
        assert_eq!(url.driver_url, "postgresql://u:p@h/db");
        assert_eq!(url.tls.mode, TlsMode::Disable);
        assert_eq!(url.url_schema.as_deref(), Some("app"));
        assert_eq!(
            url.db_schema(&ConnectOptions::default()).as_deref(),
            Some("app")
        );
    }

    #[test]
    fn errors_keep_their_kind_and_text() {
        let url = DatabaseUrl::parse("postgresql://u:s3cret@h/db").unwrap();
        let error = anyhow::Error::new(ConnectError::Authentication(
            "postgres: password s3cret rejected".to_owned(),
        ))
        .context("check");
        let error = ConnectError::from(error).redacted(&url);
        assert_eq!(
            error,
            ConnectError::Authentication("check: postgres: password *** rejected".to_owned())
        );
        assert_eq!(
            ConnectError::from(anyhow::anyhow!("x")),
            ConnectError::Other("x".to_owned())
        );
    }
}
