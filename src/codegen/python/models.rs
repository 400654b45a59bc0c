//! The SQLAlchemy models module: the declarative bases, a mapped class per model and view
//! (columns, relationships, `__table_args__`, descending indexes after the class), the helpers
//! the columns use, and the module's imports.
//!
//! Rules: a column's type is the first dialect's, with `.with_variant` for each other dialect
//! whose type differs; `AsyncAttrs` is mixed into the bases only with `[python] asyncio` (it
//! imports `sqlalchemy.ext.asyncio`, which needs greenlet); a helper is defined, and a name
//! imported, only when something uses it (`Needs`, `Uses`). Plain tables are `tables`', enum
//! classes `enums`'.

use super::Target;
use super::enums::enum_view;
use super::file::{Imports, ModuleFile, docstring, field_comment, render_sized, sections};
use super::layout::{Annotation, Expr, annotated, atom, call, kw, method, pos, statement, string};
use super::names::{Module, Named, model_pair};
use super::tables::{
    escape_colons, foreign_key, foreign_key_constraint, primary_key_constraint, server_default,
};
use super::types::{Uses, array_of, raw_type, sql_type};
use crate::codegen::client_relations;
use crate::relational::dialect::EnumStrategy;
use crate::relational::model::{self as db, ColumnType};
use crate::schema::ir::{
    Arity, DefaultValue, Field, FieldType, Model, ReferentialAction, RelationKind, RelationMode,
    ScalarType,
};
use anyhow::Result;
use askama::Template;
use std::collections::HashMap;

impl Module<'_> {
    /// The SQLAlchemy module; `asyncio` mixes `AsyncAttrs` into the declarative bases.
    pub(super) fn render_models(&self, header: &str, asyncio: bool) -> Result<String> {
        let mut uses = Uses::default();
        let mut needs = Needs {
            async_attrs: asyncio,
            ..Needs::default()
        };
        let mut blocks = vec![
            BaseView {
                name: "Base",
                doc: "The declarative base of every model: `Base.metadata` holds the tables \
                      the migrations create.",
                async_attrs: asyncio,
            }
            .render()?,
        ];
        if self.models.iter().any(|n| n.is_view) {
            blocks.push(
                BaseView {
                    name: "ViewBase",
                    doc: "The declarative base of the views: migrations never create them, so \
                          they live apart from `Base.metadata`.",
                    async_attrs: asyncio,
                }
                .render()?,
            );
        }
        let mut enum_blocks = Vec::new();
        for (e, name) in self.schema.enums.iter().zip(&self.enums) {
            enum_blocks.push(enum_view(e, name).render()?);
        }
        let mut table_blocks = Vec::new();
        for m in self.schema.models.iter().filter(|m| m.ignored) {
            let why = format!(
                "`{}` is @@ignore'd: its table exists, no class maps it.",
                m.name
            );
            table_blocks.push(self.plain_table(m.database_name(), &why, &mut uses, &mut needs)?);
        }
        for r in &self.schema.relations {
            if let RelationKind::ImplicitManyToMany { table_name, .. } = &r.kind {
                let why =
                    "Prisma's implicit many-to-many table: `A` and `B` hold the two sides' keys.";
                table_blocks.push(self.plain_table(table_name, why, &mut uses, &mut needs)?);
            }
        }
        let mut model_blocks = Vec::new();
        for named in &self.models {
            model_blocks.push(self.model_view(named, &mut uses, &mut needs).render()?);
        }
        needs.enums |= !self.schema.enums.is_empty();
        let mut helper_blocks = Vec::new();
        if needs.enum_values {
            helper_blocks.push(EnumValuesHelper.render()?);
        }
        if needs.text_enum {
            helper_blocks.push(TextEnumHelper.render()?);
        }
        if needs.json_text {
            helper_blocks.push(JsonTextHelper.render()?);
        }
        if needs.sqlite_datetime {
            helper_blocks.push(SqliteDateTimeHelper.render()?);
        }
        if needs.sqlite_decimal {
            helper_blocks.push(SqliteDecimalHelper.render()?);
        }
        if uses.raw_type {
            helper_blocks.push(RawTypeHelper.render()?);
        }
        if needs.dialect_default {
            helper_blocks.push(DialectDefaultHelper.render()?);
        }
        if needs.client.any() {
            helper_blocks.push(needs.client.render_helpers()?);
        }
        if needs.include_object {
            helper_blocks.push(IncludeObjectHelper.render()?);
        }
        let mut all = Vec::new();
        all.append(&mut blocks);
        all.append(&mut enum_blocks);
        all.append(&mut helper_blocks);
        all.append(&mut table_blocks);
        all.append(&mut model_blocks);
        let imports = model_imports(&uses, &needs);
        let file = ModuleFile {
            header,
            doc: "SQLAlchemy 2.0 models of the schema, generated by tether.",
            imports: &imports,
            blocks: &all,
        };
        Ok(render_sized(&file, file.size_hint())?)
    }

    fn model_view(&self, named: &Named, uses: &mut Uses, needs: &mut Needs) -> ModelView {
        let model = named.model;
        let table_name = model.database_name();
        let tables: Vec<Option<&db::Table>> = self
            .tables
            .iter()
            .map(|t| t.of(named.is_view).for_schema_name(table_name))
            .collect();
        let missing;
        let table = match tables[0] {
            Some(t) => t,
            None => {
                missing = db::Table::new(table_name);
                &missing
            }
        };
        let mut body = Vec::new();
        let mut head = vec![statement(4, "__tablename__ = ", &string(table_name))];

        // Which columns carry the primary key inline, which need table-level constraints.
        let pk = table.primary_key.clone();
        let default_pk_name = format!("{table_name}_pkey");
        let inline_pk = pk.as_ref().is_some_and(|pk| {
            pk.columns.len() == 1 && pk.name.as_deref().is_none_or(|n| n == default_pk_name)
        });
        // Views, and tables with only a unique key (`@@unique` and no `@id`), have no primary key
        // in the database; the mapper needs one: @id, else the first unique. (Alembic does not
        // compare primary keys, and revisions follow the migrations, which keep the unique index.)
        let view_key: Vec<String> = if named.is_view || pk.is_none() {
            view_key_columns(model)
        } else {
            Vec::new()
        };
        let single_fks: HashMap<&str, &db::ForeignKey> = table
            .foreign_keys
            .iter()
            .filter(|fk| fk.columns.len() == 1)
            .map(|fk| (fk.columns[0].as_str(), fk))
            .collect();

        let mut table_args = Vec::new();
        if let Some(pk) = &pk
            && !inline_pk
        {
            table_args.push(primary_key_constraint(pk, pk.name.as_deref()));
        }
        for fk in table.foreign_keys.iter().filter(|fk| fk.columns.len() > 1) {
            table_args.push(foreign_key_constraint(
                fk,
                self.namespace_of(&fk.referenced_table),
            ));
        }
        // Indexes: in `__table_args__`, or after the class when a column is descending (only
        // an index on the table's own columns reflects its sort order on every dialect).
        let mut after = Vec::new();
        if !named.is_view {
            let columns = format!("{}.__table__.c", named.class);
            let (inside, statements) = self.index_exprs(&tables, &columns, needs);
            table_args.extend(inside);
            after = statements;
        }
        let autoincrement_options: Vec<&str> = if table.columns.iter().any(|c| c.autoincrement) {
            self.targets
                .iter()
                .filter_map(|t| t.sqlalchemy().autoincrement_option)
                .collect()
        } else {
            Vec::new()
        };

        for field in &model.fields {
            let attr = &named.attrs[field.name.as_str()];
            let Some(column) = table.column_for_schema_name(field.database_name()) else {
                continue;
            };
            let mapped = !field.ignored && !matches!(field.ty, FieldType::Unsupported(_));
            let mut args = Vec::new();
            if attr != &column.name {
                args.push(pos(string(&column.name)));
            }
            let columns: Vec<Option<&db::Column>> = tables
                .iter()
                .map(|t| t.and_then(|t| t.column_for_schema_name(field.database_name())))
                .collect();
            args.push(pos(self.column_type(field, &columns, uses, needs)));
            if let Some(fk) = single_fks.get(column.name.as_str()) {
                args.push(pos(foreign_key(
                    fk,
                    self.namespace_of(&fk.referenced_table),
                )));
            }
            let is_pk = (inline_pk
                && pk
                    .as_ref()
                    .is_some_and(|pk| pk.columns.first() == Some(&column.name)))
                || view_key.contains(&column.name);
            if is_pk {
                args.push(kw("primary_key", atom("True")));
            }
            let integer = matches!(scalar_of(field), Some(ScalarType::Int | ScalarType::BigInt));
            if column.autoincrement {
                args.push(kw("autoincrement", atom("True")));
            } else if is_pk && integer && !named.is_view {
                args.push(kw("autoincrement", atom("False")));
            }
            if let Some(default) = self.dialect_default(&columns, needs) {
                args.push(kw("server_default", default));
            } else if let Some(default) = &column.default {
                args.push(kw("server_default", server_default(&default.sql)));
            }
            if mapped {
                // The ids Prisma Client makes on the client, made here the same way.
                let string = scalar_of(field) == Some(ScalarType::String);
                let client_id = match &field.default {
                    Some(DefaultValue::Uuid { version: 7 }) if string => {
                        needs.client.uuid7 = true;
                        Some(atom("uuid7"))
                    }
                    Some(DefaultValue::Uuid { .. }) if string => {
                        uses.uuid = true;
                        Some(atom("lambda: str(uuid.uuid4())"))
                    }
                    Some(DefaultValue::Cuid { version: 2 }) if string => {
                        needs.client.cuid2 = true;
                        Some(atom("cuid2"))
                    }
                    Some(DefaultValue::Cuid { .. }) if string => {
                        needs.client.cuid = true;
                        Some(atom("cuid"))
                    }
                    Some(DefaultValue::Ulid) if string => {
                        needs.client.ulid = true;
                        Some(atom("ulid"))
                    }
                    Some(DefaultValue::Nanoid { length }) if string => {
                        needs.client.nanoid = true;
                        Some(match length {
                            Some(n) => atom(format!("lambda: nanoid({n})")),
                            None => atom("nanoid"),
                        })
                    }
                    _ => None,
                };
                if let Some(make) = client_id {
                    args.push(kw("default", make));
                }
                if field.updated_at {
                    needs.client.utc_now = true;
                    let now = updated_at_clock(column);
                    args.push(kw("default", now.clone()));
                    args.push(kw("onupdate", now));
                }
            }
            let annotation = python_type(self, field, uses);
            // Nullable as the migration makes the column (Prisma's list columns are nullable).
            let annotation = if column.nullable {
                format!("{annotation} | None")
            } else {
                annotation
            };
            let doc = field_comment(field.documentation.as_deref(), 4);
            let (wrapper, function) = if mapped {
                needs.mapped = true;
                ("Mapped", "mapped_column")
            } else {
                needs.unmapped = true;
                ("Unmapped", "unmapped_column")
            };
            let text = annotated(
                4,
                attr,
                Annotation::Subscript(wrapper, &annotation),
                Some(&call(function, args)),
            );
            body.push(format!("{doc}{text}"));
        }
        if !named.is_view {
            for rf in client_relations(self.schema, model) {
                if let Some(text) = self.relationship(named, rf) {
                    needs.relationship = true;
                    needs.foreign |= self.schema.relation_mode == RelationMode::Prisma;
                    let doc = field_comment(rf.documentation.as_deref(), 4);
                    body.push(format!("{doc}{text}"));
                }
            }
        }
        // Table options last, in one dict: the dialects' autoincrement options and the
        // database schema (multiSchema).
        let mut options: Vec<(Expr, Expr)> = autoincrement_options
            .iter()
            .map(|option| (string(option), atom("True")))
            .collect();
        if let Some(ns) = self.namespace_of(&table.name) {
            options.push((string("schema"), string(ns)));
        }
        if !table_args.is_empty() || !options.is_empty() {
            let mut items = table_args;
            if !options.is_empty() {
                items.push(Expr::Dict(options));
            }
            // A tuple even for the options alone: a dict class attribute is mutable (RUF012).
            head.push(statement(4, "__table_args__ = ", &Expr::Tuple(items)));
        }
        ModelView {
            name: named.class.clone(),
            base: if named.is_view { "ViewBase" } else { "Base" },
            doc: docstring(model.documentation.as_deref(), 4),
            head,
            body,
            after,
        }
    }

    /// The column type: the first dialect's, with a variant for each dialect that differs.
    fn column_type(
        &self,
        field: &Field,
        columns: &[Option<&db::Column>],
        uses: &mut Uses,
        needs: &mut Needs,
    ) -> Expr {
        let mut per_target: Vec<(usize, Expr)> = Vec::new();
        for (i, (target, column)) in self.targets.iter().zip(columns).enumerate() {
            let Some(column) = column else { continue };
            let ty = self.model_type(target, field, column, uses, needs);
            per_target.push((i, ty));
        }
        self.with_variants(per_target)
            .unwrap_or_else(|| call("sa.Text", vec![]))
    }

    /// `DialectDefault(sqlite=..., mysql=...)` when the dialects' migrations give a column
    /// different default SQL (`None` when they agree: the plain `server_default` says it).
    fn dialect_default(&self, columns: &[Option<&db::Column>], needs: &mut Needs) -> Option<Expr> {
        let per_target: Vec<(&Target, &str)> = self
            .targets
            .iter()
            .zip(columns)
            .filter_map(|(t, c)| Some((t, c.and_then(|c| c.default.as_ref())?.sql.as_str())))
            .collect();
        let first = per_target.first()?.1;
        if per_target.iter().all(|(_, sql)| *sql == first) {
            return None;
        }
        needs.dialect_default = true;
        let args = per_target
            .iter()
            .flat_map(|(t, sql)| {
                t.sqlalchemy()
                    .variant_names
                    .iter()
                    .map(|name| kw(name, string(&escape_colons(sql))))
            })
            .collect();
        Some(call("DialectDefault", args))
    }

    /// The first target's type, with `.with_variant(...)` for each other target whose type
    /// differs; `None` without any.
    pub(super) fn with_variants(&self, per_target: Vec<(usize, Expr)>) -> Option<Expr> {
        let (_, base) = per_target.first().cloned()?;
        let mut expr = base.clone();
        for (i, ty) in per_target.into_iter().skip(1) {
            if ty == base {
                continue;
            }
            let mut args = vec![pos(ty)];
            args.extend(
                self.targets[i]
                    .sqlalchemy()
                    .variant_names
                    .iter()
                    .map(|n| pos(string(n))),
            );
            expr = method(expr, "with_variant", args);
        }
        Some(expr)
    }

    /// A column's type on one dialect, as the model declares it.
    fn model_type(
        &self,
        target: &Target,
        field: &Field,
        column: &db::Column,
        uses: &mut Uses,
        needs: &mut Needs,
    ) -> Expr {
        let sqlalchemy = target.sqlalchemy();
        let element = match (&field.ty, &column.ty) {
            (FieldType::Enum(id), ColumnType::Enum(_))
            | (FieldType::Enum(id), ColumnType::Native(_))
                if field.arity != Arity::List || column.array =>
            {
                let class = self.enum_class(*id);
                if target.dialect().capabilities().enum_strategy == EnumStrategy::Text {
                    needs.text_enum = true;
                    call("TextEnum", vec![pos(atom(class))])
                } else {
                    needs.enum_values = true;
                    let e = self.schema.enum_(*id);
                    let mut args = vec![pos(atom(class)), kw("name", string(e.database_name()))];
                    args.extend(self.enum_schema(e));
                    args.push(kw("values_callable", atom("enum_values")));
                    call("sa.Enum", args)
                }
            }
            // JSON text in the column Prisma declares JSONB: no `jsonb()` calls, which need
            // SQLite 3.45.
            (_, ColumnType::Native(ty)) if sqlalchemy.jsonb_is_text && ty.is("JSONB") => {
                needs.json_text = true;
                call("JsonText", vec![])
            }
            (FieldType::Scalar(ScalarType::DateTime), ColumnType::Native(ty))
                if sqlalchemy.untyped_values && ty.is("DATETIME") =>
            {
                needs.sqlite_datetime = true;
                uses.any = true;
                let value = match scalar_python_type(ScalarType::DateTime, field, uses).as_str() {
                    "datetime.date" => vec![pos(string("date"))],
                    "datetime.time" => vec![pos(string("time"))],
                    _ => Vec::new(),
                };
                call("SqliteDateTime", value)
            }
            (FieldType::Scalar(ScalarType::Decimal), ColumnType::Native(ty))
                if sqlalchemy.untyped_values && ty.is("DECIMAL") =>
            {
                needs.sqlite_decimal = true;
                uses.any = true;
                uses.decimal = true;
                call("SqliteDecimal", vec![])
            }
            (_, ColumnType::Native(ty)) => {
                let ty = ty.to_string();
                sql_type(sqlalchemy, &ty, uses)
                    .or_else(|| scalar_of(field).map(generic_type))
                    .unwrap_or_else(|| raw_type(&ty, uses))
            }
            (_, ColumnType::Enum(name)) => call("sa.Enum", vec![kw("name", string(name))]),
        };
        // Prisma's `null` for an optional Json is SQL NULL (`DbNull`), not the JSON value null.
        let element = match element {
            Expr::Call(callee, mut args)
                if scalar_of(field) == Some(ScalarType::Json) && !column.array =>
            {
                args.push(kw("none_as_null", atom("True")));
                Expr::Call(callee, args)
            }
            other => other,
        };
        if column.array {
            array_of(element, uses)
        } else {
            element
        }
    }

    fn relationship(&self, named: &Named, rf: &crate::schema::ir::RelationField) -> Option<String> {
        let model = named.model;
        let attr = &named.attrs[rf.name.as_str()];
        let target = self.class_of(self.schema.model(rf.related_model))?;
        let relation = &self.schema.relations[rf.relation];
        let mut args = Vec::new();
        let self_relation = std::ptr::eq(target.model, model);
        let annotation = match rf.arity {
            Arity::List => format!("list[\"{}\"]", target.class),
            Arity::Optional => format!("\"{} | None\"", target.class),
            Arity::Required => format!("\"{}\"", target.class),
        };
        match &relation.kind {
            RelationKind::Inline {
                referencing_model,
                referencing_fields,
                referenced_fields,
                forward_field,
                back_field,
                on_delete,
                ..
            } => {
                let forward = forward_field.as_deref() == Some(rf.name.as_str())
                    && std::ptr::eq(self.schema.model(*referencing_model), model);
                if !forward {
                    args.extend(deleting_the_parent(*on_delete));
                }
                let other = if forward { back_field } else { forward_field };
                if let Some(other) = other.as_deref()
                    && let Some(other_attr) = target.attrs.get(other)
                    && client_relations(self.schema, target.model).any(|r| r.name == other)
                {
                    args.push(kw("back_populates", string(other_attr)));
                }
                let referencing = self.class_of(self.schema.model(*referencing_model))?;
                let ambiguous =
                    self_relation || self.inline_relations_between(model, target.model) > 1;
                // Without foreign keys (relationMode = "prisma") the join is said outright,
                // the referencing columns marked foreign().
                if self.schema.relation_mode == RelationMode::Prisma {
                    let referenced = if forward { target } else { named };
                    let pairs: Vec<String> = referencing_fields
                        .iter()
                        .zip(referenced_fields)
                        .map(|(from, to)| {
                            let from = &referencing.model.field(*from).name;
                            let to = &referenced.model.field(*to).name;
                            format!(
                                "{}.{} == foreign({}.{})",
                                referenced.class,
                                referenced.attrs[to.as_str()],
                                referencing.class,
                                referencing.attrs[from.as_str()]
                            )
                        })
                        .collect();
                    let join = match pairs.as_slice() {
                        [one] if fits_on_its_line("primaryjoin", one) => {
                            atom(format!("lambda: {one}"))
                        }
                        many => call(
                            "lambda: sa.and_",
                            many.iter().map(|p| pos(atom(p.clone()))).collect(),
                        ),
                    };
                    args.push(kw("primaryjoin", join));
                } else if ambiguous {
                    let cols: Vec<String> = referencing_fields
                        .iter()
                        .map(|f| {
                            let name = &referencing.model.field(*f).name;
                            format!("{}.{}", referencing.class, referencing.attrs[name.as_str()])
                        })
                        .collect();
                    args.push(kw("foreign_keys", string(&bracketed(&cols))));
                }
                let overlaps = self.overlapping(rf.relation);
                if !overlaps.is_empty() {
                    args.push(kw("overlaps", string(&overlaps.join(","))));
                }
                if self_relation && forward {
                    let cols: Vec<String> = referenced_fields
                        .iter()
                        .map(|f| {
                            let name = &model.field(*f).name;
                            format!("{}.{}", named.class, named.attrs[name.as_str()])
                        })
                        .collect();
                    args.push(kw("remote_side", string(&bracketed(&cols))));
                }
            }
            RelationKind::ImplicitManyToMany {
                model_a,
                field_a,
                field_b,
                table_name,
                ..
            } => {
                let var = self.table_vars.get(table_name)?;
                let is_a = std::ptr::eq(self.schema.model(*model_a), model) && field_a == &rf.name;
                let other = if is_a { field_b } else { field_a };
                args.push(kw("secondary", atom(var)));
                if self.schema.relation_mode == RelationMode::Prisma {
                    let pk = model.primary_key.as_ref()?;
                    let id_attr = &named.attrs[model.field(pk.fields.first()?.field).name.as_str()];
                    let target_pk = target.model.primary_key.as_ref()?;
                    let target_id = &target.attrs[target
                        .model
                        .field(target_pk.fields.first()?.field)
                        .name
                        .as_str()];
                    let (mine, theirs) = if is_a { ("A", "B") } else { ("B", "A") };
                    let joins = [
                        (
                            "primaryjoin",
                            format!("{}.{id_attr} == foreign({var}.c.{mine})", named.class),
                        ),
                        (
                            "secondaryjoin",
                            format!("{}.{target_id} == foreign({var}.c.{theirs})", target.class),
                        ),
                    ];
                    for (name, condition) in joins {
                        args.push(kw(name, lambda_of(name, condition)));
                    }
                } else if self_relation {
                    let pk = model.primary_key.as_ref()?;
                    let id_attr = &named.attrs[model.field(pk.fields.first()?.field).name.as_str()];
                    let (mine, theirs) = if is_a { ("A", "B") } else { ("B", "A") };
                    args.push(kw(
                        "primaryjoin",
                        atom(format!(
                            "lambda: {}.{id_attr} == {var}.c.{mine}",
                            named.class
                        )),
                    ));
                    args.push(kw(
                        "secondaryjoin",
                        atom(format!(
                            "lambda: {}.{id_attr} == {var}.c.{theirs}",
                            named.class
                        )),
                    ));
                }
                if let Some(other_attr) = target.attrs.get(other.as_str()) {
                    args.push(kw("back_populates", string(other_attr)));
                }
            }
        }
        Some(annotated(
            4,
            attr,
            Annotation::Subscript("Mapped", &annotation),
            Some(&call("relationship", args)),
        ))
    }

    /// The relationship attributes of the other relations whose foreign keys share a column
    /// with `relation`'s (`@@id([tenantId, ...])` keys referenced twice): SQLAlchemy needs them
    /// named in `overlaps` to accept two relationships writing one column.
    fn overlapping(&self, relation: usize) -> Vec<String> {
        let RelationKind::Inline {
            referencing_model,
            referencing_fields,
            ..
        } = &self.schema.relations[relation].kind
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let candidates = self
            .inline_by_referencing
            .get(referencing_model)
            .map_or(&[][..], Vec::as_slice);
        for &i in candidates {
            let other = &self.schema.relations[i];
            let RelationKind::Inline {
                referencing_model: model,
                referencing_fields: fields,
                referenced_model,
                forward_field,
                back_field,
                ..
            } = &other.kind
            else {
                continue;
            };
            if i == relation
                || model != referencing_model
                || !fields.iter().any(|f| referencing_fields.contains(f))
            {
                continue;
            }
            let sides = [(model, forward_field), (referenced_model, back_field)];
            for (owner, field) in sides {
                let attr = field.as_deref().and_then(|f| {
                    self.class_of(self.schema.model(*owner))
                        .and_then(|named| named.attrs.get(f).cloned())
                });
                out.extend(attr);
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// How many foreign-key relations join the two models (either direction).
    fn inline_relations_between(&self, a: &Model, b: &Model) -> usize {
        self.inline_between
            .get(&model_pair(a, b))
            .copied()
            .unwrap_or(0)
    }
}

/// The mapper's key of a view: its @id, else its first unique criteria, else every column.
fn view_key_columns(model: &Model) -> Vec<String> {
    let fields: Vec<usize> = if let Some(pk) = &model.primary_key {
        pk.fields.iter().map(|f| f.field.0).collect()
    } else if let Some(index) = model
        .indexes
        .iter()
        .find(|i| i.kind == crate::schema::ir::IndexKind::Unique)
    {
        index.fields.iter().map(|f| f.field.0).collect()
    } else {
        (0..model.fields.len()).collect()
    };
    fields
        .into_iter()
        .map(|i| model.fields[i].database_name().to_owned())
        .collect()
}

fn scalar_of(field: &Field) -> Option<ScalarType> {
    match field.ty {
        FieldType::Scalar(s) => Some(s),
        _ => None,
    }
}

fn bracketed(items: &[String]) -> String {
    if items.len() == 1 {
        items[0].clone()
    } else {
        format!("[{}]", items.join(", "))
    }
}

/// The generic SQLAlchemy type of a scalar, for column types no table knows.
fn generic_type(scalar: ScalarType) -> Expr {
    let name = match scalar {
        ScalarType::String => "Text",
        ScalarType::Int => "Integer",
        ScalarType::BigInt => "BigInteger",
        ScalarType::Float => "Double",
        ScalarType::Decimal => "Numeric",
        ScalarType::Boolean => "Boolean",
        ScalarType::DateTime => "DateTime",
        ScalarType::Json => "JSON",
        ScalarType::Bytes => "LargeBinary",
    };
    call(&format!("sa.{name}"), vec![])
}

/// The Python type of a field's values (without `| None`).
pub(super) fn python_type(module: &Module, field: &Field, uses: &mut Uses) -> String {
    let element = match &field.ty {
        FieldType::Enum(id) => module.enum_class(*id).to_owned(),
        FieldType::Scalar(s) => scalar_python_type(*s, field, uses),
        FieldType::Composite(_) | FieldType::Unsupported(_) => {
            uses.any = true;
            "Any".to_owned()
        }
    };
    if field.arity == Arity::List {
        format!("list[{element}]")
    } else {
        element
    }
}

pub fn scalar_python_type(scalar: ScalarType, field: &Field, uses: &mut Uses) -> String {
    match scalar {
        ScalarType::String => "str".into(),
        ScalarType::Int | ScalarType::BigInt => "int".into(),
        ScalarType::Float => "float".into(),
        ScalarType::Decimal => {
            uses.decimal = true;
            "decimal.Decimal".into()
        }
        ScalarType::Boolean => "bool".into(),
        ScalarType::DateTime => {
            uses.datetime = true;
            match field.native_type.as_ref().map(|n| n.name.as_str()) {
                Some("Date") => "datetime.date".into(),
                Some("Time" | "Timetz") => "datetime.time".into(),
                _ => "datetime.datetime".into(),
            }
        }
        ScalarType::Json => {
            uses.any = true;
            "Any".into()
        }
        ScalarType::Bytes => "bytes".into(),
    }
}

/// What the models module defines beyond its models.
#[derive(Default)]
pub(super) struct Needs {
    /// The functions that fill in defaults on the client (ids, `@updatedAt`).
    pub(super) client: ClientDefaults,
    /// `DialectDefault` and `on_dialects`: defaults and constructs that differ by dialect.
    pub(super) dialect_default: bool,
    /// `AsyncAttrs` on the declarative bases (`[python] asyncio`).
    pub(super) async_attrs: bool,
    pub(super) enums: bool,
    pub(super) enum_values: bool,
    pub(super) text_enum: bool,
    pub(super) json_text: bool,
    /// `SqliteDateTime` and `SqliteDecimal` (`SqlAlchemyDialect::untyped_values`).
    pub(super) sqlite_datetime: bool,
    pub(super) sqlite_decimal: bool,
    pub(super) include_object: bool,
    pub(super) mapped: bool,
    pub(super) relationship: bool,
    /// `foreign()` in explicit joins (relationMode = "prisma").
    pub(super) foreign: bool,
    pub(super) unmapped: bool,
}

fn model_imports(uses: &Uses, needs: &Needs) -> Vec<String> {
    let mut stdlib = Imports::default();
    let client = &needs.client;
    if needs.include_object
        || needs.dialect_default
        || needs.sqlite_datetime
        || needs.sqlite_decimal
    {
        stdlib.from("collections.abc", "Callable");
    }
    if uses.datetime || client.utc_now {
        stdlib.import("datetime");
    }
    if client.cuid2 {
        stdlib.import("hashlib");
    }
    if client.base36() {
        stdlib.import("os");
    }
    if client.any_id() {
        stdlib.import("secrets");
        stdlib.import("time");
    }
    if uses.decimal {
        stdlib.import("decimal");
    }
    if needs.enums || needs.text_enum || needs.enum_values {
        stdlib.import("enum");
    }
    if uses.uuid || client.uuid7 {
        stdlib.import("uuid");
    }
    if uses.any || uses.raw_type || needs.dialect_default {
        stdlib.from("typing", "Any");
    }
    if needs.text_enum {
        stdlib.from("typing", "TypeVar");
    }
    let mut third = Imports::default();
    third.import("sqlalchemy as sa");
    for d in &uses.dialects {
        third.from("sqlalchemy.dialects", d);
    }
    if needs.async_attrs {
        third.from("sqlalchemy.ext.asyncio", "AsyncAttrs");
    }
    if needs.dialect_default {
        third.from("sqlalchemy.ext.compiler", "compiles");
    }
    third.from("sqlalchemy.orm", "DeclarativeBase");
    if needs.mapped || needs.relationship {
        third.from("sqlalchemy.orm", "Mapped");
    }
    if needs.mapped {
        third.from("sqlalchemy.orm", "mapped_column");
    }
    if needs.relationship {
        third.from("sqlalchemy.orm", "relationship");
    }
    if needs.foreign {
        third.from("sqlalchemy.orm", "foreign");
    }
    if needs.unmapped {
        third.from("sqlalchemy.orm", "Unmapped");
        third.from("sqlalchemy.orm", "unmapped_column");
    }
    sections([stdlib, third])
}

#[derive(Template)]
#[template(path = "python/base.py.jinja", escape = "none")]
struct BaseView {
    name: &'static str,
    doc: &'static str,
    /// Mix in `AsyncAttrs` (which imports `sqlalchemy.ext.asyncio`, hence greenlet).
    async_attrs: bool,
}

#[derive(Template)]
#[template(path = "python/model.py.jinja", escape = "none")]
struct ModelView {
    name: String,
    base: &'static str,
    doc: Option<String>,
    /// `__tablename__` and `__table_args__`.
    head: Vec<String>,
    /// Columns and relationships.
    body: Vec<String>,
    /// Statements after the class: indexes with descending columns.
    after: Vec<String>,
}

/// The client-side default functions a models module defines, each only where a field uses it.
#[derive(Template, Default)]
#[template(path = "python/client_defaults.py.jinja", escape = "none")]
pub(super) struct ClientDefaults {
    pub(super) cuid: bool,
    pub(super) cuid2: bool,
    pub(super) uuid7: bool,
    pub(super) ulid: bool,
    pub(super) nanoid: bool,
    pub(super) utc_now: bool,
    /// `_base36` and the per-process counter and fingerprint (cuid, cuid2).
    base36: bool,
}

impl ClientDefaults {
    fn any_id(&self) -> bool {
        self.cuid || self.cuid2 || self.uuid7 || self.ulid || self.nanoid
    }

    fn any(&self) -> bool {
        self.any_id() || self.utc_now
    }

    fn base36(&self) -> bool {
        self.cuid || self.cuid2
    }

    fn render_helpers(&mut self) -> askama::Result<String> {
        self.base36 = self.base36();
        let text = Template::render(&*self)?;
        Ok(text.trim_start_matches('\n').to_owned())
    }
}

/// How `session.delete(parent)` treats the rows that reference it, as `onDelete` says the
/// database does: Cascade deletes them through the ORM too (loaded or not, so that it holds
/// where foreign keys are off, SQLite's default); SetNull lets the ORM blank the key out, as it
/// does by default; Restrict, NoAction and SetDefault leave them to the database
/// (`passive_deletes="all"`), which refuses or sets the default, instead of the ORM blanking out
/// a key that may be required or part of a primary key.
fn deleting_the_parent(on_delete: ReferentialAction) -> Vec<super::layout::Arg> {
    match on_delete {
        ReferentialAction::Cascade => vec![kw("cascade", string("all, delete"))],
        ReferentialAction::SetNull => Vec::new(),
        ReferentialAction::Restrict
        | ReferentialAction::NoAction
        | ReferentialAction::SetDefault => {
            vec![kw("passive_deletes", string("all"))]
        }
    }
}

/// What `@updatedAt` is set to: the current UTC time to the column's precision (Prisma's
/// `DateTime` is milliseconds), with its time zone where the column keeps one.
fn updated_at_clock(column: &db::Column) -> Expr {
    let aware = keeps_time_zone(column);
    let precision = match &column.ty {
        ColumnType::Native(ty) => ty.args.first().copied(),
        ColumnType::Enum(_) => None,
    };
    let function = if aware { "utc_now_aware" } else { "utc_now" };
    match precision {
        Some(p) if p != 3 => atom(format!("lambda: {function}({p})")),
        _ => atom(function),
    }
}

/// Whether a date-time column keeps a time zone (`TIMESTAMPTZ`): the models' values are then
/// aware datetimes; every other column holds UTC by Prisma's convention, read naive.
pub(super) fn keeps_time_zone(column: &db::Column) -> bool {
    match &column.ty {
        ColumnType::Native(ty) => {
            let name = ty.name.to_ascii_uppercase();
            name.contains("TZ") || name.contains("TIME ZONE")
        }
        ColumnType::Enum(_) => false,
    }
}

#[derive(Template)]
#[template(path = "python/enum_values.py.jinja", escape = "none")]
struct EnumValuesHelper;

#[derive(Template)]
#[template(path = "python/dialect_default.py.jinja", escape = "none")]
struct DialectDefaultHelper;

#[derive(Template)]
#[template(path = "python/text_enum.py.jinja", escape = "none")]
struct TextEnumHelper;

#[derive(Template)]
#[template(path = "python/raw_type.py.jinja", escape = "none")]
pub struct RawTypeHelper;

#[derive(Template)]
#[template(path = "python/json_text.py.jinja", escape = "none")]
struct JsonTextHelper;

#[derive(Template)]
#[template(path = "python/sqlite_datetime.py.jinja", escape = "none")]
struct SqliteDateTimeHelper;

#[derive(Template)]
#[template(path = "python/sqlite_decimal.py.jinja", escape = "none")]
struct SqliteDecimalHelper;

#[derive(Template)]
#[template(path = "python/include_object.py.jinja", escape = "none")]
struct IncludeObjectHelper;

/// Does `name=lambda: condition,` fit on a line of its own inside an exploded call (eight
/// spaces in, 88 wide, as ruff formats)?
fn fits_on_its_line(name: &str, condition: &str) -> bool {
    8 + name.len() + "=lambda: ".len() + condition.len() < 88
}

/// `lambda: condition`, or, where that line would be too long, `lambda: sa.and_(condition)`,
/// which wraps the way ruff wraps a call (ruff would parenthesize a bare lambda body instead).
fn lambda_of(name: &str, condition: String) -> Expr {
    if fits_on_its_line(name, &condition) {
        atom(format!("lambda: {condition}"))
    } else {
        call("lambda: sa.and_", vec![pos(atom(condition))])
    }
}

#[cfg(test)]
mod tests {
    use crate::codegen::harness;
    use crate::config::{PythonConfig, RawConfig};
    use std::path::Path;

    /// `[python] asyncio` alone decides whether the bases mix in `AsyncAttrs`, whose import
    /// needs greenlet: off, nothing imports `sqlalchemy.ext.asyncio`.
    #[test]
    fn async_attrs_only_with_asyncio() {
        let path = harness::repo_root().join("fixtures/everything-postgresql/schema.prisma");
        let schema = harness::load(&path);
        let models = |asyncio: bool| {
            let cfg = PythonConfig {
                models: "models.py".into(),
                alembic_versions: None,
                pydantic: None,
                models_module: None,
                alembic_dialect: None,
                asyncio,
            };
            let raw = RawConfig {
                python: Some(cfg),
                ..Default::default()
            };
            let config = harness::config(Path::new("/out"), raw);
            let set = crate::codegen::render_all(&schema, &config, Path::new("s.prisma")).unwrap();
            set.files[Path::new("/out/models.py")].clone()
        };
        let sync = models(false);
        assert!(!sync.contains("asyncio") && !sync.contains("AsyncAttrs"));
        assert!(sync.contains("class Base(DeclarativeBase):"));
        assert!(sync.contains("class ViewBase(DeclarativeBase):"));
        let with_async = models(true);
        assert!(with_async.contains("from sqlalchemy.ext.asyncio import AsyncAttrs\n"));
        assert!(with_async.contains("class Base(AsyncAttrs, DeclarativeBase):"));
        assert!(with_async.contains("class ViewBase(AsyncAttrs, DeclarativeBase):"));
    }
}
