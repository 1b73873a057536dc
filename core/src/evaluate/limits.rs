//! Usage limits per policy year, by count or by amount, computed from the
//! request's history and what earlier lines of the request used.

use super::line::{AmountCap, Draft, Ledger};
use crate::decision::{LimitUnit, LimitUsage, ReasonCode};
use crate::messages::{Key, Message, Slot};
use crate::name::Name;
use crate::request::HistoryEntry;
use crate::rules::model::{Limit, LimitAllowance, Program, Service, ServiceId};
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// What the history (each entry with its service) says the member used of
/// `limit` in the policy year that starts on `year_start`: units, or money
/// the insurer paid.
pub(crate) fn used_before<'h>(
    history: impl IntoIterator<Item = (&'h HistoryEntry, ServiceId, &'h Service)>,
    limit: &Limit,
    year_start: NaiveDate,
) -> Decimal {
    let next_year = crate::date::add_months(year_start, 12);
    let mut used = Decimal::ZERO;
    for (h, id, service) in history {
        if h.date < year_start || h.date >= next_year {
            continue;
        }
        if !limit.services.contains(id, service.category) {
            continue;
        }
        used += match limit.allowed {
            LimitAllowance::Count(_) => Decimal::from(h.quantity),
            LimitAllowance::Amount(_) => h.amount.unwrap_or_else(|| {
                service
                    .price
                    .at(h.date)
                    .map_or(Decimal::ZERO, |(p, _)| *p * Decimal::from(h.quantity))
            }),
        };
    }
    used
}

/// The limits in force on `on` that count the service.
pub(crate) fn applicable<'p>(
    program: &'p Program,
    service_id: crate::rules::model::ServiceId,
    category: crate::rules::format::Category,
    on: NaiveDate,
) -> impl Iterator<Item = &'p Limit> + 'p {
    program
        .limit_index
        .candidates(service_id, category)
        .filter_map(move |i| program.limits.get(i))
        .filter(move |l| l.services.contains(service_id, category) && l.window.contains(on))
}

/// Count limits cut the covered units; amount limits cap what the insurer
/// pays (applied when the money is settled).
///
/// A count limit is charged (in the ledger and in its `used`) only with the
/// units the line finally covers, once every limit has had its say: a later
/// limit may still cut the line or stop it.
pub(super) fn apply<'r>(d: &mut Draft<'r>, program: &'r Program, ledger: &mut Ledger) {
    let request = d.checked.request;
    let Some(policy) = &request.member.policy else {
        return;
    };
    let year_start = crate::date::policy_year_start(policy.start, d.date);
    // Count limits seen: (ledger key, index in `d.limits`, used before the line).
    let mut counted: Vec<(Name, usize, Decimal)> = Vec::new();
    check(d, program, ledger, year_start, &mut counted);
    let covered = if d.stopped() {
        Decimal::ZERO
    } else {
        Decimal::from(d.covered)
    };
    for (rule, index, before) in counted {
        *ledger.limits.entry(rule).or_default() += covered;
        if let Some(usage) = d.limits.get_mut(index) {
            usage.used = before + covered;
            usage.remaining = (usage.allowed - usage.used).max(Decimal::ZERO);
        }
    }
}

/// Runs the line through each limit in force until one stops it.
fn check<'r>(
    d: &mut Draft<'r>,
    program: &'r Program,
    ledger: &Ledger,
    year_start: NaiveDate,
    counted: &mut Vec<(Name, usize, Decimal)>,
) {
    for limit in applicable(program, d.service_id, d.service.category, d.date) {
        let before = used_before(d.checked.history(), limit, year_start)
            + ledger
                .limits
                .get(&limit.rule)
                .copied()
                .unwrap_or(Decimal::ZERO);
        match limit.allowed {
            LimitAllowance::Count(n) => {
                let allowed = Decimal::from(n);
                let left = (allowed - before).max(Decimal::ZERO);
                let left_units = left.trunc().to_u32().unwrap_or(u32::MAX);
                let wanted = d.covered;
                let covered = wanted.min(left_units);
                d.trace("limit", Some(&limit.rule), || {
                    format!(
                        "`{}` {n} per policy year (in force {}): {before} used since {year_start}, {covered} more covered",
                        limit.id,
                        limit.window.describe()
                    )
                });
                let used = before + Decimal::from(covered);
                d.limits
                    .push(usage(limit, LimitUnit::Count, allowed, used, year_start));
                counted.push((limit.rule, d.limits.len() - 1, before));
                if covered == 0 {
                    let message = Message::new(Key::LimitExhausted)
                        .with(Slot::Limit, limit.id)
                        .with(Slot::Allowed, n)
                        .with(Slot::Used, before)
                        .with(Slot::Since, year_start);
                    d.not_covered(ReasonCode::LimitExhausted, message, &limit.rule);
                    return;
                }
                if covered < wanted {
                    d.covered = covered;
                    let message = Message::new(Key::LimitPartial)
                        .with(Slot::Limit, limit.id)
                        .with(Slot::Covered, covered)
                        .with(Slot::Wanted, wanted)
                        .with(Slot::Allowed, n);
                    d.reason(ReasonCode::LimitPartial, message, &limit.rule);
                }
            }
            LimitAllowance::Amount(allowed) => {
                let left = (allowed - before).max(Decimal::ZERO);
                d.trace("limit", Some(&limit.rule), || {
                    format!(
                        "`{}` {allowed} per policy year (in force {}): {before} paid since {year_start}",
                        limit.id,
                        limit.window.describe()
                    )
                });
                d.limits
                    .push(usage(limit, LimitUnit::Amount, allowed, before, year_start));
                if left.is_zero() {
                    let message = Message::new(Key::LimitExhaustedAmount)
                        .with(Slot::Limit, limit.id)
                        .with(Slot::Allowed, allowed)
                        .with(Slot::Currency, d.set.currency());
                    d.not_covered(ReasonCode::LimitExhausted, message, &limit.rule);
                    return;
                }
                let usage = d.limits.len() - 1;
                d.amount_caps.push(AmountCap {
                    left,
                    rule: limit.rule,
                    id: limit.id,
                    usage,
                });
            }
        }
    }
}

fn usage(
    limit: &Limit,
    unit: LimitUnit,
    allowed: Decimal,
    used: Decimal,
    period_start: NaiveDate,
) -> LimitUsage {
    LimitUsage {
        id: limit.id,
        unit,
        allowed,
        used,
        remaining: (allowed - used).max(Decimal::ZERO),
        period_start,
    }
}
