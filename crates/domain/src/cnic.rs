//! Computerised National Identity Card number (NADRA): 13 digits, `12345-1234567-1`.

use crate::coded_error;
use crate::person::Gender;

coded_error!(
    /// Why a CNIC was refused.
    CnicError {
        Empty => "required",
        Format => "cnic_format",
        Region => "cnic_region",
        GenderMismatch => "cnic_gender_mismatch",
    }
);

/// A valid CNIC, held normalised as 13 ASCII digits.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Cnic(String);

impl Cnic {
    /// Accepts `12345-1234567-1` or `1234512345671` (surrounding spaces ignored).
    pub fn parse(input: &str) -> Result<Self, CnicError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(CnicError::Empty);
        }
        let digits: String = if s.len() == 15 {
            let b = s.as_bytes();
            if b[5] != b'-' || b[13] != b'-' {
                return Err(CnicError::Format);
            }
            s.chars().filter(|c| *c != '-').collect()
        } else {
            s.to_owned()
        };
        if digits.len() != 13 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CnicError::Format);
        }
        if digits.starts_with('0') {
            return Err(CnicError::Region);
        }
        Ok(Self(digits))
    }

    /// The 13 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `12345-1234567-1`.
    pub fn formatted(&self) -> String {
        format!("{}-{}-{}", &self.0[..5], &self.0[5..12], &self.0[12..])
    }

    /// The gender the last digit encodes: odd male, even female.
    pub fn encoded_gender(&self) -> Gender {
        let last = self.0.as_bytes()[12] - b'0';
        if last % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// Checks the last digit against a declared gender (only male and female are encoded).
    pub fn check_gender(&self, gender: Gender) -> Result<(), CnicError> {
        match gender {
            Gender::Male | Gender::Female if gender != self.encoded_gender() => {
                Err(CnicError::GenderMismatch)
            }
            _ => Ok(()),
        }
    }

    /// `*****-*****67-1`: what public pages may show.
    pub fn masked(&self) -> String {
        format!("*****-*****{}-{}", &self.0[10..12], &self.0[12..])
    }

    pub fn last_four(&self) -> &str {
        &self.0[9..]
    }
}

impl std::fmt::Debug for Cnic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Personal data: never printed in full, even in debug output.
        write!(f, "Cnic({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_both_forms_and_normalises() {
        let a = Cnic::parse("35202-1234567-1").unwrap();
        let b = Cnic::parse(" 3520212345671 ").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "3520212345671");
        assert_eq!(a.formatted(), "35202-1234567-1");
        assert_eq!(a.masked(), "*****-*****67-1");
        assert_eq!(a.last_four(), "5671");
    }

    #[test]
    fn refuses_bad_shapes() {
        assert_eq!(Cnic::parse(""), Err(CnicError::Empty));
        for bad in [
            "35202-123456-71",
            "352021234567",
            "35202123456712",
            "3520A1234567",
            "35202_1234567_1",
            "35202-1234567-",
        ] {
            assert_eq!(Cnic::parse(bad), Err(CnicError::Format), "{bad}");
        }
        assert_eq!(Cnic::parse("05202-1234567-1"), Err(CnicError::Region));
    }

    #[test]
    fn last_digit_encodes_gender() {
        let male = Cnic::parse("3520212345671").unwrap();
        let female = Cnic::parse("3520212345672").unwrap();
        assert_eq!(male.check_gender(Gender::Male), Ok(()));
        assert_eq!(
            male.check_gender(Gender::Female),
            Err(CnicError::GenderMismatch)
        );
        assert_eq!(female.check_gender(Gender::Female), Ok(()));
        assert_eq!(
            female.check_gender(Gender::Male),
            Err(CnicError::GenderMismatch)
        );
        assert_eq!(female.check_gender(Gender::Other), Ok(()));
    }

    #[test]
    fn debug_does_not_leak() {
        let c = Cnic::parse("3520212345671").unwrap();
        assert!(!format!("{c:?}").contains("35202"));
    }

    proptest! {
        #[test]
        fn any_valid_digits_round_trip(region in 1u8..=9, rest in "[0-9]{12}") {
            let raw = format!("{region}{rest}");
            let c = Cnic::parse(&raw).unwrap();
            prop_assert_eq!(c.as_str(), raw.as_str());
            prop_assert_eq!(Cnic::parse(&c.formatted()).unwrap(), c);
        }

        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = Cnic::parse(&s);
        }
    }
}
