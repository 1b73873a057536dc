//! `medcover report limits|waiting-periods|statement --rules DIR FILE`: the
//! beneficiary portal reports for the member in FILE (a member query:
//! `{"date", "member", "history", "from", "to"}`).

use crate::output::{emit, load_rules, pretty, Format};
use medcover::reports::parse_query;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Which report.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Kind {
    /// Usage limits: allowed, consumed, remaining.
    Limits,
    /// Waiting periods and their end dates.
    WaitingPeriods,
    /// Services used in a period.
    Statement,
}

/// Arguments of `report`.
#[derive(clap::Args)]
pub struct Args {
    /// Which report.
    #[arg(value_enum)]
    kind: Kind,
    /// The rules.
    #[arg(long)]
    rules: PathBuf,
    /// The member query (JSON); `-` for stdin.
    file: PathBuf,
}

pub fn run(args: Args, format: Format) -> Result<ExitCode, String> {
    let book = load_rules(&args.rules)?;
    let text = if args.file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).map_err(|e| format!("cannot read stdin: {e}"))?
    } else {
        std::fs::read_to_string(&args.file)
            .map_err(|e| format!("cannot read `{}`: {e}", args.file.display()))?
    };
    let result = parse_query(&text).and_then(|query| {
        let set = book.set_for_query(&query)?;
        Ok(match args.kind {
            Kind::Limits => {
                let r = set.limits_report(&query)?;
                let mut t = header(&r.header);
                for l in &r.limits {
                    let unit = format!("{:?}", l.unit).to_lowercase();
                    let _ = writeln!(
                        t,
                        "{:<24} {unit:<6}  allowed {:>10}  consumed {:>10}  remaining {:>10}",
                        l.id, l.allowed, l.consumed, l.remaining
                    );
                }
                (serde_json::to_value(&r), t)
            }
            Kind::WaitingPeriods => {
                let r = set.waiting_periods_report(&query)?;
                let mut t = header(&r.header);
                let _ = writeln!(t, "enrolled {}", r.enrolled);
                for w in &r.waiting_periods {
                    let state = if w.ended { "ended" } else { "running" };
                    let _ = writeln!(
                        t,
                        "{:<48} {:>10}  covered from {}  ({state})",
                        w.name, w.length, w.ends
                    );
                }
                (serde_json::to_value(&r), t)
            }
            Kind::Statement => {
                let r = set.statement(&query)?;
                let mut t = header(&r.header);
                let _ = writeln!(t, "from {} to {}", r.from, r.to);
                for l in &r.lines {
                    let _ = writeln!(
                        t,
                        "{}  {:<16} {:>3}  {:>12}  {}",
                        l.date,
                        l.service,
                        l.quantity,
                        l.amount,
                        l.authorization.as_deref().unwrap_or("-")
                    );
                }
                let _ = writeln!(t, "total {} {}", r.total, r.header.currency);
                (serde_json::to_value(&r), t)
            }
        })
    });
    match result {
        Ok((json, text)) => {
            match format {
                Format::Json | Format::Fhir => emit(&pretty(&json.map_err(|e| e.to_string())?)),
                Format::Text => crate::output::emit_raw(&text),
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

fn header(h: &medcover::reports::ReportHeader) -> String {
    format!(
        "member {} policy {} program {} as of {} ({})\n",
        h.member, h.policy, h.program, h.date, h.ruleset
    )
}
