//! Insurance representatives (`ru-oms`): routing by topic (scenario 13) and
//! preventive check-up eligibility.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use medcover::representatives::{CheckupError, Representatives};
use medcover::{ProblemKind, RuleSet};
use std::sync::OnceLock;

fn representatives() -> &'static Representatives {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES
        .get_or_init(|| {
            RuleSet::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/ru-oms"))
                .expect("bundled ru-oms rules load")
        })
        .representatives()
        .expect("the rule set has a representatives section")
}

fn level(topic: &str) -> u8 {
    representatives().route(topic).expect("a known topic").level
}

#[test]
fn scenario_13_routing() {
    assert_eq!(level("dispute"), 3);
    assert_eq!(level("checkup_reminder"), 2);
    assert_eq!(level("choose_doctor"), 1);
}

#[test]
fn every_topic_of_the_domain_has_its_level() {
    for (topic, expected) in [
        ("attach_to_medical_org", 1),
        ("choose_doctor", 1),
        ("doctor_schedule", 1),
        ("checkup_info", 1),
        ("checkup_reminder", 2),
        ("phone_survey", 2),
        ("refusal_reasons", 2),
        ("recommendation_adherence", 3),
        ("dispensary_observation", 3),
        ("dispute", 3),
        ("legal_help", 3),
    ] {
        assert_eq!(level(topic), expected, "{topic}");
    }
    assert_eq!(representatives().topics().count(), 11);
}

#[test]
fn level_one_escalates_what_is_beyond_it() {
    let r = representatives();
    assert!(r.escalates(1));
    let dispute = r.route("dispute").unwrap();
    assert!(dispute.escalated);
    assert_eq!(dispute.entry_level, 1);
    assert_eq!(dispute.path, vec![1, 3]);
    let doctor = r.route("choose_doctor").unwrap();
    assert!(!doctor.escalated);
    assert_eq!(doctor.path, vec![1]);
    let channels: Vec<&str> = doctor.channels.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        channels,
        ["phone", "in_person", "post", "email", "representative_post"]
    );

    let json = serde_json::to_value(&dispute).unwrap();
    assert_eq!(json["level"], 3);
    assert_eq!(json["topic"], "dispute");
    assert_eq!(json["path"], serde_json::json!([1, 3]));
}

#[test]
fn topics_match_ignoring_case_and_separators() {
    assert_eq!(level(" Choose-Doctor "), 1);
    assert_eq!(level("legal help"), 3);
}

#[test]
fn an_unknown_topic_lists_the_known_ones_and_suggests() {
    let err = representatives().route("disput").unwrap_err();
    assert_eq!(err.topic, "disput");
    assert_eq!(err.help.as_deref(), Some("did you mean `dispute`?"));
    assert_eq!(err.known.len(), 11);
    assert_eq!(
        err.to_string(),
        "unknown topic `disput` (did you mean `dispute`?); known topics: attach_to_medical_org, choose_doctor, \
         doctor_schedule, checkup_info, checkup_reminder, phone_survey, refusal_reasons, recommendation_adherence, \
         dispensary_observation, dispute, legal_help"
    );
    let far = representatives().route("pension").unwrap_err();
    assert_eq!(far.help, None);
    assert!(far
        .to_string()
        .starts_with("unknown topic `pension`; known topics: "));
}

fn date(text: &str) -> chrono::NaiveDate {
    medcover::date::parse(text).unwrap()
}

/// Eligibility in 2026 of a person born on 31 December of the year that makes
/// them `age` in 2026 (so that on 2026-06-01 they are still `age - 1`).
fn checkup_at(age: i32) -> medcover::representatives::CheckupAnswer {
    let birth = date(&format!("{}-12-31", 2026 - age));
    representatives()
        .checkup_eligibility(birth, date("2026-06-01"))
        .unwrap()
}

#[test]
fn checkup_every_three_years_from_18_to_39_then_yearly() {
    let cases = [
        // (age reached in 2026, eligible, next eligible age)
        (17, false, Some(18)),
        (18, true, Some(21)),
        (19, false, Some(21)),
        (20, false, Some(21)),
        (21, true, Some(24)),
        (39, true, Some(40)),
        (40, true, Some(41)),
        (41, true, Some(42)),
    ];
    for (age, eligible, next) in cases {
        let answer = checkup_at(age);
        assert_eq!(answer.age, age as u32, "age {age}");
        assert_eq!(answer.eligible, eligible, "age {age}: {}", answer.reason);
        assert_eq!(answer.next_eligible_age, next, "age {age}");
    }
    let at_19 = checkup_at(19);
    assert_eq!(at_19.every_years, Some(3));
    assert_eq!(at_19.next_eligible_from, Some(date("2028-01-01")));
    assert_eq!(checkup_at(41).every_years, Some(1));
    assert_eq!(checkup_at(17).every_years, None);
    let json = serde_json::to_value(checkup_at(18)).unwrap();
    assert_eq!(json["eligible"], true);
    assert_eq!(json["age_basis"], "age_reached_in_year");
    assert_eq!(json["on"], "2026-06-01");
}

#[test]
fn checkup_before_birth_is_an_error() {
    let err = representatives()
        .checkup_eligibility(date("2026-06-02"), date("2026-06-01"))
        .unwrap_err();
    assert_eq!(
        err,
        CheckupError::BeforeBirth {
            on: date("2026-06-01")
        }
    );
    assert_eq!(
        err.to_string(),
        "the date `2026-06-01` is before the birth date"
    );
}

const MANIFEST: &str =
    r#"{"ruleset": {"id": "oms", "name": "representatives fixture", "currency": "RUB"}}"#;

fn load(section: &str) -> Vec<medcover::RuleProblem> {
    let files = vec![
        ("ruleset.json".to_owned(), MANIFEST.to_owned()),
        ("representatives.json".to_owned(), section.to_owned()),
    ];
    match RuleSet::from_sources(files) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems,
    }
}

#[test]
fn problems_in_the_representatives_section_are_located() {
    let text = r#"{
  "representatives": {
    "entry_level": 1,
    "channels": [{ "id": "phone", "name": "phone" }, { "id": "phone", "name": "again" }],
    "levels": [
      { "level": 1, "name": "one", "topics": [{ "id": "choose_doctor", "name": "x" }] },
      { "level": 2, "name": "two", "channels": ["phnoe"], "topics": [{ "id": "choose_doctor", "name": "y" }, { "id": "Bad Topic", "name": "z" }] }
    ],
    "checkup": { "name": "d", "age_basis": "age_reached_in_year",
                 "bands": [{ "from_age": 18, "to_age": 39, "every_years": 3 }, { "from_age": 30, "every_years": 0 }] }
  }
}"#;
    let problems = load(text);
    let found: Vec<(ProblemKind, &str, Option<usize>)> = problems
        .iter()
        .map(|p| (p.kind, p.path.as_str(), p.line))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                ProblemKind::Duplicate,
                "/representatives/channels/1/id",
                Some(4)
            ),
            (
                ProblemKind::UnknownReference,
                "/representatives/levels/1/channels/0",
                Some(7)
            ),
            (
                ProblemKind::Duplicate,
                "/representatives/levels/1/topics/0/id",
                Some(7)
            ),
            (
                ProblemKind::InvalidValue,
                "/representatives/levels/1/topics/1/id",
                Some(7)
            ),
            (
                ProblemKind::InvalidValue,
                "/representatives/levels/0/escalates",
                Some(6)
            ),
            (
                ProblemKind::InvalidValue,
                "/representatives/checkup/bands/1/every_years",
                Some(10)
            ),
            (
                ProblemKind::OverlappingValidity,
                "/representatives/checkup/bands/1",
                Some(10)
            ),
        ],
        "{problems:#?}"
    );
    assert!(problems.iter().all(|p| p.column.is_some()));
    assert_eq!(problems[1].help.as_deref(), Some("did you mean `phone`?"));

    let unknown_entry = text.replace("\"entry_level\": 1", "\"entry_level\": 4");
    let problems = load(&unknown_entry);
    assert!(problems
        .iter()
        .any(|p| p.kind == ProblemKind::UnknownReference
            && p.path == "/representatives/entry_level"
            && p.line == Some(3)
            && p.message == "unknown entry level `4`; defined levels: 1, 2"));

    let mistyped = text.replace("\"level\": 2,", "\"level\": \"two\",");
    let problems = load(&mistyped);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].kind, problems[0].path.as_str()),
        (ProblemKind::Type, "/representatives/levels/1/level")
    );
    assert_eq!(problems[0].line, Some(7));
}
