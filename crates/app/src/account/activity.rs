//! A person's devices, sessions and the export of everything held about them (the right of
//! access).

use chrono::{DateTime, Utc};
use psk_store::{devices, sessions};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::service::{Profile, my_profile};
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;

/// A device as its owner sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeviceView {
    pub id: Uuid,
    /// `browser` or `app`
    pub kind: String,
    pub model: Option<String>,
    pub os: Option<String>,
    pub app_version: Option<String>,
    pub user_agent: Option<String>,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// Sessions still open from this device.
    pub signed_in: bool,
}

pub async fn my_devices(st: &AppState, me: &CurrentUser) -> AppResult<Vec<DeviceView>> {
    let live = sessions::list_live(st.db.ex(), me.id, st.clock.now()).await?;
    Ok(devices::list(st.db.ex(), me.id)
        .await?
        .into_iter()
        .map(|d| DeviceView {
            signed_in: live.iter().any(|s| s.device_id == Some(d.id)),
            id: d.id,
            kind: d.kind,
            model: d.model,
            os: d.os,
            app_version: d.app_version,
            user_agent: d.user_agent,
            first_seen_at: d.first_seen_at,
            last_seen_at: d.last_seen_at,
        })
        .collect())
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionView {
    pub id: Uuid,
    pub kind: String,
    pub device_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub current: bool,
}

pub async fn my_sessions(st: &AppState, me: &CurrentUser) -> AppResult<Vec<SessionView>> {
    Ok(sessions::list_live(st.db.ex(), me.id, st.clock.now())
        .await?
        .into_iter()
        .map(|s| SessionView {
            current: s.id == me.session_id,
            id: s.id,
            kind: s.kind,
            device_id: s.device_id,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            expires_at: s.expires_at,
        })
        .collect())
}

/// Everything the service holds about a person, for the right of access ("download my data").
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DataExport {
    pub exported_at: DateTime<Utc>,
    pub profile: Profile,
    pub devices: Vec<DeviceView>,
    pub sessions: Vec<SessionView>,
    /// Every consent I gave or withdrew (the consent ledger), oldest first.
    pub consent_ledger: Vec<crate::privacy::consent::LedgerEntry>,
    /// The course, the test, certificates, stamps, help requests, requests about my data,
    /// identity changes and the files I gave.
    #[schema(value_type = Object)]
    pub records: Records,
    /// The messages the portal sent me (the last 100), in my language.
    pub notices: Vec<crate::notices::NoticeView>,
    /// The audit trail about me: sign-ins, failures, changes, and every read of my record by staff.
    #[schema(value_type = Vec<Object>)]
    pub activity: Vec<psk_store::audit::AuditRow>,
}

/// Everything else kept about a worker, for the download.
#[derive(Debug, Clone, Serialize)]
pub struct Records {
    pub lessons: Vec<psk_store::learning::LessonProgress>,
    pub quizzes: Vec<psk_store::learning::QuizAttempt>,
    /// Written tasks and reflections, with their grades.
    pub tasks: Vec<psk_store::learning::TaskSubmission>,
    /// Final-test attempts, each with the answers saved (question, answer).
    pub test_attempts: Vec<TestAttempt>,
    pub certificates: Vec<psk_store::certificates::Certificate>,
    pub stamps: Vec<StampRecord>,
    pub help_requests: Vec<crate::helpdesk::service::TicketView>,
    pub data_requests: Vec<crate::privacy::requests::RequestView>,
    pub passport_renewals: Vec<DateTime<Utc>>,
    pub mobile_changes: Vec<DateTime<Utc>>,
    /// The files I gave (their contents are kept encrypted; ask OEC for a copy).
    pub files: Vec<FileRecord>,
    /// The job demands I said I am interested in: (demand number, when).
    pub job_interests: Vec<(String, DateTime<Utc>)>,
    /// My skills, languages and licence for employers' searches.
    pub skills: Option<psk_store::candidates::SkillsRow>,
    /// Organisations that opened my profile: (organisation, when).
    pub profile_views: Vec<(String, DateTime<Utc>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TestAttempt {
    #[serde(flatten)]
    pub attempt: psk_store::exam::Attempt,
    pub answers: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StampRecord {
    pub protector_number: String,
    pub stamped_on: chrono::NaiveDate,
    pub office: String,
    pub destination: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileRecord {
    pub id: uuid::Uuid,
    pub purpose: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
}

async fn records(st: &AppState, me: &CurrentUser) -> AppResult<Records> {
    let ex = || st.db.ex();
    let mut test_attempts = vec![];
    for a in psk_store::exam::attempts(ex(), me.id).await? {
        let answers = psk_store::exam::answers(ex(), a.id).await?;
        test_attempts.push(TestAttempt {
            attempt: a,
            answers,
        });
    }
    let mut help_requests = vec![];
    for t in psk_store::tickets::of_user(ex(), me.id).await? {
        help_requests.push(crate::helpdesk::service::mine(st, me, t.id).await?);
    }
    Ok(Records {
        lessons: psk_store::learning::lessons(ex(), me.id).await?,
        quizzes: psk_store::learning::quizzes(ex(), me.id).await?,
        tasks: psk_store::learning::task_submissions(ex(), me.id).await?,
        test_attempts,
        certificates: psk_store::certificates::for_user(ex(), me.id).await?,
        stamps: psk_store::protector::stamps_of(ex(), me.id)
            .await?
            .into_iter()
            .map(|s| StampRecord {
                protector_number: s.protector_number,
                stamped_on: s.stamped_on,
                office: s.office_code,
                destination: s.destination,
            })
            .collect(),
        help_requests,
        data_requests: crate::privacy::requests::list_mine(st, me).await?,
        passport_renewals: psk_store::identity::passport_history(ex(), me.id)
            .await?
            .into_iter()
            .map(|h| h.replaced_at)
            .collect(),
        mobile_changes: psk_store::identity::mobile_history(ex(), me.id)
            .await?
            .into_iter()
            .map(|h| h.replaced_at)
            .collect(),
        files: psk_store::identity::evidence_for(ex(), me.id)
            .await?
            .into_iter()
            .map(|e| FileRecord {
                id: e.id,
                purpose: e.purpose,
                content_type: e.content_type,
                size_bytes: e.size_bytes,
                created_at: e.created_at,
            })
            .collect(),
        job_interests: psk_store::demands::interest_records(ex(), me.id).await?,
        skills: psk_store::candidates::skills(ex(), me.id).await?,
        profile_views: psk_store::candidates::views_of(ex(), me.id)
            .await?
            .into_iter()
            .map(|v| (v.organisation, v.at))
            .collect(),
    })
}

pub async fn export(st: &AppState, me: &CurrentUser, ip: &str) -> AppResult<DataExport> {
    let export = DataExport {
        exported_at: st.clock.now(),
        profile: my_profile(st, me).await?,
        devices: my_devices(st, me).await?,
        sessions: my_sessions(st, me).await?,
        consent_ledger: crate::privacy::consent::ledger(st, me.id).await?,
        records: records(st, me).await?,
        notices: crate::notices::list(
            st,
            me.id,
            psk_domain::lang::Lang::parse(&me.language).unwrap_or_default(),
            false,
        )
        .await?,
        // Staff members' own addresses are theirs, not the trainee's.
        activity: psk_store::audit::for_subject(st.db.ex(), me.id, 1000)
            .await?
            .into_iter()
            .map(|mut a| {
                if a.actor_id != Some(me.id) {
                    a.client_ip = None;
                }
                a
            })
            .collect(),
    };
    Event::new("data.exported")
        .actor(me.id)
        .subject(me.id)
        .ip(ip)
        .record_alone(st)
        .await?;
    Ok(export)
}
