//! `tether validate`: Prisma's validation, a one-line summary or the diagnostics.

use super::Workspace;
use crate::Outcome;
use crate::cli::Format;
use crate::schema::{self, load};
use crate::term::Style;
use anyhow::{Result, bail};

pub fn run(workspace: &Workspace, format: Format) -> Result<Outcome> {
    let files = workspace.read_schema_files()?;
    let result = load::load(&files);
    if format == Format::Json {
        let value = match &result {
            Ok(loaded) => serde_json::json!({
                "valid": true,
                "files": files.iter().map(|f| f.path.display().to_string()).collect::<Vec<_>>(),
                "models": loaded.schema.models.len(),
                "enums": loaded.schema.enums.len(),
                "views": loaded.schema.views.len(),
                "errors": [],
                "warnings": loaded.warnings,
            }),
            Err(e) => {
                serde_json::json!({ "valid": false, "errors": e.errors, "warnings": e.warnings })
            }
        };
        println!("{}", serde_json::to_string_pretty(&value)?);
        return match result {
            Ok(_) => Ok(Outcome::Success),
            Err(e) => bail!("schema: validation failed with {} error(s)", e.errors.len()),
        };
    }
    let style = Style::for_stderr();
    match result {
        Ok(loaded) => {
            eprint!("{}", schema::render_diagnostics(&loaded.warnings, style));
            let s = &loaded.schema;
            println!(
                "{} {} ({} file{}): {} models, {} enums, {} views, provider {}",
                Style::for_stdout().green("valid:"),
                workspace.schema_path()?.display(),
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                s.models.len(),
                s.enums.len(),
                s.views.len(),
                s.provider.name()
            );
            Ok(Outcome::Success)
        }
        Err(e) => {
            eprint!("{}", schema::render_diagnostics(&e.warnings, style));
            eprint!("{}", schema::render_diagnostics(&e.errors, style));
            bail!("schema: validation failed with {} error(s)", e.errors.len())
        }
    }
}
