//! The exported object: loaded, checked rules that evaluate requests.
//!
//! New engine APIs (member reports, the provider directory, …) are added as
//! methods here, with their records in a module of their own.

use crate::decision::Decision;
use crate::error::MedcoverError;
use crate::request::Request;
use std::collections::HashMap;
use std::sync::Arc;

/// Options for one evaluation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct EvaluateOptions {
    /// Record each pipeline step with the rule and value it used
    /// (`Line.trace`).
    #[uniffi(default = false)]
    pub trace: bool,
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
        self.book.sets().iter().map(|s| s.id().to_owned()).collect()
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
            .flat_map(|s| s.services().iter().map(|x| x.code.clone()))
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
}
