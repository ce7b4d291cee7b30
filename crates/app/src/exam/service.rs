//! The final test (DESIGN.md section 5): opens when every module is complete; each attempt draws
//! its own questions (per module, not repeating earlier attempts' questions where the bank
//! allows) and option order; the clock is the server's; every answer is saved as it is given
//! and can be changed until submission; an attempt resumes anywhere; submitting twice is
//! harmless; after the deadline answers are refused and the attempt is scored as it stands;
//! attempt limit and waiting time. The key never leaves the server, and results name only the
//! score per module (no per-question feedback to harvest). A pass issues the certificate in the
//! same transaction.
//!
//! This file holds what an attempt drew and what is shown of it, and loading an attempt; where a
//! trainee stands and starting an attempt are in `attempts.rs`, showing and answering in
//! `answers.rs`, scoring and submission in `submission.rs` (all re-exported here).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use psk_course::Course;
use psk_store::exam::{self, Attempt};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::submission::finish;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::learning::quiz::QuestionView;
use crate::state::AppState;

pub use super::answers::{answer, view};
pub use super::attempts::{start, status};
pub use super::submission::{result, settle_expired, submit};

/// A drawn question: its id and the order its options are shown in.
pub type DrawnQuestion = (String, Vec<String>);

/// What an attempt drew: per module, its questions with their option order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Drawn {
    pub modules: Vec<(String, Vec<DrawnQuestion>)>,
}

impl Drawn {
    pub(super) fn questions(&self) -> impl Iterator<Item = (&String, &String, &Vec<String>)> {
        self.modules
            .iter()
            .flat_map(|(m, qs)| qs.iter().map(move |(q, o)| (m, q, o)))
    }
}

/// Where a trainee stands with the test.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TestStatus {
    /// Every module complete.
    pub eligible: bool,
    pub attempts_used: u32,
    pub attempts_allowed: u32,
    /// An attempt in progress (resume it).
    pub open_attempt: Option<Uuid>,
    /// When the next attempt may start, if it has to wait.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Every attempt of this round is used: a new round opens then (review the modules first).
    pub new_round_at: Option<DateTime<Utc>>,
    pub passed: bool,
    pub questions: u32,
    pub minutes: u32,
    pub pass_percent: u32,
    /// May start (or resume) now.
    pub can_start: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttemptView {
    pub attempt_id: Uuid,
    pub number: i32,
    /// Seconds left on the server's clock.
    pub seconds_left: i64,
    pub deadline_at: DateTime<Utc>,
    pub questions: Vec<TestQuestion>,
    pub submitted: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TestQuestion {
    pub module_id: String,
    #[serde(flatten)]
    pub question: QuestionView,
    /// The option tokens saved so far (in order for an ordering).
    pub answer: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ModuleScore {
    pub module_id: String,
    pub title: String,
    pub percent: u32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TestResult {
    pub attempt_id: Uuid,
    pub number: i32,
    pub percent: i32,
    pub pass_percent: u32,
    pub passed: bool,
    pub modules: Vec<ModuleScore>,
    /// The certificate issued with this pass.
    pub certificate: Option<String>,
    /// Scored when time ran out rather than on submission.
    pub timed_out: bool,
}

pub(super) async fn load(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
) -> AppResult<(Arc<Course>, Attempt, Drawn)> {
    let mut a = exam::attempt(st.db.ex(), id, me.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if a.submitted_at.is_none() && a.deadline_at <= st.clock.now() {
        finish(st, &a, a.deadline_at).await?;
        a = exam::attempt(st.db.ex(), id, me.id)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let course = crate::learning::service::load_version(st, a.course_version_id).await?;
    let drawn: Drawn = serde_json::from_str(&a.drawn).map_err(anyhow::Error::from)?;
    Ok((course, a, drawn))
}

pub(super) fn question<'a>(course: &'a Course, id: &str) -> AppResult<&'a psk_course::Question> {
    course
        .modules
        .iter()
        .flat_map(|m| m.questions.iter())
        .find(|q| q.id == id)
        .ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("drawn question missing from its version"))
        })
}
