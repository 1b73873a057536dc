//! Evaluation: rule set + request → decision. Pure and deterministic: no
//! clock, no I/O.
//!
//! Each requested service runs through the pipeline in [`line`](mod@line):
//! policy → network → program coverage (category, setting, case reason,
//! age, sex) → clinic availability → waiting periods → access (authorization,
//! guarantee letter, roster, booking) → usage limits → money and discounts.
//! Each step that stops a line says why with a reason code and the rule.

mod access;
mod eligibility;
mod limits;
mod line;
mod money;
mod request_check;
mod waiting;

use crate::decision::{Decision, Line, Requirement, Requirements, Totals};
use crate::error::RequestError;
use crate::money::Currency;
use crate::request::Request;
use crate::rules::{RuleBook, RuleSet};

pub(crate) use limits::used_before;
pub use request_check::{parse_request, Limits as InputLimits};

/// Options for one evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EvaluateOptions {
    /// Record each pipeline step with the rule and value it used.
    pub trace: bool,
    /// The language of the reasons' messages.
    pub lang: crate::messages::Lang,
    /// Write each reason's message (on by default). Off, a reason keeps its
    /// code and rule and its message is empty: for callers that read codes
    /// and amounts only (tables of many decisions), the decision is the same
    /// otherwise and is made and freed faster (writing the messages is about
    /// 7% of a Python batch's time, `benches/README.md`).
    pub messages: bool,
}

impl Default for EvaluateOptions {
    /// No trace, messages in English.
    fn default() -> Self {
        EvaluateOptions {
            trace: false,
            lang: crate::messages::Lang::default(),
            messages: true,
        }
    }
}

impl RuleSet {
    /// Decides `request`.
    pub fn evaluate(&self, request: &Request) -> Result<Decision, RequestError> {
        self.evaluate_with(request, EvaluateOptions::default())
    }

    /// Decides `request` with options (a trace on request).
    pub fn evaluate_with(
        &self,
        request: &Request,
        options: EvaluateOptions,
    ) -> Result<Decision, RequestError> {
        let checked = request_check::check(self, request)?;
        let mut ledger = line::Ledger::default();
        let mut lines = Vec::with_capacity(request.services.len());
        for (index, service) in request.services.iter().enumerate() {
            lines.push(line::decide(
                &checked,
                index,
                service,
                &mut ledger,
                options,
            )?);
        }
        let totals = totals(&lines, self.money());
        let requirements = requirements(request, &lines);
        Ok(Decision {
            id: request.id.clone(),
            member: request.member.id.clone(),
            date: request.date,
            ruleset: self.id().to_owned(),
            lines,
            totals,
            requirements,
        })
    }

    /// Parses a JSON request and decides it.
    pub fn evaluate_json(&self, text: &str) -> Result<Decision, RequestError> {
        self.evaluate(&parse_request(text)?)
    }
}

/// The sums over `lines`: the first line's amounts plus the others' (each
/// already rounded to the currency); zero with the currency's places when
/// there is no line.
fn totals(lines: &[Line], currency: Currency) -> Totals {
    let amounts = |l: &Line| Totals {
        price: l.price,
        insurer_pays: l.insurer_pays,
        discount: l.discount,
        patient_pays: l.patient_pays,
    };
    let Some((first, others)) = lines.split_first() else {
        let zero = currency.zero();
        return Totals {
            price: zero,
            insurer_pays: zero,
            discount: zero,
            patient_pays: zero,
        };
    };
    others.iter().fold(amounts(first), |mut sum, l| {
        sum.price += l.price;
        sum.insurer_pays += l.insurer_pays;
        sum.discount += l.discount;
        sum.patient_pays += l.patient_pays;
        sum
    })
}

impl RuleBook {
    /// Decides `request` with the rule set that owns its clinic.
    pub fn evaluate(&self, request: &Request) -> Result<Decision, RequestError> {
        self.evaluate_with(request, EvaluateOptions::default())
    }

    /// Decides `request` with options.
    pub fn evaluate_with(
        &self,
        request: &Request,
        options: EvaluateOptions,
    ) -> Result<Decision, RequestError> {
        self.route(request)?.evaluate_with(request, options)
    }

    /// Parses a JSON request and decides it.
    pub fn evaluate_json(&self, text: &str) -> Result<Decision, RequestError> {
        self.evaluate(&parse_request(text)?)
    }

    /// The rule set that decides `request`: the owner of its clinic.
    pub fn route(&self, request: &Request) -> Result<&RuleSet, RequestError> {
        self.set_for_clinic(&request.clinic).ok_or_else(|| {
            RequestError::unknown("clinic", "clinic", &request.clinic, self.clinic_ids())
        })
    }
}

/// What reception must ask for: identity documents by age, and the member's
/// signature when an authorization document is used.
fn requirements(request: &Request, lines: &[crate::decision::Line]) -> Requirements {
    use crate::decision::{Mode, Outcome};
    let mut out = Requirements::new();
    if crate::date::age_on(request.member.birth_date, request.date) < 18 {
        out.insert(Requirement::BirthCertificateCopy);
        out.insert(Requirement::ParentIdentityDocument);
    } else {
        out.insert(Requirement::IdentityDocument);
    }
    let signs = lines.iter().any(|l| {
        l.mode == Mode::Authorization
            && matches!(l.outcome, Outcome::Covered | Outcome::PartiallyCovered)
    });
    if signs {
        out.insert(Requirement::MemberSignature);
    }
    out
}
