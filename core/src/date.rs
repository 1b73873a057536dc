//! Calendar arithmetic with the conventions of the contract (DOMAIN.md §4).
//!
//! Dates are ISO 8601 calendar dates without a time zone ([`NaiveDate`]).
//! They deserialize through [`iso`] so that an impossible date such as
//! `2026-02-30` is reported with its value rather than as "out of range".

use chrono::{Datelike, Days, Months, NaiveDate};

/// Adds `months` calendar months; where the target month has no such day,
/// the result is that month's last day (2026-01-31 + 1 month = 2026-02-28).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Adds `days` days, saturating at the largest representable date.
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Completed years between `birth` and `on` (a person's age on a date).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// The first day of the policy year that contains `on`, for a policy whose
/// first year starts on `start`. Policy years run from `start` in steps of 12
/// months; dates before `start` belong to the first year.
pub fn policy_year_start(start: NaiveDate, on: NaiveDate) -> NaiveDate {
    if on < start {
        return start;
    }
    let months_between = (on.year() - start.year()) * 12 + on.month() as i32 - start.month() as i32;
    let mut years = (months_between / 12).max(0) as u32;
    // `add_months` may clamp the day, so step back while we overshoot.
    while years > 0 && add_months(start, years * 12) > on {
        years -= 1;
    }
    add_months(start, years * 12)
}

/// Parses an ISO 8601 calendar date (`2026-05-10`): exactly `YYYY-MM-DD`,
/// and an existing day.
pub fn parse(text: &str) -> Option<NaiveDate> {
    parse_bytes(<&[u8; 10]>::try_from(text.as_bytes()).ok()?)
}

/// [`parse`] on the ten bytes of a date. Every request has several dates,
/// so the eight digits are read at once, as one 64-bit word.
pub(crate) fn parse_bytes(bytes: &[u8; 10]) -> Option<NaiveDate> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *bytes else {
        return None;
    };
    let [year_high, year_low, month, day] = two_digit_numbers([y0, y1, y2, y3, m0, m1, d0, d1])?;
    let year = year_high * 100 + year_low;
    NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
}

/// Eight ASCII digits read as four two-digit numbers (`20 26 06 15`), or
/// `None` if a byte is not a digit.
fn two_digit_numbers(digits: [u8; 8]) -> Option<[u16; 4]> {
    const ONES: u64 = u64::MAX / 255;
    let values = u64::from_le_bytes(digits).wrapping_sub(ONES * u64::from(b'0'));
    // A byte that was not a digit has its high bit set either way: below
    // `0` it wrapped around, above `9` adding 0x76 passes 0x7f.
    if (values | values.wrapping_add(ONES * 0x76)) & (ONES << 7) != 0 {
        return None;
    }
    // Each byte becomes ten times itself plus the next: the even bytes
    // hold the pairs (at most 99, so no byte carries into the next).
    let pairs = (values * 10 + (values >> 8)) & 0x00ff_00ff_00ff_00ff;
    let lane = |i: u32| (pairs >> (16 * i)) as u16;
    Some([lane(0), lane(1), lane(2), lane(3)])
}

/// Writes `date` as `YYYY-MM-DD` into a fixed buffer (years 0 to 9999;
/// others fall back to chrono's formatting).
pub fn write_iso(date: NaiveDate, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&y) {
        return write!(out, "{}", date.format("%Y-%m-%d"));
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let y = y as u32;
    let text = [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ];
    // Ten ASCII digits and dashes: always UTF-8.
    out.write_str(std::str::from_utf8(&text).unwrap_or_default())
}

/// A date that displays as `YYYY-MM-DD` (see [`write_iso`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Iso(pub NaiveDate);

impl std::fmt::Display for Iso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_iso(self.0, f)
    }
}

/// Serde support for [`NaiveDate`] fields written as ISO strings, with
/// errors that quote the offending value.
pub mod iso {
    use chrono::NaiveDate;
    use serde::{de, Deserializer, Serializer};

    /// Serializes as `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&super::Iso(*date))
    }

    /// Deserializes from `YYYY-MM-DD`; an impossible date is an error naming it.
    /// The text is read in place, never copied.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(IsoVisitor)
    }

    struct IsoVisitor;

    impl de::Visitor<'_> for IsoVisitor {
        type Value = NaiveDate;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date as YYYY-MM-DD")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
            super::parse(text).ok_or_else(|| {
                E::custom(format_args!(
                    "invalid date `{text}`, expected an existing calendar date as YYYY-MM-DD"
                ))
            })
        }
    }
}

/// Like [`iso`], for optional dates (`null` or absent means none).
pub mod iso_opt {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serializes `Some` as `YYYY-MM-DD` and `None` as `null`.
    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => super::iso::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    /// Deserializes `null` as `None` and a string through [`super::iso`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super::iso")] NaiveDate);
        Ok(Option::<Wrapped>::deserialize(d)?.map(|Wrapped(date)| date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        parse(text).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn month_arithmetic_clamps_to_the_last_day() {
        assert_eq!(add_months(d("2026-03-01"), 1), d("2026-04-01"));
        assert_eq!(add_months(d("2026-01-31"), 1), d("2026-02-28"));
        assert_eq!(add_months(d("2028-01-31"), 1), d("2028-02-29"));
        assert_eq!(add_months(d("2028-02-29"), 12), d("2029-02-28"));
        assert_eq!(add_months(d("2026-01-05"), 24), d("2028-01-05"));
    }

    #[test]
    fn dates_write_as_chrono_formats_them() {
        for (y, m, day) in [
            (0, 1, 1),
            (7, 2, 3),
            (999, 12, 31),
            (1000, 1, 1),
            (2026, 6, 15),
            (2028, 2, 29),
            (9999, 12, 31),
            (-1, 1, 1),
            (10_000, 1, 1),
        ] {
            let Some(date) = NaiveDate::from_ymd_opt(y, m, day) else {
                panic!("{y}-{m}-{day} is a date");
            };
            assert_eq!(
                Iso(date).to_string(),
                date.format("%Y-%m-%d").to_string(),
                "{y}-{m}-{day}"
            );
        }
    }

    #[test]
    fn age_counts_completed_years() {
        assert_eq!(age_on(d("2008-05-10"), d("2026-05-09")), 17);
        assert_eq!(age_on(d("2008-05-10"), d("2026-05-10")), 18);
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
        assert_eq!(age_on(d("2008-02-29"), d("2026-03-01")), 18);
    }

    #[test]
    fn policy_years_step_from_the_start() {
        assert_eq!(
            policy_year_start(d("2026-01-01"), d("2026-12-31")),
            d("2026-01-01")
        );
        assert_eq!(
            policy_year_start(d("2025-07-01"), d("2026-06-30")),
            d("2025-07-01")
        );
        assert_eq!(
            policy_year_start(d("2025-07-01"), d("2026-07-01")),
            d("2026-07-01")
        );
        assert_eq!(
            policy_year_start(d("2024-02-29"), d("2025-02-28")),
            d("2025-02-28")
        );
        assert_eq!(
            policy_year_start(d("2026-01-01"), d("2025-12-31")),
            d("2026-01-01")
        );
    }

    /// A date read digit by digit, the obvious way.
    fn parse_slowly(text: &str) -> Option<NaiveDate> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| {
            let digits = &bytes[range];
            digits
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| digits.iter().fold(0, |n, b| n * 10 + i32::from(b - b'0')))
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        NaiveDate::from_ymd_opt(year, month as u32, day as u32)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, .. Default::default() })]
        /// The eight digits read at once read as the obvious way reads
        /// them: any date, and ten bytes around the edges of digits.
        #[test]
        fn dates_read_at_once_read_as_digit_by_digit(
            text in proptest::prop_oneof![
                "[0-9]{4}-[0-9]{2}-[0-9]{2}",
                "[0-9/:.-]{4}-[0-9/:]{2}-[0-9/:]{2}",
                "[\\x00-\\x7f]{10}",
                "[0-9é]{3}-[0-9]{2}-[0-9]{2}",
                "[0-9]{4}-(0[0-9]|1[0-3])-([0-2][0-9]|3[0-2])",
            ],
        ) {
            proptest::prop_assert_eq!(parse(&text), parse_slowly(&text), "{}", text);
        }
    }

    #[test]
    fn impossible_dates_do_not_parse() {
        assert!(parse("2026-02-30").is_none());
        assert!(parse("2026-13-01").is_none());
        assert!(parse("2026-1-01").is_none());
        assert!(parse("2026-01-01T").is_none());
        assert!(parse("+026-01-01").is_none());
        assert!(parse("2026/01/01").is_none());
        assert!(parse("2026-00-10").is_none());
        assert!(parse("２０２６-01-01").is_none());
        assert!(parse("2026-0:-01").is_none());
        assert!(parse("2026-0/-01").is_none());
        assert!(parse("2é6-01-01").is_none());
        assert_eq!(parse("0000-01-01"), NaiveDate::from_ymd_opt(0, 1, 1));
        assert_eq!(parse("9999-12-31"), NaiveDate::from_ymd_opt(9999, 12, 31));
        assert_eq!(parse("2028-02-29"), Some(d("2028-02-29")));
    }
}
