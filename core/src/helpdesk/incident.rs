//! Incident intake: checks an incident e-mail before it is sent.

use super::personal_data;
use super::{Helpdesk, IncidentSystem};
use crate::error::RequestError;
use crate::suggest::did_you_mean;
use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// An incident e-mail to check, as JSON:
///
/// ```json
/// {
///   "system": "SIUI",
///   "subject": "Eroare la validarea serviciilor",
///   "header": {
///     "provider_type": "CLINIC",
///     "provider": "RO12345678 / Clinica Exemplu SRL",
///     "doctor": "A12345",
///     "problem_category": "validare"
///   },
///   "body": "La validarea serviciilor apare eroarea …",
///   "contact_phone": "0722 123 456",
///   "attachments": ["eroare.docx"]
/// }
/// ```
///
/// `header` keys are the field ids of the rules (`fields`); every field is
/// optional here so that all missing ones are reported at once.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// The system (`SIUI`, `CEAS`, `SIPE`), case-insensitive.
    #[serde(default)]
    pub system: Option<String>,
    /// The e-mail subject: a short description of the problem.
    #[serde(default)]
    pub subject: Option<String>,
    /// Header fields by field id.
    #[serde(default)]
    pub header: BTreeMap<String, String>,
    /// The description of the incident, after the header.
    #[serde(default)]
    pub body: Option<String>,
    /// A contact phone number (allowed).
    #[serde(default)]
    pub contact_phone: Option<String>,
    /// Attachment file names.
    #[serde(default)]
    pub attachments: Vec<String>,
}

impl fmt::Debug for Incident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Subject, body and phone may hold personal data: never printed.
        let redacted = |v: &Option<String>| v.as_ref().map(|_| crate::REDACTED);
        f.debug_struct("Incident")
            .field("system", &self.system)
            .field("subject", &redacted(&self.subject))
            .field("header", &self.header.keys().collect::<Vec<_>>())
            .field("body", &redacted(&self.body))
            .field("contact_phone", &redacted(&self.contact_phone))
            .field("attachments", &self.attachments.len())
            .finish()
    }
}

/// Reads an incident from JSON text. Malformed JSON or a mistyped field is
/// an error naming the field path; missing fields are not errors here (see
/// [`Helpdesk::validate_incident`]).
pub fn parse_incident(text: &str) -> Result<Incident, RequestError> {
    crate::error::parse_json(text, "incident")
}

/// Kinds of incident problems (stable codes of DOMAIN.md §4 "Commands").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IncidentProblemCode {
    /// A required field is absent or blank.
    MissingField,
    /// A value outside its fixed list, an unknown system or header field, or
    /// a contact phone that is not a phone number.
    InvalidFieldValue,
    /// An attachment whose type is not allowed (only `.doc`, `.docx`).
    AttachmentTypeNotAllowed,
    /// Personal data in the subject, body, attachment names or phone field.
    PersonalData,
}

impl IncidentProblemCode {
    /// The code as printed (`MISSING_FIELD`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingField => "MISSING_FIELD",
            Self::InvalidFieldValue => "INVALID_FIELD_VALUE",
            Self::AttachmentTypeNotAllowed => "ATTACHMENT_TYPE_NOT_ALLOWED",
            Self::PersonalData => "PERSONAL_DATA",
        }
    }
}

/// One problem of an incident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IncidentProblem {
    /// The code.
    pub code: IncidentProblemCode,
    /// The field path (`system`, `header.provider_type`, `attachments[0]`).
    pub field: String,
    /// What is wrong, lowercase; never quotes personal data.
    pub message: String,
    /// How to fix it, when we know.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// Whether an incident may be sent, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IncidentVerdict {
    /// True when there is no problem.
    pub accepted: bool,
    /// The system, as the rules spell it; `None` when unknown or missing.
    pub system: Option<String>,
    /// The support address of the system.
    pub to: Option<String>,
    /// The support phone of the system, if it has one.
    pub phone: Option<String>,
    /// Every problem found.
    pub problems: Vec<IncidentProblem>,
}

impl Helpdesk {
    /// Checks an incident against the rules: the system is known; the
    /// subject, body and the system's required header fields are filled in;
    /// fixed-list values are on their list (compared ignoring case,
    /// diacritics and extra spaces); no header field the system does not
    /// use; attachments have an allowed extension; the subject, body,
    /// attachment names and contact phone hold no personal data; the contact
    /// phone looks like a phone number.
    ///
    /// An unknown system is an `INVALID_FIELD_VALUE` problem on `system`
    /// (the rest is still checked), not an error, so that one answer lists
    /// every problem.
    pub fn validate_incident(&self, incident: &Incident) -> IncidentVerdict {
        let mut problems = Vec::new();
        let mut push = |code, field: &str, message: String, help: Option<String>| {
            problems.push(IncidentProblem {
                code,
                field: field.to_owned(),
                message,
                help,
            });
        };
        let system = match incident
            .system
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => {
                push(
                    IncidentProblemCode::MissingField,
                    "system",
                    "the system is missing".into(),
                    Some(self.known_systems()),
                );
                None
            }
            Some(id) => {
                let found = self.system(id);
                if found.is_none() {
                    push(
                        IncidentProblemCode::InvalidFieldValue,
                        "system",
                        format!("unknown system `{id}`; {}", self.known_systems()),
                        did_you_mean(id, self.systems.iter().map(|s| s.id.as_str())),
                    );
                }
                found
            }
        };
        for (field, value) in [("subject", &incident.subject), ("body", &incident.body)] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                push(
                    IncidentProblemCode::MissingField,
                    field,
                    format!("the {field} is missing"),
                    None,
                );
            }
        }
        if let Some(system) = system {
            header_problems(system, incident, &mut push);
        }
        for (i, name) in incident.attachments.iter().enumerate() {
            let extension = name
                .rsplit_once('.')
                .map(|(_, ext)| ext.trim().to_ascii_lowercase());
            let allowed = extension
                .as_ref()
                .is_some_and(|ext| self.allowed_extensions.contains(ext));
            if !allowed {
                let listing: Vec<String> = self
                    .allowed_extensions
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect();
                push(
                    IncidentProblemCode::AttachmentTypeNotAllowed,
                    &format!("attachments[{i}]"),
                    format!(
                        "attachment `{name}` is not allowed: only {} files may be attached",
                        listing.join(", ")
                    ),
                    Some("put the screenshots in a Word document".into()),
                );
            }
        }
        if let Some(phone) = incident
            .contact_phone
            .as_deref()
            .filter(|p| !p.trim().is_empty())
        {
            if !looks_like_phone(phone) {
                push(IncidentProblemCode::InvalidFieldValue, "contact_phone",
                    "the contact phone is not a phone number (6 to 15 digits, with spaces, dashes, dots, parentheses or a leading `+`)".into(), None);
            }
        }
        let mut texts: Vec<(String, &str)> = vec![
            (
                "subject".to_owned(),
                incident.subject.as_deref().unwrap_or_default(),
            ),
            (
                "body".to_owned(),
                incident.body.as_deref().unwrap_or_default(),
            ),
        ];
        texts.extend(
            incident
                .attachments
                .iter()
                .enumerate()
                .map(|(i, a)| (format!("attachments[{i}]"), a.as_str())),
        );
        texts.push((
            "contact_phone".to_owned(),
            incident.contact_phone.as_deref().unwrap_or_default(),
        ));
        for (field, text) in texts {
            for kind in personal_data::find(text, &self.personal_data, &self.allowed_email_domains)
            {
                let place = match field.as_str() {
                    "subject" | "body" => format!("the {field}"),
                    "contact_phone" => "the contact phone".to_owned(),
                    _ => "an attachment's file name".to_owned(),
                };
                push(
                    IncidentProblemCode::PersonalData,
                    &field,
                    format!(
                        "{place} contains {}; the e-mail must not contain personal data",
                        kind.describe()
                    ),
                    Some("remove it; a contact phone number is allowed".into()),
                );
            }
        }
        IncidentVerdict {
            accepted: problems.is_empty(),
            system: system.map(|s| s.id.clone()),
            to: system.map(|s| s.email.clone()),
            phone: system.and_then(|s| s.phone.clone()),
            problems,
        }
    }

    fn known_systems(&self) -> String {
        let ids: Vec<&str> = self.systems.iter().map(|s| s.id.as_str()).collect();
        format!("known systems: {}", ids.join(", "))
    }
}

fn header_problems(
    system: &IncidentSystem,
    incident: &Incident,
    push: &mut impl FnMut(IncidentProblemCode, &str, String, Option<String>),
) {
    for field in &system.header {
        let path = format!("header.{}", field.id);
        let value = incident
            .header
            .get(&field.id)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty());
        match (value, &field.values) {
            (None, _) if field.required => push(
                IncidentProblemCode::MissingField,
                &path,
                format!(
                    "{} (`{}`) is required for {}",
                    field.label, field.id, system.id
                ),
                None,
            ),
            (Some(v), Some(values)) if !values.iter().any(|allowed| fold(allowed) == fold(v)) => {
                push(
                    IncidentProblemCode::InvalidFieldValue,
                    &path,
                    format!(
                        "`{v}` is not on the {} list of {}; expected one of: {}",
                        field.label,
                        system.id,
                        values.join(", ")
                    ),
                    did_you_mean(v, values.iter().map(String::as_str)),
                )
            }
            _ => {}
        }
    }
    for key in incident.header.keys() {
        if !system.header.iter().any(|f| &f.id == key) {
            push(
                IncidentProblemCode::InvalidFieldValue,
                &format!("header.{key}"),
                format!("`{key}` is not a header field of {}", system.id),
                did_you_mean(key, system.header.iter().map(|f| f.id.as_str())),
            );
        }
    }
}

fn looks_like_phone(phone: &str) -> bool {
    let phone = phone.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let shape_ok = phone.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
    });
    shape_ok && (6..=15).contains(&digits)
}
