//! The rule authors' cases.

use super::*;

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
