//! The provider directory (DOMAIN.md §2.5): clinics filtered by state, city,
//! provider type, specialty, program and service.
//!
//! Text filters compare ignoring case, diacritics and extra spaces
//! (`sao paulo` finds `São Paulo`). The program filter keeps the clinics the
//! program may use: clinics on the network when the program is
//! `network_only`, every clinic otherwise. The service filter keeps the
//! clinics that perform the service on site. The same selection gives the
//! `alternatives` of a `refer_elsewhere` decision line.

use crate::rules::format::{Category, ProviderType};
use crate::rules::model::{Clinic, ServiceId};
use crate::rules::{RuleBook, RuleSet};
use crate::suggest::did_you_mean;
use crate::text::fold;
use serde::{Deserialize, Serialize};

/// A directory search; every filter is optional and they all must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderQuery {
    /// State, county or region code (`SP`).
    #[serde(default)]
    pub state: Option<String>,
    /// City (`São Paulo`).
    #[serde(default)]
    pub city: Option<String>,
    /// Kind of provider.
    #[serde(default, alias = "type")]
    pub provider_type: Option<ProviderType>,
    /// A specialty the provider has (`cardiology`).
    #[serde(default)]
    pub specialty: Option<String>,
    /// A program id: only providers it may use.
    #[serde(default)]
    pub program: Option<String>,
    /// A service code: only providers performing it.
    #[serde(default)]
    pub service: Option<String>,
}

/// A directory search that names something no rule set knows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// No rule set has this program.
    #[error("unknown program `{program}`{}", help_suffix(.help))]
    UnknownProgram {
        /// The program asked for.
        program: String,
        /// A suggestion, when one is close.
        help: Option<String>,
    },
    /// No rule set has this service.
    #[error("unknown service `{service}`{}", help_suffix(.help))]
    UnknownService {
        /// The service asked for.
        service: String,
        /// A suggestion, when one is close.
        help: Option<String>,
    },
    /// Not a provider type.
    #[error("unknown provider type `{value}`; known types: clinic, hospital, laboratory{}", help_suffix(.help))]
    UnknownProviderType {
        /// The type asked for.
        value: String,
        /// A suggestion, when one is close.
        help: Option<String>,
    },
}

fn help_suffix(help: &Option<String>) -> String {
    help.as_ref().map(|h| format!(" ({h})")).unwrap_or_default()
}

/// Reads a provider type (`hospital`), ignoring case.
pub fn parse_provider_type(text: &str) -> Result<ProviderType, QueryError> {
    const TYPES: [ProviderType; 3] = [
        ProviderType::Clinic,
        ProviderType::Hospital,
        ProviderType::Laboratory,
    ];
    let wanted = fold(text);
    TYPES
        .into_iter()
        .find(|t| t.as_str() == wanted)
        .ok_or_else(|| QueryError::UnknownProviderType {
            value: text.to_owned(),
            help: did_you_mean(&wanted, TYPES.iter().map(|t| t.as_str())),
        })
}

/// A query with its ids resolved in one rule set.
pub(crate) struct Selection {
    state: Option<String>,
    city: Option<String>,
    provider_type: Option<ProviderType>,
    specialty: Option<String>,
    /// Only clinics on the network.
    pub network_only: bool,
    /// Only clinics performing this service.
    pub service: Option<(ServiceId, Category)>,
}

impl Selection {
    /// A selection of the clinics a program may use that perform a service.
    pub(crate) fn for_service(network_only: bool, service: (ServiceId, Category)) -> Selection {
        Selection {
            state: None,
            city: None,
            provider_type: None,
            specialty: None,
            network_only,
            service: Some(service),
        }
    }

    /// Resolves `query` in `set`; `None` when its program or service is not
    /// in the set (then no clinic of the set matches).
    fn resolve(set: &RuleSet, query: &ProviderQuery) -> Option<Selection> {
        let network_only = match &query.program {
            Some(id) => set.program(id.trim())?.network_only,
            None => false,
        };
        let service = match &query.service {
            Some(code) => {
                let (id, service) = set.service_with_id(code.trim())?;
                Some((id, service.category))
            }
            None => None,
        };
        let text = |v: &Option<String>| v.as_deref().map(fold).filter(|v| !v.is_empty());
        Some(Selection {
            state: text(&query.state),
            city: text(&query.city),
            provider_type: query.provider_type,
            specialty: text(&query.specialty),
            network_only,
            service,
        })
    }

    fn matches(&self, clinic: &Clinic) -> bool {
        self.state
            .as_ref()
            .is_none_or(|s| clinic.state.as_deref().is_some_and(|cs| &fold(cs) == s))
            && self.city.as_ref().is_none_or(|c| &fold(&clinic.city) == c)
            && self.provider_type.is_none_or(|t| clinic.provider_type == t)
            && self
                .specialty
                .as_ref()
                .is_none_or(|s| clinic.specialties.iter().any(|cs| &fold(cs) == s))
            && (!self.network_only || clinic.in_network)
            && self
                .service
                .is_none_or(|(id, category)| clinic.offers.contains(id, category))
    }

    /// The matching clinics of `set`, in rule order.
    pub(crate) fn select<'s>(&self, set: &'s RuleSet) -> Vec<&'s Clinic> {
        set.clinics().iter().filter(|c| self.matches(c)).collect()
    }
}

impl RuleSet {
    /// The clinics of this rule set matching `query`, in rule order. A
    /// program or service this set does not have matches no clinic.
    pub fn providers(&self, query: &ProviderQuery) -> Vec<&Clinic> {
        Selection::resolve(self, query)
            .map(|s| s.select(self))
            .unwrap_or_default()
    }
}

impl RuleBook {
    /// The clinics of every rule set matching `query`, set by set. A program
    /// or service that no rule set has is an error (with a suggestion).
    pub fn providers(&self, query: &ProviderQuery) -> Result<Vec<&Clinic>, QueryError> {
        if let Some(program) = query.program.as_deref().map(str::trim) {
            if !self.sets().iter().any(|s| s.program(program).is_some()) {
                let known = self
                    .sets()
                    .iter()
                    .flat_map(|s| s.programs().iter().map(|p| p.id.as_str()));
                return Err(QueryError::UnknownProgram {
                    program: program.to_owned(),
                    help: did_you_mean(program, known),
                });
            }
        }
        if let Some(service) = query.service.as_deref().map(str::trim) {
            if !self.sets().iter().any(|s| s.service(service).is_some()) {
                let known = self
                    .sets()
                    .iter()
                    .flat_map(|s| s.services().iter().map(|x| x.code.as_str()));
                return Err(QueryError::UnknownService {
                    service: service.to_owned(),
                    help: did_you_mean(service, known),
                });
            }
        }
        Ok(self
            .sets()
            .iter()
            .flat_map(|s| s.providers(query))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::parse_provider_type;
    use crate::rules::format::ProviderType;

    #[test]
    fn provider_types_parse_ignoring_case() {
        assert_eq!(parse_provider_type("Hospital"), Ok(ProviderType::Hospital));
        let err = parse_provider_type("hospitl").err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("unknown provider type `hospitl`; known types: clinic, hospital, laboratory (did you mean `hospital`?)")
        );
    }
}
