//! What a worker's data is used for (DESIGN.md section 7): the purposes, which of them the law
//! requires and which are the worker's choice, and the channel a consent came through. The wording
//! of each purpose, in both languages and with its version, lives in `policy/purposes.toml`.

use serde::{Deserialize, Serialize};

/// One use of a worker's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// The course, the test and the certificate (the Emigration Rules require them).
    Training,
    /// The Protector of Emigrants checks the certificate before stamping the passport.
    ProtectorCheck,
    /// Licensed employers and promoters may find the certified worker.
    ShareWithEmployers,
    /// Degrees are sent to the Higher Education Commission for verification.
    HecVerification,
    /// An SMS when a job that fits opens.
    JobAlerts,
    /// OEC may ask the worker to take part in surveys.
    Surveys,
    /// Data without the name used for research.
    Research,
    /// News about jobs and the programme.
    News,
}

/// Why the service may use the data for a purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The law requires it: shown to the worker, not offered as a choice.
    Law,
    /// Only with the worker's consent, which can be withdrawn at any time.
    Choice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConsentError {
    #[error("no such purpose")]
    UnknownPurpose,
    #[error("the law requires this purpose; it is not a choice")]
    RequiredByLaw,
    #[error("no such channel")]
    UnknownChannel,
}

impl crate::error::ErrorCode for ConsentError {
    fn code(&self) -> &'static str {
        match self {
            Self::UnknownPurpose => "unknown_purpose",
            Self::RequiredByLaw => "consent_required_by_law",
            Self::UnknownChannel => "choose_option",
        }
    }
}

impl Purpose {
    /// Every purpose, in the order the privacy page shows them.
    pub const ALL: [Purpose; 8] = [
        Self::Training,
        Self::ProtectorCheck,
        Self::ShareWithEmployers,
        Self::HecVerification,
        Self::JobAlerts,
        Self::Surveys,
        Self::Research,
        Self::News,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Training => "training",
            Self::ProtectorCheck => "protector_check",
            Self::ShareWithEmployers => "share_with_employers",
            Self::HecVerification => "hec_verification",
            Self::JobAlerts => "job_alerts",
            Self::Surveys => "surveys",
            Self::Research => "research",
            Self::News => "news",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ConsentError> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s.trim())
            .ok_or(ConsentError::UnknownPurpose)
    }

    /// The law's purposes are never a choice: this is fixed in code, not in the wording file.
    pub fn basis(&self) -> Basis {
        match self {
            Self::Training | Self::ProtectorCheck => Basis::Law,
            _ => Basis::Choice,
        }
    }

    /// A purpose the worker may give or withdraw.
    pub fn parse_choice(s: &str) -> Result<Self, ConsentError> {
        let p = Self::parse(s)?;
        match p.basis() {
            Basis::Choice => Ok(p),
            Basis::Law => Err(ConsentError::RequiredByLaw),
        }
    }
}

/// Where a consent was given or withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The registration form or its JSON twin.
    Registration,
    /// A web page of the portal.
    Web,
    /// The JSON API (the Android app).
    Api,
    /// OEC staff carrying out the worker's own request (an erasure withdraws every choice).
    Staff,
    /// Recorded before the ledger existed: the channel was not kept.
    BeforeLedger,
}

impl Channel {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Registration => "registration",
            Self::Web => "web",
            Self::Api => "api",
            Self::Staff => "staff",
            Self::BeforeLedger => "before_ledger",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ConsentError> {
        [
            Self::Registration,
            Self::Web,
            Self::Api,
            Self::Staff,
            Self::BeforeLedger,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
        .ok_or(ConsentError::UnknownChannel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_purpose_reads_back() {
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.as_str()), Ok(p));
        }
        assert_eq!(
            Purpose::parse("marketing"),
            Err(ConsentError::UnknownPurpose)
        );
    }

    #[test]
    fn the_laws_purposes_are_no_choice() {
        assert_eq!(
            Purpose::parse_choice("protector_check"),
            Err(ConsentError::RequiredByLaw)
        );
        assert_eq!(
            Purpose::parse_choice("training"),
            Err(ConsentError::RequiredByLaw)
        );
        assert_eq!(
            Purpose::parse_choice("share_with_employers"),
            Ok(Purpose::ShareWithEmployers)
        );
    }

    #[test]
    fn channels_read_back() {
        assert_eq!(Channel::parse("api"), Ok(Channel::Api));
        assert!(Channel::parse("fax").is_err());
    }
}
