//! Acceptance scenario 1 (DOMAIN.md §5) through the typed binding API, on
//! the fixture rule set in `tests/fixtures/ro-omniasig`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use medcover_uniffi::*;
use std::collections::HashMap;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ro-omniasig");

fn scenario1() -> Request {
    let service = |code: &str| ServiceRequest {
        code: code.into(),
        quantity: 1,
    };
    Request {
        id: Some("scenario-1".into()),
        date: "2026-05-10".into(),
        clinic: "ro-oftalmo-cluj".into(),
        member: Member {
            id: "ro-m-1".into(),
            birth_date: "1985-03-12".into(),
            sex: Sex::F,
            policy: Some(Policy {
                number: "OMN-P-1".into(),
                program: "ro-omniasig/standard".into(),
                start: "2026-01-01".into(),
                end: "2026-12-31".into(),
                enrolled: None,
            }),
            national_id: Some("2850312400014".into()),
            name: None,
            relationship: None,
            employer: None,
            pre_existing: false,
        },
        services: ["OPH-CONSULT", "OPH-OCT", "OPH-TONOMETRY", "OPH-YAG"]
            .into_iter()
            .map(service)
            .collect(),
        booked_via: Some(BookedVia::Insurer),
        setting: None,
        reason: None,
        authorization: Some(Authorization {
            number: "OMN-2026-000123".into(),
            kind: DocumentKind::Authorization,
            issued: None,
            valid_on: Some("2026-05-10".into()),
            clinic: None,
            services: vec![service("OPH-CONSULT")],
            during_consultation: vec!["OPH-OCT".into(), "OPH-PERIMETRY".into()],
            status: None,
        }),
        history: vec![],
    }
}

fn check(d: &Decision) {
    let codes = |i: usize| {
        d.lines[i]
            .reasons
            .iter()
            .map(|r| r.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(d.ruleset, "ro-omniasig");
    assert_eq!(d.lines.len(), 4);
    assert_eq!(d.lines[0].outcome, Outcome::Covered);
    assert!(
        codes(0).contains(&ReasonCode::AuthorizedService),
        "{:?}",
        codes(0)
    );
    assert_eq!(d.lines[0].insurer_pays, "250.00");
    assert_eq!(d.lines[1].outcome, Outcome::Covered);
    assert!(
        codes(1).contains(&ReasonCode::SupplementaryOnForm),
        "{:?}",
        codes(1)
    );
    assert_eq!(d.lines[1].insurer_pays, "300.00");
    assert_eq!(d.lines[2].outcome, Outcome::NeedsAuthorization);
    assert_eq!(
        d.lines[2].next_step,
        Some(NextStep::RequestEmailAuthorization)
    );
    assert_eq!(d.lines[3].outcome, Outcome::ReferElsewhere);
    assert_eq!(
        d.lines[3].alternatives,
        vec!["ro-oftalmo-brasov".to_owned()]
    );
    assert_eq!(d.totals.insurer_pays, "550.00");
    assert_eq!(
        d.requirements,
        vec![Requirement::IdentityDocument, Requirement::MemberSignature]
    );
}

#[test]
fn fixture_loads_in_the_engine() {
    let set = medcover::RuleSet::load(FIXTURE).unwrap();
    assert_eq!(set.id(), "ro-omniasig");
    assert_eq!(set.services().len(), 8);
    assert_eq!(set.clinics().len(), 2);
}

#[test]
fn scenario1_from_a_path() {
    let rules = RuleSet::new(FIXTURE.into()).unwrap();
    assert_eq!(rules.ids(), vec!["ro-omniasig".to_owned()]);
    check(&rules.evaluate(scenario1()).unwrap());
}

#[test]
fn scenario1_from_files() {
    let mut files = HashMap::new();
    for name in [
        "ruleset.json",
        "services.json",
        "clinics.json",
        "programs.json",
    ] {
        files.insert(
            name.to_owned(),
            std::fs::read_to_string(format!("{FIXTURE}/{name}")).unwrap(),
        );
    }
    let rules = RuleSet::from_files(files).unwrap();
    check(&rules.evaluate(scenario1()).unwrap());
}

#[test]
fn bad_requests_are_typed_errors() {
    let rules = RuleSet::new(FIXTURE.into()).unwrap();
    let mut r = scenario1();
    r.services[1].code = "OPH-OCTX".into();
    match rules.evaluate(r) {
        Err(MedcoverError::Request {
            kind: RequestErrorKind::UnknownReference,
            path,
            help,
            ..
        }) => {
            assert_eq!(path, "services[1].code");
            assert!(help.unwrap_or_default().contains("OPH-OCT"));
        }
        other => panic!("{other:?}"),
    }
    let mut r = scenario1();
    r.date = "2026-02-30".into();
    match rules.evaluate(r) {
        Err(MedcoverError::Request {
            kind: RequestErrorKind::InvalidField,
            path,
            detail,
            ..
        }) => {
            assert_eq!(path, "date");
            assert!(detail.contains("2026-02-30"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    let mut r = scenario1();
    r.member.national_id = Some("2850312400015".into());
    match rules.evaluate(r) {
        Err(
            e @ MedcoverError::Request {
                kind: RequestErrorKind::InvalidNationalId,
                ..
            },
        ) => {
            assert!(!format!("{e} {e:?}").contains("285031240001"), "{e:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn broken_rules_list_their_problems() {
    let mut files = HashMap::new();
    files.insert(
        "ruleset.json".to_owned(),
        r#"{"ruleset": {"id": "x", "name": "x"}}"#.to_owned(),
    );
    files.insert(
        "services.json".to_owned(),
        r#"{"services": [{"code": "A", "category": "nope", "price": "1"}]}"#.to_owned(),
    );
    match RuleSet::from_files(files) {
        Err(MedcoverError::Rules { problems }) => {
            assert!(!problems.is_empty());
            assert_eq!(problems[0].file, "services.json");
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
    assert!(matches!(
        RuleSet::new("/nonexistent/rules".into()),
        Err(MedcoverError::Rules { .. })
    ));
}

#[test]
fn json_entry_point_matches() {
    let rules = RuleSet::new(FIXTURE.into()).unwrap();
    let out = rules
        .evaluate_json(
            r#"{"date": "2026-05-10", "clinic": "ro-oftalmo-cluj",
                "member": {"id": "u-1", "birth_date": "1990-01-01", "sex": "M"},
                "services": [{"code": "OPH-CONSULT"}]}"#
                .into(),
        )
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["lines"][0]["service"], "OPH-CONSULT");
    assert!(matches!(
        rules.evaluate_json("{".into()),
        Err(MedcoverError::Request {
            kind: RequestErrorKind::Malformed,
            line: Some(1),
            ..
        })
    ));
}
