//! The `medcover` command-line tool.
//!
//! Every command prints JSON on stdout (`--format text` for people) and
//! errors on stderr. Exit codes: 0 done; 1 the answer is a refusal (an
//! incident that may not be sent); 2 an error (bad input, rule problems,
//! unknown ids) or a usage error.

mod commands;

use clap::{Parser, Subcommand};
use commands::Format;
use std::io::Write;
use std::process::ExitCode;

/// A rules engine for health-insurance coverage.
#[derive(Debug, Parser)]
#[command(name = "medcover", version, about)]
struct Cli {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json, global = true)]
    format: Format,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Helpdesk schedule and incident intake.
    Helpdesk(commands::helpdesk::HelpdeskArgs),
    /// Which level of insurance representatives handles an inquiry topic.
    Route(commands::route::RouteArgs),
    /// Whether a person may have the preventive check-up in a year.
    Checkup(commands::route::CheckupArgs),
    /// The provider directory.
    Providers(commands::providers::ProvidersArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Helpdesk(args) => commands::helpdesk::run(args, cli.format),
        Command::Route(args) => commands::route::run(args, cli.format),
        Command::Checkup(args) => commands::route::run_checkup(args, cli.format),
        Command::Providers(args) => commands::providers::run(args, cli.format),
    };
    match result {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            let written = writeln!(stdout, "{}", output.stdout.trim_end()).and_then(|()| stdout.flush());
            match written {
                Err(_) => ExitCode::from(2),
                Ok(()) if output.success => ExitCode::SUCCESS,
                Ok(()) => ExitCode::from(1),
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
