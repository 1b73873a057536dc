//! `medcover providers`: the provider directory across every rule set.

use crate::output::{answer, load_rules, Format};
use clap::Args;
use medcover::directory::parse_provider_type;
use medcover::ProviderQuery;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// `medcover providers --rules DIR [--state S] [--city C] [--type T] [--specialty X] [--program P] [--service CODE]`
#[derive(Debug, Args)]
pub struct ProvidersArgs {
    /// A folder of rule sets, or one rule set folder.
    #[arg(long)]
    pub rules: PathBuf,
    /// State, county or region code (`SP`).
    #[arg(long)]
    pub state: Option<String>,
    /// City (`São Paulo`; case and accents do not matter).
    #[arg(long)]
    pub city: Option<String>,
    /// Provider type: clinic, hospital or laboratory.
    #[arg(long = "type")]
    pub provider_type: Option<String>,
    /// A specialty (`cardiology`).
    #[arg(long)]
    pub specialty: Option<String>,
    /// A program id: only providers it may use.
    #[arg(long)]
    pub program: Option<String>,
    /// A service code: only providers performing it.
    #[arg(long)]
    pub service: Option<String>,
}

/// One provider in the answer.
#[derive(Debug, Serialize)]
struct Provider<'a> {
    id: &'a str,
    name: Option<&'a str>,
    #[serde(rename = "type")]
    provider_type: &'a str,
    city: &'a str,
    state: Option<&'a str>,
    specialties: &'a [String],
    in_network: bool,
    rule_set: Option<&'a str>,
}

/// The answer.
#[derive(Debug, Serialize)]
struct Answer<'a> {
    count: usize,
    providers: Vec<Provider<'a>>,
}

/// Lists the matching providers.
pub fn run(args: ProvidersArgs, format: Format) -> Result<ExitCode, String> {
    let provider_type = args
        .provider_type
        .as_deref()
        .map(parse_provider_type)
        .transpose()
        .map_err(|e| e.to_string())?;
    let query = ProviderQuery {
        state: args.state,
        city: args.city,
        provider_type,
        specialty: args.specialty,
        program: args.program,
        service: args.service,
    };
    let book = load_rules(&args.rules)?;
    let clinics = book.providers(&query).map_err(|e| e.to_string())?;
    let providers: Vec<Provider<'_>> = clinics
        .into_iter()
        .map(|c| Provider {
            id: &c.id,
            name: c.name.as_deref(),
            provider_type: c.provider_type.as_str(),
            city: &c.city,
            state: c.state.as_deref(),
            specialties: &c.specialties,
            in_network: c.in_network,
            rule_set: book.set_for_clinic(&c.id).map(|s| s.id().as_str()),
        })
        .collect();
    let found = Answer {
        count: providers.len(),
        providers,
    };
    answer(&found, format, |a| {
        if a.providers.is_empty() {
            return "no provider matches".to_owned();
        }
        let lines: Vec<String> = a
            .providers
            .iter()
            .map(|p| {
                let place = p
                    .state
                    .map_or_else(|| p.city.to_owned(), |s| format!("{}, {s}", p.city));
                let network = if p.in_network {
                    "in network"
                } else {
                    "out of network"
                };
                let name = p.name.map(|n| format!(" ({n})")).unwrap_or_default();
                let specialties = if p.specialties.is_empty() {
                    String::new()
                } else {
                    format!("; {}", p.specialties.join(", "))
                };
                format!(
                    "{}{name} — {}, {place}, {network}{specialties}",
                    p.id, p.provider_type
                )
            })
            .collect();
        lines.join("\n")
    });
    Ok(ExitCode::SUCCESS)
}
