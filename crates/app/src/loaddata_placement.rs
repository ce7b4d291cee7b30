//! Load data for placement (issue 14's benchmark): what certified workers tell employers (a
//! destination and occupation, skills, languages, a past job; 40 % of them consent to be found),
//! and approved OEPs with one user each, approved demands and shortlists, so that candidate
//! search and the pipeline run on a realistic pool. Written through the store functions the
//! portal uses, so each worker's search row is built as a real one is.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use psk_store::Ex;
use uuid::Uuid;

use crate::crypto::Field;
use crate::state::AppState;

const OCCUPATIONS: [&str; 8] = [
    "7411", "8322", "7112", "5120", "9313", "7126", "8332", "7212",
];
const COUNTRIES: [&str; 6] = ["SA", "AE", "QA", "OM", "KW", "MY"];
const SKILLS: [&str; 8] = [
    "house wiring, panel boards, conduit, testing with a multimeter",
    "light and heavy vehicle driving, Saudi licence, GPS routes",
    "brick and block masonry, plastering, reading drawings",
    "cooking for large camps, Pakistani and Arabic dishes, hygiene",
    "shuttering, steel fixing, site cleaning, loading",
    "plumbing, PPR and copper pipes, sanitary fittings, pumps",
    "heavy truck and trailer driving, long routes, log books",
    "arc and MIG welding, fabrication, grinding, safety",
];
const LANGUAGES: [&str; 4] = ["ur en", "ur ar", "ur pa en", "ur ps"];
const DISTRICTS: [&str; 5] = [
    "PB-LAHORE",
    "PB-SIALKOT",
    "KP-PESHAWAR",
    "SD-KARACHI-CENTRAL",
    "PB-RAWALPINDI",
];

/// What a certified worker tells employers, before the certificate is written (its insert
/// builds the search row once, from all of it). Worker `i` consents when `i % 5 < 2`.
pub async fn worker(
    ex: Ex<'_>,
    user_id: Uuid,
    i: u64,
    consent: (i32, &str),
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut ex = ex;
    let k = i as usize;
    if i % 5 < 2 {
        psk_store::consents::record(
            ex.reborrow(),
            &psk_store::consents::Entry {
                user_id,
                purpose: psk_domain::consent::Purpose::ShareWithEmployers.as_str(),
                purpose_version: consent.0,
                granted: true,
                policy_version: consent.1,
                channel: "web",
                at: now,
            },
        )
        .await?;
    }
    let occupation = OCCUPATIONS[k % OCCUPATIONS.len()];
    let m = psk_store::profile::IntendedMoveRow {
        destination: COUNTRIES[k / 8 % COUNTRIES.len()].into(),
        occupation: occupation.into(),
        employer_or_oep: None,
        salary_amount: None,
        salary_currency: None,
        benefits: None,
        updated_at: now,
    };
    psk_store::profile::set_intended_move(ex.reborrow(), user_id, &m).await?;
    let s = psk_store::candidates::SkillsRow {
        skills: Some(SKILLS[k % SKILLS.len()].into()),
        languages: LANGUAGES[k / 3 % LANGUAGES.len()].into(),
        driving_licence: i.is_multiple_of(3),
        updated_at: now,
    };
    psk_store::candidates::save_skills(ex.reborrow(), user_id, &s).await?;
    let years = 1 + (i % 9) as i32;
    let from = NaiveDate::from_ymd_opt(2025 - years, 1 + (i % 12) as u32, 1).expect("a month");
    let job = psk_store::profile::EmploymentRow {
        id: Uuid::new_v4(),
        employer: format!("Employer {}", i % 997),
        job_title: SKILLS[(k + 1) % SKILLS.len()]
            .split(',')
            .next()
            .unwrap_or("worker")
            .into(),
        occupation: occupation.into(),
        country: if i.is_multiple_of(4) { "SA" } else { "PK" }.into(),
        from_month: from,
        to_month: Some(NaiveDate::from_ymd_opt(2025, 6, 1).expect("a month")),
    };
    psk_store::profile::upsert_employment(ex, user_id, &job, now).await?;
    Ok(())
}

/// A district for worker `i` (the search filters on it).
pub fn district(i: u64) -> &'static str {
    DISTRICTS[(i / 7) as usize % DISTRICTS.len()]
}

/// `count` approved OEPs, each with one user, `demands` approved demands and a shortlist of
/// `shortlist` consenting workers a demand; the users' API tokens go to `tokens`, one a line.
pub async fn organisations(
    st: &AppState,
    count: u64,
    demands: u64,
    shortlist: u64,
    tokens: &std::path::Path,
    password_hash: &str,
) -> anyhow::Result<u64> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(tokens)?);
    let now = st.clock.now();
    let today = st.clock.today();
    let pool =
        psk_store::candidates::consenting(st.db.ex(), (count * demands * shortlist) as i64).await?;
    let mut next_worker = pool.iter().cycle();
    for n in 0..count {
        let mut tx = st.db.begin().await?;
        let org = psk_store::organisations::OrgRow {
            id: Uuid::new_v4(),
            number: crate::crypto::reference("OR"),
            kind: "oep".into(),
            legal_name: format!("Load Promoters {n}"),
            name_key: format!("load promoters {n}"),
            country: "PK".into(),
            address: "Blue Area, Islamabad".into(),
            contact_name: format!("Load Contact {n}"),
            contact_mobile_enc: st
                .keys
                .encrypt(Field::Mobile, format!("+92345{:07}", n).as_bytes()),
            contact_email: None,
            language: "en".into(),
            licence_number: Some(format!("{}/ISB", 5000 + n)),
            licence_expires_on: Some(today + Duration::days(365)),
            status: "approved".into(),
            status_reason: Some("Load data.".into()),
            status_at: now,
            access_hash: crate::crypto::token_hash(&crate::crypto::new_token()),
            created_at: now,
            updated_at: now,
        };
        psk_store::organisations::insert(tx.ex(), &org).await?;
        let user = Uuid::new_v4();
        let mobile = format!("+92346{:07}", n);
        psk_store::users::insert(
            tx.ex(),
            &psk_store::users::NewUser {
                id: user,
                role: "employer_user".into(),
                full_name: format!("Load Recruiter {n}"),
                guardian_name: None,
                guardian_relation: None,
                gender: None,
                cnic_enc: None,
                cnic_hash: None,
                passport_enc: None,
                passport_hash: None,
                passport_expiry: None,
                dob_enc: None,
                mobile_enc: st.keys.encrypt(Field::Mobile, mobile.as_bytes()),
                mobile_hash: st.keys.blind_index(Field::Mobile, &mobile),
                email: None,
                province: None,
                district: None,
                language: "en".into(),
                password_hash: password_hash.into(),
                now,
            },
        )
        .await?;
        psk_store::organisations::set_member(tx.ex(), user, org.id).await?;
        let (_, api) = super::loaddata::open_sessions(st, tx.ex(), user, now).await?;
        writeln!(out, "{api}")?;
        for d in 0..demands {
            let k = (n * demands + d) as usize;
            let demand = psk_store::demands::DemandRow {
                id: Uuid::new_v4(),
                number: crate::crypto::reference("JD"),
                organisation_id: org.id,
                posted_by: user,
                country: COUNTRIES[k % COUNTRIES.len()].into(),
                city: "Riyadh".into(),
                occupation: OCCUPATIONS[k % OCCUPATIONS.len()].into(),
                positions: 20,
                positions_filled: 0,
                salary_min: 1500,
                salary_max: 2500,
                currency: "SAR".into(),
                contract_months: 24,
                benefits: "accommodation,air_ticket".into(),
                experience_years: (k % 4) as i32,
                education: None,
                languages: None,
                driving_licence: false,
                age_min: None,
                age_max: None,
                closes_on: today + Duration::days(60),
                status: "approved".into(),
                status_note: None,
                status_at: now,
                created_at: now,
                updated_at: now,
            };
            psk_store::demands::insert(tx.ex(), &demand).await?;
            for _ in 0..shortlist {
                let Some(worker) = next_worker.next() else {
                    break;
                };
                let p = psk_store::placements::PlacementRow::shortlisted(
                    demand.id, org.id, *worker, now,
                );
                if psk_store::placements::insert(tx.ex(), &p).await? {
                    psk_store::placements::add_event(
                        tx.ex(),
                        p.id,
                        Some(user),
                        "shortlisted",
                        None,
                        now,
                    )
                    .await?;
                }
            }
        }
        tx.commit().await?;
    }
    out.flush()?;
    Ok(count)
}
