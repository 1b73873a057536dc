//! `medcover route` and `medcover checkup`: insurance representatives of the
//! rule set that has a `representatives` section.

use crate::output::{answer, load_rules, Format};
use clap::Args;
use medcover::representatives::{CheckupAnswer, Representatives, Route};
use medcover::RuleBook;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `medcover route --rules DIR --topic TOPIC`
#[derive(Debug, Args)]
pub struct RouteArgs {
    /// A folder of rule sets, or one rule set folder.
    #[arg(long)]
    pub rules: PathBuf,
    /// The inquiry topic (`dispute`, `choose_doctor`, …).
    #[arg(long)]
    pub topic: String,
}

/// `medcover checkup --rules DIR --birth-date D --on D`
#[derive(Debug, Args)]
pub struct CheckupArgs {
    /// A folder of rule sets, or one rule set folder.
    #[arg(long)]
    pub rules: PathBuf,
    /// The person's birth date, `1986-05-10`.
    #[arg(long)]
    pub birth_date: String,
    /// The date asked about, `2026-05-10` (its calendar year counts).
    #[arg(long)]
    pub on: String,
}

/// Routes a topic.
pub fn run(args: RouteArgs, format: Format) -> Result<ExitCode, String> {
    let book = load_rules(&args.rules)?;
    let route = representatives_of(&book, &args.rules)?
        .route(&args.topic)
        .map_err(|e| e.to_string())?;
    answer(&route, format, route_text);
    Ok(ExitCode::SUCCESS)
}

/// Answers a check-up eligibility question.
pub fn run_checkup(args: CheckupArgs, format: Format) -> Result<ExitCode, String> {
    let date = |name: &str, text: &str| {
        medcover::date::parse(text).ok_or_else(|| {
            format!("invalid {name} `{text}`, expected an existing calendar date as YYYY-MM-DD")
        })
    };
    let birth = date("birth date", &args.birth_date)?;
    let on = date("date", &args.on)?;
    let book = load_rules(&args.rules)?;
    let eligibility = representatives_of(&book, &args.rules)?
        .checkup_eligibility(birth, on)
        .map_err(|e| e.to_string())?;
    answer(&eligibility, format, checkup_text);
    Ok(ExitCode::SUCCESS)
}

fn representatives_of<'b>(book: &'b RuleBook, dir: &Path) -> Result<&'b Representatives, String> {
    book.sets()
        .iter()
        .find_map(|s| s.representatives())
        .ok_or_else(|| {
            format!(
                "no rule set under `{}` has a `representatives` section",
                dir.display()
            )
        })
}

fn route_text(r: &Route) -> String {
    let via = if r.escalated {
        format!(", escalated by level {}", r.entry_level)
    } else {
        String::new()
    };
    let channels: Vec<&str> = r.channels.iter().map(|c| c.name.as_str()).collect();
    format!(
        "{} ({}) → level {}: {}{via}\nchannels: {}",
        r.topic,
        r.topic_name,
        r.level,
        r.level_name,
        channels.join("; ")
    )
}

fn checkup_text(a: &CheckupAnswer) -> String {
    let verdict = if a.eligible {
        "eligible"
    } else {
        "not eligible"
    };
    let next = a
        .next_eligible_from
        .map(|d| format!("; next from {d}"))
        .unwrap_or_default();
    format!("{}: {verdict} ({}){next}", a.checkup, a.reason)
}
