//! A database URL's query parameters: which tether reads (the schema, TLS), which it passes to
//! the driver, which it ignores (Prisma's pool settings), and which it does not know.
//!
//! Rules: the parameter tables are data, one per provider; a parameter in none of them is an
//! error that names it (a misspelt `sslmode` must not silently connect without TLS). Values are
//! percent-decoded once, here.

use super::ConnectError;
use super::tls::{RootCert, TlsMode, TlsOptions};
use crate::provider::Provider;
use std::path::PathBuf;

/// What a provider's URLs may carry.
struct Parameters {
    /// Passed to the driver as they are.
    driver: &'static [&'static str],
    /// Prisma's and other tools' settings that mean nothing to a single CLI connection.
    ignored: &'static [&'static str],
    /// The driver crate's own spellings of what tether reads itself: refused with the
    /// parameter to use instead, so that two settings never disagree.
    replaced: &'static [(&'static str, &'static str)],
}

const PRISMA_POOL: &[&str] = &[
    "connection_limit",
    "pool_timeout",
    "pgbouncer",
    "statement_cache_size",
    "socket_timeout",
    "connect_timeout",
    "max_connection_lifetime",
    "max_idle_connection_lifetime",
];

const POSTGRES: Parameters = Parameters {
    driver: &[
        "user",
        "password",
        "dbname",
        "options",
        "application_name",
        "host",
        "hostaddr",
        "port",
        "tcp_user_timeout",
        "keepalives",
        "keepalives_idle",
        "keepalives_interval",
        "keepalives_retries",
        "target_session_attrs",
        "channel_binding",
        "load_balance_hosts",
    ],
    ignored: PRISMA_POOL,
    replaced: &[],
};

const MYSQL: Parameters = Parameters {
    driver: &[
        "user",
        "password",
        "socket",
        "prefer_socket",
        "compress",
        "tcp_keepalive_time_ms",
        "tcp_keepalive_probe_interval_secs",
        "tcp_keepalive_probe_count",
        "tcp_user_timeout_ms",
        "stmt_cache_size",
        "max_allowed_packet",
        "enable_cleartext_plugin",
        "secure_auth",
    ],
    ignored: PRISMA_POOL,
    replaced: &[
        ("require_ssl", "ssl-mode=REQUIRED"),
        ("verify_ca", "ssl-mode=VERIFY_CA"),
        ("verify_identity", "ssl-mode=VERIFY_IDENTITY"),
        ("root_cert_path", "ssl-ca=<file>"),
        ("cert_chain_path", "ssl-cert=<file>&ssl-key=<file>"),
        ("priv_key_path", "ssl-cert=<file>&ssl-key=<file>"),
        ("danger_accept_invalid_certs", "ssl-mode=REQUIRED"),
        ("danger_skip_domain_validation", "ssl-mode=VERIFY_CA"),
        ("built_in_roots", "ssl-ca=<file>"),
        ("tcp_connect_timeout_ms", "--connect-timeout"),
    ],
};

/// A URL's parameters, sorted out.
#[derive(Debug, Clone, Default)]
pub struct UrlParameters {
    /// The URL without the parameters tether reads or ignores.
    pub driver_url: String,
    /// `?schema=`.
    pub schema: Option<String>,
    pub tls: TlsOptions,
}

/// Sorts out `url`'s query parameters for `provider` (SQLite URLs are left to their driver).
pub fn parse(url: &str, provider: Provider) -> Result<UrlParameters, ConnectError> {
    let table = match provider {
        Provider::Postgresql => &POSTGRES,
        Provider::Mysql => &MYSQL,
        _ => {
            return Ok(UrlParameters {
                driver_url: url.to_owned(),
                ..Default::default()
            });
        }
    };
    let name = provider_label(provider);
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut kept = Vec::new();
    let mut out = UrlParameters::default();
    let mut tls = TlsSettings::default();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(raw_key);
        let value = decode(raw_value);
        if table.driver.contains(&key.as_str()) {
            kept.push(pair);
        } else if table.ignored.contains(&key.as_str()) {
        } else if key == "schema" {
            out.schema = Some(value);
        } else if let Some((_, instead)) = table.replaced.iter().find(|(k, _)| *k == key) {
            return Err(ConnectError::InvalidUrl(format!(
                "{name}: URL parameter `{key}` is not read by tether; use {instead}"
            )));
        } else if !tls.take(&key, value, provider)? {
            return Err(ConnectError::InvalidUrl(format!(
                "{name}: unknown URL parameter `{key}` (see \"Connecting to production\" in tether's README for the parameters it reads)"
            )));
        }
    }
    out.tls = tls.resolve(provider)?;
    out.driver_url = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok(out)
}

fn provider_label(provider: Provider) -> &'static str {
    match provider {
        Provider::Postgresql => "postgres",
        _ => "mysql",
    }
}

/// The TLS parameters as given, before they are checked against each other.
#[derive(Default)]
struct TlsSettings {
    mode: Option<(String, TlsMode)>,
    accept: Option<TlsMode>,
    root_cert: Option<String>,
    cert: Option<String>,
    key: Option<String>,
    direct: bool,
}

impl TlsSettings {
    /// Takes `key` if it is a TLS parameter of `provider`'s URLs.
    fn take(&mut self, key: &str, value: String, provider: Provider) -> Result<bool, ConnectError> {
        let name = provider_label(provider);
        let invalid = |expected: &str| {
            ConnectError::InvalidUrl(format!(
                "{name}: invalid value `{value}` for URL parameter `{key}` (expected {expected})"
            ))
        };
        let postgres = provider == Provider::Postgresql;
        match key {
            "sslmode" if postgres => {
                let mode = match value.as_str() {
                    "disable" => TlsMode::Disable,
                    "allow" => TlsMode::Allow,
                    "prefer" => TlsMode::Prefer,
                    "require" => TlsMode::Require,
                    "verify-ca" => TlsMode::VerifyCa,
                    "verify-full" => TlsMode::VerifyFull,
                    _ => {
                        return Err(invalid(
                            "disable, allow, prefer, require, verify-ca or verify-full",
                        ));
                    }
                };
                self.mode = Some((key.to_owned(), mode));
            }
            "ssl-mode" | "sslmode" | "ssl_mode" if !postgres => {
                let mode = match value.to_ascii_uppercase().as_str() {
                    "DISABLED" => TlsMode::Disable,
                    "PREFERRED" => TlsMode::Prefer,
                    "REQUIRED" => TlsMode::Require,
                    "VERIFY_CA" => TlsMode::VerifyCa,
                    "VERIFY_IDENTITY" => TlsMode::VerifyFull,
                    _ => {
                        return Err(invalid(
                            "DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY",
                        ));
                    }
                };
                self.mode = Some((key.to_owned(), mode));
            }
            "sslaccept" => {
                self.accept = Some(match value.as_str() {
                    "strict" => TlsMode::VerifyFull,
                    "accept_invalid_certs" => TlsMode::Require,
                    _ => return Err(invalid("strict or accept_invalid_certs")),
                });
            }
            "sslrootcert" => self.root_cert = Some(value),
            "ssl-ca" | "ssl_ca" if !postgres => self.root_cert = Some(value),
            "sslcert" => self.cert = Some(value),
            "ssl-cert" | "ssl_cert" if !postgres => self.cert = Some(value),
            "sslkey" => self.key = Some(value),
            "ssl-key" | "ssl_key" if !postgres => self.key = Some(value),
            "sslnegotiation" if postgres => {
                self.direct = match value.as_str() {
                    "postgres" => false,
                    "direct" => true,
                    _ => return Err(invalid("postgres or direct")),
                };
            }
            "sslidentity" => {
                return Err(ConnectError::InvalidUrl(format!(
                    "{name}: URL parameter `sslidentity` (a PKCS#12 file) is not supported; convert it with `openssl pkcs12 -in identity.p12 -nodes -out client.pem` and give sslcert=client.pem&sslkey=client.pem"
                )));
            }
            "sslpassword" => {
                return Err(ConnectError::InvalidUrl(format!(
                    "{name}: URL parameter `sslpassword` is not supported: tether reads unencrypted client keys only (decrypt one with `openssl pkey -in key.pem -out plain-key.pem`)"
                )));
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn resolve(self, provider: Provider) -> Result<TlsOptions, ConnectError> {
        let name = provider_label(provider);
        // Prisma's `sslcert` is the server's root certificate; libpq's and MySQL's is the
        // client's, always given with its key. Without a key, it is Prisma's.
        let (root_cert, client) = match (self.cert, self.key) {
            (Some(cert), Some(key)) => (self.root_cert, Some((cert, key))),
            (Some(cert), None) if self.root_cert.is_none() => (Some(cert), None),
            (Some(_), None) => {
                return Err(ConnectError::InvalidUrl(format!(
                    "{name}: URL parameter `sslcert` (a client certificate) needs `sslkey`, its private key"
                )));
            }
            (None, Some(_)) => {
                return Err(ConnectError::InvalidUrl(format!(
                    "{name}: URL parameter `sslkey` needs `sslcert`, the client certificate it belongs to"
                )));
            }
            (None, None) => (self.root_cert, None),
        };
        let mode = match (self.mode, self.accept) {
            (Some((_, mode)), None) => mode,
            (None, Some(accept)) => accept,
            // Prisma's `sslmode=require&sslaccept=strict`: the stricter of the two.
            (Some((_, mode)), Some(accept)) => mode.max(accept),
            (None, None) => TlsMode::Prefer,
        };
        let root_cert = root_cert.map(|r| match r.as_str() {
            "system" => RootCert::System,
            _ => RootCert::File(PathBuf::from(r)),
        });
        // libpq and MySQL: with a root certificate given, `require` verifies the chain.
        let mode = if mode == TlsMode::Require && root_cert.is_some() {
            TlsMode::VerifyCa
        } else {
            mode
        };
        Ok(TlsOptions {
            mode,
            root_cert,
            client_cert: client.map(|(c, k)| (PathBuf::from(c), PathBuf::from(k))),
            direct: self.direct,
        })
    }
}

/// `%xx` sequences decoded (and `+` kept: URLs for databases do not use form encoding).
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tls(url: &str) -> TlsOptions {
        let provider = super::super::provider_of(url).unwrap();
        parse(url, provider).unwrap().tls
    }

    fn error(url: &str) -> String {
        let provider = super::super::provider_of(url).unwrap();
        parse(url, provider).unwrap_err().to_string()
    }

    #[test]
    fn libpq_sslmodes() {
        assert_eq!(tls("postgresql://h/db").mode, TlsMode::Prefer);
        for (value, mode) in [
            ("disable", TlsMode::Disable),
            ("allow", TlsMode::Allow),
            ("prefer", TlsMode::Prefer),
            ("require", TlsMode::Require),
            ("verify-ca", TlsMode::VerifyCa),
            ("verify-full", TlsMode::VerifyFull),
        ] {
            assert_eq!(
                tls(&format!("postgresql://h/db?sslmode={value}")).mode,
                mode
            );
        }
        let with_ca = tls("postgresql://h/db?sslmode=require&sslrootcert=%2Fetc%2Fca.pem");
        assert_eq!(
            with_ca.mode,
            TlsMode::VerifyCa,
            "libpq: a root cert makes require verify"
        );
        assert_eq!(
            with_ca.root_cert,
            Some(RootCert::File("/etc/ca.pem".into()))
        );
        assert_eq!(
            tls("postgresql://h/db?sslmode=verify-full&sslrootcert=system").root_cert,
            Some(RootCert::System)
        );
    }

    #[test]
    fn prisma_spellings() {
        let strict = tls("postgresql://h/db?sslmode=require&sslaccept=strict&sslcert=ca.pem");
        assert_eq!(strict.mode, TlsMode::VerifyFull);
        assert_eq!(strict.root_cert, Some(RootCert::File("ca.pem".into())));
        assert_eq!(
            strict.client_cert, None,
            "Prisma's sslcert is the root certificate"
        );
        let client = tls(
            "postgresql://h/db?sslmode=verify-full&sslrootcert=ca.pem&sslcert=c.pem&sslkey=k.pem",
        );
        assert_eq!(client.client_cert, Some(("c.pem".into(), "k.pem".into())));
        assert_eq!(
            tls("mysql://h/db?sslaccept=accept_invalid_certs").mode,
            TlsMode::Require
        );
        assert!(error("postgresql://h/db?sslidentity=id.p12").contains("`sslidentity`"));
        assert!(error("mysql://h/db?sslpassword=x").contains("`sslpassword`"));
    }

    #[test]
    fn mysql_ssl_modes() {
        assert_eq!(tls("mysql://h/db").mode, TlsMode::Prefer);
        assert_eq!(
            tls("mysql://h/db?ssl-mode=VERIFY_IDENTITY").mode,
            TlsMode::VerifyFull
        );
        assert_eq!(tls("mysql://h/db?ssl-mode=disabled").mode, TlsMode::Disable);
        let ca = tls("mysql://h/db?ssl-mode=REQUIRED&ssl-ca=ca.pem&ssl-cert=c.pem&ssl-key=k.pem");
        assert_eq!(ca.mode, TlsMode::VerifyCa);
        assert_eq!(ca.client_cert, Some(("c.pem".into(), "k.pem".into())));
        assert!(error("mysql://h/db?ssl-mode=verify-full").contains("`ssl-mode`"));
        assert!(error("mysql://h/db?require_ssl=true").contains("ssl-mode=REQUIRED"));
    }

    #[test]
    fn unknown_and_invalid_parameters_are_named() {
        assert!(error("postgresql://h/db?sslmod=require").contains("`sslmod`"));
        assert!(error("postgresql://h/db?sslmode=verify_full").contains("`sslmode`"));
        assert!(error("mysql://h/db?sslnegotiation=direct").contains("`sslnegotiation`"));
        assert!(error("postgresql://h/db?sslkey=k.pem").contains("`sslkey`"));
    }

    #[test]
    fn driver_and_prisma_parameters() {
        let url =
            "postgresql://u@h/db?schema=app&application_name=x&connection_limit=3&sslmode=require";
        let params = parse(url, Provider::Postgresql).unwrap();
        assert_eq!(params.driver_url, "postgresql://u@h/db?application_name=x");
        assert_eq!(params.schema.as_deref(), Some("app"));
    }
}
