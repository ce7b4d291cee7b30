//! Published course versions and enrollments.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionRow {
    pub id: Uuid,
    pub label: String,
    pub checksum: String,
    pub content: String,
    pub imported_at: DateTime<Utc>,
}

pub async fn insert_version(ex: Ex<'_>, row: &VersionRow, imported_by: Option<Uuid>) -> Result<()> {
    let sql = "INSERT INTO course_versions (id, label, checksum, content, imported_by, imported_at) VALUES ($1, $2, $3, $4, $5, $6)";
    run!(ex, |e| sqlx::query(sql)
        .bind(row.id)
        .bind(&row.label)
        .bind(&row.checksum)
        .bind(&row.content)
        .bind(imported_by)
        .bind(row.imported_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The version with this checksum, if it was imported before.
pub async fn find_by_checksum(ex: Ex<'_>, checksum: &str) -> Result<Option<(Uuid, String)>> {
    let sql = "SELECT id, label FROM course_versions WHERE checksum = $1";
    Ok(run!(ex, |e| sqlx::query_as::<_, (Uuid, String)>(sql)
        .bind(checksum)
        .fetch_optional(e)
        .await)?)
}

/// The newest published version (what new trainees start).
pub async fn latest(ex: Ex<'_>) -> Result<Option<VersionRow>> {
    let sql = "SELECT id, label, checksum, content, imported_at FROM course_versions ORDER BY imported_at DESC LIMIT 1";
    Ok(run!(ex, |e| sqlx::query_as::<_, VersionRow>(sql)
        .fetch_optional(e)
        .await)?)
}

pub async fn find(ex: Ex<'_>, id: Uuid) -> Result<Option<VersionRow>> {
    let sql = "SELECT id, label, checksum, content, imported_at FROM course_versions WHERE id = $1";
    Ok(run!(ex, |e| sqlx::query_as::<_, VersionRow>(sql)
        .bind(id)
        .fetch_optional(e)
        .await)?)
}

pub async fn count_versions(ex: Ex<'_>) -> Result<i64> {
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM course_versions"
    )
    .fetch_one(e)
    .await)?)
}

/// The version a trainee follows, set once when they start.
pub async fn enrollment(ex: Ex<'_>, user_id: Uuid) -> Result<Option<Uuid>> {
    let sql = "SELECT course_version_id FROM enrollments WHERE user_id = $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, Uuid>(sql)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}

/// Enrolls the trainee in `version` unless already enrolled; returns the version they follow.
pub async fn enroll(
    mut ex: Ex<'_>,
    user_id: Uuid,
    version: Uuid,
    now: DateTime<Utc>,
) -> Result<Uuid> {
    let sql = "INSERT INTO enrollments (user_id, course_version_id, started_at) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING";
    run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(user_id)
        .bind(version)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(enrollment(ex, user_id).await?.unwrap_or(version))
}

/// Administrator-set values of course settings.
pub async fn setting_values(ex: Ex<'_>) -> Result<Vec<(String, String)>> {
    Ok(run!(ex, |e| sqlx::query_as::<_, (String, String)>(
        "SELECT key, value FROM course_setting_values ORDER BY key"
    )
    .fetch_all(e)
    .await)?)
}

/// Sets (or, with an empty value, removes) one setting.
pub async fn set_setting(
    ex: Ex<'_>,
    key: &str,
    value: &str,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    if value.is_empty() {
        run!(ex, |e| sqlx::query(
            "DELETE FROM course_setting_values WHERE key = $1"
        )
        .bind(key)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    } else {
        let sql = "INSERT INTO course_setting_values (key, value, updated_by, updated_at) VALUES ($1, $2, $3, $4) \
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at";
        run!(ex, |e| sqlx::query(sql)
            .bind(key)
            .bind(value)
            .bind(by)
            .bind(now)
            .execute(e)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Takes the trainee's enrollment row for the rest of the transaction (a write lock on SQLite, a
/// row lock on PostgreSQL), so their submissions are handled one at a time.
pub async fn lock_enrollment(ex: Ex<'_>, user_id: Uuid) -> Result<()> {
    let sql = "UPDATE enrollments SET started_at = started_at WHERE user_id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Whether a version with this label was published.
pub async fn label_taken(ex: Ex<'_>, label: &str) -> Result<bool> {
    let sql = "SELECT COUNT(*) FROM course_versions WHERE label = $1";
    let n = run!(ex, |e| sqlx::query_scalar::<_, i64>(sql)
        .bind(label)
        .fetch_one(e)
        .await)?;
    Ok(n > 0)
}
