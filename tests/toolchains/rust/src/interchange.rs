//! JSON another language wrote, read into the generated structs of the behaviour schema
//! (`tests/toolchains/python/behaviour/schema.prisma`) and written back for it to read:
//! `TETHER_INTERCHANGE_IN` names a document of one object per model, keyed by model name;
//! what the structs serialize goes to `TETHER_INTERCHANGE_OUT`. Unset, the test says it was
//! skipped (tether's own test decides whether skipping is allowed).

use crate::generated::behaviour as models;
use serde_json::{Map, Value};

/// `value` read as a `T` and serialized again.
fn through<T: serde::de::DeserializeOwned + serde::Serialize>(name: &str, value: &Value) -> Value {
    let parsed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{name}: {value} does not deserialize: {e}"));
    serde_json::to_value(&parsed).expect("serializing")
}

#[test]
fn json_of_another_language_reads_and_writes_back() {
    let (Ok(input), Ok(output)) = (
        std::env::var("TETHER_INTERCHANGE_IN"),
        std::env::var("TETHER_INTERCHANGE_OUT"),
    ) else {
        eprintln!("skipped: TETHER_INTERCHANGE_IN is not set");
        return;
    };
    let text = std::fs::read_to_string(&input).expect("reading the document");
    let document: Map<String, Value> = serde_json::from_str(&text).expect("a JSON object");
    let mut back = Map::new();
    for (name, value) in &document {
        let written = match name.as_str() {
            "User" => through::<models::User>(name, value),
            "Conversation" => through::<models::Conversation>(name, value),
            "Membership" => through::<models::Membership>(name, value),
            "Message" => through::<models::Message>(name, value),
            "Attachment" => through::<models::Attachment>(name, value),
            "Reaction" => through::<models::Reaction>(name, value),
            "Reminder" => through::<models::Reminder>(name, value),
            "Device" => through::<models::Device>(name, value),
            other => panic!("no struct for {other}"),
        };
        back.insert(name.clone(), written);
    }
    let text = serde_json::to_string_pretty(&Value::Object(back)).expect("serializing");
    std::fs::write(&output, text).expect("writing the document back");
}
