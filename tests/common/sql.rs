//! Raw SQL against a test database, for what tether must not do itself: making drift by hand,
//! inserting rows before a migration and reading them after.

use mysql::prelude::Queryable;

/// Runs statements (separated by `;`) against the database behind `url`.
pub fn execute(url: &str, sql: &str) {
    if let Some(path) = sqlite_path(url) {
        rusqlite::Connection::open(path)
            .unwrap()
            .execute_batch(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    } else if url.starts_with("postgres") {
        postgres::Client::connect(url, postgres::NoTls)
            .unwrap()
            .batch_execute(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    } else {
        let mut conn = mysql::Conn::new(mysql::Opts::from_url(url).unwrap()).unwrap();
        for statement in sql.split(';').filter(|s| !s.trim().is_empty()) {
            conn.query_drop(statement)
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    }
}

/// The first column of every row of `sql`, as text.
pub fn column(url: &str, sql: &str) -> Vec<String> {
    if let Some(path) = sqlite_path(url) {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get::<_, rusqlite::types::Value>(0))
            .unwrap()
            .map(|v| match v.unwrap() {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            })
            .collect()
    } else if url.starts_with("postgres") {
        let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
        client
            .simple_query(sql)
            .unwrap()
            .into_iter()
            .filter_map(|m| match m {
                postgres::SimpleQueryMessage::Row(r) => Some(r.get(0).unwrap_or("NULL").to_owned()),
                _ => None,
            })
            .collect()
    } else {
        let mut conn = mysql::Conn::new(mysql::Opts::from_url(url).unwrap()).unwrap();
        conn.query::<Option<String>, _>(sql)
            .unwrap()
            .into_iter()
            .map(|v| v.unwrap_or_else(|| "NULL".to_owned()))
            .collect()
    }
}

fn sqlite_path(url: &str) -> Option<&str> {
    url.strip_prefix("sqlite:")
}
