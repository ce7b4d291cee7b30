//! The placement pipeline (issue 14, item 6), per demand and worker: who may take which step
//! from which status. One table, so a step out of order or by the wrong party is refused the
//! same way everywhere (web, API, the protector stamp).
//!
//! shortlisted → invited → accepted (or declined) → interviewed (passed, or not_selected) →
//! offered → offer_accepted (or offer_declined) → visa → cleared (the protector stamp) →
//! departed (→ returned_early, when the worker came back before the contract's end). The
//! organisation may withdraw before the worker accepts an offer.

use serde::{Deserialize, Serialize};

use crate::coded_error;
use crate::error::FieldErrors;
use crate::intended_move::CURRENCIES;
use crate::profile::BoundedText;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Shortlisted,
    Invited,
    Declined,
    Accepted,
    Interviewed,
    NotSelected,
    Offered,
    OfferAccepted,
    OfferDeclined,
    Visa,
    Cleared,
    Departed,
    /// The worker came back before the contract's end (on the OEP's record).
    ReturnedEarly,
    Withdrawn,
}

/// Who takes a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Organisation,
    Worker,
    /// The service itself (the protector stamp).
    Service,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The organisation invites to an interview.
    Invite,
    AcceptInvitation,
    DeclineInvitation,
    /// The organisation records the interview's result.
    Interviewed,
    NotSelected,
    /// The organisation selects the worker with an offer.
    Offer,
    AcceptOffer,
    DeclineOffer,
    /// Visa and documents done.
    Visa,
    /// The protector stamp (the service, never a person).
    Clear,
    Departed,
    /// The organisation reports the worker back before the contract's end (with the reason).
    ReturnedEarly,
    Withdraw,
}

coded_error!(
    /// Why a step was refused.
    StepError {
        Order => "placement_step_order",
        Party => "placement_wrong_party",
    }
);

impl Status {
    pub const ALL: [Status; 14] = [
        Self::Shortlisted,
        Self::Invited,
        Self::Declined,
        Self::Accepted,
        Self::Interviewed,
        Self::NotSelected,
        Self::Offered,
        Self::OfferAccepted,
        Self::OfferDeclined,
        Self::Visa,
        Self::Cleared,
        Self::Departed,
        Self::ReturnedEarly,
        Self::Withdrawn,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Shortlisted => "shortlisted",
            Self::Invited => "invited",
            Self::Declined => "declined",
            Self::Accepted => "accepted",
            Self::Interviewed => "interviewed",
            Self::NotSelected => "not_selected",
            Self::Offered => "offered",
            Self::OfferAccepted => "offer_accepted",
            Self::OfferDeclined => "offer_declined",
            Self::Visa => "visa",
            Self::Cleared => "cleared",
            Self::Departed => "departed",
            Self::ReturnedEarly => "returned_early",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The worker accepted the interview: the organisation now sees their name and contact.
    pub fn contact_shared(&self) -> bool {
        !matches!(
            self,
            Self::Shortlisted | Self::Invited | Self::Declined | Self::Withdrawn
        )
    }

    /// The worker holds this offer: at most one at a time.
    pub fn holds_offer(&self) -> bool {
        matches!(self, Self::OfferAccepted | Self::Visa | Self::Cleared)
    }

    /// The worker was selected and accepted (an accepted offer, or later): an OEP's service
    /// charge is taken from them.
    pub fn selected(&self) -> bool {
        self.holds_offer() || matches!(self, Self::Departed | Self::ReturnedEarly)
    }

    /// Nothing follows.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Self::Declined
                | Self::NotSelected
                | Self::OfferDeclined
                | Self::ReturnedEarly
                | Self::Withdrawn
        )
    }

    /// The status `step` by `party` leads to, or why it cannot be taken now.
    pub fn after(self, step: Step, party: Party) -> Result<Status, StepError> {
        use Party as P;
        use Status as S;
        use Step as T;
        let (by, from, to): (P, &[S], S) = match step {
            T::Invite => (P::Organisation, &[S::Shortlisted, S::Invited], S::Invited),
            T::AcceptInvitation => (P::Worker, &[S::Invited], S::Accepted),
            T::DeclineInvitation => (P::Worker, &[S::Invited], S::Declined),
            T::Interviewed => (P::Organisation, &[S::Accepted], S::Interviewed),
            T::NotSelected => (
                P::Organisation,
                &[S::Accepted, S::Interviewed],
                S::NotSelected,
            ),
            T::Offer => (P::Organisation, &[S::Interviewed], S::Offered),
            T::AcceptOffer => (P::Worker, &[S::Offered], S::OfferAccepted),
            T::DeclineOffer => (P::Worker, &[S::Offered], S::OfferDeclined),
            T::Visa => (P::Organisation, &[S::OfferAccepted], S::Visa),
            T::Clear => (P::Service, &[S::OfferAccepted, S::Visa], S::Cleared),
            T::Departed => (P::Organisation, &[S::Cleared], S::Departed),
            T::ReturnedEarly => (P::Organisation, &[S::Departed], S::ReturnedEarly),
            T::Withdraw => (
                P::Organisation,
                &[
                    S::Shortlisted,
                    S::Invited,
                    S::Accepted,
                    S::Interviewed,
                    S::Offered,
                ],
                S::Withdrawn,
            ),
        };
        if party != by {
            return Err(StepError::Party);
        }
        if !from.contains(&self) {
            return Err(StepError::Order);
        }
        Ok(to)
    }
}

impl Step {
    pub const ALL: [Step; 13] = [
        Self::Invite,
        Self::AcceptInvitation,
        Self::DeclineInvitation,
        Self::Interviewed,
        Self::NotSelected,
        Self::Offer,
        Self::AcceptOffer,
        Self::DeclineOffer,
        Self::Visa,
        Self::Clear,
        Self::Departed,
        Self::ReturnedEarly,
        Self::Withdraw,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Invite => "invite",
            Self::AcceptInvitation => "accept_invitation",
            Self::DeclineInvitation => "decline_invitation",
            Self::Interviewed => "interviewed",
            Self::NotSelected => "not_selected",
            Self::Offer => "offer",
            Self::AcceptOffer => "accept_offer",
            Self::DeclineOffer => "decline_offer",
            Self::Visa => "visa",
            Self::Clear => "clear",
            Self::Departed => "departed",
            Self::ReturnedEarly => "returned_early",
            Self::Withdraw => "withdraw",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

/// A step as typed: which step, and the details it needs.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepInput {
    /// invite, interviewed, not_selected, offer, visa, departed, returned_early, withdraw
    /// (organisation);
    /// accept_invitation, decline_invitation, accept_offer, decline_offer (worker).
    #[serde(default)]
    pub step: String,
    /// Invite: `YYYY-MM-DDTHH:MM`, Pakistan time, in the future.
    #[serde(default)]
    pub interview_at: String,
    /// Invite: `in_person` (at an OEC office or another address) or `online`.
    #[serde(default)]
    pub mode: String,
    /// Invite: the address (in person) or the `https://` link (online).
    #[serde(default)]
    pub place: String,
    /// Offer: monthly salary, whole units of `currency`.
    #[serde(default)]
    pub salary: String,
    #[serde(default)]
    pub currency: String,
    /// Offer: the terms; returned_early: the reason; interviewed, not_selected, visa, withdraw:
    /// notes (optional).
    #[serde(default)]
    pub note: String,
    /// Departed: `YYYY-MM-DD`.
    #[serde(default)]
    pub departed_on: String,
}

/// A checked step with its details.
#[derive(Debug, Clone, PartialEq)]
pub struct StepDetails {
    pub step: Step,
    pub interview: Option<(chrono::NaiveDateTime, &'static str, String)>,
    pub offer: Option<(i64, &'static str)>,
    pub note: Option<String>,
    pub departed_on: Option<chrono::NaiveDate>,
}

impl StepDetails {
    /// Checks the fields the step needs; `now` is Pakistan's local time, `today` its date.
    pub fn parse(i: &StepInput, now: chrono::NaiveDateTime) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let Some(step) = Step::parse(&i.step).filter(|s| *s != Step::Clear) else {
            return Err(FieldErrors::single("step", "choose_option"));
        };
        let note = e.take("note", BoundedText::parse_optional(&i.note, 1000));
        let mut interview = None;
        let mut offer = None;
        let mut departed_on = None;
        match step {
            Step::Invite => {
                let at = match chrono::NaiveDateTime::parse_from_str(
                    i.interview_at.trim(),
                    "%Y-%m-%dT%H:%M",
                ) {
                    Ok(t) if t > now && t < now + chrono::Days::new(366) => Some(t),
                    Ok(_) => {
                        e.push("interview_at", "interview_time_range");
                        None
                    }
                    Err(_) if i.interview_at.trim().is_empty() => {
                        e.push("interview_at", "required");
                        None
                    }
                    Err(_) => {
                        e.push("interview_at", "date_format");
                        None
                    }
                };
                let mode = match i.mode.trim() {
                    "in_person" => Some("in_person"),
                    "online" => Some("online"),
                    _ => {
                        e.push("mode", "choose_option");
                        None
                    }
                };
                let place = e.take("place", BoundedText::parse(&i.place, 300));
                if let (Some("online"), Some(p)) = (mode, &place)
                    && (!p.as_str().starts_with("https://") || p.as_str().contains(' '))
                {
                    e.push("place", "interview_link");
                }
                if let (Some(a), Some(m), Some(p)) = (at, mode, place) {
                    interview = Some((a, m, p.as_str().to_owned()));
                }
            }
            Step::Offer => {
                let amount = i.salary.trim().replace(',', "");
                let salary = match amount.parse::<i64>() {
                    Ok(n) if (1..=10_000_000).contains(&n) => Some(n),
                    _ if amount.is_empty() => {
                        e.push("salary", "required");
                        None
                    }
                    _ => {
                        e.push("salary", "amount_range");
                        None
                    }
                };
                let currency = CURRENCIES.iter().find(|c| **c == i.currency.trim());
                if currency.is_none() {
                    e.push("currency", "choose_option");
                }
                if note.as_ref().is_some_and(|n| n.is_none()) {
                    e.push("note", "required");
                }
                if let (Some(s), Some(c)) = (salary, currency) {
                    offer = Some((s, *c));
                }
            }
            Step::Departed => {
                match chrono::NaiveDate::parse_from_str(i.departed_on.trim(), "%Y-%m-%d") {
                    Ok(d) if d <= now.date() && d > now.date() - chrono::Days::new(366) => {
                        departed_on = Some(d)
                    }
                    Ok(_) => e.push("departed_on", "departure_date_range"),
                    Err(_) => e.push("departed_on", "date_format"),
                }
            }
            Step::ReturnedEarly if note.as_ref().is_some_and(|n| n.is_none()) => {
                e.push("note", "required");
            }
            _ => {}
        }
        e.into_result()?;
        Ok(Self {
            step,
            interview,
            offer,
            note: note.flatten().map(|n| n.as_str().to_owned()),
            departed_on,
        })
    }
}

#[cfg(test)]
#[path = "placement_tests.rs"]
mod tests;
