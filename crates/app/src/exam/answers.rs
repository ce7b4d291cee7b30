//! An attempt as the trainee sees it (questions in their drawn order, options as tokens, the
//! answers saved so far) and saving one answer at a time.

use std::collections::HashMap;

use psk_store::exam::{self, Attempt};
use uuid::Uuid;

use super::service::{AttemptView, TestQuestion, load, question};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::learning::quiz::{OptionView, QuestionView};
use crate::learning::tokens;
use crate::state::AppState;

fn scope<'a>(a: &'a Attempt, qid: &'a str) -> [&'a [u8]; 3] {
    [b"final-test", a.id.as_bytes(), qid.as_bytes()]
}

pub async fn view(st: &AppState, me: &CurrentUser, id: Uuid, urdu: bool) -> AppResult<AttemptView> {
    let (course, a, drawn) = load(st, me, id).await?;
    let saved: HashMap<String, Vec<String>> = exam::answers(st.db.ex(), a.id)
        .await?
        .into_iter()
        .filter_map(|(q, j)| Some((q, serde_json::from_str(&j).ok()?)))
        .collect();
    let mut questions = vec![];
    for (module, qid, order) in drawn.questions() {
        let q = question(&course, qid)?;
        let token = |oid: &str| tokens::token(st, &scope(&a, qid), oid);
        questions.push(TestQuestion {
            module_id: module.clone(),
            question: QuestionView {
                id: q.id.clone(),
                kind: format!("{:?}", q.kind).to_lowercase(),
                prompt: q.prompt.get(urdu).to_owned(),
                options: order
                    .iter()
                    .filter_map(|oid| q.options.iter().find(|o| &o.id == oid))
                    .map(|o| OptionView {
                        id: token(&o.id),
                        text: o.text.get(urdu).to_owned(),
                    })
                    .collect(),
            },
            answer: saved
                .get(qid)
                .map(|ids| ids.iter().map(|i| token(i)).collect())
                .unwrap_or_default(),
        });
    }
    Ok(AttemptView {
        attempt_id: a.id,
        number: a.number,
        seconds_left: (a.deadline_at - st.clock.now()).num_seconds().max(0),
        deadline_at: a.deadline_at,
        questions,
        submitted: a.submitted_at.is_some(),
    })
}

/// Saves one answer (option tokens, in order for an ordering); an empty answer clears it.
pub async fn answer(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    question_id: &str,
    given: &[String],
) -> AppResult<()> {
    let (course, a, drawn) = load(st, me, id).await?;
    if a.submitted_at.is_some() {
        return Err(AppError::Gone("test_time_over"));
    }
    if !drawn.questions().any(|(_, q, _)| q == question_id) {
        return Err(AppError::NotFound);
    }
    let q = question(&course, question_id)?;
    let ids = tokens::resolve(
        st,
        &scope(&a, question_id),
        q.options.iter().map(|o| o.id.as_str()),
        given,
    );
    if ids.len() != given.len() {
        return Err(AppError::BadRequest("test_answer_unknown"));
    }
    let json = serde_json::to_string(&ids).map_err(anyhow::Error::from)?;
    let write = st.db.write().await?;
    if !exam::save_answer(write.ex(), a.id, me.id, question_id, &json, st.clock.now()).await? {
        return Err(AppError::Gone("test_time_over"));
    }
    Ok(())
}
