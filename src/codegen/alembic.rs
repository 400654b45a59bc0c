//! Alembic revisions: one revision file per migration folder that tether wrote, so that
//! `alembic upgrade head` builds the database the SQL migrations build.
//!
//! Rules: the revisions follow one dialect's migrations folder (`python.alembic_dialect`, else
//! the datasource provider when it is configured, else the first configured dialect). Each
//! revision's `upgrade()` and `downgrade()` are the relational differ's changes between the
//! folder's replayed states before and after that migration, written as `op.` calls; a change
//! Alembic has no operation for (altering a PostgreSQL enum, renaming an index, SQLite's table
//! rebuilds) is `op.execute` of the statements the dialect renders for it, so no SQL is spelled
//! here. Revision ids are the first 12 hex digits of the SHA-256 of the folder name, chained
//! through `down_revision` in folder order. Reading the migrations folder is this generator's
//! one input besides the schema (migrations are history, not generated output); nothing is
//! written here. The folder is replayed once per `gen`: the planning replay renders the
//! revisions on its way (`Revisions`, handed over as a `History`), and only migrations written
//! after it are replayed here. The versions folder is owned: revisions of deleted migrations
//! are removed.

use super::Context;
use super::python::{
    self, Arg, Expr, RawTypeHelper, SqlAlchemyDialect, Uses, atom, call, kw, method, pos, raw_type,
    sql_type, statement, string,
};
use crate::config::{Config, PythonConfig};
use crate::migrations::{self, Migration, MigrationsDir};
use crate::output::FileSet;
use crate::relational::dialect::{self, Dialect, EnumStrategy};
use crate::relational::diff::{self, Change, MigrationPair};
use crate::relational::lower::Renames;
use crate::relational::model::{Column, ColumnType, DbSchema, IndexKind, Table};
use crate::schema::ir::{Provider, Schema};
use anyhow::Result;
use askama::Template;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Renders a revision per migration of the chosen dialect into `versions`: the folder's, then
/// those of `pending` (the migrations `gen` is about to write) that belong to it. `history`
/// holds the revisions `gen` rendered while it replayed the folder for planning: only
/// migrations after those are replayed here.
pub fn render(
    ctx: &Context,
    cfg: &PythonConfig,
    versions: &Path,
    set: &mut FileSet,
    history: Option<History>,
    pending: &[Migration],
) -> Result<()> {
    let provider = revision_dialect(ctx.config, ctx.schema, cfg);
    let d = dialect::for_provider(provider);
    let configured = ctx.config.dialects(ctx.schema.provider);
    let dir = MigrationsDir::for_dialect(&ctx.config.migrations_dir(), provider, configured.len());
    let mut migrations = dir.list()?;
    migrations.extend(
        pending
            .iter()
            .filter(|m| m.dir.parent() == Some(dir.path.as_path()))
            .cloned(),
    );
    // The history counts when it is this dialect's, with this header, of the folder's first
    // migrations.
    let history = history.filter(|h| {
        h.revisions.d.provider() == provider
            && h.revisions.header == ctx.header
            && h.revisions.files.len() <= migrations.len()
            && h.revisions
                .files
                .iter()
                .zip(&migrations)
                .all(|((name, _), m)| *name == m.name)
    });
    let empty = DbSchema::default();
    let (mut revisions, base) = match history {
        Some(h) => (h.revisions, h.state),
        None => (Revisions::new(d, &ctx.header), &empty),
    };
    let remaining = &migrations[revisions.files.len()..];
    if !remaining.is_empty() {
        migrations::replay_from(base.clone(), remaining, d, |m, pair, renames| {
            revisions.add(&m.name, pair, renames)
        })?;
    }
    for (name, text) in revisions.files {
        set.insert(versions.join(format!("{name}.py")), text);
    }
    set.owned_dirs.push(versions.to_path_buf());
    Ok(())
}

/// Revisions rendered one migration at a time, in folder order, each revising the one before.
pub struct Revisions {
    d: &'static dyn Dialect,
    header: String,
    /// (migration folder name, revision file text)
    files: Vec<(String, String)>,
    down_revision: Option<String>,
}

impl Revisions {
    /// No revisions yet, for `d`'s migrations folder; `header` as `Context::header`.
    pub fn new(d: &'static dyn Dialect, header: &str) -> Revisions {
        Revisions {
            d,
            header: header.to_owned(),
            files: Vec::new(),
            down_revision: None,
        }
    }

    /// The revision of migration `name`, which led from `pair.previous` to `pair.next` making
    /// `renames`.
    pub fn add(
        &mut self,
        name: &str,
        pair: MigrationPair<&DbSchema>,
        renames: &Renames,
    ) -> Result<()> {
        let revision = revision_id(name);
        let view = revision_view(
            name,
            &revision,
            self.down_revision.as_deref(),
            pair,
            renames,
            self.d,
            &self.header,
        )?;
        self.files.push((
            name.to_owned(),
            python::render_sized(&view, view.size_hint())?,
        ));
        self.down_revision = Some(revision);
        Ok(())
    }
}

/// The revisions `gen` rendered while replaying the migrations folder for planning
/// (`MigrationsDir::replay_each`), and the schema that replay reached.
pub struct History<'a> {
    pub revisions: Revisions,
    pub state: &'a DbSchema,
}

/// Which dialect's migrations the revisions follow, when Alembic revisions are configured.
pub fn planned_dialect(config: &Config, schema: &Schema) -> Option<Provider> {
    let cfg = config.raw.python.as_ref()?;
    cfg.alembic_versions.as_ref()?;
    let configured = config.migration_dialects(schema.provider);
    (cfg.alembic_dialect.is_some() || !configured.is_empty())
        .then(|| revision_dialect(config, schema, cfg))
}

/// Which dialect's migrations the revisions follow.
fn revision_dialect(config: &Config, schema: &Schema, cfg: &PythonConfig) -> Provider {
    if let Some(p) = cfg.alembic_dialect {
        return p;
    }
    let configured = config.dialects(schema.provider);
    if configured.contains(&schema.provider) {
        schema.provider
    } else {
        configured[0]
    }
}

/// The first 12 hex digits of the SHA-256 of the migration folder's name.
pub fn revision_id(folder: &str) -> String {
    let digest = Sha256::digest(folder.as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

fn revision_view(
    name: &str,
    revision: &str,
    down_revision: Option<&str>,
    pair: MigrationPair<&DbSchema>,
    renames: &Renames,
    d: &'static dyn Dialect,
    header: &str,
) -> askama::Result<RevisionView> {
    // The renames the migration's SQL made (replay reports them), so the revision renames too
    // and keeps the rows.
    // One direction at a time: a first migration's changes hold a copy of every table.
    let mut uses = Uses::default();
    let upgrade = Ops::new(d, pair, &mut uses).all(&diff::diff(pair, renames, d).changes);
    let down = diff::diff(
        MigrationPair {
            previous: pair.next,
            next: pair.previous,
        },
        &renames.reversed(),
        d,
    );
    let back = MigrationPair {
        previous: pair.next,
        next: pair.previous,
    };
    let downgrade = Ops::new(d, back, &mut uses).all(&down.changes);
    drop(down);
    let mut stdlib = python::Imports::default();
    stdlib.from("collections.abc", "Sequence");
    if uses.any || uses.raw_type {
        stdlib.from("typing", "Any");
    }
    let mut third = python::Imports::default();
    if uses.raw_type || upgrade.iter().chain(&downgrade).any(|s| refers_to(s, "sa")) {
        third.import("sqlalchemy as sa");
    }
    for d in &uses.dialects {
        third.from("sqlalchemy.dialects", d);
    }
    let mut imports = python::sections([stdlib, third]);
    // isort files `alembic` as first-party in a project whose revisions live in ./alembic and as
    // third-party elsewhere; in a block of its own the import is sorted either way.
    imports.push(String::new());
    imports.push("# isort: split".to_owned());
    imports.push("from alembic import op".to_owned());
    // Imports, then the helper class if a column needs it; ruff wants two blank lines around a
    // class, one between imports and assignments.
    let mut preamble = imports.join("\n");
    if uses.raw_type {
        preamble.push_str("\n\n\n");
        preamble.push_str(&RawTypeHelper.render()?);
        preamble.push('\n');
    }
    preamble.push('\n');
    Ok(RevisionView {
        header: header.to_owned(),
        name: name.to_owned(),
        revision: revision.to_owned(),
        down_revision: down_revision.map(str::to_owned),
        preamble,
        upgrade,
        downgrade,
    })
}

/// Writes `op.` calls for changes, against the schema the changes lead to.
struct Ops<'a> {
    d: &'static dyn Dialect,
    sa: &'static SqlAlchemyDialect,
    sides: MigrationPair<&'a DbSchema>,
    next: &'a DbSchema,
    uses: &'a mut Uses,
    /// (table, name a column is renamed to) -> the name it has in `next`, through the renames
    /// after it (a swap passes through a spare name that `next` does not have).
    final_names: std::collections::HashMap<(String, String), String>,
}

impl<'a> Ops<'a> {
    fn new(
        d: &'static dyn Dialect,
        sides: MigrationPair<&'a DbSchema>,
        uses: &'a mut Uses,
    ) -> Ops<'a> {
        Ops {
            d,
            sa: SqlAlchemyDialect::of(d.provider()),
            sides,
            next: sides.next,
            uses,
            final_names: Default::default(),
        }
    }

    /// The statements of `upgrade()` or `downgrade()`, each laid out at four spaces.
    fn all(mut self, changes: &[Change]) -> Vec<String> {
        let mut later: std::collections::HashMap<(String, String), String> = Default::default();
        for change in changes.iter().rev() {
            if let Change::RenameColumn { table, from, to } = change {
                let key = (table.clone(), to.clone());
                let last = later.get(&key).cloned().unwrap_or_else(|| to.clone());
                self.final_names.insert(key, last.clone());
                later.insert((table.clone(), from.clone()), last);
            }
        }
        let mut out = Vec::new();
        // As the migration script does: rebuilding or dropping tables runs with foreign keys
        // off (SQLite), turned on again at the end.
        let needs_prologue =
            |c: &Change| matches!(c, Change::RebuildTable { .. } | Change::DropTable(_));
        let mut prologue = false;
        for change in changes {
            if !prologue && needs_prologue(change) && !self.d.rebuild_prologue().is_empty() {
                for s in self.d.rebuild_prologue() {
                    out.push(execute(&s));
                }
                prologue = true;
            }
            out.extend(self.change(change));
        }
        if prologue {
            for s in self.d.rebuild_epilogue() {
                out.push(execute(&s));
            }
        }
        out
    }

    /// `schema="auth"` for an operation on a table in a database schema (multiSchema).
    fn schema_kw(&self, table: &str) -> Vec<Arg> {
        self.sides
            .table_ref(table)
            .namespace
            .map(|ns| kw("schema", string(ns)))
            .into_iter()
            .collect()
    }

    fn change(&mut self, change: &Change) -> Vec<String> {
        let op = |name: &str, args: Vec<Arg>| statement(4, "", &call(&format!("op.{name}"), args));
        let sides = self.sides;
        let on = move |table: &str, mut args: Vec<Arg>| {
            let namespace = sides.table_ref(table).namespace;
            args.extend(namespace.map(|ns| kw("schema", string(ns))));
            args
        };
        match change {
            Change::CreateEnum(e)
                if self.d.capabilities().enum_strategy == EnumStrategy::NativeType =>
            {
                let module = self.sa.module;
                self.uses.dialects.insert(module);
                let mut args: Vec<Arg> = e.values.iter().map(|v| pos(string(v))).collect();
                args.push(kw("name", string(&e.name)));
                args.extend(e.namespace.as_deref().map(|ns| kw("schema", string(ns))));
                vec![statement(
                    4,
                    "",
                    &method(
                        call(&format!("{module}.ENUM"), args),
                        "create",
                        vec![pos(call("op.get_bind", vec![]))],
                    ),
                )]
            }
            Change::DropEnum(e)
                if self.d.capabilities().enum_strategy == EnumStrategy::NativeType =>
            {
                let module = self.sa.module;
                self.uses.dialects.insert(module);
                let mut args = vec![kw("name", string(&e.name))];
                args.extend(e.namespace.as_deref().map(|ns| kw("schema", string(ns))));
                vec![statement(
                    4,
                    "",
                    &method(
                        call(&format!("{module}.ENUM"), args),
                        "drop",
                        vec![pos(call("op.get_bind", vec![]))],
                    ),
                )]
            }
            Change::CreateTable(t) => vec![self.create_table(t)],
            Change::DropTable(t) => vec![op("drop_table", on(&t.name, vec![pos(string(&t.name))]))],
            Change::RenameTable { from, to } => {
                // A move comes first: the table is already where the schema puts it.
                let mut args = vec![pos(string(from)), pos(string(to))];
                args.extend(self.schema_kw(to));
                let mut out = vec![op("rename_table", args)];
                if let Some(table) = self.next.table(to) {
                    out.extend(
                        self.d
                            .after_rename_table(from, table)
                            .iter()
                            .map(|s| execute(s)),
                    );
                }
                out
            }
            Change::AddColumn { table, column } => {
                let t = self
                    .next
                    .table(table)
                    .cloned()
                    .unwrap_or_else(|| Table::new(table));
                let args = vec![pos(string(table)), pos(self.column(&t, column, false))];
                vec![op("add_column", on(table, args))]
            }
            Change::DropColumn { table, column } => vec![op(
                "drop_column",
                on(table, vec![pos(string(table)), pos(string(&column.name))]),
            )],
            Change::AlterColumn {
                table,
                previous,
                next,
                ..
            } => vec![self.alter_column(table, previous, next)],
            Change::RenameColumn { table, from, to } => {
                let mut args = vec![
                    pos(string(table)),
                    pos(string(from)),
                    kw("new_column_name", string(to)),
                ];
                // MySQL renames with CHANGE COLUMN, which restates the whole column.
                let last = self
                    .final_names
                    .get(&(table.clone(), to.clone()))
                    .unwrap_or(to);
                let column = self.next.table(table).and_then(|t| t.column(last)).cloned();
                if let Some(column) = &column {
                    args.extend(self.existing(column));
                }
                let mut out = vec![op("alter_column", on(table, args))];
                if let Some(column) = &column {
                    let after =
                        self.d
                            .after_rename_column(self.sides.table_ref(table), from, column);
                    out.extend(after.iter().map(|s| execute(s)));
                }
                out
            }
            Change::DropPrimaryKey { table, primary_key } => vec![op(
                "drop_constraint",
                vec![
                    pos(string(
                        &primary_key
                            .name
                            .clone()
                            .unwrap_or_else(|| format!("{}_pkey", table.name)),
                    )),
                    pos(string(&table.name)),
                    kw("type_", string("primary")),
                ]
                .into_iter()
                .chain(self.schema_kw(&table.name))
                .collect(),
            )],
            Change::AddPrimaryKey { table, primary_key } => vec![op(
                "create_primary_key",
                vec![
                    pos(string(
                        &primary_key
                            .name
                            .clone()
                            .unwrap_or_else(|| format!("{table}_pkey")),
                    )),
                    pos(string(table)),
                    pos(Expr::List(
                        primary_key.columns.iter().map(|c| string(c)).collect(),
                    )),
                ]
                .into_iter()
                .chain(self.schema_kw(table))
                .collect(),
            )],
            // SQLAlchemy's MySQL compiler cannot give prefix lengths to an index that also has
            // an expression column (`created_at DESC`): the dialect's own statement.
            Change::CreateIndex { index, .. }
                if self.sa.prefix_length_option.is_some()
                    && index.columns.iter().any(|c| c.descending)
                    && index.columns.iter().any(|c| c.length.is_some()) =>
            {
                let (_, statements) = dialect::render_change(self.d, change, self.sides);
                statements.iter().map(|s| execute(s)).collect()
            }
            Change::CreateIndex { table, index } => {
                let mut args = vec![
                    pos(string(&index.name)),
                    pos(string(table)),
                    pos(Expr::List(python::index_columns(index, self.d))),
                ];
                if index.kind == IndexKind::Unique {
                    args.push(kw("unique", atom("True")));
                }
                args.extend(python::index_options(index, self.sa));
                vec![op("create_index", on(table, args))]
            }
            Change::DropIndex { table, index } => vec![op(
                "drop_index",
                on(
                    table,
                    vec![pos(string(&index.name)), kw("table_name", string(table))],
                ),
            )],
            Change::AddForeignKey { table, foreign_key } => {
                let mut args = vec![
                    pos(string(&foreign_key.name)),
                    pos(string(table)),
                    pos(string(&foreign_key.referenced_table)),
                    pos(Expr::List(
                        foreign_key.columns.iter().map(|c| string(c)).collect(),
                    )),
                    pos(Expr::List(
                        foreign_key
                            .referenced_columns
                            .iter()
                            .map(|c| string(c))
                            .collect(),
                    )),
                ];
                args.extend(python::fk_actions(foreign_key));
                let schemas = [
                    ("source_schema", self.sides.table_ref(table).namespace),
                    (
                        "referent_schema",
                        self.next.namespace_of(&foreign_key.referenced_table),
                    ),
                ];
                for (option, namespace) in schemas {
                    args.extend(namespace.map(|ns| kw(option, string(ns))));
                }
                vec![op("create_foreign_key", args)]
            }
            Change::DropForeignKey { table, foreign_key } => vec![op(
                "drop_constraint",
                on(
                    table,
                    vec![
                        pos(string(&foreign_key.name)),
                        pos(string(table)),
                        kw("type_", string("foreignkey")),
                    ],
                ),
            )],
            // No Alembic operation: the dialect's own statements.
            Change::CreateSchema(_)
            | Change::MoveTable { .. }
            | Change::MoveEnum { .. }
            | Change::CreateExtension(_)
            | Change::AlterExtension { .. }
            | Change::DropExtension(_)
            | Change::CreateEnum(_)
            | Change::DropEnum(_)
            | Change::AlterEnum { .. }
            | Change::RenameIndex { .. }
            | Change::RenamePrimaryKey { .. }
            | Change::RebuildTable { .. } => {
                let (_, statements) = dialect::render_change(self.d, change, self.sides);
                statements.iter().map(|s| execute(s)).collect()
            }
        }
    }

    fn create_table(&mut self, t: &Table) -> String {
        let mut args = vec![pos(string(&t.name))];
        for c in &t.columns {
            args.push(pos(self.column(t, c, true)));
        }
        if let Some(pk) = &t.primary_key {
            let name = pk
                .name
                .as_deref()
                .filter(|_| self.d.capabilities().named_primary_keys);
            args.push(pos(python::primary_key_constraint(pk, name)));
        }
        if !self.d.capabilities().alter_foreign_keys {
            for fk in &t.foreign_keys {
                args.push(pos(python::foreign_key_constraint(
                    fk,
                    self.next.namespace_of(&fk.referenced_table),
                )));
            }
        }
        if let Some(option) = self.sa.autoincrement_option
            && t.columns.iter().any(|c| c.autoincrement)
        {
            args.push(kw(option, atom("True")));
        }
        for (option, value) in self.sa.table_options {
            args.push(kw(option, string(value)));
        }
        args.extend(t.namespace.as_deref().map(|ns| kw("schema", string(ns))));
        statement(4, "", &call("op.create_table", args))
    }

    /// `sa.Column(...)` as the migration defines the column.
    fn column(&mut self, table: &Table, c: &Column, in_create: bool) -> Expr {
        let mut args = vec![pos(string(&c.name)), pos(self.column_type(c))];
        let single_pk = table
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns.len() == 1 && pk.columns[0] == c.name);
        if c.autoincrement {
            args.push(kw("autoincrement", atom("True")));
        } else if single_pk && in_create {
            args.push(kw("autoincrement", atom("False")));
        }
        if let Some(default) = &c.default {
            args.push(kw("server_default", default_expr(&default.sql)));
        }
        args.push(kw(
            "nullable",
            atom(if c.nullable { "True" } else { "False" }),
        ));
        call("sa.Column", args)
    }

    fn column_type(&mut self, c: &Column) -> Expr {
        let element = match &c.ty {
            ColumnType::Native(t) => {
                let t = t.to_string();
                sql_type(self.sa, &t, self.uses).unwrap_or_else(|| raw_type(&t, self.uses))
            }
            ColumnType::Enum(name) => {
                let values: Vec<Arg> = self
                    .next
                    .enum_(name)
                    .map(|e| e.values.iter().map(|v| pos(string(v))).collect())
                    .unwrap_or_default();
                // A named type is created by its own operation (`CreateEnum`), not the column.
                let module = self.sa.module;
                self.uses.dialects.insert(module);
                let mut args = values;
                if self.d.capabilities().enum_strategy == EnumStrategy::NativeType {
                    args.push(kw("name", string(name)));
                    let namespace = self.next.enum_(name).and_then(|e| e.namespace.as_deref());
                    args.extend(namespace.map(|ns| kw("schema", string(ns))));
                    args.push(kw("create_type", atom("False")));
                }
                call(&format!("{module}.ENUM"), args)
            }
        };
        if c.array {
            python::array_of(element, self.uses)
        } else {
            element
        }
    }

    /// `existing_type=`, `existing_nullable=`, `existing_server_default=` of a column.
    fn existing(&mut self, column: &Column) -> Vec<Arg> {
        let mut args = vec![
            kw("existing_type", self.column_type(column)),
            kw(
                "existing_nullable",
                atom(if column.nullable { "True" } else { "False" }),
            ),
        ];
        if let Some(d) = &column.default {
            args.push(kw("existing_server_default", default_expr(&d.sql)));
        }
        args
    }

    fn alter_column(&mut self, table: &str, previous: &Column, next: &Column) -> String {
        let mut args = vec![pos(string(table)), pos(string(&next.name))];
        args.extend(self.schema_kw(table));
        let previous_type = self.column_type(previous);
        let next_type = self.column_type(next);
        if previous.ty != next.ty || previous.array != next.array {
            args.push(kw("type_", next_type));
            if let Some(option) = self.sa.alter_type_using_option
                && let Some(using) = self.d.type_change_using(previous, next, self.next)
            {
                args.push(kw(option, string(&using)));
            }
        }
        args.push(kw("existing_type", previous_type));
        if previous.nullable != next.nullable {
            args.push(kw(
                "nullable",
                atom(if next.nullable { "True" } else { "False" }),
            ));
        } else {
            args.push(kw(
                "existing_nullable",
                atom(if next.nullable { "True" } else { "False" }),
            ));
        }
        // Alembic is told of any change of spelling, as the migration's SQL shows it.
        let sql = |c: &Column| c.default.as_ref().map(|d| d.sql.clone());
        if sql(previous) != sql(next) {
            args.push(kw(
                "server_default",
                next.default
                    .as_ref()
                    .map(|d| default_expr(&d.sql))
                    .unwrap_or_else(|| atom("None")),
            ));
        } else if let Some(d) = &next.default {
            args.push(kw("existing_server_default", default_expr(&d.sql)));
        }
        statement(4, "", &call("op.alter_column", args))
    }
}

/// Whether Python code refers to `module.` (as a name, not as the end of another one).
fn refers_to(code: &str, module: &str) -> bool {
    let pattern = format!("{module}.");
    code.match_indices(&pattern).any(|(i, _)| {
        code[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'))
    })
}

/// `server_default=` for a DEFAULT expression: SQL text, colons escaped.
fn default_expr(default: &str) -> Expr {
    call(
        "sa.text",
        vec![pos(string(&python::escape_colons(default)))],
    )
}

/// `op.execute(...)` of one statement the dialect rendered.
fn execute(sql: &str) -> String {
    statement(
        4,
        "",
        &call(
            "op.execute",
            vec![pos(call(
                "sa.text",
                vec![pos(string(&python::escape_colons(sql)))],
            ))],
        ),
    )
}

#[derive(Template)]
#[template(path = "python/revision.py.jinja", escape = "none")]
struct RevisionView {
    header: String,
    name: String,
    revision: String,
    down_revision: Option<String>,
    /// The imports, and the `RawType` class when a column type needs it.
    preamble: String,
    upgrade: Vec<String>,
    downgrade: Vec<String>,
}

impl RevisionView {
    /// About the rendered length, so the text is written into one allocation.
    fn size_hint(&self) -> usize {
        let statements: usize = self
            .upgrade
            .iter()
            .chain(&self.downgrade)
            .map(|s| s.len() + 1)
            .sum();
        self.header.len() + self.name.len() + self.preamble.len() + statements + 512
    }

    fn down_revision_literal(&self) -> String {
        match &self.down_revision {
            Some(r) => python::string_literal(r),
            None => "None".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_module_references() {
        assert!(refers_to(
            "    op.add_column(\"t\", sa.Column(\"x\"))",
            "sa"
        ));
        assert!(!refers_to(
            "    op.drop_index(\"visa.x\", table_name=\"t\")",
            "sa"
        ));
        assert!(!refers_to("    op.drop_table(\"t\")", "sa"));
    }

    #[test]
    fn revision_ids_are_stable() {
        assert_eq!(revision_id("20240101000000_init").len(), 12);
        assert_eq!(
            revision_id("20240101000000_init"),
            revision_id("20240101000000_init")
        );
        assert_ne!(
            revision_id("20240101000000_init"),
            revision_id("20240101000001_init")
        );
    }
}
