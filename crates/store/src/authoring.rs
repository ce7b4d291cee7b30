//! The content files behind published versions, and the draft content admins edit.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

/// One content file: its path under the content root, and its text.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FileRow {
    pub path: String,
    pub text: String,
}

pub async fn insert_version_file(
    ex: Ex<'_>,
    version_id: Uuid,
    path: &str,
    text: &str,
) -> Result<()> {
    let sql = "INSERT INTO course_version_files (version_id, path, text) VALUES ($1, $2, $3)";
    run!(ex, |e| sqlx::query(sql)
        .bind(version_id)
        .bind(path)
        .bind(text)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn version_files(ex: Ex<'_>, version_id: Uuid) -> Result<Vec<FileRow>> {
    let sql = "SELECT path, text FROM course_version_files WHERE version_id = $1 ORDER BY path";
    Ok(run!(ex, |e| sqlx::query_as::<_, FileRow>(sql)
        .bind(version_id)
        .fetch_all(e)
        .await)?)
}

pub async fn draft_files(ex: Ex<'_>) -> Result<Vec<FileRow>> {
    let sql = "SELECT path, text FROM content_draft_files ORDER BY path";
    Ok(run!(ex, |e| sqlx::query_as::<_, FileRow>(sql)
        .fetch_all(e)
        .await)?)
}

pub async fn draft_file(ex: Ex<'_>, path: &str) -> Result<Option<FileRow>> {
    let sql = "SELECT path, text FROM content_draft_files WHERE path = $1";
    Ok(run!(ex, |e| sqlx::query_as::<_, FileRow>(sql)
        .bind(path)
        .fetch_optional(e)
        .await)?)
}

/// Writes a draft file (new or changed).
pub async fn put_draft_file(
    ex: Ex<'_>,
    path: &str,
    text: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "INSERT INTO content_draft_files (path, text, updated_by, updated_at) VALUES ($1, $2, $3, $4) \
        ON CONFLICT (path) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at";
    run!(ex, |e| sqlx::query(sql)
        .bind(path)
        .bind(text)
        .bind(by)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_draft_file(ex: Ex<'_>, path: &str) -> Result<u64> {
    let sql = "DELETE FROM content_draft_files WHERE path = $1";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(path)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}

/// Empties the draft (before it is started again from a published version).
pub async fn clear_draft(ex: Ex<'_>) -> Result<()> {
    let sql = "DELETE FROM content_draft_files";
    run!(ex, |e| sqlx::query(sql)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}
