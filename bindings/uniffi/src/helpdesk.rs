//! The helpdesk (DOMAIN.md §2.4, rule set `ro-cnas-helpdesk`): which
//! channel answers at a moment, and whether an incident e-mail may be sent.
//!
//! Moments are local wall-clock times written `YYYY-MM-DDTHH:MM` (seconds
//! and a space for `T` are accepted); the schedule works by the minute, so
//! 18:00 is a human operator and 18:01 the IVR.

use crate::parse::date_out;
use chrono::NaiveDateTime;
use std::collections::HashMap;
use std::fmt;

/// The channel that handles requests at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Channel {
    /// E-mail answered by a human operator (`human_email`).
    HumanEmail,
    /// The phone IVR, which records calls (`ivr`).
    Ivr,
}

/// The kind of a calendar day for the schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DayKind {
    /// A working day.
    Workday,
    /// A day of rest that is not a public holiday.
    Weekend,
    /// A public holiday (on any day of the week).
    PublicHoliday,
}

/// A human e-mail window of a day, both ends inclusive, by the minute.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct HelpdeskWindow {
    /// First minute, `HH:MM`.
    pub from: String,
    /// Last minute, `HH:MM` (inclusive).
    pub to: String,
}

/// A public holiday.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct PublicHoliday {
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// Its name, when the rules give one.
    pub name: Option<String>,
}

/// Which channel answers at a moment, and why.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ChannelAnswer {
    /// The moment asked about, by the minute, `YYYY-MM-DDTHH:MM`.
    pub at: String,
    /// The channel.
    pub channel: Channel,
    /// The kind of day.
    pub day_kind: DayKind,
    /// The public holiday, when the day is one.
    pub holiday: Option<PublicHoliday>,
    /// The human e-mail window the moment falls in (with `HumanEmail`).
    pub window: Option<HelpdeskWindow>,
    /// The day's human e-mail windows.
    pub human_email_windows: Vec<HelpdeskWindow>,
    /// When the next human e-mail window starts (with `Ivr`),
    /// `YYYY-MM-DDTHH:MM`; `null` when none starts within a year.
    pub next_human_email: Option<String>,
    /// False when the rules list no public holiday in the moment's year,
    /// so a holiday may have been missed.
    pub holidays_listed_for_year: bool,
}

/// An incident e-mail to check before it is sent. Every field is optional
/// so that one answer lists every missing one. `Debug` never prints the
/// subject, body or phone, which may hold personal data.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct Incident {
    /// The system (`SIUI`, `CEAS`, `SIPE`), case-insensitive.
    #[uniffi(default = None)]
    pub system: Option<String>,
    /// The e-mail subject: a short description of the problem.
    #[uniffi(default = None)]
    pub subject: Option<String>,
    /// Header fields by field id (`provider_type` → `CLINIC`).
    #[uniffi(default)]
    pub header: HashMap<String, String>,
    /// The description of the incident.
    #[uniffi(default = None)]
    pub body: Option<String>,
    /// A contact phone number (the one piece of personal data allowed).
    #[uniffi(default = None)]
    pub contact_phone: Option<String>,
    /// Attachment file names (only `.doc` and `.docx` are allowed).
    #[uniffi(default = [])]
    pub attachments: Vec<String>,
}

impl fmt::Debug for Incident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |v: &Option<String>| v.as_ref().map(|_| medcover::REDACTED);
        let mut keys: Vec<&String> = self.header.keys().collect();
        keys.sort();
        f.debug_struct("Incident")
            .field("system", &self.system)
            .field("subject", &redacted(&self.subject))
            .field("header", &keys)
            .field("body", &redacted(&self.body))
            .field("contact_phone", &redacted(&self.contact_phone))
            .field("attachments", &self.attachments.len())
            .finish()
    }
}

/// Kinds of incident problems (the stable codes of DOMAIN.md §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum IncidentProblemCode {
    /// A required field is absent or blank (`MISSING_FIELD`).
    MissingField,
    /// A value outside its fixed list, an unknown system or header field,
    /// or a contact phone that is not a phone number (`INVALID_FIELD_VALUE`).
    InvalidFieldValue,
    /// An attachment of a type not allowed (`ATTACHMENT_TYPE_NOT_ALLOWED`).
    AttachmentTypeNotAllowed,
    /// Personal data in the subject, body, attachment names or phone field
    /// (`PERSONAL_DATA`).
    PersonalData,
}

/// One problem of an incident.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct IncidentProblem {
    /// The code.
    pub code: IncidentProblemCode,
    /// The field path (`system`, `header.provider_type`, `attachments[0]`).
    pub field: String,
    /// What is wrong; never quotes personal data.
    pub message: String,
    /// How to fix it, when known.
    pub help: Option<String>,
}

/// Whether an incident may be sent, and where.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct IncidentVerdict {
    /// True when there is no problem.
    pub accepted: bool,
    /// The system as the rules spell it (`SIUI`); `null` when unknown or
    /// missing.
    pub system: Option<String>,
    /// The system's support address (`suport.siui@casan.ro`).
    pub to: Option<String>,
    /// The system's support phone, if it has one.
    pub phone: Option<String>,
    /// Every problem found.
    pub problems: Vec<IncidentProblem>,
}

/// A moment as it leaves: `YYYY-MM-DDTHH:MM`.
fn minute_out(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

impl From<medcover::helpdesk::Channel> for Channel {
    fn from(c: medcover::helpdesk::Channel) -> Self {
        match c {
            medcover::helpdesk::Channel::HumanEmail => Self::HumanEmail,
            medcover::helpdesk::Channel::Ivr => Self::Ivr,
        }
    }
}

impl From<medcover::helpdesk::DayKind> for DayKind {
    fn from(k: medcover::helpdesk::DayKind) -> Self {
        use medcover::helpdesk::DayKind as K;
        match k {
            K::Workday => Self::Workday,
            K::Weekend => Self::Weekend,
            K::PublicHoliday => Self::PublicHoliday,
        }
    }
}

impl From<medcover::helpdesk::WindowAnswer> for HelpdeskWindow {
    fn from(w: medcover::helpdesk::WindowAnswer) -> Self {
        HelpdeskWindow {
            from: w.from.to_string(),
            to: w.to.to_string(),
        }
    }
}

impl From<medcover::helpdesk::ChannelAnswer> for ChannelAnswer {
    fn from(a: medcover::helpdesk::ChannelAnswer) -> Self {
        ChannelAnswer {
            at: minute_out(a.at),
            channel: a.channel.into(),
            day_kind: a.day_kind.into(),
            holiday: a.holiday.map(|h| PublicHoliday {
                date: date_out(h.date),
                name: h.name,
            }),
            window: a.window.map(Into::into),
            human_email_windows: a.human_email_windows.into_iter().map(Into::into).collect(),
            next_human_email: a.next_human_email.map(minute_out),
            holidays_listed_for_year: a.holidays_listed_for_year,
        }
    }
}

impl Incident {
    /// The engine's incident.
    pub fn to_core(&self) -> medcover::helpdesk::Incident {
        medcover::helpdesk::Incident {
            system: self.system.clone(),
            subject: self.subject.clone(),
            header: self
                .header
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            body: self.body.clone(),
            contact_phone: self.contact_phone.clone(),
            attachments: self.attachments.clone(),
        }
    }
}

impl From<medcover::helpdesk::IncidentProblemCode> for IncidentProblemCode {
    fn from(c: medcover::helpdesk::IncidentProblemCode) -> Self {
        use medcover::helpdesk::IncidentProblemCode as C;
        match c {
            C::MissingField => Self::MissingField,
            C::InvalidFieldValue => Self::InvalidFieldValue,
            C::AttachmentTypeNotAllowed => Self::AttachmentTypeNotAllowed,
            C::PersonalData => Self::PersonalData,
        }
    }
}

impl From<medcover::helpdesk::IncidentVerdict> for IncidentVerdict {
    fn from(v: medcover::helpdesk::IncidentVerdict) -> Self {
        IncidentVerdict {
            accepted: v.accepted,
            system: v.system,
            to: v.to,
            phone: v.phone,
            problems: v
                .problems
                .into_iter()
                .map(|p| IncidentProblem {
                    code: p.code.into(),
                    field: p.field,
                    message: p.message,
                    help: p.help,
                })
                .collect(),
        }
    }
}

/// The name of an incident problem code as printed in JSON
/// (`IncidentProblemCode::PersonalData` → `"PERSONAL_DATA"`).
#[uniffi::export]
pub fn incident_problem_code_name(code: IncidentProblemCode) -> String {
    let code = match code {
        IncidentProblemCode::MissingField => medcover::helpdesk::IncidentProblemCode::MissingField,
        IncidentProblemCode::InvalidFieldValue => {
            medcover::helpdesk::IncidentProblemCode::InvalidFieldValue
        }
        IncidentProblemCode::AttachmentTypeNotAllowed => {
            medcover::helpdesk::IncidentProblemCode::AttachmentTypeNotAllowed
        }
        IncidentProblemCode::PersonalData => medcover::helpdesk::IncidentProblemCode::PersonalData,
    };
    code.as_str().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_what_may_be_personal() {
        let incident = Incident {
            system: Some("SIUI".into()),
            subject: Some("CNP 2850312400014".into()),
            header: HashMap::from([("provider".into(), "Clinica".into())]),
            body: Some("Ion Popescu".into()),
            contact_phone: Some("0722 123 456".into()),
            attachments: vec!["eroare.docx".into()],
        };
        let text = format!("{incident:?}");
        for secret in ["2850312400014", "Popescu", "0722"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert_eq!(
            incident_problem_code_name(IncidentProblemCode::AttachmentTypeNotAllowed),
            "ATTACHMENT_TYPE_NOT_ALLOWED"
        );
    }
}
