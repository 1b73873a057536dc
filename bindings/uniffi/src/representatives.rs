//! Insurance representatives (DOMAIN.md §2.3, rule set `ru-oms`): where an
//! inquiry goes, and preventive check-up eligibility.

use crate::parse::date_out;

/// Where an inquiry on a topic goes.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Route {
    /// The topic, as the rules spell it (`dispute`).
    pub topic: String,
    /// The topic's name.
    pub topic_name: String,
    /// The level that handles it (1, 2, 3).
    pub level: u32,
    /// That level's name.
    pub level_name: String,
    /// That level's duties, if the rules give them.
    pub duties: Option<String>,
    /// The level every inquiry reaches first (the contact center).
    pub entry_level: u32,
    /// True when the entry level passes the inquiry on.
    pub escalated: bool,
    /// The levels the inquiry passes through (`[1, 3]`). (`u32`, not
    /// `u8`: uniffi would make a list of `u8` a byte array.)
    pub path: Vec<u32>,
    /// How to reach the handling level.
    pub channels: Vec<RouteChannel>,
}

/// A way to reach a representative.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct RouteChannel {
    /// Id (`phone`).
    pub id: String,
    /// Name.
    pub name: String,
}

/// Whether a person may have the preventive check-up (dispanserization)
/// in the calendar year of a date.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct CheckupAnswer {
    /// The check-up's name.
    pub checkup: String,
    /// The date asked about, `YYYY-MM-DD`.
    pub on: String,
    /// The age the rule uses.
    pub age: u32,
    /// Eligible.
    pub eligible: bool,
    /// The periodicity of the age band, in years (3, 1), if any.
    pub every_years: Option<u32>,
    /// The next age at which the person is eligible.
    pub next_eligible_age: Option<u32>,
    /// The first day of eligibility at that age, `YYYY-MM-DD`.
    pub next_eligible_from: Option<String>,
    /// Why, in words.
    pub reason: String,
    /// Where the rule comes from.
    pub source: Option<String>,
}

impl From<medcover::representatives::Route> for Route {
    fn from(r: medcover::representatives::Route) -> Self {
        Route {
            topic: r.topic,
            topic_name: r.topic_name,
            level: r.level.into(),
            level_name: r.level_name,
            duties: r.duties,
            entry_level: r.entry_level.into(),
            escalated: r.escalated,
            path: r.path.into_iter().map(u32::from).collect(),
            channels: r
                .channels
                .into_iter()
                .map(|c| RouteChannel {
                    id: c.id,
                    name: c.name,
                })
                .collect(),
        }
    }
}

impl From<medcover::representatives::CheckupAnswer> for CheckupAnswer {
    fn from(a: medcover::representatives::CheckupAnswer) -> Self {
        CheckupAnswer {
            checkup: a.checkup,
            on: date_out(a.on),
            age: a.age,
            eligible: a.eligible,
            every_years: a.every_years,
            next_eligible_age: a.next_eligible_age,
            next_eligible_from: a.next_eligible_from.map(date_out),
            reason: a.reason,
            source: a.source,
        }
    }
}
