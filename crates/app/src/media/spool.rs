//! An upload on its way to the object store: written to a temporary file as it arrives, under a
//! size cap, hashed on the way, then sent to the store in parts. Memory stays a few MB whatever
//! the file's size (four 190 MB uploads at once took a process from 178 to 790 MB when each was
//! read whole first).

use std::path::{Path, PathBuf};

use object_store::path::Path as ObjectPath;
use object_store::{ObjectStoreExt, WriteMultipart};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use uuid::Uuid;

use super::{MediaRow, NewMedia};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The first bytes kept in memory, to recognise the format.
const HEAD: usize = 64;
/// Bytes read from the temporary file at a time; the store is sent 5 MB parts.
const READ: usize = 1 << 20;

/// A file being received.
pub struct Spooled {
    path: PathBuf,
    file: Option<tokio::fs::File>,
    len: u64,
    sha: Sha256,
    head: Vec<u8>,
}

impl Spooled {
    pub async fn create() -> AppResult<Self> {
        let path = std::env::temp_dir().join(format!("psk-upload-{}", Uuid::new_v4().simple()));
        let file = tokio::fs::File::create(&path)
            .await
            .map_err(anyhow::Error::from)?;
        Ok(Self {
            path,
            file: Some(file),
            len: 0,
            sha: Sha256::new(),
            head: Vec::with_capacity(HEAD),
        })
    }

    /// Adds a chunk; refuses (413) once the file would pass `cap` bytes.
    pub async fn write(&mut self, chunk: &[u8], cap: u64) -> AppResult<()> {
        if self.len + chunk.len() as u64 > cap {
            return Err(AppError::BadRequest("payload_too_large"));
        }
        let file = self
            .file
            .as_mut()
            .ok_or_else(|| anyhow::anyhow!("upload already finished"))?;
        file.write_all(chunk).await.map_err(anyhow::Error::from)?;
        self.sha.update(chunk);
        let room = HEAD.saturating_sub(self.head.len());
        self.head.extend_from_slice(&chunk[..room.min(chunk.len())]);
        self.len += chunk.len() as u64;
        Ok(())
    }

    /// The whole file is written: flushed and closed.
    pub async fn finish(&mut self) -> AppResult<()> {
        if let Some(mut f) = self.file.take() {
            f.flush().await.map_err(anyhow::Error::from)?;
        }
        Ok(())
    }

    pub fn head(&self) -> &[u8] {
        &self.head
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the file is UTF-8 text, read a megabyte at a time.
    pub async fn is_utf8(&self) -> bool {
        let Ok(mut f) = tokio::fs::File::open(&self.path).await else {
            return false;
        };
        let mut buf = vec![0u8; READ];
        let mut carry: Vec<u8> = Vec::new();
        loop {
            let n = match f.read(&mut buf).await {
                Ok(n) => n,
                Err(_) => return false,
            };
            if n == 0 {
                return carry.is_empty();
            }
            carry.extend_from_slice(&buf[..n]);
            match std::str::from_utf8(&carry) {
                Ok(_) => carry.clear(),
                // A character cut at the end of this read: keep its first bytes for the next.
                Err(e) if e.error_len().is_none() => {
                    carry.drain(..e.valid_up_to());
                }
                Err(_) => return false,
            }
        }
    }
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Stores a received file in parts, then records its row and audit entry (as [`super::save`]).
pub async fn save_file(st: &AppState, new: NewMedia<'_>, file: Spooled) -> AppResult<MediaRow> {
    let (row, key) = super::save::new_row(
        st,
        &new,
        file.len() as i64,
        hex::encode(file.sha.clone().finalize()),
    );
    let upload = st
        .media
        .put_multipart(&ObjectPath::from(key))
        .await
        .map_err(anyhow::Error::from)?;
    let mut out = WriteMultipart::new(upload);
    let mut f = tokio::fs::File::open(file.path())
        .await
        .map_err(anyhow::Error::from)?;
    let mut buf = vec![0u8; READ];
    loop {
        let n = f.read(&mut buf).await.map_err(anyhow::Error::from)?;
        if n == 0 {
            break;
        }
        // One part on its way while the next fills: about 10 MB whatever the file's size.
        out.wait_for_capacity(1)
            .await
            .map_err(anyhow::Error::from)?;
        out.write(&buf[..n]);
    }
    out.finish().await.map_err(anyhow::Error::from)?;
    super::save::record(st, &row).await?;
    Ok(row)
}
