//! The request records (DOMAIN.md §4) and their checked conversion into the
//! engine's [`medcover::Request`].
//!
//! Field names follow the JSON contract. Optional enums (`booked_via`,
//! `setting`, `relationship`, `status`) are `null` for the engine's default.
//! Dates and money are strings, validated here: a bad one is a
//! [`MedcoverError::Request`] with kind `InvalidField` and the field path.

use crate::error::MedcoverError;
use crate::parse;
use medcover::request::Text;
use std::fmt;

/// One coverage question: the services a member asks for at a clinic on a date.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Request {
    /// Caller's id, echoed back in the decision.
    #[uniffi(default = None)]
    pub id: Option<String>,
    /// The service date, `YYYY-MM-DD`.
    pub date: String,
    /// Clinic (provider) id from the rule set.
    pub clinic: String,
    /// The member: who, and their policy.
    pub member: Member,
    /// The services asked about, one decision line each.
    pub services: Vec<ServiceRequest>,
    /// Who booked the visit; `null` means `Clinic`.
    #[uniffi(default = None)]
    pub booked_via: Option<BookedVia>,
    /// Care setting; `null` means `Outpatient`.
    #[uniffi(default = None)]
    pub setting: Option<Setting>,
    /// Why the member seeks care (the insured event).
    #[uniffi(default = None)]
    pub reason: Option<CaseReason>,
    /// The authorization document or guarantee letter presented, if any.
    #[uniffi(default = None)]
    pub authorization: Option<Authorization>,
    /// Services used before, for limits and letter volumes.
    #[uniffi(default = [])]
    pub history: Vec<HistoryEntry>,
}

/// The person a request is about. `Debug` redacts the name and national id.
#[derive(Clone, PartialEq, uniffi::Record)]
pub struct Member {
    /// Stable member id.
    pub id: String,
    /// Birth date, `YYYY-MM-DD`.
    pub birth_date: String,
    /// Sex as on the member's documents.
    pub sex: Sex,
    /// The member's policy; `null` means uninsured.
    #[uniffi(default = None)]
    pub policy: Option<Policy>,
    /// National identifier (CNP, SNILS, CPF…), checked when the rule set says which.
    #[uniffi(default = None)]
    pub national_id: Option<String>,
    /// Full name, if the caller has it (never needed for a decision).
    #[uniffi(default = None)]
    pub name: Option<String>,
    /// Relationship to the employee or policy holder; `null` means `Holder`.
    #[uniffi(default = None)]
    pub relationship: Option<Relationship>,
    /// The employee's corporate client id.
    #[uniffi(default = None)]
    pub employer: Option<String>,
    /// Declared pre-existing conditions.
    #[uniffi(default = false)]
    pub pre_existing: bool,
}

impl fmt::Debug for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Member")
            .field("id", &self.id)
            .field("birth_date", &self.birth_date)
            .field("sex", &self.sex)
            .field("policy", &self.policy)
            .field(
                "national_id",
                &self.national_id.as_ref().map(|_| medcover::REDACTED),
            )
            .field("name", &self.name.as_ref().map(|_| medcover::REDACTED))
            .field("relationship", &self.relationship)
            .field("employer", &self.employer)
            .field("pre_existing", &self.pre_existing)
            .finish()
    }
}

/// An insurance policy and the program it gives access to.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Policy {
    /// Policy number.
    pub number: String,
    /// Program id from the rule set (`ro-omniasig/standard`).
    pub program: String,
    /// First day in force, `YYYY-MM-DD`.
    pub start: String,
    /// Last day in force, `YYYY-MM-DD`.
    pub end: String,
    /// First day in the program, from which waiting periods run; `null` means `start`.
    #[uniffi(default = None)]
    pub enrolled: Option<String>,
}

/// A per-appointment authorization or a guarantee letter.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Authorization {
    /// The unique document number.
    pub number: String,
    /// Authorization or guarantee letter.
    pub kind: DocumentKind,
    /// Issue date, `YYYY-MM-DD` (guarantee letters run from it).
    #[uniffi(default = None)]
    pub issued: Option<String>,
    /// The one date an authorization is valid on, `YYYY-MM-DD`.
    #[uniffi(default = None)]
    pub valid_on: Option<String>,
    /// The clinic the document is for, if it names one.
    #[uniffi(default = None)]
    pub clinic: Option<String>,
    /// Authorized services and quantities (a letter's volume).
    #[uniffi(default = [])]
    pub services: Vec<ServiceRequest>,
    /// Services the doctor may add during the consultation.
    #[uniffi(default = [])]
    pub during_consultation: Vec<String>,
    /// Document status; `null` means `Active`.
    #[uniffi(default = None)]
    pub status: Option<DocumentStatus>,
}

/// A service used before the request, as the insurer recorded it.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct HistoryEntry {
    /// Service date, `YYYY-MM-DD`.
    pub date: String,
    /// Service code.
    pub service: String,
    /// Units.
    #[uniffi(default = 1)]
    pub quantity: u32,
    /// What the insurer paid, a decimal string (`"250.00"`), counted against amount limits.
    #[uniffi(default = None)]
    pub amount: Option<String>,
    /// The authorization or letter number it was used under.
    #[uniffi(default = None)]
    pub authorization: Option<String>,
}

/// A service code and a quantity.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ServiceRequest {
    /// Service code from the rule set's catalog.
    pub code: String,
    /// Units, at least 1.
    #[uniffi(default = 1)]
    pub quantity: u32,
}

/// Who booked the visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum BookedVia {
    /// The insurer's call center or dispatch.
    Insurer,
    /// The clinic, at the member's request.
    Clinic,
    /// The member came to the clinic without booking.
    WalkIn,
}

/// Care setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Setting {
    /// Ambulatory care.
    Outpatient,
    /// Hospital stay.
    Inpatient,
}

/// Why the member seeks care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Sex {
    /// Female.
    F,
    /// Male.
    M,
}

/// The member's relationship to the person through whom they are linked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Relationship {
    /// The policy holder or employee themselves (`self` in JSON; `self` is a
    /// keyword in Rust and Swift).
    Holder,
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

/// The kind of access document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DocumentKind {
    /// A per-appointment authorization, valid on one date.
    Authorization,
    /// A guarantee letter, valid for a period and a volume of care.
    GuaranteeLetter,
}

/// Status of an access document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DocumentStatus {
    /// Issued and usable.
    Active,
    /// Cancelled by the clinic or the member.
    Cancelled,
    /// Already used for a visit.
    Used,
}

impl From<BookedVia> for medcover::request::BookedVia {
    fn from(v: BookedVia) -> Self {
        match v {
            BookedVia::Insurer => Self::Insurer,
            BookedVia::Clinic => Self::Clinic,
            BookedVia::WalkIn => Self::WalkIn,
        }
    }
}

impl From<Setting> for medcover::request::Setting {
    fn from(v: Setting) -> Self {
        match v {
            Setting::Outpatient => Self::Outpatient,
            Setting::Inpatient => Self::Inpatient,
        }
    }
}

impl From<CaseReason> for medcover::request::CaseReason {
    fn from(v: CaseReason) -> Self {
        match v {
            CaseReason::Acute => Self::Acute,
            CaseReason::ChronicExacerbation => Self::ChronicExacerbation,
            CaseReason::Trauma => Self::Trauma,
            CaseReason::Preventive => Self::Preventive,
            CaseReason::Planned => Self::Planned,
        }
    }
}

impl From<Sex> for medcover::request::Sex {
    fn from(v: Sex) -> Self {
        match v {
            Sex::F => Self::F,
            Sex::M => Self::M,
        }
    }
}

impl From<Relationship> for medcover::request::Relationship {
    fn from(v: Relationship) -> Self {
        match v {
            Relationship::Holder => Self::Himself,
            Relationship::Spouse => Self::Spouse,
            Relationship::Son => Self::Son,
            Relationship::Daughter => Self::Daughter,
            Relationship::Child => Self::Child,
            Relationship::Parent => Self::Parent,
            Relationship::Other => Self::Other,
        }
    }
}

impl From<DocumentKind> for medcover::request::DocumentKind {
    fn from(v: DocumentKind) -> Self {
        match v {
            DocumentKind::Authorization => Self::Authorization,
            DocumentKind::GuaranteeLetter => Self::GuaranteeLetter,
        }
    }
}

impl From<DocumentStatus> for medcover::request::DocumentStatus {
    fn from(v: DocumentStatus) -> Self {
        match v {
            DocumentStatus::Active => Self::Active,
            DocumentStatus::Cancelled => Self::Cancelled,
            DocumentStatus::Used => Self::Used,
        }
    }
}

impl Request {
    /// The engine's request, with every date and amount checked; errors name
    /// the field path as the engine's JSON parser would (`history[2].amount`).
    pub fn to_core(&self) -> Result<medcover::Request, MedcoverError> {
        Ok(medcover::Request {
            id: self.id.as_deref().map(Text::from),
            date: parse::date("date", &self.date)?,
            clinic: self.clinic.as_str().into(),
            booked_via: self.booked_via.map(Into::into).unwrap_or_default(),
            setting: self.setting.map(Into::into).unwrap_or_default(),
            reason: self.reason.map(Into::into),
            member: self.member.to_core("member")?,
            authorization: self
                .authorization
                .as_ref()
                .map(|a| a.to_core("authorization"))
                .transpose()?,
            history: self
                .history
                .iter()
                .enumerate()
                .map(|(i, h)| h.to_core(&format!("history[{i}]")))
                .collect::<Result<_, _>>()?,
            services: self.services.iter().map(ServiceRequest::to_core).collect(),
        })
    }
}

impl Member {
    pub(crate) fn to_core(&self, path: &str) -> Result<medcover::request::Member, MedcoverError> {
        Ok(medcover::request::Member {
            id: self.id.as_str().into(),
            name: self.name.as_deref().map(Text::from),
            birth_date: parse::date(&format!("{path}.birth_date"), &self.birth_date)?,
            sex: self.sex.into(),
            national_id: self.national_id.as_deref().map(Text::from),
            relationship: self.relationship.map(Into::into).unwrap_or_default(),
            employer: self.employer.as_deref().map(Text::from),
            pre_existing: self.pre_existing,
            policy: self
                .policy
                .as_ref()
                .map(|p| p.to_core(&format!("{path}.policy")))
                .transpose()?,
        })
    }
}

impl Policy {
    fn to_core(&self, path: &str) -> Result<medcover::request::Policy, MedcoverError> {
        Ok(medcover::request::Policy {
            number: self.number.as_str().into(),
            program: self.program.as_str().into(),
            start: parse::date(&format!("{path}.start"), &self.start)?,
            end: parse::date(&format!("{path}.end"), &self.end)?,
            enrolled: parse::date_opt(&format!("{path}.enrolled"), self.enrolled.as_deref())?,
        })
    }
}

impl Authorization {
    fn to_core(&self, path: &str) -> Result<medcover::request::Authorization, MedcoverError> {
        Ok(medcover::request::Authorization {
            number: self.number.as_str().into(),
            kind: self.kind.into(),
            issued: parse::date_opt(&format!("{path}.issued"), self.issued.as_deref())?,
            valid_on: parse::date_opt(&format!("{path}.valid_on"), self.valid_on.as_deref())?,
            clinic: self.clinic.as_deref().map(Text::from),
            services: self.services.iter().map(ServiceRequest::to_core).collect(),
            during_consultation: self
                .during_consultation
                .iter()
                .map(|s| s.as_str().into())
                .collect(),
            status: self.status.map(Into::into).unwrap_or_default(),
        })
    }
}

impl HistoryEntry {
    pub(crate) fn to_core(
        &self,
        path: &str,
    ) -> Result<medcover::request::HistoryEntry, MedcoverError> {
        Ok(medcover::request::HistoryEntry {
            date: parse::date(&format!("{path}.date"), &self.date)?,
            service: self.service.as_str().into(),
            quantity: self.quantity,
            amount: self
                .amount
                .as_deref()
                .map(|a| parse::money(&format!("{path}.amount"), a))
                .transpose()?,
            authorization: self.authorization.as_deref().map(Text::from),
        })
    }
}

impl ServiceRequest {
    fn to_core(&self) -> medcover::request::ServiceRequest {
        medcover::request::ServiceRequest {
            code: self.code.as_str().into(),
            quantity: self.quantity,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::RequestErrorKind;

    fn request() -> Request {
        Request {
            id: None,
            date: "2026-05-10".into(),
            clinic: "ro-oftalmo-cluj".into(),
            member: Member {
                id: "ro-m-1".into(),
                birth_date: "1985-03-12".into(),
                sex: Sex::F,
                policy: None,
                national_id: Some("2850312400014".into()),
                name: None,
                relationship: None,
                employer: None,
                pre_existing: false,
            },
            services: vec![ServiceRequest {
                code: "OPH-CONSULT".into(),
                quantity: 1,
            }],
            booked_via: None,
            setting: None,
            reason: None,
            authorization: None,
            history: vec![],
        }
    }

    fn path_of(r: &Request) -> Option<String> {
        match r.to_core() {
            Err(MedcoverError::Request {
                kind: RequestErrorKind::InvalidField,
                path,
                ..
            }) => Some(path),
            _ => None,
        }
    }

    #[test]
    fn converts_and_names_bad_fields() {
        assert!(request().to_core().is_ok());
        let mut r = request();
        r.member.birth_date = "1985-02-30".into();
        assert_eq!(path_of(&r).as_deref(), Some("member.birth_date"));
        let mut r = request();
        r.history.push(HistoryEntry {
            date: "2026-01-02".into(),
            service: "OPH-OCT".into(),
            quantity: 1,
            amount: Some("12,50".into()),
            authorization: None,
        });
        assert_eq!(path_of(&r).as_deref(), Some("history[0].amount"));
    }

    #[test]
    fn debug_redacts_the_national_id() {
        let text = format!("{:?}", request());
        assert!(!text.contains("2850312400014"), "{text}");
    }
}
