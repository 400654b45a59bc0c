//! Collections, validators and indexes, as a MongoDB database keeps them.
//!
//! Rules: names are database names (`@@map`, `@map("_id")`); a validator is the `$jsonSchema`
//! document itself, compared as a JSON value; indexes are compared by name and definition,
//! never by position (`listIndexes` returns them in an order of its own).

use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocSchema {
    pub collections: Vec<Collection>,
}

impl DocSchema {
    pub fn collection(&self, name: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.name == name)
    }

    pub fn collection_mut(&mut self, name: &str) -> Option<&mut Collection> {
        self.collections.iter_mut().find(|c| c.name == name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collection {
    pub name: String,
    /// The `$jsonSchema` the collection validates documents against (`None`: no validator).
    pub json_schema: Option<Value>,
    pub validation: Validation,
    pub indexes: Vec<DocIndex>,
}

impl Collection {
    pub fn index(&self, name: &str) -> Option<&DocIndex> {
        self.indexes.iter().find(|i| i.name == name)
    }

    /// The indexes, each once, by name: the order `listIndexes` or a folder gives them in
    /// is not part of the collection.
    pub fn same_indexes(&self, other: &Collection) -> bool {
        self.indexes.len() == other.indexes.len()
            && self.indexes.iter().all(|i| other.index(&i.name) == Some(i))
    }
}

/// `validationLevel` and `validationAction` of a collection's validator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Validation {
    pub level: ValidationLevel,
    pub action: ValidationAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValidationLevel {
    /// Every insert and update.
    Strict,
    /// Inserts, and updates of documents that already match: documents written before the
    /// validator can still be updated.
    Moderate,
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValidationAction {
    /// The write is refused (error 121).
    Error,
    /// The write goes through and the server logs it.
    Warn,
}

impl ValidationLevel {
    pub fn name(self) -> &'static str {
        match self {
            ValidationLevel::Strict => "strict",
            ValidationLevel::Moderate => "moderate",
            ValidationLevel::Off => "off",
        }
    }

    pub fn parse(name: &str) -> Option<ValidationLevel> {
        [
            ValidationLevel::Strict,
            ValidationLevel::Moderate,
            ValidationLevel::Off,
        ]
        .into_iter()
        .find(|l| l.name() == name)
    }
}

impl ValidationAction {
    pub fn name(self) -> &'static str {
        match self {
            ValidationAction::Error => "error",
            ValidationAction::Warn => "warn",
        }
    }

    pub fn parse(name: &str) -> Option<ValidationAction> {
        [ValidationAction::Error, ValidationAction::Warn]
            .into_iter()
            .find(|a| a.name() == name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocIndex {
    pub name: String,
    /// The key document, in order: `{conversationId: 1, sentAt: -1}`, `{body: "text"}`.
    pub keys: Vec<(String, IndexKey)>,
    pub unique: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum IndexKey {
    Ascending,
    Descending,
    Text,
}

impl IndexKey {
    pub fn to_json(self) -> Value {
        match self {
            IndexKey::Ascending => Value::from(1),
            IndexKey::Descending => Value::from(-1),
            IndexKey::Text => Value::from("text"),
        }
    }

    pub fn from_json(value: &Value) -> Option<IndexKey> {
        match value {
            Value::String(s) if s == "text" => Some(IndexKey::Text),
            Value::Number(n) if n.as_f64() == Some(1.0) => Some(IndexKey::Ascending),
            Value::Number(n) if n.as_f64() == Some(-1.0) => Some(IndexKey::Descending),
            _ => None,
        }
    }
}
