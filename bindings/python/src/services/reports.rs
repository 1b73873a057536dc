//! Member reports: usage limits, waiting periods, statement.

use super::*;

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
    match answer(py, Some(result))? {
        Report::Limits(inner) => with_header(py, inner.header.clone(), PyLimitsReport { inner }),
        Report::WaitingPeriods(inner) => {
            with_header(py, inner.header.clone(), PyWaitingPeriodsReport { inner })
        }
        Report::Statement(inner) => with_header(py, inner.header.clone(), PyStatement { inner }),
    }
}

/// Whose report it is and as of when: the base of the three reports.
#[pyclass(frozen, subclass, module = "medcover._native", name = "ReportHeader")]
pub struct PyReportHeader {
    header: ReportHeader,
}

#[pymethods]
impl PyReportHeader {
    /// Member id.
    #[getter]
    fn member(&self) -> &str {
        &self.header.member
    }
    /// Program id.
    #[getter]
    fn program(&self) -> &str {
        &self.header.program
    }
    /// Policy number.
    #[getter]
    fn policy(&self) -> &str {
        &self.header.policy
    }
    /// The report date.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.header.date)
    }
    /// The rule set.
    #[getter]
    fn ruleset(&self) -> &str {
        &self.header.ruleset
    }
    /// Currency of the rule set's amounts.
    #[getter]
    fn currency(&self) -> &str {
        &self.header.currency
    }
}

/// A report object whose header getters come from [`PyReportHeader`].
fn with_header<'py, T: pyo3::PyClass<BaseType = PyReportHeader>>(
    py: Python<'py>,
    header: ReportHeader,
    report: T,
) -> PyResult<Bound<'py, PyAny>> {
    let init = PyClassInitializer::from(PyReportHeader { header }).add_subclass(report);
    Ok(Bound::new(py, init)?.into_any())
}

/// A member's usage limits as of a date.
#[pyclass(frozen, eq, extends = PyReportHeader, module = "medcover._native", name = "LimitsReport")]
#[derive(Clone, PartialEq)]
pub struct PyLimitsReport {
    inner: LimitsReport,
}

#[pymethods]
impl PyLimitsReport {
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
#[pyclass(frozen, eq, extends = PyReportHeader, module = "medcover._native", name = "WaitingPeriodsReport")]
#[derive(Clone, PartialEq)]
pub struct PyWaitingPeriodsReport {
    inner: WaitingPeriodsReport,
}

#[pymethods]
impl PyWaitingPeriodsReport {
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
#[pyclass(frozen, eq, extends = PyReportHeader, module = "medcover._native", name = "Statement")]
#[derive(Clone, PartialEq)]
pub struct PyStatement {
    inner: Statement,
}

#[pymethods]
impl PyStatement {
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
