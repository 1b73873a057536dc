//! One decision line: the pipeline of checks for one requested service.

use super::request_check::Checked;
use super::EvaluateOptions;
use crate::decision::{LimitUsage, Line, Mode, NextStep, Outcome, Reason, ReasonCode, TraceStep};
use crate::error::RequestError;
use crate::messages::{Key, Message, Slot};
use crate::name::Name;
use crate::request::ServiceRequest;
use crate::rules::model::{Program, Service, ServiceId};
use crate::rules::RuleSet;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;

/// What earlier lines of the same request have already used, so that two
/// lines never spend the same limit or letter volume twice.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    /// Limit rule → units or money used by earlier lines.
    pub limits: HashMap<Name, Decimal>,
    /// Service code → letter units used by earlier lines.
    pub volume: HashMap<Name, u32>,
}

/// An amount limit with money left, to be applied when the line's money is settled.
pub(crate) struct AmountCap {
    /// Money left before this line.
    pub left: Decimal,
    /// The limit's rule reference (ledger key).
    pub rule: Name,
    /// The limit's id.
    pub id: Name,
    /// Index of its entry in the line's `limits`.
    pub usage: usize,
}

/// A line being decided.
pub(crate) struct Draft<'r> {
    pub set: &'r RuleSet,
    pub checked: &'r Checked<'r>,
    pub service: &'r Service,
    pub service_id: ServiceId,
    pub quantity: u32,
    pub date: NaiveDate,
    /// Units the insurer covers so far.
    pub covered: u32,
    /// Amount limits that cap what the insurer pays on this line.
    pub amount_caps: Vec<AmountCap>,
    pub outcome: Outcome,
    pub mode: Mode,
    pub reasons: Vec<Reason>,
    pub next_step: Option<NextStep>,
    pub limits: Vec<LimitUsage>,
    pub waiting_period_ends: Option<NaiveDate>,
    pub alternatives: Vec<Name>,
    pub document: Option<crate::request::Text>,
    /// The language of the reasons' messages; `None` writes none.
    pub lang: Option<crate::messages::Lang>,
    /// The coverage entry that covers the service, once found.
    pub coverage_rule: Option<Name>,
    pub trace: Option<Vec<TraceStep>>,
}

impl<'r> Draft<'r> {
    pub fn reason(&mut self, code: ReasonCode, message: Message, rule: &Name) {
        self.reasons.push(Reason {
            code,
            message: self.explain(&message),
            rule: *rule,
        });
    }

    /// The text of a reason's message (empty when messages are off).
    pub fn explain(&self, message: &Message) -> String {
        self.lang
            .map(|lang| message.render(lang))
            .unwrap_or_default()
    }

    pub fn trace(&mut self, step: &str, rule: Option<&Name>, detail: impl FnOnce() -> String) {
        if let Some(trace) = &mut self.trace {
            trace.push(TraceStep {
                step: step.to_owned(),
                rule: rule.copied(),
                detail: detail(),
            });
        }
    }

    /// Stops the line: nothing is covered.
    pub fn stop(
        &mut self,
        outcome: Outcome,
        mode: Mode,
        next_step: Option<NextStep>,
        code: ReasonCode,
        message: Message,
        rule: &Name,
    ) {
        self.covered = 0;
        self.outcome = outcome;
        self.mode = mode;
        self.next_step = next_step;
        self.reason(code, message, rule);
    }

    /// Stops the line as not covered: the patient pays.
    pub fn not_covered(&mut self, code: ReasonCode, message: Message, rule: &Name) {
        self.stop(
            Outcome::NotCovered,
            Mode::SelfPay,
            Some(NextStep::SelfPay),
            code,
            message,
            rule,
        );
    }

    pub fn stopped(&self) -> bool {
        self.covered == 0 && self.outcome != Outcome::Covered
    }

    /// The service code, borrowed from the rules (not from the draft).
    pub fn code(&self) -> &'r str {
        let service: &'r Service = self.service;
        &service.code
    }
}

pub(crate) fn decide(
    checked: &Checked<'_>,
    index: usize,
    requested: &ServiceRequest,
    ledger: &mut Ledger,
    options: EvaluateOptions,
) -> Result<Line, RequestError> {
    let (set, request) = (checked.set, checked.request);
    let (service_id, service) = checked.service(index).ok_or_else(|| {
        RequestError::invalid(
            format!("services[{index}].code"),
            format!("unknown service `{}`", requested.code),
        )
    })?;
    let Some((unit_price, price_window)) = service.price.at(request.date) else {
        return Err(RequestError::invalid(
            format!("services[{index}].code"),
            format!(
                "service `{}` has no price in force on {}",
                service.code, request.date
            ),
        ));
    };
    let unit_price = *unit_price;
    let mut draft = Draft {
        set,
        checked,
        service,
        service_id,
        quantity: requested.quantity,
        date: request.date,
        covered: requested.quantity,
        amount_caps: Vec::new(),
        outcome: Outcome::Covered,
        mode: Mode::SelfPay,
        reasons: Vec::with_capacity(2),
        next_step: None,
        limits: Vec::new(),
        waiting_period_ends: None,
        alternatives: Vec::new(),
        document: None,
        coverage_rule: None,
        lang: options.messages.then_some(options.lang),
        trace: options.trace.then(Vec::new),
    };
    draft.trace("price", Some(&service.rule), || {
        format!(
            "unit price {unit_price} {} in force {}",
            set.currency(),
            price_window.describe()
        )
    });
    let program = run_pipeline(&mut draft, ledger);
    let money = super::money::settle(&mut draft, program, unit_price, ledger);
    Ok(Line {
        service: service.code,
        quantity: draft.quantity,
        category: service.category,
        covered_quantity: draft.covered,
        outcome: draft.outcome,
        mode: draft.mode,
        program: program.map(|p| p.id),
        document: draft.document,
        reasons: draft.reasons,
        next_step: draft.next_step,
        currency: set.currency(),
        price: money.price,
        insurer_pays: money.insurer_pays,
        discount: money.discount,
        patient_pays: money.patient_pays,
        limits: draft.limits,
        waiting_period_ends: draft.waiting_period_ends,
        alternatives: draft.alternatives,
        trace: draft.trace.unwrap_or_default(),
    })
}

/// Runs the checks in order until one stops the line. Returns the member's
/// program when the line got as far as needing one.
fn run_pipeline<'r>(d: &mut Draft<'r>, ledger: &mut Ledger) -> Option<&'r Program> {
    use super::{access, eligibility, limits, waiting};
    let program = eligibility::policy(d)?;
    let steps: [fn(&mut Draft<'r>, &'r Program, &mut Ledger); 7] = [
        |d, p, l| eligibility::network(d, p, l),
        |d, p, l| eligibility::coverage(d, p, l),
        |d, p, l| eligibility::availability(d, p, l),
        |d, p, l| waiting::check(d, p, l),
        |d, p, l| access::check(d, p, l),
        |d, p, l| limits::apply(d, p, l),
        |d, p, l| finish_covered(d, p, l),
    ];
    for step in steps {
        if d.stopped() {
            break;
        }
        step(d, program, ledger);
    }
    Some(program)
}

/// A line that passed every check: partial when units or money were cut.
fn finish_covered<'r>(d: &mut Draft<'r>, program: &'r Program, _: &mut Ledger) {
    if d.outcome == Outcome::Covered && d.covered < d.quantity {
        d.outcome = Outcome::PartiallyCovered;
        if d.next_step.is_none() {
            d.next_step = Some(NextStep::SelfPay);
        }
    }
    if matches!(d.outcome, Outcome::Covered | Outcome::PartiallyCovered) {
        let rule = d.coverage_rule.unwrap_or(program.rule);
        let message = Message::new(Key::CoveredByProgram)
            .with(Slot::Service, d.code())
            .with(Slot::Program, program.id);
        let reason = Reason {
            code: ReasonCode::CoveredByProgram,
            message: d.explain(&message),
            rule,
        };
        d.reasons.insert(0, reason);
    }
}
