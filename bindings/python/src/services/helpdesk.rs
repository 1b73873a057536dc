//! The helpdesk: channel by moment, incident intake.

use super::*;

fn helpdesk_of(book: &RuleBook) -> Option<&Helpdesk> {
    book.sets().iter().find_map(|s| s.helpdesk())
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
