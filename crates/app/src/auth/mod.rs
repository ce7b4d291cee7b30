//! Authentication building blocks: password hashing, one-time passwords, sessions, rate limits.

pub mod otp;
pub mod password;
pub mod rate;
pub mod session;
