//! Property tests over generated requests on the bundled rules: the same
//! input gives the same decision, money always adds up, limits never go
//! below zero, and more history never covers more.

use medcover::{Decision, RuleBook};
use medcover_acceptance::bundled;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::sync::OnceLock;

fn book() -> &'static RuleBook {
    static BOOK: OnceLock<RuleBook> = OnceLock::new();
    BOOK.get_or_init(bundled)
}

/// A list of ids.
type Codes = &'static [&'static str];

/// (clinic, programs, services) per rule set.
const WORLDS: [(Codes, Codes, Codes); 3] = [
    (
        &["ro-oftalmo-cluj", "ro-oftalmo-brasov"],
        &["ro-omniasig/standard"],
        &[
            "OPH-CONSULT",
            "OPH-OCT",
            "OPH-PERIMETRY",
            "OPH-TONOMETRY",
            "OPH-FUNDUS",
            "OPH-ECHO",
            "OPH-YAG",
            "OPH-CATARACT",
        ],
    ),
    (
        &["ru-dent-center", "ru-dent-partner"],
        &[
            "ru-dms-dental/gl",
            "ru-dms-dental/attach-a",
            "ru-dms-dental/attach-b",
            "ru-dms-dental/attach-c",
            "ru-dms-dental/attach-d",
        ],
        &[
            "DENT-CONSULT",
            "DENT-XRAY",
            "DENT-FILLING",
            "DENT-PULPITIS",
            "DENT-EXTRACTION",
            "DENT-HYGIENE",
            "DENT-WHITENING",
            "DENT-IMPLANT",
            "DENT-CROWN",
            "DENT-BRACES",
        ],
    ),
    (
        &["br-hosp-sp", "br-clinic-campinas", "br-lab-rio"],
        &["br-plan/enfermaria"],
        &[
            "BR-CONSULT",
            "BR-BLOOD",
            "BR-MRI",
            "BR-EMERGENCY",
            "BR-CHILDBIRTH",
            "BR-PSYCHO",
            "BR-PROPHY",
            "BR-CARDIAC",
        ],
    ),
];

const BOOKED: [&str; 3] = ["insurer", "clinic", "walk_in"];
const STATUSES: [&str; 3] = ["active", "cancelled", "used"];

fn date(day: u32) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or_default();
    medcover::date::add_days(base, day).to_string()
}

prop_compose! {
    fn history_entry(services: Codes)(s in 0..services.len(), day in 0u32..900, qty in 1u32..4, amount in 0u32..60_000, letter in any::<bool>()) -> Value {
        json!({"date": date(day), "service": services[s], "quantity": qty, "amount": format!("{amount}.00"),
               "authorization": if letter { Some("DOC-1") } else { None }})
    }
}

prop_compose! {
    fn request()(world in 0..WORLDS.len())(
        world in Just(world),
        clinic in 0..WORLDS[world].0.len(),
        program in proptest::option::of(0..WORLDS[world].1.len()),
        lines in proptest::collection::vec((0..WORLDS[world].2.len(), 1u32..4), 1..5),
        history in proptest::collection::vec(history_entry(WORLDS[world].2), 0..12),
        day in 0u32..900,
        start in 0u32..700,
        length in 30u32..500,
        enrolled_before in 0u32..400,
        reason in 0usize..6,
        setting in any::<bool>(),
        relationship in 0usize..7,
        employer in any::<bool>(),
        pre_existing in any::<bool>(),
        booked in 0usize..3,
        doc in proptest::option::of((any::<bool>(), 0u32..40, proptest::collection::vec((0..WORLDS[world].2.len(), 1u32..3), 0..4), 0usize..3)),
    ) -> Value {
        let (clinics, programs, services) = WORLDS[world];
        let reasons = ["acute", "chronic_exacerbation", "trauma", "preventive", "planned", "acute"];
        let relationships = ["self", "spouse", "son", "daughter", "child", "parent", "other"];
        let mut member = json!({"id": "m-prop", "birth_date": "1990-02-28", "sex": "F",
            "relationship": relationships[relationship], "pre_existing": pre_existing});
        if employer { member["employer"] = json!("corp-volga"); }
        if let Some(p) = program {
            let start_day = start.min(day + 300);
            let enrolled = start_day.saturating_sub(enrolled_before);
            member["policy"] = json!({"number": "P", "program": programs[p], "start": date(start_day),
                "end": date(start_day + length), "enrolled": date(enrolled)});
        }
        let mut r = json!({"date": date(day), "clinic": clinics[clinic], "setting": if setting { "outpatient" } else { "inpatient" },
            "booked_via": BOOKED[booked], "reason": reasons[reason], "member": member,
            "history": history,
            "services": lines.iter().map(|(s, q)| json!({"code": services[*s], "quantity": q})).collect::<Vec<_>>()});
        if let Some((letter, offset, on_doc, status)) = doc {
            r["authorization"] = json!({"number": "DOC-1", "kind": if letter { "guarantee_letter" } else { "authorization" },
                "issued": date(day.saturating_sub(offset)), "valid_on": date(day.saturating_sub(offset % 2)),
                "services": on_doc.iter().map(|(s, q)| json!({"code": services[*s], "quantity": q})).collect::<Vec<_>>(),
                "during_consultation": [services[0]], "status": STATUSES[status]});
        }
        r
    }
}

fn decide(request: &Value) -> Decision {
    match book().evaluate_json(&request.to_string()) {
        Ok(d) => d,
        Err(e) => panic!("generated request refused: {e}\n{request}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn the_same_request_gives_the_same_decision(r in request()) {
        prop_assert_eq!(decide(&r), decide(&r));
    }

    #[test]
    fn money_adds_up_and_is_never_negative(r in request()) {
        let d = decide(&r);
        let mut total = Decimal::ZERO;
        let set = book().set(&d.ruleset).unwrap_or_else(|| panic!("rule set `{}`", d.ruleset));
        for line in &d.lines {
            let unit = set.service(&line.service).and_then(|s| s.price.at(d.date)).map(|(p, _)| *p).unwrap_or_default();
            prop_assert_eq!(line.price, medcover::money::round(unit * Decimal::from(line.quantity), &line.currency));
            prop_assert_eq!(line.price, line.insurer_pays + line.discount + line.patient_pays, "{:?}", line);
            prop_assert!(line.insurer_pays >= Decimal::ZERO && line.discount >= Decimal::ZERO && line.patient_pays >= Decimal::ZERO, "{:?}", line);
            prop_assert!(line.covered_quantity <= line.quantity);
            total += line.price;
        }
        prop_assert_eq!(d.totals.price, total);
        prop_assert_eq!(d.totals.price, d.totals.insurer_pays + d.totals.discount + d.totals.patient_pays);
    }

    #[test]
    fn limits_never_go_below_zero(r in request()) {
        for line in decide(&r).lines {
            for limit in &line.limits {
                prop_assert!(limit.remaining >= Decimal::ZERO, "{:?}", limit);
                prop_assert_eq!(limit.remaining, (limit.allowed - limit.used).max(Decimal::ZERO));
            }
        }
    }

    #[test]
    fn more_history_never_covers_more(r in request(), extra in 0usize..10, day in 0u32..900) {
        let before = decide(&r);
        let mut more = r.clone();
        let code = more["services"][0]["code"].clone();
        if let Some(history) = more["history"].as_array_mut() {
            history.push(json!({"date": date(day), "service": code, "quantity": 1 + extra as u32 % 3, "amount": "1000.00", "authorization": "DOC-1"}));
        }
        let after = decide(&more);
        for (b, a) in before.lines.iter().zip(&after.lines) {
            prop_assert!(a.covered_quantity <= b.covered_quantity, "{:?} -> {:?}", b, a);
            prop_assert!(a.insurer_pays <= b.insurer_pays, "{:?} -> {:?}", b, a);
        }
    }
}

/// The bundled `ru-dms-dental` rule set with one more program that no
/// generated request uses (it covers everything, with its own limits and
/// waiting periods).
fn with_unrelated_program() -> &'static RuleBook {
    static BOOK: OnceLock<RuleBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        let dir = medcover_acceptance::rules_dir().join("ru-dms-dental");
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
                (name, std::fs::read_to_string(&p).unwrap_or_default())
            })
            .collect();
        files.push((
            "unrelated.json".into(),
            json!({"programs": [{
                "id": "ru-dms-dental/unrelated", "access": "policy", "reasons": "any",
                "covers": [{"id": "everything", "services": {"all": true}}],
                "limits": [{"id": "consultations", "services": {"codes": ["DENT-CONSULT"]}, "count": 1}],
                "waiting_periods": [{"id": "all", "services": {"all": true}, "days": 400}]
            }]})
            .to_string(),
        ));
        match medcover::RuleSet::from_sources(files) {
            Ok(set) => RuleBook::new(vec![set]),
            Err(e) => panic!("{e}"),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn an_unrelated_program_never_changes_a_decision(r in request()) {
        // Only the dental world: the extra program lives in that rule set.
        prop_assume!(r["clinic"].as_str().is_some_and(|c| c.starts_with("ru-dent")));
        let before = decide(&r);
        let after = match with_unrelated_program().evaluate_json(&r.to_string()) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        prop_assert_eq!(before, after);
    }
}
