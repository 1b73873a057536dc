//! Insurance representatives: routing, check-up eligibility.

use super::*;

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
