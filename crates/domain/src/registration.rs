//! A worker's registration: every field of DESIGN.md section 4 parsed at once, so the form can show
//! every problem together.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use crate::cnic::Cnic;
use crate::contact::{Email, MobileNumber};
use crate::error::FieldErrors;
use crate::geo::{District, Province};
use crate::lang::Lang;
use crate::passport::{PassportExpiry, PassportNumber};
use crate::password::Password;
use crate::person::{DateOfBirth, Gender, PersonName, UrduName};

/// How a guardian name relates to the worker (CNIC and passport carry "father" or "husband").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuardianRelation {
    Father,
    Husband,
}

impl GuardianRelation {
    pub fn parse(s: &str) -> Result<Self, crate::person::GenderError> {
        match s.trim() {
            "father" => Ok(Self::Father),
            "husband" => Ok(Self::Husband),
            _ => Err(crate::person::GenderError::Invalid),
        }
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Father => "father",
            Self::Husband => "husband",
        }
    }
}

/// The purposes a worker consents to (DESIGN.md section 7). Training and certification is required;
/// the rest are opt-in and can be withdrawn at any time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Consents {
    pub training: bool,
    pub share_with_employers: bool,
    pub research: bool,
    pub news: bool,
}

impl Consents {
    pub const PURPOSES: [&'static str; 4] =
        ["training", "share_with_employers", "research", "news"];

    pub fn get(&self, purpose: &str) -> bool {
        match purpose {
            "training" => self.training,
            "share_with_employers" => self.share_with_employers,
            "research" => self.research,
            "news" => self.news,
            _ => false,
        }
    }
}

/// The registration form or JSON body, as sent: all text, checked by [`Registration::parse`].
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationInput {
    #[serde(default)]
    pub cnic: String,
    #[serde(default)]
    pub passport_number: String,
    #[serde(default)]
    pub passport_expiry: String,
    #[serde(default)]
    pub full_name: String,
    /// The name in Urdu script, as on the CNIC (optional; printed on the certificate).
    #[serde(default)]
    pub full_name_ur: String,
    #[serde(default)]
    pub guardian_name: String,
    #[serde(default)]
    pub guardian_relation: String,
    #[serde(default)]
    pub date_of_birth: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub mobile: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub password: String,
    #[serde(default, deserialize_with = "flag")]
    #[schema(value_type = Option<bool>)]
    pub consent_training: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    #[schema(value_type = Option<bool>)]
    pub consent_share_with_employers: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    #[schema(value_type = Option<bool>)]
    pub consent_research: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    #[schema(value_type = Option<bool>)]
    pub consent_news: Option<bool>,
    /// The anti-forgery token of the web form (absent in the JSON API).
    #[serde(default, rename = "_csrf")]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

/// A checkbox (`on`) or a JSON boolean.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum F {
        B(bool),
        S(String),
    }
    Ok(match Option::<F>::deserialize(d)? {
        None => None,
        Some(F::B(b)) => Some(b),
        Some(F::S(s)) => Some(matches!(s.as_str(), "on" | "true" | "1" | "yes")),
    })
}

/// An HTML checkbox value: present and "on" (or true-like) means ticked.
pub fn checkbox(v: &Option<String>) -> bool {
    v.as_deref()
        .is_some_and(|s| matches!(s, "on" | "true" | "1" | "yes"))
}

/// A registration in which every value is valid.
#[derive(Debug, Clone)]
pub struct Registration {
    pub cnic: Cnic,
    pub passport_number: PassportNumber,
    pub passport_expiry: PassportExpiry,
    pub full_name: PersonName,
    pub full_name_ur: Option<UrduName>,
    pub guardian_name: PersonName,
    pub guardian_relation: GuardianRelation,
    pub date_of_birth: DateOfBirth,
    pub gender: Gender,
    pub mobile: MobileNumber,
    pub email: Option<Email>,
    pub province: Province,
    pub district: District,
    pub language: Lang,
    pub password: Password,
    pub consents: Consents,
}

impl Registration {
    /// Parses every field, collecting every problem. `min_age` is the configured minimum age.
    pub fn parse(
        i: &RegistrationInput,
        today: NaiveDate,
        min_age: u32,
    ) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let cnic = e.take("cnic", Cnic::parse(&i.cnic));
        let passport_number = e.take("passport_number", PassportNumber::parse(&i.passport_number));
        let passport_expiry = e.take(
            "passport_expiry",
            PassportExpiry::parse(&i.passport_expiry, today),
        );
        let full_name = e.take("full_name", PersonName::parse(&i.full_name));
        let full_name_ur = e.take("full_name_ur", UrduName::parse_optional(&i.full_name_ur));
        let guardian_name = e.take("guardian_name", PersonName::parse(&i.guardian_name));
        let guardian_relation = e.take(
            "guardian_relation",
            GuardianRelation::parse(&i.guardian_relation),
        );
        let date_of_birth = e.take(
            "date_of_birth",
            DateOfBirth::parse(&i.date_of_birth, today, min_age),
        );
        let gender = e.take("gender", Gender::parse(&i.gender));
        if let (Some(c), Some(g)) = (&cnic, gender)
            && let Err(err) = c.check_gender(g)
        {
            e.push("gender", crate::error::ErrorCode::code(&err));
        }
        let mobile = e.take("mobile", MobileNumber::parse(&i.mobile));
        let email = e.take("email", Email::parse_optional(&i.email));
        let province = e.take("province", Province::parse(&i.province));
        let district = e.take("district", District::parse(&i.district, province));
        let language = e.take("language", Lang::parse(&i.language));
        let password = e.take("password", Password::parse(&i.password, cnic.as_ref()));
        let consents = Consents {
            training: i.consent_training.unwrap_or(false),
            share_with_employers: i.consent_share_with_employers.unwrap_or(false),
            research: i.consent_research.unwrap_or(false),
            news: i.consent_news.unwrap_or(false),
        };
        if !consents.training {
            e.push("consent_training", "consent_required");
        }
        e.into_result()?;
        Ok(Self {
            cnic: cnic.expect("checked"),
            passport_number: passport_number.expect("checked"),
            passport_expiry: passport_expiry.expect("checked"),
            full_name: full_name.expect("checked"),
            full_name_ur: full_name_ur.expect("checked"),
            guardian_name: guardian_name.expect("checked"),
            guardian_relation: guardian_relation.expect("checked"),
            date_of_birth: date_of_birth.expect("checked"),
            gender: gender.expect("checked"),
            mobile: mobile.expect("checked"),
            email: email.expect("checked"),
            province: province.expect("checked"),
            district: district.expect("checked"),
            language: language.expect("checked"),
            password: password.expect("checked"),
            consents,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    pub fn valid_input() -> RegistrationInput {
        RegistrationInput {
            cnic: "35202-1234567-1".into(),
            passport_number: "ab1234567".into(),
            passport_expiry: "2031-05-01".into(),
            full_name: "Muhammad Asif".into(),
            guardian_name: "Abdul Rashid".into(),
            guardian_relation: "father".into(),
            date_of_birth: "1998-04-12".into(),
            gender: "male".into(),
            mobile: "0300 1234567".into(),
            email: "".into(),
            province: "PB".into(),
            district: "PB-LAHORE".into(),
            language: "ur".into(),
            password: "sialkot mason 2026".into(),
            consent_training: Some(true),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_registration_parses() {
        let r = Registration::parse(&valid_input(), today(), 18).unwrap();
        assert_eq!(r.mobile.e164(), "+923001234567");
        assert_eq!(r.passport_number.as_str(), "AB1234567");
        assert_eq!(r.language, Lang::Ur);
        assert!(!r.consents.share_with_employers);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let mut i = valid_input();
        i.cnic = "3520212345672".into(); // even: female
        i.passport_expiry = "2020-01-01".into();
        i.mobile = "042 1234567".into();
        i.district = "SD-KARACHI-SOUTH".into();
        i.consent_training = None;
        let errs = Registration::parse(&i, today(), 18).unwrap_err();
        let got: Vec<_> = errs.0.iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            got,
            vec![
                ("passport_expiry", "passport_expired"),
                ("gender", "cnic_gender_mismatch"),
                ("mobile", "mobile_format"),
                ("district", "district_not_in_province"),
                ("consent_training", "consent_required"),
            ]
        );
    }

    #[test]
    fn json_rejects_unknown_fields_and_accepts_booleans() {
        let bad: Result<RegistrationInput, _> =
            serde_json::from_str(r#"{"cnic":"1","role":"administrator"}"#);
        assert!(bad.is_err());
        let ok: RegistrationInput =
            serde_json::from_str(r#"{"consent_training":true,"consent_news":"on"}"#).unwrap();
        assert_eq!(ok.consent_training, Some(true));
        assert_eq!(ok.consent_news, Some(true));
    }
}
