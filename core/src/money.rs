//! Money: [`Decimal`] amounts rounded to the currency's minor unit.
//!
//! Amounts never pass through a float. Rounding is half away from zero,
//! applied once per decision line (DOMAIN.md §4).

use rust_decimal::{Decimal, RoundingStrategy};

/// Number of decimal places of a currency's minor unit (ISO 4217).
/// Unknown codes use 2, the most common.
pub fn minor_unit(currency: &str) -> u32 {
    const NONE: [[u8; 3]; 7] = [
        *b"JPY", *b"KRW", *b"CLP", *b"ISK", *b"VND", *b"PYG", *b"UGX",
    ];
    const THREE: [[u8; 3]; 7] = [
        *b"BHD", *b"KWD", *b"OMR", *b"JOD", *b"TND", *b"LYD", *b"IQD",
    ];
    match <[u8; 3]>::try_from(currency.as_bytes()) {
        Ok(code) if NONE.contains(&code) => 0,
        Ok(code) if THREE.contains(&code) => 3,
        _ => 2,
    }
}

/// Rounds `amount` to the minor unit of `currency`, half away from zero,
/// and fixes the scale so that `550` prints as `550.00`.
pub fn round(amount: Decimal, currency: &str) -> Decimal {
    let dp = minor_unit(currency);
    let mut rounded = amount.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(dp);
    rounded
}

/// `percent` % of `amount`, rounded as [`round`] does.
pub fn percent_of(amount: Decimal, percent: Decimal, currency: &str) -> Decimal {
    round(amount * percent / Decimal::ONE_HUNDRED, currency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    #[test]
    fn rounds_half_away_from_zero_once() {
        assert_eq!(
            percent_of(dec("1234.50"), dec("7"), "RUB").to_string(),
            "86.42"
        );
        assert_eq!(round(dec("0.125"), "RON").to_string(), "0.13");
        assert_eq!(round(dec("-0.125"), "RON").to_string(), "-0.13");
        assert_eq!(round(dec("550"), "RON").to_string(), "550.00");
        assert_eq!(round(dec("10.5"), "JPY").to_string(), "11");
        assert_eq!(round(dec("1.2345"), "KWD").to_string(), "1.235");
        assert_eq!(round(dec("1.2345"), "EURO").to_string(), "1.23");
    }

    #[test]
    fn seven_percent_of_an_implant() {
        assert_eq!(
            percent_of(dec("60000.00"), dec("7"), "RUB").to_string(),
            "4200.00"
        );
    }
}
