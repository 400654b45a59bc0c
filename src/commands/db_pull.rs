//! `tether db pull`: a Prisma schema of a live database, through the same read-only
//! inspection `check-drift` uses, raised by `relational::pull`, formatted and validated by
//! Prisma's own code before anything is written.
//!
//! Rules: read-only on the database. The schema goes to `--out`, stdout (`--print`) or the
//! configured schema path. Pulling into an existing schema is a re-pull: what that schema says
//! and the database cannot (its names, `///` comments, model order, generators and datasource,
//! `@updatedAt`, client-made ids) is kept (`pull::Hints`); a file that does not load as a schema
//! of this database is replaced only with `--force`. A pulled schema Prisma's validator rejects
//! is a bug, reported with its diagnostics, and written nowhere.

use super::Workspace;
use crate::Outcome;
use crate::cli::PullArgs;
use crate::drift;
use crate::output;
use crate::relational::dialect::Dialect;
use crate::relational::model::DbSchema;
use crate::relational::{driver, lower, pull};
use crate::schema::ir::{DefaultValue, Field, FieldType, RelationKind, Schema};
use crate::schema::{self, load};
use crate::term;
use anyhow::{Result, bail};
use std::collections::BTreeSet;

pub fn run(workspace: &Workspace, args: &PullArgs) -> Result<Outcome> {
    let url = workspace.database_url(&args.db)?;
    let progress = term::Progress::start();
    if let Ok(parsed) = crate::connection::DatabaseUrl::parse(&url) {
        progress.set(&format!("inspecting {}…", parsed.endpoint));
    }
    let mut db = driver::connect(&url, &workspace.connect_options(&args.db, true))?;
    let ignore = &workspace.config.raw.database.ignore;
    let target = match (&args.out, args.print) {
        (_, true) => None,
        (Some(out), false) => Some(out.clone()),
        (None, false) => Some(workspace.schema_path()?),
    };
    if let Some(dir) = target.as_ref().filter(|p| p.is_dir()) {
        bail!(
            "db pull: the schema {} is a folder of .prisma files, and a pull writes one file: choose it with --out FILE (or --print)",
            dir.display()
        );
    }
    let name = target
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("schema.prisma"));
    let existing = target
        .as_ref()
        .filter(|p| p.is_file())
        .map(|p| {
            std::fs::read_to_string(p).map(|text| load::SchemaFile {
                path: p.clone(),
                text,
            })
        })
        .transpose()?;
    let loaded = existing
        .as_ref()
        .map(|file| load::load(std::slice::from_ref(file)));
    // A schema that lists database schemas (multiSchema) is pulled from all of them, as Prisma
    // pulls them: write the datasource with its `schemas`, then pull into it.
    let namespaces = match &loaded {
        Some(Ok(loaded)) => loaded.schema.namespaces.clone(),
        _ => Vec::new(),
    };
    let live = driver::without_ignored(driver::inspect_for(db.as_mut(), &namespaces)?, ignore);
    drop(progress);
    let hints = match (&existing, loaded) {
        (None, _) | (_, None) => pull::Hints::default(),
        (Some(file), Some(loaded)) => match loaded {
            Ok(loaded) if loaded.schema.provider == db.dialect().provider() => {
                let blocks = blocks(&file.text);
                let mut hints = hints_of(&loaded.schema, &file.text, &blocks);
                keep_what_matches(
                    &mut hints,
                    &loaded.schema,
                    &blocks,
                    &live,
                    db.dialect(),
                    ignore,
                );
                hints
            }
            _ if args.force => pull::Hints::default(),
            _ => bail!(
                "db pull: {} is not a valid {} schema to re-pull into (its names could not be kept): write elsewhere with --out FILE, print with --print, or replace it with --force",
                file.path.display(),
                db.dialect().provider().name()
            ),
        },
    };
    let text = pull::schema_text(&live, db.dialect(), &hints);
    let file = load::SchemaFile {
        path: name.clone(),
        text,
    };
    let formatted = load::format(std::slice::from_ref(&file))
        .pop()
        .map(|(_, text)| text)
        .unwrap_or(file.text);
    let pulled = load::SchemaFile {
        path: name,
        text: formatted,
    };
    if let Err(errors) = load::validate(std::slice::from_ref(&pulled)) {
        eprint!(
            "{}",
            schema::render_diagnostics(&errors.errors, crate::term::Style::for_stderr())
        );
        bail!(
            "db pull: the schema pulled from the database does not validate ({} error(s)); this is a bug in tether, please report it with the schema above:\n{}",
            errors.errors.len(),
            pulled.text
        );
    }
    let models = pulled
        .text
        .lines()
        .filter(|l| l.starts_with("model "))
        .count();
    match target {
        None => print!("{}", pulled.text),
        Some(path) => {
            output::write_atomic(&path, &pulled.text)?;
            term::info(format_args!(
                "wrote {} ({models} models, from {} tables)",
                path.display(),
                live.tables.len()
            ));
        }
    }
    Ok(Outcome::Success)
}

/// What a re-pull keeps of the schema it pulls into: names, comments and order by database
/// name, the blocks before the first model, and the attributes a database cannot hold.
fn hints_of(schema: &Schema, text: &str, blocks: &[Block]) -> pull::Hints {
    let mut hints = pull::Hints {
        header: header_blocks(text),
        ..pull::Hints::default()
    };
    let block = |kind: &str, name: &str| blocks.iter().find(|b| b.kind == kind && b.name == name);
    for m in &schema.models {
        let model_block = block("model", &m.name);
        let fields = m
            .fields
            .iter()
            .map(|f| {
                let text_enum = match f.ty {
                    FieldType::Enum(id) => Some(schema.enum_(id).database_name().to_owned()),
                    _ => None,
                };
                let hint = pull::FieldHint {
                    name: f.name.clone(),
                    doc: f.documentation.clone(),
                    text_enum,
                    kept: kept_attributes(f),
                };
                (f.database_name().to_owned(), hint)
            })
            .collect();
        hints.models.insert(
            m.database_name().to_owned(),
            pull::ModelHint {
                name: m.name.clone(),
                order: model_block.map_or(usize::MAX, |b| b.at),
                field_order: model_block
                    .map(|b| field_order(&b.text))
                    .unwrap_or_default(),
                doc: m.documentation.clone(),
                fields,
            },
        );
    }
    for e in &schema.enums {
        hints.enums.insert(
            e.database_name().to_owned(),
            pull::EnumHint {
                name: e.name.clone(),
                order: block("enum", &e.name).map_or(usize::MAX, |b| b.at),
                doc: e.documentation.clone(),
                values: e
                    .values
                    .iter()
                    .map(|v| (v.database_name().to_owned(), v.name.clone()))
                    .collect(),
            },
        );
    }
    for r in &schema.relations {
        match &r.kind {
            RelationKind::Inline {
                referencing_model,
                referencing_fields,
                forward_field: Some(forward),
                back_field: Some(back),
                ..
            } => {
                let model = schema.model(*referencing_model);
                let columns = referencing_fields
                    .iter()
                    .map(|f| model.field(*f).database_name().to_owned())
                    .collect();
                hints.relations.insert(
                    (model.database_name().to_owned(), columns),
                    pull::RelationHint {
                        name: r.name.clone(),
                        forward: forward.clone(),
                        back: back.clone(),
                    },
                );
            }
            RelationKind::ImplicitManyToMany {
                field_a,
                field_b,
                table_name,
                ..
            } => {
                hints.join_tables.insert(
                    table_name.clone(),
                    pull::RelationHint {
                        name: r.name.clone(),
                        forward: field_a.clone(),
                        back: field_b.clone(),
                    },
                );
            }
            RelationKind::Inline { .. } => {}
        }
    }
    hints
}

/// The names of a model's fields (relation fields too) in the order its block has them.
fn field_order(block: &str) -> Vec<String> {
    let mut lines = block
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("model "))
        .skip(1);
    let mut out = Vec::new();
    for line in lines.by_ref() {
        let trimmed = line.trim();
        if trimmed.starts_with('}') {
            break;
        }
        if trimmed.is_empty() || trimmed.starts_with("//") || trimmed.starts_with("@@") {
            continue;
        }
        if let Some(name) = trimmed.split_whitespace().next() {
            out.push(name.to_owned());
        }
    }
    out
}

/// A field's attributes that no database default or type says: `@updatedAt` and the ids Prisma
/// Client makes (`@default(cuid())`...).
fn kept_attributes(f: &Field) -> Vec<String> {
    let mut kept = Vec::new();
    if f.updated_at {
        kept.push("@updatedAt".to_owned());
    }
    let client_default = match &f.default {
        Some(DefaultValue::Uuid { version: 4 }) => Some("uuid()".to_owned()),
        Some(DefaultValue::Uuid { version }) => Some(format!("uuid({version})")),
        Some(DefaultValue::Cuid { version: 1 }) => Some("cuid()".to_owned()),
        Some(DefaultValue::Cuid { version }) => Some(format!("cuid({version})")),
        Some(DefaultValue::Ulid) => Some("ulid()".to_owned()),
        Some(DefaultValue::Nanoid { length: None }) => Some("nanoid()".to_owned()),
        Some(DefaultValue::Nanoid { length: Some(n) }) => Some(format!("nanoid({n})")),
        _ => None,
    };
    kept.extend(client_default.map(|d| format!("@default({d})")));
    kept
}

/// The schema's `generator` and `datasource` blocks, as written (with the comments above them).
fn header_blocks(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut pending_comments = String::new();
    let mut inside = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if inside {
            out.push_str(line);
            out.push('\n');
            if line.starts_with('}') {
                inside = false;
                out.push('\n');
            }
            continue;
        }
        if trimmed.starts_with("//") {
            pending_comments.push_str(line);
            pending_comments.push('\n');
            continue;
        }
        if trimmed.starts_with("generator ") || trimmed.starts_with("datasource ") {
            out.push_str(&pending_comments);
            out.push_str(line);
            out.push('\n');
            inside = !line.trim_end().ends_with('}');
        }
        pending_comments.clear();
    }
    (!out.is_empty()).then_some(out)
}

/// The schema's blocks for what the database has exactly as the schema says (compared as
/// `check-drift` compares), kept as written: a re-pull of an unchanged database changes nothing.
fn keep_what_matches(
    hints: &mut pull::Hints,
    schema: &Schema,
    blocks: &[Block],
    live: &DbSchema,
    dialect: &'static dyn Dialect,
    ignore: &[String],
) {
    let expected = lower::lower(schema, dialect).schema;
    let (plan, _) = drift::compare(
        live.clone(),
        expected,
        ignore,
        schema.relation_mode,
        dialect,
    );
    let changed: BTreeSet<&str> = plan.changes.iter().filter_map(|c| c.table()).collect();
    let enums_changed = plan.changes.iter().any(|c| c.table().is_none());
    let block = |kind: &str, name: &str| blocks.iter().find(|b| b.kind == kind && b.name == name);
    for m in &schema.models {
        let table = m.database_name();
        if changed.contains(table) {
            continue;
        }
        if let Some(b) = block("model", &m.name) {
            hints
                .verbatim_models
                .insert(table.to_owned(), b.text.clone());
        }
    }
    if !enums_changed {
        hints.verbatim_enums = Some(
            schema
                .enums
                .iter()
                .filter_map(|e| {
                    let b = block("enum", &e.name)?;
                    Some((e.database_name().to_owned(), b.at, b.text.clone()))
                })
                .collect(),
        );
    }
    hints.verbatim_other = blocks
        .iter()
        .filter(|b| b.kind == "view" || b.kind == "type")
        .map(|b| (b.at, b.text.clone()))
        .collect();
}

/// A top-level block of a schema file.
struct Block {
    /// `model`, `enum`, `view` or `type`.
    kind: String,
    name: String,
    /// The block as written, with the comment lines above it.
    text: String,
    /// Its byte offset in the file.
    at: usize,
}

/// The top-level model, enum, view and type blocks of a schema file.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut comments = String::new();
    let mut current: Option<Block> = None;
    let mut offset = 0;
    for line in text.lines() {
        let start = offset;
        offset += line.len() + 1;
        if let Some(block) = current.as_mut() {
            block.text.push_str(line);
            block.text.push('\n');
            if line.starts_with('}') {
                out.extend(current.take());
            }
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [kind @ ("model" | "enum" | "view" | "type"), name, "{", ..] => {
                current = Some(Block {
                    kind: (*kind).to_owned(),
                    name: (*name).to_owned(),
                    text: format!("{comments}{line}\n"),
                    at: start,
                });
                comments.clear();
            }
            _ if line.trim_start().starts_with("//") => {
                comments.push_str(line);
                comments.push('\n');
            }
            _ => comments.clear(),
        }
    }
    out
}
