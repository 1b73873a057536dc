//! The compiled rule set's parts: typed, indexed, immutable.
//!
//! The names a decision repeats (service codes, clinic, program and limit
//! ids, rule references) are interned [`Name`]s, copied into decisions for
//! free; the other ids stay `String`s.

use super::format::{
    AccessMode, AgeRange, Category, Eligibility, ProviderType, Reasons, WaitingCondition,
};
use crate::name::Name;
use crate::request::{BookedVia, Setting, Sex};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;

/// Index of a service in its rule set's catalog.
pub type ServiceId = u32;

/// A validity window; both ends inclusive, open when absent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    /// First day in force.
    pub from: Option<NaiveDate>,
    /// Last day in force.
    pub to: Option<NaiveDate>,
}

impl Window {
    /// Whether `date` is inside the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }

    /// Whether two windows share a day.
    pub fn overlaps(&self, other: &Window) -> bool {
        let starts_before_other_ends = match (self.from, other.to) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        let other_starts_before_end = match (other.from, self.to) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_end
    }

    /// `from … to` for messages and traces.
    pub fn describe(&self) -> String {
        let show = |d: Option<NaiveDate>| d.map_or_else(|| "…".to_owned(), |d| d.to_string());
        format!("{} to {}", show(self.from), show(self.to))
    }
}

/// A value with dated versions.
#[derive(Clone, Debug, PartialEq)]
pub struct DatedValue<T> {
    /// Versions with non-overlapping windows.
    pub versions: Vec<(Window, T, Option<String>)>,
}

impl<T> DatedValue<T> {
    /// The version in force on `date`, with its window.
    pub fn at(&self, date: NaiveDate) -> Option<(&T, &Window)> {
        self.versions
            .iter()
            .find(|(w, _, _)| w.contains(date))
            .map(|(w, v, _)| (v, w))
    }
}

/// A catalog service.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Code.
    pub code: Name,
    /// Name.
    pub name: Option<String>,
    /// Category.
    pub category: Category,
    /// Unit price by date.
    pub price: DatedValue<Decimal>,
    /// Tags.
    pub tags: Vec<String>,
    /// Rule reference (`file#code`).
    pub rule: Name,
}

/// A compiled set of services.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceSet {
    pub(crate) all: bool,
    pub(crate) categories: u16,
    /// Sorted service ids (codes and tags resolved).
    pub(crate) codes: Vec<ServiceId>,
    pub(crate) except_categories: u16,
    /// Sorted.
    pub(crate) except_codes: Vec<ServiceId>,
}

impl ServiceSet {
    /// Whether the set holds the service.
    pub fn contains(&self, id: ServiceId, category: Category) -> bool {
        let included = self.all
            || self.categories & category.bit() != 0
            || self.codes.binary_search(&id).is_ok();
        included
            && self.except_categories & category.bit() == 0
            && self.except_codes.binary_search(&id).is_err()
    }
}

/// Finds the entries (coverage, limits, waiting periods…) whose service set
/// may hold a service without scanning them all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntryIndex {
    all: Vec<u32>,
    by_category: [Vec<u32>; 12],
    by_code: HashMap<ServiceId, Vec<u32>>,
}

impl EntryIndex {
    /// Builds the index of `sets` (entry `i` holds `sets[i]`).
    pub fn build<'a>(
        sets: impl IntoIterator<Item = &'a ServiceSet>,
        categories_of: impl Fn(ServiceId) -> Option<Category>,
    ) -> Self {
        let mut index = EntryIndex::default();
        for (i, set) in sets.into_iter().enumerate() {
            let i = i as u32;
            if set.all {
                index.all.push(i);
                continue;
            }
            for (c, bucket) in Category::ALL.iter().zip(index.by_category.iter_mut()) {
                if set.categories & c.bit() != 0 {
                    bucket.push(i);
                }
            }
            for &code in &set.codes {
                let in_category =
                    categories_of(code).is_some_and(|c| set.categories & c.bit() != 0);
                if !in_category {
                    index.by_code.entry(code).or_default().push(i);
                }
            }
        }
        index
    }

    /// Candidate entries for a service, each at most once; the caller still
    /// checks `contains` (exceptions) and dates.
    pub fn candidates(
        &self,
        id: ServiceId,
        category: Category,
    ) -> impl Iterator<Item = usize> + '_ {
        let by_category = self
            .by_category
            .get(category as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let by_code = self.by_code.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        self.all
            .iter()
            .chain(by_category)
            .chain(by_code)
            .map(|&i| i as usize)
    }
}

/// A clinic, hospital or laboratory.
#[derive(Clone, Debug, PartialEq)]
pub struct Clinic {
    /// Id.
    pub id: Name,
    /// Name.
    pub name: Option<String>,
    /// Kind of provider.
    pub provider_type: ProviderType,
    /// City.
    pub city: String,
    /// State or region.
    pub state: Option<String>,
    /// Specialties.
    pub specialties: Vec<String>,
    /// On the insurer's network.
    pub in_network: bool,
    /// Services performed on site.
    pub offers: ServiceSet,
    /// Rule reference.
    pub rule: Name,
}

/// One coverage entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    /// Id within the program.
    pub id: String,
    /// Covered services.
    pub services: ServiceSet,
    /// Case reasons (the program's unless replaced).
    pub reasons: Reasons,
    /// Settings (the program's unless replaced).
    pub settings: Option<Vec<Setting>>,
    /// Age range (the program's unless replaced).
    pub age: Option<AgeRange>,
    /// Sex restriction.
    pub sex: Option<Sex>,
    /// In force.
    pub window: Window,
    /// Rule reference.
    pub rule: Name,
}

/// A usage limit per policy year.
#[derive(Clone, Debug, PartialEq)]
pub struct Limit {
    /// Id within the program.
    pub id: Name,
    /// Name.
    pub name: Option<String>,
    /// Services counted together.
    pub services: ServiceSet,
    /// Allowed per policy year.
    pub allowed: LimitAllowance,
    /// In force.
    pub window: Window,
    /// Rule reference.
    pub rule: Name,
}

/// What a limit allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitAllowance {
    /// Units.
    Count(u32),
    /// Money the insurer pays.
    Amount(Decimal),
}

/// A waiting period.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitingPeriod {
    /// Id within the program.
    pub id: String,
    /// Name for reports.
    pub name: String,
    /// Services that wait.
    pub services: ServiceSet,
    /// Length.
    pub length: WaitLength,
    /// Who waits.
    pub condition: WaitingCondition,
    /// In force.
    pub window: Window,
    /// Rule reference.
    pub rule: Name,
}

/// Length of a waiting period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitLength {
    /// Days.
    Days(u32),
    /// Calendar months.
    Months(u32),
}

impl WaitLength {
    /// The first covered day for a member enrolled on `enrolled`.
    pub fn ends(self, enrolled: NaiveDate) -> NaiveDate {
        match self {
            WaitLength::Days(d) => crate::date::add_days(enrolled, d),
            WaitLength::Months(m) => crate::date::add_months(enrolled, m),
        }
    }

    /// `180 days`, `24 months`.
    pub fn describe(self) -> String {
        match self {
            WaitLength::Days(d) => format!("{d} days"),
            WaitLength::Months(m) => format!("{m} months"),
        }
    }
}

/// A coverage program with its parent's terms resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// Id.
    pub id: Name,
    /// Name.
    pub name: Option<String>,
    /// Access mode.
    pub access: AccessMode,
    /// Who may book (empty: anyone).
    pub booking: Vec<BookedVia>,
    /// Only network clinics.
    pub network_only: bool,
    /// Settings covered (`None`: all).
    pub settings: Option<Vec<Setting>>,
    /// Insured events.
    pub reasons: Reasons,
    /// Age range.
    pub age: Option<AgeRange>,
    /// Guarantee letter validity in months.
    pub letter_validity_months: u32,
    /// Percent of the price the insurer pays.
    pub insurer_share: DatedValue<Decimal>,
    /// Coverage entries.
    pub covers: Vec<Coverage>,
    /// Limits.
    pub limits: Vec<Limit>,
    /// Waiting periods.
    pub waiting_periods: Vec<WaitingPeriod>,
    pub(crate) cover_index: EntryIndex,
    pub(crate) limit_index: EntryIndex,
    pub(crate) waiting_index: EntryIndex,
    /// Rule reference.
    pub rule: Name,
}

/// An attachment roster.
#[derive(Clone, Debug, PartialEq)]
pub struct Roster {
    /// Id.
    pub id: String,
    /// Clinic id.
    pub clinic: Name,
    /// Received on.
    pub received: NaiveDate,
    /// In force.
    pub window: Window,
    /// Member id → program id.
    pub members: HashMap<String, String>,
    /// Rule reference.
    pub rule: Name,
}

impl Roster {
    /// Whether the roster lists `member` for `program`.
    pub fn lists(&self, member: &str, program: &Program) -> bool {
        self.members.get(member).is_some_and(|p| program.id == *p)
    }
}

/// A corporate client.
#[derive(Clone, Debug, PartialEq)]
pub struct CorporateClient {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Contract period.
    pub contract: Window,
    /// Rule reference.
    pub rule: Name,
}

/// A discount.
#[derive(Clone, Debug, PartialEq)]
pub struct Discount {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Percent by date.
    pub percent: DatedValue<Decimal>,
    /// Services.
    pub services: ServiceSet,
    /// Who.
    pub eligible: Eligibility,
    /// In force.
    pub window: Window,
    /// Rule reference.
    pub rule: Name,
}
