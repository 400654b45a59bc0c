//! The README's example schema generated with `sqlx = true` (and `serde_rename = "database"`):
//! sqlx reads rows of databases that `tether migrate apply` built straight into the generated
//! structs with `query_as`, through the `sqlx::FromRow` and `sqlx::Type` derives.
//!
//! SQLite: the database `TETHER_EXAMPLE_SQLX_SQLITE` names, else an in-memory one built with
//! the DDL Prisma Migrate writes. PostgreSQL and MySQL: the databases that
//! `TETHER_EXAMPLE_POSTGRES_URL` and `TETHER_EXAMPLE_MYSQL_URL` name, holding the rows that
//! tether's test wrote; unset, those tests say they were skipped (tether's own test decides
//! whether skipping is allowed).
//!
//! Rules: `DateTime` columns without a time zone are `chrono::NaiveDateTime` (sqlx decodes
//! PostgreSQL's `TIMESTAMP` into nothing else), UTC by Prisma's convention. On SQLite the rows
//! hold their times as text, as SQLite's `CURRENT_TIMESTAMP` writes them: sqlx reads an integer
//! `DATETIME` as Unix seconds, where Prisma Client writes milliseconds. sqlx has no `Decimal`
//! for SQLite, so `Post` is read from PostgreSQL and MySQL only; sqlx 0.8 cannot decode a
//! derived enum from a `NOT NULL` MySQL `ENUM` column, so `User` is read from SQLite and
//! PostgreSQL only (the MySQL test pins that failure).

use crate::example::expected_rows;
use crate::generated::example_sqlx::{Post, Profile, Tag, User};
use sqlx::Connection;

/// The rows SQLite gets: `ROWS` of `example.rs` with times as text.
const SQLITE_ROWS: &str = r#"
INSERT INTO "users" ("email", "name", "role", "created_at", "updated_at")
    VALUES ('ada@example.com', 'Ada Lovelace', 'ADMIN', '2023-11-14 22:13:20.123', '2023-11-14 22:13:20.456');
INSERT INTO "users" ("email", "updated_at") VALUES ('bob@example.com', '2023-11-14 22:13:20.789');
UPDATE "users" SET "created_at" = '2024-02-29 12:34:56' WHERE "email" = 'bob@example.com';
INSERT INTO "profiles" ("bio", "user_id") VALUES ('Première programmeuse, 日本語も', 1);
INSERT INTO "tags" ("name") VALUES ('math');
"#;

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

/// Milliseconds since the Unix epoch as the naive UTC time a `TIMESTAMP` column holds.
fn at(ms: i64) -> chrono::NaiveDateTime {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap()
        .naive_utc()
}

/// Every row of `table`, ordered by `id`, as `T`; `quote` quotes the table's name.
macro_rules! read {
    ($conn:expr, $ty:ty, $table:expr, $quote:expr) => {{
        let sql = format!("SELECT * FROM {} ORDER BY id", $quote($table));
        sqlx::query_as::<_, $ty>(&sql)
            .fetch_all(&mut $conn)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", $table))
    }};
}

fn double_quoted(name: &str) -> String {
    format!("\"{name}\"")
}

fn backquoted(name: &str) -> String {
    format!("`{name}`")
}

#[test]
fn sqlite_rows_read_through_sqlx() {
    block_on(async {
        let mut conn = match std::env::var("TETHER_EXAMPLE_SQLX_SQLITE") {
            Ok(path) => sqlx::SqliteConnection::connect(&format!("sqlite:{path}"))
                .await
                .unwrap(),
            Err(_) => {
                let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:")
                    .await
                    .unwrap();
                sqlx::raw_sql(crate::example::DDL)
                    .execute(&mut conn)
                    .await
                    .unwrap();
                conn
            }
        };
        sqlx::raw_sql(SQLITE_ROWS).execute(&mut conn).await.unwrap();
        let (users, profiles, _, tags) = expected_rows!(example_sqlx, at);
        assert_eq!(read!(conn, User, "users", double_quoted), users);
        assert_eq!(read!(conn, Profile, "profiles", double_quoted), profiles);
        assert_eq!(read!(conn, Tag, "tags", double_quoted), tags);
    });
}

#[test]
fn postgres_rows_read_through_sqlx() {
    let Ok(url) = std::env::var("TETHER_EXAMPLE_POSTGRES_URL") else {
        eprintln!("skipped: TETHER_EXAMPLE_POSTGRES_URL not set");
        return;
    };
    block_on(async {
        let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
        let (users, profiles, posts, tags) = expected_rows!(example_sqlx, at);
        assert_eq!(read!(conn, User, "users", double_quoted), users);
        assert_eq!(read!(conn, Profile, "profiles", double_quoted), profiles);
        assert_eq!(read!(conn, Post, "posts", double_quoted), posts);
        assert_eq!(read!(conn, Tag, "tags", double_quoted), tags);
    });
}

#[test]
fn mysql_rows_read_through_sqlx() {
    let Ok(url) = std::env::var("TETHER_EXAMPLE_MYSQL_URL") else {
        eprintln!("skipped: TETHER_EXAMPLE_MYSQL_URL not set");
        return;
    };
    block_on(async {
        let mut conn = sqlx::MySqlConnection::connect(&url).await.unwrap();
        // sqlx 0.8 compares all of a MySQL ENUM column's flags with its derived enums' and
        // finds `NOT NULL` ones incompatible (launchbadge/sqlx#3750): `users.role` does not
        // decode, as the README says. This fails when a sqlx release fixes it.
        let err = sqlx::query_as::<_, User>("SELECT * FROM `users` ORDER BY id")
            .fetch_all(&mut conn)
            .await
            .expect_err("sqlx#3750 fixed: a derived enum reads a NOT NULL MySQL ENUM");
        assert!(
            err.to_string().contains("\"role\": mismatched types"),
            "{err}"
        );
        let (_, profiles, posts, tags) = expected_rows!(example_sqlx, at);
        assert_eq!(read!(conn, Profile, "profiles", backquoted), profiles);
        assert_eq!(read!(conn, Post, "posts", backquoted), posts);
        assert_eq!(read!(conn, Tag, "tags", backquoted), tags);
    });
}
