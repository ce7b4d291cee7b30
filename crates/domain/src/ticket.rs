//! Help-desk tickets: the categories a worker chooses from and the states a ticket moves through.

use serde::{Deserialize, Serialize};

/// What a ticket is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    CannotSignIn,
    CourseOrVideo,
    Test,
    Certificate,
    Complaint,
    /// The worker paid an OEP more (or other) than its receipt says: opened by the worker's
    /// answer to the receipt, on the OEP's record.
    FeeDispute,
    DataRequest,
    Other,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Self::CannotSignIn,
        Self::CourseOrVideo,
        Self::Test,
        Self::Certificate,
        Self::Complaint,
        Self::FeeDispute,
        Self::DataRequest,
        Self::Other,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::CannotSignIn => "cannot_sign_in",
            Self::CourseOrVideo => "course_or_video",
            Self::Test => "test",
            Self::Certificate => "certificate",
            Self::Complaint => "complaint",
            Self::FeeDispute => "fee_dispute",
            Self::DataRequest => "data_request",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<Self, TicketError> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s.trim())
            .ok_or(TicketError::Choose)
    }
}

/// Where a ticket is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nobody has answered yet.
    New,
    /// Being worked on.
    Open,
    /// Support asked the worker something.
    Waiting,
    Resolved,
    Closed,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Self::New,
        Self::Open,
        Self::Waiting,
        Self::Resolved,
        Self::Closed,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Open => "open",
            Self::Waiting => "waiting",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Result<Self, TicketError> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s.trim())
            .ok_or(TicketError::Choose)
    }

    /// A closed ticket takes no more messages (the worker opens a new one).
    pub fn accepts_messages(&self) -> bool {
        *self != Self::Closed
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TicketError {
    #[error("choose one of the options")]
    Choose,
}

impl crate::error::ErrorCode for TicketError {
    fn code(&self) -> &'static str {
        "choose_option"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_and_states_read_back() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Ok(c));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Ok(s));
        }
        assert!(Category::parse("lottery").is_err());
        assert!(!Status::Closed.accepts_messages() && Status::Resolved.accepts_messages());
    }
}
