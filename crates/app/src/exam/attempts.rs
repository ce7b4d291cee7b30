//! Where a trainee stands with the final test (eligibility, attempts used, waiting time) and
//! starting an attempt: its questions drawn per module without repeating earlier attempts'
//! questions where the bank allows, or the attempt in progress resumed.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::Duration;
use psk_course::Course;
use psk_domain::role::Role;
use psk_store::exam::{self, Attempt};
use rand::seq::{IndexedRandom, SliceRandom};
use serde_json::json;
use uuid::Uuid;

use super::service::{Drawn, DrawnQuestion, TestStatus};
use super::submission::finish;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

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
    // Rounds of `attempts` attempts; an attempt on a support agent's grant does not count. When a
    // round is used up, a grant allows one more, or a new round opens `test_round_days` after the
    // round's last attempt.
    let grants = exam::grants(st.db.ex(), me.id).await?;
    let granted: HashSet<Uuid> = grants.iter().flatten().copied().collect();
    let unused_grants = grants.iter().filter(|g| g.is_none()).count();
    let mut used = 0u32;
    for _ in attempts.iter().filter(|a| !granted.contains(&a.id)) {
        if used == bp.attempts {
            used = 0;
        }
        used += 1;
    }
    let mut allowed = bp.attempts;
    let mut new_round_at = None;
    if used >= bp.attempts && open.is_none() && !passed {
        if unused_grants > 0 {
            allowed = used + 1;
        } else if let Some(last) = attempts.iter().filter_map(|a| a.submitted_at).max() {
            let at = last + Duration::days(st.config.learning.test_round_days as i64);
            if at > now {
                new_round_at = Some(at);
            } else {
                used = 0;
            }
        }
    }
    let next = attempts
        .iter()
        .filter_map(|a| a.submitted_at)
        .max()
        .map(|t| t + Duration::hours(bp.hours_between_attempts as i64))
        .filter(|t| *t > now && open.is_none() && used < allowed);
    let eligible = progress.all_complete;
    let can_start = eligible && !passed && (open.is_some() || (used < allowed && next.is_none()));
    Ok(TestStatus {
        eligible,
        attempts_used: used,
        attempts_allowed: allowed,
        new_round_at,
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
    let bank = m.final_bank();
    let fresh: Vec<&psk_course::Question> = bank
        .iter()
        .filter(|q| !seen.contains(&q.id))
        .copied()
        .collect();
    let mut chosen: Vec<&psk_course::Question> = fresh
        .choose_multiple(&mut rng, n.min(fresh.len()))
        .copied()
        .collect();
    if chosen.len() < n {
        let used: Vec<&psk_course::Question> = bank
            .iter()
            .filter(|q| seen.contains(&q.id))
            .copied()
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
    if s.new_round_at.is_some() {
        return Err(AppError::Gone("test_round_used"));
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
    // Past the round's own attempts: this one is on a support agent's grant.
    let on_grant = s.attempts_used >= course.final_test.attempts;
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
    if on_grant && !exam::use_grant(tx.ex(), me.id, attempt.id).await? {
        return Err(AppError::Gone("test_no_attempts_left"));
    }
    Event::new("test.started")
        .actor(me.id)
        .subject(me.id)
        .detail(json!({ "attempt": attempt.id, "number": attempt.number, "granted": on_grant }))
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(attempt.id)
}

/// A support agent (or an administrator) grants a trainee one more attempt, with a reason; it is
/// used by the next attempt started past the round's own, once. Audited.
pub async fn grant(
    st: &AppState,
    by: &CurrentUser,
    user_id: Uuid,
    reason: &str,
    ip: &str,
) -> AppResult<Uuid> {
    by.require(&[Role::SupportAgent, Role::Administrator])?;
    let reason = psk_domain::profile::BoundedText::parse(reason, 300)
        .map_err(|e| AppError::field("reason", psk_domain::error::ErrorCode::code(&e)))?;
    let user = psk_store::users::find(st.db.ex(), user_id)
        .await?
        .filter(|u| u.role == Role::Trainee.as_str())
        .ok_or(AppError::NotFound)?;
    let mut tx = st.db.begin().await?;
    let id = exam::grant_attempt(tx.ex(), user.id, by.id, reason.as_str(), st.clock.now()).await?;
    Event::new("test.attempt_granted")
        .actor(by.id)
        .subject(user.id)
        .detail(json!({ "grant": id, "reason": reason.as_str() }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(id)
}
