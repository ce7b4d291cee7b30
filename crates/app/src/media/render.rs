//! `softskills content render-videos`: a narrated slide video for each video lesson, in English
//! and Urdu, made from the lesson's script with espeak-ng (the voice) and ffmpeg (the slides and
//! the encoding). Each `##` section of the script is one slide showing its heading; its
//! sentences are spoken and become the WebVTT captions, timed from the synthesised audio. A
//! rendering remembers what it was made from, so running the command again only renders
//! lessons whose script changed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use anyhow::{Context, bail};
use bytes::Bytes;
use psk_course::{Course, LessonKind, Text};
use sha2::{Digest, Sha256};

use super::{Format, NewMedia};
use crate::state::AppState;

/// Changes whenever the look or the voice changes, so every video is made again.
const RENDERER: &str = "slides-v1";
const SAMPLE_RATE: u32 = 22_050;
/// Silence after each sentence and after each slide (ms).
const SENTENCE_PAUSE_MS: u32 = 350;
const SLIDE_PAUSE_MS: u32 = 900;

/// One slide: its heading and the sentences spoken under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    pub heading: String,
    pub sentences: Vec<String>,
}

/// Splits a lesson script into slides (`##` sections), with settings filled in and Markdown
/// markers removed, as it will be spoken.
pub fn slides(
    script: &str,
    values: &BTreeMap<String, String>,
    described: &[(String, Text)],
    urdu: bool,
) -> Vec<Slide> {
    let mut out: Vec<Slide> = vec![];
    for line in script.lines() {
        let line = line.trim();
        if let Some(h) = line.strip_prefix("## ") {
            out.push(Slide {
                heading: fill(h.trim(), values, described, urdu),
                sentences: vec![],
            });
            continue;
        }
        let text = line.trim_start_matches("- ").trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        if out.is_empty() {
            out.push(Slide {
                heading: String::new(),
                sentences: vec![],
            });
        }
        let filled = fill(text, values, described, urdu);
        let slide = out.last_mut().expect("a slide");
        slide.sentences.extend(sentences(&filled));
    }
    out.retain(|s| !s.sentences.is_empty());
    out
}

/// A setting's configured value, or its description when none is configured (never a number
/// made up), as plain text to speak.
fn fill(
    text: &str,
    values: &BTreeMap<String, String>,
    described: &[(String, Text)],
    urdu: bool,
) -> String {
    crate::learning::markdown::fill_settings(
        text,
        values,
        described,
        urdu,
        str::to_owned,
        str::to_owned,
    )
    .replace("**", "")
    .replace('*', "")
}

/// Sentences end at `.`, `?`, `!` and the Urdu full stop and question mark.
fn sentences(text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        cur.push(c);
        let ends = matches!(c, '۔' | '؟' | '?' | '!')
            || (c == '.' && chars.peek().is_none_or(|n| n.is_whitespace()));
        if ends {
            let s = cur.trim().to_owned();
            if !s.is_empty() {
                out.push(s);
            }
            cur.clear();
        }
    }
    let s = cur.trim().to_owned();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

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

/// Renders the video lessons of `course` and stores each video and its captions.
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
    for m in &course.modules {
        for l in m.lessons.iter().filter(|l| l.kind == LessonKind::Video) {
            if opts.lesson.as_ref().is_some_and(|only| *only != l.id) {
                continue;
            }
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
                if !opts.force && psk_store::media::rendered(st.db.ex(), &hash).await? {
                    done.push(Outcome {
                        lesson: l.id.clone(),
                        lang: lang.into(),
                        duration_ms: None,
                    });
                    continue;
                }
                let work =
                    std::env::temp_dir().join(format!("psk-render-{}", uuid::Uuid::new_v4()));
                std::fs::create_dir_all(&work)?;
                let made = render_one(&work, title, &slides, urdu, &opts.fonts_dir).await;
                let _ = std::fs::remove_dir_all(&work);
                let (video, vtt, duration_ms) =
                    made.with_context(|| format!("rendering {} ({lang})", l.id))?;
                for (bytes, format, duration) in [
                    (video, Format::WebM, Some(duration_ms)),
                    (vtt.into_bytes(), Format::WebVtt, None),
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
        }
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

/// The 16-bit mono samples of a WAV file written by espeak-ng.
fn wav_samples(bytes: &[u8]) -> anyhow::Result<&[u8]> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        bail!("espeak-ng did not write a WAV file");
    }
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let id = &bytes[at..at + 4];
        let len = u32::from_le_bytes(bytes[at + 4..at + 8].try_into()?) as usize;
        let body = at + 8;
        if id == b"data" {
            let end = body.saturating_add(len).min(bytes.len());
            return Ok(&bytes[body..end & !1]);
        }
        at = body + len + (len & 1);
    }
    bail!("the WAV file has no data")
}

fn silence(ms: u32) -> Vec<u8> {
    vec![0; (SAMPLE_RATE * ms / 1000) as usize * 2]
}

fn wav_file(pcm: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pcm.len() + 44);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + pcm.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&SAMPLE_RATE.to_le_bytes());
    out.extend_from_slice(&(SAMPLE_RATE * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(pcm.len() as u32).to_le_bytes());
    out.extend_from_slice(pcm);
    out
}

fn ms_of(pcm_len: usize) -> i64 {
    (pcm_len as i64 / 2) * 1000 / SAMPLE_RATE as i64
}

/// A WebVTT timestamp.
fn vtt_time(ms: i64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Wraps a heading into lines of at most `width` characters for the slide.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = vec![];
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= width => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n")
}

async fn run(cmd: &mut tokio::process::Command, what: &str) -> anyhow::Result<()> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .await
        .with_context(|| format!("running {what}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: String = err.lines().rev().take(5).collect::<Vec<_>>().join(" | ");
        bail!("{what} failed: {tail}");
    }
    Ok(())
}

/// Renders one lesson in one language: (WebM video, WebVTT captions, length in ms).
async fn render_one(
    work: &Path,
    title: &str,
    slides: &[Slide],
    urdu: bool,
    fonts: &Path,
) -> anyhow::Result<(Vec<u8>, String, i64)> {
    if slides.is_empty() {
        bail!("the script has nothing to say");
    }
    let voice = if urdu { "ur" } else { "en-gb" };
    let mut pcm: Vec<u8> = vec![];
    let mut vtt = String::from("WEBVTT\n\n");
    let mut cue = 0;
    // (start ms, end ms) of each slide
    let mut spans = vec![];
    for (i, slide) in slides.iter().enumerate() {
        let slide_start = ms_of(pcm.len());
        for (j, sentence) in slide.sentences.iter().enumerate() {
            let txt = work.join(format!("s{i}-{j}.txt"));
            let wav = work.join(format!("s{i}-{j}.wav"));
            std::fs::write(&txt, sentence)?;
            run(
                tokio::process::Command::new("espeak-ng")
                    .args(["-v", voice, "-s", "140", "-w"])
                    .arg(&wav)
                    .arg("-f")
                    .arg(&txt),
                "espeak-ng",
            )
            .await?;
            let bytes = std::fs::read(&wav)?;
            let start = ms_of(pcm.len());
            pcm.extend_from_slice(wav_samples(&bytes)?);
            let end = ms_of(pcm.len());
            cue += 1;
            let _ = write!(
                vtt,
                "{cue}\n{} --> {}\n{}\n\n",
                vtt_time(start),
                vtt_time(end),
                sentence.replace("-->", "→")
            );
            pcm.extend_from_slice(&silence(SENTENCE_PAUSE_MS));
        }
        pcm.extend_from_slice(&silence(SLIDE_PAUSE_MS));
        spans.push((slide_start, ms_of(pcm.len())));
    }
    let total = ms_of(pcm.len());
    std::fs::write(work.join("voice.wav"), wav_file(&pcm))?;
    let font = fonts.join(if urdu {
        "NotoNaskhArabic-Regular.ttf"
    } else {
        "NotoSans-Regular.ttf"
    });
    if !font.exists() {
        bail!("the slide font {} is missing", font.display());
    }
    // ffmpeg runs in the work directory: a copy there is found whatever the fonts path holds
    // (a filter argument cannot quote every character a path may have).
    std::fs::copy(&font, work.join("slide.ttf"))?;
    std::fs::copy(fonts.join("NotoSans-Regular.ttf"), work.join("digits.ttf"))
        .context("the slide font NotoSans-Regular.ttf is missing")?;
    let font = "slide.ttf";
    std::fs::write(work.join("title.txt"), wrap(title, 60))?;
    let mut filters = vec![format!(
        "drawtext=fontfile={font}:textfile=title.txt:text_shaping=1:fontcolor=0xD8EBDF:fontsize=20:x=(w-text_w)/2:y=24"
    )];
    for (i, (slide, (a, b))) in slides.iter().zip(&spans).enumerate() {
        let (from, to) = (*a as f64 / 1000.0, *b as f64 / 1000.0);
        // Each line of the heading centred on its own (drawtext would align a block's lines to
        // the left, wrong for Urdu).
        let wrapped = wrap(&slide.heading, 26);
        let lines: Vec<&str> = wrapped.lines().collect();
        for (k, line) in lines.iter().enumerate() {
            let file = format!("h{i}-{k}.txt");
            std::fs::write(work.join(&file), line)?;
            // Naskh's tall letters need more room between lines.
            let step = if urdu { 64 } else { 52 };
            let top = 180 - (lines.len() as i64 * step) / 2 + k as i64 * step;
            filters.push(format!(
                "drawtext=fontfile={font}:textfile={file}:text_shaping=1:fontcolor=white:fontsize=34:x=(w-text_w)/2:y={top}:enable='between(t,{from:.3},{to:.3})'"
            ));
        }
        let page = format!("p{i}.txt");
        std::fs::write(work.join(&page), format!("{} / {}", i + 1, slides.len()))?;
        filters.push(format!(
            "drawtext=fontfile=digits.ttf:textfile={page}:fontcolor=0xD8EBDF:fontsize=18:x=(w-text_w)/2:y=h-40:enable='between(t,{from:.3},{to:.3})'"
        ));
    }
    run(
        tokio::process::Command::new("ffmpeg")
            .current_dir(work)
            .args([
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
            ])
            .arg(format!(
                "color=c=0x0B5D3B:s=640x360:r=4:d={:.3}",
                total as f64 / 1000.0
            ))
            .args(["-i", "voice.wav", "-vf"])
            .arg(filters.join(","))
            .args([
                "-c:v",
                "libvpx",
                "-b:v",
                "120k",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                "-g",
                "40",
                "-c:a",
                "libopus",
                "-b:a",
                "32k",
                "-ac",
                "1",
                "-shortest",
                "video.webm",
            ]),
        "ffmpeg",
    )
    .await?;
    let video = std::fs::read(work.join("video.webm"))?;
    Ok((video, vtt, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_becomes_slides_of_spoken_sentences() {
        let script = "Intro line.\n\n## First part\n\nOne. Two? Three!\n- A point with 3.5 metres.\n\n## Second\n\nCall {{setting:helpline}} now.\n## Empty\n";
        let described = vec![(
            "helpline".to_owned(),
            Text {
                en: "the OPF helpline".into(),
                ur: "او پی ایف ہیلپ لائن".into(),
            },
        )];
        let s = slides(script, &BTreeMap::new(), &described, false);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].heading, "");
        assert_eq!(
            s[1].sentences,
            ["One.", "Two?", "Three!", "A point with 3.5 metres."]
        );
        assert_eq!(s[2].sentences, ["Call the OPF helpline now."]);
        let values = BTreeMap::from([("helpline".to_owned(), "0800-12345".to_owned())]);
        let s = slides(script, &values, &described, false);
        assert_eq!(s[2].sentences, ["Call 0800-12345 now."]);
        let ur = slides("## سرخی\n\nپہلی بات۔ دوسری بات؟", &values, &described, true);
        assert_eq!(ur[0].sentences, ["پہلی بات۔", "دوسری بات؟"]);
    }

    #[test]
    fn captions_and_audio_are_timed_exactly() {
        assert_eq!(vtt_time(3_723_456), "01:02:03.456");
        let pcm = vec![0u8; SAMPLE_RATE as usize * 2];
        assert_eq!(ms_of(pcm.len()), 1000);
        let wav = wav_file(&pcm);
        assert_eq!(wav_samples(&wav).unwrap().len(), pcm.len());
        assert!(wav_samples(b"not a wav").is_err());
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
    }
}
