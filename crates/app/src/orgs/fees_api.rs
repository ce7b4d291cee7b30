//! Fees in the open through the JSON API and in the browser: the OEP records the service
//! charge, the worker answers with what they paid, both download the receipt, and anyone checks
//! a receipt by its number (`/registers/receipts`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::fees::PublicReceipt;
use super::pipeline::{self, PlacementView};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::{ApiJson, FormPairs};
use crate::web::page::{Base, FormErrors, html};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(record))
        .routes(routes!(answer))
        .routes(routes!(org_receipt))
        .routes(routes!(my_receipt))
        .routes(routes!(public_receipt))
}

/// Whole rupees, as a number or as text (`"25,000"`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Rupees {
    Number(i64),
    Text(String),
}

impl Rupees {
    fn text(&self) -> String {
        match self {
            Self::Number(n) => n.to_string(),
            Self::Text(t) => t.clone(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChargeInput {
    /// The service charge taken from the worker, whole rupees, at most the government cap.
    pub amount: Rupees,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaidInput {
    /// What I actually paid the OEP, whole rupees (0 for nothing).
    pub paid: Rupees,
}

/// An OEP records the service charge it took from a selected worker (an accepted offer or
/// later), once; the portal issues the receipt. Above the cap: 422 `service_charge_above_cap`;
/// while the cap (`max_oep_service_charge`) is not set: 403 `service_charge_cap_unset`; not an
/// OEP: 403 `service_charge_not_oep`; not selected: 410 `service_charge_not_selected`; recorded
/// already: 410 `service_charge_recorded`.
#[utoipa::path(post, path = "/api/v1/organisation/placements/{id}/service-charge", tag = "organisations", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ChargeInput,
    responses((status = 200, body = PlacementView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn record(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ChargeInput>,
) -> AppResult<axum::Json<PlacementView>> {
    let p = pipeline::org_charge(&st, &me, id, &b.amount.text(), &ctx.client_ip).await?;
    Ok(axum::Json(p))
}

/// I say what I actually paid for this placement's receipt, once. A different amount opens a
/// fee-dispute ticket on the OEP's record (its number comes by SMS). Answered already: 410
/// `service_charge_answered`; no receipt: 404.
#[utoipa::path(post, path = "/api/v1/me/placements/{id}/service-charge", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = PaidInput,
    responses((status = 200, body = PlacementView), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn answer(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<PaidInput>,
) -> AppResult<axum::Json<PlacementView>> {
    let p = pipeline::my_charge_answer(&st, &me, id, &b.paid.text(), &ctx.client_ip).await?;
    Ok(axum::Json(p))
}

async fn receipt(st: &AppState, me: &CurrentUser, id: Uuid, for_org: bool) -> AppResult<Response> {
    let (number, bytes) = super::receipt::pdf(st, me, id, for_org).await?;
    Ok(crate::certificate::pages::download(
        "application/pdf",
        format!("{number}.pdf"),
        bytes,
    ))
}

/// The receipt of a service charge my organisation recorded: an A4 PDF in English and Urdu
/// (also `GET /organisation/placements/{id}/receipt.pdf`).
#[utoipa::path(get, path = "/api/v1/organisation/placements/{id}/receipt", tag = "organisations", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "application/pdf", description = "The receipt"), (status = 404, body = ProblemDoc)))]
pub async fn org_receipt(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    receipt(&st, &me, id, true).await
}

/// The receipt of the service charge I paid for this placement (also
/// `GET /placements/{id}/receipt.pdf`).
#[utoipa::path(get, path = "/api/v1/me/placements/{id}/receipt", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "application/pdf", description = "The receipt"), (status = 404, body = ProblemDoc)))]
pub async fn my_receipt(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    receipt(&st, &me, id, false).await
}

/// Is this service-charge receipt real? The OEP, the demand, the amount and the date; never the
/// worker. Counted per address like the other registers.
#[utoipa::path(get, path = "/api/v1/registers/receipts/{number}", tag = "registers", params(("number" = String, Path, description = "FR-XXXX-XXXX")),
    responses((status = 200, body = PublicReceipt), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc), (status = 429, body = ProblemDoc)))]
async fn public_receipt(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(number): Path<String>,
) -> AppResult<axum::Json<PublicReceipt>> {
    Ok(axum::Json(
        super::fees::public(&st, &number, &ctx.client_ip).await?,
    ))
}

/// `POST /organisation/placements/{id}/service-charge` (the OEP's `amount`) and
/// `POST /placements/{id}/service-charge` (the worker's `paid`): back to the placement, or its
/// page again with the problem named.
async fn form(
    st: AppState,
    ctx: Ctx,
    me: CurrentUser,
    id: Uuid,
    f: FormPairs,
    for_org: bool,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    let field = if for_org { "amount" } else { "paid" };
    let typed = f.get(field).unwrap_or("").to_owned();
    let ip = &ctx.client_ip;
    let (done, back) = if for_org {
        let r = pipeline::org_charge(&st, &me, id, &typed, ip).await;
        (r, format!("/organisation/placements/{id}#charge"))
    } else {
        let r = pipeline::my_charge_answer(&st, &me, id, &typed, ip).await;
        (r, format!("/placements/{id}#charge"))
    };
    match done {
        Ok(_) => Ok(Redirect::to(&back).into_response()),
        Err(e) => {
            let errors = FormErrors::from_error(&Tr::new(ctx.lang), e)?.1;
            let p = match for_org {
                true => pipeline::org_one(&st, &me, id).await?,
                false => pipeline::my_one(&st, &me, id).await?,
            };
            let typed = (Default::default(), typed);
            super::pipeline_api::one_page(&ctx, &me, p, for_org, typed, errors)
        }
    }
}

pub async fn org_form(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    f: FormPairs,
) -> AppResult<Response> {
    form(st, ctx, me, id, f, true).await
}

pub async fn my_form(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    f: FormPairs,
) -> AppResult<Response> {
    form(st, ctx, me, id, f, false).await
}

#[derive(Deserialize)]
pub struct ReceiptQuery {
    #[serde(default)]
    number: String,
}

#[derive(Template)]
#[template(path = "register_receipt.html")]
struct ReceiptPage {
    tr: Tr,
    base: Base,
    number: String,
    /// Asked, and no such receipt.
    not_found: bool,
    found: Option<PublicReceipt>,
    errors: FormErrors,
}

/// `GET /registers/receipts?number=` and `GET /registers/receipts/{number}` (the receipt's QR
/// code): is this receipt real?
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    number: Option<Path<String>>,
    Query(q): Query<ReceiptQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let number = number.map(|p| p.0).unwrap_or(q.number).trim().to_owned();
    let (found, not_found, errors, status) = if number.is_empty() {
        (
            None,
            false,
            FormErrors::default(),
            axum::http::StatusCode::OK,
        )
    } else {
        match super::fees::public(&st, &number, &ctx.client_ip).await {
            Ok(r) => (
                Some(r),
                false,
                FormErrors::default(),
                axum::http::StatusCode::OK,
            ),
            Err(AppError::NotFound) => (
                None,
                true,
                FormErrors::default(),
                axum::http::StatusCode::NOT_FOUND,
            ),
            Err(e) => {
                let (status, errors) = FormErrors::from_error(&tr, e)?;
                (None, false, errors, status)
            }
        }
    };
    let page = html(&ReceiptPage {
        tr,
        base: Base::anonymous(&ctx),
        number,
        not_found,
        found,
        errors,
    })?;
    Ok((status, page).into_response())
}
