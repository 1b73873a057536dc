//! The acceptance scenarios of DOMAIN.md §5 through the public Rust API.
//!
//! Every scenario lives as data in `rules/<set>/cases/` (the same files the
//! `medcover test` command, the CLI tests and the bindings' tests run); the
//! first test runs them all. The others spell a few scenarios out in typed
//! Rust, as a user of the crate would.

use medcover::{Mode, NextStep, Outcome, ReasonCode, Requirement};
use medcover_acceptance::{bundled, decide, rules_dir};
use serde_json::json;

#[test]
fn every_bundled_case_passes() {
    let report = medcover::cases::run_dir(rules_dir()).unwrap_or_else(|e| panic!("{e}"));
    let failures: Vec<String> = report
        .results
        .iter()
        .filter(|r| !r.passed)
        .map(|r| format!("{} :: {}\n  {}", r.ruleset, r.name, r.failures.join("\n  ")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for n in 1..=13 {
        let tag = format!("scenario {n}:");
        assert!(
            report.results.iter().any(|r| r.name.starts_with(&tag)),
            "no case for {tag}"
        );
    }
}

fn scenario_1() -> serde_json::Value {
    json!({
        "id": "scenario-1", "date": "2026-05-10", "clinic": "ro-oftalmo-cluj", "booked_via": "insurer",
        "member": {"id": "ro-m-1", "birth_date": "1985-03-12", "sex": "F", "national_id": "2850312400014",
                   "policy": {"number": "P-1", "program": "ro-omniasig/standard", "start": "2026-01-01", "end": "2026-12-31"}},
        "authorization": {"number": "OMN-2026-000123", "kind": "authorization", "valid_on": "2026-05-10",
                          "services": [{"code": "OPH-CONSULT", "quantity": 1}],
                          "during_consultation": ["OPH-OCT", "OPH-PERIMETRY"]},
        "services": [{"code": "OPH-CONSULT"}, {"code": "OPH-OCT"}, {"code": "OPH-TONOMETRY"}, {"code": "OPH-YAG"}]
    })
}

#[test]
fn scenario_1_per_appointment_authorization() {
    let d = decide(&bundled(), scenario_1());
    assert_eq!(d.ruleset, "ro-omniasig");
    let [consult, oct, tonometry, yag] = &d.lines[..] else {
        panic!("four lines")
    };
    assert_eq!(
        (consult.outcome, consult.mode),
        (Outcome::Covered, Mode::Authorization)
    );
    assert!(consult.has_reason(ReasonCode::AuthorizedService));
    assert_eq!(oct.outcome, Outcome::Covered);
    assert!(oct.has_reason(ReasonCode::SupplementaryOnForm));
    assert_eq!(tonometry.outcome, Outcome::NeedsAuthorization);
    assert_eq!(
        tonometry.next_step,
        Some(NextStep::RequestEmailAuthorization)
    );
    assert_eq!(yag.outcome, Outcome::ReferElsewhere);
    assert_eq!(yag.next_step, Some(NextStep::ReauthorizeAtOtherClinic));
    assert_eq!(yag.alternatives, vec!["ro-oftalmo-brasov".to_owned()]);
    assert_eq!(d.totals.insurer_pays.to_string(), "550.00");
    assert_eq!(
        d.requirements.iter().collect::<Vec<_>>(),
        [Requirement::IdentityDocument, Requirement::MemberSignature]
    );
    assert!(consult.reasons.iter().all(|r| !r.rule.is_empty()));
    assert_eq!(
        consult.reasons[0].rule,
        "ro-omniasig/programs.json#ro-omniasig/standard/covers/ophthalmology"
    );
}

#[test]
fn scenario_1_trace_names_the_rules_and_values_in_force() {
    let book = bundled();
    let request =
        medcover::parse_request(&scenario_1().to_string()).unwrap_or_else(|e| panic!("{e}"));
    let d = book
        .evaluate_with(
            &request,
            medcover::EvaluateOptions {
                trace: true,
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let steps: Vec<&str> = d.lines[0].trace.iter().map(|s| s.step.as_str()).collect();
    assert_eq!(
        steps,
        ["price", "policy", "network", "coverage", "authorization"]
    );
    assert!(d.lines[0].trace[0].detail.contains("250.00 RON"));
    let plain = book.evaluate(&request).unwrap_or_else(|e| panic!("{e}"));
    assert!(plain.lines[0].trace.is_empty(), "no trace unless asked");
}

#[test]
fn scenario_6_loyalty_discount_money() {
    let d = decide(
        &bundled(),
        json!({
            "date": "2026-03-20", "clinic": "ru-dent-center", "booked_via": "insurer", "reason": "planned",
            "member": {"id": "ru-p-2", "birth_date": "1980-01-01", "sex": "M",
                       "policy": {"number": "P-2", "program": "ru-dms-dental/gl", "start": "2026-01-01", "end": "2026-12-31"}},
            "services": [{"code": "DENT-IMPLANT"}]
        }),
    );
    let line = &d.lines[0];
    assert_eq!(
        (line.outcome, line.mode, line.next_step),
        (Outcome::NotCovered, Mode::SelfPay, Some(NextStep::SelfPay))
    );
    assert_eq!(line.discount.to_string(), "4200.00");
    assert_eq!(line.patient_pays.to_string(), "55800.00");
    assert!(line.has_reason(ReasonCode::LoyaltyDiscount));
}

#[test]
fn scenario_9_waiting_period_dates() {
    let book = bundled();
    let request = |date: &str, code: &str, pre_existing: bool| {
        json!({
            "date": date, "clinic": "br-hosp-sp", "setting": "inpatient",
            "member": {"id": "br-m-1", "birth_date": "1990-01-01", "sex": "F", "pre_existing": pre_existing,
                       "policy": {"number": "P-9", "program": "br-plan/enfermaria", "start": "2026-01-01", "end": "2026-12-31", "enrolled": "2026-01-05"}},
            "services": [{"code": code}]
        })
    };
    let ends = |v| {
        decide(&book, v).lines[0]
            .waiting_period_ends
            .map(|d| d.to_string())
    };
    assert_eq!(
        ends(request("2026-07-03", "BR-CONSULT", false)).as_deref(),
        Some("2026-07-04")
    );
    assert_eq!(ends(request("2026-07-04", "BR-CONSULT", false)), None);
    assert_eq!(
        ends(request("2026-10-31", "BR-CHILDBIRTH", false)).as_deref(),
        Some("2026-11-01")
    );
    assert_eq!(
        ends(request("2026-08-01", "BR-MRI", true)).as_deref(),
        Some("2028-01-05")
    );
}

#[test]
fn the_same_limit_is_not_spent_twice_within_one_request() {
    let d = decide(
        &bundled(),
        json!({
            "date": "2026-03-20", "clinic": "ru-dent-center", "reason": "acute",
            "member": {"id": "ru-p-4", "birth_date": "1980-01-01", "sex": "M",
                       "policy": {"number": "P-4", "program": "ru-dms-dental/attach-a", "start": "2026-01-01", "end": "2026-12-31"}},
            "services": [{"code": "DENT-XRAY", "quantity": 3}, {"code": "DENT-XRAY", "quantity": 3}]
        }),
    );
    assert_eq!(d.lines[0].covered_quantity, 3);
    assert_eq!(d.lines[1].covered_quantity, 1);
    assert_eq!(d.lines[1].limits[0].remaining.to_string(), "0");
}

#[test]
fn bad_requests_name_the_field_and_the_value_but_never_a_national_id() {
    let book = bundled();
    let mut r = scenario_1();
    r["member"]["policy"]["program"] = json!("ro-omniasig/standart");
    let e = book
        .evaluate_json(&r.to_string())
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(e.path, "member.policy.program");
    assert_eq!(
        e.help.as_deref(),
        Some("did you mean `ro-omniasig/standard`?")
    );
    let mut r = scenario_1();
    r["clinic"] = json!("ro-oftalmo-cluj-x");
    let e = book
        .evaluate_json(&r.to_string())
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(
        (e.path.as_str(), e.kind),
        ("clinic", medcover::RequestErrorKind::UnknownReference)
    );
    let mut r = scenario_1();
    r["member"]["national_id"] = json!("2850312400015");
    let e = book
        .evaluate_json(&r.to_string())
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert!(!e.to_string().contains("2850312400015"), "{e}");
    let mut r = scenario_1();
    r["member"]["national_id"] = json!(2850312400014u64);
    let e = book
        .evaluate_json(&r.to_string())
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert!(!e.to_string().contains("2850312400014"), "{e}");
    let e = book
        .evaluate_json("{\"date\": ")
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(e.kind, medcover::RequestErrorKind::Malformed);
    // Text that ends after a comma (no field known yet: path `?`).
    let e = book
        .evaluate_json("{\"date\": \"2026-05-10\",")
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(
        (e.kind, e.path.as_str()),
        (medcover::RequestErrorKind::Malformed, "")
    );
    // A null enum field is a syntax error to serde_json, but names the field.
    let mut r = scenario_1();
    r["booked_via"] = json!(null);
    let e = book
        .evaluate_json(&r.to_string())
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(
        (e.kind, e.path.as_str()),
        (medcover::RequestErrorKind::InvalidField, "booked_via")
    );
    let mut r = scenario_1();
    r["services"][0]["quantity"] = json!(0);
    let e = book
        .evaluate_json(&r.to_string())
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(e.path, "services[0].quantity");
}

#[test]
fn member_debug_output_redacts_personal_data() {
    let request =
        medcover::parse_request(&scenario_1().to_string()).unwrap_or_else(|e| panic!("{e}"));
    let shown = format!("{request:?}");
    assert!(!shown.contains("2850312400014"), "{shown}");
    assert!(shown.contains(medcover::REDACTED));
}

#[test]
fn a_null_enum_field_names_the_field() {
    let mut r = scenario_1();
    r["booked_via"] = json!(null);
    let e = bundled()
        .evaluate_json(&r.to_string())
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(
        (e.path.as_str(), e.kind),
        ("booked_via", medcover::RequestErrorKind::InvalidField)
    );
    let e = bundled()
        .evaluate_json(&scenario_1().to_string()[..40])
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(e.kind, medcover::RequestErrorKind::Malformed);
}

/// Every way a request can be refused, each with a member carrying a
/// national id: no error message (`Display` or `Debug`) contains the id.
#[test]
fn no_error_ever_contains_a_national_id() {
    const CNP: &str = "2850312400014";
    let book = bundled();
    let mutations: Vec<(&str, serde_json::Value)> = vec![
        ("/date", json!("2026-02-30")),
        ("/date", json!(20260510)),
        ("/clinic", json!("ro-oftalmo-clujj")),
        ("/booked_via", json!("fax")),
        ("/booked_via", json!(null)),
        ("/setting", json!(CNP)),
        ("/reason", json!(CNP)),
        ("/member/birth_date", json!("1985-02-30")),
        ("/member/birth_date", json!("2030-01-01")),
        ("/member/sex", json!("X")),
        ("/member/national_id", json!("2850312400015")),
        ("/member/national_id", json!(2850312400014u64)),
        ("/member/national_id", json!([CNP])),
        ("/member/national_id", json!({"cnp": CNP})),
        ("/member/relationship", json!(CNP)),
        ("/member/policy/program", json!(CNP)),
        ("/member/policy/start", json!(CNP)),
        ("/member/policy/end", json!("2025-01-01")),
        ("/authorization/kind", json!(CNP)),
        ("/authorization/services/0/code", json!(CNP)),
        ("/authorization/during_consultation/0", json!(CNP)),
        ("/services/0/code", json!(CNP)),
        ("/services/0/quantity", json!(0)),
        ("/services/0/quantity", json!(-1)),
        ("/services", json!([])),
        ("/history", json!([{"date": "2026-01-01", "service": CNP}])),
        (
            "/history",
            json!([{"date": "2026-01-01", "service": "OPH-OCT", "amount": 12.5}]),
        ),
        ("/unknown_field", json!(CNP)),
    ];
    let mut refused = 0;
    for (pointer, value) in mutations {
        let mut r = scenario_1();
        let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
        let target = if parent.is_empty() {
            Some(&mut r)
        } else {
            r.pointer_mut(parent)
        };
        match target {
            Some(serde_json::Value::Object(map)) => {
                map.insert(key.to_owned(), value);
            }
            Some(serde_json::Value::Array(items)) => {
                if let Some(slot) = key.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                    *slot = value;
                }
            }
            _ => panic!("no place for {pointer}"),
        }
        let text = r.to_string();
        if let Err(e) = book.evaluate_json(&text) {
            refused += 1;
            let shown = format!("{e} {e:?}");
            assert!(
                !shown.contains(CNP) && !shown.contains("2850312400015"),
                "{pointer}: {shown}"
            );
        }
        // Truncated texts fail as malformed JSON, also without the id.
        if let Err(e) = book.evaluate_json(&text[..text.len() / 2]) {
            let shown = format!("{e} {e:?}");
            assert!(!shown.contains(CNP), "{pointer} (cut): {shown}");
        }
    }
    assert!(refused >= 25, "only {refused} mutations were refused");
}
