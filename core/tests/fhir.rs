//! The FHIR export of decisions the engine makes with the bundled rules
//! (requests from the rule authors' case files): scenario 9's waiting
//! period and scenario 7's count limit.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use medcover::fhir::{FhirOptions, STRUCTURE_DEFINITION};
use medcover::{parse_request, RuleBook};
use serde_json::Value;

fn case_request(file: &str, name_prefix: &str, nth: usize) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/").to_owned() + file;
    let cases: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let request = cases["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"].as_str().unwrap().starts_with(name_prefix))
        .nth(nth)
        .unwrap_or_else(|| panic!("no case `{name_prefix}` #{nth} in {file}"))["request"]
        .clone();
    request.to_string()
}

fn export(request: &str) -> Value {
    let book = RuleBook::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules")).unwrap();
    let request = parse_request(request).unwrap();
    book.evaluate_fhir(&request, &FhirOptions::default())
        .unwrap()
}

fn ext<'a>(element: &'a Value, name: &str) -> Option<&'a Value> {
    let url = format!("{STRUCTURE_DEFINITION}/{name}");
    element["extension"]
        .as_array()?
        .iter()
        .find(|e| e["url"] == url.as_str())
}

#[test]
fn scenario_9_waiting_period_ends() {
    // The pre-existing condition: BR-MRI on 2026-08-01 waits until 2028-01-05.
    let file = "br-plan/cases/waiting-periods-and-limits.json";
    let r = export(&case_request(
        file,
        "scenario 9: a declared pre-existing",
        0,
    ));
    let item = &r["insurance"][0]["item"][0];
    assert_eq!(item["productOrService"]["coding"][0]["code"], "BR-MRI");
    assert_eq!(item["excluded"], true);
    assert_eq!(
        ext(item, "waiting-period-ends").unwrap()["valueDate"],
        "2028-01-05"
    );
    assert_eq!(r["insurance"][0]["inforce"], true);
}

#[test]
fn scenario_7_limit_as_a_benefit() {
    let file = "ru-dms-dental/cases/access-limits-discounts.json";
    let r = export(&case_request(file, "scenario 7: a 7th consultation", 0));
    let item = &r["insurance"][0]["item"][0];
    let benefit = &item["benefit"][0];
    assert_eq!(benefit["type"]["coding"][0]["code"], "consultations");
    assert_eq!(benefit["allowedUnsignedInt"], 6);
    assert_eq!(benefit["usedUnsignedInt"], 6);
    assert_eq!(ext(benefit, "remaining").unwrap()["valueUnsignedInt"], 0);
    assert_eq!(item["term"]["coding"][0]["code"], "annual");
}

#[test]
fn a_decision_made_without_messages_exports_its_reasons_by_code() {
    let book = RuleBook::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules")).unwrap();
    let file = "br-plan/cases/waiting-periods-and-limits.json";
    let request = parse_request(&case_request(
        file,
        "scenario 9: a declared pre-existing",
        0,
    ))
    .unwrap();
    let reasons = |messages: bool| {
        let options = medcover::EvaluateOptions {
            messages,
            ..Default::default()
        };
        let decision = book.evaluate_with(&request, options).unwrap();
        let r = decision.to_fhir(&request, &FhirOptions::default());
        let item = r["insurance"][0]["item"][0].clone();
        let reason = ext(&item, "reason").unwrap().clone();
        let parts: Vec<String> = reason["extension"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["url"].as_str().unwrap().to_owned())
            .collect();
        (parts, item["description"].as_str().unwrap_or("").to_owned())
    };
    let (told, told_description) = reasons(true);
    let (untold, untold_description) = reasons(false);
    assert_eq!(told, ["code", "message", "rule"]);
    assert_eq!(untold, ["code", "rule"]);
    assert_eq!(untold_description, "BR-MRI x1: not covered; WAITING_PERIOD");
    assert!(told_description.starts_with("BR-MRI x1: not covered; WAITING_PERIOD: waiting period"));
}
