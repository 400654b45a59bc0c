//! `tether completions <shell>`: the completion script clap generates from the command line's
//! own definitions (`cli`), on stdout. Needs no config and no schema.

use crate::Outcome;
use crate::cli::Cli;
use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

pub fn run(shell: Shell) -> Result<Outcome> {
    clap_complete::generate(shell, &mut Cli::command(), "tether", &mut std::io::stdout());
    Ok(Outcome::Success)
}
