//! `medcover`: the command-line tool. Every command prints JSON on stdout
//! (`--format text` for people); errors go to stderr with a non-zero exit.

mod commands;
mod output;

use clap::{Parser, Subcommand};
use output::Format;
use std::process::ExitCode;

/// Health-insurance coverage decisions from declarative rule files.
#[derive(Parser)]
#[command(name = "medcover", version, about)]
struct Cli {
    /// Output format.
    #[arg(long, value_enum, global = true, default_value_t = Format::Json)]
    format: Format,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load and validate every rule file under DIR; list all problems.
    Check(commands::check::Args),
    /// Decide one request object, or JSON lines of requests.
    Evaluate(commands::evaluate::Args),
    /// Run the rule authors' cases that live beside the rules.
    Test(commands::test::Args),
    /// Beneficiary reports: usage limits, waiting periods, statement.
    Report(commands::report::Args),
    /// Print the JSON Schema of rule files, case files or requests.
    Schema(commands::schema::Args),
    /// The provider directory, filtered by state, city, type, specialty, program, service.
    Providers(commands::providers::ProvidersArgs),
    /// Helpdesk schedule (`channel`) and incident intake (`validate`).
    Helpdesk(commands::helpdesk::HelpdeskArgs),
    /// Which level of insurance representatives handles an inquiry topic.
    Route(commands::route::RouteArgs),
    /// Whether a person may have the preventive check-up in a year.
    Checkup(commands::route::CheckupArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.format == Format::Fhir && !matches!(cli.command, Command::Evaluate(_)) {
        eprintln!("error: `--format fhir` is only for `evaluate`");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Check(args) => commands::check::run(args, cli.format),
        Command::Evaluate(args) => commands::evaluate::run(args, cli.format),
        Command::Test(args) => commands::test::run(args, cli.format),
        Command::Report(args) => commands::report::run(args, cli.format),
        Command::Schema(args) => commands::schema::run(args, cli.format),
        Command::Providers(args) => commands::providers::run(args, cli.format),
        Command::Helpdesk(args) => commands::helpdesk::run(args, cli.format),
        Command::Route(args) => commands::route::run(args, cli.format),
        Command::Checkup(args) => commands::route::run_checkup(args, cli.format),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
