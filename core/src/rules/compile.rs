//! Checking and compiling: section items → the typed, indexed [`RuleSet`].
//! Every semantic problem is recorded with its JSON pointer; compilation goes
//! on past problems so that all of them are reported at once.

use super::format::{
    AccessMode, Dated, DiscountDef, Exclusion, ProgramDef, Reasons, RosterDef, Selector,
};
use super::load::{Origin, Problems, Raw};
use super::model::*;
use super::RuleSet;
use crate::error::ProblemKind;
use crate::suggest::did_you_mean;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

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
        service_index: HashMap::new(),
    };

    c.services(raw.services);
    let clinics = c.clinics(raw.clinics);
    let programs = c.programs(raw.programs);
    let program_access: HashMap<String, AccessMode> =
        programs.iter().map(|p| (p.id.clone(), p.access)).collect();
    let clinic_ids: HashSet<String> = clinics.iter().map(|cl| cl.id.clone()).collect();
    let mut rosters = Vec::new();
    for (def, origin) in raw.rosters {
        if let Some(r) = c.roster(def, &origin, &clinic_ids, &program_access) {
            rosters.push(r);
        }
    }
    c.unique(rosters.iter().map(|r| (r.id.as_str(), &r.rule)), "roster");
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
        manifest,
        services,
        service_index,
        clinic_index: clinics
            .iter()
            .enumerate()
            .map(|(i, cl)| (cl.id.clone(), i))
            .collect(),
        clinics,
        program_index: programs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect(),
        programs,
        rosters: Vec::new(),
        roster_index: HashMap::new(),
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
}

impl<'p> Compiler<'p> {
    /// A compiler over an already compiled rule set, for rosters sent later.
    pub fn over(set: &RuleSet, problems: &'p mut Problems) -> Self {
        Compiler {
            problems,
            prefix: format!("{}/", set.manifest.id),
            services: set.services.clone(),
            service_index: set.service_index.clone(),
        }
    }

    fn rule(&self, origin: &Origin, id: &str) -> String {
        format!(
            "{}{}#{}",
            self.prefix,
            self.problems.source_name(origin),
            id
        )
    }

    fn problem(
        &mut self,
        origin: &Origin,
        field: &str,
        kind: ProblemKind,
        message: String,
        help: Option<String>,
    ) {
        self.problems.at(origin, field, kind, message, help);
    }

    fn services(&mut self, defs: Vec<(super::format::ServiceDef, Origin)>) {
        for (def, origin) in defs {
            if self.service_index.contains_key(&def.code) {
                self.problem(
                    &origin,
                    "/code",
                    ProblemKind::Duplicate,
                    format!("duplicate service code `{}`", def.code),
                    None,
                );
                continue;
            }
            let price = self.dated(
                def.price,
                &origin,
                "/price",
                "price",
                |p| *p >= Decimal::ZERO,
                "must not be negative",
            );
            let rule = self.rule(&origin, &def.code);
            self.service_index
                .insert(def.code.clone(), self.services.len() as ServiceId);
            self.services.push(Service {
                code: def.code,
                name: def.name,
                category: def.category,
                price,
                tags: def.tags,
                rule,
            });
        }
    }

    fn dated(
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

    fn window_order(&mut self, origin: &Origin, field: &str, window: &Window) {
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

    fn service_id(&mut self, code: &str, origin: &Origin, field: &str) -> Option<ServiceId> {
        match self.service_index.get(code) {
            Some(&id) => Some(id),
            None => {
                let help = did_you_mean(code, self.service_index.keys().map(String::as_str));
                self.problem(
                    origin,
                    field,
                    ProblemKind::UnknownReference,
                    format!("unknown service `{code}`"),
                    help,
                );
                None
            }
        }
    }

    pub(crate) fn selector(&mut self, sel: Selector, origin: &Origin, field: &str) -> ServiceSet {
        let mut set = ServiceSet {
            all: sel.all,
            ..ServiceSet::default()
        };
        for c in sel.categories {
            set.categories |= c.bit();
        }
        for (i, code) in sel.codes.iter().enumerate() {
            if let Some(id) = self.service_id(code, origin, &format!("{field}/codes/{i}")) {
                set.codes.push(id);
            }
        }
        for (i, tag) in sel.tags.iter().enumerate() {
            let tagged: Vec<ServiceId> = self
                .services
                .iter()
                .enumerate()
                .filter(|(_, s)| s.tags.contains(tag))
                .map(|(id, _)| id as ServiceId)
                .collect();
            if tagged.is_empty() {
                let known: HashSet<&str> = self
                    .services
                    .iter()
                    .flat_map(|s| s.tags.iter().map(String::as_str))
                    .collect();
                let help = did_you_mean(tag, known);
                self.problem(
                    origin,
                    &format!("{field}/tags/{i}"),
                    ProblemKind::UnknownReference,
                    format!("no service carries the tag `{tag}`"),
                    help,
                );
            }
            set.codes.extend(tagged);
        }
        if let Some(Exclusion { categories, codes }) = sel.except {
            for c in categories {
                set.except_categories |= c.bit();
            }
            for (i, code) in codes.iter().enumerate() {
                if let Some(id) =
                    self.service_id(code, origin, &format!("{field}/except/codes/{i}"))
                {
                    set.except_codes.push(id);
                }
            }
        }
        set.codes.sort_unstable();
        set.codes.dedup();
        set.except_codes.sort_unstable();
        set
    }

    fn index<'a>(&self, sets: impl IntoIterator<Item = &'a ServiceSet>) -> EntryIndex {
        EntryIndex::build(sets, |id| {
            self.services.get(id as usize).map(|s| s.category)
        })
    }

    fn clinics(&mut self, defs: Vec<(super::format::ClinicDef, Origin)>) -> Vec<Clinic> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (def, origin) in defs {
            if !seen.insert(def.id.clone()) {
                self.problem(
                    &origin,
                    "/id",
                    ProblemKind::Duplicate,
                    format!("duplicate clinic id `{}`", def.id),
                    None,
                );
                continue;
            }
            let offers = self.selector(def.offers, &origin, "/offers");
            let rule = self.rule(&origin, &def.id);
            out.push(Clinic {
                id: def.id,
                name: def.name,
                provider_type: def.provider_type,
                city: def.city,
                state: def.state,
                specialties: def.specialties,
                in_network: def.in_network,
                offers,
                rule,
            });
        }
        out
    }

    fn programs(&mut self, defs: Vec<(ProgramDef, Origin)>) -> Vec<Program> {
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut kept: Vec<(ProgramDef, Origin)> = Vec::new();
        for (def, origin) in defs {
            if by_id.contains_key(&def.id) {
                self.problem(
                    &origin,
                    "/id",
                    ProblemKind::Duplicate,
                    format!("duplicate program id `{}`", def.id),
                    None,
                );
                continue;
            }
            if !def.id.starts_with(&self.prefix) {
                let prefix = self.prefix.clone();
                self.problem(
                    &origin,
                    "/id",
                    ProblemKind::InvalidValue,
                    format!(
                        "program id `{}` does not start with the rule set id `{prefix}`",
                        def.id
                    ),
                    None,
                );
            }
            by_id.insert(def.id.clone(), kept.len());
            kept.push((def, origin));
        }
        let mut out = Vec::new();
        for i in 0..kept.len() {
            if let Some(p) = self.program(i, &kept, &by_id) {
                out.push(p);
            }
        }
        out
    }

    /// The chain from `i` up through `extends`, child first; `None` on a cycle
    /// or an unknown parent (reported).
    fn lineage(
        &mut self,
        i: usize,
        kept: &[(ProgramDef, Origin)],
        by_id: &HashMap<String, usize>,
    ) -> Option<Vec<usize>> {
        let mut chain = vec![i];
        let mut current = i;
        loop {
            let (def, origin) = kept.get(current)?;
            let Some(parent) = &def.extends else {
                return Some(chain);
            };
            let Some(&p) = by_id.get(parent) else {
                let help = did_you_mean(parent, by_id.keys().map(String::as_str));
                let origin = origin.clone();
                if current == i {
                    self.problem(
                        &origin,
                        "/extends",
                        ProblemKind::UnknownReference,
                        format!("unknown program `{parent}`"),
                        help,
                    );
                }
                return None;
            };
            if chain.contains(&p) {
                if current == i || p == i {
                    let origin = kept.get(i).map(|k| k.1.clone())?;
                    self.problem(
                        &origin,
                        "/extends",
                        ProblemKind::InvalidValue,
                        format!("program `{parent}` extends itself through `extends`"),
                        None,
                    );
                }
                return None;
            }
            chain.push(p);
            current = p;
        }
    }

    fn program(
        &mut self,
        i: usize,
        kept: &[(ProgramDef, Origin)],
        by_id: &HashMap<String, usize>,
    ) -> Option<Program> {
        let chain = self.lineage(i, kept, by_id)?;
        let (def, origin) = kept.get(i)?;
        // Scalar terms: the nearest definition wins.
        let pick = |f: &dyn Fn(&ProgramDef) -> bool| {
            chain
                .iter()
                .filter_map(|&k| kept.get(k))
                .find(|(d, _)| f(d))
        };
        let access = pick(&|d| d.access.is_some()).and_then(|(d, _)| d.access);
        let Some(access) = access else {
            self.problem(
                origin,
                "",
                ProblemKind::Type,
                format!("program `{}` has no `access` mode", def.id),
                Some(
                    "set `access` to authorization, guarantee_letter, attachment or policy".into(),
                ),
            );
            return None;
        };
        let booking = pick(&|d| d.booking.is_some())
            .and_then(|(d, _)| d.booking.clone())
            .unwrap_or_default();
        let network_only = pick(&|d| d.network_only.is_some())
            .and_then(|(d, _)| d.network_only)
            .unwrap_or(false);
        let settings = pick(&|d| d.settings.is_some()).and_then(|(d, _)| d.settings.clone());
        let reasons = pick(&|d| d.reasons.is_some())
            .and_then(|(d, _)| d.reasons.clone())
            .unwrap_or(Reasons::Any(super::format::AnyReason::Any));
        let age = pick(&|d| d.age.is_some()).and_then(|(d, _)| d.age);
        let letter_validity_months = pick(&|d| d.letter_validity_months.is_some())
            .and_then(|(d, _)| d.letter_validity_months)
            .unwrap_or(1);
        let insurer_share = match pick(&|d| d.insurer_share.is_some()) {
            Some((d, o)) => {
                let share = d
                    .insurer_share
                    .clone()
                    .unwrap_or(Dated::Always(Decimal::ONE_HUNDRED));
                let o = o.clone();
                self.dated(
                    share,
                    &o,
                    "/insurer_share",
                    "insurer share",
                    |p| *p >= Decimal::ZERO && *p <= Decimal::ONE_HUNDRED,
                    "a percent must be between 0 and 100",
                )
            }
            None => DatedValue {
                versions: vec![(Window::default(), Decimal::ONE_HUNDRED, None)],
            },
        };
        if let Some(range) = age {
            if let (Some(min), Some(max)) = (range.min, range.max) {
                if min > max {
                    self.problem(
                        origin,
                        "/age",
                        ProblemKind::InvalidValue,
                        format!("age range {min} to {max} is empty"),
                        None,
                    );
                }
            }
        }
        // Lists: ancestors first; an entry replaces an inherited one with the same id.
        let mut covers: Vec<Coverage> = Vec::new();
        let mut limits: Vec<Limit> = Vec::new();
        let mut waits: Vec<WaitingPeriod> = Vec::new();
        for &k in chain.iter().rev() {
            let Some((d, o)) = kept.get(k) else { continue };
            let own = k == i;
            let mut own_covers = Vec::new();
            for (j, e) in d.covers.iter().enumerate() {
                let at = format!("/covers/{j}");
                let services = self.selector(e.services.clone(), o, &format!("{at}/services"));
                let window = Window {
                    from: e.valid_from,
                    to: e.valid_to,
                };
                if own {
                    self.window_order(o, &at, &window);
                }
                own_covers.push(Coverage {
                    id: e.id.clone(),
                    services,
                    reasons: e.reasons.clone().unwrap_or_else(|| reasons.clone()),
                    settings: e.settings.clone().or_else(|| settings.clone()),
                    age: e.age.or(age),
                    sex: e.sex,
                    window,
                    rule: self.rule(o, &format!("{}/covers/{}", d.id, e.id)),
                });
            }
            let mut own_limits = Vec::new();
            for (j, e) in d.limits.iter().enumerate() {
                let at = format!("/limits/{j}");
                let services = self.selector(e.services.clone(), o, &format!("{at}/services"));
                let allowed = match (e.count, e.amount) {
                    (Some(n), None) => LimitAllowance::Count(n),
                    (None, Some(a)) => {
                        if a < Decimal::ZERO && own {
                            self.problem(
                                o,
                                &format!("{at}/amount"),
                                ProblemKind::InvalidValue,
                                format!("invalid amount `{a}`: must not be negative"),
                                None,
                            );
                        }
                        LimitAllowance::Amount(a)
                    }
                    _ => {
                        if own {
                            self.problem(
                                o,
                                &at,
                                ProblemKind::Type,
                                format!(
                                    "limit `{}` needs exactly one of `count` and `amount`",
                                    e.id
                                ),
                                None,
                            );
                        }
                        continue;
                    }
                };
                let window = Window {
                    from: e.valid_from,
                    to: e.valid_to,
                };
                if own {
                    self.window_order(o, &at, &window);
                }
                own_limits.push(Limit {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    services,
                    allowed,
                    window,
                    rule: self.rule(o, &format!("{}/limits/{}", d.id, e.id)),
                });
            }
            let mut own_waits = Vec::new();
            for (j, e) in d.waiting_periods.iter().enumerate() {
                let at = format!("/waiting_periods/{j}");
                let services = self.selector(e.services.clone(), o, &format!("{at}/services"));
                let length = match (e.days, e.months) {
                    (Some(n), None) => WaitLength::Days(n),
                    (None, Some(m)) => WaitLength::Months(m),
                    _ => {
                        if own {
                            self.problem(
                                o,
                                &at,
                                ProblemKind::Type,
                                format!(
                                    "waiting period `{}` needs exactly one of `days` and `months`",
                                    e.id
                                ),
                                None,
                            );
                        }
                        continue;
                    }
                };
                let window = Window {
                    from: e.valid_from,
                    to: e.valid_to,
                };
                if own {
                    self.window_order(o, &at, &window);
                }
                own_waits.push(WaitingPeriod {
                    id: e.id.clone(),
                    name: e.name.clone().unwrap_or_else(|| e.id.clone()),
                    services,
                    length,
                    condition: e.condition,
                    window,
                    rule: self.rule(o, &format!("{}/waiting_periods/{}", d.id, e.id)),
                });
            }
            if own {
                let o = o.clone();
                self.no_overlaps(&o, "covers", own_covers.iter().map(|e| (&e.id, &e.window)));
                self.no_overlaps(&o, "limits", own_limits.iter().map(|e| (&e.id, &e.window)));
                self.no_overlaps(
                    &o,
                    "waiting_periods",
                    own_waits.iter().map(|e| (&e.id, &e.window)),
                );
            }
            replace_by_id(&mut covers, own_covers, |e| &e.id);
            replace_by_id(&mut limits, own_limits, |e| &e.id);
            replace_by_id(&mut waits, own_waits, |e| &e.id);
        }
        let cover_index = self.index(covers.iter().map(|e| &e.services));
        let limit_index = self.index(limits.iter().map(|e| &e.services));
        let waiting_index = self.index(waits.iter().map(|e| &e.services));
        Some(Program {
            id: def.id.clone(),
            name: def.name.clone(),
            access,
            booking,
            network_only,
            settings,
            reasons,
            age,
            letter_validity_months,
            insurer_share,
            covers,
            limits,
            waiting_periods: waits,
            cover_index,
            limit_index,
            waiting_index,
            rule: self.rule(origin, &def.id),
        })
    }

    /// Entries of one list that share an id must not be in force on the same day.
    fn no_overlaps<'a>(
        &mut self,
        origin: &Origin,
        list: &str,
        entries: impl Iterator<Item = (&'a String, &'a Window)>,
    ) {
        let entries: Vec<_> = entries.collect();
        for (j, (id, window)) in entries.iter().enumerate() {
            for (k, (other_id, other)) in entries.iter().enumerate().take(j) {
                if id == other_id && window.overlaps(other) {
                    self.problem(origin, &format!("/{list}/{j}"), ProblemKind::OverlappingValidity,
                        format!("`{id}` in force {} overlaps its version at `/{list}/{k}` ({})", window.describe(), other.describe()),
                        Some("give the versions `valid_from`/`valid_to` windows that do not share a day".into()));
                }
            }
        }
    }

    pub(crate) fn roster(
        &mut self,
        def: RosterDef,
        origin: &Origin,
        clinics: &HashSet<String>,
        programs: &HashMap<String, AccessMode>,
    ) -> Option<Roster> {
        let mut ok = true;
        if !clinics.contains(&def.clinic) {
            let help = did_you_mean(&def.clinic, clinics.iter().map(String::as_str));
            self.problem(
                origin,
                "/clinic",
                ProblemKind::UnknownReference,
                format!("unknown clinic `{}`", def.clinic),
                help,
            );
            ok = false;
        }
        let window = Window {
            from: Some(def.valid_from),
            to: Some(def.valid_to),
        };
        self.window_order(origin, "", &window);
        let mut members = HashMap::new();
        for (i, entry) in def.members.into_iter().enumerate() {
            match programs.get(&entry.program) {
                None => {
                    let help = did_you_mean(&entry.program, programs.keys().map(String::as_str));
                    self.problem(
                        origin,
                        &format!("/members/{i}/program"),
                        ProblemKind::UnknownReference,
                        format!("unknown program `{}`", entry.program),
                        help,
                    );
                    ok = false;
                }
                Some(AccessMode::Attachment) => {}
                Some(other) => {
                    self.problem(
                        origin,
                        &format!("/members/{i}/program"),
                        ProblemKind::InvalidValue,
                        format!(
                            "program `{}` has access mode `{}`, not `attachment`",
                            entry.program,
                            other.as_str()
                        ),
                        None,
                    );
                    ok = false;
                }
            }
            if members
                .insert(entry.member.clone(), entry.program)
                .is_some()
            {
                self.problem(
                    origin,
                    &format!("/members/{i}/member"),
                    ProblemKind::Duplicate,
                    format!("member `{}` is listed twice", entry.member),
                    None,
                );
            }
        }
        let rule = self.rule(origin, &def.id);
        ok.then_some(Roster {
            id: def.id,
            clinic: def.clinic,
            received: def.received,
            window,
            members,
            rule,
        })
    }

    fn unique<'a>(&mut self, items: impl Iterator<Item = (&'a str, &'a String)>, what: &str) {
        let mut seen = HashSet::new();
        let mut dups = Vec::new();
        for (id, rule) in items {
            if !seen.insert(id) {
                dups.push((id.to_owned(), rule.clone()));
            }
        }
        for (id, rule) in dups {
            let file = self
                .problems
                .sources
                .iter()
                .find(|s| rule.contains(&s.name))
                .map(|s| s.path.clone())
                .unwrap_or_default();
            self.problems.file(
                file,
                ProblemKind::Duplicate,
                format!("duplicate {what} id `{id}`"),
                None,
            );
        }
    }

    fn corporate_clients(
        &mut self,
        defs: Vec<(super::format::CorporateClientDef, Origin)>,
    ) -> Vec<CorporateClient> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (def, origin) in defs {
            if !seen.insert(def.id.clone()) {
                self.problem(
                    &origin,
                    "/id",
                    ProblemKind::Duplicate,
                    format!("duplicate corporate client id `{}`", def.id),
                    None,
                );
                continue;
            }
            let contract = Window {
                from: Some(def.contract_start),
                to: Some(def.contract_end),
            };
            if def.contract_start > def.contract_end {
                self.problem(
                    &origin,
                    "/contract_end",
                    ProblemKind::InvalidValue,
                    format!(
                        "contract ends {} before it starts {}",
                        def.contract_end, def.contract_start
                    ),
                    None,
                );
            }
            let rule = self.rule(&origin, &def.id);
            out.push(CorporateClient {
                id: def.id,
                name: def.name,
                contract,
                rule,
            });
        }
        out
    }

    fn discounts(&mut self, defs: Vec<(DiscountDef, Origin)>) -> Vec<Discount> {
        let mut out: Vec<(Discount, Origin)> = Vec::new();
        for (def, origin) in defs {
            let percent = self.dated(
                def.percent,
                &origin,
                "/percent",
                "percent",
                |p| *p >= Decimal::ZERO && *p <= Decimal::ONE_HUNDRED,
                "a percent must be between 0 and 100",
            );
            let services = self.selector(def.services, &origin, "/services");
            let window = Window {
                from: def.valid_from,
                to: def.valid_to,
            };
            self.window_order(&origin, "", &window);
            if let Some((_, first)) = out
                .iter()
                .find(|(d, _)| d.id == def.id && d.window.overlaps(&window))
            {
                let first = first.pointer.clone();
                self.problem(
                    &origin,
                    "/id",
                    ProblemKind::OverlappingValidity,
                    format!(
                        "discount `{}` in force {} overlaps its version at `{first}`",
                        def.id,
                        window.describe()
                    ),
                    None,
                );
            }
            let rule = self.rule(&origin, &def.id);
            out.push((
                Discount {
                    id: def.id,
                    name: def.name,
                    percent,
                    services,
                    eligible: def.eligible,
                    window,
                    rule,
                },
                origin,
            ));
        }
        out.into_iter().map(|(d, _)| d).collect()
    }
}

fn replace_by_id<T>(list: &mut Vec<T>, own: Vec<T>, id: impl Fn(&T) -> &String) {
    list.retain(|inherited| !own.iter().any(|e| id(e) == id(inherited)));
    list.extend(own);
}
