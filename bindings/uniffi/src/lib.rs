//! # medcover-uniffi
//!
//! Kotlin, Swift (and Python) bindings of the medcover engine, through
//! [uniffi](https://mozilla.github.io/uniffi-rs/) proc-macros.
//!
//! The API is typed end to end: a [`Request`] record in, a [`Decision`]
//! record out, enums for every closed set of codes, and one error type,
//! [`MedcoverError`], for everything that can go wrong. Money crosses the
//! boundary as decimal strings (`"1234.50"`) and dates as ISO strings
//! (`"2026-05-10"`); both are validated on the way in, and a bad one is a
//! [`MedcoverError::Request`] naming the field path. Nothing panics across
//! the FFI boundary.
//!
//! ```text
//! val rules = RuleSet("rules/ro-omniasig")                   // Kotlin
//! val decision = rules.evaluate(request)
//! decision.lines[0].outcome == Outcome.COVERED
//! ```
//!
//! Besides evaluation, `RuleSet` answers the member reports
//! ([`reports`]), the provider directory ([`directory`]), the helpdesk
//! ([`helpdesk`]) and representative routing ([`representatives`]).
//!
//! Layout, so that new engine APIs are easy to bind: each group of records
//! lives in its own module ([`request`], [`decision`], …) with its
//! conversions next to it; [`ruleset`] holds the exported object whose
//! methods call the engine; [`error`] maps every engine error.

pub mod decision;
pub mod directory;
pub mod error;
mod fhir;
pub mod helpdesk;
mod parse;
pub mod reports;
pub mod representatives;
pub mod request;
pub mod ruleset;

pub use decision::{
    Decision, LimitUnit, LimitUsage, Line, Mode, NextStep, Outcome, Reason, ReasonCode,
    Requirement, Totals, TraceStep,
};
pub use directory::{Provider, ProviderQuery, ProviderType};
pub use error::{MedcoverError, ProblemKind, RequestErrorKind, RuleProblem};
pub use helpdesk::{
    Channel, ChannelAnswer, DayKind, HelpdeskWindow, Incident, IncidentProblem,
    IncidentProblemCode, IncidentVerdict, PublicHoliday,
};
pub use reports::{
    LimitLine, LimitsReport, MemberQuery, ReportHeader, Statement, StatementLine, WaitingLine,
    WaitingPeriodsReport,
};
pub use representatives::{CheckupAnswer, Route, RouteChannel};
pub use request::{
    Authorization, BookedVia, CaseReason, DocumentKind, DocumentStatus, HistoryEntry, Member,
    Policy, Relationship, Request, ServiceRequest, Setting, Sex,
};
pub use ruleset::{EvaluateOptions, RuleSet};

uniffi::setup_scaffolding!("medcover");

/// The version of the medcover engine these bindings were built with.
#[uniffi::export]
pub fn medcover_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The stable code of `code` as written in JSON decisions
/// (`ReasonCode::AuthorizedService` → `"AUTHORIZED_SERVICE"`).
#[uniffi::export]
pub fn reason_code_name(code: ReasonCode) -> String {
    medcover::ReasonCode::from(code).as_str().to_owned()
}
