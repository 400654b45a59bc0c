//! One file per subcommand. Each takes parsed arguments and a `Workspace` and returns an
//! `Outcome`; none prints an error itself (main does) and none calls `process::exit`.

mod check_drift;
#[cfg(feature = "mongodb")]
mod check_drift_documents;
mod completions;
mod db_pull;
mod fmt;
mod generate;
mod generate_documents;
mod init;
mod migrate;
#[cfg(feature = "mongodb")]
mod migrate_documents;
mod resolve;
mod validate;

use crate::Outcome;
use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::schema::{self, SchemaFile};
use crate::term::Style;
use anyhow::{Result, bail};
use std::path::PathBuf;

/// What every command starts from: the configuration and where the schema is.
pub struct Workspace {
    pub config: Config,
    pub schema_override: Option<PathBuf>,
}

impl Workspace {
    pub fn schema_path(&self) -> Result<PathBuf> {
        self.config.schema_path(self.schema_override.as_deref())
    }

    pub fn read_schema_files(&self) -> Result<Vec<SchemaFile>> {
        schema::load::read_sources(&self.schema_path()?)
    }

    /// Loads and validates the schema; diagnostics go to stderr, invalid schemas are an error,
    /// and so is a valid one of a provider tether generates nothing for.
    pub fn load_schema(&self) -> Result<(Vec<SchemaFile>, schema::ir::Schema)> {
        let files = self.read_schema_files()?;
        let style = Style::for_stderr();
        match schema::load::validate(&files) {
            Ok(schema::load::Validated::Loaded(loaded)) => {
                eprint!("{}", schema::render_diagnostics(&loaded.warnings, style));
                Ok((files, loaded.schema))
            }
            Ok(schema::load::Validated::ValidOnly(only)) => {
                eprint!("{}", schema::render_diagnostics(&only.warnings, style));
                eprint!("{}", schema::render_diagnostics(&[only.refusal], style));
                bail!(
                    "schema: valid, but tether generates nothing for provider `{}`",
                    only.provider
                )
            }
            Err(errors) => {
                eprint!("{}", schema::render_diagnostics(&errors.warnings, style));
                eprint!("{}", schema::render_diagnostics(&errors.errors, style));
                bail!(
                    "schema: validation failed with {} error(s)",
                    errors.errors.len()
                )
            }
        }
    }
}

impl Workspace {
    /// `load_schema`, for a command that talks to a SQL database: a MongoDB schema is refused
    /// with what does work for it.
    pub fn load_sql_schema(&self, command: &str) -> Result<(Vec<SchemaFile>, schema::ir::Schema)> {
        let (files, schema) = self.load_schema()?;
        if !schema.provider.is_relational() {
            bail!(
                "{command}: a MongoDB schema's migrations are database commands: `tether migrate apply|down|status` run them (`migrate plan` and `migrate resolve` are for SQL databases); `tether gen` writes the next one"
            );
        }
        crate::migrations::plan::check_sql_dialects(&self.config, &schema)?;
        Ok((files, schema))
    }

    /// `--url`, else `$DATABASE_URL`, else the config's `database.url` (`env:NAME` reads NAME).
    pub fn database_url(&self, args: &crate::cli::DbArgs) -> Result<String> {
        match args.urls.as_slice() {
            [] => {}
            [url] => return Ok(url.clone()),
            _ => bail!("database: one --url at a time here; `tether check-drift` checks several"),
        }
        if let Ok(url) = std::env::var("DATABASE_URL")
            && !url.is_empty()
        {
            return Ok(url);
        }
        match self.config.raw.database.url.as_deref() {
            Some(value) => match value.strip_prefix("env:") {
                Some(var) => std::env::var(var).map_err(|_| {
                    anyhow::anyhow!(
                        "database: environment variable {var} (from database.url) is not set"
                    )
                }),
                None => Ok(crate::connection::sqlite_url_relative_to(
                    value,
                    &self.config.root,
                )),
            },
            None => bail!(
                "database: no URL: pass --url, set DATABASE_URL, or set database.url in tether.toml"
            ),
        }
    }

    /// The connection options of the command line and `tether.toml`; a `read_only`
    /// connection (a check, a status) gets a statement timeout unless told otherwise, one that
    /// migrates none (an ALTER on a large table may take long).
    pub fn connect_options(
        &self,
        args: &crate::cli::DbArgs,
        read_only: bool,
    ) -> crate::connection::ConnectOptions {
        let database = &self.config.raw.database;
        let seconds = std::time::Duration::from_secs;
        let statement_timeout = match args.statement_timeout.or(database.statement_timeout) {
            Some(0) => None,
            Some(n) => Some(seconds(n)),
            None => read_only.then(|| seconds(60)),
        };
        crate::connection::ConnectOptions {
            connect_timeout: seconds(
                args.connect_timeout
                    .or(database.connect_timeout)
                    .unwrap_or(10),
            ),
            statement_timeout,
            lock_timeout: seconds(args.lock_timeout.or(database.lock_timeout).unwrap_or(60)),
            read_only,
            db_schema: args.db_schema.clone().or_else(|| database.schema.clone()),
        }
    }
}

pub fn run(cli: Cli) -> Result<Outcome> {
    crate::term::set_quiet(cli.quiet);
    let cwd = std::env::current_dir()?;
    match cli.command {
        Command::Init => return init::run(&cwd),
        Command::Completions { shell } => return completions::run(shell),
        _ => {}
    }
    let config = Config::discover(cli.config.as_deref(), &cwd)?;
    let workspace = Workspace {
        config,
        schema_override: cli.schema,
    };
    match cli.command {
        Command::Validate(args) => validate::run(&workspace, &args),
        Command::Fmt { check } => fmt::run(&workspace, check),
        Command::Init | Command::Completions { .. } => unreachable!("handled above"),
        Command::Gen(args) => generate::run(&workspace, &args),
        Command::Migrate(command) => migrate::run(&workspace, &command),
        Command::CheckDrift(args) => check_drift::run(&workspace, &args),
        Command::Db(crate::cli::DbCommand::Pull(args)) => db_pull::run(&workspace, &args),
    }
}
