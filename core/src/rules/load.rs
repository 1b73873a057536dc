//! Reading rule files: JSON text → section items with their origin, and every
//! syntax and type problem, located by line and column.

use super::format::{
    ClinicDef, CorporateClientDef, DiscountDef, Manifest, ProgramDef, RosterDef, ServiceDef,
};
use super::locate::locate;
use crate::error::{ProblemKind, RuleProblem};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::path::PathBuf;

/// One rule file's name and text.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file, as it should appear in problems (`rules/ro-omniasig/programs.json`).
    pub path: PathBuf,
    /// Its name within the rule set, as it appears in rule references (`programs.json`).
    pub name: String,
    /// Its JSON text.
    pub text: String,
}

/// Where an item was written: a source file and a JSON pointer in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Index into the loader's sources.
    pub source: usize,
    /// JSON pointer of the item.
    pub pointer: String,
}

/// The top-level keys a rule file may have.
pub const SECTIONS: [&str; 10] = [
    "$schema",
    "ruleset",
    "services",
    "clinics",
    "programs",
    "rosters",
    "corporate_clients",
    "discounts",
    "helpdesk",
    "representatives",
];

/// Items of every section, as written, with their origins.
#[derive(Debug, Default)]
pub struct Raw {
    pub manifest: Option<(Manifest, Origin)>,
    pub services: Vec<(ServiceDef, Origin)>,
    pub clinics: Vec<(ClinicDef, Origin)>,
    pub programs: Vec<(ProgramDef, Origin)>,
    pub rosters: Vec<(RosterDef, Origin)>,
    pub corporate_clients: Vec<(CorporateClientDef, Origin)>,
    pub discounts: Vec<(DiscountDef, Origin)>,
    pub helpdesk: Option<(crate::helpdesk::HelpdeskDef, Origin)>,
    pub representatives: Option<(crate::representatives::RepresentativesDef, Origin)>,
}

/// Collects problems and turns origins into file, line and column.
#[derive(Debug, Default)]
pub struct Problems {
    pub sources: Vec<Source>,
    pub list: Vec<RuleProblem>,
}

impl Problems {
    /// Records a problem at `origin` plus `field` (a relative pointer like `/price`).
    pub fn at(
        &mut self,
        origin: &Origin,
        field: &str,
        kind: ProblemKind,
        message: String,
        help: Option<String>,
    ) {
        let pointer = format!("{}{}", origin.pointer, field);
        let (file, line, column) = match self.sources.get(origin.source) {
            Some(src) => {
                let (line, column) = locate(&src.text, &pointer);
                (src.path.clone(), Some(line), Some(column))
            }
            None => (PathBuf::new(), None, None),
        };
        self.list.push(RuleProblem {
            kind,
            file,
            line,
            column,
            path: pointer,
            message,
            help,
        });
    }

    /// Records a problem about a whole file or folder.
    pub fn file(
        &mut self,
        file: PathBuf,
        kind: ProblemKind,
        message: String,
        position: Option<(usize, usize)>,
    ) {
        self.list.push(RuleProblem {
            kind,
            file,
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
            path: String::new(),
            message,
            help: None,
        });
    }

    /// The name of the file an origin is in, for rule references.
    pub fn source_name(&self, origin: &Origin) -> &str {
        self.sources
            .get(origin.source)
            .map_or("", |s| s.name.as_str())
    }
}

/// Parses every source into `raw`, recording syntax and type problems.
pub fn read_sources(sources: Vec<Source>, problems: &mut Problems) -> Raw {
    let mut raw = Raw::default();
    let first = problems.sources.len();
    problems.sources.extend(sources);
    for index in first..problems.sources.len() {
        let Some(src) = problems.sources.get(index) else {
            continue;
        };
        let value: Value = match serde_json::from_str(&src.text) {
            Ok(v) => v,
            Err(e) => {
                let path = src.path.clone();
                problems.file(
                    path,
                    ProblemKind::Syntax,
                    syntax_message(&e),
                    Some((e.line(), e.column())),
                );
                continue;
            }
        };
        read_file(index, value, &mut raw, problems);
    }
    raw
}

/// serde_json's message without its position (the problem carries it), and
/// in words for nesting past serde_json's limit of 128 levels.
fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = text
        .find(" at line ")
        .and_then(|i| text.get(..i))
        .unwrap_or(&text);
    if text == "recursion limit exceeded" {
        return "nested more than 128 levels deep (recursion limit exceeded)".into();
    }
    lowercase_first(text)
}

fn read_file(source: usize, value: Value, raw: &mut Raw, problems: &mut Problems) {
    let root = Origin {
        source,
        pointer: String::new(),
    };
    let Value::Object(sections) = value else {
        problems.at(
            &root,
            "",
            ProblemKind::Type,
            "a rule file must be a JSON object of sections".into(),
            None,
        );
        return;
    };
    for (key, value) in sections {
        let at = Origin {
            source,
            pointer: format!("/{}", escape(&key)),
        };
        match key.as_str() {
            "$schema" => {}
            "ruleset" => {
                if let Some(m) = item(&value, &at, problems) {
                    if raw.manifest.is_some() {
                        problems.at(
                            &at,
                            "",
                            ProblemKind::Duplicate,
                            "the `ruleset` section is written twice".into(),
                            None,
                        );
                    } else {
                        raw.manifest = Some((m, at));
                    }
                }
            }
            "services" => list(&value, &at, &mut raw.services, problems),
            "clinics" => list(&value, &at, &mut raw.clinics, problems),
            "programs" => list(&value, &at, &mut raw.programs, problems),
            "rosters" => list(&value, &at, &mut raw.rosters, problems),
            "corporate_clients" => list(&value, &at, &mut raw.corporate_clients, problems),
            "discounts" => list(&value, &at, &mut raw.discounts, problems),
            "helpdesk" => single(&value, at, &mut raw.helpdesk, problems),
            "representatives" => single(&value, at, &mut raw.representatives, problems),
            other => {
                let help = crate::suggest::did_you_mean(other, SECTIONS);
                problems.at(
                    &at,
                    "",
                    ProblemKind::Type,
                    format!("unknown section `{other}`"),
                    help,
                );
            }
        }
    }
}

fn single<T: DeserializeOwned>(
    value: &Value,
    at: Origin,
    slot: &mut Option<(T, Origin)>,
    problems: &mut Problems,
) {
    if let Some(parsed) = item(value, &at, problems) {
        if slot.is_some() {
            problems.at(
                &at,
                "",
                ProblemKind::Duplicate,
                "this section is written twice".into(),
                None,
            );
        } else {
            *slot = Some((parsed, at));
        }
    }
}

fn list<T: DeserializeOwned>(
    value: &Value,
    at: &Origin,
    out: &mut Vec<(T, Origin)>,
    problems: &mut Problems,
) {
    let Value::Array(items) = value else {
        problems.at(at, "", ProblemKind::Type, "expected a list".into(), None);
        return;
    };
    for (i, value) in items.iter().enumerate() {
        let origin = Origin {
            source: at.source,
            pointer: format!("{}/{i}", at.pointer),
        };
        if let Some(parsed) = item(value, &origin, problems) {
            out.push((parsed, origin));
        }
    }
}

fn item<T: DeserializeOwned>(value: &Value, at: &Origin, problems: &mut Problems) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(parsed) => Some(parsed),
        Err(e) => {
            let mut field = String::new();
            for segment in e.path().iter() {
                use serde_path_to_error::Segment;
                match segment {
                    Segment::Seq { index } => field.push_str(&format!("/{index}")),
                    Segment::Map { key } => field.push_str(&format!("/{}", escape(key))),
                    Segment::Enum { .. } | Segment::Unknown => {}
                }
            }
            problems.at(
                at,
                &field,
                ProblemKind::Type,
                lowercase_first(&e.into_inner().to_string()),
                None,
            );
            None
        }
    }
}

/// Escapes a key for a JSON pointer.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
