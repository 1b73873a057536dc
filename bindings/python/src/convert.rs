//! Python values → JSON text, for requests and rule files given as dicts.
//!
//! Money never passes through a float: a `float` anywhere in the input is
//! refused with the field path. `decimal.Decimal` becomes a decimal string,
//! `datetime.date` an ISO date; `datetime.datetime` is refused (a date is
//! expected). Values under a `national_id` path are never echoed.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};

/// Deepest nesting accepted; deeper input (or a cycle) is refused.
const MAX_DEPTH: usize = 64;

/// Why a Python value cannot become request JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertError {
    /// A `RequestErrorKind` name: `invalid_field`, `malformed`, `too_large`.
    pub kind: &'static str,
    /// Field path in the core's notation (`history[0].amount`).
    pub path: String,
    /// The same place as a JSON pointer (`/history/0/amount`).
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// Options of one conversion.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Treat `None` values of mapping keys as absent fields (rows of Arrow,
    /// Polars or Spark struct columns carry `None` for every missing field).
    pub drop_nulls: bool,
}

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static MAPPING: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static SEQUENCE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The JSON text of `value`, a mapping (or any JSON-able value).
pub fn to_json(value: &Bound<'_, PyAny>, options: Options) -> Result<String, Failure> {
    let mut out = String::with_capacity(512);
    let mut path = Vec::new();
    write_value(value, &mut out, &mut path, options)?;
    Ok(out)
}

/// A conversion failure: bad input, or a Python error while reading it
/// (a mapping whose `items()` raised, say).
#[derive(Debug)]
pub enum Failure {
    /// The input is not acceptable.
    Input(ConvertError),
    /// Python raised while the value was read.
    Python(PyErr),
}

impl From<PyErr> for Failure {
    fn from(e: PyErr) -> Self {
        Failure::Python(e)
    }
}

/// One step of the path to the value being written. A key is kept as the
/// Python string it is (no copy); the path is only rendered for an error.
enum Seg<'py> {
    Key(Bound<'py, PyString>),
    Index(usize),
}

impl Seg<'_> {
    /// The key's text (`None` for an index, or a key that is not UTF-8).
    fn key(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            Seg::Key(k) => k.to_cow().ok(),
            Seg::Index(_) => None,
        }
    }
}

fn render_path(path: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(_) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&seg.key().unwrap_or_default());
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

fn render_pointer(path: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for seg in path {
        out.push('/');
        match seg {
            Seg::Key(_) => {
                let key = seg.key().unwrap_or_default();
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Seg::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

fn is_personal(path: &[Seg<'_>]) -> bool {
    path.iter()
        .any(|s| matches!(s.key().as_deref(), Some("national_id" | "name")))
}

fn input(kind: &'static str, path: &[Seg<'_>], message: String, help: Option<&str>) -> Failure {
    Failure::Input(ConvertError {
        kind,
        path: render_path(path),
        pointer: render_pointer(path),
        message,
        help: help.map(str::to_owned),
    })
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_cow().map(|c| c.into_owned()).unwrap_or_default())
        .unwrap_or_else(|_| "object".to_owned())
}

/// Writes `s` as a JSON string. What needs an escape (a quote, a
/// backslash, a control character) is a single byte; the text between such
/// bytes (nearly all of it) is copied as it is.
fn push_json_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut plain = 0;
    for (i, &byte) in s.as_bytes().iter().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(plain..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str(&format!("\\u{byte:04x}"));
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(s.get(plain..).unwrap_or_default());
    out.push('"');
}

fn write_value<'py>(
    value: &Bound<'py, PyAny>,
    out: &mut String,
    path: &mut Vec<Seg<'py>>,
    options: Options,
) -> Result<(), Failure> {
    let py = value.py();
    if path.len() > MAX_DEPTH {
        return Err(input(
            "too_large",
            path,
            format!("nesting deeper than {MAX_DEPTH} levels"),
            None,
        ));
    }
    if value.is_none() {
        out.push_str("null");
        return Ok(());
    }
    if let Ok(s) = value.cast::<PyString>() {
        push_json_str(out, &s.to_cow()?);
        return Ok(());
    }
    if let Ok(b) = value.cast::<PyBool>() {
        out.push_str(if b.is_true() { "true" } else { "false" });
        return Ok(());
    }
    if value.is_instance_of::<PyInt>() {
        // Python ints of any size print as JSON integers.
        match value.extract::<i64>() {
            Ok(n) => out.push_str(itoa::Buffer::new().format(n)),
            Err(_) => out.push_str(&value.str()?.to_cow()?),
        }
        return Ok(());
    }
    if value.is_instance_of::<PyFloat>() {
        let shown = if is_personal(path) {
            String::new()
        } else {
            format!(" `{}`", value.str()?.to_cow()?)
        };
        return Err(input(
            "invalid_field",
            path,
            format!("float{shown} is not accepted: money and quantities are never floats"),
            Some("pass money as decimal.Decimal or a string (\"1234.50\"), quantities as int"),
        ));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        return write_mapping(dict.iter().map(Ok), out, path, options);
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        return write_sequence(value, out, path, options);
    }
    if value.hasattr("__index__")? {
        // Integers that are not `int` (numpy.int64 from a DataFrame, say).
        let index = py.import("operator")?.getattr("index")?.call1((value,))?;
        out.push_str(&index.str()?.to_cow()?);
        return Ok(());
    }
    if value.is_instance(DECIMAL.import(py, "decimal", "Decimal")?.as_any())? {
        let finite: bool = value.call_method0("is_finite")?.extract()?;
        if !finite {
            return Err(input(
                "invalid_field",
                path,
                "a decimal that is not finite (NaN or infinity)".into(),
                None,
            ));
        }
        let text = py
            .import("builtins")?
            .getattr("format")?
            .call1((value, "f"))?;
        push_json_str(out, &text.str()?.to_cow()?);
        return Ok(());
    }
    if value.is_instance(DATETIME.import(py, "datetime", "datetime")?.as_any())? {
        return Err(input(
            "invalid_field",
            path,
            "a datetime is not accepted where a date is expected".into(),
            Some("pass a datetime.date or an ISO date string (\"2026-05-10\")"),
        ));
    }
    if value.is_instance(DATE.import(py, "datetime", "date")?.as_any())? {
        let text = value.call_method0("isoformat")?;
        push_json_str(out, &text.str()?.to_cow()?);
        return Ok(());
    }
    if value.is_instance(MAPPING.import(py, "collections.abc", "Mapping")?.as_any())? {
        let items = value.call_method0("items")?;
        let mut pairs = Vec::new();
        for item in items.try_iter()? {
            let item = item?;
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            pairs.push(Ok((k, v)));
        }
        return write_mapping(pairs.into_iter(), out, path, options);
    }
    if value.is_instance(SEQUENCE.import(py, "collections.abc", "Sequence")?.as_any())?
        && !value.is_instance_of::<pyo3::types::PyBytes>()
    {
        return write_sequence(value, out, path, options);
    }
    Err(input(
        "invalid_field",
        path,
        format!("a value of type `{}` is not accepted", type_name(value)),
        Some("use str, int, bool, None, decimal.Decimal, datetime.date, dict and list"),
    ))
}

fn write_mapping<'py>(
    items: impl Iterator<Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>>,
    out: &mut String,
    path: &mut Vec<Seg<'py>>,
    options: Options,
) -> Result<(), Failure> {
    out.push('{');
    let mut first = true;
    for item in items {
        let (key, val) = item?;
        if options.drop_nulls && val.is_none() {
            continue;
        }
        let Ok(key) = key.cast::<PyString>() else {
            return Err(input(
                "invalid_field",
                path,
                format!(
                    "a mapping key of type `{}`: keys must be strings",
                    type_name(&key)
                ),
                None,
            ));
        };
        if !first {
            out.push(',');
        }
        first = false;
        push_json_str(out, &key.to_cow()?);
        out.push(':');
        path.push(Seg::Key(key.clone()));
        let result = write_value(&val, out, path, options);
        path.pop();
        result?;
    }
    out.push('}');
    Ok(())
}

fn write_sequence<'py>(
    value: &Bound<'py, PyAny>,
    out: &mut String,
    path: &mut Vec<Seg<'py>>,
    options: Options,
) -> Result<(), Failure> {
    out.push('[');
    for (i, item) in value.try_iter()?.enumerate() {
        let item = item?;
        if i > 0 {
            out.push(',');
        }
        path.push(Seg::Index(i));
        let result = write_value(&item, out, path, options);
        path.pop();
        result?;
    }
    out.push(']');
    Ok(())
}
