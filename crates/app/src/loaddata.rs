//! `softskills admin generate-load-data`: fills a database with trainees and certificates for the
//! load scenarios in `bench/` (a million trainees in minutes). Every record is as real as a
//! registered one (valid CNIC, passport and mobile, encrypted the same way, blind indexes), but
//! they all share one password (`LOAD_PASSWORD`, hashed once) so scenarios can sign in, and the
//! certificates are signed with the current key. Refused on a public https address: this is
//! never for a production database.

use chrono::{Duration, NaiveDate};
use psk_cert::Claims;
use psk_store::certificates::Certificate;
use psk_store::users::NewUser;
use uuid::Uuid;

use crate::crypto::Field;
use crate::state::AppState;

/// The password of every generated trainee.
pub const LOAD_PASSWORD: &str = "load test password 2026";

/// Rows written per transaction.
const BATCH: usize = 5_000;

/// The i-th generated identity: CNIC, passport number, mobile (E.164), gender.
pub fn identity(i: u64) -> (String, String, String, &'static str) {
    // CNIC: 5-digit region (Punjab/Sindh/KP/Balochistan/Islamabad prefixes), 7 digits, and a
    // last digit odd for men and even for women.
    let regions = ["35202", "42101", "17301", "54400", "61101"];
    let region = regions[(i / 10_000_000) as usize % regions.len()];
    let male = i.is_multiple_of(2);
    let last = if male {
        1 + 2 * (i / 2 % 5)
    } else {
        2 * (i / 2 % 5)
    };
    let cnic = format!("{region}-{:07}-{last}", i % 10_000_000);
    let letters = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    let passport = format!(
        "{}{}{:07}",
        letters[(i / 10_000_000 % 24) as usize] as char,
        letters[(i / 240_000_000 % 24) as usize] as char,
        i % 10_000_000
    );
    let mobile = format!("+92{}{:07}", 300 + (i / 10_000_000) % 50, i % 10_000_000);
    (cnic, passport, mobile, if male { "male" } else { "female" })
}

/// What to generate: `trainees` trainees from index `from`; the first `certificates` of them hold
/// a valid certificate; the next `exam_ready` have finished the course (lessons, quizzes, tasks)
/// and are signed in, their session tokens written to `tokens` as `<web cookie> <api bearer>`
/// lines, so the `exam` scenario can start final-test attempts without signing in first.
#[derive(Debug, Default)]
pub struct Plan {
    pub from: u64,
    pub trainees: u64,
    pub certificates: u64,
    pub exam_ready: u64,
    pub tokens: Option<std::path::PathBuf>,
    /// Approved OEPs, each with one user, `demands` demands and shortlists of `shortlist`
    /// consenting workers; the users' API tokens are written to `org_tokens`, one a line.
    pub organisations: u64,
    pub demands: u64,
    pub shortlist: u64,
    pub org_tokens: Option<std::path::PathBuf>,
}

/// How many of each were written.
#[derive(Debug, Default)]
pub struct Written {
    pub trainees: u64,
    pub certificates: u64,
    pub exam_ready: u64,
    pub organisations: u64,
}

/// Marks the whole course complete for a trainee: every lesson read, every quiz passed, every
/// task done (the completion rules have their own tests; this is for load data and fixtures).
pub async fn complete_course(
    mut ex: psk_store::Ex<'_>,
    user_id: Uuid,
    version: Uuid,
    course: &psk_course::Course,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    use psk_store::learning;
    psk_store::course::enroll(ex.reborrow(), user_id, version, now).await?;
    for m in &course.modules {
        for l in &m.lessons {
            learning::open_lesson(ex.reborrow(), user_id, &l.id, now).await?;
            learning::complete_lesson(ex.reborrow(), user_id, &l.id, now).await?;
        }
        let quiz = Uuid::new_v4();
        learning::start_quiz(
            ex.reborrow(),
            quiz,
            user_id,
            &m.id,
            "{\"questions\":[]}",
            now,
        )
        .await?;
        learning::submit_quiz(ex.reborrow(), quiz, user_id, "{}", 100, true, now).await?;
        for task in &m.tasks {
            learning::submit_task(
                ex.reborrow(),
                &learning::NewSubmission {
                    id: Uuid::new_v4(),
                    user_id,
                    task_id: &task.id,
                    answer: "{}",
                    percent: Some(100),
                    status: "done",
                    now,
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// Opens a web and an API session for a generated trainee; returns their tokens. Both last the
/// API's idle limit, so a kept bench database still signs in on a later day.
pub(crate) async fn open_sessions(
    st: &AppState,
    mut ex: psk_store::Ex<'_>,
    user_id: Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<(String, String)> {
    let expires_at = now + Duration::days(st.config.sessions.api_idle_days);
    let mut tokens = vec![];
    for kind in ["web", "api"] {
        let token = crate::crypto::new_token();
        psk_store::sessions::insert(
            ex.reborrow(),
            &psk_store::sessions::NewSession {
                id: Uuid::new_v4(),
                token_hash: &crate::crypto::token_hash(&token),
                user_id,
                kind,
                device_id: None,
                now,
                expires_at,
            },
        )
        .await?;
        tokens.push(token);
    }
    let api = tokens.pop().expect("two tokens");
    Ok((tokens.pop().expect("two tokens"), api))
}

/// Generates the trainees of `plan`.
pub async fn generate(st: &AppState, plan: &Plan) -> anyhow::Result<Written> {
    if st.config.public_url.starts_with("https://") {
        anyhow::bail!("refusing to generate load data for a public https address");
    }
    let Plan {
        from,
        trainees,
        certificates,
        exam_ready,
        ..
    } = *plan;
    if certificates + exam_ready > trainees {
        anyhow::bail!("--certificates and --exam-ready together cannot exceed --trainees");
    }
    let mut tokens_out = match (&plan.tokens, exam_ready) {
        (_, 0) => None,
        (Some(path), _) => Some(std::io::BufWriter::new(std::fs::File::create(path)?)),
        (None, _) => anyhow::bail!("--exam-ready needs --tokens FILE for the session tokens"),
    };
    let course = if exam_ready > 0 {
        crate::content::import_if_empty(st).await?;
        let v = psk_store::course::latest(st.db.ex())
            .await?
            .ok_or_else(|| {
                anyhow::anyhow!("no course is published: run `softskills content import`")
            })?;
        Some((
            v.id,
            crate::learning::service::load_version(st, v.id)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?,
        ))
    } else {
        None
    };
    let password_hash = crate::auth::password::hash(
        &psk_domain::password::Password::parse(LOAD_PASSWORD, None)
            .map_err(|e| anyhow::anyhow!("{e}"))?,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let signer = crate::certificate::keys::signer(st)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let k = &st.keys;
    let consent = (
        psk_store::policies::wording_version(
            st.db.ex(),
            psk_domain::consent::Purpose::ShareWithEmployers.as_str(),
        )
        .await?,
        crate::policy::in_force(st.db.ex(), crate::policy::Document::Privacy)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?,
    );
    let now = st.clock.now();
    let today = st.clock.today();
    let mut written = Written::default();
    let mut i = from;
    let end = from + trainees;
    while i < end {
        let mut tx = st.db.begin().await?;
        for _ in 0..BATCH {
            if i >= end {
                break;
            }
            let (cnic, passport, mobile, gender) = identity(i);
            let id = Uuid::new_v4();
            let name = format!("Load Trainee {i}");
            let dob = NaiveDate::from_ymd_opt(
                1985 + (i % 20) as i32,
                1 + (i % 12) as u32,
                1 + (i % 28) as u32,
            )
            .expect("a real date");
            let user = NewUser {
                id,
                role: "trainee".into(),
                full_name: name.clone(),
                guardian_name: Some(format!("Load Guardian {i}")),
                guardian_relation: Some("father".into()),
                gender: Some(gender.into()),
                cnic_enc: Some(k.encrypt(Field::Cnic, cnic.replace('-', "").as_bytes())),
                cnic_hash: Some(k.blind_index(Field::Cnic, &cnic.replace('-', ""))),
                passport_enc: Some(k.encrypt(Field::Passport, passport.as_bytes())),
                passport_hash: Some(k.blind_index(Field::Passport, &passport)),
                passport_expiry: Some(today + Duration::days(3 * 365)),
                dob_enc: Some(k.encrypt(Field::DateOfBirth, dob.to_string().as_bytes())),
                mobile_enc: k.encrypt(Field::Mobile, mobile.as_bytes()),
                mobile_hash: k.blind_index(Field::Mobile, &mobile),
                email: None,
                province: Some(crate::loaddata_placement::district(i)[..2].to_owned()),
                district: Some(crate::loaddata_placement::district(i).into()),
                language: if i.is_multiple_of(3) { "en" } else { "ur" }.into(),
                password_hash: password_hash.clone(),
                now,
            };
            psk_store::users::insert(tx.ex(), &user).await?;
            written.trainees += 1;
            if i - from < certificates {
                crate::loaddata_placement::worker(tx.ex(), id, i, (consent.0, &consent.1), now)
                    .await?;
                let number = crate::certificate::service::unused_number(tx.ex()).await?;
                let digits: String = cnic.chars().filter(char::is_ascii_digit).collect();
                let last4 = digits[digits.len() - 4..].to_owned();
                let claims = Claims {
                    number: number.to_string(),
                    name: name.clone(),
                    name_ur: None,
                    cnic_last4: last4.clone(),
                    issued: today,
                    expires: today + Duration::days(3 * 365),
                    issued_at: now.timestamp(),
                };
                let c = Certificate {
                    id: Uuid::new_v4(),
                    number: number.to_string(),
                    user_id: id,
                    attempt_id: None,
                    full_name: name,
                    full_name_ur: None,
                    cnic_last4: last4,
                    issued_on: claims.issued,
                    expires_on: claims.expires,
                    kid: signer.kid.clone(),
                    qr_text: signer.seal(&claims),
                    status: "valid".into(),
                    status_reason: None,
                    status_changed_at: None,
                    superseded_by: None,
                    created_at: now,
                };
                psk_store::certificates::insert(tx.ex(), &c).await?;
                written.certificates += 1;
            } else if i - from < certificates + exam_ready {
                let (version, course) = course.as_ref().expect("loaded for exam-ready trainees");
                complete_course(tx.ex(), id, *version, course, now).await?;
                let (web, api) = open_sessions(st, tx.ex(), id, now).await?;
                if let Some(out) = tokens_out.as_mut() {
                    use std::io::Write;
                    writeln!(out, "{web} {api}")?;
                }
                written.exam_ready += 1;
            }
            i += 1;
        }
        tx.commit().await?;
    }
    if let Some(mut out) = tokens_out {
        use std::io::Write;
        out.flush()?;
    }
    if plan.organisations > 0 {
        let Some(path) = &plan.org_tokens else {
            anyhow::bail!("--organisations needs --org-tokens FILE for their users' API tokens");
        };
        written.organisations = crate::loaddata_placement::organisations(
            st,
            plan.organisations,
            plan.demands,
            plan.shortlist,
            path,
            &password_hash,
        )
        .await?;
    }
    Ok(written)
}
