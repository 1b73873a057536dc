//! Helpdesk schedule and incident intake (`ro-cnas-helpdesk`), DOMAIN.md
//! §2.4 and acceptance scenarios 11 and 12.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use medcover::helpdesk::{
    parse_incident, parse_moment, Channel, DayKind, Helpdesk, Incident, IncidentProblemCode,
    IncidentVerdict,
};
use medcover::{ProblemKind, RuleSet};
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        RuleSet::load(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../rules/ro-cnas-helpdesk"
        ))
        .expect("bundled helpdesk rules load")
    })
}

fn helpdesk() -> &'static Helpdesk {
    rules()
        .helpdesk()
        .expect("the rule set has a helpdesk section")
}

fn channel(at: &str) -> Channel {
    helpdesk()
        .channel_at(parse_moment(at).expect("a valid moment"))
        .channel
}

use Channel::{HumanEmail as Human, Ivr};

#[test]
fn scenario_11_channels() {
    assert_eq!(channel("2026-03-10T10:15"), Human);
    assert_eq!(channel("2026-03-10T18:00"), Human);
    assert_eq!(channel("2026-03-10T18:01"), Ivr);
    assert_eq!(channel("2026-03-10T07:30"), Ivr);
    assert_eq!(channel("2026-03-14T09:00"), Human);
    assert_eq!(channel("2026-03-14T17:30"), Ivr);
    assert_eq!(channel("2026-12-01T12:00"), Human);
    assert_eq!(channel("2026-12-01T17:00"), Ivr);
}

#[test]
fn boundaries_by_the_minute_on_a_workday_a_weekend_and_a_holiday() {
    let expected = [
        // (time, workday, weekend, holiday)
        ("07:59", Ivr, Ivr, Ivr),
        ("08:00", Human, Human, Human),
        ("16:00", Human, Human, Human),
        ("16:01", Human, Ivr, Ivr),
        ("18:00", Human, Ivr, Ivr),
        ("18:01", Ivr, Ivr, Ivr),
    ];
    // Tuesday 2026-03-10; Saturday 2026-03-14; Tuesday 2026-12-01 (Ziua Națională).
    for (time, workday, weekend, holiday) in expected {
        assert_eq!(
            channel(&format!("2026-03-10T{time}")),
            workday,
            "workday {time}"
        );
        assert_eq!(
            channel(&format!("2026-03-14T{time}")),
            weekend,
            "weekend {time}"
        );
        assert_eq!(
            channel(&format!("2026-12-01T{time}")),
            holiday,
            "holiday {time}"
        );
    }
    // Sunday, too.
    assert_eq!(channel("2026-03-15T16:00"), Human);
    assert_eq!(channel("2026-03-15T16:01"), Ivr);
    // Seconds do not matter: the schedule works by the minute.
    assert_eq!(channel("2026-03-10T18:00:59"), Human);
    assert_eq!(channel("2026-03-14T16:00:59"), Human);
}

#[test]
fn day_kinds_put_holidays_before_weekends() {
    let h = helpdesk();
    let day = |d: &str| h.day_kind(medcover::date::parse(d).unwrap());
    assert_eq!(day("2026-03-10"), DayKind::Workday);
    assert_eq!(day("2026-03-14"), DayKind::Weekend);
    assert_eq!(day("2026-12-01"), DayKind::PublicHoliday);
    // 2026-01-24 is a Saturday and a public holiday.
    assert_eq!(day("2026-01-24"), DayKind::PublicHoliday);
    assert_eq!(h.public_holidays().count(), 16);
}

#[test]
fn the_answer_says_when_a_human_answers_next() {
    let h = helpdesk();
    let friday_evening = h.channel_at(parse_moment("2026-03-13T18:01").unwrap());
    assert_eq!(
        friday_evening.next_human_email,
        parse_moment("2026-03-14T08:00")
    );
    let early = h.channel_at(parse_moment("2026-03-10T07:30").unwrap());
    assert_eq!(early.next_human_email, parse_moment("2026-03-10T08:00"));
    let open = h.channel_at(parse_moment("2026-03-10T10:15").unwrap());
    assert_eq!(open.next_human_email, None);
    assert_eq!(
        open.window.map(|w| w.to.to_string()),
        Some("18:00".to_owned())
    );

    let json =
        serde_json::to_value(h.channel_at(parse_moment("2026-12-01T17:00").unwrap())).unwrap();
    assert_eq!(json["channel"], "ivr");
    assert_eq!(json["at"], "2026-12-01T17:00");
    assert_eq!(json["day_kind"], "public_holiday");
    assert_eq!(json["holiday"]["name"], "Ziua Națională a României");
    assert_eq!(json["next_human_email"], "2026-12-02T08:00");
    assert_eq!(json["human_email_windows"][0]["to"], "16:00");
    assert_eq!(json["holidays_listed_for_year"], true);

    let next_year = h.channel_at(parse_moment("2027-03-10T10:00").unwrap());
    assert!(!next_year.holidays_listed_for_year);
}

fn complete_siui() -> Incident {
    parse_incident(
        r#"{
            "system": "SIUI",
            "subject": "Eroare la validarea serviciilor medicale",
            "header": {
                "provider_type": "CLINIC",
                "provider": "RO12345678 / Clinica Exemplu SRL",
                "doctor": "A12345",
                "problem_category": "validare"
            },
            "body": "La validarea serviciilor din luna martie apare eroarea E-102. Detalii in documentul atasat.",
            "contact_phone": "0722 123 456",
            "attachments": ["eroare.docx"]
        }"#,
    )
    .expect("a well-formed incident")
}

fn codes(verdict: &IncidentVerdict) -> Vec<(IncidentProblemCode, &str)> {
    verdict
        .problems
        .iter()
        .map(|p| (p.code, p.field.as_str()))
        .collect()
}

#[test]
fn scenario_12_a_complete_siui_incident_is_accepted() {
    let verdict = helpdesk().validate_incident(&complete_siui());
    assert!(verdict.accepted, "{verdict:?}");
    assert_eq!(verdict.system.as_deref(), Some("SIUI"));
    assert_eq!(verdict.to.as_deref(), Some("suport.siui@casan.ro"));
    assert!(verdict.problems.is_empty());
    let json = serde_json::to_value(&verdict).unwrap();
    assert_eq!(json["accepted"], true);
    assert_eq!(json["to"], "suport.siui@casan.ro");
    assert_eq!(json["problems"], serde_json::json!([]));
}

#[test]
fn scenario_12_a_pdf_attachment_is_refused() {
    let mut incident = complete_siui();
    incident.attachments = vec!["captura.pdf".into()];
    let verdict = helpdesk().validate_incident(&incident);
    assert!(!verdict.accepted);
    assert_eq!(
        codes(&verdict),
        vec![(
            IncidentProblemCode::AttachmentTypeNotAllowed,
            "attachments[0]"
        )]
    );
    let json = serde_json::to_value(&verdict).unwrap();
    assert_eq!(json["problems"][0]["code"], "ATTACHMENT_TYPE_NOT_ALLOWED");
    assert_eq!(json["problems"][0]["field"], "attachments[0]");
    // Extensions compare case-insensitively; .doc is allowed too.
    incident.attachments = vec![
        "EROARE.DOCX".into(),
        "detalii.doc".into(),
        "fara_extensie".into(),
    ];
    let verdict = helpdesk().validate_incident(&incident);
    assert_eq!(
        codes(&verdict),
        vec![(
            IncidentProblemCode::AttachmentTypeNotAllowed,
            "attachments[2]"
        )]
    );
}

#[test]
fn scenario_12_a_cnp_in_the_body_is_personal_data() {
    let mut incident = complete_siui();
    incident.body = Some("Pacientul cu CNP 2850312400014 nu poate fi validat.".into());
    let verdict = helpdesk().validate_incident(&incident);
    assert!(!verdict.accepted);
    assert_eq!(
        codes(&verdict),
        vec![(IncidentProblemCode::PersonalData, "body")]
    );
    // The number itself is never repeated.
    let json = serde_json::to_string(&verdict).unwrap();
    assert!(!json.contains("2850312400014"));
    assert!(!format!("{incident:?}").contains("2850312400014"));
}

#[test]
fn scenario_12_a_provider_type_off_the_list_is_invalid() {
    let mut incident = complete_siui();
    incident
        .header
        .insert("provider_type".into(), "CLINICA".into());
    let verdict = helpdesk().validate_incident(&incident);
    assert!(!verdict.accepted);
    assert_eq!(
        codes(&verdict),
        vec![(
            IncidentProblemCode::InvalidFieldValue,
            "header.provider_type"
        )]
    );
    assert_eq!(
        verdict.problems[0].help.as_deref(),
        Some("did you mean `CLINIC`?")
    );
    assert_eq!(
        serde_json::to_value(&verdict).unwrap()["problems"][0]["code"],
        "INVALID_FIELD_VALUE"
    );
}

#[test]
fn values_of_fixed_lists_compare_ignoring_case_and_diacritics() {
    let mut incident = complete_siui();
    incident
        .header
        .insert("provider_type".into(), "Îngrijiri la  domiciliu".into());
    incident
        .header
        .insert("problem_category".into(), "Factură electronică".into());
    assert!(helpdesk().validate_incident(&incident).accepted);
}

#[test]
fn missing_fields_are_reported_all_at_once() {
    let mut incident = complete_siui();
    incident.subject = None;
    incident.body = Some("   ".into());
    incident.header.remove("provider");
    incident.header.remove("problem_category");
    incident.header.remove("doctor"); // optional
    let verdict = helpdesk().validate_incident(&incident);
    assert_eq!(
        codes(&verdict),
        vec![
            (IncidentProblemCode::MissingField, "subject"),
            (IncidentProblemCode::MissingField, "body"),
            (IncidentProblemCode::MissingField, "header.provider"),
            (IncidentProblemCode::MissingField, "header.problem_category"),
        ]
    );
    assert_eq!(
        serde_json::to_value(&verdict).unwrap()["problems"][0]["code"],
        "MISSING_FIELD"
    );
}

#[test]
fn each_system_has_its_own_header_and_address() {
    let ceas = parse_incident(
        r#"{"system": "ceas", "subject": "Cardul nu este citit",
            "header": {"provider": "RO123 / Cabinet Medical", "problem_category": "functionare"},
            "body": "Cititorul nu recunoaste cardul national."}"#,
    )
    .unwrap();
    let verdict = helpdesk().validate_incident(&ceas);
    assert!(verdict.accepted, "{verdict:?}");
    assert_eq!(verdict.system.as_deref(), Some("CEAS"));
    assert_eq!(verdict.to.as_deref(), Some("suport.ceas@casan.ro"));
    assert_eq!(verdict.phone.as_deref(), Some("0800 800 950"));

    // SIPE has no provider type and no doctor; its categories differ from SIUI's.
    let sipe = parse_incident(
        r#"{"system": "SIPE", "subject": "Reteta nu se poate inscrie",
            "header": {"provider": "RO123 / Farmacia X", "subunit": "Punct de lucru 2",
                       "problem_category": "decontare", "provider_type": "FARMACII"},
            "body": "Eroare la inscrierea retetei."}"#,
    )
    .unwrap();
    let verdict = helpdesk().validate_incident(&sipe);
    assert_eq!(verdict.to.as_deref(), Some("suport.sipe@casan.ro"));
    assert_eq!(
        codes(&verdict),
        vec![
            (
                IncidentProblemCode::InvalidFieldValue,
                "header.problem_category"
            ),
            (
                IncidentProblemCode::InvalidFieldValue,
                "header.provider_type"
            ),
        ]
    );
}

#[test]
fn an_unknown_system_is_an_invalid_value_with_a_suggestion() {
    let mut incident = complete_siui();
    incident.system = Some("SIU".into());
    let verdict = helpdesk().validate_incident(&incident);
    assert_eq!(
        codes(&verdict),
        vec![(IncidentProblemCode::InvalidFieldValue, "system")]
    );
    assert_eq!(verdict.system, None);
    assert_eq!(verdict.to, None);
    assert!(verdict.problems[0]
        .message
        .contains("known systems: SIUI, CEAS, SIPE"));
    assert_eq!(
        verdict.problems[0].help.as_deref(),
        Some("did you mean `SIUI`?")
    );

    incident.system = None;
    let verdict = helpdesk().validate_incident(&incident);
    assert_eq!(
        codes(&verdict),
        vec![(IncidentProblemCode::MissingField, "system")]
    );
}

#[test]
fn personal_data_is_found_in_subject_body_and_attachment_names() {
    let mut incident = complete_siui();
    incident.subject = Some("Asigurat cu SNILS 112-233-445 95".into());
    incident.body = Some("Raspundeti la ion.popescu@gmail.com sau la suport.siui@casan.ro".into());
    incident.attachments = vec!["2850312400014.docx".into()];
    let verdict = helpdesk().validate_incident(&incident);
    assert_eq!(
        codes(&verdict),
        vec![
            (IncidentProblemCode::PersonalData, "subject"),
            (IncidentProblemCode::PersonalData, "body"),
            (IncidentProblemCode::PersonalData, "attachments[0]"),
        ]
    );
    let messages: Vec<&str> = verdict
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "the subject contains an insurance account number (SNILS); the e-mail must not contain personal data",
            "the body contains a person's e-mail address; the e-mail must not contain personal data",
            "an attachment's file name contains a personal numeric code (CNP); the e-mail must not contain personal data",
        ]
    );
}

#[test]
fn a_contact_phone_is_allowed_but_must_be_a_phone() {
    let mut incident = complete_siui();
    incident.body = Some("Va rog sa ma sunati la 0722 123 456 sau +40 722 123 456.".into());
    incident.contact_phone = Some("+40 (722) 123-456".into());
    assert!(helpdesk().validate_incident(&incident).accepted);
    incident.contact_phone = Some("sunati dupa ora 10".into());
    let verdict = helpdesk().validate_incident(&incident);
    assert_eq!(
        codes(&verdict),
        vec![(IncidentProblemCode::InvalidFieldValue, "contact_phone")]
    );
    incident.contact_phone = Some("2850312400014".into());
    let verdict = helpdesk().validate_incident(&incident);
    assert_eq!(
        codes(&verdict),
        vec![(IncidentProblemCode::PersonalData, "contact_phone")]
    );
}

#[test]
fn header_fields_the_system_does_not_use_are_invalid() {
    let mut incident = complete_siui();
    incident.header.insert("provder".into(), "x".into());
    let verdict = helpdesk().validate_incident(&incident);
    assert_eq!(
        codes(&verdict),
        vec![(IncidentProblemCode::InvalidFieldValue, "header.provder")]
    );
    assert_eq!(
        verdict.problems[0].help.as_deref(),
        Some("did you mean `provider`?")
    );
}

#[test]
fn malformed_incidents_are_errors_naming_the_field() {
    let err = parse_incident("{\"system\": ").unwrap_err();
    assert_eq!(err.kind, medcover::RequestErrorKind::Malformed);
    let err = parse_incident(r#"{"system": "SIUI", "attachments": "eroare.docx"}"#).unwrap_err();
    assert_eq!(err.kind, medcover::RequestErrorKind::InvalidField);
    assert_eq!(err.path, "attachments");
    let err = parse_incident(r#"{"system": "SIUI", "atachments": []}"#).unwrap_err();
    assert!(
        err.message.contains("unknown field `atachments`"),
        "{}",
        err.message
    );
}

const MANIFEST: &str =
    r#"{"ruleset": {"id": "hd", "name": "helpdesk fixture", "currency": "RON"}}"#;

fn load(helpdesk: &str) -> Vec<medcover::RuleProblem> {
    let files = vec![
        ("ruleset.json".to_owned(), MANIFEST.to_owned()),
        ("helpdesk.json".to_owned(), helpdesk.to_owned()),
    ];
    match RuleSet::from_sources(files) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems,
    }
}

const BAD: &str = r#"{
  "helpdesk": {
    "schedule": {
      "workday": { "human_email": [{ "from": "08:00", "to": "18:00" }, { "from": "17:00", "to": "20:00" }] },
      "weekend": { "human_email": [{ "from": "16:00", "to": "08:00" }] },
      "public_holiday": { "human_email": [] }
    },
    "public_holidays": [{ "date": "2026-12-01" }, { "date": "2026-12-01" }],
    "fields": [{ "id": "provider", "label": "COD FISCAL" }],
    "systems": [
      { "id": "SIUI", "name": "x", "email": "suport.siui@casan.ro",
        "header": [{ "field": "provder" }, { "field": "provider", "values": [] }] },
      { "id": "siui", "name": "y", "email": "not-an-address", "header": [] }
    ],
    "attachments": { "allowed_extensions": [".docx", "d o c"] },
    "personal_data": { "detect": ["cnp"] }
  }
}"#;

#[test]
fn problems_in_the_helpdesk_section_are_located() {
    let problems = load(BAD);
    let found: Vec<(ProblemKind, &str, Option<usize>)> = problems
        .iter()
        .map(|p| (p.kind, p.path.as_str(), p.line))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                ProblemKind::OverlappingValidity,
                "/helpdesk/schedule/workday/human_email/1",
                Some(4)
            ),
            (
                ProblemKind::InvalidValue,
                "/helpdesk/schedule/weekend/human_email/0/to",
                Some(5)
            ),
            (
                ProblemKind::Duplicate,
                "/helpdesk/public_holidays/1/date",
                Some(8)
            ),
            (
                ProblemKind::UnknownReference,
                "/helpdesk/systems/0/header/0/field",
                Some(12)
            ),
            (
                ProblemKind::InvalidValue,
                "/helpdesk/systems/0/header/1/values",
                Some(12)
            ),
            (ProblemKind::Duplicate, "/helpdesk/systems/1/id", Some(13)),
            (
                ProblemKind::InvalidValue,
                "/helpdesk/systems/1/email",
                Some(13)
            ),
            (
                ProblemKind::InvalidValue,
                "/helpdesk/attachments/allowed_extensions/1",
                Some(15)
            ),
        ],
        "{problems:#?}"
    );
    assert!(problems
        .iter()
        .all(|p| p.column.is_some() && p.file.ends_with("helpdesk.json")));
    let unknown = &problems[3];
    assert_eq!(unknown.help.as_deref(), Some("did you mean `provider`?"));
    let shown = unknown.to_string();
    assert!(shown.starts_with("helpdesk.json:12:"), "{shown}");
    assert!(
        shown.ends_with(": unknown field `provder` (help: did you mean `provider`?)"),
        "{shown}"
    );
}

#[test]
fn a_bad_time_is_a_located_type_problem() {
    let text = BAD.replace("\"from\": \"17:00\"", "\"from\": \"25:00\"");
    let problems = load(&text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert_eq!(p.kind, ProblemKind::Type);
    assert_eq!(p.path, "/helpdesk/schedule/workday/human_email/1/from");
    assert_eq!((p.line, p.column), (Some(4), Some(82)));
    assert!(p.message.contains("invalid time `25:00`"), "{}", p.message);
}
