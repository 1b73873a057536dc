//! The quick reader agrees with serde_json: on generated requests (compact
//! and pretty) it returns what serde_json returns, and on any text it
//! accepts, edited at random or written by hand to be odd, serde_json
//! accepts the same request; where serde_json refuses, it gives up.

use super::read;
use crate::request::{
    Authorization, BookedVia, CaseReason, DocumentKind, DocumentStatus, HistoryEntry, Member,
    Policy, Relationship, Request, ServiceRequest, Setting, Sex, Text,
};
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn serde(text: &str) -> Option<Request> {
    serde_json::from_str(text).ok()
}

/// The one property every text must have: what the reader accepts, serde_json
/// accepts as the same request.
fn agrees(text: &str) -> Result<(), TestCaseError> {
    if let Some(quick) = read(text) {
        prop_assert_eq!(serde(text), Some(quick), "text: {}", text);
    }
    Ok(())
}

/// Short texts (held inline), longer ones (on the heap), any, and odd ones.
fn text() -> impl Strategy<Value = Text> {
    prop_oneof![
        4 => "[A-Za-z0-9/_. -]{0,14}",
        1 => "[a-z]{20,40}",
        1 => any::<String>(),
        1 => "[\"\\\\\u{0}-\u{1f}a-z]{0,6}",
    ]
    .prop_map(Text::from)
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1i32..9999, 1u32..=12, 1u32..=31)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d.min(28)).unwrap_or_default())
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..6).prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn service() -> impl Strategy<Value = ServiceRequest> {
    (text(), any::<u32>()).prop_map(|(code, quantity)| ServiceRequest { code, quantity })
}

fn history_entry() -> impl Strategy<Value = HistoryEntry> {
    (
        date(),
        text(),
        any::<u32>(),
        proptest::option::of(decimal()),
        proptest::option::of(text()),
    )
        .prop_map(
            |(date, service, quantity, amount, authorization)| HistoryEntry {
                date,
                service,
                quantity,
                amount,
                authorization,
            },
        )
}

fn authorization() -> impl Strategy<Value = Authorization> {
    (
        text(),
        prop_oneof![
            Just(DocumentKind::Authorization),
            Just(DocumentKind::GuaranteeLetter)
        ],
        proptest::option::of(date()),
        proptest::option::of(date()),
        proptest::option::of(text()),
        proptest::collection::vec(service(), 0..3),
        proptest::collection::vec(text(), 0..3),
        prop_oneof![
            Just(DocumentStatus::Active),
            Just(DocumentStatus::Cancelled),
            Just(DocumentStatus::Used)
        ],
    )
        .prop_map(
            |(number, kind, issued, valid_on, clinic, services, during_consultation, status)| {
                Authorization {
                    number,
                    kind,
                    issued,
                    valid_on,
                    clinic,
                    services,
                    during_consultation,
                    status,
                }
            },
        )
}

fn member() -> impl Strategy<Value = Member> {
    let policy = (text(), text(), date(), date(), proptest::option::of(date())).prop_map(
        |(number, program, start, end, enrolled)| Policy {
            number,
            program,
            start,
            end,
            enrolled,
        },
    );
    let relationship = prop_oneof![
        Just(Relationship::Himself),
        Just(Relationship::Spouse),
        Just(Relationship::Son),
        Just(Relationship::Daughter),
        Just(Relationship::Child),
        Just(Relationship::Parent),
        Just(Relationship::Other),
    ];
    (
        text(),
        proptest::option::of(text()),
        date(),
        prop_oneof![Just(Sex::F), Just(Sex::M)],
        proptest::option::of(text()),
        relationship,
        proptest::option::of(text()),
        any::<bool>(),
        proptest::option::of(policy),
    )
        .prop_map(
            |(
                id,
                name,
                birth_date,
                sex,
                national_id,
                relationship,
                employer,
                pre_existing,
                policy,
            )| {
                Member {
                    id,
                    name,
                    birth_date,
                    sex,
                    national_id,
                    relationship,
                    employer,
                    pre_existing,
                    policy,
                }
            },
        )
}

fn request() -> impl Strategy<Value = Request> {
    let reason = prop_oneof![
        Just(CaseReason::Acute),
        Just(CaseReason::ChronicExacerbation),
        Just(CaseReason::Trauma),
        Just(CaseReason::Preventive),
        Just(CaseReason::Planned),
    ];
    (
        proptest::option::of(text()),
        date(),
        text(),
        prop_oneof![
            Just(BookedVia::Insurer),
            Just(BookedVia::Clinic),
            Just(BookedVia::WalkIn)
        ],
        prop_oneof![Just(Setting::Outpatient), Just(Setting::Inpatient)],
        proptest::option::of(reason),
        member(),
        proptest::option::of(authorization()),
        proptest::collection::vec(history_entry(), 0..4),
        proptest::collection::vec(service(), 0..3),
    )
        .prop_map(
            |(
                id,
                date,
                clinic,
                booked_via,
                setting,
                reason,
                member,
                authorization,
                history,
                services,
            )| {
                Request {
                    id,
                    date,
                    clinic,
                    booked_via,
                    setting,
                    reason,
                    member,
                    authorization,
                    history,
                    services,
                }
            },
        )
}

/// One random edit of `text`: a character deleted, inserted or replaced.
fn edit(text: &str, at: usize, kind: u8, with: char) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    match kind % 3 {
        0 if at < chars.len() => {
            chars.remove(at);
        }
        1 if at < chars.len() => chars[at] = with,
        _ => chars.insert(at, with),
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn a_written_request_reads_back_as_itself(request in request(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&request)
        } else {
            serde_json::to_string(&request)
        }
        .unwrap();
        prop_assert_eq!(crate::parse_request(&text).ok(), Some(request.clone()));
        // Without escapes the text is in the reader's shape: it reads it itself.
        if !text.contains('\\') {
            prop_assert_eq!(read(&text), Some(request.clone()));
            // Fields in another order (a `Value` sorts them) read as well.
            let sorted = serde_json::to_value(&request).unwrap().to_string();
            prop_assert_eq!(read(&sorted), Some(request));
        } else {
            agrees(&text)?;
        }
    }

    #[test]
    fn an_edited_request_is_read_as_serde_json_reads_it(
        request in request(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), prop_oneof![
            Just('"'), Just('\\'), Just(','), Just(':'), Just('{'), Just('}'), Just('['), Just(']'),
            Just(' '), Just('\n'), Just('0'), Just('1'), Just('-'), Just('.'), Just('e'), Just('n'),
            Just('\u{1}'), Just('é'), any::<char>()]), 1..4),
    ) {
        let mut text = serde_json::to_string(&request).unwrap();
        for (at, kind, with) in edits {
            text = edit(&text, at, kind, with);
            agrees(&text)?;
        }
    }
}

proptest! {
    /// A decimal read as plain digits is what rust_decimal reads, to the
    /// scale (`1.50` is not `1.5`); the usual forms are read that way.
    #[test]
    fn a_plain_decimal_is_read_as_rust_decimal_reads_it(
        text in prop_oneof![
            "[0-9]{1,12}(\\.[0-9]{1,7})?",
            "[0-9]{0,21}\\.?[0-9]{0,21}",
            "[0-9._eE+-]{0,6}",
        ],
    ) {
        let quick = super::plain_decimal(text.as_bytes());
        if let Some(quick) = quick {
            let full: Decimal = text.parse().unwrap();
            prop_assert_eq!((quick.mantissa(), quick.scale()), (full.mantissa(), full.scale()));
        }
        let usual = text.len() <= 19
            && !text.starts_with('.')
            && !text.ends_with('.')
            && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && text.matches('.').count() <= 1
            && !text.is_empty();
        prop_assert_eq!(quick.is_some(), usual, "text: {}", text);
    }
}

/// Texts at the edges of the shape; the reader gives up on each one that
/// serde_json refuses, and agrees with it on the others.
#[test]
fn odd_texts_are_left_to_serde_json() {
    let member = r#""member": {"id": "m", "birth_date": "1990-01-01", "sex": "F"}"#;
    let base = |rest: &str| {
        format!(
            r#"{{"date": "2026-05-10", "clinic": "c", {member}, "services": [{{"code": "S"}}]{rest}}}"#
        )
    };
    let refused = [
        base(r#", "date": "2026-05-11""#),
        base(r#", "id": null, "id": "x""#),
        base(r#", "booked_via": null"#),
        base(r#", "unknown": 1"#),
        base(","),
        base(r#", "history": [{"date": "2026-01-01", "service": "S", "quantity": 01}]"#),
        base(r#", "history": [{"date": "2026-01-01", "service": "S", "quantity": -1}]"#),
        base(r#", "history": [{"date": "2026-01-01", "service": "S", "quantity": 1.0}]"#),
        base(r#", "history": [{"date": "2026-01-01", "service": "S", "quantity": 1e2}]"#),
        base(r#", "history": [{"date": "2026-01-01", "service": "S", "quantity": 4294967296}]"#),
        base(r#", "history": [{"date": "2026-01-01", "service": "S", "amount": 10.5}]"#),
        base(r#", "history": [{"date": "2026-02-30", "service": "S"}]"#),
        base(r#", "history": [{"date": "2026-01-01", "service": "S",}]"#),
        base(r#", "setting": "Outpatient""#),
        base(r#", "history": [{"date": "2026-1-01", "service": "S"}]"#),
        base(r#", "history": [{"date": "2026-01-011", "service": "S"}]"#),
        base(r#", "history": [{"date": "2026-01-0\"", "service": "S"}]"#),
        base(r#", "datum": "2026-05-11""#),
        base(r#", "dat": "2026-05-11""#),
        base(r#", "id": "a	b""#),
        format!("{} x", base("")),
        format!("\u{feff}{}", base("")),
        base("").replace(r#""sex": "F""#, r#""sex": "F", "pre_existing": tru"#),
        base("").replace(
            r#""services": [{"code": "S"}]"#,
            r#""services": [{"code": "S"},]"#,
        ),
        base("").replace(r#""services": [{"code": "S"}]"#, ""),
    ];
    for text in &refused {
        assert_eq!(read(text), None, "read: {text}");
        assert_eq!(serde(text), None, "serde_json: {text}");
    }
    let accepted = [
        base(""),
        base(r#", "id": "caf\u00e9""#),
        base(r#", "\u0069d": "x""#),
        base(
            r#", "history": [{"date": "2026-01-01", "service": "S", "quantity": 0, "amount": "1e3"}]"#,
        ),
        base(r#", "history": [{"date": "2026-01-01", "service": "S", "quantity": 4294967295}]"#),
        base(r#", "reason": null"#),
        format!(" \n\t{}\r\n ", base("")),
        base("").replace(": ", ":").replace(", ", ","),
        base(r#", "history": [{"date": "2026-01-01", "service": "S", "quantity": 2}]"#),
        base(r#", "history": [{"d\u0061te": "2026-01-01", "service": "S"}]"#),
        base(r#", "history": [{"date": "2026-01-0\u0031", "service": "S"}]"#),
        base("").replace(r#"{"code": "S"}"#, r#"{"quantity": 3, "code": "S"}"#),
        base("").replace(": ", " :\t\n"),
    ];
    for text in &accepted {
        let expected = serde(text);
        assert!(expected.is_some(), "serde_json refused {text}");
        let quick = read(text);
        assert!(quick.is_none() || quick == expected, "read differs: {text}");
    }
    // The usual shape, with every optional part, is the reader's own.
    assert_eq!(read(&accepted[0]), serde(&accepted[0]));
    assert!(read(&accepted[3]).is_some());
    assert!(read(&accepted[4]).is_some());
    // A key at the very end of the text (fewer bytes left than the longest
    // key) and keys out of their usual order.
    assert_eq!(read(&accepted[8]), serde(&accepted[8]));
    assert_eq!(read(&accepted[11]), serde(&accepted[11]));
    // Whitespace on both sides of a colon.
    assert_eq!(read(&accepted[12]), serde(&accepted[12]));
}

/// Texts up to 24 bytes are held inline (no allocation), longer ones on the
/// heap; both read back as written, by the reader and by serde_json alike.
#[test]
fn short_texts_are_inline_and_long_ones_are_not() {
    let long = "a-clinic-id-longer-than-24-bytes";
    let text = format!(
        r#"{{"id": "r-1", "date": "2026-05-10", "clinic": "{long}", "member": {{"id": "m-1", "birth_date": "1990-01-01", "sex": "F"}}, "services": [{{"code": "CONS-24-BYTES-EXACTLY-XX"}}]}}"#
    );
    for request in [read(&text), serde(&text)] {
        let request = request.unwrap();
        assert_eq!(request.clinic, long);
        assert!(request.clinic.is_heap_allocated());
        assert_eq!(request.services[0].code.len(), 24);
        assert!(!request.services[0].code.is_heap_allocated());
        assert!(!request.member.id.is_heap_allocated());
        assert!(!request.id.unwrap().is_heap_allocated());
    }
}
