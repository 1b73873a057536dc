//! FHIR R5 export: a [`Decision`] (with the [`Request`] it answers) as a
//! `CoverageEligibilityResponse` resource.
//!
//! The mapping is documented in `docs/fhir.md`. In short: one
//! `insurance[0].item` per decision line, with the service category and code
//! as CodeableConcepts of project code systems, `excluded` for lines the
//! insurer does not cover, `authorizationRequired` for lines that still need
//! an authorization, a booking or an approval, one `benefit` per usage limit,
//! and the rest of the line (money split, reasons, waiting period, discount,
//! next step, alternatives) as extensions under
//! [`STRUCTURE_DEFINITION`]. The patient is referenced by member id only:
//! the national id and the name never appear.
//!
//! Money values are JSON numbers parsed from the decimal's own text (see
//! [`decimal_number`]): `86.42` stays `86.42`.
//!
//! ```no_run
//! use medcover::{fhir::FhirOptions, parse_request, RuleBook};
//!
//! let rules = RuleBook::load("rules")?;
//! let request = parse_request(r#"{"date": "2026-05-10", "clinic": "ro-oftalmo-cluj",
//!     "member": {"id": "m-1", "birth_date": "1985-03-12", "sex": "F"},
//!     "services": [{"code": "OPH-CONSULT"}]}"#)?;
//! let resource = rules.evaluate_fhir(&request, &FhirOptions::default())?;
//! assert_eq!(resource["resourceType"], "CoverageEligibilityResponse");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::date::Iso;
use crate::decision::{Decision, LimitUnit, LimitUsage, Line, NextStep, Outcome};
use crate::error::RequestError;
use crate::request::Request;
use crate::rules::{RuleBook, RuleSet};
use crate::EvaluateOptions;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// Base URL of the project's FHIR artefacts (code systems, extensions).
pub const BASE: &str = "https://medcover.invalid/fhir";
/// Base URL of the project's extensions: `{STRUCTURE_DEFINITION}/discount`.
pub const STRUCTURE_DEFINITION: &str = "https://medcover.invalid/fhir/StructureDefinition";
/// Code system of service categories (`consultation`, `surgery`…).
pub const CATEGORY_SYSTEM: &str = "https://medcover.invalid/fhir/CodeSystem/category";
/// Code system of service codes (`OPH-CONSULT`…).
pub const SERVICE_SYSTEM: &str = "https://medcover.invalid/fhir/CodeSystem/service";
/// Code system of usage limit ids (`consultations`…).
pub const LIMIT_SYSTEM: &str = "https://medcover.invalid/fhir/CodeSystem/limit";
/// Code system of next steps (`request_email_authorization`…).
pub const NEXT_STEP_SYSTEM: &str = "https://medcover.invalid/fhir/CodeSystem/next-step";
/// Code system of reason codes (`AUTHORIZED_SERVICE`…).
pub const REASON_SYSTEM: &str = "https://medcover.invalid/fhir/CodeSystem/reason";
/// Code system of reception requirements (`identity_document`…).
pub const REQUIREMENT_SYSTEM: &str = "https://medcover.invalid/fhir/CodeSystem/requirement";
/// Identifier system of member ids.
pub const MEMBER_ID_SYSTEM: &str = "https://medcover.invalid/fhir/NamingSystem/member";
/// Identifier system of request ids.
pub const REQUEST_ID_SYSTEM: &str = "https://medcover.invalid/fhir/NamingSystem/request";
/// Identifier system of rule set ids (the insurer).
pub const RULESET_ID_SYSTEM: &str = "https://medcover.invalid/fhir/NamingSystem/ruleset";
/// Identifier system of clinic ids.
pub const CLINIC_ID_SYSTEM: &str = "https://medcover.invalid/fhir/NamingSystem/clinic";
/// Identifier system of policy numbers.
pub const POLICY_SYSTEM: &str = "https://medcover.invalid/fhir/NamingSystem/policy";

/// Options of the export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FhirOptions {
    created: Option<String>,
}

impl FhirOptions {
    /// Sets `created`: a FHIR dateTime, either a date (`2026-05-10`) or a
    /// date and time with its offset (`2026-05-10T09:30:00Z`,
    /// `2026-05-10T09:30:00+03:00`). The engine has no clock: without it,
    /// `created` is the service date.
    pub fn with_created(mut self, created: &str) -> Result<Self, RequestError> {
        let ok = chrono::NaiveDate::parse_from_str(created, "%Y-%m-%d").is_ok()
            || chrono::DateTime::parse_from_rfc3339(created).is_ok();
        if !ok || created.len() < 10 {
            return Err(RequestError::invalid(
                "created",
                format!(
                    "invalid `created` `{created}`: expected a date (2026-05-10) \
                     or a date and time with an offset (2026-05-10T09:30:00Z)"
                ),
            ));
        }
        self.created = Some(created.to_owned());
        Ok(self)
    }

    /// The `created` value set, if any.
    pub fn created(&self) -> Option<&str> {
        self.created.as_deref()
    }
}

/// The FHIR R5 `CoverageEligibilityResponse` for `decision`, the answer to
/// `request`.
pub fn coverage_eligibility_response(
    decision: &Decision,
    request: &Request,
    options: &FhirOptions,
) -> Value {
    let mut resource = Map::new();
    resource.insert("resourceType".into(), json!("CoverageEligibilityResponse"));
    if let Some(id) = decision.id.as_deref() {
        if is_fhir_id(id) {
            resource.insert("id".into(), json!(id));
        }
        resource.insert(
            "identifier".into(),
            json!([{"system": REQUEST_ID_SYSTEM, "value": id}]),
        );
    }
    resource.insert("status".into(), json!("active"));
    resource.insert("purpose".into(), json!(["benefits", "validation"]));
    resource.insert(
        "patient".into(),
        reference("Patient", MEMBER_ID_SYSTEM, &decision.member, None),
    );
    let date = Iso(decision.date).to_string();
    resource.insert("servicedDate".into(), json!(date));
    resource.insert(
        "created".into(),
        json!(options.created().unwrap_or(date.as_str())),
    );
    resource.insert(
        "requestor".into(),
        reference(
            "Organization",
            CLINIC_ID_SYSTEM,
            &request.clinic,
            Some(&format!("clinic {}", request.clinic)),
        ),
    );
    resource.insert("request".into(), request_reference(decision));
    resource.insert("outcome".into(), json!("complete"));
    resource.insert("disposition".into(), json!(disposition(decision)));
    resource.insert(
        "insurer".into(),
        reference(
            "Organization",
            RULESET_ID_SYSTEM,
            &decision.ruleset,
            Some(&format!("rule set {}", decision.ruleset)),
        ),
    );
    if let Some(number) = pre_auth_ref(decision) {
        resource.insert("preAuthRef".into(), json!(number));
    }
    resource.insert("insurance".into(), json!([insurance(decision, request)]));
    resource.insert(
        "extension".into(),
        Value::Array(resource_extensions(decision)),
    );
    Value::Object(resource)
}

/// A resource to serialize with `resourceType` first, as FHIR JSON is
/// conventionally written (a `Value`'s own keys are sorted):
/// `serde_json::to_string(&ResourceJson(&resource))`.
pub struct ResourceJson<'a>(pub &'a Value);

impl serde::Serialize for ResourceJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self.0 {
            Value::Object(object) => {
                let mut map = serializer.serialize_map(Some(object.len()))?;
                if let Some(kind) = object.get("resourceType") {
                    map.serialize_entry("resourceType", kind)?;
                }
                for (key, value) in object {
                    if key != "resourceType" {
                        map.serialize_entry(key, value)?;
                    }
                }
                map.end()
            }
            other => other.serialize(serializer),
        }
    }
}

impl Decision {
    /// This decision as a FHIR R5 `CoverageEligibilityResponse`; see
    /// [`coverage_eligibility_response`].
    pub fn to_fhir(&self, request: &Request, options: &FhirOptions) -> Value {
        coverage_eligibility_response(self, request, options)
    }
}

impl RuleSet {
    /// Decides `request` and returns the decision as a FHIR R5
    /// `CoverageEligibilityResponse`.
    pub fn evaluate_fhir(
        &self,
        request: &Request,
        options: &FhirOptions,
    ) -> Result<Value, RequestError> {
        let decision = self.evaluate_with(request, EvaluateOptions::default())?;
        Ok(coverage_eligibility_response(&decision, request, options))
    }
}

impl RuleBook {
    /// Decides `request` with the rule set that owns its clinic and returns
    /// the decision as a FHIR R5 `CoverageEligibilityResponse`.
    pub fn evaluate_fhir(
        &self,
        request: &Request,
        options: &FhirOptions,
    ) -> Result<Value, RequestError> {
        self.route(request)?.evaluate_fhir(request, options)
    }
}

/// A FHIR `id`: 1 to 64 of `A-Z a-z 0-9 - .`.
fn is_fhir_id(text: &str) -> bool {
    (1..=64).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// A Reference: a literal `Type/id` when `value` is a valid FHIR id, always
/// a logical identifier, and a display when given.
fn reference(kind: &str, system: &str, value: &str, display: Option<&str>) -> Value {
    let mut out = Map::new();
    if is_fhir_id(value) {
        out.insert("reference".into(), json!(format!("{kind}/{value}")));
    }
    out.insert(
        "identifier".into(),
        json!({"system": system, "value": value}),
    );
    if let Some(display) = display {
        out.insert("display".into(), json!(display));
    }
    Value::Object(out)
}

fn request_reference(decision: &Decision) -> Value {
    let display = format!(
        "coverage question of member {} on {}",
        decision.member,
        Iso(decision.date)
    );
    match decision.id.as_deref() {
        Some(id) => reference(
            "CoverageEligibilityRequest",
            REQUEST_ID_SYSTEM,
            id,
            Some(&display),
        ),
        None => json!({ "display": display }),
    }
}

/// The document number that covered at least one line.
fn pre_auth_ref(decision: &Decision) -> Option<&str> {
    decision
        .lines
        .iter()
        .find(|l| l.covered_quantity > 0 && l.document.is_some())
        .and_then(|l| l.document.as_deref())
}

fn insurance(decision: &Decision, request: &Request) -> Value {
    let mut out = Map::new();
    match &request.member.policy {
        Some(policy) => {
            out.insert(
                "coverage".into(),
                json!({
                    "identifier": {"system": POLICY_SYSTEM, "value": policy.number},
                    "display": format!("policy {}, program {}", policy.number, policy.program),
                }),
            );
            out.insert("inforce".into(), json!(policy.in_force_on(decision.date)));
            out.insert(
                "benefitPeriod".into(),
                json!({
                    "start": Iso(policy.start).to_string(),
                    "end": Iso(policy.end).to_string(),
                }),
            );
        }
        None => {
            out.insert(
                "coverage".into(),
                json!({"display": "no policy: the patient pays"}),
            );
            out.insert("inforce".into(), json!(false));
        }
    }
    out.insert(
        "item".into(),
        Value::Array(decision.lines.iter().map(item).collect()),
    );
    Value::Object(out)
}

fn coding(system: &str, code: &str, text: Option<&str>) -> Value {
    let mut out = Map::new();
    out.insert("coding".into(), json!([{"system": system, "code": code}]));
    if let Some(text) = text {
        out.insert("text".into(), json!(text));
    }
    Value::Object(out)
}

/// A JSON number for a decimal, parsed from the decimal's own text (never
/// computed through a binary float). serde_json (without its
/// `arbitrary_precision` feature, which this workspace does not enable)
/// keeps it as the nearest `f64`, which prints back with the same value for
/// every decimal of up to 15 significant digits (every amount below
/// 10 000 000 000 000.00): `86.42` stays `86.42`; only trailing zeros of the
/// scale are not kept (`550.00` prints as `550.0`).
pub fn decimal_number(value: &Decimal) -> Value {
    let text = value.to_string();
    match serde_json::from_str::<Value>(&text) {
        Ok(number @ Value::Number(_)) => number,
        // A Decimal always prints as a JSON number; keep the digits anyway.
        _ => Value::String(text),
    }
}

/// A FHIR Money.
pub fn money(value: &Decimal, currency: &str) -> Value {
    json!({"value": decimal_number(value), "currency": currency})
}

fn extension(name: &str, key: &str, value: Value) -> Value {
    let mut out = Map::new();
    out.insert(
        "url".into(),
        json!(format!("{STRUCTURE_DEFINITION}/{name}")),
    );
    out.insert(key.into(), value);
    Value::Object(out)
}

/// A sub-extension of a complex extension: a bare url.
fn sub(name: &str, key: &str, value: Value) -> Value {
    json!({"url": name, key: value})
}

fn item(line: &Line) -> Value {
    let mut out = Map::new();
    out.insert(
        "category".into(),
        coding(
            CATEGORY_SYSTEM,
            line.category.as_str(),
            Some(line.category.as_str()),
        ),
    );
    out.insert(
        "productOrService".into(),
        coding(SERVICE_SYSTEM, &line.service, Some(&line.service)),
    );
    out.insert("description".into(), json!(description(line)));
    out.insert(
        "excluded".into(),
        json!(line.outcome == Outcome::NotCovered),
    );
    let needs_authorization = authorization_required(line);
    out.insert("authorizationRequired".into(), json!(needs_authorization));
    if needs_authorization {
        if let Some(step) = line.next_step {
            out.insert(
                "authorizationSupporting".into(),
                json!([coding(
                    NEXT_STEP_SYSTEM,
                    next_step_code(step),
                    Some(next_step_text(step)),
                )]),
            );
        }
    }
    if !line.limits.is_empty() {
        out.insert(
            "term".into(),
            json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/benefit-term",
                               "code": "annual"}],
                   "text": "per policy year"}),
        );
        out.insert(
            "benefit".into(),
            Value::Array(
                line.limits
                    .iter()
                    .map(|l| benefit(l, &line.currency))
                    .collect(),
            ),
        );
    }
    out.insert("extension".into(), Value::Array(item_extensions(line)));
    Value::Object(out)
}

/// An authorization, a booking or an approval must still be obtained.
fn authorization_required(line: &Line) -> bool {
    line.outcome == Outcome::NeedsAuthorization
        || matches!(
            line.next_step,
            Some(
                NextStep::BookViaInsurer
                    | NextStep::RequestEmailAuthorization
                    | NextStep::RequestAdditionalApproval
                    | NextStep::ReauthorizeAtOtherClinic
            )
        )
}

fn benefit(limit: &LimitUsage, currency: &str) -> Value {
    let mut out = Map::new();
    let unit = match limit.unit {
        LimitUnit::Count => "count",
        LimitUnit::Amount => "amount",
    };
    out.insert(
        "type".into(),
        coding(
            LIMIT_SYSTEM,
            &limit.id,
            Some(&format!("limit {} ({unit})", limit.id)),
        ),
    );
    let counts = match limit.unit {
        LimitUnit::Count => whole(&limit.allowed)
            .zip(whole(&limit.used))
            .zip(whole(&limit.remaining)),
        LimitUnit::Amount => None,
    };
    let remaining = match counts {
        Some(((allowed, used), remaining)) => {
            out.insert("allowedUnsignedInt".into(), json!(allowed));
            out.insert("usedUnsignedInt".into(), json!(used));
            extension("remaining", "valueUnsignedInt", json!(remaining))
        }
        None if limit.unit == LimitUnit::Amount => {
            out.insert("allowedMoney".into(), money(&limit.allowed, currency));
            out.insert("usedMoney".into(), money(&limit.used, currency));
            extension("remaining", "valueMoney", money(&limit.remaining, currency))
        }
        None => {
            out.insert("allowedString".into(), json!(limit.allowed.to_string()));
            out.insert("usedString".into(), json!(limit.used.to_string()));
            extension(
                "remaining",
                "valueString",
                json!(limit.remaining.to_string()),
            )
        }
    };
    out.insert(
        "extension".into(),
        json!([
            remaining,
            extension(
                "limit-period-start",
                "valueDate",
                json!(Iso(limit.period_start).to_string())
            ),
        ]),
    );
    Value::Object(out)
}

/// A whole, non-negative count.
fn whole(value: &Decimal) -> Option<u64> {
    use rust_decimal::prelude::ToPrimitive;
    if value.fract().is_zero() {
        value.to_u64()
    } else {
        None
    }
}

fn item_extensions(line: &Line) -> Vec<Value> {
    let mut out = vec![
        extension("outcome", "valueCode", json!(outcome_code(line.outcome))),
        extension("mode", "valueCode", json!(mode_code(line))),
        extension("quantity", "valueUnsignedInt", json!(line.quantity)),
        extension(
            "covered-quantity",
            "valueUnsignedInt",
            json!(line.covered_quantity),
        ),
        extension("price", "valueMoney", money(&line.price, &line.currency)),
        extension(
            "insurer-pays",
            "valueMoney",
            money(&line.insurer_pays, &line.currency),
        ),
        extension(
            "discount",
            "valueMoney",
            money(&line.discount, &line.currency),
        ),
        extension(
            "patient-pays",
            "valueMoney",
            money(&line.patient_pays, &line.currency),
        ),
    ];
    if let Some(program) = &line.program {
        out.push(extension("program", "valueString", json!(program)));
    }
    if let Some(document) = &line.document {
        out.push(extension("document", "valueString", json!(document)));
    }
    if let Some(ends) = line.waiting_period_ends {
        out.push(extension(
            "waiting-period-ends",
            "valueDate",
            json!(Iso(ends).to_string()),
        ));
    }
    if let Some(step) = line.next_step {
        out.push(extension(
            "next-step",
            "valueCode",
            json!(next_step_code(step)),
        ));
    }
    for clinic in &line.alternatives {
        out.push(extension(
            "alternative",
            "valueReference",
            reference(
                "Organization",
                CLINIC_ID_SYSTEM,
                clinic,
                Some(&format!("clinic {clinic}")),
            ),
        ));
    }
    for reason in &line.reasons {
        let code = json!({"system": REASON_SYSTEM, "code": reason.code.as_str()});
        let mut parts = vec![sub("code", "valueCoding", code)];
        // A decision made without messages has none to write (and FHIR
        // strings are never empty).
        if !reason.message.is_empty() {
            parts.push(sub("message", "valueString", json!(reason.message)));
        }
        parts.push(sub("rule", "valueString", json!(reason.rule)));
        out.push(json!({
            "url": format!("{STRUCTURE_DEFINITION}/reason"),
            "extension": parts,
        }));
    }
    out
}

fn resource_extensions(decision: &Decision) -> Vec<Value> {
    let currency = decision
        .lines
        .first()
        .map(|l| l.currency.as_str())
        .unwrap_or("");
    let mut out = vec![extension("ruleset", "valueString", json!(decision.ruleset))];
    if !currency.is_empty() {
        let t = &decision.totals;
        out.push(json!({
            "url": format!("{STRUCTURE_DEFINITION}/totals"),
            "extension": [
                sub("price", "valueMoney", money(&t.price, currency)),
                sub("insurer-pays", "valueMoney", money(&t.insurer_pays, currency)),
                sub("discount", "valueMoney", money(&t.discount, currency)),
                sub("patient-pays", "valueMoney", money(&t.patient_pays, currency)),
            ],
        }));
    }
    for requirement in &decision.requirements {
        let code = serde_json::to_value(requirement)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        out.push(extension(
            "requirement",
            "valueCodeableConcept",
            coding(REQUIREMENT_SYSTEM, &code, Some(&code.replace('_', " "))),
        ));
    }
    out
}

fn outcome_code(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Covered => "covered",
        Outcome::PartiallyCovered => "partially_covered",
        Outcome::NotCovered => "not_covered",
        Outcome::NeedsAuthorization => "needs_authorization",
        Outcome::ReferElsewhere => "refer_elsewhere",
    }
}

fn mode_code(line: &Line) -> String {
    serde_json::to_value(line.mode)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn next_step_code(step: NextStep) -> &'static str {
    match step {
        NextStep::BookViaInsurer => "book_via_insurer",
        NextStep::RequestEmailAuthorization => "request_email_authorization",
        NextStep::RequestAdditionalApproval => "request_additional_approval",
        NextStep::ReauthorizeAtOtherClinic => "reauthorize_at_other_clinic",
        NextStep::SelfPay => "self_pay",
    }
}

fn next_step_text(step: NextStep) -> &'static str {
    match step {
        NextStep::BookViaInsurer => "book the visit through the insurer",
        NextStep::RequestEmailAuthorization => "the clinic requests an authorization by e-mail",
        NextStep::RequestAdditionalApproval => "ask the insurer to approve more volume",
        NextStep::ReauthorizeAtOtherClinic => "start a new authorization for another clinic",
        NextStep::SelfPay => "the patient pays",
    }
}

fn description(line: &Line) -> String {
    let mut out = format!(
        "{} x{}: {}",
        line.service,
        line.quantity,
        outcome_code(line.outcome).replace('_', " ")
    );
    for reason in &line.reasons {
        out.push_str(&format!("; {}", reason.code));
        if !reason.message.is_empty() {
            out.push_str(&format!(": {}", reason.message));
        }
    }
    out
}

fn disposition(decision: &Decision) -> String {
    let count = |o: Outcome| decision.lines.iter().filter(|l| l.outcome == o).count();
    let mut parts = Vec::new();
    for outcome in [
        Outcome::Covered,
        Outcome::PartiallyCovered,
        Outcome::NotCovered,
        Outcome::NeedsAuthorization,
        Outcome::ReferElsewhere,
    ] {
        let n = count(outcome);
        if n > 0 {
            parts.push(format!("{n} {}", outcome_code(outcome).replace('_', " ")));
        }
    }
    let currency = decision
        .lines
        .first()
        .map(|l| l.currency.as_str())
        .unwrap_or("");
    let t = &decision.totals;
    format!(
        "{} service(s): {}; insurer pays {} {currency}, discount {} {currency}, patient pays {} {currency}",
        decision.lines.len(),
        if parts.is_empty() {
            "none".to_owned()
        } else {
            parts.join(", ")
        },
        t.insurer_pays,
        t.discount,
        t.patient_pays,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    const REQUEST: &str = r#"{"id": "r-1", "date": "2026-03-20", "clinic": "ru-dent-center",
        "member": {"id": "m-7", "name": "Ivan Petrov", "birth_date": "1980-02-02", "sex": "M",
                   "national_id": "11223344595",
                   "policy": {"number": "POL-9", "program": "p/attach", "start": "2026-01-01", "end": "2026-12-31"}},
        "services": [{"code": "DENT-CROWN"}, {"code": "DENT-CONSULT"}]}"#;

    fn line(service: &str, extra: serde_json::Value) -> serde_json::Value {
        let mut line = json!({
            "service": service, "quantity": 1, "category": "orthopedics", "covered_quantity": 1,
            "outcome": "covered", "mode": "attachment", "program": "p/attach", "document": null,
            "reasons": [{"code": "COVERED_BY_PROGRAM", "message": "covered", "rule": "p.json#x"}],
            "next_step": null, "currency": "RUB", "price": "1234.50", "insurer_pays": "0.00",
            "discount": "86.42", "patient_pays": "1148.08", "limits": [],
            "waiting_period_ends": null, "alternatives": []
        });
        if let (Some(out), Some(extra)) = (line.as_object_mut(), extra.as_object()) {
            for (k, v) in extra {
                out.insert(k.clone(), v.clone());
            }
        }
        line
    }

    fn decision(lines: Vec<serde_json::Value>) -> Decision {
        let value = json!({
            "id": "r-1", "member": "m-7", "date": "2026-03-20", "ruleset": "ru-dms-dental",
            "lines": lines,
            "totals": {"price": "1234.50", "insurer_pays": "0.00", "discount": "86.42", "patient_pays": "1148.08"},
            "requirements": ["identity_document"]
        });
        serde_json::from_value(value).unwrap_or_else(|e| unreachable!("decision: {e}"))
    }

    fn request() -> Request {
        crate::parse_request(REQUEST).unwrap_or_else(|e| unreachable!("request: {e}"))
    }

    fn ext<'a>(element: &'a Value, name: &str) -> Vec<&'a Value> {
        let url = format!("{STRUCTURE_DEFINITION}/{name}");
        element["extension"]
            .as_array()
            .map(|a| a.iter().filter(|e| e["url"] == url.as_str()).collect())
            .unwrap_or_default()
    }

    fn sample() -> Value {
        let d = decision(vec![
            line(
                "DENT-CROWN",
                json!({"outcome": "not_covered", "mode": "self_pay",
                "covered_quantity": 0, "next_step": "self_pay", "waiting_period_ends": "2026-07-04",
                "reasons": [{"code": "WAITING_PERIOD", "message": "waits", "rule": "p.json#w"},
                            {"code": "LOYALTY_DISCOUNT", "message": "7%", "rule": "d.json#l"}]}),
            ),
            line(
                "DENT-CONSULT",
                json!({"limits": [{"id": "consultations", "unit": "count",
                "allowed": "6", "used": "6", "remaining": "0", "period_start": "2026-01-01"},
                {"id": "ortho", "unit": "amount", "allowed": "50000.00", "used": "25000.00",
                 "remaining": "25000.00", "period_start": "2026-01-01"}]}),
            ),
        ]);
        d.to_fhir(&request(), &FhirOptions::default())
    }

    #[test]
    fn shape_of_the_resource() {
        let r = sample();
        assert_eq!(r["resourceType"], "CoverageEligibilityResponse");
        assert_eq!(r["id"], "r-1");
        assert_eq!(r["status"], "active");
        assert_eq!(r["purpose"], json!(["benefits", "validation"]));
        assert_eq!(r["outcome"], "complete");
        assert_eq!(r["servicedDate"], "2026-03-20");
        assert_eq!(r["created"], "2026-03-20");
        assert_eq!(r["patient"]["reference"], "Patient/m-7");
        assert_eq!(r["insurer"]["identifier"]["value"], "ru-dms-dental");
        assert_eq!(r["insurance"][0]["inforce"], true);
        assert_eq!(
            r["insurance"][0]["coverage"]["identifier"]["value"],
            "POL-9"
        );
        assert!(r.get("preAuthRef").is_none());
        let items = &r["insurance"][0]["item"];
        assert_eq!(items.as_array().map(Vec::len), Some(2));
        let crown = &items[0];
        assert_eq!(crown["productOrService"]["coding"][0]["code"], "DENT-CROWN");
        assert_eq!(
            crown["productOrService"]["coding"][0]["system"],
            SERVICE_SYSTEM
        );
        assert_eq!(crown["category"]["coding"][0]["system"], CATEGORY_SYSTEM);
        assert_eq!(crown["excluded"], true);
        assert_eq!(crown["authorizationRequired"], false);
        assert_eq!(
            ext(crown, "waiting-period-ends")[0]["valueDate"],
            "2026-07-04"
        );
        assert_eq!(ext(crown, "next-step")[0]["valueCode"], "self_pay");
        let reasons = ext(crown, "reason");
        assert_eq!(reasons.len(), 2);
        assert_eq!(
            reasons[1]["extension"][0]["valueCoding"]["code"],
            "LOYALTY_DISCOUNT"
        );
        let consult = &items[1];
        assert_eq!(consult["excluded"], false);
        assert_eq!(consult["benefit"][0]["allowedUnsignedInt"], 6);
        assert_eq!(consult["benefit"][0]["usedUnsignedInt"], 6);
        assert_eq!(
            consult["benefit"][0]["type"]["coding"][0]["code"],
            "consultations"
        );
        assert_eq!(
            consult["benefit"][1]["allowedMoney"]["value"],
            json!(50000.0)
        );
        assert_eq!(consult["benefit"][1]["usedMoney"]["currency"], "RUB");
    }

    #[test]
    fn resource_type_is_written_first() {
        let text = serde_json::to_string(&ResourceJson(&sample())).unwrap_or_default();
        assert!(
            text.starts_with(r#"{"resourceType":"CoverageEligibilityResponse","created":"#),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, sample());
    }

    #[test]
    fn no_national_id_nor_name() {
        let text = sample().to_string();
        assert!(!text.contains("11223344595"), "{text}");
        assert!(!text.contains("Ivan"), "{text}");
        assert!(!text.contains("1980-02-02"), "{text}");
    }

    #[test]
    fn money_keeps_its_digits() {
        let r = sample();
        let crown = &r["insurance"][0]["item"][0];
        let discount = &ext(crown, "discount")[0]["valueMoney"];
        assert_eq!(discount["value"].to_string(), "86.42");
        assert_eq!(discount["currency"], "RUB");
        assert!(r.to_string().contains(r#""value":86.42"#));
        assert!(r.to_string().contains(r#""value":1148.08"#));
        for text in [
            "86.42",
            "0.1",
            "1148.08",
            "4200.5",
            "9999999999999.99",
            "0.01",
        ] {
            let d = Decimal::from_str(text).unwrap_or_default();
            assert_eq!(decimal_number(&d).to_string(), text);
        }
        // The value is kept, not the trailing zeros of the scale.
        for text in ["550.00", "0.00", "50000.00", "1234567890123.45"] {
            let d = Decimal::from_str(text).unwrap_or_default();
            let back = Decimal::from_str(&decimal_number(&d).to_string()).unwrap_or_default();
            assert_eq!(back, d, "{text}");
        }
    }

    #[test]
    fn pre_auth_ref_is_the_document_that_covered() {
        let d = decision(vec![line(
            "DENT-CONSULT",
            json!({"mode": "guarantee_letter", "document": "GL-1"}),
        )]);
        let r = coverage_eligibility_response(&d, &request(), &FhirOptions::default());
        assert_eq!(r["preAuthRef"], "GL-1");
        let d = decision(vec![line(
            "DENT-CONSULT",
            json!({"document": "GL-1", "covered_quantity": 0, "outcome": "needs_authorization",
                   "next_step": "book_via_insurer"}),
        )]);
        let r = coverage_eligibility_response(&d, &request(), &FhirOptions::default());
        assert!(r.get("preAuthRef").is_none());
        let item = &r["insurance"][0]["item"][0];
        assert_eq!(item["authorizationRequired"], true);
        assert_eq!(item["excluded"], false);
        assert_eq!(
            item["authorizationSupporting"][0]["coding"][0]["code"],
            "book_via_insurer"
        );
    }

    #[test]
    fn created_ids_and_uninsured_members() {
        assert!(FhirOptions::default().with_created("yesterday").is_err());
        assert!(FhirOptions::default().with_created("2026-02-30").is_err());
        let options = FhirOptions::default()
            .with_created("2026-03-20T09:30:00+03:00")
            .unwrap_or_default();
        let mut d = decision(vec![line("DENT-CONSULT", json!({}))]);
        d.id = Some("request #1".into());
        let mut req = request();
        req.member.policy = None;
        let r = coverage_eligibility_response(&d, &req, &options);
        assert_eq!(r["created"], "2026-03-20T09:30:00+03:00");
        assert!(r.get("id").is_none(), "not a FHIR id");
        assert_eq!(r["identifier"][0]["value"], "request #1");
        assert!(r["request"].get("reference").is_none());
        assert_eq!(r["insurance"][0]["inforce"], false);
    }
}
