//! Agreements (issue 14, item 2): OEC staff record the agreements OEC signs, with a partner
//! organisation (its `OR-` number) or a country's government, for sectors, with a quota of
//! positions and a period, put approved demands under them, and see each one's demands and how
//! far the quota is met. Interviews and deployments join the page when the pipeline exists.

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::FieldErrors;
use psk_domain::geo::Country;
use psk_domain::profile::BoundedText;
use psk_store::agreements::{self, AgreementRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::decide::DECIDERS;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// An agreement as typed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgreement {
    #[serde(default)]
    pub title: String,
    /// The partner organisation's `OR-` number, or
    #[serde(default)]
    pub partner_organisation: String,
    /// the partner government's country (ISO 3166-1 alpha-2).
    #[serde(default)]
    pub partner_country: String,
    /// The sectors it covers, as written in it.
    #[serde(default)]
    pub sectors: String,
    /// Positions it provides for.
    #[serde(default)]
    pub quota: String,
    /// `YYYY-MM-DD`
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
}

/// A demand under an agreement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementDemand {
    pub number: String,
    pub status: String,
    pub positions: i32,
    pub positions_filled: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementView {
    pub id: Uuid,
    pub number: String,
    pub title: String,
    pub partner_organisation: Option<String>,
    pub partner_country: Option<String>,
    pub sectors: String,
    pub quota: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub demands: Vec<AgreementDemand>,
    /// Positions in its approved or closed demands.
    pub positions_demanded: i64,
    pub positions_filled: i64,
}

fn date(e: &mut FieldErrors, field: &'static str, s: &str) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) if s.trim().is_empty() => {
            e.push(field, "required");
            None
        }
        Err(_) => {
            e.push(field, "date_format");
            None
        }
    }
}

async fn view(st: &AppState, a: AgreementRow) -> AppResult<AgreementView> {
    let demands: Vec<AgreementDemand> = agreements::demands_of(st.db.ex(), a.id)
        .await?
        .into_iter()
        .map(
            |(number, status, positions, positions_filled)| AgreementDemand {
                number,
                status,
                positions,
                positions_filled,
            },
        )
        .collect();
    let counted = demands
        .iter()
        .filter(|d| d.status == "approved" || d.status == "closed");
    let partner = match a.partner_organisation_id {
        Some(id) => psk_store::organisations::find(st.db.ex(), id)
            .await?
            .map(|o| o.legal_name),
        None => None,
    };
    Ok(AgreementView {
        positions_demanded: counted.clone().map(|d| i64::from(d.positions)).sum(),
        positions_filled: counted.map(|d| i64::from(d.positions_filled)).sum(),
        id: a.id,
        number: a.number,
        title: a.title,
        partner_organisation: partner,
        partner_country: a.partner_country,
        sectors: a.sectors,
        quota: a.quota,
        starts_on: a.starts_on,
        ends_on: a.ends_on,
        created_at: a.created_at,
        demands,
    })
}

/// OEC records an agreement (administrators, audited).
pub async fn record(
    st: &AppState,
    staff: &CurrentUser,
    n: &NewAgreement,
    ip: &str,
) -> AppResult<AgreementView> {
    staff.require(DECIDERS)?;
    let mut e = FieldErrors::new();
    let title = e.take("title", BoundedText::parse(&n.title, 200));
    let org = n.partner_organisation.trim().to_ascii_uppercase();
    let (partner_org, partner_country) = match (org.is_empty(), n.partner_country.trim()) {
        (true, "") => {
            e.push("partner_organisation", "agreement_partner");
            (None, None)
        }
        (false, "") => match psk_store::organisations::by_number(st.db.ex(), &org).await? {
            Some(o) if o.status == "approved" => (Some(o.id), None),
            _ => {
                e.push("partner_organisation", "organisation_unknown");
                (None, None)
            }
        },
        (true, c) => (
            None,
            e.take("partner_country", Country::parse(c))
                .map(|c| c.code().to_owned()),
        ),
        (false, _) => {
            e.push("partner_country", "agreement_partner");
            (None, None)
        }
    };
    let sectors = e.take("sectors", BoundedText::parse(&n.sectors, 300));
    let quota = n
        .quota
        .trim()
        .replace(',', "")
        .parse::<i32>()
        .ok()
        .filter(|q| (1..=1_000_000).contains(q));
    if quota.is_none() {
        e.push("quota", "amount_range");
    }
    let starts = date(&mut e, "starts_on", &n.starts_on);
    let ends = date(&mut e, "ends_on", &n.ends_on);
    if let (Some(s), Some(t)) = (starts, ends)
        && t < s
    {
        e.push("ends_on", "end_before_start");
    }
    e.into_result()?;
    let (Some(title), Some(sectors), Some(quota), Some(starts_on), Some(ends_on)) =
        (title, sectors, quota, starts, ends)
    else {
        return Err(AppError::BadRequest("malformed_body"));
    };
    let row = AgreementRow {
        id: Uuid::new_v4(),
        number: crate::crypto::reference("AG"),
        title: title.as_str().into(),
        partner_organisation_id: partner_org,
        partner_country,
        sectors: sectors.as_str().into(),
        quota,
        starts_on,
        ends_on,
        created_by: staff.id,
        created_at: st.clock.now(),
    };
    let mut tx = st.db.begin().await?;
    agreements::insert(tx.ex(), &row).await?;
    Event::new("agreement.recorded")
        .actor(staff.id)
        .detail(json!({ "agreement": row.id }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    view(st, row).await
}

pub async fn list(st: &AppState, staff: &CurrentUser) -> AppResult<Vec<AgreementView>> {
    staff.require(DECIDERS)?;
    let mut out = vec![];
    for a in agreements::list(st.db.ex()).await? {
        out.push(view(st, a).await?);
    }
    Ok(out)
}

pub async fn one(st: &AppState, staff: &CurrentUser, id: Uuid) -> AppResult<AgreementView> {
    staff.require(DECIDERS)?;
    let a = agreements::find(st.db.ex(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    view(st, a).await
}

/// Puts a demand (by its `JD-` number) under an agreement.
pub async fn add_demand(
    st: &AppState,
    staff: &CurrentUser,
    id: Uuid,
    demand: &str,
    ip: &str,
) -> AppResult<AgreementView> {
    staff.require(DECIDERS)?;
    let a = agreements::find(st.db.ex(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let d = psk_store::demands::by_number(st.db.ex(), &demand.trim().to_ascii_uppercase())
        .await?
        .ok_or(AppError::field("demand", "demand_unknown"))?;
    if a.partner_organisation_id
        .is_some_and(|o| o != d.organisation_id)
    {
        return Err(AppError::field("demand", "agreement_other_partner"));
    }
    let mut tx = st.db.begin().await?;
    agreements::link_demand(tx.ex(), a.id, d.id).await?;
    Event::new("agreement.demand_added")
        .actor(staff.id)
        .detail(json!({ "agreement": a.id, "demand": d.id }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    view(st, a).await
}
