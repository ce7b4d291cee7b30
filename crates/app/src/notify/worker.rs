//! The background worker: claims due jobs, sends them, retries failures with exponential backoff,
//! and purges what retention rules say to purge. Runs inside `serve` by default, or alone as
//! `softskills worker`; several workers share the queue safely (see `psk_store::jobs::claim`).

use std::time::Duration as StdDuration;

use chrono::Duration;
use tokio::sync::watch;

use super::Message;
use crate::crypto::Field;
use crate::state::AppState;

const MAX_ATTEMPTS: i32 = 8;
const LEASE: i64 = 60;

/// Runs until `shutdown` turns true.
pub async fn run(st: AppState, mut shutdown: watch::Receiver<bool>) {
    let mut last_purge = None;
    loop {
        match run_once(&st).await {
            Ok(true) if !*shutdown.borrow() => continue,
            Ok(true) => return,
            Ok(false) => {}
            Err(e) => tracing::error!(error = format!("{e:#}"), "job queue error"),
        }
        if last_purge
            .is_none_or(|t: tokio::time::Instant| t.elapsed() > StdDuration::from_secs(3600))
        {
            if let Err(e) = purge(&st).await {
                tracing::error!(error = format!("{e:#}"), "retention purge failed");
            }
            // An OEP whose BE&OE licence expired is suspended the same day.
            match crate::orgs::decide::suspend_expired_licences(&st).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(organisations = n, "expired licences suspended"),
                Err(e) => tracing::error!(error = %e, "suspending expired licences failed"),
            }
            // Job demands past their closing date, or filled, close.
            if let Err(e) = crate::orgs::demands::close_due(&st).await {
                tracing::error!(error = %e, "closing job demands failed");
            }
            last_purge = Some(tokio::time::Instant::now());
        }
        // Final-test attempts whose time ran out are scored (a pass gets its certificate).
        if let Err(e) = crate::exam::service::settle_expired(&st).await {
            tracing::error!(error = %e, "scoring expired test attempts failed");
        }
        // Degrees waiting for HEC go to its gateway (with `hec.transport = "http"`).
        if let Err(e) = crate::hec::submit_waiting(&st).await {
            tracing::error!(error = %e, "sending degrees to HEC failed");
        }
        // Help-desk tickets owed an answer past their time go to the administrators' queue.
        if let Err(e) = crate::helpdesk::desk::escalate(&st).await {
            tracing::error!(error = %e, "escalating overdue tickets failed");
        }
        // A material policy change is announced to the next batch of workers; more batches
        // follow at once.
        match crate::policy::announce(&st).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => tracing::error!(error = %e, "announcing a policy change failed"),
        }
        tokio::select! {
            _ = st.jobs_ready.notified() => {}
            _ = tokio::time::sleep(StdDuration::from_secs(2)) => {}
            _ = shutdown.changed() => return,
        }
        if *shutdown.borrow() {
            return;
        }
    }
}

/// Claims and runs one job; false when none was due.
///
/// Delivery: a code SMS ([`Message::Code`]) is sent **at most once**. Its claim marks it
/// `sending` in the database before the gateway is called, and a job in `sending` is never
/// claimed again: if the worker stops mid-send (SIGKILL, a crash), it stays unsent or sent once,
/// and the person asks for another code. It is retried only after an error that proves it did
/// not leave ([`super::NotSent`]); any other error gives it up. Other messages are sent **at
/// least once**: a job whose worker stopped is claimed again when its lease ends, so they may
/// arrive twice but are never lost.
pub async fn run_once(st: &AppState) -> anyhow::Result<bool> {
    let now = st.clock.now();
    let Some(job) = psk_store::jobs::claim(st.db.ex(), now, now + Duration::seconds(LEASE)).await?
    else {
        return Ok(false);
    };
    let result = async {
        let plain = st.keys.decrypt(Field::JobPayload, &job.payload_enc)?;
        let msg: Message = serde_json::from_slice(&plain)?;
        match &msg {
            Message::Sms { to, text } | Message::Code { to, text } => {
                st.transports.sms.send(to, text).await
            }
            Message::Email { to, subject, body } => {
                st.transports.email.send(to, subject, body).await
            }
        }
    }
    .await;
    let now = st.clock.now();
    match result {
        Ok(()) => {
            psk_store::jobs::complete(st.db.ex(), job.id, now).await?;
            psk_store::notices::delivered(st.db.ex(), job.id, "sent", job.attempts, now).await?;
            st.metrics.count_job(&job.kind, "sent");
        }
        Err(e) => {
            let surely_unsent = e.downcast_ref::<super::NotSent>().is_some();
            let may_retry = job.kind != psk_store::jobs::AT_MOST_ONCE || surely_unsent;
            let retry = (may_retry && job.attempts < MAX_ATTEMPTS)
                .then(|| now + Duration::seconds(15 * 2i64.pow(job.attempts as u32)));
            tracing::warn!(job_id = %job.id, kind = job.kind, attempts = job.attempts, error = format!("{e:#}"), "job failed");
            psk_store::jobs::fail(st.db.ex(), job.id, &format!("{e:#}"), retry).await?;
            let status = if retry.is_some() { "queued" } else { "failed" };
            psk_store::notices::delivered(st.db.ex(), job.id, status, job.attempts, now).await?;
            st.metrics
                .count_job(&job.kind, if retry.is_some() { "retry" } else { "failed" });
        }
    }
    Ok(true)
}

/// Retention (docs/OPERATIONS.md, "Data and retention"): expired pending registrations, old
/// codes, ended sessions, counters, finished jobs, email links, and devices long unseen, each by
/// its `retention.*` period. What was removed is logged and audited as counts, never as data.
pub async fn purge(st: &AppState) -> anyhow::Result<()> {
    let now = st.clock.now();
    let r = &st.config.retention;
    let ago = |days: i64| now - Duration::days(days);
    let ex = || st.db.ex();
    let pending = psk_store::pending::purge_expired(ex(), now).await?;
    let otps = psk_store::otps::purge_before(ex(), ago(r.otp_days)).await?;
    let sessions = psk_store::sessions::purge_before(ex(), ago(r.session_days)).await?;
    let counters = psk_store::rate_limits::purge_before(ex(), ago(r.counter_days)).await?;
    let jobs = psk_store::jobs::purge_done_before(ex(), ago(r.jobs_days)).await?;
    let links = psk_store::email_verifications::purge_before(ex(), ago(r.email_link_days)).await?;
    let devices = psk_store::devices::purge_unseen_before(ex(), ago(r.device_days)).await?;
    let notices = psk_store::notices::purge_before(ex(), ago(r.notice_days)).await?;
    // A mobile change whose code ran out goes with the codes' own period.
    let mobile_changes = psk_store::identity::purge_mobile_changes(ex(), ago(r.otp_days)).await?;
    // So does a help request that waited for its code in vain.
    let help_drafts = psk_store::help_drafts::purge_expired(ex(), ago(r.otp_days)).await?;
    tracing::info!(
        pending,
        otps,
        sessions,
        counters,
        jobs,
        links,
        devices,
        mobile_changes,
        notices,
        help_drafts,
        "retention purge"
    );
    if pending
        + otps
        + sessions
        + counters
        + jobs
        + links
        + devices
        + mobile_changes
        + notices
        + help_drafts
        > 0
    {
        crate::audit::Event::new("retention.purged")
            .detail(serde_json::json!({
                "pending_registrations": pending, "otps": otps, "sessions": sessions,
                "rate_limit_counters": counters, "jobs": jobs, "email_links": links, "devices": devices,
                "mobile_changes": mobile_changes, "notices": notices, "help_drafts": help_drafts,
            }))
            .record_alone(st)
            .await?;
    }
    Ok(())
}
