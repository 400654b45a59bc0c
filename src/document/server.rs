//! The one place that talks to a MongoDB server: MongoDB's official driver, inside a small
//! current-thread tokio runtime that lives as long as the connection, so that nothing else in
//! tether is async.
//!
//! Rules: reading is `listCollections`, `listIndexes` and counting queries only (`check-drift`
//! never writes); what is read is normalized into a `DocSchema` the way `lower` builds one (a
//! text index's key read back from its weights, absent validation settings as the server's
//! defaults), so that comparing is plain equality. Error messages name the endpoint, never the
//! URL (it may hold a password).

use super::model::*;
use anyhow::{Context, Result, anyhow, bail};
use mongodb::bson::{Bson, Document, doc};
use std::time::Duration;

/// Collections tether keeps out of the comparison: the server's own, and migration history.
pub const HISTORY_COLLECTION: &str = "_tether_migrations";
/// Where `migrate` takes its lock: one document, inserted to take it and deleted to give it back.
pub const LOCK_COLLECTION: &str = "_tether_migrations_lock";

pub struct Server {
    runtime: tokio::runtime::Runtime,
    database: mongodb::Database,
    /// `host:port/database`, for messages.
    pub endpoint: String,
}

impl Server {
    /// Connects to `url` (`mongodb://[user:password@]host[:port]/database[?options]`) and
    /// checks that the server answers within `timeout`.
    pub fn connect(url: &str, timeout: Duration) -> Result<Server> {
        if url.starts_with("mongodb+srv:") {
            bail!(
                "mongodb: `mongodb+srv://` URLs need a DNS lookup tether does not make; give the hosts: mongodb://host1,host2/database?replicaSet=..."
            );
        }
        let endpoint = endpoint(url);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("mongodb: cannot start the driver's runtime")?;
        let database = runtime.block_on(async {
            let mut options = mongodb::options::ClientOptions::parse(url)
                .await
                .map_err(|e| anyhow!("mongodb: invalid URL for {endpoint}: {}", redacted(&e)))?;
            options.connect_timeout = Some(timeout);
            options.server_selection_timeout = Some(timeout);
            options.app_name = Some("tether".to_owned());
            let client = mongodb::Client::with_options(options)
                .map_err(|e| anyhow!("mongodb: {endpoint}: {}", redacted(&e)))?;
            let database = client.default_database().ok_or_else(|| {
                anyhow!("mongodb: the URL names no database: mongodb://host/database")
            })?;
            database
                .run_command(doc! { "ping": 1 })
                .await
                .map_err(|e| {
                    anyhow!(
                        "mongodb: cannot reach {endpoint} within {} s: {}",
                        timeout.as_secs(),
                        redacted(&e)
                    )
                })?;
            Ok::<_, anyhow::Error>(database)
        })?;
        Ok(Server {
            runtime,
            database,
            endpoint,
        })
    }

    /// The collections (theirs and tether's own left out), their validators and indexes.
    pub fn inspect(&self) -> Result<DocSchema> {
        self.runtime.block_on(async {
            let mut collections = Vec::new();
            let listed = self
                .database
                .run_command(doc! { "listCollections": 1, "filter": { "type": "collection" } })
                .await
                .map_err(|e| anyhow!("mongodb: listCollections: {}", redacted(&e)))?;
            for spec in first_batch(&listed)? {
                let name = spec.get_str("name").unwrap_or_default().to_owned();
                if name.starts_with("system.")
                    || name == HISTORY_COLLECTION
                    || name == LOCK_COLLECTION
                {
                    continue;
                }
                let options = spec.get_document("options").cloned().unwrap_or_default();
                let json_schema = options
                    .get_document("validator")
                    .ok()
                    .and_then(|v| v.get("$jsonSchema"))
                    .map(|s| s.clone().into_relaxed_extjson());
                let level = options
                    .get_str("validationLevel")
                    .ok()
                    .and_then(ValidationLevel::parse)
                    .unwrap_or(ValidationLevel::Strict);
                let action = options
                    .get_str("validationAction")
                    .ok()
                    .and_then(ValidationAction::parse)
                    .unwrap_or(ValidationAction::Error);
                let indexes = self.indexes(&name).await?;
                collections.push(Collection {
                    name,
                    json_schema,
                    validation: Validation { level, action },
                    indexes,
                });
            }
            Ok(DocSchema { collections })
        })
    }

    async fn indexes(&self, collection: &str) -> Result<Vec<DocIndex>> {
        let listed = self
            .database
            .run_command(doc! { "listIndexes": collection })
            .await
            .map_err(|e| anyhow!("mongodb: listIndexes {collection}: {}", redacted(&e)))?;
        let mut out = Vec::new();
        for spec in first_batch(&listed)? {
            let name = spec.get_str("name").unwrap_or_default().to_owned();
            if name == "_id_" {
                continue;
            }
            let key = spec.get_document("key").cloned().unwrap_or_default();
            // A text index is keyed `{_fts: "text", _ftsx: 1}`; its fields are its weights.
            let keys = if key.contains_key("_fts") {
                spec.get_document("weights")
                    .map(|w| w.keys().map(|k| (k.clone(), IndexKey::Text)).collect())
                    .unwrap_or_default()
            } else {
                key.iter()
                    .map(|(k, v)| {
                        let direction = match v {
                            Bson::Int32(n) => f64::from(*n),
                            Bson::Int64(n) => *n as f64,
                            Bson::Double(n) => *n,
                            _ => 0.0,
                        };
                        let key = if direction < 0.0 {
                            IndexKey::Descending
                        } else {
                            IndexKey::Ascending
                        };
                        (k.clone(), key)
                    })
                    .collect()
            };
            out.push(DocIndex {
                name,
                keys,
                unique: spec.get_bool("unique").unwrap_or(false),
            });
        }
        Ok(out)
    }

    /// How many of the first `sample` documents of `collection` its schema's validator would
    /// refuse, and one of them (read-only: a `$nor`/`$jsonSchema` match in an aggregation).
    pub fn invalid_documents(
        &self,
        collection: &str,
        json_schema: &serde_json::Value,
        sample: u64,
    ) -> Result<(u64, Option<serde_json::Value>)> {
        let schema = Bson::try_from(json_schema.clone())
            .map_err(|e| anyhow!("mongodb: the validator of {collection} as BSON: {e}"))?;
        let limit = i64::try_from(sample).unwrap_or(i64::MAX);
        let pipeline = vec![
            doc! { "$limit": limit },
            doc! { "$match": { "$nor": [ { "$jsonSchema": schema } ] } },
            doc! { "$facet": {
                "count": [ { "$count": "n" } ],
                "example": [ { "$limit": 1 } ],
            } },
        ];
        self.runtime.block_on(async {
            let reply = self
                .database
                .run_command(doc! { "aggregate": collection, "pipeline": pipeline, "cursor": {} })
                .await
                .map_err(|e| anyhow!("mongodb: sampling {collection}: {}", redacted(&e)))?;
            let facets = first_batch(&reply)?.into_iter().next().unwrap_or_default();
            let count = facets
                .get_array("count")
                .ok()
                .and_then(|c| c.first())
                .and_then(Bson::as_document)
                .and_then(|d| match d.get("n") {
                    Some(Bson::Int32(n)) => u64::try_from(*n).ok(),
                    Some(Bson::Int64(n)) => u64::try_from(*n).ok(),
                    _ => None,
                })
                .unwrap_or(0);
            let example = facets
                .get_array("example")
                .ok()
                .and_then(|e| e.first().cloned())
                .map(Bson::into_relaxed_extjson);
            Ok((count, example))
        })
    }
}

// --- migrate -------------------------------------------------------------------------------

impl Server {
    /// Runs a migration's command; creating a collection that exists already (an application
    /// wrote to it first) gives it its validator with `collMod` instead, as `migration.js` does.
    pub fn run(&self, command: &super::commands::Command) -> Result<()> {
        use super::commands::Command;
        let command = match command {
            Command::Create {
                collection,
                json_schema,
                validation,
            } if self.collection_names()?.contains(collection) => Command::CollMod {
                collection: collection.clone(),
                json_schema: json_schema.clone(),
                validation: *validation,
            },
            other => other.clone(),
        };
        let Bson::Document(document) = bson_of(&command.to_ordered())? else {
            bail!("mongodb: a command is a document");
        };
        self.runtime
            .block_on(std::future::IntoFuture::into_future(
                self.database.run_command(document),
            ))
            .map(|_| ())
            .map_err(|e| anyhow!("mongodb: {}", redacted(&e)))
    }

    fn collection_names(&self) -> Result<Vec<String>> {
        self.runtime
            .block_on(std::future::IntoFuture::into_future(
                self.database.list_collection_names(),
            ))
            .map_err(|e| anyhow!("mongodb: listCollections: {}", redacted(&e)))
    }

    /// The history: each applied migration's name and checksum, in name order.
    pub fn applied(&self) -> Result<Vec<(String, String)>> {
        self.runtime.block_on(async {
            let mut cursor = self
                .database
                .collection::<Document>(HISTORY_COLLECTION)
                .find(doc! {})
                .sort(doc! { "_id": 1 })
                .await
                .map_err(|e| anyhow!("mongodb: reading the history: {}", redacted(&e)))?;
            let mut out = Vec::new();
            while cursor
                .advance()
                .await
                .map_err(|e| anyhow!("mongodb: reading the history: {}", redacted(&e)))?
            {
                let d = cursor.deserialize_current()?;
                out.push((
                    d.get_str("_id").unwrap_or_default().to_owned(),
                    d.get_str("checksum").unwrap_or_default().to_owned(),
                ));
            }
            Ok(out)
        })
    }

    pub fn record(&self, name: &str, checksum: &str, applied_at: &str) -> Result<()> {
        let history = self.database.collection::<Document>(HISTORY_COLLECTION);
        let entry = doc! { "_id": name, "checksum": checksum, "applied_at": applied_at };
        self.runtime
            .block_on(std::future::IntoFuture::into_future(
                history.insert_one(entry),
            ))
            .map(|_| ())
            .map_err(|e| anyhow!("mongodb: recording {name}: {}", redacted(&e)))
    }

    pub fn unrecord(&self, name: &str) -> Result<()> {
        let history = self.database.collection::<Document>(HISTORY_COLLECTION);
        self.runtime
            .block_on(std::future::IntoFuture::into_future(
                history.delete_one(doc! { "_id": name }),
            ))
            .map(|_| ())
            .map_err(|e| {
                anyhow!(
                    "mongodb: taking {name} out of the history: {}",
                    redacted(&e)
                )
            })
    }

    /// Takes the migration lock if it is free (a second insert of the one lock document fails
    /// on its `_id`).
    pub fn try_lock(&self) -> Result<bool> {
        let lock = self.database.collection::<Document>(LOCK_COLLECTION);
        match self.runtime.block_on(std::future::IntoFuture::into_future(
            lock.insert_one(doc! { "_id": "migrate" }),
        )) {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains("E11000") => Ok(false),
            Err(e) => Err(anyhow!(
                "mongodb: taking the migration lock: {}",
                redacted(&e)
            )),
        }
    }

    pub fn unlock(&self) -> Result<()> {
        let lock = self.database.collection::<Document>(LOCK_COLLECTION);
        self.runtime
            .block_on(std::future::IntoFuture::into_future(
                lock.delete_one(doc! { "_id": "migrate" }),
            ))
            .map(|_| ())
            .map_err(|e| anyhow!("mongodb: giving the migration lock back: {}", redacted(&e)))
    }
}

/// A command document, its keys in their order.
fn bson_of(value: &super::commands::Ordered) -> Result<Bson> {
    use super::commands::Ordered;
    Ok(match value {
        Ordered::Object(entries) => {
            let mut d = Document::new();
            for (k, v) in entries {
                d.insert(k.clone(), bson_of(v)?);
            }
            Bson::Document(d)
        }
        Ordered::Array(items) => Bson::Array(items.iter().map(bson_of).collect::<Result<_>>()?),
        Ordered::Plain(v) => {
            Bson::try_from(v.clone()).map_err(|e| anyhow!("mongodb: {v} as BSON: {e}"))?
        }
    })
}

/// The documents of a command's `cursor.firstBatch` (tether's reads are small enough for one).
fn first_batch(reply: &Document) -> Result<Vec<Document>> {
    let batch = reply
        .get_document("cursor")
        .and_then(|c| c.get_array("firstBatch"))
        .map_err(|_| anyhow!("mongodb: the server's reply has no cursor.firstBatch"))?;
    Ok(batch
        .iter()
        .filter_map(|d| d.as_document().cloned())
        .collect())
}

/// `host:port/database` of a URL, without its user and password.
pub fn endpoint(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    rest.split('?').next().unwrap_or(rest).to_owned()
}

/// The driver's message; it never holds the URL's password (the driver redacts credentials),
/// and tether's own messages name the endpoint only.
fn redacted(e: &mongodb::error::Error) -> String {
    e.kind.to_string()
}
