//! Beneficiary reports: limits, waiting periods, statement.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use medcover::reports::{parse_query, MemberQuery};
use medcover::{LimitUnit, RuleBook};
use serde_json::json;

fn book() -> RuleBook {
    RuleBook::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules")).unwrap()
}

fn query(value: serde_json::Value) -> MemberQuery {
    parse_query(&value.to_string()).unwrap()
}

fn br_member(date: &str, pre_existing: bool) -> serde_json::Value {
    json!({
        "date": date,
        "member": {"id": "br-m-1", "birth_date": "1990-04-02", "sex": "F", "pre_existing": pre_existing,
                   "policy": {"number": "B1", "program": "br-plan/enfermaria", "start": "2026-01-01", "end": "2026-12-31", "enrolled": "2026-01-05"}},
        "history": [
            {"date": "2026-07-10", "service": "BR-PROPHY", "amount": "200.00", "authorization": "A-1"},
            {"date": "2026-07-20", "service": "BR-CONSULT"},
            {"date": "2025-11-02", "service": "BR-PROPHY", "amount": "200.00"}
        ]
    })
}

#[test]
fn limits_report_counts_the_policy_year() {
    let book = book();
    let q = query(br_member("2026-08-01", false));
    let set = book.set_for_query(&q).unwrap();
    let report = set.limits_report(&q).unwrap();
    assert_eq!(
        report.limits.len(),
        1,
        "the psychology cap is not in force in 2026"
    );
    let l = &report.limits[0];
    assert_eq!((l.id.as_str(), l.unit), ("prophylaxis", LimitUnit::Count));
    assert_eq!(
        (
            l.allowed.to_string(),
            l.consumed.to_string(),
            l.remaining.to_string()
        ),
        ("2".into(), "1".into(), "1".into())
    );
}

#[test]
fn limits_report_shows_the_value_in_force_on_the_date() {
    let book = book();
    let mut q = br_member("2022-05-10", false);
    q["member"]["policy"] = json!({"number": "B2", "program": "br-plan/enfermaria", "start": "2022-01-01", "end": "2022-12-31"});
    q["history"] = json!([{"date": "2022-02-01", "service": "BR-PSYCHO", "quantity": 5}]);
    let set = book.set_for_query(&query(q.clone())).unwrap();
    let before = set.limits_report(&query(q.clone())).unwrap();
    let psycho = before
        .limits
        .iter()
        .find(|l| l.id == "psychology-sessions")
        .unwrap();
    assert_eq!(
        (psycho.allowed.to_string(), psycho.remaining.to_string()),
        ("12".into(), "7".into())
    );
    q["date"] = json!("2022-08-01");
    let after = set.limits_report(&query(q)).unwrap();
    assert!(after.limits.iter().all(|l| l.id != "psychology-sessions"));
}

#[test]
fn amount_limits_report_money() {
    let book = book();
    let q = query(json!({
        "date": "2026-06-01",
        "member": {"id": "ru-p-3", "birth_date": "1980-01-01", "sex": "M",
                   "policy": {"number": "D", "program": "ru-dms-dental/attach-d", "start": "2026-01-01", "end": "2026-12-31"}},
        "history": [{"date": "2026-03-02", "service": "DENT-CROWN", "amount": "30000.00"}]
    }));
    let report = book.set_for_query(&q).unwrap().limits_report(&q).unwrap();
    let ortho = report
        .limits
        .iter()
        .find(|l| l.id == "orthopedics")
        .unwrap();
    assert_eq!(ortho.unit, LimitUnit::Amount);
    assert_eq!(ortho.remaining.to_string(), "20000.00");
}

#[test]
fn waiting_periods_report_like_a_carencia_declaration() {
    let book = book();
    let q = query(br_member("2026-08-01", true));
    let report = book
        .set_for_query(&q)
        .unwrap()
        .waiting_periods_report(&q)
        .unwrap();
    let ends: Vec<(String, String, bool)> = report
        .waiting_periods
        .iter()
        .map(|w| (w.id.clone(), w.ends.to_string(), w.ended))
        .collect();
    assert_eq!(
        ends,
        vec![
            ("urgency-emergency".into(), "2026-01-06".into(), true),
            ("childbirth".into(), "2026-11-01".into(), false),
            ("general".into(), "2026-07-04".into(), true),
            (
                "partial-temporary-coverage".into(),
                "2028-01-05".into(),
                false
            ),
        ]
    );
    let q = query(br_member("2026-08-01", false));
    let report = book
        .set_for_query(&q)
        .unwrap()
        .waiting_periods_report(&q)
        .unwrap();
    assert_eq!(
        report.waiting_periods.len(),
        3,
        "no pre-existing condition: no partial temporary coverage"
    );
}

#[test]
fn statement_lists_services_in_the_period() {
    let book = book();
    let q = query(br_member("2026-08-01", false));
    let s = book.set_for_query(&q).unwrap().statement(&q).unwrap();
    assert_eq!(
        (s.from.to_string(), s.to.to_string()),
        ("2026-01-01".into(), "2026-08-01".into())
    );
    let codes: Vec<&str> = s.lines.iter().map(|l| l.service.as_str()).collect();
    assert_eq!(codes, ["BR-PROPHY", "BR-CONSULT"]);
    assert_eq!(
        s.lines[1].amount.to_string(),
        "250.00",
        "no amount recorded: the price in force"
    );
    assert_eq!(s.total.to_string(), "450.00");
    let mut wider = br_member("2026-08-01", false);
    wider["from"] = json!("2025-01-01");
    let q = query(wider);
    assert_eq!(
        book.set_for_query(&q)
            .unwrap()
            .statement(&q)
            .unwrap()
            .lines
            .len(),
        3
    );
}

#[test]
fn bad_queries_name_the_field() {
    let book = book();
    let mut q = br_member("2026-08-01", false);
    q["member"]["policy"]["program"] = json!("br-plan/enfermeria");
    let e = book.set_for_query(&query(q)).unwrap_err();
    assert_eq!(e.path, "member.policy.program");
    assert_eq!(
        e.help.as_deref(),
        Some("did you mean `br-plan/enfermaria`?")
    );
    let e = parse_query(r#"{"date": "2026-13-01"}"#).unwrap_err();
    assert_eq!(e.path, "date");
    let mut q = br_member("2026-08-01", false);
    q["history"][0]["service"] = json!("BR-PROPHI");
    let q = query(q);
    let e = book.set_for_query(&q).unwrap().statement(&q).unwrap_err();
    assert_eq!(e.path, "history[0].service");
}
