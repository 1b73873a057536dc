//! Preventive check-up (dispanserization) eligibility as rule data.

use crate::error::ProblemKind;
use crate::rules::load::{Origin, Problems};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The check-up rule as written.
///
/// The person's age is taken by `age_basis`; the band containing that age
/// says how often: eligible when `(age - from_age)` is a multiple of
/// `every_years`. For Russia (order 404n) the bands are 18–39 every 3 years
/// and 40+ yearly, with `age_reached_in_year`: a person may have the
/// check-up in the calendar years in which they turn 18, 21, 24, …, 39, and
/// in every year in which they turn 40 or more.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckupDef {
    /// Name (`dispanserization`).
    pub name: String,
    /// Where the rule comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// How the age is taken.
    pub age_basis: AgeBasis,
    /// Age bands, not overlapping.
    pub bands: Vec<CheckupBandDef>,
}

/// How the age for the check-up is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgeBasis {
    /// The age reached in the calendar year of the date (year − birth year):
    /// eligibility holds for the whole calendar year.
    AgeReachedInYear,
    /// Completed years on the date.
    AgeOnDate,
}

/// An age band and its periodicity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckupBandDef {
    /// First age of the band.
    pub from_age: u32,
    /// Last age of the band (inclusive); open when absent.
    #[serde(default)]
    pub to_age: Option<u32>,
    /// Once every this many years, counted from `from_age`.
    pub every_years: u32,
}

impl CheckupBandDef {
    fn contains(&self, age: u32) -> bool {
        age >= self.from_age && self.to_age.is_none_or(|t| age <= t)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Checkup {
    name: String,
    source: Option<String>,
    basis: AgeBasis,
    bands: Vec<CheckupBandDef>,
}

/// Whether a person may have the preventive check-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckupAnswer {
    /// The check-up's name.
    pub checkup: String,
    /// The date asked about.
    #[serde(with = "crate::date::iso")]
    pub on: NaiveDate,
    /// How the age is taken.
    pub age_basis: AgeBasis,
    /// The age by that basis.
    pub age: u32,
    /// Eligible (in the calendar year of `on` with `age_reached_in_year`).
    pub eligible: bool,
    /// The periodicity of the band the age is in (3, 1), if any.
    pub every_years: Option<u32>,
    /// The next age after `age` at which the person is eligible.
    pub next_eligible_age: Option<u32>,
    /// The first day of eligibility at that age (1 January of the year, or
    /// the birthday with `age_on_date`).
    #[serde(with = "crate::date::iso_opt")]
    pub next_eligible_from: Option<NaiveDate>,
    /// Why, in words.
    pub reason: String,
    /// Where the rule comes from.
    pub source: Option<String>,
}

/// Why no check-up answer can be given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CheckupError {
    /// The rule set has no `checkup` rule.
    #[error("this rule set has no preventive check-up rule")]
    NotInRules,
    /// The date is before the birth date.
    #[error("the date `{on}` is before the birth date")]
    BeforeBirth {
        /// The date asked about.
        on: NaiveDate,
    },
}

impl Checkup {
    fn eligible_at(&self, age: u32) -> Option<&CheckupBandDef> {
        self.bands
            .iter()
            .find(|b| b.contains(age))
            .filter(|b| (age - b.from_age).checked_rem(b.every_years) == Some(0))
    }

    pub(super) fn eligibility(
        &self,
        birth_date: NaiveDate,
        on: NaiveDate,
    ) -> Result<CheckupAnswer, CheckupError> {
        if on < birth_date {
            return Err(CheckupError::BeforeBirth { on });
        }
        let age = match self.basis {
            AgeBasis::AgeReachedInYear => on.year() - birth_date.year(),
            AgeBasis::AgeOnDate => crate::date::age_on(birth_date, on),
        };
        let age = u32::try_from(age).unwrap_or(0);
        let band = self.bands.iter().find(|b| b.contains(age));
        let eligible = self.eligible_at(age).is_some();
        let next_eligible_age = (age + 1..=age + 150).find(|&a| self.eligible_at(a).is_some());
        let next_eligible_from = next_eligible_age.and_then(|a| match self.basis {
            AgeBasis::AgeReachedInYear => {
                NaiveDate::from_ymd_opt(birth_date.year() + a as i32, 1, 1)
            }
            AgeBasis::AgeOnDate => Some(crate::date::add_months(birth_date, a * 12)),
        });
        let age_words = match self.basis {
            AgeBasis::AgeReachedInYear => format!("turns {age} in {}", on.year()),
            AgeBasis::AgeOnDate => format!("is {age} on {on}"),
        };
        let reason = match band {
            None => {
                let first = self.bands.iter().map(|b| b.from_age).min().unwrap_or(0);
                if age < first {
                    format!(
                        "the person {age_words}; the {} starts at age {first}",
                        self.name
                    )
                } else {
                    format!(
                        "the person {age_words}; no age band of the {} covers that age",
                        self.name
                    )
                }
            }
            Some(b) if b.every_years == 1 => format!(
                "the person {age_words}; from age {} the {} is yearly",
                b.from_age, self.name
            ),
            Some(b) => {
                let span = b.to_age.map_or_else(
                    || format!("from {}", b.from_age),
                    |t| format!("{}–{}", b.from_age, t),
                );
                let verdict = if eligible {
                    "a check-up year"
                } else {
                    "not a check-up year"
                };
                format!(
                    "the person {age_words}; at ages {span} the {} is once every {} years (ages {}, {}, …): {verdict}",
                    self.name,
                    b.every_years,
                    b.from_age,
                    b.from_age + b.every_years
                )
            }
        };
        Ok(CheckupAnswer {
            checkup: self.name.clone(),
            on,
            age_basis: self.basis,
            age,
            eligible,
            every_years: band.map(|b| b.every_years),
            next_eligible_age,
            next_eligible_from,
            reason,
            source: self.source.clone(),
        })
    }
}

pub(super) fn compile(
    def: CheckupDef,
    origin: &Origin,
    problems: &mut Problems,
) -> Option<Checkup> {
    let before = problems.list.len();
    if def.bands.is_empty() {
        problems.at(
            origin,
            "/checkup/bands",
            ProblemKind::InvalidValue,
            "at least one age band is needed".into(),
            None,
        );
    }
    let mut kept: Vec<(usize, CheckupBandDef)> = Vec::new();
    for (i, b) in def.bands.iter().enumerate() {
        let at = format!("/checkup/bands/{i}");
        if b.every_years == 0 {
            problems.at(
                origin,
                &format!("{at}/every_years"),
                ProblemKind::InvalidValue,
                "`every_years` must be at least 1".into(),
                None,
            );
        }
        if b.to_age.is_some_and(|t| t < b.from_age) {
            problems.at(
                origin,
                &format!("{at}/to_age"),
                ProblemKind::InvalidValue,
                format!(
                    "band ends at age `{}` before it starts at age `{}`",
                    b.to_age.unwrap_or_default(),
                    b.from_age
                ),
                None,
            );
            continue;
        }
        let overlaps = |o: &CheckupBandDef| {
            b.to_age.is_none_or(|t| o.from_age <= t) && o.to_age.is_none_or(|t| b.from_age <= t)
        };
        if let Some((j, _)) = kept.iter().find(|(_, o)| overlaps(o)) {
            problems.at(
                origin,
                &at,
                ProblemKind::OverlappingValidity,
                format!("age band from {} overlaps band {j}", b.from_age),
                None,
            );
            continue;
        }
        kept.push((i, *b));
    }
    let mut bands: Vec<CheckupBandDef> = kept.into_iter().map(|(_, b)| b).collect();
    bands.sort_by_key(|b| b.from_age);
    (problems.list.len() == before).then_some(Checkup {
        name: def.name,
        source: def.source,
        basis: def.age_basis,
        bands,
    })
}
