//! An application's PDFs (the registration document, an OEP's licence): encrypted like
//! evidence and kept in the object store under `organisations/`, with a row each.

use psk_store::organisations::{self, DocumentRow};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::apply::DOCUMENTS;
use crate::error::{AppError, AppResult};
use crate::identity::evidence::{FilesForm, seal, unseal};
use crate::media::Spooled;
use crate::state::AppState;

/// Encrypts and stores the PDFs given (before the transaction: a file without its row is
/// harmless, a row without its file is not).
pub async fn store(st: &AppState, org: Uuid, files: &FilesForm) -> AppResult<Vec<DocumentRow>> {
    let mut out = vec![];
    for name in DOCUMENTS {
        let Some(f) = files.files.get(name) else {
            continue;
        };
        out.push(store_one(st, org, name, f).await?);
    }
    Ok(out)
}

async fn store_one(st: &AppState, org: Uuid, kind: &str, f: &Spooled) -> AppResult<DocumentRow> {
    let id = Uuid::new_v4();
    let key = format!("organisations/{}/{}.pdf", org.simple(), id.simple());
    let plain = seal(st, f, &key).await?;
    Ok(DocumentRow {
        id,
        organisation_id: org,
        kind: kind.into(),
        size_bytes: plain.len() as i64,
        sha256: hex::encode(Sha256::digest(&plain)),
        object_key: key,
        created_at: st.clock.now(),
    })
}

/// A document of an organisation, decrypted (OEC staff only: the caller checks and audits).
pub async fn open(st: &AppState, org: Uuid, doc: Uuid) -> AppResult<Vec<u8>> {
    let row = organisations::documents(st.db.ex(), org)
        .await?
        .into_iter()
        .find(|d| d.id == doc)
        .ok_or(AppError::NotFound)?;
    unseal(st, &row.object_key).await
}
