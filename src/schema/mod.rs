//! The schema side of tether: reading `.prisma` files (`load`) into one IR (`ir`).
//!
//! Rules: only `load.rs` knows psl; everything else in tether reads `ir::Schema`. Diagnostics are
//! rendered here, in one place, for the terminal and as JSON.

pub mod ir;
pub mod load;

pub use load::{Diagnostic, SchemaFile, Severity};

use crate::term::Style;
use std::fmt::Write;

/// Renders diagnostics as a compiler does: message, `--> file:line:column`, the line, a caret.
pub fn render_diagnostics(diagnostics: &[Diagnostic], style: Style) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (label, paint): (&str, fn(Style, &str) -> String) = match d.severity {
            Severity::Error => ("error", Style::red),
            Severity::Warning => ("warning", Style::yellow),
        };
        let _ = writeln!(out, "{}: {}", paint(style, label), style.bold(&d.message));
        let _ = writeln!(out, "  --> {}:{}:{}", d.file.display(), d.line, d.column);
        let gutter = d.line.to_string().len();
        let _ = writeln!(out, "{:gutter$} |", "");
        let _ = writeln!(out, "{} | {}", d.line, d.source_line);
        let width = if d.end_line == d.line {
            d.end_column.saturating_sub(d.column).max(1)
        } else {
            1
        };
        let _ = writeln!(
            out,
            "{:gutter$} | {}{}",
            "",
            " ".repeat(d.column - 1),
            paint(style, &"^".repeat(width))
        );
    }
    out
}
