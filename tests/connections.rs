//! Connecting as users do in CI, against real servers and a real silent listener: timeouts
//! that bound the whole of connecting, one readable line per failure, passwords that never
//! reach the output wherever they were in the URL, URL parameters named when wrong, the
//! migration lock's wait, statement timeouts, Unix sockets. (TLS has its own file, `tls.rs`.)

mod common;

use common::{Server, Target, TestDatabase, tether, with_login};
use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
}

model Account {
  id    Int    @id @default(autoincrement())
  email String @unique
}
"#;

/// A project with its migrations written for `target`.
fn project(target: Target) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("schema.prisma"),
        SCHEMA.replace("postgresql", target.dialect()),
    )
    .unwrap();
    tether(dir.path(), ["gen"]).expect_code(0);
    dir
}

/// A TCP listener that accepts every connection and never says a word: a hung server, a
/// proxy in front of nothing. It lives as long as the value.
struct SilentServer {
    port: u16,
    _accepting: std::thread::JoinHandle<()>,
}

impl SilentServer {
    fn start() -> SilentServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let accepting = std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming() {
                held.push(stream);
            }
        });
        SilentServer {
            port,
            _accepting: accepting,
        }
    }
}

#[test]
fn a_server_that_never_answers_fails_within_the_connect_timeout() {
    let silent = SilentServer::start();
    for target in [Target::Postgres, Target::Mysql] {
        let dir = project(target);
        let scheme = match target {
            Target::Postgres => "postgresql",
            _ => "mysql",
        };
        let url = format!("{scheme}://app:Hung-pw-77@127.0.0.1:{}/app", silent.port);
        for command in [
            &["check-drift", "--url", &url, "--connect-timeout", "2"][..],
            &["migrate", "apply", "--url", &url, "--connect-timeout", "2"][..],
        ] {
            let started = Instant::now();
            let run = tether(dir.path(), command).expect_code(2);
            let took = started.elapsed();
            assert!(
                took < Duration::from_secs(3),
                "{target:?} {command:?} took {took:?}: {run:#?}"
            );
            assert!(
                run.stderr
                    .contains(&format!("127.0.0.1:{}/app", silent.port))
                    && run.stderr.contains("no answer within 2 s"),
                "{run:#?}"
            );
            assert_eq!(run.stderr.trim().lines().count(), 1, "{run:#?}");
            assert!(!run.stderr.contains("Hung-pw-77"), "{run:#?}");
        }
    }
}

#[test]
fn a_mysql_url_at_a_postgres_port_is_one_clear_line() {
    let Some(pg) = Server::Postgres.url() else {
        return;
    };
    let port = pg
        .rsplit_once(':')
        .and_then(|(_, rest)| rest.split('/').next())
        .unwrap_or("5432")
        .to_owned();
    let dir = project(Target::Mysql);
    let url = format!("mysql://root@127.0.0.1:{port}/test");
    let run = tether(
        dir.path(),
        ["check-drift", "--url", &url, "--connect-timeout", "3"],
    )
    .expect_code(2);
    assert_eq!(run.stderr.trim().lines().count(), 1, "{run:#?}");
    for debug_form in ["CodecError", "MySqlError", "DriverError", "{ "] {
        assert!(!run.stderr.contains(debug_form), "{run:#?}");
    }
    assert!(
        run.stderr.contains(&format!("127.0.0.1:{port}/test")),
        "{run:#?}"
    );
}

#[test]
fn mysql_errors_are_words_not_debug_dumps() {
    let Some(admin) = Server::Mysql.url() else {
        return;
    };
    let dir = project(Target::Mysql);
    let url = with_login(&admin, "no_such_user", "Wrong-pw-42");
    let run = tether(dir.path(), ["check-drift", "--url", &url]).expect_code(2);
    assert!(run.stderr.contains("Access denied"), "{run:#?}");
    assert!(!run.stderr.contains("MySqlError"), "{run:#?}");
    assert!(run.stderr.contains("(error 1045"), "{run:#?}");
}

/// Every place a URL carries a password, and every kind of failure a user meets: a refused
/// login, a closed port, a TLS failure.
#[test]
fn passwords_never_reach_the_output_wherever_they_were() {
    let secret = "Pa55-in-every-place";
    let mut urls = vec![
        format!("postgresql://app:{secret}@127.0.0.1:1/app"),
        format!("postgresql://app@127.0.0.1:1/app?password={secret}"),
        format!("mysql://app:{secret}@127.0.0.1:1/app"),
        format!("mysql://app@127.0.0.1:1/app?password={secret}"),
        // Percent-encoded, as a URL must carry `@` or `/`.
        "postgresql://app:Pa55%40in%2Fevery@127.0.0.1:1/app".to_owned(),
    ];
    if let Some(pg) = Server::Postgres.url() {
        let refused = with_login(&pg, "no_such_user", secret);
        urls.push(refused.clone());
        urls.push(format!(
            "{}{}password={secret}&sslmode=disable",
            with_login(&pg, "no_such_user", "x"),
            if pg.contains('?') { "&" } else { "?" }
        ));
        // TLS failure: the local server's certificate is not signed by this CA.
        let ca = common::root().join("tests/tls/unrelated-ca.pem");
        urls.push(format!(
            "{refused}{}sslmode=verify-full&sslrootcert={}",
            if refused.contains('?') { "&" } else { "?" },
            ca.display()
        ));
    }
    if let Some(my) = Server::Mysql.url() {
        let refused = with_login(&my, "no_such_user", secret);
        urls.push(refused.clone());
        // TLS failure: the local server has no TLS.
        urls.push(format!(
            "{refused}{}ssl-mode=REQUIRED",
            if refused.contains('?') { "&" } else { "?" }
        ));
    }
    let dir = project(Target::Postgres);
    for url in &urls {
        for args in [
            vec!["check-drift", "--url", url, "--connect-timeout", "3"],
            vec!["migrate", "status", "--url", url, "--connect-timeout", "3"],
            vec!["migrate", "apply", "--url", url, "--connect-timeout", "3"],
        ] {
            let run = tether(dir.path(), &args);
            assert_eq!(run.code, 2, "{run:#?}");
            for hidden in [secret, "Pa55@in/every", "Pa55%40in%2Fevery"] {
                assert!(
                    !run.stdout.contains(hidden) && !run.stderr.contains(hidden),
                    "password leaked: {run:#?}"
                );
            }
        }
    }
}

#[test]
fn unknown_and_invalid_url_parameters_are_named() {
    let dir = project(Target::Postgres);
    for (url, named) in [
        (
            "postgresql://app@127.0.0.1:1/app?sslmod=require",
            "`sslmod`",
        ),
        (
            "postgresql://app@127.0.0.1:1/app?sslmode=verify_full",
            "`sslmode`",
        ),
        (
            "postgresql://app@127.0.0.1:1/app?sslidentity=id.p12",
            "`sslidentity`",
        ),
        ("mysql://app@127.0.0.1:1/app?ssl-mode=STRICT", "`ssl-mode`"),
        (
            "mysql://app@127.0.0.1:1/app?require_ssl=true",
            "`require_ssl`",
        ),
    ] {
        let run = tether(dir.path(), ["check-drift", "--url", url]).expect_code(2);
        assert!(run.stderr.contains(named), "{url}: {run:#?}");
        assert_eq!(run.stderr.trim().lines().count(), 1, "{run:#?}");
    }
}

/// `migrate apply` while another run holds the migration lock says that it waits, and gives
/// up after `--lock-timeout` with a clear error; once the lock is free it applies.
#[test]
fn a_second_apply_says_it_waits_for_the_lock_and_gives_up() {
    for target in Target::ALL {
        let dir = project(target);
        let Some(db) = target.database(dir.path(), "locked") else {
            continue;
        };
        let holder = LockHolder::take(target, &db.url);
        let started = Instant::now();
        let run = tether(
            dir.path(),
            ["migrate", "apply", "--url", &db.url, "--lock-timeout", "2"],
        )
        .expect_code(2);
        let took = started.elapsed();
        assert!(
            run.stderr.contains("waiting for the migration lock"),
            "{target:?}: {run:#?}"
        );
        assert!(
            run.stderr
                .contains("still holds the migration lock after 2 s"),
            "{target:?}: {run:#?}"
        );
        assert!(
            took >= Duration::from_secs(2) && took < Duration::from_secs(8),
            "{target:?}: gave up after {took:?}"
        );
        drop(holder);
        tether(dir.path(), ["migrate", "apply", "--url", &db.url]).expect_code(0);
    }
}

/// Holds the lock `migrate apply` takes, as another run would, until dropped.
enum LockHolder {
    Postgres(postgres::Client),
    Mysql(mysql::Conn),
    Sqlite(rusqlite::Connection),
}

impl LockHolder {
    fn take(target: Target, url: &str) -> LockHolder {
        match target {
            Target::Postgres => {
                let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
                // tether's advisory lock key.
                client
                    .batch_execute("SELECT pg_advisory_lock(7270736901)")
                    .unwrap();
                LockHolder::Postgres(client)
            }
            Target::Mysql => {
                use mysql::prelude::Queryable;
                let mut conn = mysql::Conn::new(mysql::Opts::from_url(url).unwrap()).unwrap();
                conn.query_drop("SELECT GET_LOCK('tether_migrate', 0)")
                    .unwrap();
                LockHolder::Mysql(conn)
            }
            Target::Sqlite => {
                let path = url.strip_prefix("sqlite:").unwrap();
                let conn = rusqlite::Connection::open(path).unwrap();
                conn.execute_batch("BEGIN IMMEDIATE").unwrap();
                LockHolder::Sqlite(conn)
            }
        }
    }
}

impl Drop for LockHolder {
    fn drop(&mut self) {
        match self {
            LockHolder::Postgres(client) => {
                let _ = client.batch_execute("SELECT pg_advisory_unlock_all()");
            }
            LockHolder::Mysql(conn) => {
                use mysql::prelude::Queryable;
                let _ = conn.query_drop("SELECT RELEASE_LOCK('tether_migrate')");
            }
            LockHolder::Sqlite(conn) => {
                let _ = conn.execute_batch("ROLLBACK");
            }
        }
    }
}

/// A catalog another session holds locked: the check stops at the statement timeout with the
/// server's reason instead of hanging the CI job.
#[test]
fn a_locked_catalog_stops_at_the_statement_timeout() {
    let Some(db) = TestDatabase::create(Server::Postgres) else {
        return;
    };
    let dir = project(Target::Postgres);
    tether(dir.path(), ["migrate", "apply", "--url", &db.url]).expect_code(0);
    let mut locker = db.postgres();
    locker
        .batch_execute("BEGIN; LOCK TABLE pg_catalog.pg_enum IN ACCESS EXCLUSIVE MODE")
        .unwrap();
    let started = Instant::now();
    let run = tether(
        dir.path(),
        ["check-drift", "--url", &db.url, "--statement-timeout", "2"],
    )
    .expect_code(2);
    let took = started.elapsed();
    locker.batch_execute("ROLLBACK").unwrap();
    assert!(run.stderr.contains("statement timeout"), "{run:#?}");
    assert!(took < Duration::from_secs(8), "took {took:?}");
    tether(dir.path(), ["check-drift", "--url", &db.url]).expect_code(0);
}

/// `?host=/path/to/socket/folder`, as libpq and Prisma write a Unix socket.
#[test]
fn a_postgres_unix_socket_host() {
    let Some(db) = TestDatabase::create(Server::Postgres) else {
        return;
    };
    let folder = "/var/run/postgresql";
    assert!(
        Path::new(folder).join(".s.PGSQL.5432").exists(),
        "the PostgreSQL test server's socket is not in {folder}"
    );
    let dir = project(Target::Postgres);
    let url = format!(
        "postgresql://postgres@localhost/{}?host={}&sslmode=require",
        db.name,
        folder.replace('/', "%2F")
    );
    tether(dir.path(), ["migrate", "apply", "--url", &url]).expect_code(0);
    tether(dir.path(), ["check-drift", "--url", &url]).expect_code(0);
}
