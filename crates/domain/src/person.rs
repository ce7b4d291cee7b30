//! A person's names, gender and date of birth.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::coded_error;

coded_error!(
    /// Why a name was refused.
    NameError {
        Empty => "required",
        TooShort => "name_too_short",
        TooLong => "name_too_long",
        Characters => "name_characters",
    }
);

/// A person's name: 2–100 characters of letters (Latin or Urdu), spaces, `.`, `'`, `-`.
/// Stored as given (trimmed); compared case- and space-insensitively.
#[derive(Clone)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(input: &str) -> Result<Self, NameError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(NameError::Empty);
        }
        let n = s.chars().count();
        if n < 2 {
            return Err(NameError::TooShort);
        }
        if n > 100 {
            return Err(NameError::TooLong);
        }
        // Letters of the Latin script (with accents) or the Arabic script Urdu is written in.
        let latin_or_urdu = |c: char| {
            c.is_alphabetic()
                && (c.is_ascii_alphabetic()
                    || ('\u{00C0}'..='\u{024F}').contains(&c)
                    || ('\u{0600}'..='\u{06FF}').contains(&c)
                    || ('\u{0750}'..='\u{077F}').contains(&c)
                    || ('\u{FB50}'..='\u{FEFF}').contains(&c))
        };
        let allowed = |c: char| {
            latin_or_urdu(c)
                || c == ' '
                || matches!(c, '.' | '\'' | '-')
                // Urdu combining marks (zer, zabar, pesh, ...) are part of written names.
                || ('\u{064B}'..='\u{065F}').contains(&c)
                || matches!(c, '\u{0670}' | '\u{200C}')
        };
        if !s.chars().all(allowed)
            || !s.chars().any(latin_or_urdu)
            || crate::text::hidden_char(s).is_some()
        {
            return Err(NameError::Characters);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The comparison key: lower case, runs of spaces folded, no leading or trailing space.
    pub fn comparison_key(&self) -> String {
        self.0
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }
}

impl PartialEq for PersonName {
    fn eq(&self, other: &Self) -> bool {
        self.comparison_key() == other.comparison_key()
    }
}

impl Eq for PersonName {}

impl std::fmt::Debug for PersonName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonName(***)")
    }
}

coded_error!(
    /// Why a name in Urdu script was refused.
    UrduNameError {
        TooShort => "name_too_short",
        TooLong => "name_too_long",
        Characters => "name_characters",
        NotUrdu => "name_not_urdu",
    }
);

/// A name written in Urdu script, as on the CNIC: a [`PersonName`] with no Latin letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrduName(String);

impl UrduName {
    /// An empty input is no name (the field is optional).
    pub fn parse_optional(input: &str) -> Result<Option<Self>, UrduNameError> {
        if input.trim().is_empty() {
            return Ok(None);
        }
        let name = PersonName::parse(input).map_err(|e| match e {
            NameError::TooShort | NameError::Empty => UrduNameError::TooShort,
            NameError::TooLong => UrduNameError::TooLong,
            NameError::Characters => UrduNameError::Characters,
        })?;
        let urdu = name
            .as_str()
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        if !urdu || name.as_str().chars().any(|c| c.is_ascii_alphabetic()) {
            return Err(UrduNameError::NotUrdu);
        }
        Ok(Some(UrduName(name.as_str().to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

coded_error!(
    /// Why a gender was refused.
    GenderError { Invalid => "choose_option" }
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
    Other,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Male, Gender::Female, Gender::Other];

    pub fn parse(s: &str) -> Result<Self, GenderError> {
        match s.trim() {
            "male" => Ok(Self::Male),
            "female" => Ok(Self::Female),
            "other" => Ok(Self::Other),
            _ => Err(GenderError::Invalid),
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
            Self::Other => "other",
        }
    }
}

coded_error!(
    /// Why a date of birth was refused.
    DobError {
        Empty => "required",
        Format => "date_format",
        Future => "dob_future",
        TooYoung => "dob_too_young",
        TooOld => "dob_too_old",
    }
);

/// A real past date of birth of someone at least the minimum age.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct DateOfBirth(NaiveDate);

impl DateOfBirth {
    pub fn parse(input: &str, today: NaiveDate, min_age: u32) -> Result<Self, DobError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(DobError::Empty);
        }
        let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| DobError::Format)?;
        Self::from_date(d, today, min_age)
    }

    pub fn from_date(d: NaiveDate, today: NaiveDate, min_age: u32) -> Result<Self, DobError> {
        if d >= today {
            return Err(DobError::Future);
        }
        let age = age_on(d, today);
        if age < min_age {
            return Err(DobError::TooYoung);
        }
        if age > 100 {
            return Err(DobError::TooOld);
        }
        Ok(Self(d))
    }

    pub fn date(&self) -> NaiveDate {
        self.0
    }
}

impl std::fmt::Debug for DateOfBirth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DateOfBirth(***)")
    }
}

/// Whole years between `born` and `on` (birthdays on 29 February count from 1 March).
pub fn age_on(born: NaiveDate, on: NaiveDate) -> u32 {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn names_latin_and_urdu() {
        assert_eq!(
            PersonName::parse("  Muhammad Ali-Khan ").unwrap().as_str(),
            "Muhammad Ali-Khan"
        );
        assert!(PersonName::parse("محمد علی").is_ok());
        assert!(PersonName::parse("O'Brien Jr.").is_ok());
        assert!(matches!(PersonName::parse(""), Err(NameError::Empty)));
    }

    #[test]
    fn name_rules() {
        assert!(matches!(PersonName::parse("A"), Err(NameError::TooShort)));
        assert!(matches!(
            PersonName::parse(&"a".repeat(101)),
            Err(NameError::TooLong)
        ));
        assert!(PersonName::parse(&"a".repeat(100)).is_ok());
        for bad in [
            "Ali1", "Ali <b>", "Ali_Khan", "--", "Ali@Khan", "Иван", "李明",
        ] {
            assert!(
                matches!(PersonName::parse(bad), Err(NameError::Characters)),
                "{bad}"
            );
        }
    }

    #[test]
    fn names_compare_case_and_space_insensitively() {
        assert_eq!(
            PersonName::parse("Ali  KHAN").unwrap(),
            PersonName::parse("ali khan").unwrap()
        );
        assert_ne!(
            PersonName::parse("Ali Khan").unwrap(),
            PersonName::parse("Ali Khanzada").unwrap()
        );
    }

    #[test]
    fn date_of_birth_rules() {
        assert_eq!(
            DateOfBirth::parse("2000-02-30", today(), 18),
            Err(DobError::Format)
        );
        assert_eq!(
            DateOfBirth::parse("2030-01-01", today(), 18),
            Err(DobError::Future)
        );
        assert_eq!(
            DateOfBirth::parse("2008-11-26", today(), 18),
            Err(DobError::TooYoung)
        );
        assert!(DateOfBirth::parse("2008-11-25", today(), 18).is_ok());
        assert_eq!(
            DateOfBirth::parse("1900-01-01", today(), 18),
            Err(DobError::TooOld)
        );
        assert!(DateOfBirth::parse("2008-11-25", today(), 21).is_err());
    }

    #[test]
    fn gender_values() {
        for g in Gender::ALL {
            assert_eq!(Gender::parse(g.as_str()), Ok(g));
        }
        assert_eq!(Gender::parse("x"), Err(GenderError::Invalid));
    }

    proptest! {
        #[test]
        fn age_is_never_more_than_year_difference(y in 1930i32..2026, m in 1u32..=12, d in 1u32..=28) {
            let born = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let a = age_on(born, today());
            prop_assert!(a as i32 <= 2026 - y && a as i32 >= 2026 - y - 1);
        }

        #[test]
        fn name_parser_never_panics(s in "\\PC{0,120}") {
            let _ = PersonName::parse(&s);
        }
    }
}

#[cfg(test)]
mod urdu_name_tests {
    use super::*;

    #[test]
    fn an_urdu_name_is_written_in_urdu_script() {
        assert_eq!(UrduName::parse_optional("  ").unwrap(), None);
        assert_eq!(
            UrduName::parse_optional("بلال احمد")
                .unwrap()
                .unwrap()
                .as_str(),
            "بلال احمد"
        );
        assert_eq!(
            UrduName::parse_optional("Bilal Ahmed"),
            Err(UrduNameError::NotUrdu)
        );
        assert_eq!(
            UrduName::parse_optional("بلال Ahmed"),
            Err(UrduNameError::NotUrdu)
        );
        assert_eq!(UrduName::parse_optional("ب"), Err(UrduNameError::TooShort));
    }
}
