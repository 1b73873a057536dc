//! The decision as typed Python objects: `Decision`, `Line`, `Reason`,
//! `LimitUsage`, `Totals`, `TraceStep`.
//!
//! Each object wraps the core's Rust value and converts a field when it is
//! read: money as `decimal.Decimal`, dates as `datetime.date`, codes as `str`.
//! `to_dict()` gives the same shape as the JSON contract with those Python
//! types; `to_json()` gives the contract's JSON (money and dates as strings).

use medcover::{
    Decision, LimitUnit, LimitUsage, Line, Mode, Name, NextStep, Outcome, Reason, Requirement,
    Totals, TraceStep,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};
use rust_decimal::Decimal;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A `decimal.Decimal` with the same digits and scale (`"550.00"`).
pub fn py_decimal<'py>(py: Python<'py>, value: &Decimal) -> PyResult<Bound<'py, PyAny>> {
    DECIMAL
        .import(py, "decimal", "Decimal")?
        .call1((value.to_string(),))
}

/// A `datetime.date`.
pub fn py_date<'py>(py: Python<'py>, value: chrono::NaiveDate) -> PyResult<Bound<'py, PyAny>> {
    use chrono::Datelike;
    DATE.import(py, "datetime", "date")?
        .call1((value.year(), value.month(), value.day()))
}

fn py_date_opt<'py>(
    py: Python<'py>,
    value: Option<chrono::NaiveDate>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    value.map(|d| py_date(py, d)).transpose()
}

/// The contract's name of an outcome.
pub fn outcome_str(o: Outcome) -> &'static str {
    match o {
        Outcome::Covered => "covered",
        Outcome::PartiallyCovered => "partially_covered",
        Outcome::NotCovered => "not_covered",
        Outcome::NeedsAuthorization => "needs_authorization",
        Outcome::ReferElsewhere => "refer_elsewhere",
    }
}

/// The contract's name of a mode.
pub fn mode_str(m: Mode) -> &'static str {
    match m {
        Mode::Authorization => "authorization",
        Mode::GuaranteeLetter => "guarantee_letter",
        Mode::Attachment => "attachment",
        Mode::Policy => "policy",
        Mode::SelfPay => "self_pay",
    }
}

/// The contract's name of a next step.
pub fn next_step_str(n: NextStep) -> &'static str {
    match n {
        NextStep::BookViaInsurer => "book_via_insurer",
        NextStep::RequestEmailAuthorization => "request_email_authorization",
        NextStep::RequestAdditionalApproval => "request_additional_approval",
        NextStep::ReauthorizeAtOtherClinic => "reauthorize_at_other_clinic",
        NextStep::SelfPay => "self_pay",
    }
}

fn requirement_str(r: Requirement) -> &'static str {
    match r {
        Requirement::IdentityDocument => "identity_document",
        Requirement::BirthCertificateCopy => "birth_certificate_copy",
        Requirement::ParentIdentityDocument => "parent_identity_document",
        Requirement::MemberSignature => "member_signature",
    }
}

fn unit_str(u: LimitUnit) -> &'static str {
    match u {
        LimitUnit::Count => "count",
        LimitUnit::Amount => "amount",
    }
}

pub(crate) fn json_text<T: serde::Serialize>(value: &T, indent: Option<usize>) -> PyResult<String> {
    let result = match indent {
        None => serde_json::to_string(value),
        Some(n) => {
            let spaces = " ".repeat(n);
            let formatter = serde_json::ser::PrettyFormatter::with_indent(spaces.as_bytes());
            let mut out = Vec::new();
            let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
            serde::Serialize::serialize(value, &mut ser)
                .map(|()| String::from_utf8_lossy(&out).into_owned())
        }
    };
    result.map_err(|e| PyValueError::new_err(format!("cannot write JSON: {e}")))
}

/// The answer to one request: one line per requested service.
#[pyclass(frozen, eq, module = "medcover._native", name = "Decision")]
#[derive(Clone, PartialEq)]
pub struct PyDecision {
    /// The core's decision.
    pub inner: Decision,
}

#[pymethods]
impl PyDecision {
    /// The request's id, echoed back.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.inner.id.as_deref()
    }

    /// The member id.
    #[getter]
    fn member(&self) -> &str {
        &self.inner.member
    }

    /// The service date.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.date)
    }

    /// The rule set that decided.
    #[getter]
    fn ruleset(&self) -> &str {
        &self.inner.ruleset
    }

    /// One line per requested service, in request order.
    #[getter]
    fn lines(&self) -> Vec<PyLine> {
        self.inner
            .lines
            .iter()
            .map(|l| PyLine { inner: l.clone() })
            .collect()
    }

    /// Sums over the lines.
    #[getter]
    fn totals(&self) -> PyTotals {
        PyTotals {
            inner: self.inner.totals.clone(),
        }
    }

    /// What the clinic must ask for at reception.
    #[getter]
    fn requirements(&self) -> Vec<&'static str> {
        self.inner
            .requirements
            .iter()
            .map(requirement_str)
            .collect()
    }

    /// The decision as a dict shaped like the JSON contract, with
    /// `decimal.Decimal` money and `datetime.date` dates.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        decision_dict(py, &self.inner)
    }

    /// The decision as the contract's JSON (money and dates as strings).
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(&self.inner, indent)
    }

    /// A decision read back from `to_json()` output.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        serde_json::from_str(text)
            .map(|inner| PyDecision { inner })
            .map_err(|e| PyValueError::new_err(format!("not a decision: {e}")))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = slf.get_type().getattr("from_json")?;
        Ok((from_json, (json_text(&slf.get().inner, None)?,)))
    }

    fn __repr__(&self) -> String {
        let d = &self.inner;
        format!(
            "Decision(id={}, member={:?}, date={}, ruleset={:?}, lines={}, insurer_pays={}, patient_pays={})",
            d.id.as_ref().map_or_else(|| "None".to_owned(), |i| format!("{i:?}")),
            d.member,
            d.date,
            d.ruleset,
            d.lines.len(),
            d.totals.insurer_pays,
            d.totals.patient_pays
        )
    }
}

/// The decision for one requested service.
#[pyclass(frozen, eq, module = "medcover._native", name = "Line")]
#[derive(Clone, PartialEq)]
pub struct PyLine {
    /// The core's line.
    pub inner: Line,
}

#[pymethods]
impl PyLine {
    /// Service code.
    #[getter]
    fn service(&self) -> &str {
        &self.inner.service
    }
    /// Requested units.
    #[getter]
    fn quantity(&self) -> u32 {
        self.inner.quantity
    }
    /// The service's category.
    #[getter]
    fn category(&self) -> &'static str {
        self.inner.category.as_str()
    }
    /// Units the insurer covers.
    #[getter]
    fn covered_quantity(&self) -> u32 {
        self.inner.covered_quantity
    }
    /// `covered`, `partially_covered`, `not_covered`, `needs_authorization` or `refer_elsewhere`.
    #[getter]
    fn outcome(&self) -> &'static str {
        outcome_str(self.inner.outcome)
    }
    /// `authorization`, `guarantee_letter`, `attachment`, `policy` or `self_pay`.
    #[getter]
    fn mode(&self) -> &'static str {
        mode_str(self.inner.mode)
    }
    /// The program that decided, if the member has one.
    #[getter]
    fn program(&self) -> Option<&str> {
        self.inner.program.as_deref()
    }
    /// The authorization or letter number used, if any.
    #[getter]
    fn document(&self) -> Option<&str> {
        self.inner.document.as_deref()
    }
    /// Why, in pipeline order.
    #[getter]
    fn reasons(&self) -> Vec<PyReason> {
        self.inner
            .reasons
            .iter()
            .map(|r| PyReason { inner: r.clone() })
            .collect()
    }
    /// The reason codes alone, in order.
    #[getter]
    fn reason_codes(&self) -> Vec<&'static str> {
        self.inner.reasons.iter().map(|r| r.code.as_str()).collect()
    }
    /// What must happen next, or `None`.
    #[getter]
    fn next_step(&self) -> Option<&'static str> {
        self.inner.next_step.map(next_step_str)
    }
    /// Currency of the amounts.
    #[getter]
    fn currency(&self) -> &str {
        &self.inner.currency
    }
    /// Price × quantity.
    #[getter]
    fn price<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.price)
    }
    /// What the insurer pays.
    #[getter]
    fn insurer_pays<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.insurer_pays)
    }
    /// Discount on what the patient pays.
    #[getter]
    fn discount<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.discount)
    }
    /// What the patient pays.
    #[getter]
    fn patient_pays<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.patient_pays)
    }
    /// Usage limits that apply to the line.
    #[getter]
    fn limits(&self) -> Vec<PyLimitUsage> {
        self.inner
            .limits
            .iter()
            .map(|l| PyLimitUsage { inner: l.clone() })
            .collect()
    }
    /// The first day the service is covered, while a waiting period runs.
    #[getter]
    fn waiting_period_ends<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_date_opt(py, self.inner.waiting_period_ends)
    }
    /// Network clinics offering the service, for `refer_elsewhere`.
    #[getter]
    fn alternatives(&self) -> Vec<&'static str> {
        self.inner.alternatives.iter().map(Name::as_str).collect()
    }
    /// Each pipeline step with the rule and value it used (with `trace=True`).
    #[getter]
    fn trace(&self) -> Vec<PyTraceStep> {
        self.inner
            .trace
            .iter()
            .map(|t| PyTraceStep { inner: t.clone() })
            .collect()
    }
    /// The line as a dict (Decimal money, date dates).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        line_dict(py, &self.inner)
    }
    /// The line as the contract's JSON.
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        let l = &self.inner;
        format!(
            "Line(service={:?}, quantity={}, outcome={:?}, mode={:?}, insurer_pays={}, discount={}, patient_pays={}, reasons={:?})",
            l.service,
            l.quantity,
            outcome_str(l.outcome),
            mode_str(l.mode),
            l.insurer_pays,
            l.discount,
            l.patient_pays,
            l.reasons.iter().map(|r| r.code.as_str()).collect::<Vec<_>>()
        )
    }
}

/// Why a line was decided as it was.
#[pyclass(frozen, eq, module = "medcover._native", name = "Reason")]
#[derive(Clone, PartialEq)]
pub struct PyReason {
    /// The core's reason.
    pub inner: Reason,
}

#[pymethods]
impl PyReason {
    /// Stable code (`AUTHORIZED_SERVICE`).
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }
    /// An English explanation with the concrete values.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }
    /// Where it came from: `rule-set/file#id`, or `request`.
    #[getter]
    fn rule(&self) -> &str {
        &self.inner.rule
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        reason_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "Reason(code={:?}, rule={:?}, message={:?})",
            self.inner.code.as_str(),
            self.inner.rule,
            self.inner.message
        )
    }
}

/// How much of a usage limit is used, counting the line itself.
#[pyclass(frozen, eq, module = "medcover._native", name = "LimitUsage")]
#[derive(Clone, PartialEq)]
pub struct PyLimitUsage {
    /// The core's usage.
    pub inner: LimitUsage,
}

#[pymethods]
impl PyLimitUsage {
    /// Limit id from the program.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// `count` or `amount`.
    #[getter]
    fn unit(&self) -> &'static str {
        unit_str(self.inner.unit)
    }
    /// Allowed per policy year.
    #[getter]
    fn allowed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.allowed)
    }
    /// Used before plus what this line covers.
    #[getter]
    fn used<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.used)
    }
    /// allowed − used, never below zero.
    #[getter]
    fn remaining<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.remaining)
    }
    /// First day of the policy year the limit counts in.
    #[getter]
    fn period_start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.period_start)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        limit_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let l = &self.inner;
        format!(
            "LimitUsage(id={:?}, unit={:?}, allowed={}, used={}, remaining={})",
            l.id,
            unit_str(l.unit),
            l.allowed,
            l.used,
            l.remaining
        )
    }
}

/// Sums over a decision's lines.
#[pyclass(frozen, eq, module = "medcover._native", name = "Totals")]
#[derive(Clone, PartialEq)]
pub struct PyTotals {
    /// The core's totals.
    pub inner: Totals,
}

#[pymethods]
impl PyTotals {
    /// Sum of prices.
    #[getter]
    fn price<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.price)
    }
    /// Sum of what the insurer pays.
    #[getter]
    fn insurer_pays<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.insurer_pays)
    }
    /// Sum of discounts.
    #[getter]
    fn discount<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.discount)
    }
    /// Sum of what the patient pays.
    #[getter]
    fn patient_pays<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.patient_pays)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        totals_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let t = &self.inner;
        format!(
            "Totals(price={}, insurer_pays={}, discount={}, patient_pays={})",
            t.price, t.insurer_pays, t.discount, t.patient_pays
        )
    }
}

/// One pipeline step of a line's evaluation.
#[pyclass(frozen, eq, module = "medcover._native", name = "TraceStep")]
#[derive(Clone, PartialEq)]
pub struct PyTraceStep {
    /// The core's step.
    pub inner: TraceStep,
}

#[pymethods]
impl PyTraceStep {
    /// The step (`policy`, `network`, `coverage`, `waiting_period`, …).
    #[getter]
    fn step(&self) -> &str {
        &self.inner.step
    }
    /// The rule it used, if any.
    #[getter]
    fn rule(&self) -> Option<&str> {
        self.inner.rule.as_deref()
    }
    /// The value in force that it used, or what it found.
    #[getter]
    fn detail(&self) -> &str {
        &self.inner.detail
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        trace_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "TraceStep(step={:?}, rule={:?}, detail={:?})",
            self.inner.step, self.inner.rule, self.inner.detail
        )
    }
}

fn decision_dict<'py>(py: Python<'py>, d: &Decision) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("id", d.id.as_deref())?;
    out.set_item("member", d.member.as_str())?;
    out.set_item("date", py_date(py, d.date)?)?;
    out.set_item("ruleset", d.ruleset.as_str())?;
    let lines = PyList::empty(py);
    for l in &d.lines {
        lines.append(line_dict(py, l)?)?;
    }
    out.set_item("lines", lines)?;
    out.set_item("totals", totals_dict(py, &d.totals)?)?;
    out.set_item(
        "requirements",
        d.requirements
            .iter()
            .map(requirement_str)
            .collect::<Vec<_>>(),
    )?;
    Ok(out)
}

fn line_dict<'py>(py: Python<'py>, l: &Line) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("service", l.service.as_str())?;
    out.set_item("quantity", l.quantity)?;
    out.set_item("category", l.category.as_str())?;
    out.set_item("covered_quantity", l.covered_quantity)?;
    out.set_item("outcome", outcome_str(l.outcome))?;
    out.set_item("mode", mode_str(l.mode))?;
    out.set_item("program", l.program.as_ref().map(Name::as_str))?;
    out.set_item("document", l.document.as_deref())?;
    let reasons = PyList::empty(py);
    for r in &l.reasons {
        reasons.append(reason_dict(py, r)?)?;
    }
    out.set_item("reasons", reasons)?;
    out.set_item("next_step", l.next_step.map(next_step_str))?;
    out.set_item("currency", l.currency.as_str())?;
    out.set_item("price", py_decimal(py, &l.price)?)?;
    out.set_item("insurer_pays", py_decimal(py, &l.insurer_pays)?)?;
    out.set_item("discount", py_decimal(py, &l.discount)?)?;
    out.set_item("patient_pays", py_decimal(py, &l.patient_pays)?)?;
    let limits = PyList::empty(py);
    for u in &l.limits {
        limits.append(limit_dict(py, u)?)?;
    }
    out.set_item("limits", limits)?;
    out.set_item(
        "waiting_period_ends",
        py_date_opt(py, l.waiting_period_ends)?,
    )?;
    out.set_item(
        "alternatives",
        l.alternatives.iter().map(Name::as_str).collect::<Vec<_>>(),
    )?;
    if !l.trace.is_empty() {
        let trace = PyList::empty(py);
        for t in &l.trace {
            trace.append(trace_dict(py, t)?)?;
        }
        out.set_item("trace", trace)?;
    }
    Ok(out)
}

fn reason_dict<'py>(py: Python<'py>, r: &Reason) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("code", r.code.as_str())?;
    out.set_item("message", &r.message)?;
    out.set_item("rule", r.rule.as_str())?;
    Ok(out)
}

fn limit_dict<'py>(py: Python<'py>, u: &LimitUsage) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("id", u.id.as_str())?;
    out.set_item("unit", unit_str(u.unit))?;
    out.set_item("allowed", py_decimal(py, &u.allowed)?)?;
    out.set_item("used", py_decimal(py, &u.used)?)?;
    out.set_item("remaining", py_decimal(py, &u.remaining)?)?;
    out.set_item("period_start", py_date(py, u.period_start)?)?;
    Ok(out)
}

fn totals_dict<'py>(py: Python<'py>, t: &Totals) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("price", py_decimal(py, &t.price)?)?;
    out.set_item("insurer_pays", py_decimal(py, &t.insurer_pays)?)?;
    out.set_item("discount", py_decimal(py, &t.discount)?)?;
    out.set_item("patient_pays", py_decimal(py, &t.patient_pays)?)?;
    Ok(out)
}

fn trace_dict<'py>(py: Python<'py>, t: &TraceStep) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("step", &t.step)?;
    out.set_item("rule", t.rule.as_ref().map(Name::as_str))?;
    out.set_item("detail", &t.detail)?;
    Ok(out)
}
