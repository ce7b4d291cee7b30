//! `softskills verify`: a certificate's QR text checked offline against the published keys (a
//! key file, or this database's).

use std::path::PathBuf;

use anyhow::Context;

use super::offline_state;
use crate::config::Config;

/// Offline verification of a QR text.
pub(super) async fn verify(qr: String, keys: Option<PathBuf>, cfg: Config) -> anyhow::Result<()> {
    let keys: Vec<psk_cert::PublicKey> = match keys {
        Some(path) => {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            key_file(&text).with_context(|| format!("the key file {}", path.display()))?
        }
        None => {
            let st = offline_state(cfg).await?;
            crate::certificate::keys::published(&st)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .into_iter()
                .map(|(k, _)| k)
                .collect()
        }
    };
    let today = chrono::Utc::now().date_naive();
    match psk_cert::seal::verify(&qr, &keys, today) {
        Ok(c) => {
            println!(
                "valid signature: {} · {}{} · CNIC ending {} · issued {} · expires {}",
                c.number,
                c.name,
                c.name_ur.map(|u| format!(" ({u})")).unwrap_or_default(),
                c.cnic_last4,
                c.issued,
                c.expires
            );
            Ok(())
        }
        Err(e) => anyhow::bail!("{e}"),
    }
}

/// The keys of a key file (the JSON of `/api/v1/certificate-keys`), each with its window. A key
/// whose id is not its own refuses the whole file.
pub(super) fn key_file(text: &str) -> anyhow::Result<Vec<psk_cert::PublicKey>> {
    use base64::Engine;
    let set: serde_json::Value = serde_json::from_str(text).context("it is not JSON")?;
    let time = |v: &serde_json::Value| -> anyhow::Result<Option<i64>> {
        match v.as_str() {
            None => Ok(None),
            Some(s) => Ok(Some(
                chrono::DateTime::parse_from_rfc3339(s)
                    .with_context(|| format!("{s} is not a time"))?
                    .timestamp(),
            )),
        }
    };
    let mut keys = vec![];
    for k in set["keys"].as_array().context("it has no \"keys\" list")? {
        let kid = k["kid"].as_str().context("a key has no \"kid\"")?;
        let x = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(k["x"].as_str().context("a key has no \"x\"")?)
            .with_context(|| format!("key {kid}: \"x\" is not base64url"))?;
        let key: [u8; 32] = x
            .try_into()
            .map_err(|_| anyhow::anyhow!("key {kid}: not 32 bytes"))?;
        let from = time(&k["created_at"])?.with_context(|| format!("key {kid}: no created_at"))?;
        let window = (from, time(&k["retired_at"])?);
        let compromised = time(&k["compromised_at"])?.is_some();
        keys.push(
            psk_cert::PublicKey::published(kid, key, window, compromised)
                .map_err(|e| anyhow::anyhow!(e))?,
        );
    }
    Ok(keys)
}
