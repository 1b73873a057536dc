//! Rule sets: loading, checking and the compiled, indexed model.
//!
//! `format` is what rule authors write; `load` reads files and reports
//! syntax and type problems; `compile` checks references and values and
//! builds the immutable [`RuleSet`]; `model` holds its parts.

mod compile;
pub mod format;
pub(crate) mod load;
mod locate;
pub mod model;
pub mod schema;

pub use load::Source;

use crate::error::{LoadError, ProblemKind, RuleProblem};
use crate::money::Currency;
use crate::name::Name;
use format::{Manifest, RosterDef};
use load::{Origin, Problems};
use model::{Clinic, CorporateClient, Discount, Program, Roster, Service, ServiceId};
use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};

/// One rule set: a catalog, clinics, programs, rosters and discounts, checked
/// and indexed. Immutable; evaluation borrows it.
#[derive(Clone, Debug)]
pub struct RuleSet {
    pub(crate) manifest: Manifest,
    /// The manifest's id and currency, interned: every decision names them.
    pub(crate) id: Name,
    pub(crate) currency: Currency,
    pub(crate) services: Vec<Service>,
    pub(crate) service_index: HashMap<String, ServiceId>,
    pub(crate) clinics: Vec<Clinic>,
    pub(crate) clinic_index: HashMap<String, usize>,
    pub(crate) programs: Vec<Program>,
    pub(crate) program_index: HashMap<String, usize>,
    pub(crate) rosters: Vec<Roster>,
    /// clinic → member → rosters that list the member (looked up without
    /// allocating).
    pub(crate) roster_index: HashMap<String, HashMap<String, Vec<usize>>>,
    pub(crate) corporate_clients: HashMap<String, CorporateClient>,
    pub(crate) discounts: Vec<Discount>,
    pub(crate) helpdesk: Option<crate::helpdesk::Helpdesk>,
    pub(crate) representatives: Option<crate::representatives::Representatives>,
}

impl RuleSet {
    /// Loads the rule set in `dir` (every `*.json` file directly in it).
    pub fn load(dir: impl AsRef<Path>) -> Result<RuleSet, LoadError> {
        let dir = dir.as_ref();
        let mut problems = Problems::default();
        let sources = read_dir_sources(dir, &mut problems);
        let folder = dir.file_name().and_then(|n| n.to_str()).map(str::to_owned);
        finish(sources, problems, folder.as_deref())
    }

    /// Builds a rule set from in-memory files: `(file name, JSON text)` pairs.
    pub fn from_sources(
        files: impl IntoIterator<Item = (String, String)>,
    ) -> Result<RuleSet, LoadError> {
        let sources = files
            .into_iter()
            .map(|(name, text)| Source {
                path: PathBuf::from(&name),
                name,
                text,
            })
            .collect();
        finish(sources, Problems::default(), None)
    }

    /// A copy of this rule set with `rosters` (sent by the insurer) added.
    pub fn with_rosters(&self, rosters: Vec<RosterDef>) -> Result<RuleSet, LoadError> {
        let mut problems = Problems::default();
        problems.sources.push(Source {
            path: PathBuf::from("<rosters>"),
            name: "api".into(),
            text: String::new(),
        });
        let clinics = self.clinic_index.keys().cloned().collect();
        let programs = self
            .programs
            .iter()
            .map(|p| (p.id.to_string(), p.access))
            .collect();
        let mut compiled = Vec::new();
        {
            let mut compiler = compile::Compiler::over(self, &mut problems);
            for (i, def) in rosters.into_iter().enumerate() {
                let origin = Origin {
                    source: 0,
                    pointer: format!("/{i}"),
                };
                if let Some(r) = compiler.roster(def, &origin, &clinics, &programs) {
                    compiled.push(r);
                }
            }
        }
        for r in &compiled {
            if self.rosters.iter().any(|existing| existing.id == r.id) {
                problems.file(
                    PathBuf::from("<rosters>"),
                    ProblemKind::Duplicate,
                    format!("duplicate roster id `{}`", r.id),
                    None,
                );
            }
        }
        if !problems.list.is_empty() {
            return Err(LoadError {
                problems: problems.list,
            });
        }
        let mut set = self.clone();
        let mut all = self.rosters.clone();
        all.extend(compiled);
        set.set_rosters(all);
        Ok(set)
    }

    pub(crate) fn set_rosters(&mut self, rosters: Vec<Roster>) {
        let mut index: HashMap<String, HashMap<String, Vec<usize>>> = HashMap::default();
        for (i, r) in rosters.iter().enumerate() {
            let by_member = index.entry(r.clinic.to_string()).or_default();
            for member in r.members.keys() {
                by_member.entry(member.clone()).or_default().push(i);
            }
        }
        self.rosters = rosters;
        self.roster_index = index;
    }

    /// The rule set id (`ro-omniasig`).
    pub fn id(&self) -> Name {
        self.id
    }

    /// The `ruleset` section.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The currency of every amount.
    pub fn currency(&self) -> Name {
        self.currency.code
    }

    /// The currency with its minor unit, to round amounts with.
    pub(crate) fn money(&self) -> Currency {
        self.currency
    }

    /// The service catalog.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// A service by code.
    pub fn service(&self, code: &str) -> Option<&Service> {
        self.service_index
            .get(code)
            .and_then(|&i| self.services.get(i as usize))
    }

    pub(crate) fn service_with_id(&self, code: &str) -> Option<(ServiceId, &Service)> {
        let id = *self.service_index.get(code)?;
        Some((id, self.services.get(id as usize)?))
    }

    /// Clinics and other providers.
    pub fn clinics(&self) -> &[Clinic] {
        &self.clinics
    }

    /// A clinic by id.
    pub fn clinic(&self, id: &str) -> Option<&Clinic> {
        self.clinic_index.get(id).and_then(|&i| self.clinics.get(i))
    }

    /// Programs, with inherited terms resolved.
    pub fn programs(&self) -> &[Program] {
        &self.programs
    }

    /// A program by id.
    pub fn program(&self, id: &str) -> Option<&Program> {
        self.program_index
            .get(id)
            .and_then(|&i| self.programs.get(i))
    }

    /// Attachment rosters.
    pub fn rosters(&self) -> &[Roster] {
        &self.rosters
    }

    /// Rosters of `clinic` that list `member`.
    pub fn rosters_listing<'a>(
        &'a self,
        clinic: &str,
        member: &str,
    ) -> impl Iterator<Item = &'a Roster> + 'a {
        self.roster_index
            .get(clinic)
            .and_then(|by_member| by_member.get(member))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.rosters.get(i))
    }

    /// A corporate client by id.
    pub fn corporate_client(&self, id: &str) -> Option<&CorporateClient> {
        self.corporate_clients.get(id)
    }

    /// Discounts.
    pub fn discounts(&self) -> &[Discount] {
        &self.discounts
    }

    /// The helpdesk rules, if this rule set has them.
    pub fn helpdesk(&self) -> Option<&crate::helpdesk::Helpdesk> {
        self.helpdesk.as_ref()
    }

    /// The representative levels, if this rule set has them.
    pub fn representatives(&self) -> Option<&crate::representatives::Representatives> {
        self.representatives.as_ref()
    }
}

fn finish(
    sources: Vec<Source>,
    mut problems: Problems,
    folder: Option<&str>,
) -> Result<RuleSet, LoadError> {
    let raw = load::read_sources(sources, &mut problems);
    let set = compile::compile(raw, &mut problems, folder);
    match set {
        Some(set) if problems.list.is_empty() => Ok(set),
        _ => Err(LoadError {
            problems: problems.list,
        }),
    }
}

/// The `*.json` files directly in `dir`, sorted by name.
fn read_dir_sources(dir: &Path, problems: &mut Problems) -> Vec<Source> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.file(
                dir.to_path_buf(),
                ProblemKind::Io,
                format!("cannot read the folder: {e}"),
                None,
            );
            return Vec::new();
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut sources = Vec::new();
    for path in paths {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_owned();
                sources.push(Source { path, name, text });
            }
            Err(e) => problems.file(
                path,
                ProblemKind::Io,
                format!("cannot read the file: {e}"),
                None,
            ),
        }
    }
    sources
}

/// Every rule set under a folder. Routes each request to the rule set that
/// owns its clinic.
#[derive(Clone, Debug)]
pub struct RuleBook {
    sets: Vec<RuleSet>,
    by_clinic: HashMap<String, usize>,
}

impl RuleBook {
    /// Loads `dir`: a rule set folder itself (it has a `ruleset.json`), or a
    /// folder of rule set folders. Problems of every set are collected.
    pub fn load(dir: impl AsRef<Path>) -> Result<RuleBook, LoadError> {
        let dir = dir.as_ref();
        if dir.join("ruleset.json").is_file() {
            return RuleSet::load(dir).map(|s| RuleBook::new(vec![s]));
        }
        let entries = std::fs::read_dir(dir).map_err(|e| LoadError {
            problems: vec![RuleProblem {
                kind: ProblemKind::Io,
                file: dir.to_path_buf(),
                line: None,
                column: None,
                path: String::new(),
                message: format!("cannot read the folder: {e}"),
                help: None,
            }],
        })?;
        let mut folders: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join("ruleset.json").is_file())
            .collect();
        folders.sort();
        let mut sets = Vec::new();
        let mut problems = Vec::new();
        for folder in folders {
            match RuleSet::load(&folder) {
                Ok(set) => sets.push(set),
                Err(e) => problems.extend(e.problems),
            }
        }
        if sets.is_empty() && problems.is_empty() {
            problems.push(RuleProblem {
                kind: ProblemKind::Io,
                file: dir.to_path_buf(),
                line: None,
                column: None,
                path: String::new(),
                message: "no rule set here: expected a `ruleset.json`, or folders that have one"
                    .into(),
                help: None,
            });
        }
        let mut clinic_owner: HashMap<&str, &str> = HashMap::default();
        for set in &sets {
            for clinic in &set.clinics {
                if let Some(other) = clinic_owner.insert(&*clinic.id, set.id().as_str()) {
                    problems.push(RuleProblem {
                        kind: ProblemKind::Duplicate,
                        file: dir.join(set.id().as_str()),
                        line: None,
                        column: None,
                        path: String::new(),
                        message: format!(
                            "clinic `{}` is defined by rule sets `{other}` and `{}`",
                            clinic.id,
                            set.id()
                        ),
                        help: None,
                    });
                }
            }
        }
        if problems.is_empty() {
            Ok(RuleBook::new(sets))
        } else {
            Err(LoadError { problems })
        }
    }

    /// A rule book over already loaded rule sets. Clinic ids should be unique
    /// across them; the first set defining a clinic owns it.
    pub fn new(sets: Vec<RuleSet>) -> RuleBook {
        let mut by_clinic = HashMap::default();
        for (i, set) in sets.iter().enumerate() {
            for clinic in &set.clinics {
                by_clinic.entry(clinic.id.to_string()).or_insert(i);
            }
        }
        RuleBook { sets, by_clinic }
    }

    /// The rule sets, by id order.
    pub fn sets(&self) -> &[RuleSet] {
        &self.sets
    }

    /// A rule set by id.
    pub fn set(&self, id: &str) -> Option<&RuleSet> {
        self.sets.iter().find(|s| s.id() == id)
    }

    /// The rule set owning `clinic`.
    pub fn set_for_clinic(&self, clinic: &str) -> Option<&RuleSet> {
        self.by_clinic.get(clinic).and_then(|&i| self.sets.get(i))
    }

    /// Every clinic id of every set.
    pub fn clinic_ids(&self) -> impl Iterator<Item = &str> {
        self.sets
            .iter()
            .flat_map(|s| s.clinics.iter().map(|c| c.id.as_str()))
    }
}
