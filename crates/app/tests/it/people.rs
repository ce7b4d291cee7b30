//! Test people: unique CNIC, passport and mobile per number, and their registration.

use serde_json::{Value, json};

use crate::harness::TestApp;

/// Letters for names (names may not contain digits).
pub fn letters(mut n: u32) -> String {
    let mut s = String::new();
    loop {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s
}

/// A test person with unique CNIC, passport and mobile.
#[derive(Debug, Clone)]
pub struct Trainee {
    pub cnic: String,
    pub passport: String,
    pub mobile: String,
    pub mobile_e164: String,
    pub password: String,
    pub name: String,
    pub token: String,
    pub user_id: String,
}

impl Trainee {
    pub fn numbered(n: u32) -> Self {
        // Odd last digit: male, matching the registration below.
        let cnic = format!("35202{:07}1", 1_000_000 + n);
        let mobile = format!("0300{:07}", 1_000_000 + n);
        Trainee {
            cnic,
            passport: format!("AB{:07}", 1_000_000 + n),
            mobile_e164: format!("+92{}", &mobile[1..]),
            mobile,
            password: "sialkot mason 2026".into(),
            name: format!("Muhammad Asif {}", letters(n)),
            token: String::new(),
            user_id: String::new(),
        }
    }

    pub fn registration(&self) -> Value {
        json!({
            "cnic": self.cnic, "passport_number": self.passport, "passport_expiry": "2031-05-01",
            "full_name": self.name, "guardian_name": "Abdul Rashid", "guardian_relation": "father",
            "date_of_birth": "1998-04-12", "gender": "male", "mobile": self.mobile, "email": "",
            "province": "PB", "district": "PB-LAHORE", "language": "en", "password": self.password,
            "consent_training": true, "consent_share_with_employers": false, "consent_research": true, "consent_news": false
        })
    }
}

/// Journeys that make test people.
impl TestApp {
    /// Registers and verifies trainee number `n` through the API; returns its details.
    pub async fn trainee(&self, n: u32) -> Trainee {
        let t = Trainee::numbered(n);
        let res = self
            .post_api("/api/v1/registrations", t.registration(), None)
            .await;
        assert_eq!(res.status(), 202, "{}", res.text().await.unwrap());
        let id = res.json::<Value>().await.unwrap()["registration_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let code = self.next_code(&t.mobile_e164).await;
        let res = self
            .post_api(
                &format!("/api/v1/registrations/{id}/verify"),
                json!({ "code": code }),
                None,
            )
            .await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        let body: Value = res.json().await.unwrap();
        Trainee {
            token: body["token"].as_str().unwrap().into(),
            user_id: body["user_id"].as_str().unwrap().into(),
            ..t
        }
    }

    /// Creates a staff account directly through the service and signs it in through the API.
    pub async fn staff(&self, role: &str, n: u32) -> Trainee {
        let mobile = format!("0345{:07}", 9_000_000 + n);
        let input = softskills::admin::service::StaffInput {
            role: role.into(),
            full_name: format!("Staff Member {}", letters(n)),
            mobile: mobile.clone(),
            password: "staff password 2026".into(),
            office: if role == "protector_officer" {
                "ISB".into()
            } else {
                String::new()
            },
            ..Default::default()
        };
        let id = softskills::admin::service::create_staff(
            &self.state,
            softskills::admin::service::Actor::Cli,
            &input,
            None,
        )
        .await
        .unwrap();
        let res = self
            .post_api(
                "/api/v1/sessions",
                json!({ "identifier": mobile, "password": "staff password 2026" }),
                None,
            )
            .await;
        assert_eq!(res.status(), 201);
        let body: Value = res.json().await.unwrap();
        Trainee {
            token: body["token"].as_str().unwrap().into(),
            user_id: id.to_string(),
            mobile,
            password: "staff password 2026".into(),
            ..Trainee::numbered(900 + n)
        }
    }
}
