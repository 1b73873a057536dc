//! The beneficiary reports (DOMAIN.md §2.5): usage limits, waiting periods
//! and a statement of services used, for one member as of a date.
//!
//! A [`MemberQuery`] reuses the request's [`Member`] and [`HistoryEntry`]
//! records; its dates are checked here and a bad one names the field
//! (`date`, `from`, `member.birth_date`, `history[0].amount`). Amounts leave
//! as decimal strings, dates as `YYYY-MM-DD`.

use crate::decision::LimitUnit;
use crate::error::MedcoverError;
use crate::parse::{self, date_out, money_out};
use crate::request::{HistoryEntry, Member};

/// Whose reports, as of when: a member with their policy and history.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct MemberQuery {
    /// The day the report is made for, `YYYY-MM-DD`.
    pub date: String,
    /// The member; the reports need their `policy`.
    pub member: Member,
    /// Services used, as the insurer recorded them.
    #[uniffi(default = [])]
    pub history: Vec<HistoryEntry>,
    /// First day of the statement, `YYYY-MM-DD`; `null` means the first
    /// day of the policy year. (Python spells it `_from`, a keyword.)
    #[uniffi(default = None)]
    pub from: Option<String>,
    /// Last day of the statement, `YYYY-MM-DD`; `null` means `date`.
    #[uniffi(default = None)]
    pub to: Option<String>,
}

impl MemberQuery {
    /// The engine's query, every date and amount checked.
    pub fn to_core(&self) -> Result<medcover::reports::MemberQuery, MedcoverError> {
        Ok(medcover::reports::MemberQuery {
            date: parse::date("date", &self.date)?,
            member: self.member.to_core("member")?,
            history: self
                .history
                .iter()
                .enumerate()
                .map(|(i, h)| h.to_core(&format!("history[{i}]")))
                .collect::<Result<_, _>>()?,
            from: parse::date_opt("from", self.from.as_deref())?,
            to: parse::date_opt("to", self.to.as_deref())?,
        })
    }
}

/// Whose report and when, common to the three reports.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ReportHeader {
    /// Member id.
    pub member: String,
    /// Program id (`br-plan/enfermaria`).
    pub program: String,
    /// Policy number.
    pub policy: String,
    /// The report date, `YYYY-MM-DD`.
    pub date: String,
    /// The rule set that owns the program.
    pub ruleset: String,
    /// Currency of the amounts (`BRL`).
    pub currency: String,
}

/// The member's usage limits as of the query date.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct LimitsReport {
    /// Whose.
    pub header: ReportHeader,
    /// Each limit of the program in force on the date.
    pub limits: Vec<LimitLine>,
}

/// One usage limit: allowed, consumed, remaining in the policy year.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct LimitLine {
    /// Limit id from the program.
    pub id: String,
    /// Its name, if the rules give one.
    pub name: Option<String>,
    /// Counted in units or in money.
    pub unit: LimitUnit,
    /// Allowed per policy year, a decimal string.
    pub allowed: String,
    /// Consumed in the policy year up to the date, a decimal string.
    pub consumed: String,
    /// allowed − consumed, never below zero, a decimal string.
    pub remaining: String,
    /// First day of the policy year, `YYYY-MM-DD`.
    pub period_start: String,
    /// Where the limit comes from (`file#id`).
    pub rule: String,
}

/// The waiting periods that apply to the member, with their end dates.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct WaitingPeriodsReport {
    /// Whose.
    pub header: ReportHeader,
    /// First day in the program, from which the periods run, `YYYY-MM-DD`.
    pub enrolled: String,
    /// Each waiting period that applies (those for declared pre-existing
    /// conditions only when the member has some).
    pub waiting_periods: Vec<WaitingLine>,
}

/// One waiting period.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct WaitingLine {
    /// Waiting period id from the program.
    pub id: String,
    /// Its name (`Demais coberturas`).
    pub name: String,
    /// Its length as written (`180 days`, `24 months`).
    pub length: String,
    /// The first covered day, `YYYY-MM-DD`.
    pub ends: String,
    /// Whether it has ended on the query date.
    pub ended: bool,
    /// Where it comes from (`file#id`).
    pub rule: String,
}

/// The services used in a period.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Statement {
    /// Whose.
    pub header: ReportHeader,
    /// First day, `YYYY-MM-DD`. (Python spells it `_from`.)
    pub from: String,
    /// Last day, `YYYY-MM-DD`.
    pub to: String,
    /// The services, in date order.
    pub lines: Vec<StatementLine>,
    /// Sum of the amounts, a decimal string.
    pub total: String,
}

/// One used service of a statement.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct StatementLine {
    /// Service date, `YYYY-MM-DD`.
    pub date: String,
    /// Service code.
    pub service: String,
    /// Service name, if the rules give one.
    pub name: Option<String>,
    /// Category (`consultation`, `diagnostics`, …).
    pub category: String,
    /// Units.
    pub quantity: u32,
    /// The amount recorded, or the price in force × quantity when none
    /// was, a decimal string.
    pub amount: String,
    /// The authorization or letter number it was used under.
    pub authorization: Option<String>,
}

impl From<medcover::reports::ReportHeader> for ReportHeader {
    fn from(h: medcover::reports::ReportHeader) -> Self {
        ReportHeader {
            member: h.member,
            program: h.program,
            policy: h.policy,
            date: date_out(h.date),
            ruleset: h.ruleset,
            currency: h.currency,
        }
    }
}

impl From<medcover::reports::LimitLine> for LimitLine {
    fn from(l: medcover::reports::LimitLine) -> Self {
        LimitLine {
            id: l.id,
            name: l.name,
            unit: l.unit.into(),
            allowed: money_out(l.allowed),
            consumed: money_out(l.consumed),
            remaining: money_out(l.remaining),
            period_start: date_out(l.period_start),
            rule: l.rule,
        }
    }
}

impl From<medcover::reports::LimitsReport> for LimitsReport {
    fn from(r: medcover::reports::LimitsReport) -> Self {
        LimitsReport {
            header: r.header.into(),
            limits: r.limits.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<medcover::reports::WaitingLine> for WaitingLine {
    fn from(w: medcover::reports::WaitingLine) -> Self {
        WaitingLine {
            id: w.id,
            name: w.name,
            length: w.length,
            ends: date_out(w.ends),
            ended: w.ended,
            rule: w.rule,
        }
    }
}

impl From<medcover::reports::WaitingPeriodsReport> for WaitingPeriodsReport {
    fn from(r: medcover::reports::WaitingPeriodsReport) -> Self {
        WaitingPeriodsReport {
            header: r.header.into(),
            enrolled: date_out(r.enrolled),
            waiting_periods: r.waiting_periods.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<medcover::reports::StatementLine> for StatementLine {
    fn from(l: medcover::reports::StatementLine) -> Self {
        StatementLine {
            date: date_out(l.date),
            service: l.service,
            name: l.name,
            category: l.category,
            quantity: l.quantity,
            amount: money_out(l.amount),
            authorization: l.authorization,
        }
    }
}

impl From<medcover::reports::Statement> for Statement {
    fn from(s: medcover::reports::Statement) -> Self {
        Statement {
            header: s.header.into(),
            from: date_out(s.from),
            to: date_out(s.to),
            lines: s.lines.into_iter().map(Into::into).collect(),
            total: money_out(s.total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Sex;

    fn query() -> MemberQuery {
        MemberQuery {
            date: "2026-03-01".into(),
            member: Member {
                id: "br-m-1".into(),
                birth_date: "1990-01-01".into(),
                sex: Sex::F,
                policy: None,
                national_id: None,
                name: None,
                relationship: None,
                employer: None,
                pre_existing: false,
            },
            history: vec![],
            from: None,
            to: None,
        }
    }

    fn bad_path(q: &MemberQuery) -> Option<String> {
        match q.to_core() {
            Err(MedcoverError::Request { path, .. }) => Some(path),
            _ => None,
        }
    }

    #[test]
    fn bad_dates_name_the_field() {
        assert!(query().to_core().is_ok());
        let mut q = query();
        q.from = Some("2026-02-30".into());
        assert_eq!(bad_path(&q).as_deref(), Some("from"));
        let mut q = query();
        q.date = "01.03.2026".into();
        assert_eq!(bad_path(&q).as_deref(), Some("date"));
        let mut q = query();
        q.member.birth_date = "1990-13-01".into();
        assert_eq!(bad_path(&q).as_deref(), Some("member.birth_date"));
    }
}
