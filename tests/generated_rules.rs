//! Property tests over generated rule sets (issue #8).
//!
//! Each case is a small random but valid rule set, built in memory as JSON
//! sources (two to six services in four categories with plain or dated
//! prices, one to three clinics offering subsets of them, one to three
//! programs of every access mode, some extending another, with coverage
//! entries by category, code and tag, insurer shares, count and amount
//! limits and waiting periods in days or months, optional rosters, a
//! corporate client and discounts, entries optionally in dated versions),
//! plus a random request against it (a member with or without a policy on
//! one of the programs, dates, an optional authorization or guarantee
//! letter, one to four service lines, a random history). The rule set must
//! load through [`RuleSet::from_sources`]; then, through the public API only:
//!
//! 1. the same input always gives the same decision (twice on one loaded
//!    set, on a second copy loaded from the same files in reverse order,
//!    and with a trace asked for);
//! 2. money adds up on every line (price = insurer + discount + patient,
//!    none negative, price = unit price × quantity) and the totals are the
//!    sums of the lines;
//! 3. what remains of a limit is never below zero (and is allowed − used);
//! 4. more history never covers more: adding history entries never turns a
//!    not-covered line into a covered one and never raises the units covered
//!    or what the insurer pays. Checked for each line as a request of its
//!    own: within one request, a line that history stops early can leave
//!    limit room to a later line, which is right, not a violation;
//! 5. adding an unrelated program (an id no request uses, arbitrary terms,
//!    anywhere in the program list) never changes a decision;
//! 6. the first line of a request is decided as if it were alone (nothing
//!    of the lines after it leaks into it);
//! 7. a count limit's `used` on a line is exactly what the history used in
//!    the policy year plus the units the request's lines so far (this one
//!    included) actually had covered under that limit.
//!
//! A failing case prints the generated rule files and the request as JSON.
//! Each property runs 128 cases (a few seconds in debug); set
//! `PROPTEST_CASES` to run more.

use chrono::{NaiveDate, TimeDelta};
use medcover::rules::model::LimitAllowance;
use medcover::{Decision, LimitUnit, Outcome, RuleSet};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::subsequence;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::fmt;

/// Days from [`base`] over which every generated date falls.
const SPAN: i64 = 900;
const CATEGORIES: [&str; 4] = ["consultation", "diagnostics", "therapy", "surgery"];
const CURRENCIES: [&str; 4] = ["EUR", "RON", "JPY", "KWD"];
const REASONS: [&str; 5] = [
    "acute",
    "chronic_exacerbation",
    "trauma",
    "preventive",
    "planned",
];
const RELATIONSHIPS: [&str; 7] = [
    "self", "spouse", "son", "daughter", "child", "parent", "other",
];
const ACCESS: [&str; 4] = ["policy", "authorization", "guarantee_letter", "attachment"];
/// The member every generated request is about (rosters list it).
const MEMBER: &str = "m-1";
const UNRELATED: &str = "gen/unrelated";

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).expect("a valid date")
}

fn day(offset: i64) -> String {
    (base() + TimeDelta::days(offset)).to_string()
}

fn code(i: usize) -> String {
    format!("S{i}")
}

// ---------------------------------------------------------------------------
// Values

/// Money with two decimals, now and then with three (finer than most
/// currencies' minor unit, to exercise rounding).
fn money(max_cents: u32) -> BoxedStrategy<String> {
    prop_oneof![
        9 => (0..max_cents).prop_map(|c| format!("{}.{:02}", c / 100, c % 100)),
        1 => (0..max_cents * 10).prop_map(|m| format!("{}.{:03}", m / 1000, m % 1000)),
    ]
    .boxed()
}

/// A percent from 0 to 100, sometimes with a decimal.
fn percent() -> BoxedStrategy<String> {
    prop_oneof![
        3 => (0u32..=100).prop_map(|p| p.to_string()),
        1 => (0u32..=1000).prop_map(|p| format!("{}.{}", p / 10, p % 10)),
        1 => Just("100".to_owned()),
    ]
    .boxed()
}

/// A plain value, or two dated versions meeting on a split day (always one
/// in force); with `gaps`, also a single version with days outside it.
fn dated(value: BoxedStrategy<String>, gaps: bool) -> BoxedStrategy<Value> {
    let split = (value.clone(), value.clone(), 0..SPAN).prop_map(|(a, b, s)| {
        json!([{"value": a, "valid_to": day(s)},
               {"value": b, "valid_from": day(s + 1), "source": "generated"}])
    });
    let plain = value.clone().prop_map(|v| json!(v));
    if gaps {
        let window = (value, 0..SPAN, 0..SPAN).prop_map(|(a, from, len)| {
            json!([{"value": a, "valid_from": day(from), "valid_to": day(from + len)}])
        });
        prop_oneof![3 => plain, 2 => split, 1 => window].boxed()
    } else {
        prop_oneof![3 => plain, 2 => split].boxed()
    }
}

/// The validity windows of the versions of one list entry: always in
/// force, one window, or two versions that meet on a split day.
type Windows = Vec<(Option<i64>, Option<i64>)>;

fn windows() -> BoxedStrategy<Windows> {
    prop_oneof![
        3 => Just(vec![(None, None)]),
        1 => (option::of(0..SPAN), option::of(0..SPAN)).prop_map(|w| match w {
            (Some(a), Some(b)) => vec![(Some(a.min(b)), Some(a.max(b)))],
            other => vec![other],
        }),
        2 => (0..SPAN).prop_map(|s| vec![(None, Some(s)), (Some(s + 1), None)]),
    ]
    .boxed()
}

/// One list entry in dated versions: each version has its own content and
/// window; the id is set by the caller.
fn versions(content: BoxedStrategy<Value>) -> BoxedStrategy<Vec<Value>> {
    (windows(), content.clone(), content)
        .prop_map(|(windows, a, b)| {
            windows
                .into_iter()
                .zip([a, b])
                .map(|((from, to), mut v)| {
                    if let Some(from) = from {
                        v["valid_from"] = json!(day(from));
                    }
                    if let Some(to) = to {
                        v["valid_to"] = json!(day(to));
                    }
                    v
                })
                .collect()
        })
        .boxed()
}

/// Gives each entry's versions the id `<prefix><index>` and flattens them.
fn with_ids(prefix: &str, entries: Vec<Vec<Value>>) -> Vec<Value> {
    let mut out = Vec::new();
    for (j, versions) in entries.into_iter().enumerate() {
        for mut v in versions {
            v["id"] = json!(format!("{prefix}{j}"));
            out.push(v);
        }
    }
    out
}

/// A selector over a catalog of `n` services (`tagged`: some carry `hc`).
fn selector(n: usize, tagged: bool) -> BoxedStrategy<Value> {
    let codes = move || {
        subsequence((0..n).collect::<Vec<_>>(), 1..=n)
            .prop_map(|v| v.into_iter().map(code).collect::<Vec<_>>())
    };
    let categories = || subsequence(CATEGORIES.to_vec(), 1..=2);
    let tags = if tagged {
        json!({"tags": ["hc"]})
    } else {
        json!({"all": true})
    };
    let shape = prop_oneof![
        Just(json!({"all": true})),
        categories().prop_map(|c| json!({"categories": c})),
        codes().prop_map(|c| json!({"codes": c})),
        (categories(), codes()).prop_map(|(a, c)| json!({"categories": a, "codes": c})),
        Just(tags),
    ];
    let except = prop_oneof![
        4 => Just(None),
        1 => codes().prop_map(|c| Some(json!({"codes": c}))),
        1 => categories().prop_map(|c| Some(json!({"categories": c}))),
    ];
    (shape, except)
        .prop_map(|(mut s, e)| {
            if let Some(e) = e {
                s["except"] = e;
            }
            s
        })
        .boxed()
}

fn reasons() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(json!("any")),
        subsequence(REASONS.to_vec(), 1..=5).prop_map(|r| json!(r)),
    ]
    .boxed()
}

fn age() -> BoxedStrategy<Value> {
    (option::of(0u32..40), option::of(10u32..90))
        .prop_map(|range| match range {
            (Some(a), Some(b)) => json!({"min": a.min(b), "max": a.max(b)}),
            (a, b) => json!({"min": a, "max": b}),
        })
        .boxed()
}

fn settings() -> BoxedStrategy<Vec<&'static str>> {
    subsequence(vec!["outpatient", "inpatient"], 1..=2).boxed()
}

// ---------------------------------------------------------------------------
// Rule sets

fn service(i: usize, category: usize, price: Value, tagged: bool) -> Value {
    let mut s = json!({"code": code(i), "name": format!("Service {i}"),
                       "category": CATEGORIES[category], "price": price});
    if tagged {
        s["tags"] = json!(["hc"]);
    }
    s
}

fn catalog() -> BoxedStrategy<Vec<Value>> {
    vec(
        (
            0..CATEGORIES.len(),
            dated(money(500_000), false),
            prop::bool::weighted(0.3),
        ),
        2..=6,
    )
    .prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (category, price, tagged))| service(i, category, price, tagged))
            .collect()
    })
    .boxed()
}

fn clinic(k: usize, n: usize, tagged: bool) -> BoxedStrategy<Value> {
    let offers = prop_oneof![1 => Just(json!({"all": true})), 2 => selector(n, tagged)];
    (prop::bool::weighted(0.8), offers)
        .prop_map(move |(in_network, offers)| {
            json!({"id": format!("gen-c{k}"), "city": "Testville", "in_network": in_network,
                   "offers": offers})
        })
        .boxed()
}

fn coverage(n: usize, tagged: bool) -> BoxedStrategy<Value> {
    (
        selector(n, tagged),
        option::weighted(0.15, reasons()),
        option::weighted(0.15, settings()),
        option::weighted(0.15, age()),
        option::weighted(0.1, prop_oneof![Just("F"), Just("M")]),
    )
        .prop_map(|(services, reasons, settings, age, sex)| {
            let mut e = json!({"services": services});
            if let Some(r) = reasons {
                e["reasons"] = r;
            }
            if let Some(s) = settings {
                e["settings"] = json!(s);
            }
            if let Some(a) = age {
                e["age"] = a;
            }
            if let Some(s) = sex {
                e["sex"] = json!(s);
            }
            e
        })
        .boxed()
}

fn limit(n: usize, tagged: bool) -> BoxedStrategy<Value> {
    let allowance = prop_oneof![
        (0u32..6).prop_map(|c| json!({"count": c})),
        money(300_000).prop_map(|a| json!({"amount": a})),
    ];
    (selector(n, tagged), allowance)
        .prop_map(|(services, mut l)| {
            l["services"] = services;
            l
        })
        .boxed()
}

fn waiting(n: usize, tagged: bool) -> BoxedStrategy<Value> {
    let length = prop_oneof![
        (0u32..400).prop_map(|d| json!({"days": d})),
        (0u32..24).prop_map(|m| json!({"months": m})),
    ];
    (selector(n, tagged), length, prop::bool::weighted(0.3))
        .prop_map(|(services, mut w, pre_existing)| {
            w["services"] = services;
            w["name"] = json!("Generated wait");
            if pre_existing {
                w["condition"] = json!("pre_existing");
            }
            w
        })
        .boxed()
}

/// A program with id `id` over a catalog of `n` services.
fn program(id: String, n: usize, tagged: bool) -> BoxedStrategy<Value> {
    let terms = (
        prop_oneof![3 => Just(0usize), 1 => Just(1), 1 => Just(2), 1 => Just(3)],
        option::weighted(
            0.3,
            subsequence(vec!["insurer", "clinic", "walk_in"], 1..=3),
        ),
        option::of(any::<bool>()),
        option::weighted(0.2, settings()),
        option::weighted(0.3, reasons()),
        option::weighted(0.15, age()),
        option::weighted(0.3, 1u32..4),
        option::weighted(0.6, dated(percent(), true)),
    );
    let lists = (
        vec(versions(coverage(n, tagged)), 1..=3),
        vec(versions(limit(n, tagged)), 0..=2),
        vec(versions(waiting(n, tagged)), 0..=2),
    );
    (terms, lists)
        .prop_map(
            move |(
                (access, booking, network_only, settings, reasons, age, months, share),
                (covers, limits, waits),
            )| {
                let mut p = json!({"id": id, "name": format!("Program {id}"),
                                   "access": ACCESS[access]});
                if let Some(b) = booking {
                    p["booking"] = json!(b);
                }
                if let Some(b) = network_only {
                    p["network_only"] = json!(b);
                }
                if let Some(s) = settings {
                    p["settings"] = json!(s);
                }
                if let Some(r) = reasons {
                    p["reasons"] = r;
                }
                if let Some(a) = age {
                    p["age"] = a;
                }
                if let Some(m) = months {
                    p["letter_validity_months"] = json!(m);
                }
                if let Some(s) = share {
                    p["insurer_share"] = s;
                }
                p["covers"] = json!(with_ids("e", covers));
                p["limits"] = json!(with_ids("l", limits));
                p["waiting_periods"] = json!(with_ids("w", waits));
                p
            },
        )
        .boxed()
}

/// A roster as drawn: clinic and program indices (taken modulo the counts;
/// dropped unless the program is in attachment mode), window, and whether
/// it also lists another member.
type RosterSpec = (usize, usize, i64, i64, bool);

fn discount(n: usize, tagged: bool) -> BoxedStrategy<Value> {
    (
        dated(percent(), true),
        selector(n, tagged),
        any::<bool>(),
        any::<bool>(),
        subsequence(RELATIONSHIPS.to_vec(), 0..=7),
    )
        .prop_map(|(percent, services, insured, corporate, relationships)| {
            json!({"name": "Generated discount", "percent": percent, "services": services,
                   "eligible": {"insured": insured, "corporate_clients": corporate,
                                "relationships": relationships}})
        })
        .boxed()
}

/// A generated rule set, section by section.
#[derive(Clone)]
struct World {
    currency: &'static str,
    services: Vec<Value>,
    clinics: Vec<Value>,
    programs: Vec<Value>,
    rosters: Vec<Value>,
    corporate_clients: Vec<Value>,
    discounts: Vec<Value>,
}

impl World {
    /// The rule files, as `(file name, JSON text)` pairs; `programs` replaces
    /// the program list when given.
    fn files_with(&self, programs: &[Value]) -> Vec<(String, String)> {
        let files = [
            (
                "ruleset.json",
                json!({"ruleset": {"id": "gen", "name": "Generated", "currency": self.currency,
                                   "source": "tests/generated_rules.rs"}}),
            ),
            ("services.json", json!({"services": self.services})),
            ("clinics.json", json!({"clinics": self.clinics})),
            ("programs.json", json!({"programs": programs})),
            ("rosters.json", json!({"rosters": self.rosters})),
            (
                "corporate_clients.json",
                json!({"corporate_clients": self.corporate_clients}),
            ),
            ("discounts.json", json!({"discounts": self.discounts})),
        ];
        files
            .into_iter()
            .map(|(name, doc)| (name.to_owned(), serde_json::to_string_pretty(&doc).unwrap()))
            .collect()
    }

    fn files(&self) -> Vec<(String, String)> {
        self.files_with(&self.programs)
    }
}

impl fmt::Debug for World {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "--- generated rule files ---")?;
        for (name, text) in self.files() {
            writeln!(f, "{name}:\n{text}")?;
        }
        Ok(())
    }
}

fn world() -> BoxedStrategy<World> {
    (prop::sample::select(CURRENCIES.to_vec()), catalog())
        .prop_flat_map(|(currency, services)| {
            let n = services.len();
            let tagged = services.iter().any(|s| s.get("tags").is_some());
            let clinics = (1usize..=3)
                .prop_flat_map(move |k| (0..k).map(|c| clinic(c, n, tagged)).collect::<Vec<_>>());
            let programs = (1usize..=3).prop_flat_map(move |k| {
                let programs = (0..k)
                    .map(|p| program(format!("gen/p{p}"), n, tagged))
                    .collect::<Vec<_>>();
                let inherits = vec((prop::bool::weighted(0.3), any::<bool>()), k);
                (programs, inherits).prop_map(|(programs, inherits)| inherit(programs, &inherits))
            });
            let rosters = vec(
                (
                    0usize..3,
                    0usize..3,
                    0..SPAN / 2,
                    SPAN / 2..SPAN,
                    any::<bool>(),
                ),
                0..=3,
            );
            let corporate = option::of((0..SPAN, 0..SPAN));
            let discounts = vec(versions(discount(n, tagged)), 0..=2);
            (
                Just(currency),
                Just(services),
                clinics,
                programs,
                rosters,
                corporate,
                discounts,
            )
        })
        .prop_map(
            |(currency, services, clinics, programs, rosters, corporate, discounts)| World {
                currency,
                rosters: build_rosters(&clinics, &programs, rosters),
                services,
                clinics,
                programs,
                corporate_clients: corporate
                    .map(|(from, len)| {
                        json!({"id": "corp-1", "name": "Corp", "contract_start": day(from),
                               "contract_end": day(from + len)})
                    })
                    .into_iter()
                    .collect(),
                discounts: with_ids("d", discounts),
            },
        )
        .boxed()
}

/// Makes some programs extend the one before them (`extends`), half of
/// those inheriting its access mode instead of setting their own.
fn inherit(mut programs: Vec<Value>, inherits: &[(bool, bool)]) -> Vec<Value> {
    for (p, &(extends, keep_access)) in inherits.iter().enumerate().skip(1) {
        if !extends {
            continue;
        }
        let parent = programs[p - 1]["id"].clone();
        let child = &mut programs[p];
        child["extends"] = parent;
        if !keep_access {
            if let Some(obj) = child.as_object_mut() {
                obj.remove("access");
            }
        }
    }
    programs
}

/// A program's access mode, inherited through `extends` when not its own.
fn access_of(programs: &[Value], program: &Value) -> String {
    let mut current = program;
    loop {
        if let Some(access) = current["access"].as_str() {
            return access.to_owned();
        }
        match programs.iter().find(|p| p["id"] == current["extends"]) {
            Some(parent) => current = parent,
            None => return String::new(),
        }
    }
}

fn build_rosters(clinics: &[Value], programs: &[Value], specs: Vec<RosterSpec>) -> Vec<Value> {
    specs
        .into_iter()
        .enumerate()
        .filter_map(|(k, (c, p, from, len, other))| {
            let clinic = &clinics[c % clinics.len()]["id"];
            let program = &programs[p % programs.len()];
            if access_of(programs, program) != "attachment" {
                return None;
            }
            let mut members = vec![json!({"member": MEMBER, "program": program["id"]})];
            if other {
                members.push(json!({"member": "m-2", "program": program["id"]}));
            }
            Some(
                json!({"id": format!("r{k}"), "clinic": clinic, "received": day(from),
                        "valid_from": day(from), "valid_to": day(from + len), "members": members}),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Requests

fn history_entry(n: usize) -> BoxedStrategy<Value> {
    (
        0..n,
        -500i64..30,
        1u32..4,
        option::weighted(0.7, money(300_000)),
        option::weighted(0.3, prop_oneof![Just("DOC-1"), Just("DOC-2")]),
    )
        .prop_map(|(s, offset, quantity, amount, document)| {
            // Offsets are from the service date; set by `request`.
            let mut h = json!({"offset": offset, "service": code(s), "quantity": quantity});
            if let Some(a) = amount {
                h["amount"] = json!(a);
            }
            if let Some(d) = document {
                h["authorization"] = json!(d);
            }
            h
        })
        .boxed()
}

/// Turns a drawn history entry's offset into a date relative to `date`.
fn dated_history(mut h: Value, date: i64) -> Value {
    let offset = h["offset"].as_i64().unwrap_or(0);
    if let Some(obj) = h.as_object_mut() {
        obj.remove("offset");
    }
    h["date"] = json!(day(date + offset));
    h
}

/// A request over a catalog of `n` services, `clinics` clinics and programs
/// of the given access modes. Policies are mostly in force, and documents
/// mostly of the kind the member's program needs, listing the requested
/// services, so that lines get past the first checks often enough.
fn request(n: usize, clinics: usize, access: Vec<String>) -> BoxedStrategy<Value> {
    let policy = (
        0..access.len(),
        prop::bool::weighted(0.85),
        (0i64..400, 0i64..300),
        (-500i64..60, 0i64..600),
        0i64..400,
        any::<bool>(),
    );
    let member = (
        0i64..80 * 365,
        any::<bool>(),
        0..RELATIONSHIPS.len(),
        option::of(prop_oneof![Just("corp-1"), Just("corp-unknown")]),
        prop::bool::weighted(0.3),
        option::weighted(0.9, policy),
    );
    let visit = (
        0..SPAN,
        0..clinics,
        prop::sample::select(vec!["insurer", "clinic", "walk_in"]),
        prop::bool::weighted(0.8),
        option::weighted(0.9, prop::sample::select(REASONS.to_vec())),
    );
    let document = option::weighted(
        0.5,
        (
            any::<bool>(),
            0i64..45,
            prop::sample::select(vec![0i64, 0, 0, -1, 1]),
            vec((0..n, 1u32..4), 0..=3),
            subsequence((0..n).collect::<Vec<_>>(), 0..=n),
            prop_oneof![4 => Just("active"), 1 => Just("cancelled"), 1 => Just("used")],
            option::weighted(0.2, 0..clinics),
            prop::bool::weighted(0.8),
            prop::bool::weighted(0.6),
        ),
    );
    (
        member,
        visit,
        document,
        vec(history_entry(n), 0..=8),
        vec((0..n, 1u32..4), 1..=4),
    )
        .prop_map(
            move |(
                (age_days, female, relationship, employer, pre_existing, policy),
                (date, clinic, booked_via, outpatient, reason),
                document,
                history,
                lines,
            )| {
                let mut member = json!({
                    "id": MEMBER,
                    "birth_date": day(date - age_days),
                    "sex": if female { "F" } else { "M" },
                    "relationship": RELATIONSHIPS[relationship],
                    "pre_existing": pre_existing,
                });
                if let Some(e) = employer {
                    member["employer"] = json!(e);
                }
                let mut program_access = None;
                if let Some((program, in_force, (back, ahead), (start, length), enrolled_before, enrolled)) = policy {
                    program_access = access.get(program).map(String::as_str);
                    let (start, length) = if in_force { (date - back, back + ahead) } else { (date + start, length) };
                    member["policy"] = json!({"number": "POL-1", "program": format!("gen/p{program}"),
                                              "start": day(start), "end": day(start + length)});
                    if enrolled {
                        member["policy"]["enrolled"] = json!(day(start - enrolled_before));
                    }
                }
                let mut r = json!({
                    "id": "req-1",
                    "date": day(date),
                    "clinic": format!("gen-c{clinic}"),
                    "booked_via": booked_via,
                    "setting": if outpatient { "outpatient" } else { "inpatient" },
                    "member": member,
                    "history": history.into_iter().map(|h| dated_history(h, date)).collect::<Vec<_>>(),
                    "services": lines.iter().map(|(s, q)| json!({"code": code(*s), "quantity": q})).collect::<Vec<_>>(),
                });
                if let Some(reason) = reason {
                    r["reason"] = json!(reason);
                }
                if let Some((letter, issued, valid_on, services, during, status, doc_clinic, matching, from_lines)) =
                    document
                {
                    let letter = match program_access {
                        Some("guarantee_letter") if matching => true,
                        Some("authorization") if matching => false,
                        _ => letter,
                    };
                    let services = if from_lines { lines.clone() } else { services };
                    r["authorization"] = json!({
                        "number": "DOC-1",
                        "kind": if letter { "guarantee_letter" } else { "authorization" },
                        "issued": day(date - issued),
                        "valid_on": day(date + valid_on),
                        "services": services.iter().map(|(s, q)| json!({"code": code(*s), "quantity": q})).collect::<Vec<_>>(),
                        "during_consultation": during.into_iter().map(code).collect::<Vec<_>>(),
                        "status": status,
                    });
                    if let Some(c) = doc_clinic {
                        r["authorization"]["clinic"] = json!(format!("gen-c{c}"));
                    }
                }
                r
            },
        )
        .boxed()
}

// ---------------------------------------------------------------------------
// Cases

/// A generated rule set and request, with what the properties add to them:
/// an unrelated program (and where it goes in the program list) and extra
/// history entries.
#[derive(Clone)]
struct Case {
    world: World,
    request: Value,
    unrelated: Value,
    unrelated_at: usize,
    extra_history: Vec<Value>,
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.world)?;
        writeln!(
            f,
            "--- request ---\n{}",
            serde_json::to_string_pretty(&self.request).unwrap_or_default()
        )?;
        writeln!(
            f,
            "--- unrelated program (at index {}) ---\n{}",
            self.unrelated_at,
            serde_json::to_string_pretty(&self.unrelated).unwrap_or_default()
        )?;
        writeln!(
            f,
            "--- extra history ---\n{}",
            serde_json::to_string_pretty(&self.extra_history).unwrap_or_default()
        )
    }
}

impl Case {
    fn load(&self) -> RuleSet {
        load(self.world.files(), self)
    }

    /// The same files, loaded again in reverse order.
    fn load_reversed(&self) -> RuleSet {
        let mut files = self.world.files();
        files.reverse();
        load(files, self)
    }

    fn load_with_unrelated(&self) -> RuleSet {
        let mut programs = self.world.programs.clone();
        programs.insert(
            self.unrelated_at.min(programs.len()),
            self.unrelated.clone(),
        );
        load(self.world.files_with(&programs), self)
    }
}

fn load(files: Vec<(String, String)>, case: &Case) -> RuleSet {
    match RuleSet::from_sources(files) {
        Ok(set) => set,
        Err(e) => panic!("the generated rule set must load, but: {e}\n{case:?}"),
    }
}

fn decide(set: &RuleSet, request: &Value, case: &Case) -> Decision {
    match set.evaluate_json(&request.to_string()) {
        Ok(d) => d,
        Err(e) => {
            panic!("the generated request must be accepted, but: {e}\nrequest: {request}\n{case:?}")
        }
    }
}

fn to_json(d: &Decision) -> String {
    serde_json::to_string(d).unwrap()
}

fn case() -> BoxedStrategy<Case> {
    world()
        .prop_flat_map(|world| {
            let n = world.services.len();
            let tagged = world.services.iter().any(|s| s.get("tags").is_some());
            let programs = world.programs.len();
            let access: Vec<String> = world
                .programs
                .iter()
                .map(|p| access_of(&world.programs, p))
                .collect();
            (
                Just(world.clone()),
                request(n, world.clinics.len(), access),
                program(UNRELATED.to_owned(), n, tagged),
                0..=programs,
                vec(history_entry(n), 1..=3),
            )
        })
        .prop_map(|(world, request, unrelated, unrelated_at, extra)| {
            let date = request["date"]
                .as_str()
                .and_then(|d| d.parse::<NaiveDate>().ok())
                .map_or(0, |d| (d - base()).num_days());
            Case {
                world,
                request,
                unrelated,
                unrelated_at,
                extra_history: extra.into_iter().map(|h| dated_history(h, date)).collect(),
            }
        })
        .boxed()
}

fn covers(outcome: Outcome) -> bool {
    matches!(outcome, Outcome::Covered | Outcome::PartiallyCovered)
}

/// The request with only its `i`-th service line.
fn single_line(request: &Value, i: usize) -> Value {
    let mut r = request.clone();
    r["services"] = json!([request["services"][i].clone()]);
    r
}

/// 128 cases per property, unless `PROPTEST_CASES` asks for more (or fewer).
fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() {
        default.cases
    } else {
        128
    };
    ProptestConfig { cases, ..default }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_rule_sets_load(c in case()) {
        let set = c.load();
        prop_assert_eq!(set.id(), "gen");
        prop_assert_eq!(set.programs().len(), c.world.programs.len());
        c.load_with_unrelated();
    }

    #[test]
    fn the_same_input_gives_the_same_decision(c in case()) {
        let set = c.load();
        let first = to_json(&decide(&set, &c.request, &c));
        let again = to_json(&decide(&set, &c.request, &c));
        prop_assert_eq!(&first, &again, "evaluated twice\n{:?}", c);
        let other = to_json(&decide(&c.load_reversed(), &c.request, &c));
        prop_assert_eq!(&first, &other, "on a second copy of the rule set\n{:?}", c);
        // Asking for the trace explains the decision without changing it.
        let request = medcover::parse_request(&c.request.to_string()).unwrap();
        let options = medcover::EvaluateOptions { trace: true, ..Default::default() };
        let mut traced = set.evaluate_with(&request, options).unwrap();
        for line in &mut traced.lines {
            line.trace.clear();
        }
        prop_assert_eq!(&first, &to_json(&traced), "with a trace\n{:?}", c);
    }

    #[test]
    fn money_adds_up_and_is_never_negative(c in case()) {
        let set = c.load();
        let d = decide(&set, &c.request, &c);
        let zero = Decimal::ZERO;
        let (mut price, mut insurer, mut discount, mut patient) = (zero, zero, zero, zero);
        for line in &d.lines {
            let unit = set
                .service(&line.service)
                .and_then(|s| s.price.at(d.date))
                .map(|(p, _)| *p)
                .unwrap_or_else(|| panic!("no price for {}\n{c:?}", line.service));
            prop_assert_eq!(line.currency.as_str(), set.currency());
            prop_assert_eq!(
                line.price,
                medcover::money::round(unit * Decimal::from(line.quantity), &line.currency),
                "{:?}\n{:?}", line, c
            );
            prop_assert_eq!(line.price, line.insurer_pays + line.discount + line.patient_pays,
                "{:?}\n{:?}", line, c);
            prop_assert!(line.insurer_pays >= zero && line.discount >= zero && line.patient_pays >= zero,
                "{:?}\n{:?}", line, c);
            prop_assert!(line.covered_quantity <= line.quantity, "{:?}\n{:?}", line, c);
            if !covers(line.outcome) {
                prop_assert_eq!(line.insurer_pays, zero, "{:?}\n{:?}", line, c);
            }
            price += line.price;
            insurer += line.insurer_pays;
            discount += line.discount;
            patient += line.patient_pays;
        }
        prop_assert_eq!(d.totals.price, price, "{:?}", c);
        prop_assert_eq!(d.totals.insurer_pays, insurer, "{:?}", c);
        prop_assert_eq!(d.totals.discount, discount, "{:?}", c);
        prop_assert_eq!(d.totals.patient_pays, patient, "{:?}", c);
    }

    #[test]
    fn limits_never_go_below_zero(c in case()) {
        let d = decide(&c.load(), &c.request, &c);
        for line in &d.lines {
            for limit in &line.limits {
                prop_assert!(limit.remaining >= Decimal::ZERO, "{:?}\n{:?}", limit, c);
                prop_assert_eq!(limit.remaining, (limit.allowed - limit.used).max(Decimal::ZERO),
                    "{:?}\n{:?}", limit, c);
            }
        }
    }

    #[test]
    fn more_history_never_covers_more(c in case()) {
        let set = c.load();
        let lines = c.request["services"].as_array().map_or(0, Vec::len);
        for i in 0..lines {
            let alone = single_line(&c.request, i);
            let mut more = alone.clone();
            let code = alone["services"][0]["code"].clone();
            if let Some(history) = more["history"].as_array_mut() {
                for h in &c.extra_history {
                    history.push(h.clone());
                    // The same entry for the line's own service, to make it count.
                    let mut own = h.clone();
                    own["service"] = code.clone();
                    history.push(own);
                }
            }
            let before = decide(&set, &alone, &c);
            let after = decide(&set, &more, &c);
            let (b, a) = (&before.lines[0], &after.lines[0]);
            prop_assert!(covers(b.outcome) || !covers(a.outcome),
                "line {} turned covered\nbefore: {:?}\nafter: {:?}\nwith history: {}\n{:?}", i, b, a, more, c);
            prop_assert!(a.covered_quantity <= b.covered_quantity,
                "line {} covers more units\nbefore: {:?}\nafter: {:?}\nwith history: {}\n{:?}", i, b, a, more, c);
            prop_assert!(a.insurer_pays <= b.insurer_pays,
                "line {} insurer pays more\nbefore: {:?}\nafter: {:?}\nwith history: {}\n{:?}", i, b, a, more, c);
        }
    }

    #[test]
    fn the_first_line_is_decided_as_if_alone(c in case()) {
        let set = c.load();
        let all = decide(&set, &c.request, &c);
        let alone = decide(&set, &single_line(&c.request, 0), &c);
        prop_assert_eq!(&all.lines[0], &alone.lines[0], "{:?}", c);
    }

    #[test]
    fn an_unrelated_program_never_changes_a_decision(c in case()) {
        let before = to_json(&decide(&c.load(), &c.request, &c));
        let after = to_json(&decide(&c.load_with_unrelated(), &c.request, &c));
        prop_assert_eq!(before, after, "{:?}", c);
    }
}

/// Units of the request's history that count against the count limit `id`
/// of the member's program in the policy year from `period_start`.
fn history_units(
    set: &RuleSet,
    request: &Value,
    id: &str,
    period_start: NaiveDate,
    date: NaiveDate,
) -> Option<Decimal> {
    let program = set.program(request["member"]["policy"]["program"].as_str()?)?;
    let limit = program
        .limits
        .iter()
        .find(|l| l.id == id && l.window.contains(date))?;
    if !matches!(limit.allowed, LimitAllowance::Count(_)) {
        return None;
    }
    let next_year = medcover::date::add_months(period_start, 12);
    let mut units = Decimal::ZERO;
    for h in request["history"].as_array()? {
        let on: NaiveDate = h["date"].as_str()?.parse().ok()?;
        let code = h["service"].as_str()?;
        // A service's id is its index in the catalog.
        let index = set.services().iter().position(|s| s.code == code)?;
        let service = set.services().get(index)?;
        if on >= period_start
            && on < next_year
            && limit
                .services
                .contains(u32::try_from(index).ok()?, service.category)
        {
            units += Decimal::from(h["quantity"].as_u64().unwrap_or(1));
        }
    }
    Some(units)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn count_limits_count_what_was_covered(c in case()) {
        let set = c.load();
        let d = decide(&set, &c.request, &c);
        for (i, line) in d.lines.iter().enumerate() {
            for usage in line.limits.iter().filter(|u| u.unit == LimitUnit::Count) {
                let history = history_units(&set, &c.request, &usage.id, usage.period_start, d.date)
                    .unwrap_or_else(|| panic!("count limit `{}` not found\n{c:?}", usage.id));
                let in_request: u32 = d.lines[..=i]
                    .iter()
                    .filter(|l| l.limits.iter().any(|u| u.id == usage.id && u.unit == LimitUnit::Count))
                    .map(|l| l.covered_quantity)
                    .sum();
                prop_assert_eq!(usage.used, history + Decimal::from(in_request),
                    "line {} limit `{}`: used is not history {} + covered units {}\n{:?}\n{:?}",
                    i, &usage.id, history, in_request, d.lines, c);
            }
        }
    }
}
