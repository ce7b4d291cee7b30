//! Scoring an attempt (on submission, at the deadline, or by the worker for attempts left to run
//! out), issuing the certificate with a pass in the same transaction, and the result as shown.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use psk_course::scoring;
use psk_store::exam::{self, Attempt};
use serde_json::json;
use uuid::Uuid;

use super::service::{Drawn, ModuleScore, TestResult, load, question};
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Scores an attempt as it stands at `at` (submission, or the deadline) and, on a pass, issues
/// the certificate in the same transaction. Only the first call scores.
pub(super) async fn finish(st: &AppState, a: &Attempt, at: DateTime<Utc>) -> AppResult<()> {
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
        crate::certificate::service::issue(
            st,
            tx.ex(),
            &signer,
            a.user_id,
            crate::certificate::service::Issue::Pass { attempt_id: a.id },
        )
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
