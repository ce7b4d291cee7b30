//! Lesson videos and captions: rows describing objects in the object store. Rows are never
//! changed; the newest of a lesson, language and kind is the one shown.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MediaRow {
    pub id: Uuid,
    pub lesson_id: String,
    pub lang: String,
    /// video | captions
    pub kind: String,
    pub object_key: String,
    pub content_type: String,
    pub bytes: i64,
    pub duration_ms: Option<i64>,
    pub sha256: String,
    /// rendered | uploaded
    pub source: String,
    pub source_hash: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, lesson_id, lang, kind, object_key, content_type, bytes, duration_ms, sha256, source, source_hash, created_by, created_at";

pub async fn insert(ex: Ex<'_>, m: &MediaRow) -> Result<()> {
    let sql = format!(
        "INSERT INTO media ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    );
    run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(m.id)
        .bind(&m.lesson_id)
        .bind(&m.lang)
        .bind(&m.kind)
        .bind(&m.object_key)
        .bind(&m.content_type)
        .bind(m.bytes)
        .bind(m.duration_ms)
        .bind(&m.sha256)
        .bind(&m.source)
        .bind(&m.source_hash)
        .bind(m.created_by)
        .bind(m.created_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn find(ex: Ex<'_>, id: Uuid) -> Result<Option<MediaRow>> {
    let sql = format!("SELECT {COLUMNS} FROM media WHERE id = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, MediaRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(id)
    .fetch_optional(e)
    .await)?)
}

/// The current media of every lesson: the newest row of each lesson, language and kind.
pub async fn current(ex: Ex<'_>) -> Result<Vec<MediaRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM media m WHERE NOT EXISTS (SELECT 1 FROM media n WHERE n.lesson_id = m.lesson_id \
         AND n.lang = m.lang AND n.kind = m.kind AND (n.created_at > m.created_at OR (n.created_at = m.created_at AND n.id > m.id))) \
         ORDER BY lesson_id, lang, kind"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, MediaRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .fetch_all(e)
    .await)?)
}

/// The current media of one lesson.
pub async fn for_lesson(ex: Ex<'_>, lesson_id: &str) -> Result<Vec<MediaRow>> {
    Ok(current(ex)
        .await?
        .into_iter()
        .filter(|m| m.lesson_id == lesson_id)
        .collect())
}

/// Whether a rendering of this script already exists (a re-render skips it).
pub async fn rendered(ex: Ex<'_>, source_hash: &str) -> Result<bool> {
    let sql = "SELECT COUNT(*) FROM media WHERE source_hash = $1";
    let n = run!(ex, |e| sqlx::query_scalar::<_, i64>(sql)
        .bind(source_hash)
        .fetch_one(e)
        .await)?;
    Ok(n > 0)
}
