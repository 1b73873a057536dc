//! Parsing a request and checking it against the rule set: every bad input
//! becomes a [`RequestError`] naming the field path and the value.

use crate::error::{RequestError, RequestErrorKind};
use crate::request::{HistoryEntry, Request};
use crate::rules::format::NationalIdKind;
use crate::rules::model::{Clinic, Program, Service, ServiceId};
use crate::rules::RuleSet;
use smallvec::SmallVec;

/// Size limits on one request; past them a request is refused, never a hang.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of JSON text.
    pub max_bytes: usize,
    /// Requested services.
    pub max_services: usize,
    /// History entries.
    pub max_history: usize,
}

impl Limits {
    /// The limits every request is held to.
    pub const DEFAULT: Limits = Limits {
        max_bytes: 1 << 20,
        max_services: 500,
        max_history: 10_000,
    };
}

/// Parses a JSON request strictly (unknown fields are errors).
pub fn parse_request(text: &str) -> Result<Request, RequestError> {
    let limits = Limits::DEFAULT;
    if text.len() > limits.max_bytes {
        return Err(too_large(
            "",
            format!(
                "request of {} bytes is over the limit of {} bytes",
                text.len(),
                limits.max_bytes
            ),
        ));
    }
    // Most requests are in the usual shape the quick reader decodes; any
    // other text, valid or not, is serde_json's to accept or refuse.
    if let Some(request) = crate::request::reader::read(text) {
        return Ok(request);
    }
    crate::error::parse_json(text, "request")
}

fn too_large(path: &str, message: String) -> RequestError {
    RequestError {
        kind: RequestErrorKind::TooLarge,
        path: path.into(),
        message,
        help: None,
        position: None,
    }
}

/// A request whose references are known to the rule set.
pub(crate) struct Checked<'r> {
    pub set: &'r RuleSet,
    pub request: &'r Request,
    pub clinic: &'r Clinic,
    pub program: Option<&'r Program>,
    /// The service of each requested line, in the request's order.
    pub services: SmallVec<[ServiceId; 4]>,
    /// The service of each history entry, in the request's order: looked
    /// up by code once here, not again for every limit that counts it.
    pub history: SmallVec<[ServiceId; 16]>,
}

impl<'r> Checked<'r> {
    /// The service of the request's line `index`.
    pub fn service(&self, index: usize) -> Option<(ServiceId, &'r Service)> {
        let id = *self.services.get(index)?;
        Some((id, self.set.services().get(id as usize)?))
    }

    /// Each history entry with its service.
    pub fn history(&self) -> impl Iterator<Item = (&'r HistoryEntry, ServiceId, &'r Service)> + '_ {
        let services = self.set.services();
        self.request
            .history
            .iter()
            .zip(&self.history)
            .filter_map(move |(h, &id)| Some((h, id, services.get(id as usize)?)))
    }
}

pub(crate) fn check<'r>(
    set: &'r RuleSet,
    request: &'r Request,
) -> Result<Checked<'r>, RequestError> {
    let limits = Limits::DEFAULT;
    if request.services.len() > limits.max_services {
        return Err(too_large(
            "services",
            format!(
                "{} services is over the limit of {}",
                request.services.len(),
                limits.max_services
            ),
        ));
    }
    if request.history.len() > limits.max_history {
        return Err(too_large(
            "history",
            format!(
                "{} history entries is over the limit of {}",
                request.history.len(),
                limits.max_history
            ),
        ));
    }
    let clinic = set.clinic(&request.clinic).ok_or_else(|| {
        RequestError::unknown(
            "clinic",
            "clinic",
            &request.clinic,
            set.clinics().iter().map(|c| c.id.as_str()),
        )
    })?;
    if request.services.is_empty() {
        return Err(RequestError::invalid(
            "services",
            "expected at least one service",
        ));
    }
    let codes = || set.services().iter().map(|s| s.code.as_str());
    let mut services = SmallVec::with_capacity(request.services.len());
    for (i, s) in request.services.iter().enumerate() {
        let Some((known, _)) = set.service_with_id(&s.code) else {
            return Err(RequestError::unknown(
                format!("services[{i}].code"),
                "service",
                &s.code,
                codes(),
            ));
        };
        services.push(known);
        if s.quantity == 0 {
            return Err(RequestError::invalid(
                format!("services[{i}].quantity"),
                "invalid quantity `0`, expected at least 1",
            ));
        }
    }
    let member = &request.member;
    if member.birth_date > request.date {
        return Err(RequestError::invalid(
            "member.birth_date",
            format!(
                "birth date `{}` is after the service date `{}`",
                member.birth_date, request.date
            ),
        ));
    }
    let program = match &member.policy {
        None => None,
        Some(policy) => {
            let program = set.program(&policy.program).ok_or_else(|| {
                RequestError::unknown(
                    "member.policy.program",
                    "program",
                    &policy.program,
                    set.programs().iter().map(|p| p.id.as_str()),
                )
            })?;
            if policy.end < policy.start {
                return Err(RequestError::invalid(
                    "member.policy.end",
                    format!(
                        "policy ends `{}` before it starts `{}`",
                        policy.end, policy.start
                    ),
                ));
            }
            Some(program)
        }
    };
    if let Some(auth) = &request.authorization {
        for (i, s) in auth.services.iter().enumerate() {
            if set.service(&s.code).is_none() {
                return Err(RequestError::unknown(
                    format!("authorization.services[{i}].code"),
                    "service",
                    &s.code,
                    codes(),
                ));
            }
        }
        for (i, code) in auth.during_consultation.iter().enumerate() {
            if set.service(code).is_none() {
                return Err(RequestError::unknown(
                    format!("authorization.during_consultation[{i}]"),
                    "service",
                    code,
                    codes(),
                ));
            }
        }
        if let Some(clinic) = &auth.clinic {
            if set.clinic(clinic).is_none() {
                return Err(RequestError::unknown(
                    "authorization.clinic",
                    "clinic",
                    clinic,
                    set.clinics().iter().map(|c| c.id.as_str()),
                ));
            }
        }
    }
    let mut history = SmallVec::with_capacity(request.history.len());
    // Entries in a row usually name the same service (a course of
    // treatment): its code is looked up once for them.
    let mut previous: Option<(&str, ServiceId)> = None;
    for (i, h) in request.history.iter().enumerate() {
        let known = match previous {
            Some((code, known)) if code == h.service => known,
            _ => match set.service_with_id(&h.service) {
                Some((known, _)) => known,
                None => {
                    return Err(RequestError::unknown(
                        format!("history[{i}].service"),
                        "service",
                        &h.service,
                        codes(),
                    ))
                }
            },
        };
        previous = Some((&h.service, known));
        history.push(known);
        if let Some(amount) = h.amount {
            if amount.is_sign_negative() {
                return Err(RequestError::invalid(
                    format!("history[{i}].amount"),
                    format!("invalid amount `{amount}`, must not be negative"),
                ));
            }
        }
    }
    check_national_id(set, request)?;
    Ok(Checked {
        set,
        request,
        clinic,
        program,
        services,
        history,
    })
}

fn check_national_id(set: &RuleSet, request: &Request) -> Result<(), RequestError> {
    let member = &request.member;
    let (Some(kind), Some(id)) = (set.manifest().national_id, member.national_id.as_deref()) else {
        return Ok(());
    };
    let (name, result) = match kind {
        NationalIdKind::Cnp => (
            "CNP",
            crate::identity::check_cnp_for(id, member.birth_date, member.sex),
        ),
        NationalIdKind::Snils => ("SNILS", crate::identity::check_snils(id)),
    };
    result.map_err(|problem| RequestError {
        kind: RequestErrorKind::InvalidNationalId,
        path: "member.national_id".into(),
        message: format!("invalid {name}: {problem}"),
        help: None,
        position: None,
    })
}
