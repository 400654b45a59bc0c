//! TLS against real servers that accept nothing else: a PostgreSQL 15 cluster with only
//! `hostssl` lines and a MariaDB with `require_secure_transport=ON`, with a certificate authority
//! and certificates made for the run by `tests/tls/servers.sh` (beside them: a server whose
//! certificate names another host, and a PostgreSQL without TLS). Each `sslmode` / `ssl-mode`
//! does what libpq and MySQL say it does; failures say why in words; `check-drift` and
//! `migrate apply` run end to end over TLS.
//!
//! The servers are started once per run (the script reuses running ones). Where they cannot
//! be (no PostgreSQL or MariaDB server binaries), the tests say so and pass, except under CI,
//! where that is a failure.

mod common;

use common::tether;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// What `servers.sh start` printed: `KEY=VALUE` lines.
struct Servers(BTreeMap<String, String>);

impl Servers {
    fn get(&self, key: &str) -> &str {
        self.0
            .get(key)
            .unwrap_or_else(|| panic!("servers.sh did not print {key}"))
    }

    /// A PostgreSQL URL to the TLS server on `port_key` (default login, `postgres` database).
    fn postgres(&self, port_key: &str, query: &str) -> String {
        format!(
            "postgresql://tether:{}@localhost:{}/postgres?{query}",
            self.get("TLS_POSTGRES_PASSWORD"),
            self.get(port_key)
        )
    }

    fn mysql(&self, port_key: &str, query: &str) -> String {
        format!(
            "mysql://tether:tls-s3cret-pw@localhost:{}/test?{query}",
            self.get(port_key)
        )
    }

    fn ca(&self) -> &str {
        self.get("TLS_CA")
    }
}

fn servers() -> Option<&'static Servers> {
    static SERVERS: OnceLock<Option<Servers>> = OnceLock::new();
    SERVERS
        .get_or_init(|| {
            let have = Path::new("/usr/lib/postgresql/15/bin/initdb").exists()
                && Command::new("mariadbd").arg("--version").output().is_ok();
            if !have {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "CI: the TLS tests need PostgreSQL 15 and MariaDB server binaries"
                );
                eprintln!(
                    "skipped: no PostgreSQL 15 / MariaDB server binaries to start TLS servers"
                );
                return None;
            }
            let script = common::root().join("tests/tls/servers.sh");
            let output = Command::new("bash")
                .arg(&script)
                .arg("start")
                .output()
                .expect("cannot run tests/tls/servers.sh");
            assert!(
                output.status.success(),
                "tests/tls/servers.sh start failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            let env = String::from_utf8(output.stdout)
                .unwrap()
                .lines()
                .filter_map(|l| l.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            Some(Servers(env))
        })
        .as_ref()
}

const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
}

model Certificate {
  id        Int      @id @default(autoincrement())
  subject   String   @unique
  notAfter  DateTime @map("not_after")
}
"#;

fn project(provider: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("schema.prisma"),
        SCHEMA.replace("postgresql", provider),
    )
    .unwrap();
    tether(dir.path(), ["gen"]).expect_code(0);
    dir
}

/// `check-drift` reached and read the database: drift (an empty database) or none.
#[track_caller]
fn assert_connects(dir: &Path, url: &str) {
    let run = tether(dir, ["check-drift", "--url", url, "--connect-timeout", "5"]);
    assert!(
        run.code == 0 || (run.code == 1 && run.stderr.contains("difference(s)")),
        "expected to connect with {url}:\n{run:#?}"
    );
}

/// `check-drift` failed to connect, with one line that contains `expected`.
#[track_caller]
fn assert_refused(dir: &Path, url: &str, expected: &str) {
    let run = tether(dir, ["check-drift", "--url", url, "--connect-timeout", "5"]).expect_code(2);
    assert!(
        run.stderr.contains(expected),
        "expected `{expected}` with {url}:\n{run:#?}"
    );
    assert_eq!(run.stderr.trim().lines().count(), 1, "{run:#?}");
    assert!(!run.stderr.contains("tls-s3cret-pw"), "{run:#?}");
}

#[test]
fn postgres_sslmodes_do_what_libpq_says() {
    let Some(s) = servers() else { return };
    let dir = project("postgresql");
    let p = dir.path();
    let ca = s.ca();
    let other_ca = s.get("TLS_OTHER_CA");
    let main = "TLS_POSTGRES_PORT";
    let wrong_host = "TLS_POSTGRES_WRONG_HOST_PORT";

    assert_connects(
        p,
        &s.postgres(main, &format!("sslmode=verify-full&sslrootcert={ca}")),
    );
    assert_refused(
        p,
        &s.postgres(main, &format!("sslmode=verify-full&sslrootcert={other_ca}")),
        "certificate not trusted",
    );
    assert_refused(
        p,
        &s.postgres(wrong_host, &format!("sslmode=verify-full&sslrootcert={ca}")),
        "host name does not match",
    );
    // verify-ca checks the chain only; require checks nothing.
    assert_connects(
        p,
        &s.postgres(wrong_host, &format!("sslmode=verify-ca&sslrootcert={ca}")),
    );
    assert_connects(p, &s.postgres(wrong_host, "sslmode=require"));
    assert_refused(
        p,
        &s.postgres(main, &format!("sslmode=verify-ca&sslrootcert={other_ca}")),
        "certificate not trusted",
    );
    // libpq: a root certificate makes `require` verify the chain.
    assert_refused(
        p,
        &s.postgres(main, &format!("sslmode=require&sslrootcert={other_ca}")),
        "certificate not trusted",
    );
    assert_refused(
        p,
        &s.postgres(main, "sslmode=disable"),
        "accepts only TLS connections",
    );
    // prefer: TLS where offered (the server takes nothing else), plain where not.
    assert_connects(p, &s.postgres(main, "sslmode=prefer"));
    assert_connects(p, &s.postgres(main, ""));
    assert_connects(p, &s.postgres("PLAIN_POSTGRES_PORT", "sslmode=prefer"));
    assert_refused(
        p,
        &s.postgres("PLAIN_POSTGRES_PORT", "sslmode=require"),
        "does not support TLS",
    );
    // libpq's prefer also falls back when the handshake fails (TLS older than 1.2 here);
    // require does not.
    assert_connects(p, &s.postgres("OLD_TLS_POSTGRES_PORT", "sslmode=prefer"));
    assert_refused(
        p,
        &s.postgres("OLD_TLS_POSTGRES_PORT", "sslmode=require"),
        "older than 1.2",
    );
    // allow: plain first, TLS when the server refuses plain.
    assert_connects(p, &s.postgres(main, "sslmode=allow"));
    assert_connects(p, &s.postgres("PLAIN_POSTGRES_PORT", "sslmode=allow"));
    // verify-full with no root certificate at all is an error, not a silent downgrade.
    let run = common::tether_with_env(
        p,
        [
            "check-drift",
            "--url",
            &s.postgres(main, "sslmode=verify-full"),
        ],
        &[("HOME", "/nonexistent")],
    )
    .expect_code(2);
    assert!(run.stderr.contains("sslrootcert="), "{run:#?}");
}

#[test]
fn postgres_prisma_spellings() {
    let Some(s) = servers() else { return };
    let dir = project("postgresql");
    let p = dir.path();
    let ca = s.ca();
    // Prisma's sslcert (without sslkey) is the root certificate.
    assert_connects(
        p,
        &s.postgres(
            "TLS_POSTGRES_PORT",
            &format!("sslmode=require&sslaccept=strict&sslcert={ca}"),
        ),
    );
    assert_refused(
        p,
        &s.postgres(
            "TLS_POSTGRES_WRONG_HOST_PORT",
            &format!("sslmode=require&sslaccept=strict&sslcert={ca}"),
        ),
        "host name does not match",
    );
    assert_connects(
        p,
        &s.postgres(
            "TLS_POSTGRES_WRONG_HOST_PORT",
            "sslmode=require&sslaccept=accept_invalid_certs",
        ),
    );
}

#[test]
fn postgres_client_certificates() {
    let Some(s) = servers() else { return };
    let dir = project("postgresql");
    let p = dir.path();
    let base = format!(
        "postgresql://{}@localhost:{}/postgres?sslmode=verify-full&sslrootcert={}",
        s.get("TLS_POSTGRES_CERT_USER"),
        s.get("TLS_POSTGRES_PORT"),
        s.ca()
    );
    for key in ["TLS_CLIENT_KEY", "TLS_CLIENT_KEY_PKCS1"] {
        assert_connects(
            p,
            &format!(
                "{base}&sslcert={}&sslkey={}",
                s.get("TLS_CLIENT_CERT"),
                s.get(key)
            ),
        );
    }
    assert_refused(p, &base, "certificate");
    let missing = format!("{base}&sslcert=/nonexistent/client.pem&sslkey=/nonexistent/client.key");
    assert_refused(p, &missing, "cannot read /nonexistent/client.pem");
}

#[test]
fn mysql_ssl_modes_do_what_mysql_says() {
    let Some(s) = servers() else { return };
    let dir = project("mysql");
    let p = dir.path();
    let ca = s.ca();
    let other_ca = s.get("TLS_OTHER_CA");
    let main = "TLS_MYSQL_PORT";
    let wrong_host = "TLS_MYSQL_WRONG_HOST_PORT";

    assert_connects(
        p,
        &s.mysql(main, &format!("ssl-mode=VERIFY_IDENTITY&ssl-ca={ca}")),
    );
    assert_refused(
        p,
        &s.mysql(main, &format!("ssl-mode=VERIFY_IDENTITY&ssl-ca={other_ca}")),
        "certificate not trusted",
    );
    assert_refused(
        p,
        &s.mysql(wrong_host, &format!("ssl-mode=VERIFY_IDENTITY&ssl-ca={ca}")),
        "host name does not match",
    );
    assert_connects(
        p,
        &s.mysql(wrong_host, &format!("ssl-mode=VERIFY_CA&ssl-ca={ca}")),
    );
    assert_connects(p, &s.mysql(wrong_host, "ssl-mode=REQUIRED"));
    assert_refused(
        p,
        &s.mysql(main, "ssl-mode=DISABLED"),
        "require_secure_transport",
    );
    // PREFERRED (the default): TLS here, plain against the machine's server without TLS.
    assert_connects(p, &s.mysql(main, "ssl-mode=PREFERRED"));
    assert_connects(p, &s.mysql(main, ""));
    if let Some(plain) = common::Server::Mysql.url() {
        let sep = if plain.contains('?') { "&" } else { "?" };
        assert_connects(p, &format!("{plain}{sep}ssl-mode=PREFERRED"));
        assert_refused(
            p,
            &format!("{plain}{sep}ssl-mode=REQUIRED"),
            "does not support TLS",
        );
    }
    // Prisma's spellings.
    assert_connects(p, &s.mysql(main, &format!("sslaccept=strict&sslcert={ca}")));
    assert_connects(p, &s.mysql(wrong_host, "sslaccept=accept_invalid_certs"));
}

#[test]
fn mysql_client_certificates() {
    let Some(s) = servers() else { return };
    let dir = project("mysql");
    let p = dir.path();
    let base = format!(
        "mysql://{}@localhost:{}/test?ssl-mode=VERIFY_IDENTITY&ssl-ca={}",
        s.get("TLS_MYSQL_CERT_USER"),
        s.get("TLS_MYSQL_PORT"),
        s.ca()
    );
    assert_connects(
        p,
        &format!(
            "{base}&ssl-cert={}&ssl-key={}",
            s.get("TLS_CLIENT_CERT"),
            s.get("TLS_CLIENT_KEY")
        ),
    );
    assert_refused(p, &base, "Access denied");
}

/// A database made on the TLS server for one test, with the server's own client, dropped at
/// the end.
struct TlsDatabase {
    drop_with: Vec<String>,
    url: String,
}

impl TlsDatabase {
    fn postgres(s: &Servers) -> TlsDatabase {
        let name = format!("tls_e2e_{}", std::process::id());
        let conninfo = format!(
            "host=localhost port={} user=tether password={} dbname=postgres sslmode=verify-full sslrootcert={}",
            s.get("TLS_POSTGRES_PORT"),
            s.get("TLS_POSTGRES_PASSWORD"),
            s.ca()
        );
        let run = |sql: &str| {
            let out = Command::new("psql")
                .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", &conninfo, "-c", sql])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "psql: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        run(&format!("DROP DATABASE IF EXISTS {name}"));
        run(&format!("CREATE DATABASE {name}"));
        TlsDatabase {
            drop_with: vec![
                "psql".into(),
                "-X".into(),
                "-q".into(),
                conninfo,
                "-c".into(),
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            ],
            url: format!(
                "postgresql://tether:{}@localhost:{}/{name}?sslmode=verify-full&sslrootcert={}",
                s.get("TLS_POSTGRES_PASSWORD"),
                s.get("TLS_POSTGRES_PORT"),
                s.ca()
            ),
        }
    }

    fn mysql(s: &Servers) -> TlsDatabase {
        let name = format!("tls_e2e_{}", std::process::id());
        let port = s.get("TLS_MYSQL_PORT").to_owned();
        let client = |sql: &str| -> Vec<String> {
            [
                "mariadb",
                "--protocol=TCP",
                "--host=127.0.0.1",
                &format!("--port={port}"),
                "--user=tether",
                "--password=tls-s3cret-pw",
                &format!("--ssl-ca={}", s.ca()),
                "-e",
                sql,
            ]
            .iter()
            .map(|a| a.to_string())
            .collect()
        };
        let create = client(&format!(
            "DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name}"
        ));
        let out = Command::new(&create[0])
            .args(&create[1..])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "mariadb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        TlsDatabase {
            drop_with: client(&format!("DROP DATABASE IF EXISTS {name}")),
            url: format!(
                "mysql://tether:tls-s3cret-pw@localhost:{port}/{name}?ssl-mode=VERIFY_IDENTITY&ssl-ca={}",
                s.ca()
            ),
        }
    }
}

impl Drop for TlsDatabase {
    fn drop(&mut self) {
        let _ = Command::new(&self.drop_with[0])
            .args(&self.drop_with[1..])
            .output();
    }
}

#[test]
fn check_drift_and_migrate_apply_run_end_to_end_over_tls() {
    let Some(s) = servers() else { return };
    for (provider, db) in [
        ("postgresql", TlsDatabase::postgres(s)),
        ("mysql", TlsDatabase::mysql(s)),
    ] {
        let dir = project(provider);
        let p = dir.path();
        tether(p, ["check-drift", "--url", &db.url]).expect_code(1);
        tether(p, ["migrate", "apply", "--url", &db.url]).expect_code(0);
        tether(p, ["check-drift", "--url", &db.url]).expect_code(0);
        let status = tether(p, ["migrate", "status", "--url", &db.url]).expect_code(0);
        assert!(
            status.stdout.contains("applied") || status.stderr.contains("applied"),
            "{status:#?}"
        );
        tether(p, ["migrate", "down", "--url", &db.url]).expect_code(0);
        tether(p, ["check-drift", "--url", &db.url]).expect_code(1);
    }
}
