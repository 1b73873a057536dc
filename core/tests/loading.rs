//! Loading and validating rule files: every problem kind, located by file,
//! line and column or JSON path, all collected at once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use medcover::{LoadError, ProblemKind, RuleProblem, RuleSet};

const MANIFEST: &str = r#"{"ruleset": {"id": "t", "name": "test", "currency": "RON"}}"#;
const SERVICES: &str = r#"{
  "services": [
    {"code": "OPH-CONSULT", "category": "consultation", "price": "250.00"},
    {"code": "OPH-OCT", "category": "diagnostics", "price": "300.00"}
  ]
}"#;

fn load(files: &[(&str, &str)]) -> Result<RuleSet, LoadError> {
    RuleSet::from_sources(files.iter().map(|(n, t)| (n.to_string(), t.to_string())))
}

fn problems(files: &[(&str, &str)]) -> Vec<RuleProblem> {
    match load(files) {
        Ok(_) => panic!("expected problems"),
        Err(e) => e.problems,
    }
}

fn only(files: &[(&str, &str)], kind: ProblemKind) -> RuleProblem {
    let found = problems(files);
    assert_eq!(found.len(), 1, "{found:#?}");
    let p = found.into_iter().next().unwrap_or_else(|| unreachable!());
    assert_eq!(p.kind, kind, "{p}");
    p
}

#[test]
fn a_minimal_rule_set_loads() {
    let set = load(&[("ruleset.json", MANIFEST), ("services.json", SERVICES)])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(set.id(), "t");
    assert_eq!(set.services().len(), 2);
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let broken = "{\n  \"services\": [\n    {\"code\": \"A\",, }\n  ]\n}";
    let p = only(
        &[("ruleset.json", MANIFEST), ("services.json", broken)],
        ProblemKind::Syntax,
    );
    assert_eq!(p.file.to_str(), Some("services.json"));
    assert_eq!(p.line, Some(3));
    assert!(p.column.is_some());
    assert!(p.to_string().starts_with("services.json:3:"), "{p}");
}

#[test]
fn type_errors_name_the_json_path_and_its_line() {
    let float_price = "{\n  \"services\": [\n    {\"code\": \"A\", \"category\": \"therapy\",\n     \"price\": 12.5}\n  ]\n}";
    let p = only(
        &[("ruleset.json", MANIFEST), ("s.json", float_price)],
        ProblemKind::Type,
    );
    assert_eq!(p.path, "/services/0/price");
    assert_eq!((p.line, p.column), (Some(4), Some(15)));
    assert!(p.message.contains("12.5"), "{p}");
}

#[test]
fn unknown_categories_list_the_known_ones() {
    let text = r#"{"services": [{"code": "A", "category": "diagnostic", "price": "1.00"}]}"#;
    let p = only(
        &[("ruleset.json", MANIFEST), ("s.json", text)],
        ProblemKind::Type,
    );
    assert_eq!(p.path, "/services/0/category");
    assert!(
        p.message.contains("`diagnostic`") && p.message.contains("diagnostics"),
        "{p}"
    );
}

#[test]
fn unknown_references_suggest_the_close_id() {
    let clinics = r#"{"clinics": [{"id": "c1", "city": "Cluj", "offers": {"codes": ["OPH-CONSULT", "OPH-OTC"]}}]}"#;
    let p = only(
        &[
            ("ruleset.json", MANIFEST),
            ("services.json", SERVICES),
            ("clinics.json", clinics),
        ],
        ProblemKind::UnknownReference,
    );
    assert_eq!(p.path, "/clinics/0/offers/codes/1");
    assert_eq!(p.help.as_deref(), Some("did you mean `OPH-OCT`?"));
    assert_eq!(p.line, Some(1));
    assert!(p.message.contains("`OPH-OTC`"));
}

#[test]
fn unknown_sections_suggest_the_close_name() {
    let p = only(
        &[("ruleset.json", MANIFEST), ("x.json", r#"{"sevices": []}"#)],
        ProblemKind::Type,
    );
    assert_eq!(p.path, "/sevices");
    assert_eq!(p.help.as_deref(), Some("did you mean `services`?"));
}

#[test]
fn duplicate_ids_are_reported() {
    let twice =
        r#"{"services": [{"code": "OPH-OCT", "category": "diagnostics", "price": "1.00"}]}"#;
    let p = only(
        &[
            ("ruleset.json", MANIFEST),
            ("services.json", SERVICES),
            ("more.json", twice),
        ],
        ProblemKind::Duplicate,
    );
    assert_eq!(p.file.to_str(), Some("more.json"));
    assert_eq!(p.path, "/services/0/code");
}

#[test]
fn negative_prices_and_percents_over_100_are_invalid() {
    let negative = r#"{"services": [{"code": "A", "category": "therapy", "price": "-1.00"}]}"#;
    let p = only(
        &[("ruleset.json", MANIFEST), ("s.json", negative)],
        ProblemKind::InvalidValue,
    );
    assert_eq!(p.path, "/services/0/price");
    let discount = r#"{"discounts": [{"id": "d", "percent": "107", "services": {"all": true}, "eligible": {"insured": true}}]}"#;
    let p = only(
        &[
            ("ruleset.json", MANIFEST),
            ("services.json", SERVICES),
            ("d.json", discount),
        ],
        ProblemKind::InvalidValue,
    );
    assert_eq!(p.path, "/discounts/0/percent");
    assert!(p.message.contains("`107`"));
}

#[test]
fn overlapping_validity_windows_are_reported() {
    let prices = r#"{"services": [{"code": "A", "category": "therapy", "price": [
        {"value": "1.00", "valid_to": "2026-06-30"},
        {"value": "2.00", "valid_from": "2026-06-30"}]}]}"#;
    let p = only(
        &[("ruleset.json", MANIFEST), ("s.json", prices)],
        ProblemKind::OverlappingValidity,
    );
    assert_eq!(p.path, "/services/0/price/1");
    let limits = r#"{"programs": [{"id": "t/p", "access": "policy", "covers": [{"id": "all", "services": {"all": true}}],
        "limits": [
          {"id": "consults", "services": {"codes": ["OPH-CONSULT"]}, "count": 12, "valid_to": "2022-07-31"},
          {"id": "consults", "services": {"codes": ["OPH-CONSULT"]}, "count": 6, "valid_from": "2022-07-01"}]}]}"#;
    let p = only(
        &[
            ("ruleset.json", MANIFEST),
            ("services.json", SERVICES),
            ("p.json", limits),
        ],
        ProblemKind::OverlappingValidity,
    );
    assert_eq!(p.path, "/programs/0/limits/1");
}

#[test]
fn program_inheritance_problems() {
    let unknown_parent = r#"{"programs": [{"id": "t/b", "extends": "t/aa", "covers": []}, {"id": "t/a", "access": "policy"}]}"#;
    let p = only(
        &[("ruleset.json", MANIFEST), ("p.json", unknown_parent)],
        ProblemKind::UnknownReference,
    );
    assert_eq!(p.help.as_deref(), Some("did you mean `t/a`?"));
    let cycle = r#"{"programs": [{"id": "t/a", "extends": "t/b", "access": "policy"}, {"id": "t/b", "extends": "t/a"}]}"#;
    let found = problems(&[("ruleset.json", MANIFEST), ("p.json", cycle)]);
    assert!(
        found
            .iter()
            .all(|p| p.kind == ProblemKind::InvalidValue && p.message.contains("extends itself")),
        "{found:#?}"
    );
}

#[test]
fn inherited_terms_add_up() {
    let programs = r#"{"programs": [
        {"id": "t/a", "access": "attachment", "reasons": ["acute"], "covers": [{"id": "c", "services": {"categories": ["consultation"]}}],
         "limits": [{"id": "consults", "services": {"codes": ["OPH-CONSULT"]}, "count": 6}]},
        {"id": "t/b", "extends": "t/a", "covers": [{"id": "d", "services": {"categories": ["diagnostics"]}}],
         "limits": [{"id": "consults", "services": {"codes": ["OPH-CONSULT"]}, "count": 8}]}]}"#;
    let set = load(&[
        ("ruleset.json", MANIFEST),
        ("services.json", SERVICES),
        ("p.json", programs),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    let b = set.program("t/b").unwrap_or_else(|| panic!("t/b"));
    assert_eq!(b.covers.len(), 2);
    assert_eq!(
        b.limits.len(),
        1,
        "the child's limit replaces the parent's with the same id"
    );
    assert_eq!(
        b.limits[0].allowed,
        medcover::rules::model::LimitAllowance::Count(8)
    );
}

#[test]
fn missing_ruleset_section_and_wrong_folder_name() {
    let found = problems(&[("services.json", SERVICES)]);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("`ruleset`"));
    let dir = std::env::temp_dir()
        .join(format!("medcover-wrong-{}", std::process::id()))
        .join("not-t");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("ruleset.json"), MANIFEST).unwrap_or_else(|e| panic!("{e}"));
    let err = RuleSet::load(&dir)
        .err()
        .unwrap_or_else(|| panic!("expected a problem"));
    assert_eq!(err.problems[0].path, "/ruleset/id");
    assert_eq!(
        err.problems[0].help.as_deref(),
        Some("rename the folder or set the id to `not-t`")
    );
}

#[test]
fn all_problems_are_collected_at_once() {
    let services = r#"{"services": [
        {"code": "A", "category": "therapy", "price": "-1.00"},
        {"code": "B", "category": "therapie", "price": "1.00"},
        {"code": "A", "category": "therapy", "price": "1.00"}]}"#;
    let clinics = r#"{"clinics": [{"id": "c", "city": "X", "offers": {"codes": ["Z"]}}]}"#;
    let found = problems(&[
        ("ruleset.json", MANIFEST),
        ("s.json", services),
        ("c.json", clinics),
        ("bad.json", "{"),
    ]);
    let kinds: Vec<ProblemKind> = found.iter().map(|p| p.kind).collect();
    for kind in [
        ProblemKind::InvalidValue,
        ProblemKind::Type,
        ProblemKind::Duplicate,
        ProblemKind::UnknownReference,
        ProblemKind::Syntax,
    ] {
        assert!(kinds.contains(&kind), "missing {kind:?} in {found:#?}");
    }
}

#[test]
fn the_bundled_rules_load() {
    let book = medcover::RuleBook::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules"))
        .unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = book.sets().iter().map(|s| s.id().as_str()).collect();
    for id in ["br-plan", "ro-omniasig", "ru-dms-dental"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
}

#[test]
fn rosters_can_be_added_through_the_api() {
    let book = medcover::RuleBook::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../rules/ru-dms-dental"
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let set = &book.sets()[0];
    let roster: medcover::rules::format::RosterDef = serde_json::from_str(
        r#"{"id": "partner-2026-03", "clinic": "ru-dent-partner", "received": "2026-03-01", "valid_from": "2026-03-01",
            "valid_to": "2026-12-31", "members": [{"member": "ru-p-1", "program": "ru-dms-dental/attach-c"}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let updated = set
        .with_rosters(vec![roster.clone()])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(updated.rosters().len(), 2);
    assert_eq!(set.rosters().len(), 1, "the original rule set is unchanged");
    let mut wrong = roster;
    wrong.id = "other".into();
    wrong.clinic = "ru-dent-partnr".into();
    wrong.members[0].program = "ru-dms-dental/gl".into();
    let err = set
        .with_rosters(vec![wrong])
        .err()
        .unwrap_or_else(|| panic!("expected problems"));
    assert_eq!(err.problems.len(), 2, "{err}");
    assert_eq!(
        err.problems[0].help.as_deref(),
        Some("did you mean `ru-dent-partner`?")
    );
}

#[test]
fn a_parents_problem_is_reported_once_not_per_child() {
    let programs = r#"{"programs": [
        {"id": "t/a", "access": "attachment", "covers": [{"id": "c", "services": {"codes": ["OPH-CONSLT"]}}]},
        {"id": "t/b", "extends": "t/a"},
        {"id": "t/c", "extends": "t/b"}]}"#;
    let found = problems(&[
        ("ruleset.json", MANIFEST),
        ("services.json", SERVICES),
        ("p.json", programs),
    ]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].path, "/programs/0/covers/0/services/codes/0");
}

#[test]
fn duplicate_rosters_are_located() {
    let roster = r#"{"id": "r", "clinic": "c", "received": "2026-01-01", "valid_from": "2026-01-01", "valid_to": "2026-12-31", "members": []}"#;
    let files = [
        ("ruleset.json", MANIFEST.to_owned()),
        (
            "clinics.json",
            r#"{"clinics": [{"id": "c", "city": "X", "offers": {"all": true}}]}"#.to_owned(),
        ),
        (
            "rosters.json",
            format!("{{\"rosters\": [{roster},\n {roster}]}}"),
        ),
    ];
    let found = problems(
        &files
            .iter()
            .map(|(n, t)| (*n, t.as_str()))
            .collect::<Vec<_>>(),
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].kind, found[0].path.as_str(), found[0].line),
        (ProblemKind::Duplicate, "/rosters/1/id", Some(2))
    );
}
