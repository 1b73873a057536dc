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

mod cases;
mod directory;
mod helpdesk;
mod reports;
mod representatives;

pub use cases::*;
pub use directory::*;
pub use helpdesk::*;
pub use reports::*;
pub use representatives::*;

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

// Helpers shared by the parts below.

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

fn not_in_rules(py: Python<'_>, what: &str) -> PyErr {
    errors::medcover_error(py, &format!("no loaded rule set has {what}"))
}
