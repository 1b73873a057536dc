//! Rosters the insurer sends, corporate clients and discounts.

use super::Compiler;
use crate::error::ProblemKind;
use crate::name::Name;
use crate::rules::format::*;
use crate::rules::load::Origin;
use crate::rules::model::*;
use crate::suggest::did_you_mean;
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

impl Compiler<'_> {
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
        let mut members = HashMap::default();
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
            clinic: Name::new(&def.clinic),
            received: def.received,
            window,
            members,
            rule,
        })
    }

    pub(super) fn corporate_clients(
        &mut self,
        defs: Vec<(crate::rules::format::CorporateClientDef, Origin)>,
    ) -> Vec<CorporateClient> {
        let mut out = Vec::new();
        for (def, origin) in self.first_of_each_id(defs, |c| &c.id, "/id", "corporate client id") {
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

    pub(super) fn discounts(&mut self, defs: Vec<(DiscountDef, Origin)>) -> Vec<Discount> {
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
