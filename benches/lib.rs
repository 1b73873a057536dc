//! Shared paths and synthetic rule sets for the benchmarks.

use std::path::PathBuf;

pub mod synthetic;

/// The workspace root.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}
