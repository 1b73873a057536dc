//! The request: who, where, when and which services (DOMAIN.md §4).
//!
//! Requests are facts the caller passes with each evaluation. They are parsed
//! strictly: a missing, mistyped or unknown field is a [`RequestError`]
//! naming its path.
//!
//! [`RequestError`]: crate::RequestError

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

pub(crate) mod reader;

/// A text of a request: an id, a code, a number. Held inline, without an
/// allocation, up to 24 bytes (nearly every id and code), else on the heap;
/// it derefs to `&str` and is made with `.into()` from a `&str` or a
/// `String`. A request holds a dozen such texts, and a decision echoes the
/// request's and the member's id: on the reference workload, not allocating
/// them takes about 7% off a Python batch (benches/README.md).
pub type Text = compact_str::CompactString;

/// One coverage question: the services a member asks for at a clinic on a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Caller's id, echoed back in the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub id: Option<Text>,
    /// The service date.
    #[schemars(with = "NaiveDate")]
    #[serde(with = "crate::date::iso")]
    pub date: NaiveDate,
    /// Clinic (provider) id from the rule set.
    #[schemars(with = "String")]
    pub clinic: Text,
    /// Who booked the visit.
    #[serde(default)]
    pub booked_via: BookedVia,
    /// Care setting.
    #[serde(default)]
    pub setting: Setting,
    /// Why the member seeks care (the insured event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<CaseReason>,
    /// The insured (or uninsured) person.
    pub member: Member,
    /// The authorization document or guarantee letter presented, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization: Option<Authorization>,
    /// Services used before, for limits and letter volumes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEntry>,
    /// The services asked about, one decision line each.
    pub services: Vec<ServiceRequest>,
}

/// Who booked the visit.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum BookedVia {
    /// The insurer's call center or dispatch.
    Insurer,
    /// The clinic, at the member's request.
    #[default]
    Clinic,
    /// The member came to the clinic without booking.
    WalkIn,
}

/// Care setting.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// Ambulatory care.
    #[default]
    Outpatient,
    /// Hospital stay.
    Inpatient,
}

/// Why the member seeks care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CaseReason {
    /// An acute condition.
    Acute,
    /// An exacerbation of a chronic condition.
    ChronicExacerbation,
    /// An injury.
    Trauma,
    /// Prevention.
    Preventive,
    /// Planned (elective) care.
    Planned,
}

/// Sex as recorded on the member's documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Sex {
    /// Female.
    F,
    /// Male.
    M,
}

/// The member's relationship to the person through whom they are linked.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    /// The policy holder or employee themselves.
    #[default]
    #[serde(rename = "self")]
    Himself,
    /// Husband or wife.
    Spouse,
    /// Son.
    Son,
    /// Daughter.
    Daughter,
    /// A child (son or daughter).
    Child,
    /// Father or mother.
    Parent,
    /// Anyone else (siblings, other relatives).
    Other,
}

/// The person a request is about. Personal data: `Debug` redacts the national
/// id and the name.
#[derive(Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Stable member id.
    #[schemars(with = "String")]
    pub id: Text,
    /// Full name, if the caller has it (never needed for a decision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub name: Option<Text>,
    /// Birth date.
    #[schemars(with = "NaiveDate")]
    #[serde(with = "crate::date::iso")]
    pub birth_date: NaiveDate,
    /// Sex.
    pub sex: Sex,
    /// National identifier (CNP, SNILS, CPF…), checked when the rule set says which.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub national_id: Option<Text>,
    /// Relationship to the employee or policy holder.
    #[serde(default)]
    pub relationship: Relationship,
    /// The employee's corporate client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub employer: Option<Text>,
    /// Declared pre-existing conditions.
    #[serde(default)]
    pub pre_existing: bool,
    /// The member's policy; absent means uninsured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
}

impl fmt::Debug for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Member")
            .field("id", &self.id)
            .field("name", &self.name.as_ref().map(|_| crate::REDACTED))
            .field("birth_date", &self.birth_date)
            .field("sex", &self.sex)
            .field(
                "national_id",
                &self.national_id.as_ref().map(|_| crate::REDACTED),
            )
            .field("relationship", &self.relationship)
            .field("employer", &self.employer)
            .field("pre_existing", &self.pre_existing)
            .field("policy", &self.policy)
            .finish()
    }
}

/// An insurance policy and the program it gives access to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Policy number.
    #[schemars(with = "String")]
    pub number: Text,
    /// Program id from the rule set (`ru-dms-dental/gl`).
    #[schemars(with = "String")]
    pub program: Text,
    /// First day in force.
    #[schemars(with = "NaiveDate")]
    #[serde(with = "crate::date::iso")]
    pub start: NaiveDate,
    /// Last day in force.
    #[schemars(with = "NaiveDate")]
    #[serde(with = "crate::date::iso")]
    pub end: NaiveDate,
    /// First day in the program, from which waiting periods run; default `start`.
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(
        default,
        with = "crate::date::iso_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub enrolled: Option<NaiveDate>,
}

impl Policy {
    /// The day waiting periods count from.
    pub fn enrolled_on(&self) -> NaiveDate {
        self.enrolled.unwrap_or(self.start)
    }

    /// Whether the policy is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// The kind of access document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A per-appointment authorization, valid on one date.
    Authorization,
    /// A guarantee letter, valid for a period and a volume of care.
    GuaranteeLetter,
}

/// Status of an access document.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// Issued and usable.
    #[default]
    Active,
    /// Cancelled by the clinic or the member.
    Cancelled,
    /// Already used for a visit.
    Used,
}

/// A per-appointment authorization or a guarantee letter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authorization {
    /// The unique document number.
    #[schemars(with = "String")]
    pub number: Text,
    /// Authorization or guarantee letter.
    pub kind: DocumentKind,
    /// Issue date (guarantee letters run from it).
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(
        default,
        with = "crate::date::iso_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued: Option<NaiveDate>,
    /// The one date an authorization is valid on.
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(
        default,
        with = "crate::date::iso_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_on: Option<NaiveDate>,
    /// The clinic the document is for, if it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub clinic: Option<Text>,
    /// Authorized services and quantities (a letter's volume).
    #[serde(default)]
    pub services: Vec<ServiceRequest>,
    /// Services the doctor may add during the consultation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub during_consultation: Vec<Text>,
    /// Document status.
    #[serde(default)]
    pub status: DocumentStatus,
}

/// A service used before the request, as the insurer recorded it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// Service date.
    #[schemars(with = "NaiveDate")]
    #[serde(with = "crate::date::iso")]
    pub date: NaiveDate,
    /// Service code.
    #[schemars(with = "String")]
    pub service: Text,
    /// Units.
    #[serde(default = "one")]
    pub quantity: u32,
    /// What the insurer paid, counted against amount limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// The authorization or letter number it was used under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub authorization: Option<Text>,
}

/// A service code and a quantity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceRequest {
    /// Service code from the rule set's catalog.
    #[schemars(with = "String")]
    pub code: Text,
    /// Units, at least 1.
    #[serde(default = "one")]
    pub quantity: u32,
}

fn one() -> u32 {
    1
}
