//! The search query over `candidates`, and the record of profile views.

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::candidate::{
    POINTS_WANTS_DESTINATION, POINTS_WANTS_OCCUPATION, POINTS_WORKED_IN_OCCUPATION,
    POINTS_YEARS_CAP,
};
use psk_domain::consent::Purpose;
use uuid::Uuid;

use crate::db::Backend;
use crate::{Ex, Result, run};

/// A search, already checked (`psk_domain::candidate::Search`) and turned into tokens.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    /// Coded tokens every result holds.
    pub exact: &'a [String],
    /// Words every result holds as a word or the start of one.
    pub words: &'a [String],
    pub today: NaiveDate,
    pub education_rank: i32,
    pub experience_months: i32,
    pub driving_licence: bool,
    /// Only workers interested in this demand.
    pub interested_in: Option<Uuid>,
    /// For the ranking: the occupation and destination searched for.
    pub occupation: Option<&'a str>,
    pub destination: Option<&'a str>,
    pub limit: i64,
    pub offset: i64,
}

/// One worker found, with the number of all found.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Hit {
    pub user_id: Uuid,
    pub occupation: Option<String>,
    pub destination: Option<String>,
    pub past_occupations: String,
    pub education_rank: i32,
    pub experience_months: i32,
    pub driving_licence: bool,
    /// Language codes, space-separated.
    pub languages: String,
    /// A degree verified by HEC.
    pub hec_verified: bool,
    pub certified_on: Option<NaiveDate>,
    pub points: i32,
    pub total: i64,
}

enum Arg {
    Text(String),
    Int(i64),
    Bool(bool),
    Date(NaiveDate),
    Id(Uuid),
}

/// The full-text condition's query text for the backend: every token must be present; words
/// may be the start of a longer word. Tokens hold only letters and digits.
fn text_query(backend: Backend, exact: &[String], words: &[String]) -> String {
    match backend {
        Backend::Sqlite => exact
            .iter()
            .map(|t| format!("\"{t}\""))
            .chain(words.iter().map(|w| format!("\"{w}\"*")))
            .collect::<Vec<_>>()
            .join(" AND "),
        Backend::Postgres => exact
            .iter()
            .map(|t| format!("'{t}'"))
            .chain(words.iter().map(|w| format!("'{w}':*")))
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

/// The workers who match, best first under the published rule, then those certified longest.
pub async fn search(ex: Ex<'_>, q: &Query<'_>) -> Result<Vec<Hit>> {
    let backend = ex.backend();
    let mut args = vec![
        Arg::Text(q.occupation.unwrap_or("").into()),
        Arg::Text(format!("% {} %", q.occupation.unwrap_or("-"))),
        Arg::Text(q.destination.unwrap_or("").into()),
        Arg::Date(q.today),
        Arg::Text(Purpose::ShareWithEmployers.as_str().into()),
        Arg::Int(q.education_rank.into()),
        Arg::Int(q.experience_months.into()),
        Arg::Bool(q.driving_licence),
    ];
    let cap = POINTS_YEARS_CAP;
    let mut sql = format!(
        "SELECT k.user_id, k.occupation, k.destination, k.past_occupations, k.education_rank, \
        k.experience_months, k.driving_licence, k.languages, k.hec_verified, k.certified_on, \
        CAST(CASE WHEN k.occupation = $1 THEN {POINTS_WANTS_OCCUPATION} ELSE 0 END \
        + CASE WHEN k.past_occupations LIKE $2 THEN {POINTS_WORKED_IN_OCCUPATION} ELSE 0 END \
        + CASE WHEN k.destination = $3 THEN {POINTS_WANTS_DESTINATION} ELSE 0 END \
        + CASE WHEN k.experience_months >= {} THEN {cap} ELSE k.experience_months / 12 END AS INTEGER) AS points, \
        COUNT(*) OVER () AS total \
        FROM candidates k WHERE k.certified_until >= $4 \
        AND k.consent_version >= (SELECT COALESCE(MAX(version), 1) FROM purpose_wordings WHERE purpose = $5) \
        AND k.education_rank >= $6 AND k.experience_months >= $7 AND (NOT $8 OR k.driving_licence)",
        cap * 12
    );
    if !q.exact.is_empty() || !q.words.is_empty() {
        args.push(Arg::Text(text_query(backend, q.exact, q.words)));
        let n = args.len();
        sql += &match backend {
            Backend::Sqlite => format!(
                " AND k.seq IN (SELECT rowid FROM candidates_fts WHERE candidates_fts MATCH ${n})"
            ),
            Backend::Postgres => format!(" AND k.doc_tsv @@ ${n}::tsquery"),
        };
    }
    if let Some(d) = q.interested_in {
        args.push(Arg::Id(d));
        let n = args.len();
        sql += &format!(
            " AND k.user_id IN (SELECT user_id FROM demand_interests WHERE demand_id = ${n})"
        );
    }
    args.push(Arg::Int(q.limit));
    args.push(Arg::Int(q.offset));
    let n = args.len();
    sql += &format!(
        " ORDER BY points DESC, k.certified_on, k.seq LIMIT ${} OFFSET ${n}",
        n - 1
    );
    Ok(run!(ex, |e| {
        let mut query = sqlx::query_as::<_, Hit>(sqlx::AssertSqlSafe(sql.as_str()));
        for a in &args {
            query = match a {
                Arg::Text(s) => query.bind(s.as_str()),
                Arg::Int(i) => query.bind(*i),
                Arg::Bool(b) => query.bind(*b),
                Arg::Date(d) => query.bind(*d),
                Arg::Id(u) => query.bind(*u),
            };
        }
        query.fetch_all(e).await
    })?)
}

/// Of `ids`, those whose consent to share with employers holds now under its newest wording
/// and who hold a valid certificate on `today`, read from the source tables.
/// Up to `limit` workers whose search row carries the consent to be found (load data's
/// shortlists).
pub async fn consenting(ex: Ex<'_>, limit: i64) -> Result<Vec<Uuid>> {
    let sql = "SELECT user_id FROM candidates WHERE consent_version IS NOT NULL ORDER BY user_id LIMIT $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, Uuid>(sql)
        .bind(limit)
        .fetch_all(e)
        .await)?)
}

pub async fn still_shown(ex: Ex<'_>, ids: &[Uuid], today: NaiveDate) -> Result<Vec<Uuid>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let list = (0..ids.len())
        .map(|i| format!("${}", i + 3))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT c.user_id FROM consents c WHERE c.purpose = $1 AND c.granted \
        AND c.purpose_version >= (SELECT COALESCE(MAX(version), 1) FROM purpose_wordings WHERE purpose = $1) \
        AND EXISTS (SELECT 1 FROM certificates t WHERE t.user_id = c.user_id AND t.status = 'valid' AND t.expires_on >= $2) \
        AND c.user_id IN ({list})"
    );
    Ok(run!(ex, |e| {
        let mut query = sqlx::query_scalar::<_, Uuid>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(Purpose::ShareWithEmployers.as_str())
            .bind(today);
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(e).await
    })?)
}

/// One profile view as the worker sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ViewRow {
    pub organisation_id: Uuid,
    pub organisation: String,
    pub kind: String,
    pub at: DateTime<Utc>,
}

pub async fn record_view(
    ex: Ex<'_>,
    user_id: Uuid,
    organisation_id: Uuid,
    viewer_id: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "INSERT INTO profile_views (id, user_id, organisation_id, viewer_id, day, at) VALUES ($1, $2, $3, $4, $5, $6)";
    run!(ex, |e| sqlx::query(sql)
        .bind(Uuid::new_v4())
        .bind(user_id)
        .bind(organisation_id)
        .bind(viewer_id)
        .bind(now.date_naive())
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many different workers' profiles `viewer_id` opened on `day`, and whether `user_id`'s
/// was one of them.
pub async fn viewed_on(
    ex: Ex<'_>,
    viewer_id: Uuid,
    user_id: Uuid,
    day: NaiveDate,
) -> Result<(i64, bool)> {
    let sql = "SELECT COUNT(DISTINCT user_id), COALESCE(SUM(CASE WHEN user_id = $3 THEN 1 ELSE 0 END), 0) \
        FROM profile_views WHERE viewer_id = $1 AND day = $2";
    let (n, mine): (i64, i64) = run!(ex, |e| sqlx::query_as(sql)
        .bind(viewer_id)
        .bind(day)
        .bind(user_id)
        .fetch_one(e)
        .await)?;
    Ok((n, mine > 0))
}

/// Who viewed the worker's profile, newest first.
pub async fn views_of(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<ViewRow>> {
    let sql = "SELECT v.organisation_id, o.legal_name AS organisation, o.kind, v.at FROM profile_views v \
        JOIN organisations o ON o.id = v.organisation_id WHERE v.user_id = $1 ORDER BY v.at DESC LIMIT 500";
    Ok(run!(ex, |e| sqlx::query_as::<_, ViewRow>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

/// What a result shows of the person: the date of birth (encrypted, for an age band), the
/// province and the district.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Person {
    pub id: Uuid,
    pub dob_enc: Option<Vec<u8>>,
    pub province: Option<String>,
    pub district: Option<String>,
}

pub async fn people(ex: Ex<'_>, ids: &[Uuid]) -> Result<Vec<Person>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let list = (1..=ids.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("SELECT id, dob_enc, province, district FROM users WHERE id IN ({list})");
    Ok(run!(ex, |e| {
        let mut query = sqlx::query_as::<_, Person>(sqlx::AssertSqlSafe(sql.as_str()));
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(e).await
    })?)
}

/// A worker's search row as a hit (no points), to show their profile.
pub async fn one(ex: Ex<'_>, user_id: Uuid) -> Result<Option<Hit>> {
    let sql = "SELECT user_id, occupation, destination, past_occupations, education_rank, experience_months, \
        driving_licence, languages, hec_verified, certified_on, 0 AS points, CAST(1 AS BIGINT) AS total FROM candidates WHERE user_id = $1";
    Ok(run!(ex, |e| sqlx::query_as::<_, Hit>(sql)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}
