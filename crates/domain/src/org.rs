//! Organisations that recruit workers (issue 14): foreign employers, recruitment agencies and
//! Pakistani Overseas Employment Promoters (OEPs) licensed by the Bureau of Emigration and
//! Overseas Employment. OEC approves them; the states they move through and who may move them
//! are here, so a decision out of order is refused in one place.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::coded_error;

coded_error!(
    /// Why an organisation's value or decision was refused.
    OrgError {
        Choose => "choose_option",
        LicenceFormat => "licence_format",
        LicenceExpired => "licence_expired",
        DateFormat => "date_format",
        NotNow => "organisation_decision_order",
    }
);

/// What kind of organisation applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    ForeignEmployer,
    RecruitmentAgency,
    /// A Pakistani Overseas Employment Promoter: holds a BE&OE licence.
    Oep,
}

impl OrgKind {
    pub const ALL: [OrgKind; 3] = [Self::ForeignEmployer, Self::RecruitmentAgency, Self::Oep];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::ForeignEmployer => "foreign_employer",
            Self::RecruitmentAgency => "recruitment_agency",
            Self::Oep => "oep",
        }
    }

    pub fn parse(s: &str) -> Result<Self, OrgError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or(OrgError::Choose)
    }

    /// Only an OEP holds a BE&OE licence (number and expiry required).
    pub fn licensed(&self) -> bool {
        matches!(self, Self::Oep)
    }
}

/// Where an organisation stands with OEC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgStatus {
    /// Waiting for OEC's decision.
    Applied,
    /// Sent back to the applicant with a note; they correct and send it again.
    Returned,
    Approved,
    Rejected,
    /// Loses every right until reinstated (also when an OEP's licence expires).
    Suspended,
    /// For good: also listed publicly.
    Blacklisted,
}

impl OrgStatus {
    pub const ALL: [OrgStatus; 6] = [
        Self::Applied,
        Self::Returned,
        Self::Approved,
        Self::Rejected,
        Self::Suspended,
        Self::Blacklisted,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Returned => "returned",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Suspended => "suspended",
            Self::Blacklisted => "blacklisted",
        }
    }

    pub fn parse(s: &str) -> Result<Self, OrgError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or(OrgError::Choose)
    }

    /// Its users may act (search, post, invite): approved only.
    pub fn active(&self) -> bool {
        matches!(self, Self::Approved)
    }

    /// The state a decision leads to from here, or the refusal when it cannot be taken now.
    pub fn after(self, d: Decision) -> Result<OrgStatus, OrgError> {
        use Decision as D;
        use OrgStatus as S;
        match (self, d) {
            (S::Applied, D::Approve) => Ok(S::Approved),
            (S::Applied, D::Return) => Ok(S::Returned),
            (S::Applied | S::Returned, D::Reject) => Ok(S::Rejected),
            (S::Approved, D::Suspend) => Ok(S::Suspended),
            (S::Suspended, D::Reinstate) => Ok(S::Approved),
            (S::Applied | S::Approved | S::Suspended | S::Rejected, D::Blacklist) => {
                Ok(S::Blacklisted)
            }
            _ => Err(OrgError::NotNow),
        }
    }
}

/// What an OEC administrator decides about an organisation (always with a reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Return,
    Reject,
    Suspend,
    Reinstate,
    Blacklist,
}

impl Decision {
    pub const ALL: [Decision; 6] = [
        Self::Approve,
        Self::Return,
        Self::Reject,
        Self::Suspend,
        Self::Reinstate,
        Self::Blacklist,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Return => "return",
            Self::Reject => "reject",
            Self::Suspend => "suspend",
            Self::Reinstate => "reinstate",
            Self::Blacklist => "blacklist",
        }
    }

    pub fn parse(s: &str) -> Result<Self, OrgError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or(OrgError::Choose)
    }
}

/// A BE&OE licence number as printed on the licence (e.g. `3456/RWP`): letters, digits, `/`
/// and `-`, 2 to 30 characters, upper-cased, spaces dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenceNumber(String);

impl LicenceNumber {
    pub fn parse(input: &str) -> Result<Self, OrgError> {
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let ok = (2..=30).contains(&s.len())
            && s.bytes().any(|b| b.is_ascii_digit())
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'-');
        if ok {
            Ok(Self(s))
        } else {
            Err(OrgError::LicenceFormat)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A licence's expiry, which must not have passed when an OEP applies.
pub fn licence_expiry(input: &str, today: NaiveDate) -> Result<NaiveDate, OrgError> {
    let d =
        NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| OrgError::DateFormat)?;
    if d < today {
        Err(OrgError::LicenceExpired)
    } else {
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn decisions_follow_the_order() {
        use Decision as D;
        use OrgStatus as S;
        assert_eq!(S::Applied.after(D::Approve), Ok(S::Approved));
        assert_eq!(S::Applied.after(D::Return), Ok(S::Returned));
        assert_eq!(S::Returned.after(D::Reject), Ok(S::Rejected));
        assert_eq!(S::Approved.after(D::Suspend), Ok(S::Suspended));
        assert_eq!(S::Suspended.after(D::Reinstate), Ok(S::Approved));
        assert_eq!(S::Suspended.after(D::Blacklist), Ok(S::Blacklisted));
        // Out of order: a returned application waits for the applicant, a blacklisting is
        // final, nothing approves twice.
        assert_eq!(S::Returned.after(D::Approve), Err(OrgError::NotNow));
        assert_eq!(S::Blacklisted.after(D::Reinstate), Err(OrgError::NotNow));
        assert_eq!(S::Approved.after(D::Approve), Err(OrgError::NotNow));
        assert_eq!(S::Rejected.after(D::Suspend), Err(OrgError::NotNow));
        assert_eq!(OrgError::NotNow.code(), "organisation_decision_order");
        assert!(S::Approved.active() && !S::Suspended.active() && !S::Applied.active());
    }

    #[test]
    fn licence_numbers() {
        assert_eq!(
            LicenceNumber::parse(" 3456/rwp ").unwrap().as_str(),
            "3456/RWP"
        );
        assert_eq!(
            LicenceNumber::parse("OEP-1234").unwrap().as_str(),
            "OEP-1234"
        );
        for bad in ["", "x", "ABC/DEF", "12#4", &"9".repeat(31)] {
            assert_eq!(
                LicenceNumber::parse(bad),
                Err(OrgError::LicenceFormat),
                "{bad}"
            );
        }
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert!(licence_expiry("2027-01-31", today).is_ok());
        assert!(licence_expiry("2026-12-07", today).is_ok());
        assert_eq!(
            licence_expiry("2026-12-06", today),
            Err(OrgError::LicenceExpired)
        );
        assert_eq!(
            licence_expiry("31/01/2027", today),
            Err(OrgError::DateFormat)
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(OrgKind::parse("oep"), Ok(OrgKind::Oep));
        assert!(OrgKind::Oep.licensed() && !OrgKind::ForeignEmployer.licensed());
        assert_eq!(OrgKind::parse("broker"), Err(OrgError::Choose));
    }
}
