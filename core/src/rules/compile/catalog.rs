//! The catalog and the clinics: services, prices, service sets, what each clinic offers.

use super::Compiler;
use crate::error::ProblemKind;
use crate::name::Name;
use crate::rules::format::*;
use crate::rules::load::Origin;
use crate::rules::model::*;
use crate::suggest::did_you_mean;
use rust_decimal::Decimal;
use std::collections::HashSet;

impl Compiler<'_> {
    pub(super) fn services(&mut self, defs: Vec<(crate::rules::format::ServiceDef, Origin)>) {
        for (def, origin) in self.first_of_each_id(defs, |s| &s.code, "/code", "service code") {
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
                code: Name::new(&def.code),
                name: def.name,
                category: def.category,
                price,
                tags: def.tags,
                rule,
            });
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

    pub(super) fn clinics(
        &mut self,
        defs: Vec<(crate::rules::format::ClinicDef, Origin)>,
    ) -> Vec<Clinic> {
        let mut out = Vec::new();
        for (def, origin) in self.first_of_each_id(defs, |c| &c.id, "/id", "clinic id") {
            let offers = self.selector(def.offers, &origin, "/offers");
            let rule = self.rule(&origin, &def.id);
            out.push(Clinic {
                id: Name::new(&def.id),
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
}
