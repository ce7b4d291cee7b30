//! Placement statistics through the API (JSON or CSV) and in the browser (a table, a CSV link
//! and a bar chart drawn on the server as SVG).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::stats::{self, Stats, StatsQuery};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::page::{Base, FormErrors, Opt, html};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api))
}

fn csv_response(s: &Stats) -> Response {
    let name = format!("placement-{}-{}-{}.csv", s.by, s.from, s.to);
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        stats::csv(s),
    )
        .into_response()
}

/// Placement figures by destination country, occupation or agreement over a period
/// (administrators and analysts); `format=csv` for the same table as CSV.
#[utoipa::path(get, path = "/api/v1/admin/placement-stats", tag = "admin", security(("bearer" = [])), params(StatsQuery),
    responses((status = 200, body = Stats), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn api(
    State(st): State<AppState>,
    me: CurrentUser,
    Query(q): Query<StatsQuery>,
) -> AppResult<Response> {
    let s = stats::compute(&st, &me, &q).await?;
    Ok(if q.format == "csv" {
        csv_response(&s)
    } else {
        axum::Json(s).into_response()
    })
}

/// One bar of the chart.
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub y: i64,
    pub width: i64,
}

#[derive(Template)]
#[template(path = "placement_stats.html")]
struct Page {
    tr: Tr,
    base: Base,
    s: Option<Stats>,
    labels: Vec<String>,
    bars: Vec<Bar>,
    height: i64,
    groupings: Vec<Opt>,
    from: String,
    to: String,
    csv: String,
    errors: FormErrors,
}

/// A group's name in the reader's language.
fn label(tr: &Tr, by: &str, group: &str) -> String {
    match (by, group) {
        (_, "none") => tr.t("stats-no-agreement"),
        ("country", c) => super::demand_pages::country_name(tr, c),
        ("occupation", o) => super::demand_pages::occupation_name(tr, o),
        (_, title) => title.to_owned(),
    }
}

/// `GET /admin/placement-stats` (`format=csv` downloads the table).
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<StatsQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let (s, errors) = match stats::compute(&st, &me, &q).await {
        Ok(s) if q.format == "csv" => return Ok(csv_response(&s)),
        Ok(s) => (Some(s), FormErrors::default()),
        Err(e) => (None, FormErrors::from_error(&tr, e)?.1),
    };
    let labels: Vec<String> = s
        .as_ref()
        .map(|s| s.rows.iter().map(|r| label(&tr, &s.by, &r.group)).collect())
        .unwrap_or_default();
    let most = s
        .as_ref()
        .and_then(|s| s.rows.iter().map(|r| r.departures).max())
        .unwrap_or(0)
        .max(1);
    let bars: Vec<Bar> = s
        .as_ref()
        .map(|s| {
            s.rows
                .iter()
                .zip(&labels)
                .enumerate()
                .map(|(i, (r, l))| Bar {
                    label: l.clone(),
                    value: r.departures,
                    y: i as i64 * 28,
                    width: r.departures * 200 / most,
                })
                .collect()
        })
        .unwrap_or_default();
    let by = s.as_ref().map_or("country".to_owned(), |s| s.by.clone());
    let groupings = Opt::list(
        ["country", "occupation", "agreement"].map(|g| (g, tr.t(&format!("stats-by-{g}")))),
        &by,
    );
    let (from, to) = s
        .as_ref()
        .map(|s| (s.from.to_string(), s.to.to_string()))
        .unwrap_or((q.from.clone(), q.to.clone()));
    let csv = format!("/admin/placement-stats?from={from}&to={to}&by={by}&format=csv");
    let height = bars.len() as i64 * 28 + 4;
    Ok(html(&Page {
        base: Base::new(&ctx, Some(&me)),
        tr,
        s,
        labels,
        bars,
        height,
        groupings,
        from,
        to,
        csv,
        errors,
    })?
    .into_response())
}
