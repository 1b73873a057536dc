//! Programs: `extends` resolved, coverage entries, limits and waiting periods, each list checked.

use super::Compiler;
use crate::error::ProblemKind;
use crate::name::Name;
use crate::rules::format::*;
use crate::rules::load::Origin;
use crate::rules::model::*;
use crate::suggest::did_you_mean;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;

/// Terms a program's coverage entries inherit unless they set their own.
struct Terms {
    settings: Option<Vec<crate::request::Setting>>,
    reasons: Reasons,
    age: Option<AgeRange>,
}

impl Compiler<'_> {
    pub(super) fn programs(&mut self, defs: Vec<(ProgramDef, Origin)>) -> Vec<Program> {
        let mut by_id: HashMap<String, usize> = HashMap::default();
        let mut kept: Vec<(ProgramDef, Origin)> = Vec::new();
        for (def, origin) in self.first_of_each_id(defs, |p| &p.id, "/id", "program id") {
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
        // Scalar terms: the nearest definition along `extends` wins.
        let nearest = |has: &dyn Fn(&ProgramDef) -> bool| {
            chain
                .iter()
                .filter_map(|&k| kept.get(k))
                .find(|(d, _)| has(d))
        };
        let Some(access) = nearest(&|d| d.access.is_some()).and_then(|(d, _)| d.access) else {
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
        let terms = Terms {
            settings: nearest(&|d| d.settings.is_some()).and_then(|(d, _)| d.settings.clone()),
            reasons: nearest(&|d| d.reasons.is_some())
                .and_then(|(d, _)| d.reasons.clone())
                .unwrap_or(Reasons::Any(crate::rules::format::AnyReason::Any)),
            age: nearest(&|d| d.age.is_some()).and_then(|(d, _)| d.age),
        };
        let insurer_share = match nearest(&|d| d.insurer_share.is_some()) {
            Some((d, o)) => {
                let share = d
                    .insurer_share
                    .clone()
                    .unwrap_or(Dated::Always(Decimal::ONE_HUNDRED));
                self.dated(
                    share,
                    o,
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
        if let Some(AgeRange {
            min: Some(min),
            max: Some(max),
        }) = def.age
        {
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
        // Lists: ancestors first; an entry replaces an inherited one with the
        // same id. Inherited entries were checked with their own program, so
        // their problems are not reported again here.
        let (mut covers, mut limits, mut waits) = (Vec::new(), Vec::new(), Vec::new());
        for &k in chain.iter().rev() {
            let Some((d, o)) = kept.get(k) else { continue };
            self.quiet = k != i;
            replace_by_id(&mut covers, self.covers(d, o, &terms), |e| &*e.id);
            replace_by_id(&mut limits, self.limits(d, o), |e| &*e.id);
            replace_by_id(&mut waits, self.waiting_periods(d, o), |e| &*e.id);
        }
        self.quiet = false;
        Some(Program {
            id: Name::new(&def.id),
            name: def.name.clone(),
            access,
            booking: nearest(&|d| d.booking.is_some())
                .and_then(|(d, _)| d.booking.clone())
                .unwrap_or_default(),
            network_only: nearest(&|d| d.network_only.is_some())
                .and_then(|(d, _)| d.network_only)
                .unwrap_or(false),
            letter_validity_months: nearest(&|d| d.letter_validity_months.is_some())
                .and_then(|(d, _)| d.letter_validity_months)
                .unwrap_or(1),
            settings: terms.settings,
            reasons: terms.reasons,
            age: terms.age,
            insurer_share,
            cover_index: self.index(covers.iter().map(|e| &e.services)),
            limit_index: self.index(limits.iter().map(|e| &e.services)),
            waiting_index: self.index(waits.iter().map(|e| &e.services)),
            covers,
            limits,
            waiting_periods: waits,
            rule: self.rule(origin, &def.id),
        })
    }

    /// A list entry's validity window, checked for order.
    fn entry_window(
        &mut self,
        origin: &Origin,
        at: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Window {
        let window = Window { from, to };
        self.window_order(origin, at, &window);
        window
    }

    fn covers(&mut self, d: &ProgramDef, o: &Origin, terms: &Terms) -> Vec<Coverage> {
        let mut out = Vec::new();
        for (j, e) in d.covers.iter().enumerate() {
            let at = format!("/covers/{j}");
            out.push(Coverage {
                id: e.id.clone(),
                services: self.selector(e.services.clone(), o, &format!("{at}/services")),
                reasons: e.reasons.clone().unwrap_or_else(|| terms.reasons.clone()),
                settings: e.settings.clone().or_else(|| terms.settings.clone()),
                age: e.age.or(terms.age),
                sex: e.sex,
                window: self.entry_window(o, &at, e.valid_from, e.valid_to),
                rule: self.rule(o, &format!("{}/covers/{}", d.id, e.id)),
            });
        }
        self.no_overlaps(o, "covers", out.iter().map(|e| (&*e.id, &e.window)));
        out
    }

    fn limits(&mut self, d: &ProgramDef, o: &Origin) -> Vec<Limit> {
        let mut out = Vec::new();
        for (j, e) in d.limits.iter().enumerate() {
            let at = format!("/limits/{j}");
            let allowed = match (e.count, e.amount) {
                (Some(n), None) => LimitAllowance::Count(n),
                (None, Some(a)) => {
                    if a < Decimal::ZERO {
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
                    self.problem(
                        o,
                        &at,
                        ProblemKind::Type,
                        format!("limit `{}` needs exactly one of `count` and `amount`", e.id),
                        None,
                    );
                    continue;
                }
            };
            out.push(Limit {
                id: Name::new(&e.id),
                name: e.name.clone(),
                services: self.selector(e.services.clone(), o, &format!("{at}/services")),
                allowed,
                window: self.entry_window(o, &at, e.valid_from, e.valid_to),
                rule: self.rule(o, &format!("{}/limits/{}", d.id, e.id)),
            });
        }
        self.no_overlaps(o, "limits", out.iter().map(|e| (&*e.id, &e.window)));
        out
    }

    fn waiting_periods(&mut self, d: &ProgramDef, o: &Origin) -> Vec<WaitingPeriod> {
        let mut out = Vec::new();
        for (j, e) in d.waiting_periods.iter().enumerate() {
            let at = format!("/waiting_periods/{j}");
            let length = match (e.days, e.months) {
                (Some(n), None) => WaitLength::Days(n),
                (None, Some(m)) => WaitLength::Months(m),
                _ => {
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
                    continue;
                }
            };
            out.push(WaitingPeriod {
                id: e.id.clone(),
                name: e.name.clone().unwrap_or_else(|| e.id.clone()),
                services: self.selector(e.services.clone(), o, &format!("{at}/services")),
                length,
                condition: e.condition,
                window: self.entry_window(o, &at, e.valid_from, e.valid_to),
                rule: self.rule(o, &format!("{}/waiting_periods/{}", d.id, e.id)),
            });
        }
        self.no_overlaps(
            o,
            "waiting_periods",
            out.iter().map(|e| (&*e.id, &e.window)),
        );
        out
    }

    /// Entries of one list that share an id must not be in force on the same day.
    pub(super) fn no_overlaps<'a>(
        &mut self,
        origin: &Origin,
        list: &str,
        entries: impl Iterator<Item = (&'a str, &'a Window)>,
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
}

fn replace_by_id<T>(list: &mut Vec<T>, own: Vec<T>, id: impl Fn(&T) -> &str) {
    list.retain(|inherited| !own.iter().any(|e| id(e) == id(inherited)));
    list.extend(own);
}
