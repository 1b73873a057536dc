//! `medcover schema rules|cases|request`: print a JSON Schema, generated from
//! the loader's own types (the copies in `rules/schema/` come from here).

use crate::output::{emit, pretty, Format};
use std::process::ExitCode;

/// Which schema.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Which {
    /// A rule file.
    Rules,
    /// A rule authors' case file.
    Cases,
    /// A request.
    Request,
}

/// Arguments of `schema`.
#[derive(clap::Args)]
pub struct Args {
    /// Which schema to print.
    #[arg(value_enum)]
    which: Which,
}

pub fn run(args: Args, _format: Format) -> Result<ExitCode, String> {
    let schema = match args.which {
        Which::Rules => medcover::rules::schema::rule_file(),
        Which::Cases => medcover::rules::schema::case_file(),
        Which::Request => medcover::rules::schema::request(),
    };
    emit(&pretty(&schema));
    Ok(ExitCode::SUCCESS)
}
