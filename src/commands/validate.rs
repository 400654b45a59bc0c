//! `tether validate`: Prisma's validation, a one-line summary or the diagnostics.

use super::Workspace;
use crate::Outcome;
use crate::cli::{Format, ValidateArgs};
use crate::schema::load::{self, Validated};
use crate::schema::{self, Diagnostic, Severity};
use crate::term::Style;
use anyhow::{Result, bail};

pub fn run(workspace: &Workspace, args: &ValidateArgs) -> Result<Outcome> {
    let files = workspace.read_schema_files()?;
    let result = load::validate(&files);
    let file_names: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    if args.format == Format::Json {
        let value = match &result {
            Ok(Validated::Loaded(loaded)) => serde_json::json!({
                "valid": true,
                "files": file_names,
                "provider": loaded.schema.provider.name(),
                "generates": true,
                "models": loaded.schema.models.len(),
                "enums": loaded.schema.enums.len(),
                "views": loaded.schema.views.len(),
                "errors": [],
                "warnings": loaded.warnings,
            }),
            Ok(Validated::ValidOnly(only)) => serde_json::json!({
                "valid": true,
                "files": file_names,
                "provider": only.provider,
                "generates": false,
                "note": only.refusal.message,
                "models": only.models,
                "enums": only.enums,
                "views": only.views,
                "composite_types": only.composite_types,
                "errors": [],
                "warnings": only.warnings,
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
    let report = |diagnostics: &[Diagnostic]| {
        eprint!("{}", schema::render_diagnostics(diagnostics, style));
        if args.format == Format::Github {
            print!("{}", github_annotations(diagnostics));
        }
    };
    match result {
        Ok(Validated::ValidOnly(only)) => {
            report(&only.warnings);
            if args.dump_ir {
                bail!("{}", only.refusal.message);
            }
            println!(
                "{} {} ({} file{}): {} models, {} enums, {} views, {} composite types, provider {}",
                Style::for_stdout().green("valid:"),
                workspace.schema_path()?.display(),
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                only.models,
                only.enums,
                only.views,
                only.composite_types,
                only.provider
            );
            eprintln!("note: {}", only.refusal.message);
            Ok(Outcome::Success)
        }
        Ok(Validated::Loaded(loaded)) => {
            report(&loaded.warnings);
            let s = &loaded.schema;
            if args.dump_ir {
                println!("{}", serde_json::to_string_pretty(s)?);
                return Ok(Outcome::Success);
            }
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
            report(&e.warnings);
            report(&e.errors);
            bail!("schema: validation failed with {} error(s)", e.errors.len())
        }
    }
}

/// GitHub Actions workflow commands: `::error file=F,line=L,col=C::message`.
fn github_annotations(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!(
                "::{level} file={},line={},col={},endLine={},endColumn={}::{}\n",
                escape(&d.file.display().to_string())
                    .replace(',', "%2C")
                    .replace(':', "%3A"),
                d.line,
                d.column,
                d.end_line,
                d.end_column,
                escape(&d.message)
            )
        })
        .collect()
}

/// A workflow command ends at a newline; GitHub's escapes keep a value on one line.
fn escape(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}
