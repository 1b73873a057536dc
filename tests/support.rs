//! Helpers shared by the acceptance tests: the bundled rules and requests.

use medcover::{Decision, RuleBook};
use std::path::PathBuf;

/// The workspace's `rules/` folder.
pub fn rules_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../rules")
}

/// The bundled rules, loaded.
pub fn bundled() -> RuleBook {
    match RuleBook::load(rules_dir()) {
        Ok(book) => book,
        Err(e) => panic!("the bundled rules must load: {e}"),
    }
}

/// Decides a JSON request with the bundled rules.
pub fn decide(book: &RuleBook, request: serde_json::Value) -> Decision {
    match book.evaluate_json(&request.to_string()) {
        Ok(decision) => decision,
        Err(e) => panic!("request refused: {e}"),
    }
}
