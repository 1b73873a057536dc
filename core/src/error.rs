//! Errors: problems in rule files, and bad requests.
//!
//! Messages are lowercase, quote the user's input in backticks and, where a
//! close id exists, suggest it. A national id is never quoted.

use std::fmt;
use std::path::PathBuf;

/// Every problem found while loading rule files. Loading never stops at the
/// first problem: all of them are collected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", render_problems(.problems))]
pub struct LoadError {
    /// The problems, in file order.
    pub problems: Vec<RuleProblem>,
}

fn render_problems(problems: &[RuleProblem]) -> String {
    let mut out = format!("{} problem(s) in the rule files", problems.len());
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    out
}

/// One problem in a rule file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleProblem {
    /// What kind of problem.
    pub kind: ProblemKind,
    /// The file.
    pub file: PathBuf,
    /// 1-based line of the offending value, when known.
    pub line: Option<usize>,
    /// 1-based column of the offending value, when known.
    pub column: Option<usize>,
    /// JSON pointer of the offending value (`/programs/2/limits/0/count`).
    pub path: String,
    /// What is wrong, lowercase, with the value in backticks.
    pub message: String,
    /// How to fix it, if we know ("did you mean `OPH-OCT`?").
    pub help: Option<String>,
}

impl fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        if !self.path.is_empty() {
            write!(f, " at `{}`", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// Kinds of rule-file problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The file or folder cannot be read.
    Io,
    /// The file is not valid JSON.
    Syntax,
    /// A value has the wrong type or shape, or a field is missing or unknown.
    Type,
    /// An id refers to nothing in the rule set.
    UnknownReference,
    /// Two items share an id.
    Duplicate,
    /// A value is out of its range (a negative price, a percent over 100…).
    InvalidValue,
    /// Two versions of the same value are in force on the same day.
    OverlappingValidity,
}

impl ProblemKind {
    /// A stable snake_case name, for machine-readable output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Io => "io",
            Self::Syntax => "syntax",
            Self::Type => "type",
            Self::UnknownReference => "unknown_reference",
            Self::Duplicate => "duplicate",
            Self::InvalidValue => "invalid_value",
            Self::OverlappingValidity => "overlapping_validity",
        }
    }
}

/// A request that cannot be evaluated. Names the field path and the value
/// (never a national id).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", render_request_error(self))]
pub struct RequestError {
    /// What kind of problem.
    pub kind: RequestErrorKind,
    /// Field path in the request (`member.policy.start`, `services[1].code`);
    /// empty for the request as a whole.
    pub path: String,
    /// What is wrong, lowercase, with the value in backticks.
    pub message: String,
    /// How to fix it, if we know.
    pub help: Option<String>,
    /// 1-based line and column in the JSON text, for syntax errors.
    pub position: Option<(usize, usize)>,
}

fn render_request_error(e: &RequestError) -> String {
    let mut out = String::new();
    if !e.path.is_empty() {
        out.push_str(&format!("`{}`: ", e.path));
    }
    out.push_str(&e.message);
    if let Some((line, column)) = e.position {
        out.push_str(&format!(" at line {line} column {column}"));
    }
    if let Some(help) = &e.help {
        out.push_str(&format!(" (help: {help})"));
    }
    out
}

/// Kinds of request problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequestErrorKind {
    /// Not valid JSON.
    Malformed,
    /// A field is missing, mistyped, unknown, or has an impossible value.
    InvalidField,
    /// A service, clinic or program that the rule set does not know.
    UnknownReference,
    /// A national id that fails its checks (the number is never echoed).
    InvalidNationalId,
    /// Over a size limit (request bytes, services, history entries, nesting).
    TooLarge,
}

impl RequestErrorKind {
    /// A stable snake_case name, for machine-readable output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::InvalidField => "invalid_field",
            Self::UnknownReference => "unknown_reference",
            Self::InvalidNationalId => "invalid_national_id",
            Self::TooLarge => "too_large",
        }
    }
}

impl RequestError {
    pub(crate) fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        RequestError {
            kind: RequestErrorKind::InvalidField,
            path: path.into(),
            message: redact_ids(&message.into()),
            help: None,
            position: None,
        }
    }

    pub(crate) fn unknown<'a>(
        path: impl Into<String>,
        what: &str,
        value: &str,
        known: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        RequestError {
            kind: RequestErrorKind::UnknownReference,
            path: path.into(),
            message: redact_ids(&format!("unknown {what} `{value}`")),
            help: crate::suggest::did_you_mean(value, known),
            position: None,
        }
    }
}

/// Parses JSON text strictly into `T`; a refused text is a [`RequestError`]
/// naming the field path and the value (never a national id), with the line
/// and column. Shared by requests, member queries and incidents.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    text: &str,
    what: &str,
) -> Result<T, RequestError> {
    // The fast path: most texts are well formed. Only a refused one is parsed
    // again, tracking the field path for its error.
    if let Ok(value) = serde_json::from_str::<T>(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let inner = e.into_inner();
        let position = Some((inner.line(), inner.column()));
        let message = inner.to_string();
        let message = message
            .find(" at line ")
            .and_then(|i| message.get(..i))
            .unwrap_or(&message)
            .to_owned();
        // A text cut short is malformed, and so is a syntax error where no
        // field is known yet (the path is `?`, after a comma); another
        // syntax-class error inside a field (`"booked_via": null` for an enum
        // is one to serde_json) still names the field.
        let known_field = path
            .split('.')
            .any(|segment| !segment.is_empty() && segment != "?");
        if inner.is_eof() || (inner.is_syntax() && !known_field) {
            return RequestError {
                kind: RequestErrorKind::Malformed,
                path: String::new(),
                message: format!("malformed JSON: {}", redact_ids(&message)),
                help: None,
                position,
            };
        }
        // serde quotes a mistyped value; a national id must never be echoed.
        let message = if path.ends_with("national_id") {
            "expected a string".to_owned()
        } else {
            redact_ids(&message)
        };
        RequestError {
            kind: RequestErrorKind::InvalidField,
            path,
            message,
            help: None,
            position,
        }
    })?;
    de.end().map_err(|e| RequestError {
        kind: RequestErrorKind::Malformed,
        path: String::new(),
        message: format!("trailing characters after the {what} object"),
        help: None,
        position: Some((e.line(), e.column())),
    })?;
    Ok(value)
}

/// `text` with every run of 9 or more digits (single `-` or space between
/// digits allowed, as in `112-233-445 95`) replaced by `<redacted>`: a value
/// echoed in an error may be a national id typed into the wrong field, and a
/// national id never appears in an error.
pub fn redact_ids(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if !c.is_ascii_digit() {
            out.push(c);
            i += 1;
            continue;
        }
        // The run: digits, with single separators between digits.
        let (mut end, mut digits) = (i, 0);
        while let Some(&d) = chars.get(end) {
            if d.is_ascii_digit() {
                digits += 1;
                end += 1;
            } else if matches!(d, '-' | ' ')
                && chars.get(end + 1).is_some_and(char::is_ascii_digit)
                && end > i
            {
                end += 1;
            } else {
                break;
            }
        }
        if digits >= 9 {
            out.push_str(crate::REDACTED);
        } else {
            out.extend(chars.get(i..end).unwrap_or_default());
        }
        i = end.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::redact_ids;

    #[test]
    fn long_digit_runs_are_redacted() {
        assert_eq!(
            redact_ids("unknown variant `2850312400014`"),
            "unknown variant `<redacted>`"
        );
        assert_eq!(
            redact_ids("snils 112-233-445 95 here"),
            "snils <redacted> here"
        );
        assert_eq!(
            redact_ids("date `2026-02-30` and 12.50 and 12345678"),
            "date `2026-02-30` and 12.50 and 12345678"
        );
    }
}
