//! The rule loader on arbitrary text: `RuleSet::from_sources` must return a
//! rule set or a `LoadError`, never panic. A NUL byte splits the input into
//! several files (`f0.json`, `f1.json`, …), so that sections split over
//! files and references across files are reached too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use medcover::RuleSet;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files: Vec<(String, String)> = text
        .split('\0')
        .enumerate()
        .map(|(i, part)| (format!("f{i}.json"), part.to_owned()))
        .collect();
    match RuleSet::from_sources(files) {
        Ok(set) => {
            // A loaded set answers the directory and its own look-ups.
            for service in set.services() {
                assert!(set.service(&service.code).is_some());
            }
            let _ = set.providers(&medcover::ProviderQuery::default());
        }
        Err(e) => {
            // Every problem renders.
            let _ = e.to_string();
        }
    }
});
