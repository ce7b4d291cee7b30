//! Fees in the open (issue 14, item 10). An OEP records the service charge it took from a worker
//! it placed (an accepted offer or later), never above the government cap
//! (`max_oep_service_charge`, a course setting: while it is unset no charge can be recorded);
//! the portal issues the receipt with a verification number anyone can check at
//! `/registers/receipts`; the worker answers with what they actually paid, and a difference
//! opens a fee-dispute ticket on the OEP's record, in the same transaction.

use chrono::{DateTime, Utc};
use psk_domain::placement::Status;
use psk_domain::ticket::Category;
use psk_store::placements::PlacementRow;
use psk_store::service_charges::{self as store, ChargeRow};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::helpdesk::service::Typed;
use crate::i18n::Tr;
use crate::state::AppState;

/// The setting that holds the cap.
pub const CAP_SETTING: &str = "max_oep_service_charge";

/// A charge as its OEP and its worker see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChargeView {
    /// Whole rupees.
    pub amount: i64,
    /// The government cap in force when it was recorded.
    pub cap: i64,
    /// The receipt's verification number (`FR-…`), checked at `/registers/receipts/{number}`.
    pub receipt_number: String,
    pub recorded_at: DateTime<Utc>,
    /// `awaiting` (the worker has not answered), `confirmed` or `disputed`.
    pub state: String,
    /// What the worker says they paid.
    pub paid: Option<i64>,
    pub answered_at: Option<DateTime<Utc>>,
}

pub fn view(c: ChargeRow) -> ChargeView {
    let state = match c.paid {
        None => "awaiting",
        Some(_) if c.ticket_id.is_some() => "disputed",
        Some(_) => "confirmed",
    };
    ChargeView {
        amount: c.amount,
        cap: c.cap,
        receipt_number: c.receipt_number,
        recorded_at: c.recorded_at,
        state: state.into(),
        paid: c.paid,
        answered_at: c.paid_reported_at,
    }
}

/// Whole rupees as printed: `PKR 25,000`.
pub fn rupees(n: impl std::borrow::Borrow<i64>) -> String {
    let n = *n.borrow();
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("PKR {}{out}", if n < 0 { "-" } else { "" })
}

/// The cap in force, if it is set as one amount in rupees.
pub async fn cap(st: &AppState) -> AppResult<Option<i64>> {
    let course = crate::admin::settings::latest_course(st).await?;
    let values = crate::admin::settings::effective(st, &course).await?;
    Ok(values
        .get(CAP_SETTING)
        .and_then(|v| psk_domain::fee::cap_from_setting(v)))
}

/// A charge is taken from a selected worker (`Status::selected`).
pub fn selected(status: &str) -> bool {
    Status::parse(status).is_some_and(|s| s.selected())
}

/// The OEP records what it charged the worker of `row` (its own placement, already checked);
/// the caller shows the placement with it.
pub async fn record(
    st: &AppState,
    me: &CurrentUser,
    row: &PlacementRow,
    amount: &str,
    ip: &str,
) -> AppResult<()> {
    let org = psk_store::organisations::find(st.db.ex(), row.organisation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if org.kind != "oep" {
        return Err(AppError::Refused("service_charge_not_oep"));
    }
    if !selected(&row.status) {
        return Err(AppError::Gone("service_charge_not_selected"));
    }
    if store::of_placement(st.db.ex(), row.id).await?.is_some() {
        return Err(AppError::Gone("service_charge_recorded"));
    }
    let cap = cap(st)
        .await?
        .ok_or(AppError::Refused("service_charge_cap_unset"))?;
    let amount = psk_domain::fee::charge(amount, cap)?;
    let c = ChargeRow {
        id: Uuid::new_v4(),
        placement_id: row.id,
        organisation_id: org.id,
        user_id: row.user_id,
        amount,
        cap,
        receipt_number: crate::crypto::reference("FR"),
        recorded_by: me.id,
        recorded_at: st.clock.now(),
        paid: None,
        paid_reported_at: None,
        ticket_id: None,
    };
    let mut tx = st.db.begin().await?;
    if !store::insert(tx.ex(), &c).await? {
        return Err(AppError::Gone("service_charge_recorded"));
    }
    Event::new("placement.service_charge")
        .actor(me.id)
        .subject(row.user_id)
        .ip(ip)
        .detail(json!({ "placement": row.id, "organisation": org.id, "amount": amount, "cap": cap, "receipt": c.receipt_number }))
        .record(st, tx.ex())
        .await?;
    super::pipeline::tell_worker(st, tx.ex(), row, "service_charge").await?;
    tx.commit().await?;
    crate::notify::wake_worker(st);
    Ok(())
}

/// The worker says what they actually paid for `row` (their own placement); a different amount
/// opens a fee-dispute ticket on the OEP's record, with the answer or not at all.
pub async fn answer(
    st: &AppState,
    me: &CurrentUser,
    row: &PlacementRow,
    paid: &str,
    ip: &str,
) -> AppResult<()> {
    let c = store::of_placement(st.db.ex(), row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if c.paid.is_some() {
        return Err(AppError::Gone("service_charge_answered"));
    }
    let paid = psk_domain::fee::paid(paid)?;
    let user = psk_store::users::find(st.db.ex(), me.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let ticket = if paid != c.amount {
        let tr = Tr::new(psk_domain::lang::Lang::parse(&user.language).unwrap_or_default());
        let args = [
            ("receipt", c.receipt_number.clone()),
            ("paid", rupees(paid)),
            ("amount", rupees(c.amount)),
            ("cap", rupees(c.cap)),
        ];
        let typed = Typed {
            category: Category::FeeDispute,
            subject: tr.plain("fee-dispute-subject", &args),
            body: tr.plain("fee-dispute-body", &args),
            organisation: None,
        };
        let t = crate::helpdesk::service::create_in(
            st,
            &mut tx,
            &user,
            typed,
            Some(c.organisation_id),
            None,
            None,
            ip,
        )
        .await?;
        Some(t.id)
    } else {
        None
    };
    if !store::answer(tx.ex(), c.id, paid, ticket, now).await? {
        return Err(AppError::Gone("service_charge_answered"));
    }
    Event::new("placement.service_charge_answered")
        .actor(me.id)
        .subject(me.id)
        .ip(ip)
        .detail(json!({ "placement": row.id, "organisation": c.organisation_id, "paid": paid, "receipt": c.receipt_number, "disputed": ticket.is_some() }))
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    crate::notify::wake_worker(st);
    Ok(())
}

/// A receipt as anyone may check it: the OEP, the amount and the date, never the worker.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicReceipt {
    pub receipt_number: String,
    pub organisation: String,
    pub licence_number: Option<String>,
    pub demand_number: String,
    /// Whole rupees.
    pub amount: i64,
    pub recorded_at: DateTime<Utc>,
}

/// `number`'s receipt, counted against the address like the other registers.
pub async fn public(st: &AppState, number: &str, ip: &str) -> AppResult<PublicReceipt> {
    let number = number.trim().to_ascii_uppercase();
    if !number.starts_with("FR-") || number.len() != 12 {
        return Err(AppError::field("number", "receipt_number_format"));
    }
    super::register::allowed(st, ip).await?;
    let c = store::by_receipt(st.db.ex(), &number).await?;
    let c = super::register::spent_if_missed(st, ip, c.ok_or(AppError::NotFound)).await?;
    let org = psk_store::organisations::find(st.db.ex(), c.organisation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = psk_store::placements::find(st.db.ex(), c.placement_id, None, None)
        .await?
        .ok_or(AppError::NotFound)?;
    let d = psk_store::demands::find(st.db.ex(), p.demand_id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(PublicReceipt {
        receipt_number: c.receipt_number,
        organisation: org.legal_name,
        licence_number: org.licence_number,
        demand_number: d.number,
        amount: c.amount,
        recorded_at: c.recorded_at,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn rupees_are_grouped_by_thousands() {
        assert_eq!(super::rupees(0), "PKR 0");
        assert_eq!(super::rupees(950), "PKR 950");
        assert_eq!(super::rupees(25_000), "PKR 25,000");
        assert_eq!(super::rupees(1_250_000), "PKR 1,250,000");
    }
}
