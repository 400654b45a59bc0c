//! `tether gen` with a `[python]` section, end to end, checked by the real Python toolchain:
//! for every schema, the SQLAlchemy models, Pydantic models and Alembic revisions import, pass
//! `mypy --strict`, `ruff check` and `ruff format --check`; and on each migration dialect of the
//! schema (its provider, plus SQLite when the schema fits SQLite) against a real database:
//! Alembic's `compare_metadata` of the models against the database tether's SQL migrations
//! build finds nothing; rows with their relations go in and come back through `Session` and
//! `AsyncSession` and validate as the Pydantic read models; `alembic upgrade head` builds a
//! database that `tether check-drift` accepts and whose catalog equals the SQL-built one; and
//! `alembic downgrade base` empties it again. The models of every schema also import in a venv
//! that holds SQLAlchemy alone (no greenlet), as a sync application installs it; `ASYNCIO_CASES`
//! are generated with `[python] asyncio = true`, so that `AsyncAttrs` bases are checked too.
//!
//! Rules: the toolchain is the pinned set of `tests/toolchains/python/requirements.txt`, installed
//! into `target/python-venv` once (a marker file holds the requirements it was built from; a lock
//! folder keeps concurrent test processes from installing at once); the SQLAlchemy-only venv,
//! `target/python-venv-sqlalchemy-only`, takes its two pins from the same file. Python-side checks live in
//! `tests/toolchains/python/driver.py`, so a failure shows Python's own traceback or the
//! differences it found. PostgreSQL and MariaDB come from `tests/common` (skipped with a message
//! when their URL is unset, a failure under CI).

mod common;
#[path = "toolchains/tools.rs"]
mod tools;

use common::{Database, Target, evolution_cases, tether};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

// --- the pinned toolchain --------------------------------------------------------------------

fn toolchain_dir() -> PathBuf {
    tools::repo_root().join("tests/toolchains/python")
}

/// The venv's `bin` folder, the venv installed from the pinned requirements if needed.
fn venv_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let requirements = toolchain_dir().join("requirements.txt");
        let wanted = std::fs::read_to_string(&requirements).expect("requirements.txt");
        let args = ["-r".to_owned(), requirements.display().to_string()];
        tools::install_venv("python-venv", &wanted, &args)
    })
}

/// The `bin` folder of a venv with SQLAlchemy alone (and typing_extensions, its one required
/// dependency), at the versions `requirements.txt` pins: what a plain `pip install sqlalchemy`
/// gives a sync application, without greenlet (an `asyncio` extra since SQLAlchemy 2.1).
fn sqlalchemy_only_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let requirements =
            std::fs::read_to_string(toolchain_dir().join("requirements.txt")).unwrap();
        let pins = pinned(&requirements, &["sqlalchemy", "typing-extensions"]);
        tools::install_venv("python-venv-sqlalchemy-only", &pins.join("\n"), &pins)
    })
}

/// The lines of `requirements` that pin `packages` (names compared as pip does: case and `-`
/// or `_` alike); a package it does not pin fails the test.
fn pinned(requirements: &str, packages: &[&str]) -> Vec<String> {
    let normal = |name: &str| name.trim().to_lowercase().replace('_', "-");
    packages
        .iter()
        .map(|package| {
            requirements
                .lines()
                .find(|line| {
                    line.split_once("==")
                        .is_some_and(|(name, _)| normal(name) == normal(package))
                })
                .unwrap_or_else(|| panic!("requirements.txt pins no {package}"))
                .trim()
                .to_owned()
        })
        .collect()
}

/// A tool of the pinned venv, run in `dir` with `dir` on the module path.
fn py_tool(tool: &str, dir: &Path) -> Command {
    py_tool_of(venv_bin(), tool, dir)
}

/// A tool of the venv whose `bin` folder is `bin`, run in `dir` with `dir` on the module path.
fn py_tool_of(bin: &Path, tool: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(bin.join(tool));
    cmd.current_dir(dir)
        .env("PYTHONPATH", dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("VIRTUAL_ENV");
    cmd
}

/// `driver.py <args>` in `dir`; a failure shows the driver's output (tracebacks, differences).
fn driver(what: &str, dir: &Path, args: &[&str]) -> String {
    let out = tools::run_ok(
        what,
        py_tool("python", dir)
            .arg(toolchain_dir().join("driver.py"))
            .args(args),
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// --- the cases -------------------------------------------------------------------------------

/// A schema and the dialects its Python output is checked on (the provider first).
struct Case {
    name: String,
    schema: PathBuf,
    dialects: Vec<&'static str>,
    /// Whether the models are generated with `asyncio = true` (see `ASYNCIO_CASES`).
    asyncio: bool,
}

/// The cases generated with `[python] asyncio = true` (declarative bases with `AsyncAttrs`), so
/// that both kinds of base pass mypy, ruff and the round trips: one with views (`ViewBase`),
/// and between them every dialect's async driver.
const ASYNCIO_CASES: [&str; 2] = ["everything-postgresql", "everything-mysql"];

/// The provider, plus SQLite (or PostgreSQL for a SQLite schema) where the schema fits both (no
/// scalar lists, `Unsupported` types or `dbgenerated()` defaults, whose SQL is one database's).
fn case(name: &str) -> Case {
    let (_, schema) = tools::schemas()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no schema case {name}"));
    let run = tether(
        tools::repo_root().as_path(),
        [
            "validate".as_ref(),
            "--schema".as_ref(),
            schema.as_os_str(),
            "--dump-ir".as_ref(),
        ],
    )
    .expect_code(0);
    let ir: serde_json::Value = serde_json::from_str(&run.stdout).expect("IR as JSON");
    let provider = match ir["provider"].as_str() {
        Some("postgresql") => "postgresql",
        Some("mysql") => "mysql",
        Some("sqlite") => "sqlite",
        other => panic!("{name}: provider {other:?}"),
    };
    let fits_both = ir["models"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|m| m["fields"].as_array().into_iter().flatten())
        .all(|f| {
            let list = f["arity"] == "List";
            let unsupported = f["ty"].get("Unsupported").is_some();
            let generated = f["default"].get("DbGenerated").is_some();
            !list && !unsupported && !generated
        });
    // SQLite in development, PostgreSQL in production: a SQLite schema that fits PostgreSQL
    // gets both too.
    let mut dialects = vec![provider];
    if fits_both {
        match provider {
            "sqlite" => dialects.push("postgresql"),
            _ => dialects.push("sqlite"),
        }
    }
    Case {
        name: name.to_owned(),
        schema,
        dialects,
        asyncio: ASYNCIO_CASES.contains(&name),
    }
}

/// A workspace: `tether.toml` with every dialect of the case, revisions following `revisions`.
fn workspace(case: &Case, revisions: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let dialects: Vec<String> = case.dialects.iter().map(|d| format!("{d:?}")).collect();
    let config = format!(
        "schema = {:?}\n\n[migrations]\ndir = \"migrations\"\ndialects = [{}]\n\n[python]\n\
         models = \"app/models.py\"\npydantic = \"app/schemas.py\"\n\
         alembic_versions = \"alembic_versions\"\nalembic_dialect = {revisions:?}\n{}",
        case.schema.display().to_string(),
        dialects.join(", "),
        asyncio_key(case.asyncio),
    );
    std::fs::write(dir.path().join("tether.toml"), config).unwrap();
    std::fs::create_dir_all(dir.path().join("app")).unwrap();
    std::fs::write(dir.path().join("app/__init__.py"), "").unwrap();
    // The first run writes the migrations; revisions of migrations that exist are written by
    // every run, and a second run must then find nothing to do.
    tether(dir.path(), ["gen"]).expect_code(0);
    tether(dir.path(), ["gen"]).expect_code(0);
    let check = tether(dir.path(), ["gen", "--check"]);
    assert_eq!(
        check.code, 0,
        "{}: gen --check after gen:\n{check:#?}",
        case.name
    );
    dir
}

/// The `[python]` line that turns `AsyncAttrs` on, when `on`.
fn asyncio_key(on: bool) -> &'static str {
    if on { "asyncio = true\n" } else { "" }
}

/// The generated modules import, type check under `mypy --strict`, and are as ruff formats
/// and lints them.
fn check_static(name: &str, dir: &Path) {
    let models = std::fs::read_to_string(dir.join("app/models.py")).unwrap();
    assert!(
        models.starts_with("# generated by tether from "),
        "{name}: models.py header:\n{models}"
    );
    let revisions = std::fs::read_dir(dir.join("alembic_versions"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(revisions > 0, "{name}: no Alembic revision written");
    tools::run_ok(
        &format!("import the generated modules ({name})"),
        py_tool("python", dir).args(["-c", "import app.models, app.schemas"]),
    );
    tools::run_ok(
        &format!("ruff check ({name})"),
        py_tool("ruff", dir).args([
            "check",
            "--isolated",
            "--no-cache",
            "app",
            "alembic_versions",
        ]),
    );
    tools::run_ok(
        &format!("ruff format --check ({name})"),
        py_tool("ruff", dir).args([
            "format",
            "--isolated",
            "--no-cache",
            "--diff",
            "app",
            "alembic_versions",
        ]),
    );
    // One mypy at a time: they share one cache, which makes every run after the first fast.
    static MYPY: Mutex<()> = Mutex::new(());
    let _guard = MYPY.lock().unwrap_or_else(|e| e.into_inner());
    let cache = tools::repo_root().join("target/python-venv/mypy-cache");
    tools::run_ok(
        &format!("mypy --strict ({name})"),
        py_tool("mypy", dir)
            .args(["--strict", "--cache-dir"])
            .arg(&cache)
            .args(["app", "alembic_versions"]),
    );
}

fn database(dialect: &str, dir: &Path, label: &str) -> Option<Database> {
    Target::of_dialect(dialect).database(dir, label)
}

/// Two fresh databases on `dialect`: one that the SQL migrations have built (`migrate apply`),
/// an empty one for Alembic. `None` (said on stderr) when the dialect's server is not set.
fn databases(name: &str, dialect: &str, dir: &Path) -> Option<(Database, Database)> {
    let (Some(sql_db), Some(alembic_db)) = (
        database(dialect, dir, "sql"),
        database(dialect, dir, "alembic"),
    ) else {
        eprintln!("skipped: {name}: no {dialect} server");
        return None;
    };
    tether(dir, ["migrate", "apply", "--url", sql_db.url.as_str()]).expect_code(0);
    Some((sql_db, alembic_db))
}

/// Everything that needs a database, on one dialect.
fn check_on_database(case: &Case, dialect: &str) {
    let name = format!("{} on {dialect}", case.name);
    let dir = workspace(case, dialect);
    let dir = dir.path();
    let Some((sql_db, alembic_db)) = databases(&name, dialect, dir) else {
        return;
    };
    // The database the SQL migrations build: the models match it and hold rows.
    assert_models_match(&name, dir, &sql_db);
    let trip = driver(
        &format!("Session and AsyncSession round trip ({name})"),
        dir,
        &[
            "roundtrip",
            sql_db.url.as_str(),
            "app.models",
            "app.schemas",
        ],
    );
    assert!(
        trip.contains("Session: ") && trip.contains("AsyncSession: "),
        "{name}: the round trip wrote nothing:\n{trip}"
    );
    assert_upgrade_matches(&name, dir, &sql_db, &alembic_db);
    assert_downgrade_empties(&name, dir, &alembic_db);
    eprintln!("checked: {name}: models, round trip, alembic upgrade and downgrade");
}

/// Each schema evolution pair (`fixtures/evolution`) through Alembic on `dialect`: the v1 and
/// v2 migrations give two chained revisions; `upgrade head` builds the v2 database (no drift, the
/// SQL migrations' catalog, models that match), `downgrade -1` goes back to v1, `downgrade base`
/// empties the database.
fn evolve_through_alembic(dialect: &'static str) {
    let pairs = evolution_cases();
    assert!(pairs.len() >= 7, "only {} evolution pairs", pairs.len());
    for pair in pairs {
        let name = format!(
            "evolution/{} on {dialect}",
            pair.file_name().unwrap().to_string_lossy()
        );
        let workdir = tempfile::tempdir().unwrap();
        let dir = workdir.path();
        let use_version = |v: &str| {
            std::fs::copy(pair.join(format!("{v}.prisma")), dir.join("schema.prisma")).unwrap();
        };
        let config = format!(
            "schema = \"schema.prisma\"\n\n[migrations]\ndialects = [{dialect:?}]\n\n[python]\n\
             models = \"app/models.py\"\npydantic = \"app/schemas.py\"\n\
             alembic_versions = \"alembic_versions\"\n"
        );
        std::fs::write(dir.join("tether.toml"), config).unwrap();
        std::fs::create_dir_all(dir.join("app")).unwrap();
        std::fs::write(dir.join("app/__init__.py"), "").unwrap();
        use_version("v1");
        tether(dir, ["gen", "--name", "v1"]).expect_code(0);
        use_version("v2");
        tether(dir, ["gen", "--name", "v2"]).expect_code(0);
        tether(dir, ["gen"]).expect_code(0);
        tether(dir, ["gen", "--check"]).expect_code(0);
        let revisions = std::fs::read_dir(dir.join("alembic_versions"))
            .unwrap()
            .count();
        assert_eq!(revisions, 2, "{name}: one revision per migration");
        check_static(&name, dir);

        let Some((sql_db, alembic_db)) = databases(&name, dialect, dir) else {
            return;
        };
        assert_models_match(&name, dir, &sql_db);
        assert_upgrade_matches(&name, dir, &sql_db, &alembic_db);
        alembic(&name, dir, &alembic_db, "downgrade", "-1");
        use_version("v1");
        let drift = tether(dir, ["check-drift", "--url", alembic_db.url.as_str()]);
        assert_eq!(
            drift.code, 0,
            "{name}: not v1 after downgrade -1:\n{drift:#?}"
        );
        assert_downgrade_empties(&name, dir, &alembic_db);
        eprintln!("checked: {name}: two revisions up, one down, all down");
    }
}

/// `alembic <action> <revision>` with the workspace's revisions on `db`.
fn alembic(name: &str, dir: &Path, db: &Database, action: &str, revision: &str) {
    driver(
        &format!("alembic {action} {revision} ({name})"),
        dir,
        &[
            "alembic",
            db.url.as_str(),
            "alembic_versions",
            action,
            revision,
        ],
    );
}

/// The models match the database the SQL migrations built (Alembic's `compare_metadata`).
fn assert_models_match(name: &str, dir: &Path, sql_db: &Database) {
    let found = driver(
        &format!("compare_metadata ({name})"),
        dir,
        &["compare-models", sql_db.url.as_str(), "app.models"],
    );
    assert!(found.contains("no differences"), "{name}: {found}");
}

/// `alembic upgrade head` builds the database the SQL migrations built: no drift from the
/// schema, the same catalog.
fn assert_upgrade_matches(name: &str, dir: &Path, sql_db: &Database, alembic_db: &Database) {
    alembic(name, dir, alembic_db, "upgrade", "head");
    tether(dir, ["check-drift", "--url", alembic_db.url.as_str()]).expect_code(0);
    assert_same_catalog(name, dir, sql_db, alembic_db);
}

/// `alembic downgrade base` leaves no tables but the tools' own.
fn assert_downgrade_empties(name: &str, dir: &Path, alembic_db: &Database) {
    alembic(name, dir, alembic_db, "downgrade", "base");
    let left = driver(
        &format!("tables after downgrade ({name})"),
        dir,
        &["empty", alembic_db.url.as_str()],
    );
    assert!(left.contains("empty"), "{name}: {left}");
}

/// The catalogs of two databases are equal (tools' own tables left out).
fn assert_same_catalog(name: &str, dir: &Path, sql_db: &Database, alembic_db: &Database) {
    let sql_catalog = dir.join("sql-catalog.json");
    let alembic_catalog = dir.join("alembic-catalog.json");
    for (db, file) in [(sql_db, &sql_catalog), (alembic_db, &alembic_catalog)] {
        driver(
            &format!("catalog ({name})"),
            dir,
            &["catalog", db.url.as_str(), file.to_str().unwrap()],
        );
    }
    let (expected, got) = (
        std::fs::read_to_string(&sql_catalog).unwrap(),
        std::fs::read_to_string(&alembic_catalog).unwrap(),
    );
    assert!(
        expected == got,
        "{name}: the catalog Alembic builds differs from the SQL migrations' one:\n{}",
        similar::TextDiff::from_lines(&expected, &got)
            .unified_diff()
            .header("sql migrations", "alembic upgrade head")
    );
}

#[test]
fn evolution_through_alembic_on_sqlite() {
    evolve_through_alembic("sqlite");
}

#[test]
fn evolution_through_alembic_on_postgresql() {
    evolve_through_alembic("postgresql");
}

#[test]
fn evolution_through_alembic_on_mysql() {
    evolve_through_alembic("mysql");
}

fn check_case(name: &str) {
    let case = case(name);
    let primary = workspace(&case, case.dialects[0]);
    check_static(&case.name, primary.path());
    for dialect in &case.dialects {
        check_on_database(&case, dialect);
    }
}

macro_rules! cases {
    ($($test:ident => $case:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_case($case);
            }
        )*

        /// Every schema the generators are checked against has its test above.
        #[test]
        fn every_schema_has_a_python_test() {
            let covered = [$($case),*];
            for (name, _) in tools::schemas() {
                assert!(covered.contains(&name.as_str()), "no Python test for schema {name}");
            }
        }
    };
}

cases! {
    example => "example",
    blog_sqlite => "blog-sqlite",
    compound_keys => "compound-keys",
    everything_mysql => "everything-mysql",
    everything_postgresql => "everything-postgresql",
    multi_file => "multi-file",
    prisma6_url => "prisma6-url",
    self_relations => "self-relations",
    hostile => "hostile",
    mysql_catalog_spellings => "mysql-catalog-spellings",
    postgresql_catalog_spellings => "postgresql-catalog-spellings",
    postgresql_extensions => "postgresql-extensions",
    postgresql_indexes => "postgresql-indexes",
    relation_mode_prisma => "relation-mode-prisma",
    postgresql_odd_shapes => "postgresql-odd-shapes",
    postgresql_multi_schema => "postgresql-multi-schema",
}

/// Issue #13 item 21: a sync application with SQLAlchemy installed alone (`pip install
/// sqlalchemy` gives no greenlet since 2.1) imports the models of every schema; with
/// `asyncio = true` they need greenlet (through `sqlalchemy.ext.asyncio`) and say so.
#[test]
fn sync_models_import_without_greenlet() {
    let bin = sqlalchemy_only_bin();
    let root = tools::repo_root();
    let greenlet = tools::run(
        "import greenlet (SQLAlchemy alone)",
        py_tool_of(bin, "python", &root).args(["-c", "import greenlet"]),
    );
    assert!(
        !greenlet.status.success(),
        "greenlet is installed in the SQLAlchemy-only venv: the test proves nothing"
    );
    let import_models = |case: &Case, asyncio: bool| {
        let dir = tempfile::tempdir().unwrap();
        let dialects: Vec<String> = case.dialects.iter().map(|d| format!("{d:?}")).collect();
        let config = format!(
            "schema = {:?}\n\n[migrations]\ndialects = [{}]\n\n[python]\n\
             models = \"app/models.py\"\n{}",
            case.schema.display().to_string(),
            dialects.join(", "),
            asyncio_key(asyncio),
        );
        std::fs::write(dir.path().join("tether.toml"), config).unwrap();
        std::fs::create_dir_all(dir.path().join("app")).unwrap();
        std::fs::write(dir.path().join("app/__init__.py"), "").unwrap();
        tether(dir.path(), ["gen"]).expect_code(0);
        tools::run(
            &format!("import app.models with SQLAlchemy alone ({})", case.name),
            py_tool_of(bin, "python", dir.path()).args(["-c", "import app.models"]),
        )
    };
    for (name, _) in tools::schemas() {
        let case = case(&name);
        let out = import_models(&case, false);
        assert!(
            out.status.success(),
            "{name}: the models do not import without greenlet:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = import_models(&case("example"), true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("greenlet"),
        "example with asyncio = true: expected an ImportError naming greenlet, got {}:\n{stderr}",
        out.status
    );
}

/// The generated models of a `provider` schema (one module for the three dialects, the provider's first) used on `dialect`'s database as an
/// application uses them (`behaviour/behaviour.py`) on a database the migrations built: client-side ids, `@updatedAt` in UTC, JSON nulls, deletes
/// through the ORM with every referential action, Pydantic JSON round trips; then the models
/// are checked static as every case is.
fn behaviour_on(provider: &str, dialect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let mut schema = std::fs::read_to_string(toolchain_dir().join("behaviour/schema.prisma"))
        .unwrap()
        .replace(
            "provider = \"postgresql\"",
            &format!("provider = {provider:?}"),
        );
    if provider == "sqlite" {
        schema = without_native_types(&schema);
    }
    std::fs::write(p.join("schema.prisma"), schema).unwrap();
    // One models module for the three databases, as a team with SQLite in development and
    // PostgreSQL or MySQL in production has: the provider's dialect first.
    let mut dialects = vec![provider];
    dialects.extend(
        ["sqlite", "postgresql", "mysql"]
            .into_iter()
            .filter(|d| *d != provider),
    );
    let dialects: Vec<String> = dialects.iter().map(|d| format!("{d:?}")).collect();
    std::fs::write(
        p.join("tether.toml"),
        format!(
            "schema = \"schema.prisma\"\n\n[migrations]\ndialects = [{}]\n\n[python]\nmodels = \"app/models.py\"\npydantic = \"app/schemas.py\"\nalembic_versions = \"alembic_versions\"\n",
            dialects.join(", ")
        ),
    )
    .unwrap();
    std::fs::create_dir_all(p.join("app")).unwrap();
    std::fs::write(p.join("app/__init__.py"), "").unwrap();
    tether(p, ["gen"]).expect_code(0);
    check_static(&format!("behaviour on {dialect}"), p);
    let Some(db) = database(dialect, p, "behaviour") else {
        eprintln!("skipped: behaviour on {dialect}: no server");
        return;
    };
    tether(p, ["migrate", "apply", "--url", db.url.as_str()]).expect_code(0);
    let out = tools::run_ok(
        &format!("behaviour of the generated models on {dialect}"),
        py_tool("python", p)
            .arg(toolchain_dir().join("behaviour/behaviour.py"))
            .args([db.url.as_str(), "app.models", "app.schemas", provider]),
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("behaviour: ok"),
        "{out:#?}"
    );
    // What the ORM left is what the schema says: no drift.
    tether(p, ["check-drift", "--url", db.url.as_str()]).expect_code(0);
    // `create_all`, as Python test suites set databases up, builds what the migrations build.
    let created = database(dialect, p, "create_all").expect("the server answered above");
    tools::run_ok(
        &format!("Base.metadata.create_all on {dialect}"),
        py_tool("python", p)
            .arg(toolchain_dir().join("behaviour/behaviour.py"))
            .args(["create-all", created.url.as_str(), "app.models"]),
    );
    let drift = tether(p, ["check-drift", "--url", created.url.as_str()]);
    assert_eq!(
        drift.code, 0,
        "create_all on {dialect} differs from the migrations:\n{drift:#?}"
    );
}

/// The schema without its `@db.*` attributes (SQLite has none).
fn without_native_types(schema: &str) -> String {
    let mut out = String::new();
    let mut rest = schema;
    while let Some(at) = rest.find(" @db.") {
        out.push_str(&rest[..at]);
        rest = &rest[at + 5..];
        let name_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        rest = &rest[name_end..];
        if rest.starts_with('(') {
            rest = &rest[rest.find(')').expect("a closed @db argument list") + 1..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn generated_models_behave_on_sqlite() {
    behaviour_on("sqlite", "sqlite");
}

/// Issue #20 item 7: a PostgreSQL schema's models on SQLite, as a team developing on SQLite
/// has them: `@db.Date`, `@db.Time` and `Decimal` read back as their annotations say, and so
/// do the Unix milliseconds and REAL numbers Prisma Client writes there.
#[test]
fn generated_models_of_a_postgresql_schema_behave_on_sqlite() {
    behaviour_on("postgresql", "sqlite");
}

#[test]
fn generated_models_behave_on_postgresql() {
    behaviour_on("postgresql", "postgresql");
}

#[test]
fn generated_models_behave_on_mysql() {
    behaviour_on("mysql", "mysql");
}

/// Issue #20 item 10: one JSON shape across the three languages. The JSON the Pydantic models
/// of the behaviour schema write is read by the generated Rust structs (serde's defaults) and
/// typed by the generated TypeScript types (tsc, with `Date` and `Uint8Array` as the text JSON
/// carries them), and what Rust writes back validates to the same Pydantic models with the
/// same keys.
#[test]
fn json_written_by_python_is_read_by_rust_and_typescript_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::copy(
        toolchain_dir().join("behaviour/schema.prisma"),
        p.join("schema.prisma"),
    )
    .unwrap();
    std::fs::write(
        p.join("tether.toml"),
        "schema = \"schema.prisma\"\n\n[migrations]\ndialects = [\"postgresql\"]\n\n\
         [python]\nmodels = \"app/models.py\"\npydantic = \"app/schemas.py\"\n\n\
         [typescript]\nout = \"ts/types.ts\"\n\n[rust]\nout = \"behaviour.rs\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(p.join("app")).unwrap();
    std::fs::write(p.join("app/__init__.py"), "").unwrap();
    tether(p, ["gen"]).expect_code(0);
    let script = toolchain_dir().join("behaviour/interchange.py");
    let written = p.join("python.json");
    tools::run_ok(
        "Pydantic writes JSON",
        py_tool("python", p)
            .arg(&script)
            .args(["write", "app.schemas"])
            .arg(&written),
    );
    let document = std::fs::read_to_string(&written).unwrap();

    // TypeScript: Python's document is a value of the generated types, as JSON carries them.
    let models = [
        "User",
        "Conversation",
        "Membership",
        "Message",
        "Attachment",
        "Reaction",
        "Reminder",
        "Device",
    ];
    let fields: Vec<String> = models
        .iter()
        .map(|m| format!("  {m}: Json<T.{m}>;\n"))
        .collect();
    std::fs::write(
        p.join("ts/interchange.ts"),
        format!(
            "import type * as T from \"./types.js\";\n\n\
             /** A value as JSON carries it: Date and Bytes as text, BigInt as a number. */\n\
             type Json<V> = V extends Date\n  ? string\n  : V extends bigint\n  ? number\n  : V extends Uint8Array\n    ? string\n    \
             : V extends readonly (infer E)[]\n      ? Json<E>[]\n      \
             : V extends object\n        ? {{ [K in keyof V]: Json<V[K]> }}\n        : V;\n\n\
             export const fromPython: {{\n{}}} = {document};\n",
            fields.concat()
        ),
    )
    .unwrap();
    tools::check_tsc("Python's JSON typed by the TypeScript types", &p.join("ts"));

    // Rust: the structs read Python's document and write it back.
    let back = p.join("rust.json");
    let files = vec![
        (
            "src/generated/behaviour.rs".to_owned(),
            std::fs::read_to_string(p.join("behaviour.rs")).unwrap(),
        ),
        (
            "src/interchange.rs".to_owned(),
            std::fs::read_to_string(tools::repo_root().join("tests/toolchains/rust/src/interchange.rs"))
                .unwrap(),
        ),
        (
            "src/lib.rs".to_owned(),
            "//! Written by tests/codegen_python.rs.\n\npub mod generated {\n    pub mod behaviour;\n}\n\n#[cfg(test)]\nmod base64;\n#[cfg(test)]\nmod interchange;\n"
                .to_owned(),
        ),
    ];
    tools::check_rust_crate(
        &files,
        &[],
        &[
            ("TETHER_INTERCHANGE_IN", written.as_path()),
            ("TETHER_INTERCHANGE_OUT", back.as_path()),
        ],
    );
    let out = tools::run_ok(
        "Pydantic reads what Rust wrote",
        py_tool("python", p)
            .arg(&script)
            .args(["read", "app.schemas"])
            .arg(&written)
            .arg(&back),
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("interchange: ok"),
        "{out:#?}"
    );
}

/// Issue #20: the generated Rust structs (`sqlx = true`) read every table of the chat schema
/// with `query_as`, on SQLite, PostgreSQL and MariaDB, from databases the migrations built and
/// the generated Python models filled (`behaviour.py fill`), within sqlx 0.8's named limits
/// (`tests/toolchains/rust/src/behaviour_sqlx.rs`).
#[test]
fn generated_rust_reads_every_table_through_sqlx() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut env: Vec<(&str, PathBuf)> = Vec::new();
    let mut databases = Vec::new();
    for (dialect, var) in [
        ("sqlite", "TETHER_BEHAVIOUR_SQLITE_URL"),
        ("postgresql", "TETHER_BEHAVIOUR_POSTGRES_URL"),
        ("mysql", "TETHER_BEHAVIOUR_MYSQL_URL"),
    ] {
        let p = dir.path().join(dialect);
        std::fs::create_dir_all(p.join("app")).unwrap();
        std::fs::write(p.join("app/__init__.py"), "").unwrap();
        let mut schema = std::fs::read_to_string(toolchain_dir().join("behaviour/schema.prisma"))
            .unwrap()
            .replace(
                "provider = \"postgresql\"",
                &format!("provider = {dialect:?}"),
            );
        if dialect == "sqlite" {
            schema = without_native_types(&schema);
        }
        std::fs::write(p.join("schema.prisma"), schema).unwrap();
        std::fs::write(
            p.join("tether.toml"),
            format!(
                "schema = \"schema.prisma\"\n\n[migrations]\ndialects = [{dialect:?}]\n\n[python]\nmodels = \"app/models.py\"\n\n[rust]\nout = \"models.rs\"\nsqlx = true\n"
            ),
        )
        .unwrap();
        tether(&p, ["gen"]).expect_code(0);
        files.push((
            format!("src/generated/behaviour_{dialect}.rs"),
            std::fs::read_to_string(p.join("models.rs")).unwrap(),
        ));
        let Some(db) = database(dialect, &p, "rows") else {
            continue;
        };
        tether(&p, ["migrate", "apply", "--url", db.url.as_str()]).expect_code(0);
        tools::run_ok(
            &format!("the Python models fill every table on {dialect}"),
            py_tool("python", &p)
                .arg(toolchain_dir().join("behaviour/behaviour.py"))
                .args(["fill", db.url.as_str(), "app.models"]),
        );
        env.push((var, PathBuf::from(&db.url)));
        databases.push(db);
    }
    files.push((
        "src/behaviour_sqlx.rs".to_owned(),
        std::fs::read_to_string(
            tools::repo_root().join("tests/toolchains/rust/src/behaviour_sqlx.rs"),
        )
        .unwrap(),
    ));
    files.push((
        "src/lib.rs".to_owned(),
        "//! Written by tests/codegen_python.rs.\n\npub mod generated {\n    pub mod behaviour_mysql;\n    pub mod behaviour_postgresql;\n    pub mod behaviour_sqlite;\n}\n\n#[cfg(test)]\nmod behaviour_sqlx;\n"
            .to_owned(),
    ));
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    tools::check_rust_crate(&files, &[], &env);
}

/// A Pydantic module with a `Json` default and no field that needs an alias imports `Field`
/// but not `AliasChoices` (it did, and ruff's F401 refused the module), checked as every
/// generated module is.
#[test]
fn pydantic_imports_only_what_it_uses() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("schema.prisma"),
        "datasource db {\n  provider = \"sqlite\"\n}\n\nmodel Setting {\n  id   Int  @id @default(autoincrement())\n  data Json @default(\"{}\")\n}\n",
    )
    .unwrap();
    std::fs::write(
        p.join("tether.toml"),
        "schema = \"schema.prisma\"\n\n[python]\nmodels = \"app/models.py\"\npydantic = \"app/schemas.py\"\nalembic_versions = \"alembic_versions\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(p.join("app")).unwrap();
    std::fs::write(p.join("app/__init__.py"), "").unwrap();
    tether(p, ["gen"]).expect_code(0);
    let schemas = std::fs::read_to_string(p.join("app/schemas.py")).unwrap();
    assert!(!schemas.contains("AliasChoices"), "{schemas}");
    check_static("a Json default without aliases", p);
}
