#!/usr/bin/env bash
# Every test: Rust (workspace, lints, rule authors' cases), the Python wheel,
# the uniffi bindings (Kotlin, Python, Swift header) and a fuzz smoke run
# (seconds per target). Installs what it needs on a fresh machine of this
# kind. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
for part in rust python uniffi fuzz; do
  if [ -f "scripts/test-$part.sh" ]; then
    echo "=== test-$part"
    bash "scripts/test-$part.sh"
  fi
done
echo "=== all tests passed in $((SECONDS - start)) s"
