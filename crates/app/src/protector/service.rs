//! The protector check (DESIGN.md section 6): an officer of a Protector of Emigrants office (or a
//! BE&OE system) looks a worker up by CNIC and passport number, or by the certificate's QR code,
//! sees the certificate's status, the full name and whether CNIC and passport match, and records
//! the protector stamp once per journey. Every look-up and stamp is audited and shown to the
//! worker ("who checked my certificate").
//!
//! This file holds who checks and the look-up; the office list is in `offices.rs`, the stamp in
//! `stamps.rs`, the day's list and "who checked my certificate" in `history.rs` (all re-exported
//! here).

use psk_domain::FieldErrors;
use psk_domain::cnic::Cnic;
use psk_domain::passport::PassportNumber;
use psk_domain::role::Role;
use psk_store::protector::{self, Check};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::stamps::view_of;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::certificate::service::{PublicStatus, public_status};
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub use super::history::{CheckView, day_list, my_checks};
pub use super::offices::{office_active, put_office, seed_offices};
pub use super::stamps::{StampInput, StampView, VISA_TYPES, stamp, stamp_view};

/// Who checks: an officer at an office, or a BE&OE machine client.
#[derive(Debug, Clone)]
pub struct Checker {
    pub officer: Option<Uuid>,
    pub client: Option<Uuid>,
    pub office: String,
}

/// The signed-in protector officer and their office.
pub async fn officer(st: &AppState, me: &CurrentUser) -> AppResult<Checker> {
    me.require(&[Role::ProtectorOfficer])?;
    let office = protector::staff_office(st.db.ex(), me.id)
        .await?
        .ok_or(AppError::Forbidden)?;
    // An officer of an office that was closed keeps the account but not the rights.
    if !office_active(st, &office).await? {
        return Err(AppError::Forbidden);
    }
    // Look-ups by CNIC could be used to harvest names: an officer's day has a ceiling.
    crate::auth::rate::Limit {
        bucket: "protector_officer_hour",
        window: chrono::Duration::hours(1),
        limit: 600,
    }
    .hit(st, me.id.as_bytes())
    .await?;
    Ok(Checker {
        officer: Some(me.id),
        client: None,
        office,
    })
}

/// Audits a look-up that found nothing to show (no worker, or a QR that is not genuine): the
/// outcome only, never the CNIC typed.
async fn audit_miss(
    st: &AppState,
    who: &Checker,
    via: &str,
    outcome: &str,
    ip: &str,
) -> AppResult<()> {
    let mut ev = Event::new("protector.lookup")
        .detail(
            json!({ "office": who.office, "via": via, "client": who.client, "outcome": outcome }),
        )
        .ip(ip);
    if let Some(o) = who.officer {
        ev = ev.actor(o);
    }
    ev.record_alone(st).await
}

/// What an officer sees.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Finding {
    /// A registered worker was found.
    pub found: bool,
    pub full_name: Option<String>,
    /// The passport number given matches the one registered (None when not given: QR look-up).
    pub passport_matches: Option<bool>,
    /// The passport number given was the worker's before a renewal: when it was replaced (the
    /// worker is shown; the officer asks for the new passport).
    pub passport_replaced_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The CNIC given matches (always true when found by CNIC; by QR, the certificate's holder).
    pub cnic_matches: Option<bool>,
    pub certificate: Option<PublicStatus>,
    /// Protector stamps already recorded for this worker.
    pub stamps: Vec<StampView>,
}

impl Finding {
    /// Nothing to show but the stamp form (a refused stamp shown again).
    pub fn form_only() -> Self {
        Finding {
            found: true,
            ..Finding::none()
        }
    }

    fn none() -> Self {
        Finding {
            found: false,
            full_name: None,
            passport_matches: None,
            passport_replaced_at: None,
            cnic_matches: None,
            certificate: None,
            stamps: vec![],
        }
    }
}

/// CNIC and passport as typed, parsed (both errors at once).
fn identity(cnic: &str, passport: &str) -> AppResult<(Cnic, PassportNumber)> {
    let mut e = FieldErrors::new();
    let c = e.take("cnic", Cnic::parse(cnic));
    let p = e.take("passport_number", PassportNumber::parse(passport));
    e.into_result()?;
    Ok((c.expect("checked"), p.expect("checked")))
}

async fn finding_for(
    st: &AppState,
    who: &Checker,
    user: &psk_store::users::UserRow,
    passport: Option<&PassportNumber>,
    via: &str,
    ip: &str,
) -> AppResult<Finding> {
    let passport_matches = match passport {
        Some(p) => Some(match &user.passport_enc {
            Some(enc) => {
                st.keys
                    .decrypt_string(Field::Passport, enc)
                    .map_err(anyhow::Error::from)?
                    == p.as_str()
            }
            None => false,
        }),
        None => None,
    };
    // A passport the worker had before a renewal still identifies them, marked as replaced.
    let passport_replaced_at = match (passport, passport_matches) {
        (Some(p), Some(false)) => crate::identity::passport::replaced_at(st, user.id, p).await?,
        _ => None,
    };
    // Only CNIC and passport together show the worker (DESIGN.md section 6): a CNIC with another
    // passport number learns that much and no more (and the attempt is recorded).
    let revealed = passport_matches != Some(false) || passport_replaced_at.is_some();
    let certs = psk_store::certificates::for_user(st.db.ex(), user.id).await?;
    // The newest certificate that is not superseded speaks for the worker.
    let current = certs.iter().find(|c| c.status != "superseded");
    let stamps = protector::stamps_of(st.db.ex(), user.id).await?;
    let mut tx = st.db.begin().await?;
    protector::record_check(
        tx.ex(),
        &Check {
            id: Uuid::new_v4(),
            user_id: user.id,
            certificate_id: current.map(|c| c.id),
            office_code: Some(who.office.clone()),
            officer_id: who.officer,
            api_client_id: who.client,
            via: via.into(),
            checked_at: st.clock.now(),
        },
    )
    .await?;
    let mut ev = Event::new("protector.lookup")
        .subject(user.id)
        .detail(json!({ "office": who.office, "via": via, "client": who.client, "outcome": match (revealed, passport_replaced_at) {
            (true, None) => "found",
            (true, Some(_)) => "found_by_replaced_passport",
            (false, _) => "passport_mismatch",
        } }))
        .ip(ip);
    if let Some(o) = who.officer {
        ev = ev.actor(o);
    }
    ev.record(st, tx.ex()).await?;
    tx.commit().await?;
    if !revealed {
        return Ok(Finding {
            found: true,
            passport_matches,
            ..Finding::none()
        });
    }
    Ok(Finding {
        found: true,
        full_name: Some(user.full_name.clone()),
        passport_matches,
        passport_replaced_at,
        cnic_matches: Some(true),
        certificate: current.map(|c| public_status(st, c)),
        stamps: stamps.iter().map(|s| view_of(s, None)).collect(),
    })
}

/// Look-up by CNIC and passport number.
pub async fn lookup(
    st: &AppState,
    who: &Checker,
    cnic: &str,
    passport: &str,
    via: &str,
    ip: &str,
) -> AppResult<Finding> {
    let (cnic, passport) = identity(cnic, passport)?;
    let hash = st.keys.blind_index(Field::Cnic, cnic.as_str());
    match psk_store::users::find_by_cnic_hash(st.db.ex(), &hash).await? {
        Some(user) => finding_for(st, who, &user, Some(&passport), via, ip).await,
        None => {
            audit_miss(st, who, via, "not_found", ip).await?;
            Ok(Finding::none())
        }
    }
}

/// Look-up by the certificate's QR code (scanned or pasted): the signature first.
pub async fn lookup_qr(st: &AppState, who: &Checker, qr: &str, ip: &str) -> AppResult<Finding> {
    let keys: Vec<psk_cert::PublicKey> = crate::certificate::keys::published(st)
        .await?
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let claims = match psk_cert::seal::verify(qr, &keys, st.clock.today()) {
        Ok(c) => c,
        Err(psk_cert::SealError::Expired(c)) => *c,
        Err(_) => {
            audit_miss(st, who, "qr", "not_genuine", ip).await?;
            return Err(AppError::BadRequest("qr_not_genuine"));
        }
    };
    let Some(cert) = psk_store::certificates::by_number(st.db.ex(), &claims.number).await? else {
        audit_miss(st, who, "qr", "not_found", ip).await?;
        return Ok(Finding::none());
    };
    let user = psk_store::users::find(st.db.ex(), cert.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut f = finding_for(st, who, &user, None, "qr", ip).await?;
    // The QR names this certificate: show its own status (it may be superseded).
    f.certificate = Some(public_status(st, &cert));
    Ok(f)
}
