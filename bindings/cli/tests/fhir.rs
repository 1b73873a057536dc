//! `medcover evaluate --format fhir`: one FHIR R5 CoverageEligibilityResponse
//! per request, JSON lines for JSON lines, and only for `evaluate`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn medcover(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_medcover"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run medcover: {e}"));
    if let Some(mut pipe) = child.stdin.take() {
        let _ = pipe.write_all(stdin.as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

const SCENARIO_1: &str = r#"{"id": "s-1", "date": "2026-05-10", "clinic": "ro-oftalmo-cluj", "booked_via": "insurer", "member": {"id": "ro-m-1", "birth_date": "1985-03-12", "sex": "F", "national_id": "2850312400014", "policy": {"number": "OMN-P-1", "program": "ro-omniasig/standard", "start": "2026-01-01", "end": "2026-12-31"}}, "authorization": {"number": "OMN-2026-000123", "kind": "authorization", "valid_on": "2026-05-10", "services": [{"code": "OPH-CONSULT", "quantity": 1}], "during_consultation": ["OPH-OCT", "OPH-PERIMETRY"]}, "services": [{"code": "OPH-CONSULT"}, {"code": "OPH-OCT"}, {"code": "OPH-TONOMETRY"}, {"code": "OPH-YAG"}]}"#;

#[test]
fn one_request_gives_one_resource() {
    let out = medcover(
        &["evaluate", "--rules", "rules", "--format", "fhir"],
        SCENARIO_1,
    );
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("2850312400014"), "{text}");
    assert!(
        text.starts_with("{\n  \"resourceType\": \"CoverageEligibilityResponse\""),
        "{text}"
    );
    let r: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(r["resourceType"], "CoverageEligibilityResponse");
    assert_eq!(r["id"], "s-1");
    assert_eq!(r["created"], "2026-05-10");
    assert_eq!(r["preAuthRef"], "OMN-2026-000123");
    let items = r["insurance"][0]["item"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[2]["authorizationRequired"], true);
}

#[test]
fn json_lines_give_json_lines_and_created_is_passed() {
    let input = format!("{SCENARIO_1}\n{{\"date\": \"2026-13-01\"}}\n{SCENARIO_1}\n");
    let out = medcover(
        &[
            "evaluate",
            "--rules",
            "rules",
            "--format",
            "fhir",
            "--created",
            "2026-05-10T09:30:00Z",
        ],
        &input,
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["created"], "2026-05-10T09:30:00Z");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].is_object());
    assert_eq!(lines[2]["resourceType"], "CoverageEligibilityResponse");
}

#[test]
fn fhir_is_only_for_evaluate_and_created_is_checked() {
    let out = medcover(&["check", "rules", "--format", "fhir"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only for `evaluate`"));
    let out = medcover(
        &[
            "evaluate",
            "--rules",
            "rules",
            "--format",
            "fhir",
            "--created",
            "soon",
        ],
        SCENARIO_1,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("created"));
}
