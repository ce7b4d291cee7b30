//! One id type per entity, so two ids cannot be swapped by mistake.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$m:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )+};
}

id_type!(
    /// A person with an account (trainee or staff).
    UserId,
    /// A registration waiting for its mobile number to be verified.
    PendingRegistrationId,
    /// A signed-in session.
    SessionId,
    /// A device a user signed in from.
    DeviceId,
    /// An entry in a trainee's education history.
    EducationId,
    /// An entry in a trainee's employment history.
    EmploymentId,
    /// A one-time password.
    OtpId,
    /// A background job.
    JobId,
);
