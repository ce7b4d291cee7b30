//! Field errors: which field was wrong and why, as stable codes.

use serde::Serialize;

/// One problem with one input field. `code` is a stable snake_case identifier (part of the API
/// contract and the key of the translated message); `field` is the form/JSON field name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
}

impl FieldError {
    pub fn new(field: &'static str, code: &'static str) -> Self {
        Self { field, code }
    }

    pub fn code(&self) -> &'static str {
        self.code
    }
}

/// All the problems found in one submission, so a form shows every one at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: &'static str, code: &'static str) {
        self.0.push(FieldError::new(field, code));
    }

    /// Record the error of a parse result under `field` and return the value if it parsed.
    pub fn take<T, E: ErrorCode>(&mut self, field: &'static str, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(field, e.code());
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    pub fn single(field: &'static str, code: &'static str) -> Self {
        Self(vec![FieldError::new(field, code)])
    }
}

/// Implemented by every parse error: the stable code for its message.
pub trait ErrorCode {
    fn code(&self) -> &'static str;
}

/// Declares an error enum whose variants map to stable codes and human text (for logs and tests).
#[macro_export]
macro_rules! coded_error {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($variant),+ }

        impl $crate::error::ErrorCode for $name {
            fn code(&self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::error::ErrorCode::code(self))
            }
        }

        impl ::std::error::Error for $name {}
    };
}
