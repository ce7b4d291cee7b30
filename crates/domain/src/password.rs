//! The password policy: at least 8 characters, not a common password, not the CNIC.
//! No other composition rules (NIST SP 800-63B).

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::cnic::Cnic;
use crate::coded_error;

coded_error!(
    /// Why a password was refused.
    PasswordError {
        Empty => "required",
        TooShort => "password_too_short",
        TooLong => "password_too_long",
        Common => "password_common",
        IsCnic => "password_is_cnic",
    }
);

static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .map(str::to_lowercase)
        .collect()
});

/// A password that satisfies the policy. Its `Debug` prints nothing.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 8;
    pub const MAX_CHARS: usize = 128;

    /// `cnic` is the account's CNIC when known (refused as a password in any of its forms).
    pub fn parse(input: &str, cnic: Option<&Cnic>) -> Result<Self, PasswordError> {
        if input.is_empty() {
            return Err(PasswordError::Empty);
        }
        let n = input.chars().count();
        if n < Self::MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if n > Self::MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        // Not the account's CNIC, and not any CNIC-shaped number: the answer must not depend on
        // the account (a reset form would otherwise tell whether a CNIC is registered).
        let numeric = input
            .chars()
            .all(|ch| ch.is_ascii_digit() || ch == '-' || ch == ' ');
        let digits: String = input.chars().filter(char::is_ascii_digit).collect();
        if numeric && (Cnic::parse(&digits).is_ok() || cnic.is_some_and(|c| digits == c.as_str())) {
            return Err(PasswordError::IsCnic);
        }
        if COMMON.contains(&input.to_lowercase()) {
            return Err(PasswordError::Common);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        let cnic = Cnic::parse("3520212345671").unwrap();
        assert!(matches!(
            Password::parse("", None),
            Err(PasswordError::Empty)
        ));
        assert!(matches!(
            Password::parse("short1", None),
            Err(PasswordError::TooShort)
        ));
        assert!(matches!(
            Password::parse(&"x".repeat(129), None),
            Err(PasswordError::TooLong)
        ));
        assert!(matches!(
            Password::parse("password", None),
            Err(PasswordError::Common)
        ));
        assert!(matches!(
            Password::parse("PassWord1", None),
            Err(PasswordError::Common)
        ));
        assert!(matches!(
            Password::parse("Pakistan123", None),
            Err(PasswordError::Common)
        ));
        assert!(matches!(
            Password::parse("35202-1234567-1", Some(&cnic)),
            Err(PasswordError::IsCnic)
        ));
        assert!(matches!(
            Password::parse("3520212345671", Some(&cnic)),
            Err(PasswordError::IsCnic)
        ));
        assert!(Password::parse("sialkot mason 2026", Some(&cnic)).is_ok());
        assert!(
            matches!(
                Password::parse("61101-2345678-9", None),
                Err(PasswordError::IsCnic)
            ),
            "any CNIC-shaped password"
        );
        assert!(Password::parse("میرا پاسورڈ لمبا ہے", None).is_ok());
    }

    #[test]
    fn common_list_is_loaded() {
        assert!(COMMON.len() > 10_000);
        assert!(COMMON.iter().all(|p| p.chars().count() >= 8));
    }

    #[test]
    fn debug_hides_secret() {
        assert_eq!(
            format!("{:?}", Password::parse("sialkot mason 2026", None).unwrap()),
            "Password(***)"
        );
    }
}
