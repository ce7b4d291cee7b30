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
            println!("valid signature: {}", describe(&c));
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

/// Offline verification against a signed trust list (`/api/v1/trust-list`): the signature, the
/// key's window, and the list's word on revocation, with the list's age. Exits non-zero for a
/// certificate that is not valid, revoked or superseded included.
pub(super) fn with_trust_list(
    qr: &str,
    list: &std::path::Path,
    keys: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(list).with_context(|| format!("reading {}", list.display()))?;
    let signed: psk_cert::trust::SignedList = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a trust list", list.display()))?;
    let pinned = match keys {
        Some(path) => Some(
            key_file(
                &std::fs::read_to_string(path)
                    .with_context(|| format!("reading {}", path.display()))?,
            )
            .with_context(|| format!("the key file {}", path.display()))?,
        ),
        None => None,
    };
    let list = signed
        .open(pinned.as_deref())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = chrono::Utc::now();
    let issued = chrono::DateTime::from_timestamp(list.issued_at, 0).unwrap_or_default();
    let hours = (now - issued).num_hours().max(0);
    println!(
        "trust list issued {} ({hours} hours ago), signed by key {}{}",
        issued.format("%Y-%m-%d %H:%M UTC"),
        signed.kid,
        if pinned.is_some() {
            ""
        } else {
            " (compare its id with the one OEC publishes; give --keys to check it)"
        }
    );
    if list.is_stale(now.timestamp()) {
        println!(
            "the trust list is out of date: fetch a new one from /api/v1/trust-list when you can"
        );
    }
    let (c, status) =
        psk_cert::trust::check(qr, &list, now.date_naive()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let who = describe(&c);
    match status {
        Some(s) => anyhow::bail!(
            "{s}: the certificate {who} is no longer in force (as of the trust list's date); do not accept it"
        ),
        None => {
            println!("valid signature, not revoked or superseded as of the trust list: {who}");
            Ok(())
        }
    }
}

/// A certificate's claims on one line.
fn describe(c: &psk_cert::Claims) -> String {
    format!(
        "{} · {}{} · CNIC ending {} · issued {} · expires {}",
        c.number,
        c.name,
        c.name_ur
            .as_ref()
            .map(|u| format!(" ({u})"))
            .unwrap_or_default(),
        c.cnic_last4,
        c.issued,
        c.expires
    )
}
