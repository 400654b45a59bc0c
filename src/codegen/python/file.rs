//! A generated Python file as a whole: header, module docstring, imports in isort's order, blocks
//! two blank lines apart; and docstrings and `#` comments as ruff keeps them.
//!
//! Rules: every Python module tether writes (models, Pydantic models, Alembic revisions) is put
//! together with these pieces, so that `ruff check` (isort) and `ruff format` change nothing; a
//! file ends in exactly one newline.

use crate::codegen::naming;
use askama::Template;
use std::collections::BTreeMap;

/// A generated module: header, docstring, imports, blocks two blank lines apart.
#[derive(Template)]
#[template(path = "python/module.py.jinja", escape = "none")]
pub(super) struct ModuleFile<'a> {
    pub(super) header: &'a str,
    /// The module docstring's text, without quotes.
    pub(super) doc: &'static str,
    pub(super) imports: &'a [String],
    pub(super) blocks: &'a [String],
}

impl ModuleFile<'_> {
    /// About the rendered length (see `render_sized`).
    pub(super) fn size_hint(&self) -> usize {
        let lines = |v: &[String]| v.iter().map(|s| s.len() + 3).sum::<usize>();
        self.header.len() + self.doc.len() + lines(self.imports) + lines(self.blocks) + 64
    }
}

/// Renders `template` into a string of `capacity` bytes (an estimate of its length: a large
/// module grows by doubling otherwise, and keeps the slack in the file set), with exactly one
/// final newline.
pub fn render_sized(template: &impl Template, capacity: usize) -> askama::Result<String> {
    let mut out = String::with_capacity(capacity);
    template.render_into(&mut out)?;
    Ok(with_newline(out))
}

/// The text with exactly one final newline.
pub fn with_newline(mut text: String) -> String {
    while text.ends_with('\n') {
        text.pop();
    }
    text.push('\n');
    text
}

/// One isort section: `import x` lines, then `from x import ...` lines, each sorted by module.
#[derive(Default)]
pub struct Imports {
    plain: std::collections::BTreeSet<String>,
    from: BTreeMap<String, Vec<String>>,
}

impl Imports {
    pub fn import(&mut self, module: &str) {
        self.plain.insert(module.to_owned());
    }

    pub fn from(&mut self, module: &str, name: &str) {
        let names = self.from.entry(module.to_owned()).or_default();
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }

    fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self.plain.iter().map(|m| format!("import {m}")).collect();
        for (module, names) in &self.from {
            out.push(from_import(module, names.iter().map(String::as_str)));
        }
        out
    }
}

/// The import sections, a blank line between them, empty ones left out.
pub fn sections(sections: impl IntoIterator<Item = Imports>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for section in sections {
        let lines = section.lines();
        if lines.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(lines);
    }
    out
}

/// `from module import a, b`, names in isort's order (constants, classes, then the rest), in
/// parentheses one per line when the line is too long, as ruff's isort writes it.
pub fn from_import<'n>(module: &str, names: impl IntoIterator<Item = &'n str>) -> String {
    let mut names: Vec<&str> = names.into_iter().collect();
    let kind = |n: &str| {
        if n.len() > 1 && n.chars().all(|c| !c.is_lowercase()) {
            0
        } else if n.chars().next().is_some_and(char::is_uppercase) {
            1
        } else {
            2
        }
    };
    names.sort_by_key(|n| (kind(n), n.to_lowercase(), n.to_string()));
    names.dedup();
    let line = format!("from {module} import {}", names.join(", "));
    if naming::display_width(&line) <= super::layout::WIDTH {
        return line;
    }
    let mut out = format!("from {module} import (\n");
    for n in names {
        out.push_str(&format!("    {n},\n"));
    }
    out.push(')');
    out
}

/// A docstring at `indent`, as ruff formats one: first line trimmed, the common indentation of
/// the others removed, trailing spaces gone, backslashes and triple quotes escaped.
pub fn docstring(doc: Option<&str>, indent: usize) -> Option<String> {
    let doc = doc?.trim_end();
    if doc.trim().is_empty() {
        return None;
    }
    let lines: Vec<&str> = doc.lines().map(str::trim_end).collect();
    let common = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let pad = " ".repeat(indent);
    let escape = |s: &str| s.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    let mut text = escape(lines[0].trim_start());
    for line in &lines[1..] {
        text.push('\n');
        if !line.trim().is_empty() {
            text.push_str(&pad);
            text.push_str(&escape(&line[common.min(line.len())..]));
        }
    }
    if text.starts_with('"') {
        text.insert(0, ' ');
    }
    let multiline = lines.len() > 1;
    if text.ends_with('"') && !multiline {
        text.push(' ');
    }
    Some(if multiline {
        format!("{pad}\"\"\"{text}\n{pad}\"\"\"")
    } else {
        format!("{pad}\"\"\"{text}\"\"\"")
    })
}

/// `# ` comment lines (each ending in a newline) for documentation above a statement.
pub fn field_comment(doc: Option<&str>, indent: usize) -> String {
    let Some(doc) = doc.filter(|d| !d.trim().is_empty()) else {
        return String::new();
    };
    let pad = " ".repeat(indent);
    doc.lines()
        .map(|l| {
            let l = l.trim_end();
            if l.is_empty() {
                format!("{pad}#\n")
            } else {
                format!("{pad}# {l}\n")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docstrings_are_what_ruff_keeps() {
        assert_eq!(
            docstring(Some("One line."), 4).unwrap(),
            "    \"\"\"One line.\"\"\""
        );
        assert_eq!(
            docstring(Some("First.\n  Second.\n\n  Third.  "), 4).unwrap(),
            "    \"\"\"First.\n    Second.\n\n    Third.\n    \"\"\""
        );
        assert_eq!(
            docstring(Some(r#"Says "hi" \ bye"#), 0).unwrap(),
            r#""""Says "hi" \\ bye""""#
        );
        assert_eq!(
            docstring(Some(r#"Ends in "quotes""#), 0).unwrap(),
            r#""""Ends in "quotes" """"#
        );
        assert_eq!(docstring(Some("  "), 4), None);
    }

    #[test]
    fn imports_are_in_isorts_order() {
        let mut stdlib = Imports::default();
        stdlib.from("typing", "TypeVar");
        stdlib.from("typing", "Any");
        stdlib.import("enum");
        stdlib.from("collections.abc", "Callable");
        stdlib.import("datetime");
        let mut third = Imports::default();
        for name in ["relationship", "Mapped", "DeclarativeBase", "mapped_column"] {
            third.from("sqlalchemy.orm", name);
        }
        assert_eq!(
            sections([stdlib, Imports::default(), third]),
            [
                "import datetime",
                "import enum",
                "from collections.abc import Callable",
                "from typing import Any, TypeVar",
                "",
                "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship",
            ]
        );
        let long = from_import(
            "sqlalchemy.orm",
            [
                "DeclarativeBase",
                "Mapped",
                "Unmapped",
                "mapped_column",
                "relationship",
                "unmapped_column",
            ],
        );
        assert!(long.starts_with("from sqlalchemy.orm import (\n    DeclarativeBase,\n"));
        assert!(long.ends_with("    unmapped_column,\n)"));
    }
}
