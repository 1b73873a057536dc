//! The commands, one module each; `main.rs` registers them.

pub mod helpdesk;
pub mod providers;
pub mod route;

use medcover::RuleBook;
use serde::Serialize;
use std::path::Path;

/// How answers are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// JSON on one line per answer.
    #[default]
    Json,
    /// Words for people.
    Text,
}

/// What a command prints on stdout, and whether the answer is a success
/// (`false`: a refusal, exit code 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The text for stdout.
    pub stdout: String,
    /// False when the answer is a refusal.
    pub success: bool,
}

impl Output {
    /// Prints `value` as JSON, or as `text(value)` with `--format text`.
    pub fn render<T: Serialize>(value: &T, format: Format, success: bool, text: impl FnOnce(&T) -> String) -> Result<Output, String> {
        let stdout = match format {
            Format::Json => serde_json::to_string(value).map_err(|e| format!("cannot print the answer: {e}"))?,
            Format::Text => text(value),
        };
        Ok(Output { stdout, success })
    }
}

/// Loads every rule set under `dir` (or the one rule set `dir` is).
pub fn load_rules(dir: &Path) -> Result<RuleBook, String> {
    RuleBook::load(dir).map_err(|e| e.to_string())
}

/// Reads a file, or stdin for `-`.
pub fn read_input(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| format!("cannot read stdin: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read `{file}`: {e}"))
    }
}
