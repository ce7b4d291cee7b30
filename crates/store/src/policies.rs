//! Policy versions (the privacy policy and the terms of use, each version in both languages) and
//! the versioned wording of each consent purpose. Nothing here is ever updated but the progress
//! of a version's announcement.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PolicyRow {
    pub id: Uuid,
    pub document: String,
    pub version: String,
    pub material: bool,
    pub summary_en: String,
    pub summary_ur: String,
    pub body_en: String,
    pub body_ur: String,
    pub published_at: DateTime<Utc>,
    pub published_by: Option<Uuid>,
    pub announced_through: Option<Uuid>,
    pub announced_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WordingRow {
    pub purpose: String,
    pub version: i32,
    pub title_en: String,
    pub title_ur: String,
    pub text_en: String,
    pub text_ur: String,
    pub policy_version_id: Option<Uuid>,
    pub published_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, document, version, material, summary_en, summary_ur, body_en, body_ur, \
    published_at, published_by, announced_through, announced_at";

/// Inserts a version; false when the document already has that version.
pub async fn insert(ex: Ex<'_>, p: &PolicyRow) -> Result<bool> {
    let sql = format!(
        "INSERT INTO policy_versions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (document, version) DO NOTHING"
    );
    let n = run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(p.id)
        .bind(&p.document)
        .bind(&p.version)
        .bind(p.material)
        .bind(&p.summary_en)
        .bind(&p.summary_ur)
        .bind(&p.body_en)
        .bind(&p.body_ur)
        .bind(p.published_at)
        .bind(p.published_by)
        .bind(p.announced_through)
        .bind(p.announced_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Every version of every document, newest first.
pub async fn all(ex: Ex<'_>) -> Result<Vec<PolicyRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM policy_versions ORDER BY published_at DESC, document, version DESC"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, PolicyRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .fetch_all(e)
    .await)?)
}

/// The version of `document` in force: the newest published.
pub async fn current(ex: Ex<'_>, document: &str) -> Result<Option<PolicyRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM policy_versions WHERE document = $1 ORDER BY published_at DESC, version DESC LIMIT 1"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, PolicyRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(document)
    .fetch_optional(e)
    .await)?)
}

/// Material versions published after `since`, oldest first: what a worker who last acknowledged
/// the notices at `since` has not yet been shown.
pub async fn material_since(ex: Ex<'_>, since: DateTime<Utc>) -> Result<Vec<PolicyRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM policy_versions WHERE material AND published_at > $1 ORDER BY published_at, document"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, PolicyRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(since)
    .fetch_all(e)
    .await)?)
}

/// The oldest material version whose announcement is not finished.
pub async fn next_to_announce(ex: Ex<'_>) -> Result<Option<PolicyRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM policy_versions WHERE material AND announced_at IS NULL ORDER BY published_at LIMIT 1"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, PolicyRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .fetch_optional(e)
    .await)?)
}

/// The next `limit` workers (by id, after `after`) who registered before `before` and still have
/// an account: those a material change published at `before` is announced to.
pub async fn workers_to_tell(
    ex: Ex<'_>,
    before: DateTime<Utc>,
    after: Option<Uuid>,
    limit: i64,
) -> Result<Vec<Uuid>> {
    let sql = "SELECT id FROM users WHERE role = 'trainee' AND erased_at IS NULL AND created_at < $1 \
        AND ($2 IS NULL OR id > $2) ORDER BY id LIMIT $3";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, Uuid>(sql)
        .bind(before)
        .bind(after)
        .bind(limit)
        .fetch_all(e)
        .await)?)
}

/// Records the announcement's progress: told everyone up to `through`; `done` when finished.
pub async fn announced(
    ex: Ex<'_>,
    id: Uuid,
    through: Option<Uuid>,
    done: Option<DateTime<Utc>>,
) -> Result<()> {
    let sql = "UPDATE policy_versions SET announced_through = COALESCE($2, announced_through), announced_at = $3 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(through)
        .bind(done)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The worker acknowledged every notice published up to `at`.
pub async fn seen(ex: Ex<'_>, user_id: Uuid, at: DateTime<Utc>) -> Result<()> {
    let sql = "UPDATE users SET policy_seen_at = $2 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Since when the worker has seen the policy notices: their last acknowledgement, or their
/// registration (they accepted the policy then in force).
pub async fn seen_since(ex: Ex<'_>, user_id: Uuid) -> Result<Option<DateTime<Utc>>> {
    let sql = "SELECT COALESCE(policy_seen_at, created_at) FROM users WHERE id = $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, DateTime<Utc>>(sql)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}

/// Adds a purpose's wording; false when that version exists already.
pub async fn insert_wording(ex: Ex<'_>, w: &WordingRow) -> Result<bool> {
    let sql = "INSERT INTO purpose_wordings (purpose, version, title_en, title_ur, text_en, text_ur, policy_version_id, published_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (purpose, version) DO NOTHING";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(&w.purpose)
        .bind(w.version)
        .bind(&w.title_en)
        .bind(&w.title_ur)
        .bind(&w.text_en)
        .bind(&w.text_ur)
        .bind(w.policy_version_id)
        .bind(w.published_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The newest wording of every purpose.
pub async fn current_wordings(ex: Ex<'_>) -> Result<Vec<WordingRow>> {
    let sql = "SELECT w.purpose, w.version, w.title_en, w.title_ur, w.text_en, w.text_ur, w.policy_version_id, w.published_at \
        FROM purpose_wordings w WHERE w.version = (SELECT MAX(v.version) FROM purpose_wordings v WHERE v.purpose = w.purpose)";
    Ok(run!(ex, |e| sqlx::query_as::<_, WordingRow>(sql)
        .fetch_all(e)
        .await)?)
}

/// The newest wording version of `purpose` (1 before any is stored).
pub async fn wording_version(ex: Ex<'_>, purpose: &str) -> Result<i32> {
    let sql = "SELECT COALESCE(MAX(version), 1) FROM purpose_wordings WHERE purpose = $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i32>(sql)
        .bind(purpose)
        .fetch_one(e)
        .await)?)
}
