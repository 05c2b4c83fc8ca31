//! Record types shared by every ticker stage.
//!
//! Every record that ticker publishes is one of the types in this crate,
//! serialised as JSON. Field names are a contract with downstream consumers:
//! renaming one is a breaking change and needs a new schema major version.
//! Each record carries `"schema": "ticker.<kind>/<major>"` so that a
//! consumer can tell which contract a payload follows without the topic.
//!
//! The JSON Schemas in `schemas/` at the repository root are generated from
//! these types (see [`schemas::all`]); a test fails when a type changes and
//! the committed schema was not regenerated.

#![deny(missing_docs)]

pub mod ids;
pub mod records;
pub mod schemas;
pub mod topics;

pub use ids::{char_offset_map, short_id};
pub use records::*;
pub use topics::Topic;
