//! `medcover evaluate --rules DIR [FILE|-]`: one request object in, one
//! decision out; JSON lines in, JSON lines out (decided on every core, written
//! in input order). A bad line is reported with its line number and the other
//! lines still evaluate. `--format fhir`
//! prints each decision as a FHIR R5 CoverageEligibilityResponse instead.

use crate::output::{json, load_rules, pretty, request_error, Format};
use medcover::fhir::{FhirOptions, ResourceJson};
use medcover::{EvaluateOptions, RuleBook};
use rayon::prelude::*;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `evaluate`.
#[derive(clap::Args)]
pub struct Args {
    /// The rules: a rule set folder or a folder of rule set folders.
    #[arg(long)]
    rules: PathBuf,
    /// The request file (a JSON object, or JSON lines); `-` or nothing for stdin.
    file: Option<PathBuf>,
    /// Include each pipeline step with the rule and value it used.
    #[arg(long)]
    trace: bool,
    /// Language of the reasons' messages: en, ro, ru or pt.
    #[arg(long, default_value = "en")]
    lang: medcover::messages::Lang,
    /// With `--format fhir`: the resource's `created` (a date, or a date and
    /// time with an offset); default the service date.
    #[arg(long)]
    created: Option<String>,
}

pub fn run(args: Args, format: Format) -> Result<ExitCode, String> {
    let book = load_rules(&args.rules)?;
    let text = read_input(args.file.as_ref())?;
    let options = EvaluateOptions {
        trace: args.trace,
        lang: args.lang,
        ..EvaluateOptions::default()
    };
    let fhir = match &args.created {
        Some(created) => FhirOptions::default()
            .with_created(created)
            .map_err(|e| format!("--created: {e}"))?,
        None => FhirOptions::default(),
    };
    if is_single_document(&text) {
        return Ok(match evaluate(&book, &text, options) {
            Ok((decision, request)) => {
                let shown = show(&decision, &request, format, &fhir, Layout::Pretty);
                crate::output::emit_raw(&shown);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        });
    }
    // JSON lines: decided on every core, in blocks, and written in order.
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| (n + 1, line))
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    for block in lines.chunks(BLOCK) {
        let answers: Vec<Answer> = block
            .par_iter()
            .map(|&(number, line)| answer(&book, number, line, options, format, &fhir))
            .collect();
        for a in answers {
            if let Some(error) = &a.error {
                failed += 1;
                eprintln!("{error}");
            }
            if let Some(text) = &a.output {
                // A closed pipe (`| head`) ends the run quietly.
                if out.write_all(text.as_bytes()).is_err() {
                    return Ok(ExitCode::SUCCESS);
                }
            }
        }
    }
    let _ = out.flush();
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Lines decided together before their answers are written.
const BLOCK: usize = 4096;

/// What one JSON line gives: the text for stdout, and an error for stderr.
struct Answer {
    output: Option<String>,
    error: Option<String>,
}

fn answer(
    book: &RuleBook,
    number: usize,
    line: &str,
    options: EvaluateOptions,
    format: Format,
    fhir: &FhirOptions,
) -> Answer {
    match evaluate(book, line, options) {
        Ok((decision, request)) => Answer {
            output: Some(show(&decision, &request, format, fhir, Layout::Line)),
            error: None,
        },
        Err(e) => Answer {
            output: (format != Format::Text).then(|| {
                json(&serde_json::json!({"line": number, "error": request_error(&e)})) + "\n"
            }),
            error: Some(format!("line {number}: error: {e}")),
        },
    }
}

/// JSON pretty-printed (one document) or on one line (JSON lines).
#[derive(Clone, Copy)]
enum Layout {
    Pretty,
    Line,
}

/// A decision as `format` shows it, ending with a newline.
fn show(
    decision: &medcover::Decision,
    request: &medcover::Request,
    format: Format,
    fhir: &FhirOptions,
    layout: Layout,
) -> String {
    match format {
        Format::Json => serialized(decision, layout),
        Format::Fhir => serialized(&ResourceJson(&decision.to_fhir(request, fhir)), layout),
        Format::Text => crate::commands::text::decision(decision),
    }
}

fn serialized<T: serde::Serialize>(value: &T, layout: Layout) -> String {
    match layout {
        Layout::Pretty => pretty(value) + "\n",
        Layout::Line => json(value) + "\n",
    }
}

fn evaluate(
    book: &RuleBook,
    text: &str,
    options: EvaluateOptions,
) -> Result<(medcover::Decision, medcover::Request), medcover::RequestError> {
    let request = medcover::parse_request(text)?;
    let decision = book.evaluate_with(&request, options)?;
    Ok((decision, request))
}

fn read_input(file: Option<&PathBuf>) -> Result<String, String> {
    match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display())),
        _ => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(text)
        }
    }
}

/// One JSON document (possibly pretty-printed over many lines) rather than
/// JSON lines: a single non-empty line, or a text that parses as one value,
/// or one whose first line is not a complete JSON value by itself.
fn is_single_document(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let Some(first) = lines.next() else {
        return true;
    };
    if lines.next().is_none() {
        return true;
    }
    if serde_json::from_str::<serde_json::Value>(text).is_ok() {
        return true;
    }
    serde_json::from_str::<serde_json::Value>(first).is_err()
}
