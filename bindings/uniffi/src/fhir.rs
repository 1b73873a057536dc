//! FHIR R5 export: a decision as a `CoverageEligibilityResponse`, as JSON
//! text (the mapping is in `docs/fhir.md`). Money values are JSON numbers
//! written from the decimal's own digits.

use crate::error::MedcoverError;
use crate::request::Request;
use crate::ruleset::RuleSet;
use medcover::fhir::{FhirOptions, ResourceJson};

fn options(created: Option<String>) -> Result<FhirOptions, MedcoverError> {
    match created {
        Some(created) => Ok(FhirOptions::default().with_created(&created)?),
        None => Ok(FhirOptions::default()),
    }
}

fn text(resource: &serde_json::Value) -> Result<String, MedcoverError> {
    serde_json::to_string(&ResourceJson(resource)).map_err(|e| MedcoverError::Internal {
        detail: e.to_string(),
    })
}

#[uniffi::export]
impl RuleSet {
    /// Decides `request` and returns the decision as a FHIR R5
    /// `CoverageEligibilityResponse` (JSON text). `created`: the resource's
    /// creation date (`2026-05-10`) or date-time with offset
    /// (`2026-05-10T09:30:00Z`); default the service date.
    #[uniffi::method(default(created = None))]
    pub fn evaluate_fhir(
        &self,
        request: Request,
        created: Option<String>,
    ) -> Result<String, MedcoverError> {
        let options = options(created)?;
        let request = request.to_core()?;
        text(&self.book().evaluate_fhir(&request, &options)?)
    }

    /// Like `evaluate_fhir`, for a request given as JSON text.
    #[uniffi::method(default(created = None))]
    pub fn evaluate_fhir_json(
        &self,
        request_json: String,
        created: Option<String>,
    ) -> Result<String, MedcoverError> {
        let options = options(created)?;
        let request = medcover::parse_request(&request_json)?;
        text(&self.book().evaluate_fhir(&request, &options)?)
    }
}
