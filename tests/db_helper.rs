//! The per-test database helper itself (`tests/common`), on the real PostgreSQL and MariaDB
//! servers: a fresh database that is really the one connected to, and really gone after drop.

mod common;

use common::{Server, TestDatabase};
use mysql::prelude::Queryable;

#[test]
fn postgres_database_is_fresh_and_dropped() {
    let Some(db) = TestDatabase::create(Server::Postgres) else {
        return;
    };
    let mut client = db.postgres();
    let row = client
        .query_one("SELECT 1 + 1, current_database()", &[])
        .unwrap();
    assert_eq!(row.get::<_, i32>(0), 2);
    assert_eq!(row.get::<_, String>(1), db.name);
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 0, "a fresh database has no tables");
    drop(client);

    let name = db.name.clone();
    let admin_url = std::env::var(Server::Postgres.env_var()).unwrap();
    drop(db);
    let mut admin = postgres::Client::connect(&admin_url, postgres::NoTls).unwrap();
    let left: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_database WHERE datname = $1",
            &[&name],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "{name} still exists after drop");
}

#[test]
fn mysql_database_is_fresh_and_dropped() {
    let Some(db) = TestDatabase::create(Server::Mysql) else {
        return;
    };
    let mut conn = db.mysql();
    let row: (i64, String) = conn
        .query_first("SELECT 1 + 1, DATABASE()")
        .unwrap()
        .unwrap();
    assert_eq!(row, (2, db.name.clone()));
    let tables: Vec<String> = conn.query("SHOW TABLES").unwrap();
    assert!(
        tables.is_empty(),
        "a fresh database has no tables: {tables:?}"
    );
    drop(conn);

    let name = db.name.clone();
    let admin_url = std::env::var(Server::Mysql.env_var()).unwrap();
    drop(db);
    let mut admin = mysql::Conn::new(mysql::Opts::from_url(&admin_url).unwrap()).unwrap();
    let left: Vec<String> = admin
        .exec(
            "SELECT schema_name FROM information_schema.schemata WHERE schema_name = ?",
            (name.clone(),),
        )
        .unwrap();
    assert!(left.is_empty(), "{name} still exists after drop");
}

#[test]
fn database_urls_keep_credentials_and_options() {
    assert_eq!(
        common::with_database("postgresql://u:p@h:5432/postgres?sslmode=disable", "t1"),
        "postgresql://u:p@h:5432/t1?sslmode=disable"
    );
    assert_eq!(
        common::with_database("mysql://root@127.0.0.1:3306", "t2"),
        "mysql://root@127.0.0.1:3306/t2"
    );
}
