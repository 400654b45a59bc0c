//! The command line: commands, flags and their help texts (clap derive). No behaviour here.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "tether",
    version,
    about = "One Prisma schema as the single source of truth: SQL migrations, Rust/Python/TypeScript models, drift checks",
    propagate_version = true
)]
pub struct Cli {
    /// Path to tether.toml (default: found by walking up from the working directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// The Prisma schema: a file or a folder of .prisma files (overrides the config).
    #[arg(long, global = true, value_name = "PATH")]
    pub schema: Option<PathBuf>,

    /// Say nothing on success: only warnings, errors and findings (drift, stale files).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the schema with Prisma's own validator.
    Validate(ValidateArgs),
    /// Format the schema files with Prisma's formatter.
    Fmt {
        /// Do not write; print a diff and exit 1 when a file is not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Write a commented tether.toml and an example schema (never overwrites).
    Init,
    /// Generate migrations and code from the schema.
    Gen(GenArgs),
    /// Plan, apply and list migrations.
    #[command(subcommand)]
    Migrate(MigrateCommand),
    /// Compare what the schema implies with a live database (exit 1 on drift).
    CheckDrift(DriftArgs),
    /// Work with a database's schema: `db pull` writes a Prisma schema of a live database.
    #[command(subcommand)]
    Db(DbCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell) on stdout.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Print the schema IR as JSON on stdout instead of the summary (for tests and debugging).
    #[arg(long, hide = true)]
    pub dump_ir: bool,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Write nothing: exit 1 if any generated file is stale or missing.
    #[arg(long)]
    pub check: bool,
    /// Name of the new migration (default: "migration").
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Exit 1 instead of writing a migration that would lose data.
    #[arg(long)]
    pub deny_destructive: bool,
    /// Neither read nor write the warm-run record in `.tether_cache/` (or `TETHER_CACHE_DIR`):
    /// lower, replay and render everything.
    #[arg(long)]
    pub no_cache: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Print the changes the next migration would make.
    Plan {
        /// Dialect to plan for (default: every configured dialect).
        #[arg(long)]
        dialect: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Apply pending migrations to the database.
    Apply(ApplyArgs),
    /// Record a migration as applied without running it (a database that already has its
    /// shape), or as rolled back (its changes undone by hand).
    Resolve(ResolveArgs),
    /// Revert the last applied migration(s) with their down.sql.
    Down {
        #[command(flatten)]
        db: DbArgs,
        /// How many migrations to revert.
        #[arg(long, default_value_t = 1)]
        steps: usize,
    },
    /// List applied, pending and modified migrations.
    Status {
        #[command(flatten)]
        db: DbArgs,
        /// Exit 1 when a migration is pending or modified.
        #[arg(long)]
        check: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Write a Prisma schema of the live database, as Prisma's `db pull` names it.
    Pull(PullArgs),
}

#[derive(Debug, Args)]
pub struct PullArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Write the schema here (default: the configured schema path).
    #[arg(long, value_name = "FILE", conflicts_with = "print")]
    pub out: Option<PathBuf>,
    /// Print the schema on stdout instead of writing a file.
    #[arg(long)]
    pub print: bool,
    /// Replace an existing schema file (its own names and comments are not kept).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Print the SQL that would run, in order, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Stop after this migration (its folder name, `20261202093000_add_orders`).
    #[arg(long, value_name = "NAME")]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("resolution").required(true).args(["applied", "rolled_back"])))]
pub struct ResolveArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Record NAME as applied without running it, after checking that the database has the
    /// shape the migrations up to NAME build.
    #[arg(long, value_name = "NAME")]
    pub applied: Option<String>,
    /// Take NAME, the newest applied migration, out of the history without running its
    /// down.sql: its changes were undone by hand, and the next apply runs it again.
    #[arg(long, value_name = "NAME")]
    pub rolled_back: Option<String>,
    /// With --applied: record it even when the database differs from what it builds.
    #[arg(long, requires = "applied")]
    pub force: bool,
}

#[derive(Debug, Args, Clone)]
pub struct DbArgs {
    /// Database URL (default: $DATABASE_URL, then the config's database.url); check-drift
    /// takes several.
    #[arg(long = "url", value_name = "URL")]
    pub urls: Vec<String>,
    /// Seconds that connecting may take, TCP, TLS handshake and login together (default 10).
    #[arg(long, value_name = "SECONDS")]
    pub connect_timeout: Option<u64>,
    /// Seconds any one statement may run on the server; 0: no limit (default 60 for reading
    /// commands, no limit for migrate apply and down).
    #[arg(long, value_name = "SECONDS")]
    pub statement_timeout: Option<u64>,
    /// Seconds migrate apply and down wait for another run's migration lock (default 60).
    #[arg(long, value_name = "SECONDS")]
    pub lock_timeout: Option<u64>,
    /// PostgreSQL schema (default: public).
    #[arg(long, value_name = "NAME")]
    pub db_schema: Option<String>,
}

#[derive(Debug, Args)]
pub struct DriftArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Print the SQL that would bring the database to the schema.
    #[arg(long)]
    pub fix_sql: bool,
    /// Ignore tables matching this pattern (`*` wildcard); repeatable.
    #[arg(long, value_name = "PATTERN")]
    pub ignore: Vec<String>,
    /// A file of databases to check, one URL per line (`env:NAME` reads a variable; `#`
    /// starts a comment; `name = URL` names a target).
    #[arg(long, value_name = "FILE")]
    pub targets: Option<std::path::PathBuf>,
    /// How many databases are checked at once (default: 8).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// MongoDB: also count, among the first N documents of each collection, those its
    /// validator would refuse, and show one (read-only).
    #[arg(long, value_name = "N")]
    pub sample: Option<u64>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}
