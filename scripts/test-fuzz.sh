#!/usr/bin/env bash
# Fuzz smoke run: builds the three cargo-fuzz targets of fuzz/ (libFuzzer,
# AddressSanitizer) and runs each for a few seconds from its committed
# corpus. It keeps the targets compiling against the current API and replays
# every corpus input; the long runs (10 minutes a target) are in
# fuzz/README.md. Installs cargo-fuzz when missing. Stable Rust accepts the
# sanitizer flags with RUSTC_BOOTSTRAP=1.
#   FUZZ_SECONDS=N  seconds per target (default 15)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_FUZZ_VERSION=0.13.2
SECONDS_PER_TARGET="${FUZZ_SECONDS:-15}"
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --quiet
fi
cd "$ROOT/fuzz"
export RUSTC_BOOTSTRAP=1
echo "== cargo fuzz build (release, ASan)"
cargo fuzz build
for target in load_rules parse_request evaluate; do
  echo "== fuzz $target for ${SECONDS_PER_TARGET}s"
  # A scratch corpus dir takes what the run finds; the committed one stays as is.
  scratch="$(mktemp -d)"
  if ! cargo fuzz run "$target" "$scratch" "corpus/$target" -- \
      -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 >"$scratch.log" 2>&1; then
    tail -n 40 "$scratch.log" >&2
    echo "fuzz $target FAILED (the crashing input is under fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$scratch.log" | tail -n 1
  rm -rf "$scratch" "$scratch.log"
done
echo "fuzz smoke: 3 targets passed"
