//! The README's example schema (`schema/schema.prisma`), generated with
//! `serde_rename = "database"`: rows read from real databases deserialize into the generated
//! structs, and their JSON round trip loses nothing.
//!
//! SQLite: the database `TETHER_EXAMPLE_SQLITE` names (built by `tether migrate apply` from
//! tether's own migrations), else an in-memory one built with the DDL Prisma Migrate writes.
//! PostgreSQL and MySQL: `TETHER_EXAMPLE_POSTGRES_ROWS` and `TETHER_EXAMPLE_MYSQL_ROWS` name
//! folders of `<table>.json` files, the rows that tether's test read from databases `tether
//! migrate apply` built; unset, those tests say they were skipped (tether's own test decides
//! whether skipping is allowed).

use crate::generated::example_db::{Post, Profile, Tag, User};
use crate::rows;

/// What Prisma Migrate creates for `schema/schema.prisma` on SQLite.
pub(crate) const DDL: &str = r#"
CREATE TABLE "users" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'READER',
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);
CREATE TABLE "profiles" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bio" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    CONSTRAINT "profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE "posts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "views" BIGINT NOT NULL DEFAULT 0,
    "rating" REAL,
    "price" DECIMAL,
    "metadata" JSONB,
    "cover" BLOB,
    "author_id" INTEGER NOT NULL,
    "published_at" DATETIME,
    CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE TABLE "tags" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL
);
CREATE TABLE "_PostToTag" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_PostToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_PostToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "tags" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE UNIQUE INDEX "profiles_user_id_key" ON "profiles"("user_id");
CREATE INDEX "posts_author_id_idx" ON "posts"("author_id");
CREATE UNIQUE INDEX "posts_author_id_title_key" ON "posts"("author_id", "title");
CREATE UNIQUE INDEX "tags_name_key" ON "tags"("name");
CREATE UNIQUE INDEX "_PostToTag_AB_unique" ON "_PostToTag"("A", "B");
CREATE INDEX "_PostToTag_B_index" ON "_PostToTag"("B");
"#;

/// Rows as Prisma Client writes them: `DateTime` as Unix milliseconds, `Boolean` as 0/1, and
/// one `created_at` left to the column's `CURRENT_TIMESTAMP`-style text default.
const ROWS: &str = r#"
INSERT INTO "users" ("email", "name", "role", "created_at", "updated_at")
    VALUES ('ada@example.com', 'Ada Lovelace', 'ADMIN', 1700000000123, 1700000000456);
INSERT INTO "users" ("email", "updated_at") VALUES ('bob@example.com', 1700000000789);
UPDATE "users" SET "created_at" = '2024-02-29 12:34:56' WHERE "email" = 'bob@example.com';
INSERT INTO "profiles" ("bio", "user_id") VALUES ('Première programmeuse, 日本語も', 1);
INSERT INTO "posts" ("title", "body", "published", "views", "rating", "price", "metadata", "cover", "author_id", "published_at")
    VALUES ('Notes', 'On the Analytical Engine', 1, 9007199254740993, 4.5, '12.50',
            '{"tags":["math"],"draft":false,"score":null}', X'00FF10', 1, 1700000001000);
INSERT INTO "posts" ("title", "author_id") VALUES ('Empty', 2);
INSERT INTO "tags" ("name") VALUES ('math');
INSERT INTO "_PostToTag" ("A", "B") VALUES (1, 1);
"#;

fn at(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap()
}

/// Reads every row of `table` into `T`, and checks that each survives a JSON round trip whose
/// keys are the table's column names.
fn read<T>(rows_of: &dyn Fn(&str) -> Vec<serde_json::Value>, table: &str) -> Vec<T>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let mut out = Vec::new();
    for row in rows_of(table) {
        let value: T = serde_json::from_value(row.clone())
            .unwrap_or_else(|e| panic!("{table}: {row} does not deserialize: {e}"));
        let text = serde_json::to_string(&value).unwrap();
        let back: T = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "{table}: JSON round trip through {text}");
        let keys: Vec<String> =
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text)
                .unwrap()
                .keys()
                .cloned()
                .collect();
        let columns: Vec<String> = row.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, columns, "{table}: JSON keys are the column names");
        out.push(value);
    }
    out
}

fn database() -> rusqlite::Connection {
    match std::env::var_os("TETHER_EXAMPLE_SQLITE") {
        Some(path) => rusqlite::Connection::open(path).unwrap(),
        None => {
            let db = rusqlite::Connection::open_in_memory().unwrap();
            db.execute_batch(DDL).unwrap();
            db
        }
    }
}

#[test]
fn sqlite_rows_deserialize_into_the_generated_structs() {
    let db = database();
    db.execute_batch(ROWS).unwrap();
    check_rows(&|table| rows::query(&db, &format!("SELECT * FROM \"{table}\" ORDER BY \"id\"")));
}

#[test]
fn postgres_rows_deserialize_into_the_generated_structs() {
    check_exported_rows("TETHER_EXAMPLE_POSTGRES_ROWS");
}

#[test]
fn mysql_rows_deserialize_into_the_generated_structs() {
    check_exported_rows("TETHER_EXAMPLE_MYSQL_ROWS");
}

/// The rows in the folder of `<table>.json` files that `var` names, or a note that the test
/// was skipped.
fn check_exported_rows(var: &str) {
    let Some(dir) = std::env::var_os(var) else {
        eprintln!("skipped: {var} not set");
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    check_rows(&|table| {
        let text = std::fs::read_to_string(dir.join(format!("{table}.json"))).unwrap();
        serde_json::from_str(&text).unwrap()
    });
}

/// The rows that `ROWS` writes (and tether's PostgreSQL and MySQL tests write the same) as
/// the structs of the generated module `$module`, in a tuple (users, profiles, posts, tags);
/// `$at` makes a time of the module's `DateTime` type from Unix milliseconds.
macro_rules! expected_rows {
    ($module:ident, $at:expr) => {{
        use crate::generated::$module::{Post, Profile, Role, Tag, User};
        let at = $at;
        let users = [
            User {
                id: 1,
                email: "ada@example.com".into(),
                name: Some("Ada Lovelace".into()),
                role: Role::Admin,
                created_at: at(1_700_000_000_123),
                updated_at: at(1_700_000_000_456),
            },
            User {
                id: 2,
                email: "bob@example.com".into(),
                name: None,
                role: Role::Reader,
                // 2024-02-29 12:34:56, as the column's text default writes it.
                created_at: at(1_709_210_096_000),
                updated_at: at(1_700_000_000_789),
            },
        ];
        let profiles = [Profile {
            id: 1,
            bio: "Première programmeuse, 日本語も".into(),
            user_id: 1,
        }];
        let posts = [
            Post {
                id: 1,
                title: "Notes".into(),
                body: Some("On the Analytical Engine".into()),
                published: true,
                views: 9_007_199_254_740_993,
                rating: Some(4.5),
                price: Some("12.5".parse().unwrap()),
                metadata: Some(
                    serde_json::json!({"tags": ["math"], "draft": false, "score": null}),
                ),
                cover: Some(vec![0x00, 0xFF, 0x10]),
                author_id: 1,
                published_at: Some(at(1_700_000_001_000)),
            },
            Post {
                id: 2,
                title: "Empty".into(),
                body: None,
                published: false,
                views: 0,
                rating: None,
                price: None,
                metadata: None,
                cover: None,
                author_id: 2,
                published_at: None,
            },
        ];
        let tags = [Tag {
            id: 1,
            name: "math".into(),
        }];
        (users, profiles, posts, tags)
    }};
}
pub(crate) use expected_rows;

/// The rows that `ROWS` writes, read through serde.
fn check_rows(rows_of: &dyn Fn(&str) -> Vec<serde_json::Value>) {
    let (users, profiles, posts, tags) = expected_rows!(example_db, at);
    assert_eq!(read::<User>(rows_of, "users"), users);
    assert_eq!(read::<Profile>(rows_of, "profiles"), profiles);
    assert_eq!(read::<Post>(rows_of, "posts"), posts);
    assert_eq!(read::<Tag>(rows_of, "tags"), tags);
}
