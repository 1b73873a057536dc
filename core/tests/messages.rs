//! Every explanation exists in English, Romanian, Russian and Portuguese,
//! with the same values; a missing translation fails here.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use medcover::messages::{pieces, Key, Lang, Piece, Slot};
use medcover::{EvaluateOptions, ReasonCode, RuleBook};
use std::collections::{BTreeMap, BTreeSet};

fn catalog(lang: Lang) -> BTreeMap<String, String> {
    serde_json::from_str(lang.catalog_source())
        .unwrap_or_else(|e| panic!("messages/{}.json: {e}", lang.code()))
}

/// The bundled rules and the example requests (JSON lines).
fn bundled_rules_and_requests() -> (RuleBook, String) {
    let book = RuleBook::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules")).unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/requests.jsonl"
    ))
    .unwrap();
    (book, text)
}

fn values(template: &str) -> BTreeSet<String> {
    pieces(template)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Value(name) => Some(name),
            Piece::Text(_) => None,
        })
        .collect()
}

#[test]
fn every_language_has_every_message_with_the_same_values() {
    let english = catalog(Lang::En);
    for lang in Lang::ALL {
        let other = catalog(lang);
        let missing: Vec<&String> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        assert!(
            missing.is_empty(),
            "messages/{}.json lacks {missing:?}",
            lang.code()
        );
        let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(
            extra.is_empty(),
            "messages/{}.json has keys English lacks: {extra:?}",
            lang.code()
        );
        for (key, template) in &english {
            assert_eq!(
                values(template),
                values(&other[key]),
                "{key} in {}",
                lang.code()
            );
            if lang != Lang::En {
                assert_ne!(
                    template,
                    &other[key],
                    "{key} in {} is not translated",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn the_catalogs_have_every_key_and_no_other() {
    let english = catalog(Lang::En);
    let keys: BTreeSet<&str> = Key::ALL.iter().map(|k| k.name()).collect();
    let written: BTreeSet<&str> = english.keys().map(String::as_str).collect();
    assert_eq!(written, keys, "messages/en.json against `messages::Key`");
    for key in Key::ALL {
        assert_eq!(Key::from_name(key.name()), Some(*key));
    }
}

#[test]
fn every_value_of_a_template_is_a_slot() {
    for lang in Lang::ALL {
        for (key, template) in catalog(lang) {
            for name in values(&template) {
                assert!(
                    Slot::from_name(&name).is_some(),
                    "{key} in {} names `{{{name}}}`, which is no `Slot`",
                    lang.code()
                );
            }
        }
    }
    for slot in Slot::ALL {
        assert_eq!(Slot::from_name(slot.name()), Some(*slot));
    }
}

#[test]
fn every_reason_code_has_a_message() {
    let english = catalog(Lang::En);
    for code in ReasonCode::ALL {
        let name = code.as_str();
        assert!(
            english
                .keys()
                .any(|k| k == name || k.starts_with(&format!("{name}."))),
            "no message for {name}"
        );
    }
    for key in english.keys() {
        let code = key.split('.').next().unwrap_or_default();
        assert!(
            ReasonCode::ALL.iter().any(|c| c.as_str() == code),
            "message `{key}` names no reason code"
        );
    }
}

#[test]
fn decisions_explain_themselves_in_the_chosen_language() {
    let (book, text) = bundled_rules_and_requests();
    let request = medcover::parse_request(text.lines().next().unwrap()).unwrap();
    let in_lang = |lang| {
        book.evaluate_with(
            &request,
            EvaluateOptions {
                lang,
                ..Default::default()
            },
        )
        .unwrap()
    };
    let en = in_lang(Lang::En);
    let ro = in_lang(Lang::Ro);
    let ru = in_lang(Lang::Ru);
    let pt = in_lang(Lang::Pt);
    let yag = |d: &medcover::Decision| d.lines[3].reasons[0].message.clone();
    assert_eq!(
        yag(&en),
        "clinic `ro-oftalmo-cluj` does not perform `OPH-YAG`; offered at: ro-oftalmo-brasov"
    );
    assert_eq!(yag(&ro), "clinica `ro-oftalmo-cluj` nu efectuează `OPH-YAG`; serviciul este oferit la: ro-oftalmo-brasov");
    assert!(yag(&ru).contains("ro-oftalmo-brasov") && yag(&ru).starts_with("клиника"));
    assert!(yag(&pt).contains("ro-oftalmo-brasov") && yag(&pt).starts_with("o prestador"));
    // Only the words change: codes, outcomes and money are the same.
    for d in [&ro, &ru, &pt] {
        for (a, b) in en.lines.iter().zip(&d.lines) {
            let codes = |l: &medcover::Line| l.reasons.iter().map(|r| r.code).collect::<Vec<_>>();
            assert_eq!(
                (codes(a), a.outcome, a.insurer_pays),
                (codes(b), b.outcome, b.insurer_pays)
            );
        }
    }
}

#[test]
fn without_messages_a_decision_is_the_same_but_for_its_messages() {
    let (book, text) = bundled_rules_and_requests();
    let quiet = EvaluateOptions {
        messages: false,
        ..Default::default()
    };
    assert!(EvaluateOptions::default().messages);
    let mut reasons = 0;
    for line in text.lines() {
        let request = medcover::parse_request(line).unwrap();
        let (Ok(mut told), Ok(untold)) =
            (book.evaluate(&request), book.evaluate_with(&request, quiet))
        else {
            continue;
        };
        for reason in told.lines.iter_mut().flat_map(|l| l.reasons.iter_mut()) {
            assert!(!reason.message.is_empty(), "{:?}", reason.code);
            reason.message.clear();
            reasons += 1;
        }
        assert_eq!(told, untold);
    }
    assert!(reasons > 10, "only {reasons} reasons");
}
