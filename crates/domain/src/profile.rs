//! The profile a trainee fills after sign-in: education, employment history and the intended move.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::coded_error;
use crate::error::FieldErrors;
use crate::geo::{Country, Occupation};
pub use crate::intended_move::{CURRENCIES, IntendedMove, IntendedMoveInput};

coded_error!(
    /// Why a free-text field was refused.
    TextError {
        Empty => "required",
        TooLong => "too_long",
        Control => "text_characters",
        Hidden => "text_hidden_characters",
    }
);

/// Free text with a length limit (every text a user submits has one), no control characters and
/// no hidden ones (direction controls, zero-width characters: [`crate::text`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoundedText(String);

impl BoundedText {
    pub fn parse(input: &str, max_chars: usize) -> Result<Self, TextError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(TextError::Empty);
        }
        if s.chars().count() > max_chars {
            return Err(TextError::TooLong);
        }
        if s.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            return Err(TextError::Control);
        }
        if crate::text::hidden_char(s).is_some() {
            return Err(TextError::Hidden);
        }
        Ok(Self(s.to_owned()))
    }

    /// Blank means absent.
    pub fn parse_optional(input: &str, max_chars: usize) -> Result<Option<Self>, TextError> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(input, max_chars).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

coded_error!(
    /// Why a choice, year, month or amount was refused.
    ValueError {
        Empty => "required",
        Unknown => "choose_option",
        Year => "year_range",
        Month => "month_format",
        Future => "date_future",
        EndBeforeStart => "end_before_start",
        Amount => "amount_range",
    }
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EducationLevel {
    None,
    Primary,
    Middle,
    Matric,
    Intermediate,
    Diploma,
    Vocational,
    Bachelor,
    Master,
    Doctorate,
}

impl EducationLevel {
    pub const ALL: [EducationLevel; 10] = [
        Self::None,
        Self::Primary,
        Self::Middle,
        Self::Matric,
        Self::Intermediate,
        Self::Diploma,
        Self::Vocational,
        Self::Bachelor,
        Self::Master,
        Self::Doctorate,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Primary => "primary",
            Self::Middle => "middle",
            Self::Matric => "matric",
            Self::Intermediate => "intermediate",
            Self::Diploma => "diploma",
            Self::Vocational => "vocational",
            Self::Bachelor => "bachelor",
            Self::Master => "master",
            Self::Doctorate => "doctorate",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValueError> {
        if s.trim().is_empty() {
            return Err(ValueError::Empty);
        }
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s.trim())
            .ok_or(ValueError::Unknown)
    }

    /// Degrees that the Higher Education Commission can verify.
    pub fn hec_verifiable(&self) -> bool {
        matches!(self, Self::Bachelor | Self::Master | Self::Doctorate)
    }
}

/// A year between 1950 and this year.
pub fn parse_year(s: &str, today: NaiveDate) -> Result<i32, ValueError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ValueError::Empty);
    }
    let y: i32 = s.parse().map_err(|_| ValueError::Year)?;
    if (1950..=today.year()).contains(&y) {
        Ok(y)
    } else {
        Err(ValueError::Year)
    }
}

/// A month as `YYYY-MM`, not in the future; stored as the first day of the month.
pub fn parse_month(s: &str, today: NaiveDate) -> Result<NaiveDate, ValueError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ValueError::Empty);
    }
    let d =
        NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").map_err(|_| ValueError::Month)?;
    if d.year() < 1950 {
        return Err(ValueError::Year);
    }
    if d > today {
        return Err(ValueError::Future);
    }
    Ok(d)
}

/// One entry of a trainee's education.
#[derive(Debug, Clone, PartialEq)]
pub struct Education {
    pub level: EducationLevel,
    pub institution: Option<BoundedText>,
    pub year: Option<i32>,
    pub hec_verification_requested: bool,
}

/// The raw fields of an education entry, as a form or JSON body sends them.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EducationInput {
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub institution: String,
    #[serde(default)]
    pub year: String,
    /// Ask for the degree to be verified with the Higher Education Commission.
    #[serde(default, deserialize_with = "crate::registration::flag")]
    #[schema(value_type = Option<bool>)]
    pub hec_verification: Option<bool>,
    #[serde(default, rename = "_csrf")]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

impl Education {
    pub fn parse(input: &EducationInput, today: NaiveDate) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let level = e.take("level", EducationLevel::parse(&input.level));
        let institution = e.take(
            "institution",
            BoundedText::parse_optional(&input.institution, 150),
        );
        let year = if input.year.trim().is_empty() {
            Some(None)
        } else {
            e.take("year", parse_year(&input.year, today)).map(Some)
        };
        let hec = input.hec_verification.unwrap_or(false);
        if let Some(l) = level
            && hec
            && !l.hec_verifiable()
        {
            e.push("hec_verification", "hec_not_applicable");
        }
        e.into_result()?;
        Ok(Self {
            level: level.expect("checked"),
            institution: institution.expect("checked"),
            year: year.expect("checked"),
            hec_verification_requested: hec,
        })
    }
}

/// One job in a trainee's employment history.
#[derive(Debug, Clone, PartialEq)]
pub struct Employment {
    pub employer: BoundedText,
    pub job_title: BoundedText,
    pub occupation: Occupation,
    pub country: Country,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmploymentInput {
    #[serde(default)]
    pub employer: String,
    #[serde(default)]
    pub job_title: String,
    /// Web forms send it as `employment_occupation` (the page has two occupation fields).
    #[serde(default, alias = "employment_occupation")]
    pub occupation: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default, rename = "_csrf")]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

impl Employment {
    pub fn parse(input: &EmploymentInput, today: NaiveDate) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let employer = e.take("employer", BoundedText::parse(&input.employer, 150));
        let job_title = e.take("job_title", BoundedText::parse(&input.job_title, 100));
        let occupation = e.take("occupation", Occupation::parse(&input.occupation));
        let country = e.take("country", Country::parse(&input.country));
        let from = e.take("from", parse_month(&input.from, today));
        let to = if input.to.trim().is_empty() {
            Some(None)
        } else {
            e.take("to", parse_month(&input.to, today)).map(Some)
        };
        if let (Some(f), Some(Some(t))) = (from, to)
            && t < f
        {
            e.push("to", ValueError::EndBeforeStart.code_str());
        }
        e.into_result()?;
        Ok(Self {
            employer: employer.expect("checked"),
            job_title: job_title.expect("checked"),
            occupation: occupation.expect("checked"),
            country: country.expect("checked"),
            from: from.expect("checked"),
            to: to.expect("checked"),
        })
    }
}

impl ValueError {
    fn code_str(self) -> &'static str {
        crate::error::ErrorCode::code(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn bounded_text() {
        assert!(BoundedText::parse("  ", 10).is_err());
        assert_eq!(
            BoundedText::parse(&"a".repeat(11), 10),
            Err(TextError::TooLong)
        );
        assert_eq!(BoundedText::parse("a\u{0}b", 10), Err(TextError::Control));
        assert_eq!(BoundedText::parse_optional(" ", 10), Ok(None));
    }

    #[test]
    fn education() {
        let ok = EducationInput {
            level: "matric".into(),
            institution: "Govt High School Sialkot".into(),
            year: "2015".into(),
            ..Default::default()
        };
        assert_eq!(Education::parse(&ok, today()).unwrap().year, Some(2015));
        let bad = EducationInput {
            level: "phd".into(),
            year: "2030".into(),
            hec_verification: Some(true),
            ..Default::default()
        };
        let errs = Education::parse(&bad, today()).unwrap_err();
        let fields: Vec<_> = errs.0.iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            vec![("level", "choose_option"), ("year", "year_range")]
        );
        let hec = EducationInput {
            level: "matric".into(),
            hec_verification: Some(true),
            ..Default::default()
        };
        assert_eq!(
            Education::parse(&hec, today()).unwrap_err().0[0].code,
            "hec_not_applicable"
        );
    }

    #[test]
    fn employment_dates_and_codes() {
        let mut input = EmploymentInput {
            employer: "Al Noor Construction".into(),
            job_title: "Mason".into(),
            occupation: "7112".into(),
            country: "SA".into(),
            from: "2019-03".into(),
            to: "2018-01".into(),
            ..Default::default()
        };
        let errs = Employment::parse(&input, today()).unwrap_err();
        assert_eq!(errs.0[0].field, "to");
        assert_eq!(errs.0[0].code, "end_before_start");
        input.to = "2021-06".into();
        assert!(Employment::parse(&input, today()).is_ok());
        input.from = "2027-01".into();
        assert_eq!(
            Employment::parse(&input, today()).unwrap_err().0[0].code,
            "date_future"
        );
    }
}
