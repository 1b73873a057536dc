//! Limits on input: an oversized or absurdly nested request or rule file is a
//! clear error naming what is over which limit, never a hang, a stack
//! overflow or an out-of-memory.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use medcover::{parse_request, InputLimits, ProblemKind, RequestErrorKind, RuleBook, RuleSet};
use serde_json::{json, Value};
use std::path::Path;

fn bundled() -> RuleBook {
    RuleBook::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// One dental consultation on an attachment program, well within every limit.
fn request() -> Value {
    json!({
        "date": "2026-05-10", "clinic": "ru-dent-center", "booked_via": "insurer",
        "member": {"id": "m1", "birth_date": "1990-01-01", "sex": "F",
                   "policy": {"number": "P1", "program": "ru-dms-dental/attach-a",
                              "start": "2026-01-01", "end": "2026-12-31"}},
        "services": [{"code": "DENT-CONSULT", "quantity": 1}]
    })
}

fn evaluate(request: &Value) -> Result<medcover::Decision, medcover::RequestError> {
    bundled().evaluate_json(&request.to_string())
}

#[test]
fn the_reference_request_is_within_the_limits() {
    assert!(evaluate(&request()).is_ok());
}

#[test]
fn a_request_over_the_byte_limit_is_refused_before_parsing() {
    let max = InputLimits::DEFAULT.max_bytes;
    let mut r = request();
    r["id"] = json!("x".repeat(max));
    let e = evaluate(&r).unwrap_err();
    assert_eq!(e.kind, RequestErrorKind::TooLarge, "{e}");
    assert!(
        e.message
            .contains(&format!("over the limit of {max} bytes")),
        "{e}"
    );
}

#[test]
fn too_many_services_are_refused_naming_the_field() {
    let max = InputLimits::DEFAULT.max_services;
    let mut r = request();
    r["services"] = Value::Array(vec![json!({"code": "DENT-CONSULT"}); max + 1]);
    let e = evaluate(&r).unwrap_err();
    assert_eq!(
        (e.kind, e.path.as_str()),
        (RequestErrorKind::TooLarge, "services"),
        "{e}"
    );
    assert!(e.message.contains(&format!("{} services", max + 1)), "{e}");
    r["services"] = Value::Array(vec![json!({"code": "DENT-CONSULT"}); max]);
    assert!(evaluate(&r).is_ok(), "exactly the limit is fine");
}

#[test]
fn too_much_history_is_refused_naming_the_field() {
    let max = InputLimits::DEFAULT.max_history;
    let mut r = request();
    let entry = json!({"date": "2026-02-01", "service": "DENT-XRAY"});
    r["history"] = Value::Array(vec![entry; max + 1]);
    let e = evaluate(&r).unwrap_err();
    assert_eq!(
        (e.kind, e.path.as_str()),
        (RequestErrorKind::TooLarge, "history"),
        "{e}"
    );
}

#[test]
fn deeply_nested_requests_are_refused_without_recursing() {
    let depth = 200_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    for text in [
        nested.clone(),
        format!(r#"{{"date": "2026-05-10", "clinic": {nested}}}"#),
        format!(r#"{{"date": "2026-05-10", "unknown": {nested}}}"#),
    ] {
        let e = parse_request(&text).unwrap_err();
        assert!(
            matches!(
                e.kind,
                RequestErrorKind::InvalidField | RequestErrorKind::Malformed
            ),
            "{e:?}"
        );
    }
}

#[test]
fn deeply_nested_rule_files_are_a_syntax_problem_with_file_and_position() {
    let depth = 200_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let manifest = r#"{"ruleset": {"id": "t", "name": "test", "currency": "RON"}}"#;
    let services = format!(
        r#"{{"services": [{{"code": "A", "category": "consultation", "price": "1.00", "tags": {nested}}}]}}"#
    );
    let Err(e) = RuleSet::from_sources([
        ("ruleset.json".to_string(), manifest.to_string()),
        ("services.json".to_string(), services),
    ]) else {
        panic!("a nested file is refused");
    };
    let p = e
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::Syntax)
        .expect("a syntax problem");
    assert_eq!(p.file.to_str(), Some("services.json"));
    assert_eq!(p.line, Some(1));
    assert!(p.column.is_some());
    assert!(p.message.contains("nested more than 128 levels"), "{p}");
}
