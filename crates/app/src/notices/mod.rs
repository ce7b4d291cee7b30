//! The notifications centre (issue 13, item 3). Every message the portal sends a person, codes
//! excepted, goes through [`send`]: it becomes a notice they read in the app (`/notices`,
//! `GET /api/v1/me/notices`), with read or unread state, and goes by SMS (and by email to a
//! verified address) in the same transaction as the change that caused it.
//!
//! - **Wording:** a notice stores its kind and its arguments (encrypted), not its text: the title
//!   and body (`notice-<kind>-title`, `-body`) and the SMS (`Kind::sms`) are Fluent messages,
//!   worded in the reader's language when read or sent.
//! - **Delivery:** each channel has a delivery row (queued, sent, failed after the worker's
//!   retries) the worker updates; support staff see it on the worker's journey.
//! - **Quiet hours:** an SMS that is not urgent waits for `sms.quiet_until_hour` (Pakistan time)
//!   when it would leave between `sms.quiet_from_hour` and then; codes and security alerts
//!   (a changed mobile, a revoked certificate) never wait.
//!
//! Not notices: one-time codes, the email address check (a link that stands in for a code), and
//! the SMS to a number whose CNIC is already registered (it goes to whoever typed the number, who
//! may hold no account). An erased account's last SMS is no notice either: nobody can read it in
//! the app, and erasure removes the notices.

pub mod api;
pub mod pages;

use chrono::{DateTime, Duration, NaiveTime, Timelike, Utc};
use psk_domain::lang::Lang;
use psk_store::Ex;
use psk_store::notices::{self, DeliveryRow, NoticeRow};
use psk_store::users::UserRow;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::crypto::Field;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::notify::{self, Message};
use crate::state::AppState;

/// What a notice is about. Its Fluent messages are `notice-<id>-title`, `notice-<id>-body` and
/// [`Kind::sms`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    CertificateIssued,
    CertificateReissued,
    CertificateRevoked,
    MobileChanged,
    TicketOpened,
    TicketReply,
    DataRequestDone,
    DataRequestRefused,
    PolicyChanged,
    /// An organisation's step on the worker's placement (an interview invitation, an offer, …).
    PlacementStep,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::CertificateIssued,
        Kind::CertificateReissued,
        Kind::CertificateRevoked,
        Kind::MobileChanged,
        Kind::TicketOpened,
        Kind::TicketReply,
        Kind::DataRequestDone,
        Kind::DataRequestRefused,
        Kind::PolicyChanged,
        Kind::PlacementStep,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::CertificateIssued => "certificate_issued",
            Kind::CertificateReissued => "certificate_reissued",
            Kind::CertificateRevoked => "certificate_revoked",
            Kind::MobileChanged => "mobile_changed",
            Kind::TicketOpened => "ticket_opened",
            Kind::TicketReply => "ticket_reply",
            Kind::DataRequestDone => "data_request_done",
            Kind::DataRequestRefused => "data_request_refused",
            Kind::PolicyChanged => "policy_changed",
            Kind::PlacementStep => "placement_step",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The Fluent id of the notice's title; the body's ends in `-body`.
    fn message(self) -> String {
        format!("notice-{}", self.as_str().replace('_', "-"))
    }

    /// The SMS's Fluent message: one part in either language (the i18n test checks).
    pub fn sms(self) -> &'static str {
        match self {
            Kind::CertificateIssued => "certificate-sms",
            Kind::CertificateReissued => "certificate-reissued-sms",
            Kind::CertificateRevoked => "certificate-revoked-sms",
            Kind::MobileChanged => "sms-mobile-changed",
            Kind::TicketOpened => "sms-ticket-opened",
            Kind::TicketReply => "sms-ticket-reply",
            Kind::DataRequestDone => "sms-data-request-done",
            Kind::DataRequestRefused => "sms-data-request-refused",
            Kind::PolicyChanged => "sms-policy-changed",
            Kind::PlacementStep => "sms-placement-step",
        }
    }

    /// Security alerts leave at once, quiet hours or not.
    pub fn urgent(self) -> bool {
        matches!(self, Kind::MobileChanged | Kind::CertificateRevoked)
    }
}

/// Tells `user` of `kind`: a notice in the app, an SMS (to `also_to` as well, for a change of
/// mobile number, which both numbers hear of), and an email when the address is verified. In
/// the caller's transaction; wake the worker after it commits ([`notify::wake_worker`]).
pub async fn send(
    st: &AppState,
    ex: Ex<'_>,
    user: &UserRow,
    kind: Kind,
    args: &[(&str, String)],
    also_to: Option<&[u8]>,
) -> AppResult<Uuid> {
    let mut ex = ex;
    let now = st.clock.now();
    let map: serde_json::Map<String, serde_json::Value> = args
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
        .collect();
    let json = serde_json::to_vec(&map).map_err(anyhow::Error::from)?;
    let id = Uuid::new_v4();
    notices::insert(
        ex.reborrow(),
        &NoticeRow {
            id,
            user_id: user.id,
            kind: kind.as_str().into(),
            args_enc: st.keys.encrypt(Field::NoticeArgs, &json),
            urgent: kind.urgent(),
            created_at: now,
            read_at: None,
        },
    )
    .await?;
    let tr = Tr::new(Lang::parse(&user.language).unwrap_or_default());
    let sms_at = if kind.urgent() {
        now
    } else {
        after_quiet_hours(
            now,
            st.config.sms.quiet_from_hour,
            st.config.sms.quiet_until_hour,
        )
    };
    let text = tr.plain(kind.sms(), args);
    for (n, mobile_enc) in std::iter::once(user.mobile_enc.as_slice())
        .chain(also_to)
        .enumerate()
    {
        let to = st
            .keys
            .decrypt_string(Field::Mobile, mobile_enc)
            .map_err(anyhow::Error::from)?;
        let msg = Message::Sms {
            to,
            text: text.clone(),
        };
        let job = notify::enqueue_at(st, ex.reborrow(), &msg, sms_at).await?;
        let channel = if n == 0 { "sms" } else { "sms_previous" };
        delivery(ex.reborrow(), id, channel, job, sms_at, now).await?;
    }
    if let (Some(email), Some(_)) = (&user.email, user.email_verified_at) {
        let link = format!("{}/notices", st.config.public_url.trim_end_matches('/'));
        let msg = Message::Email {
            to: email.clone(),
            subject: tr.plain(&format!("{}-title", kind.message()), args),
            body: format!(
                "{}\n\n{}",
                tr.plain(&format!("{}-body", kind.message()), args),
                tr.plain("notice-email-footer", &[("link", link)])
            ),
        };
        let job = notify::enqueue_at(st, ex.reborrow(), &msg, now).await?;
        delivery(ex, id, "email", job, now, now).await?;
    }
    Ok(id)
}

async fn delivery(
    ex: Ex<'_>,
    notice_id: Uuid,
    channel: &str,
    job_id: Uuid,
    not_before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    notices::insert_delivery(
        ex,
        &DeliveryRow {
            notice_id,
            channel: channel.into(),
            job_id,
            status: "queued".into(),
            attempts: 0,
            not_before,
            updated_at: now,
        },
    )
    .await?;
    Ok(())
}

/// When a non-urgent SMS due at `now` may leave: `now`, or the end of the quiet hours (Pakistan
/// time, from `from` to `until` o'clock, across midnight when `from` > `until`).
pub fn after_quiet_hours(now: DateTime<Utc>, from: u32, until: u32) -> DateTime<Utc> {
    let local = now.with_timezone(&crate::time::pakistan());
    let h = local.hour();
    let quiet = match from.cmp(&until) {
        std::cmp::Ordering::Equal => false,
        std::cmp::Ordering::Greater => h >= from || h < until,
        std::cmp::Ordering::Less => h >= from && h < until,
    };
    if !quiet {
        return now;
    }
    let day = if h < until {
        local.date_naive()
    } else {
        local.date_naive() + Duration::days(1)
    };
    let end = NaiveTime::from_hms_opt(until, 0, 0).expect("an hour of the day");
    day.and_time(end)
        .and_local_timezone(crate::time::pakistan())
        .single()
        .map(|t| t.to_utc())
        .unwrap_or(now)
}

/// One notice as its reader sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoticeView {
    pub id: Uuid,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
    pub urgent: bool,
    /// Support staff only: how each channel fared.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deliveries: Vec<DeliveryView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeliveryView {
    /// `sms`, `sms_previous` (the number before a change) or `email`.
    pub channel: String,
    /// `queued` (waiting, or to be tried again), `sent`, `failed` (given up after retries).
    pub status: String,
    pub attempts: i32,
    /// Not sent before then (quiet hours).
    pub not_before: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The notices of `user_id`, newest first (the last 100), worded in `lang`; with each channel's
/// delivery when `staff` asks.
pub async fn list(
    st: &AppState,
    user_id: Uuid,
    lang: Lang,
    staff: bool,
) -> AppResult<Vec<NoticeView>> {
    let rows = notices::list(st.db.ex(), user_id, 100).await?;
    let deliveries = if staff {
        notices::deliveries(st.db.ex(), user_id).await?
    } else {
        vec![]
    };
    let tr = Tr::new(lang);
    let mut out = vec![];
    for r in rows {
        let Some(kind) = Kind::parse(&r.kind) else {
            continue;
        };
        let plain = st
            .keys
            .decrypt(Field::NoticeArgs, &r.args_enc)
            .map_err(anyhow::Error::from)?;
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&plain).map_err(anyhow::Error::from)?;
        let args: Vec<(&str, String)> = map
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or_default().to_owned()))
            .collect();
        out.push(NoticeView {
            id: r.id,
            kind,
            title: tr.plain(&format!("{}-title", kind.message()), &args),
            body: tr.plain(&format!("{}-body", kind.message()), &args),
            created_at: r.created_at,
            read: r.read_at.is_some(),
            urgent: r.urgent,
            deliveries: deliveries
                .iter()
                .filter(|d| d.notice_id == r.id)
                .map(|d| DeliveryView {
                    channel: d.channel.clone(),
                    status: d.status.clone(),
                    attempts: d.attempts,
                    not_before: d.not_before,
                    updated_at: d.updated_at,
                })
                .collect(),
        });
    }
    Ok(out)
}

/// Marks one of the reader's notices read (`None`: all); someone else's is "not found".
pub async fn mark_read(st: &AppState, user_id: Uuid, id: Option<Uuid>) -> AppResult<()> {
    let n = notices::mark_read(st.db.ex(), user_id, id, st.clock.now()).await?;
    if id.is_some() && n == 0 {
        // Already read is fine; not theirs (or no such notice) is not found.
        if !notices::is_mine(st.db.ex(), user_id, id.unwrap_or_default()).await? {
            return Err(crate::error::AppError::NotFound);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn quiet_hours_hold_an_sms_until_morning_in_pakistan() {
        // 22:00 in Pakistan (17:00 UTC): held until 08:00 the next day (03:00 UTC).
        assert_eq!(
            after_quiet_hours(at("2026-12-06T17:00:00Z"), 21, 8),
            at("2026-12-07T03:00:00Z")
        );
        // 02:30 in Pakistan: held until 08:00 the same day.
        assert_eq!(
            after_quiet_hours(at("2026-12-06T21:30:00Z"), 21, 8),
            at("2026-12-07T03:00:00Z")
        );
        // 08:00 and 20:59 are not quiet.
        let morning = at("2026-12-07T03:00:00Z");
        assert_eq!(after_quiet_hours(morning, 21, 8), morning);
        let evening = at("2026-12-06T15:59:00Z");
        assert_eq!(after_quiet_hours(evening, 21, 8), evening);
        // Quiet hours inside one day, and none at all.
        assert_eq!(
            after_quiet_hours(at("2026-12-06T21:00:00Z"), 1, 6),
            at("2026-12-07T01:00:00Z")
        );
        let any = at("2026-12-06T17:00:00Z");
        assert_eq!(after_quiet_hours(any, 0, 0), any);
    }

    #[test]
    fn every_kind_has_its_messages_in_both_languages() {
        for lang in Lang::ALL {
            let tr = Tr::new(lang);
            for k in Kind::ALL {
                for id in [
                    format!("{}-title", k.message()),
                    format!("{}-body", k.message()),
                    k.sms().to_owned(),
                ] {
                    assert!(tr.has(&id), "{lang:?} lacks {id}");
                }
                assert_eq!(Kind::parse(k.as_str()), Some(k));
            }
        }
    }
}
