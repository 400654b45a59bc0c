//! Replay: migration SQL -> `DbSchema`, without a database (no shadow database).
//!
//! Rules: statements are parsed with sqlparser in the folder's dialect and applied in order to
//! one `DbSchema`, normalized exactly as lowering normalizes (so a folder written by tether or
//! by Prisma replays to what the schema lowers to). Data statements (INSERT, UPDATE, DELETE,
//! SELECT), transaction control and PRAGMAs are skipped; so are objects tether does not model
//! (views, functions, extensions). A statement that cannot be parsed, or a change that cannot be
//! applied, is an error naming the file and the line.

use super::dialect::{Dialect, EnumStrategy, defaults};
use super::lower::Renames;
use super::model::*;
use anyhow::{Result, anyhow, bail};
use sqlparser::ast::{
    self as sql, AlterColumnOperation, AlterTableOperation, ColumnOption, ObjectName, ObjectType,
    Statement, TableConstraint,
};
use std::path::Path;

/// Applies the SQL of one migration file to `schema`.
pub fn apply_sql(
    schema: &mut DbSchema,
    sql_text: &str,
    file: &Path,
    d: &dyn Dialect,
) -> Result<Renames> {
    let mut renames = Renames::default();
    let parser_dialect = d.sqlparser_dialect();
    let sql_text = blank_pragmas(&rewrite_fulltext(sql_text));
    // One statement at a time: memory stays bounded by the largest statement, not the file.
    let (mut counted_to, mut line) = (0, 1);
    for text in super::script::split_statements(&sql_text) {
        let offset = text.as_ptr() as usize - sql_text.as_ptr() as usize;
        let start = offset + (text.len() - text.trim_start().len());
        line += sql_text[counted_to..start].matches('\n').count();
        counted_to = start;
        match unparsed_statement(parser_dialect.as_ref(), text) {
            Some(Unparsed::RenameIndex { table, from, to }) => {
                rename_index(schema, &from, &to, Some(&table))
                    .map_err(|e| anyhow!("replay: {}:{line}: {e}", file.display()))?;
                continue;
            }
            Some(Unparsed::NoSchemaChange) => continue,
            Some(Unparsed::SetSchema {
                table,
                name,
                schema: to,
            }) => {
                let namespace = if table {
                    schema.table_mut(&name).map(|t| &mut t.namespace)
                } else {
                    schema
                        .enums
                        .iter_mut()
                        .find(|e| e.name == name)
                        .map(|e| &mut e.namespace)
                };
                let kind = if table { "table" } else { "type" };
                *namespace.ok_or_else(|| {
                    anyhow!(
                        "replay: {}:{line}: {kind} `{name}` does not exist",
                        file.display()
                    )
                })? = Some(to);
                continue;
            }
            Some(Unparsed::MoveExtension { name, schema: to }) => {
                if let Some(e) = schema.extensions.iter_mut().find(|e| e.name == name) {
                    e.schema = Some(to);
                }
                continue;
            }
            Some(Unparsed::UpdateExtension { name, version }) => {
                if let Some(e) = schema.extensions.iter_mut().find(|e| e.name == name) {
                    e.version = Some(version);
                }
                continue;
            }
            None => {}
        }
        let statements = sqlparser::parser::Parser::parse_sql(parser_dialect.as_ref(), text)
            .map_err(|e| anyhow!("replay: {}:{line}: cannot parse SQL: {e}", file.display()))?;
        for statement in &statements {
            apply_statement(schema, statement, d, &mut renames)
                .map_err(|e| anyhow!("replay: {}:{line}: {e}", file.display()))?;
        }
    }
    // Inline enums (MySQL) live and die with their column.
    if d.capabilities().enum_strategy == EnumStrategy::Inline {
        let used: Vec<ColumnType> = schema
            .tables
            .iter()
            .flat_map(|t| t.columns.iter().map(|c| c.ty.clone()))
            .collect();
        schema
            .enums
            .retain(|e| used.contains(&ColumnType::Enum(e.name.clone())));
    }
    Ok(renames)
}

/// Statements tether (or Prisma) writes that sqlparser cannot parse, read from their tokens.
enum Unparsed {
    /// MySQL's `ALTER TABLE t RENAME {INDEX|KEY} a TO b`.
    RenameIndex {
        table: String,
        from: String,
        to: String,
    },
    /// `ALTER SEQUENCE a RENAME TO b`: sequences are not in the model.
    NoSchemaChange,
    /// `ALTER EXTENSION e UPDATE TO 'v'`.
    UpdateExtension { name: String, version: String },
    /// `ALTER EXTENSION e SET SCHEMA s`.
    MoveExtension { name: String, schema: String },
    /// `ALTER {TABLE|TYPE} [s.]t SET SCHEMA s2` (multiSchema).
    SetSchema {
        table: bool,
        name: String,
        schema: String,
    },
}

fn unparsed_statement(
    parser_dialect: &dyn sqlparser::dialect::Dialect,
    text: &str,
) -> Option<Unparsed> {
    use sqlparser::tokenizer::{Token, Tokenizer};
    let tokens = Tokenizer::new(parser_dialect, text).tokenize().ok()?;
    // A qualified name (`"auth"."User"`) reads as its last part: names are unique across
    // database schemas (`schema::load`).
    let mut words: Vec<&Token> = Vec::new();
    let mut significant = tokens
        .iter()
        .filter(|t| !matches!(t, Token::Whitespace(_) | Token::SemiColon))
        .peekable();
    while let Some(token) = significant.next() {
        if let (Token::Word(_), Some(Token::Period)) = (token, significant.peek()) {
            significant.next();
            words.push(significant.next()?);
            continue;
        }
        words.push(token);
    }
    let keyword = |i: usize, expected: &[&str]| match words.get(i) {
        Some(Token::Word(w)) => {
            w.quote_style.is_none() && expected.iter().any(|e| w.value.eq_ignore_ascii_case(e))
        }
        _ => false,
    };
    let ident = |i: usize| match words.get(i) {
        Some(Token::Word(w)) => Some(w.value.clone()),
        _ => None,
    };
    let alter = |what: &[&str]| keyword(0, &["ALTER"]) && keyword(1, what);
    if words.len() == 8
        && alter(&["TABLE"])
        && keyword(3, &["RENAME"])
        && keyword(4, &["INDEX", "KEY"])
        && keyword(6, &["TO"])
    {
        return Some(Unparsed::RenameIndex {
            table: ident(2)?,
            from: ident(5)?,
            to: ident(7)?,
        });
    }
    if words.len() == 6 && alter(&["EXTENSION"]) && keyword(3, &["UPDATE"]) && keyword(4, &["TO"]) {
        let version = match words.get(5) {
            Some(Token::SingleQuotedString(v)) => v.clone(),
            Some(Token::Word(w)) => w.value.clone(),
            _ => return None,
        };
        return Some(Unparsed::UpdateExtension {
            name: ident(2)?,
            version,
        });
    }
    if words.len() == 6 && alter(&["EXTENSION"]) && keyword(3, &["SET"]) && keyword(4, &["SCHEMA"])
    {
        return Some(Unparsed::MoveExtension {
            name: ident(2)?,
            schema: ident(5)?,
        });
    }
    if words.len() == 6
        && alter(&["TABLE", "TYPE"])
        && keyword(3, &["SET"])
        && keyword(4, &["SCHEMA"])
    {
        return Some(Unparsed::SetSchema {
            table: keyword(1, &["TABLE"]),
            name: ident(2)?,
            schema: ident(5)?,
        });
    }
    if words.len() == 6 && alter(&["SEQUENCE"]) && keyword(3, &["RENAME"]) && keyword(4, &["TO"]) {
        ident(2)?;
        ident(5)?;
        return Some(Unparsed::NoSchemaChange);
    }
    None
}

/// Renames index `from` (of `table`, where the statement names one).
fn rename_index(schema: &mut DbSchema, from: &str, to: &str, table: Option<&str>) -> Result<()> {
    let index = schema
        .tables
        .iter_mut()
        .filter(|t| table.is_none_or(|name| t.name == name))
        .flat_map(|t| t.indexes.iter_mut())
        .find(|i| i.name == from)
        .ok_or_else(|| anyhow!("index `{from}` does not exist"))?;
    index.name = to.to_owned();
    Ok(())
}

/// PRAGMAs never change the schema, and sqlparser rejects `PRAGMA foreign_keys=ON` (which
/// Prisma writes): their lines are blanked, so line numbers stay true.
fn blank_pragmas(sql: &str) -> String {
    sql.lines()
        .map(|line| {
            if line
                .trim_start()
                .to_ascii_uppercase()
                .starts_with("PRAGMA ")
            {
                ""
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// sqlparser cannot parse MySQL's `CREATE FULLTEXT INDEX n ON t(cols)` (which Prisma writes);
/// it can parse the equivalent `ALTER TABLE t ADD FULLTEXT INDEX n (cols)`. Lines are kept.
fn rewrite_fulltext(sql: &str) -> std::borrow::Cow<'_, str> {
    const PREFIX: &str = "CREATE FULLTEXT INDEX ";
    if !sql.contains(PREFIX) {
        return std::borrow::Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find(PREFIX) {
        out.push_str(&rest[..at]);
        let statement = &rest[at + PREFIX.len()..];
        let parsed = statement
            .split_once(" ON ")
            .and_then(|(name, tail)| tail.find('(').map(|p| (name, &tail[..p], &tail[p..])));
        match parsed {
            Some((name, table, columns)) => {
                out.push_str(&format!(
                    "ALTER TABLE {} ADD FULLTEXT INDEX {} ",
                    table.trim(),
                    name.trim()
                ));
                rest = columns;
            }
            None => {
                out.push_str(PREFIX);
                rest = statement;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn apply_statement(
    schema: &mut DbSchema,
    statement: &Statement,
    d: &dyn Dialect,
    renames: &mut Renames,
) -> Result<()> {
    match statement {
        Statement::CreateTable(create) => create_table(schema, create, d)?,
        Statement::CreateSchema {
            schema_name:
                sql::SchemaName::Simple(name) | sql::SchemaName::NamedAuthorization(name, _),
            ..
        } => {
            let name = object_name(name);
            if !schema.namespaces.contains(&name) {
                schema.namespaces.push(name);
            }
        }
        Statement::CreateExtension(create) => {
            let name = create.name.value.clone();
            schema.extensions.retain(|e| e.name != name);
            schema.extensions.push(DbExtension {
                name,
                schema: create.schema.as_ref().map(|s| s.value.clone()),
                version: create.version.as_ref().map(|v| v.value.clone()),
            });
        }
        Statement::DropExtension(drop) => {
            for name in &drop.names {
                schema.extensions.retain(|e| e.name != name.value);
            }
        }
        Statement::AlterTable(alter) => {
            let name = object_name(&alter.name);
            for op in &alter.operations {
                alter_table(schema, &name, op, d, renames)?;
            }
        }
        Statement::CreateIndex(create) => create_index(schema, create, d)?,
        Statement::AlterIndex {
            name,
            operation: sql::AlterIndexOperation::RenameIndex { index_name },
        } => {
            rename_index(schema, &object_name(name), &object_name(index_name), None)?;
        }
        Statement::Drop {
            object_type,
            names,
            table,
            ..
        } => drop_objects(schema, *object_type, names, table.as_ref())?,
        Statement::CreateType {
            name,
            representation: Some(sql::UserDefinedTypeRepresentation::Enum { labels }),
        } => {
            schema.enums.push(DbEnum {
                name: object_name(name),
                values: labels.iter().map(|l| l.value.clone()).collect(),
                namespace: object_namespace(name),
            });
        }
        Statement::AlterType(alter) => alter_type(schema, alter)?,
        // Data, transactions, settings and objects tether does not model.
        _ => {}
    }
    Ok(())
}

fn create_table(schema: &mut DbSchema, create: &sql::CreateTable, d: &dyn Dialect) -> Result<()> {
    let name = object_name(&create.name);
    if schema.table(&name).is_some() {
        bail!("table `{name}` is created twice");
    }
    let mut table = Table::new(&name);
    table.namespace = object_namespace(&create.name);
    for def in &create.columns {
        let column = column_from_def(
            schema,
            &name,
            &def.name.value,
            &def.data_type,
            def.options.iter().map(|o| &o.option),
            d,
        );
        for option in def.options.iter().map(|o| &o.option) {
            column_constraint(&mut table, &def.name.value, option, d);
        }
        table.columns.push(column);
    }
    for constraint in &create.constraints {
        add_constraint(&mut table, constraint, d)?;
    }
    schema.tables.push(table);
    Ok(())
}

fn create_index(schema: &mut DbSchema, create: &sql::CreateIndex, d: &dyn Dialect) -> Result<()> {
    let table_name = object_name(&create.table_name);
    let name = create
        .name
        .as_ref()
        .map(object_name)
        .ok_or_else(|| anyhow!("CREATE INDEX without a name"))?;
    let index = Index {
        name,
        kind: if create.unique {
            IndexKind::Unique
        } else {
            IndexKind::Normal
        },
        columns: Vec::new(),
        // `USING` before the columns (PostgreSQL) or after them (MySQL's index options).
        algorithm: create
            .using
            .as_ref()
            .or_else(|| {
                create.index_options.iter().find_map(|o| match o {
                    sql::IndexOption::Using(t) => Some(t),
                    _ => None,
                })
            })
            .and_then(index_algorithm),
    };
    let index = Index {
        columns: create
            .columns
            .iter()
            .map(|c| index_column_with_class(c, index.algorithm.as_deref(), d))
            .collect(),
        ..index
    };
    table_mut(schema, &table_name)?.indexes.push(index);
    Ok(())
}

/// `DROP TABLE`, `DROP INDEX [ON table]`, `DROP TYPE`.
fn drop_objects(
    schema: &mut DbSchema,
    object_type: ObjectType,
    names: &[ObjectName],
    table: Option<&ObjectName>,
) -> Result<()> {
    for n in names {
        let name = object_name(n);
        match object_type {
            ObjectType::Table => {
                let before = schema.tables.len();
                schema.tables.retain(|t| t.name != name);
                if before == schema.tables.len() {
                    bail!("table `{name}` does not exist");
                }
            }
            ObjectType::Index => {
                let scope = table.map(object_name);
                let mut found = false;
                for t in schema
                    .tables
                    .iter_mut()
                    .filter(|t| scope.as_ref().is_none_or(|s| &t.name == s))
                {
                    let before = t.indexes.len();
                    t.indexes.retain(|i| i.name != name);
                    found |= before != t.indexes.len();
                }
                if !found {
                    bail!("index `{name}` does not exist");
                }
            }
            ObjectType::Type => schema.enums.retain(|e| e.name != name),
            _ => {}
        }
    }
    Ok(())
}

/// `ALTER TYPE` of a native enum: renamed, a value added or renamed.
fn alter_type(schema: &mut DbSchema, alter: &sql::AlterType) -> Result<()> {
    let name = object_name(&alter.name);
    let e = schema
        .enums
        .iter_mut()
        .find(|e| e.name == name)
        .ok_or_else(|| anyhow!("type `{name}` does not exist"))?;
    match &alter.operation {
        sql::AlterTypeOperation::Rename(r) => {
            let new_name = r.new_name.value.clone();
            e.name = new_name.clone();
            for c in schema.tables.iter_mut().flat_map(|t| t.columns.iter_mut()) {
                if c.ty == ColumnType::Enum(name.clone()) {
                    c.ty = ColumnType::Enum(new_name.clone());
                }
            }
        }
        sql::AlterTypeOperation::AddValue(v) => {
            let at = match &v.position {
                Some(sql::AlterTypeAddValuePosition::Before(b)) => {
                    e.values.iter().position(|x| *x == b.value)
                }
                Some(sql::AlterTypeAddValuePosition::After(a)) => {
                    e.values.iter().position(|x| *x == a.value).map(|i| i + 1)
                }
                None => None,
            };
            e.values
                .insert(at.unwrap_or(e.values.len()), v.value.value.clone());
        }
        sql::AlterTypeOperation::RenameValue(v) => {
            for value in e.values.iter_mut().filter(|value| **value == v.from.value) {
                *value = v.to.value.clone();
            }
        }
    }
    Ok(())
}

fn alter_table(
    schema: &mut DbSchema,
    name: &str,
    op: &AlterTableOperation,
    d: &dyn Dialect,
    renames: &mut Renames,
) -> Result<()> {
    match op {
        AlterTableOperation::AddColumn { column_def, .. } => {
            let column = column_from_def(
                schema,
                name,
                &column_def.name.value,
                &column_def.data_type,
                column_def.options.iter().map(|o| &o.option),
                d,
            );
            let table = table_mut(schema, name)?;
            for option in column_def.options.iter().map(|o| &o.option) {
                column_constraint(table, &column_def.name.value, option, d);
            }
            table.columns.push(column);
        }
        AlterTableOperation::DropColumn { column_names, .. } => {
            let table = table_mut(schema, name)?;
            for c in column_names {
                if table.column(&c.value).is_none() {
                    bail!("column `{name}.{}` does not exist", c.value);
                }
                table.columns.retain(|col| col.name != c.value);
            }
        }
        AlterTableOperation::AddConstraint { constraint, .. } => {
            add_constraint(table_mut(schema, name)?, constraint, d)?
        }
        AlterTableOperation::DropConstraint {
            name: constraint, ..
        } => {
            let table = table_mut(schema, name)?;
            let c = &constraint.value;
            table.foreign_keys.retain(|fk| &fk.name != c);
            table.indexes.retain(|i| &i.name != c);
            if table.primary_key.as_ref().is_some_and(|pk| {
                pk.name.as_deref() == Some(c.as_str()) || c == &format!("{name}_pkey")
            }) {
                table.primary_key = None;
            }
        }
        AlterTableOperation::DropPrimaryKey { .. } => table_mut(schema, name)?.primary_key = None,
        AlterTableOperation::DropForeignKey { name: fk, .. } => {
            table_mut(schema, name)?
                .foreign_keys
                .retain(|f| f.name != fk.value);
        }
        AlterTableOperation::DropIndex { name: index } => table_mut(schema, name)?
            .indexes
            .retain(|i| i.name != index.value),
        AlterTableOperation::RenameColumn {
            old_column_name,
            new_column_name,
        } => {
            rename_column(schema, name, &old_column_name.value, &new_column_name.value)?;
            renames.record_column(name, &old_column_name.value, &new_column_name.value);
        }
        AlterTableOperation::RenameTable { table_name } => {
            let new_name = match table_name {
                sql::RenameTableNameKind::As(n) | sql::RenameTableNameKind::To(n) => object_name(n),
            };
            rename_table(schema, name, &new_name)?;
            renames.record_table(name, &new_name);
        }
        AlterTableOperation::RenameConstraint { old_name, new_name } => {
            let table = table_mut(schema, name)?;
            if let Some(pk) = table
                .primary_key
                .as_mut()
                .filter(|pk| pk.name.as_deref() == Some(old_name.value.as_str()))
            {
                pk.name = Some(new_name.value.clone());
            }
            for fk in table
                .foreign_keys
                .iter_mut()
                .filter(|f| f.name == old_name.value)
            {
                fk.name = new_name.value.clone();
            }
        }
        AlterTableOperation::ModifyColumn {
            col_name,
            data_type,
            options,
            ..
        } => {
            let column =
                column_from_def(schema, name, &col_name.value, data_type, options.iter(), d);
            let table = table_mut(schema, name)?;
            let slot = table
                .column_mut(&col_name.value)
                .ok_or_else(|| anyhow!("column `{name}.{}` does not exist", col_name.value))?;
            *slot = column;
        }
        AlterTableOperation::ChangeColumn {
            old_name,
            new_name,
            data_type,
            options,
            ..
        } => {
            let column =
                column_from_def(schema, name, &new_name.value, data_type, options.iter(), d);
            rename_column(schema, name, &old_name.value, &new_name.value)?;
            if old_name.value != new_name.value {
                renames.record_column(name, &old_name.value, &new_name.value);
            }
            let table = table_mut(schema, name)?;
            if let Some(slot) = table.column_mut(&new_name.value) {
                *slot = column;
            }
        }
        AlterTableOperation::AlterColumn { column_name, op } => {
            alter_column(schema, name, &column_name.value, op, d)?
        }
        other => bail!("unsupported ALTER TABLE operation: {other}"),
    }
    Ok(())
}

/// A renamed table, and every foreign key that references it.
fn rename_table(schema: &mut DbSchema, name: &str, new_name: &str) -> Result<()> {
    table_mut(schema, name)?.name = new_name.to_owned();
    for fk in schema
        .tables
        .iter_mut()
        .flat_map(|t| t.foreign_keys.iter_mut())
    {
        if fk.referenced_table == name {
            fk.referenced_table = new_name.to_owned();
        }
    }
    Ok(())
}

/// `ALTER COLUMN`: nullability, default, type.
fn alter_column(
    schema: &mut DbSchema,
    name: &str,
    column_name: &str,
    op: &AlterColumnOperation,
    d: &dyn Dialect,
) -> Result<()> {
    let enums: Vec<String> = schema.enums.iter().map(|e| e.name.clone()).collect();
    let table = table_mut(schema, name)?;
    let column = table
        .column_mut(column_name)
        .ok_or_else(|| anyhow!("column `{name}.{column_name}` does not exist"))?;
    match op {
        AlterColumnOperation::SetNotNull => column.nullable = false,
        AlterColumnOperation::DropNotNull => column.nullable = true,
        AlterColumnOperation::SetDefault { value } => {
            column.default = Some(defaults::from_expr(d, value, column.ty.family()))
        }
        AlterColumnOperation::DropDefault => column.default = None,
        AlterColumnOperation::SetDataType { data_type, .. } => {
            let (ty, array, serial) = column_type(&enums, name, column_name, data_type, d);
            column.ty = ty;
            column.array = array;
            column.autoincrement |= serial;
        }
        AlterColumnOperation::AddGenerated { .. } => {}
    }
    Ok(())
}

fn rename_column(schema: &mut DbSchema, table_name: &str, from: &str, to: &str) -> Result<()> {
    let table = table_mut(schema, table_name)?;
    let column = table
        .column_mut(from)
        .ok_or_else(|| anyhow!("column `{table_name}.{from}` does not exist"))?;
    column.name = to.to_owned();
    let rename = |c: &mut String| {
        if c == from {
            *c = to.to_owned();
        }
    };
    table
        .indexes
        .iter_mut()
        .flat_map(|i| i.columns.iter_mut())
        .for_each(|c| rename(&mut c.name));
    table
        .foreign_keys
        .iter_mut()
        .flat_map(|f| f.columns.iter_mut())
        .for_each(rename);
    if let Some(pk) = &mut table.primary_key {
        pk.columns.iter_mut().for_each(rename);
    }
    for fk in schema
        .tables
        .iter_mut()
        .flat_map(|t| t.foreign_keys.iter_mut())
        .filter(|f| f.referenced_table == table_name)
    {
        fk.referenced_columns.iter_mut().for_each(rename);
    }
    Ok(())
}

fn table_mut<'a>(schema: &'a mut DbSchema, name: &str) -> Result<&'a mut Table> {
    schema
        .table_mut(name)
        .ok_or_else(|| anyhow!("table `{name}` does not exist"))
}

/// (type, is array, is serial) of a column as a migration declares it.
fn column_type(
    enums: &[String],
    table: &str,
    column: &str,
    data_type: &sql::DataType,
    d: &dyn Dialect,
) -> (ColumnType, bool, bool) {
    if let sql::DataType::Enum(_, _) = data_type {
        return (ColumnType::Enum(format!("{table}_{column}")), false, false);
    }
    let text = data_type.to_string();
    let (base, array) = match text.strip_suffix("[]") {
        Some(b) => (b.to_owned(), true),
        None => (text, false),
    };
    // An enum in a database schema is `"auth"."Role"`: the type is its last part.
    let unquoted = base
        .rsplit("\".\"")
        .next()
        .unwrap_or(&base)
        .trim_matches('"');
    if d.capabilities().enum_strategy == EnumStrategy::NativeType
        && enums.iter().any(|e| e == unquoted)
    {
        return (ColumnType::Enum(unquoted.to_owned()), array, false);
    }
    let (ty, serial) = d.types().parse(&base);
    (ColumnType::Native(ty), array, serial)
}

fn column_from_def<'a>(
    schema: &mut DbSchema,
    table: &str,
    name: &str,
    data_type: &sql::DataType,
    options: impl Iterator<Item = &'a ColumnOption>,
    d: &dyn Dialect,
) -> Column {
    let enums: Vec<String> = schema.enums.iter().map(|e| e.name.clone()).collect();
    let (ty, array, serial) = column_type(&enums, table, name, data_type, d);
    if let (ColumnType::Enum(enum_name), sql::DataType::Enum(members, _)) = (&ty, data_type) {
        let values = members
            .iter()
            .map(|m| match m {
                sql::EnumMember::Name(n) | sql::EnumMember::NamedValue(n, _) => n.clone(),
            })
            .collect();
        schema.enums.retain(|e| &e.name != enum_name);
        schema.enums.push(DbEnum {
            name: enum_name.clone(),
            values,
            namespace: None,
        });
    }
    let mut column = Column {
        name: name.to_owned(),
        ty,
        array,
        nullable: true,
        default: None,
        autoincrement: serial,
    };
    for option in options {
        match option {
            ColumnOption::NotNull => column.nullable = false,
            ColumnOption::Null => column.nullable = true,
            ColumnOption::Default(expr) => {
                column.default = Some(defaults::from_expr(d, expr, column.ty.family()))
            }
            ColumnOption::PrimaryKey(_) => column.nullable = false,
            ColumnOption::DialectSpecific(tokens) => {
                let text = tokens
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<String>()
                    .to_ascii_uppercase();
                if text.contains("AUTOINCREMENT") || text.contains("AUTO_INCREMENT") {
                    column.autoincrement = true;
                }
            }
            _ => {}
        }
    }
    column
}

/// Constraints written inside a column definition: `PRIMARY KEY`, `UNIQUE`, `REFERENCES`.
fn column_constraint(table: &mut Table, column: &str, option: &ColumnOption, d: &dyn Dialect) {
    let single = |c: &str| {
        vec![IndexColumn {
            name: c.to_owned(),
            descending: false,
            length: None,
            ops: None,
            default_ops: false,
        }]
    };
    match option {
        ColumnOption::PrimaryKey(pk) => {
            table.primary_key = Some(primary_key(table, pk, vec![column.to_owned()], d));
        }
        ColumnOption::Unique(u) => table.indexes.push(Index {
            name: u
                .name
                .as_ref()
                .map(|n| n.value.clone())
                .unwrap_or_else(|| format!("{}_{column}_key", table.name)),
            kind: IndexKind::Unique,
            columns: single(column),
            algorithm: None,
        }),
        ColumnOption::ForeignKey(fk) => {
            table
                .foreign_keys
                .push(foreign_key(&table.name, fk, vec![column.to_owned()]))
        }
        _ => {}
    }
}

fn add_constraint(table: &mut Table, constraint: &TableConstraint, d: &dyn Dialect) -> Result<()> {
    let names = |cols: &[sql::IndexColumn]| cols.iter().map(index_column).collect::<Vec<_>>();
    match constraint {
        TableConstraint::PrimaryKey(pk) => {
            let columns = names(&pk.columns).into_iter().map(|c| c.name).collect();
            table.primary_key = Some(primary_key(table, pk, columns, d));
        }
        TableConstraint::Unique(u) => {
            let columns = names(&u.columns);
            let name = u
                .name
                .as_ref()
                .or(u.index_name.as_ref())
                .map(|n| n.value.clone())
                .unwrap_or_else(|| {
                    format!(
                        "{}_{}_key",
                        table.name,
                        columns
                            .iter()
                            .map(|c| c.name.as_str())
                            .collect::<Vec<_>>()
                            .join("_")
                    )
                });
            table.indexes.push(Index {
                name,
                kind: IndexKind::Unique,
                columns,
                algorithm: None,
            });
        }
        TableConstraint::ForeignKey(fk) => {
            let columns = fk.columns.iter().map(|c| c.value.clone()).collect();
            table
                .foreign_keys
                .push(foreign_key(&table.name, fk, columns));
        }
        TableConstraint::Index(ix) => {
            let name = ix
                .name
                .as_ref()
                .map(|n| n.value.clone())
                .ok_or_else(|| anyhow!("index without a name"))?;
            table.indexes.push(Index {
                name,
                kind: IndexKind::Normal,
                columns: names(&ix.columns),
                algorithm: ix.index_type.as_ref().and_then(index_algorithm),
            });
        }
        TableConstraint::FulltextOrSpatial(ft) => {
            let name = ft
                .opt_index_name
                .as_ref()
                .map(|n| n.value.clone())
                .ok_or_else(|| anyhow!("index without a name"))?;
            table.indexes.push(Index {
                name,
                kind: IndexKind::Fulltext,
                columns: names(&ft.columns),
                algorithm: None,
            });
        }
        TableConstraint::Check(_) => {}
        other => bail!("unsupported constraint: {other}"),
    }
    Ok(())
}

/// A primary key as the dialect keeps it: named (PostgreSQL, `<table>_pkey` unless given) or not.
fn primary_key(
    table: &Table,
    pk: &sql::PrimaryKeyConstraint,
    columns: Vec<String>,
    d: &dyn Dialect,
) -> PrimaryKey {
    let name = d.capabilities().named_primary_keys.then(|| {
        pk.name
            .as_ref()
            .map(|n| n.value.clone())
            .unwrap_or_else(|| format!("{}_pkey", table.name))
    });
    PrimaryKey { name, columns }
}

fn foreign_key(table: &str, fk: &sql::ForeignKeyConstraint, columns: Vec<String>) -> ForeignKey {
    let name = fk
        .name
        .as_ref()
        .map(|n| n.value.clone())
        .unwrap_or_else(|| format!("{table}_{}_fkey", columns.join("_")));
    ForeignKey {
        name,
        columns,
        referenced_table: object_name(&fk.foreign_table),
        referenced_columns: fk
            .referred_columns
            .iter()
            .map(|c| c.value.clone())
            .collect(),
        on_delete: fk
            .on_delete
            .map(action)
            .unwrap_or(ReferentialAction::NoAction),
        on_update: fk
            .on_update
            .map(action)
            .unwrap_or(ReferentialAction::NoAction),
    }
}

fn action(a: sql::ReferentialAction) -> ReferentialAction {
    match a {
        sql::ReferentialAction::Restrict => ReferentialAction::Restrict,
        sql::ReferentialAction::Cascade => ReferentialAction::Cascade,
        sql::ReferentialAction::SetNull => ReferentialAction::SetNull,
        sql::ReferentialAction::NoAction => ReferentialAction::NoAction,
        sql::ReferentialAction::SetDefault => ReferentialAction::SetDefault,
    }
}

/// An index column with its operator class, where it is not the default one for `method`.
fn index_column_with_class(
    c: &sql::IndexColumn,
    method: Option<&str>,
    d: &dyn Dialect,
) -> IndexColumn {
    let mut column = index_column(c);
    column.ops = c.operator_class.as_ref().map(object_name);
    column.default_ops = column
        .ops
        .as_deref()
        .is_some_and(|class| d.is_default_operator_class(method, class));
    column
}

fn index_column(c: &sql::IndexColumn) -> IndexColumn {
    let descending = matches!(c.column.options.sort, Some(sql::OrderBySort::Desc));
    match &c.column.expr {
        // MySQL prefix length: `col(10)` parses as a call.
        sql::Expr::Function(f) => {
            let length = f
                .args
                .to_string()
                .trim_matches(|ch| ch == '(' || ch == ')')
                .parse()
                .ok();
            IndexColumn {
                name: object_name(&f.name),
                descending,
                length,
                ops: None,
                default_ops: false,
            }
        }
        sql::Expr::Identifier(i) => IndexColumn {
            name: i.value.clone(),
            descending,
            length: None,
            ops: None,
            default_ops: false,
        },
        other => IndexColumn {
            name: other
                .to_string()
                .trim_matches('"')
                .trim_matches('`')
                .to_owned(),
            descending,
            length: None,
            ops: None,
            default_ops: false,
        },
    }
}

fn index_algorithm(t: &sql::IndexType) -> Option<String> {
    match t {
        sql::IndexType::BTree => None,
        other => Some(other.to_string().to_ascii_uppercase()),
    }
}

/// The database schema a qualified name names (`"auth"."User"`), if it names one.
fn object_namespace(name: &ObjectName) -> Option<String> {
    let parts = &name.0;
    let schema = parts.len().checked_sub(2).map(|i| &parts[i])?;
    schema.as_ident().map(|i| i.value.clone())
}

fn object_name(name: &ObjectName) -> String {
    name.0
        .last()
        .and_then(|p| p.as_ident())
        .map(|i| i.value.clone())
        .unwrap_or_else(|| name.to_string())
}
