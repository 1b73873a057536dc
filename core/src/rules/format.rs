//! The rule-file format: what rule authors write, as serde types.
//!
//! A rule set is a folder `rules/<rule-set-id>/` of JSON files. Each file is
//! an object whose keys are *sections* (`ruleset`, `services`, `clinics`,
//! `programs`, `rosters`, `corporate_clients`, `discounts`, …); a section may
//! be split over several files. These types mirror the files one to one and
//! are checked and compiled into a [`RuleSet`](crate::RuleSet) by the loader.
//! The JSON Schema in `rules/schema/` describes the same format for editors.

use crate::request::{BookedVia, CaseReason, Relationship, Setting, Sex};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{de, Deserialize, Deserializer, Serialize};

/// The `ruleset` section: identity of the rule set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Stable id; equals the folder name.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// ISO 4217 currency of every price in the set.
    #[serde(default = "default_currency")]
    pub currency: String,
    /// Which national identifier members carry; it is checked when present.
    #[serde(default)]
    pub national_id: Option<NationalIdKind>,
    /// Where the rules come from.
    #[serde(default)]
    pub source: Option<String>,
}

fn default_currency() -> String {
    "EUR".to_owned()
}

/// A national identifier scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NationalIdKind {
    /// Romanian personal numeric code (13 digits).
    Cnp,
    /// Russian insurance number of an individual account (11 digits).
    Snils,
}

/// Service categories (DOMAIN.md §3).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Consultations.
    Consultation,
    /// Diagnostics.
    Diagnostics,
    /// Therapy.
    Therapy,
    /// Surgery.
    Surgery,
    /// Implantation.
    Implantation,
    /// Orthopedics (prosthetics).
    Orthopedics,
    /// Orthodontics.
    Orthodontics,
    /// Hygiene.
    Hygiene,
    /// Radiology.
    Radiology,
    /// Aesthetics.
    Aesthetics,
    /// Emergency care.
    Emergency,
    /// Childbirth.
    Childbirth,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 12] = [
        Self::Consultation,
        Self::Diagnostics,
        Self::Therapy,
        Self::Surgery,
        Self::Implantation,
        Self::Orthopedics,
        Self::Orthodontics,
        Self::Hygiene,
        Self::Radiology,
        Self::Aesthetics,
        Self::Emergency,
        Self::Childbirth,
    ];

    /// The category as written in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Consultation => "consultation",
            Self::Diagnostics => "diagnostics",
            Self::Therapy => "therapy",
            Self::Surgery => "surgery",
            Self::Implantation => "implantation",
            Self::Orthopedics => "orthopedics",
            Self::Orthodontics => "orthodontics",
            Self::Hygiene => "hygiene",
            Self::Radiology => "radiology",
            Self::Aesthetics => "aesthetics",
            Self::Emergency => "emergency",
            Self::Childbirth => "childbirth",
        }
    }

    /// A bit for sets of categories.
    pub(crate) fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// One entry of the service catalog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceDef {
    /// Stable service code (`OPH-CONSULT`).
    pub code: String,
    /// Human-readable name.
    #[serde(default)]
    pub name: Option<String>,
    /// Category.
    pub category: Category,
    /// Unit price in the rule set's currency, or its dated versions.
    pub price: Dated<Decimal>,
    /// Free tags that selectors can match (`high_complexity`).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A value that may change on dates: either a plain value, or a list of
/// versions each with its validity window.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Dated<T> {
    /// One value, always in force.
    Always(T),
    /// Versions with non-overlapping validity windows.
    Versions(Vec<Version<T>>),
}

/// One dated version of a value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Version<T> {
    /// The value.
    pub value: T,
    /// First day in force (open when absent).
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(default, with = "crate::date::iso_opt")]
    pub valid_from: Option<NaiveDate>,
    /// Last day in force (open when absent).
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(default, with = "crate::date::iso_opt")]
    pub valid_to: Option<NaiveDate>,
    /// Where the value comes from (a law, a contract clause).
    #[serde(default)]
    pub source: Option<String>,
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Dated<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        if value.is_array() {
            serde_json::from_value(value)
                .map(Dated::Versions)
                .map_err(de::Error::custom)
        } else {
            serde_json::from_value(value)
                .map(Dated::Always)
                .map_err(de::Error::custom)
        }
    }
}

/// A set of services, by category, code or tag, less exceptions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    /// Every service of the catalog.
    #[serde(default)]
    pub all: bool,
    /// Services of these categories.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// These service codes.
    #[serde(default)]
    pub codes: Vec<String>,
    /// Services carrying any of these tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Services taken out again.
    #[serde(default)]
    pub except: Option<Exclusion>,
}

/// Services a [`Selector`] leaves out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// Categories left out.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Codes left out.
    #[serde(default)]
    pub codes: Vec<String>,
}

/// Kind of provider.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProviderType {
    /// An outpatient clinic.
    #[default]
    Clinic,
    /// A hospital.
    Hospital,
    /// A laboratory.
    Laboratory,
}

impl ProviderType {
    /// The type as written in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Clinic => "clinic",
            Self::Hospital => "hospital",
            Self::Laboratory => "laboratory",
        }
    }
}

/// A clinic, hospital or laboratory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClinicDef {
    /// Stable id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Kind of provider.
    #[serde(default, rename = "type")]
    pub provider_type: ProviderType,
    /// City.
    pub city: String,
    /// State, county or region code (`SP`, `CJ`).
    #[serde(default)]
    pub state: Option<String>,
    /// Medical specialties.
    #[serde(default)]
    pub specialties: Vec<String>,
    /// On the insurer's network (list of clinics).
    #[serde(default = "yes")]
    pub in_network: bool,
    /// Services performed on site.
    pub offers: Selector,
}

fn yes() -> bool {
    true
}

/// How a program gives access to care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccessMode {
    /// A per-appointment authorization, valid on one date (DOMAIN.md §2.1).
    Authorization,
    /// A guarantee letter for a period and a volume (§2.2 "by fact").
    GuaranteeLetter,
    /// The clinic's roster of attached members (§2.2 "attachment").
    Attachment,
    /// The policy alone (a health plan's card).
    Policy,
}

impl AccessMode {
    /// The mode as written in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Authorization => "authorization",
            Self::GuaranteeLetter => "guarantee_letter",
            Self::Attachment => "attachment",
            Self::Policy => "policy",
        }
    }
}

/// Case reasons a program or coverage entry accepts: `"any"` or a list.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Reasons {
    /// Any reason.
    Any(AnyReason),
    /// Only these.
    Only(Vec<CaseReason>),
}

/// The literal `"any"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnyReason {
    /// Any reason.
    Any,
}

impl<'de> Deserialize<'de> for Reasons {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        match value {
            serde_json::Value::String(s) if s == "any" => Ok(Reasons::Any(AnyReason::Any)),
            serde_json::Value::Array(_) => serde_json::from_value(value)
                .map(Reasons::Only)
                .map_err(de::Error::custom),
            other => Err(de::Error::custom(format_args!(
                "invalid reasons `{other}`, expected \"any\" or a list of case reasons"
            ))),
        }
    }
}

impl Reasons {
    /// Whether `reason` is accepted; an absent reason is accepted only by `any`.
    pub fn accepts(&self, reason: Option<CaseReason>) -> bool {
        match self {
            Reasons::Any(_) => true,
            Reasons::Only(list) => reason.is_some_and(|r| list.contains(&r)),
        }
    }
}

/// An age range in completed years, both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgeRange {
    /// Youngest age covered.
    #[serde(default)]
    pub min: Option<u32>,
    /// Oldest age covered.
    #[serde(default)]
    pub max: Option<u32>,
}

/// A coverage program (a program variant of an insurer).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgramDef {
    /// Stable id, `<rule-set-id>/<variant>`.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Another program of the set whose terms this one starts from; its own
    /// fields replace, its lists add to the parent's.
    #[serde(default)]
    pub extends: Option<String>,
    /// Access mode (required unless inherited).
    #[serde(default)]
    pub access: Option<AccessMode>,
    /// Who may book a visit (default: anyone).
    #[serde(default)]
    pub booking: Option<Vec<BookedVia>>,
    /// Only clinics on the insurer's network.
    #[serde(default)]
    pub network_only: Option<bool>,
    /// Covered care settings (default: all).
    #[serde(default)]
    pub settings: Option<Vec<Setting>>,
    /// Insured events (default: any reason).
    #[serde(default)]
    pub reasons: Option<Reasons>,
    /// Age range covered.
    #[serde(default)]
    pub age: Option<AgeRange>,
    /// Guarantee letters run this many months from their issue date.
    #[serde(default)]
    pub letter_validity_months: Option<u32>,
    /// Percent of the price the insurer pays for covered care (default 100).
    #[serde(default)]
    pub insurer_share: Option<Dated<Decimal>>,
    /// What the program covers.
    #[serde(default)]
    pub covers: Vec<CoverageDef>,
    /// Usage limits.
    #[serde(default)]
    pub limits: Vec<LimitDef>,
    /// Waiting periods.
    #[serde(default)]
    pub waiting_periods: Vec<WaitingPeriodDef>,
    /// Where the terms come from.
    #[serde(default)]
    pub source: Option<String>,
}

/// One coverage entry of a program.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageDef {
    /// Id, unique within the program.
    pub id: String,
    /// The services covered.
    pub services: Selector,
    /// Case reasons, replacing the program's for these services.
    #[serde(default)]
    pub reasons: Option<Reasons>,
    /// Settings, replacing the program's for these services.
    #[serde(default)]
    pub settings: Option<Vec<Setting>>,
    /// Age range for these services.
    #[serde(default)]
    pub age: Option<AgeRange>,
    /// Only members of this sex.
    #[serde(default)]
    pub sex: Option<Sex>,
    /// First day in force.
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(default, with = "crate::date::iso_opt")]
    pub valid_from: Option<NaiveDate>,
    /// Last day in force.
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(default, with = "crate::date::iso_opt")]
    pub valid_to: Option<NaiveDate>,
    /// Where it comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// A usage limit per policy year, by count or by amount.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LimitDef {
    /// Id, unique within the program for any one date.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// The services counted together.
    pub services: Selector,
    /// Units allowed per policy year.
    #[serde(default)]
    pub count: Option<u32>,
    /// Money the insurer pays at most per policy year.
    #[serde(default)]
    pub amount: Option<Decimal>,
    /// First day in force.
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(default, with = "crate::date::iso_opt")]
    pub valid_from: Option<NaiveDate>,
    /// Last day in force.
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(default, with = "crate::date::iso_opt")]
    pub valid_to: Option<NaiveDate>,
    /// Where it comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// When a waiting period applies.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum WaitingCondition {
    /// To every member.
    #[default]
    Always,
    /// Only to members with declared pre-existing conditions.
    PreExisting,
}

/// A waiting period counted from the member's enrollment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaitingPeriodDef {
    /// Id, unique within the program for any one date.
    pub id: String,
    /// Name, as shown in the member's waiting-period report.
    #[serde(default)]
    pub name: Option<String>,
    /// The services that wait.
    pub services: Selector,
    /// Length in days (covered from enrolled + days).
    #[serde(default)]
    pub days: Option<u32>,
    /// Length in calendar months.
    #[serde(default)]
    pub months: Option<u32>,
    /// Who waits.
    #[serde(default)]
    pub condition: WaitingCondition,
    /// First day in force.
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(default, with = "crate::date::iso_opt")]
    pub valid_from: Option<NaiveDate>,
    /// Last day in force.
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(default, with = "crate::date::iso_opt")]
    pub valid_to: Option<NaiveDate>,
    /// Where it comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// An attachment roster: the members a clinic serves under a program
/// variant, sent in advance by the insurer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RosterDef {
    /// Stable id.
    pub id: String,
    /// The clinic it was sent to.
    pub clinic: String,
    /// Date the clinic received it.
    #[schemars(with = "NaiveDate")]
    #[serde(with = "crate::date::iso")]
    pub received: NaiveDate,
    /// First day in force.
    #[schemars(with = "NaiveDate")]
    #[serde(with = "crate::date::iso")]
    pub valid_from: NaiveDate,
    /// Last day in force.
    #[schemars(with = "NaiveDate")]
    #[serde(with = "crate::date::iso")]
    pub valid_to: NaiveDate,
    /// The attached members.
    pub members: Vec<RosterEntry>,
}

/// One attached member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RosterEntry {
    /// Member id.
    pub member: String,
    /// Program variant.
    pub program: String,
}

/// A corporate client of the insurer or clinic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CorporateClientDef {
    /// Stable id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// First day of the contract.
    #[schemars(with = "NaiveDate")]
    #[serde(with = "crate::date::iso")]
    pub contract_start: NaiveDate,
    /// Last day of the contract.
    #[schemars(with = "NaiveDate")]
    #[serde(with = "crate::date::iso")]
    pub contract_end: NaiveDate,
}

/// A discount on what insurance does not cover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiscountDef {
    /// Stable id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Percent off, 0 to 100.
    pub percent: Dated<Decimal>,
    /// The services it applies to.
    pub services: Selector,
    /// Who is eligible.
    pub eligible: Eligibility,
    /// First day in force.
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(default, with = "crate::date::iso_opt")]
    pub valid_from: Option<NaiveDate>,
    /// Last day in force.
    #[schemars(with = "Option<NaiveDate>")]
    #[serde(default, with = "crate::date::iso_opt")]
    pub valid_to: Option<NaiveDate>,
    /// Where it comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// Who earns a discount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// Members with a policy of the rule set in force on the date.
    #[serde(default)]
    pub insured: bool,
    /// Employees of a corporate client whose contract is in force, and the
    /// relatives listed in `relationships`.
    #[serde(default)]
    pub corporate_clients: bool,
    /// Relationships to the employee that qualify (`self` is the employee).
    #[serde(default)]
    pub relationships: Vec<Relationship>,
}
