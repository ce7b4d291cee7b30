//! Publishing a version (administrators) and announcing a material one (the worker job).

use psk_domain::FieldErrors;
use psk_domain::consent::Purpose;
use psk_domain::lang::Lang;
use psk_domain::profile::BoundedText;
use psk_domain::role::Role;
use psk_store::policies::{self, PolicyRow};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Document, VersionView, check_texts, version_label};
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::notices::{self, Kind};
use crate::privacy::wording::{self, Wording};
use crate::state::AppState;

/// A new version as an administrator types it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVersion {
    /// `privacy` or `terms`.
    #[serde(default)]
    pub document: String,
    /// Its label, new for the document: letters, digits, dots and dashes (e.g. `2027-01`).
    #[serde(default)]
    pub version: String,
    /// A material change is announced to every worker. A new wording makes it material.
    #[serde(default)]
    pub material: bool,
    #[serde(default)]
    pub summary_en: String,
    #[serde(default)]
    pub summary_ur: String,
    #[serde(default)]
    pub body_en: String,
    #[serde(default)]
    pub body_ur: String,
    /// New wording of consent purposes (the privacy policy only): consents given under the
    /// older wording are asked for again.
    #[serde(default)]
    pub wordings: Vec<NewWording>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWording {
    pub purpose: String,
    pub title_en: String,
    pub title_ur: String,
    pub text_en: String,
    pub text_ur: String,
}

/// An administrator publishes a new version (audited). A material one is announced by the worker
/// job; new wordings take effect at once.
pub async fn publish(
    st: &AppState,
    me: &CurrentUser,
    input: &NewVersion,
    ip: &str,
) -> AppResult<VersionView> {
    me.require(&[Role::Administrator])?;
    let mut e = FieldErrors::new();
    let document = Document::parse(&input.document);
    if document.is_none() {
        e.push("document", "choose_option");
    }
    let version = e.take("version", version_label(&input.version).map_err(Code));
    check_texts(
        &mut e,
        [&input.summary_en, &input.summary_ur],
        [&input.body_en, &input.body_ur],
    );
    let current = wording::current(st.db.ex()).await?;
    let mut wordings: Vec<Wording> = vec![];
    for w in &input.wordings {
        let Ok(p) = Purpose::parse(&w.purpose) else {
            e.push("wording_purpose", "choose_option");
            continue;
        };
        if document != Some(Document::Privacy) || wordings.iter().any(|x| x.purpose == p) {
            e.push("wording_purpose", "choose_option");
            continue;
        }
        let mut texts = vec![];
        for (field, s, max) in [
            ("wording_title_en", &w.title_en, 200),
            ("wording_title_ur", &w.title_ur, 200),
            ("wording_text_en", &w.text_en, 2000),
            ("wording_text_ur", &w.text_ur, 2000),
        ] {
            if let Some(t) = e.take(field, BoundedText::parse(s, max)) {
                texts.push(t.as_str().to_owned());
            }
        }
        if let Ok([te, tu, xe, xu]) = <[String; 4]>::try_from(texts) {
            wordings.push(Wording::next(current.get(p), [te, tu], [xe, xu]));
        }
    }
    e.into_result()?;
    let (Some(document), Some(version)) = (document, version) else {
        return Err(AppError::field("document", "choose_option"));
    };
    let material = input.material || !wordings.is_empty();
    let now = st.clock.now();
    let row = PolicyRow {
        id: Uuid::new_v4(),
        document: document.as_str().into(),
        version: version.clone(),
        material,
        summary_en: input.summary_en.trim().into(),
        summary_ur: input.summary_ur.trim().into(),
        body_en: input.body_en.trim().into(),
        body_ur: input.body_ur.trim().into(),
        published_at: now,
        published_by: Some(me.id),
        announced_through: None,
        announced_at: (!material).then_some(now),
    };
    let mut tx = st.db.begin().await?;
    if !policies::insert(tx.ex(), &row).await? {
        return Err(AppError::field("version", "policy_version_taken"));
    }
    for w in &wordings {
        policies::insert_wording(tx.ex(), &w.row(Some(row.id), now)).await?;
    }
    Event::new("policy.published")
        .actor(me.id)
        .detail(json!({
            "document": document.as_str(), "version": version, "material": material,
            "purposes": wordings.iter().map(|w| w.purpose.as_str()).collect::<Vec<_>>(),
        }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    crate::notify::wake_worker(st);
    VersionView::of(row, Lang::En, true).ok_or(AppError::NotFound)
}

/// A plain error code as a parse error.
struct Code(&'static str);

impl psk_domain::error::ErrorCode for Code {
    fn code(&self) -> &'static str {
        self.0
    }
}

/// How many workers the job tells in one transaction.
pub const ANNOUNCE_BATCH: i64 = 200;

/// The worker job: tells the next batch of workers of the oldest material version not yet
/// announced to all (a notice, an SMS, an email). Returns whether it told anyone.
pub async fn announce(st: &AppState) -> AppResult<bool> {
    let Some(p) = policies::next_to_announce(st.db.ex()).await? else {
        return Ok(false);
    };
    let ids = policies::workers_to_tell(
        st.db.ex(),
        p.published_at,
        p.announced_through,
        ANNOUNCE_BATCH,
    )
    .await?;
    let date = crate::time::pakistan_date(p.published_at).to_string();
    let mut tx = st.db.begin().await?;
    for id in &ids {
        let Some(user) = psk_store::users::find(tx.ex(), *id).await? else {
            continue;
        };
        let args = [("document", p.document.clone()), ("date", date.clone())];
        notices::send(st, tx.ex(), &user, Kind::PolicyChanged, &args, None).await?;
    }
    let done = (ids.len() < ANNOUNCE_BATCH as usize).then(|| st.clock.now());
    policies::announced(tx.ex(), p.id, ids.last().copied(), done).await?;
    if done.is_some() {
        Event::new("policy.announced")
            .detail(json!({ "document": p.document, "version": p.version }))
            .record(st, tx.ex())
            .await?;
    }
    tx.commit().await?;
    crate::notify::wake_worker(st);
    Ok(!ids.is_empty())
}
