//! The published JSON Schemas are current, and every bundled rule file and
//! case file conforms to them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn rule_set_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(root().join("rules"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join("ruleset.json").is_file())
                .collect()
        })
        .unwrap_or_default();
    folders.sort();
    folders
}

#[test]
fn committed_schemas_are_generated_from_the_loader_types() {
    let schemas = [
        (
            "medcover-rules.schema.json",
            medcover::rules::schema::rule_file(),
        ),
        (
            "medcover-cases.schema.json",
            medcover::rules::schema::case_file(),
        ),
        (
            "medcover-request.schema.json",
            medcover::rules::schema::request(),
        ),
    ];
    for (file, generated) in schemas {
        let committed = read(&root().join("rules/schema").join(file));
        assert!(
            committed == generated,
            "rules/schema/{file} is stale: run `cargo run -p medcover-cli -- schema {} > rules/schema/{file}`",
            file.trim_start_matches("medcover-").trim_end_matches(".schema.json")
        );
    }
}

fn check_all(schema: &Value, files: &[PathBuf]) {
    let validator = jsonschema::validator_for(schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"));
    let mut failures = Vec::new();
    for file in files {
        for error in validator.iter_errors(&read(file)) {
            failures.push(format!(
                "{}: {} at {}",
                file.display(),
                error,
                error.instance_path()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bundled_rule_file_conforms() {
    let folders = rule_set_folders();
    assert!(
        folders.len() >= 3,
        "expected the bundled rule sets under rules/"
    );
    let files: Vec<PathBuf> = folders.iter().flat_map(|f| json_files(f)).collect();
    check_all(&medcover::rules::schema::rule_file(), &files);
}

#[test]
fn every_case_file_conforms() {
    let files: Vec<PathBuf> = rule_set_folders()
        .iter()
        .flat_map(|f| json_files(&f.join("cases")))
        .collect();
    assert!(!files.is_empty());
    check_all(&medcover::rules::schema::case_file(), &files);
}

#[test]
fn the_schema_refuses_what_the_loader_refuses() {
    let validator = jsonschema::validator_for(&medcover::rules::schema::rule_file())
        .unwrap_or_else(|e| panic!("{e}"));
    let float_price =
        serde_json::json!({"services": [{"code": "A", "category": "therapy", "price": 12.5}]});
    assert!(
        !validator.is_valid(&float_price),
        "a float price must not validate"
    );
    let unknown_category =
        serde_json::json!({"services": [{"code": "A", "category": "therapie", "price": "12.50"}]});
    assert!(!validator.is_valid(&unknown_category));
    let unknown_section = serde_json::json!({"sevices": []});
    assert!(!validator.is_valid(&unknown_section));
    let good =
        serde_json::json!({"services": [{"code": "A", "category": "therapy", "price": "12.50"}]});
    assert!(validator.is_valid(&good));
}
