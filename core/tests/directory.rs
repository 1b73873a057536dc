//! The provider directory on a small fixture rule set, and the
//! `alternatives` of a `refer_elsewhere` line coming from the same search.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use medcover::rules::format::ProviderType;
use medcover::{parse_request, ProviderQuery, QueryError, RuleBook, RuleSet};

fn fixture() -> RuleSet {
    let files = vec![
        ("ruleset.json".to_owned(), r#"{"ruleset": {"id": "fx", "name": "directory fixture", "currency": "BRL"}}"#.to_owned()),
        (
            "services.json".to_owned(),
            r#"{"services": [
                {"code": "FX-CONSULT", "category": "consultation", "price": "100.00"},
                {"code": "FX-MRI", "category": "diagnostics", "price": "900.00"},
                {"code": "FX-BIRTH", "category": "childbirth", "price": "5000.00"}
            ]}"#
            .to_owned(),
        ),
        (
            "clinics.json".to_owned(),
            r#"{"clinics": [
                {"id": "fx-hosp-sp", "type": "hospital", "city": "São Paulo", "state": "SP",
                 "specialties": ["emergency", "obstetrics", "cardiology"], "offers": {"all": true}},
                {"id": "fx-clinic-campinas", "type": "clinic", "city": "Campinas", "state": "SP",
                 "specialties": ["psychology"], "offers": {"codes": ["FX-CONSULT"]}},
                {"id": "fx-lab-rio", "type": "laboratory", "city": "Rio de Janeiro", "state": "RJ",
                 "offers": {"categories": ["diagnostics"]}},
                {"id": "fx-private-sp", "type": "clinic", "city": "Sao Paulo", "state": "SP", "in_network": false,
                 "specialties": ["Cardiology"], "offers": {"all": true}}
            ]}"#
            .to_owned(),
        ),
        (
            "programs.json".to_owned(),
            r#"{"programs": [
                {"id": "fx/network", "access": "policy", "network_only": true, "covers": [{"id": "all", "services": {"all": true}}]},
                {"id": "fx/open", "access": "policy", "covers": [{"id": "all", "services": {"all": true}}]}
            ]}"#
            .to_owned(),
        ),
    ];
    RuleSet::from_sources(files).expect("the fixture loads")
}

fn ids(clinics: Vec<&medcover::rules::model::Clinic>) -> Vec<&str> {
    clinics.into_iter().map(|c| c.id.as_str()).collect()
}

fn query(f: impl FnOnce(&mut ProviderQuery)) -> ProviderQuery {
    let mut q = ProviderQuery::default();
    f(&mut q);
    q
}

#[test]
fn no_filter_lists_every_provider_in_rule_order() {
    let set = fixture();
    assert_eq!(
        ids(set.providers(&ProviderQuery::default())),
        [
            "fx-hosp-sp",
            "fx-clinic-campinas",
            "fx-lab-rio",
            "fx-private-sp"
        ]
    );
}

#[test]
fn filters_by_state_city_type_and_specialty() {
    let set = fixture();
    assert_eq!(
        ids(set.providers(&query(|q| q.state = Some("sp".into())))),
        ["fx-hosp-sp", "fx-clinic-campinas", "fx-private-sp"]
    );
    assert_eq!(
        ids(set.providers(&query(|q| q.city = Some("sao paulo".into())))),
        ["fx-hosp-sp", "fx-private-sp"]
    );
    assert_eq!(
        ids(set.providers(&query(|q| q.provider_type = Some(ProviderType::Laboratory)))),
        ["fx-lab-rio"]
    );
    assert_eq!(
        ids(set.providers(&query(|q| q.specialty = Some("cardiology".into())))),
        ["fx-hosp-sp", "fx-private-sp"]
    );
    let all = query(|q| {
        q.state = Some("SP".into());
        q.city = Some("Campinas".into());
        q.provider_type = Some(ProviderType::Clinic);
        q.specialty = Some("Psychology".into());
    });
    assert_eq!(ids(set.providers(&all)), ["fx-clinic-campinas"]);
    assert!(set
        .providers(&query(|q| q.state = Some("MG".into())))
        .is_empty());
}

#[test]
fn filters_by_program_network_and_service() {
    let set = fixture();
    let network = query(|q| q.program = Some("fx/network".into()));
    assert_eq!(
        ids(set.providers(&network)),
        ["fx-hosp-sp", "fx-clinic-campinas", "fx-lab-rio"]
    );
    let open = query(|q| q.program = Some("fx/open".into()));
    assert_eq!(set.providers(&open).len(), 4);
    let mri = query(|q| {
        q.service = Some("FX-MRI".into());
        q.program = Some("fx/network".into());
    });
    assert_eq!(ids(set.providers(&mri)), ["fx-hosp-sp", "fx-lab-rio"]);
    // A program or service of another rule set matches nothing here.
    assert!(set
        .providers(&query(|q| q.program = Some("br-plan/enfermaria".into())))
        .is_empty());
}

#[test]
fn the_rule_book_refuses_unknown_programs_and_services() {
    let book = RuleBook::new(vec![fixture()]);
    assert_eq!(
        book.providers(&query(|q| q.state = Some("RJ".into())))
            .map(ids),
        Ok(vec!["fx-lab-rio"])
    );
    let err = book
        .providers(&query(|q| q.program = Some("fx/netwrk".into())))
        .unwrap_err();
    assert_eq!(
        err,
        QueryError::UnknownProgram {
            program: "fx/netwrk".into(),
            help: Some("did you mean `fx/network`?".into())
        }
    );
    assert_eq!(
        err.to_string(),
        "unknown program `fx/netwrk` (did you mean `fx/network`?)"
    );
    let err = book
        .providers(&query(|q| q.service = Some("FX-MRJ".into())))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown service `FX-MRJ` (did you mean `FX-MRI`?)"
    );
}

#[test]
fn queries_deserialize_from_json() {
    let q: ProviderQuery = serde_json::from_str(r#"{"state": "SP", "type": "hospital"}"#).unwrap();
    assert_eq!(ids(fixture().providers(&q)), ["fx-hosp-sp"]);
}

#[test]
fn refer_elsewhere_alternatives_come_from_the_directory() {
    let set = fixture();
    let request = parse_request(
        r#"{"date": "2026-05-10", "clinic": "fx-clinic-campinas",
            "member": {"id": "m-1", "birth_date": "1990-04-02", "sex": "F",
                       "policy": {"number": "P-1", "program": "fx/network", "start": "2026-01-01", "end": "2026-12-31"}},
            "services": [{"code": "FX-MRI"}]}"#,
    )
    .unwrap();
    let decision = set.evaluate(&request).unwrap();
    let line = &decision.lines[0];
    assert_eq!(line.outcome, medcover::Outcome::ReferElsewhere);
    let directory = set.providers(&query(|q| {
        q.program = Some("fx/network".into());
        q.service = Some("FX-MRI".into());
    }));
    let expected: Vec<String> = directory
        .iter()
        .map(|c| c.id.to_string())
        .filter(|id| id != "fx-clinic-campinas")
        .collect();
    assert_eq!(line.alternatives, expected);
    assert_eq!(line.alternatives, ["fx-hosp-sp", "fx-lab-rio"]);
}
