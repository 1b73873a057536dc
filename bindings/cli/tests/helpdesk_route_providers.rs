//! The `helpdesk`, `route`, `checkup` and `providers` commands, run as the
//! built binary against the bundled `rules/` folder (acceptance scenarios
//! 11, 12 and 13) and a small provider fixture.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

fn medcover(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_medcover"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn channel(at: &str) -> String {
    let run = medcover(&["helpdesk", "channel", "--rules", RULES, "--at", at], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()["channel"].as_str().unwrap().to_owned()
}

#[test]
fn scenario_11_helpdesk_channels() {
    for (at, expected) in [
        ("2026-03-10T10:15", "human_email"),
        ("2026-03-10T18:00", "human_email"),
        ("2026-03-10T18:01", "ivr"),
        ("2026-03-10T07:30", "ivr"),
        ("2026-03-14T09:00", "human_email"),
        ("2026-03-14T17:30", "ivr"),
        ("2026-12-01T12:00", "human_email"),
        ("2026-12-01T17:00", "ivr"),
    ] {
        assert_eq!(channel(at), expected, "at {at}");
    }
}

#[test]
fn helpdesk_channel_answer_and_text() {
    let run = medcover(
        &[
            "helpdesk",
            "channel",
            "--rules",
            RULES,
            "--at",
            "2026-03-14T16:01",
        ],
        None,
    );
    let json = run.json();
    assert_eq!(json["day_kind"], "weekend");
    assert_eq!(json["next_human_email"], "2026-03-15T08:00");
    let text = medcover(
        &[
            "helpdesk",
            "channel",
            "--rules",
            RULES,
            "--at",
            "2026-03-10T18:01",
            "--format",
            "text",
        ],
        None,
    );
    assert_eq!(text.code, 0);
    assert_eq!(text.stdout.trim(), "2026-03-10 18:01 (workday): phone IVR, which records calls; human e-mail again from 2026-03-11 08:00");
}

#[test]
fn helpdesk_channel_refuses_an_impossible_moment() {
    let run = medcover(
        &[
            "helpdesk",
            "channel",
            "--rules",
            RULES,
            "--at",
            "2026-02-30T10:00",
        ],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr.trim(),
        "error: invalid moment `2026-02-30T10:00`, expected local time as YYYY-MM-DDTHH:MM"
    );
}

const COMPLETE_SIUI: &str = r#"{
  "system": "SIUI",
  "subject": "Eroare la validarea serviciilor medicale",
  "header": {
    "provider_type": "CLINIC",
    "provider": "RO12345678 / Clinica Exemplu SRL",
    "doctor": "A12345",
    "problem_category": "validare"
  },
  "body": "La validarea serviciilor din luna martie apare eroarea E-102.",
  "contact_phone": "0722 123 456",
  "attachments": ["eroare.docx"]
}"#;

fn validate(incident: &str) -> Run {
    medcover(
        &["helpdesk", "validate", "--rules", RULES, "-"],
        Some(incident),
    )
}

fn problem_codes(run: &Run) -> Vec<(String, String)> {
    run.json()["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap().to_owned(),
                p["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn scenario_12_incidents() {
    let accepted = validate(COMPLETE_SIUI);
    assert_eq!(accepted.code, 0, "{}", accepted.stderr);
    let json = accepted.json();
    assert_eq!(json["accepted"], true);
    assert_eq!(json["system"], "SIUI");
    assert_eq!(json["to"], "suport.siui@casan.ro");
    assert_eq!(json["problems"], serde_json::json!([]));

    let pdf = validate(&COMPLETE_SIUI.replace("eroare.docx", "captura.pdf"));
    assert_eq!(pdf.code, 1);
    assert_eq!(pdf.json()["accepted"], false);
    assert_eq!(
        problem_codes(&pdf),
        [(
            "ATTACHMENT_TYPE_NOT_ALLOWED".to_owned(),
            "attachments[0]".to_owned()
        )]
    );

    let cnp =
        validate(&COMPLETE_SIUI.replace("apare eroarea E-102", "pacientul 2850312400014 nu apare"));
    assert_eq!(cnp.code, 1);
    assert_eq!(
        problem_codes(&cnp),
        [("PERSONAL_DATA".to_owned(), "body".to_owned())]
    );
    assert!(!cnp.stdout.contains("2850312400014"));

    let provider_type = validate(&COMPLETE_SIUI.replace("\"CLINIC\"", "\"AMBULANTA\""));
    assert_eq!(provider_type.code, 1);
    assert_eq!(
        problem_codes(&provider_type),
        [(
            "INVALID_FIELD_VALUE".to_owned(),
            "header.provider_type".to_owned()
        )]
    );

    let missing = validate(
        &COMPLETE_SIUI.replace("\"problem_category\": \"validare\"", "\"doctor2\": \"x\""),
    );
    assert_eq!(
        problem_codes(&missing),
        [
            (
                "MISSING_FIELD".to_owned(),
                "header.problem_category".to_owned()
            ),
            (
                "INVALID_FIELD_VALUE".to_owned(),
                "header.doctor2".to_owned()
            ),
        ]
    );
}

#[test]
fn helpdesk_validate_reads_a_file_and_prints_text() {
    let dir = scratch("incident");
    let file = dir.join("incident.json");
    std::fs::write(&file, COMPLETE_SIUI.replace("eroare.docx", "captura.pdf")).unwrap();
    let run = medcover(
        &[
            "helpdesk",
            "validate",
            "--rules",
            RULES,
            file.to_str().unwrap(),
            "--format",
            "text",
        ],
        None,
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with(
            "rejected: SIUI → suport.siui@casan.ro\n  ATTACHMENT_TYPE_NOT_ALLOWED attachments[0]: "
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn helpdesk_validate_reports_malformed_input_on_stderr() {
    let run = validate(r#"{"system": "SIUI", "attachments": "eroare.docx"}"#);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .starts_with("error: `-`: `attachments`: invalid type: string"),
        "{}",
        run.stderr
    );
    let missing = medcover(
        &[
            "helpdesk",
            "validate",
            "--rules",
            RULES,
            "/nonexistent/incident.json",
        ],
        None,
    );
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .starts_with("error: cannot read `/nonexistent/incident.json`"),
        "{}",
        missing.stderr
    );
}

fn route(topic: &str) -> Run {
    medcover(&["route", "--rules", RULES, "--topic", topic], None)
}

#[test]
fn scenario_13_routing() {
    for (topic, level) in [
        ("dispute", 3),
        ("checkup_reminder", 2),
        ("choose_doctor", 1),
    ] {
        let run = route(topic);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.json()["level"], level, "{topic}");
    }
    assert_eq!(route("dispute").json()["path"], serde_json::json!([1, 3]));
}

#[test]
fn route_rejects_an_unknown_topic() {
    let run = route("disput");
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.starts_with("error: unknown topic `disput` (did you mean `dispute`?); known topics: attach_to_medical_org, "), "{}", run.stderr);
}

#[test]
fn checkup_eligibility_from_the_command_line() {
    let run = medcover(
        &[
            "checkup",
            "--rules",
            RULES,
            "--birth-date",
            "1986-12-31",
            "--on",
            "2026-06-01",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["age"], 40);
    assert_eq!(json["eligible"], true);
    let run = medcover(
        &[
            "checkup",
            "--rules",
            RULES,
            "--birth-date",
            "2007-01-01",
            "--on",
            "2026-06-01",
        ],
        None,
    );
    assert_eq!(run.json()["eligible"], false);
    assert_eq!(run.json()["next_eligible_age"], 21);
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("medcover-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The fixture folder, written once per test run (tests run in parallel).
fn provider_fixture() -> PathBuf {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(write_provider_fixture).clone()
}

fn write_provider_fixture() -> PathBuf {
    let root = scratch("providers");
    let set = root.join("fx");
    std::fs::create_dir_all(&set).unwrap();
    std::fs::write(
        set.join("ruleset.json"),
        r#"{"ruleset": {"id": "fx", "name": "fixture", "currency": "BRL"}}"#,
    )
    .unwrap();
    std::fs::write(
        set.join("services.json"),
        r#"{"services": [{"code": "FX-CONSULT", "category": "consultation", "price": "100.00"},
                         {"code": "FX-MRI", "category": "diagnostics", "price": "900.00"}]}"#,
    )
    .unwrap();
    std::fs::write(
        set.join("clinics.json"),
        r#"{"clinics": [
            {"id": "fx-hosp-sp", "type": "hospital", "city": "São Paulo", "state": "SP", "specialties": ["cardiology"], "offers": {"all": true}},
            {"id": "fx-clinic-campinas", "type": "clinic", "city": "Campinas", "state": "SP", "specialties": ["psychology"], "offers": {"codes": ["FX-CONSULT"]}},
            {"id": "fx-lab-rio", "type": "laboratory", "city": "Rio de Janeiro", "state": "RJ", "offers": {"categories": ["diagnostics"]}},
            {"id": "fx-private", "type": "clinic", "city": "Sao Paulo", "state": "SP", "in_network": false, "offers": {"all": true}}
        ]}"#,
    )
    .unwrap();
    std::fs::write(
        set.join("programs.json"),
        r#"{"programs": [{"id": "fx/basic", "access": "policy", "network_only": true, "covers": [{"id": "all", "services": {"all": true}}]}]}"#,
    )
    .unwrap();
    root
}

fn providers(args: &[&str]) -> Run {
    let root = provider_fixture();
    let mut all = vec!["providers", "--rules", root.to_str().unwrap()];
    all.extend_from_slice(args);
    medcover(&all, None)
}

fn provider_ids(run: &Run) -> Vec<String> {
    run.json()["providers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn providers_filtered_from_the_command_line() {
    let all = providers(&[]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert_eq!(all.json()["count"], 4);
    assert_eq!(
        provider_ids(&providers(&["--state", "SP", "--city", "sao paulo"])),
        ["fx-hosp-sp", "fx-private"]
    );
    assert_eq!(
        provider_ids(&providers(&["--type", "laboratory"])),
        ["fx-lab-rio"]
    );
    assert_eq!(
        provider_ids(&providers(&["--specialty", "Psychology"])),
        ["fx-clinic-campinas"]
    );
    assert_eq!(
        provider_ids(&providers(&[
            "--program",
            "fx/basic",
            "--city",
            "São Paulo"
        ])),
        ["fx-hosp-sp"]
    );
    assert_eq!(
        provider_ids(&providers(&[
            "--service",
            "FX-MRI",
            "--program",
            "fx/basic"
        ])),
        ["fx-hosp-sp", "fx-lab-rio"]
    );
    let first = &providers(&["--type", "hospital"]).json()["providers"][0];
    assert_eq!(first["rule_set"], "fx");
    assert_eq!(first["type"], "hospital");
    assert_eq!(first["in_network"], true);
    let text = providers(&["--state", "RJ", "--format", "text"]);
    assert_eq!(
        text.stdout.trim(),
        "fx-lab-rio — laboratory, Rio de Janeiro, RJ, in network"
    );
    assert_eq!(
        providers(&["--state", "MG", "--format", "text"])
            .stdout
            .trim(),
        "no provider matches"
    );
    let hospital = providers(&["--type", "hospital", "--format", "text"]);
    assert_eq!(
        hospital.stdout.trim(),
        "fx-hosp-sp — hospital, São Paulo, SP, in network; cardiology"
    );
}

#[test]
fn providers_reject_unknown_types_and_programs() {
    let run = providers(&["--type", "hospitl"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.trim(), "error: unknown provider type `hospitl`; known types: clinic, hospital, laboratory (did you mean `hospital`?)");
    let run = providers(&["--program", "fx/basik"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.trim(),
        "error: unknown program `fx/basik` (did you mean `fx/basic`?)"
    );
}
