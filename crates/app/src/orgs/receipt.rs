//! The service-charge receipt as an A4 PDF in English and Urdu (the certificate's sheet): the
//! worker, the OEP and its licence, the demand, the amount and the cap, the date, and the
//! verification number with a QR code to its public check.

use psk_domain::lang::Lang;
use uuid::Uuid;

use super::fees::rupees;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;

/// The public check of a receipt.
pub fn check_link(st: &AppState, number: &str) -> String {
    format!(
        "{}/registers/receipts/{number}",
        st.config.public_url.trim_end_matches('/')
    )
}

/// The receipt of placement `id`, for its OEP (`for_org`) or its worker: (number, PDF).
pub async fn pdf(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    for_org: bool,
) -> AppResult<(String, Vec<u8>)> {
    let row = if for_org {
        super::pipeline::org_row(st, me, id).await?
    } else {
        super::pipeline::my_row(st, me, id).await?
    };
    let c = psk_store::service_charges::of_placement(st.db.ex(), row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let worker = psk_store::users::find(st.db.ex(), row.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let org = psk_store::organisations::find(st.db.ex(), row.organisation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let demand = psk_store::demands::find(st.db.ex(), row.demand_id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    let (en, ur) = (Tr::new(Lang::En), Tr::new(Lang::Ur));
    let line = |id: &str, value: String| (en.t(id), ur.t(id), value);
    let link = check_link(st, &c.receipt_number);
    let sheet = crate::certificate::pdf::Sheet {
        title_en: en.t("receipt-title"),
        title_ur: ur.t("receipt-title"),
        certifies_en: en.t("receipt-certifies"),
        certifies_ur: ur.t("receipt-certifies"),
        name: worker.full_name.clone(),
        name_ur: worker.full_name_ur.clone(),
        lines: vec![
            line("receipt-oep", org.legal_name.clone()),
            line(
                "receipt-licence",
                org.licence_number.clone().unwrap_or_default(),
            ),
            line("demand-number", demand.number.clone()),
            line("receipt-amount", rupees(c.amount)),
            line("receipt-cap", rupees(c.cap)),
            line(
                "receipt-date",
                crate::time::pakistan_date(c.recorded_at).to_string(),
            ),
            line("receipt-number", c.receipt_number.clone()),
        ],
        qr_modules: crate::certificate::qr::modules(&link)?,
        verify_en: en.t("receipt-verify"),
        verify_ur: ur.t("receipt-verify"),
        link,
    };
    let bytes = tokio::task::spawn_blocking(move || crate::certificate::pdf::render(&sheet))
        .await
        .map_err(anyhow::Error::from)??;
    Ok((c.receipt_number, bytes))
}
