//! Mobile numbers and email addresses.

use crate::coded_error;

coded_error!(
    /// Why a mobile number was refused.
    MobileError {
        Empty => "required",
        Format => "mobile_format",
    }
);

/// A Pakistani mobile number held as E.164 (`+923XXXXXXXXX`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MobileNumber(String);

impl MobileNumber {
    /// Accepts `03XX XXXXXXX`, `+92 3XX XXXXXXX` and `923XXXXXXXXX`, with spaces or dashes.
    pub fn parse(input: &str) -> Result<Self, MobileError> {
        let s: String = input
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect();
        if s.is_empty() {
            return Err(MobileError::Empty);
        }
        let national = if let Some(rest) = s.strip_prefix("+92") {
            rest
        } else if let Some(rest) = s.strip_prefix("0092") {
            rest
        } else if let Some(rest) = s.strip_prefix("92").filter(|r| r.len() == 10) {
            rest
        } else if let Some(rest) = s.strip_prefix('0') {
            rest
        } else {
            return Err(MobileError::Format);
        };
        let ok = national.len() == 10
            && national.starts_with('3')
            && national.bytes().all(|b| b.is_ascii_digit());
        if ok {
            Ok(Self(format!("+92{national}")))
        } else {
            Err(MobileError::Format)
        }
    }

    /// `+923001234567`.
    pub fn e164(&self) -> &str {
        &self.0
    }

    /// `0300 1234567`, the way people write it.
    pub fn national(&self) -> String {
        format!("0{} {}", &self.0[3..6], &self.0[6..])
    }

    /// `0300 ****567`: shown where the whole number is not needed.
    pub fn masked(&self) -> String {
        format!("0{} ****{}", &self.0[3..6], &self.0[10..])
    }
}

impl std::fmt::Debug for MobileNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MobileNumber({})", self.masked())
    }
}

coded_error!(
    /// Why an email address was refused.
    EmailError {
        Format => "email_format",
        TooLong => "too_long",
    }
);

/// A syntactically valid email address (lower-cased domain).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim();
        if s.chars().count() > Self::MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(EmailError::Format)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if local_ok && domain_ok {
            Ok(Self(format!("{local}@{}", domain.to_ascii_lowercase())))
        } else {
            Err(EmailError::Format)
        }
    }

    /// Parses an optional field: blank means "no email".
    pub fn parse_optional(input: &str) -> Result<Option<Self>, EmailError> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(input).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Email(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mobile_forms_normalise_to_e164() {
        for ok in [
            "03001234567",
            "0300 1234567",
            "0300-1234567",
            "+92 300 1234567",
            "+923001234567",
            "923001234567",
            "00923001234567",
        ] {
            assert_eq!(
                MobileNumber::parse(ok).unwrap().e164(),
                "+923001234567",
                "{ok}"
            );
        }
        let m = MobileNumber::parse("03001234567").unwrap();
        assert_eq!(m.national(), "0300 1234567");
        assert_eq!(m.masked(), "0300 ****567");
    }

    #[test]
    fn mobile_refuses_landlines_and_bad_lengths() {
        assert_eq!(MobileNumber::parse(" "), Err(MobileError::Empty));
        for bad in [
            "0421234567",
            "042 12345678",
            "0300123456",
            "030012345678",
            "+9242123456789",
            "+443001234567",
            "03001234a67",
        ] {
            assert_eq!(MobileNumber::parse(bad), Err(MobileError::Format), "{bad}");
        }
    }

    #[test]
    fn email_syntax() {
        assert_eq!(
            Email::parse("Ali.Khan@Example.PK").unwrap().as_str(),
            "Ali.Khan@example.pk"
        );
        for bad in [
            "ali",
            "ali@",
            "@x.pk",
            "ali@x",
            "a..b@x.pk",
            "ali@-x.pk",
            "ali@x.p1",
            "a b@x.pk",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Format), "{bad}");
        }
        assert_eq!(Email::parse_optional("  "), Ok(None));
    }

    proptest! {
        #[test]
        fn any_mobile_digits_round_trip(op in "3[0-9]{2}", rest in "[0-9]{7}") {
            let m = MobileNumber::parse(&format!("0{op}{rest}")).unwrap();
            prop_assert_eq!(MobileNumber::parse(m.e164()).unwrap(), m.clone());
            prop_assert_eq!(MobileNumber::parse(&m.national()).unwrap(), m);
        }

        #[test]
        fn parsers_never_panic(s in "\\PC{0,40}") {
            let _ = MobileNumber::parse(&s);
            let _ = Email::parse(&s);
        }
    }
}
