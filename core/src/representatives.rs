//! Insurance representatives (`ru-oms`): routing inquiries to levels.

use crate::rules::load::{Origin, Problems};
use serde::{Deserialize, Serialize};

/// The `representatives` section as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RepresentativesDef(pub serde_json::Value);

/// The compiled representative levels.
#[derive(Clone, Debug, PartialEq)]
pub struct Representatives(pub serde_json::Value);

pub(crate) fn compile(
    def: RepresentativesDef,
    _origin: &Origin,
    _problems: &mut Problems,
) -> Option<Representatives> {
    Some(Representatives(def.0))
}
