//! Beneficiary reports (DOMAIN.md §2.5), for one member as of a date: usage
//! limits (allowed, consumed, remaining), waiting periods (each one's name
//! and end date, like a carência declaration) and a statement of services
//! used in a period. They use the same functions as evaluation, so a report
//! and a decision never disagree.

use crate::error::RequestError;
use crate::request::{HistoryEntry, Member};
use crate::rules::model::{LimitAllowance, Program};
use crate::rules::{RuleBook, RuleSet};
use crate::LimitUnit;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Whose reports, as of when: a member with their policy and history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberQuery {
    /// The day the report is made for.
    #[serde(with = "crate::date::iso")]
    #[schemars(with = "NaiveDate")]
    pub date: NaiveDate,
    /// The member, with a policy.
    pub member: Member,
    /// Services used, as the insurer recorded them.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// First day of the statement (default: the policy year's first day).
    #[serde(default, with = "crate::date::iso_opt")]
    #[schemars(with = "Option<NaiveDate>")]
    pub from: Option<NaiveDate>,
    /// Last day of the statement (default: `date`).
    #[serde(default, with = "crate::date::iso_opt")]
    #[schemars(with = "Option<NaiveDate>")]
    pub to: Option<NaiveDate>,
}

/// Parses a member query strictly, with the same errors as a request.
pub fn parse_query(text: &str) -> Result<MemberQuery, RequestError> {
    crate::error::parse_json(text, "query")
}

/// One usage limit of the member's program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitLine {
    /// Limit id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Units or money.
    pub unit: LimitUnit,
    /// Allowed per policy year.
    pub allowed: Decimal,
    /// Consumed in the policy year.
    pub consumed: Decimal,
    /// allowed − consumed, never below zero.
    pub remaining: Decimal,
    /// First day of the policy year.
    #[serde(with = "crate::date::iso")]
    pub period_start: NaiveDate,
    /// Rule reference.
    pub rule: String,
}

/// One waiting period of the member's program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingLine {
    /// Waiting period id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `180 days`, `24 months`.
    pub length: String,
    /// The first covered day.
    #[serde(with = "crate::date::iso")]
    pub ends: NaiveDate,
    /// Whether it has ended on the report date.
    pub ended: bool,
    /// Rule reference.
    pub rule: String,
}

/// One used service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    /// Date.
    #[serde(with = "crate::date::iso")]
    pub date: NaiveDate,
    /// Service code.
    pub service: String,
    /// Service name.
    pub name: Option<String>,
    /// Category.
    pub category: String,
    /// Units.
    pub quantity: u32,
    /// Amount recorded (or the price in force × quantity when none was).
    pub amount: Decimal,
    /// Authorization or letter number.
    pub authorization: Option<String>,
}

/// A report header: whose and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportHeader {
    /// Member id.
    pub member: String,
    /// Program id.
    pub program: String,
    /// Policy number.
    pub policy: String,
    /// Report date.
    #[serde(with = "crate::date::iso")]
    pub date: NaiveDate,
    /// Rule set.
    pub ruleset: String,
    /// Currency.
    pub currency: String,
}

/// Usage limits as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitsReport {
    /// Whose.
    #[serde(flatten)]
    pub header: ReportHeader,
    /// Each limit in force.
    pub limits: Vec<LimitLine>,
}

/// Waiting periods as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingPeriodsReport {
    /// Whose.
    #[serde(flatten)]
    pub header: ReportHeader,
    /// First day in the program.
    #[serde(with = "crate::date::iso")]
    pub enrolled: NaiveDate,
    /// Each waiting period that applies to the member.
    pub waiting_periods: Vec<WaitingLine>,
}

/// Services used in a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Whose.
    #[serde(flatten)]
    pub header: ReportHeader,
    /// First day.
    #[serde(with = "crate::date::iso")]
    pub from: NaiveDate,
    /// Last day.
    #[serde(with = "crate::date::iso")]
    pub to: NaiveDate,
    /// Services in date order.
    pub lines: Vec<StatementLine>,
    /// Sum of the amounts.
    pub total: Decimal,
}

impl RuleBook {
    /// The rule set whose programs include the member's.
    pub fn set_for_query(&self, query: &MemberQuery) -> Result<&RuleSet, RequestError> {
        let program = query
            .member
            .policy
            .as_ref()
            .map(|p| p.program.as_str())
            .unwrap_or_default();
        self.sets()
            .iter()
            .find(|s| s.program(program).is_some())
            .ok_or_else(|| {
                let known = self
                    .sets()
                    .iter()
                    .flat_map(|s| s.programs().iter().map(|p| p.id.as_str()));
                if query.member.policy.is_none() {
                    RequestError::invalid(
                        "member.policy",
                        "the reports need a member with a policy",
                    )
                } else {
                    RequestError::unknown("member.policy.program", "program", program, known)
                }
            })
    }
}

impl RuleSet {
    fn query_parts<'a>(
        &'a self,
        query: &'a MemberQuery,
    ) -> Result<(&'a Program, ReportHeader, NaiveDate), RequestError> {
        let policy = query.member.policy.as_ref().ok_or_else(|| {
            RequestError::invalid("member.policy", "the reports need a member with a policy")
        })?;
        let program = self.program(&policy.program).ok_or_else(|| {
            RequestError::unknown(
                "member.policy.program",
                "program",
                &policy.program,
                self.programs().iter().map(|p| p.id.as_str()),
            )
        })?;
        for (i, h) in query.history.iter().enumerate() {
            if self.service(&h.service).is_none() {
                return Err(RequestError::unknown(
                    format!("history[{i}].service"),
                    "service",
                    &h.service,
                    self.services().iter().map(|s| s.code.as_str()),
                ));
            }
        }
        let header = ReportHeader {
            member: query.member.id.to_string(),
            program: program.id.to_string(),
            policy: policy.number.to_string(),
            date: query.date,
            ruleset: self.id().to_string(),
            currency: self.currency().to_string(),
        };
        Ok((
            program,
            header,
            crate::date::policy_year_start(policy.start, query.date),
        ))
    }

    /// The member's usage limits in force on the query date.
    pub fn limits_report(&self, query: &MemberQuery) -> Result<LimitsReport, RequestError> {
        let (program, header, year_start) = self.query_parts(query)?;
        let history: Vec<_> = query
            .history
            .iter()
            .filter_map(|h| self.service_with_id(&h.service).map(|(id, s)| (h, id, s)))
            .collect();
        let limits = program
            .limits
            .iter()
            .filter(|l| l.window.contains(query.date))
            .map(|l| {
                let consumed = crate::evaluate::used_before(history.iter().copied(), l, year_start);
                let (unit, allowed) = match l.allowed {
                    LimitAllowance::Count(n) => (LimitUnit::Count, Decimal::from(n)),
                    LimitAllowance::Amount(a) => (LimitUnit::Amount, a),
                };
                LimitLine {
                    id: l.id.to_string(),
                    name: l.name.clone(),
                    unit,
                    allowed,
                    consumed,
                    remaining: (allowed - consumed).max(Decimal::ZERO),
                    period_start: year_start,
                    rule: l.rule.to_string(),
                }
            })
            .collect();
        Ok(LimitsReport { header, limits })
    }

    /// The waiting periods that apply to the member, with their end dates.
    pub fn waiting_periods_report(
        &self,
        query: &MemberQuery,
    ) -> Result<WaitingPeriodsReport, RequestError> {
        let (program, header, _) = self.query_parts(query)?;
        let enrolled = query
            .member
            .policy
            .as_ref()
            .map_or(query.date, |p| p.enrolled_on());
        let waiting_periods = program
            .waiting_periods
            .iter()
            .filter(|w| w.window.contains(query.date))
            .filter(|w| {
                w.condition == crate::rules::format::WaitingCondition::Always
                    || query.member.pre_existing
            })
            .map(|w| {
                let ends = w.length.ends(enrolled);
                WaitingLine {
                    id: w.id.clone(),
                    name: w.name.clone(),
                    length: w.length.describe(),
                    ends,
                    ended: query.date >= ends,
                    rule: w.rule.to_string(),
                }
            })
            .collect();
        Ok(WaitingPeriodsReport {
            header,
            enrolled,
            waiting_periods,
        })
    }

    /// The services used from `from` (default: the policy year's first day)
    /// through `to` (default: the query date).
    pub fn statement(&self, query: &MemberQuery) -> Result<Statement, RequestError> {
        let (_, header, year_start) = self.query_parts(query)?;
        let from = query.from.unwrap_or(year_start);
        let to = query.to.unwrap_or(query.date);
        if to < from {
            return Err(RequestError::invalid(
                "to",
                format!("the statement ends `{to}` before it starts `{from}`"),
            ));
        }
        let mut lines: Vec<StatementLine> = query
            .history
            .iter()
            .filter(|h| from <= h.date && h.date <= to)
            .filter_map(|h| {
                let service = self.service(&h.service)?;
                let amount = h.amount.unwrap_or_else(|| {
                    service
                        .price
                        .at(h.date)
                        .map_or(Decimal::ZERO, |(p, _)| *p * Decimal::from(h.quantity))
                });
                Some(StatementLine {
                    date: h.date,
                    service: h.service.to_string(),
                    name: service.name.clone(),
                    category: service.category.as_str().to_owned(),
                    quantity: h.quantity,
                    amount: self.money().round(amount),
                    authorization: h.authorization.as_ref().map(ToString::to_string),
                })
            })
            .collect();
        lines.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.service.cmp(&b.service)));
        let total = lines
            .iter()
            .fold(self.money().zero(), |sum, l| sum + l.amount);
        Ok(Statement {
            header,
            from,
            to,
            lines,
            total,
        })
    }
}
