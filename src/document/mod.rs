//! The document model: what a MongoDB database holds of a schema (collections, their
//! `$jsonSchema` validators, their indexes), beside the relational model and sharing only the
//! IR with it.
//!
//! Rules: lowering the IR (`lower`) and replaying a migrations folder (`commands::apply`)
//! both produce a `DocSchema`, so that comparing two is plain equality, as in `relational/`.
//! Changes between two are database commands (`commands::Command`), written to the folder in
//! MongoDB Extended JSON and read back from it; nothing here spells SQL, and nothing in
//! `relational/` knows of documents.

pub mod commands;
pub mod drift;
pub mod lower;
pub mod model;
pub mod plan;
#[cfg(feature = "mongodb")]
pub mod server;
