//! The roles of people who use the service (DESIGN.md section 2).

use serde::{Deserialize, Serialize};

use crate::coded_error;

coded_error!(
    /// An unknown role name.
    RoleError { Invalid => "choose_option" }
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Trainee,
    ProtectorOfficer,
    EmployerUser,
    ContentAdmin,
    Grader,
    SupportAgent,
    Analyst,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Trainee,
        Role::ProtectorOfficer,
        Role::EmployerUser,
        Role::ContentAdmin,
        Role::Grader,
        Role::SupportAgent,
        Role::Analyst,
        Role::Administrator,
    ];

    pub fn parse(s: &str) -> Result<Self, RoleError> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or(RoleError::Invalid)
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Trainee => "trainee",
            Self::ProtectorOfficer => "protector_officer",
            Self::EmployerUser => "employer_user",
            Self::ContentAdmin => "content_admin",
            Self::Grader => "grader",
            Self::SupportAgent => "support_agent",
            Self::Analyst => "analyst",
            Self::Administrator => "administrator",
        }
    }

    pub fn is_staff(&self) -> bool {
        !matches!(self, Self::Trainee)
    }

    /// Who may read another person's account record (each read is audited).
    pub fn can_read_people(&self) -> bool {
        matches!(self, Self::SupportAgent | Self::Administrator)
    }

    /// Who may create staff accounts and change roles.
    pub fn can_manage_staff(&self) -> bool {
        matches!(self, Self::Administrator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_permissions() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
        }
        assert!(Role::parse("root").is_err());
        assert!(!Role::Trainee.is_staff());
        assert!(Role::Administrator.can_manage_staff());
        assert!(!Role::SupportAgent.can_manage_staff());
        assert!(Role::SupportAgent.can_read_people());
        assert!(!Role::Grader.can_read_people());
    }
}
