//! The Python names of one schema's module, decided once before anything renders: a class per
//! model and view, an enum class per enum, an attribute per field and relation field, a
//! module-level variable per table no class maps; and each target's tables indexed by name.
//!
//! Rules: every name comes from `naming` (`PYTHON`) through one `Scope` per namespace; the helpers
//! the models module may define (`HELPERS`) are reserved in every scope, so no schema name
//! shadows one. Renderers look names up here and never make them.

use super::Target;
use crate::codegen::naming::{self, PYTHON, Scope};
use crate::relational::model::{self as db, DbSchema};
use crate::schema::ir::{Arity, Field, Model, ModelId, RelationKind, Schema};
use std::collections::{BTreeMap, HashMap};

/// A model (or view) of the module with its Python names decided.
pub(super) struct Named<'a> {
    pub(super) model: &'a Model,
    pub(super) class: String,
    pub(super) is_view: bool,
    /// Field name -> attribute, relation field name -> attribute.
    pub(super) attrs: HashMap<&'a str, String>,
}

pub(super) struct Module<'a> {
    pub(super) schema: &'a Schema,
    pub(super) targets: &'a [Target<'a>],
    /// Each target's tables and views by name, in `targets` order.
    pub(super) tables: Vec<TargetTables<'a>>,
    pub(super) models: Vec<Named<'a>>,
    /// The class (index into `models`) of each model, not view, by its address.
    pub(super) class_by_model: HashMap<*const Model, usize>,
    /// Foreign-key relations by referencing model (`schema.relations` indexes, ascending).
    pub(super) inline_by_referencing: HashMap<ModelId, Vec<usize>>,
    /// How many foreign-key relations join two models, either direction (the pair sorted).
    pub(super) inline_between: HashMap<(*const Model, *const Model), usize>,
    pub(super) enums: Vec<String>,
    /// Module-level variable of each association table and ignored model's table, by table name.
    pub(super) table_vars: BTreeMap<String, String>,
}

/// A target's tables indexed once: every model looks its table up, so a linear search per
/// lookup would make a module of N models cost N².
pub(super) struct TargetTables<'a> {
    pub(super) db: TableIndex<'a>,
    pub(super) views: TableIndex<'a>,
}

impl<'a> TargetTables<'a> {
    pub(super) fn of(&self, is_view: bool) -> &TableIndex<'a> {
        if is_view { &self.views } else { &self.db }
    }
}

/// The table a schema name became, in constant time: the first table of that name, else the
/// first whose name is what the database kept of it (`db::truncated_to`, after
/// `lower::fit_identifiers`).
pub(super) struct TableIndex<'a> {
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

    pub(super) fn table(&self, name: &str) -> Option<&'a db::Table> {
        self.by_name.get(name).copied()
    }

    pub(super) fn for_schema_name(&self, name: &str) -> Option<&'a db::Table> {
        self.table(name).or_else(|| {
            self.long
                .iter()
                .copied()
                .find(|t| db::truncated_to(name, &t.name))
        })
    }
}

/// Helpers the models module may define; reserved in every scope.
const HELPERS: [&str; 18] = [
    "MIGRATION_TOOL_TABLES",
    "TextEnum",
    "EnumT",
    "JsonText",
    "SqliteDateTime",
    "SqliteDecimal",
    "RawType",
    "enum_values",
    "include_object_for",
    "DialectDefault",
    "on_dialects",
    "cuid",
    "cuid2",
    "uuid7",
    "ulid",
    "nanoid",
    "utc_now",
    "utc_now_aware",
];

impl<'a> Module<'a> {
    pub(super) fn new(schema: &'a Schema, targets: &'a [Target<'a>]) -> Module<'a> {
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

    pub(super) fn primary(&self) -> &Target<'a> {
        &self.targets[0]
    }

    /// Whether the first dialect's column of a field is nullable.
    pub(super) fn nullable(&self, named: &Named, field: &Field) -> bool {
        self.tables[0]
            .of(named.is_view)
            .for_schema_name(named.model.database_name())
            .and_then(|t| t.column_for_schema_name(field.database_name()))
            .map_or(field.arity == Arity::Optional, |c| c.nullable)
    }

    pub(super) fn class_of(&self, model: &Model) -> Option<&Named<'a>> {
        self.class_by_model
            .get(&std::ptr::from_ref(model))
            .map(|&i| &self.models[i])
    }

    pub(super) fn enum_class(&self, id: crate::schema::ir::EnumId) -> &str {
        &self.enums[id.0]
    }
}

/// Two models as an unordered pair, for `Module::inline_between`.
pub(super) fn model_pair(a: &Model, b: &Model) -> (*const Model, *const Model) {
    let (a, b) = (std::ptr::from_ref(a), std::ptr::from_ref(b));
    if a <= b { (a, b) } else { (b, a) }
}
