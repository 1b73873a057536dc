//! Wall-clock times of the day, by the minute (`08:00`).

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A time of day by the minute, written `HH:MM` (`00:00` to `23:59`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    minutes: u16,
}

impl ClockTime {
    /// The time `hour:minute`, if it exists.
    pub fn new(hour: u32, minute: u32) -> Option<ClockTime> {
        (hour < 24 && minute < 60).then(|| ClockTime {
            minutes: (hour * 60 + minute) as u16,
        })
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        self.minutes
    }

    /// Hour (0–23).
    pub fn hour(self) -> u32 {
        u32::from(self.minutes / 60)
    }

    /// Minute (0–59).
    pub fn minute(self) -> u32 {
        u32::from(self.minutes % 60)
    }

    /// Parses `HH:MM` with two digits each.
    pub fn parse(text: &str) -> Option<ClockTime> {
        let (h, m) = text.split_once(':')?;
        if h.len() != 2 || m.len() != 2 || !h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        ClockTime::new(h.parse().ok()?, m.parse().ok()?)
    }

    /// The chrono time at the start of this minute.
    pub fn to_naive(self) -> chrono::NaiveTime {
        chrono::NaiveTime::from_hms_opt(self.hour(), self.minute(), 0)
            .unwrap_or(chrono::NaiveTime::MIN)
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ClockTime::parse(&text).ok_or_else(|| {
            de::Error::custom(format_args!(
                "invalid time `{text}`, expected HH:MM between 00:00 and 23:59"
            ))
        })
    }
}

impl schemars::JsonSchema for ClockTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "description": "A time of day by the minute, `HH:MM`."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::ClockTime;

    #[test]
    fn parses_and_prints_hh_mm() {
        assert_eq!(ClockTime::parse("08:00").map(|t| t.minutes()), Some(480));
        assert_eq!(
            ClockTime::parse("23:59").map(|t| t.to_string()).as_deref(),
            Some("23:59")
        );
        assert_eq!(ClockTime::parse("24:00"), None);
        assert_eq!(ClockTime::parse("8:00"), None);
        assert_eq!(ClockTime::parse("08:60"), None);
        assert_eq!(ClockTime::parse("08-00"), None);
    }
}
