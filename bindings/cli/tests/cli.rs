//! The `medcover` binary against the bundled rules: check, evaluate (one
//! object, JSON lines with a bad line), test (passing and failing), text
//! output.

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

fn medcover(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_medcover"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run medcover: {e}"));
    if let Some(mut pipe) = child.stdin.take() {
        // The binary may exit before reading its input (an unreadable rules folder).
        let _ = pipe.write_all(stdin.unwrap_or("").as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The bundled example requests, one JSON document a line.
fn example_requests() -> String {
    std::fs::read_to_string(root().join("examples/requests.jsonl")).unwrap_or_default()
}

/// Each line of `o`'s standard output as JSON.
fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("medcover-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn copy_rule_set(id: &str, to: &Path) -> PathBuf {
    let target = to.join(id);
    std::fs::create_dir_all(target.join("cases")).unwrap_or_else(|e| panic!("{e}"));
    let source = root().join("rules").join(id);
    for sub in ["", "cases"] {
        for entry in std::fs::read_dir(source.join(sub))
            .unwrap_or_else(|e| panic!("{e}"))
            .flatten()
        {
            if entry.path().is_file() {
                std::fs::copy(entry.path(), target.join(sub).join(entry.file_name()))
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
    target
}

#[test]
fn check_passes_on_the_bundled_rules() {
    let o = medcover(&["check", "rules"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["ok"], true);
    assert!(report["rulesets"].as_array().is_some_and(|s| s.len() >= 3));
}

#[test]
fn check_names_the_file_and_line_of_a_syntax_error_and_the_path_of_a_semantic_one() {
    let dir = temp_dir("check");
    let set = copy_rule_set("ro-omniasig", &dir);
    std::fs::write(
        set.join("services.json"),
        "{\n  \"services\": [\n    {\"code\": \"OPH-CONSULT\",\n  ]\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let clinics = std::fs::read_to_string(set.join("clinics.json"))
        .unwrap_or_default()
        .replace("\"OPH-YAG\"", "\"OPH-YAGG\"");
    std::fs::write(set.join("clinics.json"), clinics).unwrap_or_else(|e| panic!("{e}"));
    let o = medcover(&["check", dir.to_str().unwrap_or_default()], None);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("services.json:4:"), "{err}");
    let report: serde_json::Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    let problems = report["problems"].as_array().cloned().unwrap_or_default();
    assert!(
        problems
            .iter()
            .any(|p| p["kind"] == "syntax" && p["line"] == 4),
        "{problems:?}"
    );
    // The catalog failed to parse, so every service a clinic names is unknown: the
    // problems name the JSON path of each.
    assert!(
        problems
            .iter()
            .any(|p| p["kind"] == "unknown_reference" && p["path"] == "/clinics/0/offers/codes/0"),
        "{problems:?}"
    );
}

#[test]
fn check_suggests_the_close_id() {
    let dir = temp_dir("suggest");
    let set = copy_rule_set("ro-omniasig", &dir);
    let clinics = std::fs::read_to_string(set.join("clinics.json"))
        .unwrap_or_default()
        .replace("\"OPH-YAG\"", "\"OPH-YAGG\"");
    std::fs::write(set.join("clinics.json"), clinics).unwrap_or_else(|e| panic!("{e}"));
    let o = medcover(&["check", set.to_str().unwrap_or_default()], None);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    let p = &report["problems"][0];
    assert_eq!(p["path"], "/clinics/1/offers/codes/4");
    assert_eq!(p["help"], "did you mean `OPH-YAG`?");
    assert!(p["line"].as_u64().is_some_and(|l| l > 1));
}

#[test]
fn evaluate_scenario_1() {
    let requests = example_requests();
    let first = requests.lines().next().unwrap_or_default();
    let o = medcover(&["evaluate", "--rules", "rules", "-"], Some(first));
    assert!(o.status.success(), "{}", stderr(&o));
    let d: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d["lines"][0]["outcome"], "covered");
    assert_eq!(d["lines"][1]["reasons"][1]["code"], "SUPPLEMENTARY_ON_FORM");
    assert_eq!(d["totals"]["insurer_pays"], "550.00");
}

#[test]
fn json_lines_in_json_lines_out_with_one_bad_line() {
    let requests = example_requests();
    let lines: Vec<&str> = requests.lines().collect();
    let input = format!("{}\n{{\"date\": \"2026-02-30\"}}\n{}\n", lines[0], lines[1]);
    let o = medcover(&["evaluate", "--rules", "rules"], Some(&input));
    assert_eq!(o.status.code(), Some(1));
    let out = json_lines(&o);
    assert_eq!(out.len(), 3);
    assert_eq!(out[0]["ruleset"], "ro-omniasig");
    assert_eq!(out[1]["line"], 2);
    assert_eq!(out[1]["error"]["path"], "date");
    assert!(out[1]["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("2026-02-30")));
    assert_eq!(out[2]["ruleset"], "ru-dms-dental");
    assert!(stderr(&o).contains("line 2:"));
}

#[test]
fn many_json_lines_keep_their_order_and_line_numbers() {
    // More lines than one parallel block (4,096), bad ones across its edge.
    let requests = example_requests();
    let lines: Vec<&str> = requests.lines().collect();
    let bad = [1usize, 4096, 4097, 5000];
    let input: String = (1..=5000)
        .map(|n| {
            if bad.contains(&n) {
                "{\"date\": \"2026-02-30\"}\n".to_owned()
            } else {
                format!("{}\n", lines[n % lines.len()])
            }
        })
        .collect();
    let o = medcover(&["evaluate", "--rules", "rules"], Some(&input));
    assert_eq!(o.status.code(), Some(1));
    let out = json_lines(&o);
    assert_eq!(out.len(), 5000);
    for (i, d) in out.iter().enumerate() {
        let n = i + 1;
        if bad.contains(&n) {
            assert_eq!(d["line"], n, "{d}");
        } else {
            let expected: serde_json::Value =
                serde_json::from_str(lines[n % lines.len()]).unwrap_or_default();
            assert_eq!(d["id"], expected["id"], "line {n}");
        }
    }
    let err = stderr(&o);
    let reported: Vec<&str> = err.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(reported.len(), 4, "{err}");
    assert!(reported[2].starts_with("line 4097:"), "{err}");
}

#[test]
fn a_pretty_printed_request_is_one_document() {
    let requests = example_requests();
    let value: serde_json::Value =
        serde_json::from_str(requests.lines().next().unwrap_or_default()).unwrap_or_default();
    let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
    let o = medcover(&["evaluate", "--rules", "rules"], Some(&pretty));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"insurer_pays\": \"550.00\""));
}

#[test]
fn bad_single_requests_exit_non_zero_without_echoing_national_ids() {
    let requests = example_requests();
    let bad = requests
        .lines()
        .next()
        .unwrap_or_default()
        .replace("2850312400014", "2850312400015");
    let o = medcover(&["evaluate", "--rules", "rules"], Some(&bad));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("member.national_id"));
    assert!(!stderr(&o).contains("2850312400015"));
    let o = medcover(&["evaluate", "--rules", "rules/nowhere"], Some(&bad));
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn text_format_for_the_front_desk() {
    let requests = example_requests();
    let o = medcover(
        &["evaluate", "--rules", "rules", "--format", "text"],
        Some(requests.lines().next().unwrap_or_default()),
    );
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("OPH-TONOMETRY      1  needs_authorization"),
        "{text}"
    );
    assert!(
        text.contains("requirements: identity_document, member_signature"),
        "{text}"
    );
    assert!(text.contains("alternatives: ro-oftalmo-brasov"), "{text}");
}

#[test]
fn test_command_passes_on_the_bundled_cases_and_fails_on_a_wrong_one() {
    let o = medcover(&["test", "rules", "--format", "text"], None);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o)
            .lines()
            .last()
            .is_some_and(|l| l.ends_with("passed, 0 failed")),
        "{}",
        stdout(&o)
    );

    let dir = temp_dir("cases");
    let set = copy_rule_set("ro-omniasig", &dir);
    let cases = std::fs::read_to_string(set.join("cases/authorization.json"))
        .unwrap_or_default()
        .replacen("\"550.00\"", "\"551.00\"", 1);
    std::fs::write(set.join("cases/authorization.json"), cases).unwrap_or_else(|e| panic!("{e}"));
    let o = medcover(
        &["test", dir.to_str().unwrap_or_default(), "--format", "text"],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("FAIL ro-omniasig :: scenario 1"), "{out}");
    assert!(
        out.contains("/totals/insurer_pays: expected \"551.00\", got \"550.00\""),
        "{out}"
    );
    assert!(
        out.lines().last().is_some_and(|l| l.ends_with("1 failed")),
        "{out}"
    );
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let o = medcover(&["schema", "rules"], None);
    let committed = std::fs::read_to_string(root().join("rules/schema/medcover-rules.schema.json"))
        .unwrap_or_default();
    assert_eq!(stdout(&o), committed);
}

#[test]
fn reports_for_a_member() {
    let o = medcover(
        &[
            "report",
            "waiting-periods",
            "--rules",
            "rules",
            "examples/member-br-m-1.json",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["member"], "br-m-1");
    assert_eq!(r["waiting_periods"][3]["ends"], "2028-01-05");
    let o = medcover(
        &[
            "report",
            "limits",
            "--rules",
            "rules",
            "examples/member-br-m-1.json",
        ],
        None,
    );
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["limits"][0]["remaining"], "1");
    let o = medcover(
        &[
            "report",
            "statement",
            "--rules",
            "rules",
            "-",
            "--format",
            "text",
        ],
        Some(&std::fs::read_to_string(root().join("examples/member-br-m-1.json")).unwrap()),
    );
    assert!(stdout(&o).contains("total 450.00 BRL"), "{}", stdout(&o));
    let o = medcover(
        &["report", "limits", "--rules", "rules", "-"],
        Some("{\"date\": \"2026-01-01\"}"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("member"), "{}", stderr(&o));
}

#[test]
fn reasons_in_the_chosen_language() {
    let requests = std::fs::read_to_string(root().join("examples/requests.jsonl")).unwrap();
    let first = requests.lines().next().unwrap();
    let o = medcover(
        &[
            "evaluate", "--rules", "rules", "--lang", "ro", "--format", "text",
        ],
        Some(first),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("clinica `ro-oftalmo-cluj` nu efectuează `OPH-YAG`"),
        "{}",
        stdout(&o)
    );
    let o = medcover(
        &["evaluate", "--rules", "rules", "--lang", "de"],
        Some(first),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("expected one of: en, ro, ru, pt"),
        "{}",
        stderr(&o)
    );
}
