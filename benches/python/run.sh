#!/usr/bin/env bash
# The Python benchmark: medcover's wheel against zen-engine 2.1.3 on the
# reference workload of shared/bench. Checks that both engines agree on every
# request, then times single calls and batches of both.
#   bash benches/python/run.sh [N_REQUESTS] [REPEATS] [SEED]   (default 20000, 3, 7)
# BENCH_DIR overrides where shared/bench is (default: ../shared/bench beside
# the repository, else /work/shared/bench).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY_EXTRA="zen-engine==2.1.3"
source "$HERE/../../scripts/python-env.sh"
N="${1:-20000}"
REPEATS="${2:-3}"
SEED="${3:-7}"
for c in "${BENCH_DIR:-}" "$ROOT/../shared/bench" /work/shared/bench; do
  if [ -n "$c" ] && [ -f "$c/gen_requests.py" ]; then BENCH="$(cd "$c" && pwd)"; break; fi
done
if [ -z "${BENCH:-}" ]; then echo "shared/bench not found (set BENCH_DIR)" >&2; exit 2; fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
echo "== generating $N requests with $BENCH/gen_requests.py (seed $SEED)"
"$PY" "$BENCH/gen_requests.py" "$N" "$SEED"
"$PY" "$HERE/bench.py" "$ROOT/benches/rules/bench" "$BENCH/zen/coverage.jdm.json" "$REPEATS"
