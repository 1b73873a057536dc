//! Decisions → columns of line rows (a dict of lists), for the DataFrame
//! helpers of `medcover.frames`. Built here rather than in Python: a table of
//! a million lines reads tens of millions of fields. Repeated values (codes,
//! dates, amounts) are created once per call and shared; Python's `str`,
//! `date` and `Decimal` are immutable, lists are not shared.

use crate::types::{mode_str, next_step_str, outcome_str, py_date, py_decimal, PyDecision};
use chrono::NaiveDate;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The columns, in order (`medcover.frames.LINE_COLUMNS`).
pub const LINE_COLUMNS: [&str; 26] = [
    "request_index",
    "request_id",
    "member",
    "date",
    "ruleset",
    "line_index",
    "service",
    "category",
    "quantity",
    "covered_quantity",
    "outcome",
    "mode",
    "program",
    "document",
    "next_step",
    "currency",
    "price",
    "insurer_pays",
    "discount",
    "patient_pays",
    "reason_codes",
    "waiting_period_ends",
    "alternatives",
    "error_kind",
    "error_path",
    "error",
];

/// Python values made once per call.
struct Shared<'py> {
    py: Python<'py>,
    strings: HashMap<String, Bound<'py, PyAny>>,
    dates: HashMap<NaiveDate, Bound<'py, PyAny>>,
    money: HashMap<[u8; 16], Bound<'py, PyAny>>,
    money_as_string: bool,
    max_scale: Option<u32>,
}

impl<'py> Shared<'py> {
    fn str(&mut self, s: &str) -> Bound<'py, PyAny> {
        if let Some(v) = self.strings.get(s) {
            return v.clone();
        }
        let v = PyString::new(self.py, s).into_any();
        self.strings.insert(s.to_owned(), v.clone());
        v
    }

    fn opt_str(&mut self, s: Option<&str>) -> Bound<'py, PyAny> {
        match s {
            Some(s) => self.str(s),
            None => self.py.None().into_bound(self.py),
        }
    }

    fn date(&mut self, d: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
        if let Some(v) = self.dates.get(&d) {
            return Ok(v.clone());
        }
        let v = py_date(self.py, d)?;
        self.dates.insert(d, v.clone());
        Ok(v)
    }

    fn money(&mut self, m: &Decimal) -> PyResult<Bound<'py, PyAny>> {
        // Keyed by the exact representation, scale included: 1.0 and 1.00
        // are equal decimals but print differently.
        let key = m.serialize();
        if let Some(v) = self.money.get(&key) {
            return Ok(v.clone());
        }
        if let Some(max) = self.max_scale {
            let digits = m.normalize().scale();
            if digits > max {
                return Err(PyValueError::new_err(format!(
                    "money value {m} has {digits} decimals, more than money_scale={max}: pass money_scale={digits}"
                )));
            }
        }
        let v = if self.money_as_string {
            PyString::new(self.py, &m.to_string()).into_any()
        } else {
            py_decimal(self.py, m)?
        };
        self.money.insert(key, v.clone());
        Ok(v)
    }
}

/// The results of `RuleSet.evaluate_many` (decisions and exception objects)
/// as line columns. `errors`: `row` (a failed request is one row with the
/// `error*` columns), `skip`, or `raise` (the first failure is raised).
/// `money`: `decimal` (`decimal.Decimal`) or `string`. `money_scale`, when
/// given, refuses (ValueError) an amount with more decimals than that.
#[pyfunction]
#[pyo3(signature = (results, *, errors = "row", money = "decimal", money_scale = None))]
pub fn line_columns<'py>(
    py: Python<'py>,
    results: &Bound<'py, PyAny>,
    errors: &str,
    money: &str,
    money_scale: Option<u32>,
) -> PyResult<Bound<'py, PyDict>> {
    if !matches!(errors, "row" | "skip" | "raise") {
        return Err(PyValueError::new_err(format!(
            "errors must be one of ('row', 'skip', 'raise'), not {errors:?}"
        )));
    }
    let money_as_string = match money {
        "decimal" => false,
        "string" => true,
        other => {
            return Err(PyValueError::new_err(format!(
                "money must be one of ('decimal', 'string'), not {other:?}"
            )))
        }
    };
    let mut shared = Shared {
        py,
        strings: HashMap::new(),
        dates: HashMap::new(),
        money: HashMap::new(),
        money_as_string,
        max_scale: money_scale,
    };
    let mut cols: Vec<Vec<Bound<'py, PyAny>>> = LINE_COLUMNS.iter().map(|_| Vec::new()).collect();
    let none = py.None().into_bound(py);
    let base_exception = py.get_type::<pyo3::exceptions::PyBaseException>();
    for (i, item) in results.try_iter()?.enumerate() {
        let item = item?;
        if let Ok(decision) = item.cast::<PyDecision>() {
            let d = &decision.get().inner;
            let request_id = shared.opt_str(d.id.as_deref());
            let member = PyString::new(py, &d.member).into_any();
            let date = shared.date(d.date)?;
            let ruleset = shared.str(&d.ruleset);
            for (j, l) in d.lines.iter().enumerate() {
                let codes = PyList::empty(py);
                for r in &l.reasons {
                    codes.append(shared.str(r.code.as_str()))?;
                }
                let alternatives = PyList::empty(py);
                for a in &l.alternatives {
                    alternatives.append(shared.str(a))?;
                }
                let row: [Bound<'py, PyAny>; 26] = [
                    i.into_pyobject(py)?.into_any(),
                    request_id.clone(),
                    member.clone(),
                    date.clone(),
                    ruleset.clone(),
                    j.into_pyobject(py)?.into_any(),
                    shared.str(&l.service),
                    shared.str(l.category.as_str()),
                    l.quantity.into_pyobject(py)?.into_any(),
                    l.covered_quantity.into_pyobject(py)?.into_any(),
                    shared.str(outcome_str(l.outcome)),
                    shared.str(mode_str(l.mode)),
                    shared.opt_str(l.program.as_deref()),
                    shared.opt_str(l.document.as_deref()),
                    shared.opt_str(l.next_step.map(next_step_str)),
                    shared.str(&l.currency),
                    shared.money(&l.price)?,
                    shared.money(&l.insurer_pays)?,
                    shared.money(&l.discount)?,
                    shared.money(&l.patient_pays)?,
                    codes.into_any(),
                    match l.waiting_period_ends {
                        Some(d) => shared.date(d)?,
                        None => none.clone(),
                    },
                    alternatives.into_any(),
                    none.clone(),
                    none.clone(),
                    none.clone(),
                ];
                for (col, value) in cols.iter_mut().zip(row) {
                    col.push(value);
                }
            }
        } else if item.is_instance(base_exception.as_any())? {
            match errors {
                "raise" => return Err(PyErr::from_value(item)),
                "skip" => continue,
                _ => {}
            }
            let kind = match item.getattr("kind") {
                Ok(k) => k,
                Err(_) => shared.str("internal"),
            };
            let path = match item.getattr("path") {
                Ok(p) => p,
                Err(_) => shared.str(""),
            };
            let text = item.str()?.into_any();
            for (name, col) in LINE_COLUMNS.iter().zip(cols.iter_mut()) {
                col.push(match *name {
                    "request_index" => i.into_pyobject(py)?.into_any(),
                    "error_kind" => kind.clone(),
                    "error_path" => path.clone(),
                    "error" => text.clone(),
                    _ => none.clone(),
                });
            }
        } else {
            let name = item
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default();
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "results[{i}] is a `{name}`: expected a Decision or an exception (the output of evaluate_many)"
            )));
        }
    }
    let out = PyDict::new(py);
    for (name, col) in LINE_COLUMNS.iter().zip(cols) {
        out.set_item(*name, PyList::new(py, col)?)?;
    }
    Ok(out)
}
