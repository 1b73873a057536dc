//! The decision: one line per requested service, with money, limits, waiting
//! periods, the next step and the reasons why (DOMAIN.md §4).

use crate::name::Name;
use crate::rules::format::Category;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

mod requirements;
pub use requirements::{Requirements, RequirementsIter};

/// The answer to a [`Request`](crate::Request).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The request's id, echoed back.
    #[serde(default)]
    pub id: Option<crate::request::Text>,
    /// The member id.
    pub member: crate::request::Text,
    /// The service date.
    #[serde(with = "crate::date::iso")]
    pub date: NaiveDate,
    /// The rule set that decided.
    pub ruleset: Name,
    /// One line per requested service, in request order.
    pub lines: Vec<Line>,
    /// Sums over the lines.
    pub totals: Totals,
    /// What the clinic must ask for at reception.
    pub requirements: Requirements,
}

/// The decision for one requested service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// Service code.
    pub service: Name,
    /// Requested units.
    pub quantity: u32,
    /// The service's category.
    pub category: Category,
    /// Units the insurer covers.
    pub covered_quantity: u32,
    /// What happens to this service.
    pub outcome: Outcome,
    /// Access mode the line was decided under.
    pub mode: Mode,
    /// The program that decided, if the member has one.
    #[serde(default)]
    pub program: Option<Name>,
    /// The authorization or letter number used, if any.
    #[serde(default)]
    pub document: Option<crate::request::Text>,
    /// Why, in order of the pipeline steps.
    pub reasons: Vec<Reason>,
    /// What must happen next.
    pub next_step: Option<NextStep>,
    /// Currency of the amounts.
    pub currency: Name,
    /// Price × quantity.
    pub price: Decimal,
    /// What the insurer pays.
    pub insurer_pays: Decimal,
    /// Discount on what the patient pays.
    pub discount: Decimal,
    /// What the patient pays: price − insurer_pays − discount.
    pub patient_pays: Decimal,
    /// Usage limits that apply to the line.
    pub limits: Vec<LimitUsage>,
    /// The first day the service is covered, while a waiting period runs.
    #[serde(default, with = "crate::date::iso_opt")]
    pub waiting_period_ends: Option<NaiveDate>,
    /// Network clinics offering the service, for `refer_elsewhere`.
    pub alternatives: Vec<Name>,
    /// Each pipeline step with the rule and value it used; only on request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trace: Vec<TraceStep>,
}

impl Line {
    /// Whether a reason with `code` explains this line.
    pub fn has_reason(&self, code: ReasonCode) -> bool {
        self.reasons.iter().any(|r| r.code == code)
    }
}

/// What happens to a requested service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Fully covered.
    Covered,
    /// Some units, or part of the amount, covered.
    PartiallyCovered,
    /// Not covered: the patient pays.
    NotCovered,
    /// Covered once an authorization, a booking or an approval is obtained.
    NeedsAuthorization,
    /// This clinic cannot perform it: go to another clinic.
    ReferElsewhere,
}

/// The access mode a line was decided under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A per-appointment authorization document.
    Authorization,
    /// A guarantee letter (direct guarantee, "by fact").
    GuaranteeLetter,
    /// Attachment: the member is on the clinic's roster.
    Attachment,
    /// The policy alone gives access (no document, no roster).
    Policy,
    /// The patient pays.
    SelfPay,
}

/// What must happen next for a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NextStep {
    /// Book the visit through the insurer's call center or dispatch.
    BookViaInsurer,
    /// The clinic asks the call center for an authorization by e-mail.
    RequestEmailAuthorization,
    /// Ask the insurer to approve more volume.
    RequestAdditionalApproval,
    /// Start a new authorization for another clinic.
    ReauthorizeAtOtherClinic,
    /// The patient pays.
    SelfPay,
}

/// What the clinic must ask for at reception.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// The member's identity document.
    IdentityDocument,
    /// A copy of a child's birth certificate.
    BirthCertificateCopy,
    /// The accompanying parent's identity document.
    ParentIdentityDocument,
    /// The member signs the document to confirm the services performed.
    MemberSignature,
}

impl Requirement {
    /// Every requirement, in declaration order.
    pub const ALL: [Requirement; 4] = [
        Self::IdentityDocument,
        Self::BirthCertificateCopy,
        Self::ParentIdentityDocument,
        Self::MemberSignature,
    ];
}

/// Why a line was decided as it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable code.
    pub code: ReasonCode,
    /// The explanation with the concrete values, in the language asked for
    /// (English by default); empty when decided without messages
    /// ([`EvaluateOptions::messages`](crate::EvaluateOptions::messages)).
    pub message: String,
    /// Where it came from: `file#id` of the rule, or `request` for the caller's facts.
    pub rule: Name,
}

/// Stable reason codes (DOMAIN.md §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReasonCode {
    /// The program covers the service.
    CoveredByProgram,
    /// The program does not cover the service.
    NotInProgram,
    /// The member has no policy.
    NoPolicy,
    /// The policy is not in force on the date.
    PolicyNotInForce,
    /// The clinic is not in the program's network.
    OutOfNetwork,
    /// The member is not on the clinic's attachment roster.
    NotOnRoster,
    /// The care setting is not covered.
    SettingNotCovered,
    /// The case reason is not an insured event.
    CaseReasonNotCovered,
    /// The member's age is outside the covered range.
    AgeRestriction,
    /// The member's sex is not covered for the service.
    SexRestriction,
    /// A waiting period is still running.
    WaitingPeriod,
    /// A usage limit is used up.
    LimitExhausted,
    /// A usage limit covers part of the line.
    LimitPartial,
    /// The program needs an authorization document.
    AuthorizationRequired,
    /// The authorization is for another date.
    AuthorizationWrongDate,
    /// The guarantee letter has expired.
    AuthorizationExpired,
    /// The authorization was cancelled.
    AuthorizationCancelled,
    /// The authorization was already used.
    AuthorizationUsed,
    /// The service is authorized on the document.
    AuthorizedService,
    /// The service is listed for the consultation on the document.
    SupplementaryOnForm,
    /// A supplementary service needs an e-mail authorization.
    SupplementaryNeedsAuthorization,
    /// The clinic does not offer the service.
    ServiceUnavailableAtClinic,
    /// The letter's volume is used up.
    VolumeExceeded,
    /// The visit must be booked through the insurer.
    BookingRequired,
    /// A loyalty discount applies.
    LoyaltyDiscount,
}

impl ReasonCode {
    /// Every reason code, in declaration order.
    pub const ALL: [ReasonCode; 25] = [
        Self::CoveredByProgram,
        Self::NotInProgram,
        Self::NoPolicy,
        Self::PolicyNotInForce,
        Self::OutOfNetwork,
        Self::NotOnRoster,
        Self::SettingNotCovered,
        Self::CaseReasonNotCovered,
        Self::AgeRestriction,
        Self::SexRestriction,
        Self::WaitingPeriod,
        Self::LimitExhausted,
        Self::LimitPartial,
        Self::AuthorizationRequired,
        Self::AuthorizationWrongDate,
        Self::AuthorizationExpired,
        Self::AuthorizationCancelled,
        Self::AuthorizationUsed,
        Self::AuthorizedService,
        Self::SupplementaryOnForm,
        Self::SupplementaryNeedsAuthorization,
        Self::ServiceUnavailableAtClinic,
        Self::VolumeExceeded,
        Self::BookingRequired,
        Self::LoyaltyDiscount,
    ];

    /// The code as written in decisions (`AUTHORIZED_SERVICE`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CoveredByProgram => "COVERED_BY_PROGRAM",
            Self::NotInProgram => "NOT_IN_PROGRAM",
            Self::NoPolicy => "NO_POLICY",
            Self::PolicyNotInForce => "POLICY_NOT_IN_FORCE",
            Self::OutOfNetwork => "OUT_OF_NETWORK",
            Self::NotOnRoster => "NOT_ON_ROSTER",
            Self::SettingNotCovered => "SETTING_NOT_COVERED",
            Self::CaseReasonNotCovered => "CASE_REASON_NOT_COVERED",
            Self::AgeRestriction => "AGE_RESTRICTION",
            Self::SexRestriction => "SEX_RESTRICTION",
            Self::WaitingPeriod => "WAITING_PERIOD",
            Self::LimitExhausted => "LIMIT_EXHAUSTED",
            Self::LimitPartial => "LIMIT_PARTIAL",
            Self::AuthorizationRequired => "AUTHORIZATION_REQUIRED",
            Self::AuthorizationWrongDate => "AUTHORIZATION_WRONG_DATE",
            Self::AuthorizationExpired => "AUTHORIZATION_EXPIRED",
            Self::AuthorizationCancelled => "AUTHORIZATION_CANCELLED",
            Self::AuthorizationUsed => "AUTHORIZATION_USED",
            Self::AuthorizedService => "AUTHORIZED_SERVICE",
            Self::SupplementaryOnForm => "SUPPLEMENTARY_ON_FORM",
            Self::SupplementaryNeedsAuthorization => "SUPPLEMENTARY_NEEDS_AUTHORIZATION",
            Self::ServiceUnavailableAtClinic => "SERVICE_UNAVAILABLE_AT_CLINIC",
            Self::VolumeExceeded => "VOLUME_EXCEEDED",
            Self::BookingRequired => "BOOKING_REQUIRED",
            Self::LoyaltyDiscount => "LOYALTY_DISCOUNT",
        }
    }
}

impl std::fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much of a usage limit is used, counting the line itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitUsage {
    /// Limit id from the program.
    pub id: Name,
    /// Counted in units or in money.
    pub unit: LimitUnit,
    /// Allowed per period.
    pub allowed: Decimal,
    /// Used before plus what this line covers.
    pub used: Decimal,
    /// allowed − used, never below zero.
    pub remaining: Decimal,
    /// First day of the period the limit counts in (the policy year).
    #[serde(with = "crate::date::iso")]
    pub period_start: NaiveDate,
}

/// What a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitUnit {
    /// Units of service.
    Count,
    /// Money the insurer pays.
    Amount,
}

/// Sums over a decision's lines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Sum of prices.
    pub price: Decimal,
    /// Sum of what the insurer pays.
    pub insurer_pays: Decimal,
    /// Sum of discounts.
    pub discount: Decimal,
    /// Sum of what the patient pays.
    pub patient_pays: Decimal,
}

/// One pipeline step of a line's evaluation, for explaining "why".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceStep {
    /// The step (`policy`, `network`, `coverage`, `waiting_period`, …).
    pub step: String,
    /// The rule it used (`file#id`), if any.
    #[serde(default)]
    pub rule: Option<Name>,
    /// The value in force that it used, or what it found.
    pub detail: String,
}
