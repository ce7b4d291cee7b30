//! The final test: attempts (what each drew, its deadline, its result) and answers saved one by
//! one. Every lookup is scoped to the trainee.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Attempt {
    pub id: Uuid,
    pub user_id: Uuid,
    pub course_version_id: Uuid,
    pub number: i32,
    pub drawn: String,
    pub started_at: DateTime<Utc>,
    pub deadline_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub score_percent: Option<i32>,
    pub passed: Option<bool>,
    pub module_scores: Option<String>,
}

const COLUMNS: &str = "id, user_id, course_version_id, number, drawn, started_at, deadline_at, submitted_at, score_percent, passed, module_scores";

/// Starts an attempt. A second start with the same number (a double click, two devices) fails
/// on the unique constraint: the caller resumes the one that won.
pub async fn start(ex: Ex<'_>, a: &Attempt) -> Result<()> {
    let sql = "INSERT INTO test_attempts (id, user_id, course_version_id, number, drawn, started_at, deadline_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    run!(ex, |e| sqlx::query(sql)
        .bind(a.id)
        .bind(a.user_id)
        .bind(a.course_version_id)
        .bind(a.number)
        .bind(&a.drawn)
        .bind(a.started_at)
        .bind(a.deadline_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The trainee's attempts, oldest first.
pub async fn attempts(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<Attempt>> {
    let sql = format!("SELECT {COLUMNS} FROM test_attempts WHERE user_id = $1 ORDER BY number");
    Ok(run!(ex, |e| sqlx::query_as::<_, Attempt>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(user_id)
    .fetch_all(e)
    .await)?)
}

/// One attempt of the trainee (someone else's answers None).
pub async fn attempt(ex: Ex<'_>, id: Uuid, user_id: Uuid) -> Result<Option<Attempt>> {
    let sql = format!("SELECT {COLUMNS} FROM test_attempts WHERE id = $1 AND user_id = $2");
    Ok(run!(ex, |e| sqlx::query_as::<_, Attempt>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(id)
    .bind(user_id)
    .fetch_optional(e)
    .await)?)
}

/// Attempts whose time ran out without a submission (the worker scores them).
pub async fn expired(ex: Ex<'_>, now: DateTime<Utc>, limit: i64) -> Result<Vec<Attempt>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM test_attempts WHERE submitted_at IS NULL AND deadline_at <= $1 ORDER BY deadline_at LIMIT $2"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, Attempt>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(now)
    .bind(limit)
    .fetch_all(e)
    .await)?)
}

/// Saves (or changes) one answer while the attempt is open and its time has not run out, in one
/// statement: run it through [`crate::Db::write`] (or inside a transaction). Returns false when
/// it was refused.
///
/// A submission cannot slip between the check and the write. On SQLite the statement holds the
/// database's write lock from its first step, so [`claim`] runs wholly before or after it. On
/// PostgreSQL `FOR UPDATE` takes the attempt's row: a save that waited behind a claim sees the
/// row as the claim left it (submitted) and writes nothing; a claim that waited behind a save
/// reads that save's answer.
pub async fn save_answer(
    ex: Ex<'_>,
    attempt_id: Uuid,
    user_id: Uuid,
    question_id: &str,
    answer: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    // SQLite reads `INSERT … SELECT … ON CONFLICT` unambiguously only with a WHERE clause, which
    // this has; PostgreSQL's CTE locks the attempt first.
    let sql = match ex.backend() {
        crate::Backend::Sqlite => {
            "INSERT INTO test_answers (attempt_id, question_id, answer, answered_at) \
             SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM test_attempts \
             WHERE id = $1 AND user_id = $5 AND submitted_at IS NULL AND deadline_at > $4) \
             ON CONFLICT (attempt_id, question_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at"
        }
        crate::Backend::Postgres => {
            "WITH open AS (SELECT id FROM test_attempts \
             WHERE id = $1 AND user_id = $5 AND submitted_at IS NULL AND deadline_at > $4 FOR UPDATE) \
             INSERT INTO test_answers (attempt_id, question_id, answer, answered_at) \
             SELECT id, $2, $3, $4 FROM open \
             ON CONFLICT (attempt_id, question_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at"
        }
    };
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(attempt_id)
        .bind(question_id)
        .bind(answer)
        .bind(now)
        .bind(user_id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The saved answers of an attempt: (question, answer JSON).
pub async fn answers(ex: Ex<'_>, attempt_id: Uuid) -> Result<Vec<(String, String)>> {
    let sql = "SELECT question_id, answer FROM test_answers WHERE attempt_id = $1";
    Ok(run!(ex, |e| sqlx::query_as::<_, (String, String)>(sql)
        .bind(attempt_id)
        .fetch_all(e)
        .await)?)
}

/// Closes an attempt to answers, once: true if this call closed it (a second submission, or the
/// worker racing the trainee, gets false). Call it first in the scoring transaction, then read
/// the answers and record the result in the same transaction.
pub async fn claim(ex: Ex<'_>, attempt_id: Uuid, at: DateTime<Utc>) -> Result<bool> {
    let sql = "UPDATE test_attempts SET submitted_at = $2 WHERE id = $1 AND submitted_at IS NULL";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(attempt_id)
        .bind(at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The result of a claimed attempt.
pub async fn record_result(
    ex: Ex<'_>,
    attempt_id: Uuid,
    percent: i32,
    passed: bool,
    module_scores: &str,
) -> Result<()> {
    let sql = "UPDATE test_attempts SET score_percent = $2, passed = $3, module_scores = $4 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(attempt_id)
        .bind(percent)
        .bind(passed)
        .bind(module_scores)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// One more attempt granted to `user_id` by `granted_by`, for `reason`.
pub async fn grant_attempt(
    ex: Ex<'_>,
    user_id: Uuid,
    granted_by: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Uuid> {
    let id = Uuid::new_v4();
    let sql = "INSERT INTO test_grants (id, user_id, granted_by, reason, created_at) VALUES ($1, $2, $3, $4, $5)";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(user_id)
        .bind(granted_by)
        .bind(reason)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(id)
}

/// A user's grants: (the attempt that used it, if any), oldest first.
pub async fn grants(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<Option<Uuid>>> {
    let sql = "SELECT used_by_attempt FROM test_grants WHERE user_id = $1 ORDER BY created_at, id";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, Option<Uuid>>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

/// Spends the oldest unused grant of `user_id` on `attempt`; false when none was left.
pub async fn use_grant(ex: Ex<'_>, user_id: Uuid, attempt: Uuid) -> Result<bool> {
    let sql = "UPDATE test_grants SET used_by_attempt = $2 WHERE id = (SELECT id FROM test_grants \
        WHERE user_id = $1 AND used_by_attempt IS NULL ORDER BY created_at, id LIMIT 1)";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(attempt)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?
        == 1)
}
