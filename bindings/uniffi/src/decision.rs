//! The decision records (DOMAIN.md §4), converted from the engine's
//! [`medcover::Decision`]. Money is a decimal string with the currency's
//! minor unit (`"550.00"`), dates are `YYYY-MM-DD`.

use crate::parse::{date_out, money_out};

/// The answer to a [`Request`](crate::Request).
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Decision {
    /// The request's id, echoed back.
    pub id: Option<String>,
    /// The member id.
    pub member: String,
    /// The service date, `YYYY-MM-DD`.
    pub date: String,
    /// The rule set that decided.
    pub ruleset: String,
    /// One line per requested service, in request order.
    pub lines: Vec<Line>,
    /// Sums over the lines.
    pub totals: Totals,
    /// What the clinic must ask for at reception.
    pub requirements: Vec<Requirement>,
}

/// The decision for one requested service.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Line {
    /// Service code.
    pub service: String,
    /// Requested units.
    pub quantity: u32,
    /// The service's category (`consultation`, `diagnostics`, …).
    pub category: String,
    /// Units the insurer covers.
    pub covered_quantity: u32,
    /// What happens to this service.
    pub outcome: Outcome,
    /// Access mode the line was decided under.
    pub mode: Mode,
    /// The program that decided, if the member has one.
    pub program: Option<String>,
    /// The authorization or letter number used, if any.
    pub document: Option<String>,
    /// Why, in order of the pipeline steps.
    pub reasons: Vec<Reason>,
    /// What must happen next; `null` when nothing.
    pub next_step: Option<NextStep>,
    /// Currency of the amounts (`RON`).
    pub currency: String,
    /// Price × quantity, a decimal string.
    pub price: String,
    /// What the insurer pays, a decimal string.
    pub insurer_pays: String,
    /// Discount on what the patient pays, a decimal string.
    pub discount: String,
    /// What the patient pays: price − insurer_pays − discount, a decimal string.
    pub patient_pays: String,
    /// Usage limits that apply to the line.
    pub limits: Vec<LimitUsage>,
    /// The first day the service is covered, while a waiting period runs.
    pub waiting_period_ends: Option<String>,
    /// Network clinics offering the service, for `ReferElsewhere`.
    pub alternatives: Vec<String>,
    /// Each pipeline step with the rule and value it used; empty unless
    /// asked for with `EvaluateOptions.trace`.
    pub trace: Vec<TraceStep>,
}

/// Why a line was decided as it was.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Reason {
    /// Stable code.
    pub code: ReasonCode,
    /// The explanation with the concrete values, in the language asked for;
    /// empty when decided with `EvaluateOptions.messages` off.
    pub message: String,
    /// Where it came from: `file#id` of the rule, or `request`.
    pub rule: String,
}

/// How much of a usage limit is used, counting the line itself.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct LimitUsage {
    /// Limit id from the program.
    pub id: String,
    /// Counted in units or in money.
    pub unit: LimitUnit,
    /// Allowed per period, a decimal string.
    pub allowed: String,
    /// Used before plus what this line covers, a decimal string.
    pub used: String,
    /// allowed − used, never below zero, a decimal string.
    pub remaining: String,
    /// First day of the period the limit counts in (the policy year).
    pub period_start: String,
}

/// Sums over a decision's lines, decimal strings.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Totals {
    /// Sum of prices.
    pub price: String,
    /// Sum of what the insurer pays.
    pub insurer_pays: String,
    /// Sum of discounts.
    pub discount: String,
    /// Sum of what the patient pays.
    pub patient_pays: String,
}

/// One pipeline step of a line's evaluation.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct TraceStep {
    /// The step (`policy`, `network`, `coverage`, `waiting_period`, …).
    pub step: String,
    /// The rule it used (`file#id`), if any.
    pub rule: Option<String>,
    /// The value in force that it used, or what it found.
    pub detail: String,
}

/// What happens to a requested service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Mode {
    /// A per-appointment authorization document.
    Authorization,
    /// A guarantee letter.
    GuaranteeLetter,
    /// Attachment: the member is on the clinic's roster.
    Attachment,
    /// The policy alone gives access.
    Policy,
    /// The patient pays.
    SelfPay,
}

/// What must happen next for a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
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

/// What a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum LimitUnit {
    /// Units of service.
    Count,
    /// Money the insurer pays.
    Amount,
}

/// Stable reason codes (DOMAIN.md §4). `reason_code_name()` gives the JSON
/// spelling (`AUTHORIZED_SERVICE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
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

impl From<medcover::Decision> for Decision {
    fn from(d: medcover::Decision) -> Self {
        Decision {
            id: d.id.map(String::from),
            member: d.member.into(),
            date: date_out(d.date),
            ruleset: d.ruleset.into(),
            lines: d.lines.into_iter().map(Line::from).collect(),
            totals: d.totals.into(),
            requirements: d.requirements.into_iter().map(Requirement::from).collect(),
        }
    }
}

impl From<medcover::Line> for Line {
    fn from(l: medcover::Line) -> Self {
        Line {
            service: l.service.into(),
            quantity: l.quantity,
            category: l.category.as_str().to_owned(),
            covered_quantity: l.covered_quantity,
            outcome: l.outcome.into(),
            mode: l.mode.into(),
            program: l.program.map(String::from),
            document: l.document.map(String::from),
            reasons: l.reasons.into_iter().map(Reason::from).collect(),
            next_step: l.next_step.map(NextStep::from),
            currency: l.currency.into(),
            price: money_out(l.price),
            insurer_pays: money_out(l.insurer_pays),
            discount: money_out(l.discount),
            patient_pays: money_out(l.patient_pays),
            limits: l.limits.into_iter().map(LimitUsage::from).collect(),
            waiting_period_ends: l.waiting_period_ends.map(date_out),
            alternatives: l.alternatives.into_iter().map(String::from).collect(),
            trace: l.trace.into_iter().map(TraceStep::from).collect(),
        }
    }
}

impl From<medcover::Reason> for Reason {
    fn from(r: medcover::Reason) -> Self {
        Reason {
            code: r.code.into(),
            message: r.message,
            rule: r.rule.into(),
        }
    }
}

impl From<medcover::LimitUsage> for LimitUsage {
    fn from(l: medcover::LimitUsage) -> Self {
        LimitUsage {
            id: l.id.into(),
            unit: l.unit.into(),
            allowed: money_out(l.allowed),
            used: money_out(l.used),
            remaining: money_out(l.remaining),
            period_start: date_out(l.period_start),
        }
    }
}

impl From<medcover::Totals> for Totals {
    fn from(t: medcover::Totals) -> Self {
        Totals {
            price: money_out(t.price),
            insurer_pays: money_out(t.insurer_pays),
            discount: money_out(t.discount),
            patient_pays: money_out(t.patient_pays),
        }
    }
}

impl From<medcover::TraceStep> for TraceStep {
    fn from(t: medcover::TraceStep) -> Self {
        TraceStep {
            step: t.step,
            rule: t.rule.map(String::from),
            detail: t.detail,
        }
    }
}

impl From<medcover::Outcome> for Outcome {
    fn from(v: medcover::Outcome) -> Self {
        use medcover::Outcome as O;
        match v {
            O::Covered => Self::Covered,
            O::PartiallyCovered => Self::PartiallyCovered,
            O::NotCovered => Self::NotCovered,
            O::NeedsAuthorization => Self::NeedsAuthorization,
            O::ReferElsewhere => Self::ReferElsewhere,
        }
    }
}

impl From<medcover::Mode> for Mode {
    fn from(v: medcover::Mode) -> Self {
        use medcover::Mode as M;
        match v {
            M::Authorization => Self::Authorization,
            M::GuaranteeLetter => Self::GuaranteeLetter,
            M::Attachment => Self::Attachment,
            M::Policy => Self::Policy,
            M::SelfPay => Self::SelfPay,
        }
    }
}

impl From<medcover::NextStep> for NextStep {
    fn from(v: medcover::NextStep) -> Self {
        use medcover::NextStep as N;
        match v {
            N::BookViaInsurer => Self::BookViaInsurer,
            N::RequestEmailAuthorization => Self::RequestEmailAuthorization,
            N::RequestAdditionalApproval => Self::RequestAdditionalApproval,
            N::ReauthorizeAtOtherClinic => Self::ReauthorizeAtOtherClinic,
            N::SelfPay => Self::SelfPay,
        }
    }
}

impl From<medcover::Requirement> for Requirement {
    fn from(v: medcover::Requirement) -> Self {
        use medcover::Requirement as R;
        match v {
            R::IdentityDocument => Self::IdentityDocument,
            R::BirthCertificateCopy => Self::BirthCertificateCopy,
            R::ParentIdentityDocument => Self::ParentIdentityDocument,
            R::MemberSignature => Self::MemberSignature,
        }
    }
}

impl From<medcover::LimitUnit> for LimitUnit {
    fn from(v: medcover::LimitUnit) -> Self {
        match v {
            medcover::LimitUnit::Count => Self::Count,
            medcover::LimitUnit::Amount => Self::Amount,
        }
    }
}

/// Both directions for reason codes: one list, so the two cannot drift.
macro_rules! reason_codes {
    ($($name:ident),* $(,)?) => {
        impl From<medcover::ReasonCode> for ReasonCode {
            fn from(v: medcover::ReasonCode) -> Self {
                match v { $(medcover::ReasonCode::$name => Self::$name,)* }
            }
        }
        impl From<ReasonCode> for medcover::ReasonCode {
            fn from(v: ReasonCode) -> Self {
                match v { $(ReasonCode::$name => Self::$name,)* }
            }
        }
    };
}

reason_codes!(
    CoveredByProgram,
    NotInProgram,
    NoPolicy,
    PolicyNotInForce,
    OutOfNetwork,
    NotOnRoster,
    SettingNotCovered,
    CaseReasonNotCovered,
    AgeRestriction,
    SexRestriction,
    WaitingPeriod,
    LimitExhausted,
    LimitPartial,
    AuthorizationRequired,
    AuthorizationWrongDate,
    AuthorizationExpired,
    AuthorizationCancelled,
    AuthorizationUsed,
    AuthorizedService,
    SupplementaryOnForm,
    SupplementaryNeedsAuthorization,
    ServiceUnavailableAtClinic,
    VolumeExceeded,
    BookingRequired,
    LoyaltyDiscount,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_code_round_trips() {
        for code in medcover::ReasonCode::ALL {
            assert_eq!(medcover::ReasonCode::from(ReasonCode::from(code)), code);
        }
    }
}
