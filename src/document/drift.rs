//! Drift of a MongoDB database: the commands that would bring it to the schema (the one
//! differ, `commands::diff`, as for migrations), said as differences in words.
//!
//! Rules: what the server holds is compared after the same normalization lowering applies
//! (`server`), so equivalent forms are no drift; a changed index is reported once, as a
//! definition that differs, not as a drop and a create.

use super::commands::{self, Command};
use super::model::{DocIndex, DocSchema, IndexKey};
use crate::drift::Difference;

pub fn differences(live: &DocSchema, expected: &DocSchema) -> Vec<Difference> {
    let plan = commands::diff(live, expected);
    let mut out = Vec::new();
    let dropped = |collection: &str, name: &str| {
        plan.commands.iter().any(|c| matches!(c, Command::DropIndexes { collection: c2, names } if c2 == collection && names.iter().any(|n| n == name)))
    };
    for command in &plan.commands {
        match command {
            Command::Create { collection, .. } => out.push(Difference::new(
                "missing_collection",
                collection.clone(),
                None,
                None,
                "collection is missing from the database",
            )),
            Command::CollMod {
                collection,
                json_schema,
                validation,
            } => {
                let found = live
                    .collection(collection)
                    .expect("collMod of a live collection");
                if found.json_schema.is_none() {
                    out.push(Difference::new(
                        "missing_validator",
                        collection.clone(),
                        None,
                        None,
                        "collection has no $jsonSchema validator",
                    ));
                } else if &found.json_schema != json_schema {
                    out.push(Difference::new(
                        "validator",
                        collection.clone(),
                        None,
                        None,
                        "the collection's $jsonSchema differs from the schema's",
                    ));
                }
                if found.validation != *validation {
                    let words = |v: &super::model::Validation| {
                        format!("{}/{}", v.level.name(), v.action.name())
                    };
                    out.push(Difference::new(
                        "validation_settings",
                        collection.clone(),
                        Some(words(validation)),
                        Some(words(&found.validation)),
                        "validationLevel/validationAction differ",
                    ));
                }
            }
            Command::CreateIndexes {
                collection,
                indexes,
            } => {
                for index in indexes {
                    let object = format!("{collection}.{}", index.name);
                    let found = live
                        .collection(collection)
                        .and_then(|c| c.index(&index.name));
                    match found {
                        Some(found) if dropped(collection, &index.name) => {
                            out.push(Difference::new(
                                "index_definition",
                                object,
                                Some(summary(index)),
                                Some(summary(found)),
                                "index differs",
                            ))
                        }
                        _ if live.collection(collection).is_none() => {}
                        _ => out.push(Difference::new(
                            "missing_index",
                            object,
                            Some(summary(index)),
                            None,
                            "index is missing",
                        )),
                    }
                }
            }
            Command::DropIndexes { collection, names } => {
                for name in names {
                    let recreated = expected
                        .collection(collection)
                        .is_some_and(|c| c.index(name).is_some());
                    if !recreated {
                        let found = live.collection(collection).and_then(|c| c.index(name));
                        out.push(Difference::new(
                            "extra_index",
                            format!("{collection}.{name}"),
                            None,
                            found.map(summary),
                            "index is not in the schema",
                        ));
                    }
                }
            }
            Command::Drop { collection } => out.push(Difference::new(
                "extra_collection",
                collection.clone(),
                None,
                None,
                "collection is in the database but not in the schema",
            )),
        }
    }
    out
}

/// `{conversationId: 1, sentAt: -1} unique`
fn summary(index: &DocIndex) -> String {
    let keys: Vec<String> = index
        .keys
        .iter()
        .map(|(k, v)| {
            let v = match v {
                IndexKey::Ascending => "1",
                IndexKey::Descending => "-1",
                IndexKey::Text => "\"text\"",
            };
            format!("{k}: {v}")
        })
        .collect();
    let unique = if index.unique { " unique" } else { "" };
    format!("{{{}}}{unique}", keys.join(", "))
}
