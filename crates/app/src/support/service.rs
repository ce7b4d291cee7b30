//! Support staff tools (issue 13, item 8), in one place: find a worker by CNIC, mobile number or
//! certificate number (a reason is required, and every look-up is audited against each worker it
//! found), see their journey, and act only through audited paths: resend a registration code,
//! unlock sign-in (the same key change as a password reset), and, elsewhere, grant a test
//! attempt (`exam::attempts::grant`) and change a lost mobile (`identity::mobile::by_support`).
//! Nothing here shows a password, a code or a full CNIC.

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::cnic::Cnic;
use psk_domain::consent::Purpose;
use psk_domain::contact::MobileNumber;
use psk_domain::lang::Lang;
use psk_domain::profile::BoundedText;
use psk_domain::role::Role;
use psk_store::users::{self, UserRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Who may use the support tools.
pub const SUPPORT: &[Role] = &[Role::SupportAgent, Role::Administrator];

/// A look-up: exactly one of CNIC, mobile or certificate number, and why.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FindInput {
    #[serde(default)]
    pub cnic: String,
    #[serde(default)]
    pub mobile: String,
    #[serde(default)]
    pub certificate: String,
    /// Why the agent looks (kept in the audit log), at most 300 characters.
    #[serde(default)]
    pub reason: String,
}

/// One thing a look-up found.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Found {
    /// `account`, or `pending_registration` (registered but the code never confirmed).
    pub kind: String,
    pub id: Uuid,
    pub full_name: Option<String>,
    pub district: Option<String>,
    pub since: DateTime<Utc>,
}

pub(super) fn reason_of(text: &str) -> AppResult<String> {
    BoundedText::parse(text, 300)
        .map(|t| t.as_str().to_owned())
        .map_err(|e| AppError::field("reason", psk_domain::error::ErrorCode::code(&e)))
}

/// Finds workers (and registrations waiting for their code) by one identifier.
pub async fn find(
    st: &AppState,
    agent: &CurrentUser,
    q: &FindInput,
    ip: &str,
) -> AppResult<Vec<Found>> {
    agent.require(SUPPORT)?;
    let given = [&q.cnic, &q.mobile, &q.certificate]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .count();
    let mut e = psk_domain::FieldErrors::new();
    if given != 1 {
        e.push("identifier", "one_identifier");
    }
    let reason = match reason_of(&q.reason) {
        Ok(r) => Some(r),
        Err(AppError::Fields(f)) => {
            e.0.extend(f.0);
            None
        }
        Err(other) => return Err(other),
    };
    let cnic = (!q.cnic.trim().is_empty())
        .then(|| e.take("cnic", Cnic::parse(&q.cnic)))
        .flatten();
    let mobile = (!q.mobile.trim().is_empty())
        .then(|| e.take("mobile", MobileNumber::parse(&q.mobile)))
        .flatten();
    e.into_result()?;
    let reason = reason.unwrap_or_default();
    let now = st.clock.now();
    let mut accounts: Vec<UserRow> = vec![];
    let mut pending = vec![];
    let by = if let Some(c) = &cnic {
        let hash = st.keys.blind_index(Field::Cnic, c.as_str());
        accounts.extend(users::find_by_cnic_hash(st.db.ex(), &hash).await?);
        "cnic"
    } else if let Some(m) = &mobile {
        let hash = st.keys.blind_index(Field::Mobile, m.e164());
        accounts.extend(users::find_by_mobile_hash(st.db.ex(), &hash).await?);
        pending = psk_store::pending::live_by_mobile_hash(st.db.ex(), &hash, now).await?;
        "mobile"
    } else {
        let number = psk_cert::CertNumber::parse(&q.certificate)
            .map_err(|_| AppError::field("certificate", "certificate_number"))?;
        if let Some(c) = psk_store::certificates::by_number(st.db.ex(), number.as_str()).await? {
            accounts.extend(users::find(st.db.ex(), c.user_id).await?);
        }
        "certificate"
    };
    accounts.retain(|u| u.role == Role::Trainee.as_str() && u.erased_at.is_none());
    let mut tx = st.db.begin().await?;
    for u in &accounts {
        Event::new("support.lookup")
            .actor(agent.id)
            .subject(u.id)
            .detail(json!({ "by": by, "reason": reason, "role": agent.role.as_str() }))
            .ip(ip)
            .record(st, tx.ex())
            .await?;
    }
    if accounts.is_empty() {
        Event::new("support.lookup")
            .actor(agent.id)
            .detail(json!({ "by": by, "reason": reason, "found": 0, "pending": pending.len() }))
            .ip(ip)
            .record(st, tx.ex())
            .await?;
    }
    tx.commit().await?;
    let mut out: Vec<Found> = accounts
        .into_iter()
        .map(|u| Found {
            kind: "account".into(),
            id: u.id,
            full_name: Some(u.full_name),
            district: u.district,
            since: u.created_at,
        })
        .collect();
    out.extend(pending.into_iter().map(|p| Found {
        kind: "pending_registration".into(),
        id: p.id,
        full_name: None,
        district: None,
        since: p.created_at,
    }));
    Ok(out)
}

/// A worker's way through the service, as support sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Journey {
    pub user_id: Uuid,
    pub full_name: String,
    /// `*****-****567-1`
    pub cnic_masked: String,
    /// `0300 ****567`
    pub mobile_masked: String,
    pub district: Option<String>,
    pub language: String,
    pub registered_at: DateTime<Utc>,
    pub passport_expiry: Option<NaiveDate>,
    /// When the passport was renewed, oldest first.
    pub passport_renewals: Vec<DateTime<Utc>>,
    /// When the mobile number changed, oldest first.
    pub mobile_changes: Vec<DateTime<Utc>>,
    /// The choices in effect (the law's purposes always are).
    pub consents_in_effect: Vec<Purpose>,
    pub lessons_completed: usize,
    pub quizzes_passed: usize,
    pub attempts: Vec<AttemptView>,
    /// Extra attempts granted and not yet used.
    pub grants_unused: usize,
    pub certificates: Vec<CertificateView>,
    pub stamps: Vec<StampView>,
    /// The worker's help-desk tickets, newest first: number, status, category.
    pub tickets: Vec<TicketLine>,
    /// When sign-in was last locked for this account (the agent may unlock it).
    pub last_sign_in_lock: Option<DateTime<Utc>>,
    /// What the portal sent the worker, as they read it, with each channel's delivery.
    pub notices: Vec<crate::notices::NoticeView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TicketLine {
    pub id: Uuid,
    pub number: String,
    pub status: String,
    pub category: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttemptView {
    pub number: i32,
    pub started_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub score_percent: Option<i32>,
    pub passed: Option<bool>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CertificateView {
    pub number: String,
    pub status: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StampView {
    pub stamped_on: NaiveDate,
    pub office: String,
}

pub(super) async fn trainee(st: &AppState, id: Uuid) -> AppResult<UserRow> {
    users::find(st.db.ex(), id)
        .await?
        .filter(|u| u.role == Role::Trainee.as_str())
        .ok_or(AppError::NotFound)
}

/// A worker's journey (audited with the reason).
pub async fn journey(
    st: &AppState,
    agent: &CurrentUser,
    user_id: Uuid,
    reason: &str,
    ip: &str,
) -> AppResult<Journey> {
    agent.require(SUPPORT)?;
    let reason = reason_of(reason)?;
    let u = trainee(st, user_id).await?;
    let ex = || st.db.ex();
    let keys = &st.keys;
    let cnic = match &u.cnic_enc {
        Some(b) => keys
            .decrypt_string(Field::Cnic, b)
            .map_err(anyhow::Error::from)?,
        None => String::new(),
    };
    let last4: String = cnic
        .chars()
        .filter(char::is_ascii_digit)
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let mobile = keys
        .decrypt_string(Field::Mobile, &u.mobile_enc)
        .map_err(anyhow::Error::from)?;
    let mut consents_in_effect = vec![];
    for p in Purpose::ALL {
        if crate::privacy::consent::holds(ex(), u.id, p).await? {
            consents_in_effect.push(p);
        }
    }
    let lessons = psk_store::learning::lessons(ex(), u.id).await?;
    let journey = Journey {
        user_id: u.id,
        full_name: u.full_name.clone(),
        cnic_masked: crate::certificate::service::masked_cnic(&last4),
        mobile_masked: MobileNumber::parse(&mobile)
            .map(|m| m.masked())
            .unwrap_or_default(),
        district: u.district.clone(),
        language: u.language.clone(),
        registered_at: u.created_at,
        passport_expiry: u.passport_expiry,
        passport_renewals: psk_store::identity::passport_history(ex(), u.id)
            .await?
            .into_iter()
            .map(|h| h.replaced_at)
            .collect(),
        mobile_changes: psk_store::identity::mobile_history(ex(), u.id)
            .await?
            .into_iter()
            .map(|h| h.replaced_at)
            .collect(),
        consents_in_effect,
        lessons_completed: lessons.iter().filter(|l| l.completed_at.is_some()).count(),
        quizzes_passed: psk_store::learning::passed_quizzes(ex(), u.id).await?.len(),
        attempts: psk_store::exam::attempts(ex(), u.id)
            .await?
            .into_iter()
            .map(|a| AttemptView {
                number: a.number,
                started_at: a.started_at,
                submitted_at: a.submitted_at,
                score_percent: a.score_percent,
                passed: a.passed,
            })
            .collect(),
        grants_unused: psk_store::exam::grants(ex(), u.id)
            .await?
            .iter()
            .filter(|g| g.is_none())
            .count(),
        certificates: psk_store::certificates::for_user(ex(), u.id)
            .await?
            .into_iter()
            .map(|c| CertificateView {
                number: c.number,
                status: c.status,
                issued_on: c.issued_on,
                expires_on: c.expires_on,
            })
            .collect(),
        stamps: psk_store::protector::stamps_of(ex(), u.id)
            .await?
            .into_iter()
            .map(|s| StampView {
                stamped_on: s.stamped_on,
                office: s.office_code,
            })
            .collect(),
        tickets: psk_store::tickets::of_user(ex(), u.id)
            .await?
            .into_iter()
            .map(|t| TicketLine {
                id: t.id,
                number: t.number,
                status: t.status,
                category: t.category,
                created_at: t.created_at,
            })
            .collect(),
        last_sign_in_lock: psk_store::audit::last_for_subject(ex(), u.id, "signin.locked").await?,
        notices: crate::notices::list(st, u.id, Lang::parse(&u.language).unwrap_or_default(), true)
            .await?,
    };
    Event::new("support.journey_read")
        .actor(agent.id)
        .subject(u.id)
        .detail(json!({ "reason": reason, "role": agent.role.as_str() }))
        .ip(ip)
        .record(st, ex())
        .await?;
    Ok(journey)
}
