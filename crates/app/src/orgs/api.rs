//! Organisations through the JSON API: the public application and the applicant's link,
//! OEC's list, record and decisions, an organisation's own record and invitations, joining.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use psk_domain::lang::Lang;
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::apply::{self, Application, Applied, DOCUMENTS};
use super::members::{self, Join, Joined, NewMember};
use super::view::{self, OrgLine, OrgView};
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::identity::evidence::{download, read_files};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes(st: &AppState) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(apply_api))
        .routes(routes!(application, resubmit))
        .routes(routes!(list))
        .routes(routes!(record))
        .routes(routes!(decide))
        .routes(routes!(document))
        .routes(routes!(mine))
        .routes(routes!(invite))
        .routes(routes!(join))
        .layer(super::upload_limit(st))
}

/// The multipart body of an application.
#[allow(dead_code)]
#[derive(ToSchema)]
struct ApplicationForm {
    /// foreign_employer, recruitment_agency, oep
    organisation_kind: String,
    legal_name: String,
    /// ISO 3166-1 alpha-2 (an OEP is in Pakistan, a foreign employer abroad).
    country: String,
    address: String,
    contact_name: String,
    /// The contact person's Pakistani mobile.
    contact_mobile: String,
    contact_email: String,
    /// An OEP's BE&OE licence number.
    licence_number: Option<String>,
    /// An OEP's licence expiry, YYYY-MM-DD.
    licence_expires_on: Option<String>,
    /// The registration document (PDF).
    #[schema(format = Binary, value_type = String)]
    registration: Vec<u8>,
    /// An OEP's BE&OE licence (PDF).
    #[schema(format = Binary, value_type = Option<String>)]
    licence: Option<Vec<u8>>,
}

fn lang(ctx: &Ctx) -> Lang {
    ctx.lang
}

/// Apply: a foreign employer, a recruitment agency or a licensed OEP. Every field is checked
/// and named at once; nothing is kept unless all is right. The answer holds the number and the
/// private link's key (shown once, also emailed).
#[utoipa::path(post, path = "/api/v1/organisations/applications", tag = "organisations",
    request_body(content = ApplicationForm, content_type = "multipart/form-data"),
    responses((status = 201, body = Applied), (status = 413, body = ProblemDoc), (status = 422, body = ProblemDoc), (status = 429, body = ProblemDoc)))]
async fn apply_api(
    State(st): State<AppState>,
    ctx: Ctx,
    form: Multipart,
) -> AppResult<(StatusCode, axum::Json<Applied>)> {
    let cap = st.config.placement.document_max_mb;
    let f = read_files(&ctx, form, &DOCUMENTS, cap, false).await?;
    let a = Application::from_form(&f);
    let done = apply::apply(&st, &a, &f, lang(&ctx), &ctx.client_ip).await?;
    Ok((StatusCode::CREATED, axum::Json(done)))
}

#[derive(Deserialize, IntoParams)]
struct KeyQuery {
    /// The key of the applicant's private link.
    #[serde(default)]
    key: String,
}

/// The application through the applicant's link: its status, the reason, its history.
#[utoipa::path(get, path = "/api/v1/organisations/applications/{number}", tag = "organisations",
    params(("number" = String, Path), KeyQuery),
    responses((status = 200, body = OrgView), (status = 404, body = ProblemDoc)))]
async fn application(
    State(st): State<AppState>,
    Path(number): Path<String>,
    Query(q): Query<KeyQuery>,
) -> AppResult<axum::Json<OrgView>> {
    let o = apply::by_key(&st, &number, &q.key).await?;
    Ok(axum::Json(view::build(&st, o, false).await?))
}

/// A returned application corrected and sent again (multipart, like the application; PDFs only
/// where they change).
#[utoipa::path(post, path = "/api/v1/organisations/applications/{number}", tag = "organisations",
    params(("number" = String, Path), KeyQuery),
    request_body(content = ApplicationForm, content_type = "multipart/form-data"),
    responses((status = 200, body = OrgView), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn resubmit(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(number): Path<String>,
    Query(q): Query<KeyQuery>,
    form: Multipart,
) -> AppResult<axum::Json<OrgView>> {
    let cap = st.config.placement.document_max_mb;
    let f = read_files(&ctx, form, &DOCUMENTS, cap, false).await?;
    let a = Application::from_form(&f);
    let o = apply::resubmit(&st, &number, &q.key, &a, &f, lang(&ctx), &ctx.client_ip).await?;
    Ok(axum::Json(view::build(&st, o, false).await?))
}

#[derive(Deserialize, IntoParams)]
struct ListQuery {
    /// applied (the default), returned, approved, rejected, suspended, blacklisted
    status: Option<String>,
}

/// OEC's list of organisations (administrators).
#[utoipa::path(get, path = "/api/v1/admin/organisations", tag = "organisations", security(("bearer" = [])),
    params(ListQuery),
    responses((status = 200, body = Vec<OrgLine>), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn list(
    State(st): State<AppState>,
    me: CurrentUser,
    Query(q): Query<ListQuery>,
) -> AppResult<axum::Json<Vec<OrgLine>>> {
    Ok(axum::Json(view::list(&st, &me, q.status.as_deref()).await?))
}

/// An organisation's record: the application, documents, history, users and the complaints
/// about it (administrators; audited).
#[utoipa::path(get, path = "/api/v1/admin/organisations/{id}", tag = "organisations", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = OrgView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn record(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<OrgView>> {
    Ok(axum::Json(
        view::for_staff(&st, &me, id, &ctx.client_ip).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct DecisionBody {
    /// approve, return, reject, suspend, reinstate, blacklist
    #[serde(default)]
    decision: String,
    /// Always required; the applicant reads it.
    #[serde(default)]
    reason: String,
    /// Blacklisting a foreign employer or agency: the OEP that answered for it (its OEC number
    /// or licence number), shown on the public blacklist.
    #[serde(default)]
    oep: String,
}

/// A decision with its reason: audited, and the contact person is told by SMS and email. An
/// approval invites the contact person as the organisation's first user.
#[utoipa::path(post, path = "/api/v1/admin/organisations/{id}/decisions", tag = "organisations", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = DecisionBody,
    responses((status = 200, body = OrgView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn decide(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<DecisionBody>,
) -> AppResult<axum::Json<OrgView>> {
    super::decide::decide(&st, &me, id, &b.decision, &b.reason, &b.oep, &ctx.client_ip).await?;
    Ok(axum::Json(
        view::for_staff(&st, &me, id, &ctx.client_ip).await?,
    ))
}

/// A document of the application (a PDF download; administrators; audited).
#[utoipa::path(get, path = "/api/v1/admin/organisations/{id}/documents/{doc}", tag = "organisations", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("doc" = Uuid, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn document(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path((id, doc)): Path<(Uuid, Uuid)>,
) -> AppResult<Response> {
    document_download(&st, &ctx, &me, id, doc).await
}

/// Shared with the web page: the PDF, after the role check and the audit entry.
pub(super) async fn document_download(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    id: Uuid,
    doc: Uuid,
) -> AppResult<Response> {
    me.require(super::decide::DECIDERS)?;
    let bytes = super::documents::open(st, id, doc).await?;
    Event::new("organisation.document_read")
        .actor(me.id)
        .detail(json!({ "organisation": id, "document": doc }))
        .ip(&ctx.client_ip)
        .record_alone(st)
        .await?;
    Ok(download("application/pdf".into(), bytes))
}

/// My organisation (its users): its record with its users.
#[utoipa::path(get, path = "/api/v1/organisation", tag = "organisations", security(("bearer" = [])),
    responses((status = 200, body = OrgView), (status = 403, body = ProblemDoc)))]
async fn mine(State(st): State<AppState>, me: CurrentUser) -> AppResult<axum::Json<OrgView>> {
    Ok(axum::Json(view::mine(&st, &me).await?))
}

/// Invite a colleague: a code goes by SMS to their mobile.
#[utoipa::path(post, path = "/api/v1/organisation/invitations", tag = "organisations", security(("bearer" = [])),
    request_body = NewMember,
    responses((status = 202), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn invite(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(m): ApiJson<NewMember>,
) -> AppResult<StatusCode> {
    members::invite(&st, &me, &m, &ctx.client_ip).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Join an organisation with the invitation code, the mobile it went to and a password; then
/// sign in as usual.
#[utoipa::path(post, path = "/api/v1/organisations/join", tag = "organisations",
    request_body = Join,
    responses((status = 201, body = Joined), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc), (status = 429, body = ProblemDoc)))]
async fn join(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(j): ApiJson<Join>,
) -> AppResult<(StatusCode, axum::Json<Joined>)> {
    let done = members::join(&st, &j, ctx.lang, &ctx.client_ip).await?;
    Ok((StatusCode::CREATED, axum::Json(done)))
}
