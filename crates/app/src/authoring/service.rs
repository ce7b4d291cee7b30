//! Authoring rules: the draft (the content tree as files, stored in the database), saving a
//! file only when it parses, publishing the whole draft as a new version only when it passes
//! every check, and exporting files back to the `content/` format for review. Only content
//! admins author; every change is audited.

use std::path::Path;

use psk_course::{Course, Problem, SourceFile};
use psk_domain::role::Role;
use psk_store::authoring::{self, FileRow};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::content::{ContentError, Imported};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Who may author.
pub const AUTHORS: &[Role] = &[Role::ContentAdmin];

/// The largest content file accepted (a question bank is about 100 KB).
pub const MAX_FILE_BYTES: usize = 512 * 1024;

/// A short fingerprint of a file's text: the editor sends back the one it loaded, so a save
/// over someone else's newer change is refused instead of silently undoing it.
pub fn fingerprint(text: &str) -> String {
    hex::encode(&Sha256::digest(text.as_bytes())[..12])
}

fn to_source(files: Vec<FileRow>) -> Vec<SourceFile> {
    files
        .into_iter()
        .map(|f| SourceFile {
            path: f.path,
            text: f.text,
        })
        .collect()
}

/// The draft's files, started from the newest published version the first time (or from the
/// content directory for a version published before its files were kept).
pub async fn draft(st: &AppState, me: &CurrentUser) -> AppResult<Vec<FileRow>> {
    me.require(AUTHORS)?;
    let files = authoring::draft_files(st.db.ex()).await?;
    if !files.is_empty() {
        return Ok(files);
    }
    start_draft(st, me).await?;
    Ok(authoring::draft_files(st.db.ex()).await?)
}

/// The files of the newest published version.
async fn published_files(st: &AppState) -> AppResult<Vec<FileRow>> {
    let latest = psk_store::course::latest(st.db.ex())
        .await?
        .ok_or(AppError::Gone("course_unavailable"))?;
    let files = authoring::version_files(st.db.ex(), latest.id).await?;
    if !files.is_empty() {
        return Ok(files);
    }
    let tree = crate::content::read_tree(&st.config.content_dir)?;
    Ok(tree
        .into_iter()
        .map(|f| FileRow {
            path: f.path,
            text: f.text,
        })
        .collect())
}

/// Starts the draft again from the newest published version (discarding unpublished edits).
pub async fn start_draft(st: &AppState, me: &CurrentUser) -> AppResult<()> {
    me.require(AUTHORS)?;
    let files = published_files(st).await?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    authoring::clear_draft(tx.ex()).await?;
    for f in &files {
        authoring::put_draft_file(tx.ex(), &f.path, &f.text, Some(me.id), now).await?;
    }
    Event::new("content.draft_started")
        .actor(me.id)
        .detail(json!({ "files": files.len() }))
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Checks the whole draft: the course it makes, or every problem with file and line.
pub async fn check_draft(
    st: &AppState,
    me: &CurrentUser,
) -> AppResult<Result<Course, Vec<Problem>>> {
    let files = to_source(draft(st, me).await?);
    Ok(psk_course::load(&files))
}

/// One file to save: its path, its new text, and the fingerprint of the text it was edited
/// from (empty for a new file).
#[derive(Debug, Clone)]
pub struct Edit {
    pub path: String,
    pub text: String,
    pub base: String,
}

/// Why a save was refused; nothing was saved.
#[derive(Debug)]
pub enum Refused {
    /// The files do not parse: each problem with its line.
    Problems(Vec<Problem>),
    /// Someone saved one of these files after it was opened.
    Conflict(String),
}

/// Saves files together (a lesson's two languages), each only if it parses; all or nothing.
pub async fn save(
    st: &AppState,
    me: &CurrentUser,
    edits: &[Edit],
    ip: &str,
) -> AppResult<Result<(), Refused>> {
    me.require(AUTHORS)?;
    draft(st, me).await?;
    let mut problems = vec![];
    for e in edits {
        if e.text.len() > MAX_FILE_BYTES {
            problems.push(Problem {
                path: e.path.clone(),
                line: 1,
                message: format!(
                    "the file is larger than {} KB; split the module",
                    MAX_FILE_BYTES / 1024
                ),
            });
            continue;
        }
        problems.extend(psk_course::check_file(&SourceFile {
            path: e.path.clone(),
            text: e.text.clone(),
        }));
    }
    if !problems.is_empty() {
        return Ok(Err(Refused::Problems(problems)));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    for e in edits {
        let current = authoring::draft_file(tx.ex(), &e.path).await?;
        let current_print = current.as_ref().map(|f| fingerprint(&f.text));
        if current_print.as_deref().unwrap_or("") != e.base {
            return Ok(Err(Refused::Conflict(e.path.clone())));
        }
        if current.as_ref().is_some_and(|f| f.text == e.text) {
            continue;
        }
        authoring::put_draft_file(tx.ex(), &e.path, &e.text, Some(me.id), now).await?;
        Event::new("content.draft_saved")
            .actor(me.id)
            .detail(json!({ "path": e.path, "bytes": e.text.len(), "sha256": hex::encode(Sha256::digest(e.text.as_bytes())), "new": current.is_none() }))
            .ip(ip)
            .record(st, tx.ex())
            .await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// Removes a file from the draft.
pub async fn delete(st: &AppState, me: &CurrentUser, path: &str, ip: &str) -> AppResult<()> {
    me.require(AUTHORS)?;
    let mut tx = st.db.begin().await?;
    if authoring::delete_draft_file(tx.ex(), path).await? == 0 {
        return Err(AppError::NotFound);
    }
    Event::new("content.draft_deleted")
        .actor(me.id)
        .detail(json!({ "path": path }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes the draft as a new version when it passes every check. A version label already
/// used for other content is refused, so a label always names one course.
pub async fn publish(st: &AppState, me: &CurrentUser) -> AppResult<Result<Imported, Vec<Problem>>> {
    me.require(AUTHORS)?;
    let files = to_source(draft(st, me).await?);
    let course = match psk_course::load(&files) {
        Ok(c) => c,
        Err(p) => return Ok(Err(p)),
    };
    match crate::content::publish(st, course, &files, Some(me.id)).await {
        Ok(i) => Ok(Ok(i)),
        Err(ContentError::Invalid(p)) => Ok(Err(p)),
        Err(ContentError::Other(e)) => Err(e.into()),
    }
}

/// The files to export: the draft, or the newest published version.
pub async fn export_files(st: &AppState, draft: bool) -> AppResult<Vec<FileRow>> {
    if draft {
        Ok(authoring::draft_files(st.db.ex()).await?)
    } else {
        published_files(st).await
    }
}

/// Writes files under `dir` in the `content/` layout; returns how many.
pub fn write_tree(dir: &Path, files: &[FileRow]) -> anyhow::Result<usize> {
    for f in files {
        // Only paths the content tree can hold are written (never `..` or absolute paths).
        let problems = psk_course::check_file(&SourceFile {
            path: f.path.clone(),
            text: String::new(),
        });
        if problems.iter().any(|p| p.message.contains("no place")) {
            anyhow::bail!("refusing to write {}: not a content path", f.path);
        }
        let target = dir.join(&f.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, &f.text)?;
    }
    Ok(files.len())
}

/// The files as a `.tar.gz` archive with a `content/` folder, for download.
pub fn tar_gz(files: &[FileRow]) -> anyhow::Result<Vec<u8>> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    for f in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(f.text.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_cksum();
        tar.append_data(
            &mut header,
            format!("content/{}", f.path),
            f.text.as_bytes(),
        )?;
    }
    Ok(tar.into_inner()?.finish()?)
}
