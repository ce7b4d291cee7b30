//! A trainee's progress through the course: lessons, quiz attempts, task submissions. Every
//! lookup is scoped to the trainee.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct LessonProgress {
    pub lesson_id: String,
    pub opened_at: DateTime<Utc>,
    pub last_heartbeat_at: Option<DateTime<Utc>>,
    pub credited_seconds: i32,
    pub completed_at: Option<DateTime<Utc>>,
    /// The player's position at the last credited video heartbeat.
    pub video_position_ms: Option<i64>,
    /// The stretches of the video proved watched (JSON `[[start_ms, end_ms], ...]`).
    pub watched: Option<String>,
}

const LESSON_COLUMNS: &str = "lesson_id, opened_at, last_heartbeat_at, credited_seconds, completed_at, video_position_ms, watched";

pub async fn lessons(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<LessonProgress>> {
    let sql = format!("SELECT {LESSON_COLUMNS} FROM lesson_progress WHERE user_id = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, LessonProgress>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(user_id)
    .fetch_all(e)
    .await)?)
}

pub async fn lesson(ex: Ex<'_>, user_id: Uuid, lesson_id: &str) -> Result<Option<LessonProgress>> {
    let sql = format!(
        "SELECT {LESSON_COLUMNS} FROM lesson_progress WHERE user_id = $1 AND lesson_id = $2"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, LessonProgress>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(user_id)
    .bind(lesson_id)
    .fetch_optional(e)
    .await)?)
}

/// Records a view of a lesson page: the moment reading (without heartbeats) starts counting.
pub async fn open_lesson(
    mut ex: Ex<'_>,
    user_id: Uuid,
    lesson_id: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "INSERT INTO lesson_progress (user_id, lesson_id, opened_at, credited_seconds) VALUES ($1, $2, $3, 0) \
        ON CONFLICT (user_id, lesson_id) DO UPDATE SET opened_at = excluded.opened_at, last_heartbeat_at = NULL";
    run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(user_id)
        .bind(lesson_id)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    let sql = "UPDATE enrollments SET last_lesson_id = $2 WHERE user_id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(lesson_id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn complete_lesson(
    ex: Ex<'_>,
    user_id: Uuid,
    lesson_id: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "UPDATE lesson_progress SET completed_at = $3 WHERE user_id = $1 AND lesson_id = $2 AND completed_at IS NULL";
    run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(lesson_id)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The learning clock and the last lesson of an enrolled trainee.
pub async fn clock(
    ex: Ex<'_>,
    user_id: Uuid,
) -> Result<Option<(Option<DateTime<Utc>>, Option<String>)>> {
    let sql = "SELECT clock_at, last_lesson_id FROM enrollments WHERE user_id = $1";
    Ok(run!(ex, |e| sqlx::query_as::<
        _,
        (Option<DateTime<Utc>>, Option<String>),
    >(sql)
    .bind(user_id)
    .fetch_optional(e)
    .await)?)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct QuizAttempt {
    pub id: Uuid,
    pub module_id: String,
    pub drawn: String,
    pub answers: Option<String>,
    pub score_percent: Option<i32>,
    pub passed: Option<bool>,
    pub started_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

const QUIZ_COLUMNS: &str =
    "id, module_id, drawn, answers, score_percent, passed, started_at, submitted_at";

pub async fn start_quiz(
    ex: Ex<'_>,
    id: Uuid,
    user_id: Uuid,
    module_id: &str,
    drawn: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "INSERT INTO quiz_attempts (id, user_id, module_id, drawn, started_at) VALUES ($1, $2, $3, $4, $5)";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(user_id)
        .bind(module_id)
        .bind(drawn)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// One attempt of the trainee (someone else's id answers None).
pub async fn quiz(ex: Ex<'_>, id: Uuid, user_id: Uuid) -> Result<Option<QuizAttempt>> {
    let sql = format!("SELECT {QUIZ_COLUMNS} FROM quiz_attempts WHERE id = $1 AND user_id = $2");
    Ok(run!(ex, |e| sqlx::query_as::<_, QuizAttempt>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(id)
    .bind(user_id)
    .fetch_optional(e)
    .await)?)
}

/// Marks an attempt; false if it was already submitted (a second submit changes nothing).
pub async fn submit_quiz(
    ex: Ex<'_>,
    id: Uuid,
    user_id: Uuid,
    answers: &str,
    percent: i32,
    passed: bool,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = "UPDATE quiz_attempts SET answers = $3, score_percent = $4, passed = $5, submitted_at = $6 \
        WHERE id = $1 AND user_id = $2 AND submitted_at IS NULL";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(user_id)
        .bind(answers)
        .bind(percent)
        .bind(passed)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The modules whose quiz the trainee has passed.
pub async fn passed_quizzes(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<String>> {
    let sql = "SELECT DISTINCT module_id FROM quiz_attempts WHERE user_id = $1 AND passed = TRUE";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, String>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

/// The latest submitted attempt per module (for the overview).
pub async fn quizzes(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<QuizAttempt>> {
    let sql = format!(
        "SELECT {QUIZ_COLUMNS} FROM quiz_attempts WHERE user_id = $1 ORDER BY started_at DESC LIMIT 200"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, QuizAttempt>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(user_id)
    .fetch_all(e)
    .await)?)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct TaskSubmission {
    pub id: Uuid,
    pub task_id: String,
    pub answer: String,
    pub score_percent: Option<i32>,
    pub status: String,
    pub submitted_at: DateTime<Utc>,
    pub grade_note: Option<String>,
}

/// A submitted task, as stored.
pub struct NewSubmission<'a> {
    pub id: Uuid,
    pub user_id: Uuid,
    pub task_id: &'a str,
    pub answer: &'a str,
    pub percent: Option<i32>,
    pub status: &'a str,
    pub now: DateTime<Utc>,
}

pub async fn submit_task(ex: Ex<'_>, s: &NewSubmission<'_>) -> Result<()> {
    let sql = "INSERT INTO task_submissions (id, user_id, task_id, answer, score_percent, status, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    run!(ex, |e| sqlx::query(sql)
        .bind(s.id)
        .bind(s.user_id)
        .bind(s.task_id)
        .bind(s.answer)
        .bind(s.percent)
        .bind(s.status)
        .bind(s.now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn task_submissions(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<TaskSubmission>> {
    let sql = "SELECT id, task_id, answer, score_percent, status, submitted_at, grade_note FROM task_submissions WHERE user_id = $1 ORDER BY submitted_at DESC LIMIT 200";
    Ok(run!(ex, |e| sqlx::query_as::<_, TaskSubmission>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

/// A reflection waiting for a grader (no trainee details: grading is blind).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Ungraded {
    pub id: Uuid,
    pub task_id: String,
    pub answer: String,
    pub submitted_at: DateTime<Utc>,
    /// Only to find the course version the trainee follows; never shown to the grader.
    pub user_id: Uuid,
}

/// The oldest reflections waiting for a grader.
pub async fn grading_queue(ex: Ex<'_>, limit: i64) -> Result<Vec<Ungraded>> {
    let sql = "SELECT id, task_id, answer, submitted_at, user_id FROM task_submissions WHERE status = 'awaiting_grading' ORDER BY submitted_at LIMIT $1";
    Ok(run!(ex, |e| sqlx::query_as::<_, Ungraded>(sql)
        .bind(limit)
        .fetch_all(e)
        .await)?)
}

pub async fn ungraded(ex: Ex<'_>, id: Uuid) -> Result<Option<Ungraded>> {
    let sql = "SELECT id, task_id, answer, submitted_at, user_id FROM task_submissions WHERE id = $1 AND status = 'awaiting_grading'";
    Ok(run!(ex, |e| sqlx::query_as::<_, Ungraded>(sql)
        .bind(id)
        .fetch_optional(e)
        .await)?)
}

/// Records a grader's decision once; false if someone graded it first.
pub async fn grade(
    ex: Ex<'_>,
    id: Uuid,
    status: &str,
    percent: i32,
    grader: Uuid,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = "UPDATE task_submissions SET status = $2, score_percent = $3, graded_by = $4, grade_note = $5, graded_at = $6 \
        WHERE id = $1 AND status = 'awaiting_grading'";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(status)
        .bind(percent)
        .bind(grader)
        .bind(note)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The state of the trainee's newest submission of a task.
pub async fn latest_task_status(
    ex: Ex<'_>,
    user_id: Uuid,
    task_id: &str,
) -> Result<Option<String>> {
    let sql = "SELECT status FROM task_submissions WHERE user_id = $1 AND task_id = $2 ORDER BY submitted_at DESC LIMIT 1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, String>(sql)
        .bind(user_id)
        .bind(task_id)
        .fetch_optional(e)
        .await)?)
}

/// Credits `seconds` only if nothing was credited since the caller read the lesson (`since`) and
/// the trainee's clock (`clock_at`): parallel requests cannot credit the same seconds twice.
/// Returns the new total, or None when another request won (nothing changed).
pub async fn add_credit_if_unchanged(
    mut ex: Ex<'_>,
    user_id: Uuid,
    lesson_id: &str,
    seconds: i32,
    now: DateTime<Utc>,
    since: DateTime<Utc>,
    clock_at: Option<DateTime<Utc>>,
) -> Result<Option<i32>> {
    let sql = "UPDATE enrollments SET clock_at = $2 WHERE user_id = $1 AND ((clock_at IS NULL AND $3 IS NULL) OR clock_at = $3)";
    let clock = run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(user_id)
        .bind(now)
        .bind(clock_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    if clock != 1 {
        return Ok(None);
    }
    let sql = "UPDATE lesson_progress SET credited_seconds = credited_seconds + $3, last_heartbeat_at = $4 \
        WHERE user_id = $1 AND lesson_id = $2 AND COALESCE(last_heartbeat_at, opened_at) = $5 RETURNING credited_seconds";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i32>(sql)
        .bind(user_id)
        .bind(lesson_id)
        .bind(seconds)
        .bind(now)
        .bind(since)
        .fetch_optional(e)
        .await)?)
}

/// Records what a credited video heartbeat proved: the player's position and the watched spans.
/// Called in the transaction of the credit it follows.
pub async fn set_watched(
    ex: Ex<'_>,
    user_id: Uuid,
    lesson_id: &str,
    position_ms: i64,
    watched: &str,
) -> Result<()> {
    let sql = "UPDATE lesson_progress SET video_position_ms = $3, watched = $4 WHERE user_id = $1 AND lesson_id = $2";
    run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(lesson_id)
        .bind(position_ms)
        .bind(watched)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}
