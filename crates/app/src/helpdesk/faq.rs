//! The public FAQ (`/help/faq`, `GET /api/v1/faq`): `policy/faq.toml`, built into the binary and
//! checked at start-up like the canned replies. An answer cites a fact that changes (a helpline)
//! as `{{setting:KEY}}`, filled from the administrators' settings or shown as not given yet.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use psk_domain::lang::Lang;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::session::MaybeUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::learning::markdown;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::page::{Base, html};

const FILE: &str = include_str!("../../../../policy/faq.toml");
const TOPICS: [&str; 7] = [
    "register",
    "course",
    "test",
    "certificate",
    "account",
    "privacy",
    "help",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    question: Vec<Raw>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    key: String,
    topic: String,
    question_en: String,
    question_ur: String,
    answer_en: String,
    answer_ur: String,
}

fn parse(text: &str) -> Result<Vec<Raw>, String> {
    let f: File = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut keys = std::collections::HashSet::new();
    for q in &f.question {
        if !keys.insert(q.key.as_str()) {
            return Err(format!("{} appears twice", q.key));
        }
        if !TOPICS.contains(&q.topic.as_str()) {
            return Err(format!("{}: unknown topic {:?}", q.key, q.topic));
        }
        for (what, t) in [
            ("question_en", &q.question_en),
            ("question_ur", &q.question_ur),
            ("answer_en", &q.answer_en),
            ("answer_ur", &q.answer_ur),
        ] {
            if t.trim().is_empty() {
                return Err(format!("{}: {what} is empty", q.key));
            }
            if psk_domain::text::hidden_char(t).is_some() {
                return Err(format!("{}: {what} holds a hidden character", q.key));
            }
        }
    }
    if f.question.is_empty() {
        return Err("no questions".into());
    }
    Ok(f.question)
}

static FAQ: LazyLock<Result<Vec<Raw>, String>> = LazyLock::new(|| parse(FILE));

/// Checks the built-in FAQ; `serve` calls it before it listens.
pub fn check() -> anyhow::Result<()> {
    FAQ.as_ref()
        .map(|_| ())
        .map_err(|e| anyhow::anyhow!("policy/faq.toml: {e}"))
}

/// One question and its answer, in one language, settings filled in.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Answer {
    pub key: String,
    /// register, course, test, certificate, account, privacy, help
    pub topic: String,
    pub question: String,
    /// Paragraphs, separated by a blank line.
    pub answer: String,
}

/// Every question in `lang`, in the file's order.
pub async fn answers(st: &AppState, lang: Lang) -> AppResult<Vec<Answer>> {
    let faq = FAQ.as_ref().map_err(|e| anyhow::anyhow!("{e}"))?;
    let (values, described) = match psk_store::course::latest(st.db.ex()).await? {
        Some(v) => {
            let course = crate::learning::service::load_version(st, v.id).await?;
            (
                crate::admin::settings::effective(st, &course).await?,
                course.settings.clone(),
            )
        }
        None => (BTreeMap::new(), vec![]),
    };
    let urdu = lang == Lang::Ur;
    let unset = Tr::new(lang).t("setting-unset");
    Ok(faq
        .iter()
        .map(|q| {
            let text = if urdu { &q.answer_ur } else { &q.answer_en };
            let answer = markdown::fill_settings(
                text.trim(),
                &values,
                &described,
                urdu,
                |v| v.to_owned(),
                |desc| format!("{desc} ({unset})"),
            );
            // A path or a number inside Urdu stays upright in the app too (pages isolate their
            // own text).
            let (question, answer) = if urdu {
                (
                    crate::bidi::isolate_ltr(&q.question_ur),
                    crate::bidi::isolate_ltr(&answer),
                )
            } else {
                (q.question_en.clone(), answer)
            };
            Answer {
                key: q.key.clone(),
                topic: q.topic.clone(),
                question,
                answer,
            }
        })
        .collect())
}

/// A topic with its questions, for the page.
struct Topic {
    title: String,
    answers: Vec<(Answer, Vec<String>)>,
}

#[derive(Template)]
#[template(path = "faq.html")]
struct FaqPage {
    tr: Tr,
    base: Base,
    topics: Vec<Topic>,
}

/// `GET /help/faq`: public, no JavaScript (each answer a `<details>`).
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    MaybeUser(user): MaybeUser,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let all = answers(&st, ctx.lang).await?;
    let topics = TOPICS
        .iter()
        .map(|t| Topic {
            title: tr.t(&format!("faq-topic-{t}")),
            answers: all
                .iter()
                .filter(|a| a.topic == *t)
                .map(|a| {
                    let paras = a
                        .answer
                        .split("\n\n")
                        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                        .filter(|p| !p.is_empty())
                        .collect();
                    (a.clone(), paras)
                })
                .collect(),
        })
        .filter(|t| !t.answers.is_empty())
        .collect();
    Ok(html(&FaqPage {
        base: Base::new(&ctx, user.as_ref()),
        tr,
        topics,
    })?
    .into_response())
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// The FAQ in the request's language.
#[utoipa::path(get, path = "/api/v1/faq", tag = "public",
    responses((status = 200, body = Vec<Answer>)))]
async fn list(State(st): State<AppState>, ctx: Ctx) -> AppResult<axum::Json<Vec<Answer>>> {
    Ok(axum::Json(answers(&st, ctx.lang).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_faq_is_whole_in_both_languages() {
        check().unwrap();
        let faq = FAQ.as_ref().unwrap();
        assert!(faq.len() >= 10);
        for t in TOPICS {
            assert!(faq.iter().any(|q| q.topic == t), "no question about {t}");
        }
    }

    #[test]
    fn a_doubled_or_empty_question_is_refused() {
        let one = "[[question]]\nkey = \"a\"\ntopic = \"help\"\nquestion_en = \"Q\"\nquestion_ur = \"س\"\nanswer_en = \"A\"\nanswer_ur = \"ج\"\n";
        assert!(parse(&format!("{one}{one}")).unwrap_err().contains("twice"));
        assert!(
            parse(&one.replace("\"ج\"", "\" \""))
                .unwrap_err()
                .contains("answer_ur is empty")
        );
        assert!(
            parse(&one.replace("help", "money"))
                .unwrap_err()
                .contains("unknown topic")
        );
    }
}
