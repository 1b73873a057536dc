//! Python bindings of medcover: the native module `medcover._native` of the
//! `medcover` wheel. The Python package (`python/medcover`) re-exports it
//! with exceptions, DataFrame and Spark helpers and type stubs.
//!
//! No `unwrap`, `expect` or panic here; every call into the engine runs under
//! `catch_unwind`, so a bug surfaces as a `MedcoverError`, never as pyo3's
//! `PanicException`.

mod batch;
mod columns;
mod convert;
mod errors;
mod fhir;
mod ruleset;
mod services;
mod types;

use pyo3::prelude::*;

/// Rust-side allocations of the extension (decisions, parsed requests) come
/// from snmalloc: a batch allocates on worker threads and Python's thread
/// frees, which snmalloc batches and hands back to the allocating thread
/// instead of synchronising on each block (benches/README.md).
#[global_allocator]
static ALLOCATOR: snmalloc_rs::SnMalloc = snmalloc_rs::SnMalloc;

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
    m.add_class::<services::PyReportHeader>()?;
    m.add_class::<services::PyLimitsReport>()?;
    m.add_class::<services::PyLimitLine>()?;
    m.add_class::<services::PyWaitingPeriodsReport>()?;
    m.add_class::<services::PyWaitingPeriod>()?;
    m.add_class::<services::PyStatement>()?;
    m.add_class::<services::PyStatementLine>()?;
    m.add_class::<services::PyProvider>()?;
    m.add_class::<services::PyChannelAnswer>()?;
    m.add_class::<services::PyIncidentVerdict>()?;
    m.add_class::<services::PyIncidentProblem>()?;
    m.add_class::<services::PyRoute>()?;
    m.add_class::<services::PyCheckupAnswer>()?;
    m.add_class::<services::PyCaseReport>()?;
    m.add_class::<services::PyCaseResult>()?;
    m.add_function(wrap_pyfunction!(services::run_cases, m)?)?;
    m.add_function(wrap_pyfunction!(columns::line_columns, m)?)?;
    m.add_function(wrap_pyfunction!(_selftest_panic, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("LINE_COLUMNS", columns::LINE_COLUMNS.to_vec())?;
    m.add(
        "REASON_CODES",
        medcover::ReasonCode::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
    )?;
    Ok(())
}

/// For the tests: runs a panicking closure the way every engine call runs,
/// and raises what Python would see (a `MedcoverError`, never pyo3's
/// `PanicException`).
#[pyfunction]
#[allow(clippy::panic)]
fn _selftest_panic(py: Python<'_>) -> PyResult<()> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let caught = py.detach(|| ruleset::guarded(|| -> () { panic!("self-test panic") }).is_none());
    std::panic::set_hook(hook);
    if caught {
        Err(errors::failure_err(py, &errors::Failure::Panic))
    } else {
        Ok(())
    }
}
