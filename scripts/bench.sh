#!/usr/bin/env bash
# Every benchmark, one after the other (about 8 minutes on 2 cores):
#   1. criterion: single decisions on the bundled rules and on the
#      zen-equivalent workload, batch throughput on every core, rule loading
#      (benches/benches/evaluate.rs), then the synthetic rule sets of 100 to
#      100,000 services (benches/benches/scale.rs);
#   2. the memory of a loaded 100,000-service rule set (scale_memory);
#   3. the Python wheel against zen-engine 2.1.3 (benches/python/run.sh).
# The figures and what they mean: benches/README.md. Run it on an otherwise
# idle machine; compare only figures of one run.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "=== criterion (cargo bench -p medcover-benches)"
cargo bench -p medcover-benches
echo "=== memory of a loaded 100,000-service rule set"
cargo run --quiet --release -p medcover-benches --example scale_memory -- 100000
echo "=== the Python wheel against zen-engine"
bash benches/python/run.sh 20000 5
