//! FHIR R5 export from Python: `RuleSet.evaluate_fhir` (a dict, money as
//! `decimal.Decimal`) and `RuleSet.evaluate_fhir_json` (JSON text).

use crate::convert::{self, Options};
use crate::errors::{self, Failure};
use crate::ruleset::{guarded, input_text};
use crate::types::json_text;
use medcover::fhir::{FhirOptions, ResourceJson};
use medcover::RuleBook;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Decides `request` and writes the FHIR `CoverageEligibilityResponse` as
/// JSON text (money values keep their decimal digits).
pub(crate) fn fhir_text(
    py: Python<'_>,
    book: &RuleBook,
    request: &Bound<'_, PyAny>,
    created: Option<&str>,
    indent: Option<usize>,
) -> PyResult<String> {
    let text = match input_text(request, Options::default(), "a request") {
        Ok(text) => text,
        Err(convert::Failure::Python(e)) => return Err(e),
        Err(convert::Failure::Input(e)) => {
            return Err(errors::failure_err(py, &Failure::Convert(e)))
        }
    };
    let created = created.map(str::to_owned);
    let result = py.detach(move || {
        guarded(|| {
            let options = match created {
                Some(c) => FhirOptions::default().with_created(&c)?,
                None => FhirOptions::default(),
            };
            let request = medcover::parse_request(&text)?;
            book.evaluate_fhir(&request, &options)
        })
    });
    match result {
        Some(Ok(resource)) => json_text(&ResourceJson(&resource), indent),
        Some(Err(e)) => Err(errors::failure_err(py, &Failure::Request(e))),
        None => Err(errors::failure_err(py, &Failure::Panic)),
    }
}

/// `json.loads(text, parse_float=decimal.Decimal)`: the resource as a dict
/// whose money values are exact `Decimal`s.
pub(crate) fn fhir_dict<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let decimal = DECIMAL.import(py, "decimal", "Decimal")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("parse_float", decimal)?;
    py.import("json")?
        .getattr("loads")?
        .call((text,), Some(&kwargs))
}
