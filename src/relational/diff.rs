//! The one differ: two `DbSchema`s -> the ordered changes that turn `previous` into `next`.
//!
//! Rules: one differ serves migrations (replayed folder -> lowered schema) and drift (live
//! database -> lowered schema). It never writes SQL: it asks the dialect capability questions
//! (can it alter a column? add a foreign key to an existing table?) and emits `Change`s that the
//! dialect renders. Changes come out in an order the database accepts: renames, foreign key and
//! index drops, enums, table drops and creations, column changes, rebuilds, index creations,
//! foreign key additions, enum drops. Data-losing changes are reported as warnings.

use super::dialect::{Dialect, EnumStrategy};
use super::lower::Renames;
use super::model::*;
use serde::Serialize;

/// Which aspects of a column differ (defaults compared in canonical form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ColumnChanges {
    pub ty: bool,
    pub nullable: bool,
    pub default: bool,
    pub autoincrement: bool,
}

impl ColumnChanges {
    pub fn any(self) -> bool {
        self.ty || self.nullable || self.default || self.autoincrement
    }
}

/// A column of an enum type that a change of the enum keeps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumColumn {
    pub table: String,
    pub column: String,
    /// Did it have a default before the change (which must go before its type changes)?
    pub had_default: bool,
}

/// Before and after: one name for the two sides everywhere.
#[derive(Debug, Clone, Copy)]
pub struct MigrationPair<T> {
    pub previous: T,
    pub next: T,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind")]
pub enum Change {
    /// A database schema a multiSchema schema places objects in (never dropped: other
    /// objects than the schema's may live there).
    CreateSchema(String),
    /// A table (or an enum type) the schema places in another database schema.
    MoveTable {
        table: String,
        from: String,
        to: String,
    },
    MoveEnum {
        name: String,
        from: String,
        to: String,
    },
    CreateExtension(DbExtension),
    /// The same extension at another version or in another schema.
    AlterExtension {
        previous: DbExtension,
        next: DbExtension,
    },
    DropExtension(DbExtension),
    CreateEnum(DbEnum),
    AlterEnum {
        previous: DbEnum,
        next: DbEnum,
        /// The columns of this type that exist before and after the change: the ones a
        /// dialect that recreates the type moves over.
        columns: Vec<EnumColumn>,
    },
    DropEnum(DbEnum),
    CreateTable(Table),
    DropTable(Table),
    RenameTable {
        from: String,
        to: String,
    },
    AddColumn {
        table: String,
        column: Column,
    },
    DropColumn {
        table: String,
        column: Column,
    },
    AlterColumn {
        table: String,
        previous: Column,
        next: Column,
        changes: ColumnChanges,
    },
    RenameColumn {
        table: String,
        from: String,
        to: String,
    },
    DropPrimaryKey {
        table: Table,
        primary_key: PrimaryKey,
    },
    AddPrimaryKey {
        table: String,
        primary_key: PrimaryKey,
    },
    /// The same key under another constraint name (dialects that name primary keys).
    RenamePrimaryKey {
        table: String,
        from: String,
        to: String,
    },
    CreateIndex {
        table: String,
        index: Index,
    },
    DropIndex {
        table: String,
        index: Index,
    },
    RenameIndex {
        table: String,
        from: String,
        to: String,
    },
    AddForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
    DropForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
    /// Recreate the table with its new definition and copy the rows (SQLite).
    /// Recreate the table with its new definition and copy the rows (SQLite); `changes` are
    /// the in-place changes it stands for (for reports).
    RebuildTable {
        previous: Table,
        next: Table,
        changes: Vec<Change>,
    },
}

impl Change {
    /// The table a change is about; `None` for enums and extensions.
    pub fn table(&self) -> Option<&str> {
        match self {
            Change::CreateSchema(_)
            | Change::MoveEnum { .. }
            | Change::CreateExtension(_)
            | Change::DropExtension(_)
            | Change::AlterExtension { .. }
            | Change::CreateEnum(_)
            | Change::AlterEnum { .. }
            | Change::DropEnum(_) => None,
            Change::CreateTable(t) | Change::DropTable(t) => Some(&t.name),
            Change::RenameTable { to, .. } => Some(to),
            Change::MoveTable { table, .. } => Some(table),
            Change::DropPrimaryKey { table, .. } => Some(&table.name),
            Change::RebuildTable { next, .. } => Some(&next.name),
            Change::AddColumn { table, .. }
            | Change::DropColumn { table, .. }
            | Change::AlterColumn { table, .. }
            | Change::RenameColumn { table, .. }
            | Change::AddPrimaryKey { table, .. }
            | Change::RenamePrimaryKey { table, .. }
            | Change::CreateIndex { table, .. }
            | Change::DropIndex { table, .. }
            | Change::RenameIndex { table, .. }
            | Change::AddForeignKey { table, .. }
            | Change::DropForeignKey { table, .. } => Some(table),
        }
    }

    /// The object a change is about, `table` or `table.column` or an enum name.
    pub fn object(&self) -> String {
        match self {
            Change::CreateExtension(e) | Change::DropExtension(e) => e.name.clone(),
            Change::AlterExtension { next, .. } => next.name.clone(),
            Change::CreateEnum(e) => e.name.clone(),
            Change::AlterEnum { next, .. } => next.name.clone(),
            Change::CreateSchema(name) => name.clone(),
            Change::MoveTable { table: name, .. } | Change::MoveEnum { name, .. } => name.clone(),
            Change::DropEnum(e) => e.name.clone(),
            Change::CreateTable(t) | Change::DropTable(t) => t.name.clone(),
            Change::RenameTable { to, .. } => to.clone(),
            Change::AddColumn { table, column } | Change::DropColumn { table, column } => {
                format!("{table}.{}", column.name)
            }
            Change::AlterColumn { table, next, .. } => format!("{table}.{}", next.name),
            Change::RenameColumn { table, to, .. } => format!("{table}.{to}"),
            Change::DropPrimaryKey { table, .. } => table.name.clone(),
            Change::AddPrimaryKey { table, .. } | Change::RenamePrimaryKey { table, .. } => {
                table.clone()
            }
            Change::CreateIndex { index, .. } | Change::DropIndex { index, .. } => {
                index.name.clone()
            }
            Change::RenameIndex { to, .. } => to.clone(),
            Change::AddForeignKey { foreign_key, .. }
            | Change::DropForeignKey { foreign_key, .. } => foreign_key.name.clone(),
            Change::RebuildTable { next, .. } => next.name.clone(),
        }
    }
}

/// The database schemas an object moves between, where both sides name one: a side without
/// says "the connection's schema", which may well be the other.
fn moved(previous: Option<&str>, next: Option<&str>) -> Option<(String, String)> {
    match (previous, next) {
        (Some(from), Some(to)) if from != to => Some((from.to_owned(), to.to_owned())),
        _ => None,
    }
}

/// Does this change drop data, or can it fail on rows that exist?
pub fn is_destructive(change: &Change) -> bool {
    match change {
        Change::DropTable(_) | Change::DropColumn { .. } | Change::RebuildTable { .. } => true,
        Change::AlterEnum { previous, next, .. } => {
            previous.values.iter().any(|v| !next.values.contains(v))
        }
        Change::AlterColumn {
            changes,
            previous,
            next,
            ..
        } => changes.ty || (previous.nullable && !next.nullable),
        Change::AddColumn { column, .. } => {
            !column.nullable && column.default.is_none() && !column.autoincrement
        }
        Change::CreateIndex { index, .. } => index.kind == IndexKind::Unique,
        _ => false,
    }
}

/// The changes, the warnings for those that can lose data or fail on existing rows, and the
/// declared renames that name nothing.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub warnings: Vec<String>,
    /// Declared renames whose old name is not in `previous` (and whose new one is not either):
    /// they rename nothing, and the table or column is created (the command says so).
    pub unmatched_renames: Vec<UnmatchedRename>,
}

/// A declared rename that names nothing in the previous schema, in database names (`table`
/// is the next table name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum UnmatchedRename {
    Table {
        from: String,
        to: String,
    },
    Column {
        table: String,
        from: String,
        to: String,
    },
}

/// The renames that `apply_renames` cannot apply because neither name exists before. A first
/// migration (nothing before) judges none: there is nothing to rename or to lose. A column
/// of a table that is new is not judged either.
fn unmatched_renames(previous: &DbSchema, renames: &Renames) -> Vec<UnmatchedRename> {
    if previous.tables.is_empty() {
        return Vec::new();
    }
    let tables = renames
        .tables
        .iter()
        .filter(|(from, to)| previous.table(from).is_none() && previous.table(to).is_none())
        .map(|(from, to)| UnmatchedRename::Table {
            from: from.clone(),
            to: to.clone(),
        });
    let columns = renames.columns.iter().filter_map(|(table, from, to)| {
        let before = renames
            .tables
            .iter()
            .find(|(_, next)| next == table)
            .and_then(|(previous_name, _)| previous.table(previous_name))
            .or_else(|| previous.table(table))?;
        (before.column(from).is_none() && before.column(to).is_none()).then(|| {
            UnmatchedRename::Column {
                table: table.clone(),
                from: from.clone(),
                to: to.clone(),
            }
        })
    });
    tables.chain(columns).collect()
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// The comment lines (without `-- `) that head a script whose changes carry these warnings:
/// migration files and `check-drift --fix-sql` both start so.
pub fn warning_header(warnings: &[String]) -> Vec<String> {
    warnings.iter().map(|w| format!("WARNING: {w}")).collect()
}

#[derive(Default)]
struct Buckets {
    extensions: Vec<Change>,
    drop_extensions: Vec<Change>,
    schemas: Vec<Change>,
    /// Tables and types into another database schema: first of all, under their previous
    /// names, so that every later statement finds them where the schema puts them.
    moves: Vec<Change>,
    renames: Vec<Change>,
    drop_foreign_keys: Vec<Change>,
    drop_indexes: Vec<Change>,
    enums: Vec<Change>,
    drop_tables: Vec<Change>,
    create_tables: Vec<Change>,
    alter_tables: Vec<Change>,
    rebuilds: Vec<Change>,
    create_indexes: Vec<Change>,
    add_foreign_keys: Vec<Change>,
    drop_enums: Vec<Change>,
}

pub fn diff(pair: MigrationPair<&DbSchema>, renames: &Renames, d: &dyn Dialect) -> Plan {
    let mut b = Buckets::default();
    let mut warnings = Vec::new();
    let mut previous = apply_renames(pair.previous, pair.next, renames, &mut b.renames);
    let next = pair.next;
    if d.capabilities().enum_strategy == EnumStrategy::Inline {
        follow_inline_enum_names(&mut previous, next);
    }
    // Name lookups are hash lookups: schemas run to thousands of tables.
    let previous_tables: std::collections::HashMap<&str, &Table> = previous
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t))
        .collect();
    let next_tables: std::collections::HashMap<&str, &Table> =
        next.tables.iter().map(|t| (t.name.as_str(), t)).collect();

    let schemas = next
        .namespaces
        .iter()
        .filter(|ns| !previous.namespaces.contains(ns))
        .map(|ns| Change::CreateSchema(ns.clone()));
    b.schemas.extend(schemas);
    diff_extensions(&previous, next, &mut b);
    for e in &next.enums {
        if let Some((from, to)) = previous
            .enum_(&e.name)
            .and_then(|p| moved(p.namespace.as_deref(), e.namespace.as_deref()))
        {
            b.moves.push(Change::MoveEnum {
                name: e.name.clone(),
                from,
                to,
            });
        }
        match previous.enum_(&e.name) {
            None => b.enums.push(Change::CreateEnum(e.clone())),
            // The order of values is not compared, as Prisma Migrate does not: a value Prisma
            // adds goes last (`ADD VALUE` without `BEFORE`), and a database it built must not
            // read as drift. tether still adds a new value where the schema puts it.
            Some(p) if !same_values(p, e) => {
                let removed: Vec<&String> =
                    p.values.iter().filter(|v| !e.values.contains(v)).collect();
                if !removed.is_empty() {
                    warnings.push(format!(
                        "removing value(s) {} from enum `{}`: fails if rows still use them",
                        list(&removed),
                        e.name
                    ));
                }
                b.enums.push(Change::AlterEnum {
                    previous: p.clone(),
                    next: e.clone(),
                    columns: enum_columns(&previous, next, &e.name),
                });
            }
            Some(_) => {}
        }
    }
    for e in &previous.enums {
        if next.enum_(&e.name).is_none() {
            b.drop_enums.push(Change::DropEnum(e.clone()));
        }
    }

    for t in &previous.tables {
        if !next_tables.contains_key(t.name.as_str()) {
            warnings.push(format!(
                "dropping table `{}`: all its rows are lost",
                t.name
            ));
            if d.capabilities().alter_foreign_keys {
                for fk in &t.foreign_keys {
                    b.drop_foreign_keys.push(Change::DropForeignKey {
                        table: t.name.clone(),
                        foreign_key: fk.clone(),
                    });
                }
            }
            b.drop_tables.push(Change::DropTable(t.clone()));
        }
    }
    for t in &next.tables {
        match previous_tables.get(t.name.as_str()).copied() {
            None => {
                b.create_tables.push(Change::CreateTable(t.clone()));
                for index in &t.indexes {
                    b.create_indexes.push(Change::CreateIndex {
                        table: t.name.clone(),
                        index: index.clone(),
                    });
                }
                if d.capabilities().alter_foreign_keys {
                    for fk in &t.foreign_keys {
                        b.add_foreign_keys.push(Change::AddForeignKey {
                            table: t.name.clone(),
                            foreign_key: fk.clone(),
                        });
                    }
                }
            }
            Some(p) => {
                if let Some((from, to)) = moved(p.namespace.as_deref(), t.namespace.as_deref()) {
                    let previous_name = b
                        .renames
                        .iter()
                        .find_map(|c| match c {
                            Change::RenameTable { from, to } if *to == t.name => Some(from.clone()),
                            _ => None,
                        })
                        .unwrap_or_else(|| t.name.clone());
                    b.moves.push(Change::MoveTable {
                        table: previous_name,
                        from,
                        to,
                    });
                }
                diff_table(
                    MigrationPair {
                        previous: p,
                        next: t,
                    },
                    d,
                    &mut b,
                    &mut warnings,
                )
            }
        }
    }

    // Where foreign keys need an index at all times, an index is dropped only after its
    // replacement exists (unless the replacement takes its name).
    let (mut early_drops, mut late_drops) = (Vec::new(), Vec::new());
    for change in b.drop_indexes {
        // Deferred only when the replacement is elsewhere and every column stays (an index on a
        // dropped column goes with the column).
        let deferrable = matches!(&change, Change::DropIndex { table, index }
            if !b.create_indexes.iter().any(|c| matches!(c, Change::CreateIndex { index: i, .. } if i.name == index.name))
                && next.table(table).is_some_and(|t| index.columns.iter().all(|c| t.column(&c.name).is_some())));
        if d.capabilities().foreign_keys_need_an_index && deferrable {
            late_drops.push(change);
        } else {
            early_drops.push(change);
        }
    }
    if d.capabilities().foreign_keys_need_an_index {
        let drops: Vec<&Change> = early_drops.iter().chain(late_drops.iter()).collect();
        keep_foreign_keys_indexed(
            &drops,
            next,
            &mut b.drop_foreign_keys,
            &mut b.add_foreign_keys,
        );
    }
    // A column of an enum that changes, dropped by this migration, goes before the enum does:
    // a dialect that recreates the type would otherwise have to move it over first.
    let altered: Vec<&str> = b
        .enums
        .iter()
        .filter_map(|c| match c {
            Change::AlterEnum { next, .. } => Some(next.name.as_str()),
            _ => None,
        })
        .collect();
    let (enum_column_drops, alter_tables): (Vec<Change>, Vec<Change>) =
        b.alter_tables.into_iter().partition(|c| {
            matches!(c, Change::DropColumn { column, .. }
                if matches!(&column.ty, ColumnType::Enum(e) if altered.contains(&e.as_str())))
        });
    b.alter_tables = alter_tables;
    let changes = [
        b.schemas,
        b.moves,
        b.extensions,
        b.renames,
        b.drop_foreign_keys,
        early_drops,
        enum_column_drops,
        b.enums,
        b.drop_tables,
        b.create_tables,
        b.alter_tables,
        b.rebuilds,
        b.create_indexes,
        late_drops,
        b.add_foreign_keys,
        b.drop_enums,
        b.drop_extensions,
    ]
    .concat();
    Plan {
        changes,
        warnings,
        unmatched_renames: unmatched_renames(pair.previous, renames),
    }
}

/// Inline enums (MySQL) are named after their table and column (`Account_tier`): a renamed
/// table or column keeps its enum, under the name the next schema gives it. No SQL: the name is
/// tether's, the database only has the column.
fn follow_inline_enum_names(previous: &mut DbSchema, next: &DbSchema) {
    let mut renamed = Vec::new();
    for t in &previous.tables {
        for c in &t.columns {
            let next_type = next
                .table(&t.name)
                .and_then(|n| n.column(&c.name))
                .map(|n| &n.ty);
            if let (ColumnType::Enum(from), Some(ColumnType::Enum(to))) = (&c.ty, next_type)
                && from != to
            {
                renamed.push((t.name.clone(), c.name.clone(), from.clone(), to.clone()));
            }
        }
    }
    for (table, column, from, to) in renamed {
        if previous.enum_(&to).is_some() {
            continue;
        }
        if let Some(e) = previous.enums.iter_mut().find(|e| e.name == from) {
            e.name = to.clone();
        }
        if let Some(c) = previous
            .table_mut(&table)
            .and_then(|t| t.column_mut(&column))
        {
            c.ty = ColumnType::Enum(to);
        }
    }
}

/// Where every foreign key needs an index (MySQL): a dropped index that was the last one over a
/// key's columns takes the key with it for the moment. The key is dropped before the index and
/// added again after it, and adding it makes the database index its columns again (under the key's
/// name, which inspection knows is the key's own).
fn keep_foreign_keys_indexed(
    drops: &[&Change],
    next: &DbSchema,
    drop_foreign_keys: &mut Vec<Change>,
    add_foreign_keys: &mut Vec<Change>,
) {
    for change in drops {
        let Change::DropIndex { table, index } = change else {
            continue;
        };
        let Some(t) = next.table(table) else {
            continue;
        };
        for fk in &t.foreign_keys {
            let redone = add_foreign_keys.iter().any(|c| {
                matches!(c, Change::AddForeignKey { table: ft, foreign_key } if ft == table && foreign_key.name == fk.name)
            });
            if redone || !index_serves(index, &fk.columns) || table_serves(t, &fk.columns) {
                continue;
            }
            drop_foreign_keys.push(Change::DropForeignKey {
                table: table.clone(),
                foreign_key: fk.clone(),
            });
            add_foreign_keys.push(Change::AddForeignKey {
                table: table.clone(),
                foreign_key: fk.clone(),
            });
        }
    }
}

/// Can `index` serve a foreign key on `columns` (they are its leading columns)?
fn index_serves(index: &Index, columns: &[String]) -> bool {
    index.kind != IndexKind::Fulltext
        && index.columns.len() >= columns.len()
        && index.columns.iter().zip(columns).all(|(i, c)| &i.name == c)
}

/// Does one of the table's indexes, or its primary key, serve a foreign key on `columns`?
fn table_serves(table: &Table, columns: &[String]) -> bool {
    table.indexes.iter().any(|i| index_serves(i, columns))
        || table.primary_key.as_ref().is_some_and(|pk| {
            pk.columns.len() >= columns.len() && pk.columns.iter().zip(columns).all(|(p, c)| p == c)
        })
}

/// The same values, in any order.
fn same_values(a: &DbEnum, b: &DbEnum) -> bool {
    a.values.len() == b.values.len() && a.values.iter().all(|v| b.values.contains(v))
}

/// Extensions are created first (what follows may use their types and functions) and dropped
/// last (after what used them).
fn diff_extensions(previous: &DbSchema, next: &DbSchema, b: &mut Buckets) {
    let find =
        |schema: &DbSchema, name: &str| schema.extensions.iter().find(|e| e.name == name).cloned();
    for e in &previous.extensions {
        if find(next, &e.name).is_none() {
            b.drop_extensions.push(Change::DropExtension(e.clone()));
        }
    }
    for e in &next.extensions {
        match find(previous, &e.name) {
            None => b.extensions.push(Change::CreateExtension(e.clone())),
            Some(p) if p != *e => b.extensions.push(Change::AlterExtension {
                previous: p,
                next: e.clone(),
            }),
            Some(_) => {}
        }
    }
}

/// The columns of enum `name` in `previous` that `next` keeps, with the same type.
fn enum_columns(previous: &DbSchema, next: &DbSchema, name: &str) -> Vec<EnumColumn> {
    let of_enum = |c: &Column| c.ty == ColumnType::Enum(name.to_owned());
    previous
        .tables
        .iter()
        .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
        .filter(|(t, c)| {
            of_enum(c)
                && next
                    .table(&t.name)
                    .and_then(|n| n.column(&c.name))
                    .is_some_and(of_enum)
        })
        .map(|(t, c)| EnumColumn {
            table: t.name.clone(),
            column: c.name.clone(),
            had_default: c.default.is_some(),
        })
        .collect()
}

/// One table that exists on both sides: its columns, primary key, indexes and foreign keys,
/// changed in place, or rebuilt where the dialect cannot make one of the changes in place.
fn diff_table(
    pair: MigrationPair<&Table>,
    d: &dyn Dialect,
    b: &mut Buckets,
    warnings: &mut Vec<String>,
) {
    let (previous, next) = (pair.previous, pair.next);
    let columns = diff_columns(pair, warnings);
    let pk_changed = previous.primary_key.as_ref().map(|pk| &pk.columns)
        != next.primary_key.as_ref().map(|pk| &pk.columns);
    let mut fine = Buckets::default();
    diff_indexes(pair, d, &mut fine, warnings);
    diff_foreign_keys(pair, &mut fine, d);

    let mut alters = Vec::new();
    if pk_changed && let Some(pk) = &previous.primary_key {
        alters.push(Change::DropPrimaryKey {
            table: previous.clone(),
            primary_key: pk.clone(),
        });
    }
    // Drops, then additions, then alterations: an added column may take a dropped one's place.
    for wanted in [
        |c: &Change| matches!(c, Change::DropColumn { .. }),
        |c: &Change| matches!(c, Change::AddColumn { .. }),
        |c: &Change| matches!(c, Change::AlterColumn { .. }),
    ] {
        alters.extend(columns.iter().filter(|c| wanted(c)).cloned());
    }
    if pk_changed && let Some(pk) = &next.primary_key {
        alters.push(Change::AddPrimaryKey {
            table: next.name.clone(),
            primary_key: pk.clone(),
        });
    }
    if let (false, Some(p), Some(n)) = (pk_changed, &previous.primary_key, &next.primary_key)
        && let (Some(from), Some(to)) = (&p.name, &n.name)
        && from != to
    {
        alters.push(Change::RenamePrimaryKey {
            table: next.name.clone(),
            from: from.clone(),
            to: to.clone(),
        });
    }
    fine.alter_tables.extend(alters);

    if needs_rebuild(next, &fine, pk_changed, d) {
        let changes = [
            fine.drop_foreign_keys,
            fine.drop_indexes,
            fine.alter_tables,
            fine.create_indexes,
            fine.add_foreign_keys,
        ]
        .concat();
        b.rebuilds.push(Change::RebuildTable {
            previous: previous.clone(),
            next: next.clone(),
            changes,
        });
        return;
    }
    b.drop_foreign_keys.extend(fine.drop_foreign_keys);
    b.drop_indexes.extend(fine.drop_indexes);
    b.alter_tables.extend(fine.alter_tables);
    b.create_indexes.extend(fine.create_indexes);
    b.add_foreign_keys.extend(fine.add_foreign_keys);
}

/// The one decision: can the dialect make every fine-grained change of this table in place?
fn needs_rebuild(next: &Table, fine: &Buckets, pk_changed: bool, d: &dyn Dialect) -> bool {
    let can = d.capabilities();
    let column_needs_rebuild = |change: &Change| match change {
        Change::DropColumn { .. } => !can.drop_column,
        Change::AddColumn { column, .. } => {
            let has_fk = next
                .foreign_keys
                .iter()
                .any(|fk| fk.columns.contains(&column.name));
            !d.can_add_column(column, has_fk)
        }
        Change::AlterColumn { .. } => !can.alter_column,
        _ => false,
    };
    fine.alter_tables.iter().any(column_needs_rebuild)
        || (pk_changed && !can.alter_column)
        || (!can.alter_foreign_keys && foreign_keys_change(fine))
}

fn foreign_keys_change(fine: &Buckets) -> bool {
    !fine.drop_foreign_keys.is_empty() || !fine.add_foreign_keys.is_empty()
}

/// Dropped, added and altered columns, with the warnings for those that can lose data.
fn diff_columns(pair: MigrationPair<&Table>, warnings: &mut Vec<String>) -> Vec<Change> {
    let (previous, next) = (pair.previous, pair.next);
    let name = || next.name.clone();
    let mut changes = Vec::new();
    for c in &previous.columns {
        if next.column(&c.name).is_none() {
            warnings.push(format!(
                "dropping column `{}.{}`: its data is lost",
                next.name, c.name
            ));
            changes.push(Change::DropColumn {
                table: name(),
                column: c.clone(),
            });
        }
    }
    for c in &next.columns {
        match previous.column(&c.name) {
            None => {
                if !c.nullable && c.default.is_none() && !c.autoincrement {
                    warnings.push(format!(
                        "adding required column `{}.{}` without a default: fails if `{}` has rows",
                        next.name, c.name, next.name
                    ));
                }
                changes.push(Change::AddColumn {
                    table: name(),
                    column: c.clone(),
                });
            }
            Some(p) => {
                let column_changes = compare_columns(p, c);
                if !column_changes.any() {
                    continue;
                }
                if column_changes.ty {
                    warnings.push(format!(
                        "changing the type of `{}.{}` from {} to {}: may fail or lose data",
                        next.name,
                        c.name,
                        type_name(p),
                        type_name(c)
                    ));
                }
                if p.nullable && !c.nullable {
                    warnings.push(format!(
                        "making `{}.{}` required: fails if it holds NULLs",
                        next.name, c.name
                    ));
                }
                changes.push(Change::AlterColumn {
                    table: name(),
                    previous: p.clone(),
                    next: c.clone(),
                    changes: column_changes,
                });
            }
        }
    }
    changes
}

/// Indexes: same name and definition is no change; the same definition under a new name is a
/// rename where the dialect can rename indexes.
fn diff_indexes(
    pair: MigrationPair<&Table>,
    d: &dyn Dialect,
    fine: &mut Buckets,
    warnings: &mut Vec<String>,
) {
    let (previous, next) = (pair.previous, pair.next);
    let name = || next.name.clone();
    let can_rename = d.capabilities().rename_index;
    for index in &next.indexes {
        if index.kind == IndexKind::Unique
            && previous.index(&index.name) != Some(index)
            && renamed_from(previous, next, index).is_none()
        {
            warnings.push(format!(
                "adding unique index `{}` on existing table `{}`: fails if it holds duplicates",
                index.name, next.name
            ));
        }
    }
    for index in &previous.indexes {
        if next.index(&index.name) == Some(index) {
            continue;
        }
        let renamed_to = next
            .indexes
            .iter()
            .find(|n| previous.index(&n.name).is_none() && same_definition(n, index));
        match renamed_to {
            Some(n) if can_rename && next.index(&index.name).is_none() => {
                fine.drop_indexes.push(Change::RenameIndex {
                    table: name(),
                    from: index.name.clone(),
                    to: n.name.clone(),
                });
            }
            _ => fine.drop_indexes.push(Change::DropIndex {
                table: name(),
                index: index.clone(),
            }),
        }
    }
    for index in &next.indexes {
        if previous.index(&index.name) == Some(index) {
            continue;
        }
        if can_rename
            && previous.index(&index.name).is_none()
            && renamed_from(previous, next, index).is_some()
        {
            continue;
        }
        fine.create_indexes.push(Change::CreateIndex {
            table: name(),
            index: index.clone(),
        });
    }
}

/// A foreign key whose definition changed is dropped and added again. Where a schema cannot
/// name foreign keys (SQLite), a key is matched by its definition alone: its name is whatever
/// the DDL that made it said, and no schema can say it. Where the database keeps `SET DEFAULT`
/// as `RESTRICT` (InnoDB), the two are the same action.
fn diff_foreign_keys(pair: MigrationPair<&Table>, fine: &mut Buckets, d: &dyn Dialect) {
    let (previous, next) = (pair.previous, pair.next);
    let can = d.capabilities();
    let action = |a: ReferentialAction| match a {
        ReferentialAction::SetDefault if can.set_default_is_restrict => ReferentialAction::Restrict,
        other => other,
    };
    let same = |a: &ForeignKey, b: &ForeignKey| {
        (!can.named_foreign_keys || a.name == b.name)
            && a.columns == b.columns
            && a.referenced_table == b.referenced_table
            && a.referenced_columns == b.referenced_columns
            && action(a.on_delete) == action(b.on_delete)
            && action(a.on_update) == action(b.on_update)
    };
    let has =
        |table: &Table, fk: &ForeignKey| table.foreign_keys.iter().any(|other| same(other, fk));
    for fk in &previous.foreign_keys {
        if !has(next, fk) {
            fine.drop_foreign_keys.push(Change::DropForeignKey {
                table: next.name.clone(),
                foreign_key: fk.clone(),
            });
        }
    }
    for fk in &next.foreign_keys {
        if !has(previous, fk) {
            fine.add_foreign_keys.push(Change::AddForeignKey {
                table: next.name.clone(),
                foreign_key: fk.clone(),
            });
        }
    }
}

/// An index of `previous` with the same definition as `index`, that `next` no longer has.
fn renamed_from<'a>(previous: &'a Table, next: &Table, index: &Index) -> Option<&'a Index> {
    previous
        .indexes
        .iter()
        .find(|p| next.index(&p.name).is_none() && same_definition(p, index))
}

fn same_definition(a: &Index, b: &Index) -> bool {
    a.kind == b.kind && a.columns == b.columns && a.algorithm == b.algorithm
}

/// Both sides arrive normalized (defaults as `DefaultValue`s): comparing is equality.
fn compare_columns(a: &Column, b: &Column) -> ColumnChanges {
    ColumnChanges {
        ty: a.ty != b.ty || a.array != b.array,
        nullable: a.nullable != b.nullable,
        default: a.default != b.default,
        autoincrement: a.autoincrement != b.autoincrement,
    }
}

fn type_name(c: &Column) -> String {
    let base = match &c.ty {
        ColumnType::Native(t) => t.to_string(),
        ColumnType::Enum(e) => e.clone(),
    };
    if c.array { format!("{base}[]") } else { base }
}

fn list(values: &[&String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `previous` with the declared renames applied (when they apply: the old name exists before and
/// the new one does not), and the rename changes that do it.
fn apply_renames(
    previous: &DbSchema,
    next: &DbSchema,
    renames: &Renames,
    out: &mut Vec<Change>,
) -> DbSchema {
    let mut schema = previous.clone();
    let mut renamed_tables = Vec::new();
    for (from, to) in &renames.tables {
        if schema.table(from).is_none() || schema.table(to).is_some() || next.table(to).is_none() {
            continue;
        }
        for t in &mut schema.tables {
            if &t.name == from {
                t.name = to.clone();
            }
            for fk in &mut t.foreign_keys {
                if &fk.referenced_table == from {
                    fk.referenced_table = to.clone();
                }
            }
        }
        out.push(Change::RenameTable {
            from: from.clone(),
            to: to.clone(),
        });
        renamed_tables.push((from, to));
    }
    for (table, from, to) in &renames.columns {
        rename_column(&mut schema, table, from, to, out);
    }
    // A swap is not idempotent: it goes with its table's rename, never on its own.
    const SWAP: &str = "__tether_swap";
    for (from, to) in &renames.swapped_join_columns {
        if renamed_tables.contains(&(from, to)) {
            for (a, b) in [("A", SWAP), ("B", "A"), (SWAP, "B")] {
                rename_column(&mut schema, to, a, b, out);
            }
        }
    }
    schema
}

/// Renames a column of `table` (and its mentions in keys and indexes) where `from` exists and
/// `to` does not yet.
fn rename_column(schema: &mut DbSchema, table: &str, from: &str, to: &str, out: &mut Vec<Change>) {
    let Some(t) = schema.table_mut(table) else {
        return;
    };
    if t.column(from).is_none() || t.column(to).is_some() {
        return;
    }
    let rename = |c: &mut String| {
        if c == from {
            *c = to.to_owned();
        }
    };
    t.columns.iter_mut().for_each(|c| rename(&mut c.name));
    t.indexes
        .iter_mut()
        .flat_map(|i| i.columns.iter_mut())
        .for_each(|c| rename(&mut c.name));
    t.foreign_keys
        .iter_mut()
        .flat_map(|f| f.columns.iter_mut())
        .for_each(rename);
    if let Some(pk) = &mut t.primary_key {
        pk.columns.iter_mut().for_each(rename);
    }
    for other in &mut schema.tables {
        for fk in other
            .foreign_keys
            .iter_mut()
            .filter(|fk| fk.referenced_table == table)
        {
            fk.referenced_columns.iter_mut().for_each(rename);
        }
    }
    out.push(Change::RenameColumn {
        table: table.to_owned(),
        from: from.to_owned(),
        to: to.to_owned(),
    });
}
