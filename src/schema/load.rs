//! Reading Prisma schema files and turning psl's validated schema into the IR.
//!
//! Rules: this is the only module that imports `saola_psl`. Diagnostics leave it as tether's own
//! `Diagnostic` values, located in the user's own text: the Prisma 7 bridge (a datasource with
//! no `url`) inserts text before validation, and every span is mapped back before it is shown.

use super::ir::*;
use anyhow::{Context, Result, bail};
use saola_psl::datamodel_connector::walker_ext_traits::CompleteInlineRelationWalkerExt;
use saola_psl::diagnostics::Span;
use saola_psl::parser_database::{
    self as db, IndexAlgorithm, ReferentialAction as PslAction, ScalarFieldType,
    SortOrder as PslSort, walkers,
};
use saola_psl::schema_ast::ast::{self, WithDocumentation, WithSpan};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Environment variable named by the `url` that the Prisma 7 bridge inserts; never read.
const BRIDGE_URL: &str = "url = env(\"TETHER_PRISMA7_BRIDGE\")\n";

/// One schema file as read from disk.
#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// The path as the user should see it (relative when the user gave a relative path).
    pub path: PathBuf,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A Prisma diagnostic located in the user's file.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    #[serde(skip)]
    pub source_line: String,
}

/// The schema did not validate.
#[derive(Debug, Clone, Serialize)]
pub struct SchemaErrors {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

pub struct Loaded {
    pub schema: Schema,
    pub warnings: Vec<Diagnostic>,
}

/// A schema Prisma's validator accepts, as `tether validate` reports it.
pub enum Validated {
    /// Of a provider tether generates for: loaded into the IR.
    Loaded(Loaded),
    /// Of a provider Prisma knows and tether generates nothing for (`Provider::VALIDATED_ONLY`).
    ValidOnly(ValidOnly),
}

pub struct ValidOnly {
    pub provider: String,
    pub models: usize,
    pub enums: usize,
    pub views: usize,
    pub composite_types: usize,
    pub warnings: Vec<Diagnostic>,
    /// Why the other commands refuse the schema, located at its datasource.
    pub refusal: Diagnostic,
}

/// Reads one `.prisma` file, or every `.prisma` file below a folder (sorted by path).
pub fn read_sources(path: &Path) -> Result<Vec<SchemaFile>> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("schema: cannot read {}", path.display()))?;
    let paths: Vec<PathBuf> = if meta.is_dir() {
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry = entry.with_context(|| format!("schema: cannot walk {}", path.display()))?;
            if entry.file_type().is_file()
                && entry.path().extension().is_some_and(|e| e == "prisma")
            {
                // `--schema .` walks `./a.prisma`; show `a.prisma`, as the user would type it.
                let path = entry.into_path();
                found.push(
                    path.strip_prefix(".")
                        .map(Path::to_path_buf)
                        .unwrap_or(path),
                );
            }
        }
        if found.is_empty() {
            bail!("schema: no .prisma file in folder {}", path.display());
        }
        found
    } else {
        vec![path.to_path_buf()]
    };
    paths.into_iter().map(|p| read_one(&p)).collect()
}

fn read_one(path: &Path) -> Result<SchemaFile> {
    let bytes =
        std::fs::read(path).with_context(|| format!("schema: cannot read {}", path.display()))?;
    if bytes.contains(&0) {
        bail!(
            "schema: {} is a binary file, not a Prisma schema",
            path.display()
        );
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "schema: {} is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.trim().is_empty() {
        bail!("schema: {} is empty", path.display());
    }
    Ok(SchemaFile {
        path: path.to_path_buf(),
        text,
    })
}

/// Where the Prisma 7 bridge inserted text into a file, so spans can be mapped back: one
/// `(position in the bridged text, length)` per url-less datasource, in text order.
#[derive(Clone, Default)]
struct Insertions(Vec<(usize, usize)>);

impl Insertions {
    fn to_original(&self, pos: usize) -> usize {
        let mut shift = 0;
        for &(at, len) in &self.0 {
            if pos < at {
                break;
            }
            if pos < at + len {
                return at - shift;
            }
            shift += len;
        }
        pos - shift
    }
}

/// Prisma 7 removed `url` from the datasource block; psl still demands it. Insert one on its own
/// line right after each such block's opening line; `Insertions` maps spans back.
fn bridge_prisma7(text: &str) -> (String, Insertions) {
    let mut bridged = String::with_capacity(text.len() + BRIDGE_URL.len());
    let mut insertions = Vec::new();
    let mut copied = 0;
    for after_open_line in datasources_without_url(text) {
        bridged.push_str(&text[copied..after_open_line]);
        insertions.push((bridged.len(), BRIDGE_URL.len()));
        bridged.push_str(BRIDGE_URL);
        copied = after_open_line;
    }
    bridged.push_str(&text[copied..]);
    (bridged, Insertions(insertions))
}

/// Offsets just after the opening line of each `datasource` block that has no `url` key. A
/// line scan rather than a second parse: this runs on every load, and psl parses the text next
/// anyway (and reports anything this scan misreads, at the user's own line).
fn datasources_without_url(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut open: Option<(usize, bool)> = None;
    let mut in_comment = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if in_comment {
            in_comment = !trimmed.contains("*/");
            continue;
        }
        if trimmed.starts_with("/*") {
            in_comment = !trimmed.contains("*/");
            continue;
        }
        match &mut open {
            None => {
                if opens_datasource(trimmed) && line.ends_with('\n') {
                    open = Some((start + line.len(), false));
                }
            }
            Some((after_open, has_url)) => {
                if trimmed.starts_with('}') {
                    if !*has_url {
                        out.push(*after_open);
                    }
                    open = None;
                } else if trimmed
                    .strip_prefix("url")
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
                {
                    *has_url = true;
                }
            }
        }
    }
    out
}

/// Does this (trimmed) line open a datasource block as psl's grammar reads one: `datasource`,
/// an identifier (the space between them optional), `{`, then anything up to the line's end
/// (psl skips the rest of the opening line: `datasource db { // main` opens a block)?
fn opens_datasource(trimmed: &str) -> bool {
    let Some(rest) = trimmed.strip_prefix("datasource") else {
        return false;
    };
    let rest = rest.trim_start();
    let name_end = rest
        .find(|c: char| !(c.is_alphabetic() || c.is_ascii_digit() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    rest.starts_with(|c: char| c.is_alphabetic() || c.is_ascii_digit())
        && rest[name_end..].trim_start().starts_with('{')
}

/// Validates the files with Prisma's own validator and builds the IR.
/// Loads the schema into the IR: `validate`, refusing a schema of a provider tether generates
/// nothing for, at its datasource.
pub fn load(files: &[SchemaFile]) -> Result<Loaded, SchemaErrors> {
    match validate(files)? {
        Validated::Loaded(loaded) => Ok(loaded),
        Validated::ValidOnly(only) => Err(SchemaErrors {
            errors: vec![only.refusal],
            warnings: only.warnings,
        }),
    }
}

/// Prisma's validation of the schema (and tether's own checks of its directives), loaded into
/// the IR when tether generates for its provider.
pub fn validate(files: &[SchemaFile]) -> Result<Validated, SchemaErrors> {
    let mut insertions = Vec::with_capacity(files.len());
    let inputs: Vec<(String, saola_psl::SourceFile)> = files
        .iter()
        .map(|f| {
            let (text, insertion) = bridge_prisma7(&f.text);
            insertions.push(insertion);
            (f.path.display().to_string(), text.into())
        })
        .collect();
    let validated = saola_psl::validate_multi_file_without_extensions(&inputs);

    let locate = |span: Span, severity: Severity, message: &str| {
        let index = (span.file_id.0 as usize).min(files.len() - 1);
        let insertion = &insertions[index];
        locate_in(
            &files[index],
            insertion.to_original(span.start),
            insertion.to_original(span.end),
            severity,
            message,
        )
    };
    let warnings: Vec<Diagnostic> = validated
        .diagnostics
        .warnings()
        .iter()
        .map(|w| locate(w.span(), Severity::Warning, w.message()))
        .collect();
    if validated.diagnostics.has_errors() {
        let errors = validated
            .diagnostics
            .errors()
            .iter()
            .map(|e| locate(e.span(), Severity::Error, e.message()))
            .collect();
        return Err(SchemaErrors { errors, warnings });
    }
    // psl refuses a second datasource within one file but checks each file alone; across files
    // the provider would depend on the order of the file names. Prisma's wording, at each
    // block after the first.
    let extra_datasources: Vec<Diagnostic> = validated
        .configuration
        .datasources
        .iter()
        .skip(1)
        .map(|ds| {
            let message = format!(
                "Error validating datasource `{}`: You defined more than one datasource. This is not allowed yet because support for multiple databases has not been implemented yet.",
                ds.name
            );
            locate(ds.span, Severity::Error, &message)
        })
        .collect();
    if !extra_datasources.is_empty() {
        return Err(SchemaErrors {
            errors: extra_datasources,
            warnings,
        });
    }
    // A mistyped rename would silently become a drop and a create: it is an error, located.
    let directive_errors = malformed_directives(files);
    if !directive_errors.is_empty() {
        return Err(SchemaErrors {
            errors: directive_errors,
            warnings,
        });
    }
    // psl accepts a schema without a datasource; Prisma Migrate and tether cannot use one.
    if validated.configuration.datasources.is_empty() {
        let message = "There is no datasource in the schema: add a `datasource` block with a `provider` (\"postgresql\", \"mysql\" or \"sqlite\").";
        let errors = vec![locate_in(&files[0], 0, 0, Severity::Error, message)];
        return Err(SchemaErrors { errors, warnings });
    }
    let datasource = &validated.configuration.datasources[0];
    let db = &validated.db;
    if Provider::VALIDATED_ONLY.contains(&datasource.active_provider) {
        let message = Provider::validated_only_message(datasource.active_provider);
        return Ok(Validated::ValidOnly(ValidOnly {
            provider: datasource.active_provider.to_owned(),
            models: db.walk_models().count(),
            enums: db.walk_enums().count(),
            views: db.walk_views().count(),
            composite_types: db.walk_composite_types().count(),
            refusal: locate(datasource.span, Severity::Error, &message),
            warnings,
        }));
    }
    if let Some((span, message)) = multi_schema_refusal(db) {
        return Err(SchemaErrors {
            errors: vec![locate(span, Severity::Error, &message)],
            warnings,
        });
    }
    // psl knows only the providers of the features tether builds it with, all of which tether
    // knows or lists as validated only; this error is for a psl that accepts one more.
    let provider =
        Provider::of_datasource(datasource.active_provider).map_err(|message| SchemaErrors {
            errors: vec![locate(datasource.span, Severity::Error, &message)],
            warnings: warnings.clone(),
        })?;
    let schema = IrBuilder::new(&validated).build(provider);
    Ok(Validated::Loaded(Loaded { schema, warnings }))
}

/// multiSchema (`schemas = [...]`, `@@schema`; psl accepts it on PostgreSQL only, of tether's
/// providers): tether's model names a table (and a type) by its name alone, so two of one name
/// in two schemas are refused where the second is declared rather than confused.
fn multi_schema_refusal(db: &saola_psl::parser_database::ParserDatabase) -> Option<(Span, String)> {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let tables = db
        .walk_models()
        .map(|m| (m.database_name(), m.schema(), m.ast_model().span()));
    for (name, schema, span) in tables {
        let namespace = schema.map(|(n, _)| n).unwrap_or("");
        if let Some(other) = seen.insert(name, namespace)
            && other != namespace
        {
            let message = format!(
                "The table name `{name}` is used in two database schemas (`{other}` and `{namespace}`): tether names a table by its name alone, so give one of them another name with `@@map`."
            );
            return Some((span, message));
        }
    }
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for e in db.walk_enums() {
        let namespace = e.schema().map(|(n, _)| n).unwrap_or("");
        if let Some(other) = seen.insert(e.database_name(), namespace)
            && other != namespace
        {
            let message = format!(
                "The enum name `{}` is used in two database schemas (`{other}` and `{namespace}`): tether names a type by its name alone, so give one of them another name with `@@map`.",
                e.database_name()
            );
            return Some((e.ast_enum().span, message));
        }
    }
    None
}

fn locate_in(
    file: &SchemaFile,
    start: usize,
    end: usize,
    severity: Severity,
    message: &str,
) -> Diagnostic {
    let (line, column) = line_column(&file.text, start);
    let (end_line, end_column) = line_column(&file.text, end.max(start));
    let source_line = file.text.lines().nth(line - 1).unwrap_or("").to_owned();
    Diagnostic {
        severity,
        message: message.to_owned(),
        file: file.path.clone(),
        line,
        column,
        end_line,
        end_column,
        source_line,
    }
}

/// The 1-based line and column (in characters) of byte offset `pos` in `text`; an offset past
/// the end or inside a character counts as the nearest character boundary before it.
pub(crate) fn line_column(text: &str, pos: usize) -> (usize, usize) {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &text[..pos];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// Prisma's formatter over each file. Returns (path, formatted text) in input order.
pub fn format(files: &[SchemaFile]) -> Vec<(PathBuf, String)> {
    let inputs: Vec<(String, saola_psl::SourceFile)> = files
        .iter()
        .map(|f| (f.path.display().to_string(), f.text.as_str().into()))
        .collect();
    let formatted: HashMap<String, String> = saola_psl::reformat_multiple(inputs, 2)
        .into_iter()
        .collect();
    files
        .iter()
        .map(|f| {
            let text = formatted
                .get(&f.path.display().to_string())
                .cloned()
                .unwrap_or_else(|| f.text.clone());
            (f.path.clone(), text)
        })
        .collect()
}

/// Walks psl's validated schema once and builds the IR.
struct IrBuilder<'a> {
    validated: &'a saola_psl::ValidatedSchema,
    model_ids: HashMap<db::ModelId, ModelId>,
    enum_ids: HashMap<db::EnumId, EnumId>,
    /// Per model: psl field id -> index in `Model::fields`.
    field_ids: HashMap<(db::ModelId, ast::FieldId), FieldId>,
}

impl<'a> IrBuilder<'a> {
    fn new(validated: &'a saola_psl::ValidatedSchema) -> Self {
        IrBuilder {
            validated,
            model_ids: HashMap::new(),
            enum_ids: HashMap::new(),
            field_ids: HashMap::new(),
        }
    }

    fn build(mut self, provider: Provider) -> Schema {
        let db = &self.validated.db;

        let enums: Vec<Enum> = db
            .walk_enums()
            .enumerate()
            .map(|(i, e)| {
                self.enum_ids.insert(e.id, EnumId(i));
                Enum {
                    name: e.name().to_owned(),
                    mapped_name: e.mapped_name().map(str::to_owned),
                    documentation: e.ast_enum().documentation().map(str::to_owned),
                    values: e
                        .values()
                        .map(|v| EnumValue {
                            name: v.name().to_owned(),
                            mapped_name: v.mapped_name().map(str::to_owned),
                            documentation: v.documentation().map(str::to_owned),
                        })
                        .collect(),
                    namespace: e.schema().map(|(name, _)| name.to_owned()),
                }
            })
            .collect();

        for (i, m) in db.walk_models().enumerate() {
            self.model_ids.insert(m.id, ModelId(i));
            for (j, f) in m.scalar_fields().enumerate() {
                self.field_ids.insert((m.id, f.field_id()), FieldId(j));
            }
        }
        for m in db.walk_views() {
            for (j, f) in m.scalar_fields().enumerate() {
                self.field_ids.insert((m.id, f.field_id()), FieldId(j));
            }
        }

        let relations = self.relations();
        let relation_index: std::collections::BTreeMap<db::RelationId, usize> = relations
            .iter()
            .enumerate()
            .map(|(i, r)| (r.0, i))
            .collect();
        let mut models: Vec<Model> = db.walk_models().map(|m| self.model(m)).collect();
        let views: Vec<Model> = db.walk_views().map(|m| self.model(m)).collect();
        for model in &mut models {
            model.relation_fields.clear();
        }
        for m in db.walk_models() {
            let id = self.model_ids[&m.id];
            models[id.0].relation_fields = m
                .relation_fields()
                .filter_map(|rf| {
                    let related = *self.model_ids.get(&rf.related_model().id)?;
                    let relation = *relation_index.get(&rf.relation().id)?;
                    let (documentation, _) =
                        split_tether_directives(rf.ast_field().documentation());
                    Some(RelationField {
                        name: rf.name().to_owned(),
                        related_model: related,
                        arity: arity(rf.ast_field().arity),
                        relation,
                        documentation,
                        ignored: rf.is_ignored(),
                    })
                })
                .collect();
        }

        let composite_types = db
            .walk_composite_types()
            .map(|ct| CompositeType {
                name: ct.name().to_owned(),
                documentation: ct.ast_composite_type().documentation().map(str::to_owned),
                fields: ct
                    .fields()
                    .map(|f| {
                        let (documentation, renamed_from) =
                            split_tether_directives(f.documentation());
                        Field {
                            name: f.name().to_owned(),
                            mapped_name: f.mapped_name().map(str::to_owned),
                            ty: self.field_type(f.r#type(), f.ast_field()),
                            arity: arity(f.arity()),
                            native_type: native_type(f.raw_native_type()),
                            default: f
                                .default_value()
                                .map(|v| self.default_from_expression(v, None)),
                            updated_at: false,
                            ignored: false,
                            documentation,
                            renamed_from,
                            dialect_defaults: Vec::new(),
                        }
                    })
                    .collect(),
            })
            .collect();

        Schema {
            provider,
            models,
            views,
            enums,
            composite_types,
            relations: relations.into_iter().map(|r| r.1).collect(),
            extensions: self.extensions(),
            relation_mode: match self.validated.relation_mode() {
                saola_psl::datamodel_connector::RelationMode::Prisma => RelationMode::Prisma,
                _ => RelationMode::ForeignKeys,
            },
            namespaces: self.validated.configuration.datasources[0]
                .namespaces
                .iter()
                .map(|(name, _)| name.clone())
                .collect(),
        }
    }

    /// `extensions = [...]` of a PostgreSQL datasource.
    fn extensions(&self) -> Vec<Extension> {
        let properties = self
            .validated
            .configuration
            .datasources
            .first()
            .and_then(|d| {
                d.downcast_connector_data::<saola_psl::builtin_connectors::PostgresDatasourceProperties>()
            })
            .and_then(|p| p.extensions());
        properties
            .map(|p| {
                p.extensions()
                    .iter()
                    .map(|e| Extension {
                        name: e.name().to_owned(),
                        mapped_name: e.db_name().map(str::to_owned),
                        schema: e.schema().map(str::to_owned),
                        version: e.version().map(str::to_owned),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn model(&self, m: walkers::ModelWalker<'_>) -> Model {
        let (documentation, renamed_from) = split_tether_directives(m.ast_model().documentation());
        let fields: Vec<Field> = m
            .scalar_fields()
            .map(|f| {
                let (documentation, renamed_from) =
                    split_tether_directives(f.ast_field().documentation());
                Field {
                    name: f.name().to_owned(),
                    mapped_name: f.mapped_name().map(str::to_owned),
                    ty: self.field_type(f.scalar_field_type(), f.ast_field()),
                    arity: arity(f.ast_field().arity),
                    native_type: native_type(f.raw_native_type()),
                    default: f.default_value().map(|d| self.default_value(d)),
                    updated_at: f.is_updated_at(),
                    ignored: f.is_ignored(),
                    documentation,
                    renamed_from,
                    dialect_defaults: dialect_defaults(f.ast_field().documentation()),
                }
            })
            .collect();
        let primary_key = m.primary_key().map(|pk| PrimaryKey {
            fields: pk
                .scalar_field_attributes()
                .map(|a| IndexField {
                    field: self.field_ids[&(m.id, a.as_index_field().field_id())],
                    path: Vec::new(),
                    sort: a.sort_order().map(sort_order),
                    length: a.length(),
                    ops: None,
                })
                .collect(),
            mapped_name: pk.mapped_name().map(str::to_owned),
            client_name: pk.name().map(str::to_owned),
            defined_on_field: pk.is_defined_on_field(),
        });
        let indexes = m
            .indexes()
            .map(|ix| Index {
                kind: if ix.is_unique() {
                    IndexKind::Unique
                } else if ix.is_fulltext() {
                    IndexKind::Fulltext
                } else {
                    IndexKind::Normal
                },
                fields: ix
                    .scalar_field_attributes()
                    .map(|a| IndexField {
                        // `address.city` (MongoDB): the model's field is the path's first; the
                        // composite type's fields after it are `path`.
                        field: match a.as_mapped_path_to_indexed_field().as_slice() {
                            [(root, _), _, ..] => FieldId(
                                fields
                                    .iter()
                                    .position(|f| f.database_name() == *root)
                                    .unwrap_or(0),
                            ),
                            _ => self.field_ids[&(m.id, a.as_index_field().field_id())],
                        },
                        path: a
                            .as_mapped_path_to_indexed_field()
                            .iter()
                            .skip(1)
                            .map(|(name, _)| (*name).to_owned())
                            .collect(),
                        sort: a.sort_order().map(sort_order),
                        length: a.length(),
                        ops: a.operator_class().map(|class| {
                            class.get().either(
                                |named| OperatorClass::Named(named.to_string()),
                                |raw| OperatorClass::Raw(raw.to_owned()),
                            )
                        }),
                    })
                    .collect(),
                mapped_name: ix.mapped_name().map(str::to_owned),
                client_name: ix.name().map(str::to_owned),
                algorithm: ix.algorithm().map(algorithm_name),
                defined_on_field: ix.is_defined_on_field(),
            })
            .collect();
        Model {
            name: m.name().to_owned(),
            mapped_name: m.mapped_name().map(str::to_owned),
            documentation,
            fields,
            relation_fields: Vec::new(),
            primary_key,
            indexes,
            ignored: m.is_ignored(),
            renamed_from,
            namespace: m.schema().map(|(name, _)| name.to_owned()),
        }
    }

    fn field_type(&self, ty: ScalarFieldType, field: &ast::Field) -> FieldType {
        match ty {
            ScalarFieldType::BuiltInScalar(s) => FieldType::Scalar(scalar(s)),
            ScalarFieldType::Enum(id) => FieldType::Enum(self.enum_ids[&id]),
            ScalarFieldType::CompositeType(_) => {
                FieldType::Composite(field.field_type.name().to_owned())
            }
            ScalarFieldType::Unsupported(_) | ScalarFieldType::Extension(_) => {
                match &field.field_type {
                    ast::FieldType::Unsupported(name, _) => FieldType::Unsupported(name.clone()),
                    other => FieldType::Unsupported(other.name().to_owned()),
                }
            }
        }
    }

    fn default_value(&self, d: walkers::DefaultValueWalker<'_>) -> DefaultValue {
        if d.is_autoincrement() || d.is_sequence() {
            return DefaultValue::Autoincrement;
        }
        let enum_type = d.field().field_type_as_enum();
        self.default_from_expression(d.value(), enum_type)
    }

    fn default_from_expression(
        &self,
        value: &ast::Expression,
        enum_type: Option<walkers::EnumWalker<'_>>,
    ) -> DefaultValue {
        match value {
            ast::Expression::Function(name, args, _) => {
                let first_arg = args.arguments.first().map(|a| &a.value);
                let number_arg = || match first_arg {
                    Some(ast::Expression::NumericValue(n, _)) => n.parse::<u8>().ok(),
                    _ => None,
                };
                match name.as_str() {
                    "autoincrement" | "sequence" => DefaultValue::Autoincrement,
                    "now" => DefaultValue::Now,
                    "uuid" => DefaultValue::Uuid {
                        version: number_arg().unwrap_or(4),
                    },
                    "cuid" => DefaultValue::Cuid {
                        version: number_arg().unwrap_or(1),
                    },
                    "ulid" => DefaultValue::Ulid,
                    "auto" => DefaultValue::Auto,
                    "nanoid" => DefaultValue::Nanoid {
                        length: number_arg(),
                    },
                    "dbgenerated" => DefaultValue::DbGenerated(match first_arg {
                        Some(ast::Expression::StringValue(s, _)) => Some(s.clone()),
                        _ => None,
                    }),
                    // psl only accepts the functions above; anything else is passed through verbatim.
                    other => DefaultValue::DbGenerated(Some(format!("{other}()"))),
                }
            }
            ast::Expression::Array(items, _) => {
                DefaultValue::List(items.iter().map(|i| literal(i, enum_type)).collect())
            }
            other => DefaultValue::Value(literal(other, enum_type)),
        }
    }

    /// Relations in psl's order, paired with psl's relation id so relation fields can find them.
    fn relations(&self) -> Vec<(db::RelationId, Relation)> {
        let db = &self.validated.db;
        let connector = self.validated.connector;
        let relation_mode = self.validated.relation_mode();
        let mut out = Vec::new();
        for r in db.walk_relations() {
            if r.is_ignored() {
                continue;
            }
            let name = r.relation_name().to_string();
            let kind = match r.refine() {
                walkers::RefinedRelationWalker::Inline(inline) => {
                    let Some(complete) = inline.as_complete() else {
                        continue;
                    };
                    let (Some(&referencing), Some(&referenced)) = (
                        self.model_ids.get(&complete.referencing_model().id),
                        self.model_ids.get(&complete.referenced_model().id),
                    ) else {
                        continue;
                    };
                    let referencing_model_id = complete.referencing_model().id;
                    let referenced_model_id = complete.referenced_model().id;
                    RelationKind::Inline {
                        referencing_model: referencing,
                        referencing_fields: complete
                            .referencing_fields()
                            .map(|f| self.field_ids[&(referencing_model_id, f.field_id())])
                            .collect(),
                        referenced_model: referenced,
                        referenced_fields: complete
                            .referenced_fields()
                            .map(|f| self.field_ids[&(referenced_model_id, f.field_id())])
                            .collect(),
                        on_delete: action(complete.on_delete(connector, relation_mode)),
                        on_update: action(complete.on_update()),
                        mapped_name: inline.mapped_name().map(str::to_owned),
                        one_to_one: inline.is_one_to_one(),
                        forward_field: inline.forward_relation_field().map(|f| f.name().to_owned()),
                        back_field: inline.back_relation_field().map(|f| f.name().to_owned()),
                    }
                }
                walkers::RefinedRelationWalker::ImplicitManyToMany(m2m) => {
                    let (Some(&a), Some(&b)) = (
                        self.model_ids.get(&m2m.model_a().id),
                        self.model_ids.get(&m2m.model_b().id),
                    ) else {
                        continue;
                    };
                    RelationKind::ImplicitManyToMany {
                        model_a: a,
                        model_b: b,
                        field_a: m2m.field_a().name().to_owned(),
                        field_b: m2m.field_b().name().to_owned(),
                        table_name: m2m.table_name().to_string(),
                    }
                }
                walkers::RefinedRelationWalker::TwoWayEmbeddedManyToMany(_) => continue,
            };
            out.push((r.id, Relation { name, kind }));
        }
        out
    }
}

/// `/// @tether.renamed(from: "old")` lines are directives, not documentation.
/// The value of a well-formed `@tether.renamed(from: "old")` directive.
fn renamed_from_directive(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix(RENAMED)?.strip_suffix(')')?.trim();
    let value = inner
        .strip_prefix("from:")?
        .trim()
        .strip_prefix('"')?
        .strip_suffix('"')?;
    (!value.is_empty() && !value.contains('"')).then_some(value)
}

const RENAMED: &str = "@tether.renamed(";
const DEFAULT: &str = "@tether.default(";
/// What every tether directive starts with: `renamed` and `default`.
const DIRECTIVE: &str = "@tether.";

/// `@tether.default(sqlite: "(lower(hex(randomblob(16))))", mysql: none)` -> the dialects and
/// what the default is there; `None` when malformed (a name that is no SQL dialect, a value
/// that is neither a string nor `none`).
fn default_directive(line: &str) -> Option<Vec<(Provider, Option<String>)>> {
    let inner = line.trim().strip_prefix(DEFAULT)?.strip_suffix(')')?;
    let mut out = Vec::new();
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let (name, after) = rest.split_once(':')?;
        let provider = Provider::parse(name.trim()).filter(|p| p.is_relational())?;
        let after = after.trim_start();
        let (value, tail) = if let Some(quoted) = after.strip_prefix('"') {
            // A string as Prisma writes one: `\"` and `\\` are escapes.
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let end = loop {
                match chars.next()? {
                    (_, '\\') => value.push(chars.next()?.1),
                    (i, '"') => break i,
                    (_, c) => value.push(c),
                }
            };
            (Some(value), &quoted[end + 1..])
        } else {
            let tail = after.strip_prefix("none")?;
            (None, tail)
        };
        out.push((provider, value));
        let tail = tail.trim_start();
        rest = match tail.strip_prefix(',') {
            Some(more) => more.trim_start(),
            None if tail.is_empty() => "",
            None => return None,
        };
    }
    (!out.is_empty()).then_some(out)
}

/// A field's `@tether.default(...)` directives, read from its documentation.
fn dialect_defaults(doc: Option<&str>) -> Vec<(Provider, Option<String>)> {
    doc.into_iter()
        .flat_map(str::lines)
        .filter_map(default_directive)
        .flatten()
        .collect()
}

/// `///` lines that start a tether directive, as (file, byte offset of the line, the line).
fn directive_lines(files: &[SchemaFile]) -> impl Iterator<Item = (&SchemaFile, usize, &str)> {
    files.iter().flat_map(|file| {
        let mut offset = 0;
        file.text.split_inclusive('\n').filter_map(move |line| {
            let start = offset;
            offset += line.len();
            let doc = line.trim_start().strip_prefix("///")?;
            doc.trim_start()
                .starts_with(DIRECTIVE)
                .then_some((file, start, line))
        })
    })
}

/// Directive lines in `///` comments that are not `@tether.renamed(from: "name")`: a
/// misspelled name or malformed arguments would otherwise be documentation, and the rename a
/// drop and a create.
fn malformed_directives(files: &[SchemaFile]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (file, start, line) in directive_lines(files) {
        let doc = line.trim_start().trim_start_matches('/').trim();
        if renamed_from_directive(doc).is_some() || default_directive(doc).is_some() {
            continue;
        }
        let message = if doc.starts_with(RENAMED) {
            "Invalid tether directive: write `/// @tether.renamed(from: \"old_database_name\")` (the name the table or column had in the database).".to_owned()
        } else if doc.starts_with(DEFAULT) {
            "Invalid tether directive: write `/// @tether.default(sqlite: \"(expression)\", mysql: none)` (for each dialect, its SQL for the default, or none for no default there).".to_owned()
        } else {
            let name_end = doc[DIRECTIVE.len()..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map_or(doc.len(), |i| i + DIRECTIVE.len());
            format!(
                "Unknown tether directive `{}`: tether knows `/// @tether.renamed(from: \"old_database_name\")` and `/// @tether.default(sqlite: \"(expression)\", mysql: none)`.",
                &doc[..name_end]
            )
        };
        let at = start + line.find(DIRECTIVE).unwrap_or(0);
        let end = start + line.trim_end().len();
        out.push(locate_in(file, at, end, Severity::Error, &message));
    }
    out
}

/// Where `/// @tether.renamed(from: "<from>")` is written: (file, 1-based line), for messages
/// about a rename found later (when a migration is planned).
pub fn rename_directive_location(files: &[SchemaFile], from: &str) -> Option<(PathBuf, usize)> {
    directive_lines(files).find_map(|(file, start, line)| {
        let doc = line.trim_start().trim_start_matches('/').trim();
        (renamed_from_directive(doc) == Some(from))
            .then(|| (file.path.clone(), line_column(&file.text, start).0))
    })
}

fn split_tether_directives(doc: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(doc) = doc else { return (None, None) };
    let mut renamed_from = None;
    let mut kept = Vec::new();
    for line in doc.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with(DIRECTIVE) {
            // Malformed directives were rejected before the IR is built.
            if let Some(from) = renamed_from_directive(trimmed) {
                renamed_from = Some(from.to_owned());
            }
        } else {
            kept.push(line);
        }
    }
    let text = kept.join("\n");
    ((!text.trim().is_empty()).then_some(text), renamed_from)
}

fn literal(expr: &ast::Expression, enum_type: Option<walkers::EnumWalker<'_>>) -> Literal {
    match expr {
        ast::Expression::StringValue(s, _) => Literal::String(s.clone()),
        ast::Expression::NumericValue(n, _) => Literal::Number(n.clone()),
        ast::Expression::ConstantValue(c, _) if enum_type.is_some() => {
            Literal::EnumValue(c.clone())
        }
        ast::Expression::ConstantValue(c, _) if c == "true" || c == "false" => {
            Literal::Boolean(c == "true")
        }
        ast::Expression::ConstantValue(c, _) => Literal::EnumValue(c.clone()),
        other => Literal::String(other.to_string()),
    }
}

fn native_type(raw: Option<(&str, &str, &[String], Span)>) -> Option<NativeType> {
    raw.map(|(_, name, args, _)| NativeType {
        name: name.to_owned(),
        args: args.to_vec(),
    })
}

fn arity(a: ast::FieldArity) -> Arity {
    match a {
        ast::FieldArity::Required => Arity::Required,
        ast::FieldArity::Optional => Arity::Optional,
        ast::FieldArity::List => Arity::List,
    }
}

fn scalar(s: db::ScalarType) -> ScalarType {
    match s {
        db::ScalarType::Int => ScalarType::Int,
        db::ScalarType::BigInt => ScalarType::BigInt,
        db::ScalarType::Float => ScalarType::Float,
        db::ScalarType::Boolean => ScalarType::Boolean,
        db::ScalarType::String => ScalarType::String,
        db::ScalarType::DateTime => ScalarType::DateTime,
        db::ScalarType::Json => ScalarType::Json,
        db::ScalarType::Bytes => ScalarType::Bytes,
        db::ScalarType::Decimal => ScalarType::Decimal,
    }
}

fn sort_order(s: PslSort) -> SortOrder {
    match s {
        PslSort::Asc => SortOrder::Asc,
        PslSort::Desc => SortOrder::Desc,
    }
}

fn algorithm_name(a: IndexAlgorithm) -> String {
    match a {
        IndexAlgorithm::BTree => "BTree",
        IndexAlgorithm::Hash => "Hash",
        IndexAlgorithm::Gist => "Gist",
        IndexAlgorithm::Gin => "Gin",
        IndexAlgorithm::SpGist => "SpGist",
        IndexAlgorithm::Brin => "Brin",
    }
    .to_owned()
}

fn action(a: PslAction) -> ReferentialAction {
    match a {
        PslAction::Cascade => ReferentialAction::Cascade,
        PslAction::Restrict => ReferentialAction::Restrict,
        PslAction::NoAction => ReferentialAction::NoAction,
        PslAction::SetNull => ReferentialAction::SetNull,
        PslAction::SetDefault => ReferentialAction::SetDefault,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Loaded, SchemaErrors> {
        load(&[SchemaFile {
            path: PathBuf::from("schema.prisma"),
            text: text.to_owned(),
        }])
    }

    /// psl unescapes every string literal it parses (`Unsupported`, `dbgenerated`, `@default`,
    /// `map:`) and keeps `///` text raw, so the IR holds the real strings and nothing here
    /// unescapes again (#13 item 9: the lost quote was the PostgreSQL type map's, not psl's).
    #[test]
    fn the_ir_holds_schema_strings_unescaped() {
        let text = r#"datasource db {
  provider = "postgresql"
}

/// say "hi" \ there
model A {
  id  Int    @id
  u   Unsupported("\"public\".geography")?
  g   String @default(dbgenerated("'it''s'"))
  q   String @default("a \"quoted\" \\ value") @map("na\"me")

  @@map("t\"able")
}
"#;
        let schema = load_text(text).unwrap().schema;
        let model = &schema.models[0];
        assert_eq!(model.documentation.as_deref(), Some(r#"say "hi" \ there"#));
        assert_eq!(model.mapped_name.as_deref(), Some(r#"t"able"#));
        let field = |name: &str| model.fields.iter().find(|f| f.name == name).unwrap();
        assert_eq!(
            field("u").ty,
            FieldType::Unsupported(r#""public".geography"#.to_owned())
        );
        assert_eq!(
            field("g").default,
            Some(DefaultValue::DbGenerated(Some("'it''s'".to_owned())))
        );
        assert_eq!(
            field("q").default,
            Some(DefaultValue::Value(Literal::String(
                r#"a "quoted" \ value"#.to_owned()
            )))
        );
        assert_eq!(field("q").mapped_name.as_deref(), Some(r#"na"me"#));
    }

    /// Found by fuzzing (fuzz/corpus/schema_load/crash-datasource-no-space): psl's grammar opens a
    /// block with `datasource`, a name with or without a space before it, and a `{` after which
    /// the rest of the line is skipped; Prisma 7 accepts these url-less blocks, and so must the
    /// bridge.
    #[test]
    fn bridge_opens_every_datasource_line_psl_accepts() {
        for open in [
            "datasource db { // the main database",
            "datasourcedb {",
            "datasource db{",
            "  datasource\tdb  {  /* trailing */",
        ] {
            let text =
                format!("{open}\n  provider = \"sqlite\"\n}}\n\nmodel A {{\n  id Int @id\n}}\n");
            let loaded = load_text(&text).unwrap_or_else(|e| panic!("{open:?}: {e:?}"));
            assert_eq!(loaded.schema.models.len(), 1, "{open:?}");
        }
        assert!(!opens_datasource("datasource {"));
        assert!(!opens_datasource("datasources db = 1"));
    }
}
