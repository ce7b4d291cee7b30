//! `softskills admin generate-load-data`: fills a database with trainees and certificates for the
//! load scenarios in `bench/` (a million trainees in minutes). Every record is as real as a
//! registered one (valid CNIC, passport and mobile, encrypted the same way, blind indexes), but
//! they all share one password (`LOAD_PASSWORD`, hashed once) so scenarios can sign in, and the
//! certificates are signed with the current key. Refused on a public https address: this is
//! never for a production database.

use chrono::{Duration, NaiveDate};
use psk_cert::{CertNumber, Claims};
use psk_store::certificates::Certificate;
use psk_store::users::NewUser;
use uuid::Uuid;

use crate::crypto::{Field, random_bytes};
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

/// Generates `trainees` trainees starting at index `from`, the first `certificates` of them with
/// a valid certificate. Returns how many of each were written.
pub async fn generate(
    st: &AppState,
    from: u64,
    trainees: u64,
    certificates: u64,
) -> anyhow::Result<(u64, u64)> {
    if st.config.public_url.starts_with("https://") {
        anyhow::bail!("refusing to generate load data for a public https address");
    }
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
    let now = st.clock.now();
    let today = st.clock.today();
    let (mut users_written, mut certs_written) = (0, 0);
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
                province: Some("PB".into()),
                district: Some("PB-LAHORE".into()),
                language: if i.is_multiple_of(3) { "en" } else { "ur" }.into(),
                password_hash: password_hash.clone(),
                now,
            };
            psk_store::users::insert(tx.ex(), &user).await?;
            users_written += 1;
            if i - from < certificates {
                let number = CertNumber::from_random(random_bytes());
                let digits: String = cnic.chars().filter(char::is_ascii_digit).collect();
                let last4 = digits[digits.len() - 4..].to_owned();
                let claims = Claims {
                    number: number.to_string(),
                    name: name.clone(),
                    name_ur: None,
                    cnic_last4: last4.clone(),
                    issued: today,
                    expires: today + Duration::days(3 * 365),
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
                certs_written += 1;
            }
            i += 1;
        }
        tx.commit().await?;
    }
    Ok((users_written, certs_written))
}
