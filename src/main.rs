//! Entry point: parse the command line, run one command, map its outcome to an exit status.
//!
//! Rules: 0 success, 1 a finding (drift, stale or unformatted files), 2 an error of any kind
//! (usage, schema, config, connection). Errors print their whole cause chain once, here.

use clap::Parser;
use std::process::ExitCode;
use tether::{Outcome, cli, commands, dburl, term};

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match commands::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) => {
            let style = term::Style::for_stderr();
            let message = dburl::redact_text(&format!("{e:#}"));
            eprintln!("{}: {message}", style.red("error"));
            ExitCode::from(2)
        }
    }
}
