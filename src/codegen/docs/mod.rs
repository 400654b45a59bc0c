//! Schema documentation: a Mermaid `erDiagram` in Markdown (`mermaid.rs`), a DBML file
//! (`dbml.rs`) and a Markdown data dictionary (`dictionary.rs`), from `[docs]`.
//!
//! Rules: the documents show the database as the migrations build it: tables (implicit
//! many-to-many join tables included) and columns by their database names, types as the
//! dialect writes them, from the same lowering the migrations come from; the `///` comments
//! come from the schema. Relations in the diagram are the schema's (so that `relationMode =
//! "prisma"`, which has no foreign keys, still shows them); the DBML's references and the
//! dictionary's foreign keys are the database's. Output is a function of the schema and the
//! configuration alone: same input, same bytes.

mod dbml;
mod dictionary;
mod mermaid;

use super::Context;
use crate::config::{DocsConfig, DocsGroup};
use crate::output::FileSet;
use crate::relational::dialect::{self, Dialect};
use crate::relational::model::{Column, ColumnType, DbSchema, IndexKind, Table};
use crate::schema::ir::{Field, Model, Provider, RelationKind, Schema};
use anyhow::{Result, bail};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

pub fn render(ctx: &Context, cfg: &DocsConfig, set: &mut FileSet) -> Result<()> {
    let catalog = Catalog::new(ctx, cfg)?;
    if let Some(path) = &cfg.mermaid {
        set.insert(
            ctx.config.resolve(path),
            mermaid::render(&catalog, &ctx.header),
        );
    }
    if let Some(path) = &cfg.dbml {
        set.insert(
            ctx.config.resolve(path),
            dbml::render(&catalog, &ctx.header),
        );
    }
    if let Some(path) = &cfg.dictionary {
        set.insert(
            ctx.config.resolve(path),
            dictionary::render(&catalog, &ctx.header),
        );
    }
    Ok(())
}

/// One dialect's view of the schema.
struct Lowering<'a> {
    provider: Provider,
    dialect: &'static dyn Dialect,
    db: Cow<'a, DbSchema>,
}

impl Lowering<'_> {
    /// The column's type as this dialect writes it, identifiers unquoted; an enum column by its
    /// enum's name.
    fn type_name(&self, column: &Column) -> String {
        let base = match &column.ty {
            ColumnType::Enum(name) => name.clone(),
            ColumnType::Native(_) => self
                .dialect
                .column_type_sql(column, &self.db)
                .replace(['"', '`'], ""),
        };
        if column.array && !base.ends_with("[]") {
            format!("{base}[]")
        } else {
            base
        }
    }
}

/// What the documents show: the schema, lowered for the documents' dialect first and then for
/// every other migration dialect (for the dictionary's type columns).
struct Catalog<'a> {
    schema: &'a Schema,
    lowerings: Vec<Lowering<'a>>,
    groups: &'a [DocsGroup],
    /// Table name -> its model, looked up for every table and column.
    models_by_table: HashMap<&'a str, &'a Model>,
}

/// A relation as the diagram draws it.
struct Edge<'a> {
    /// The table the key points at, and the one that holds it.
    parent: &'a str,
    child: String,
    /// Can a child row exist without a parent (an optional foreign key)?
    parent_optional: bool,
    /// One child per parent at most (1-1)?
    one_child: bool,
    /// The child's columns that hold the key.
    columns: Vec<String>,
}

impl<'a> Catalog<'a> {
    fn new(ctx: &Context<'a>, cfg: &'a DocsConfig) -> Result<Catalog<'a>> {
        let schema = ctx.schema;
        let primary = cfg.dialect.unwrap_or(schema.provider);
        let mut providers = vec![primary];
        providers.extend(
            ctx.config
                .dialects(schema.provider)
                .into_iter()
                .filter(|p| *p != primary),
        );
        let lowerings = providers
            .into_iter()
            .map(|provider| Lowering {
                provider,
                dialect: dialect::for_provider(provider),
                db: ctx.db_schema(provider),
            })
            .collect();
        for group in &cfg.groups {
            for name in &group.models {
                if !schema.models.iter().any(|m| &m.name == name) {
                    bail!(
                        "config: [docs] group `{}` names `{name}`, which is not a model of the schema",
                        group.name
                    );
                }
            }
        }
        Ok(Catalog {
            schema,
            lowerings,
            groups: &cfg.groups,
            models_by_table: schema
                .models
                .iter()
                .map(|m| (m.database_name(), m))
                .collect(),
        })
    }

    fn main(&self) -> &Lowering<'a> {
        &self.lowerings[0]
    }

    fn tables(&self) -> &[Table] {
        &self.main().db.tables
    }

    /// The model whose table this is.
    fn model_of(&self, table: &str) -> Option<&'a Model> {
        self.models_by_table.get(table).copied()
    }

    fn field_of(&self, table: &str, column: &str) -> Option<&'a Field> {
        self.model_of(table)?
            .fields
            .iter()
            .find(|f| f.database_name() == column)
    }

    /// (table, column) of every column that holds a key of another table: by the database's
    /// foreign keys and by the schema's relations (which `relationMode = "prisma"` keeps out of
    /// the database).
    fn foreign_key_columns<'e>(&'e self, edges: &'e [Edge]) -> BTreeSet<(&'e str, &'e str)> {
        let mut out = BTreeSet::new();
        for table in self.tables() {
            for fk in &table.foreign_keys {
                out.extend(fk.columns.iter().map(|c| (table.name.as_str(), c.as_str())));
            }
        }
        for e in edges {
            out.extend(e.columns.iter().map(|c| (e.child.as_str(), c.as_str())));
        }
        out
    }

    fn is_unique_column(table: &Table, column: &str) -> bool {
        table.indexes.iter().any(|i| {
            i.kind == IndexKind::Unique && i.columns.len() == 1 && i.columns[0].name == column
        })
    }

    /// Every relation between tables: the schema's 1-1 and 1-n relations, and each implicit
    /// many-to-many as its join table's two halves.
    fn edges(&self) -> Vec<Edge<'a>> {
        let schema = self.schema;
        let mut out = Vec::new();
        for relation in &schema.relations {
            match &relation.kind {
                RelationKind::Inline {
                    referencing_model,
                    referencing_fields,
                    referenced_model,
                    one_to_one,
                    ..
                } => {
                    let child = schema.model(*referencing_model);
                    let columns: Vec<String> = referencing_fields
                        .iter()
                        .map(|f| child.field(*f).database_name().to_owned())
                        .collect();
                    let parent_optional = referencing_fields
                        .iter()
                        .any(|f| child.field(*f).arity == crate::schema::ir::Arity::Optional);
                    out.push(Edge {
                        parent: schema.model(*referenced_model).database_name(),
                        child: child.database_name().to_owned(),
                        parent_optional,
                        one_child: *one_to_one,
                        columns,
                    });
                }
                RelationKind::ImplicitManyToMany {
                    model_a,
                    model_b,
                    table_name,
                    ..
                } => {
                    for (model, column) in [(model_a, "A"), (model_b, "B")] {
                        out.push(Edge {
                            parent: schema.model(*model).database_name(),
                            child: table_name.clone(),
                            parent_optional: false,
                            one_child: false,
                            columns: vec![column.to_owned()],
                        });
                    }
                }
            }
        }
        out
    }

    /// The group a table is drawn in: its model's, a join table's first model's; `None` for
    /// the last diagram.
    fn group_of(&self, table: &str) -> Option<usize> {
        let model = self.model_of(table).map(|m| m.name.as_str()).or_else(|| {
            self.schema.relations.iter().find_map(|r| match &r.kind {
                RelationKind::ImplicitManyToMany {
                    model_a,
                    table_name,
                    ..
                } if table_name == table => Some(self.schema.model(*model_a).name.as_str()),
                _ => None,
            })
        })?;
        self.groups
            .iter()
            .position(|g| g.models.iter().any(|m| m == model))
    }
}

/// A name in a Markdown code span (as text where it holds a backtick), `|` escaped for table
/// cells, line breaks as `\n`.
fn code(name: &str) -> String {
    let name = name.replace('\n', "\\n").replace('\r', "\\r");
    let text = if name.contains('`') {
        name
    } else {
        format!("`{name}`")
    };
    text.replace('|', "\\|")
}

/// A schema comment on one line (tables and diagrams have no room for line breaks).
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
