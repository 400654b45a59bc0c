//! `tether fmt [--check]`: Prisma's own formatter over every schema file.

use super::Workspace;
use crate::Outcome;
use crate::output;
use crate::schema::load;
use anyhow::Result;

pub fn run(workspace: &Workspace, check: bool) -> Result<Outcome> {
    let files = workspace.read_schema_files()?;
    let mut unformatted = 0;
    for ((path, formatted), original) in load::format(&files).into_iter().zip(&files) {
        if formatted == original.text {
            continue;
        }
        unformatted += 1;
        if check {
            print!(
                "{}",
                output::unified_diff(&path, &original.text, &formatted)
            );
        } else {
            output::write_atomic(&path, &formatted)?;
            crate::term::info(format_args!("formatted {}", path.display()));
        }
    }
    if check && unformatted > 0 {
        eprintln!("{unformatted} schema file(s) not formatted; run `tether fmt`");
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Success)
}
