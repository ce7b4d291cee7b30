//! Making one narrated slide video: espeak-ng speaks each sentence (the voice track and the
//! captions' cues), ffmpeg draws the slides over it and encodes the WebM.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Stdio;

use anyhow::{Context, bail};

use super::slides::Slide;
use super::soundtrack::{
    SENTENCE_PAUSE_MS, SLIDE_PAUSE_MS, ms_of, silence, vtt_time, wav_file, wav_samples,
};

/// Wraps a heading into lines of at most `width` characters for the slide.
pub(super) fn wrap(text: &str, width: usize) -> String {
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
        .kill_on_drop(true)
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
pub(super) async fn render_one(
    work: &Path,
    slides: &[Slide],
    urdu: bool,
    fonts: &Path,
) -> anyhow::Result<Rendered> {
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
    // No lesson title on the slides: the page shows it above the player, and the frame's lower
    // part belongs to the captions.
    let mut filters: Vec<String> = vec![];
    for (i, (slide, (a, b))) in slides.iter().zip(&spans).enumerate() {
        let (from, to) = (*a as f64 / 1000.0, *b as f64 / 1000.0);
        // Each line of the heading centred on its own (drawtext would align a block's lines to
        // the left, wrong for Urdu).
        let wrapped = wrap(&slide.heading, 26);
        let lines: Vec<&str> = wrapped.lines().collect();
        for (k, (line, top)) in lines
            .iter()
            .zip(heading_tops(lines.len(), urdu))
            .enumerate()
        {
            let file = format!("h{i}-{k}.txt");
            std::fs::write(work.join(&file), line)?;
            filters.push(format!(
                "drawtext=fontfile={font}:textfile={file}:text_shaping=1:fontcolor=white:fontsize={HEADING_SIZE}:x=(w-text_w)/2:y={top}:enable='between(t,{from:.3},{to:.3})'"
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
    // The poster: the first slide, shown before play instead of a black box.
    let first = spans.first().map_or(0, |(a, b)| (a + b) / 2);
    run(
        tokio::process::Command::new("ffmpeg")
            .current_dir(work)
            .args(["-hide_banner", "-loglevel", "error", "-y", "-ss"])
            .arg(format!("{:.3}", first as f64 / 1000.0))
            .args([
                "-i",
                "video.webm",
                "-frames:v",
                "1",
                "-q:v",
                "5",
                "poster.jpg",
            ]),
        "ffmpeg (poster)",
    )
    .await?;
    Ok(Rendered {
        video: std::fs::read(work.join("video.webm"))?,
        poster: std::fs::read(work.join("poster.jpg"))?,
        vtt,
        duration_ms: total,
    })
}

/// The heading's font size on a slide (pixels of the 640×360 frame).
const HEADING_SIZE: i64 = 30;

/// Where each line of a slide heading starts (y of its top). The heading fills the upper part of
/// the frame, centred on y = 104: on a 360-px phone the player draws two lines of captions just
/// above its controls, which take the lower ~45% of the picture while they show, and a heading
/// set in the middle was covered. Naskh's tall letters need more room between lines.
pub(super) fn heading_tops(lines: usize, urdu: bool) -> Vec<i64> {
    let step = if urdu { 56 } else { 44 };
    let lines = lines as i64;
    (0..lines)
        .map(|k| 104 - (lines * step) / 2 + k * step)
        .collect()
}

/// One rendered lesson video: the WebM, its poster (JPEG), the captions and the length.
pub(super) struct Rendered {
    pub video: Vec<u8>,
    pub poster: Vec<u8>,
    pub vtt: String,
    pub duration_ms: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On a phone, captions and the player's controls take the lower 45% of the frame (y ≥ 198
    /// of 360); a heading of up to three lines (26 characters each) stays above them, inside the
    /// frame.
    #[test]
    fn headings_stay_clear_of_the_captions() {
        for urdu in [false, true] {
            for lines in 1..=3 {
                let tops = heading_tops(lines, urdu);
                assert!(tops[0] >= 12, "inside the frame: {tops:?}");
                let bottom = tops[lines - 1] + HEADING_SIZE + if urdu { 18 } else { 8 };
                assert!(bottom <= 198, "{lines} lines, urdu {urdu}: bottom {bottom}");
            }
        }
    }
}
