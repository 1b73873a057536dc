//! Synthetic rule sets at scale, for the `scale` bench and the
//! `scale_memory` example.
//!
//! [`rule_files`]`(n)` builds a rule set `synth-<n>` with `n` catalog
//! services and about `n` coverage entries, spread over
//! `max(10, round(sqrt(n)))` programs (so both the number of programs and
//! the entries per program grow with `n`):
//!
//! - services `S000000…`, category `i % 12`, prices 100–999, every tenth
//!   tagged `high_complexity`;
//! - program `p` (`synth-<n>/p0000`): access `policy`, or `authorization`
//!   when `p % 5 == 4`; network only when `p` is even; outpatient only when
//!   `p % 3 != 2`; covers two categories wholesale (`cat(p)`, `cat(p+1)`),
//!   a third (`cat(p+2)`) for acute and trauma cases from age 18, and the
//!   rest of its entries by code (two codes each, from `cat(p+3)` and
//!   `cat(p+4)`; every tenth entry in two dated versions);
//! - limits: a count limit on `cat(p)`, an amount limit on `cat(p+1)`, and a
//!   count limit on the codes of every tenth code entry;
//! - waiting periods: 90 days on `cat(p+2)`, six months (pre-existing
//!   conditions only) on the codes of every twentieth code entry;
//! - `4 + n / 1000` clinics: every third offers everything less two codes,
//!   every third six categories, every third a list of codes; one in three
//!   is out of network;
//! - `2 + n / 10000` discounts of 5% for insured members, by category.
//!
//! [`requests`]`(n)` is a fixed mix of eight requests (twelve lines) that
//! gives the same outcomes at every size: covered by code and by category
//! with usage history, a waiting period, not covered with a discount, a
//! referral to other clinics, an authorization, an inpatient stay outside
//! the program's settings, and a three-line visit.

use medcover::rules::format::Category;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The sizes measured by the `scale` bench.
pub const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];

/// The rule set id for size `n`.
pub fn ruleset_id(n: usize) -> String {
    format!("synth-{n}")
}

fn cat(k: usize) -> Category {
    Category::ALL[k % 12]
}

fn cat_str(k: usize) -> &'static str {
    cat(k).as_str()
}

/// Service code of catalog index `i`.
pub fn code(i: usize) -> String {
    format!("S{i:06}")
}

/// Number of programs for size `n`.
pub fn programs(n: usize) -> usize {
    ((n as f64).sqrt().round() as usize).max(10)
}

/// Coverage entries per program (the two or three category entries included).
fn entries_per_program(n: usize) -> usize {
    (n / programs(n)).max(4)
}

/// Number of clinics for size `n`.
pub fn clinics(n: usize) -> usize {
    4 + n / 1000
}

/// Services per category (catalog indices `12 * m + k`).
fn per_category(n: usize) -> usize {
    (n / 12).max(1)
}

/// The `m`-th service of category `k`.
fn service_of(n: usize, k: usize, m: usize) -> usize {
    12 * (m % per_category(n)) + (k % 12)
}

/// The two catalog indices covered by code entry `j` of program `p`.
fn code_entry(n: usize, p: usize, j: usize) -> [usize; 2] {
    let k = p + 3 + (j % 2);
    let m = p.wrapping_mul(7919).wrapping_add(j.wrapping_mul(104_729));
    [service_of(n, k, m), service_of(n, k, m + 1)]
}

fn program_id(n: usize, p: usize) -> String {
    format!("{}/p{p:04}", ruleset_id(n))
}

fn clinic_id(n: usize, c: usize) -> String {
    format!("{}-c{c:04}", ruleset_id(n))
}

/// Codes clinic 0 (which offers everything else) does not perform.
fn clinic0_except(n: usize) -> [usize; 2] {
    [n - 1, n - 2]
}

fn services(n: usize) -> Value {
    let list: Vec<Value> = (0..n)
        .map(|i| {
            let mut s = json!({
                "code": code(i),
                "name": format!("Synthetic service {i}"),
                "category": cat_str(i),
                "price": format!("{}.00", 100 + (i * 37) % 900),
            });
            if i.is_multiple_of(10) {
                s["tags"] = json!(["high_complexity"]);
            }
            s
        })
        .collect();
    json!({ "services": list })
}

fn program(n: usize, p: usize) -> Value {
    let e = entries_per_program(n);
    let mut covers = vec![
        json!({"id": "base", "services": {"categories": [cat_str(p), cat_str(p + 1)]}}),
        json!({"id": "acute", "services": {"categories": [cat_str(p + 2)]},
               "reasons": ["acute", "trauma"], "age": {"min": 18}}),
    ];
    let mut limits = vec![
        json!({"id": "visits", "name": "Visits", "services": {"categories": [cat_str(p)]}, "count": 10}),
        json!({"id": "budget", "name": "Budget", "services": {"categories": [cat_str(p + 1)]}, "amount": "5000.00"}),
    ];
    let mut waiting = vec![json!({
        "id": "acute-wait", "name": "Acute care", "services": {"categories": [cat_str(p + 2)]}, "days": 90
    })];
    for j in 2..e {
        let codes: Vec<String> = code_entry(n, p, j).iter().map(|&i| code(i)).collect();
        let id = format!("e{j:05}");
        if j.is_multiple_of(10) {
            covers.push(json!({"id": id, "services": {"codes": codes},
                               "valid_to": "2025-12-31", "source": "contract 2025"}));
            covers.push(json!({"id": id, "services": {"codes": codes},
                               "valid_from": "2026-01-01", "source": "contract 2026"}));
            limits.push(
                json!({"id": format!("l{j:05}"), "services": {"codes": codes},
                               "count": 3 + j % 5}),
            );
        } else {
            covers.push(json!({"id": id, "services": {"codes": codes}}));
        }
        if j % 20 == 5 {
            waiting.push(json!({"id": format!("w{j:05}"), "name": "Pre-existing",
                                "services": {"codes": codes}, "months": 6,
                                "condition": "pre_existing"}));
        }
    }
    let access = if p % 5 == 4 {
        "authorization"
    } else {
        "policy"
    };
    let mut program = json!({
        "id": program_id(n, p),
        "name": format!("Synthetic program {p}"),
        "access": access,
        "network_only": p.is_multiple_of(2),
        "reasons": "any",
        "covers": covers,
        "limits": limits,
        "waiting_periods": waiting,
    });
    if p % 3 != 2 {
        program["settings"] = json!(["outpatient"]);
    }
    program
}

fn clinic(n: usize, c: usize) -> Value {
    const CITIES: [&str; 6] = ["Cluj", "Iasi", "Samara", "Campinas", "Brasov", "Kazan"];
    let offers = match c % 3 {
        0 => json!({"all": true, "except": {"codes": clinic0_except(n).map(code)}}),
        1 => json!({"categories": (0..6).map(|k| cat_str(c + 2 * k)).collect::<Vec<_>>()}),
        _ => {
            let count = (n / clinics(n)).max(8);
            let codes: Vec<String> = (0..count).map(|m| code((c * 31 + m * 7) % n)).collect();
            json!({"codes": codes})
        }
    };
    json!({
        "id": clinic_id(n, c),
        "name": format!("Synthetic clinic {c}"),
        "type": if c % 7 == 6 { "hospital" } else { "clinic" },
        "city": CITIES[c % CITIES.len()],
        "specialties": ["general"],
        "in_network": c % 3 != 2,
        "offers": offers,
    })
}

/// The rule files of size `n`, as `(file name, JSON text)` pairs, ready
/// for [`medcover::RuleSet::from_sources`].
pub fn rule_files(n: usize) -> Vec<(String, String)> {
    assert!(n >= 100, "synthetic rule sets start at 100 services");
    let manifest = json!({"ruleset": {"id": ruleset_id(n), "name": format!("Synthetic, {n} services"),
                                      "currency": "EUR", "source": "benches/synthetic.rs"}});
    let programs: Vec<Value> = (0..programs(n)).map(|p| program(n, p)).collect();
    let clinics: Vec<Value> = (0..clinics(n)).map(|c| clinic(n, c)).collect();
    let discounts: Vec<Value> = (0..2 + n / 10_000)
        .map(|d| {
            json!({"id": format!("d{d:03}"), "name": "Member discount", "percent": "5",
                   "services": {"categories": [cat_str(d * 5 + 6)]}, "eligible": {"insured": true}})
        })
        .collect();
    let files = [
        ("ruleset.json", manifest),
        ("services.json", services(n)),
        ("programs.json", json!({ "programs": programs })),
        ("clinics.json", json!({ "clinics": clinics })),
        ("discounts.json", json!({ "discounts": discounts })),
    ];
    files
        .into_iter()
        .map(|(name, doc)| (name.to_owned(), doc.to_string()))
        .collect()
}

/// Writes the rule set of size `n` to `dir/synth-<n>/` and returns that folder.
pub fn write_dir(n: usize, dir: &Path) -> std::io::Result<PathBuf> {
    let folder = dir.join(ruleset_id(n));
    std::fs::create_dir_all(&folder)?;
    for (name, text) in rule_files(n) {
        std::fs::write(folder.join(name), text)?;
    }
    Ok(folder)
}

fn member(n: usize, p: usize, enrolled: &str) -> Value {
    json!({
        "id": format!("m-{p}"), "birth_date": "1985-03-12", "sex": "F",
        "policy": {"number": format!("P-{p}"), "program": program_id(n, p),
                   "start": "2026-01-01", "end": "2026-12-31", "enrolled": enrolled}
    })
}

fn history(service: &str, count: usize) -> Vec<Value> {
    (0..count)
        .map(|d| {
            json!({"date": format!("2026-02-{:02}", d + 1), "service": service,
                        "quantity": 1, "amount": "100.00"})
        })
        .collect()
}

/// The fixed request mix for size `n`, as JSON text (one request each).
pub fn requests(n: usize) -> Vec<String> {
    let in_all = clinic_id(n, 0); // offers everything but two codes, in network
    let by_code = code(code_entry(n, 0, 10)[0]); // program 0, a dated entry with a limit
    let by_code_2 = code(code_entry(n, 0, 3)[1]);
    let by_cat = code(service_of(n, 0, 5)); // cat(0): covered by `base`, count limit
    let waits = code(service_of(n, 2, 9)); // cat(2): acute only, 90 days
    let uncovered = code(service_of(n, 6, 3)); // cat(6): neither by category nor by code
                                               // Clinic 1 offers categories 3, 5, 7, 9, 11, 1: cat(0) is not performed there.
    let elsewhere = clinic_id(n, 1);
    let p4_service = code(service_of(n, 4, 2)); // program 4 covers cat(4) wholesale
    let mut list = vec![
        json!({"id": "by-code", "date": "2026-05-10", "clinic": in_all, "reason": "planned",
               "member": member(n, 0, "2025-01-01"), "services": [{"code": by_code}],
               "history": history(&by_code, 2)}),
        json!({"id": "by-category", "date": "2026-05-10", "clinic": in_all, "reason": "planned",
               "member": member(n, 0, "2025-01-01"), "services": [{"code": by_cat, "quantity": 2}],
               "history": history(&by_cat, 5)}),
        json!({"id": "waiting", "date": "2026-05-10", "clinic": in_all, "reason": "acute",
               "member": member(n, 0, "2026-04-01"), "services": [{"code": waits}]}),
        json!({"id": "discount", "date": "2026-05-10", "clinic": in_all, "reason": "planned",
               "member": member(n, 0, "2025-01-01"), "services": [{"code": uncovered}]}),
        json!({"id": "refer", "date": "2026-05-10", "clinic": elsewhere, "reason": "planned",
               "member": member(n, 0, "2025-01-01"), "services": [{"code": by_cat}]}),
        json!({"id": "authorization", "date": "2026-05-10", "clinic": in_all, "reason": "planned",
               "booked_via": "insurer", "member": member(n, 4, "2025-01-01"),
               "authorization": {"number": "A-1", "kind": "authorization", "issued": "2026-05-02",
                                 "valid_on": "2026-05-10", "services": [{"code": p4_service}]},
               "services": [{"code": p4_service}]}),
        json!({"id": "inpatient", "date": "2026-05-10", "clinic": in_all, "reason": "planned",
               "setting": "inpatient", "member": member(n, 0, "2025-01-01"),
               "services": [{"code": by_cat}]}),
        json!({"id": "visit", "date": "2026-05-10", "clinic": in_all, "reason": "planned",
               "member": member(n, 0, "2025-01-01"),
               "services": [{"code": by_code_2}, {"code": by_cat}, {"code": uncovered}],
               "history": history(&by_code_2, 1)}),
    ];
    for r in &mut list {
        if r.get("booked_via").is_none() {
            r["booked_via"] = json!("clinic");
        }
    }
    list.iter().map(Value::to_string).collect()
}
