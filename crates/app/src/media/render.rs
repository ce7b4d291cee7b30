//! `softskills content render-videos`: a narrated slide video for each video lesson, in English
//! and Urdu, made from the lesson's script with espeak-ng (the voice) and ffmpeg (the slides and
//! the encoding). Each `##` section of the script is one slide showing its heading; its
//! sentences are spoken and become the WebVTT captions, timed from the synthesised audio. A
//! rendering remembers what it was made from, so running the command again only renders
//! lessons whose script changed.
//!
//! This file chooses what to render and stores the results; the script becomes slides in
//! `slides.rs`, one video is made (espeak-ng, ffmpeg) in `encode.rs`, and the voice track and
//! its caption timing are in `soundtrack.rs`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Stdio;

use anyhow::{Context, bail};
use bytes::Bytes;
use psk_course::{Course, LessonKind};
use sha2::{Digest, Sha256};

use super::encode::render_one;
use super::{Format, NewMedia};
use crate::state::AppState;

pub use super::slides::{Slide, slides};

/// Changes whenever the look or the voice changes, so every video is made again.
const RENDERER: &str = "slides-v3";

/// Whether ffmpeg and espeak-ng can be run.
pub fn tools_available() -> bool {
    [("ffmpeg", "-version"), ("espeak-ng", "--version")]
        .iter()
        .all(|(t, flag)| {
            std::process::Command::new(t)
                .arg(flag)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// What to render.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this lesson.
    pub lesson: Option<String>,
    /// Only this language (`en` or `ur`).
    pub lang: Option<String>,
    /// Only the first slide: a short proof of how the slides look and sound.
    pub first_slide_only: bool,
    /// Render again even when the script has not changed.
    pub force: bool,
    /// The font for Urdu slides (Noto Naskh Arabic) and for English ones (Noto Sans).
    pub fonts_dir: PathBuf,
}

/// One rendered (or skipped) video.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub lesson: String,
    pub lang: String,
    /// None when skipped because the same script was rendered before.
    pub duration_ms: Option<i64>,
}

/// One video to make: a lesson in one language, with the slides its script gives.
struct Job<'a> {
    lesson: &'a psk_course::Lesson,
    lang: &'static str,
    slides: Vec<Slide>,
    /// What it is made from (a video with this hash needs no rendering).
    hash: String,
}

/// The videos `opts` asks for, in course order.
fn jobs<'a>(course: &'a Course, values: &BTreeMap<String, String>, opts: &Options) -> Vec<Job<'a>> {
    let mut out = vec![];
    for l in course
        .modules
        .iter()
        .flat_map(|m| &m.lessons)
        .filter(|l| l.kind == LessonKind::Video)
        .filter(|l| opts.lesson.as_ref().is_none_or(|only| *only == l.id))
    {
        for lang in ["en", "ur"] {
            if opts.lang.as_ref().is_some_and(|only| only != lang) {
                continue;
            }
            let urdu = lang == "ur";
            let mut slides = slides(l.body.get(urdu), values, &course.settings, urdu);
            if opts.first_slide_only {
                slides.truncate(1);
            }
            let title = l.title.get(urdu);
            let hash = source_hash(lang, title, &slides, opts.first_slide_only);
            out.push(Job {
                lesson: l,
                lang,
                slides,
                hash,
            });
        }
    }
    out
}

/// The (lesson, language) pairs whose video for the current script is not made yet.
pub async fn pending(
    st: &AppState,
    course: &Course,
    values: &BTreeMap<String, String>,
    opts: &Options,
) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = vec![];
    for j in jobs(course, values, opts) {
        if !psk_store::media::rendered(st.db.ex(), &j.hash).await? {
            out.push((j.lesson.id.clone(), j.lang.to_owned()));
        }
    }
    Ok(out)
}

/// Renders the video lessons of `course` and stores each video, its captions and its poster.
pub async fn render_all(
    st: &AppState,
    course: &Course,
    values: &BTreeMap<String, String>,
    opts: &Options,
) -> anyhow::Result<Vec<Outcome>> {
    if !tools_available() {
        bail!(
            "ffmpeg and espeak-ng are needed to render videos (Debian: apt-get install ffmpeg espeak-ng); without a video a lesson shows its transcript and is completed by reading"
        );
    }
    let mut done = vec![];
    for Job {
        lesson: l,
        lang,
        slides,
        hash,
    } in jobs(course, values, opts)
    {
        let urdu = lang == "ur";
        if !opts.force && psk_store::media::rendered(st.db.ex(), &hash).await? {
            done.push(Outcome {
                lesson: l.id.clone(),
                lang: lang.into(),
                duration_ms: None,
            });
            continue;
        }
        let work = std::env::temp_dir().join(format!("psk-render-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&work)?;
        let made = render_one(&work, &slides, urdu, &opts.fonts_dir).await;
        let _ = std::fs::remove_dir_all(&work);
        let made = made.with_context(|| format!("rendering {} ({lang})", l.id))?;
        let duration_ms = made.duration_ms;
        for (bytes, format, duration) in [
            (made.video, Format::WebM, Some(duration_ms)),
            (made.vtt.into_bytes(), Format::WebVtt, None),
            (made.poster, Format::Jpeg, None),
        ] {
            super::save(
                st,
                NewMedia {
                    lesson_id: &l.id,
                    lang,
                    format,
                    duration_ms: duration,
                    source: "rendered",
                    source_hash: Some(hash.clone()),
                    created_by: None,
                },
                Bytes::from(bytes),
            )
            .await
            .map_err(|e| anyhow::anyhow!("storing the video of {}: {e}", l.id))?;
        }
        done.push(Outcome {
            lesson: l.id.clone(),
            lang: lang.into(),
            duration_ms: Some(duration_ms),
        });
    }
    Ok(done)
}

fn source_hash(lang: &str, title: &str, slides: &[Slide], first_only: bool) -> String {
    let mut h = Sha256::new();
    h.update(RENDERER.as_bytes());
    h.update([first_only as u8]);
    for part in [lang, title] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    for s in slides {
        h.update(s.heading.as_bytes());
        h.update([1]);
        for t in &s.sentences {
            h.update(t.as_bytes());
            h.update([2]);
        }
    }
    hex::encode(h.finalize())
}
