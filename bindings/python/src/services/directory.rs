//! The provider directory.

use super::*;

/// A provider of the directory.
#[pyclass(frozen, eq, module = "medcover._native", name = "Provider")]
#[derive(Clone, PartialEq, Serialize)]
pub struct PyProvider {
    id: String,
    name: Option<String>,
    #[serde(rename = "type")]
    provider_type: &'static str,
    city: String,
    state: Option<String>,
    specialties: Vec<String>,
    in_network: bool,
    ruleset: Option<String>,
}

#[pymethods]
impl PyProvider {
    /// Clinic id.
    #[getter]
    fn id(&self) -> &str {
        &self.id
    }
    /// Name.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
    /// `clinic`, `hospital` or `laboratory`.
    #[getter]
    fn r#type(&self) -> &'static str {
        self.provider_type
    }
    /// City.
    #[getter]
    fn city(&self) -> &str {
        &self.city
    }
    /// State or region.
    #[getter]
    fn state(&self) -> Option<&str> {
        self.state.as_deref()
    }
    /// Specialties.
    #[getter]
    fn specialties(&self) -> Vec<String> {
        self.specialties.clone()
    }
    /// On the insurer's network.
    #[getter]
    fn in_network(&self) -> bool {
        self.in_network
    }
    /// The rule set it belongs to.
    #[getter]
    fn ruleset(&self) -> Option<&str> {
        self.ruleset.as_deref()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        out.set_item("id", &self.id)?;
        out.set_item("name", self.name.as_deref())?;
        out.set_item("type", self.provider_type)?;
        out.set_item("city", &self.city)?;
        out.set_item("state", self.state.as_deref())?;
        out.set_item("specialties", self.specialties.clone())?;
        out.set_item("in_network", self.in_network)?;
        out.set_item("ruleset", self.ruleset.as_deref())?;
        Ok(out)
    }
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(self, indent)
    }
    fn __repr__(&self) -> String {
        format!(
            "Provider(id={:?}, type={:?}, city={:?}, state={})",
            self.id,
            self.provider_type,
            self.city,
            repr_opt(self.state.as_deref())
        )
    }
}

fn query_error(e: QueryError) -> RequestError {
    let (kind, path, message, help) = match e {
        QueryError::UnknownProgram { program, help } => (
            RequestErrorKind::UnknownReference,
            "program",
            format!("unknown program `{program}`"),
            help,
        ),
        QueryError::UnknownService { service, help } => (
            RequestErrorKind::UnknownReference,
            "service",
            format!("unknown service `{service}`"),
            help,
        ),
        QueryError::UnknownProviderType { value, help } => (
            RequestErrorKind::InvalidField,
            "type",
            format!("unknown provider type `{value}`; known types: clinic, hospital, laboratory"),
            help,
        ),
    };
    RequestError {
        kind,
        path: path.to_owned(),
        message,
        help,
        position: None,
    }
}

/// The providers matching every filter given.
pub(crate) fn providers(
    py: Python<'_>,
    book: &RuleBook,
    query: ProviderQuery,
    provider_type: Option<String>,
) -> PyResult<Vec<PyProvider>> {
    let result = run(py, || -> Result<Vec<PyProvider>, RequestError> {
        let mut query = query;
        query.provider_type = provider_type
            .as_deref()
            .map(medcover::directory::parse_provider_type)
            .transpose()
            .map_err(query_error)?;
        let clinics = book.providers(&query).map_err(query_error)?;
        Ok(clinics
            .into_iter()
            .map(|c| PyProvider {
                id: c.id.to_string(),
                name: c.name.clone(),
                provider_type: c.provider_type.as_str(),
                city: c.city.clone(),
                state: c.state.clone(),
                specialties: c.specialties.clone(),
                in_network: c.in_network,
                ruleset: book.set_for_clinic(&c.id).map(|s| s.id().to_string()),
            })
            .collect())
    })?;
    answer(py, Some(result))
}
