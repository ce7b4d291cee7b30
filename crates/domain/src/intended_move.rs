//! Where and as what the worker intends to go: destination, occupation, employer or OEP,
//! expected salary and benefits.

use serde::Deserialize;

use crate::error::FieldErrors;
use crate::geo::{Country, Occupation};
use crate::profile::{BoundedText, ValueError};

/// Currencies workers are paid in at the main destinations.
pub const CURRENCIES: [&str; 11] = [
    "SAR", "AED", "QAR", "OMR", "KWD", "BHD", "MYR", "EUR", "GBP", "USD", "PKR",
];

/// Where and as what the worker intends to go.
#[derive(Debug, Clone, PartialEq)]
pub struct IntendedMove {
    pub destination: Country,
    pub occupation: Occupation,
    pub employer_or_oep: Option<BoundedText>,
    /// Monthly salary in whole units of `currency`.
    pub salary: Option<(i64, &'static str)>,
    pub benefits: Option<BoundedText>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntendedMoveInput {
    #[serde(default)]
    pub destination: String,
    #[serde(default)]
    pub occupation: String,
    #[serde(default)]
    pub employer_or_oep: String,
    #[serde(default)]
    pub salary_amount: String,
    #[serde(default)]
    pub salary_currency: String,
    #[serde(default)]
    pub benefits: String,
    #[serde(default, rename = "_csrf")]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

impl IntendedMove {
    pub fn parse(input: &IntendedMoveInput) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let destination = e.take("destination", Country::parse(&input.destination));
        if destination.is_some_and(|c| c.code() == "PK") {
            e.push("destination", "destination_abroad");
        }
        let occupation = e.take("occupation", Occupation::parse(&input.occupation));
        let employer = e.take(
            "employer_or_oep",
            BoundedText::parse_optional(&input.employer_or_oep, 150),
        );
        let benefits = e.take(
            "benefits",
            BoundedText::parse_optional(&input.benefits, 500),
        );
        let salary = match (input.salary_amount.trim(), input.salary_currency.trim()) {
            ("", "") => Some(None),
            (amount, currency) => {
                let a = e.take(
                    "salary_amount",
                    amount
                        .replace(',', "")
                        .parse::<i64>()
                        .ok()
                        .filter(|a| (1..=10_000_000).contains(a))
                        .ok_or(ValueError::Amount),
                );
                let c = e.take(
                    "salary_currency",
                    CURRENCIES
                        .iter()
                        .copied()
                        .find(|c| *c == currency)
                        .ok_or(ValueError::Unknown),
                );
                a.zip(c).map(Some)
            }
        };
        e.into_result()?;
        Ok(Self {
            destination: destination.expect("checked"),
            occupation: occupation.expect("checked"),
            employer_or_oep: employer.expect("checked"),
            salary: salary.expect("checked"),
            benefits: benefits.expect("checked"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intended_move() {
        let ok = IntendedMoveInput {
            destination: "AE".into(),
            occupation: "8322".into(),
            salary_amount: "2,500".into(),
            salary_currency: "AED".into(),
            ..Default::default()
        };
        assert_eq!(
            IntendedMove::parse(&ok).unwrap().salary,
            Some((2500, "AED"))
        );
        let bad = IntendedMoveInput {
            destination: "PK".into(),
            occupation: "8322".into(),
            salary_amount: "-5".into(),
            salary_currency: "XYZ".into(),
            ..Default::default()
        };
        let codes: Vec<_> = IntendedMove::parse(&bad)
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(
            codes,
            vec!["destination_abroad", "amount_range", "choose_option"]
        );
    }
}
