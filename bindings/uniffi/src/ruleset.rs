//! The exported object: loaded, checked rules that evaluate requests.
//!
//! New engine APIs are added as methods here, with their records in a
//! module of their own: member reports ([`crate::reports`]), the provider
//! directory ([`crate::directory`]), the helpdesk ([`crate::helpdesk`]) and
//! insurance representatives ([`crate::representatives`]).

use crate::decision::Decision;
use crate::directory::{Provider, ProviderQuery};
use crate::error::MedcoverError;
use crate::helpdesk::{ChannelAnswer, Incident, IncidentVerdict};
use crate::parse;
use crate::reports::{LimitsReport, MemberQuery, Statement, WaitingPeriodsReport};
use crate::representatives::{CheckupAnswer, Route};
use crate::request::Request;
use std::collections::HashMap;
use std::sync::Arc;

/// Options for one evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Record)]
pub struct EvaluateOptions {
    /// Record each pipeline step with the rule and value it used
    /// (`Line.trace`).
    #[uniffi(default = false)]
    pub trace: bool,
    /// The language of the reasons' messages.
    #[uniffi(default = None)]
    pub lang: Option<Lang>,
    /// Write the reasons' messages; `false` leaves them empty (codes only).
    #[uniffi(default = true)]
    pub messages: bool,
}

impl Default for EvaluateOptions {
    /// No trace, messages in English: what the foreign defaults say.
    fn default() -> Self {
        EvaluateOptions {
            trace: false,
            lang: None,
            messages: true,
        }
    }
}

/// A language for the reasons' messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Lang {
    /// English.
    En,
    /// Romanian.
    Ro,
    /// Russian.
    Ru,
    /// Portuguese.
    Pt,
}

impl From<Lang> for medcover::messages::Lang {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::En => medcover::messages::Lang::En,
            Lang::Ro => medcover::messages::Lang::Ro,
            Lang::Ru => medcover::messages::Lang::Ru,
            Lang::Pt => medcover::messages::Lang::Pt,
        }
    }
}

/// Loaded and checked rules. Immutable and thread-safe: load once, share,
/// evaluate from any thread.
///
/// Loaded from a folder it may hold one rule set (a folder with a
/// `ruleset.json`) or several (a folder of such folders); each request is
/// then decided by the rule set that owns its clinic.
#[derive(Debug, uniffi::Object)]
pub struct RuleSet {
    book: medcover::RuleBook,
}

impl RuleSet {
    /// The engine's rules, for the methods defined in other modules.
    pub(crate) fn book(&self) -> &medcover::RuleBook {
        &self.book
    }
}

#[uniffi::export]
impl RuleSet {
    /// Loads the rules under `path`: one rule-set folder, or a folder of
    /// rule-set folders. Every problem of every file is reported at once
    /// in `MedcoverError::Rules`.
    #[uniffi::constructor]
    pub fn new(path: String) -> Result<Arc<Self>, MedcoverError> {
        let book = medcover::RuleBook::load(&path)?;
        Ok(Arc::new(RuleSet { book }))
    }

    /// Builds one rule set from in-memory rule files: file name → JSON text
    /// (`"services.json"` → `{"services": [...]}`), for apps that ship their
    /// rules as assets.
    #[uniffi::constructor]
    pub fn from_files(files: HashMap<String, String>) -> Result<Arc<Self>, MedcoverError> {
        let mut files: Vec<(String, String)> = files.into_iter().collect();
        files.sort();
        let set = medcover::RuleSet::from_sources(files)?;
        Ok(Arc::new(RuleSet {
            book: medcover::RuleBook::new(vec![set]),
        }))
    }

    /// The ids of the loaded rule sets (`ro-omniasig`).
    pub fn ids(&self) -> Vec<String> {
        self.book.sets().iter().map(|s| s.id().into()).collect()
    }

    /// Every clinic id, over all loaded rule sets.
    pub fn clinic_ids(&self) -> Vec<String> {
        self.book.clinic_ids().map(str::to_owned).collect()
    }

    /// Every service code, over all loaded rule sets.
    pub fn service_codes(&self) -> Vec<String> {
        self.book
            .sets()
            .iter()
            .flat_map(|s| s.services().iter().map(|x| x.code.into()))
            .collect()
    }

    /// Decides `request` with the rule set that owns its clinic.
    pub fn evaluate(&self, request: Request) -> Result<Decision, MedcoverError> {
        self.evaluate_with(request, EvaluateOptions::default())
    }

    /// Decides `request`, with options (a trace on request).
    pub fn evaluate_with(
        &self,
        request: Request,
        options: EvaluateOptions,
    ) -> Result<Decision, MedcoverError> {
        let request = request.to_core()?;
        let decision = self.book.evaluate_with(
            &request,
            medcover::EvaluateOptions {
                trace: options.trace,
                lang: options.lang.map(Into::into).unwrap_or_default(),
                messages: options.messages,
            },
        )?;
        Ok(decision.into())
    }

    /// Decides a request given as JSON text (the contract of DOMAIN.md §4)
    /// and returns the decision as JSON text.
    pub fn evaluate_json(&self, request_json: String) -> Result<String, MedcoverError> {
        let decision = self.book.evaluate_json(&request_json)?;
        serde_json::to_string(&decision).map_err(|e| MedcoverError::Internal {
            detail: e.to_string(),
        })
    }

    /// The member's usage limits as of `query.date`: allowed, consumed and
    /// remaining in the policy year, for each limit of their program.
    pub fn limits_report(&self, query: MemberQuery) -> Result<LimitsReport, MedcoverError> {
        let query = query.to_core()?;
        let set = self.set_for_query(&query)?;
        Ok(set.limits_report(&query)?.into())
    }

    /// The waiting periods that apply to the member, each with its end date
    /// (the first covered day).
    pub fn waiting_periods_report(
        &self,
        query: MemberQuery,
    ) -> Result<WaitingPeriodsReport, MedcoverError> {
        let query = query.to_core()?;
        let set = self.set_for_query(&query)?;
        Ok(set.waiting_periods_report(&query)?.into())
    }

    /// The services the member used from `query.from` (default: the policy
    /// year's first day) through `query.to` (default: `query.date`).
    pub fn statement(&self, query: MemberQuery) -> Result<Statement, MedcoverError> {
        let query = query.to_core()?;
        let set = self.set_for_query(&query)?;
        Ok(set.statement(&query)?.into())
    }

    /// The providers of every loaded rule set matching `query`, set by set
    /// in rule order. A program or service that no rule set has is a
    /// `Request` error on `program` or `service`.
    pub fn providers(&self, query: ProviderQuery) -> Result<Vec<Provider>, MedcoverError> {
        let clinics = self
            .book
            .providers(&query.to_core())
            .map_err(|e| self.query_error(e))?;
        Ok(clinics
            .into_iter()
            .map(|c| {
                let ruleset = self
                    .book
                    .set_for_clinic(&c.id)
                    .map_or("", |s| s.id().as_str());
                Provider::new(c, ruleset)
            })
            .collect())
    }

    /// Which helpdesk channel answers at `at`, a local time
    /// `YYYY-MM-DDTHH:MM` (18:00 on a workday is a human operator by
    /// e-mail, 18:01 the phone IVR).
    pub fn helpdesk_channel(&self, at: String) -> Result<ChannelAnswer, MedcoverError> {
        let moment = medcover::helpdesk::parse_moment(&at).ok_or_else(|| {
            MedcoverError::invalid_field(
                "at",
                format!("invalid moment `{at}`, expected local time as YYYY-MM-DDTHH:MM"),
            )
        })?;
        Ok(self.helpdesk()?.channel_at(moment).into())
    }

    /// Checks an incident e-mail before it is sent: every problem is listed
    /// in the verdict (an unknown system too), so only a missing helpdesk
    /// is an error.
    pub fn validate_incident(&self, incident: Incident) -> Result<IncidentVerdict, MedcoverError> {
        Ok(self
            .helpdesk()?
            .validate_incident(&incident.to_core())
            .into())
    }

    /// Routes an inquiry on `topic` (`dispute`, `choose_doctor`; case and
    /// `-` for `_` do not matter) to its level of insurance representatives.
    /// An unknown topic is a `Request` error on `topic` whose `known` lists
    /// every topic.
    pub fn route(&self, topic: String) -> Result<Route, MedcoverError> {
        let route = self.representatives()?.route(&topic).map_err(|e| {
            let detail = format!(
                "unknown topic `{}`; known topics: {}",
                e.topic,
                e.known.join(", ")
            );
            MedcoverError::unknown_reference("topic", detail, e.help, e.known)
        })?;
        Ok(route.into())
    }

    /// Whether a person born on `birth_date` may have the preventive
    /// check-up in the calendar year of `on` (both `YYYY-MM-DD`).
    pub fn checkup_eligibility(
        &self,
        birth_date: String,
        on: String,
    ) -> Result<CheckupAnswer, MedcoverError> {
        let birth = parse::date("birth_date", &birth_date)?;
        let on_date = parse::date("on", &on)?;
        let answer = self
            .representatives()?
            .checkup_eligibility(birth, on_date)
            .map_err(|e| match e {
                medcover::representatives::CheckupError::NotInRules => {
                    MedcoverError::not_in_rules("no loaded rule set has a preventive check-up rule")
                }
                medcover::representatives::CheckupError::BeforeBirth { .. } => {
                    MedcoverError::invalid_field("on", e.to_string())
                }
            })?;
        Ok(answer.into())
    }
}

impl RuleSet {
    /// The rule set owning the query's program; an unknown program lists
    /// the known ones.
    fn set_for_query(
        &self,
        query: &medcover::reports::MemberQuery,
    ) -> Result<&medcover::RuleSet, MedcoverError> {
        self.book.set_for_query(query).map_err(|e| {
            let unknown_program = e.kind == medcover::RequestErrorKind::UnknownReference;
            let mut error = MedcoverError::from(e);
            if let MedcoverError::Request { known, .. } = &mut error {
                if unknown_program {
                    *known = self.program_ids();
                }
            }
            error
        })
    }

    fn program_ids(&self) -> Vec<String> {
        self.book
            .sets()
            .iter()
            .flat_map(|s| s.programs().iter().map(|p| p.id.into()))
            .collect()
    }

    fn query_error(&self, e: medcover::QueryError) -> MedcoverError {
        use medcover::QueryError as E;
        match e {
            E::UnknownProgram { program, help } => MedcoverError::unknown_reference(
                "program",
                format!("unknown program `{program}`"),
                help,
                self.program_ids(),
            ),
            E::UnknownService { service, help } => MedcoverError::unknown_reference(
                "service",
                format!("unknown service `{service}`"),
                help,
                Vec::new(),
            ),
            E::UnknownProviderType { value, help } => MedcoverError::Request {
                kind: crate::error::RequestErrorKind::InvalidField,
                path: "provider_type".into(),
                detail: format!("unknown provider type `{value}`"),
                help,
                line: None,
                column: None,
                known: Vec::new(),
            },
        }
    }

    /// The helpdesk of the first rule set that has one.
    fn helpdesk(&self) -> Result<&medcover::helpdesk::Helpdesk, MedcoverError> {
        self.book
            .sets()
            .iter()
            .find_map(|s| s.helpdesk())
            .ok_or_else(|| {
                MedcoverError::not_in_rules("no loaded rule set has a `helpdesk` section")
            })
    }

    /// The representatives of the first rule set that has them.
    fn representatives(
        &self,
    ) -> Result<&medcover::representatives::Representatives, MedcoverError> {
        self.book
            .sets()
            .iter()
            .find_map(|s| s.representatives())
            .ok_or_else(|| {
                MedcoverError::not_in_rules("no loaded rule set has a `representatives` section")
            })
    }
}
