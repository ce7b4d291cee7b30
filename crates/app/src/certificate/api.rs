//! Certificates in the JSON API: the public keys, public checks, and my certificates.

use axum::extract::{Path, State};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use psk_cert::SealError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::service::{self, PublicStatus};
use crate::auth::rate::Limit;
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(keys))
        .routes(routes!(trust_list))
        .routes(routes!(status))
        .routes(routes!(verify_qr))
        .routes(routes!(mine))
        .routes(routes!(revoke))
        .routes(routes!(reissue))
}

const VERIFY_LIMIT: &str = "certificate_verify_ip_hour";

fn verify_bucket(st: &AppState) -> Limit {
    Limit {
        bucket: VERIFY_LIMIT,
        window: chrono::Duration::hours(1),
        limit: st.config.certificates.verify_per_hour as i32,
    }
}

/// Public checks are limited per client address, counting only checks that find nothing (see
/// [`verify_found`]). The promise (docs/OPERATIONS.md, `certificates.verify_per_hour`):
/// - a scanned QR code whose signature verifies is never counted nor stopped: nobody guesses a
///   signature, so a counter behind one shared address that scans certificates always gets in;
/// - typed numbers that find a real certificate are not counted; once an address has typed
///   `verify_per_hour` numbers that found nothing, its typed checks pause until the hour ends,
///   real numbers included (answering those alone would tell a guesser which numbers are real).
///
/// A check that finds a real certificate writes nothing (measured: counting and refunding every
/// check cost half the throughput on SQLite, bench/REPORT.md).
pub async fn verify_limit(st: &AppState, ctx: &Ctx) -> AppResult<()> {
    let key = crate::auth::rate::client_key(st, &ctx.client_ip);
    within_allowance(st, &verify_bucket(st), &key, &key).await
}

/// Refuses once the address (`key`; `cache_key` names its reading in the verify cache) has
/// spent bucket `b`. The reading is kept as long as verification answers (see
/// certificate::cache); whoever spends some drops it, so a guesser is counted exactly.
pub async fn within_allowance(
    st: &AppState,
    b: &Limit,
    cache_key: &[u8],
    key: &[u8],
) -> AppResult<()> {
    let (now, ttl) = (st.clock.now(), service::cache_ttl(st));
    let used = match st.verify_cache.used(cache_key, now, ttl) {
        Some(n) => n,
        None => {
            let n = b.count(st, key).await?;
            if ttl > chrono::Duration::zero() {
                st.verify_cache.put_used(cache_key, n, now, ttl);
            }
            n
        }
    };
    if used >= b.limit {
        return Err(crate::error::AppError::RateLimited {
            retry_after_secs: b.seconds_left(st),
        });
    }
    Ok(())
}

/// Counts a check that found nothing against the address's allowance.
pub async fn verify_found(st: &AppState, ctx: &Ctx, status: &PublicStatus) -> AppResult<()> {
    if status.status == "unknown" {
        let key = crate::auth::rate::client_key(st, &ctx.client_ip);
        st.verify_cache.forget_used(&key);
        verify_bucket(st).hit(st, &key).await?;
    }
    Ok(())
}

/// A published public key (JWK, RFC 8037).
#[derive(Serialize, ToSchema)]
struct Jwk {
    kty: &'static str,
    crv: &'static str,
    alg: &'static str,
    kid: String,
    /// The public key, base64url.
    x: String,
    created_at: DateTime<Utc>,
    /// Set when a newer key took over signing; it still verifies what it signed until then.
    retired_at: Option<DateTime<Utc>>,
    /// Set when the key was declared compromised: nothing it signed verifies.
    compromised_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
struct KeySet {
    keys: Vec<Jwk>,
}

/// Every public key that ever signed certificates, for offline verification.
#[utoipa::path(get, path = "/api/v1/certificate-keys", tag = "certificates",
    responses((status = 200, body = KeySet)))]
async fn keys(State(st): State<AppState>) -> AppResult<axum::Json<KeySet>> {
    Ok(axum::Json(KeySet {
        keys: super::keys::published(&st)
            .await?
            .into_iter()
            .map(|(k, row)| Jwk {
                kty: "OKP",
                crv: "Ed25519",
                alg: "EdDSA",
                kid: k.kid,
                x: URL_SAFE_NO_PAD.encode(k.key),
                created_at: row.created_at,
                retired_at: row.retired_at,
                compromised_at: row.compromised_at,
            })
            .collect(),
    }))
}

/// A certificate's status by its number (as typed): valid, expired, revoked, superseded or
/// unknown, with the name, the masked CNIC and the dates. Limited per client address.
#[utoipa::path(get, path = "/api/v1/certificates/{number}", tag = "certificates", params(("number" = String, Path)),
    responses((status = 200, body = PublicStatus), (status = 429, body = ProblemDoc)))]
async fn status(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(number): Path<String>,
) -> AppResult<axum::Json<PublicStatus>> {
    verify_limit(&st, &ctx).await?;
    let status = service::check_number(&st, &number).await?;
    verify_found(&st, &ctx, &status).await?;
    Ok(axum::Json(status))
}

/// The signed trust list (psk_cert::trust): `list` is the base64url of a JSON document with
/// `issuer`, `issued_at` and `next_update` (Unix seconds), `keys` (kid, x, valid_from,
/// valid_until, compromised), `revoked` and `superseded` (certificate numbers); `signature` is
/// the Ed25519 signature of those bytes by key `kid`.
#[derive(Serialize, ToSchema)]
struct TrustListOut {
    list: String,
    kid: String,
    signature: String,
}

/// The trust list for offline checks: signing keys with their windows, revoked and superseded
/// numbers, signed. Current for 24 hours.
#[utoipa::path(get, path = "/api/v1/trust-list", tag = "certificates",
    responses((status = 200, body = TrustListOut)))]
async fn trust_list(State(st): State<AppState>) -> AppResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let signed = super::trust_list::current(&st).await?;
    let body = axum::Json(TrustListOut {
        list: signed.list,
        kid: signed.kid,
        signature: signed.signature,
    });
    Ok((
        [(axum::http::header::CACHE_CONTROL, "public, max-age=300")],
        body,
    )
        .into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct QrIn {
    /// The QR code's text: the verification link, or `PSS1:…`.
    qr: String,
}

#[derive(Serialize, ToSchema)]
struct QrOut {
    /// The signature verified against a published key.
    signature_valid: bool,
    /// Why not: malformed, unknown_key, bad_signature, outside_key_window or key_compromised.
    problem: Option<String>,
    /// The register's answer for the certificate the code names.
    certificate: Option<PublicStatus>,
}

/// The stable code of a verification failure.
pub fn problem_code(e: &SealError) -> &'static str {
    match e {
        SealError::Malformed(_) => "malformed",
        SealError::UnknownKey(_) => "unknown_key",
        SealError::BadSignature => "bad_signature",
        SealError::OutsideKeyWindow(_) => "outside_key_window",
        SealError::KeyCompromised(_) => "key_compromised",
        SealError::Expired(_) => "expired",
    }
}

/// Verify a scanned QR code: its signature, then the register (revoked or superseded since). A
/// code whose signature verifies is never limited; one that fails counts against the address.
#[utoipa::path(post, path = "/api/v1/certificates/verify", tag = "certificates", request_body = QrIn,
    responses((status = 200, body = QrOut), (status = 429, body = ProblemDoc)))]
async fn verify_qr(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<QrIn>,
) -> AppResult<axum::Json<QrOut>> {
    // The signature first: a genuine code is never limited, a failed one counts as a miss.
    Ok(axum::Json(match service::check_qr(&st, &body.qr).await? {
        Ok(s) => QrOut {
            signature_valid: true,
            problem: None,
            certificate: Some(s),
        },
        Err(e) => {
            verify_limit(&st, &ctx).await?;
            verify_found(&st, &ctx, &PublicStatus::unknown()).await?;
            QrOut {
                signature_valid: false,
                problem: Some(problem_code(&e).into()),
                certificate: None,
            }
        }
    }))
}

#[derive(Serialize, ToSchema)]
struct MineOut {
    #[serde(flatten)]
    status: PublicStatus,
    /// The signed certificate text (`PSS1:…`).
    text: String,
    /// What the QR code holds.
    link: String,
    /// The QR code as a PNG (same bearer token).
    qr_png: String,
}

/// My certificates, newest first.
#[utoipa::path(get, path = "/api/v1/me/certificates", tag = "certificates", security(("bearer" = [])),
    responses((status = 200, body = Vec<MineOut>)))]
async fn mine(State(st): State<AppState>, me: CurrentUser) -> AppResult<axum::Json<Vec<MineOut>>> {
    let mut out = vec![];
    for c in psk_store::certificates::for_user(st.db.ex(), me.id).await? {
        out.push(MineOut {
            status: service::public_status(&st, &c),
            link: psk_cert::link::link(&st.config.public_url, &c.qr_text).unwrap_or_default(),
            qr_png: format!("/api/v1/me/certificates/{}/qr.png", c.number),
            text: c.qr_text,
        });
    }
    Ok(axum::Json(out))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct RevokeIn {
    /// Why (required; kept in the audit log and shown to officers).
    reason: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ReissueIn {
    reason: String,
    /// The corrected name in Latin letters, when it was wrong.
    #[serde(default)]
    full_name: Option<String>,
    /// The corrected name in Urdu script, when it was wrong.
    #[serde(default)]
    full_name_ur: Option<String>,
}

/// Revoke a certificate (administrators). Verification answers `revoked` from now on.
#[utoipa::path(post, path = "/api/v1/admin/certificates/{number}/revocation", tag = "admin", security(("bearer" = [])),
    params(("number" = String, Path)), request_body = RevokeIn,
    responses((status = 200, body = PublicStatus), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc, description = "Not valid (revoked or superseded already)")))]
async fn revoke(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(number): Path<String>,
    ApiJson(body): ApiJson<RevokeIn>,
) -> AppResult<axum::Json<PublicStatus>> {
    let c = service::revoke(&st, &me, &number, &body.reason, &ctx.client_ip).await?;
    Ok(axum::Json(service::check_number(&st, &c.number).await?))
}

/// Reissue a certificate after a correction (administrators): a new number; the old one
/// answers `superseded`.
#[utoipa::path(post, path = "/api/v1/admin/certificates/{number}/reissue", tag = "admin", security(("bearer" = [])),
    params(("number" = String, Path)), request_body = ReissueIn,
    responses((status = 201, body = PublicStatus), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn reissue(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(number): Path<String>,
    ApiJson(body): ApiJson<ReissueIn>,
) -> AppResult<(axum::http::StatusCode, axum::Json<PublicStatus>)> {
    let new = service::reissue(
        &st,
        &me,
        &number,
        &body.reason,
        service::Correction {
            full_name: body.full_name.as_deref(),
            full_name_ur: body.full_name_ur.as_deref(),
            cnic: None,
        },
        &ctx.client_ip,
    )
    .await?;
    Ok((
        axum::http::StatusCode::CREATED,
        axum::Json(service::public_status(&st, &new)),
    ))
}
