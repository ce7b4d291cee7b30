//! Lesson videos made in the background. When the worker starts (inside `serve` or as
//! `softskills worker`) it renders, one at a time, every video lesson of the newest course that has
//! no video for its script yet, where ffmpeg and espeak-ng are installed
//! (`media.render_on_start`, on by default). Until a video is ready the lesson says so and offers
//! its transcript, which completes the lesson as reading does. Progress goes to the log and to
//! `/author`. Rendering skips what was rendered before from the same script, so a restart (or a
//! second worker) picks up where the first left off.

use std::sync::Mutex;

use psk_course::{Course, LessonKind};

use super::render::{Options, pending, render_all, tools_available};
use crate::state::AppState;

/// What this process is rendering now, for `/author`.
#[derive(Debug, Default)]
pub struct Status(Mutex<Option<Now>>);

/// The video being made and how far the run is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Now {
    pub lesson: String,
    pub lang: String,
    /// Videos finished in this run, and the run's total.
    pub done: usize,
    pub total: usize,
}

impl Status {
    pub fn now(&self) -> Option<Now> {
        self.0.lock().map(|n| n.clone()).unwrap_or(None)
    }

    fn set(&self, now: Option<Now>) {
        if let Ok(mut n) = self.0.lock() {
            *n = now;
        }
    }
}

/// How many of the course's lesson videos exist (one per video lesson and language), among
/// `media` (the current media rows).
pub fn made(course: &Course, media: &[psk_store::media::MediaRow]) -> (usize, usize) {
    let mut have = 0;
    let mut total = 0;
    for l in course
        .modules
        .iter()
        .flat_map(|m| &m.lessons)
        .filter(|l| l.kind == LessonKind::Video)
    {
        for lang in ["en", "ur"] {
            total += 1;
            if media
                .iter()
                .any(|m| m.lesson_id == l.id && m.kind == "video" && m.lang == lang)
            {
                have += 1;
            }
        }
    }
    (have, total)
}

/// Renders the missing videos of the newest course, logging each; returns when all are made.
pub async fn render_missing(st: AppState) {
    if !st.config.media.render_on_start {
        return;
    }
    if !tools_available() {
        tracing::info!(
            "ffmpeg or espeak-ng is not installed: video lessons show their transcripts until videos are uploaded or rendered"
        );
        return;
    }
    if let Err(e) = run(&st).await {
        tracing::error!(error = format!("{e:#}"), "rendering lesson videos failed");
    }
    st.video_render.set(None);
}

async fn run(st: &AppState) -> anyhow::Result<()> {
    let course = match crate::admin::settings::latest_course(st).await {
        Ok(c) => c,
        Err(crate::error::AppError::Gone(_)) => return Ok(()),
        Err(e) => anyhow::bail!("{e}"),
    };
    let values = crate::admin::settings::effective(st, &course)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let base = Options {
        fonts_dir: st.config.media.fonts_dir.clone(),
        ..Default::default()
    };
    let todo = pending(st, &course, &values, &base).await?;
    if todo.is_empty() {
        return Ok(());
    }
    let total = todo.len();
    tracing::info!(
        videos = total,
        "making the missing lesson videos in the background"
    );
    for (done, (lesson, lang)) in todo.into_iter().enumerate() {
        st.video_render.set(Some(Now {
            lesson: lesson.clone(),
            lang: lang.clone(),
            done,
            total,
        }));
        let one = Options {
            lesson: Some(lesson.clone()),
            lang: Some(lang.clone()),
            ..base.clone()
        };
        let started = std::time::Instant::now();
        match render_all(st, &course, &values, &one).await {
            Ok(_) => tracing::info!(
                lesson,
                lang,
                done = done + 1,
                total,
                seconds = started.elapsed().as_secs(),
                "lesson video ready"
            ),
            Err(e) => {
                tracing::error!(
                    lesson,
                    lang,
                    error = format!("{e:#}"),
                    "a lesson video could not be made"
                );
            }
        }
    }
    tracing::info!(videos = total, "the lesson videos are made");
    Ok(())
}
