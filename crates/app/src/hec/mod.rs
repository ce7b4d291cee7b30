//! HEC verification of degrees (issue 14, item 7). A worker who gives a degree (bachelor or
//! above) asks for it to be verified (the education entry's flag) and gives the consent to send
//! it to HEC; the degree then waits in OEC's queue. Results come through an adapter
//! ([`Verifier`]): by default OEC staff send degrees to HEC themselves and record each result
//! (verified or not, HEC's reference, the date) at `/admin/hec`; with `hec.transport = "http"`
//! the worker loop posts each waiting degree to HEC's gateway and records its answer. Employers
//! see a "verified by HEC" mark on the worker's profile; the worker sees each degree's status.

pub mod api;
pub mod gateway;

use chrono::NaiveDate;
use psk_domain::consent::Purpose;
use psk_domain::role::Role;
use psk_store::hec::{self as store, Outcome, Waiting};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// What is sent to HEC about one degree.
#[derive(Debug, Clone, Serialize)]
pub struct Request {
    /// Our reference: the education entry's id.
    pub reference: Uuid,
    pub full_name: String,
    /// 13 digits.
    pub cnic: String,
    pub level: String,
    pub institution: Option<String>,
    pub year: Option<i32>,
}

/// HEC's answer about one degree.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Answer {
    pub verified: bool,
    pub reference: String,
    pub date: NaiveDate,
}

pub type AnswerFuture<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = anyhow::Result<Option<Answer>>> + Send + 'a>,
>;

/// Sends a degree to HEC: `Some` with the answer when HEC answered at once, `None` when the
/// result will be recorded later.
pub trait Verifier: Send + Sync {
    fn submit<'a>(&'a self, r: &'a Request) -> AnswerFuture<'a>;
}

/// The adapter the configuration names (`None`: manual, staff record results).
pub fn verifier(st: &AppState) -> Option<Box<dyn Verifier>> {
    match st.config.hec.transport.as_str() {
        "http" => Some(Box::new(gateway::HttpHec::new(&st.config.hec))),
        _ => None,
    }
}

/// One degree's state as its worker (or OEC) sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DegreeStatus {
    pub education_id: Uuid,
    pub level: String,
    pub institution: Option<String>,
    pub year: Option<i32>,
    /// `not_asked`, `needs_consent`, `waiting`, `sent`, `verified`, `not_verified`.
    pub status: String,
    pub reference: Option<String>,
    pub result_on: Option<NaiveDate>,
}

fn status_of(w: Waiting, asked: bool, consent: bool) -> DegreeStatus {
    let status = match (&w.status, asked, consent) {
        (Some(s), _, _) => s.clone(),
        (None, false, _) => "not_asked".into(),
        (None, true, false) => "needs_consent".into(),
        (None, true, true) => "waiting".into(),
    };
    DegreeStatus {
        education_id: w.education_id,
        level: w.level,
        institution: w.institution,
        year: w.year,
        status,
        reference: w.reference,
        result_on: w.result_on,
    }
}

/// My degrees and where their verification stands.
pub async fn mine(st: &AppState, me: &CurrentUser) -> AppResult<Vec<DegreeStatus>> {
    me.require(&[Role::Trainee])?;
    let consent =
        crate::privacy::consent::holds(st.db.ex(), me.id, Purpose::HecVerification).await?;
    let asked: Vec<Uuid> = psk_store::profile::list_education(st.db.ex(), me.id)
        .await?
        .into_iter()
        .filter(|e| e.hec_verification_requested)
        .map(|e| e.id)
        .collect();
    Ok(store::of_user(st.db.ex(), me.id)
        .await?
        .into_iter()
        .map(|w| {
            let a = asked.contains(&w.education_id);
            status_of(w, a, consent)
        })
        .collect())
}

/// OEC's queue: degrees asked for and consented to, without a result (or all with `all`).
pub async fn queue(st: &AppState, me: &CurrentUser, all: bool) -> AppResult<Vec<DegreeStatus>> {
    me.require(&[Role::Administrator, Role::SupportAgent])?;
    Ok(store::queue(st.db.ex(), !all, 500)
        .await?
        .into_iter()
        .map(|w| status_of(w, true, true))
        .collect())
}

/// A result as OEC staff type it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultInput {
    pub verified: bool,
    /// HEC's reference number.
    #[serde(default)]
    pub reference: String,
    /// `YYYY-MM-DD`, the date of HEC's answer.
    #[serde(default)]
    pub date: String,
}

/// OEC staff record HEC's result for a degree in the queue; audited, the worker's mark follows.
pub async fn record(
    st: &AppState,
    me: &CurrentUser,
    education_id: Uuid,
    input: &ResultInput,
    ip: &str,
) -> AppResult<()> {
    me.require(&[Role::Administrator, Role::SupportAgent])?;
    let mut e = psk_domain::FieldErrors::new();
    let reference = e.take(
        "reference",
        psk_domain::profile::BoundedText::parse(&input.reference, 60),
    );
    let today = st.clock.today();
    let date = match NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d") {
        Ok(d) if d <= today => Some(d),
        Ok(_) => {
            e.push("date", "date_future");
            None
        }
        Err(_) => {
            e.push("date", "date_format");
            None
        }
    };
    e.into_result()?;
    let w = store::queue(st.db.ex(), false, 100_000)
        .await?
        .into_iter()
        .find(|w| w.education_id == education_id)
        .ok_or(AppError::NotFound)?;
    let reference = reference.map(|r| r.as_str().to_owned());
    let mut tx = st.db.begin().await?;
    let status = if input.verified {
        "verified"
    } else {
        "not_verified"
    };
    store::record(
        tx.ex(),
        &Outcome {
            education_id,
            user_id: w.user_id,
            status,
            reference: reference.as_deref(),
            result_on: date,
            recorded_by: Some(me.id),
            at: st.clock.now(),
        },
    )
    .await?;
    Event::new("hec.result_recorded")
        .actor(me.id)
        .subject(w.user_id)
        .ip(ip)
        .detail(json!({ "education": education_id, "status": status }))
        .record(st, tx.ex())
        .await?;
    Ok(tx.commit().await?)
}

/// The worker loop's turn with the HTTP adapter: sends the degrees waiting (a few at a time) and
/// records HEC's answers. Returns how many were sent.
pub async fn submit_waiting(st: &AppState) -> AppResult<usize> {
    let Some(v) = verifier(st) else {
        return Ok(0);
    };
    let waiting: Vec<Waiting> = store::queue(st.db.ex(), true, 20)
        .await?
        .into_iter()
        .filter(|w| w.status.is_none())
        .collect();
    let mut sent = 0;
    for w in waiting {
        let Some(u) = psk_store::users::find(st.db.ex(), w.user_id).await? else {
            continue;
        };
        let cnic = match &u.cnic_enc {
            Some(c) => st
                .keys
                .decrypt_string(crate::crypto::Field::Cnic, c)
                .map_err(anyhow::Error::from)?,
            None => continue,
        };
        let req = Request {
            reference: w.education_id,
            full_name: u.full_name,
            cnic,
            level: w.level.clone(),
            institution: w.institution.clone(),
            year: w.year,
        };
        let answer = v.submit(&req).await.map_err(AppError::Internal)?;
        let (status, reference, result_on) = match &answer {
            Some(a) if a.verified => ("verified", Some(a.reference.as_str()), Some(a.date)),
            Some(a) => ("not_verified", Some(a.reference.as_str()), Some(a.date)),
            None => ("sent", None, None),
        };
        let mut tx = st.db.begin().await?;
        let o = Outcome {
            education_id: w.education_id,
            user_id: w.user_id,
            status,
            reference,
            result_on,
            recorded_by: None,
            at: st.clock.now(),
        };
        store::record(tx.ex(), &o).await?;
        Event::new("hec.sent")
            .subject(w.user_id)
            .detail(json!({ "education": w.education_id, "status": status }))
            .record(st, tx.ex())
            .await?;
        tx.commit().await?;
        sent += 1;
    }
    Ok(sent)
}
