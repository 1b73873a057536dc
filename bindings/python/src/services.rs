//! The services beside evaluation, as typed Python objects: member reports
//! (limits, waiting periods, statement), the provider directory, the
//! helpdesk (channel by moment, incident intake), insurance representatives
//! (routing, check-up eligibility) and the rule authors' cases.
//!
//! Like `types.rs`, each object wraps the core's Rust value and converts a
//! field when it is read (money as `decimal.Decimal`, dates as
//! `datetime.date`); `to_dict()` keeps those types and `to_json()` writes
//! the JSON the CLI prints. Inputs are read here (with the GIL); every core
//! call runs through `guarded` with the GIL released.

use crate::convert::{self, Options};
use crate::errors::{self, Failure};
use crate::ruleset::{guarded, input_text};
use crate::types::{json_text, py_date, py_decimal};
use chrono::{NaiveDate, NaiveDateTime};
use medcover::cases::{CaseReport, CaseResult};
use medcover::helpdesk::{
    ChannelAnswer, ClockTime, Helpdesk, IncidentProblem, IncidentVerdict, WindowAnswer,
};
use medcover::reports::{
    LimitLine, LimitsReport, ReportHeader, Statement, StatementLine, WaitingLine,
    WaitingPeriodsReport,
};
use medcover::representatives::{CheckupAnswer, CheckupError, Representatives, Route};
use medcover::{LimitUnit, ProviderQuery, QueryError, RequestError, RequestErrorKind, RuleBook};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use serde::Serialize;
use std::path::PathBuf;

static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

// ---------------------------------------------------------------- helpers

fn request_error(
    kind: RequestErrorKind,
    path: &str,
    message: String,
    help: Option<String>,
) -> PyErrFailure {
    PyErrFailure::Failure(Failure::Request(RequestError {
        kind,
        path: path.to_owned(),
        message,
        help,
        position: None,
    }))
}

/// Why an input could not be read: a Python error, or bad input.
pub(crate) enum PyErrFailure {
    Py(PyErr),
    Failure(Failure),
}

impl From<PyErr> for PyErrFailure {
    fn from(e: PyErr) -> Self {
        PyErrFailure::Py(e)
    }
}

impl PyErrFailure {
    fn into_err(self, py: Python<'_>) -> PyErr {
        match self {
            PyErrFailure::Py(e) => e,
            PyErrFailure::Failure(f) => errors::failure_err(py, &f),
        }
    }
}

/// Runs a core call without the GIL, under `guarded`.
fn run<T: Send>(py: Python<'_>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.detach(|| guarded(f))
        .ok_or_else(|| errors::failure_err(py, &Failure::Panic))
}

/// A core result: bad input becomes a `RequestError`.
fn answer<T>(py: Python<'_>, result: Option<Result<T, RequestError>>) -> PyResult<T> {
    match result {
        Some(Ok(value)) => Ok(value),
        Some(Err(e)) => Err(errors::failure_err(py, &Failure::Request(e))),
        None => Err(errors::failure_err(py, &Failure::Panic)),
    }
}

/// Replaces what could be personal data in a message: runs of 10 or more
/// digits (a CNP, a SNILS, a CPF) and words holding an `@` (an e-mail).
pub(crate) fn scrub(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains('@') {
            out.push_str(medcover::REDACTED);
        } else {
            let mut digits = String::new();
            for c in word.chars() {
                if c.is_ascii_digit() {
                    digits.push(c);
                    continue;
                }
                push_digits(&mut digits, out);
                out.push(c);
            }
            push_digits(&mut digits, out);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() || matches!(c, '`' | '"' | '\'' | '(' | ')' | ',' | ';') {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn push_digits(digits: &mut String, out: &mut String) {
    if digits.len() >= 10 {
        out.push_str(medcover::REDACTED);
    } else {
        out.push_str(digits);
    }
    digits.clear();
}

/// A request error with its message and help scrubbed, and the JSON
/// position suffix that serde leaves in messages removed.
fn scrubbed(mut e: RequestError) -> RequestError {
    if let Some(i) = e.message.find(" at line ") {
        e.message.truncate(i);
    }
    e.message = scrub(&e.message);
    e.help = e.help.as_deref().map(scrub);
    e
}

/// A `datetime.datetime` built from a chrono moment.
fn py_datetime<'py>(py: Python<'py>, at: NaiveDateTime) -> PyResult<Bound<'py, PyAny>> {
    use chrono::{Datelike, Timelike};
    DATETIME.import(py, "datetime", "datetime")?.call1((
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
    ))
}

/// A `datetime.time` for a clock time.
fn py_time<'py>(py: Python<'py>, t: ClockTime) -> PyResult<Bound<'py, PyAny>> {
    TIME.import(py, "datetime", "time")?
        .call1((t.hour(), t.minute()))
}

fn py_date_opt<'py>(py: Python<'py>, d: Option<NaiveDate>) -> PyResult<Option<Bound<'py, PyAny>>> {
    d.map(|d| py_date(py, d)).transpose()
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

/// A date argument: a `datetime.date` (not a `datetime`) or an ISO string.
fn date_arg(value: &Bound<'_, PyAny>, field: &str) -> Result<NaiveDate, PyErrFailure> {
    let py = value.py();
    if let Ok(s) = value.cast::<PyString>() {
        let text = s.to_cow()?;
        return medcover::date::parse(text.trim()).ok_or_else(|| {
            request_error(
                RequestErrorKind::InvalidField,
                field,
                format!("invalid date `{}`, expected YYYY-MM-DD", scrub(&text)),
                None,
            )
        });
    }
    let datetime = DATETIME.import(py, "datetime", "datetime")?;
    let date = DATE.import(py, "datetime", "date")?;
    if value.is_instance(date.as_any())? && !value.is_instance(datetime.as_any())? {
        let (y, m, d): (i32, u32, u32) = (
            value.getattr("year")?.extract()?,
            value.getattr("month")?.extract()?,
            value.getattr("day")?.extract()?,
        );
        return NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
            request_error(
                RequestErrorKind::InvalidField,
                field,
                "date out of range".into(),
                None,
            )
        });
    }
    Err(request_error(
        RequestErrorKind::InvalidField,
        field,
        format!(
            "expected a datetime.date or an ISO date string, not `{}`",
            type_name(value)
        ),
        Some("pass datetime.date(2026, 5, 10) or \"2026-05-10\"".into()),
    ))
}

/// A moment argument: a naive `datetime.datetime` or a local ISO string.
fn moment_arg(value: &Bound<'_, PyAny>) -> Result<NaiveDateTime, PyErrFailure> {
    let py = value.py();
    if let Ok(s) = value.cast::<PyString>() {
        let text = s.to_cow()?;
        return medcover::helpdesk::parse_moment(&text).ok_or_else(|| {
            request_error(
                RequestErrorKind::InvalidField,
                "at",
                format!(
                    "invalid moment `{}`, expected local time as YYYY-MM-DDTHH:MM",
                    scrub(&text)
                ),
                None,
            )
        });
    }
    if value.is_instance(DATETIME.import(py, "datetime", "datetime")?.as_any())? {
        if !value.getattr("tzinfo")?.is_none() {
            return Err(request_error(
                RequestErrorKind::InvalidField,
                "at",
                "a datetime with a time zone is not accepted: the schedule is in local wall-clock time".into(),
                Some("pass a naive datetime in the helpdesk's local time".into()),
            ));
        }
        let part = |name: &str| -> PyResult<u32> { value.getattr(name)?.extract() };
        let year: i32 = value.getattr("year")?.extract()?;
        let (hour, minute, second) = (part("hour")?, part("minute")?, part("second")?);
        let moment = NaiveDate::from_ymd_opt(year, part("month")?, part("day")?)
            .and_then(|d| d.and_hms_opt(hour, minute, second));
        return moment.ok_or_else(|| {
            request_error(
                RequestErrorKind::InvalidField,
                "at",
                "moment out of range".into(),
                None,
            )
        });
    }
    Err(request_error(
        RequestErrorKind::InvalidField,
        "at",
        format!(
            "expected a datetime.datetime or a string such as \"2026-03-10T18:01\", not `{}`",
            type_name(value)
        ),
        None,
    ))
}

/// An optional text as Python shows it: `"SP"` or `None`.
fn repr_opt(value: Option<&str>) -> String {
    value.map_or_else(|| "None".to_owned(), |v| format!("{v:?}"))
}

fn unit_str(u: LimitUnit) -> &'static str {
    match u {
        LimitUnit::Count => "count",
        LimitUnit::Amount => "amount",
    }
}

/// A serde enum's name as written in JSON (`human_email`).
fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn header_dict<'py>(py: Python<'py>, out: &Bound<'py, PyDict>, h: &ReportHeader) -> PyResult<()> {
    out.set_item("member", &h.member)?;
    out.set_item("program", &h.program)?;
    out.set_item("policy", &h.policy)?;
    out.set_item("date", py_date(py, h.date)?)?;
    out.set_item("ruleset", &h.ruleset)?;
    out.set_item("currency", &h.currency)?;
    Ok(())
}

// ---------------------------------------------------------------- reports

/// Which report of a member query.
#[derive(Clone, Copy)]
pub(crate) enum ReportKind {
    Limits,
    WaitingPeriods,
    Statement,
}

/// A parsed report, before it becomes a Python object.
pub(crate) enum Report {
    Limits(LimitsReport),
    WaitingPeriods(WaitingPeriodsReport),
    Statement(Statement),
}

/// Reads a member query (dict, JSON `str` or `bytes`) and makes a report.
pub(crate) fn report<'py>(
    py: Python<'py>,
    book: &RuleBook,
    query: &Bound<'py, PyAny>,
    kind: ReportKind,
) -> PyResult<Bound<'py, PyAny>> {
    let text = match input_text(query, Options::default(), "a member query") {
        Ok(text) => text,
        Err(convert::Failure::Python(e)) => return Err(e),
        Err(convert::Failure::Input(e)) => {
            return Err(errors::failure_err(py, &Failure::Convert(e)))
        }
    };
    let result = run(py, || -> Result<Report, RequestError> {
        let query = medcover::reports::parse_query(&text).map_err(scrubbed)?;
        let set = book.set_for_query(&query)?;
        Ok(match kind {
            ReportKind::Limits => Report::Limits(set.limits_report(&query)?),
            ReportKind::WaitingPeriods => {
                Report::WaitingPeriods(set.waiting_periods_report(&query)?)
            }
            ReportKind::Statement => Report::Statement(set.statement(&query)?),
        })
    })?;
    Ok(match answer(py, Some(result))? {
        Report::Limits(inner) => Bound::new(py, PyLimitsReport { inner })?.into_any(),
        Report::WaitingPeriods(inner) => {
            Bound::new(py, PyWaitingPeriodsReport { inner })?.into_any()
        }
        Report::Statement(inner) => Bound::new(py, PyStatement { inner })?.into_any(),
    })
}

/// A member's usage limits as of a date.
#[pyclass(frozen, eq, module = "medcover._native", name = "LimitsReport")]
#[derive(Clone, PartialEq)]
pub struct PyLimitsReport {
    inner: LimitsReport,
}

#[pymethods]
impl PyLimitsReport {
    /// Member id.
    #[getter]
    fn member(&self) -> &str {
        &self.inner.header.member
    }
    /// Program id.
    #[getter]
    fn program(&self) -> &str {
        &self.inner.header.program
    }
    /// Policy number.
    #[getter]
    fn policy(&self) -> &str {
        &self.inner.header.policy
    }
    /// The report date.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.header.date)
    }
    /// The rule set.
    #[getter]
    fn ruleset(&self) -> &str {
        &self.inner.header.ruleset
    }
    /// Currency of amount limits.
    #[getter]
    fn currency(&self) -> &str {
        &self.inner.header.currency
    }
    /// Each limit in force.
    #[getter]
    fn limits(&self) -> Vec<PyLimitLine> {
        self.inner
            .limits
            .iter()
            .map(|l| PyLimitLine { inner: l.clone() })
            .collect()
    }
    /// A dict with `Decimal` money and `date` dates.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        header_dict(py, &out, &self.inner.header)?;
        let limits = PyList::empty(py);
        for l in &self.inner.limits {
            limits.append(limit_line_dict(py, l)?)?;
        }
        out.set_item("limits", limits)?;
        Ok(out)
    }
    /// The report as JSON (money and dates as strings).
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        format!(
            "LimitsReport(member={:?}, program={:?}, date={}, limits={})",
            self.inner.header.member,
            self.inner.header.program,
            self.inner.header.date,
            self.inner.limits.len()
        )
    }
}

fn limit_line_dict<'py>(py: Python<'py>, l: &LimitLine) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("id", &l.id)?;
    out.set_item("name", l.name.as_deref())?;
    out.set_item("unit", unit_str(l.unit))?;
    out.set_item("allowed", py_decimal(py, &l.allowed)?)?;
    out.set_item("consumed", py_decimal(py, &l.consumed)?)?;
    out.set_item("remaining", py_decimal(py, &l.remaining)?)?;
    out.set_item("period_start", py_date(py, l.period_start)?)?;
    out.set_item("rule", &l.rule)?;
    Ok(out)
}

/// One usage limit of a member's program.
#[pyclass(frozen, eq, module = "medcover._native", name = "LimitLine")]
#[derive(Clone, PartialEq)]
pub struct PyLimitLine {
    inner: LimitLine,
}

#[pymethods]
impl PyLimitLine {
    /// Limit id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// Name.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.name.as_deref()
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
    /// Consumed in the policy year.
    #[getter]
    fn consumed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.consumed)
    }
    /// allowed − consumed, never below zero.
    #[getter]
    fn remaining<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.remaining)
    }
    /// First day of the policy year.
    #[getter]
    fn period_start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.period_start)
    }
    /// Rule reference.
    #[getter]
    fn rule(&self) -> &str {
        &self.inner.rule
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        limit_line_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let l = &self.inner;
        format!(
            "LimitLine(id={:?}, unit={:?}, allowed={}, consumed={}, remaining={})",
            l.id,
            unit_str(l.unit),
            l.allowed,
            l.consumed,
            l.remaining
        )
    }
}

/// A member's waiting periods with their end dates.
#[pyclass(frozen, eq, module = "medcover._native", name = "WaitingPeriodsReport")]
#[derive(Clone, PartialEq)]
pub struct PyWaitingPeriodsReport {
    inner: WaitingPeriodsReport,
}

#[pymethods]
impl PyWaitingPeriodsReport {
    /// Member id.
    #[getter]
    fn member(&self) -> &str {
        &self.inner.header.member
    }
    /// Program id.
    #[getter]
    fn program(&self) -> &str {
        &self.inner.header.program
    }
    /// Policy number.
    #[getter]
    fn policy(&self) -> &str {
        &self.inner.header.policy
    }
    /// The report date.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.header.date)
    }
    /// The rule set.
    #[getter]
    fn ruleset(&self) -> &str {
        &self.inner.header.ruleset
    }
    /// Currency of the rule set.
    #[getter]
    fn currency(&self) -> &str {
        &self.inner.header.currency
    }
    /// First day in the program.
    #[getter]
    fn enrolled<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.enrolled)
    }
    /// Each waiting period that applies to the member.
    #[getter]
    fn waiting_periods(&self) -> Vec<PyWaitingPeriod> {
        self.inner
            .waiting_periods
            .iter()
            .map(|w| PyWaitingPeriod { inner: w.clone() })
            .collect()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        header_dict(py, &out, &self.inner.header)?;
        out.set_item("enrolled", py_date(py, self.inner.enrolled)?)?;
        let list = PyList::empty(py);
        for w in &self.inner.waiting_periods {
            list.append(waiting_dict(py, w)?)?;
        }
        out.set_item("waiting_periods", list)?;
        Ok(out)
    }
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        format!(
            "WaitingPeriodsReport(member={:?}, program={:?}, date={}, enrolled={}, waiting_periods={})",
            self.inner.header.member,
            self.inner.header.program,
            self.inner.header.date,
            self.inner.enrolled,
            self.inner.waiting_periods.len()
        )
    }
}

fn waiting_dict<'py>(py: Python<'py>, w: &WaitingLine) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("id", &w.id)?;
    out.set_item("name", &w.name)?;
    out.set_item("length", &w.length)?;
    out.set_item("ends", py_date(py, w.ends)?)?;
    out.set_item("ended", w.ended)?;
    out.set_item("rule", &w.rule)?;
    Ok(out)
}

/// One waiting period: covered from `ends` on.
#[pyclass(frozen, eq, module = "medcover._native", name = "WaitingPeriod")]
#[derive(Clone, PartialEq)]
pub struct PyWaitingPeriod {
    inner: WaitingLine,
}

#[pymethods]
impl PyWaitingPeriod {
    /// Waiting period id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// Name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// Its length in words (`180 days`, `24 months`).
    #[getter]
    fn length(&self) -> &str {
        &self.inner.length
    }
    /// The first covered day.
    #[getter]
    fn ends<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.ends)
    }
    /// Whether it has ended on the report date.
    #[getter]
    fn ended(&self) -> bool {
        self.inner.ended
    }
    /// Rule reference.
    #[getter]
    fn rule(&self) -> &str {
        &self.inner.rule
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        waiting_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "WaitingPeriod(id={:?}, length={:?}, ends={}, ended={})",
            self.inner.id,
            self.inner.length,
            self.inner.ends,
            if self.inner.ended { "True" } else { "False" }
        )
    }
}

/// The services a member used in a period.
#[pyclass(frozen, eq, module = "medcover._native", name = "Statement")]
#[derive(Clone, PartialEq)]
pub struct PyStatement {
    inner: Statement,
}

#[pymethods]
impl PyStatement {
    /// Member id.
    #[getter]
    fn member(&self) -> &str {
        &self.inner.header.member
    }
    /// Program id.
    #[getter]
    fn program(&self) -> &str {
        &self.inner.header.program
    }
    /// Policy number.
    #[getter]
    fn policy(&self) -> &str {
        &self.inner.header.policy
    }
    /// The report date.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.header.date)
    }
    /// The rule set.
    #[getter]
    fn ruleset(&self) -> &str {
        &self.inner.header.ruleset
    }
    /// Currency of the amounts.
    #[getter]
    fn currency(&self) -> &str {
        &self.inner.header.currency
    }
    /// First day of the period (`from` in the dict and JSON).
    #[getter]
    #[allow(clippy::wrong_self_convention)] // the Python attribute name
    fn from_date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.from)
    }
    /// Last day of the period (`to` in the dict and JSON).
    #[getter]
    fn to_date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.to)
    }
    /// The services, in date order.
    #[getter]
    fn lines(&self) -> Vec<PyStatementLine> {
        self.inner
            .lines
            .iter()
            .map(|l| PyStatementLine { inner: l.clone() })
            .collect()
    }
    /// Sum of the amounts.
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.total)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        header_dict(py, &out, &self.inner.header)?;
        out.set_item("from", py_date(py, self.inner.from)?)?;
        out.set_item("to", py_date(py, self.inner.to)?)?;
        let list = PyList::empty(py);
        for l in &self.inner.lines {
            list.append(statement_line_dict(py, l)?)?;
        }
        out.set_item("lines", list)?;
        out.set_item("total", py_decimal(py, &self.inner.total)?)?;
        Ok(out)
    }
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        format!(
            "Statement(member={:?}, from={}, to={}, lines={}, total={})",
            self.inner.header.member,
            self.inner.from,
            self.inner.to,
            self.inner.lines.len(),
            self.inner.total
        )
    }
}

fn statement_line_dict<'py>(py: Python<'py>, l: &StatementLine) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("date", py_date(py, l.date)?)?;
    out.set_item("service", &l.service)?;
    out.set_item("name", l.name.as_deref())?;
    out.set_item("category", &l.category)?;
    out.set_item("quantity", l.quantity)?;
    out.set_item("amount", py_decimal(py, &l.amount)?)?;
    out.set_item("authorization", l.authorization.as_deref())?;
    Ok(out)
}

/// One used service of a statement.
#[pyclass(frozen, eq, module = "medcover._native", name = "StatementLine")]
#[derive(Clone, PartialEq)]
pub struct PyStatementLine {
    inner: StatementLine,
}

#[pymethods]
impl PyStatementLine {
    /// Date.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.date)
    }
    /// Service code.
    #[getter]
    fn service(&self) -> &str {
        &self.inner.service
    }
    /// Service name.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.name.as_deref()
    }
    /// Category.
    #[getter]
    fn category(&self) -> &str {
        &self.inner.category
    }
    /// Units.
    #[getter]
    fn quantity(&self) -> u32 {
        self.inner.quantity
    }
    /// Amount recorded (or the price in force × quantity).
    #[getter]
    fn amount<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, &self.inner.amount)
    }
    /// Authorization or letter number.
    #[getter]
    fn authorization(&self) -> Option<&str> {
        self.inner.authorization.as_deref()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        statement_line_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let l = &self.inner;
        format!(
            "StatementLine(date={}, service={:?}, quantity={}, amount={})",
            l.date, l.service, l.quantity, l.amount
        )
    }
}

// ---------------------------------------------------------------- directory

/// A provider of the directory.
#[pyclass(frozen, eq, module = "medcover._native", name = "Provider")]
#[derive(Clone, PartialEq, Serialize)]
pub struct PyProvider {
    id: String,
    name: Option<String>,
    #[serde(rename = "type")]
    provider_type: &'static str,
    city: String,
    state: Option<String>,
    specialties: Vec<String>,
    in_network: bool,
    ruleset: Option<String>,
}

#[pymethods]
impl PyProvider {
    /// Clinic id.
    #[getter]
    fn id(&self) -> &str {
        &self.id
    }
    /// Name.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
    /// `clinic`, `hospital` or `laboratory`.
    #[getter]
    fn r#type(&self) -> &'static str {
        self.provider_type
    }
    /// City.
    #[getter]
    fn city(&self) -> &str {
        &self.city
    }
    /// State or region.
    #[getter]
    fn state(&self) -> Option<&str> {
        self.state.as_deref()
    }
    /// Specialties.
    #[getter]
    fn specialties(&self) -> Vec<String> {
        self.specialties.clone()
    }
    /// On the insurer's network.
    #[getter]
    fn in_network(&self) -> bool {
        self.in_network
    }
    /// The rule set it belongs to.
    #[getter]
    fn ruleset(&self) -> Option<&str> {
        self.ruleset.as_deref()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        out.set_item("id", &self.id)?;
        out.set_item("name", self.name.as_deref())?;
        out.set_item("type", self.provider_type)?;
        out.set_item("city", &self.city)?;
        out.set_item("state", self.state.as_deref())?;
        out.set_item("specialties", self.specialties.clone())?;
        out.set_item("in_network", self.in_network)?;
        out.set_item("ruleset", self.ruleset.as_deref())?;
        Ok(out)
    }
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(self, indent)
    }
    fn __repr__(&self) -> String {
        format!(
            "Provider(id={:?}, type={:?}, city={:?}, state={})",
            self.id,
            self.provider_type,
            self.city,
            repr_opt(self.state.as_deref())
        )
    }
}

fn query_error(e: QueryError) -> RequestError {
    let (kind, path, message, help) = match e {
        QueryError::UnknownProgram { program, help } => (
            RequestErrorKind::UnknownReference,
            "program",
            format!("unknown program `{program}`"),
            help,
        ),
        QueryError::UnknownService { service, help } => (
            RequestErrorKind::UnknownReference,
            "service",
            format!("unknown service `{service}`"),
            help,
        ),
        QueryError::UnknownProviderType { value, help } => (
            RequestErrorKind::InvalidField,
            "type",
            format!("unknown provider type `{value}`; known types: clinic, hospital, laboratory"),
            help,
        ),
    };
    RequestError {
        kind,
        path: path.to_owned(),
        message,
        help,
        position: None,
    }
}

/// The providers matching every filter given.
pub(crate) fn providers(
    py: Python<'_>,
    book: &RuleBook,
    query: ProviderQuery,
    provider_type: Option<String>,
) -> PyResult<Vec<PyProvider>> {
    let result = run(py, || -> Result<Vec<PyProvider>, RequestError> {
        let mut query = query;
        query.provider_type = provider_type
            .as_deref()
            .map(medcover::directory::parse_provider_type)
            .transpose()
            .map_err(query_error)?;
        let clinics = book.providers(&query).map_err(query_error)?;
        Ok(clinics
            .into_iter()
            .map(|c| PyProvider {
                id: c.id.clone(),
                name: c.name.clone(),
                provider_type: c.provider_type.as_str(),
                city: c.city.clone(),
                state: c.state.clone(),
                specialties: c.specialties.clone(),
                in_network: c.in_network,
                ruleset: book.set_for_clinic(&c.id).map(|s| s.id().to_owned()),
            })
            .collect())
    })?;
    answer(py, Some(result))
}

// ---------------------------------------------------------------- helpdesk

fn helpdesk_of(book: &RuleBook) -> Option<&Helpdesk> {
    book.sets().iter().find_map(|s| s.helpdesk())
}

fn not_in_rules(py: Python<'_>, what: &str) -> PyErr {
    errors::medcover_error(py, &format!("no loaded rule set has {what}"))
}

/// Which channel answers at a moment.
pub(crate) fn helpdesk_channel(
    py: Python<'_>,
    book: &RuleBook,
    at: &Bound<'_, PyAny>,
) -> PyResult<PyChannelAnswer> {
    let moment = moment_arg(at).map_err(|e| e.into_err(py))?;
    match run(py, || helpdesk_of(book).map(|h| h.channel_at(moment)))? {
        Some(inner) => Ok(PyChannelAnswer { inner }),
        None => Err(not_in_rules(py, "a `helpdesk` section")),
    }
}

fn window_dict<'py>(py: Python<'py>, w: &WindowAnswer) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("from", py_time(py, w.from)?)?;
    out.set_item("to", py_time(py, w.to)?)?;
    Ok(out)
}

/// Which helpdesk channel answers at a moment, and why.
#[pyclass(frozen, eq, module = "medcover._native", name = "ChannelAnswer")]
#[derive(Clone, PartialEq)]
pub struct PyChannelAnswer {
    inner: ChannelAnswer,
}

#[pymethods]
impl PyChannelAnswer {
    /// The moment asked about, by the minute.
    #[getter]
    fn at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_datetime(py, self.inner.at)
    }
    /// `human_email` or `ivr`.
    #[getter]
    fn channel(&self) -> &'static str {
        self.inner.channel.as_str()
    }
    /// `workday`, `weekend` or `public_holiday`.
    #[getter]
    fn day_kind(&self) -> &'static str {
        self.inner.day_kind.as_str()
    }
    /// The public holiday's name when the day is one ("" when the rules name none).
    #[getter]
    fn holiday(&self) -> Option<String> {
        self.inner
            .holiday
            .as_ref()
            .map(|h| h.name.clone().unwrap_or_default())
    }
    /// The human e-mail window the moment falls in, as (from, to) times.
    #[getter]
    fn window<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Option<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
        self.inner
            .window
            .as_ref()
            .map(|w| Ok((py_time(py, w.from)?, py_time(py, w.to)?)))
            .transpose()
    }
    /// The day's human e-mail windows, as (from, to) times.
    #[getter]
    fn human_email_windows<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
        self.inner
            .human_email_windows
            .iter()
            .map(|w| Ok((py_time(py, w.from)?, py_time(py, w.to)?)))
            .collect()
    }
    /// When human e-mail starts again (when the channel is `ivr`).
    #[getter]
    fn next_human_email<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .next_human_email
            .map(|n| py_datetime(py, n))
            .transpose()
    }
    /// False when the rules list no public holiday in the moment's year.
    #[getter]
    fn holidays_listed_for_year(&self) -> bool {
        self.inner.holidays_listed_for_year
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let a = &self.inner;
        let out = PyDict::new(py);
        out.set_item("at", py_datetime(py, a.at)?)?;
        out.set_item("channel", a.channel.as_str())?;
        out.set_item("day_kind", a.day_kind.as_str())?;
        let holiday = match &a.holiday {
            Some(h) => {
                let d = PyDict::new(py);
                d.set_item("date", py_date(py, h.date)?)?;
                d.set_item("name", h.name.as_deref())?;
                Some(d)
            }
            None => None,
        };
        out.set_item("holiday", holiday)?;
        out.set_item(
            "window",
            a.window.as_ref().map(|w| window_dict(py, w)).transpose()?,
        )?;
        let windows = PyList::empty(py);
        for w in &a.human_email_windows {
            windows.append(window_dict(py, w)?)?;
        }
        out.set_item("human_email_windows", windows)?;
        out.set_item(
            "next_human_email",
            a.next_human_email.map(|n| py_datetime(py, n)).transpose()?,
        )?;
        out.set_item("holidays_listed_for_year", a.holidays_listed_for_year)?;
        Ok(out)
    }
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        format!(
            "ChannelAnswer(at={}, channel={:?}, day_kind={:?})",
            self.inner.at.format("%Y-%m-%dT%H:%M"),
            self.inner.channel.as_str(),
            self.inner.day_kind.as_str()
        )
    }
}

/// Checks an incident e-mail (dict, JSON `str` or `bytes`).
pub(crate) fn validate_incident(
    py: Python<'_>,
    book: &RuleBook,
    incident: &Bound<'_, PyAny>,
) -> PyResult<PyIncidentVerdict> {
    let text = match input_text(incident, Options::default(), "an incident") {
        Ok(text) => text,
        Err(convert::Failure::Python(e)) => return Err(e),
        Err(convert::Failure::Input(mut e)) => {
            e.message = scrub(&e.message);
            return Err(errors::failure_err(py, &Failure::Convert(e)));
        }
    };
    let result = run(py, || -> Option<Result<IncidentVerdict, RequestError>> {
        let helpdesk = helpdesk_of(book)?;
        Some(
            medcover::helpdesk::parse_incident(&text)
                .map_err(scrubbed_incident)
                .map(|incident| helpdesk.validate_incident(&incident)),
        )
    })?;
    match result {
        None => Err(not_in_rules(py, "a `helpdesk` section")),
        Some(result) => {
            let mut inner = answer(py, Some(result))?;
            for p in &mut inner.problems {
                p.message = scrub(&p.message);
                p.help = p.help.as_deref().map(scrub);
            }
            Ok(PyIncidentVerdict { inner })
        }
    }
}

/// An incident parse error: serde quotes the offending value (`invalid
/// type: integer `2850312400014``), which could be personal data: drop it.
fn scrubbed_incident(mut e: RequestError) -> RequestError {
    for marker in ["invalid type: ", "invalid value: "] {
        if let Some(start) = e.message.find(marker) {
            let rest = e.message.get(start + marker.len()..).unwrap_or_default();
            if let Some(comma) = rest.find(", expected") {
                let what = rest.get(..comma).unwrap_or_default();
                let kind = what.split([' ', '`', '"']).next().unwrap_or_default();
                let tail = rest.get(comma..).unwrap_or_default();
                e.message = format!(
                    "{}{marker}{kind}{tail}",
                    e.message.get(..start).unwrap_or_default()
                );
            }
        }
    }
    scrubbed(e)
}

fn problem_dict<'py>(py: Python<'py>, p: &IncidentProblem) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("code", p.code.as_str())?;
    out.set_item("field", &p.field)?;
    out.set_item("message", &p.message)?;
    out.set_item("help", p.help.as_deref())?;
    Ok(out)
}

/// Whether an incident e-mail may be sent, and where.
#[pyclass(frozen, eq, module = "medcover._native", name = "IncidentVerdict")]
#[derive(Clone, PartialEq)]
pub struct PyIncidentVerdict {
    inner: IncidentVerdict,
}

#[pymethods]
impl PyIncidentVerdict {
    /// True when there is no problem.
    #[getter]
    fn accepted(&self) -> bool {
        self.inner.accepted
    }
    /// The system (`SIUI`, `CEAS`, `SIPE`), as the rules spell it.
    #[getter]
    fn system(&self) -> Option<&str> {
        self.inner.system.as_deref()
    }
    /// The support address of the system.
    #[getter]
    fn to(&self) -> Option<&str> {
        self.inner.to.as_deref()
    }
    /// The support phone of the system, if it has one.
    #[getter]
    fn phone(&self) -> Option<&str> {
        self.inner.phone.as_deref()
    }
    /// Every problem found.
    #[getter]
    fn problems(&self) -> Vec<PyIncidentProblem> {
        self.inner
            .problems
            .iter()
            .map(|p| PyIncidentProblem { inner: p.clone() })
            .collect()
    }
    /// The problem codes alone, in order.
    #[getter]
    fn problem_codes(&self) -> Vec<&'static str> {
        self.inner
            .problems
            .iter()
            .map(|p| p.code.as_str())
            .collect()
    }
    fn __bool__(&self) -> bool {
        self.inner.accepted
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let v = &self.inner;
        let out = PyDict::new(py);
        out.set_item("accepted", v.accepted)?;
        out.set_item("system", v.system.as_deref())?;
        out.set_item("to", v.to.as_deref())?;
        out.set_item("phone", v.phone.as_deref())?;
        let list = PyList::empty(py);
        for p in &v.problems {
            list.append(problem_dict(py, p)?)?;
        }
        out.set_item("problems", list)?;
        Ok(out)
    }
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        let v = &self.inner;
        format!(
            "IncidentVerdict(accepted={}, system={}, to={}, problems={:?})",
            if v.accepted { "True" } else { "False" },
            repr_opt(v.system.as_deref()),
            repr_opt(v.to.as_deref()),
            v.problems
                .iter()
                .map(|p| format!("{} {}", p.code.as_str(), p.field))
                .collect::<Vec<_>>()
        )
    }
}

/// One problem of an incident.
#[pyclass(frozen, eq, module = "medcover._native", name = "IncidentProblem")]
#[derive(Clone, PartialEq)]
pub struct PyIncidentProblem {
    inner: IncidentProblem,
}

#[pymethods]
impl PyIncidentProblem {
    /// `MISSING_FIELD`, `INVALID_FIELD_VALUE`, `ATTACHMENT_TYPE_NOT_ALLOWED` or `PERSONAL_DATA`.
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }
    /// The field path (`system`, `header.provider_type`, `attachments[0]`).
    #[getter]
    fn field(&self) -> &str {
        &self.inner.field
    }
    /// What is wrong (never quotes personal data).
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }
    /// How to fix it, when known.
    #[getter]
    fn help(&self) -> Option<&str> {
        self.inner.help.as_deref()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        problem_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "IncidentProblem(code={:?}, field={:?}, message={:?})",
            self.inner.code.as_str(),
            self.inner.field,
            self.inner.message
        )
    }
}

// ---------------------------------------------------------------- representatives

fn representatives_of(book: &RuleBook) -> Option<&Representatives> {
    book.sets().iter().find_map(|s| s.representatives())
}

/// Routes an inquiry topic to its level.
pub(crate) fn route(py: Python<'_>, book: &RuleBook, topic: &str) -> PyResult<PyRoute> {
    let result = run(py, || {
        representatives_of(book).map(|r| {
            r.route(topic).map_err(|e| RequestError {
                kind: RequestErrorKind::UnknownReference,
                path: "topic".into(),
                message: format!(
                    "unknown topic `{}`; known topics: {}",
                    e.topic,
                    e.known.join(", ")
                ),
                help: e.help,
                position: None,
            })
        })
    })?;
    match result {
        None => Err(not_in_rules(py, "a `representatives` section")),
        Some(result) => answer(py, Some(result.map_err(scrubbed))).map(|inner| PyRoute { inner }),
    }
}

/// Where an inquiry goes.
#[pyclass(frozen, eq, module = "medcover._native", name = "Route")]
#[derive(Clone, PartialEq)]
pub struct PyRoute {
    inner: Route,
}

#[pymethods]
impl PyRoute {
    /// The topic, as the rules spell it.
    #[getter]
    fn topic(&self) -> &str {
        &self.inner.topic
    }
    /// The topic's name.
    #[getter]
    fn topic_name(&self) -> &str {
        &self.inner.topic_name
    }
    /// The level that handles it (1, 2, 3).
    #[getter]
    fn level(&self) -> u8 {
        self.inner.level
    }
    /// That level's name.
    #[getter]
    fn level_name(&self) -> &str {
        &self.inner.level_name
    }
    /// That level's duties.
    #[getter]
    fn duties(&self) -> Option<&str> {
        self.inner.duties.as_deref()
    }
    /// The level every inquiry reaches first.
    #[getter]
    fn entry_level(&self) -> u8 {
        self.inner.entry_level
    }
    /// True when the entry level passes the inquiry on.
    #[getter]
    fn escalated(&self) -> bool {
        self.inner.escalated
    }
    /// The levels the inquiry passes through (`[1, 3]`).
    #[getter]
    fn path(&self) -> Vec<u32> {
        // Not `Vec<u8>`: pyo3 would make that `bytes`.
        self.inner.path.iter().map(|&l| u32::from(l)).collect()
    }
    /// Channel ids reaching the handling level (`phone`, `in_person`, …).
    #[getter]
    fn channels(&self) -> Vec<String> {
        self.inner.channels.iter().map(|c| c.id.clone()).collect()
    }
    /// Channel names by id.
    #[getter]
    fn channel_names(&self) -> Vec<(String, String)> {
        self.inner
            .channels
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = &self.inner;
        let out = PyDict::new(py);
        out.set_item("topic", &r.topic)?;
        out.set_item("topic_name", &r.topic_name)?;
        out.set_item("level", r.level)?;
        out.set_item("level_name", &r.level_name)?;
        out.set_item("duties", r.duties.as_deref())?;
        out.set_item("entry_level", r.entry_level)?;
        out.set_item("escalated", r.escalated)?;
        out.set_item("path", self.path())?;
        let channels = PyList::empty(py);
        for c in &r.channels {
            let d = PyDict::new(py);
            d.set_item("id", &c.id)?;
            d.set_item("name", &c.name)?;
            channels.append(d)?;
        }
        out.set_item("channels", channels)?;
        Ok(out)
    }
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        format!(
            "Route(topic={:?}, level={}, path={:?})",
            self.inner.topic, self.inner.level, self.inner.path
        )
    }
}

/// Preventive check-up eligibility.
pub(crate) fn checkup_eligibility(
    py: Python<'_>,
    book: &RuleBook,
    birth_date: &Bound<'_, PyAny>,
    on: &Bound<'_, PyAny>,
) -> PyResult<PyCheckupAnswer> {
    let birth = date_arg(birth_date, "birth_date").map_err(|e| e.into_err(py))?;
    let on = date_arg(on, "on").map_err(|e| e.into_err(py))?;
    let result = run(py, || {
        representatives_of(book).map(|r| r.checkup_eligibility(birth, on))
    })?;
    match result {
        None | Some(Err(CheckupError::NotInRules)) => {
            Err(not_in_rules(py, "a preventive check-up rule"))
        }
        Some(Err(e)) => answer(
            py,
            Some(Err(RequestError {
                kind: RequestErrorKind::InvalidField,
                path: "on".into(),
                message: e.to_string(),
                help: None,
                position: None,
            })),
        ),
        Some(Ok(inner)) => Ok(PyCheckupAnswer { inner }),
    }
}

/// Whether a person may have the preventive check-up.
#[pyclass(frozen, eq, module = "medcover._native", name = "CheckupAnswer")]
#[derive(Clone, PartialEq)]
pub struct PyCheckupAnswer {
    inner: CheckupAnswer,
}

#[pymethods]
impl PyCheckupAnswer {
    /// The check-up's name (`dispanserization`).
    #[getter]
    fn checkup(&self) -> &str {
        &self.inner.checkup
    }
    /// The date asked about.
    #[getter]
    fn on<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.on)
    }
    /// `age_reached_in_year` or `age_on_date`.
    #[getter]
    fn age_basis(&self) -> String {
        serde_name(&self.inner.age_basis)
    }
    /// The age by that basis.
    #[getter]
    fn age(&self) -> u32 {
        self.inner.age
    }
    /// Eligible (in the calendar year of `on` with `age_reached_in_year`).
    #[getter]
    fn eligible(&self) -> bool {
        self.inner.eligible
    }
    /// The periodicity of the band the age is in, if any.
    #[getter]
    fn every_years(&self) -> Option<u32> {
        self.inner.every_years
    }
    /// The next age at which the person is eligible.
    #[getter]
    fn next_eligible_age(&self) -> Option<u32> {
        self.inner.next_eligible_age
    }
    /// The first day of eligibility at that age.
    #[getter]
    fn next_eligible_from<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_date_opt(py, self.inner.next_eligible_from)
    }
    /// Why, in words.
    #[getter]
    fn reason(&self) -> &str {
        &self.inner.reason
    }
    /// Where the rule comes from.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }
    fn __bool__(&self) -> bool {
        self.inner.eligible
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let a = &self.inner;
        let out = PyDict::new(py);
        out.set_item("checkup", &a.checkup)?;
        out.set_item("on", py_date(py, a.on)?)?;
        out.set_item("age_basis", serde_name(&a.age_basis))?;
        out.set_item("age", a.age)?;
        out.set_item("eligible", a.eligible)?;
        out.set_item("every_years", a.every_years)?;
        out.set_item("next_eligible_age", a.next_eligible_age)?;
        out.set_item("next_eligible_from", py_date_opt(py, a.next_eligible_from)?)?;
        out.set_item("reason", &a.reason)?;
        out.set_item("source", a.source.as_deref())?;
        Ok(out)
    }
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        format!(
            "CheckupAnswer(on={}, age={}, eligible={})",
            self.inner.on,
            self.inner.age,
            if self.inner.eligible { "True" } else { "False" }
        )
    }
}

// ---------------------------------------------------------------- cases

/// Runs the rule authors' cases of every rule set under `path` (a rule-set
/// folder or a folder of them). Raises `RuleError` when a rule set or a
/// case file does not load.
#[pyfunction]
pub fn run_cases(py: Python<'_>, path: PathBuf) -> PyResult<PyCaseReport> {
    match run(py, || medcover::cases::run_dir(&path))? {
        Ok(inner) => Ok(PyCaseReport { inner }),
        Err(e) => Err(errors::rule_error(py, &e)),
    }
}

fn case_dict<'py>(py: Python<'py>, r: &CaseResult) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("ruleset", &r.ruleset)?;
    out.set_item("file", r.file.to_string_lossy())?;
    out.set_item("name", &r.name)?;
    out.set_item("passed", r.passed)?;
    out.set_item("failures", r.failures.clone())?;
    Ok(out)
}

/// The results of the rule authors' cases.
#[pyclass(frozen, eq, module = "medcover._native", name = "CaseReport")]
#[derive(Clone, PartialEq)]
pub struct PyCaseReport {
    inner: CaseReport,
}

#[pymethods]
impl PyCaseReport {
    /// Cases that passed.
    #[getter]
    fn passed(&self) -> usize {
        self.inner.passed()
    }
    /// Cases that failed.
    #[getter]
    fn failed(&self) -> usize {
        self.inner.failed()
    }
    /// Cases run.
    #[getter]
    fn total(&self) -> usize {
        self.inner.results.len()
    }
    /// True when no case failed.
    #[getter]
    fn ok(&self) -> bool {
        self.inner.failed() == 0
    }
    /// One result per case, in file order.
    #[getter]
    fn results(&self) -> Vec<PyCaseResult> {
        self.inner
            .results
            .iter()
            .map(|r| PyCaseResult { inner: r.clone() })
            .collect()
    }
    /// The results of the cases that failed.
    #[getter]
    fn failures(&self) -> Vec<PyCaseResult> {
        self.inner
            .results
            .iter()
            .filter(|r| !r.passed)
            .map(|r| PyCaseResult { inner: r.clone() })
            .collect()
    }
    fn __len__(&self) -> usize {
        self.inner.results.len()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        out.set_item("passed", self.inner.passed())?;
        out.set_item("failed", self.inner.failed())?;
        let list = PyList::empty(py);
        for r in &self.inner.results {
            list.append(case_dict(py, r)?)?;
        }
        out.set_item("results", list)?;
        Ok(out)
    }
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        format!(
            "CaseReport(passed={}, failed={})",
            self.inner.passed(),
            self.inner.failed()
        )
    }
}

/// The result of one case.
#[pyclass(frozen, eq, module = "medcover._native", name = "CaseResult")]
#[derive(Clone, PartialEq)]
pub struct PyCaseResult {
    inner: CaseResult,
}

#[pymethods]
impl PyCaseResult {
    /// The rule set it ran against.
    #[getter]
    fn ruleset(&self) -> &str {
        &self.inner.ruleset
    }
    /// The case file.
    #[getter]
    fn file(&self) -> String {
        self.inner.file.to_string_lossy().into_owned()
    }
    /// The case name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// Whether every expectation held.
    #[getter]
    fn passed(&self) -> bool {
        self.inner.passed
    }
    /// What did not match, one line each.
    #[getter]
    fn failures(&self) -> Vec<String> {
        self.inner.failures.clone()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        case_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "CaseResult(ruleset={:?}, name={:?}, passed={})",
            self.inner.ruleset,
            self.inner.name,
            if self.inner.passed { "True" } else { "False" }
        )
    }
}
