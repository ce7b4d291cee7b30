//! The protector stamp: as entered and parsed, recorded once per journey (the protector number),
//! and as shown with the worker's name.

use chrono::NaiveDate;
use psk_domain::cnic::Cnic;
use psk_domain::passport::PassportNumber;
use psk_domain::profile::BoundedText;
use psk_domain::{FieldErrors, geo};
use psk_store::protector::{self, Check, Stamp};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::service::Checker;
use crate::audit::Event;
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StampView {
    pub protector_number: String,
    pub stamped_on: NaiveDate,
    pub office: String,
    pub destination: String,
    pub employer: String,
    pub visa_type: String,
    pub full_name: Option<String>,
}

/// A stamp as shown, with the worker's name.
pub async fn stamp_view(st: &AppState, s: &Stamp) -> AppResult<StampView> {
    let name = psk_store::users::find(st.db.ex(), s.user_id)
        .await?
        .map(|u| u.full_name);
    Ok(view_of(s, name))
}

pub(super) fn view_of(s: &Stamp, name: Option<String>) -> StampView {
    StampView {
        protector_number: s.protector_number.clone(),
        stamped_on: s.stamped_on,
        office: s.office_code.clone(),
        destination: s.destination.clone(),
        employer: s.employer.clone(),
        visa_type: s.visa_type.clone(),
        full_name: name,
    }
}

/// The protector stamp as entered.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StampInput {
    pub cnic: String,
    pub passport_number: String,
    /// The protector (protectorate) number of this departure.
    pub protector_number: String,
    /// YYYY-MM-DD, not in the future.
    pub stamped_on: String,
    /// ISO country code of the destination.
    pub destination: String,
    /// The employer abroad, or the overseas employment promoter (OEP).
    pub employer: String,
    /// work, domestic_work, skilled_work, seasonal_work or other
    pub visa_type: String,
}

pub const VISA_TYPES: &[&str] = &[
    "work",
    "domestic_work",
    "skilled_work",
    "seasonal_work",
    "other",
];

struct ParsedStamp {
    cnic: Cnic,
    passport: PassportNumber,
    number: String,
    day: NaiveDate,
    destination: String,
    employer: String,
    visa: String,
}

fn parse_stamp(st: &AppState, i: &StampInput) -> AppResult<ParsedStamp> {
    let mut e = FieldErrors::new();
    let cnic = e.take("cnic", Cnic::parse(&i.cnic));
    let passport = e.take("passport_number", PassportNumber::parse(&i.passport_number));
    let number = i.protector_number.trim().to_uppercase();
    if number.is_empty() {
        e.push("protector_number", "required");
    } else if number.len() > 40
        || !number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/')
    {
        e.push("protector_number", "protector_number_format");
    }
    let day = match NaiveDate::parse_from_str(i.stamped_on.trim(), "%Y-%m-%d") {
        Ok(d) if d <= st.clock.today() => Some(d),
        Ok(_) => {
            e.push("stamped_on", "date_in_future");
            None
        }
        Err(_) => {
            e.push("stamped_on", "date_format");
            None
        }
    };
    let destination = i.destination.trim().to_uppercase();
    if geo::countries().get(&destination).is_none() {
        e.push("destination", "choose_option");
    }
    let employer = match BoundedText::parse_optional(&i.employer, 200) {
        Ok(Some(t)) => Some(t.as_str().to_owned()),
        Ok(None) => {
            e.push("employer", "required");
            None
        }
        Err(_) => {
            e.push("employer", "too_long");
            None
        }
    };
    let visa = i.visa_type.trim().to_lowercase();
    if !VISA_TYPES.contains(&visa.as_str()) {
        e.push("visa_type", "choose_option");
    }
    e.into_result()?;
    Ok(ParsedStamp {
        cnic: cnic.expect("checked"),
        passport: passport.expect("checked"),
        number,
        day: day.expect("checked"),
        destination,
        employer: employer.expect("checked"),
        visa,
    })
}

/// Records the protector stamp: the worker must hold a valid certificate and the passport must
/// match. The same protector number again with the same details is the same stamp (returned,
/// `false`: nothing new); with other details it is refused.
pub async fn stamp(
    st: &AppState,
    who: &Checker,
    input: &StampInput,
    idempotency_key: Option<&str>,
    ip: &str,
) -> AppResult<(Stamp, bool)> {
    let p = parse_stamp(st, input)?;
    let hash = st.keys.blind_index(Field::Cnic, p.cnic.as_str());
    let user = psk_store::users::find_by_cnic_hash(st.db.ex(), &hash)
        .await?
        .ok_or(AppError::NotFound)?;
    let passport_ok = match &user.passport_enc {
        Some(enc) => {
            st.keys
                .decrypt_string(Field::Passport, enc)
                .map_err(anyhow::Error::from)?
                == p.passport.as_str()
        }
        None => false,
    };
    if !passport_ok {
        return Err(AppError::field("passport_number", "passport_mismatch"));
    }
    // A BE&OE client's retry with the same idempotency key is the stamp it made the first time.
    if let (Some(client), Some(key)) = (who.client, idempotency_key)
        && let Some(existing) = protector::stamp_by_client_key(st.db.ex(), client, key).await?
    {
        return if existing.protector_number == p.number && existing.user_id == user.id {
            Ok((existing, false))
        } else {
            Err(AppError::BadRequest("idempotency_key_reused"))
        };
    }
    if let Some(existing) = protector::stamp_by_number(st.db.ex(), &p.number).await? {
        // The same stamp sent again by its own office is answered with it; another office never
        // gets it back (nor learns what it holds).
        let same = existing.office_code == who.office
            && existing.user_id == user.id
            && existing.stamped_on == p.day
            && existing.destination == p.destination
            && existing.employer == p.employer
            && existing.visa_type == p.visa;
        return if same {
            Ok((existing, false))
        } else {
            Err(AppError::field("protector_number", "protector_number_used"))
        };
    }
    let cert = psk_store::certificates::for_user(st.db.ex(), user.id)
        .await?
        .into_iter()
        .find(|c| c.status == "valid" && c.expires_on >= st.clock.today())
        .ok_or(AppError::Gone("certificate_not_valid"))?;
    // No certificate, no stamp: a stamp cannot be dated before its certificate, nor more than
    // a month back.
    if p.day < cert.issued_on || p.day < st.clock.today() - chrono::Duration::days(31) {
        return Err(AppError::field("stamped_on", "stamp_date_too_early"));
    }
    let s = Stamp {
        id: Uuid::new_v4(),
        user_id: user.id,
        certificate_id: cert.id,
        office_code: who.office.clone(),
        officer_id: who.officer,
        api_client_id: who.client,
        protector_number: p.number,
        stamped_on: p.day,
        destination: p.destination,
        employer: p.employer,
        visa_type: p.visa,
        idempotency_key: idempotency_key.map(str::to_owned),
        created_at: st.clock.now(),
    };
    let mut tx = st.db.begin().await?;
    if let Err(e) = protector::insert_stamp(tx.ex(), &s).await {
        drop(tx);
        // Two officers stamped the same number at once: the other one won.
        if e.is_conflict_on("protector_stamps", "protector_number") {
            return Box::pin(stamp(st, who, input, idempotency_key, ip)).await;
        }
        return Err(e.into());
    }
    crate::orgs::pipeline::clear_on_stamp(st, tx.ex(), user.id, &s.protector_number).await?;
    protector::record_check(
        tx.ex(),
        &Check {
            id: Uuid::new_v4(),
            user_id: user.id,
            certificate_id: Some(cert.id),
            office_code: Some(who.office.clone()),
            officer_id: who.officer,
            api_client_id: who.client,
            via: "stamp".into(),
            checked_at: s.created_at,
        },
    )
    .await?;
    let mut ev = Event::new("protector.stamped")
        .subject(user.id)
        .detail(json!({ "stamp": s.id, "office": s.office_code, "certificate": cert.id, "client": who.client }))
        .ip(ip);
    if let Some(o) = who.officer {
        ev = ev.actor(o);
    }
    ev.record(st, tx.ex()).await?;
    tx.commit().await?;
    Ok((s, true))
}
