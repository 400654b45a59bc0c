//! The relational side of tether: one model of a database (`model`), produced three ways —
//! lowering the IR (`lower`), replaying migration files (`replay`), inspecting a live database
//! through its driver (`driver`) — and compared by one differ (`diff`) whose changes the
//! dialects render (`dialect`) into scripts (`script`).
//!
//! Rules: this folder is the only place in tether that writes or reads SQL.
//!
//! Where the next parts plug in: connections (TLS, certificates, timeouts) come from
//! `crate::connection`, which every driver asks; drivers never parse URLs or build TLS
//! themselves. Pulling a schema from a database (`db pull`) raises an inspected `DbSchema` to
//! the IR through each dialect's type map read backwards (`dialect::types::TypeTable::
//! prisma_type`) and the typed defaults (`model::DefaultValue`), in one module of its own; it
//! adds nothing here but inspection of what it needs. A document database (MongoDB) gets its
//! own model, lowering, differ and driver beside this folder, sharing the IR, the migrations
//! folder rules and the drift report; fleets of targets are a loop around `drift::check`.

pub mod dialect;
pub mod diff;
pub mod driver;
pub mod lower;
pub mod model;
pub mod pull;
pub mod replay;
pub mod script;

#[cfg(test)]
mod tests;
