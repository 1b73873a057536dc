//! Checking and compiling: section items → the typed, indexed [`RuleSet`].
//! Every semantic problem is recorded with its JSON pointer; compilation goes
//! on past problems so that all of them are reported at once.

mod catalog;
mod programs;
mod rosters_and_discounts;

use super::load::{Origin, Problems, Raw};
use super::model::*;
use super::RuleSet;
use crate::error::ProblemKind;
use crate::name::Name;
use crate::rules::format::{AccessMode, Dated};
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Compiles `raw`; problems go to `problems`. Returns `None` when the rule
/// set has no `ruleset` section at all.
pub fn compile(raw: Raw, problems: &mut Problems, folder: Option<&str>) -> Option<RuleSet> {
    let Some((manifest, manifest_origin)) = raw.manifest else {
        let file = problems
            .sources
            .first()
            .map(|s| s.path.clone())
            .unwrap_or_default();
        problems.file(
            file,
            ProblemKind::Type,
            "missing the `ruleset` section (id, name, currency)".into(),
            None,
        );
        return None;
    };
    if let Some(folder) = folder {
        if folder != manifest.id {
            problems.at(
                &manifest_origin,
                "/id",
                ProblemKind::InvalidValue,
                format!(
                    "rule set id `{}` differs from its folder `{folder}`",
                    manifest.id
                ),
                Some(format!("rename the folder or set the id to `{folder}`")),
            );
        }
    }
    if manifest.currency.len() != 3 || !manifest.currency.chars().all(|c| c.is_ascii_uppercase()) {
        problems.at(
            &manifest_origin,
            "/currency",
            ProblemKind::InvalidValue,
            format!(
                "invalid currency `{}`, expected an ISO 4217 code such as `RON`",
                manifest.currency
            ),
            None,
        );
    }
    let prefix = format!("{}/", manifest.id);
    let mut c = Compiler {
        problems,
        prefix,
        services: Vec::new(),
        service_index: HashMap::default(),
        quiet: false,
    };

    c.services(raw.services);
    let clinics = c.clinics(raw.clinics);
    let programs = c.programs(raw.programs);
    let program_access: HashMap<String, AccessMode> = programs
        .iter()
        .map(|p| (p.id.to_string(), p.access))
        .collect();
    let clinic_ids: HashSet<String> = clinics.iter().map(|cl| cl.id.to_string()).collect();
    let mut rosters = Vec::new();
    for (def, origin) in c.first_of_each_id(raw.rosters, |r| &r.id, "/id", "roster id") {
        if let Some(r) = c.roster(def, &origin, &clinic_ids, &program_access) {
            rosters.push(r);
        }
    }
    let corporate_clients = c.corporate_clients(raw.corporate_clients);
    let discounts = c.discounts(raw.discounts);
    let helpdesk = raw
        .helpdesk
        .and_then(|(def, origin)| crate::helpdesk::compile(def, &origin, c.problems));
    let representatives = raw
        .representatives
        .and_then(|(def, origin)| crate::representatives::compile(def, &origin, c.problems));

    let Compiler {
        services,
        service_index,
        ..
    } = c;
    let mut set = RuleSet {
        id: Name::new(&manifest.id),
        currency: crate::money::Currency::new(Name::new(&manifest.currency)),
        manifest,
        services,
        service_index,
        clinic_index: clinics
            .iter()
            .enumerate()
            .map(|(i, cl)| (cl.id.to_string(), i))
            .collect(),
        clinics,
        program_index: programs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.to_string(), i))
            .collect(),
        programs,
        rosters: Vec::new(),
        roster_index: HashMap::default(),
        corporate_clients: corporate_clients
            .into_iter()
            .map(|cc| (cc.id.clone(), cc))
            .collect(),
        discounts,
        helpdesk,
        representatives,
    };
    set.set_rosters(rosters);
    Some(set)
}

pub(crate) struct Compiler<'p> {
    pub problems: &'p mut Problems,
    prefix: String,
    services: Vec<Service>,
    service_index: HashMap<String, ServiceId>,
    /// Set while recompiling entries a program inherits: their problems were
    /// reported with the program that defines them.
    quiet: bool,
}

impl<'p> Compiler<'p> {
    /// A compiler over an already compiled rule set, for rosters sent later.
    pub fn over(set: &RuleSet, problems: &'p mut Problems) -> Self {
        Compiler {
            problems,
            prefix: format!("{}/", set.manifest.id),
            services: set.services.clone(),
            service_index: set.service_index.clone(),
            quiet: false,
        }
    }

    pub(super) fn rule(&self, origin: &Origin, id: &str) -> Name {
        Name::new(&format!(
            "{}{}#{}",
            self.prefix,
            self.problems.source_name(origin),
            id
        ))
    }

    pub(super) fn problem(
        &mut self,
        origin: &Origin,
        field: &str,
        kind: ProblemKind,
        message: String,
        help: Option<String>,
    ) {
        if !self.quiet {
            self.problems.at(origin, field, kind, message, help);
        }
    }

    pub(super) fn dated(
        &mut self,
        value: Dated<Decimal>,
        origin: &Origin,
        field: &str,
        what: &str,
        valid: impl Fn(&Decimal) -> bool,
        rule_text: &str,
    ) -> DatedValue<Decimal> {
        let versions: Vec<(Window, Decimal, Option<String>, String)> = match value {
            Dated::Always(v) => vec![(Window::default(), v, None, field.to_owned())],
            Dated::Versions(list) => list
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    (
                        Window {
                            from: v.valid_from,
                            to: v.valid_to,
                        },
                        v.value,
                        v.source,
                        format!("{field}/{i}"),
                    )
                })
                .collect(),
        };
        for (i, (window, v, _, at)) in versions.iter().enumerate() {
            if !valid(v) {
                self.problem(
                    origin,
                    at,
                    ProblemKind::InvalidValue,
                    format!("invalid {what} `{v}`: {rule_text}"),
                    None,
                );
            }
            self.window_order(origin, at, window);
            for (other, _, _, other_at) in versions.iter().take(i) {
                if window.overlaps(other) {
                    self.problem(
                        origin,
                        at,
                        ProblemKind::OverlappingValidity,
                        format!(
                            "{what} in force {} overlaps the version at `{other_at}` ({})",
                            window.describe(),
                            other.describe()
                        ),
                        None,
                    );
                }
            }
        }
        DatedValue {
            versions: versions.into_iter().map(|(w, v, s, _)| (w, v, s)).collect(),
        }
    }

    pub(super) fn window_order(&mut self, origin: &Origin, field: &str, window: &Window) {
        if let (Some(from), Some(to)) = (window.from, window.to) {
            if from > to {
                self.problem(
                    origin,
                    field,
                    ProblemKind::InvalidValue,
                    format!("`valid_from` {from} is after `valid_to` {to}"),
                    None,
                );
            }
        }
    }

    pub(super) fn index<'a>(&self, sets: impl IntoIterator<Item = &'a ServiceSet>) -> EntryIndex {
        EntryIndex::build(sets, |id| {
            self.services.get(id as usize).map(|s| s.category)
        })
    }

    /// Keeps the first item of each id; every later one is a duplicate,
    /// reported where it stands.
    pub(super) fn first_of_each_id<T>(
        &mut self,
        defs: Vec<(T, Origin)>,
        id: impl Fn(&T) -> &str,
        field: &str,
        what: &str,
    ) -> Vec<(T, Origin)> {
        let mut seen = HashSet::default();
        let mut kept = Vec::with_capacity(defs.len());
        for (def, origin) in defs {
            if seen.insert(id(&def).to_owned()) {
                kept.push((def, origin));
            } else {
                let message = format!("duplicate {what} `{}`", id(&def));
                self.problem(&origin, field, ProblemKind::Duplicate, message, None);
            }
        }
        kept
    }
}
