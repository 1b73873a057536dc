//! Explanations in the languages of the people who use the bundled rule sets:
//! English, Romanian, Russian and Portuguese.
//!
//! Each reason's message is a template with named values (`{service}`,
//! `{ends}`), kept per language in `core/messages/<lang>.json` so that
//! translators edit data, not code. The code names a template by its
//! [`Key`] and each value by its [`Slot`], both enums, so a misspelt name
//! does not compile. The catalogs are compiled into the library (no I/O at
//! run time) and resolved once into texts and slots. A test checks that
//! every language has every key, and no other, with the same values.

mod names;

pub use names::{Key, Slot};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A language for explanations.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Romanian.
    Ro,
    /// Russian.
    Ru,
    /// Portuguese.
    Pt,
}

impl Lang {
    /// Every language.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Ro, Lang::Ru, Lang::Pt];

    /// The ISO 639-1 code (`ro`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ro => "ro",
            Lang::Ru => "ru",
            Lang::Pt => "pt",
        }
    }

    /// The language's catalog as written.
    pub fn catalog_source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../messages/en.json"),
            Lang::Ro => include_str!("../../messages/ro.json"),
            Lang::Ru => include_str!("../../messages/ru.json"),
            Lang::Pt => include_str!("../../messages/pt.json"),
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| format!("unknown language `{text}`, expected one of: en, ro, ru, pt"))
    }
}

/// A message to render: its [`Key`] in the catalogs and its values by
/// [`Slot`]. Values are kept as borrowed text, dates and numbers, and
/// rendering writes them straight into the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message<'a> {
    key: Key,
    values: smallvec::SmallVec<[(Slot, Value<'a>); 6]>,
}

/// A value of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Text (an id, a code).
    Text(std::borrow::Cow<'a, str>),
    /// A date, written `YYYY-MM-DD`.
    Date(chrono::NaiveDate),
    /// A whole number.
    Int(i64),
    /// A decimal (money, a percent).
    Decimal(rust_decimal::Decimal),
}

impl Value<'_> {
    /// Writes the value as text, without the formatting machinery (messages
    /// are rendered on every decision).
    fn write_to(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        match self {
            Value::Text(t) => out.write_str(t),
            Value::Date(d) => crate::date::write_iso(*d, out),
            Value::Int(n) => out.write_str(itoa::Buffer::new().format(*n)),
            Value::Decimal(d) => write_decimal(*d, out),
        }
    }
}

impl std::fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_to(f)
    }
}

/// Writes `d` as [`rust_decimal::Decimal`]'s `Display` does (all digits of
/// its scale: `550.00`), without the formatting machinery.
fn write_decimal(d: rust_decimal::Decimal, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    let mantissa = d.mantissa();
    let mut digits = itoa::Buffer::new();
    // Amounts fit 64 bits, whose digits are written in half the time.
    let digits = match u64::try_from(mantissa.unsigned_abs()) {
        Ok(small) => digits.format(small),
        Err(_) => digits.format(mantissa.unsigned_abs()),
    };
    let scale = d.scale() as usize;
    if d.is_sign_negative() && mantissa != 0 {
        out.write_char('-')?;
    }
    if digits.len() <= scale {
        out.write_str("0.")?;
        for _ in digits.len()..scale {
            out.write_char('0')?;
        }
        return out.write_str(digits);
    }
    let (whole, fraction) = digits.split_at(digits.len() - scale);
    out.write_str(whole)?;
    if !fraction.is_empty() {
        out.write_char('.')?;
        out.write_str(fraction)?;
    }
    Ok(())
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(text: &'a str) -> Self {
        Value::Text(std::borrow::Cow::Borrowed(text))
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(text: &'a String) -> Self {
        Value::Text(std::borrow::Cow::Borrowed(text))
    }
}

impl<'a> From<&'a crate::request::Text> for Value<'a> {
    fn from(text: &'a crate::request::Text) -> Self {
        Value::Text(std::borrow::Cow::Borrowed(text.as_str()))
    }
}

impl From<crate::Name> for Value<'_> {
    fn from(name: crate::Name) -> Self {
        Value::Text(std::borrow::Cow::Borrowed(name.as_str()))
    }
}

impl<'a> From<&'a crate::Name> for Value<'a> {
    fn from(name: &'a crate::Name) -> Self {
        Value::Text(std::borrow::Cow::Borrowed(name.as_str()))
    }
}

impl From<String> for Value<'_> {
    fn from(text: String) -> Self {
        Value::Text(std::borrow::Cow::Owned(text))
    }
}

impl From<chrono::NaiveDate> for Value<'_> {
    fn from(date: chrono::NaiveDate) -> Self {
        Value::Date(date)
    }
}

impl From<u32> for Value<'_> {
    fn from(n: u32) -> Self {
        Value::Int(i64::from(n))
    }
}

impl From<i32> for Value<'_> {
    fn from(n: i32) -> Self {
        Value::Int(i64::from(n))
    }
}

impl From<rust_decimal::Decimal> for Value<'_> {
    fn from(d: rust_decimal::Decimal) -> Self {
        Value::Decimal(d)
    }
}

impl<'a> Message<'a> {
    /// The message `key` of the catalogs.
    #[inline]
    pub fn new(key: Key) -> Self {
        Message {
            key,
            values: smallvec::SmallVec::new(),
        }
    }

    /// Adds the value of `slot`.
    #[inline]
    pub fn with(mut self, slot: Slot, value: impl Into<Value<'a>>) -> Self {
        self.values.push((slot, value.into()));
        self
    }

    /// The catalog key.
    pub fn key(&self) -> Key {
        self.key
    }

    fn value(&self, slot: Slot) -> Option<&Value<'a>> {
        self.values.iter().find(|(s, _)| *s == slot).map(|(_, v)| v)
    }

    /// The text in `lang`. A key missing from a catalog falls back to
    /// English, and then to the key with its values (the catalog test keeps
    /// both from happening).
    pub fn render(&self, lang: Lang) -> String {
        self.render_from(catalogs(), lang)
    }

    fn render_from(&self, catalogs: &[Catalog], lang: Lang) -> String {
        let in_lang = |lang: Lang| {
            catalogs
                .get(lang as usize)
                .and_then(|c| c.get(self.key as usize))
                .and_then(Option::as_ref)
        };
        let template = in_lang(lang).or_else(|| in_lang(Lang::En));
        let Some(template) = template else {
            return self.without_template();
        };
        let mut out = String::with_capacity(CAPACITY);
        for part in &template.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Value(slot) => match self.value(*slot) {
                    Some(value) => {
                        let _ = value.write_to(&mut out);
                    }
                    None => {
                        out.push('{');
                        out.push_str(slot.name());
                        out.push('}');
                    }
                },
            }
        }
        out
    }

    /// The key and its values, `KEY (name=value, …)`.
    fn without_template(&self) -> String {
        use std::fmt::Write;
        let mut out = String::from(self.key.name());
        for (i, (slot, value)) in self.values.iter().enumerate() {
            let _ = write!(
                out,
                "{}{}={value}",
                if i == 0 { " (" } else { ", " },
                slot.name()
            );
        }
        if !self.values.is_empty() {
            out.push(')');
        }
        out
    }
}

/// The room a rendered message starts with, the same for every message:
/// nearly all fit, and one size keeps a batch's messages together in the
/// allocator, so freeing them touches fewer pages. (Sized to each template,
/// freeing a batch's result was about a tenth slower, side by side.)
const CAPACITY: usize = 112;

/// A piece of a template as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Text(String),
    /// A named value, `{name}`.
    Value(String),
}

/// Splits a template into text and `{name}` pieces.
pub fn pieces(template: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest.get(open..).and_then(|r| r.find('}')).map(|c| open + c) else {
            break;
        };
        if open > 0 {
            out.push(Piece::Text(rest.get(..open).unwrap_or_default().to_owned()));
        }
        out.push(Piece::Value(
            rest.get(open + 1..close).unwrap_or_default().to_owned(),
        ));
        rest = rest.get(close + 1..).unwrap_or_default();
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_owned()));
    }
    out
}

/// A template ready to render: literal texts and slots.
struct Template {
    parts: Vec<Part>,
}

enum Part {
    Text(Box<str>),
    Value(Slot),
}

impl Template {
    /// Resolves `{name}`s to slots; a name that is no slot stays as text
    /// (the catalog test keeps that from happening).
    fn new(template: &str) -> Template {
        let parts = pieces(template)
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => Part::Text(text.into()),
                Piece::Value(name) => match Slot::from_name(&name) {
                    Some(slot) => Part::Value(slot),
                    None => Part::Text(format!("{{{name}}}").into()),
                },
            })
            .collect();
        Template { parts }
    }
}

/// A language's templates, indexed by [`Key`].
type Catalog = Vec<Option<Template>>;

/// The four catalogs, in [`Lang::ALL`] order, parsed once.
fn catalogs() -> &'static [Catalog] {
    static CATALOGS: OnceLock<Vec<Catalog>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|lang| {
                let raw: HashMap<String, String> =
                    serde_json::from_str(lang.catalog_source()).unwrap_or_default();
                let mut catalog: Catalog = Key::ALL.iter().map(|_| None).collect();
                for (key, template) in raw {
                    let entry = Key::from_name(&key).and_then(|k| catalog.get_mut(k as usize));
                    if let Some(entry) = entry {
                        *entry = Some(Template::new(&template));
                    }
                }
                catalog
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_values_into_the_template() {
        let m = Message::new(Key::WaitingPeriodDays)
            .with(Slot::Name, "general")
            .with(Slot::N, 180u32)
            .with(
                Slot::Enrolled,
                crate::date::parse("2026-01-05").unwrap_or_default(),
            )
            .with(Slot::Ends, "2026-07-04");
        assert_eq!(
            m.render(Lang::En),
            "waiting period `general` (180 days from enrollment on 2026-01-05) runs until 2026-07-04; covered from 2026-07-04"
        );
        assert!(m
            .render(Lang::Pt)
            .starts_with("carência `general` (180 dias"));
        assert!(m.render(Lang::Ru).contains("180 дней"));
        assert!(m.render(Lang::Ro).contains("180 zile"));
    }

    #[test]
    fn decimals_render_as_their_display() {
        use rust_decimal::Decimal;
        for text in [
            "0",
            "0.00",
            "550.00",
            "-0.125",
            "0.5",
            "-12.3400",
            "7",
            "100",
            "0.001",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "18446744073709551615",
            "1844674407370955161.6",
            "-18446744073709551616",
            "0.0000000000000000000000000001",
            "-0.00",
        ] {
            let d: Decimal = text.parse().unwrap_or_default();
            let mut out = String::new();
            let _ = write_decimal(d, &mut out);
            assert_eq!(out, d.to_string(), "{text}");
        }
        for m in [-100_001i64, -999, -1, 0, 1, 9, 10, 99, 12_345, 1_000_000] {
            for scale in 0..6 {
                let d = Decimal::new(m, scale);
                let mut out = String::new();
                let _ = write_decimal(d, &mut out);
                assert_eq!(out, d.to_string(), "{m}e-{scale}");
            }
        }
    }

    #[test]
    fn languages_parse_from_their_codes() {
        assert_eq!("RO".parse::<Lang>(), Ok(Lang::Ro));
        assert!("de".parse::<Lang>().is_err());
    }

    #[test]
    fn keys_missing_from_the_catalogs_fall_back_to_the_key_and_values() {
        let m = Message::new(Key::WaitingPeriodDays)
            .with(Slot::Name, "general")
            .with(Slot::N, 1);
        assert_eq!(
            m.render_from(&[], Lang::Ro),
            "WAITING_PERIOD.days (name=general, n=1)"
        );
        let english_only = catalogs().get(..1).unwrap_or_default();
        assert_eq!(english_only.len(), 1);
        assert_eq!(
            m.render_from(english_only, Lang::Ro),
            m.render(Lang::En),
            "missing in Romanian, so in English"
        );
    }
}
