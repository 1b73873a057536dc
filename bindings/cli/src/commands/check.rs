//! `medcover check DIR`: load and validate every rule file; list all problems.

use crate::output::{pretty, rule_problem, Format};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `check`.
#[derive(clap::Args)]
pub struct Args {
    /// A rule set folder, or a folder of rule set folders.
    dir: PathBuf,
}

pub fn run(args: Args, format: Format) -> Result<ExitCode, String> {
    match medcover::RuleBook::load(&args.dir) {
        Ok(book) => {
            let sets: Vec<_> = book
                .sets()
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "id": s.id(),
                        "services": s.services().len(),
                        "clinics": s.clinics().len(),
                        "programs": s.programs().len(),
                        "rosters": s.rosters().len(),
                    })
                })
                .collect();
            match format {
                Format::Json | Format::Fhir => crate::output::emit(&pretty(
                    &serde_json::json!({"ok": true, "rulesets": sets, "problems": []}),
                )),
                Format::Text => {
                    for s in book.sets() {
                        crate::output::emit(&format!(
                            "ok  {:<18} {} services, {} clinics, {} programs, {} rosters",
                            s.id(),
                            s.services().len(),
                            s.clinics().len(),
                            s.programs().len(),
                            s.rosters().len()
                        ));
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let problems: Vec<_> = e.problems.iter().map(rule_problem).collect();
            if format == Format::Json {
                crate::output::emit(&pretty(
                    &serde_json::json!({"ok": false, "problems": problems}),
                ));
            }
            for p in &e.problems {
                eprintln!("{p}");
            }
            eprintln!("{} problem(s)", e.problems.len());
            Ok(ExitCode::from(1))
        }
    }
}
