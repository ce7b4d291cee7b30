//! The course content: reading the `content/` tree, checking it (`softskills content check`) and
//! importing it as a new published version in one transaction (`softskills content import`, and
//! `serve` on a fresh database). A version never changes once imported.

use std::path::Path;

use psk_course::{Course, Problem, SourceFile};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::audit::Event;
use crate::state::AppState;

/// Reads every `.toml` and `.md` file under `dir`, in a stable order, with paths relative to
/// `dir` (as they are stored and exported).
pub fn read_tree(dir: &Path) -> anyhow::Result<Vec<SourceFile>> {
    Ok(psk_course::read_dir(dir)?)
}

/// What a check or import found wrong: the problems, each with file and line.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("the content has {} problem(s)", .0.len())]
    Invalid(Vec<Problem>),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

pub fn check(dir: &Path) -> Result<Course, ContentError> {
    let files = read_tree(dir)?;
    psk_course::load(&files).map_err(|ps| on_disk(dir, ps))
}

/// Problems name the files as they are on disk.
fn on_disk(dir: &Path, problems: Vec<Problem>) -> ContentError {
    ContentError::Invalid(
        problems
            .into_iter()
            .map(|mut p| {
                p.path = dir.join(&p.path).display().to_string();
                p
            })
            .collect(),
    )
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    pub version_id: Uuid,
    pub label: String,
    /// False when the same content was already published (nothing new was stored).
    pub new: bool,
    pub course: Course,
}

/// Checks the tree and publishes it as a new version; a bad file changes nothing.
pub async fn import(
    st: &AppState,
    dir: &Path,
    actor: Option<Uuid>,
) -> Result<Imported, ContentError> {
    let files = read_tree(dir)?;
    let course = psk_course::load(&files).map_err(|ps| on_disk(dir, ps))?;
    publish(st, course, &files, actor).await
}

/// Publishes a checked course and the files it was made from, in one transaction; the same
/// content published before makes no new version.
pub async fn publish(
    st: &AppState,
    course: Course,
    files: &[SourceFile],
    actor: Option<Uuid>,
) -> Result<Imported, ContentError> {
    let json = serde_json::to_string(&course).map_err(anyhow::Error::from)?;
    let checksum = hex::encode(Sha256::digest(json.as_bytes()));
    if let Some((id, label)) = psk_store::course::find_by_checksum(st.db.ex(), &checksum)
        .await
        .map_err(anyhow::Error::from)?
    {
        return Ok(Imported {
            version_id: id,
            label,
            new: false,
            course,
        });
    }
    if psk_store::course::label_taken(st.db.ex(), &course.version)
        .await
        .map_err(anyhow::Error::from)?
    {
        let line = files
            .iter()
            .find(|f| f.path == "course.toml")
            .and_then(|f| {
                f.text
                    .lines()
                    .position(|l| l.trim_start().starts_with("version"))
            })
            .map(|i| i + 1)
            .unwrap_or(1);
        return Err(ContentError::Invalid(vec![Problem {
            path: "course.toml".into(),
            line,
            message: format!(
                "version {:?} is already published with other content: give this version a new label",
                course.version
            ),
        }]));
    }
    let row = psk_store::course::VersionRow {
        id: Uuid::new_v4(),
        label: course.version.clone(),
        checksum,
        content: json,
        imported_at: st.clock.now(),
    };
    let (m, l, q, t) = course.counts();
    let mut tx = st.db.begin().await.map_err(anyhow::Error::from)?;
    psk_store::course::insert_version(tx.ex(), &row, actor)
        .await
        .map_err(anyhow::Error::from)?;
    for f in files {
        psk_store::authoring::insert_version_file(tx.ex(), row.id, &f.path, &f.text)
            .await
            .map_err(anyhow::Error::from)?;
    }
    let mut ev = Event::new("content.published").detail(json!({ "version": row.label, "version_id": row.id, "modules": m, "lessons": l, "questions": q, "tasks": t }));
    if let Some(a) = actor {
        ev = ev.actor(a);
    }
    ev.record(st, tx.ex())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(Imported {
        version_id: row.id,
        label: row.label,
        new: true,
        course,
    })
}

/// On a fresh database, `serve` publishes the content directory so the service runs with no
/// set-up. Problems are logged; the rest of the portal still starts.
pub async fn import_if_empty(st: &AppState) -> anyhow::Result<()> {
    if psk_store::course::count_versions(st.db.ex()).await? > 0 {
        return Ok(());
    }
    let dir = &st.config.content_dir;
    if !dir.join("course.toml").exists() {
        tracing::warn!(dir = %dir.display(), "no course content found; set content_dir and run `softskills content import`");
        return Ok(());
    }
    match import(st, dir, None).await {
        Ok(i) => {
            let (m, l, q, t) = i.course.counts();
            tracing::info!(
                version = i.label,
                modules = m,
                lessons = l,
                questions = q,
                tasks = t,
                "course content imported"
            );
        }
        Err(ContentError::Invalid(problems)) => {
            for p in problems.iter().take(50) {
                tracing::error!(problem = %p, "course content problem");
            }
            tracing::error!(
                count = problems.len(),
                "course content not imported; run `softskills content check`"
            );
        }
        Err(ContentError::Other(e)) => return Err(e),
    }
    Ok(())
}
