//! Python bindings of medcover: the native module `medcover._native` of the
//! `medcover` wheel. The Python package (`python/medcover`) re-exports it
//! with exceptions, DataFrame and Spark helpers and type stubs.
//!
//! No `unwrap`, `expect` or panic here; every call into the engine runs under
//! `catch_unwind`, so a bug surfaces as a `MedcoverError`, never as pyo3's
//! `PanicException`.

mod convert;
mod errors;
mod ruleset;
mod types;

use pyo3::prelude::*;

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ruleset::PyRuleSet>()?;
    m.add_class::<types::PyDecision>()?;
    m.add_class::<types::PyLine>()?;
    m.add_class::<types::PyReason>()?;
    m.add_class::<types::PyLimitUsage>()?;
    m.add_class::<types::PyTotals>()?;
    m.add_class::<types::PyTraceStep>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("REASON_CODES", medcover::ReasonCode::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>())?;
    Ok(())
}
