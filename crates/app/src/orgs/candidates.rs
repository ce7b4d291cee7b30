//! Candidate search, consent first (issue 14, item 5). An approved organisation's user finds
//! workers who hold a valid certificate AND have given the consent to share their profile with
//! employers and licensed promoters; nobody else is ever found. A search reads the pool of
//! findable workers (`pool.rs`), brought up to date on every request with the search rows
//! rewritten in the same transaction as any change to a consent, a certificate or a profile;
//! opening a profile checks both again on the source tables (`candidates::still_shown`). So a
//! withdrawal or a revoked certificate counts on the next request. Results are ranked by the
//! rule published on `/placement/ranking`, each with its reasons; a result shows no name, CNIC,
//! passport, mobile, date of birth (an age band instead) or address. Opening a profile is
//! recorded, audited, shown to the worker and counted against the user's daily allowance.

use chrono::NaiveDate;
use psk_domain::candidate::{self, PAGE_SIZE, Reason, Search, SearchInput};
use psk_domain::profile::EducationLevel;
use psk_domain::role::Role;
use psk_store::candidates::{self as store, Hit, Person};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::pool::Query;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// One worker found: a minimal profile with why they match.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Found {
    /// Opens the profile (`/api/v1/organisation/candidates/{id}`), counted against the allowance.
    pub id: Uuid,
    pub age_band: Option<String>,
    pub province: Option<String>,
    pub district: Option<String>,
    /// The occupation and destination the worker wants (ISCO-08, ISO 3166-1).
    pub wants_occupation: Option<String>,
    pub wants_destination: Option<String>,
    /// Occupations the worker has worked in.
    pub worked_in: Vec<String>,
    /// The highest education level given.
    pub education: Option<String>,
    pub experience_years: i32,
    pub languages: Vec<String>,
    pub driving_licence: bool,
    /// A degree verified by the Higher Education Commission.
    pub hec_verified: bool,
    pub certified_on: Option<NaiveDate>,
    /// Points under the published rule, and the reasons.
    pub points: i32,
    pub reasons: Vec<Reason>,
}

/// One page of results.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Results {
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub found: Vec<Found>,
}

/// The caller's organisation: an `employer_user` of an approved one (the session checked it).
pub fn my_org(me: &CurrentUser) -> AppResult<Uuid> {
    me.require(&[Role::EmployerUser])?;
    me.organisation_id.ok_or(AppError::Forbidden)
}

fn age_band(st: &AppState, dob_enc: &Option<Vec<u8>>, today: NaiveDate) -> Option<String> {
    let dob = st
        .keys
        .decrypt_string(Field::DateOfBirth, dob_enc.as_ref()?)
        .ok()?;
    let dob: NaiveDate = dob.parse().ok()?;
    Some(candidate::age_band(dob, today).to_owned())
}

fn codes(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_owned).collect()
}

/// The hits still allowed to be shown, each with what a result shows of the person: one read
/// of the source tables re-checks the consent and the certificate (opening a profile).
async fn checked(st: &AppState, hits: Vec<Hit>) -> AppResult<Vec<(Hit, Person)>> {
    let today = st.clock.now().date_naive();
    let ids: Vec<Uuid> = hits.iter().map(|h| h.user_id).collect();
    let mut people = store::people_shown(st.db.ex(), &ids, today).await?;
    Ok(hits
        .into_iter()
        .filter_map(|h| {
            let at = people.iter().position(|p| p.id == h.user_id)?;
            Some((h, people.swap_remove(at)))
        })
        .collect())
}

/// Turns hits into results, in their order, with the reasons under `s`'s criteria.
fn found(st: &AppState, s: Option<&Search>, shown: Vec<(Hit, Person)>) -> Vec<Found> {
    let today = st.clock.now().date_naive();
    let mut out = vec![];
    for (h, p) in shown {
        let past = codes(&h.past_occupations);
        let reasons = s.map_or(vec![], |s| {
            let at = (h.occupation.as_deref(), h.destination.as_deref());
            candidate::rank(s, at.0, &past, at.1, h.experience_months).1
        });
        let mut worked_in = past;
        worked_in.dedup();
        out.push(Found {
            id: h.user_id,
            age_band: age_band(st, &p.dob_enc, today),
            province: p.province,
            district: p.district,
            wants_occupation: h.occupation,
            wants_destination: h.destination,
            worked_in,
            education: usize::try_from(h.education_rank)
                .ok()
                .and_then(|i| EducationLevel::ALL.get(i))
                .map(|l| l.as_str().to_owned()),
            experience_years: h.experience_months / 12,
            languages: codes(&h.languages),
            driving_licence: h.driving_licence,
            hec_verified: h.hec_verified,
            certified_on: h.certified_on,
            points: h.points,
            reasons,
        });
    }
    out
}

/// A search by an organisation's user: checked, run on the pool (brought up to date with every
/// change committed before the request), audited (the criteria, never a result).
pub async fn search(
    st: &AppState,
    me: &CurrentUser,
    input: &SearchInput,
    ip: &str,
) -> AppResult<Results> {
    let org = my_org(me)?;
    let s = Search::parse(input)?;
    let among = match &s.demand {
        None => None,
        Some(n) => {
            let demand = psk_store::demands::by_number(st.db.ex(), n)
                .await?
                .filter(|d| d.organisation_id == org)
                .ok_or_else(|| AppError::field("demand", "demand_unknown"))?;
            Some(psk_store::demands::interested(st.db.ex(), demand.id).await?)
        }
    };
    let exact = s.exact_tokens();
    let q = Query {
        exact: &exact,
        words: &s.words,
        today: st.clock.now().date_naive(),
        education_rank: s.education_rank(),
        experience_months: s.experience_years * 12,
        driving_licence: s.driving_licence,
        among: among.as_deref(),
        occupation: s.occupation.map(|o| o.code()),
        destination: s.country.map(|c| c.code()),
        limit: PAGE_SIZE as usize,
        offset: ((s.page - 1) * PAGE_SIZE) as usize,
    };
    let page = st.pool.search(st, &q).await?;
    let total = page.total as i64;
    let found = found(st, Some(&s), page.hits);
    Event::new("candidates.searched")
        .actor(me.id)
        .ip(ip)
        .detail(json!({
            "organisation": org,
            "criteria": exact,
            "words": s.words.len(),
            "demand": s.demand,
            "page": s.page,
            "results": found.len(),
        }))
        .record_alone(st)
        .await?;
    Ok(Results {
        total,
        page: s.page,
        pages: (total as u32).div_ceil(PAGE_SIZE).min(candidate::MAX_PAGE),
        found,
    })
}

#[path = "candidate_profile.rs"]
mod profile;
pub use profile::*;
