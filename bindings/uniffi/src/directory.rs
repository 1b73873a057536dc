//! The provider directory (DOMAIN.md §2.5): clinics, hospitals and
//! laboratories filtered by state, city, type, specialty, program and
//! service, over every loaded rule set.
//!
//! Text filters compare ignoring case, diacritics and extra spaces
//! (`sao paulo` finds `São Paulo`).

/// A directory search: every filter is optional (`null`), and all that are
/// given must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct ProviderQuery {
    /// State, county or region code (`SP`).
    #[uniffi(default = None)]
    pub state: Option<String>,
    /// City (`São Paulo`).
    #[uniffi(default = None)]
    pub city: Option<String>,
    /// Kind of provider.
    #[uniffi(default = None)]
    pub provider_type: Option<ProviderType>,
    /// A specialty the provider has (`cardiology`).
    #[uniffi(default = None)]
    pub specialty: Option<String>,
    /// A program id: only the providers it may use. An id no rule set has
    /// is an error.
    #[uniffi(default = None)]
    pub program: Option<String>,
    /// A service code: only the providers performing it on site. A code no
    /// rule set has is an error.
    #[uniffi(default = None)]
    pub service: Option<String>,
}

/// Kinds of provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ProviderType {
    /// An outpatient clinic.
    Clinic,
    /// A hospital.
    Hospital,
    /// A laboratory.
    Laboratory,
}

/// One provider of the directory.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Provider {
    /// Stable id (`br-hosp-sp`), the `clinic` of a request.
    pub id: String,
    /// Name, if the rules give one.
    pub name: Option<String>,
    /// Kind of provider (`type` in the rule files and the CLI's JSON).
    pub provider_type: ProviderType,
    /// City.
    pub city: String,
    /// State or region code, if the rules give one.
    pub state: Option<String>,
    /// Specialties (`cardiology`).
    pub specialties: Vec<String>,
    /// On the insurer's network.
    pub in_network: bool,
    /// The rule set the provider belongs to.
    pub ruleset: String,
}

impl From<ProviderType> for medcover::rules::format::ProviderType {
    fn from(t: ProviderType) -> Self {
        match t {
            ProviderType::Clinic => Self::Clinic,
            ProviderType::Hospital => Self::Hospital,
            ProviderType::Laboratory => Self::Laboratory,
        }
    }
}

impl From<medcover::rules::format::ProviderType> for ProviderType {
    fn from(t: medcover::rules::format::ProviderType) -> Self {
        use medcover::rules::format::ProviderType as T;
        match t {
            T::Clinic => Self::Clinic,
            T::Hospital => Self::Hospital,
            T::Laboratory => Self::Laboratory,
        }
    }
}

impl ProviderQuery {
    /// The engine's query.
    pub fn to_core(&self) -> medcover::ProviderQuery {
        medcover::ProviderQuery {
            state: self.state.clone(),
            city: self.city.clone(),
            provider_type: self.provider_type.map(Into::into),
            specialty: self.specialty.clone(),
            program: self.program.clone(),
            service: self.service.clone(),
        }
    }
}

impl Provider {
    /// The record of `clinic`, which belongs to the rule set `ruleset`.
    pub(crate) fn new(clinic: &medcover::rules::model::Clinic, ruleset: &str) -> Self {
        Provider {
            id: clinic.id.into(),
            name: clinic.name.clone(),
            provider_type: clinic.provider_type.into(),
            city: clinic.city.clone(),
            state: clinic.state.clone(),
            specialties: clinic.specialties.clone(),
            in_network: clinic.in_network,
            ruleset: ruleset.to_owned(),
        }
    }
}
