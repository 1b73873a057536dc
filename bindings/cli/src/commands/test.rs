//! `medcover test DIR`: run the rule authors' cases; a pass/fail line per
//! case and a final `N passed, M failed`; non-zero exit when any fails.

use crate::output::{emit, pretty, Format};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `test`.
#[derive(clap::Args)]
pub struct Args {
    /// A rule set folder, or a folder of rule set folders, with `cases/` beside the rules.
    dir: PathBuf,
}

pub fn run(args: Args, format: Format) -> Result<ExitCode, String> {
    let report = medcover::cases::run_dir(&args.dir).map_err(|e| e.to_string())?;
    match format {
        Format::Json | Format::Fhir => emit(&pretty(&serde_json::json!({
            "passed": report.passed(),
            "failed": report.failed(),
            "results": report.results,
        }))),
        Format::Text => {
            for r in &report.results {
                let status = if r.passed { "PASS" } else { "FAIL" };
                emit(&format!("{status} {} :: {}", r.ruleset, r.name));
                for f in &r.failures {
                    emit(&format!("     {f}"));
                }
            }
            emit(&format!(
                "{} passed, {} failed",
                report.passed(),
                report.failed()
            ));
        }
    }
    if report.results.is_empty() {
        eprintln!("no cases found under `{}`", args.dir.display());
        return Ok(ExitCode::from(1));
    }
    Ok(if report.failed() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
