//! An organisation applies to OEC (the form is public): every field checked and named at once,
//! its PDFs recognised by their first bytes, nothing kept unless all of it is right. The
//! applicant gets the application's number and a private link (by SMS, and by email when given)
//! to follow it and, when OEC returns it with a note, to correct it and send it again.

use chrono::NaiveDate;
use psk_domain::FieldErrors;
use psk_domain::contact::{Email, MobileNumber};
use psk_domain::geo::Country;
use psk_domain::lang::Lang;
use psk_domain::org::{LicenceNumber, OrgKind, OrgStatus, licence_expiry};
use psk_domain::person::PersonName;
use psk_domain::profile::BoundedText;
use psk_store::organisations::{self, EventRow, OrgRow};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::rate::{Limit, client_key};
use crate::crypto::{self, Field};
use crate::error::{AppError, AppResult};
use crate::identity::evidence::{FilesForm, Kind};
use crate::state::AppState;

/// What an applicant types (the same in the web form and the API's multipart body).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct Application {
    /// foreign_employer, recruitment_agency, oep
    #[serde(default)]
    pub organisation_kind: String,
    #[serde(default)]
    pub legal_name: String,
    /// ISO 3166-1 alpha-2 (an OEP is in Pakistan, an employer abroad).
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub contact_name: String,
    /// The contact person's Pakistani mobile: short messages and, once approved, the first
    /// user's invitation code go to it (the portal signs organisation users in by mobile).
    #[serde(default)]
    pub contact_mobile: String,
    /// The contact person's email: the private link to the application and OEC's reasons.
    #[serde(default)]
    pub contact_email: String,
    /// An OEP's BE&OE licence number (e.g. `3456/RWP`).
    #[serde(default)]
    pub licence_number: String,
    /// An OEP's licence expiry, `YYYY-MM-DD`.
    #[serde(default)]
    pub licence_expires_on: String,
}

impl Application {
    pub fn from_form(f: &FilesForm) -> Self {
        Self {
            organisation_kind: f.text("organisation_kind").into(),
            legal_name: f.text("legal_name").into(),
            country: f.text("country").into(),
            address: f.text("address").into(),
            contact_name: f.text("contact_name").into(),
            contact_mobile: f.text("contact_mobile").into(),
            contact_email: f.text("contact_email").into(),
            licence_number: f.text("licence_number").into(),
            licence_expires_on: f.text("licence_expires_on").into(),
        }
    }
}

/// The two PDFs: the registration document always, the licence for an OEP.
pub const DOCUMENTS: [&str; 2] = ["registration", "licence"];

/// A checked application.
struct Checked {
    kind: OrgKind,
    legal_name: String,
    country: &'static str,
    address: String,
    contact_name: String,
    mobile: MobileNumber,
    email: Option<String>,
    licence: Option<(String, NaiveDate)>,
}

fn check(
    st: &AppState,
    a: &Application,
    files: &FilesForm,
    need_files: bool,
) -> AppResult<Checked> {
    let mut e = FieldErrors::new();
    let kind = e.take("organisation_kind", OrgKind::parse(&a.organisation_kind));
    let legal_name = e.take("legal_name", BoundedText::parse(&a.legal_name, 200));
    let country = e.take("country", Country::parse(&a.country));
    match (kind, country.as_ref()) {
        (Some(OrgKind::Oep), Some(c)) if c.code() != "PK" => e.push("country", "oep_in_pakistan"),
        (Some(OrgKind::ForeignEmployer), Some(c)) if c.code() == "PK" => {
            e.push("country", "destination_abroad")
        }
        _ => {}
    }
    let address = e.take("address", BoundedText::parse(&a.address, 500));
    let contact_name = e.take("contact_name", PersonName::parse(&a.contact_name));
    let mobile = e.take("contact_mobile", MobileNumber::parse(&a.contact_mobile));
    let email = if a.contact_email.trim().is_empty() {
        e.push("contact_email", "required");
        None
    } else {
        e.take("contact_email", Email::parse(&a.contact_email))
    };
    let licence = if kind.is_some_and(|k| k.licensed()) {
        let n = if a.licence_number.trim().is_empty() {
            e.push("licence_number", "required");
            None
        } else {
            e.take("licence_number", LicenceNumber::parse(&a.licence_number))
        };
        let today = st.clock.now().date_naive();
        let d = if a.licence_expires_on.trim().is_empty() {
            e.push("licence_expires_on", "required");
            None
        } else {
            e.take(
                "licence_expires_on",
                licence_expiry(&a.licence_expires_on, today),
            )
        };
        n.zip(d).map(|(n, d)| (n.as_str().to_owned(), d))
    } else {
        None
    };
    let mut wanted = vec!["registration"];
    if kind.is_some_and(|k| k.licensed()) {
        wanted.push("licence");
    }
    for name in wanted {
        match files.files.get(name) {
            None if need_files => e.push(name, "document_required"),
            None => {}
            Some(f) if Kind::sniff(f.head()) != Some(Kind::Pdf) => e.push(name, "document_pdf"),
            Some(_) => {}
        }
    }
    e.into_result()?;
    let (Some(kind), Some(legal_name), Some(country), Some(address), Some(contact_name)) =
        (kind, legal_name, country, address, contact_name)
    else {
        return Err(AppError::BadRequest("malformed_body"));
    };
    let (Some(mobile), Some(email)) = (mobile, email) else {
        return Err(AppError::BadRequest("malformed_body"));
    };
    Ok(Checked {
        kind,
        legal_name: legal_name.as_str().to_owned(),
        country: country.code(),
        address: address.as_str().to_owned(),
        contact_name: contact_name.as_str().to_owned(),
        mobile,
        email: Some(email.as_str().to_owned()),
        licence,
    })
}

/// The name as the public register looks it up: lower-case, single spaces.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What the applicant gets back: the number and the private link's key (sent by SMS too).
#[derive(Debug, Clone, serde::Serialize, ToSchema)]
pub struct Applied {
    /// `OR-` and eight letters and digits.
    pub number: String,
    /// The key of the applicant's link (`/organisations/applications/{number}?key=`): shown once.
    pub key: String,
    pub status: OrgStatus,
}

fn limit(st: &AppState) -> Limit {
    Limit {
        bucket: "org_apply",
        window: chrono::Duration::hours(1),
        limit: st.config.placement.applications_per_hour,
    }
}

/// A new application.
pub async fn apply(
    st: &AppState,
    a: &Application,
    files: &FilesForm,
    lang: Lang,
    ip: &str,
) -> AppResult<Applied> {
    let c = check(st, a, files, true)?;
    if let Some((n, _)) = &c.licence
        && !organisations::with_licence(st.db.ex(), n).await?.is_empty()
    {
        return Err(AppError::field("licence_number", "licence_taken"));
    }
    limit(st).hit(st, &client_key(st, ip)).await?;
    let now = st.clock.now();
    let key = crypto::new_token();
    let row = OrgRow {
        id: Uuid::new_v4(),
        number: crypto::reference("OR"),
        kind: c.kind.as_str().into(),
        name_key: name_key(&c.legal_name),
        legal_name: c.legal_name,
        country: c.country.into(),
        address: c.address,
        contact_name: c.contact_name,
        contact_mobile_enc: st.keys.encrypt(Field::Mobile, c.mobile.e164().as_bytes()),
        contact_email: c.email,
        language: lang.code().into(),
        licence_number: c.licence.as_ref().map(|l| l.0.clone()),
        licence_expires_on: c.licence.map(|l| l.1),
        status: OrgStatus::Applied.as_str().into(),
        status_reason: None,
        status_at: now,
        access_hash: crypto::token_hash(&key),
        created_at: now,
        updated_at: now,
    };
    let stored = super::documents::store(st, row.id, files).await?;
    let mut tx = st.db.begin().await?;
    organisations::insert(tx.ex(), &row).await?;
    for d in &stored {
        organisations::add_document(tx.ex(), d).await?;
    }
    step(st, &mut tx, &row, OrgStatus::Applied, None, None).await?;
    Event::new("organisation.applied")
        .detail(json!({ "organisation": row.id, "kind": row.kind }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    super::tell::applicant(st, tx.ex(), &row, "sms-org-applied", Some(&key)).await?;
    tx.commit().await?;
    crate::notify::wake_worker(st);
    Ok(Applied {
        number: row.number,
        key,
        status: OrgStatus::Applied,
    })
}

/// The application seen through the applicant's link; a wrong key finds nothing.
pub async fn by_key(st: &AppState, number: &str, key: &str) -> AppResult<OrgRow> {
    let row = organisations::by_number(st.db.ex(), number.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    if crypto::token_hash(key.trim()) != row.access_hash {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// The applicant corrects a returned application and sends it again (new PDFs replace the old
/// ones only where given).
pub async fn resubmit(
    st: &AppState,
    number: &str,
    key: &str,
    a: &Application,
    files: &FilesForm,
    lang: Lang,
    ip: &str,
) -> AppResult<OrgRow> {
    let old = by_key(st, number, key).await?;
    if old.status != OrgStatus::Returned.as_str() {
        return Err(AppError::Gone("organisation_not_returned"));
    }
    let c = check(st, a, files, false)?;
    if let Some((n, _)) = &c.licence
        && organisations::with_licence(st.db.ex(), n)
            .await?
            .iter()
            .any(|o| o.id != old.id)
    {
        return Err(AppError::field("licence_number", "licence_taken"));
    }
    let now = st.clock.now();
    let row = OrgRow {
        kind: c.kind.as_str().into(),
        name_key: name_key(&c.legal_name),
        legal_name: c.legal_name,
        country: c.country.into(),
        address: c.address,
        contact_name: c.contact_name,
        contact_mobile_enc: st.keys.encrypt(Field::Mobile, c.mobile.e164().as_bytes()),
        contact_email: c.email,
        licence_number: c.licence.as_ref().map(|l| l.0.clone()),
        licence_expires_on: c.licence.map(|l| l.1),
        language: lang.code().into(),
        updated_at: now,
        ..old
    };
    let stored = super::documents::store(st, row.id, files).await?;
    let mut tx = st.db.begin().await?;
    organisations::update_application(tx.ex(), &row).await?;
    for d in &stored {
        organisations::add_document(tx.ex(), d).await?;
    }
    step(st, &mut tx, &row, OrgStatus::Applied, None, None).await?;
    Event::new("organisation.resubmitted")
        .detail(json!({ "organisation": row.id }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    super::tell::applicant(st, tx.ex(), &row, "sms-org-resubmitted", None).await?;
    tx.commit().await?;
    crate::notify::wake_worker(st);
    organisations::find(st.db.ex(), row.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A step of the organisation's history, in the caller's transaction.
pub(super) async fn step(
    st: &AppState,
    tx: &mut psk_store::Tx,
    row: &OrgRow,
    status: OrgStatus,
    actor: Option<Uuid>,
    reason: Option<String>,
) -> AppResult<()> {
    organisations::step(
        tx.ex(),
        &EventRow {
            id: Uuid::new_v4(),
            organisation_id: row.id,
            at: st.clock.now(),
            actor_id: actor,
            status: status.as_str().into(),
            reason,
        },
    )
    .await?;
    Ok(())
}
