//! The relational model and everything that speaks SQL.
