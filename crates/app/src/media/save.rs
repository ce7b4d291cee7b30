//! Putting an object in the store and recording it: its row and audit entry in one transaction,
//! after the bytes are safely stored (an object without a row is never shown); and reading a
//! video's length with ffprobe.

use bytes::Bytes;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStoreExt, PutPayload};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{MediaRow, NewMedia};
use crate::audit::Event;
use crate::error::AppResult;
use crate::state::AppState;

/// Stores the bytes, then records the row and its audit entry in one transaction. An object
/// without a row is never shown (and a failed put leaves no row). Uploads take
/// [`spool::save_file`], which never holds the file in memory.
pub async fn save(st: &AppState, new: NewMedia<'_>, bytes: Bytes) -> AppResult<MediaRow> {
    let sha = hex::encode(Sha256::digest(&bytes));
    let (row, key) = new_row(st, &new, bytes.len() as i64, sha);
    st.media
        .put(&ObjectPath::from(key), PutPayload::from_bytes(bytes))
        .await
        .map_err(anyhow::Error::from)?;
    record(st, &row).await?;
    Ok(row)
}

/// The row of a new object, and its key in the store.
pub(super) fn new_row(
    st: &AppState,
    new: &NewMedia<'_>,
    bytes: i64,
    sha256: String,
) -> (MediaRow, String) {
    let id = Uuid::new_v4();
    let key = format!(
        "lessons/{}/{}/{id}.{}",
        new.lesson_id,
        new.lang,
        new.format.extension()
    );
    let row = MediaRow {
        id,
        lesson_id: new.lesson_id.to_owned(),
        lang: new.lang.to_owned(),
        kind: new.format.kind().to_owned(),
        object_key: key.clone(),
        content_type: new.format.content_type().to_owned(),
        bytes,
        duration_ms: new.duration_ms,
        sha256,
        source: new.source.to_owned(),
        source_hash: new.source_hash.clone(),
        created_by: new.created_by,
        created_at: st.clock.now(),
    };
    (row, key)
}

/// The row and its audit entry, in one transaction, once the object is stored.
pub(super) async fn record(st: &AppState, row: &MediaRow) -> AppResult<()> {
    let mut tx = st.db.begin().await?;
    psk_store::media::insert(tx.ex(), row).await?;
    let mut ev = Event::new(if row.source == "rendered" {
        "media.rendered"
    } else {
        "media.uploaded"
    })
    .detail(json!({ "media": row.id, "lesson": row.lesson_id, "lang": row.lang, "kind": row.kind, "bytes": row.bytes, "sha256": row.sha256 }));
    if let Some(a) = row.created_by {
        ev = ev.actor(a);
    }
    ev.record(st, tx.ex()).await?;
    tx.commit().await?;
    Ok(())
}

/// The length of a video in milliseconds, read by `ffprobe` when it is installed.
pub async fn probe_duration_ms(bytes: &[u8]) -> Option<i64> {
    let dir = std::env::temp_dir().join(format!("psk-probe-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join("video");
    std::fs::write(&file, bytes).ok()?;
    let ms = probe_duration_file(&file).await;
    let _ = std::fs::remove_dir_all(&dir);
    ms
}

/// The same for a file on disk.
pub async fn probe_duration_file(file: &std::path::Path) -> Option<i64> {
    let out = tokio::process::Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "default=noprint_wrappers=1:nokey=1",
        ])
        .arg(file)
        .output()
        .await
        .ok();
    let secs: f64 = String::from_utf8_lossy(&out?.stdout).trim().parse().ok()?;
    (secs.is_finite() && secs > 0.0).then(|| (secs * 1000.0).round() as i64)
}
