//! The chat schema of the Python behaviour suite (`tests/toolchains/python/behaviour/`),
//! generated with `sqlx = true` once per provider: sqlx reads every table that the Python models
//! filled (`behaviour.py fill`) on a database `tether migrate apply` built, with `query_as`.
//!
//! `TETHER_BEHAVIOUR_{SQLITE,POSTGRES,MYSQL}_URL` name the databases; unset, a test says it was
//! skipped (tether's own test decides whether skipping is allowed). The sqlx 0.8 limits the README
//! names hold here too: no `Decimal` on SQLite (`Attachment` and `Reminder` are not read there:
//! their structs do not implement `FromRow` for SQLite rows), and a derived enum does not decode
//! from a `NOT NULL` MySQL `ENUM` (`users.role`: pinned below, so a fixed sqlx release shows).

use sqlx::Connection;

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

/// Every row of `$table` as `$ty`.
macro_rules! read {
    ($conn:expr, $ty:ty, $table:expr) => {{
        sqlx::query_as::<_, $ty>(&format!("SELECT * FROM {}", $table))
            .fetch_all(&mut $conn)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", $table))
    }};
}

fn url(var: &str) -> Option<String> {
    let url = std::env::var(var).ok();
    if url.is_none() {
        eprintln!("skipped: {var} not set");
    }
    url
}

#[test]
fn sqlite_tables_read_through_sqlx() {
    use crate::generated::behaviour_sqlite as m;
    let Some(url) = url("TETHER_BEHAVIOUR_SQLITE_URL") else {
        return;
    };
    block_on(async {
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let users = read!(conn, m::User, "\"users\"");
        assert_eq!(users.len(), 2);
        let ada = users.iter().find(|u| u.handle == "ada").expect("ada");
        assert_eq!(ada.avatar.as_deref(), Some(&[0u8, 255][..]));
        assert_eq!(ada.settings, serde_json::json!({"a": 1}));
        assert_eq!(read!(conn, m::Conversation, "\"Conversation\"").len(), 1);
        assert_eq!(read!(conn, m::Membership, "\"Membership\"").len(), 1);
        let messages = read!(conn, m::Message, "\"Message\"");
        assert_eq!(messages[0].meta, Some(serde_json::json!({"k": [1, 2]})));
        assert_eq!(read!(conn, m::Reaction, "\"Reaction\"")[0].emoji, "+1");
        let device = &read!(conn, m::Device, "\"Device\"")[0];
        assert!(device.online && device.uptime == 1 << 40 && device.battery == 1.5);
    });
}

#[test]
fn postgres_tables_read_through_sqlx() {
    use crate::generated::behaviour_postgresql as m;
    let Some(url) = url("TETHER_BEHAVIOUR_POSTGRES_URL") else {
        return;
    };
    block_on(async {
        let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
        let users = read!(conn, m::User, "\"users\"");
        assert_eq!(users.len(), 2);
        assert!(users.iter().any(|u| u.role == m::Role::Admin));
        assert_eq!(read!(conn, m::Conversation, "\"Conversation\"").len(), 1);
        assert_eq!(read!(conn, m::Membership, "\"Membership\"").len(), 1);
        assert_eq!(read!(conn, m::Message, "\"Message\"")[0].body, "hello");
        let attachment = &read!(conn, m::Attachment, "\"Attachment\"")[0];
        assert_eq!(attachment.data, b"\x89PNG");
        assert_eq!(attachment.size, rust_decimal::Decimal::new(125, 1));
        assert_eq!(read!(conn, m::Reaction, "\"Reaction\"").len(), 1);
        let device = &read!(conn, m::Device, "\"Device\"")[0];
        assert!(device.online && device.uptime == 1 << 40 && device.battery == 1.5);
        let reminder = &read!(conn, m::Reminder, "\"Reminder\"")[0];
        assert_eq!(reminder.day, chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        assert_eq!(reminder.at, chrono::NaiveTime::from_hms_opt(9, 30, 0).unwrap());
        assert_eq!(reminder.amount.to_string(), "12.50");
    });
}

#[test]
fn mysql_tables_read_through_sqlx() {
    use crate::generated::behaviour_mysql as m;
    let Some(url) = url("TETHER_BEHAVIOUR_MYSQL_URL") else {
        return;
    };
    block_on(async {
        let mut conn = sqlx::MySqlConnection::connect(&url).await.unwrap();
        // launchbadge/sqlx#3750: fails when a sqlx release fixes it (README, generated code).
        let err = sqlx::query_as::<_, m::User>("SELECT * FROM `users`")
            .fetch_all(&mut conn)
            .await
            .expect_err("sqlx#3750 fixed: a derived enum reads a NOT NULL MySQL ENUM");
        assert!(err.to_string().contains("mismatched types"), "{err}");
        assert_eq!(read!(conn, m::Conversation, "`Conversation`").len(), 1);
        assert_eq!(read!(conn, m::Membership, "`Membership`").len(), 1);
        assert_eq!(read!(conn, m::Message, "`Message`")[0].body, "hello");
        let attachment = &read!(conn, m::Attachment, "`Attachment`")[0];
        assert_eq!(attachment.data, b"\x89PNG");
        assert_eq!(read!(conn, m::Reaction, "`Reaction`").len(), 1);
        let device = &read!(conn, m::Device, "`Device`")[0];
        assert!(device.online && device.uptime == 1 << 40 && device.battery == 1.5);
        let reminder = &read!(conn, m::Reminder, "`Reminder`")[0];
        assert_eq!(reminder.day, chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        assert_eq!(reminder.amount.to_string(), "12.50");
    });
}
