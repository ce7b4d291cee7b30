//! A worker's profile as an organisation opens it (counted, recorded, audited), the worker's
//! list of who opened it, and the worker's own skills for employers.

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::candidate::{Skills, SkillsInput};
use psk_domain::role::Role;
use psk_store::candidates::{self as store, SkillsRow};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Found, checked, found, my_org};
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// One entry of the work history, without anything to reach the worker by.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkEntry {
    pub job_title: String,
    pub occupation: String,
    pub employer: String,
    pub country: String,
    pub from_month: NaiveDate,
    pub to_month: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EducationEntry {
    pub level: String,
    pub institution: Option<String>,
    pub year: Option<i32>,
    /// Verified by the Higher Education Commission.
    pub hec_verified: bool,
}

/// A worker's profile as an organisation sees it: still no name or contact details (those come
/// when the worker accepts an interview).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateProfile {
    #[serde(flatten)]
    pub summary: Found,
    pub skills: Option<String>,
    pub work: Vec<WorkEntry>,
    pub education: Vec<EducationEntry>,
    /// My organisation's demands the worker said they are interested in (numbers).
    pub interested_in: Vec<String>,
    /// Profiles I may still open today.
    pub views_left_today: i64,
}

/// An organisation's user opens a worker's profile. Refused (as not found) unless the worker
/// is still certified and consenting; refused with `profile_views_used_up` past the day's
/// allowance of different profiles (opening one again the same day is free). Recorded for the
/// worker and audited, in one transaction.
pub async fn open(
    st: &AppState,
    me: &CurrentUser,
    user_id: Uuid,
    ip: &str,
) -> AppResult<CandidateProfile> {
    let org = my_org(me)?;
    let now = st.clock.now();
    let hit = store::one(st.db.ex(), user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let summary = found(st, None, checked(st, vec![hit]).await?)
        .pop()
        .ok_or(AppError::NotFound)?;
    let allowance = st.config.placement.profile_views_per_day;
    let (opened, again) = store::viewed_on(st.db.ex(), me.id, user_id, now.date_naive()).await?;
    if !again && opened >= allowance {
        return Err(AppError::Refused("profile_views_used_up"));
    }
    let mut tx = st.db.begin().await?;
    store::record_view(tx.ex(), user_id, org, me.id, now).await?;
    Event::new("candidate.profile_viewed")
        .actor(me.id)
        .subject(user_id)
        .ip(ip)
        .detail(json!({ "organisation": org }))
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    let ex = || st.db.ex();
    let work = psk_store::profile::list_employment(ex(), user_id)
        .await?
        .into_iter()
        .map(|e| WorkEntry {
            job_title: e.job_title,
            occupation: e.occupation,
            employer: e.employer,
            country: e.country,
            from_month: e.from_month,
            to_month: e.to_month,
        })
        .collect();
    let verified: Vec<Uuid> = psk_store::hec::of_user(ex(), user_id)
        .await?
        .into_iter()
        .filter(|h| h.status.as_deref() == Some("verified"))
        .map(|h| h.education_id)
        .collect();
    let education = psk_store::profile::list_education(ex(), user_id)
        .await?
        .into_iter()
        .map(|e| EducationEntry {
            hec_verified: verified.contains(&e.id),
            level: e.level,
            institution: e.institution,
            year: e.year,
        })
        .collect();
    Ok(CandidateProfile {
        summary,
        skills: store::skills(ex(), user_id).await?.and_then(|s| s.skills),
        work,
        education,
        interested_in: psk_store::demands::interests_in(ex(), user_id, org).await?,
        views_left_today: (allowance - opened - i64::from(!again)).max(0),
    })
}

/// One opening of my profile by an organisation, as I see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProfileView {
    pub organisation: String,
    /// `foreign_employer`, `recruitment_agency` or `oep`.
    pub organisation_kind: String,
    pub at: DateTime<Utc>,
}

/// "Who viewed my profile": every opening by an organisation, newest first.
pub async fn viewed_mine(st: &AppState, me: &CurrentUser) -> AppResult<Vec<ProfileView>> {
    me.require(&[Role::Trainee])?;
    Ok(store::views_of(st.db.ex(), me.id)
        .await?
        .into_iter()
        .map(|v| ProfileView {
            organisation: v.organisation,
            organisation_kind: v.kind,
            at: v.at,
        })
        .collect())
}

/// My skills for employers, as saved.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct MySkills {
    pub skills: Option<String>,
    pub languages: Vec<String>,
    pub driving_licence: bool,
}

pub async fn my_skills(st: &AppState, me: &CurrentUser) -> AppResult<MySkills> {
    me.require(&[Role::Trainee])?;
    Ok(store::skills(st.db.ex(), me.id)
        .await?
        .map(|s| MySkills {
            skills: s.skills,
            languages: s.languages.split_whitespace().map(str::to_owned).collect(),
            driving_licence: s.driving_licence,
        })
        .unwrap_or_default())
}

/// The worker saves their skills, languages and licence; audited.
pub async fn save_skills(
    st: &AppState,
    me: &CurrentUser,
    input: &SkillsInput,
    ip: &str,
) -> AppResult<()> {
    me.require(&[Role::Trainee])?;
    let s = Skills::parse(input)?;
    let row = SkillsRow {
        skills: s.skills.map(|t| t.as_str().to_owned()),
        languages: s
            .languages
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(" "),
        driving_licence: s.driving_licence,
        updated_at: st.clock.now(),
    };
    let mut tx = st.db.begin().await?;
    store::save_skills(tx.ex(), me.id, &row).await?;
    Event::new("profile.skills_saved")
        .actor(me.id)
        .subject(me.id)
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    Ok(tx.commit().await?)
}
