//! `medcover.RuleSet`: loaded rules (a core `RuleBook`: one or several rule
//! sets, each request routed by its clinic) and evaluation, single or batch.

use crate::batch::evaluate_text;
use crate::convert::{self, ConvertError, Options};
use crate::errors::{self, Failure};
use crate::services;
use crate::types::PyDecision;
use medcover::rules::format::RosterDef;
use medcover::{EvaluateOptions, LoadError, RuleBook, RuleSet};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple, PyType};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

static MAPPING: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Loaded, checked rules. Immutable and safe to share between threads.
#[pyclass(frozen, module = "medcover._native", name = "RuleSet")]
pub struct PyRuleSet {
    book: Arc<RuleBook>,
    /// Where the rules came from, for pickling.
    origin: Origin,
    /// Roster lists added with `with_rosters`, as JSON text, in order.
    rosters: Vec<String>,
}

/// Where a `RuleSet` came from: it pickles as that (a folder is read again
/// where it is unpickled; files in memory travel with it).
#[derive(Clone)]
enum Origin {
    Path(PathBuf),
    Sources(Vec<Vec<(String, String)>>),
}

/// The error for a request that is not UTF-8: `bytes` that do not decode,
/// or a `str` with a lone surrogate (`"\ud800"`).
pub(crate) fn not_utf8(what: &str, given_as: &str) -> ConvertError {
    ConvertError {
        kind: "malformed",
        path: String::new(),
        pointer: String::new(),
        message: format!("{what} given as {given_as} is not valid UTF-8"),
        help: None,
    }
}

/// Evaluation options from the Python keywords; an unknown language is a
/// `ValueError` naming the four known ones.
fn evaluate_options(trace: bool, lang: &str, messages: bool) -> PyResult<EvaluateOptions> {
    let lang = lang
        .parse::<medcover::messages::Lang>()
        .map_err(PyValueError::new_err)?;
    Ok(EvaluateOptions {
        trace,
        lang,
        messages,
    })
}

/// Runs `f`; `None` if it panicked. Every call into the engine goes through
/// here, so a bug in it reaches Python as a `MedcoverError`.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

/// An input's JSON text: a `str` read in place, or text made from `bytes` or
/// a mapping.
pub(crate) enum InputText<'py> {
    /// A `str`, known to be valid UTF-8.
    Str(Bound<'py, PyString>),
    /// JSON text from `bytes` or a mapping.
    Owned(String),
}

impl InputText<'_> {
    /// The text, borrowed. (A `str` was checked when it was read; were it
    /// to fail now, the empty text would be refused as malformed.)
    pub(crate) fn as_str(&self) -> &str {
        match self {
            InputText::Str(s) => s.to_str().unwrap_or_default(),
            InputText::Owned(text) => text,
        }
    }

    fn into_string(self) -> String {
        match self {
            InputText::Str(_) => self.as_str().to_owned(),
            InputText::Owned(text) => text,
        }
    }
}

/// An input (`what`: `a request`, `a member query`…) as owned JSON text.
pub(crate) fn input_text(
    value: &Bound<'_, PyAny>,
    options: Options,
    what: &str,
) -> Result<String, convert::Failure> {
    read_input(value, options, what).map(InputText::into_string)
}

/// An input (`what`: `a request`, `a member query`…) as JSON text: a `str`
/// (read in place), UTF-8 `bytes`, or a mapping.
pub(crate) fn read_input<'py>(
    value: &Bound<'py, PyAny>,
    options: Options,
    what: &str,
) -> Result<InputText<'py>, convert::Failure> {
    if let Ok(s) = value.cast::<PyString>() {
        return match s.to_str() {
            Ok(_) => Ok(InputText::Str(s.clone())),
            Err(_) => Err(convert::Failure::Input(not_utf8(what, "str"))),
        };
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        return String::from_utf8(b.as_bytes().to_vec())
            .map(InputText::Owned)
            .map_err(|_| convert::Failure::Input(not_utf8(what, "bytes")));
    }
    let py = value.py();
    if value.is_instance(MAPPING.import(py, "collections.abc", "Mapping")?.as_any())? {
        return convert::to_json(value, options).map(InputText::Owned);
    }
    let name = value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into());
    Err(convert::Failure::Input(ConvertError {
        kind: "malformed",
        path: String::new(),
        pointer: String::new(),
        message: format!("{what} must be a JSON string or a mapping, not `{name}`"),
        help: None,
    }))
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn load_error(py: Python<'_>, e: Option<Result<RuleBook, LoadError>>) -> PyResult<RuleBook> {
    match e {
        Some(Ok(book)) => Ok(book),
        Some(Err(e)) => Err(errors::rule_error(py, &e)),
        None => Err(errors::failure_err(py, &Failure::Panic)),
    }
}

/// The files of one rule set: a mapping of file name → JSON text (or a
/// mapping of sections, written as JSON).
fn sources(files: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let py = files.py();
    if !files.is_instance(MAPPING.import(py, "collections.abc", "Mapping")?.as_any())? {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "rule files must be a mapping of file name to JSON text (or to a dict of sections)",
        ));
    }
    let mut out = Vec::new();
    for item in files.call_method0("items")?.try_iter()? {
        let (name, value): (String, Bound<'_, PyAny>) = item?.extract()?;
        let text = if let Ok(s) = value.cast::<PyString>() {
            s.to_cow()?.into_owned()
        } else {
            match convert::to_json(&value, Options::default()) {
                Ok(text) => text,
                Err(convert::Failure::Python(e)) => return Err(e),
                Err(convert::Failure::Input(e)) => {
                    return Err(errors::rule_input_error(py, &name, &e))
                }
            }
        };
        out.push((name, text));
    }
    Ok(out)
}

/// A rule book over rule sets given as files in memory.
fn book_from_sources(py: Python<'_>, sets: &[Vec<(String, String)>]) -> PyResult<RuleBook> {
    let result = py.detach(|| {
        guarded(|| {
            let mut loaded = Vec::new();
            let mut problems = Vec::new();
            for files in sets {
                match RuleSet::from_sources(files.iter().cloned()) {
                    Ok(set) => loaded.push(set),
                    Err(e) => problems.extend(e.problems),
                }
            }
            if problems.is_empty() {
                Ok(RuleBook::new(loaded))
            } else {
                Err(LoadError { problems })
            }
        })
    });
    load_error(py, result)
}

/// `book` with the rosters of `text` (a JSON list) added, each to the rule
/// set that owns its clinic.
fn add_rosters(py: Python<'_>, book: &RuleBook, text: &str) -> PyResult<RuleBook> {
    let defs: Vec<RosterDef> = serde_json::from_str(text).map_err(|e| {
        let load = LoadError {
            problems: vec![medcover::RuleProblem {
                kind: medcover::ProblemKind::Type,
                file: PathBuf::from("<rosters>"),
                line: Some(e.line()),
                column: Some(e.column()),
                path: String::new(),
                message: e.to_string(),
                help: None,
            }],
        };
        errors::rule_error(py, &load)
    })?;
    let result = py.detach(move || {
        guarded(move || {
            let mut groups: Vec<Vec<RosterDef>> = book.sets().iter().map(|_| Vec::new()).collect();
            let mut problems = Vec::new();
            for def in defs {
                let owner = book
                    .sets()
                    .iter()
                    .position(|s| s.clinic(&def.clinic).is_some());
                match owner.and_then(|i| groups.get_mut(i)) {
                    Some(group) => group.push(def),
                    None => problems.push(medcover::RuleProblem {
                        kind: medcover::ProblemKind::UnknownReference,
                        file: PathBuf::from("<rosters>"),
                        line: None,
                        column: None,
                        path: String::new(),
                        message: format!("roster `{}`: unknown clinic `{}`", def.id, def.clinic),
                        help: None,
                    }),
                }
            }
            let mut sets = Vec::new();
            for (set, group) in book.sets().iter().zip(groups) {
                if group.is_empty() {
                    sets.push(set.clone());
                    continue;
                }
                match set.with_rosters(group) {
                    Ok(s) => sets.push(s),
                    Err(e) => problems.extend(e.problems),
                }
            }
            if problems.is_empty() {
                Ok(RuleBook::new(sets))
            } else {
                Err(LoadError { problems })
            }
        })
    });
    load_error(py, result)
}

#[pymethods]
impl PyRuleSet {
    /// Loads rules from a folder: one rule set (it has a `ruleset.json`) or a
    /// folder of rule sets. Raises `RuleError` with every problem found.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let result = py.detach(|| guarded(|| RuleBook::load(&path)));
        Ok(PyRuleSet {
            book: Arc::new(load_error(py, result)?),
            origin: Origin::Path(path),
            rosters: Vec::new(),
        })
    }

    /// Builds rules from memory: a mapping of file name → JSON text (or →
    /// a dict of sections) for one rule set, or a list of such mappings for
    /// several. Raises `RuleError` with every problem found.
    #[staticmethod]
    fn from_json(py: Python<'_>, files: &Bound<'_, PyAny>) -> PyResult<Self> {
        let sets: Vec<Vec<(String, String)>> =
            if files.is_instance_of::<PyList>() || files.is_instance_of::<pyo3::types::PyTuple>() {
                files
                    .try_iter()?
                    .map(|f| sources(&f?))
                    .collect::<PyResult<_>>()?
            } else {
                vec![sources(files)?]
            };
        let book = book_from_sources(py, &sets)?;
        Ok(PyRuleSet {
            book: Arc::new(book),
            origin: Origin::Sources(sets),
            rosters: Vec::new(),
        })
    }

    /// A copy of these rules with attachment rosters (sent by the insurer)
    /// added: a list of roster dicts, or its JSON text. Each roster goes to
    /// the rule set that owns its clinic.
    fn with_rosters(&self, py: Python<'_>, rosters: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = if let Ok(s) = rosters.cast::<PyString>() {
            s.to_cow()?.into_owned()
        } else {
            match convert::to_json(rosters, Options::default()) {
                Ok(text) => text,
                Err(convert::Failure::Python(e)) => return Err(e),
                Err(convert::Failure::Input(e)) => {
                    return Err(errors::rule_input_error(py, "<rosters>", &e))
                }
            }
        };
        let book = add_rosters(py, &self.book, &text)?;
        let mut rosters = self.rosters.clone();
        rosters.push(text);
        Ok(PyRuleSet {
            book: Arc::new(book),
            origin: self.origin.clone(),
            rosters,
        })
    }

    /// Pickles as its origin: the folder it was loaded from (read again
    /// where it is unpickled) or its files in memory, plus added rosters.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let this = slf.get();
        let (kind, payload) = match &this.origin {
            Origin::Path(path) => ("path", path.clone().into_pyobject(py)?.into_any()),
            Origin::Sources(sets) => ("sources", sets.clone().into_pyobject(py)?.into_any()),
        };
        let restore = slf.get_type().getattr("_restore")?;
        let args = PyTuple::new(
            py,
            [
                kind.into_pyobject(py)?.into_any(),
                payload,
                this.rosters.clone().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((restore, args))
    }

    /// Rebuilds a pickled `RuleSet` (see `__reduce__`).
    #[staticmethod]
    fn _restore(
        py: Python<'_>,
        kind: &str,
        payload: &Bound<'_, PyAny>,
        rosters: Vec<String>,
    ) -> PyResult<Self> {
        let (mut book, origin) = match kind {
            "path" => {
                let path: PathBuf = payload.extract()?;
                let result = py.detach(|| guarded(|| RuleBook::load(&path)));
                (load_error(py, result)?, Origin::Path(path))
            }
            "sources" => {
                let sets: Vec<Vec<(String, String)>> = payload.extract()?;
                (book_from_sources(py, &sets)?, Origin::Sources(sets))
            }
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown RuleSet origin `{other}`"
                )))
            }
        };
        for text in &rosters {
            book = add_rosters(py, &book, text)?;
        }
        Ok(PyRuleSet {
            book: Arc::new(book),
            origin,
            rosters,
        })
    }

    /// Decides one request (a dict or a JSON string). Raises `RequestError`
    /// for bad input. `messages=False` leaves the reasons' messages empty.
    #[pyo3(signature = (request, *, trace = false, lang = "en", messages = true))]
    fn evaluate(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        trace: bool,
        lang: &str,
        messages: bool,
    ) -> PyResult<PyDecision> {
        let options = evaluate_options(trace, lang, messages)?;
        let book: &RuleBook = &self.book;
        let text = match read_input(request, Options::default(), "a request") {
            Ok(text) => text,
            Err(convert::Failure::Python(e)) => return Err(e),
            Err(convert::Failure::Input(e)) => {
                return Err(errors::failure_err(py, &Failure::Convert(e)))
            }
        };
        let text = text.as_str();
        let result = py.detach(|| evaluate_text(book, text, options));
        match result {
            Ok(inner) => Ok(PyDecision { inner }),
            Err(f) => Err(errors::failure_err(py, &f)),
        }
    }

    /// Decides one request and returns the decision as a FHIR R5
    /// `CoverageEligibilityResponse` dict (money values as `Decimal`).
    /// `created`: the resource's creation date or date-time (default: the
    /// service date; the engine has no clock).
    #[pyo3(signature = (request, *, created = None))]
    fn evaluate_fhir<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
        created: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = crate::fhir::fhir_text(py, &self.book, request, created, None)?;
        crate::fhir::fhir_dict(py, &text)
    }

    /// Like `evaluate_fhir`, as JSON text (money as JSON numbers with the
    /// decimal's own digits); `indent` pretty-prints.
    #[pyo3(signature = (request, *, created = None, indent = None))]
    fn evaluate_fhir_json(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        created: Option<&str>,
        indent: Option<usize>,
    ) -> PyResult<String> {
        crate::fhir::fhir_text(py, &self.book, request, created, indent)
    }

    /// Decides many requests on `threads` threads in all (the calling one
    /// included; default one per core) without the GIL. Returns one item
    /// per request, in order: a `Decision`, or the exception object
    /// (`RequestError`, with `.index`) for a request that failed; the others
    /// are unaffected. `messages=False` leaves the reasons' messages empty
    /// (codes only), which makes a batch faster.
    #[pyo3(signature = (requests, *, trace = false, threads = None, drop_nulls = false, lang = "en", messages = true))]
    #[allow(clippy::too_many_arguments)]
    fn evaluate_many<'py>(
        &self,
        py: Python<'py>,
        requests: &Bound<'py, PyAny>,
        trace: bool,
        threads: Option<usize>,
        drop_nulls: bool,
        lang: &str,
        messages: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let evaluate = evaluate_options(trace, lang, messages)?;
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => default_threads(),
        };
        let convert = Options { drop_nulls };
        crate::batch::evaluate_many(py, &self.book, requests, evaluate, convert, threads)
    }

    /// Ids of the rule sets, in order.
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.book
            .sets()
            .iter()
            .map(|s| s.id().to_string())
            .collect()
    }

    /// Every clinic id, of every rule set.
    #[getter]
    fn clinic_ids(&self) -> Vec<String> {
        self.book.clinic_ids().map(str::to_owned).collect()
    }

    /// Program ids of every rule set.
    #[getter]
    fn program_ids(&self) -> Vec<String> {
        self.book
            .sets()
            .iter()
            .flat_map(|s| s.programs().iter().map(|p| p.id.to_string()))
            .collect()
    }

    /// Service codes of every rule set.
    #[getter]
    fn service_codes(&self) -> Vec<String> {
        self.book
            .sets()
            .iter()
            .flat_map(|s| s.services().iter().map(|p| p.code.to_string()))
            .collect()
    }

    /// The currency of rule set `ruleset`.
    fn currency(&self, ruleset: &str) -> PyResult<String> {
        self.book
            .set(ruleset)
            .map(|s| s.currency().to_string())
            .ok_or_else(|| PyValueError::new_err(format!("no rule set `{ruleset}`")))
    }

    /// A member's usage limits (allowed, consumed, remaining) as of the
    /// query's date. `query` is a dict or JSON text: `{date, member,
    /// history, from, to}`. Raises `RequestError` for bad input.
    fn limits_report<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        services::report(py, &self.book, query, services::ReportKind::Limits)
    }

    /// A member's waiting periods with their end dates (the first covered
    /// day). Raises `RequestError` for bad input.
    fn waiting_periods_report<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        services::report(py, &self.book, query, services::ReportKind::WaitingPeriods)
    }

    /// The services a member used from `from` (default: the policy year's
    /// first day) through `to` (default: the query date). Raises
    /// `RequestError` for bad input.
    fn statement<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        services::report(py, &self.book, query, services::ReportKind::Statement)
    }

    /// The provider directory: providers of every rule set matching every
    /// filter given (text compared ignoring case and accents). An unknown
    /// program, service or provider type raises `RequestError`.
    #[pyo3(signature = (state = None, city = None, r#type = None, specialty = None, program = None, service = None))]
    #[allow(clippy::too_many_arguments)]
    fn providers(
        &self,
        py: Python<'_>,
        state: Option<String>,
        city: Option<String>,
        r#type: Option<String>,
        specialty: Option<String>,
        program: Option<String>,
        service: Option<String>,
    ) -> PyResult<Vec<services::PyProvider>> {
        let query = medcover::ProviderQuery {
            state,
            city,
            provider_type: None,
            specialty,
            program,
            service,
        };
        services::providers(py, &self.book, query, r#type)
    }

    /// Which helpdesk channel answers at `at` (a naive `datetime` or
    /// `"2026-03-10T18:01"`, local time): `human_email` or `ivr`.
    fn helpdesk_channel(
        &self,
        py: Python<'_>,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<services::PyChannelAnswer> {
        services::helpdesk_channel(py, &self.book, at)
    }

    /// Checks a helpdesk incident e-mail (dict or JSON text) before it is
    /// sent: the verdict lists every problem. Raises `RequestError` only for
    /// input that is not an incident at all (malformed JSON, a mistyped field).
    fn validate_incident(
        &self,
        py: Python<'_>,
        incident: &Bound<'_, PyAny>,
    ) -> PyResult<services::PyIncidentVerdict> {
        services::validate_incident(py, &self.book, incident)
    }

    /// Routes an inquiry topic to its representative level. An unknown
    /// topic raises `RequestError` listing the known topics.
    fn route(&self, py: Python<'_>, topic: &str) -> PyResult<services::PyRoute> {
        services::route(py, &self.book, topic)
    }

    /// Preventive check-up eligibility of a person born on `birth_date`, on
    /// `on` (each a `datetime.date` or an ISO string).
    fn checkup_eligibility(
        &self,
        py: Python<'_>,
        birth_date: &Bound<'_, PyAny>,
        on: &Bound<'_, PyAny>,
    ) -> PyResult<services::PyCheckupAnswer> {
        services::checkup_eligibility(py, &self.book, birth_date, on)
    }

    fn __len__(&self) -> usize {
        self.book.sets().len()
    }

    fn __repr__(&self) -> String {
        format!("RuleSet({:?})", self.ids())
    }
}
