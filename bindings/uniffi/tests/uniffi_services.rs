//! The member reports, provider directory, helpdesk and routing through the
//! typed binding API, on the bundled `rules/` folder (DOMAIN.md §5,
//! scenarios 9, 11, 13). The Kotlin and Python tests cover the same through
//! the generated code; these run with `cargo test --workspace`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use medcover_uniffi::*;

const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules");

fn rules() -> std::sync::Arc<RuleSet> {
    RuleSet::new(RULES.into()).unwrap()
}

fn query(program: &str) -> MemberQuery {
    MemberQuery {
        date: "2026-08-01".into(),
        member: Member {
            id: "br-m-1".into(),
            birth_date: "1990-04-02".into(),
            sex: Sex::F,
            policy: Some(Policy {
                number: "BR-br-m-1".into(),
                program: program.into(),
                start: "2026-01-01".into(),
                end: "2026-12-31".into(),
                enrolled: Some("2026-01-05".into()),
            }),
            national_id: None,
            name: None,
            relationship: None,
            employer: None,
            pre_existing: true,
        },
        history: vec![HistoryEntry {
            date: "2026-07-10".into(),
            service: "BR-PROPHY".into(),
            quantity: 1,
            amount: Some("200.00".into()),
            authorization: None,
        }],
        from: None,
        to: None,
    }
}

#[test]
fn scenario9_waiting_period_ends() {
    let report = rules()
        .waiting_periods_report(query("br-plan/enfermaria"))
        .unwrap();
    let ends = |id: &str| {
        report
            .waiting_periods
            .iter()
            .find(|w| w.id == id)
            .map(|w| w.ends.clone())
    };
    assert_eq!(
        ends("partial-temporary-coverage").as_deref(),
        Some("2028-01-05")
    );
    assert_eq!(ends("general").as_deref(), Some("2026-07-04"));
}

#[test]
fn limits_and_statement() {
    let rules = rules();
    let limits = rules.limits_report(query("br-plan/enfermaria")).unwrap();
    assert_eq!(limits.limits.len(), 1);
    let l = &limits.limits[0];
    assert_eq!(
        (
            l.allowed.as_str(),
            l.consumed.as_str(),
            l.remaining.as_str()
        ),
        ("2", "1", "1")
    );
    let statement = rules.statement(query("br-plan/enfermaria")).unwrap();
    assert_eq!(statement.total, "200.00");
    assert_eq!(statement.from, "2026-01-01");
}

#[test]
fn unknown_program_lists_the_programs() {
    match rules().limits_report(query("br-plan/enfermeria")) {
        Err(MedcoverError::Request {
            kind: RequestErrorKind::UnknownReference,
            path,
            known,
            ..
        }) => {
            assert_eq!(path, "member.policy.program");
            assert!(
                known.contains(&"br-plan/enfermaria".to_owned()),
                "{known:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn providers_in_sp() {
    let found = rules()
        .providers(ProviderQuery {
            state: Some("SP".into()),
            ..ProviderQuery::default()
        })
        .unwrap();
    let ids: Vec<&str> = found.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["br-hosp-sp", "br-clinic-campinas"]);
    assert_eq!(found[0].provider_type, ProviderType::Hospital);
}

#[test]
fn scenario11_and_13() {
    let rules = rules();
    let at = |t: &str| rules.helpdesk_channel(t.into()).unwrap().channel;
    assert_eq!(at("2026-03-10T18:00"), Channel::HumanEmail);
    assert_eq!(at("2026-03-10T18:01"), Channel::Ivr);
    assert_eq!(rules.route("dispute".into()).unwrap().level, 3);
    match rules.route("disput".into()) {
        Err(MedcoverError::Request {
            kind: RequestErrorKind::UnknownReference,
            path,
            known,
            help,
            ..
        }) => {
            assert_eq!(path, "topic");
            assert_eq!(known.len(), 11);
            assert!(help.unwrap_or_default().contains("dispute"));
        }
        other => panic!("{other:?}"),
    }
}
