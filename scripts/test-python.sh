#!/usr/bin/env bash
# Python package tests, from a clean clone: creates .venv-py (or
# $MEDCOVER_VENV) with pinned maturin, pytest, pandas, polars, pyarrow and
# pyspark, builds the medcover wheel (maturin, release, own target dir
# target-maturin), installs it and runs pytest on bindings/python/tests.
# Idempotent: a second run reuses the venv and the cargo build.
# Extra arguments go to pytest (e.g. -k frames, -x).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/python-env.sh"
cd "$ROOT/bindings/python"
exec "$PY" -m pytest -q -p no:cacheprovider "$@"
