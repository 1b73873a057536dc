# Sourced by scripts/test-python.sh and benches/python/run.sh: creates the
# Python venv (.venv-py, or $MEDCOVER_VENV) with pinned tools, builds the
# medcover wheel with maturin (own target dir: target-maturin) and installs it.
# fhir.resources (R5) validates the FHIR export in bindings/python/tests/test_fhir.py.
# Idempotent: the venv and the cargo build are reused when up to date.
# Extra pip requirements may be passed in PY_EXTRA (space-separated).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${MEDCOVER_VENV:-$ROOT/.venv-py}"
PYTHON_BIN="${PYTHON:-python3}"
PY_PINS="maturin==1.16.0 pytest==9.2.0 mypy==2.4.1 pandas==3.1.1 polars==2.1.0 pyarrow==26.0.1 pyspark==4.3.0 fhir.resources==8.3.0 python-stdnum==2.2"
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV"
  "$PYTHON_BIN" -m venv "$VENV"
fi
stamp="$VENV/.medcover-pins"
missing=""
for pin in $PY_PINS ${PY_EXTRA:-}; do
  grep -qxF "$pin" "$stamp" 2>/dev/null || missing="$missing $pin"
done
if [ -n "$missing" ]; then
  echo "== installing$missing"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check $missing
  for pin in $missing; do echo "$pin" >> "$stamp"; done
fi
bash "$ROOT/scripts/need-cxx.sh"
echo "== building the wheel (maturin, release, CARGO_TARGET_DIR=target-maturin)"
WHEELS="$ROOT/target-maturin/wheels"
rm -rf "$WHEELS"
CARGO_TARGET_DIR="$ROOT/target-maturin" "$VENV/bin/maturin" build --release -q \
  -m "$ROOT/bindings/python/Cargo.toml" -o "$WHEELS" -i "$VENV/bin/python"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEELS"/medcover-*.whl
PY="$VENV/bin/python"
