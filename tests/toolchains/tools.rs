//! The tools that check generated code, for unit tests (through `harness.rs`) and for the
//! integration tests that run `tether gen` alike: which schemas to check, the pinned TypeScript
//! toolchain (installed from `tests/toolchains/ts/package-lock.json` once per test process),
//! prettier and rustfmt checks that show their diff, and the Rust check crate
//! (`tests/toolchains/rust/`, built in a copy under `target/toolchain-rust/` with its own target
//! folder, so it never waits on the main build's lock).
//!
//! Rules: real tools only, never stand-ins; a tool that fails fails the test with its whole
//! output; nothing here knows tether's code or what the generated code looks like.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every valid schema the generators are checked against, as (case name, path): the README's
/// example, each fixture but the invalid ones and the MongoDB ones (`fixtures/mongodb`, checked
/// by `tests/mongodb.rs`), and tether's hostile-names schema.
pub fn schemas() -> Vec<(String, PathBuf)> {
    let root = repo_root();
    let mut out = vec![("example".to_owned(), root.join("schema/schema.prisma"))];
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root.join("fixtures"))
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    fixtures.sort();
    for dir in fixtures {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if name == "invalid" || name == "mongodb" || !dir.is_dir() {
            continue;
        }
        for candidate in [dir.join("schema.prisma"), dir.join("schema")] {
            if candidate.exists() {
                out.push((name.clone(), candidate));
                break;
            }
        }
    }
    out.push((
        "hostile".to_owned(),
        root.join("tests/toolchains/hostile/schema.prisma"),
    ));
    out
}

/// Runs a command; a command that cannot start or that fails fails the test with its output.
pub fn run_ok(what: &str, cmd: &mut Command) -> Output {
    let output = run(what, cmd);
    assert!(
        output.status.success(),
        "{what} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Runs a command that may fail; only failing to start fails the test.
pub fn run(what: &str, cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("{what}: cannot run {cmd:?}: {e}"))
}

/// The `node_modules/.bin` folder of the pinned TypeScript toolchain: `npm ci` in
/// `tests/toolchains/ts` the first time a test asks, and again only when the lock file changed.
pub fn node_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let dir = repo_root().join("tests/toolchains/ts");
        let lock = std::fs::read_to_string(dir.join("package-lock.json"))
            .expect("tests/toolchains/ts/package-lock.json");
        let marker = dir.join("node_modules/.tether-installed");
        if std::fs::read_to_string(&marker).ok().as_deref() != Some(lock.as_str()) {
            run_ok(
                "npm ci (tests/toolchains/ts)",
                Command::new("npm")
                    .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                    .current_dir(&dir),
            );
            std::fs::write(&marker, &lock).expect("writing the install marker");
        }
        dir.join("node_modules/.bin")
    })
}

/// The folder where pinned Prisma Client (`tests/toolchains/prisma-client`) is installed, under
/// `target/`: `npm ci --ignore-scripts` (its install scripts download engines, which nothing
/// here needs: `prisma generate` runs offline) the first time a test asks, and again only when
/// the lock file changed. Checks run in folders below it, where Node resolves `@prisma/client`.
pub fn prisma_client_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        npm_ci_copy(
            "prisma-client",
            "target/prisma-client",
            &["--ignore-scripts"],
        )
    })
}

/// The folder where the pinned documentation toolchain (`tests/toolchains/docs`: Mermaid and
/// `@dbml/core`) is installed with its scripts, under `target/`, as `prisma_client_dir` is.
pub fn docs_toolchain_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| npm_ci_copy("docs", "target/docs-toolchain", &[]))
}

/// Copies the files of `tests/toolchains/<name>` into `target_dir` (every time: scripts are
/// cheap) and runs `npm ci` there the first time, and again only when the lock file changed.
fn npm_ci_copy(name: &str, target_dir: &str, args: &[&str]) -> PathBuf {
    let source = repo_root().join("tests/toolchains").join(name);
    let dir = repo_root().join(target_dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let lock = std::fs::read_to_string(source.join("package-lock.json"))
        .unwrap_or_else(|e| panic!("tests/toolchains/{name}/package-lock.json: {e}"));
    let marker = dir.join("node_modules/.tether-installed");
    if std::fs::read_to_string(&marker).ok().as_deref() != Some(lock.as_str()) {
        run_ok(
            &format!("npm ci (tests/toolchains/{name})"),
            Command::new("npm")
                .arg("ci")
                .args(args)
                .args(["--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&dir),
        );
        std::fs::write(&marker, &lock).expect("writing the install marker");
    }
    dir
}

/// Debian's Chromium, installed with apt-get the first time a test needs it and it is missing
/// (the machine's package registry is reachable; root is needed). Fails loudly otherwise.
pub fn chromium() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = PathBuf::from("/usr/bin/chromium");
        if !path.exists() {
            run_ok(
                "apt-get install chromium (for the Mermaid rendering test)",
                Command::new("sh").args([
                    "-c",
                    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium </dev/null",
                ]),
            );
        }
        assert!(path.exists(), "chromium is not at {}", path.display());
        path
    })
}

/// The strictest ordinary `tsconfig.json` for checking generated TypeScript (plus a usage module):
/// ES modules under Node's resolution, every strictness flag on. The folder it goes in also
/// needs a `package.json` with `"type": "module"`.
pub const TSCONFIG: &str = r#"{
  "compilerOptions": {
    "strict": true,
    "exactOptionalPropertyTypes": true,
    "noEmit": true,
    "target": "ES2022",
    "lib": ["ES2022"],
    "types": [],
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "verbatimModuleSyntax": true,
    "isolatedModules": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "noImplicitReturns": true,
    "noFallthroughCasesInSwitch": true,
    "noUncheckedIndexedAccess": true,
    "noPropertyAccessFromIndexSignature": true,
    "forceConsistentCasingInFileNames": true
  },
  "include": ["**/*.ts"]
}
"#;

/// Runs `tsc --strict --noEmit --exactOptionalPropertyTypes` with `TSCONFIG` over the `.ts`
/// files below `dir`.
pub fn check_tsc(what: &str, dir: &Path) {
    std::fs::write(dir.join("tsconfig.json"), TSCONFIG).unwrap();
    std::fs::write(dir.join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
    run_ok(
        what,
        Command::new(node_bin().join("tsc"))
            .args(["-p", "tsconfig.json", "--strict", "--noEmit"])
            .arg("--exactOptionalPropertyTypes")
            .current_dir(dir),
    );
}

/// `prettier --check` (defaults: no config file, no .editorconfig) on `paths` in `dir`; when it
/// fails, the test fails with the diff between each file and what prettier prints.
pub fn check_prettier(what: &str, dir: &Path, paths: &[&str]) {
    let prettier = node_bin().join("prettier");
    let flags = ["--no-config", "--no-editorconfig"];
    let output = run(
        what,
        Command::new(&prettier)
            .arg("--check")
            .args(flags)
            .args(paths)
            .current_dir(dir),
    );
    if output.status.success() {
        return;
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut diffs = String::new();
    for file in stderr.lines().filter_map(|l| l.strip_prefix("[warn] ")) {
        let Ok(ours) = std::fs::read_to_string(dir.join(file)) else {
            continue;
        };
        let theirs = run_ok(
            what,
            Command::new(&prettier)
                .args(flags)
                .arg(file)
                .current_dir(dir),
        );
        let theirs = String::from_utf8_lossy(&theirs.stdout);
        let diff = similar::TextDiff::from_lines(ours.as_str(), theirs.as_ref());
        diffs.push_str(&diff.unified_diff().header(file, "prettier").to_string());
    }
    panic!("{what}: prettier formats differently (- ours, + prettier's):\n{diffs}\n{stderr}");
}

/// `rustfmt --check --edition 2021` on `files`.
pub fn check_rustfmt(what: &str, files: &[PathBuf]) {
    run_ok(
        what,
        Command::new("rustfmt")
            .args(["--check", "--edition", "2021"])
            .args(files),
    );
}

/// The end of the check crate's `lib.rs`: the example's tests, which read the generated
/// modules `example_db` (`serde_rename = "database"`) and `example_sqlx` (with `sqlx = true`).
pub const EXAMPLE_MODULES: &str = "#[cfg(all(test, feature = \"example\"))]\nmod example;\n\
    #[cfg(all(test, feature = \"example\"))]\nmod rows;\n\
    #[cfg(all(test, feature = \"example\"))]\nmod sqlx_rows;\n\
    #[cfg(all(test, feature = \"example\"))]\nmod base64;\n";

/// Builds the check crate (`tests/toolchains/rust/`) with `files` added (paths relative to the
/// crate: `src/lib.rs`, `src/generated/x.rs` ...), `features` enabled and `env` set: every file
/// under `src/generated/` must pass `rustfmt --check --edition 2021`, then
/// `cargo clippy --all-targets -- -D warnings` and `cargo test` must pass. The copy lives in
/// `target/toolchain-rust/check-<process id>` (kept when a step fails), with its own target
/// folder `target/toolchain-rust/target`.
pub fn check_rust_crate(files: &[(String, String)], features: &[&str], env: &[(&str, &Path)]) {
    let template = repo_root().join("tests/toolchains/rust");
    let work = repo_root().join("target/toolchain-rust");
    let crate_dir = work.join(format!("check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&crate_dir);
    let template_files = [
        "Cargo.toml",
        "Cargo.lock",
        "src/rows.rs",
        "src/example.rs",
        "src/sqlx_rows.rs",
        "src/base64.rs",
    ];
    let copies = template_files.iter().map(|rel| {
        (
            rel.to_string(),
            std::fs::read_to_string(template.join(rel)).unwrap(),
        )
    });
    for (rel, contents) in copies.chain(files.iter().cloned()) {
        let to = crate_dir.join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(&to, contents).unwrap();
    }
    let kept = format!("(the crate is kept in {})", crate_dir.display());
    let generated: Vec<PathBuf> = files
        .iter()
        .filter(|(rel, _)| rel.starts_with("src/generated/"))
        .map(|(rel, _)| crate_dir.join(rel))
        .collect();
    check_rustfmt(&format!("rustfmt --check {kept}"), &generated);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let features = features.join(",");
    let cargo_cmd = |args: &[&str]| {
        let mut cmd = Command::new(&cargo);
        cmd.args(args)
            .args(["--locked", "--features", &features])
            .current_dir(&crate_dir)
            .env("CARGO_TARGET_DIR", work.join("target"))
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_MANIFEST_DIR")
            .envs(env.iter().copied());
        cmd
    };
    run_ok(
        &format!("cargo clippy --all-targets -- -D warnings {kept}"),
        cargo_cmd(&["clippy", "--all-targets"]).args(["--", "-D", "warnings"]),
    );
    run_ok(&format!("cargo test {kept}"), &mut cargo_cmd(&["test"]));
    let _ = std::fs::remove_dir_all(&crate_dir);
}

/// `target/<name>`, a venv with `pip install --no-deps <args>` in it, made once per checkout: a
/// marker file holds `wanted` (what it was built from), and a venv whose marker differs is
/// built again. Returns its `bin` folder.
pub fn install_venv(name: &str, wanted: &str, args: &[String]) -> PathBuf {
    let venv = repo_root().join("target").join(name);
    let marker = venv.join(".tether-installed");
    let _lock = InstallLock::acquire(&venv.with_extension("lock"));
    if std::fs::read_to_string(&marker).ok().as_deref() != Some(wanted) {
        let _ = std::fs::remove_dir_all(&venv);
        run_ok(
            &format!("python3 -m venv target/{name}"),
            Command::new("python3").arg("-m").arg("venv").arg(&venv),
        );
        run_ok(
            &format!("pip install --no-deps {} (target/{name})", args.join(" ")),
            Command::new(venv.join("bin/pip"))
                .args([
                    "install",
                    "--quiet",
                    "--no-deps",
                    "--disable-pip-version-check",
                ])
                .args(args),
        );
        std::fs::write(&marker, wanted).expect("writing the install marker");
    }
    venv.join("bin")
}

/// A folder as a lock between test processes; a lock older than ten minutes is stale.
pub struct InstallLock(PathBuf);

impl InstallLock {
    pub fn acquire(path: &Path) -> InstallLock {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        loop {
            match std::fs::create_dir(path) {
                Ok(()) => return InstallLock(path.to_path_buf()),
                Err(_) => {
                    let stale = std::fs::metadata(path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| SystemTime::now().duration_since(t).ok())
                        .is_some_and(|age| age > Duration::from_secs(600));
                    if stale {
                        let _ = std::fs::remove_dir(path);
                    } else {
                        std::thread::sleep(Duration::from_millis(500));
                    }
                }
            }
        }
    }
}

impl Drop for InstallLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir(&self.0);
    }
}
