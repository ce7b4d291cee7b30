//! The course as a trainee takes it: enrollment in a version, lessons with server-decided
//! completion, quizzes scored on the server, short tasks, and module completion.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use psk_course::progress::{self, MAX_HEARTBEAT_GAP};
use psk_course::{Course, Lesson, Module};
use psk_store::learning;
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The course version the trainee follows (enrolled in the newest on first use), parsed.
pub async fn course_for(st: &AppState, me: &CurrentUser) -> AppResult<(Uuid, Arc<Course>)> {
    // The course is for trainees: staff accounts cannot enrol (nor grade their own answers).
    me.require(&[psk_domain::role::Role::Trainee])?;
    let version = match psk_store::course::enrollment(st.db.ex(), me.id).await? {
        Some(v) => v,
        None => {
            let latest = psk_store::course::latest(st.db.ex())
                .await?
                .ok_or(AppError::Gone("course_unavailable"))?;
            psk_store::course::enroll(st.db.ex(), me.id, latest.id, st.clock.now()).await?
        }
    };
    Ok((version, load_version(st, version).await?))
}

/// A published version, parsed once and cached (a version never changes).
pub(crate) async fn load_version(st: &AppState, id: Uuid) -> AppResult<Arc<Course>> {
    if let Some(c) = st.courses.read().expect("course cache").get(&id) {
        return Ok(c.clone());
    }
    let row = psk_store::course::find(st.db.ex(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let course: Arc<Course> =
        Arc::new(serde_json::from_str(&row.content).map_err(anyhow::Error::from)?);
    st.courses
        .write()
        .expect("course cache")
        .insert(id, course.clone());
    Ok(course)
}

/// A lesson's status from its credited time and completion.
fn lesson_status(st: &AppState, l: &Lesson, p: Option<&learning::LessonProgress>) -> LessonStatus {
    LessonStatus {
        id: l.id.clone(),
        kind: format!("{:?}", l.kind).to_lowercase(),
        credited_seconds: p.map(|p| p.credited_seconds as i64).unwrap_or(0),
        min_seconds: min_seconds(st, l),
        watched_seconds: p
            .map(|p| progress::watched_ms(&spans(p)) / 1000)
            .unwrap_or(0),
        completed: p.is_some_and(|p| p.completed_at.is_some()),
    }
}

/// The stretches of a lesson's video proved watched.
fn spans(p: &learning::LessonProgress) -> Vec<progress::Span> {
    p.watched
        .as_deref()
        .and_then(|w| serde_json::from_str(w).ok())
        .unwrap_or_default()
}

/// The minimum reading time of a lesson.
pub fn min_seconds(st: &AppState, l: &Lesson) -> i64 {
    progress::min_reading_seconds(l.words_en.min(l.words_ur), st.config.learning.reading_wpm)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LessonStatus {
    pub id: String,
    pub kind: String,
    pub credited_seconds: i64,
    pub min_seconds: i64,
    /// Seconds of the lesson's video proved watched at normal speed.
    pub watched_seconds: i64,
    pub completed: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskStatus {
    pub id: String,
    pub kind: String,
    /// none, done, awaiting_grading, returned
    pub state: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ModuleStatus {
    pub id: String,
    pub lessons: Vec<LessonStatus>,
    pub quiz_passed: bool,
    pub best_quiz_percent: Option<i32>,
    pub tasks: Vec<TaskStatus>,
    pub complete: bool,
}

/// Where a trainee stands in the course.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Progress {
    pub version: String,
    pub modules: Vec<ModuleStatus>,
    /// The lesson to continue with, on any device.
    pub continue_lesson: Option<String>,
    pub all_complete: bool,
}

pub async fn progress(st: &AppState, me: &CurrentUser) -> AppResult<(Arc<Course>, Progress)> {
    let (_, course) = course_for(st, me).await?;
    let lessons: HashMap<String, learning::LessonProgress> = learning::lessons(st.db.ex(), me.id)
        .await?
        .into_iter()
        .map(|l| (l.lesson_id.clone(), l))
        .collect();
    let passed: HashSet<String> = learning::passed_quizzes(st.db.ex(), me.id)
        .await?
        .into_iter()
        .collect();
    let attempts = learning::quizzes(st.db.ex(), me.id).await?;
    let submissions = learning::task_submissions(st.db.ex(), me.id).await?;
    let (_, last) = learning::clock(st.db.ex(), me.id)
        .await?
        .unwrap_or((None, None));
    let mut modules = vec![];
    for m in &course.modules {
        let lesson_status: Vec<LessonStatus> = m
            .lessons
            .iter()
            .map(|l| lesson_status(st, l, lessons.get(&l.id)))
            .collect();
        let tasks: Vec<TaskStatus> = m
            .tasks
            .iter()
            .map(|t| {
                // The newest submission decides: done, waiting for a grader, or returned to redo.
                let state = submissions
                    .iter()
                    .find(|s| s.task_id == t.id)
                    .map(|s| s.status.clone())
                    .unwrap_or_else(|| "none".into());
                TaskStatus {
                    id: t.id.clone(),
                    kind: format!("{:?}", t.kind).to_lowercase(),
                    state,
                }
            })
            .collect();
        let quiz_passed = passed.contains(&m.id);
        let best = attempts
            .iter()
            .filter(|a| a.module_id == m.id)
            .filter_map(|a| a.score_percent)
            .max();
        let complete = lesson_status.iter().all(|l| l.completed)
            && quiz_passed
            && tasks.iter().all(|t| t.state == "done");
        modules.push(ModuleStatus {
            id: m.id.clone(),
            lessons: lesson_status,
            quiz_passed,
            best_quiz_percent: best,
            tasks,
            complete,
        });
    }
    let first_open = modules
        .iter()
        .flat_map(|m| m.lessons.iter())
        .find(|l| !l.completed)
        .map(|l| l.id.clone());
    let continue_lesson = last
        .filter(|l| lessons.get(l).is_some_and(|p| p.completed_at.is_none()))
        .or(first_open);
    let all_complete = modules.iter().all(|m| m.complete);
    Ok((
        course.clone(),
        Progress {
            version: course.version.clone(),
            modules,
            continue_lesson,
            all_complete,
        },
    ))
}

fn find_lesson<'a>(course: &'a Course, id: &str) -> AppResult<(&'a Module, &'a Lesson)> {
    course.lesson(id).ok_or(AppError::NotFound)
}

/// Opens a lesson page: reading time counts from now.
pub async fn open_lesson(
    st: &AppState,
    me: &CurrentUser,
    lesson_id: &str,
) -> AppResult<(Arc<Course>, LessonStatus)> {
    let (_, course) = course_for(st, me).await?;
    let (_, lesson) = find_lesson(&course, lesson_id)?;
    learning::open_lesson(st.db.ex(), me.id, lesson_id, st.clock.now()).await?;
    let p = learning::lesson(st.db.ex(), me.id, lesson_id).await?;
    let status = lesson_status(st, lesson, p.as_ref());
    Ok((course, status))
}

/// What a heartbeat may report: while a video plays, which video and where the player stands.
/// An empty body (or `{}`) is a plain heartbeat of a page being read.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Heartbeat {
    /// The media id of the video being played (from the lesson).
    pub media: Option<Uuid>,
    /// The player's position, in seconds from the start.
    pub position: Option<f64>,
}

/// Credits the time since the lesson's last heartbeat (or opening) that no other lesson was
/// credited with, at most `cap` seconds. A compare-and-set in one transaction: of parallel
/// requests, one wins and the others credit nothing. With a video position, the credited
/// seconds also prove a stretch of the video watched (`progress::watched_span`); a video watched
/// to the configured share completes the lesson in the same transaction.
async fn credit(
    st: &AppState,
    me: &CurrentUser,
    lesson_id: &str,
    cap: i64,
    video: Option<(i64, i64)>,
) -> AppResult<learning::LessonProgress> {
    let now = st.clock.now();
    let mut p = learning::lesson(st.db.ex(), me.id, lesson_id)
        .await?
        .ok_or(AppError::Gone("lesson_not_open"))?;
    let (clock_at, _) = learning::clock(st.db.ex(), me.id)
        .await?
        .unwrap_or((None, None));
    let since = p.last_heartbeat_at.unwrap_or(p.opened_at);
    let secs = progress::credit(
        now.timestamp(),
        Some(since.timestamp()),
        clock_at.map(|c| c.timestamp()),
        cap,
    );
    let mut tx = st.db.begin().await?;
    let Some(total) = learning::add_credit_if_unchanged(
        tx.ex(),
        me.id,
        lesson_id,
        secs as i32,
        now,
        since,
        clock_at,
    )
    .await?
    else {
        return Ok(p);
    };
    p.credited_seconds = total;
    if let Some((duration, pos)) = video {
        let mut watched = spans(&p);
        if let Some(span) = progress::watched_span(p.video_position_ms, pos, secs, duration) {
            progress::add_span(&mut watched, span);
        }
        let json = serde_json::to_string(&watched).map_err(anyhow::Error::from)?;
        learning::set_watched(tx.ex(), me.id, lesson_id, pos.clamp(0, duration), &json).await?;
        p.video_position_ms = Some(pos.clamp(0, duration));
        p.watched = Some(json);
        let pct = st.config.learning.video_complete_percent;
        if p.completed_at.is_none() && progress::video_complete(&watched, duration, pct) {
            learning::complete_lesson(tx.ex(), me.id, lesson_id, now).await?;
            Event::new("lesson.completed")
                .actor(me.id)
                .subject(me.id)
                .detail(json!({ "lesson": lesson_id, "seconds": total, "watched_ms": progress::watched_ms(&watched), "video_ms": duration }))
                .record(st, tx.ex())
                .await?;
            p.completed_at = Some(now);
        }
    }
    tx.commit().await?;
    Ok(p)
}

/// A heartbeat from an open lesson page (every 15 s while visible), with the player's position
/// while a video plays.
pub async fn heartbeat(
    st: &AppState,
    me: &CurrentUser,
    lesson_id: &str,
    beat: Heartbeat,
) -> AppResult<LessonStatus> {
    let (_, course) = course_for(st, me).await?;
    let (_, lesson) = find_lesson(&course, lesson_id)?;
    let video = match (beat.media, beat.position) {
        (None, None) => None,
        (Some(media), Some(position)) if position.is_finite() && position >= 0.0 => {
            let m = psk_store::media::find(st.db.ex(), media)
                .await?
                .filter(|m| m.lesson_id == lesson_id && m.kind == "video")
                .ok_or(AppError::BadRequest("media_not_of_lesson"))?;
            m.duration_ms
                .map(|d| (d, (position * 1000.0).round() as i64))
        }
        _ => return Err(AppError::BadRequest("media_position")),
    };
    let p = credit(st, me, lesson_id, MAX_HEARTBEAT_GAP, video).await?;
    Ok(lesson_status(st, lesson, Some(&p)))
}

/// "I have read this": completes the lesson when enough reading time has been credited;
/// otherwise says how long is left. A video lesson may be completed this way too, by reading
/// its transcript (for people who cannot hear it, or cannot afford the data).
pub async fn confirm_read(
    st: &AppState,
    me: &CurrentUser,
    lesson_id: &str,
) -> AppResult<LessonStatus> {
    let (_, course) = course_for(st, me).await?;
    let (_, lesson) = find_lesson(&course, lesson_id)?;
    let min = min_seconds(st, lesson);
    // Without heartbeats (no JavaScript) the time since the page opened counts, but never more
    // than the lesson needs and never seconds already credited to another lesson.
    let mut p = credit(st, me, lesson_id, min.max(MAX_HEARTBEAT_GAP), None).await?;
    let total = p.credited_seconds as i64;
    if p.completed_at.is_none() {
        if total < min {
            return Err(AppError::NotYet {
                seconds_left: min - total,
            });
        }
        let mut tx = st.db.begin().await?;
        learning::complete_lesson(tx.ex(), me.id, lesson_id, st.clock.now()).await?;
        Event::new("lesson.completed")
            .actor(me.id)
            .subject(me.id)
            .detail(json!({ "lesson": lesson_id, "seconds": total }))
            .record(st, tx.ex())
            .await?;
        tx.commit().await?;
        p.completed_at = Some(st.clock.now());
    }
    Ok(lesson_status(st, lesson, Some(&p)))
}
