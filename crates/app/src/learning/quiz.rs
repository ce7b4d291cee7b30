//! Quizzes: each attempt draws its own questions and option order on the server, the key never
//! leaves the server, scoring per question type, feedback with explanations, unlimited retries.

use std::collections::HashMap;
use std::sync::Arc;

use psk_course::scoring;
use psk_course::{Course, QuestionKind};
use psk_store::learning;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::service::course_for;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The questions and option order an attempt drew.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Drawn {
    pub questions: Vec<(String, Vec<String>)>,
}

/// A question as the trainee sees it: no answer key.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionView {
    pub id: String,
    pub kind: String,
    pub prompt: String,
    pub options: Vec<OptionView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OptionView {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuizView {
    pub attempt_id: Uuid,
    pub module_id: String,
    pub questions: Vec<QuestionView>,
    pub submitted: bool,
}

/// The order a question's options are shown in: shuffled, but true/false keeps its natural order.
pub fn option_order(q: &psk_course::Question, rng: &mut impl rand::Rng) -> Vec<String> {
    let mut order: Vec<String> = q.options.iter().map(|o| o.id.clone()).collect();
    if q.kind != QuestionKind::TrueFalse {
        order.shuffle(rng);
    }
    order
}

/// Starts a quiz attempt: its own random questions and option order. Unlimited retries.
pub async fn start_quiz(st: &AppState, me: &CurrentUser, module_id: &str) -> AppResult<Uuid> {
    let (_, course) = course_for(st, me).await?;
    let m = course.module(module_id).ok_or(AppError::NotFound)?;
    let per_hour = crate::auth::rate::Limit {
        bucket: "quiz_start_user_hour",
        window: chrono::Duration::hours(1),
        limit: 30,
    };
    per_hour.hit(st, me.id.as_bytes()).await?;
    // The random generator is not Send: draw before any await.
    let questions: Vec<(String, Vec<String>)> = {
        let mut rng = rand::rng();
        let mut bank: Vec<&psk_course::Question> = m.quiz_bank().collect();
        bank.shuffle(&mut rng);
        bank.into_iter()
            .take(m.quiz_questions as usize)
            .map(|q| (q.id.clone(), option_order(q, &mut rng)))
            .collect()
    };
    let id = Uuid::new_v4();
    let drawn = serde_json::to_string(&Drawn { questions }).map_err(anyhow::Error::from)?;
    learning::start_quiz(st.db.ex(), id, me.id, module_id, &drawn, st.clock.now()).await?;
    Ok(id)
}

fn question<'a>(course: &'a Course, id: &str) -> AppResult<&'a psk_course::Question> {
    course
        .modules
        .iter()
        .flat_map(|m| m.questions.iter())
        .find(|q| q.id == id)
        .ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("drawn question missing from its version"))
        })
}

async fn attempt(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
) -> AppResult<(Arc<Course>, learning::QuizAttempt, Drawn)> {
    let (_, course) = course_for(st, me).await?;
    let a = learning::quiz(st.db.ex(), id, me.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let drawn: Drawn = serde_json::from_str(&a.drawn).map_err(anyhow::Error::from)?;
    Ok((course, a, drawn))
}

pub async fn quiz_view(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    urdu: bool,
) -> AppResult<QuizView> {
    let (course, a, drawn) = attempt(st, me, id).await?;
    let mut questions = vec![];
    for (qid, order) in &drawn.questions {
        let q = question(&course, qid)?;
        let options = order
            .iter()
            .filter_map(|oid| q.options.iter().find(|o| &o.id == oid))
            .map(|o| OptionView {
                id: super::tokens::token(st, &[a.id.as_bytes(), qid.as_bytes()], &o.id),
                text: o.text.get(urdu).to_owned(),
            })
            .collect();
        questions.push(QuestionView {
            id: q.id.clone(),
            kind: format!("{:?}", q.kind).to_lowercase(),
            prompt: q.prompt.get(urdu).to_owned(),
            options,
        });
    }
    Ok(QuizView {
        attempt_id: a.id,
        module_id: a.module_id,
        questions,
        submitted: a.submitted_at.is_some(),
    })
}

/// Feedback on one question after an attempt.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Feedback {
    pub question_id: String,
    pub prompt: String,
    pub your_answer: Vec<String>,
    /// The best answer (for ordering, the right order).
    pub best_answer: Vec<String>,
    pub credit: f64,
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuizResult {
    pub attempt_id: Uuid,
    pub module_id: String,
    pub percent: i32,
    pub pass_percent: u32,
    pub passed: bool,
    pub feedback: Vec<Feedback>,
}

/// Scores an attempt; submitting twice is harmless (the first result stands).
pub async fn submit_quiz(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    answers: &HashMap<String, Vec<String>>,
    urdu: bool,
) -> AppResult<QuizResult> {
    let (course, a, drawn) = attempt(st, me, id).await?;
    if a.submitted_at.is_none() {
        // Tokens back to option ids, for the drawn questions only.
        let mut chosen: HashMap<String, Vec<String>> = HashMap::new();
        let mut earned = 0.0;
        for (qid, _) in &drawn.questions {
            let q = question(&course, qid)?;
            let given = answers.get(qid).map(Vec::as_slice).unwrap_or(&[]);
            let ids = super::tokens::resolve(
                st,
                &[a.id.as_bytes(), qid.as_bytes()],
                q.options.iter().map(|o| o.id.as_str()),
                given,
            );
            earned += scoring::score(q.kind, &q.options, &ids);
            chosen.insert(qid.clone(), ids);
        }
        let answers = &chosen;
        let m = course.module(&a.module_id).ok_or(AppError::NotFound)?;
        let percent = scoring::percent(earned, drawn.questions.len()) as i32;
        let passed = percent >= m.pass_percent as i32;
        let json = serde_json::to_string(answers).map_err(anyhow::Error::from)?;
        // The result and its audit entry in one transaction.
        let mut tx = st.db.begin().await?;
        if learning::submit_quiz(tx.ex(), id, me.id, &json, percent, passed, st.clock.now()).await?
        {
            Event::new("quiz.submitted")
                .actor(me.id)
                .subject(me.id)
                .detail(json!({ "module": a.module_id, "percent": percent, "passed": passed }))
                .record(st, tx.ex())
                .await?;
            tx.commit().await?;
        }
    }
    quiz_result(st, me, id, urdu).await
}

pub async fn quiz_result(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    urdu: bool,
) -> AppResult<QuizResult> {
    let (course, a, drawn) = attempt(st, me, id).await?;
    let answers: HashMap<String, Vec<String>> = match &a.answers {
        Some(j) => serde_json::from_str(j).map_err(anyhow::Error::from)?,
        None => return Err(AppError::NotFound),
    };
    let m = course.module(&a.module_id).ok_or(AppError::NotFound)?;
    let mut feedback = vec![];
    for (qid, _) in &drawn.questions {
        let q = question(&course, qid)?;
        let given = answers.get(qid).cloned().unwrap_or_default();
        let text_of = |oid: &String| {
            q.options
                .iter()
                .find(|o| &o.id == oid)
                .map(|o| o.text.get(urdu).to_owned())
                .unwrap_or_default()
        };
        let mut best: Vec<&psk_course::Choice> = match q.kind {
            QuestionKind::Ordering => q.options.iter().collect(),
            QuestionKind::Scenario => q.options.iter().filter(|o| o.credit == Some(1.0)).collect(),
            _ => q.options.iter().filter(|o| o.correct).collect(),
        };
        best.sort_by_key(|o| o.position);
        feedback.push(Feedback {
            question_id: q.id.clone(),
            prompt: q.prompt.get(urdu).to_owned(),
            your_answer: given.iter().map(text_of).collect(),
            // The best answer is shown for questions the trainee answered, so blank attempts
            // cannot be used to collect the whole key.
            best_answer: if given.is_empty() {
                vec![]
            } else {
                best.iter().map(|o| o.text.get(urdu).to_owned()).collect()
            },
            credit: scoring::score(q.kind, &q.options, &given),
            explanation: q.explanation.get(urdu).to_owned(),
        });
    }
    Ok(QuizResult {
        attempt_id: a.id,
        module_id: a.module_id,
        percent: a.score_percent.unwrap_or(0),
        pass_percent: m.pass_percent,
        passed: a.passed.unwrap_or(false),
        feedback,
    })
}
