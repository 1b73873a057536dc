//! Helpdesk rules (`ro-cnas-helpdesk`): schedule and incident intake.

use crate::rules::load::{Origin, Problems};
use serde::{Deserialize, Serialize};

/// The `helpdesk` section as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HelpdeskDef(pub serde_json::Value);

/// The compiled helpdesk rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Helpdesk(pub serde_json::Value);

pub(crate) fn compile(
    def: HelpdeskDef,
    _origin: &Origin,
    _problems: &mut Problems,
) -> Option<Helpdesk> {
    Some(Helpdesk(def.0))
}
