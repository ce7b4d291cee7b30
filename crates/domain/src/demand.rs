//! A job demand an approved organisation posts (issue 14, item 3): where, as what, how many, for
//! how much, on what terms, for whom and until when. Every field is checked here and every
//! problem named at once; OEC reviews the demand before anyone sees it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::geo::{Country, Occupation};
use crate::intended_move::CURRENCIES;
use crate::profile::{BoundedText, EducationLevel, ValueError};

/// The benefits a demand can offer, as the law of the main destinations names them.
pub const BENEFITS: [&str; 5] = [
    "accommodation",
    "food",
    "transport",
    "medical",
    "air_ticket",
];

/// A demand as typed (web form or JSON).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DemandInput {
    /// ISO 3166-1 alpha-2, abroad.
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub city: String,
    /// ISCO-08 unit group (`/api/v1/reference/occupations`).
    #[serde(default)]
    pub occupation: String,
    #[serde(default)]
    pub positions: String,
    /// Monthly salary range, whole units of `currency`.
    #[serde(default)]
    pub salary_min: String,
    #[serde(default)]
    pub salary_max: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub contract_months: String,
    /// Any of accommodation, food, transport, medical, air_ticket.
    #[serde(default)]
    pub benefits: Vec<String>,
    #[serde(default)]
    pub experience_years: String,
    /// The least education level (optional).
    #[serde(default)]
    pub education: String,
    /// Languages asked for, as written (optional).
    #[serde(default)]
    pub languages: String,
    #[serde(default)]
    pub driving_licence: bool,
    /// An age range, only where the destination's law requires one (both or neither).
    #[serde(default)]
    pub age_min: String,
    #[serde(default)]
    pub age_max: String,
    /// `YYYY-MM-DD`, after today and within a year.
    #[serde(default)]
    pub closes_on: String,
}

/// A checked demand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Demand {
    pub country: String,
    pub city: String,
    pub occupation: String,
    pub positions: i32,
    pub salary_min: i64,
    pub salary_max: i64,
    pub currency: String,
    pub contract_months: i32,
    pub benefits: Vec<String>,
    pub experience_years: i32,
    pub education: Option<String>,
    pub languages: Option<String>,
    pub driving_licence: bool,
    pub age_range: Option<(i32, i32)>,
    pub closes_on: NaiveDate,
}

fn number(s: &str, range: std::ops::RangeInclusive<i64>) -> Result<i64, ValueError> {
    let s = s.trim().replace(',', "");
    if s.is_empty() {
        return Err(ValueError::Empty);
    }
    s.parse::<i64>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or(ValueError::Amount)
}

impl Demand {
    pub fn parse(i: &DemandInput, today: NaiveDate) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let country = e.take("country", Country::parse(&i.country));
        if country.is_some_and(|c| c.code() == "PK") {
            e.push("country", "destination_abroad");
        }
        let city = e.take("city", BoundedText::parse(&i.city, 100));
        let occupation = e.take("occupation", Occupation::parse(&i.occupation));
        let positions = e.take("positions", number(&i.positions, 1..=10_000));
        let min = e.take("salary_min", number(&i.salary_min, 1..=10_000_000));
        let max = e.take("salary_max", number(&i.salary_max, 1..=10_000_000));
        if let (Some(a), Some(b)) = (min, max)
            && b < a
        {
            e.push("salary_max", "salary_range");
        }
        let currency = e.take(
            "currency",
            CURRENCIES
                .iter()
                .find(|c| **c == i.currency.trim())
                .ok_or(ValueError::Unknown),
        );
        let months = e.take("contract_months", number(&i.contract_months, 1..=120));
        let mut benefits: Vec<String> = vec![];
        for b in &i.benefits {
            match BENEFITS.iter().find(|x| **x == b.trim()) {
                Some(x) if !benefits.iter().any(|y| y == x) => benefits.push((*x).into()),
                Some(_) => {}
                None => e.push("benefits", "choose_option"),
            }
        }
        let experience = if i.experience_years.trim().is_empty() {
            Some(0)
        } else {
            e.take("experience_years", number(&i.experience_years, 0..=40))
        };
        let education = if i.education.trim().is_empty() {
            Some(None)
        } else {
            e.take("education", EducationLevel::parse(&i.education))
                .map(|l| Some(l.as_str().to_owned()))
        };
        let languages = e.take("languages", BoundedText::parse_optional(&i.languages, 200));
        let age_range = match (i.age_min.trim(), i.age_max.trim()) {
            ("", "") => Some(None),
            (a, b) => {
                let a = e.take("age_min", number(a, 18..=70));
                let b = e.take("age_max", number(b, 18..=70));
                match (a, b) {
                    (Some(a), Some(b)) if b < a => {
                        e.push("age_max", "age_range");
                        None
                    }
                    (Some(a), Some(b)) => Some(Some((a as i32, b as i32))),
                    _ => None,
                }
            }
        };
        let closes_on = match NaiveDate::parse_from_str(i.closes_on.trim(), "%Y-%m-%d") {
            Err(_) if i.closes_on.trim().is_empty() => {
                e.push("closes_on", "required");
                None
            }
            Err(_) => {
                e.push("closes_on", "date_format");
                None
            }
            Ok(d) if d <= today || d > today + chrono::Days::new(366) => {
                e.push("closes_on", "closing_date_range");
                None
            }
            Ok(d) => Some(d),
        };
        e.into_result()?;
        let missing = || {
            let mut f = FieldErrors::new();
            f.push("country", "required");
            f
        };
        Ok(Self {
            country: country.ok_or_else(missing)?.code().into(),
            city: city.ok_or_else(missing)?.as_str().into(),
            occupation: occupation.ok_or_else(missing)?.code().into(),
            positions: positions.ok_or_else(missing)? as i32,
            salary_min: min.ok_or_else(missing)?,
            salary_max: max.ok_or_else(missing)?,
            currency: (*currency.ok_or_else(missing)?).into(),
            contract_months: months.ok_or_else(missing)? as i32,
            benefits,
            experience_years: experience.ok_or_else(missing)? as i32,
            education: education.ok_or_else(missing)?,
            languages: languages
                .ok_or_else(missing)?
                .map(|l| l.as_str().to_owned()),
            driving_licence: i.driving_licence,
            age_range: age_range.ok_or_else(missing)?,
            closes_on: closes_on.ok_or_else(missing)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    fn good() -> DemandInput {
        DemandInput {
            country: "SA".into(),
            city: "Riyadh".into(),
            occupation: "8322".into(),
            positions: "40".into(),
            salary_min: "1,800".into(),
            salary_max: "2200".into(),
            currency: "SAR".into(),
            contract_months: "24".into(),
            benefits: vec![
                "accommodation".into(),
                "air_ticket".into(),
                "accommodation".into(),
            ],
            experience_years: "2".into(),
            driving_licence: true,
            closes_on: "2027-02-28".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_demand() {
        let d = Demand::parse(&good(), today()).unwrap();
        assert_eq!((d.salary_min, d.salary_max), (1800, 2200));
        assert_eq!(d.benefits, ["accommodation", "air_ticket"]);
        assert_eq!(d.age_range, None);
    }

    #[test]
    fn every_problem_is_named() {
        let bad = DemandInput {
            country: "PK".into(),
            positions: "0".into(),
            salary_min: "3000".into(),
            salary_max: "2000".into(),
            currency: "XYZ".into(),
            benefits: vec!["car".into()],
            age_min: "40".into(),
            age_max: "30".into(),
            closes_on: "2026-12-01".into(),
            ..good()
        };
        let codes: Vec<String> = Demand::parse(&bad, today())
            .unwrap_err()
            .0
            .iter()
            .map(|f| format!("{}:{}", f.field, f.code))
            .collect();
        assert_eq!(
            codes,
            [
                "country:destination_abroad",
                "positions:amount_range",
                "salary_max:salary_range",
                "currency:choose_option",
                "benefits:choose_option",
                "age_max:age_range",
                "closes_on:closing_date_range"
            ]
        );
    }
}
