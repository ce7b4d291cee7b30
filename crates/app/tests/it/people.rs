//! Test people: unique CNIC, passport and mobile per number, and their registration.

use serde_json::{Value, json};

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
