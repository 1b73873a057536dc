#!/usr/bin/env bash
# The Python extension's allocator (snmalloc) is C++, compiled by cargo
# through the `cc` crate: installs g++ (apt) when no C++ compiler is found.
set -euo pipefail
if command -v c++ >/dev/null || command -v g++ >/dev/null; then
  exit 0
fi
echo "installing g++ (no C++ compiler found)"
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++
