//! Python output: SQLAlchemy 2.0 typed declarative models, Pydantic v2 models, and (through
//! `alembic`) Alembic revisions.
//!
//! Rules: the database shape comes from the relational lowering, never recomputed here: table,
//! column, constraint and index names, column types and server defaults are those of
//! `relational::lower` for each configured migration dialect, so the models agree with the
//! migrations by construction. The first dialect (the datasource provider when it is configured)
//! gives the base type of a column; another dialect whose type differs adds
//! `.with_variant(type, dialect)`. Shapes that cannot differ per dialect in one `MetaData` (the
//! primary key or unique index of an implicit many-to-many table, server defaults) follow the
//! first dialect. Python names come from `naming` (`PYTHON`, `PYTHON`): classes and
//! enums keep the schema's names, attributes are snake_case, enum members keep their names and
//! hold the database values. Every statement is laid out by `layout`, so the output is what
//! `ruff format` prints; templates only place the statements. Ignored fields and `Unsupported`
//! columns are `unmapped_column`s (in the table, not on the class); `@@ignore`d models are plain
//! `Table`s; views map onto a separate `ViewBase` whose metadata migrations never create.
//! How SQLAlchemy spells each database (dialect modules and types, `with_variant` names,
//! dialect-prefixed options) is the data in `sqlalchemy`; nothing here compares providers.

mod layout;
mod sqlalchemy;
mod types;

pub use layout::{
    Annotation, Arg, Expr, annotated, atom, call, kw, method, pos, statement, string,
    string_literal,
};
pub use sqlalchemy::SqlAlchemyDialect;
pub use types::{Uses, array_of, raw_type, sql_type};

use super::naming::{self, PYTHON, Scope};
use super::{Context, client_fields, client_relations};
use crate::config::PythonConfig;
use crate::output::FileSet;
use crate::relational::dialect::{self, Dialect, EnumStrategy};
use crate::relational::lower;
use crate::relational::model::{self as db, ColumnType, DbSchema, IndexKind};
use crate::schema::ir::{
    Arity, DefaultValue, Enum, Field, FieldType, Literal, Model, ModelId, Provider, RelationKind,
    ScalarType, Schema,
};
use anyhow::Result;
use askama::Template;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Renders the configured Python models (and Pydantic models) into `set`; the Alembic
/// revisions are `alembic`'s.
pub fn render(ctx: &Context, cfg: &PythonConfig, set: &mut FileSet) -> Result<()> {
    let targets = targets(ctx);
    let module = Module::new(ctx.schema, &targets);
    let models_path = ctx.config.resolve(&cfg.models);
    set.insert(
        models_path.clone(),
        module.render_models(&ctx.header, cfg.asyncio)?,
    );
    if let Some(pydantic) = &cfg.pydantic {
        let path = ctx.config.resolve(pydantic);
        let import_from = cfg
            .models_module
            .clone()
            .unwrap_or_else(|| relative_module(&path, &models_path));
        set.insert(path, module.render_pydantic(&ctx.header, &import_from)?);
    }
    Ok(())
}

/// `.models` when the models module sits beside `from`, else its dotted path from the common
/// folder (`..db.models` style is not guessed: set `models_module`).
fn relative_module(from: &Path, models: &Path) -> String {
    let stem = models
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "models".to_owned());
    if from.parent() == models.parent() {
        format!(".{stem}")
    } else {
        stem
    }
}

/// One migration dialect and what the schema lowers to on it.
pub struct Target<'a> {
    pub provider: Provider,
    /// Tables of the models (and implicit many-to-many tables): the caller's lowering when
    /// it has one (`Context::lowered`).
    pub db: Cow<'a, DbSchema>,
    /// The views, lowered as if they were tables, for their column types.
    pub views: DbSchema,
}

impl Target<'_> {
    /// How SQLAlchemy spells this target's database.
    pub fn sqlalchemy(&self) -> &'static SqlAlchemyDialect {
        SqlAlchemyDialect::of(self.provider)
    }

    /// The relational dialect, for its capability questions.
    pub fn dialect(&self) -> &'static dyn Dialect {
        dialect::for_provider(self.provider)
    }
}

/// The configured migration dialects, the one that decides first: the datasource provider
/// when it is among them, else the first configured.
pub fn targets<'a>(ctx: &Context<'a>) -> Vec<Target<'a>> {
    let schema = ctx.schema;
    let mut providers = ctx.config.dialects(schema.provider);
    if let Some(i) = providers.iter().position(|p| *p == schema.provider) {
        let primary = providers.remove(i);
        providers.insert(0, primary);
    }
    let views_only = Schema {
        provider: schema.provider,
        models: schema.views.clone(),
        views: Vec::new(),
        enums: schema.enums.clone(),
        composite_types: schema.composite_types.clone(),
        relations: Vec::new(),
    };
    providers
        .into_iter()
        .map(|provider| {
            let d = dialect::for_provider(provider);
            let lowered = ctx.lowered.iter().find(|(p, _)| *p == provider);
            Target {
                provider,
                db: match lowered {
                    Some((_, db)) => Cow::Borrowed(*db),
                    None => Cow::Owned(lower::lower(schema, d).schema),
                },
                views: lower::lower(&views_only, d).schema,
            }
        })
        .collect()
}

// --- names -----------------------------------------------------------------------------------

/// A model (or view) of the module with its Python names decided.
struct Named<'a> {
    model: &'a Model,
    class: String,
    is_view: bool,
    /// Field name -> attribute, relation field name -> attribute.
    attrs: HashMap<&'a str, String>,
}

struct Module<'a> {
    schema: &'a Schema,
    targets: &'a [Target<'a>],
    /// Each target's tables and views by name, in `targets` order.
    tables: Vec<TargetTables<'a>>,
    models: Vec<Named<'a>>,
    /// The class (index into `models`) of each model, not view, by its address.
    class_by_model: HashMap<*const Model, usize>,
    /// Foreign-key relations by referencing model (`schema.relations` indexes, ascending).
    inline_by_referencing: HashMap<ModelId, Vec<usize>>,
    /// How many foreign-key relations join two models, either direction (the pair sorted).
    inline_between: HashMap<(*const Model, *const Model), usize>,
    enums: Vec<String>,
    /// Module-level variable of each association table and ignored model's table, by table name.
    table_vars: BTreeMap<String, String>,
}

/// A target's tables indexed once: every model looks its table up, so a linear search per
/// lookup would make a module of N models cost N².
struct TargetTables<'a> {
    db: TableIndex<'a>,
    views: TableIndex<'a>,
}

impl<'a> TargetTables<'a> {
    fn of(&self, is_view: bool) -> &TableIndex<'a> {
        if is_view { &self.views } else { &self.db }
    }
}

/// The table a schema name became, in constant time: the first table of that name, else the
/// first whose name is what the database kept of it (`db::truncated_to`, after
/// `lower::fit_identifiers`).
struct TableIndex<'a> {
    by_name: HashMap<&'a str, &'a db::Table>,
    /// Tables whose names are long enough to be truncated identifiers, in schema order.
    long: Vec<&'a db::Table>,
}

impl<'a> TableIndex<'a> {
    fn new(schema: &'a DbSchema) -> TableIndex<'a> {
        let mut by_name = HashMap::with_capacity(schema.tables.len());
        let mut long = Vec::new();
        for t in &schema.tables {
            by_name.entry(t.name.as_str()).or_insert(t);
            if t.name.len() >= db::TRUNCATED_MIN_LEN {
                long.push(t);
            }
        }
        TableIndex { by_name, long }
    }

    fn table(&self, name: &str) -> Option<&'a db::Table> {
        self.by_name.get(name).copied()
    }

    fn for_schema_name(&self, name: &str) -> Option<&'a db::Table> {
        self.table(name).or_else(|| {
            self.long
                .iter()
                .copied()
                .find(|t| db::truncated_to(name, &t.name))
        })
    }
}

/// Helpers the models module may define; reserved in every scope.
const HELPERS: [&str; 7] = [
    "MIGRATION_TOOL_TABLES",
    "TextEnum",
    "EnumT",
    "JsonText",
    "RawType",
    "enum_values",
    "include_object_for",
];

impl<'a> Module<'a> {
    fn new(schema: &'a Schema, targets: &'a [Target<'a>]) -> Module<'a> {
        let mut scope = Scope::new();
        scope.reserve(HELPERS);
        let models: Vec<(&Model, bool)> = schema
            .models
            .iter()
            .filter(|m| !m.ignored)
            .map(|m| (m, false))
            .chain(
                schema
                    .views
                    .iter()
                    .filter(|m| !m.ignored)
                    .map(|m| (m, true)),
            )
            .collect();
        let names = scope.assign_converted(
            models
                .iter()
                .map(|(m, _)| m.name.as_str())
                .chain(schema.enums.iter().map(|e| e.name.as_str())),
            |name| PYTHON.identifier(name),
        );
        let (class_names, enum_names) = names.split_at(models.len());

        let mut table_wanted = Vec::new();
        let mut table_names = Vec::new();
        for m in schema.models.iter().filter(|m| m.ignored) {
            table_names.push(m.database_name().to_owned());
        }
        for r in &schema.relations {
            if let RelationKind::ImplicitManyToMany { table_name, .. } = &r.kind {
                table_names.push(table_name.clone());
            }
        }
        for t in &table_names {
            table_wanted.push((
                PYTHON.identifier(&format!("{}_table", naming::snake_case(t))),
                false,
            ));
        }
        let table_vars = table_names
            .into_iter()
            .zip(scope.assign(&table_wanted))
            .collect();

        let named = models
            .iter()
            .zip(class_names)
            .map(|((model, is_view), class)| {
                let mut attrs = Scope::new();
                attrs.reserve(HELPERS);
                attrs.reserve(enum_names.iter().map(String::as_str));
                let field_names: Vec<&str> = model
                    .fields
                    .iter()
                    .map(|f| f.name.as_str())
                    .chain(model.relation_fields.iter().map(|r| r.name.as_str()))
                    .collect();
                let assigned = attrs.assign_converted(field_names.iter().copied(), |name| {
                    PYTHON.identifier(&naming::snake_case(name))
                });
                Named {
                    model,
                    class: class.clone(),
                    is_view: *is_view,
                    attrs: field_names.into_iter().zip(assigned).collect(),
                }
            })
            .collect();
        let named: Vec<Named> = named;
        let class_by_model = named
            .iter()
            .enumerate()
            .filter(|(_, n)| !n.is_view)
            .map(|(i, n)| (std::ptr::from_ref(n.model), i))
            .collect();
        let mut inline_by_referencing: HashMap<ModelId, Vec<usize>> = HashMap::new();
        let mut inline_between = HashMap::new();
        for (i, r) in schema.relations.iter().enumerate() {
            if let RelationKind::Inline {
                referencing_model,
                referenced_model,
                ..
            } = &r.kind
            {
                inline_by_referencing
                    .entry(*referencing_model)
                    .or_default()
                    .push(i);
                *inline_between
                    .entry(model_pair(
                        schema.model(*referencing_model),
                        schema.model(*referenced_model),
                    ))
                    .or_insert(0) += 1;
            }
        }
        Module {
            schema,
            targets,
            tables: targets
                .iter()
                .map(|t| TargetTables {
                    db: TableIndex::new(&t.db),
                    views: TableIndex::new(&t.views),
                })
                .collect(),
            models: named,
            class_by_model,
            inline_by_referencing,
            inline_between,
            enums: enum_names.to_vec(),
            table_vars,
        }
    }

    fn primary(&self) -> &Target<'a> {
        &self.targets[0]
    }

    /// Whether the first dialect's column of a field is nullable.
    fn nullable(&self, named: &Named, field: &Field) -> bool {
        self.tables[0]
            .of(named.is_view)
            .for_schema_name(named.model.database_name())
            .and_then(|t| t.column_for_schema_name(field.database_name()))
            .map_or(field.arity == Arity::Optional, |c| c.nullable)
    }

    fn class_of(&self, model: &Model) -> Option<&Named<'a>> {
        self.class_by_model
            .get(&std::ptr::from_ref(model))
            .map(|&i| &self.models[i])
    }

    fn enum_class(&self, id: crate::schema::ir::EnumId) -> &str {
        &self.enums[id.0]
    }
}

// --- the models module -----------------------------------------------------------------------

impl Module<'_> {
    /// The SQLAlchemy module; `asyncio` mixes `AsyncAttrs` into the declarative bases.
    fn render_models(&self, header: &str, asyncio: bool) -> Result<String> {
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
        if uses.raw_type {
            helper_blocks.push(RawTypeHelper.render()?);
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
        // Views have no key in the database; the mapper needs one: @id, else the first unique.
        let view_key: Vec<String> = if named.is_view {
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
            table_args.push(foreign_key_constraint(fk));
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
                args.push(pos(foreign_key(fk)));
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
            if let Some(default) = &column.default {
                args.push(kw("server_default", server_default(&default.sql)));
            }
            if mapped {
                match &field.default {
                    Some(DefaultValue::Uuid { version: 4 })
                        if scalar_of(field) == Some(ScalarType::String) =>
                    {
                        uses.uuid = true;
                        args.push(kw("default", atom("lambda: str(uuid.uuid4())")));
                    }
                    _ => {}
                }
                if field.updated_at {
                    args.push(kw("default", call("sa.func.now", vec![])));
                    args.push(kw("onupdate", call("sa.func.now", vec![])));
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
                    let doc = field_comment(rf.documentation.as_deref(), 4);
                    body.push(format!("{doc}{text}"));
                }
            }
        }
        if !table_args.is_empty() || !autoincrement_options.is_empty() {
            let mut items = table_args;
            if !autoincrement_options.is_empty() {
                items.push(Expr::Dict(
                    autoincrement_options
                        .iter()
                        .map(|option| (string(option), atom("True")))
                        .collect(),
                ));
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
        let Some((_, base)) = per_target.first().cloned() else {
            return call("sa.Text", vec![]);
        };
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
        expr
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
                    call(
                        "sa.Enum",
                        vec![
                            pos(atom(class)),
                            kw("name", string(e.database_name())),
                            kw("values_callable", atom("enum_values")),
                        ],
                    )
                }
            }
            // JSON text in the column Prisma declares JSONB: no `jsonb()` calls, which need
            // SQLite 3.45.
            (_, ColumnType::Native(ty)) if sqlalchemy.jsonb_is_text && ty.is("JSONB") => {
                needs.json_text = true;
                call("JsonText", vec![])
            }
            (_, ColumnType::Native(ty)) => {
                let ty = ty.to_string();
                sql_type(sqlalchemy, &ty, uses)
                    .or_else(|| scalar_of(field).map(generic_type))
                    .unwrap_or_else(|| raw_type(&ty, uses))
            }
            (_, ColumnType::Enum(name)) => call("sa.Enum", vec![kw("name", string(name))]),
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
                ..
            } => {
                let forward = forward_field.as_deref() == Some(rf.name.as_str())
                    && std::ptr::eq(self.schema.model(*referencing_model), model);
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
                if ambiguous {
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
                if self_relation {
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
        // on PostgreSQL only); the ORM needs no key for plain tables.
        let pk = tables.iter().flatten().find_map(|t| t.primary_key.clone());
        for column in &table.columns {
            let ty = match &column.ty {
                ColumnType::Native(t) => {
                    let t = t.to_string();
                    sql_type(self.primary().sqlalchemy(), &t, uses)
                        .unwrap_or_else(|| raw_type(&t, uses))
                }
                ColumnType::Enum(name) => self.db_enum_type(name, needs),
            };
            let ty = if column.array { array_of(ty, uses) } else { ty };
            let mut cargs = vec![pos(string(&column.name)), pos(ty)];
            if let Some(fk) = table
                .foreign_keys
                .iter()
                .find(|fk| fk.columns.len() == 1 && fk.columns[0] == column.name)
            {
                cargs.push(pos(foreign_key(fk)));
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
            args.push(pos(primary_key_constraint(pk, pk.name.as_deref())));
        }
        for fk in table.foreign_keys.iter().filter(|fk| fk.columns.len() > 1) {
            args.push(pos(foreign_key_constraint(fk)));
        }
        let (inside, after) = self.index_exprs(&tables, &format!("{var}.c"), needs);
        args.extend(inside.into_iter().map(pos));
        let mut out = statement(0, &format!("{var} = "), &call("sa.Table", args));
        for a in after {
            out.push('\n');
            out.push_str(&a);
        }
        out
    }

    /// A table's indexes: the expressions that go inside its definition, and the statements
    /// after it for indexes with a descending column, declared on `columns` (the table's column
    /// collection), because only an index on the table's own columns reflects its sort order on
    /// every dialect.
    fn index_exprs(
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
        // `create_all` makes it on its one dialect only (`ddl_if` is typed for one name).
        match having.as_slice() {
            [one] => method(
                index,
                "ddl_if",
                vec![kw("dialect", string(one.sqlalchemy().variant_names[0]))],
            ),
            _ => index,
        }
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
                call(
                    "sa.Enum",
                    vec![
                        pos(atom(&self.enums[i])),
                        kw("name", string(name)),
                        kw("values_callable", atom("enum_values")),
                    ],
                )
            }
            None => call("sa.Enum", vec![kw("name", string(name))]),
        }
    }

    /// A `sa.Table` block (no class maps it) under a comment saying why.
    fn plain_table(
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

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
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
fn python_type(module: &Module, field: &Field, uses: &mut Uses) -> String {
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

/// `server_default=`: a plain string for a string literal (SQLAlchemy quotes it), else SQL text
/// with its colons escaped so that `sa.text` sees no bind parameters.
fn server_default(default: &str) -> Expr {
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

fn foreign_key(fk: &db::ForeignKey) -> Expr {
    let mut args = vec![
        pos(string(&format!(
            "{}.{}",
            fk.referenced_table, fk.referenced_columns[0]
        ))),
        kw("name", string(&fk.name)),
    ];
    args.extend(fk_actions(fk));
    call("sa.ForeignKey", args)
}

pub fn foreign_key_constraint(fk: &db::ForeignKey) -> Expr {
    let mut args = vec![
        pos(Expr::List(fk.columns.iter().map(|c| string(c)).collect())),
        pos(Expr::List(
            fk.referenced_columns
                .iter()
                .map(|c| string(&format!("{}.{c}", fk.referenced_table)))
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

/// An index as the dialects that have it define it.
struct MergedIndex<'t> {
    /// The first dialect's definition (name, columns, kind).
    index: &'t db::Index,
    versions: Vec<(Provider, &'t db::Index)>,
}

/// Two models as an unordered pair, for `Module::inline_between`.
fn model_pair(a: &Model, b: &Model) -> (*const Model, *const Model) {
    let (a, b) = (std::ptr::from_ref(a), std::ptr::from_ref(b));
    if a <= b { (a, b) } else { (b, a) }
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
/// `mysql_length={...}`, `mysql_using=...`, `postgresql_using=...` (`unique=True` is the
/// caller's).
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
    if let (Some(option), Some(algorithm)) = (sqlalchemy.index_using_option, &index.algorithm) {
        args.push(kw(option, string(&algorithm.to_ascii_lowercase())));
    }
    args
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

/// What the models module defines beyond its models.
#[derive(Default)]
struct Needs {
    /// `AsyncAttrs` on the declarative bases (`[python] asyncio`).
    async_attrs: bool,
    enums: bool,
    enum_values: bool,
    text_enum: bool,
    json_text: bool,
    include_object: bool,
    mapped: bool,
    relationship: bool,
    unmapped: bool,
}

fn model_imports(uses: &Uses, needs: &Needs) -> Vec<String> {
    let mut stdlib = Imports::default();
    if needs.include_object {
        stdlib.from("collections.abc", "Callable");
    }
    if uses.datetime {
        stdlib.import("datetime");
    }
    if uses.decimal {
        stdlib.import("decimal");
    }
    if needs.enums || needs.text_enum || needs.enum_values {
        stdlib.import("enum");
    }
    if uses.uuid {
        stdlib.import("uuid");
    }
    if uses.any || uses.raw_type {
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
    if needs.unmapped {
        third.from("sqlalchemy.orm", "Unmapped");
        third.from("sqlalchemy.orm", "unmapped_column");
    }
    sections([stdlib, third])
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
    if naming::display_width(&line) <= layout::WIDTH {
        return line;
    }
    let mut out = format!("from {module} import (\n");
    for n in names {
        out.push_str(&format!("    {n},\n"));
    }
    out.push(')');
    out
}

fn enum_view(e: &Enum, name: &str) -> EnumView {
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

// --- the Pydantic module ---------------------------------------------------------------------

impl Module<'_> {
    fn render_pydantic(&self, header: &str, import_from: &str) -> Result<String> {
        let mut uses = Uses::default();
        let mut scope = Scope::new();
        scope.reserve(self.enums.iter().map(String::as_str));
        let mut blocks = Vec::new();
        let mut used_enums = std::collections::BTreeSet::new();
        for named in &self.models {
            let wanted = vec![
                (PYTHON.identifier(&format!("{}Read", named.class)), true),
                (PYTHON.identifier(&format!("{}Create", named.class)), true),
            ];
            let names = scope.assign(&wanted);
            let fields: Vec<&Field> = client_fields(named.model).collect();
            let mut read = Vec::new();
            let mut create = Vec::new();
            for f in &fields {
                if let FieldType::Enum(id) = f.ty {
                    used_enums.insert(id.0);
                }
                let attr = &named.attrs[f.name.as_str()];
                let ty = python_type(self, f, &mut uses);
                let ty = if self.nullable(named, f) {
                    format!("{ty} | None")
                } else {
                    ty
                };
                read.push(format!(
                    "{}{}",
                    field_comment(f.documentation.as_deref(), 4),
                    annotated(4, attr, Annotation::Plain(&ty), None)
                ));
                if named.is_view {
                    continue;
                }
                match self.create_default(named, f) {
                    CreateDefault::Omit => {}
                    CreateDefault::Required => {
                        create.push(annotated(4, attr, Annotation::Plain(&ty), None))
                    }
                    CreateDefault::Value(value) => {
                        create.push(annotated(4, attr, Annotation::Plain(&ty), Some(&value)))
                    }
                }
            }
            blocks.push(
                PydanticModelView {
                    name: names[0].clone(),
                    doc: docstring(
                        Some(&format!(
                            "A `{}` row as read from the database (`model_validate(orm_object)`).",
                            named.model.name
                        )),
                        4,
                    ),
                    config: Some("model_config = ConfigDict(from_attributes=True)"),
                    fields: read,
                }
                .render()?,
            );
            if !named.is_view {
                blocks.push(
                    PydanticModelView {
                        name: names[1].clone(),
                        doc: docstring(
                            Some(&format!(
                                "A new `{}` row: without the fields the database fills in.",
                                named.model.name
                            )),
                            4,
                        ),
                        config: None,
                        fields: create,
                    }
                    .render()?,
                );
            }
        }
        let mut stdlib = Imports::default();
        if uses.datetime {
            stdlib.import("datetime");
        }
        if uses.decimal {
            stdlib.import("decimal");
        }
        if uses.any {
            stdlib.from("typing", "Any");
        }
        let mut third = Imports::default();
        third.from("pydantic", "BaseModel");
        third.from("pydantic", "ConfigDict");
        let mut local = Imports::default();
        for i in &used_enums {
            local.from(import_from, &self.enums[*i]);
        }
        let imports = sections([stdlib, third, local]);
        let file = ModuleFile {
            header,
            doc: "Pydantic v2 models of the schema, generated by tether: a read model per table, \
                  built from\nORM objects (`from_attributes`), and a create model without the \
                  fields the database fills in.\n",
            imports: &imports,
            blocks: &blocks,
        };
        Ok(render_sized(&file, file.size_hint())?)
    }

    /// How a field appears in the create model.
    fn create_default(&self, named: &Named, f: &Field) -> CreateDefault {
        if f.updated_at {
            return CreateDefault::Omit;
        }
        match &f.default {
            None if self.nullable(named, f) => CreateDefault::Value(atom("None")),
            None => CreateDefault::Required,
            Some(DefaultValue::Uuid { version: 4 }) => CreateDefault::Omit,
            Some(
                DefaultValue::Autoincrement
                | DefaultValue::Now
                | DefaultValue::DbGenerated(_)
                | DefaultValue::List(_),
            ) => CreateDefault::Omit,
            Some(
                DefaultValue::Uuid { .. }
                | DefaultValue::Cuid { .. }
                | DefaultValue::Ulid
                | DefaultValue::Nanoid { .. },
            ) => CreateDefault::Required,
            Some(DefaultValue::Value(literal)) => match (literal, &f.ty) {
                (Literal::EnumValue(v), FieldType::Enum(id)) => {
                    let e = self.schema.enum_(*id);
                    let member = enum_member_names(e)
                        .into_iter()
                        .zip(&e.values)
                        .find(|(_, ev)| &ev.name == v)
                        .map(|(m, _)| m);
                    match member {
                        Some(m) => {
                            CreateDefault::Value(atom(format!("{}.{m}", self.enum_class(*id))))
                        }
                        None => CreateDefault::Omit,
                    }
                }
                (Literal::Boolean(b), FieldType::Scalar(ScalarType::Boolean)) => {
                    CreateDefault::Value(atom(py_bool(*b)))
                }
                (Literal::Number(n), FieldType::Scalar(ScalarType::Int | ScalarType::BigInt))
                    if n.parse::<i64>().is_ok() =>
                {
                    CreateDefault::Value(atom(n.clone()))
                }
                (Literal::Number(n), FieldType::Scalar(ScalarType::Float))
                    if n.parse::<f64>().is_ok() =>
                {
                    let text = if n.contains(['.', 'e', 'E']) {
                        n.clone()
                    } else {
                        format!("{n}.0")
                    };
                    CreateDefault::Value(atom(text))
                }
                (Literal::Number(n), FieldType::Scalar(ScalarType::Decimal)) => {
                    CreateDefault::Value(call("decimal.Decimal", vec![pos(string(n))]))
                }
                (Literal::String(s), FieldType::Scalar(ScalarType::String)) => {
                    CreateDefault::Value(string(s))
                }
                _ => CreateDefault::Omit,
            },
        }
    }
}

enum CreateDefault {
    /// The database (or tether's model) fills it in.
    Omit,
    Required,
    Value(Expr),
}

/// The Python member names of an enum's values, as `enum_view` assigns them.
fn enum_member_names(e: &Enum) -> Vec<String> {
    Scope::new().assign_converted(e.values.iter().map(|v| v.name.as_str()), |n| {
        PYTHON.identifier(n)
    })
}

// --- templates -------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "python/base.py.jinja", escape = "none")]
struct BaseView {
    name: &'static str,
    doc: &'static str,
    /// Mix in `AsyncAttrs` (which imports `sqlalchemy.ext.asyncio`, hence greenlet).
    async_attrs: bool,
}

#[derive(Template)]
#[template(path = "python/enum.py.jinja", escape = "none")]
struct EnumView {
    name: String,
    doc: Option<String>,
    /// `NAME = "value"` statements, each with its comment lines.
    members: Vec<String>,
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

#[derive(Template)]
#[template(path = "python/enum_values.py.jinja", escape = "none")]
struct EnumValuesHelper;

#[derive(Template)]
#[template(path = "python/text_enum.py.jinja", escape = "none")]
struct TextEnumHelper;

#[derive(Template)]
#[template(path = "python/table.py.jinja", escape = "none")]
struct TableView {
    /// `# ` comment lines, each ending in a newline.
    comment: String,
    /// `name = sa.Table(...)`
    statement: String,
}

#[derive(Template)]
#[template(path = "python/raw_type.py.jinja", escape = "none")]
pub struct RawTypeHelper;

#[derive(Template)]
#[template(path = "python/json_text.py.jinja", escape = "none")]
struct JsonTextHelper;

#[derive(Template)]
#[template(path = "python/include_object.py.jinja", escape = "none")]
struct IncludeObjectHelper;

/// A generated module: header, docstring, imports, blocks two blank lines apart.
#[derive(Template)]
#[template(path = "python/module.py.jinja", escape = "none")]
struct ModuleFile<'a> {
    header: &'a str,
    /// The module docstring's text, without quotes.
    doc: &'static str,
    imports: &'a [String],
    blocks: &'a [String],
}

impl ModuleFile<'_> {
    /// About the rendered length (see `render_sized`).
    fn size_hint(&self) -> usize {
        let lines = |v: &[String]| v.iter().map(|s| s.len() + 3).sum::<usize>();
        self.header.len() + self.doc.len() + lines(self.imports) + lines(self.blocks) + 64
    }
}

#[derive(Template)]
#[template(path = "python/pydantic_model.py.jinja", escape = "none")]
struct PydanticModelView {
    name: String,
    doc: Option<String>,
    config: Option<&'static str>,
    fields: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::harness;
    use crate::config::RawConfig;

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
    fn server_defaults_keep_the_migrations_text() {
        assert_eq!(server_default("'READER'").flat(), "\"READER\"");
        assert_eq!(server_default("'it''s'").flat(), "\"it's\"");
        assert_eq!(server_default("true").flat(), "sa.text(\"true\")");
        assert_eq!(
            server_default("'a'::text || 'b:c'").flat(),
            "sa.text(\"'a'::text || 'b\\\\:c'\")"
        );
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
