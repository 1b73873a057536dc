#!/usr/bin/env bash
# The main job: check the bundled rules, decide the example requests, run the
# rule authors' cases. Needs only the Rust toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
medcover() { cargo run --quiet -p medcover-cli -- "$@"; }
echo "== medcover check rules"
medcover check rules --format text
echo
echo "== medcover evaluate --rules rules examples/requests.jsonl"
medcover evaluate --rules rules examples/requests.jsonl --format text
echo
echo "== medcover test rules"
medcover test rules --format text | tail -n 1
