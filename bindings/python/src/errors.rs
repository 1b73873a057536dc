//! Core errors → the Python exceptions of `medcover._errors`.
//!
//! The exception classes are plain Python classes (picklable, typed in the
//! stubs); this module imports them once and builds instances. Messages come
//! from the core, which never quotes a national id.

use crate::convert::ConvertError;
use medcover::{LoadError, RequestError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};

static MEDCOVER_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static REQUEST_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static RULE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static RULE_PROBLEM: PyOnceLock<Py<PyType>> = PyOnceLock::new();

const MODULE: &str = "medcover._errors";

/// Why one request produced no decision.
#[derive(Debug, Clone)]
pub enum Failure {
    /// Bad input, as the core reports it.
    Request(RequestError),
    /// Bad input found while reading the Python value.
    Convert(ConvertError),
    /// A bug: the engine panicked. The payload is not shown (it could hold data).
    Panic,
}

/// A `medcover.RequestError` (or `MedcoverError` for a panic) instance.
pub fn failure_object<'py>(
    py: Python<'py>,
    failure: &Failure,
    index: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    match failure {
        Failure::Request(e) => request_error(
            py,
            &e.to_string(),
            e.kind.as_str(),
            &e.path,
            e.message.as_str(),
            e.help.as_deref(),
            e.position,
            index,
        ),
        Failure::Convert(e) => {
            let mut text = String::new();
            if !e.path.is_empty() {
                text.push_str(&format!("`{}`: ", e.path));
            }
            text.push_str(&e.message);
            if let Some(help) = &e.help {
                text.push_str(&format!(" (help: {help})"));
            }
            request_error(
                py,
                &text,
                e.kind,
                &e.path,
                &e.message,
                e.help.as_deref(),
                None,
                index,
            )
        }
        Failure::Panic => {
            let class = MEDCOVER_ERROR.import(py, MODULE, "MedcoverError")?;
            let error = class.call1(("internal error: the medcover engine panicked while evaluating (this is a bug; please report it)",))?;
            error.setattr("index", index)?;
            Ok(error)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn request_error<'py>(
    py: Python<'py>,
    text: &str,
    kind: &str,
    path: &str,
    message: &str,
    help: Option<&str>,
    position: Option<(usize, usize)>,
    index: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let class = REQUEST_ERROR.import(py, MODULE, "RequestError")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("kind", kind)?;
    kwargs.set_item("path", path)?;
    kwargs.set_item("message", message)?;
    kwargs.set_item("help", help)?;
    kwargs.set_item("position", position)?;
    kwargs.set_item("index", index)?;
    class.call((text,), Some(&kwargs))
}

/// A plain `medcover.MedcoverError` (the rules lack what was asked for).
pub fn medcover_error(py: Python<'_>, message: &str) -> PyErr {
    match MEDCOVER_ERROR
        .import(py, MODULE, "MedcoverError")
        .and_then(|class| class.call1((message,)))
    {
        Ok(obj) => PyErr::from_value(obj),
        Err(e) => e,
    }
}

/// A raisable `PyErr` from a failure.
pub fn failure_err(py: Python<'_>, failure: &Failure) -> PyErr {
    match failure_object(py, failure, None) {
        Ok(obj) => PyErr::from_value(obj),
        Err(e) => e,
    }
}

/// A `medcover.RuleError` with one `RuleProblem` per problem.
pub fn rule_error(py: Python<'_>, error: &LoadError) -> PyErr {
    match build_rule_error(py, error) {
        Ok(obj) => PyErr::from_value(obj),
        Err(e) => e,
    }
}

fn build_rule_error<'py>(py: Python<'py>, error: &LoadError) -> PyResult<Bound<'py, PyAny>> {
    let problem_class = RULE_PROBLEM.import(py, MODULE, "RuleProblem")?;
    let problems = PyList::empty(py);
    for p in &error.problems {
        let kwargs = PyDict::new(py);
        kwargs.set_item("kind", p.kind.as_str())?;
        kwargs.set_item("file", p.file.to_string_lossy())?;
        kwargs.set_item("line", p.line)?;
        kwargs.set_item("column", p.column)?;
        kwargs.set_item("path", &p.path)?;
        kwargs.set_item("message", &p.message)?;
        kwargs.set_item("help", p.help.as_deref())?;
        problems.append(problem_class.call((), Some(&kwargs))?)?;
    }
    let class = RULE_ERROR.import(py, MODULE, "RuleError")?;
    class.call1((error.to_string(), problems))
}

/// A `medcover.RuleError` for a problem found before the core saw the files
/// (a rule file given as a dict with a float in it, say).
pub fn rule_input_error(py: Python<'_>, file: &str, error: &ConvertError) -> PyErr {
    let load = LoadError {
        problems: vec![medcover::RuleProblem {
            kind: medcover::ProblemKind::Type,
            file: std::path::PathBuf::from(file),
            line: None,
            column: None,
            path: error.pointer.clone(),
            message: error.message.clone(),
            help: error.help.clone(),
        }],
    };
    rule_error(py, &load)
}
