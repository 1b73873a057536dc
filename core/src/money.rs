//! Money: [`Decimal`] amounts rounded to the currency's minor unit.
//!
//! Amounts never pass through a float. Rounding is half away from zero,
//! applied once per decision line (DOMAIN.md §4).

use crate::name::Name;
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
    round_dp(amount, minor_unit(currency))
}

/// `percent` % of `amount`, rounded as [`round`] does.
pub fn percent_of(amount: Decimal, percent: Decimal, currency: &str) -> Decimal {
    round(amount * percent / Decimal::ONE_HUNDRED, currency)
}

/// A currency code with its minor unit, looked up once (a rule set holds
/// one): rounds as [`round`] and [`percent_of`] do, without looking the
/// code up on every amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    /// The ISO 4217 code.
    pub code: Name,
    /// Decimal places of the minor unit ([`minor_unit`]).
    pub minor_unit: u32,
}

impl Currency {
    /// The currency `code`, with its minor unit.
    pub fn new(code: Name) -> Currency {
        Currency {
            code,
            minor_unit: minor_unit(&code),
        }
    }

    /// Zero, written with the minor unit's places (`0.00`).
    pub fn zero(self) -> Decimal {
        Decimal::new(0, self.minor_unit)
    }

    /// `amount` rounded as [`round`] rounds it.
    pub fn round(self, amount: Decimal) -> Decimal {
        round_dp(amount, self.minor_unit)
    }

    /// `percent` % of `amount`, rounded as [`percent_of`] rounds it.
    pub fn percent_of(self, amount: Decimal, percent: Decimal) -> Decimal {
        self.round(amount * percent / Decimal::ONE_HUNDRED)
    }
}

/// Rounds to `dp` places, half away from zero, and writes `dp` places.
fn round_dp(amount: Decimal, dp: u32) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(dp);
    rounded
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
    fn a_currency_rounds_as_its_code_does() {
        for code in ["RON", "JPY", "KWD", "EUR"] {
            let currency = Currency::new(Name::new(code));
            for amount in ["0.125", "-0.125", "550", "10.5", "1.2345", "1234.5"] {
                let amount = dec(amount);
                assert_eq!(
                    currency.round(amount).to_string(),
                    round(amount, code).to_string()
                );
                assert_eq!(
                    currency.percent_of(amount, dec("7")).to_string(),
                    percent_of(amount, dec("7"), code).to_string()
                );
            }
            assert_eq!(
                currency.zero().to_string(),
                round(Decimal::ZERO, code).to_string()
            );
        }
    }

    #[test]
    fn seven_percent_of_an_implant() {
        assert_eq!(
            percent_of(dec("60000.00"), dec("7"), "RUB").to_string(),
            "4200.00"
        );
    }
}
