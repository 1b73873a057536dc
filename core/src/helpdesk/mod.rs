//! Helpdesk rules (`ro-cnas-helpdesk`, DOMAIN.md §2.4): which channel
//! answers at a given moment, and whether an incident e-mail may be sent.
//!
//! Everything is rule data in the `helpdesk` section:
//!
//! ```json
//! "helpdesk": {
//!   "schedule": {
//!     "weekend_days": ["saturday", "sunday"],
//!     "workday":        { "human_email": [{ "from": "08:00", "to": "18:00" }] },
//!     "weekend":        { "human_email": [{ "from": "08:00", "to": "16:00" }] },
//!     "public_holiday": { "human_email": [{ "from": "08:00", "to": "16:00" }] }
//!   },
//!   "public_holidays": [{ "date": "2026-12-01", "name": "Ziua Națională" }],
//!   "fields": [{ "id": "provider_type", "label": "TIP_FURNIZOR" }],
//!   "systems": [{ "id": "SIUI", "name": "…", "email": "suport.siui@casan.ro",
//!                 "header": [{ "field": "provider_type", "values": ["CLINIC", "…"] }] }],
//!   "attachments": { "allowed_extensions": [".doc", ".docx"] },
//!   "personal_data": { "detect": ["cnp", "snils", "email"], "allowed_email_domains": ["casan.ro"] }
//! }
//! ```
//!
//! Schedule windows are inclusive at both ends and work by the minute:
//! with `"to": "18:00"`, 18:00 (and 18:00:59) is human e-mail and 18:01 is
//! IVR. Outside every human e-mail window the phone IVR answers. A public
//! holiday takes precedence over a weekend day. Times are local (Romanian)
//! wall-clock times without a time zone.

mod clock;
mod incident;
mod personal_data;
mod schedule;

pub use clock::ClockTime;
pub use incident::{
    parse_incident, Incident, IncidentProblem, IncidentProblemCode, IncidentVerdict,
};
pub use personal_data::PersonalDataKind;
pub use schedule::{parse_moment, Channel, ChannelAnswer, DayKind, HolidayAnswer, WindowAnswer};

use crate::error::ProblemKind;
use crate::rules::load::{Origin, Problems};
use crate::suggest::did_you_mean;
use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The `helpdesk` section as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HelpdeskDef {
    /// Human-readable name of the helpdesk.
    #[serde(default)]
    pub name: Option<String>,
    /// Opening hours of the human operators.
    pub schedule: ScheduleDef,
    /// Dated public holidays (they follow the `public_holiday` schedule).
    #[serde(default)]
    pub public_holidays: Vec<HolidayDef>,
    /// Header fields an incident may carry, referenced by the systems.
    pub fields: Vec<FieldDef>,
    /// The systems incidents are reported for, each with its address.
    pub systems: Vec<SystemDef>,
    /// Which attachments are allowed.
    pub attachments: AttachmentsDef,
    /// Which personal data an incident e-mail must not contain.
    pub personal_data: PersonalDataDef,
}

/// The schedule: human e-mail windows per kind of day; IVR otherwise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleDef {
    /// Days of rest each week (default Saturday and Sunday).
    #[serde(default = "default_weekend")]
    pub weekend_days: Vec<WeekdayName>,
    /// Monday to Friday, unless a weekend day or a public holiday.
    pub workday: DayScheduleDef,
    /// Weekend days that are not public holidays.
    pub weekend: DayScheduleDef,
    /// Public holidays.
    pub public_holiday: DayScheduleDef,
}

fn default_weekend() -> Vec<WeekdayName> {
    vec![WeekdayName::Saturday, WeekdayName::Sunday]
}

/// One kind of day's human e-mail windows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DayScheduleDef {
    /// Windows in which a human operator answers e-mail; may be empty.
    pub human_email: Vec<WindowDef>,
}

/// A window of the day, both ends inclusive, by the minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WindowDef {
    /// First minute (`08:00`).
    pub from: ClockTime,
    /// Last minute (`18:00`).
    pub to: ClockTime,
}

/// A day of the week, as written in rule files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WeekdayName {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl WeekdayName {
    /// The chrono weekday.
    pub fn weekday(self) -> Weekday {
        match self {
            Self::Monday => Weekday::Mon,
            Self::Tuesday => Weekday::Tue,
            Self::Wednesday => Weekday::Wed,
            Self::Thursday => Weekday::Thu,
            Self::Friday => Weekday::Fri,
            Self::Saturday => Weekday::Sat,
            Self::Sunday => Weekday::Sun,
        }
    }
}

/// A public holiday.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HolidayDef {
    /// The date.
    #[serde(with = "crate::date::iso")]
    #[schemars(with = "NaiveDate")]
    pub date: NaiveDate,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
}

/// A header field of an incident e-mail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// Stable id, the key in an incident's `header` (`provider_type`).
    pub id: String,
    /// The label in the e-mail (`TIP_FURNIZOR`).
    pub label: String,
    /// What the field holds.
    #[serde(default)]
    pub description: Option<String>,
}

/// A system incidents are reported for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SystemDef {
    /// Stable id (`SIUI`).
    pub id: String,
    /// Name.
    pub name: String,
    /// What kind of problems go to this system's support.
    #[serde(default)]
    pub handles: Vec<String>,
    /// Support e-mail address.
    pub email: String,
    /// Support phone number, if any.
    #[serde(default)]
    pub phone: Option<String>,
    /// Header fields, in the order they are written in the e-mail.
    pub header: Vec<HeaderFieldDef>,
}

/// A header field of one system.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderFieldDef {
    /// Id of a field of the `fields` list.
    pub field: String,
    /// Whether the field must be filled in (default true).
    #[serde(default = "yes")]
    pub required: bool,
    /// The fixed list of allowed values, when there is one.
    #[serde(default)]
    pub values: Option<Vec<String>>,
}

fn yes() -> bool {
    true
}

/// Allowed attachments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachmentsDef {
    /// File extensions allowed (`.doc`, `.docx`), compared case-insensitively.
    pub allowed_extensions: Vec<String>,
}

/// Personal data an incident must not contain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonalDataDef {
    /// What to look for in the subject, the body and attachment names.
    pub detect: Vec<PersonalDataKind>,
    /// E-mail domains that are not a person's address (the helpdesk's own).
    #[serde(default)]
    pub allowed_email_domains: Vec<String>,
}

/// The compiled helpdesk rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Helpdesk {
    /// Name.
    pub name: Option<String>,
    pub(crate) weekend_days: Vec<Weekday>,
    pub(crate) workday: Vec<WindowDef>,
    pub(crate) weekend: Vec<WindowDef>,
    pub(crate) public_holiday: Vec<WindowDef>,
    pub(crate) holidays: BTreeMap<NaiveDate, Option<String>>,
    pub(crate) systems: Vec<IncidentSystem>,
    /// Lowercase, without the dot.
    pub(crate) allowed_extensions: Vec<String>,
    pub(crate) personal_data: Vec<PersonalDataKind>,
    /// Lowercase.
    pub(crate) allowed_email_domains: Vec<String>,
}

/// A system incidents are reported for, with its header fields resolved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncidentSystem {
    /// Id (`SIUI`).
    pub id: String,
    /// Name.
    pub name: String,
    /// What kind of problems go here.
    pub handles: Vec<String>,
    /// Support e-mail address.
    pub email: String,
    /// Support phone number.
    pub phone: Option<String>,
    /// Header fields in e-mail order.
    pub header: Vec<HeaderField>,
}

/// A resolved header field of a system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeaderField {
    /// Field id (the key in an incident's `header`).
    pub id: String,
    /// Label in the e-mail.
    pub label: String,
    /// Must be filled in.
    pub required: bool,
    /// The fixed list of allowed values, if any.
    pub values: Option<Vec<String>>,
}

impl Helpdesk {
    /// The systems, in rule order.
    pub fn systems(&self) -> &[IncidentSystem] {
        &self.systems
    }

    /// A system by id, case-insensitively (`siui` finds `SIUI`).
    pub fn system(&self, id: &str) -> Option<&IncidentSystem> {
        let id = id.trim();
        self.systems.iter().find(|s| s.id.eq_ignore_ascii_case(id))
    }

    /// The public holidays with their names, by date.
    pub fn public_holidays(&self) -> impl Iterator<Item = (NaiveDate, Option<&str>)> + '_ {
        self.holidays.iter().map(|(d, n)| (*d, n.as_deref()))
    }

    /// Allowed attachment extensions, lowercase, without the dot.
    pub fn allowed_extensions(&self) -> &[String] {
        &self.allowed_extensions
    }
}

pub(crate) fn compile(
    def: HelpdeskDef,
    origin: &Origin,
    problems: &mut Problems,
) -> Option<Helpdesk> {
    let before = problems.list.len();
    let HelpdeskDef {
        name,
        schedule,
        public_holidays,
        fields,
        systems,
        attachments,
        personal_data,
    } = def;

    let mut weekend_days = Vec::new();
    for (i, day) in schedule.weekend_days.iter().enumerate() {
        if weekend_days.contains(&day.weekday()) {
            problems.at(
                origin,
                &format!("/schedule/weekend_days/{i}"),
                ProblemKind::Duplicate,
                format!("weekend day `{}` is listed twice", day.weekday()),
                None,
            );
        } else {
            weekend_days.push(day.weekday());
        }
    }
    let workday = windows(schedule.workday, "workday", origin, problems);
    let weekend = windows(schedule.weekend, "weekend", origin, problems);
    let public_holiday = windows(schedule.public_holiday, "public_holiday", origin, problems);

    let mut holidays = BTreeMap::new();
    for (i, h) in public_holidays.into_iter().enumerate() {
        match holidays.entry(h.date) {
            std::collections::btree_map::Entry::Occupied(_) => problems.at(
                origin,
                &format!("/public_holidays/{i}/date"),
                ProblemKind::Duplicate,
                format!("public holiday `{}` is listed twice", h.date),
                None,
            ),
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(h.name);
            }
        }
    }

    let mut field_defs: HashMap<String, FieldDef> = HashMap::new();
    for (i, f) in fields.into_iter().enumerate() {
        if f.id.trim().is_empty() {
            problems.at(
                origin,
                &format!("/fields/{i}/id"),
                ProblemKind::InvalidValue,
                "a field id must not be empty".into(),
                None,
            );
        } else if field_defs.contains_key(&f.id) {
            problems.at(
                origin,
                &format!("/fields/{i}/id"),
                ProblemKind::Duplicate,
                format!("duplicate field id `{}`", f.id),
                None,
            );
        } else {
            field_defs.insert(f.id.clone(), f);
        }
    }

    if systems.is_empty() {
        problems.at(
            origin,
            "/systems",
            ProblemKind::InvalidValue,
            "at least one system is needed".into(),
            None,
        );
    }
    let mut compiled_systems: Vec<IncidentSystem> = Vec::new();
    let mut system_ids: Vec<String> = Vec::new();
    for (i, s) in systems.into_iter().enumerate() {
        let id = s.id.to_ascii_uppercase();
        let duplicate = system_ids.contains(&id);
        system_ids.push(id);
        if let Some(system) = compile_system(s, i, duplicate, &field_defs, origin, problems) {
            compiled_systems.push(system);
        }
    }

    let mut allowed_extensions = Vec::new();
    if attachments.allowed_extensions.is_empty() {
        problems.at(
            origin,
            "/attachments/allowed_extensions",
            ProblemKind::InvalidValue,
            "list at least one extension (such as `.docx`)".into(),
            None,
        );
    }
    for (i, ext) in attachments.allowed_extensions.iter().enumerate() {
        let bare = ext.trim().trim_start_matches('.').to_ascii_lowercase();
        if bare.is_empty() || !bare.chars().all(|c| c.is_ascii_alphanumeric()) {
            problems.at(
                origin,
                &format!("/attachments/allowed_extensions/{i}"),
                ProblemKind::InvalidValue,
                format!("invalid file extension `{ext}`, expected one like `.docx`"),
                None,
            );
        } else if allowed_extensions.contains(&bare) {
            problems.at(
                origin,
                &format!("/attachments/allowed_extensions/{i}"),
                ProblemKind::Duplicate,
                format!("extension `{ext}` is listed twice"),
                None,
            );
        } else {
            allowed_extensions.push(bare);
        }
    }

    let mut allowed_email_domains = Vec::new();
    for (i, domain) in personal_data.allowed_email_domains.iter().enumerate() {
        let d = domain.trim().trim_start_matches('@').to_ascii_lowercase();
        if d.is_empty() || !d.contains('.') || d.contains('@') || d.contains(char::is_whitespace) {
            problems.at(
                origin,
                &format!("/personal_data/allowed_email_domains/{i}"),
                ProblemKind::InvalidValue,
                format!("invalid e-mail domain `{domain}`, expected one like `casan.ro`"),
                None,
            );
        } else {
            allowed_email_domains.push(d);
        }
    }
    let mut kinds = Vec::new();
    for kind in personal_data.detect {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }

    (problems.list.len() == before).then_some(Helpdesk {
        name,
        weekend_days,
        workday,
        weekend,
        public_holiday,
        holidays,
        systems: compiled_systems,
        allowed_extensions,
        personal_data: kinds,
        allowed_email_domains,
    })
}

/// Checks one day kind's windows: each in order, none overlapping another.
fn windows(
    day: DayScheduleDef,
    kind: &str,
    origin: &Origin,
    problems: &mut Problems,
) -> Vec<WindowDef> {
    let mut kept: Vec<(usize, WindowDef)> = Vec::new();
    for (i, w) in day.human_email.into_iter().enumerate() {
        let at = format!("/schedule/{kind}/human_email/{i}");
        if w.from > w.to {
            problems.at(
                origin,
                &format!("{at}/to"),
                ProblemKind::InvalidValue,
                format!("window ends at `{}` before it starts at `{}`", w.to, w.from),
                Some("windows may not cross midnight; split one into two".into()),
            );
            continue;
        }
        if let Some((j, other)) = kept.iter().find(|(_, o)| w.from <= o.to && o.from <= w.to) {
            problems.at(
                origin,
                &at,
                ProblemKind::OverlappingValidity,
                format!(
                    "window `{}`–`{}` overlaps window {j} (`{}`–`{}`) of the {kind} schedule",
                    w.from, w.to, other.from, other.to
                ),
                None,
            );
            continue;
        }
        kept.push((i, w));
    }
    let mut out: Vec<WindowDef> = kept.into_iter().map(|(_, w)| w).collect();
    out.sort_by_key(|w| w.from);
    out
}

fn compile_system(
    s: SystemDef,
    i: usize,
    duplicate: bool,
    fields: &HashMap<String, FieldDef>,
    origin: &Origin,
    problems: &mut Problems,
) -> Option<IncidentSystem> {
    let at = format!("/systems/{i}");
    let before = problems.list.len();
    if s.id.trim().is_empty() {
        problems.at(
            origin,
            &format!("{at}/id"),
            ProblemKind::InvalidValue,
            "a system id must not be empty".into(),
            None,
        );
    } else if duplicate {
        problems.at(
            origin,
            &format!("{at}/id"),
            ProblemKind::Duplicate,
            format!("duplicate system id `{}`", s.id),
            None,
        );
    }
    if !looks_like_address(&s.email) {
        problems.at(
            origin,
            &format!("{at}/email"),
            ProblemKind::InvalidValue,
            format!("invalid e-mail address `{}`", s.email),
            None,
        );
    }
    let mut header: Vec<HeaderField> = Vec::new();
    let mut seen = HashSet::new();
    for (j, h) in s.header.into_iter().enumerate() {
        let hat = format!("{at}/header/{j}");
        let Some(field) = fields.get(&h.field) else {
            let help = did_you_mean(&h.field, fields.keys().map(String::as_str));
            problems.at(
                origin,
                &format!("{hat}/field"),
                ProblemKind::UnknownReference,
                format!("unknown field `{}`", h.field),
                help,
            );
            continue;
        };
        if !seen.insert(h.field.clone()) {
            problems.at(
                origin,
                &format!("{hat}/field"),
                ProblemKind::Duplicate,
                format!("field `{}` is listed twice for system `{}`", h.field, s.id),
                None,
            );
            continue;
        }
        if let Some(values) = &h.values {
            if values.is_empty() {
                problems.at(
                    origin,
                    &format!("{hat}/values"),
                    ProblemKind::InvalidValue,
                    "a fixed list of values must not be empty".into(),
                    Some("remove `values` to allow any text".into()),
                );
            }
            let mut folded = HashSet::new();
            for (k, v) in values.iter().enumerate() {
                if !folded.insert(crate::text::fold(v)) {
                    problems.at(
                        origin,
                        &format!("{hat}/values/{k}"),
                        ProblemKind::Duplicate,
                        format!("value `{v}` is listed twice"),
                        None,
                    );
                }
            }
        }
        header.push(HeaderField {
            id: field.id.clone(),
            label: field.label.clone(),
            required: h.required,
            values: h.values,
        });
    }
    (problems.list.len() == before).then_some(IncidentSystem {
        id: s.id,
        name: s.name,
        handles: s.handles,
        email: s.email,
        phone: s.phone,
        header,
    })
}

fn looks_like_address(address: &str) -> bool {
    match address.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !address.contains(char::is_whitespace)
        }
        None => false,
    }
}
