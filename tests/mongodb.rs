//! MongoDB (issue #17), what is built so far: a MongoDB schema validates with Prisma's own
//! validator, and `tether gen` writes the migration commands (collections with `$jsonSchema`
//! validators, `collMod`, indexes, drops; `migration.json`, `down.json`, `migration.js`) and the
//! Python document models (Pydantic v2) and the Rust structs (serde, `bson`), which replay to a
//! fixed point (`gen --check`). The
//! TypeScript types of the same schema are checked against Prisma Client's, both ways, by
//! `tests/codegen_typescript.rs`.
//!
//! Verified against what, exactly:
//! - the commands, the validators and the indexes: run against SecantusDB 0.7.0b3, a MongoDB
//!   wire-protocol server that runs offline (from PyPI, pinned in
//!   `tests/toolchains/mongodb/requirements.txt`), through PyMongo 4.20: the validators are
//!   stored as written, enforce what they say (error 121 for each broken document the check
//!   tries), a `$nor`/`$jsonSchema` query finds the one document let in past them; the indexes
//!   are listed as created (text indexes aside: the server has none); every down.json leaves
//!   the database empty (`tests/toolchains/mongodb/check.py`);
//! - the documents module: imported, `mypy --strict`, `ruff check`, `ruff format --check`;
//!   documents it writes go into that server, come back and validate again, and round-trip
//!   through BSON and JSON.
//!
//! - `check-drift` through MongoDB's Rust driver: against SecantusDB too.
//!
//! - `migrate apply|status|down` through the driver: against SecantusDB too.
//!
//! Not verified here: a real mongod (none can be installed offline); text indexes; `migration.js`
//! under mongosh (not installed here).

mod common;
#[path = "toolchains/tools.rs"]
mod tools;

use common::{root, tether};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// `target/mongodb-venv`: the pinned MongoDB toolchain, installed once per checkout.
fn venv_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let requirements = root().join("tests/toolchains/mongodb/requirements.txt");
        let wanted = std::fs::read_to_string(&requirements).unwrap();
        tools::install_venv(
            "mongodb-venv",
            &wanted,
            &["-r".to_owned(), requirements.display().to_string()],
        )
    })
}

fn py(tool: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(venv_bin().join(tool));
    cmd.current_dir(dir).env("PYTHONPATH", dir);
    cmd
}

const CONFIG: &str = "schema = \"schema.prisma\"\n\n[python]\nmodels = \"app/documents.py\"\n\n[rust]\nout = \"documents.rs\"\n";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("fixtures/mongodb/chat/schema.prisma"),
        dir.path().join("schema.prisma"),
    )
    .unwrap();
    std::fs::write(dir.path().join("tether.toml"), CONFIG).unwrap();
    std::fs::create_dir_all(dir.path().join("app")).unwrap();
    std::fs::write(dir.path().join("app/__init__.py"), "").unwrap();
    dir
}

fn migrations(dir: &Path) -> Vec<PathBuf> {
    common::migration_folders(&dir.join("migrations"))
}

fn check_static(dir: &Path) {
    tools::run_ok(
        "import the documents module",
        py("python", dir).args(["-c", "import app.documents"]),
    );
    tools::run_ok(
        "ruff check",
        py("ruff", dir).args(["check", "--isolated", "--no-cache", "app"]),
    );
    tools::run_ok(
        "ruff format --check",
        py("ruff", dir).args(["format", "--isolated", "--no-cache", "--diff", "app"]),
    );
    tools::run_ok(
        "mypy --strict",
        py("mypy", dir).args(["--strict", "--no-incremental", "app"]),
    );
}

fn check_on_server(dir: &Path) -> String {
    let out = tools::run_ok(
        "the commands and documents on SecantusDB",
        py("python", dir)
            .arg(root().join("tests/toolchains/mongodb/check.py"))
            .args([dir.to_str().unwrap(), "app.documents"]),
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_chat_schema_gets_commands_and_documents_that_hold_on_a_wire_protocol_server() {
    let dir = project();
    let dir = dir.path();
    let run = tether(dir, ["gen"]).expect_code(0);
    assert!(run.stderr.contains("mongodb: wrote"), "{}", run.stderr);
    let first = migrations(dir);
    assert_eq!(first.len(), 1);
    for file in ["migration.json", "down.json", "migration.js"] {
        assert!(first[0].join(file).is_file(), "no {file}");
    }
    let commands = std::fs::read_to_string(first[0].join("migration.json")).unwrap();
    for expected in [
        r#""create": "users""#,
        r#""validationLevel": "moderate""#,
        r#""bsonType": "objectId""#,
        r#""createIndexes": "messages""#,
        r#""conversationId": 1"#,
        r#""sentAt": -1"#,
        r#""body": "text""#,
        r#""name": "users_email_key""#,
        // An index on a field of an embedded document.
        r#""settings.theme": 1"#,
        r#""name": "users_settings_theme_idx""#,
    ] {
        assert!(
            commands.contains(expected),
            "missing {expected}:\n{commands}"
        );
    }
    tether(dir, ["gen", "--check"]).expect_code(0);
    check_static(dir);
    let said = check_on_server(dir);
    assert!(
        said.contains("checked 1 migration(s) up and down, 3 collection(s)"),
        "{said}"
    );

    // The schema evolves: a field (the validator changes), an index, a collection gone and
    // one new.
    let schema = std::fs::read_to_string(dir.join("schema.prisma")).unwrap();
    let schema = schema
        .replace(
            "  editedAt       DateTime?\n",
            "  editedAt       DateTime?\n  language       String       @default(\"en\")\n",
        )
        .replace(
            "  @@fulltext([body])\n",
            "  @@fulltext([body])\n  @@index([authorId])\n",
        )
        + "\nmodel Invite {\n  id    String @id @default(auto()) @map(\"_id\") @db.ObjectId\n  email String @unique\n}\n";
    std::fs::write(dir.join("schema.prisma"), schema).unwrap();
    tether(dir, ["gen"]).expect_code(0);
    let both = migrations(dir);
    assert_eq!(both.len(), 2);
    let second = std::fs::read_to_string(both[1].join("migration.json")).unwrap();
    for expected in [
        r#""collMod": "messages""#,
        r#""language""#,
        r#""name": "messages_authorId_idx""#,
        r#""create": "Invite""#,
    ] {
        assert!(second.contains(expected), "missing {expected}:\n{second}");
    }
    let down = std::fs::read_to_string(both[1].join("down.json")).unwrap();
    assert!(down.contains(r#""drop": "Invite""#), "{down}");
    assert!(
        down.contains("dropping collection `Invite`: all its documents are lost"),
        "{down}"
    );
    tether(dir, ["gen", "--check"]).expect_code(0);
    check_static(dir);
    let said = check_on_server(dir);
    assert!(
        said.contains("checked 2 migration(s) up and down, 4 collection(s)"),
        "{said}"
    );
}

/// The generated Rust structs, compiled with the `bson` crate into the check crate, pass rustfmt
/// and clippy, and read and write the chat's documents (`tests/toolchains/mongodb/chat.rs`).
#[test]
fn the_rust_structs_read_and_write_documents_through_bson() {
    let dir = project();
    tether(dir.path(), ["gen"]).expect_code(0);
    let documents = std::fs::read_to_string(dir.path().join("documents.rs")).unwrap();
    let chat = std::fs::read_to_string(root().join("tests/toolchains/mongodb/chat.rs")).unwrap();
    let lib = "#[cfg(feature = \"mongodb\")]\npub mod generated {\n    pub mod documents;\n}\n\n#[cfg(all(test, feature = \"mongodb\"))]\nmod chat;\n";
    tools::check_rust_crate(
        &[
            ("src/lib.rs".to_owned(), lib.to_owned()),
            ("src/generated/documents.rs".to_owned(), documents),
            ("src/chat.rs".to_owned(), chat),
        ],
        &["mongodb"],
        &[],
    );
}

#[test]
fn a_hand_edit_that_breaks_a_migration_file_is_named_with_the_file() {
    let dir = project();
    let dir = dir.path();
    tether(dir, ["gen"]).expect_code(0);
    let file = migrations(dir)[0].join("migration.json");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("\"create\"", "\"craete\"", 1)).unwrap();
    let run = tether(dir, ["gen", "--check"]).expect_code(2);
    assert!(
        run.stderr.contains("migration.json: command 1: `craete`"),
        "{}",
        run.stderr
    );
    // A hand edit that keeps the file valid counts: migration.js follows it.
    std::fs::write(&file, text.replacen("\"moderate\"", "\"strict\"", 1)).unwrap();
    let run = tether(dir, ["gen", "--check"]).expect_code(1);
    assert!(
        run.stdout.contains("stale: ") && run.stdout.contains("migration.js"),
        "{}",
        run.stdout
    );
    tether(dir, ["gen"]).expect_code(0);
    let js = std::fs::read_to_string(file.with_file_name("migration.js")).unwrap();
    assert!(js.contains(r#""validationLevel": "strict""#), "{js}");
    tether(dir, ["gen", "--check"]).expect_code(0);
}

/// `mongodb` is a provider with no SQL dialect: in a key that names a SQL dialect it is a
/// config error, not a crash.
#[test]
fn mongodb_in_a_sql_dialect_key_is_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::copy(root().join("schema/schema.prisma"), p.join("schema.prisma")).unwrap();
    for (config, said) in [
        (
            "[migrations]\ndialects = [\"mongodb\"]\n",
            "the dialect of a MongoDB schema",
        ),
        (
            "[migrations]\ndialects = [\"sqlite\", \"mongodb\"]\n",
            "does not go with SQL dialects",
        ),
        (
            "[python]\nmodels = \"m.py\"\nalembic_dialect = \"mongodb\"\n",
            "`python.alembic_dialect`: `mongodb` is not a SQL dialect",
        ),
        (
            "[docs]\nmermaid = \"d.md\"\ndialect = \"mongodb\"\n",
            "`docs.dialect`: `mongodb` is not a SQL dialect",
        ),
    ] {
        std::fs::write(
            p.join("tether.toml"),
            format!("schema = \"schema.prisma\"\n{config}"),
        )
        .unwrap();
        let run = tether(p, ["gen"]).expect_code(2);
        assert!(run.stderr.contains(said), "{config}: {}", run.stderr);
    }
}

/// A SecantusDB server on a free port, data in memory, stopped when dropped.
struct Secantus {
    child: std::process::Child,
    port: u16,
}

impl Secantus {
    fn start() -> Secantus {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(venv_bin().join("secantusd-py"))
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args([
                "--storage-path",
                ":memory:",
                "--standalone",
                "--log-level",
                "WARNING",
            ])
            .spawn()
            .expect("secantusd-py starts");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "SecantusDB did not listen within 60 s"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Secantus { child, port }
    }

    fn url(&self) -> String {
        format!(
            "mongodb://127.0.0.1:{}/chat?directConnection=true",
            self.port
        )
    }
}

impl Drop for Secantus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn check_py(dir: &Path, args: &[&str]) {
    tools::run_ok(
        &format!("check.py {}", args.join(" ")),
        py("python", dir)
            .arg(root().join("tests/toolchains/mongodb/check.py"))
            .args(args),
    );
}

/// `check-drift` on a MongoDB database through the driver: none on the database the
/// migrations built; each kind of hand-made drift reported by kind with exit 1 (JSON); the
/// `--fix-sql` commands name what fixes it; `--sample` finds the document the validator would
/// refuse. Verified against SecantusDB, not a real mongod.
#[test]
fn check_drift_reads_a_mongodb_database_and_reports_each_kind_of_drift() {
    let dir = project();
    let dir = dir.path();
    tether(dir, ["gen"]).expect_code(0);
    let server = Secantus::start();
    let url = server.url();
    check_py(dir, &["--apply", &url, dir.to_str().unwrap()]);
    // The text index is the one thing the server cannot build (it has no text indexes): the
    // only difference on the database the migrations built.
    let clean = tether(dir, ["check-drift", "--url", &url, "--sample", "1000"]).expect_code(1);
    assert_eq!(
        clean.stdout,
        "drift: messages.messages_body_idx: index is missing (expected {body: \"text\"})\n",
        "{}",
        clean.stderr
    );
    check_py(dir, &["--drift", &url]);
    let run = tether(
        dir,
        [
            "check-drift",
            "--url",
            &url,
            "--sample",
            "1000",
            "--format",
            "json",
        ],
    )
    .expect_code(1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let kinds: Vec<(String, String)> = report["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap().to_owned(),
                d["object"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for expected in [
        ("missing_index", "messages.messages_body_idx"),
        ("missing_index", "users.users_email_key"),
        ("validation_settings", "messages"),
        ("extra_collection", "strays"),
        ("invalid_documents", "users"),
    ] {
        assert!(
            kinds
                .iter()
                .any(|(k, o)| k == expected.0 && o == expected.1),
            "no {expected:?} in {kinds:?}"
        );
    }
    assert_eq!(kinds.len(), 5, "{kinds:?}");
    let fix = tether(dir, ["check-drift", "--url", &url, "--fix-sql"]).expect_code(1);
    for expected in [
        r#""createIndexes": "users""#,
        r#""collMod": "messages""#,
        r#""drop": "strays""#,
    ] {
        assert!(
            fix.stdout.contains(expected),
            "missing {expected}:\n{}",
            fix.stdout
        );
    }
    // An unreachable server is said within the timeout, its password nowhere.
    drop(server);
    let run = tether(
        dir,
        [
            "check-drift",
            "--url",
            &url.replace("127.0.0.1", "chat:S3cret-pw@127.0.0.1"),
            "--connect-timeout",
            "2",
        ],
    )
    .expect_code(2);
    assert!(
        run.stderr.contains("cannot reach 127.0.0.1:"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("S3cret-pw"), "{}", run.stderr);
}

/// `migrate apply|status|down` on a MongoDB database through the driver: the first migration
/// adopts a collection an application made before (validator by `collMod`), the history
/// records each migration, an evolution applies and reverts, `check-drift` agrees at each step,
/// an edited applied migration and a held lock stop the run. (No `@@fulltext` here: the server
/// has no text indexes.)
#[test]
fn migrate_applies_reverts_and_records_commands_on_a_mongodb_database() {
    let dir = project();
    let dir = dir.path();
    let v1 = std::fs::read_to_string(dir.join("schema.prisma"))
        .unwrap()
        .replace("  @@fulltext([body])\n", "");
    std::fs::write(dir.join("schema.prisma"), &v1).unwrap();
    tether(dir, ["gen"]).expect_code(0);
    let server = Secantus::start();
    let url = server.url();
    check_py(
        dir,
        &[
            "--insert",
            &url,
            "users",
            r#"{"email": "early@example.com"}"#,
        ],
    );
    let run = tether(dir, ["migrate", "apply", "--url", &url]).expect_code(0);
    assert!(
        run.stderr.contains("applied 1 migration(s)"),
        "{}",
        run.stderr
    );
    tether(dir, ["migrate", "status", "--url", &url, "--check"]).expect_code(0);
    tether(dir, ["check-drift", "--url", &url]).expect_code(0);

    let v2 = v1.replace(
        "  editedAt       DateTime?\n",
        "  editedAt       DateTime?\n  language       String       @default(\"en\")\n\n  @@index([authorId])\n",
    );
    std::fs::write(dir.join("schema.prisma"), &v2).unwrap();
    tether(dir, ["gen"]).expect_code(0);
    let status = tether(dir, ["migrate", "status", "--url", &url, "--check"]).expect_code(1);
    assert!(status.stdout.contains("pending"), "{}", status.stdout);
    tether(dir, ["migrate", "apply", "--url", &url]).expect_code(0);
    tether(dir, ["check-drift", "--url", &url]).expect_code(0);
    let run = tether(dir, ["migrate", "down", "--url", &url]).expect_code(0);
    assert!(run.stderr.contains("reverted"), "{}", run.stderr);
    std::fs::write(dir.join("schema.prisma"), &v1).unwrap();
    tether(dir, ["check-drift", "--url", &url]).expect_code(0);
    std::fs::write(dir.join("schema.prisma"), &v2).unwrap();

    // An applied migration edited since: refused, nothing run.
    let first = migrations(dir)[0].join("migration.json");
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, text.replacen("\"moderate\"", "\"strict\"", 1)).unwrap();
    let run = tether(dir, ["migrate", "apply", "--url", &url]).expect_code(2);
    assert!(run.stderr.contains("checksum differs"), "{}", run.stderr);
    std::fs::write(&first, text).unwrap();

    // Another run holds the lock: this one waits, then says so.
    check_py(
        dir,
        &[
            "--insert",
            &url,
            "_tether_migrations_lock",
            r#"{"_id": "migrate"}"#,
        ],
    );
    let run = tether(
        dir,
        ["migrate", "apply", "--url", &url, "--lock-timeout", "1"],
    )
    .expect_code(2);
    assert!(
        run.stderr.contains("still holds the migration lock"),
        "{}",
        run.stderr
    );
}

#[test]
fn what_is_for_sql_databases_says_so_for_a_mongodb_schema() {
    let dir = project();
    let dir = dir.path();
    let run = tether(dir, ["migrate", "plan"]).expect_code(2);
    assert!(
        run.stderr
            .contains("a MongoDB schema's migrations are database commands"),
        "{}",
        run.stderr
    );
    std::fs::write(
        dir.join("tether.toml"),
        format!("{CONFIG}\n[docs]\nmermaid = \"diagram.md\"\n"),
    )
    .unwrap();
    let run = tether(dir, ["gen"]).expect_code(2);
    assert!(
        run.stderr
            .contains("[docs]: tether does not generate it for a MongoDB schema yet"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("migrations").exists(), "an error writes nothing");
}
