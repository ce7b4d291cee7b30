//! `softskills content …`: check the content tree or import it as a new version, render the
//! video lessons, export the files for review.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

use super::offline_state;
use crate::config::Config;

#[derive(Subcommand)]
pub(super) enum ContentCommand {
    /// Validate the content tree; every problem is printed with its file and line.
    Check {
        /// The content directory (default: `content_dir` from the configuration).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Validate and publish the content as a new version (nothing changes if a file is bad).
    Import {
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Make a narrated slide video and captions for each video lesson of the newest published
    /// version (needs ffmpeg and espeak-ng); unchanged scripts are skipped.
    RenderVideos {
        /// Only this lesson (its id, e.g. `com-2`).
        #[arg(long)]
        lesson: Option<String>,
        /// Only this language: `en` or `ur`.
        #[arg(long, value_parser = ["en", "ur"])]
        lang: Option<String>,
        /// Only the first slide: a short proof of the look and the voice.
        #[arg(long)]
        first_slide_only: bool,
        /// Render again even if the script has not changed.
        #[arg(long)]
        force: bool,
        /// Where the slide fonts are (NotoSans-Regular.ttf, NotoNaskhArabic-Regular.ttf).
        #[arg(long, default_value = "fonts")]
        fonts: PathBuf,
    },
    /// Write content files back in the `content/` format, for review: the draft being edited in
    /// the browser (`--draft`) or the newest published version.
    Export {
        /// The directory to write (created; existing files with the same names are replaced).
        #[arg(long)]
        to: PathBuf,
        #[arg(long)]
        draft: bool,
    },
}

pub(super) async fn content(cmd: ContentCommand, cfg: Config) -> anyhow::Result<()> {
    use crate::content::{self, ContentError};
    let report = |e: ContentError| match e {
        ContentError::Invalid(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            anyhow::anyhow!("{} problem(s) found; nothing was imported", problems.len())
        }
        ContentError::Other(e) => e,
    };
    match cmd {
        ContentCommand::Check { dir } => {
            let dir = dir.unwrap_or(cfg.content_dir.clone());
            let course = content::check(&dir).map_err(report)?;
            let (m, l, q, t) = course.counts();
            println!(
                "content OK: version {}, {m} modules, {l} lessons, {q} questions, {t} tasks",
                course.version
            );
        }
        ContentCommand::Import { dir } => {
            let dir = dir.unwrap_or(cfg.content_dir.clone());
            let st = offline_state(cfg).await?;
            let imported = content::import(&st, &dir, None).await.map_err(report)?;
            let (m, l, q, t) = imported.course.counts();
            if imported.new {
                println!(
                    "published version {} ({}): {m} modules, {l} lessons, {q} questions, {t} tasks",
                    imported.label, imported.version_id
                );
            } else {
                println!(
                    "already published as version {} ({}); nothing changed",
                    imported.label, imported.version_id
                );
            }
        }
        ContentCommand::RenderVideos {
            lesson,
            lang,
            first_slide_only,
            force,
            fonts,
        } => {
            let st = offline_state(cfg).await?;
            let latest = psk_store::course::latest(st.db.ex())
                .await?
                .context("no course is published yet: run `softskills content import` first")?;
            let course = crate::learning::service::load_version(&st, latest.id)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            if let Some(l) = &lesson {
                match course.lesson(l) {
                    Some((_, found)) if found.kind == psk_course::LessonKind::Video => {}
                    Some(_) => anyhow::bail!("lesson {l} is a reading lesson, not a video lesson"),
                    None => anyhow::bail!("there is no lesson {l} in version {}", course.version),
                }
            }
            let values = crate::admin::settings::effective(&st, &course)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let opts = crate::media::render::Options {
                lesson,
                lang,
                first_slide_only,
                force,
                fonts_dir: fonts,
            };
            for o in crate::media::render::render_all(&st, &course, &values, &opts).await? {
                match o.duration_ms {
                    Some(ms) => println!(
                        "{} ({}): rendered, {:.1} s",
                        o.lesson,
                        o.lang,
                        ms as f64 / 1000.0
                    ),
                    None => println!("{} ({}): unchanged, skipped", o.lesson, o.lang),
                }
            }
        }
        ContentCommand::Export { to, draft } => {
            let st = offline_state(cfg).await?;
            let files = crate::authoring::service::export_files(&st, draft)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let n = crate::authoring::service::write_tree(&to, &files)?;
            println!("{n} files written to {}", to.display());
        }
    }
    Ok(())
}
