//! Schema enums as `class E(str, enum.Enum)` in the models module.
//!
//! Rules: members are the schema's value names made identifiers (`enum_member_names`, which the
//! Pydantic defaults use too) and hold the database values (`@map`).

use super::file::{docstring, field_comment};
use super::layout::{statement, string};
use crate::codegen::naming::{PYTHON, Scope};
use crate::schema::ir::Enum;
use askama::Template;

pub(super) fn enum_view(e: &Enum, name: &str) -> EnumView {
    let members = enum_member_names(e);
    EnumView {
        name: name.to_owned(),
        doc: docstring(e.documentation.as_deref(), 4),
        members: e
            .values
            .iter()
            .zip(members)
            .map(|(v, member)| {
                format!(
                    "{}{}",
                    field_comment(v.documentation.as_deref(), 4),
                    statement(4, &format!("{member} = "), &string(v.database_name()))
                )
            })
            .collect(),
    }
}

/// The Python member names of an enum's values, as `enum_view` assigns them.
pub(super) fn enum_member_names(e: &Enum) -> Vec<String> {
    Scope::new().assign_converted(e.values.iter().map(|v| v.name.as_str()), |n| {
        PYTHON.identifier(n)
    })
}

#[derive(Template)]
#[template(path = "python/enum.py.jinja", escape = "none")]
pub(super) struct EnumView {
    name: String,
    doc: Option<String>,
    /// `NAME = "value"` statements, each with its comment lines.
    members: Vec<String>,
}
