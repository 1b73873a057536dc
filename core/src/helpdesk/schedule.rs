//! Which channel answers at a given moment.

use super::{ClockTime, Helpdesk, WindowDef};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::{Serialize, Serializer};

/// The channel that handles requests at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// E-mail answered by a human operator.
    HumanEmail,
    /// The phone IVR, which records calls.
    Ivr,
}

impl Channel {
    /// The channel as printed (`human_email`, `ivr`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HumanEmail => "human_email",
            Self::Ivr => "ivr",
        }
    }
}

/// The kind of a calendar day for the schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A working day.
    Workday,
    /// A day of rest that is not a public holiday.
    Weekend,
    /// A public holiday (on any day of the week).
    PublicHoliday,
}

impl DayKind {
    /// The kind as printed (`workday`, `weekend`, `public_holiday`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Workday => "workday",
            Self::Weekend => "weekend",
            Self::PublicHoliday => "public_holiday",
        }
    }
}

/// A human e-mail window of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct WindowAnswer {
    /// First minute.
    pub from: ClockTime,
    /// Last minute (inclusive).
    pub to: ClockTime,
}

/// The public holiday a date falls on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HolidayAnswer {
    /// The date.
    #[serde(with = "crate::date::iso")]
    pub date: NaiveDate,
    /// Its name, when the rules give one.
    pub name: Option<String>,
}

/// Which channel answers at a moment, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChannelAnswer {
    /// The moment asked about, by the minute.
    #[serde(serialize_with = "minute")]
    pub at: NaiveDateTime,
    /// The channel.
    pub channel: Channel,
    /// The kind of day.
    pub day_kind: DayKind,
    /// The public holiday, when the day is one.
    pub holiday: Option<HolidayAnswer>,
    /// The human e-mail window the moment falls in (when `human_email`).
    pub window: Option<WindowAnswer>,
    /// The day's human e-mail windows.
    pub human_email_windows: Vec<WindowAnswer>,
    /// When the next human e-mail window starts (when `ivr`); `None` when
    /// no window starts within a year.
    #[serde(serialize_with = "minute_opt")]
    pub next_human_email: Option<NaiveDateTime>,
    /// False when the rules list no public holiday in the moment's year, so
    /// a holiday may have been missed.
    pub holidays_listed_for_year: bool,
}

fn minute<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&at.format("%Y-%m-%dT%H:%M"))
}

fn minute_opt<S: Serializer>(at: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => minute(at, s),
        None => s.serialize_none(),
    }
}

/// Parses a local moment: `2026-03-10T18:01`, with optional seconds, and a
/// space instead of `T` accepted. `None` when it is not a real moment.
pub fn parse_moment(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
}

impl Helpdesk {
    /// The kind of `date`: a listed public holiday first, then a weekend day,
    /// else a workday.
    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        if self.holidays.contains_key(&date) {
            DayKind::PublicHoliday
        } else if self.weekend_days.contains(&date.weekday()) {
            DayKind::Weekend
        } else {
            DayKind::Workday
        }
    }

    /// The human e-mail windows of a kind of day, in order.
    pub fn human_email_windows(&self, kind: DayKind) -> &[WindowDef] {
        match kind {
            DayKind::Workday => &self.workday,
            DayKind::Weekend => &self.weekend,
            DayKind::PublicHoliday => &self.public_holiday,
        }
    }

    /// Which channel answers at `at` (local time). Seconds are ignored: the
    /// schedule works by the minute, so 18:00:59 is still 18:00.
    pub fn channel_at(&self, at: NaiveDateTime) -> ChannelAnswer {
        let at = at
            .with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(at);
        let date = at.date();
        let minute = (at.hour() * 60 + at.minute()) as u16;
        let day_kind = self.day_kind(date);
        let windows = self.human_email_windows(day_kind);
        let window = windows
            .iter()
            .find(|w| w.from.minutes() <= minute && minute <= w.to.minutes());
        let channel = if window.is_some() {
            Channel::HumanEmail
        } else {
            Channel::Ivr
        };
        let next_human_email = match channel {
            Channel::HumanEmail => None,
            Channel::Ivr => self.next_human_start(date, minute),
        };
        ChannelAnswer {
            at,
            channel,
            day_kind,
            holiday: self.holidays.get(&date).map(|name| HolidayAnswer {
                date,
                name: name.clone(),
            }),
            window: window.map(|w| WindowAnswer {
                from: w.from,
                to: w.to,
            }),
            human_email_windows: windows
                .iter()
                .map(|w| WindowAnswer {
                    from: w.from,
                    to: w.to,
                })
                .collect(),
            next_human_email,
            holidays_listed_for_year: self.holidays.keys().any(|d| d.year() == date.year()),
        }
    }

    /// The start of the first human window after `minute` on `date`, looking
    /// up to a year ahead.
    fn next_human_start(&self, date: NaiveDate, minute: u16) -> Option<NaiveDateTime> {
        let later_today = self
            .human_email_windows(self.day_kind(date))
            .iter()
            .find(|w| w.from.minutes() > minute)
            .map(|w| date.and_time(w.from.to_naive()));
        if later_today.is_some() {
            return later_today;
        }
        let mut day = date;
        for _ in 0..366 {
            day = day.succ_opt()?;
            if let Some(w) = self.human_email_windows(self.day_kind(day)).first() {
                return Some(day.and_time(w.from.to_naive()));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::parse_moment;

    #[test]
    fn moments_parse_by_the_minute() {
        assert!(parse_moment("2026-03-10T18:01").is_some());
        assert!(parse_moment("2026-03-10 18:01:30").is_some());
        assert!(parse_moment("2026-02-30T10:00").is_none());
        assert!(parse_moment("2026-03-10T24:00").is_none());
    }
}
