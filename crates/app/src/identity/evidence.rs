//! Evidence files: a photo of a renewed passport's data page, the document a support agent
//! checked before changing a mobile number. Recognised by their first bytes (JPEG, PNG, WebP or
//! PDF; never by name), capped at `identity.evidence_max_mb`, encrypted (AES-256-GCM, like the
//! numbers they show) and kept in the object store under `evidence/`, with a row naming whose it
//! is and who uploaded it.

use std::collections::BTreeMap;

use axum::extract::Multipart;
use chrono::{DateTime, Utc};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStoreExt, PutPayload};
use psk_store::Ex;
use psk_store::identity::{self, EvidenceRow};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::media::Spooled;
use crate::state::AppState;
use crate::web::context::Ctx;

/// The kinds of evidence file accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    WebP,
    Pdf,
}

impl Kind {
    pub fn sniff(b: &[u8]) -> Option<Kind> {
        if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Kind::Jpeg)
        } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Kind::Png)
        } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
            Some(Kind::WebP)
        } else if b.starts_with(b"%PDF-") {
            Some(Kind::Pdf)
        } else {
            None
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::WebP => "image/webp",
            Kind::Pdf => "application/pdf",
        }
    }
}

/// A multipart form with at most one file: its text fields and the file, received under the
/// evidence cap. On a web form (`web`) the anti-forgery token must come before the file, so a
/// forged form is refused before its file is read.
pub struct Form {
    pub fields: BTreeMap<String, String>,
    pub file: Option<Spooled>,
}

impl Form {
    pub fn text(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }
}

pub async fn read_form(
    st: &AppState,
    ctx: &Ctx,
    form: Multipart,
    file_field: &str,
    web: bool,
) -> AppResult<Form> {
    let cap = st.config.identity.evidence_max_mb;
    let mut f = read_files(ctx, form, &[file_field], cap, web).await?;
    Ok(Form {
        fields: f.fields,
        file: f.files.remove(file_field),
    })
}

/// A multipart form with several named files.
pub struct FilesForm {
    pub fields: BTreeMap<String, String>,
    pub files: BTreeMap<String, Spooled>,
}

impl FilesForm {
    pub fn text(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Reads text fields and the files named in `file_fields`, each under `cap_mb`; on a web form
/// the anti-forgery token must come before any file.
pub async fn read_files(
    ctx: &Ctx,
    mut form: Multipart,
    file_fields: &[&str],
    cap_mb: u64,
    web: bool,
) -> AppResult<FilesForm> {
    let cap = cap_mb.saturating_mul(1 << 20);
    let mut fields = BTreeMap::new();
    let mut files = BTreeMap::new();
    let too_large = |_| AppError::BadRequest("payload_too_large");
    while let Some(mut field) = form.next_field().await.map_err(too_large)? {
        let name = field.name().unwrap_or("").to_owned();
        let is_file = file_fields.contains(&name.as_str());
        if is_file && field.file_name().is_some_and(|n| !n.is_empty()) {
            if web {
                ctx.check_csrf(fields.get("_csrf").map(String::as_str))?;
            }
            let mut spool = Spooled::create().await?;
            while let Some(chunk) = field.chunk().await.map_err(too_large)? {
                spool.write(&chunk, cap).await?;
            }
            spool.finish().await?;
            if !spool.is_empty() {
                files.insert(name, spool);
            }
        } else if !is_file {
            let v = field
                .text()
                .await
                .map_err(|_| AppError::BadRequest("malformed_body"))?;
            fields.insert(name, v);
        }
    }
    if web {
        ctx.check_csrf(fields.get("_csrf").map(String::as_str))?;
    }
    Ok(FilesForm { fields, files })
}

/// A received file checked as evidence: present and of an accepted kind, or the field's error.
pub fn check(
    field: &'static str,
    file: Option<&Spooled>,
) -> Result<Kind, (&'static str, &'static str)> {
    match file {
        None => Err((field, "evidence_required")),
        Some(f) => Kind::sniff(f.head()).ok_or((field, "evidence_type")),
    }
}

/// Encrypts and stores a checked file, then records its row in `ex` (the caller's transaction,
/// so the row exists only if the change it proves is made).
pub async fn store(
    st: &AppState,
    ex: Ex<'_>,
    file: &Spooled,
    kind: Kind,
    (user_id, purpose, uploaded_by): (Uuid, &str, Uuid),
    now: DateTime<Utc>,
) -> AppResult<EvidenceRow> {
    let id = Uuid::new_v4();
    let key = format!("evidence/{}/{}", user_id.simple(), id.simple());
    let plain = seal(st, file, &key).await?;
    let row = EvidenceRow {
        id,
        user_id,
        purpose: purpose.into(),
        content_type: kind.content_type().into(),
        size_bytes: plain.len() as i64,
        sha256: hex::encode(Sha256::digest(&plain)),
        object_key: key,
        uploaded_by,
        created_at: now,
    };
    identity::insert_evidence(ex, &row).await?;
    Ok(row)
}

/// The file of evidence `id` of `user_id`, decrypted, with its content type.
pub async fn open(st: &AppState, user_id: Uuid, id: Uuid) -> AppResult<(EvidenceRow, Vec<u8>)> {
    let row = identity::evidence_of(st.db.ex(), user_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let plain = unseal(st, &row.object_key).await?;
    Ok((row, plain))
}

/// Encrypts a received file into the object store at `key`; returns its plain bytes (for the
/// size and digest the row records).
pub async fn seal(st: &AppState, file: &Spooled, key: &str) -> AppResult<Vec<u8>> {
    let plain = tokio::fs::read(file.path())
        .await
        .map_err(anyhow::Error::from)?;
    let sealed = st.keys.encrypt(Field::Evidence, &plain);
    st.media
        .put(&ObjectPath::from(key), PutPayload::from(sealed))
        .await
        .map_err(anyhow::Error::from)?;
    Ok(plain)
}

/// A file [`seal`] stored, decrypted.
pub async fn unseal(st: &AppState, key: &str) -> AppResult<Vec<u8>> {
    let sealed = st
        .media
        .get(&ObjectPath::from(key))
        .await
        .map_err(anyhow::Error::from)?
        .bytes()
        .await
        .map_err(anyhow::Error::from)?;
    Ok(st
        .keys
        .decrypt(Field::Evidence, &sealed)
        .map_err(anyhow::Error::from)?)
}

/// A file sent as a download, never shown inline, never cached.
pub fn download(content_type: String, bytes: Vec<u8>) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, "attachment".to_owned()),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn evidence_is_known_by_its_first_bytes() {
        assert_eq!(Kind::sniff(b"\xFF\xD8\xFF\xE0rest"), Some(Kind::Jpeg));
        assert_eq!(Kind::sniff(b"\x89PNG\r\n\x1a\nrest"), Some(Kind::Png));
        assert_eq!(Kind::sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(Kind::WebP));
        assert_eq!(Kind::sniff(b"%PDF-1.7"), Some(Kind::Pdf));
        assert_eq!(Kind::sniff(b"MZ\x90\0 an executable"), None);
        assert_eq!(Kind::sniff(b"<svg"), None);
    }
}
