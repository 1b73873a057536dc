//! # medcover
//!
//! A rules engine for health-insurance coverage. Programs, services,
//! clinics, limits, waiting periods and discounts are data in declarative
//! JSON rule files; evaluation is a pure, deterministic function of
//! (rule set, request).
//!
//! ```no_run
//! use medcover::{RuleBook, parse_request};
//!
//! let rules = RuleBook::load("rules")?;
//! let request = parse_request(r#"{"date": "2026-05-10", "clinic": "ro-oftalmo-cluj",
//!     "member": {"id": "m-1", "birth_date": "1985-03-12", "sex": "F"},
//!     "services": [{"code": "OPH-CONSULT"}]}"#)?;
//! let decision = rules.evaluate(&request)?;
//! println!("{}", decision.totals.patient_pays);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The parts: [`rules`] loads and checks rule files into an immutable
//! [`RuleSet`]; [`evaluate`](RuleSet::evaluate) decides a [`Request`] into a
//! [`Decision`]; [`identity`], [`date`] and [`money`] hold the domain's
//! arithmetic. [`directory`] searches providers; [`helpdesk`] answers the
//! helpdesk schedule and checks incident e-mails; [`representatives`]
//! routes inquiries to levels of insurance representatives and answers
//! check-up eligibility.

#![forbid(unsafe_code)]

pub mod cases;
pub mod date;
pub mod decision;
pub mod directory;
pub mod error;
mod evaluate;
pub mod fhir;
pub mod helpdesk;
pub mod identity;
pub mod messages;
pub mod money;
pub mod name;
pub mod reports;
pub mod representatives;
pub mod request;
pub mod rules;
mod suggest;
mod text;

pub use decision::{
    Decision, LimitUnit, LimitUsage, Line, Mode, NextStep, Outcome, Reason, ReasonCode,
    Requirement, Requirements, Totals, TraceStep,
};
pub use directory::{ProviderQuery, QueryError};
pub use error::{LoadError, ProblemKind, RequestError, RequestErrorKind, RuleProblem};
pub use evaluate::{parse_request, EvaluateOptions, InputLimits};
pub use name::Name;
pub use request::Request;
pub use rules::{RuleBook, RuleSet};

/// What personal data is replaced with in `Debug` output.
pub const REDACTED: &str = "<redacted>";
