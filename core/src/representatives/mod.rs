//! Insurance representatives (`ru-oms`, DOMAIN.md §2.3): routing inquiries
//! to the three levels of representatives, and preventive check-up
//! (dispanserization) eligibility.
//!
//! The `representatives` section:
//!
//! ```json
//! "representatives": {
//!   "entry_level": 1,
//!   "channels": [{ "id": "phone", "name": "…" }],
//!   "levels": [
//!     { "level": 1, "name": "contact center", "escalates": true,
//!       "topics": [{ "id": "choose_doctor", "name": "…" }] },
//!     { "level": 3, "name": "…", "channels": ["in_person"], "topics": [ … ] }
//!   ],
//!   "checkup": { "name": "dispanserization", "age_basis": "age_reached_in_year",
//!                "bands": [{ "from_age": 18, "to_age": 39, "every_years": 3 },
//!                          { "from_age": 40, "every_years": 1 }] }
//! }
//! ```
//!
//! Every inquiry enters at the entry level (the contact center); a topic of
//! a higher level is escalated there by the entry level, which must then
//! have `escalates: true`. A level without `channels` is reached through
//! every channel.

mod checkup;

pub use checkup::{AgeBasis, CheckupAnswer, CheckupBandDef, CheckupDef, CheckupError};

use crate::error::ProblemKind;
use crate::rules::load::{Origin, Problems};
use crate::suggest::did_you_mean;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The `representatives` section as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepresentativesDef {
    /// Human-readable name of the service.
    #[serde(default)]
    pub name: Option<String>,
    /// The level every inquiry reaches first.
    pub entry_level: u8,
    /// Ways to reach a representative.
    pub channels: Vec<ChannelDef>,
    /// The levels with their topics.
    pub levels: Vec<LevelDef>,
    /// Preventive check-up eligibility, if the rule set has it.
    #[serde(default)]
    pub checkup: Option<CheckupDef>,
}

/// A way to reach a representative.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelDef {
    /// Stable id (`phone`).
    pub id: String,
    /// Name.
    pub name: String,
}

/// A level of representatives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    /// Its number (1, 2, 3).
    pub level: u8,
    /// Name.
    pub name: String,
    /// What the level does.
    #[serde(default)]
    pub duties: Option<String>,
    /// Passes on what is beyond its competence to higher levels.
    #[serde(default)]
    pub escalates: bool,
    /// Channel ids reaching this level; every channel when absent.
    #[serde(default)]
    pub channels: Option<Vec<String>>,
    /// Topics this level handles.
    pub topics: Vec<TopicDef>,
}

/// An inquiry topic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicDef {
    /// Stable snake_case id (`choose_doctor`).
    pub id: String,
    /// Name.
    pub name: String,
}

/// The compiled representative levels.
#[derive(Clone, Debug, PartialEq)]
pub struct Representatives {
    /// Name.
    pub name: Option<String>,
    entry_level: u8,
    channels: Vec<ChannelDef>,
    levels: Vec<Level>,
    checkup: Option<checkup::Checkup>,
}

#[derive(Clone, Debug, PartialEq)]
struct Level {
    level: u8,
    name: String,
    duties: Option<String>,
    escalates: bool,
    channels: Vec<usize>,
    topics: Vec<TopicDef>,
}

/// A channel in a route.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RouteChannel {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// Where an inquiry goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Route {
    /// The topic, as the rules spell it.
    pub topic: String,
    /// The topic's name.
    pub topic_name: String,
    /// The level that handles it.
    pub level: u8,
    /// That level's name.
    pub level_name: String,
    /// That level's duties.
    pub duties: Option<String>,
    /// The level every inquiry reaches first.
    pub entry_level: u8,
    /// True when the entry level passes the inquiry on.
    pub escalated: bool,
    /// The levels the inquiry passes through (`[1, 3]`).
    pub path: Vec<u8>,
    /// How to reach the handling level.
    pub channels: Vec<RouteChannel>,
}

/// A topic the rules do not know.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown topic `{topic}`{}; known topics: {}", help.as_ref().map(|h| format!(" ({h})")).unwrap_or_default(), known.join(", "))]
pub struct UnknownTopic {
    /// The topic asked for.
    pub topic: String,
    /// Every known topic id, by level.
    pub known: Vec<String>,
    /// A suggestion (`did you mean `dispute`?`), when one is close.
    pub help: Option<String>,
}

/// A topic id as compared: trimmed, lowercase, `-` and spaces as `_`.
fn normalize(topic: &str) -> String {
    topic
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c == '-' || c.is_whitespace() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

impl Representatives {
    /// Routes an inquiry on `topic` (matched ignoring case, with `-` or a
    /// space for `_`).
    pub fn route(&self, topic: &str) -> Result<Route, UnknownTopic> {
        let wanted = normalize(topic);
        let found = self
            .levels
            .iter()
            .find_map(|l| l.topics.iter().find(|t| t.id == wanted).map(|t| (l, t)));
        let Some((level, t)) = found else {
            let known = self.topics().map(str::to_owned).collect::<Vec<_>>();
            return Err(UnknownTopic {
                topic: topic.to_owned(),
                help: did_you_mean(&wanted, known.iter().map(String::as_str)),
                known,
            });
        };
        let escalated = level.level != self.entry_level;
        let path = if escalated {
            vec![self.entry_level, level.level]
        } else {
            vec![level.level]
        };
        Ok(Route {
            topic: t.id.clone(),
            topic_name: t.name.clone(),
            level: level.level,
            level_name: level.name.clone(),
            duties: level.duties.clone(),
            entry_level: self.entry_level,
            escalated,
            path,
            channels: level
                .channels
                .iter()
                .filter_map(|&i| self.channels.get(i))
                .map(|c| RouteChannel {
                    id: c.id.clone(),
                    name: c.name.clone(),
                })
                .collect(),
        })
    }

    /// Every topic id, level by level.
    pub fn topics(&self) -> impl Iterator<Item = &str> {
        self.levels
            .iter()
            .flat_map(|l| l.topics.iter().map(|t| t.id.as_str()))
    }

    /// The channels.
    pub fn channels(&self) -> &[ChannelDef] {
        &self.channels
    }

    /// The level numbers, in order.
    pub fn levels(&self) -> impl Iterator<Item = u8> + '_ {
        self.levels.iter().map(|l| l.level)
    }

    /// Whether `level` passes on what is beyond it.
    pub fn escalates(&self, level: u8) -> bool {
        self.levels.iter().any(|l| l.level == level && l.escalates)
    }

    /// Whether a person born on `birth_date` may have the preventive
    /// check-up in the calendar year of `on` (see [`CheckupDef`] for the rule).
    pub fn checkup_eligibility(
        &self,
        birth_date: chrono::NaiveDate,
        on: chrono::NaiveDate,
    ) -> Result<CheckupAnswer, CheckupError> {
        match &self.checkup {
            Some(c) => c.eligibility(birth_date, on),
            None => Err(CheckupError::NotInRules),
        }
    }
}

pub(crate) fn compile(
    def: RepresentativesDef,
    origin: &Origin,
    problems: &mut Problems,
) -> Option<Representatives> {
    let before = problems.list.len();
    let mut channel_ids: Vec<&str> = Vec::new();
    for (i, c) in def.channels.iter().enumerate() {
        if c.id.trim().is_empty() {
            problems.at(
                origin,
                &format!("/channels/{i}/id"),
                ProblemKind::InvalidValue,
                "a channel id must not be empty".into(),
                None,
            );
        } else if channel_ids.contains(&c.id.as_str()) {
            problems.at(
                origin,
                &format!("/channels/{i}/id"),
                ProblemKind::Duplicate,
                format!("duplicate channel id `{}`", c.id),
                None,
            );
        }
        channel_ids.push(&c.id);
    }
    if def.levels.is_empty() {
        problems.at(
            origin,
            "/levels",
            ProblemKind::InvalidValue,
            "at least one level is needed".into(),
            None,
        );
    }
    let mut levels: Vec<Level> = Vec::new();
    let mut topics_seen: HashSet<String> = HashSet::new();
    for (i, l) in def.levels.iter().enumerate() {
        let at = format!("/levels/{i}");
        if l.level == 0 {
            problems.at(
                origin,
                &format!("{at}/level"),
                ProblemKind::InvalidValue,
                "levels are numbered from 1".into(),
                None,
            );
        }
        if levels.iter().any(|o| o.level == l.level) {
            problems.at(
                origin,
                &format!("{at}/level"),
                ProblemKind::Duplicate,
                format!("level {} is defined twice", l.level),
                None,
            );
        }
        let channels = match &l.channels {
            None => (0..def.channels.len()).collect(),
            Some(ids) => {
                let mut out = Vec::new();
                for (j, id) in ids.iter().enumerate() {
                    match channel_ids.iter().position(|c| c == id) {
                        Some(k) => out.push(k),
                        None => problems.at(
                            origin,
                            &format!("{at}/channels/{j}"),
                            ProblemKind::UnknownReference,
                            format!("unknown channel `{id}`"),
                            did_you_mean(id, channel_ids.iter().copied()),
                        ),
                    }
                }
                out
            }
        };
        for (j, t) in l.topics.iter().enumerate() {
            let valid = !t.id.is_empty()
                && t.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid {
                problems.at(
                    origin,
                    &format!("{at}/topics/{j}/id"),
                    ProblemKind::InvalidValue,
                    format!(
                        "invalid topic id `{}`, expected snake_case such as `choose_doctor`",
                        t.id
                    ),
                    Some(format!("write `{}`", normalize(&t.id))),
                );
            } else if !topics_seen.insert(t.id.clone()) {
                problems.at(
                    origin,
                    &format!("{at}/topics/{j}/id"),
                    ProblemKind::Duplicate,
                    format!("topic `{}` is given to more than one level", t.id),
                    None,
                );
            }
        }
        levels.push(Level {
            level: l.level,
            name: l.name.clone(),
            duties: l.duties.clone(),
            escalates: l.escalates,
            channels,
            topics: l.topics.clone(),
        });
    }
    match def.levels.iter().position(|l| l.level == def.entry_level) {
        None => {
            let known: Vec<String> = levels.iter().map(|l| l.level.to_string()).collect();
            problems.at(
                origin,
                "/entry_level",
                ProblemKind::UnknownReference,
                format!(
                    "unknown entry level `{}`; defined levels: {}",
                    def.entry_level,
                    known.join(", ")
                ),
                None,
            );
        }
        Some(i) => {
            let entry = def.levels.get(i);
            let others_have_topics = def
                .levels
                .iter()
                .any(|l| l.level != def.entry_level && !l.topics.is_empty());
            if others_have_topics && entry.is_some_and(|e| !e.escalates) {
                problems.at(origin, &format!("/levels/{i}/escalates"), ProblemKind::InvalidValue,
                    format!("entry level {} must escalate: other levels have topics that only reach them through it", def.entry_level),
                    Some("set `\"escalates\": true`".into()));
            }
        }
    }
    let checkup = def
        .checkup
        .and_then(|c| checkup::compile(c, origin, problems));
    levels.sort_by_key(|l| l.level);
    (problems.list.len() == before).then_some(Representatives {
        name: def.name,
        entry_level: def.entry_level,
        channels: def.channels,
        levels,
        checkup,
    })
}
