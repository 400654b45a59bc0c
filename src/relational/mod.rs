//! The relational side of tether: one model of a database (`model`), produced three ways —
//! lowering the IR (`lower`), replaying migration files (`replay`), inspecting a live database
//! through its driver (`driver`) — and compared by one differ (`diff`) whose changes the
//! dialects render (`dialect`) into scripts (`script`).
//!
//! Rules: this folder is the only place in tether that writes or reads SQL.

pub mod dialect;
pub mod diff;
pub mod driver;
pub mod lower;
pub mod model;
pub mod replay;
pub mod script;

#[cfg(test)]
mod tests;
