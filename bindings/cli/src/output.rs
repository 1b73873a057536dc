//! Output formats and small printing helpers.

use clap::ValueEnum;
use serde::Serialize;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// JSON (one document, or JSON lines for JSON-lines input).
    Json,
    /// Readable text.
    Text,
    /// `evaluate` only: a FHIR R5 CoverageEligibilityResponse per decision.
    Fhir,
}

/// Prints `text` and a newline on stdout. A closed pipe (`medcover … | head`)
/// ends the output quietly instead of panicking.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// Like [`emit`], without the newline.
pub fn emit_raw(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "{text}");
}

/// Compact JSON of a serializable value.
pub fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|e| format!("{{\"error\":\"cannot serialize: {e}\"}}"))
}

/// Pretty JSON of a serializable value.
pub fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value)
        .unwrap_or_else(|e| format!("{{\"error\":\"cannot serialize: {e}\"}}"))
}

/// A request error as JSON.
pub fn request_error(e: &medcover::RequestError) -> serde_json::Value {
    serde_json::json!({
        "kind": e.kind.as_str(),
        "path": e.path,
        "message": e.message,
        "help": e.help,
        "position": e.position.map(|(line, column)| serde_json::json!({"line": line, "column": column})),
        "display": e.to_string(),
    })
}

/// A rule problem as JSON.
pub fn rule_problem(p: &medcover::RuleProblem) -> serde_json::Value {
    serde_json::json!({
        "kind": p.kind.as_str(),
        "file": p.file.display().to_string(),
        "line": p.line,
        "column": p.column,
        "path": p.path,
        "message": p.message,
        "help": p.help,
    })
}

/// Loads the rule book at `dir`, or prints every problem to stderr.
pub fn load_rules(dir: &std::path::Path) -> Result<medcover::RuleBook, String> {
    medcover::RuleBook::load(dir).map_err(|e| e.to_string())
}

/// Prints one answer: compact JSON, or `text(value)` with `--format text`.
pub fn answer<T: Serialize>(value: &T, format: Format, text: impl FnOnce(&T) -> String) {
    match format {
        Format::Json | Format::Fhir => emit(&json(value)),
        Format::Text => emit(&text(value)),
    }
}

/// Reads a file, or stdin for `-`.
pub fn read_input(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read `{file}`: {e}"))
    }
}
