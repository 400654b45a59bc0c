//! Lowering: the schema IR -> the `DbSchema` that Prisma Migrate would build for a dialect.
//!
//! Rules: the database shape is Prisma's (names, types, defaults, referential actions, implicit
//! many-to-many tables `_AToB(A, B)`), so a team can move between Prisma and tether with no
//! drift. Generated names follow Prisma's `ConstraintNames` exactly, truncated to the dialect's
//! identifier limit. Where a `@db.*` type has no equivalent in the target dialect, the nearest
//! type is used and a note says so; notes end up as comments in the migration.

use super::dialect::{Dialect, EnumStrategy, defaults};
use super::model::*;
use crate::schema::ir::{self, Arity, DefaultValue, FieldType, Literal, Schema};

/// What the schema implies for one dialect.
#[derive(Debug, Clone)]
pub struct Lowered {
    pub schema: DbSchema,
    /// Human notes about approximations (a native type that this dialect lacks).
    pub notes: Vec<String>,
    pub renames: Renames,
}

/// Renames declared with `/// @tether.renamed(from: "...")`, in database names.
#[derive(Debug, Clone, Default)]
pub struct Renames {
    /// (previous table name, next table name)
    pub tables: Vec<(String, String)>,
    /// (next table name, previous column name, next column name)
    pub columns: Vec<(String, String, String)>,
    /// Join tables whose `A` and `B` change places with their rename, as (previous table
    /// name, next table name): the swap happens only where that table rename does.
    pub swapped_join_columns: Vec<(String, String)>,
}

impl Renames {
    /// Records `from` renamed to `to`, following earlier renames of the same table.
    pub fn record_table(&mut self, from: &str, to: &str) {
        match self.tables.iter_mut().find(|(_, t)| t == from) {
            Some(entry) => entry.1 = to.to_owned(),
            None => self.tables.push((from.to_owned(), to.to_owned())),
        }
        for (table, _, _) in self.columns.iter_mut().filter(|(t, _, _)| t == from) {
            *table = to.to_owned();
        }
    }

    /// Records a column of `table` renamed, following earlier renames of the same column. A
    /// migration that swaps a join table's `A` and `B` (three renames through a spare name)
    /// becomes the swap of that table's rename, as lowering declares it.
    pub fn record_column(&mut self, table: &str, from: &str, to: &str) {
        match self
            .columns
            .iter_mut()
            .find(|(t, _, c)| t == table && c == from)
        {
            Some(entry) => entry.2 = to.to_owned(),
            None => self
                .columns
                .push((table.to_owned(), from.to_owned(), to.to_owned())),
        }
        let renamed = |a: &str, b: &str| {
            self.columns
                .iter()
                .any(|(t, x, y)| t == table && x == a && y == b)
        };
        if renamed("A", "B") && renamed("B", "A") {
            self.columns
                .retain(|(t, x, _)| !(t == table && (x == "A" || x == "B")));
            if let Some((previous, _)) = self.tables.iter().find(|(_, next)| next == table) {
                let swap = (previous.clone(), table.to_owned());
                self.swapped_join_columns.push(swap);
            }
        }
    }
    /// The same renames, for going back (in reverse order).
    pub fn reversed(&self) -> Renames {
        let table_back = |t: &str| {
            self.tables
                .iter()
                .find(|(_, to)| to == t)
                .map(|(from, _)| from.clone())
                .unwrap_or_else(|| t.to_owned())
        };
        Renames {
            tables: self
                .tables
                .iter()
                .rev()
                .map(|(a, b)| (b.clone(), a.clone()))
                .collect(),
            columns: self
                .columns
                .iter()
                .rev()
                .map(|(t, a, b)| (table_back(t), b.clone(), a.clone()))
                .collect(),
            swapped_join_columns: self
                .swapped_join_columns
                .iter()
                .map(|(a, b)| (b.clone(), a.clone()))
                .collect(),
        }
    }
}

pub fn lower(schema: &Schema, d: &dyn Dialect) -> Lowered {
    let mut out = Lowered {
        schema: DbSchema::default(),
        notes: Vec::new(),
        renames: Renames::default(),
    };
    if d.capabilities().enum_strategy == EnumStrategy::NativeType {
        out.schema.enums = schema
            .enums
            .iter()
            .map(|e| DbEnum {
                name: e.database_name().to_owned(),
                values: e
                    .values
                    .iter()
                    .map(|v| v.database_name().to_owned())
                    .collect(),
                namespace: e.namespace.clone(),
            })
            .collect();
    }
    out.schema.namespaces = schema.namespaces.clone();
    if d.capabilities().extensions {
        out.schema.extensions = schema
            .extensions
            .iter()
            .map(|e| DbExtension {
                name: e.database_name().to_owned(),
                schema: e.schema.clone(),
                version: e.version.clone(),
            })
            .collect();
    }
    for model in &schema.models {
        let table = lower_model(schema, model, d, &mut out);
        if let Some(from) = &model.renamed_from {
            out.renames.tables.push((from.clone(), table.name.clone()));
        }
        out.schema.tables.push(table);
    }
    for relation in &schema.relations {
        match &relation.kind {
            ir::RelationKind::Inline {
                referencing_model,
                referencing_fields,
                referenced_model,
                referenced_fields,
                on_delete,
                on_update,
                mapped_name,
                ..
            } => {
                let from = schema.model(*referencing_model);
                let to = schema.model(*referenced_model);
                let columns: Vec<String> = referencing_fields
                    .iter()
                    .map(|f| from.field(*f).database_name().to_owned())
                    .collect();
                let name = mapped_name.clone().unwrap_or_else(|| {
                    names::foreign_key(
                        from.database_name(),
                        &columns,
                        d.capabilities().max_identifier_length,
                    )
                });
                let fk = ForeignKey {
                    name,
                    columns,
                    referenced_table: to.database_name().to_owned(),
                    referenced_columns: referenced_fields
                        .iter()
                        .map(|f| to.field(*f).database_name().to_owned())
                        .collect(),
                    on_delete: action(*on_delete),
                    on_update: action(*on_update),
                };
                if let Some(t) = out.schema.table_mut(from.database_name()) {
                    t.foreign_keys.push(fk);
                }
            }
            ir::RelationKind::ImplicitManyToMany {
                model_a,
                model_b,
                table_name,
                ..
            } => {
                let models = [schema.model(*model_a), schema.model(*model_b)];
                let table = join_table(table_name, models, &out.schema, d);
                record_join_table_rename(models, table_name, &mut out.renames);
                out.schema.tables.push(table);
            }
        }
    }
    // relationMode = "prisma": the client enforces relations; the database has no keys.
    if schema.relation_mode == ir::RelationMode::Prisma {
        for table in &mut out.schema.tables {
            table.foreign_keys.clear();
        }
    }
    if !d.capabilities().namespaces {
        in_one_namespace(&mut out, d);
    }
    fit_identifiers(&mut out, d);
    out
}

/// A dialect without database schemas (SQLite; MySQL, whose schemas are databases) keeps a
/// multiSchema schema's tables and types in its one database: names are unique across the
/// schemas (`schema::load`), so nothing collides. A note says so.
fn in_one_namespace(out: &mut Lowered, d: &dyn Dialect) {
    if out.schema.namespaces.is_empty() {
        return;
    }
    out.notes.push(format!(
        "{} has no database schemas here: the tables of {} are all in the one database",
        d.provider().name(),
        out.schema
            .namespaces
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.schema.namespaces.clear();
    for t in &mut out.schema.tables {
        t.namespace = None;
    }
    for e in &mut out.schema.enums {
        e.namespace = None;
    }
}

/// A join table is named after its models (`_AToB`, in the order of the model names): when a
/// model is renamed, so is its join table, and `A` and `B` change places where the order of the
/// names changes. A named relation's table keeps its name.
fn record_join_table_rename(models: [&ir::Model; 2], table_name: &str, renames: &mut Renames) {
    let [a, b] = models;
    if table_name != format!("_{}To{}", a.name, b.name) {
        return;
    }
    // The model's previous name is known where its table had no @@map (they are then the same).
    let previous = |m: &ir::Model| match (&m.renamed_from, &m.mapped_name) {
        (Some(from), None) => from.clone(),
        _ => m.name.clone(),
    };
    let (previous_a, previous_b) = (previous(a), previous(b));
    if previous_a == a.name && previous_b == b.name {
        return;
    }
    let swapped = previous_a > previous_b;
    let previous_table = if swapped {
        format!("_{previous_b}To{previous_a}")
    } else {
        format!("_{previous_a}To{previous_b}")
    };
    renames
        .tables
        .push((previous_table.clone(), table_name.to_owned()));
    if swapped {
        renames
            .swapped_join_columns
            .push((previous_table, table_name.to_owned()));
    }
}

/// Identifiers longer than the dialect keeps: PostgreSQL truncates them to 63 bytes without a
/// word (MySQL refuses them). The lowered schema uses the name the database will have, so that
/// drift settles, and a note says so.
fn fit_identifiers(out: &mut Lowered, d: &dyn Dialect) {
    let limit = d.capabilities().max_identifier_length;
    let mut notes = Vec::new();
    let mut fit = |name: &mut String| {
        if name.len() > limit {
            let mut short = name.clone();
            names::truncate(&mut short, limit);
            let note = format!(
                "`{name}` is longer than {limit} bytes; {} keeps `{short}`",
                d.provider().name()
            );
            if !notes.contains(&note) {
                notes.push(note);
            }
            *name = short;
        }
    };
    for e in &mut out.schema.enums {
        fit(&mut e.name);
    }
    for t in &mut out.schema.tables {
        fit(&mut t.name);
        for c in &mut t.columns {
            fit(&mut c.name);
            if let ColumnType::Enum(e) = &mut c.ty {
                fit(e);
            }
        }
        if let Some(pk) = &mut t.primary_key {
            pk.columns.iter_mut().for_each(&mut fit);
        }
        for i in &mut t.indexes {
            i.columns.iter_mut().for_each(|c| fit(&mut c.name));
        }
        for fk in &mut t.foreign_keys {
            fk.columns.iter_mut().for_each(&mut fit);
            fit(&mut fk.referenced_table);
            fk.referenced_columns.iter_mut().for_each(&mut fit);
        }
    }
    for (from, to) in &mut out.renames.tables {
        fit(from);
        fit(to);
    }
    for (table, from, to) in &mut out.renames.columns {
        fit(table);
        fit(from);
        fit(to);
    }
    out.notes.extend(notes);
}

fn lower_model(schema: &Schema, model: &ir::Model, d: &dyn Dialect, out: &mut Lowered) -> Table {
    let table_name = model.database_name().to_owned();
    let mut table = Table::new(&table_name);
    table.namespace = model.namespace.clone();
    for field in &model.fields {
        let column = lower_field(schema, &table_name, field, d, out);
        if let Some(from) = &field.renamed_from {
            out.renames
                .columns
                .push((table_name.clone(), from.clone(), column.name.clone()));
        }
        table.columns.push(column);
    }
    let column_name = |f: ir::FieldId| model.field(f).database_name().to_owned();
    table.primary_key = model.primary_key.as_ref().map(|pk| PrimaryKey {
        name: d.capabilities().named_primary_keys.then(|| {
            pk.mapped_name.clone().unwrap_or_else(|| {
                names::primary_key(&table_name, d.capabilities().max_identifier_length)
            })
        }),
        columns: pk.fields.iter().map(|f| column_name(f.field)).collect(),
    });
    if d.capabilities().autoincrement_only_on_integer_primary_key {
        let single_pk = table
            .primary_key
            .as_ref()
            .filter(|pk| pk.columns.len() == 1)
            .map(|pk| pk.columns[0].clone());
        let integer = ColumnType::Native(d.types().scalar_type(ir::ScalarType::Int));
        for column in table.columns.iter_mut().filter(|c| c.autoincrement) {
            if single_pk.as_deref() != Some(column.name.as_str()) {
                out.notes.push(format!("{table_name}.{}: {} autoincrements only a single-column primary key; no autoincrement", column.name, d.provider().name()));
                column.autoincrement = false;
            } else if column.ty != integer {
                out.notes.push(format!(
                    "{table_name}.{}: {} autoincrements only INTEGER primary keys; using INTEGER",
                    column.name,
                    d.provider().name()
                ));
                column.ty = integer.clone();
            }
        }
        // An INTEGER PRIMARY KEY is the rowid in SQLite: Prisma always declares it AUTOINCREMENT.
        if let Some(column) =
            single_pk.and_then(|pk| table.columns.iter_mut().find(|c| c.name == pk))
        {
            column.autoincrement |= column.ty == integer && column.default.is_none();
        }
    }
    for index in &model.indexes {
        let columns: Vec<IndexColumn> = index
            .fields
            .iter()
            .map(|f| IndexColumn {
                name: column_name(f.field),
                descending: f.sort == Some(ir::SortOrder::Desc),
                length: f.length.filter(|_| d.capabilities().index_prefix_length),
                ops: f
                    .ops
                    .as_ref()
                    .filter(|_| d.capabilities().operator_classes)
                    .map(|ops| match ops {
                        ir::OperatorClass::Named(name) => d.operator_class(name),
                        ir::OperatorClass::Raw(raw) => raw.clone(),
                    }),
                default_ops: false,
            })
            .map(|mut c| {
                let method = index.algorithm.as_deref().map(str::to_ascii_uppercase);
                c.default_ops = c
                    .ops
                    .as_deref()
                    .is_some_and(|class| d.is_default_operator_class(method.as_deref(), class));
                c
            })
            .collect();
        let column_names: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
        let json_column = column_names.iter().find(|name| {
            table
                .column(name)
                .is_some_and(|c| c.ty.family() == Some(TypeFamily::Json))
        });
        if let Some(json) = json_column.filter(|_| !d.capabilities().index_json) {
            out.notes.push(format!(
                "{table_name}.{json}: {} cannot index a JSON column; the index on ({}) is left out",
                d.provider().name(),
                column_names.join(", ")
            ));
            continue;
        }
        let (kind, name) = match index.kind {
            ir::IndexKind::Unique => (
                IndexKind::Unique,
                names::unique(
                    &table_name,
                    &column_names,
                    d.capabilities().max_identifier_length,
                ),
            ),
            ir::IndexKind::Normal => (
                IndexKind::Normal,
                names::index(
                    &table_name,
                    &column_names,
                    d.capabilities().max_identifier_length,
                ),
            ),
            ir::IndexKind::Fulltext => {
                let kind = if d.capabilities().fulltext_index {
                    IndexKind::Fulltext
                } else {
                    out.notes.push(format!(
                        "{table_name}({}): {} has no fulltext index; using an ordinary index",
                        column_names.join(", "),
                        d.provider().name()
                    ));
                    IndexKind::Normal
                };
                (
                    kind,
                    names::index(
                        &table_name,
                        &column_names,
                        d.capabilities().max_identifier_length,
                    ),
                )
            }
        };
        table.indexes.push(Index {
            name: index.mapped_name.clone().unwrap_or(name),
            kind,
            columns,
            algorithm: index
                .algorithm
                .as_deref()
                .filter(|a| *a != "BTree")
                .map(str::to_ascii_uppercase)
                .filter(|method| {
                    let kept = d.capabilities().index_methods.contains(&method.as_str());
                    if !kept {
                        out.notes.push(format!(
                            "{table_name}({}): {} has no {method} indexes; a B-tree index instead",
                            column_names.join(", "),
                            d.provider().name()
                        ));
                    }
                    kept
                }),
        });
    }
    table
}

fn lower_field(
    schema: &Schema,
    table: &str,
    field: &ir::Field,
    d: &dyn Dialect,
    out: &mut Lowered,
) -> Column {
    let name = field.database_name().to_owned();
    let mut array = field.arity == Arity::List;
    let list_as_json = array && !d.capabilities().arrays;
    let ty = match &field.ty {
        _ if list_as_json => {
            array = false;
            let t = d.types().scalar_type(ir::ScalarType::Json);
            out.notes.push(format!(
                "{table}.{name}: {} has no arrays; using {t}",
                d.provider().name()
            ));
            ColumnType::Native(t)
        }
        FieldType::Scalar(scalar) => {
            let default_type = || d.types().scalar_type(*scalar);
            match &field.native_type {
                // A `@db.*` attribute names the schema provider's type; another dialect takes a
                // type of the same name only where it holds the field's kind of value there too
                // (MySQL's `Boolean @db.Bit(1)` is not PostgreSQL's bit string).
                Some(native) => {
                    match d
                        .types()
                        .native_type(&native.name, &native.args)
                        .filter(|t| {
                            schema.provider == d.provider() || t.family == TypeFamily::from(*scalar)
                        }) {
                        Some(t) => ColumnType::Native(t),
                        None => {
                            let t = default_type();
                            out.notes.push(format!(
                                "{table}.{name}: @db.{}{} has no {} equivalent; using {t}",
                                native.name,
                                if native.args.is_empty() {
                                    String::new()
                                } else {
                                    format!("({})", native.args.join(", "))
                                },
                                d.provider().name()
                            ));
                            ColumnType::Native(t)
                        }
                    }
                }
                None => ColumnType::Native(default_type()),
            }
        }
        FieldType::Enum(id) => {
            let e = schema.enum_(*id);
            match d.capabilities().enum_strategy {
                EnumStrategy::NativeType => ColumnType::Enum(e.database_name().to_owned()),
                EnumStrategy::Inline => {
                    let enum_name = format!("{table}_{name}");
                    out.schema.enums.push(DbEnum {
                        name: enum_name.clone(),
                        values: e
                            .values
                            .iter()
                            .map(|v| v.database_name().to_owned())
                            .collect(),
                        namespace: None,
                    });
                    ColumnType::Enum(enum_name)
                }
                EnumStrategy::Text => ColumnType::Native(d.types().parse("TEXT").0),
            }
        }
        FieldType::Unsupported(raw) | FieldType::Composite(raw) => {
            ColumnType::Native(d.types().parse(raw).0)
        }
    };

    let family = ty.family();
    let mut column = Column {
        name,
        ty,
        array,
        // Prisma never makes a list column NOT NULL.
        nullable: field.arity != Arity::Required,
        default: None,
        autoincrement: false,
    };
    match &field.default {
        Some(DefaultValue::Autoincrement) => column.autoincrement = true,
        Some(DefaultValue::Now) => {
            let sql = match column.ty.native() {
                Some(t) => d.now_default(t),
                None => "CURRENT_TIMESTAMP".to_owned(),
            };
            column.default = Some(defaults::from_sql(d, &sql, family));
        }
        // A server expression is the schema provider's SQL: another dialect takes what
        // `@tether.default(...)` says it is there, else the same text, with a note.
        Some(DefaultValue::DbGenerated(Some(expr))) => {
            let declared = field
                .dialect_defaults
                .iter()
                .find(|(p, _)| *p == d.provider())
                .map(|(_, sql)| sql.as_deref());
            match declared {
                _ if schema.provider == d.provider() => {
                    column.default = Some(defaults::from_sql(d, expr, family))
                }
                Some(Some(sql)) => column.default = Some(defaults::from_sql(d, sql, family)),
                Some(None) => out.notes.push(format!(
                    "{table}.{}: no default on {} (@tether.default says none)",
                    column.name,
                    d.provider().name()
                )),
                None => {
                    out.notes.push(format!(
                        "{table}.{}: dbgenerated(\"{expr}\") is copied verbatim from a {} schema; check that {} accepts it, or say what it is there with /// @tether.default({}: \"...\") (or {}: none)",
                        column.name,
                        schema.provider.name(),
                        d.provider().name(),
                        d.provider().name(),
                        d.provider().name()
                    ));
                    column.default = Some(defaults::from_sql(d, expr, family))
                }
            }
        }
        Some(DefaultValue::Value(literal)) => {
            let sql = literal_sql(schema, field, literal, d);
            column.default = Some(defaults::from_sql(d, &sql, family));
        }
        Some(DefaultValue::List(items)) if column.array => {
            let values = items
                .iter()
                .map(|l| literal_sql(schema, field, l, d))
                .collect::<Vec<_>>()
                .join(", ");
            let element = array_element_type(d, schema, field, &column);
            let sql = format!("ARRAY[{values}]::{element}[]");
            column.default = Some(defaults::from_sql(d, &sql, family));
        }
        _ => {}
    }
    column
}

/// The element type of an array column as a cast target.
fn array_element_type(
    d: &dyn Dialect,
    schema: &Schema,
    field: &ir::Field,
    column: &Column,
) -> String {
    match (&column.ty, &field.ty) {
        (ColumnType::Native(t), _) => t.to_string(),
        (ColumnType::Enum(e), FieldType::Enum(id)) if d.capabilities().namespaces => {
            d.quote_in(schema.enum_(*id).namespace.as_deref(), e)
        }
        (ColumnType::Enum(e), _) => d.quote(e),
    }
}

fn literal_sql(schema: &Schema, field: &ir::Field, literal: &Literal, d: &dyn Dialect) -> String {
    match literal {
        Literal::String(s) if field.ty == FieldType::Scalar(ir::ScalarType::DateTime) => {
            d.string_literal(&d.timestamp_literal(s))
        }
        Literal::String(s) => d.string_literal(s),
        Literal::Number(n) => n.clone(),
        Literal::Boolean(b) => b.to_string(),
        Literal::EnumValue(v) => {
            let db_value = match &field.ty {
                FieldType::Enum(id) => schema
                    .enum_(*id)
                    .values
                    .iter()
                    .find(|ev| &ev.name == v)
                    .map(|ev| ev.database_name().to_owned())
                    .unwrap_or_else(|| v.clone()),
                _ => v.clone(),
            };
            d.string_literal(&db_value)
        }
    }
}

/// Prisma's implicit many-to-many table: columns A and B referencing each side's id.
fn join_table(
    table_name: &str,
    models: [&ir::Model; 2],
    lowered: &DbSchema,
    d: &dyn Dialect,
) -> Table {
    let mut table = Table::new(table_name);
    // Prisma puts the table in the schema of model A (the first of the two by name).
    table.namespace = models[0].namespace.clone();
    for (column, model) in ["A", "B"].into_iter().zip(models) {
        let referenced = lowered.table(model.database_name());
        let id_column = referenced.and_then(|t| {
            t.primary_key
                .as_ref()
                .and_then(|pk| pk.columns.first())
                .and_then(|c| t.column(c))
        });
        let (ty, id_name) = match id_column {
            Some(c) => (c.ty.clone(), c.name.clone()),
            None => (
                ColumnType::Native(d.types().scalar_type(ir::ScalarType::Int)),
                "id".to_owned(),
            ),
        };
        table.columns.push(Column {
            name: column.to_owned(),
            ty,
            array: false,
            nullable: false,
            default: None,
            autoincrement: false,
        });
        table.foreign_keys.push(ForeignKey {
            name: format!("{table_name}_{column}_fkey"),
            columns: vec![column.to_owned()],
            referenced_table: model.database_name().to_owned(),
            referenced_columns: vec![id_name],
            on_delete: ReferentialAction::Cascade,
            on_update: ReferentialAction::Cascade,
        });
    }
    let both = vec![
        IndexColumn {
            name: "A".to_owned(),
            descending: false,
            length: None,
            ops: None,
            default_ops: false,
        },
        IndexColumn {
            name: "B".to_owned(),
            descending: false,
            length: None,
            ops: None,
            default_ops: false,
        },
    ];
    if d.capabilities().join_table_has_primary_key {
        table.primary_key = Some(PrimaryKey {
            name: Some(format!("{table_name}_AB_pkey")),
            columns: vec!["A".to_owned(), "B".to_owned()],
        });
    } else {
        table.indexes.push(Index {
            name: format!("{table_name}_AB_unique"),
            kind: IndexKind::Unique,
            columns: both,
            algorithm: None,
        });
    }
    table.indexes.push(Index {
        name: format!("{table_name}_B_index"),
        kind: IndexKind::Normal,
        columns: vec![IndexColumn {
            name: "B".to_owned(),
            descending: false,
            length: None,
            ops: None,
            default_ops: false,
        }],
        algorithm: None,
    });
    table
}

fn action(a: ir::ReferentialAction) -> ReferentialAction {
    match a {
        ir::ReferentialAction::Cascade => ReferentialAction::Cascade,
        ir::ReferentialAction::Restrict => ReferentialAction::Restrict,
        ir::ReferentialAction::NoAction => ReferentialAction::NoAction,
        ir::ReferentialAction::SetNull => ReferentialAction::SetNull,
        ir::ReferentialAction::SetDefault => ReferentialAction::SetDefault,
    }
}

/// Prisma's default constraint names (`ConstraintNames` in psl), truncated on a character
/// boundary to fit the dialect's identifier limit.
pub mod names {
    /// Cuts `s` to at most `limit` bytes, on a character boundary.
    pub(super) fn truncate(s: &mut String, limit: usize) {
        if s.len() >= limit {
            let mut at = limit;
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            s.truncate(at);
        }
    }

    fn with_suffix(table: &str, columns: &[String], suffix: &str, limit: usize) -> String {
        let mut out = format!("{table}_{}", columns.join("_"));
        truncate(&mut out, limit - suffix.len());
        out.push_str(suffix);
        out
    }

    pub fn primary_key(table: &str, limit: usize) -> String {
        let mut out = table.to_owned();
        truncate(&mut out, limit - 5);
        out.push_str("_pkey");
        out
    }

    pub fn unique(table: &str, columns: &[String], limit: usize) -> String {
        with_suffix(table, columns, "_key", limit)
    }

    pub fn index(table: &str, columns: &[String], limit: usize) -> String {
        with_suffix(table, columns, "_idx", limit)
    }

    pub fn foreign_key(table: &str, columns: &[String], limit: usize) -> String {
        with_suffix(table, columns, "_fkey", limit)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_replayed_swap_of_join_columns_is_the_join_tables_swap() {
            let mut renames = super::super::Renames::default();
            renames.record_table("_ProductToTag", "_TagToWidget");
            renames.record_column("_TagToWidget", "A", "__tether_swap");
            renames.record_column("_TagToWidget", "B", "A");
            renames.record_column("_TagToWidget", "__tether_swap", "B");
            assert!(renames.columns.is_empty(), "{:?}", renames.columns);
            assert_eq!(
                renames.swapped_join_columns,
                vec![("_ProductToTag".to_owned(), "_TagToWidget".to_owned())]
            );
        }

        #[test]
        fn names_are_truncated_like_prisma() {
            let long = "a_table_name_that_is_really_quite_long_for_postgres";
            let cols = vec!["and_a_long_column_name".to_owned()];
            let name = unique(long, &cols, 63);
            assert_eq!(name.len(), 63);
            assert!(
                name.ends_with("_key") && name.starts_with("a_table_name"),
                "{name}"
            );
            assert_eq!(primary_key("users", 63), "users_pkey");
            assert_eq!(
                foreign_key("posts", &["author_id".to_owned()], 63),
                "posts_author_id_fkey"
            );
        }
    }
}
