//! Rule authors' test cases: request → expected decision fields, kept in a
//! `cases/` folder beside the rule files and run with `medcover test`.
//!
//! A case file is `{"cases": [{"name", <input>, "expect" | "expect_error"}]}`
//! where the input is one of: `request` (a coverage request: the answer is
//! the decision), `report` (`limits`, `waiting_periods` or `statement`) with
//! a member `query`, `helpdesk_channel` (a local date-time), `incident` (a
//! helpdesk incident e-mail), `route` (a representative topic) or `checkup`
//! (`{"birth_date", "on"}`). `expect` is a part of the answer: every field
//! given must match.
//! Objects match field by field; lists of objects match item by item (the
//! decision may have more items); lists of plain values match as sets, except
//! `reasons`, where the listed codes must all appear. Money matches by value
//! (`"550"` equals `"550.00"`). `expect_error` gives fields of the expected
//! request error (`kind`, `path`, a `message_contains` substring).

use crate::error::{LoadError, ProblemKind, RuleProblem};
use crate::rules::RuleSet;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// One case as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseDef {
    name: String,
    #[serde(default)]
    request: Option<Value>,
    #[serde(default)]
    report: Option<ReportKind>,
    #[serde(default)]
    query: Option<Value>,
    #[serde(default)]
    helpdesk_channel: Option<String>,
    #[serde(default)]
    incident: Option<Value>,
    #[serde(default)]
    route: Option<String>,
    #[serde(default)]
    checkup: Option<CheckupInput>,
    #[serde(default)]
    expect: Option<Value>,
    #[serde(default)]
    expect_error: Option<ExpectedError>,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ReportKind {
    Limits,
    WaitingPeriods,
    Statement,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckupInput {
    #[serde(with = "crate::date::iso")]
    birth_date: chrono::NaiveDate,
    #[serde(with = "crate::date::iso")]
    on: chrono::NaiveDate,
}

/// Why a case's input gave no answer: the fields `expect_error` matches.
struct Failure {
    kind: String,
    path: String,
    message: String,
}

impl From<crate::RequestError> for Failure {
    fn from(e: crate::RequestError) -> Self {
        Failure {
            kind: e.kind.as_str().to_owned(),
            path: e.path.clone(),
            message: e.to_string(),
        }
    }
}

fn failure(kind: &str, path: &str, message: impl std::fmt::Display) -> Failure {
    Failure {
        kind: kind.to_owned(),
        path: path.to_owned(),
        message: message.to_string(),
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|e| failure("internal", "", e))
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedError {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    message_contains: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default, rename = "$schema")]
    _schema: Option<String>,
    cases: Vec<CaseDef>,
}

/// The result of one case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseResult {
    /// The rule set it ran against.
    pub ruleset: String,
    /// The case file.
    pub file: PathBuf,
    /// The case name.
    pub name: String,
    /// Whether every expectation held.
    pub passed: bool,
    /// What did not match, one line each.
    pub failures: Vec<String>,
}

/// The results of every case found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CaseReport {
    /// One result per case, in file order.
    pub results: Vec<CaseResult>,
}

impl CaseReport {
    /// Cases that passed.
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.passed).count()
    }

    /// Cases that failed.
    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }
}

/// Runs the cases of every rule set under `dir` (a rule set folder, or a
/// folder of them). A rule set or case file that does not load is an error
/// listing every problem.
pub fn run_dir(dir: impl AsRef<Path>) -> Result<CaseReport, LoadError> {
    let dir = dir.as_ref();
    let folders: Vec<PathBuf> = if dir.join("ruleset.json").is_file() {
        vec![dir.to_path_buf()]
    } else {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| io_problem(dir, &e))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join("ruleset.json").is_file())
            .collect();
        found.sort();
        found
    };
    let mut report = CaseReport::default();
    let mut problems = Vec::new();
    for folder in folders {
        let cases_dir = folder.join("cases");
        if !cases_dir.is_dir() {
            continue;
        }
        let set = match RuleSet::load(&folder) {
            Ok(set) => set,
            Err(e) => {
                problems.extend(e.problems);
                continue;
            }
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&cases_dir)
            .map_err(|e| io_problem(&cases_dir, &e))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for file in files {
            match read_cases(&file) {
                Ok(cases) => {
                    for case in cases {
                        report.results.push(run_case(&set, &file, case));
                    }
                }
                Err(problem) => problems.push(*problem),
            }
        }
    }
    if problems.is_empty() {
        Ok(report)
    } else {
        Err(LoadError { problems })
    }
}

fn io_problem(path: &Path, e: &std::io::Error) -> LoadError {
    LoadError {
        problems: vec![RuleProblem {
            kind: ProblemKind::Io,
            file: path.to_path_buf(),
            line: None,
            column: None,
            path: String::new(),
            message: format!("cannot read: {e}"),
            help: None,
        }],
    }
}

fn read_cases(file: &Path) -> Result<Vec<CaseDef>, Box<RuleProblem>> {
    let problem = |kind, message: String, position: Option<(usize, usize)>| {
        Box::new(RuleProblem {
            kind,
            file: file.to_path_buf(),
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
            path: String::new(),
            message,
            help: None,
        })
    };
    let text = std::fs::read_to_string(file)
        .map_err(|e| problem(ProblemKind::Io, format!("cannot read: {e}"), None))?;
    let parsed: CaseFile = serde_json::from_str(&text).map_err(|e| {
        let kind = if e.is_syntax() || e.is_eof() {
            ProblemKind::Syntax
        } else {
            ProblemKind::Type
        };
        problem(kind, e.to_string(), Some((e.line(), e.column())))
    })?;
    Ok(parsed.cases)
}

fn run_case(set: &RuleSet, file: &Path, case: CaseDef) -> CaseResult {
    let mut failures = Vec::new();
    match (answer(set, &case), &case.expect, &case.expect_error) {
        (Ok(actual), Some(expect), None) => compare(expect, &actual, "", &mut failures),
        (Err(e), None, Some(expected)) => {
            if expected.kind.as_deref().is_some_and(|k| k != e.kind) {
                failures.push(format!(
                    "error kind: expected `{}`, got `{}`",
                    expected.kind.as_deref().unwrap_or(""),
                    e.kind
                ));
            }
            if expected.path.as_deref().is_some_and(|p| p != e.path) {
                failures.push(format!(
                    "error path: expected `{}`, got `{}`",
                    expected.path.as_deref().unwrap_or(""),
                    e.path
                ));
            }
            if let Some(part) = &expected.message_contains {
                if !e.message.contains(part.as_str()) {
                    failures.push(format!(
                        "error message `{}` does not contain `{part}`",
                        e.message
                    ));
                }
            }
        }
        (Ok(_), None, Some(_)) => failures.push("expected an error, got an answer".into()),
        (Err(e), Some(_), None) => {
            failures.push(format!("expected an answer, got the error: {}", e.message))
        }
        _ => failures.push("a case needs exactly one of `expect` and `expect_error`".into()),
    }
    CaseResult {
        ruleset: set.id().to_string(),
        file: file.to_path_buf(),
        name: case.name,
        passed: failures.is_empty(),
        failures,
    }
}

/// The answer to a case's input, as JSON.
fn answer(set: &RuleSet, case: &CaseDef) -> Result<Value, Failure> {
    let inputs = [
        case.request.is_some(),
        case.report.is_some(),
        case.helpdesk_channel.is_some(),
        case.incident.is_some(),
        case.route.is_some(),
        case.checkup.is_some(),
    ];
    if inputs.iter().filter(|given| **given).count() != 1 {
        return Err(failure(
            "invalid_case",
            "",
            "a case needs exactly one input: request, report (with query), helpdesk_channel, incident, route or checkup",
        ));
    }
    if let Some(request) = &case.request {
        let request = crate::parse_request(&request.to_string())?;
        return to_json(&set.evaluate(&request)?);
    }
    if let Some(kind) = case.report {
        let text = case
            .query
            .as_ref()
            .map(Value::to_string)
            .unwrap_or_default();
        let query = crate::reports::parse_query(&text)?;
        return match kind {
            ReportKind::Limits => to_json(&set.limits_report(&query)?),
            ReportKind::WaitingPeriods => to_json(&set.waiting_periods_report(&query)?),
            ReportKind::Statement => to_json(&set.statement(&query)?),
        };
    }
    if let Some(at) = &case.helpdesk_channel {
        let helpdesk = set
            .helpdesk()
            .ok_or_else(|| failure("not_in_rules", "", "this rule set has no helpdesk"))?;
        let moment = crate::helpdesk::parse_moment(at).ok_or_else(|| {
            failure(
                "invalid_field",
                "helpdesk_channel",
                format_args!("invalid date-time `{at}`, expected YYYY-MM-DDTHH:MM"),
            )
        })?;
        return to_json(&helpdesk.channel_at(moment));
    }
    if let Some(incident) = &case.incident {
        let helpdesk = set
            .helpdesk()
            .ok_or_else(|| failure("not_in_rules", "", "this rule set has no helpdesk"))?;
        let incident = crate::helpdesk::parse_incident(&incident.to_string())?;
        return to_json(&helpdesk.validate_incident(&incident));
    }
    let representatives = set.representatives().ok_or_else(|| {
        failure(
            "not_in_rules",
            "",
            "this rule set has no insurance representatives",
        )
    })?;
    if let Some(topic) = &case.route {
        return match representatives.route(topic) {
            Ok(route) => to_json(&route),
            Err(e) => Err(failure("unknown_reference", "route", e)),
        };
    }
    match &case.checkup {
        Some(c) => match representatives.checkup_eligibility(c.birth_date, c.on) {
            Ok(answer) => to_json(&answer),
            Err(e) => Err(failure("invalid_field", "checkup", e)),
        },
        None => Err(failure("invalid_case", "", "no input")),
    }
}

fn compare(expected: &Value, actual: &Value, path: &str, failures: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let at = format!("{path}/{key}");
                match a.get(key) {
                    Some(av) if key == "reasons" => contains_codes(ev, av, &at, failures),
                    Some(av) => compare(ev, av, &at, failures),
                    None => failures.push(format!("{at}: missing in the decision")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if e.iter().all(Value::is_object) && !e.is_empty() => {
            if a.len() < e.len() {
                failures.push(format!(
                    "{path}: expected at least {} items, got {}",
                    e.len(),
                    a.len()
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                compare(ev, av, &format!("{path}/{i}"), failures);
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            let same = e.len() == a.len() && e.iter().all(|x| a.iter().any(|y| scalar_eq(x, y)));
            if !same {
                failures.push(format!("{path}: expected {expected}, got {actual}"));
            }
        }
        _ => {
            if !scalar_eq(expected, actual) {
                failures.push(format!("{path}: expected {expected}, got {actual}"));
            }
        }
    }
}

/// Every code listed in `expected` appears among the decision's reasons.
fn contains_codes(expected: &Value, actual: &Value, path: &str, failures: &mut Vec<String>) {
    let codes: Vec<&str> = actual
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|r| r.get("code").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    let Some(wanted) = expected.as_array() else {
        failures.push(format!("{path}: expected a list of reason codes"));
        return;
    };
    for w in wanted {
        let code = w
            .as_str()
            .or_else(|| w.get("code").and_then(Value::as_str))
            .unwrap_or_default();
        if !codes.contains(&code) {
            failures.push(format!("{path}: expected reason `{code}`, got {codes:?}"));
        }
    }
}

fn scalar_eq(expected: &Value, actual: &Value) -> bool {
    if expected == actual {
        return true;
    }
    match (expected.as_str(), actual.as_str()) {
        (Some(e), Some(a)) => match (Decimal::from_str(e), Decimal::from_str(a)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        },
        _ => false,
    }
}
