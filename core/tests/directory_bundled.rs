//! The provider directory on the bundled `br-plan` rule set (DOMAIN.md §3).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use medcover::rules::format::ProviderType;
use medcover::{ProviderQuery, RuleSet};

fn br_plan() -> RuleSet {
    RuleSet::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/br-plan"))
        .expect("the bundled br-plan rules load")
}

fn ids(set: &RuleSet, query: &ProviderQuery) -> Vec<String> {
    set.providers(query)
        .into_iter()
        .map(|c| c.id.to_string())
        .collect()
}

#[test]
fn br_plan_providers_by_state_city_type_and_specialty() {
    let set = br_plan();
    let sp = ProviderQuery {
        state: Some("SP".into()),
        ..ProviderQuery::default()
    };
    assert_eq!(ids(&set, &sp), ["br-hosp-sp", "br-clinic-campinas"]);
    let sao_paulo = ProviderQuery {
        city: Some("São Paulo".into()),
        ..ProviderQuery::default()
    };
    assert_eq!(ids(&set, &sao_paulo), ["br-hosp-sp"]);
    let campinas = ProviderQuery {
        city: Some("campinas".into()),
        provider_type: Some(ProviderType::Clinic),
        ..ProviderQuery::default()
    };
    assert_eq!(ids(&set, &campinas), ["br-clinic-campinas"]);
    let labs = ProviderQuery {
        provider_type: Some(ProviderType::Laboratory),
        ..ProviderQuery::default()
    };
    assert_eq!(ids(&set, &labs), ["br-lab-rio"]);
    let rj = ProviderQuery {
        state: Some("RJ".into()),
        city: Some("Rio de Janeiro".into()),
        ..ProviderQuery::default()
    };
    assert_eq!(ids(&set, &rj), ["br-lab-rio"]);
    let cardiology = ProviderQuery {
        specialty: Some("cardiology".into()),
        ..ProviderQuery::default()
    };
    assert_eq!(ids(&set, &cardiology), ["br-hosp-sp"]);
    let psychology = ProviderQuery {
        specialty: Some("psychology".into()),
        state: Some("SP".into()),
        ..ProviderQuery::default()
    };
    assert_eq!(ids(&set, &psychology), ["br-clinic-campinas"]);
    let program = ProviderQuery {
        program: Some("br-plan/enfermaria".into()),
        ..ProviderQuery::default()
    };
    assert_eq!(ids(&set, &program).len(), 3);
}
