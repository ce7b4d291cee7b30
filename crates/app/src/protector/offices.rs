//! The protector offices: the bundled list seeded on first start, an administrator's changes,
//! and whether an office is active.

use psk_domain::profile::BoundedText;
use psk_domain::role::Role;
use psk_domain::{FieldErrors, geo};
use psk_store::protector;
use serde_json::json;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;

/// Whether an office is on the list and active.
pub async fn office_active(st: &AppState, code: &str) -> AppResult<bool> {
    Ok(protector::offices(st.db.ex())
        .await?
        .iter()
        .any(|o| o.code == code && o.active))
}

/// Seeds the bundled office list into an empty table (first start).
pub async fn seed_offices(st: &AppState) -> AppResult<()> {
    if !protector::offices(st.db.ex()).await?.is_empty() {
        return Ok(());
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    for o in geo::protector_offices().all() {
        protector::put_office(
            tx.ex(),
            &protector::Office {
                code: o.code.into(),
                name_en: o.name_en.into(),
                name_ur: o.name_ur.into(),
                active: true,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Adds or changes an office (administrators): a code of 2–10 capital letters or digits, both
/// names required. Audited.
pub async fn put_office(
    st: &AppState,
    me: &CurrentUser,
    code: &str,
    name_en: &str,
    name_ur: &str,
    active: bool,
    ip: &str,
) -> AppResult<()> {
    me.require(&[Role::Administrator])?;
    let mut e = FieldErrors::new();
    let code = code.trim().to_uppercase();
    if !(2..=10).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        e.push("office", "choose_option");
    }
    let mut name = |field: &'static str, v: &str| match BoundedText::parse_optional(v, 120) {
        Ok(Some(t)) => Some(t.as_str().to_owned()),
        Ok(None) => {
            e.push(field, "required");
            None
        }
        Err(_) => {
            e.push(field, "too_long");
            None
        }
    };
    let (en, ur) = (name("name", name_en), name("name", name_ur));
    e.into_result()?;
    let office = protector::Office {
        code,
        name_en: en.expect("checked"),
        name_ur: ur.expect("checked"),
        active,
    };
    let mut tx = st.db.begin().await?;
    protector::put_office(tx.ex(), &office, st.clock.now()).await?;
    Event::new("office.changed")
        .actor(me.id)
        .detail(json!({ "code": office.code, "name_en": office.name_en, "active": office.active }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(())
}
