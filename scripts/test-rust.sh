#!/usr/bin/env bash
# The Rust workspace: formatting, lints (warnings are errors), unit,
# integration, acceptance and property tests, and the rule authors' cases.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/need-cxx.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo test --workspace --quiet
cargo run --quiet -p medcover-cli -- test rules --format text | tail -n 1
