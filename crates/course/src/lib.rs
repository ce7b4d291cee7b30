//! The course as files (see `content/README.md`): the model ([`Course`]), the parser
//! ([`load`]) and every rule a published version must satisfy, each problem reported with its
//! file and line. Pure: the caller reads the files; nothing here touches the disk or a database.

mod files;
pub mod glossary;
mod model;
mod parse;
pub mod progress;
mod raw;
pub mod scoring;
mod validate;
mod validate_banks;
mod validate_items;
mod validate_settings;

pub use files::read_dir;
pub use model::*;
pub use parse::{SourceFile, check_file, load};

/// One thing wrong with the content, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

#[cfg(test)]
mod tests;
