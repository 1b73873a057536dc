#!/usr/bin/env bash
# Python package tests, from a clean clone: creates .venv-py (or
# $MEDCOVER_VENV) with pinned maturin, pytest, pandas, polars, pyarrow and
# pyspark (and python-stdnum, for the CNP differential test), builds the medcover wheel (maturin, release, own target dir
# target-maturin), installs it and runs pytest on bindings/python/tests.
# Idempotent: a second run reuses the venv and the cargo build.
# Extra arguments go to pytest (e.g. -k frames, -x).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/python-env.sh"
# The CNP differential test (tests/test_cnp_stdnum.py) drives this example.
echo "== building the cnp_check example (release, CARGO_TARGET_DIR=target-maturin)"
CARGO_TARGET_DIR="$ROOT/target-maturin" cargo build --release -q -p medcover --example cnp_check \
  --manifest-path "$ROOT/Cargo.toml"
export MEDCOVER_CNP_CHECK="$ROOT/target-maturin/release/examples/cnp_check"
cd "$ROOT/bindings/python"
exec "$PY" -m pytest -q -p no:cacheprovider "$@"
