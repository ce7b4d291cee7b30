//! Administrators revoke or reissue a certificate from the browser (the same rules as the API:
//! `certificate::service::revoke` and `reissue`, a reason required, audited).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::session::CurrentUser;
use crate::certificate::service::{self, CERTIFICATE_ADMINS, PublicStatus};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::FormPairs;
use crate::web::page::{Base, FormErrors, html};

#[derive(Template)]
#[template(path = "admin_certificates.html")]
struct Page {
    tr: Tr,
    base: Base,
    number: String,
    found: Option<PublicStatus>,
    errors: FormErrors,
    notice: String,
}

#[derive(Deserialize)]
pub struct Lookup {
    #[serde(default)]
    n: String,
    #[serde(default)]
    done: String,
}

async fn render(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    number: &str,
    errors: FormErrors,
    notice: String,
) -> AppResult<Page> {
    let found = if number.trim().is_empty() {
        None
    } else {
        Some(service::check_number(st, number).await?)
    };
    Ok(Page {
        base: Base::new(ctx, Some(me)),
        tr: Tr::new(ctx.lang),
        number: number.to_owned(),
        found,
        errors,
        notice,
    })
}

pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<Lookup>,
) -> AppResult<Response> {
    me.require(CERTIFICATE_ADMINS)?;
    let tr = Tr::new(ctx.lang);
    let notice = match q.done.as_str() {
        "revoked" | "reissued" => tr.t(&format!("admin-cert-{}", q.done)),
        _ => String::new(),
    };
    let p = render(&st, &ctx, &me, &q.n, FormErrors::default(), notice).await?;
    Ok(html(&p)?.into_response())
}

/// `action` = revoke or reissue, with `number`, `reason` and (reissue) `full_name`,
/// `full_name_ur`.
pub async fn act(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    me.require(CERTIFICATE_ADMINS)?;
    ctx.check_csrf(form.csrf())?;
    let number = form.get("number").unwrap_or("").to_owned();
    let reason = form.get("reason").unwrap_or("");
    let result = match form.get("action") {
        Some("revoke") => service::revoke(&st, &me, &number, reason, &ctx.client_ip)
            .await
            .map(|c| ("revoked", c.number)),
        Some("reissue") => service::reissue(
            &st,
            &me,
            &number,
            reason,
            service::Correction {
                full_name: form.get("full_name"),
                full_name_ur: form.get("full_name_ur"),
                cnic: None,
            },
            &ctx.client_ip,
        )
        .await
        .map(|c| ("reissued", c.number)),
        _ => return Err(crate::error::AppError::BadRequest("malformed_body")),
    };
    match result {
        Ok((done, n)) => {
            Ok(Redirect::to(&format!("/admin/certificates?n={n}&done={done}")).into_response())
        }
        Err(e) => {
            let tr = Tr::new(ctx.lang);
            let (status, errors) = FormErrors::from_error(&tr, e)?;
            let p = render(&st, &ctx, &me, &number, errors, String::new()).await?;
            Ok((status, html(&p)?).into_response())
        }
    }
}
