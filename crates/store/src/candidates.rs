//! Candidate search (issue 14, item 5): the worker's skills for employers, the derived
//! `candidates` row that the search reads, and the record of profile views.
//!
//! [`refresh`] rewrites a worker's `candidates` row from the source tables, with a change mark
//! that tells every process's pool of findable workers (app `orgs/pool.rs`) to read it again.
//! Every store function that changes a source (profile, skills, certificates, the consent to
//! share with employers) calls it in its own executor, so the row never lags its sources
//! inside a transaction. The pools rank from the rows, and the caller checks the
//! consent and the certificate again on the source tables for every worker it shows.

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::candidate::{self, Profile};
use psk_domain::consent::Purpose;
use psk_domain::profile::EducationLevel;
use uuid::Uuid;

use crate::db::Backend;
use crate::{Ex, Result, run};

/// The worker's own words for employers.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct SkillsRow {
    pub skills: Option<String>,
    /// Language codes, space-separated.
    pub languages: String,
    pub driving_licence: bool,
    pub updated_at: DateTime<Utc>,
}

pub async fn skills(ex: Ex<'_>, user_id: Uuid) -> Result<Option<SkillsRow>> {
    let sql = "SELECT skills, languages, driving_licence, updated_at FROM candidate_skills WHERE user_id = $1";
    Ok(run!(ex, |e| sqlx::query_as::<_, SkillsRow>(sql)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}

/// Saves the worker's skills and refreshes their search row.
pub async fn save_skills(ex: Ex<'_>, user_id: Uuid, s: &SkillsRow) -> Result<()> {
    let sql = "INSERT INTO candidate_skills (user_id, skills, languages, driving_licence, updated_at) \
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO UPDATE SET skills = excluded.skills, \
        languages = excluded.languages, driving_licence = excluded.driving_licence, updated_at = excluded.updated_at";
    let mut ex = ex;
    run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(user_id)
        .bind(&s.skills)
        .bind(&s.languages)
        .bind(s.driving_licence)
        .bind(s.updated_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    refresh(ex, user_id, s.updated_at).await
}

#[derive(sqlx::FromRow)]
struct Sources {
    role: String,
    district: Option<String>,
    destination: Option<String>,
    occupation: Option<String>,
    certified_on: Option<NaiveDate>,
    certified_until: Option<NaiveDate>,
    consent_version: Option<i32>,
    hec_verified: bool,
}

/// Rewrites the worker's search row from the source tables (as of `now`, for ongoing work).
/// Anyone but a trainee has none.
pub async fn refresh(ex: Ex<'_>, user_id: Uuid, now: DateTime<Utc>) -> Result<()> {
    let mut ex = ex;
    let sql = "SELECT u.role, u.district, m.destination, m.occupation, \
        (SELECT MIN(issued_on) FROM certificates c WHERE c.user_id = u.id AND c.status = 'valid') AS certified_on, \
        (SELECT MAX(expires_on) FROM certificates c WHERE c.user_id = u.id AND c.status = 'valid') AS certified_until, \
        (SELECT k.purpose_version FROM consents k WHERE k.user_id = u.id AND k.purpose = $2 AND k.granted) AS consent_version, \
        EXISTS (SELECT 1 FROM hec_checks h WHERE h.user_id = u.id AND h.status = 'verified') AS hec_verified \
        FROM users u LEFT JOIN intended_moves m ON m.user_id = u.id WHERE u.id = $1";
    let purpose = Purpose::ShareWithEmployers.as_str();
    let src: Option<Sources> = run!(ex.reborrow(), |e| sqlx::query_as(sql)
        .bind(user_id)
        .bind(purpose)
        .fetch_optional(e)
        .await)?;
    let Some(src) = src.filter(|s| s.role == "trainee") else {
        return remove_row(ex, user_id).await;
    };
    let education = crate::profile::list_education(ex.reborrow(), user_id).await?;
    let employment = crate::profile::list_employment(ex.reborrow(), user_id).await?;
    let own = skills(ex.reborrow(), user_id).await?;
    let today = now.date_naive();
    let rank = education
        .iter()
        .filter_map(|e| EducationLevel::parse(&e.level).ok())
        .map(candidate::education_rank)
        .max()
        .unwrap_or(-1);
    let months: i32 = employment
        .iter()
        .map(|e| candidate::months_between(e.from_month, e.to_month.unwrap_or(today)))
        .sum();
    let past: Vec<String> = employment.iter().map(|e| e.occupation.clone()).collect();
    let languages: Vec<String> = own
        .as_ref()
        .map(|s| s.languages.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    let mut texts: Vec<&str> = vec![];
    if let Some(s) = own.as_ref().and_then(|s| s.skills.as_deref()) {
        texts.push(s);
    }
    for e in &employment {
        texts.push(&e.job_title);
        texts.push(&e.employer);
    }
    let doc = candidate::document(&Profile {
        wants_occupation: src.occupation.as_deref(),
        wants_destination: src.destination.as_deref(),
        district: src.district.as_deref(),
        past_occupations: &past,
        languages: &languages,
        texts: &texts,
    });
    let changed = change_mark(ex.backend());
    let upsert = format!(
        "INSERT INTO candidates (user_id, occupation, destination, past_occupations, education_rank, \
        experience_months, driving_licence, languages, hec_verified, certified_on, certified_until, consent_version, doc, updated_at, changed) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, {changed}) ON CONFLICT (user_id) DO UPDATE SET \
        occupation = excluded.occupation, destination = excluded.destination, past_occupations = excluded.past_occupations, \
        education_rank = excluded.education_rank, experience_months = excluded.experience_months, \
        driving_licence = excluded.driving_licence, languages = excluded.languages, hec_verified = excluded.hec_verified, certified_on = excluded.certified_on, \
        certified_until = excluded.certified_until, consent_version = excluded.consent_version, \
        doc = excluded.doc, updated_at = excluded.updated_at, changed = excluded.changed"
    );
    let past_codes = format!(" {} ", past.join(" "));
    run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(upsert.as_str()))
        .bind(user_id)
        .bind(&src.occupation)
        .bind(&src.destination)
        .bind(&past_codes)
        .bind(rank)
        .bind(months)
        .bind(own.as_ref().is_some_and(|s| s.driving_licence))
        .bind(languages.join(" "))
        .bind(src.hec_verified)
        .bind(src.certified_on)
        .bind(src.certified_until)
        .bind(src.consent_version)
        .bind(&doc)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The SQL of a row's change mark (see migrations/postgres/0029): on SQLite one more than the
/// largest, on PostgreSQL the writing transaction.
fn change_mark(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "(SELECT COALESCE(MAX(changed), 0) + 1 FROM candidates)",
        Backend::Postgres => "pg_current_xact_id()::text::bigint",
    }
}

/// Empties the worker's row rather than deleting it, so that the change mark tells every pool
/// the worker is gone: what stays is the account's id, which the emptied account row keeps too.
async fn remove_row(ex: Ex<'_>, user_id: Uuid) -> Result<()> {
    let sql = format!(
        "UPDATE candidates SET occupation = NULL, destination = NULL, past_occupations = ' ', \
        education_rank = -1, experience_months = 0, driving_licence = FALSE, languages = '', \
        hec_verified = FALSE, certified_on = NULL, certified_until = NULL, consent_version = NULL, \
        doc = '', changed = {} WHERE user_id = $1",
        change_mark(ex.backend())
    );
    run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(user_id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes everything of the search about a worker (their erasure).
pub async fn erase(ex: Ex<'_>, user_id: Uuid) -> Result<()> {
    let mut ex = ex;
    remove_row(ex.reborrow(), user_id).await?;
    for sql in [
        "DELETE FROM candidate_skills WHERE user_id = $1",
        "DELETE FROM profile_views WHERE user_id = $1",
    ] {
        run!(ex.reborrow(), |e| sqlx::query(sql)
            .bind(user_id)
            .execute(e)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

#[path = "candidates_search.rs"]
mod search;
pub use search::*;
