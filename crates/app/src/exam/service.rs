//! The final test (DESIGN.md section 5): opens when every module is complete; each attempt draws
//! its own questions (per module, not repeating earlier attempts' questions where the bank
//! allows) and option order; the clock is the server's; every answer is saved as it is given
//! and can be changed until submission; an attempt resumes anywhere; submitting twice is
//! harmless; after the deadline answers are refused and the attempt is scored as it stands;
//! attempt limit and waiting time. The key never leaves the server, and results name only the
//! score per module (no per-question feedback to harvest). A pass issues the certificate in the
//! same transaction.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use psk_course::{Course, scoring};
use psk_domain::role::Role;
use psk_store::exam::{self, Attempt};
use rand::seq::{IndexedRandom, SliceRandom};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::learning::quiz::{OptionView, QuestionView};
use crate::learning::tokens;
use crate::state::AppState;

/// A drawn question: its id and the order its options are shown in.
pub type DrawnQuestion = (String, Vec<String>);

/// What an attempt drew: per module, its questions with their option order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Drawn {
    pub modules: Vec<(String, Vec<DrawnQuestion>)>,
}

impl Drawn {
    fn questions(&self) -> impl Iterator<Item = (&String, &String, &Vec<String>)> {
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

async fn course(st: &AppState, me: &CurrentUser) -> AppResult<(Uuid, Arc<Course>)> {
    crate::learning::service::course_for(st, me).await
}

/// Scores the attempts whose time ran out (before anything else looks at them).
async fn settle(st: &AppState, me: &CurrentUser, attempts: &[Attempt]) -> AppResult<bool> {
    let now = st.clock.now();
    let mut changed = false;
    for a in attempts
        .iter()
        .filter(|a| a.submitted_at.is_none() && a.deadline_at <= now)
    {
        finish(st, a, a.deadline_at).await?;
        changed = true;
    }
    let _ = me;
    Ok(changed)
}

pub async fn status(st: &AppState, me: &CurrentUser) -> AppResult<TestStatus> {
    let (_, progress) = crate::learning::service::progress(st, me).await?;
    let (_, course) = course(st, me).await?;
    let mut attempts = exam::attempts(st.db.ex(), me.id).await?;
    if settle(st, me, &attempts).await? {
        attempts = exam::attempts(st.db.ex(), me.id).await?;
    }
    let bp = &course.final_test;
    let now = st.clock.now();
    let passed = attempts.iter().any(|a| a.passed == Some(true));
    let open = attempts
        .iter()
        .find(|a| a.submitted_at.is_none() && a.deadline_at > now)
        .map(|a| a.id);
    let used = attempts.len() as u32;
    let next = attempts
        .iter()
        .filter_map(|a| a.submitted_at)
        .max()
        .map(|t| t + Duration::hours(bp.hours_between_attempts as i64))
        .filter(|t| *t > now && open.is_none() && used < bp.attempts);
    let eligible = progress.all_complete;
    let can_start =
        eligible && !passed && (open.is_some() || (used < bp.attempts && next.is_none()));
    Ok(TestStatus {
        eligible,
        attempts_used: used,
        attempts_allowed: bp.attempts,
        open_attempt: open,
        next_attempt_at: next,
        passed,
        questions: bp.questions_per_module * course.modules.len() as u32,
        minutes: bp.minutes,
        pass_percent: bp.pass_percent,
        can_start,
    })
}

/// Draws `n` questions of a module, preferring ones this trainee has not seen in a test.
fn draw_module(m: &psk_course::Module, n: usize, seen: &HashSet<String>) -> Vec<DrawnQuestion> {
    let mut rng = rand::rng();
    let fresh: Vec<&psk_course::Question> = m
        .questions
        .iter()
        .filter(|q| !seen.contains(&q.id))
        .collect();
    let mut chosen: Vec<&psk_course::Question> = fresh
        .choose_multiple(&mut rng, n.min(fresh.len()))
        .copied()
        .collect();
    if chosen.len() < n {
        let used: Vec<&psk_course::Question> = m
            .questions
            .iter()
            .filter(|q| seen.contains(&q.id))
            .collect();
        chosen.extend(used.choose_multiple(&mut rng, n - chosen.len()).copied());
    }
    chosen.shuffle(&mut rng);
    chosen
        .into_iter()
        .map(|q| {
            (
                q.id.clone(),
                crate::learning::quiz::option_order(q, &mut rng),
            )
        })
        .collect()
}

/// Starts an attempt, or resumes the one in progress.
pub async fn start(st: &AppState, me: &CurrentUser) -> AppResult<Uuid> {
    me.require(&[Role::Trainee])?;
    let s = status(st, me).await?;
    if let Some(open) = s.open_attempt {
        return Ok(open);
    }
    if !s.eligible {
        return Err(AppError::Gone("test_not_open"));
    }
    if s.passed {
        return Err(AppError::Gone("test_already_passed"));
    }
    if s.attempts_used >= s.attempts_allowed {
        return Err(AppError::Gone("test_no_attempts_left"));
    }
    // A pass issues a certificate, which needs the CNIC: without one the test cannot be passed.
    let cnic = psk_store::users::find(st.db.ex(), me.id)
        .await?
        .and_then(|u| u.cnic_enc);
    if cnic.is_none() {
        return Err(AppError::Gone("certificate_needs_cnic"));
    }
    if let Some(at) = s.next_attempt_at {
        return Err(AppError::RateLimited {
            retry_after_secs: (at - st.clock.now()).num_seconds().max(1),
        });
    }
    let (version, course) = course(st, me).await?;
    let previous = exam::attempts(st.db.ex(), me.id).await?;
    let seen: HashSet<String> = previous
        .iter()
        .filter_map(|a| serde_json::from_str::<Drawn>(&a.drawn).ok())
        .flat_map(|d| d.questions().map(|(_, q, _)| q.clone()).collect::<Vec<_>>())
        .collect();
    let n = course.final_test.questions_per_module as usize;
    let drawn = Drawn {
        modules: course
            .modules
            .iter()
            .map(|m| (m.id.clone(), draw_module(m, n, &seen)))
            .collect(),
    };
    let now = st.clock.now();
    let attempt = Attempt {
        id: Uuid::new_v4(),
        user_id: me.id,
        course_version_id: version,
        number: previous.len() as i32 + 1,
        drawn: serde_json::to_string(&drawn).map_err(anyhow::Error::from)?,
        started_at: now,
        deadline_at: now + Duration::minutes(course.final_test.minutes as i64),
        submitted_at: None,
        score_percent: None,
        passed: None,
        module_scores: None,
    };
    let mut tx = st.db.begin().await?;
    match exam::start(tx.ex(), &attempt).await {
        Ok(()) => {}
        // Two starts at once (a double tap, two devices): the other one won; resume it.
        Err(psk_store::StoreError::Conflict { .. }) => {
            drop(tx);
            return status(st, me)
                .await?
                .open_attempt
                .ok_or(AppError::Gone("test_not_open"));
        }
        Err(e) => return Err(e.into()),
    }
    Event::new("test.started")
        .actor(me.id)
        .subject(me.id)
        .detail(json!({ "attempt": attempt.id, "number": attempt.number }))
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(attempt.id)
}

async fn load(
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

/// Scores an attempt as it stands at `at` (submission, or the deadline) and, on a pass, issues
/// the certificate in the same transaction. Only the first call scores.
async fn finish(st: &AppState, a: &Attempt, at: DateTime<Utc>) -> AppResult<()> {
    let course = crate::learning::service::load_version(st, a.course_version_id).await?;
    let drawn: Drawn = serde_json::from_str(&a.drawn).map_err(anyhow::Error::from)?;
    // The signing key is read (or made) before the transaction: one writer on SQLite.
    let signer = crate::certificate::keys::signer(st).await?;
    let mut tx = st.db.begin().await?;
    // Close the attempt first, then read its answers in the same transaction: an answer saved
    // before this point is scored, one after it is refused.
    if !exam::claim(tx.ex(), a.id, at).await? {
        return Ok(());
    }
    let saved: HashMap<String, Vec<String>> = exam::answers(tx.ex(), a.id)
        .await?
        .into_iter()
        .filter_map(|(q, j)| Some((q, serde_json::from_str(&j).ok()?)))
        .collect();
    let mut modules: BTreeMap<String, u32> = BTreeMap::new();
    let (mut earned, mut total) = (0.0, 0);
    for (module, questions) in &drawn.modules {
        let mut m_earned = 0.0;
        for (qid, _) in questions {
            let q = question(&course, qid)?;
            let given = saved.get(qid).cloned().unwrap_or_default();
            m_earned += scoring::score(q.kind, &q.options, &given);
        }
        modules.insert(module.clone(), scoring::percent(m_earned, questions.len()));
        earned += m_earned;
        total += questions.len();
    }
    let percent = scoring::percent(earned, total) as i32;
    let passed = percent >= course.final_test.pass_percent as i32;
    let scores = serde_json::to_string(&modules).map_err(anyhow::Error::from)?;
    exam::record_result(tx.ex(), a.id, percent, passed, &scores).await?;
    Event::new("test.finished")
        .actor(a.user_id)
        .subject(a.user_id)
        .detail(json!({ "attempt": a.id, "percent": percent, "passed": passed, "timed_out": at >= a.deadline_at }))
        .record(st, tx.ex())
        .await?;
    if passed {
        crate::certificate::service::issue(st, tx.ex(), &signer, a.user_id, crate::certificate::service::Issue::Pass { attempt_id: a.id })
            .await?;
    }
    tx.commit().await?;
    crate::notify::wake_worker(st);
    Ok(())
}

/// Submits an attempt (a second submission changes nothing).
pub async fn submit(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    urdu: bool,
) -> AppResult<TestResult> {
    let (_, a, _) = load(st, me, id).await?;
    if a.submitted_at.is_none() {
        finish(st, &a, st.clock.now().min(a.deadline_at)).await?;
    }
    result(st, me, id, urdu).await
}

pub async fn result(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    urdu: bool,
) -> AppResult<TestResult> {
    let (course, a, _) = load(st, me, id).await?;
    let Some(submitted) = a.submitted_at else {
        return Err(AppError::Gone("test_in_progress"));
    };
    let scores: BTreeMap<String, u32> = a
        .module_scores
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    let certificate = psk_store::certificates::for_user(st.db.ex(), me.id)
        .await?
        .into_iter()
        .find(|c| c.attempt_id == Some(a.id))
        .map(|c| c.number);
    Ok(TestResult {
        attempt_id: a.id,
        number: a.number,
        percent: a.score_percent.unwrap_or(0),
        pass_percent: course.final_test.pass_percent,
        passed: a.passed.unwrap_or(false),
        modules: course
            .modules
            .iter()
            .map(|m| ModuleScore {
                module_id: m.id.clone(),
                title: m.title.get(urdu).to_owned(),
                percent: scores.get(&m.id).copied().unwrap_or(0),
            })
            .collect(),
        certificate,
        timed_out: submitted >= a.deadline_at,
    })
}

/// Scores attempts whose time ran out while nobody was looking (the worker calls this), so a
/// pass gets its certificate and SMS without the trainee coming back.
pub async fn settle_expired(st: &AppState) -> AppResult<usize> {
    let expired = exam::expired(st.db.ex(), st.clock.now(), 100).await?;
    let mut scored = 0;
    for a in &expired {
        // One attempt that cannot be scored must not hold up the others.
        match finish(st, a, a.deadline_at).await {
            Ok(()) => scored += 1,
            Err(e) => {
                tracing::error!(attempt = %a.id, error = %e, "an expired attempt could not be scored")
            }
        }
    }
    Ok(scored)
}
