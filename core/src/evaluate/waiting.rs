//! Waiting periods, counted from the member's enrollment in the program.

use super::line::{Draft, Ledger};
use crate::decision::ReasonCode;
use crate::messages::{Key, Message, Slot};
use crate::rules::format::WaitingCondition;
use crate::rules::model::{Program, WaitLength, WaitingPeriod};
use chrono::NaiveDate;

/// The waiting periods that apply to a service for a member, with the first
/// day each one allows (the member's waiting-period report uses it too).
pub(crate) fn applicable<'p>(
    program: &'p Program,
    service_id: crate::rules::model::ServiceId,
    category: crate::rules::format::Category,
    enrolled: NaiveDate,
    pre_existing: bool,
    on: NaiveDate,
) -> impl Iterator<Item = (&'p WaitingPeriod, NaiveDate)> + 'p {
    program
        .waiting_index
        .candidates(service_id, category)
        .filter_map(move |i| program.waiting_periods.get(i))
        .filter(move |w| w.services.contains(service_id, category) && w.window.contains(on))
        .filter(move |w| w.condition == WaitingCondition::Always || pre_existing)
        .map(move |w| (w, w.length.ends(enrolled)))
}

/// A line waits while any applicable waiting period has not ended; the
/// latest end is reported.
pub(super) fn check<'r>(d: &mut Draft<'r>, program: &'r Program, _: &mut Ledger) {
    let member = &d.checked.request.member;
    let Some(policy) = &member.policy else { return };
    let enrolled = policy.enrolled_on();
    let mut blocking: Option<(&WaitingPeriod, NaiveDate)> = None;
    for (wait, ends) in applicable(
        program,
        d.service_id,
        d.service.category,
        enrolled,
        member.pre_existing,
        d.date,
    ) {
        d.trace("waiting_period", Some(&wait.rule), || {
            format!(
                "`{}` {} from {enrolled} (in force {}): covered from {ends}",
                wait.id,
                wait.length.describe(),
                wait.window.describe()
            )
        });
        if d.date < ends && blocking.is_none_or(|(_, e)| ends > e) {
            blocking = Some((wait, ends));
        }
    }
    if let Some((wait, ends)) = blocking {
        let message = match wait.length {
            WaitLength::Days(n) => Message::new(Key::WaitingPeriodDays).with(Slot::N, n),
            WaitLength::Months(n) => Message::new(Key::WaitingPeriodMonths).with(Slot::N, n),
        };
        let message = message
            .with(Slot::Name, &wait.name)
            .with(Slot::Enrolled, enrolled)
            .with(Slot::Ends, ends);
        let rule = wait.rule;
        d.not_covered(ReasonCode::WaitingPeriod, message, &rule);
        d.waiting_period_ends = Some(ends);
    }
}
