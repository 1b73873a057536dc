//! The readable rendering of a decision, for the front desk.

use medcover::Decision;
use std::fmt::Write;

/// A decision as a table: one row per line, then totals, requirements and reasons.
pub fn decision(d: &Decision) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Decision {} for member {} on {} ({})",
        d.id.as_deref().unwrap_or("-"),
        d.member,
        d.date,
        d.ruleset
    );
    let _ = writeln!(
        out,
        "{:<16} {:>3}  {:<19} {:<16} {:>11} {:>11} {:>10} {:>11}  next step",
        "service", "qty", "outcome", "mode", "price", "insurer", "discount", "patient"
    );
    for l in &d.lines {
        let next = l
            .next_step
            .map(|n| snake(&format!("{n:?}")))
            .unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "{:<16} {:>3}  {:<19} {:<16} {:>11} {:>11} {:>10} {:>11}  {}",
            l.service,
            l.quantity,
            snake(&format!("{:?}", l.outcome)),
            snake(&format!("{:?}", l.mode)),
            l.price,
            l.insurer_pays,
            l.discount,
            l.patient_pays,
            next
        );
    }
    let t = &d.totals;
    let currency = d.lines.first().map(|l| l.currency.as_str()).unwrap_or("");
    let _ = writeln!(
        out,
        "{:<16} {:>3}  {:<19} {:<16} {:>11} {:>11} {:>10} {:>11}  {currency}",
        "total", "", "", "", t.price, t.insurer_pays, t.discount, t.patient_pays
    );
    let requirements: Vec<String> = d
        .requirements
        .iter()
        .map(|r| snake(&format!("{r:?}")))
        .collect();
    let _ = writeln!(out, "requirements: {}", requirements.join(", "));
    for l in &d.lines {
        let _ = writeln!(out, "{}:", l.service);
        for r in &l.reasons {
            let _ = writeln!(out, "  {} {} [{}]", r.code, r.message, r.rule);
        }
        for limit in &l.limits {
            let _ = writeln!(
                out,
                "  limit {}: allowed {}, used {}, remaining {}",
                limit.id, limit.allowed, limit.used, limit.remaining
            );
        }
        if let Some(ends) = l.waiting_period_ends {
            let _ = writeln!(out, "  covered from {ends}");
        }
        if !l.alternatives.is_empty() {
            let _ = writeln!(
                out,
                "  alternatives: {}",
                medcover::name::join(&l.alternatives, ", ")
            );
        }
    }
    out
}

/// `NeedsAuthorization` → `needs_authorization`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
