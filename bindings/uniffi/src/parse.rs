//! Validation of the strings that carry dates and money across the FFI
//! boundary. Every failure names the field path, in the engine's style.

use crate::error::MedcoverError;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// An ISO date `YYYY-MM-DD` that exists in the calendar.
pub(crate) fn date(path: &str, text: &str) -> Result<NaiveDate, MedcoverError> {
    medcover::date::parse(text).ok_or_else(|| {
        MedcoverError::invalid_field(
            path,
            format!("invalid date `{text}`, expected an existing calendar date as YYYY-MM-DD"),
        )
    })
}

/// An optional ISO date.
pub(crate) fn date_opt(path: &str, text: Option<&str>) -> Result<Option<NaiveDate>, MedcoverError> {
    text.map(|t| date(path, t)).transpose()
}

/// A decimal string: an optional `-`, digits, and optionally `.` and digits
/// (`"1234.50"`). No exponent, no thousands separator, no spaces.
pub(crate) fn money(path: &str, text: &str) -> Result<Decimal, MedcoverError> {
    let invalid = || {
        MedcoverError::invalid_field(
            path,
            format!("invalid amount `{text}`, expected a decimal string like `1234.50`"),
        )
    };
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !fraction.is_none_or(digits) {
        return Err(invalid());
    }
    Decimal::from_str(text).map_err(|_| invalid())
}

/// Money as it leaves: the engine's decimal, with its scale (`"550.00"`).
pub(crate) fn money_out(amount: Decimal) -> String {
    amount.to_string()
}

/// A date as it leaves: `YYYY-MM-DD`.
pub(crate) fn date_out(date: NaiveDate) -> String {
    medcover::date::Iso(date).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_accepts_decimal_strings_only() {
        assert_eq!(
            money_out(money("a", "1234.50").ok().unwrap_or_default()),
            "1234.50"
        );
        assert!(money("a", "-3").is_ok());
        for bad in [
            "", "abc", "1e3", "1,5", " 1", "1.", ".5", "--1", "1.2.3", "+1", "NaN",
        ] {
            assert!(money("history[0].amount", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn dates_must_exist() {
        assert!(date("date", "2026-02-28").is_ok());
        assert!(date("date", "2026-02-30").is_err());
        assert!(date("date", "10.05.2026").is_err());
    }
}
