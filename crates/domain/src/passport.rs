//! Pakistani passport number and expiry.

use chrono::NaiveDate;

use crate::coded_error;

coded_error!(
    /// Why a passport number or expiry date was refused.
    PassportError {
        Empty => "required",
        Format => "passport_format",
        DateFormat => "date_format",
        Expired => "passport_expired",
    }
);

/// Two letters and seven digits, upper-cased (`AB1234567`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PassportNumber(String);

impl PassportNumber {
    pub fn parse(input: &str) -> Result<Self, PassportError> {
        let s: String = input.trim().chars().filter(|c| *c != ' ').collect();
        if s.is_empty() {
            return Err(PassportError::Empty);
        }
        let s = s.to_ascii_uppercase();
        let b = s.as_bytes();
        let ok = b.len() == 9
            && b[..2].iter().all(u8::is_ascii_uppercase)
            && b[2..].iter().all(u8::is_ascii_digit);
        if ok {
            Ok(Self(s))
        } else {
            Err(PassportError::Format)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PassportNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PassportNumber({}*****{})", &self.0[..2], &self.0[7..])
    }
}

/// A passport expiry date that is still in the future on the day of parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PassportExpiry(NaiveDate);

impl PassportExpiry {
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, PassportError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(PassportError::Empty);
        }
        let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| PassportError::DateFormat)?;
        if d <= today {
            return Err(PassportError::Expired);
        }
        Ok(Self(d))
    }

    pub fn date(&self) -> NaiveDate {
        self.0
    }

    /// Under six months left: many destinations refuse a visa, so the worker is warned.
    pub fn expires_soon(&self, today: NaiveDate) -> bool {
        today
            .checked_add_months(chrono::Months::new(6))
            .is_some_and(|limit| self.0 < limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn number_is_two_letters_seven_digits_upper_cased() {
        assert_eq!(
            PassportNumber::parse(" ab1234567 ").unwrap().as_str(),
            "AB1234567"
        );
        assert_eq!(PassportNumber::parse(""), Err(PassportError::Empty));
        for bad in [
            "A12345678",
            "AB123456",
            "AB12345678",
            "1B1234567",
            "ABC123456",
            "AB12345X7",
        ] {
            assert_eq!(
                PassportNumber::parse(bad),
                Err(PassportError::Format),
                "{bad}"
            );
        }
    }

    #[test]
    fn expiry_must_be_future_and_warns_under_six_months() {
        assert_eq!(
            PassportExpiry::parse("2026-11-25", today()),
            Err(PassportError::Expired)
        );
        assert_eq!(
            PassportExpiry::parse("25/11/2030", today()),
            Err(PassportError::DateFormat)
        );
        let soon = PassportExpiry::parse("2027-03-01", today()).unwrap();
        assert!(soon.expires_soon(today()));
        let later = PassportExpiry::parse("2030-01-01", today()).unwrap();
        assert!(!later.expires_soon(today()));
    }

    proptest! {
        #[test]
        fn valid_numbers_round_trip(l in "[A-Za-z]{2}", d in "[0-9]{7}") {
            let p = PassportNumber::parse(&format!("{l}{d}")).unwrap();
            prop_assert_eq!(p.as_str(), format!("{}{d}", l.to_ascii_uppercase()));
        }

        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = PassportNumber::parse(&s);
        }
    }
}
