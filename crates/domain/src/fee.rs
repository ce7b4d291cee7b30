//! Fees in the open (issue 14, item 10): the service charge an OEP takes from a worker it
//! placed may not exceed the government's cap, a course setting (`max_oep_service_charge`)
//! that stays unset until it is read from its official source. While it is unset, or written as
//! anything but one amount in rupees, no charge can be recorded: the portal refuses rather than
//! guess a cap.

use crate::error::FieldErrors;

/// The most a charge or a payment may be, in whole rupees (a sanity bound, not the cap).
pub const MAX_RUPEES: i64 = 10_000_000;

/// The cap in whole rupees, read from the setting's value: `PKR 50,000`, `Rs. 50000/-`,
/// `50000 rupees`. A percentage, a range or several amounts read as no cap (None).
pub fn cap_from_setting(value: &str) -> Option<i64> {
    let mut s = value.trim().to_lowercase();
    for word in ["pkr", "rupees", "rupee", "rs.", "rs", "/-"] {
        s = s.replace(word, " ");
    }
    let digits: String = s.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=MAX_RUPEES).contains(n))
}

/// Whole rupees as typed (commas allowed), 0 to [`MAX_RUPEES`], as the error code of `field`.
fn rupees(field: &'static str, text: &str) -> Result<i64, FieldErrors> {
    let t = text.trim().replace(',', "");
    match t.parse::<i64>() {
        Ok(n) if (0..=MAX_RUPEES).contains(&n) => Ok(n),
        _ if t.is_empty() => Err(FieldErrors::single(field, "required")),
        _ => Err(FieldErrors::single(field, "rupees_range")),
    }
}

/// The charge an OEP records (`amount`), at most `cap`.
pub fn charge(text: &str, cap: i64) -> Result<i64, FieldErrors> {
    let n = rupees("amount", text)?;
    if n > cap {
        return Err(FieldErrors::single("amount", "service_charge_above_cap"));
    }
    Ok(n)
}

/// What the worker says they paid (`paid`), nothing included.
pub fn paid(text: &str) -> Result<i64, FieldErrors> {
    rupees("paid", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_is_one_amount_in_rupees_or_none() {
        assert_eq!(cap_from_setting("PKR 50,000"), Some(50_000));
        assert_eq!(cap_from_setting("Rs. 12000/-"), Some(12_000));
        assert_eq!(cap_from_setting("30000 rupees"), Some(30_000));
        assert_eq!(cap_from_setting("7,500"), Some(7_500));
        assert_eq!(cap_from_setting(""), None);
        assert_eq!(cap_from_setting("2% of the salary"), None);
        assert_eq!(cap_from_setting("PKR 10,000 to 20,000"), None);
        assert_eq!(cap_from_setting("0"), None);
    }

    #[test]
    fn a_charge_above_the_cap_is_refused_and_names_the_field() {
        assert_eq!(charge("25,000", 30_000), Ok(25_000));
        assert_eq!(charge("30000", 30_000), Ok(30_000));
        assert_eq!(
            charge("30001", 30_000),
            Err(FieldErrors::single("amount", "service_charge_above_cap"))
        );
        assert_eq!(
            charge(" ", 30_000),
            Err(FieldErrors::single("amount", "required"))
        );
        assert_eq!(
            charge("-5", 30_000),
            Err(FieldErrors::single("amount", "rupees_range"))
        );
        assert_eq!(
            charge("abc", 30_000),
            Err(FieldErrors::single("amount", "rupees_range"))
        );
        assert_eq!(paid("0"), Ok(0));
        assert_eq!(paid("45,000"), Ok(45_000));
        assert_eq!(
            paid("1e5"),
            Err(FieldErrors::single("paid", "rupees_range"))
        );
    }
}
