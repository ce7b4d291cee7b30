//! `softskills verify`: a certificate's QR text checked offline against the published keys (a
//! key file, or this database's).

use std::path::PathBuf;

use anyhow::Context;

use super::offline_state;
use crate::config::Config;

/// Offline verification of a QR text.
pub(super) async fn verify(qr: String, keys: Option<PathBuf>, cfg: Config) -> anyhow::Result<()> {
    use base64::Engine;
    let keys: Vec<psk_cert::PublicKey> = match keys {
        Some(path) => {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            let set: serde_json::Value =
                serde_json::from_str(&text).context("the key file is not JSON")?;
            set["keys"]
                .as_array()
                .context("the key file has no \"keys\" list")?
                .iter()
                .filter_map(|k| {
                    let x = base64::engine::general_purpose::URL_SAFE_NO_PAD
                        .decode(k["x"].as_str()?)
                        .ok()?;
                    Some(psk_cert::PublicKey {
                        kid: k["kid"].as_str()?.to_owned(),
                        key: x.try_into().ok()?,
                    })
                })
                .collect()
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
