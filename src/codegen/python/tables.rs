//! Tables no class maps (`@@ignore`d models, implicit many-to-many tables) as `sa.Table(...)`,
//! and the table-level pieces that the models and the Alembic revisions share: primary-key and
//! foreign-key constraints, indexes and their dialect options, server defaults.
//!
//! Rules: an index is declared with the options of each dialect whose lowering has it; one that
//! some dialects lack names those that have it (`info`, `ddl_if`, read by `include_object_for`);
//! an index with a descending column is declared after its table, on the table's own columns;
//! foreign keys always write both actions; SQL text in `sa.text` has its colons escaped.

use super::Target;
use super::file::field_comment;
use super::layout::{
    Arg, Expr, atom, call, kw, method, pos, py_bool, statement, string, string_literal,
};
use super::models::Needs;
use super::names::Module;
use super::sqlalchemy::SqlAlchemyDialect;
use super::types::{Uses, array_of, raw_type, sql_type};
use crate::relational::dialect::Dialect;
use crate::relational::model::{self as db, ColumnType, IndexKind};
use crate::schema::ir::Provider;
use askama::Template;

impl Module<'_> {
    /// `name = sa.Table(...)` for a table the schema declares but clients do not see, or for an
    /// implicit many-to-many table.
    fn table_statement(&self, table: &db::Table, uses: &mut Uses, needs: &mut Needs) -> String {
        let var = &self.table_vars[&table.name];
        let tables: Vec<Option<&db::Table>> = self
            .tables
            .iter()
            .map(|t| t.db.table(&table.name))
            .collect();
        let mut args = vec![pos(string(&table.name)), pos(atom("Base.metadata"))];
        // The primary key of whichever dialect has one (an implicit many-to-many table has one
        // on PostgreSQL only, so `create_all` makes it there only); the ORM needs no key for
        // plain tables.
        let pk = tables.iter().flatten().find_map(|t| t.primary_key.clone());
        let with_pk: Vec<&Target> = self
            .targets
            .iter()
            .zip(&tables)
            .filter(|(_, t)| t.is_some_and(|t| t.primary_key.is_some()))
            .map(|(target, _)| target)
            .collect();
        for column in &table.columns {
            // Each dialect's own type, as the migrations declare the column there (a join
            // table's keys are typed like the keys they reference: `String(191)` on MySQL,
            // `Text` on SQLite).
            let per_target: Vec<(usize, Expr)> = self
                .targets
                .iter()
                .zip(&tables)
                .enumerate()
                .filter_map(|(i, (target, t))| {
                    let column =
                        t.and_then(|t| t.columns.iter().find(|c| c.name == column.name))?;
                    Some((i, self.plain_column_type(target, column, uses, needs)))
                })
                .collect();
            let ty = self
                .with_variants(per_target)
                .unwrap_or_else(|| self.plain_column_type(self.primary(), column, uses, needs));
            let mut cargs = vec![pos(string(&column.name)), pos(ty)];
            if let Some(fk) = table
                .foreign_keys
                .iter()
                .find(|fk| fk.columns.len() == 1 && fk.columns[0] == column.name)
            {
                cargs.push(pos(foreign_key(
                    fk,
                    self.namespace_of(&fk.referenced_table),
                )));
            }
            if column.autoincrement {
                cargs.push(kw("autoincrement", atom("True")));
            }
            if let Some(default) = &column.default {
                cargs.push(kw("server_default", server_default(&default.sql)));
            }
            cargs.push(kw("nullable", atom(py_bool(column.nullable))));
            args.push(pos(call("sa.Column", cargs)));
        }
        if let Some(pk) = &pk {
            let constraint = primary_key_constraint(pk, pk.name.as_deref());
            args.push(pos(match with_pk.as_slice() {
                [one] if with_pk.len() < self.targets.len() => method(
                    constraint,
                    "ddl_if",
                    vec![kw("dialect", string(one.sqlalchemy().variant_names[0]))],
                ),
                _ => constraint,
            }));
        }
        for fk in table.foreign_keys.iter().filter(|fk| fk.columns.len() > 1) {
            args.push(pos(foreign_key_constraint(
                fk,
                self.namespace_of(&fk.referenced_table),
            )));
        }
        let (inside, after) = self.index_exprs(&tables, &format!("{var}.c"), needs);
        args.extend(inside.into_iter().map(pos));
        args.extend(model_schema(table.namespace.as_deref()).map(|ns| kw("schema", string(ns))));
        let mut out = statement(0, &format!("{var} = "), &call("sa.Table", args));
        for a in after {
            out.push('\n');
            out.push_str(&a);
        }
        out
    }

    /// A plain table's column type on one dialect.
    fn plain_column_type(
        &self,
        target: &Target,
        column: &db::Column,
        uses: &mut Uses,
        needs: &mut Needs,
    ) -> Expr {
        let ty = match &column.ty {
            ColumnType::Native(t) => {
                let t = t.to_string();
                sql_type(target.sqlalchemy(), &t, uses).unwrap_or_else(|| raw_type(&t, uses))
            }
            ColumnType::Enum(name) => self.db_enum_type(name, needs),
        };
        if column.array { array_of(ty, uses) } else { ty }
    }

    /// A `sa.Table` block (no class maps it) under a comment saying why.
    pub(super) fn plain_table(
        &self,
        table_name: &str,
        why: &str,
        uses: &mut Uses,
        needs: &mut Needs,
    ) -> askama::Result<String> {
        let missing;
        let table = match self.tables[0].db.table(table_name) {
            Some(t) => t,
            None => {
                missing = db::Table::new(table_name);
                &missing
            }
        };
        TableView {
            comment: field_comment(Some(why), 0),
            statement: self.table_statement(table, uses, needs),
        }
        .render()
    }

    /// A database enum by name, for plain tables: the Python enum that declares it, if any.
    fn db_enum_type(&self, name: &str, needs: &mut Needs) -> Expr {
        match self
            .schema
            .enums
            .iter()
            .position(|e| e.database_name() == name)
        {
            Some(i) => {
                needs.enum_values = true;
                let mut args = vec![pos(atom(&self.enums[i])), kw("name", string(name))];
                args.extend(self.enum_schema(&self.schema.enums[i]));
                args.push(kw("values_callable", atom("enum_values")));
                call("sa.Enum", args)
            }
            None => call("sa.Enum", vec![kw("name", string(name))]),
        }
    }

    /// `schema="auth"` for an enum type in a database schema (multiSchema), where the primary
    /// target keeps database schemas (SQLite and MySQL keep one database).
    pub(super) fn enum_schema(&self, e: &crate::schema::ir::Enum) -> Option<Arg> {
        let kept = self.targets[0].dialect().capabilities().namespaces;
        model_schema(e.namespace.as_deref().filter(|_| kept)).map(|ns| kw("schema", string(ns)))
    }

    /// The database schema of a table the primary target has (multiSchema), for what names it.
    pub(super) fn namespace_of(&self, table: &str) -> Option<&str> {
        model_schema(
            self.tables[0]
                .db
                .table(table)
                .and_then(|t| t.namespace.as_deref()),
        )
    }

    /// A table's indexes: the expressions that go inside its definition, and the statements
    /// after it for indexes with a descending column, declared on `columns` (the table's column
    /// collection), because only an index on the table's own columns reflects its sort order on
    /// every dialect.
    pub(super) fn index_exprs(
        &self,
        tables: &[Option<&db::Table>],
        columns: &str,
        needs: &mut Needs,
    ) -> (Vec<Expr>, Vec<String>) {
        let mut inside = Vec::new();
        let mut after = Vec::new();
        for merged in self.merged_indexes(tables) {
            if merged.index.columns.iter().any(|c| c.descending) {
                let expr = self.index_call(&merged, Some(columns), needs);
                after.push(statement(0, "", &expr));
            } else {
                inside.push(self.index_call(&merged, None, needs));
            }
        }
        (inside, after)
    }

    /// A table's indexes over every dialect, by name, with the dialects that have each.
    fn merged_indexes<'t>(&self, tables: &[Option<&'t db::Table>]) -> Vec<MergedIndex<'t>> {
        let mut out: Vec<MergedIndex> = Vec::new();
        for (target, table) in self.targets.iter().zip(tables) {
            let Some(table) = table else { continue };
            for index in &table.indexes {
                match out.iter_mut().find(|m| m.index.name == index.name) {
                    Some(m) => m.versions.push((target.provider, index)),
                    None => out.push(MergedIndex {
                        index,
                        versions: vec![(target.provider, index)],
                    }),
                }
            }
        }
        out
    }

    /// `sa.Index(...)` for an index: its columns by name, or as `<columns>["name"]` (with
    /// `.desc()`) when `columns` names the table's column collection; the options of each
    /// dialect that has it; and, when some dialects lack it, `info` and `ddl_if` naming those
    /// that have it (see `include_object_for`).
    fn index_call(&self, m: &MergedIndex, columns: Option<&str>, needs: &mut Needs) -> Expr {
        let mut args = vec![pos(string(&m.index.name))];
        for c in &m.index.columns {
            let column = match columns {
                Some(collection) => {
                    let col = atom(format!("{collection}[{}]", string_literal(&c.name)));
                    if c.descending {
                        method(col, "desc", vec![])
                    } else {
                        col
                    }
                }
                None => string(&c.name),
            };
            args.push(pos(column));
        }
        if m.index.kind == IndexKind::Unique {
            args.push(kw("unique", atom("True")));
        }
        for (provider, index) in &m.versions {
            args.extend(index_options(index, SqlAlchemyDialect::of(*provider)));
        }
        let expr = call("sa.Index", args);
        if m.versions.len() == self.targets.len() {
            return expr;
        }
        needs.include_object = true;
        let having: Vec<&Target> = self
            .targets
            .iter()
            .filter(|t| m.versions.iter().any(|(p, _)| *p == t.provider))
            .collect();
        let names = Expr::Tuple(
            having
                .iter()
                .flat_map(|t| t.sqlalchemy().variant_names.iter().map(|n| string(n)))
                .collect(),
        );
        let Expr::Call(callee, mut args) = expr else {
            unreachable!("sa.Index is a call")
        };
        args.push(kw("info", Expr::Dict(vec![(string("dialects"), names)])));
        let index = Expr::Call(callee, args);
        // `create_all` makes it on the dialects that have it only (`ddl_if(dialect=)` names
        // one; `on_dialects` several).
        match having.as_slice() {
            [one] => method(
                index,
                "ddl_if",
                vec![kw("dialect", string(one.sqlalchemy().variant_names[0]))],
            ),
            many => {
                needs.dialect_default = true;
                let names = many
                    .iter()
                    .flat_map(|t| t.sqlalchemy().variant_names.iter().map(|n| pos(string(n))))
                    .collect();
                method(
                    index,
                    "ddl_if",
                    vec![kw("callable_", call("on_dialects", names))],
                )
            }
        }
    }
}

#[derive(Template)]
#[template(path = "python/table.py.jinja", escape = "none")]
struct TableView {
    /// `# ` comment lines, each ending in a newline.
    comment: String,
    /// `name = sa.Table(...)`
    statement: String,
}

/// An index as the dialects that have it define it.
struct MergedIndex<'t> {
    /// The first dialect's definition (name, columns, kind).
    index: &'t db::Index,
    versions: Vec<(Provider, &'t db::Index)>,
}

/// `server_default=`: a plain string for a string literal (SQLAlchemy quotes it), else SQL text
/// with its colons escaped so that `sa.text` sees no bind parameters.
pub(super) fn server_default(default: &str) -> Expr {
    if let Some(inner) = default
        .strip_prefix('\'')
        .and_then(|d| d.strip_suffix('\''))
        && !inner.replace("''", "").contains('\'')
    {
        return string(&inner.replace("''", "'"));
    }
    call("sa.text", vec![pos(string(&escape_colons(default)))])
}

/// `:name` would be a bind parameter in `sa.text`; `\:` is a literal colon. `::` casts stay.
pub fn escape_colons(sql: &str) -> String {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = String::with_capacity(sql.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        if c == ':' && prev != Some(':') && next != Some(':') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `ondelete=` and `onupdate=`, always written, `NO ACTION` included: MySQL's default when a
/// clause is left out is `RESTRICT`.
pub fn fk_actions(fk: &db::ForeignKey) -> [Arg; 2] {
    [
        kw("ondelete", string(fk.on_delete.sql())),
        kw("onupdate", string(fk.on_update.sql())),
    ]
}

/// `table.column`, or `schema.table.column` for a table in a database schema (multiSchema):
/// how SQLAlchemy's metadata names a column a foreign key references.
fn referenced_column(fk: &db::ForeignKey, namespace: Option<&str>, column: &str) -> String {
    match namespace {
        Some(ns) => format!("{ns}.{}.{column}", fk.referenced_table),
        None => format!("{}.{column}", fk.referenced_table),
    }
}

/// `sa.ForeignKey(...)`; `namespace` is the referenced table's database schema.
pub(super) fn foreign_key(fk: &db::ForeignKey, namespace: Option<&str>) -> Expr {
    let mut args = vec![
        pos(string(&referenced_column(
            fk,
            namespace,
            &fk.referenced_columns[0],
        ))),
        kw("name", string(&fk.name)),
    ];
    args.extend(fk_actions(fk));
    call("sa.ForeignKey", args)
}

/// `sa.ForeignKeyConstraint(...)`; `namespace` is the referenced table's database schema.
pub fn foreign_key_constraint(fk: &db::ForeignKey, namespace: Option<&str>) -> Expr {
    let mut args = vec![
        pos(Expr::List(fk.columns.iter().map(|c| string(c)).collect())),
        pos(Expr::List(
            fk.referenced_columns
                .iter()
                .map(|c| string(&referenced_column(fk, namespace, c)))
                .collect(),
        )),
        kw("name", string(&fk.name)),
    ];
    args.extend(fk_actions(fk));
    call("sa.ForeignKeyConstraint", args)
}

/// `sa.PrimaryKeyConstraint(...)` over a primary key's columns, named `name` if given.
pub fn primary_key_constraint(pk: &db::PrimaryKey, name: Option<&str>) -> Expr {
    let mut args: Vec<Arg> = pk.columns.iter().map(|c| pos(string(c))).collect();
    if let Some(name) = name {
        args.push(kw("name", string(name)));
    }
    call("sa.PrimaryKeyConstraint", args)
}

/// The columns of an index: names, or `sa.text('"name" DESC')` (quoted for `d`) for
/// descending ones.
pub fn index_columns(index: &db::Index, d: &dyn Dialect) -> Vec<Expr> {
    index
        .columns
        .iter()
        .map(|c| {
            if c.descending {
                let text = format!("{} DESC", d.quote(&c.name));
                call("sa.text", vec![pos(string(&escape_colons(&text)))])
            } else {
                string(&c.name)
            }
        })
        .collect()
}

/// The options of an index that only one dialect reads: `mysql_prefix="FULLTEXT"`,
/// `mysql_length={...}`, `postgresql_ops={...}`, `mysql_using=...`, `postgresql_using=...`
/// (`unique=True` is the caller's).
pub fn index_options(index: &db::Index, sqlalchemy: &SqlAlchemyDialect) -> Vec<Arg> {
    let mut args = Vec::new();
    if let Some((option, value)) = sqlalchemy.fulltext_option
        && index.kind == IndexKind::Fulltext
    {
        args.push(kw(option, string(value)));
    }
    if let Some(option) = sqlalchemy.prefix_length_option {
        let lengths: Vec<(Expr, Expr)> = index
            .columns
            .iter()
            .filter_map(|c| c.length.map(|l| (string(&c.name), atom(l.to_string()))))
            .collect();
        if !lengths.is_empty() {
            args.push(kw(option, Expr::Dict(lengths)));
        }
    }
    if let Some(option) = sqlalchemy.operator_class_option {
        let classes: Vec<(Expr, Expr)> = index
            .columns
            .iter()
            .filter_map(|c| c.ops.as_ref().map(|ops| (string(&c.name), string(ops))))
            .collect();
        if !classes.is_empty() {
            args.push(kw(option, Expr::Dict(classes)));
        }
    }
    if let (Some(option), Some(algorithm)) = (sqlalchemy.index_using_option, &index.algorithm) {
        args.push(kw(option, string(&algorithm.to_ascii_lowercase())));
    }
    args
}

/// The database schema a model names: none for PostgreSQL's default `public`, which
/// SQLAlchemy reflects as no schema (so that Alembic's comparison matches it); the others by
/// name.
pub(super) fn model_schema(namespace: Option<&str>) -> Option<&str> {
    namespace.filter(|ns| *ns != "public")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_defaults_keep_the_migrations_text() {
        assert_eq!(server_default("'READER'").flat(), "\"READER\"");
        assert_eq!(server_default("'it''s'").flat(), "\"it's\"");
        assert_eq!(server_default("true").flat(), "sa.text(\"true\")");
        assert_eq!(
            server_default("'a'::text || 'b:c'").flat(),
            "sa.text(\"'a'::text || 'b\\\\:c'\")"
        );
    }
}
