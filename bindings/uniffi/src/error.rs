//! The one error type of the bindings. In Kotlin it is the sealed class
//! `MedcoverException` (`MedcoverException.Request`, `…Rules`), in Swift the
//! enum `MedcoverError`, in Python `MedcoverError.Request` etc.
//!
//! A field of an error is never called `message`: Kotlin exceptions already
//! have one (uniffi builds it from the fields), so the text is `detail`.
//! A national id is never part of an error: the engine does not quote it,
//! and the bindings do not parse it.

/// Everything that can go wrong in a call into medcover.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum MedcoverError {
    /// The rule files have problems; all of them are listed.
    #[error("{} problem(s) in the rule files{}", problems.len(), first_problem(problems))]
    Rules {
        /// Every problem found, in file order.
        problems: Vec<RuleProblem>,
    },
    /// The request cannot be evaluated: a field is missing, mistyped or
    /// impossible, or refers to something the rule set does not know.
    #[error("{}{detail}", if path.is_empty() { String::new() } else { format!("`{path}`: ") })]
    Request {
        /// What kind of problem.
        kind: RequestErrorKind,
        /// Field path in the request (`member.policy.start`,
        /// `services[1].code`); empty for the request as a whole.
        path: String,
        /// What is wrong, with the value in backticks.
        detail: String,
        /// How to fix it, if known (`did you mean `OPH-OCT`?`).
        help: Option<String>,
        /// 1-based line in the JSON text, for JSON input only.
        line: Option<u32>,
        /// 1-based column in the JSON text, for JSON input only.
        column: Option<u32>,
        /// Every value the field may take, when it names something unknown
        /// and the list is short (the topics of `route`, the program ids of
        /// a query); empty otherwise.
        known: Vec<String>,
    },
    /// A bug in medcover, not in the input. Please report it.
    #[error("internal error: {detail}")]
    Internal {
        /// What went wrong.
        detail: String,
    },
}

fn first_problem(problems: &[RuleProblem]) -> String {
    problems
        .first()
        .map(|p| format!(": {}: {}", p.file, p.message))
        .unwrap_or_default()
}

impl MedcoverError {
    /// A field with an invalid value (`kind` = `InvalidField`).
    pub(crate) fn invalid_field(path: impl Into<String>, detail: impl Into<String>) -> Self {
        MedcoverError::Request {
            kind: RequestErrorKind::InvalidField,
            path: path.into(),
            detail: detail.into(),
            help: None,
            line: None,
            column: None,
            known: Vec::new(),
        }
    }

    /// A reference to something the rules do not know (`kind` =
    /// `UnknownReference`), with the known values.
    pub(crate) fn unknown_reference(
        path: impl Into<String>,
        detail: impl Into<String>,
        help: Option<String>,
        known: Vec<String>,
    ) -> Self {
        MedcoverError::Request {
            kind: RequestErrorKind::UnknownReference,
            path: path.into(),
            detail: detail.into(),
            help,
            line: None,
            column: None,
            known,
        }
    }

    /// A question the loaded rules have no section for (`kind` =
    /// `NotInRules`): no helpdesk, no representatives.
    pub(crate) fn not_in_rules(detail: impl Into<String>) -> Self {
        MedcoverError::Request {
            kind: RequestErrorKind::NotInRules,
            path: String::new(),
            detail: detail.into(),
            help: None,
            line: None,
            column: None,
            known: Vec::new(),
        }
    }
}

/// Kinds of request problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum RequestErrorKind {
    /// Not valid JSON (the JSON entry points only).
    Malformed,
    /// A field is missing, mistyped, unknown, or has an impossible value.
    InvalidField,
    /// A service, clinic or program that the rule set does not know.
    UnknownReference,
    /// A national id that fails its checks (the number is never echoed).
    InvalidNationalId,
    /// Over a size limit (services, history entries, bytes).
    TooLarge,
    /// The loaded rules cannot answer this kind of question: no rule set
    /// has a `helpdesk` (or `representatives`, or check-up) section.
    NotInRules,
}

/// One problem in a rule file.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct RuleProblem {
    /// What kind of problem.
    pub kind: ProblemKind,
    /// The file.
    pub file: String,
    /// 1-based line of the offending value, when known.
    pub line: Option<u32>,
    /// 1-based column of the offending value, when known.
    pub column: Option<u32>,
    /// JSON pointer of the offending value (`/programs/2/limits/0/count`).
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, if known.
    pub help: Option<String>,
}

/// Kinds of rule-file problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
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
    /// A value is out of its range.
    InvalidValue,
    /// Two versions of the same value are in force on the same day.
    OverlappingValidity,
}

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<medcover::ProblemKind> for ProblemKind {
    fn from(k: medcover::ProblemKind) -> Self {
        use medcover::ProblemKind as K;
        match k {
            K::Io => Self::Io,
            K::Syntax => Self::Syntax,
            K::Type => Self::Type,
            K::UnknownReference => Self::UnknownReference,
            K::Duplicate => Self::Duplicate,
            K::InvalidValue => Self::InvalidValue,
            K::OverlappingValidity => Self::OverlappingValidity,
        }
    }
}

impl From<medcover::RuleProblem> for RuleProblem {
    fn from(p: medcover::RuleProblem) -> Self {
        RuleProblem {
            kind: p.kind.into(),
            file: p.file.display().to_string(),
            line: p.line.map(small),
            column: p.column.map(small),
            path: p.path,
            message: p.message,
            help: p.help,
        }
    }
}

impl From<medcover::LoadError> for MedcoverError {
    fn from(e: medcover::LoadError) -> Self {
        MedcoverError::Rules {
            problems: e.problems.into_iter().map(RuleProblem::from).collect(),
        }
    }
}

impl From<medcover::RequestErrorKind> for RequestErrorKind {
    fn from(k: medcover::RequestErrorKind) -> Self {
        use medcover::RequestErrorKind as K;
        match k {
            K::Malformed => Self::Malformed,
            K::InvalidField => Self::InvalidField,
            K::UnknownReference => Self::UnknownReference,
            K::InvalidNationalId => Self::InvalidNationalId,
            K::TooLarge => Self::TooLarge,
        }
    }
}

impl From<medcover::RequestError> for MedcoverError {
    fn from(e: medcover::RequestError) -> Self {
        MedcoverError::Request {
            kind: e.kind.into(),
            path: e.path,
            detail: e.message,
            help: e.help,
            line: e.position.map(|(line, _)| small(line)),
            column: e.position.map(|(_, column)| small(column)),
            known: Vec::new(),
        }
    }
}
