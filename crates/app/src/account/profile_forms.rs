//! The profile forms: each change runs through the service; a fixable error shows the page again.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::profile::{EducationInput, EmploymentInput, IntendedMoveInput};
use serde::Deserialize;
use uuid::Uuid;

use super::service::{self, ContactInput};
use crate::access::signin;
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::WebForm;
use crate::web::page::FormErrors;

use super::profile_pages::{Values, render_profile};
/// Runs a profile change; on a fixable error shows the page again with that section's errors.
async fn submit(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    section: &str,
    csrf: Option<&str>,
    values: Values,
    result: impl Future<Output = AppResult<()>>,
) -> AppResult<Response> {
    let outcome = match ctx.check_csrf(csrf) {
        Ok(()) => result.await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/profile?saved={section}#{section}")).into_response()),
        Err(e) => {
            let (status, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            let mut res = render_profile(
                st,
                ctx,
                me,
                section,
                &Default::default(),
                errors,
                Some(values),
            )
            .await?;
            *res.status_mut() = status;
            Ok(res)
        }
    }
}

pub async fn save_contact(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<ContactInput>,
) -> AppResult<Response> {
    let csrf = f.csrf.clone();
    let values = Values {
        contact: f.clone(),
        ..Default::default()
    };
    submit(
        &st,
        &ctx,
        &me,
        "contact",
        csrf.as_deref(),
        values,
        service::update_contact(&st, &me, &f, &ctx.client_ip),
    )
    .await
}

pub async fn add_education(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<EducationInput>,
) -> AppResult<Response> {
    let csrf = f.csrf.clone();
    let values = Values {
        education: f.clone(),
        ..Default::default()
    };
    submit(
        &st,
        &ctx,
        &me,
        "education",
        csrf.as_deref(),
        values,
        async {
            service::save_education(&st, &me, None, &f)
                .await
                .map(|_| ())
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

pub async fn delete_education(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<CsrfForm>,
) -> AppResult<Response> {
    submit(
        &st,
        &ctx,
        &me,
        "education",
        f.csrf.as_deref(),
        Values::default(),
        service::delete_education(&st, &me, id),
    )
    .await
}

pub async fn add_employment(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<EmploymentInput>,
) -> AppResult<Response> {
    let csrf = f.csrf.clone();
    let values = Values {
        employment: f.clone(),
        ..Default::default()
    };
    submit(
        &st,
        &ctx,
        &me,
        "employment",
        csrf.as_deref(),
        values,
        async {
            service::save_employment(&st, &me, None, &f)
                .await
                .map(|_| ())
        },
    )
    .await
}

pub async fn delete_employment(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<CsrfForm>,
) -> AppResult<Response> {
    submit(
        &st,
        &ctx,
        &me,
        "employment",
        f.csrf.as_deref(),
        Values::default(),
        service::delete_employment(&st, &me, id),
    )
    .await
}

pub async fn save_intended_move(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<IntendedMoveInput>,
) -> AppResult<Response> {
    let csrf = f.csrf.clone();
    let values = Values {
        intended: f.clone(),
        ..Default::default()
    };
    submit(
        &st,
        &ctx,
        &me,
        "move",
        csrf.as_deref(),
        values,
        service::save_intended_move(&st, &me, &f),
    )
    .await
}

pub async fn sign_out_device(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<CsrfForm>,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf.as_deref())?;
    signin::sign_out_device(&st, &me, id, &ctx.client_ip).await?;
    Ok(Redirect::to("/dashboard#devices").into_response())
}
