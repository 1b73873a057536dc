//! Count limits within one request: a limit is charged only with the units a
//! line finally covers, after every limit that applies to it has cut or
//! stopped it (found by the generated-rules property tests, issue #8).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use medcover::{Decision, LimitUsage, Outcome, RequestError, RuleSet};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// Two consultations at 100.00 and 3463.51; a program covering both with
/// `visits` (3 consultations a year), the given per-code limit on `S0`.
fn rules(s0_limit: Value) -> RuleSet {
    let files = [
        (
            "ruleset.json",
            json!({"ruleset": {"id": "lim", "name": "Limits", "currency": "EUR"}}),
        ),
        (
            "services.json",
            json!({"services": [
                {"code": "S0", "category": "consultation", "price": "100.00"},
                {"code": "S1", "category": "consultation", "price": "100.00"},
            ]}),
        ),
        (
            "clinics.json",
            json!({"clinics": [{"id": "lim-c0", "city": "X", "offers": {"all": true}}]}),
        ),
        (
            "programs.json",
            json!({"programs": [{
                "id": "lim/p0", "access": "policy",
                "covers": [{"id": "all", "services": {"categories": ["consultation"]}}],
                "limits": [
                    {"id": "visits", "services": {"categories": ["consultation"]}, "count": 3},
                    s0_limit,
                ],
            }]}),
        ),
    ];
    RuleSet::from_sources(
        files
            .into_iter()
            .map(|(name, doc)| (name.to_owned(), doc.to_string())),
    )
    .unwrap()
}

/// A request for `services` by a member with `history`.
fn evaluate(set: &RuleSet, history: Value, services: Value) -> Result<Decision, RequestError> {
    let request = json!({
        "date": "2026-03-01", "clinic": "lim-c0",
        "member": {"id": "m-1", "birth_date": "1990-01-01", "sex": "F",
                   "policy": {"number": "P", "program": "lim/p0",
                              "start": "2026-01-01", "end": "2026-12-31"}},
        "history": history,
        "services": services,
    });
    set.evaluate_json(&request.to_string())
}

fn decide(set: &RuleSet, services: Value) -> Decision {
    evaluate(set, json!([]), services).unwrap()
}

fn usage<'d>(d: &'d Decision, line: usize, id: &str) -> &'d LimitUsage {
    d.lines[line].limits.iter().find(|u| u.id == id).unwrap()
}

#[test]
fn a_limit_cut_by_a_later_limit_is_charged_only_what_the_line_covers() {
    // S0 ×2: `visits` would allow both, the per-code limit allows one.
    let set = rules(json!({"id": "s0", "services": {"codes": ["S0"]}, "count": 1}));
    let d = decide(
        &set,
        json!([{"code": "S0", "quantity": 2}, {"code": "S1", "quantity": 2}]),
    );
    assert_eq!(d.lines[0].covered_quantity, 1);
    assert_eq!(usage(&d, 0, "visits").used, Decimal::from(1));
    assert_eq!(usage(&d, 0, "visits").remaining, Decimal::from(2));
    // Two consultations of `visits` are left for S1.
    assert_eq!(d.lines[1].outcome, Outcome::Covered);
    assert_eq!(d.lines[1].covered_quantity, 2);
    assert_eq!(usage(&d, 1, "visits").used, Decimal::from(3));
    assert_eq!(usage(&d, 1, "visits").remaining, Decimal::ZERO);
    assert_eq!(d.totals.insurer_pays.to_string(), "300.00");
}

#[test]
fn a_limit_is_not_charged_for_a_line_a_later_limit_stops() {
    // The per-code limit allows no S0 at all: the line covers nothing.
    let set = rules(json!({"id": "s0", "services": {"codes": ["S0"]}, "count": 0}));
    let d = decide(
        &set,
        json!([{"code": "S0", "quantity": 2}, {"code": "S1", "quantity": 3}]),
    );
    assert_eq!(d.lines[0].outcome, Outcome::NotCovered);
    assert_eq!(usage(&d, 0, "visits").used, Decimal::ZERO);
    assert_eq!(d.lines[1].outcome, Outcome::Covered);
    assert_eq!(d.lines[1].covered_quantity, 3);
    assert_eq!(usage(&d, 1, "visits").used, Decimal::from(3));
}

#[test]
fn a_limit_is_not_charged_for_a_line_an_exhausted_amount_limit_stops() {
    // 150.00 a year on S0: the first S0 is capped, the second gets nothing.
    let set = rules(json!({"id": "s0", "services": {"codes": ["S0"]}, "amount": "150.00"}));
    let d = decide(
        &set,
        json!([{"code": "S0"}, {"code": "S0"}, {"code": "S0"}, {"code": "S1", "quantity": 2}]),
    );
    assert_eq!(d.lines[0].outcome, Outcome::Covered);
    assert_eq!(d.lines[1].outcome, Outcome::PartiallyCovered);
    assert_eq!(d.lines[1].insurer_pays.to_string(), "50.00");
    assert_eq!(d.lines[2].outcome, Outcome::NotCovered);
    assert_eq!(d.lines[2].covered_quantity, 0);
    assert_eq!(usage(&d, 2, "visits").used, Decimal::from(2));
    // One consultation of `visits` is left for S1.
    assert_eq!(d.lines[3].covered_quantity, 1);
    assert_eq!(usage(&d, 3, "visits").used, Decimal::from(3));
}

/// A request for one S1 by a member with `history`.
fn decide_after(set: &RuleSet, history: Value) -> Result<Decision, RequestError> {
    evaluate(set, history, json!([{"code": "S1"}]))
}

#[test]
fn history_entries_in_a_row_each_count_against_their_own_service() {
    // Each entry is charged to its own service, in a run of one code (its
    // service is looked up once for the run) and after a change of code.
    let set = rules(json!({"id": "s1", "services": {"codes": ["S1"]}, "count": 2}));
    let entry = |service: &str| json!({"date": "2026-02-01", "service": service});
    let d = decide_after(&set, json!([entry("S0"), entry("S0")])).unwrap();
    assert_eq!(d.lines[0].outcome, Outcome::Covered);
    assert_eq!(usage(&d, 0, "visits").used, Decimal::from(3));
    assert_eq!(usage(&d, 0, "s1").used, Decimal::from(1));
    let d = decide_after(&set, json!([entry("S0"), entry("S1")])).unwrap();
    assert_eq!(d.lines[0].outcome, Outcome::Covered);
    assert_eq!(usage(&d, 0, "s1").used, Decimal::from(2));
    let d = decide_after(&set, json!([entry("S1"), entry("S1")])).unwrap();
    assert_eq!(d.lines[0].outcome, Outcome::NotCovered);
    assert_eq!(usage(&d, 0, "s1").used, Decimal::from(2));
    // An unknown code after a run of known ones is named by its own index.
    let e = decide_after(&set, json!([entry("S0"), entry("S0"), entry("S9")])).unwrap_err();
    assert_eq!(e.path, "history[2].service");
}
