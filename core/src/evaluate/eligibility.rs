//! The first checks: policy in force, network, program coverage and whether
//! the clinic performs the service.

use super::line::{Draft, Ledger};
use crate::decision::{Mode, NextStep, Outcome, ReasonCode};
use crate::messages::{Key, Message, Slot};
use crate::name::Name;
use crate::rules::format::AccessMode;
use crate::rules::model::{Coverage, Program};

/// The member's program, when the policy is in force on the date.
pub(super) fn policy<'r>(d: &mut Draft<'r>) -> Option<&'r Program> {
    let request = d.checked.request;
    let Some(policy) = &request.member.policy else {
        d.not_covered(
            ReasonCode::NoPolicy,
            Message::new(Key::NoPolicy).with(Slot::Member, &request.member.id),
            &Name::request(),
        );
        return None;
    };
    let program = d.checked.program?;
    d.trace("policy", Some(&program.rule), || {
        format!(
            "policy {} to {}, program `{}`",
            policy.start, policy.end, program.id
        )
    });
    if !policy.in_force_on(d.date) {
        d.not_covered(
            ReasonCode::PolicyNotInForce,
            Message::new(Key::PolicyNotInForce)
                .with(Slot::Start, policy.start)
                .with(Slot::End, policy.end)
                .with(Slot::Date, d.date),
            &Name::request(),
        );
    }
    Some(program)
}

/// Network-only programs cover only clinics on the insurer's network.
pub(super) fn network<'r>(d: &mut Draft<'r>, program: &'r Program, _: &mut Ledger) {
    let clinic = d.checked.clinic;
    d.trace("network", Some(&clinic.rule), || {
        format!("clinic `{}` in network: {}", clinic.id, clinic.in_network)
    });
    if program.network_only && !clinic.in_network {
        d.not_covered(
            ReasonCode::OutOfNetwork,
            Message::new(Key::OutOfNetwork)
                .with(Slot::Clinic, clinic.id)
                .with(Slot::Program, program.id),
            &clinic.rule,
        );
    }
}

/// Which check a coverage entry failed.
enum Miss {
    Setting,
    Reason,
    Age,
    Sex,
}

fn first_miss(d: &Draft<'_>, entry: &Coverage) -> Option<Miss> {
    let request = d.checked.request;
    if entry
        .settings
        .as_ref()
        .is_some_and(|s| !s.contains(&request.setting))
    {
        return Some(Miss::Setting);
    }
    if !entry.reasons.accepts(request.reason) {
        return Some(Miss::Reason);
    }
    if let Some(range) = entry.age {
        let age = crate::date::age_on(request.member.birth_date, d.date);
        let age = u32::try_from(age).unwrap_or(0);
        if range.min.is_some_and(|m| age < m) || range.max.is_some_and(|m| age > m) {
            return Some(Miss::Age);
        }
    }
    if entry.sex.is_some_and(|s| s != request.member.sex) {
        return Some(Miss::Sex);
    }
    None
}

/// The program covers the service: by category or code, in force on the
/// date, for this setting, case reason, age and sex.
pub(super) fn coverage<'r>(d: &mut Draft<'r>, program: &'r Program, _: &mut Ledger) {
    let (id, category) = (d.service_id, d.service.category);
    let mut first_failure: Option<(&Coverage, Miss)> = None;
    for i in program.cover_index.candidates(id, category) {
        let Some(entry) = program.covers.get(i) else {
            continue;
        };
        if !entry.services.contains(id, category) || !entry.window.contains(d.date) {
            continue;
        }
        match first_miss(d, entry) {
            None => {
                d.trace("coverage", Some(&entry.rule), || {
                    format!(
                        "covered by entry `{}` in force {}",
                        entry.id,
                        entry.window.describe()
                    )
                });
                d.coverage_rule = Some(entry.rule);
                return;
            }
            Some(miss) => {
                if first_failure.is_none() {
                    first_failure = Some((entry, miss));
                }
            }
        }
    }
    let request = d.checked.request;
    let code = d.code();
    match first_failure {
        None => d.not_covered(
            ReasonCode::NotInProgram,
            Message::new(Key::NotInProgram)
                .with(Slot::Program, program.id)
                .with(Slot::Service, code)
                .with(Slot::Category, category.as_str())
                .with(Slot::Date, d.date),
            &program.rule,
        ),
        Some((entry, miss)) => {
            let (reason, message) = match miss {
                Miss::Setting => (
                    ReasonCode::SettingNotCovered,
                    Message::new(Key::SettingNotCovered)
                        .with(Slot::Service, code)
                        .with(Slot::Setting, setting_name(request.setting)),
                ),
                Miss::Reason => (
                    ReasonCode::CaseReasonNotCovered,
                    match request.reason {
                        Some(r) => Message::new(Key::CaseReasonNotCovered)
                            .with(Slot::Reason, reason_name(r))
                            .with(Slot::Service, code),
                        None => {
                            Message::new(Key::CaseReasonNotCoveredNone).with(Slot::Service, code)
                        }
                    },
                ),
                Miss::Age => (
                    ReasonCode::AgeRestriction,
                    Message::new(Key::AgeRestriction)
                        .with(Slot::Service, code)
                        .with(
                            Slot::Age,
                            crate::date::age_on(request.member.birth_date, d.date),
                        ),
                ),
                Miss::Sex => (
                    ReasonCode::SexRestriction,
                    Message::new(Key::SexRestriction).with(Slot::Service, code),
                ),
            };
            let rule = entry.rule;
            d.trace("coverage", Some(&rule), || {
                format!("entry `{}` matches the service but not the case", entry.id)
            });
            d.not_covered(reason, message, &rule);
        }
    }
}

fn setting_name(s: crate::request::Setting) -> &'static str {
    match s {
        crate::request::Setting::Outpatient => "outpatient",
        crate::request::Setting::Inpatient => "inpatient",
    }
}

pub(crate) fn reason_name(r: crate::request::CaseReason) -> &'static str {
    use crate::request::CaseReason::*;
    match r {
        Acute => "acute",
        ChronicExacerbation => "chronic_exacerbation",
        Trauma => "trauma",
        Preventive => "preventive",
        Planned => "planned",
    }
}

/// The clinic performs the service on site; otherwise refer the member to
/// the clinics that do.
pub(super) fn availability<'r>(d: &mut Draft<'r>, program: &'r Program, _: &mut Ledger) {
    let clinic = d.checked.clinic;
    if clinic.offers.contains(d.service_id, d.service.category) {
        return;
    }
    // The provider directory's selection: the clinics the program may use
    // that perform the service.
    let alternatives: Vec<Name> = crate::directory::Selection::for_service(
        program.network_only,
        (d.service_id, d.service.category),
    )
    .select(d.set)
    .into_iter()
    .filter(|c| c.id != clinic.id)
    .map(|c| c.id)
    .collect();
    let next = match program.access {
        AccessMode::Authorization => Some(NextStep::ReauthorizeAtOtherClinic),
        AccessMode::GuaranteeLetter => Some(NextStep::BookViaInsurer),
        AccessMode::Attachment | AccessMode::Policy => None,
    };
    let message = if alternatives.is_empty() {
        Message::new(Key::ServiceUnavailableAtClinicNowhere)
    } else {
        Message::new(Key::ServiceUnavailableAtClinic)
            .with(Slot::Alternatives, crate::name::join(&alternatives, ", "))
    };
    let message = message
        .with(Slot::Clinic, clinic.id)
        .with(Slot::Service, d.code());
    let rule = clinic.rule;
    d.stop(
        Outcome::ReferElsewhere,
        mode_of(program),
        next,
        ReasonCode::ServiceUnavailableAtClinic,
        message,
        &rule,
    );
    d.alternatives = alternatives;
}

/// The decision mode of a program's access mode.
pub(crate) fn mode_of(program: &Program) -> Mode {
    match program.access {
        AccessMode::Authorization => Mode::Authorization,
        AccessMode::GuaranteeLetter => Mode::GuaranteeLetter,
        AccessMode::Attachment => Mode::Attachment,
        AccessMode::Policy => Mode::Policy,
    }
}
