//! What the candidate search reads of `candidates` (the pools' loads and changes, a profile,
//! the re-check on the source tables), and the record of profile views.

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::consent::Purpose;
use uuid::Uuid;

use crate::db::Backend;
use crate::{Ex, Result, run};

/// One worker found: what a result shows of their search row, and their points.
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
}

/// A search row as the processes' pools of findable workers read it (app `orgs/pool.rs`).
#[derive(Debug, Clone)]
pub struct PoolRow {
    pub seq: i64,
    pub user_id: Uuid,
    pub occupation: Option<String>,
    pub destination: Option<String>,
    pub past_occupations: String,
    pub education_rank: i32,
    pub experience_months: i32,
    pub driving_licence: bool,
    pub languages: String,
    pub hec_verified: bool,
    pub certified_on: Option<NaiveDate>,
    pub certified_until: Option<NaiveDate>,
    pub consent_version: Option<i32>,
    /// The search tokens, space-separated.
    pub doc: String,
    pub changed: i64,
    /// What a result shows of the person (from `users`, whose changes refresh the row).
    pub person: Person,
}

/// What a pool reads: the rows to take again, where to read from next time, and the newest
/// wording of the consent to be found (a row's consent counts only under it).
#[derive(Debug, Clone)]
pub struct PoolChanges {
    pub rows: Vec<PoolRow>,
    pub mark: i64,
    pub wording: i32,
}

/// The same columns, each optional: the outer join gives one empty row when nothing changed.
#[derive(sqlx::FromRow)]
struct Joined {
    wording: i32,
    mark: i64,
    seq: Option<i64>,
    user_id: Option<Uuid>,
    occupation: Option<String>,
    destination: Option<String>,
    past_occupations: Option<String>,
    education_rank: Option<i32>,
    experience_months: Option<i32>,
    driving_licence: Option<bool>,
    languages: Option<String>,
    hec_verified: Option<bool>,
    certified_on: Option<NaiveDate>,
    certified_until: Option<NaiveDate>,
    consent_version: Option<i32>,
    doc: Option<String>,
    changed: Option<i64>,
    dob_enc: Option<Vec<u8>>,
    province: Option<String>,
    district: Option<String>,
}

impl Joined {
    fn row(self) -> Option<PoolRow> {
        let user_id = self.user_id?;
        Some(PoolRow {
            seq: self.seq?,
            user_id,
            occupation: self.occupation,
            destination: self.destination,
            past_occupations: self.past_occupations?,
            education_rank: self.education_rank?,
            experience_months: self.experience_months?,
            driving_licence: self.driving_licence?,
            languages: self.languages?,
            hec_verified: self.hec_verified?,
            certified_on: self.certified_on,
            certified_until: self.certified_until,
            consent_version: self.consent_version,
            doc: self.doc?,
            changed: self.changed?,
            person: Person {
                id: user_id,
                dob_enc: self.dob_enc,
                province: self.province,
                district: self.district,
            },
        })
    }
}

/// With `since: None`, every row of a worker who could be found (a consent and a certificate
/// on record); with the `mark` of an earlier read, every row written since, whatever it says.
/// One statement, so the rows and the mark come from one snapshot. On SQLite `changed` follows
/// the commits and the mark is the largest; on PostgreSQL it is the writing transaction and the
/// mark is the oldest transaction running at the read, whose rows are read again next time.
pub async fn pool_changes(ex: Ex<'_>, since: Option<i64>) -> Result<PoolChanges> {
    let backend = ex.backend();
    let (mark, newer) = match backend {
        Backend::Sqlite => (
            "(SELECT COALESCE(MAX(changed), 0) FROM candidates)",
            "k.changed > $2",
        ),
        Backend::Postgres => (
            "pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
            "k.changed >= $2",
        ),
    };
    let which = if since.is_some() {
        newer.to_owned()
    } else {
        format!("{newer} AND k.consent_version IS NOT NULL AND k.certified_until IS NOT NULL")
    };
    let sql = format!(
        "SELECT w.wording, w.mark, k.seq, k.user_id, k.occupation, k.destination, k.past_occupations, \
        k.education_rank, k.experience_months, k.driving_licence, k.languages, k.hec_verified, \
        k.certified_on, k.certified_until, k.consent_version, k.doc, k.changed, \
        u.dob_enc, u.province, u.district \
        FROM (SELECT CAST(COALESCE(MAX(version), 1) AS INTEGER) AS wording, {mark} AS mark \
        FROM purpose_wordings WHERE purpose = $1) w LEFT JOIN candidates k ON {which} \
        LEFT JOIN users u ON u.id = k.user_id"
    );
    let joined: Vec<Joined> = run!(ex, |e| sqlx::query_as::<_, Joined>(sqlx::AssertSqlSafe(
        sql.as_str()
    ))
    .bind(Purpose::ShareWithEmployers.as_str())
    .bind(since.unwrap_or(i64::MIN))
    .fetch_all(e)
    .await)?;
    let (wording, mark) = joined.first().map_or((1, 0), |j| (j.wording, j.mark));
    Ok(PoolChanges {
        rows: joined.into_iter().filter_map(Joined::row).collect(),
        mark,
        wording,
    })
}

/// Up to `limit` workers whose search row carries the consent to be found (load data's
/// shortlists).
pub async fn consenting(ex: Ex<'_>, limit: i64) -> Result<Vec<Uuid>> {
    let sql = "SELECT user_id FROM candidates WHERE consent_version IS NOT NULL ORDER BY user_id LIMIT $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, Uuid>(sql)
        .bind(limit)
        .fetch_all(e)
        .await)?)
}

/// Of `ids`, those whose consent to share with employers holds now under its newest wording
/// and who hold a valid certificate on `today`, read from the source tables.
pub async fn still_shown(ex: Ex<'_>, ids: &[Uuid], today: NaiveDate) -> Result<Vec<Uuid>> {
    Ok(people_shown(ex, ids, today)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect())
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

/// Of `ids`, those [`still_shown`] on `today`, with what a result shows of them: one read.
pub async fn people_shown(ex: Ex<'_>, ids: &[Uuid], today: NaiveDate) -> Result<Vec<Person>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let list = (0..ids.len())
        .map(|i| format!("${}", i + 3))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT u.id, u.dob_enc, u.province, u.district FROM users u WHERE u.id IN ({list}) \
        AND EXISTS (SELECT 1 FROM consents c WHERE c.user_id = u.id AND c.purpose = $1 AND c.granted \
        AND c.purpose_version >= (SELECT COALESCE(MAX(version), 1) FROM purpose_wordings WHERE purpose = $1)) \
        AND EXISTS (SELECT 1 FROM certificates t WHERE t.user_id = u.id AND t.status = 'valid' AND t.expires_on >= $2)"
    );
    Ok(run!(ex, |e| {
        let mut query = sqlx::query_as::<_, Person>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(Purpose::ShareWithEmployers.as_str())
            .bind(today);
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(e).await
    })?)
}

/// A worker's search row as a hit (no points), to show their profile.
pub async fn one(ex: Ex<'_>, user_id: Uuid) -> Result<Option<Hit>> {
    let sql = "SELECT user_id, occupation, destination, past_occupations, education_rank, experience_months, \
        driving_licence, languages, hec_verified, certified_on, 0 AS points FROM candidates WHERE user_id = $1";
    Ok(run!(ex, |e| sqlx::query_as::<_, Hit>(sql)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}
