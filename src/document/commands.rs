//! Database commands: the changes between two `DocSchema`s (`diff`), written as a migration
//! file of MongoDB Extended JSON (`render`) and in a form `mongosh` runs (`render_mongosh`),
//! read back from the file (`parse`) and applied to a `DocSchema` without a database (`apply`).
//!
//! Rules: a command is the document `db.runCommand` takes, with its name as the first key (the
//! server reads the first key as the command), so key order is kept both ways (`Ordered`): an
//! index key `{conversationId: 1, sentAt: -1}` is another index in the other order. Changes
//! come out in an order the server accepts: creations, validator changes, index drops, index
//! creations, drops.

use super::model::*;
use anyhow::{Result, anyhow, bail};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde_json::Value;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Create {
        collection: String,
        json_schema: Option<Value>,
        validation: Validation,
    },
    /// A new validator, level or action for an existing collection.
    CollMod {
        collection: String,
        json_schema: Option<Value>,
        validation: Validation,
    },
    CreateIndexes {
        collection: String,
        indexes: Vec<DocIndex>,
    },
    DropIndexes {
        collection: String,
        names: Vec<String>,
    },
    Drop {
        collection: String,
    },
}

/// The commands between two schemas, and what they lose.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub commands: Vec<Command>,
    pub warnings: Vec<String>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }
}

pub fn diff(previous: &DocSchema, next: &DocSchema) -> Plan {
    let (mut creates, mut mods, mut index_drops, mut index_creates, mut drops) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut warnings = Vec::new();
    for c in &next.collections {
        match previous.collection(&c.name) {
            None => {
                creates.push(Command::Create {
                    collection: c.name.clone(),
                    json_schema: c.json_schema.clone(),
                    validation: c.validation,
                });
                if !c.indexes.is_empty() {
                    index_creates.push(Command::CreateIndexes {
                        collection: c.name.clone(),
                        indexes: c.indexes.clone(),
                    });
                }
            }
            Some(p) => {
                if p.json_schema != c.json_schema || p.validation != c.validation {
                    mods.push(Command::CollMod {
                        collection: c.name.clone(),
                        json_schema: c.json_schema.clone(),
                        validation: c.validation,
                    });
                }
                // A changed index is dropped and created again under its name.
                let dropped: Vec<String> = p
                    .indexes
                    .iter()
                    .filter(|i| c.index(&i.name) != Some(*i))
                    .map(|i| i.name.clone())
                    .collect();
                let created: Vec<DocIndex> = c
                    .indexes
                    .iter()
                    .filter(|i| p.index(&i.name) != Some(*i))
                    .cloned()
                    .collect();
                // One index a command: `index` as an array needs MongoDB 4.2.
                for name in dropped {
                    index_drops.push(Command::DropIndexes {
                        collection: c.name.clone(),
                        names: vec![name],
                    });
                }
                if !created.is_empty() {
                    if created.iter().any(|i| i.unique) {
                        warnings.push(format!(
                            "a unique index on `{}` fails to build if documents already repeat its key",
                            c.name
                        ));
                    }
                    index_creates.push(Command::CreateIndexes {
                        collection: c.name.clone(),
                        indexes: created,
                    });
                }
            }
        }
    }
    for p in &previous.collections {
        if next.collection(&p.name).is_none() {
            warnings.push(format!(
                "dropping collection `{}`: all its documents are lost",
                p.name
            ));
            drops.push(Command::Drop {
                collection: p.name.clone(),
            });
        }
    }
    Plan {
        commands: [creates, mods, index_drops, index_creates, drops].concat(),
        warnings,
    }
}

/// Applies one command to `schema`, as the server would.
pub fn apply(schema: &mut DocSchema, command: &Command) -> Result<()> {
    let exists = |schema: &DocSchema, name: &str| -> Result<()> {
        match schema.collection(name) {
            Some(_) => Ok(()),
            None => bail!("collection `{name}` does not exist"),
        }
    };
    match command {
        Command::Create {
            collection,
            json_schema,
            validation,
        } => {
            if schema.collection(collection).is_some() {
                bail!("collection `{collection}` is created twice");
            }
            schema.collections.push(Collection {
                name: collection.clone(),
                json_schema: json_schema.clone(),
                validation: *validation,
                indexes: Vec::new(),
            });
        }
        Command::CollMod {
            collection,
            json_schema,
            validation,
        } => {
            exists(schema, collection)?;
            let c = schema.collection_mut(collection).expect("checked");
            c.json_schema = json_schema.clone();
            c.validation = *validation;
        }
        Command::CreateIndexes {
            collection,
            indexes,
        } => {
            exists(schema, collection)?;
            let c = schema.collection_mut(collection).expect("checked");
            for index in indexes {
                if c.index(&index.name).is_some() {
                    bail!("index `{}` on `{collection}` exists already", index.name);
                }
                c.indexes.push(index.clone());
            }
        }
        Command::DropIndexes { collection, names } => {
            exists(schema, collection)?;
            let c = schema.collection_mut(collection).expect("checked");
            for name in names {
                if c.index(name).is_none() {
                    bail!("index `{name}` on `{collection}` does not exist");
                }
                c.indexes.retain(|i| &i.name != name);
            }
        }
        Command::Drop { collection } => {
            exists(schema, collection)?;
            schema.collections.retain(|c| &c.name != collection);
        }
    }
    Ok(())
}

// --- the migration file ------------------------------------------------------------------

/// A JSON value whose objects keep their keys in order, both written and read.
#[derive(Debug, Clone, PartialEq)]
pub enum Ordered {
    Object(Vec<(String, Ordered)>),
    Array(Vec<Ordered>),
    /// A value without objects inside (validators are compared as values; their key order is
    /// not meaningful).
    Plain(Value),
}

impl Ordered {
    fn object(entries: Vec<(&str, Ordered)>) -> Ordered {
        Ordered::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    fn get(&self, key: &str) -> Option<&Ordered> {
        match self {
            Ordered::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn str(&self) -> Option<&str> {
        match self {
            Ordered::Plain(Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The plain JSON value (objects' keys in sorted order).
    pub fn to_value(&self) -> Value {
        match self {
            Ordered::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect(),
            ),
            Ordered::Array(items) => Value::Array(items.iter().map(Ordered::to_value).collect()),
            Ordered::Plain(v) => v.clone(),
        }
    }
}

impl serde::Serialize for Ordered {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Ordered::Object(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            Ordered::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Ordered::Plain(v) => v.serialize(s),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Ordered, D::Error> {
        struct OrderedVisitor;
        impl<'de> Visitor<'de> for OrderedVisitor {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Ordered, E> {
                Ok(Ordered::Plain(Value::from(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Ordered, E> {
                Ok(Ordered::Plain(Value::from(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Ordered, E> {
                Ok(Ordered::Plain(Value::from(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Ordered, E> {
                Ok(Ordered::Plain(Value::from(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Ordered, E> {
                Ok(Ordered::Plain(Value::from(v)))
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Plain(Value::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Ordered::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Ordered>()? {
                    entries.push((k, v));
                }
                Ok(Ordered::Object(entries))
            }
        }
        d.deserialize_any(OrderedVisitor)
    }
}

impl Command {
    /// The document `db.runCommand` takes.
    pub fn to_ordered(&self) -> Ordered {
        let plain = |v: &str| Ordered::Plain(Value::from(v));
        let validator = |json_schema: &Option<Value>, validation: &Validation| {
            let schema = match json_schema {
                Some(s) => Value::from_iter([("$jsonSchema".to_owned(), s.clone())]),
                None => Value::Object(Default::default()),
            };
            vec![
                ("validator", Ordered::Plain(schema)),
                ("validationLevel", plain(validation.level.name())),
                ("validationAction", plain(validation.action.name())),
            ]
        };
        match self {
            Command::Create {
                collection,
                json_schema,
                validation,
            } => {
                let mut entries = vec![("create", plain(collection))];
                entries.extend(validator(json_schema, validation));
                Ordered::object(entries)
            }
            Command::CollMod {
                collection,
                json_schema,
                validation,
            } => {
                let mut entries = vec![("collMod", plain(collection))];
                entries.extend(validator(json_schema, validation));
                Ordered::object(entries)
            }
            Command::CreateIndexes {
                collection,
                indexes,
            } => Ordered::object(vec![
                ("createIndexes", plain(collection)),
                (
                    "indexes",
                    Ordered::Array(
                        indexes
                            .iter()
                            .map(|i| {
                                let key = Ordered::Object(
                                    i.keys
                                        .iter()
                                        .map(|(k, v)| (k.clone(), Ordered::Plain(v.to_json())))
                                        .collect(),
                                );
                                let mut entries = vec![("key", key), ("name", plain(&i.name))];
                                if i.unique {
                                    entries.push(("unique", Ordered::Plain(Value::from(true))));
                                }
                                Ordered::object(entries)
                            })
                            .collect(),
                    ),
                ),
            ]),
            Command::DropIndexes { collection, names } => Ordered::object(vec![
                ("dropIndexes", plain(collection)),
                (
                    "index",
                    match names.as_slice() {
                        [one] => plain(one),
                        several => Ordered::Array(several.iter().map(|n| plain(n)).collect()),
                    },
                ),
            ]),
            Command::Drop { collection } => Ordered::object(vec![("drop", plain(collection))]),
        }
    }

    /// A command read back from its document.
    pub fn from_ordered(doc: &Ordered) -> Result<Command> {
        let Ordered::Object(entries) = doc else {
            bail!("a command is a document, not {}", doc.to_value());
        };
        let (name, target) = entries
            .first()
            .ok_or_else(|| anyhow!("an empty document is no command"))?;
        let collection = target
            .str()
            .ok_or_else(|| anyhow!("`{name}` names its collection as a string"))?
            .to_owned();
        let validation = || -> Result<(Option<Value>, Validation)> {
            let json_schema = match doc.get("validator").map(Ordered::to_value) {
                Some(Value::Object(v)) => v.get("$jsonSchema").cloned(),
                None => None,
                Some(other) => bail!("`validator` of `{collection}` is {other}, not a document"),
            };
            let text = |key: &str| doc.get(key).and_then(Ordered::str);
            let level = match text("validationLevel") {
                None => ValidationLevel::Strict,
                Some(l) => ValidationLevel::parse(l)
                    .ok_or_else(|| anyhow!("unknown validationLevel `{l}`"))?,
            };
            let action = match text("validationAction") {
                None => ValidationAction::Error,
                Some(a) => ValidationAction::parse(a)
                    .ok_or_else(|| anyhow!("unknown validationAction `{a}`"))?,
            };
            Ok((json_schema, Validation { level, action }))
        };
        Ok(match name.as_str() {
            "create" => {
                let (json_schema, validation) = validation()?;
                Command::Create {
                    collection,
                    json_schema,
                    validation,
                }
            }
            "collMod" => {
                let (json_schema, validation) = validation()?;
                Command::CollMod {
                    collection,
                    json_schema,
                    validation,
                }
            }
            "createIndexes" => {
                let Some(Ordered::Array(items)) = doc.get("indexes") else {
                    bail!("`createIndexes` of `{collection}` has no `indexes` list");
                };
                let indexes = items
                    .iter()
                    .map(|item| {
                        let Some(Ordered::Object(key)) = item.get("key") else {
                            bail!("an index of `{collection}` has no `key` document");
                        };
                        let keys = key
                            .iter()
                            .map(|(k, v)| {
                                IndexKey::from_json(&v.to_value())
                                    .map(|key| (k.clone(), key))
                                    .ok_or_else(|| {
                                        anyhow!("index key `{k}`: expected 1, -1 or \"text\"")
                                    })
                            })
                            .collect::<Result<Vec<_>>>()?;
                        let name = item
                            .get("name")
                            .and_then(Ordered::str)
                            .ok_or_else(|| anyhow!("an index of `{collection}` has no `name`"))?;
                        let unique = item.get("unique").map(Ordered::to_value) == Some(true.into());
                        Ok(DocIndex {
                            name: name.to_owned(),
                            keys,
                            unique,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                Command::CreateIndexes {
                    collection,
                    indexes,
                }
            }
            "dropIndexes" => {
                let names = match doc.get("index") {
                    Some(Ordered::Array(items)) => items
                        .iter()
                        .map(|i| i.str().map(str::to_owned))
                        .collect::<Option<Vec<_>>>(),
                    Some(one) => one.str().map(|s| vec![s.to_owned()]),
                    None => None,
                }
                .ok_or_else(|| anyhow!("`dropIndexes` of `{collection}` names no index"))?;
                Command::DropIndexes { collection, names }
            }
            "drop" => Command::Drop { collection },
            other => bail!(
                "`{other}`: tether replays create, collMod, createIndexes, dropIndexes and drop"
            ),
        })
    }
}

/// The migration file: `{"warnings": [...], "commands": [...]}`, MongoDB Extended JSON
/// (relaxed; these commands hold no type that needs a wrapper).
pub fn render(plan: &Plan) -> String {
    let file = Ordered::object(vec![
        (
            "warnings",
            Ordered::Plain(Value::from_iter(plan.warnings.iter().cloned())),
        ),
        (
            "commands",
            Ordered::Array(plan.commands.iter().map(Command::to_ordered).collect()),
        ),
    ]);
    let mut out = serde_json::to_string_pretty(&file).expect("JSON of JSON values");
    out.push('\n');
    out
}

/// The same commands as `mongosh` runs them: `mongosh "$URL" migration.js`. A collection to
/// create that exists already (an application wrote to it first: MongoDB creates collections
/// on the first insert) gets its validator with `collMod` instead, so that a validator can be
/// adopted on it.
pub fn render_mongosh(header: &str, plan: &Plan) -> String {
    let mut out = format!("// {header}\n");
    for warning in &plan.warnings {
        out.push_str(&format!("// WARNING: {warning}\n"));
    }
    let js = |command: &Command| serde_json::to_string_pretty(&command.to_ordered()).expect("JSON");
    for command in &plan.commands {
        match command {
            Command::Create {
                collection,
                json_schema,
                validation,
            } => {
                let adopt = Command::CollMod {
                    collection: collection.clone(),
                    json_schema: json_schema.clone(),
                    validation: *validation,
                };
                let name = serde_json::to_string(collection).expect("JSON");
                out.push_str(&format!(
                    "if (db.getCollectionNames().includes({name})) {{\n  db.runCommand({});\n}} else {{\n  db.runCommand({});\n}}\n",
                    indent(&js(&adopt)),
                    indent(&js(command))
                ));
            }
            _ => out.push_str(&format!("db.runCommand({});\n", js(command))),
        }
    }
    out
}

/// Every line but the first two spaces further in.
fn indent(text: &str) -> String {
    text.replace('\n', "\n  ")
}

/// A migration file's commands and warnings.
pub fn parse_plan(text: &str, file: &Path) -> Result<Plan> {
    let doc: Ordered = serde_json::from_str(text)
        .map_err(|e| anyhow!("replay: {}: not JSON: {e}", file.display()))?;
    let warnings = match doc.get("warnings").map(Ordered::to_value) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|w| w.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    Ok(Plan {
        commands: parse(text, file)?,
        warnings,
    })
}

/// The commands of a migration file, in order; errors name the file and the command.
pub fn parse(text: &str, file: &Path) -> Result<Vec<Command>> {
    let doc: Ordered = serde_json::from_str(text)
        .map_err(|e| anyhow!("replay: {}: not JSON: {e}", file.display()))?;
    let Some(Ordered::Array(commands)) = doc.get("commands") else {
        bail!(
            "replay: {}: expected {{\"commands\": [...]}}",
            file.display()
        );
    };
    commands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Command::from_ordered(c)
                .map_err(|e| anyhow!("replay: {}: command {}: {e}", file.display(), i + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection(name: &str, indexes: Vec<DocIndex>) -> Collection {
        Collection {
            name: name.to_owned(),
            json_schema: Some(serde_json::json!({"bsonType": "object", "required": ["a"]})),
            validation: Validation {
                level: ValidationLevel::Moderate,
                action: ValidationAction::Error,
            },
            indexes,
        }
    }

    fn index(name: &str, keys: &[(&str, IndexKey)], unique: bool) -> DocIndex {
        DocIndex {
            name: name.to_owned(),
            keys: keys.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
            unique,
        }
    }

    /// Written, read back and replayed, the commands build the schema they were planned for,
    /// compound index keys in their order.
    #[test]
    fn commands_replay_to_the_schema_they_were_planned_for() {
        let previous = DocSchema {
            collections: vec![
                collection("old", vec![]),
                collection(
                    "kept",
                    vec![index("kept_a_idx", &[("a", IndexKey::Ascending)], false)],
                ),
            ],
        };
        let mut kept = collection(
            "kept",
            vec![index(
                "kept_a_idx",
                &[("z", IndexKey::Descending), ("a", IndexKey::Ascending)],
                true,
            )],
        );
        kept.json_schema = Some(serde_json::json!({"bsonType": "object"}));
        let next = DocSchema {
            collections: vec![
                kept,
                collection(
                    "messages",
                    vec![index(
                        "messages_body_idx",
                        &[("body", IndexKey::Text)],
                        false,
                    )],
                ),
            ],
        };
        let plan = diff(&previous, &next);
        let text = render(&plan);
        let mut replayed = previous.clone();
        for command in parse(&text, Path::new("migration.json")).unwrap() {
            apply(&mut replayed, &command).unwrap();
        }
        assert_eq!(replayed.collections.len(), 2, "{text}");
        for c in &next.collections {
            let got = replayed.collection(&c.name).unwrap();
            assert!(
                got.same_indexes(c) && got.json_schema == c.json_schema,
                "{text}"
            );
        }
        assert!(
            text.find("\"z\": -1").unwrap() < text.find("\"a\": 1").unwrap(),
            "{text}"
        );
        assert!(diff(&replayed, &next).is_empty());
        assert!(
            plan.warnings
                .iter()
                .any(|w| w.contains("dropping collection `old`"))
        );
    }

    #[test]
    fn a_command_tether_does_not_replay_is_named_with_its_place() {
        let text = r#"{"commands": [{"drop": "a"}, {"renameCollection": "x"}]}"#;
        let error = parse(text, Path::new("m/migration.json"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("m/migration.json: command 2: `renameCollection`"),
            "{error}"
        );
    }
}
