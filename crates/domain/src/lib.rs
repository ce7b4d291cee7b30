//! PakSoftSkills domain: the values a worker gives us, parsed into types that can only hold valid
//! data, and the rules that apply to them. No I/O lives here, so every rule is unit-tested in
//! isolation (DESIGN.md section 4).
//!
//! Each parser returns a typed error with a stable snake_case [`code`](FieldError::code) that the
//! web layer translates into the user's language.

pub mod candidate;
pub mod cnic;
pub mod consent;
pub mod contact;
pub mod demand;
pub mod error;
pub mod fee;
pub mod geo;
pub mod ids;
pub mod intended_move;
pub mod lang;
pub mod org;
pub mod passport;
pub mod password;
pub mod person;
pub mod placement;
pub mod profile;
pub mod registration;
pub mod role;
pub mod text;
pub mod ticket;

pub use error::{FieldError, FieldErrors};
