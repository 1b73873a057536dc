//! Money of a line: price, what the insurer pays (insurer share, amount
//! limits), the discount on what insurance leaves to the patient, and what
//! the patient pays. Rounded once per line.

use super::line::{Draft, Ledger};
use crate::decision::{NextStep, Outcome, ReasonCode};
use crate::messages::{Key, Message, Slot};
use crate::request::Request;
use crate::rules::model::{Discount, Program};
use crate::rules::RuleSet;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The amounts of one line; they always add up: price = insurer + discount + patient.
pub(super) struct Money {
    pub price: Decimal,
    pub insurer_pays: Decimal,
    pub discount: Decimal,
    pub patient_pays: Decimal,
}

pub(super) fn settle(
    d: &mut Draft<'_>,
    program: Option<&Program>,
    unit_price: Decimal,
    ledger: &mut Ledger,
) -> Money {
    let money = d.set.money();
    let currency = money.code;
    let price = money.round(unit_price * Decimal::from(d.quantity));
    let mut insurer = money.zero();
    let paid = matches!(d.outcome, Outcome::Covered | Outcome::PartiallyCovered) && d.covered > 0;
    if let (true, Some(program)) = (paid, program) {
        let share = program
            .insurer_share
            .at(d.date)
            .map_or(Decimal::ONE_HUNDRED, |(s, _)| *s);
        insurer = money.round(unit_price * Decimal::from(d.covered) * share / Decimal::ONE_HUNDRED);
        if share != Decimal::ONE_HUNDRED {
            d.trace("insurer_share", Some(&program.rule), || {
                format!("insurer pays {share}% of the price")
            });
        }
        let binding = d
            .amount_caps
            .iter()
            .min_by_key(|c| c.left)
            .map(|c| (c.left, c.rule, c.id));
        if let Some((left, rule, id)) = binding {
            if insurer > left {
                let message = Message::new(Key::LimitPartialAmount)
                    .with(Slot::Limit, id)
                    .with(Slot::Left, left)
                    .with(Slot::Currency, currency)
                    .with(Slot::Amount, insurer);
                insurer = money.round(left);
                d.outcome = Outcome::PartiallyCovered;
                d.next_step = Some(NextStep::SelfPay);
                d.reason(ReasonCode::LimitPartial, message, &rule);
            }
        }
        for cap in &d.amount_caps {
            *ledger.limits.entry(cap.rule).or_default() += insurer;
            if let Some(usage) = d.limits.get_mut(cap.usage) {
                usage.used += insurer;
                usage.remaining = (usage.allowed - usage.used).max(Decimal::ZERO);
            }
        }
    }
    let mut discount = money.zero();
    // Units waiting for the insurer's additional approval are not yet "not
    // covered": no discount on them.
    let awaiting_approval = d.next_step == Some(NextStep::RequestAdditionalApproval);
    if matches!(d.outcome, Outcome::NotCovered | Outcome::PartiallyCovered) && !awaiting_approval {
        let request = d.checked.request;
        if let Some((best, percent, why)) =
            best_discount(d.set, request, d.service_id, d.service.category, d.date)
        {
            discount = money.percent_of(price - insurer, percent);
            if !discount.is_zero() {
                let message = match &why {
                    Eligible::Insured => Message::new(Key::LoyaltyDiscountInsured),
                    Eligible::CorporateClient(client) => {
                        Message::new(Key::LoyaltyDiscountCorporate).with(Slot::Client, client)
                    }
                }
                .with(Slot::Name, best.name.as_deref().unwrap_or(&best.id))
                .with(Slot::Percent, percent)
                .with(Slot::Base, price - insurer)
                .with(Slot::Discount, discount)
                .with(Slot::Currency, currency);
                let rule = best.rule;
                let date = d.date;
                d.trace("discount", Some(&rule), || {
                    format!("`{}` {percent}% on {date} ({why:?})", best.id)
                });
                d.reason(ReasonCode::LoyaltyDiscount, message, &rule);
            }
        }
    }
    Money {
        price,
        insurer_pays: insurer,
        discount,
        patient_pays: price - insurer - discount,
    }
}

/// The largest discount the member is eligible for on the service, with its
/// percent in force and why the member qualifies.
pub(crate) fn best_discount<'s>(
    set: &'s RuleSet,
    request: &Request,
    service_id: crate::rules::model::ServiceId,
    category: crate::rules::format::Category,
    on: NaiveDate,
) -> Option<(&'s Discount, Decimal, Eligible)> {
    set.discounts()
        .iter()
        .filter(|disc| disc.window.contains(on) && disc.services.contains(service_id, category))
        .filter_map(|disc| {
            let (percent, _) = disc.percent.at(on)?;
            let why = eligibility(set, request, disc, on)?;
            Some((disc, *percent, why))
        })
        .max_by_key(|(_, percent, _)| *percent)
}

/// Why a member earns a discount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Eligible {
    /// A policy of the rule set in force.
    Insured,
    /// Through this corporate client.
    CorporateClient(String),
}

/// Why the member is eligible for `discount` on `on`, or `None`.
fn eligibility(
    set: &RuleSet,
    request: &Request,
    discount: &Discount,
    on: NaiveDate,
) -> Option<Eligible> {
    let member = &request.member;
    let rules = &discount.eligible;
    if rules.insured && member.policy.as_ref().is_some_and(|p| p.in_force_on(on)) {
        return Some(Eligible::Insured);
    }
    if rules.corporate_clients && rules.relationships.contains(&member.relationship) {
        let client = member
            .employer
            .as_deref()
            .and_then(|e| set.corporate_client(e))?;
        if client.contract.contains(on) {
            return Some(Eligible::CorporateClient(client.id.clone()));
        }
    }
    None
}
