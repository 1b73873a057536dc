//! JSON Schemas of the rule-file format, the case files and the request,
//! generated from the very types the loader uses, so they cannot drift.
//! The committed copies live in `rules/schema/`; a test keeps them current.

use super::format::{
    ClinicDef, CorporateClientDef, DiscountDef, Manifest, ProgramDef, RosterDef, ServiceDef,
};
use crate::request::Request;
use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

/// The schema of one rule file: an object of optional sections.
pub fn rule_file() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let mut properties = Map::new();
    properties.insert(
        "$schema".into(),
        json!({"type": "string", "description": "Path of this schema, for editors."}),
    );
    let mut section = |name: &str, description: &str, schema: schemars::Schema| {
        let mut value = schema.to_value();
        if let Value::Object(map) = &mut value {
            map.insert("description".into(), Value::String(description.into()));
        }
        properties.insert(name.into(), value);
    };
    section(
        "ruleset",
        "Identity of the rule set: id (the folder name), name, currency, national id scheme.",
        generator.subschema_for::<Manifest>(),
    );
    section(
        "services",
        "The service catalog: codes, categories, prices (optionally dated).",
        generator.subschema_for::<Vec<ServiceDef>>(),
    );
    section("clinics", "Clinics, hospitals and laboratories: location, type, specialties, network, services offered on site.", generator.subschema_for::<Vec<ClinicDef>>());
    section("programs", "Coverage programs: access mode, covered services, settings, case reasons, limits, waiting periods.", generator.subschema_for::<Vec<ProgramDef>>());
    section(
        "rosters",
        "Attachment rosters the insurer sends to a clinic in advance.",
        generator.subschema_for::<Vec<RosterDef>>(),
    );
    section(
        "corporate_clients",
        "Corporate clients and their contract periods.",
        generator.subschema_for::<Vec<CorporateClientDef>>(),
    );
    section(
        "discounts",
        "Discounts on what insurance does not cover, and who earns them.",
        generator.subschema_for::<Vec<DiscountDef>>(),
    );
    section(
        "helpdesk",
        "Helpdesk schedule and incident intake.",
        generator.subschema_for::<crate::helpdesk::HelpdeskDef>(),
    );
    section(
        "representatives",
        "Insurance representative levels, topics and channels.",
        generator.subschema_for::<crate::representatives::RepresentativesDef>(),
    );
    let mut properties = Value::Object(properties);
    money_as_strings(&mut properties);
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://medcover.invalid/schema/medcover-rules.schema.json",
        "title": "medcover rule file",
        "description": "A rule file is an object of sections; a rule set is a folder of rule files whose sections add up.",
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
        "$defs": definitions(&mut generator),
    })
}

/// The schema of a request (DOMAIN.md §4).
pub fn request() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let mut root = generator.root_schema_for::<Request>().to_value();
    money_as_strings(&mut root);
    if let Value::Object(map) = &mut root {
        map.insert(
            "$id".into(),
            json!("https://medcover.invalid/schema/medcover-request.schema.json"),
        );
    }
    root
}

/// The schema of a case file (`rules/<set>/cases/*.json`).
pub fn case_file() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let mut request = generator.subschema_for::<Request>().to_value();
    money_as_strings(&mut request);
    let mut query = generator
        .subschema_for::<crate::reports::MemberQuery>()
        .to_value();
    money_as_strings(&mut query);
    let inputs = [
        "request",
        "report",
        "helpdesk_channel",
        "incident",
        "route",
        "checkup",
    ];
    let one_input: Vec<Value> = inputs
        .iter()
        .map(|given| {
            let others: Vec<Value> = inputs
                .iter()
                .filter(|i| *i != given)
                .map(|i| json!({"required": [i]}))
                .collect();
            json!({"required": [given], "not": {"anyOf": others}})
        })
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://medcover.invalid/schema/medcover-cases.schema.json",
        "title": "medcover rule authors' cases",
        "type": "object",
        "additionalProperties": false,
        "required": ["cases"],
        "properties": {
            "$schema": {"type": "string"},
            "cases": {"type": "array", "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "request": request,
                    "report": {"enum": ["limits", "waiting_periods", "statement"], "description": "A member report; needs `query`."},
                    "query": query,
                    "helpdesk_channel": {"type": "string", "description": "A local date-time, `2026-03-10T18:01`."},
                    "incident": {"type": "object", "description": "A helpdesk incident e-mail."},
                    "route": {"type": "string", "description": "A representative topic."},
                    "checkup": {"type": "object", "additionalProperties": false, "required": ["birth_date", "on"],
                                "properties": {"birth_date": {"type": "string", "format": "date"}, "on": {"type": "string", "format": "date"}}},
                    "expect": {"type": "object", "description": "Fields of the expected answer; see `medcover::cases`."},
                    "expect_error": {"type": "object", "additionalProperties": false, "properties": {
                        "kind": {"enum": ["malformed", "invalid_field", "unknown_reference", "invalid_national_id", "too_large", "not_in_rules"]},
                        "path": {"type": "string"},
                        "message_contains": {"type": "string"}
                    }}
                },
                "allOf": [
                    {"oneOf": one_input},
                    {"oneOf": [{"required": ["expect"]}, {"required": ["expect_error"]}]},
                    {"if": {"required": ["report"]}, "then": {"required": ["query"]}}
                ]
            }}
        },
        "$defs": definitions(&mut generator),
    })
}

fn definitions(generator: &mut schemars::SchemaGenerator) -> Value {
    let mut defs = Value::Object(generator.take_definitions(true));
    money_as_strings(&mut defs);
    defs
}

/// Decimals are written as strings (`"1234.50"`), never as JSON numbers:
/// the loader refuses floats, so the schema does too.
fn money_as_strings(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let decimal = map
                .get("pattern")
                .and_then(Value::as_str)
                .is_some_and(|p| p.starts_with("^-?\\d+"))
                && map.get("type") == Some(&json!(["string", "number"]));
            if decimal {
                map.insert("type".into(), json!("string"));
            }
            map.values_mut().for_each(money_as_strings);
        }
        Value::Array(items) => items.iter_mut().for_each(money_as_strings),
        _ => {}
    }
}
