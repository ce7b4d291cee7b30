//! The database: one query code path for SQLite (the embedded default) and PostgreSQL.
//!
//! Every query is written once, in SQL both engines accept, with `$1…$n` placeholders. The
//! [`Db`] enum holds the pool picked at run time and [`Ex`] an executor (a pool or an open
//! transaction); the [`run!`] macro expands a query body once per backend, so each body is checked
//! by the compiler against both drivers without generic trait bounds. Where the dialects really
//! differ (claiming jobs), a module keeps one function per backend side by side.
//!
//! One module per aggregate; each function is small and takes an [`Ex`].

pub mod agreements;
pub mod audit;
pub mod authoring;
pub mod candidates;
pub mod certificates;
pub mod consents;
pub mod course;
pub mod data_requests;
mod db;
pub mod demands;
pub mod devices;
pub mod email_verifications;
pub mod erasure;
pub mod error;
pub mod exam;
pub mod hec;
pub mod help_drafts;
pub mod identity;
pub mod jobs;
pub mod learning;
pub mod media;
pub mod notices;
pub mod org_extras;
pub mod organisations;
pub mod otps;
pub mod pending;
pub mod placement_stats;
pub mod placements;
pub mod policies;
pub mod profile;
pub mod protector;
pub mod rate_limits;
pub mod service_charges;
pub mod sessions;
pub mod tickets;
pub mod users;

pub use db::{Backend, Db, Ex, SqliteSync, Tx, Write, WriteLock};
pub use error::StoreError;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
