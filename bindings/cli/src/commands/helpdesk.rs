//! `medcover helpdesk channel|validate`: the helpdesk schedule and incident
//! intake of the rule set that has a `helpdesk` section.

use crate::output::{answer, load_rules, read_input, Format};
use clap::{Args, Subcommand};
use medcover::helpdesk::{
    parse_incident, parse_moment, Channel, ChannelAnswer, DayKind, Helpdesk, IncidentVerdict,
};
use medcover::RuleBook;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `medcover helpdesk …`
#[derive(Debug, Args)]
pub struct HelpdeskArgs {
    #[command(subcommand)]
    /// The helpdesk command.
    pub command: HelpdeskCommand,
}

/// The helpdesk commands.
#[derive(Debug, Subcommand)]
pub enum HelpdeskCommand {
    /// Which channel answers at a moment: `human_email` or `ivr`.
    Channel {
        /// A folder of rule sets, or one rule set folder.
        #[arg(long)]
        rules: PathBuf,
        /// Local time, `2026-03-10T18:01`.
        #[arg(long)]
        at: String,
    },
    /// Checks an incident e-mail (JSON) before it is sent; exit code 1 when
    /// it may not be sent.
    Validate {
        /// A folder of rule sets, or one rule set folder.
        #[arg(long)]
        rules: PathBuf,
        /// The incident JSON file, or `-` for stdin.
        file: String,
    },
}

/// Runs a helpdesk command. `validate` exits with 1 when the incident may
/// not be sent (the verdict is still printed).
pub fn run(args: HelpdeskArgs, format: Format) -> Result<ExitCode, String> {
    match args.command {
        HelpdeskCommand::Channel { rules, at } => {
            let moment = parse_moment(&at).ok_or_else(|| {
                format!("invalid moment `{at}`, expected local time as YYYY-MM-DDTHH:MM")
            })?;
            let book = load_rules(&rules)?;
            let channel = helpdesk_of(&book, &rules)?.channel_at(moment);
            answer(&channel, format, channel_text);
            Ok(ExitCode::SUCCESS)
        }
        HelpdeskCommand::Validate { rules, file } => {
            let text = read_input(&file)?;
            let incident = parse_incident(&text).map_err(|e| format!("`{file}`: {e}"))?;
            let book = load_rules(&rules)?;
            let verdict = helpdesk_of(&book, &rules)?.validate_incident(&incident);
            answer(&verdict, format, verdict_text);
            Ok(if verdict.accepted {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// The helpdesk of the first rule set that has one.
fn helpdesk_of<'b>(book: &'b RuleBook, dir: &Path) -> Result<&'b Helpdesk, String> {
    book.sets()
        .iter()
        .find_map(|s| s.helpdesk())
        .ok_or_else(|| {
            format!(
                "no rule set under `{}` has a `helpdesk` section",
                dir.display()
            )
        })
}

fn channel_text(a: &ChannelAnswer) -> String {
    let day = match (&a.day_kind, &a.holiday) {
        (DayKind::PublicHoliday, Some(h)) => {
            format!("public holiday: {}", h.name.as_deref().unwrap_or("unnamed"))
        }
        (kind, _) => kind.as_str().replace('_', " "),
    };
    let at = a.at.format("%Y-%m-%d %H:%M");
    match (a.channel, &a.window) {
        (Channel::HumanEmail, Some(w)) => format!(
            "{at} ({day}): human operator by e-mail, {}–{}",
            w.from, w.to
        ),
        (Channel::HumanEmail, None) => format!("{at} ({day}): human operator by e-mail"),
        (Channel::Ivr, _) => {
            let next = a
                .next_human_email
                .map(|n| format!("; human e-mail again from {}", n.format("%Y-%m-%d %H:%M")));
            format!(
                "{at} ({day}): phone IVR, which records calls{}",
                next.unwrap_or_default()
            )
        }
    }
}

fn verdict_text(v: &IncidentVerdict) -> String {
    let target = match (&v.system, &v.to) {
        (Some(system), Some(to)) => format!("{system} → {to}"),
        _ => "unknown system".to_owned(),
    };
    let phone = v
        .phone
        .as_ref()
        .map(|p| format!(" (phone {p})"))
        .unwrap_or_default();
    if v.accepted {
        return format!("accepted: {target}{phone}");
    }
    let mut out = format!("rejected: {target}");
    for p in &v.problems {
        out.push_str(&format!(
            "\n  {} {}: {}",
            p.code.as_str(),
            p.field,
            p.message
        ));
        if let Some(help) = &p.help {
            out.push_str(&format!(" (help: {help})"));
        }
    }
    out
}
