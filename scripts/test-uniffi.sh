#!/usr/bin/env bash
# Tests the uniffi bindings (bindings/uniffi) on this machine:
#   - builds the workspace (dev profile) and generates Kotlin, Swift and
#     Python sources with the workspace's own `uniffi-bindgen`;
#   - Kotlin: compiles the generated code with a test main and runs it on the
#     JVM with JNA (what an Android app runs, minus Android);
#   - Python: runs a test script on the generated module;
#   - Swift (no compiler here): the generated C header compiles, every function
#     it declares is exported by the library, and a C program built against the
#     header links and calls into the library.
# Installs what it needs when missing: libjna-java (apt), kotlin-compiler
# (npm, into .tools/kotlin). Prints `uniffi: N passed, M failed` and exits
# non-zero on any failure.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

KOTLIN_VERSION=2.4.20
JNA_JAR=/usr/share/java/jna.jar
GEN=bindings/uniffi/gen
LIB=target/debug/libmedcover_uniffi.so
FIXTURE="$ROOT/bindings/uniffi/tests/fixtures/ro-omniasig"
BUNDLED_RULES="$ROOT/rules"
WORK=target/uniffi-test
TOTAL_PASSED=0
TOTAL_FAILED=0

step() { printf '\n== %s\n' "$*"; }
die() {
    echo "test-uniffi: $*" >&2
    echo "uniffi: $TOTAL_PASSED passed, $((TOTAL_FAILED + 1)) failed"
    exit 1
}
# count SUITE LOG: adds the `SUITE: N passed, M failed` line of LOG to the totals.
count() {
    local line passed failed
    line=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed$" "$2" | tail -n 1)
    if [[ -z "$line" ]]; then
        echo "test-uniffi: $1 printed no summary" >&2
        TOTAL_FAILED=$((TOTAL_FAILED + 1))
        return
    fi
    passed=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")
    failed=$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")
    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
}
# check NAME COMMAND...: one pass/fail check of the Swift step.
check() {
    local name=$1
    shift
    if "$@"; then
        echo "ok   swift $name"
        SWIFT_PASSED=$((SWIFT_PASSED + 1))
    else
        echo "FAIL swift $name"
        SWIFT_FAILED=$((SWIFT_FAILED + 1))
    fi
}

step "prerequisites"
for tool in cargo python3 gcc nm npm; do
    command -v "$tool" >/dev/null || die "\`$tool\` is not installed"
done
APT_UPDATED=
apt_install() {
    if [[ -z "$APT_UPDATED" ]]; then
        apt-get update -qq || die "apt-get update failed"
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" || die "apt-get install $* failed"
}
if ! command -v java >/dev/null; then
    echo "installing a JDK (java is missing)"
    apt_install openjdk-17-jdk-headless
fi
if [[ ! -f "$JNA_JAR" ]]; then
    echo "installing libjna-java ($JNA_JAR is missing)"
    apt_install libjna-java
fi
KOTLINC=$(find .tools/kotlin/node_modules/kotlin-compiler -path '*/bin/kotlinc' -type f 2>/dev/null | head -n 1)
if [[ -z "$KOTLINC" ]]; then
    echo "installing kotlin-compiler@$KOTLIN_VERSION into .tools/kotlin"
    npm install --prefix .tools/kotlin --no-audit --no-fund --loglevel=error "kotlin-compiler@$KOTLIN_VERSION" \
        || die "npm install kotlin-compiler@$KOTLIN_VERSION failed"
    KOTLINC=$(find .tools/kotlin/node_modules/kotlin-compiler -path '*/bin/kotlinc' -type f | head -n 1)
    [[ -n "$KOTLINC" ]] || die "no bin/kotlinc in the kotlin-compiler package"
    chmod +x "$KOTLINC"
fi
echo "java: $(java -version 2>&1 | head -n 1); jna: $JNA_JAR; kotlinc: $KOTLINC"

step "cargo build --workspace"
cargo build --workspace || die "cargo build failed"
[[ -f "$LIB" ]] || die "$LIB was not built"

step "uniffi-bindgen generate (kotlin, swift, python)"
rm -rf "$GEN"
target/debug/uniffi-bindgen generate "$LIB" -l kotlin -l swift -l python -n -o "$GEN" || die "uniffi-bindgen failed"
mkdir -p "$WORK"

step "python"
ln -sf "$ROOT/$LIB" "$GEN/libmedcover_uniffi.so"
python3 bindings/uniffi/tests/python/test_uniffi.py "$GEN" "$FIXTURE" "$BUNDLED_RULES" 2>&1 | tee "$WORK/python.log"
count python "$WORK/python.log"

step "kotlin"
KT_SOURCES=("$GEN/uniffi/medcover/medcover.kt" bindings/uniffi/tests/kotlin/Main.kt)
KT_JAR="$WORK/kotlin-test.jar"
KT_STAMP="$WORK/kotlin-test.sha256"
KT_HASH=$(cat "${KT_SOURCES[@]}" | sha256sum | cut -d' ' -f1)
if [[ -f "$KT_JAR" && "$(cat "$KT_STAMP" 2>/dev/null)" == "$KT_HASH" ]]; then
    echo "kotlinc: sources unchanged, reusing $KT_JAR"
else
    rm -f "$KT_JAR" "$KT_STAMP"
    "$KOTLINC" -nowarn "${KT_SOURCES[@]}" -cp "$JNA_JAR" -include-runtime -d "$KT_JAR" 2>&1 | tee "$WORK/kotlinc.log"
    [[ -f "$KT_JAR" ]] && echo "$KT_HASH" >"$KT_STAMP"
fi
if [[ -f "$KT_JAR" ]]; then
    java -Djna.library.path="$ROOT/target/debug" -cp "$KT_JAR:$JNA_JAR" MainKt "$FIXTURE" "$BUNDLED_RULES" 2>&1 | tee "$WORK/kotlin.log"
    count kotlin "$WORK/kotlin.log"
else
    echo "FAIL kotlin: kotlinc failed"
    TOTAL_FAILED=$((TOTAL_FAILED + 1))
fi

step "swift (C header and exported symbols; no Swift compiler here)"
SWIFT_PASSED=0
SWIFT_FAILED=0
echo '#include "medcoverFFI.h"' >"$WORK/ffi-header.c"
check "header_compiles" gcc -x c -std=c11 -Wall -Wextra -Werror -fsyntax-only -D_Nullable= -D_Nonnull= \
    -I "$GEN" -aux-info "$WORK/ffi-decls.txt" "$WORK/ffi-header.c"
# Every function the header declares (gcc's own list), and what the .so exports.
grep -F "medcoverFFI.h:" "$WORK/ffi-decls.txt" | grep -oE '[A-Za-z_][A-Za-z0-9_]* \(' | sed 's/ ($//' | sort -u \
    >"$WORK/ffi-declared.txt"
nm -D --defined-only "$LIB" | awk '{print $3}' | sort -u >"$WORK/ffi-exported.txt"
comm -23 "$WORK/ffi-declared.txt" "$WORK/ffi-exported.txt" >"$WORK/ffi-missing.txt"
echo "header declares $(wc -l <"$WORK/ffi-declared.txt") functions; missing from the library: $(wc -l <"$WORK/ffi-missing.txt")"
cat "$WORK/ffi-missing.txt"
check "header_declares_functions" test -s "$WORK/ffi-declared.txt"
check "every_declared_function_is_exported" test ! -s "$WORK/ffi-missing.txt"
grep -oE "\b(uniffi|ffi)_medcover_uniffi_[A-Za-z0-9_]+" "$GEN/medcover.swift" | sort -u \
    | comm -23 - "$WORK/ffi-declared.txt" >"$WORK/swift-undeclared.txt"
cat "$WORK/swift-undeclared.txt"
check "swift_file_calls_only_declared_functions" test ! -s "$WORK/swift-undeclared.txt"
# Link a C program against the header and the library, and call through it
# the way Swift does: medcover_version() returns a RustBuffer of UTF-8.
cat >"$WORK/ffi-call.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include "medcoverFFI.h"
int main(void) {
    RustCallStatus status = {0};
    RustBuffer version = uniffi_medcover_uniffi_fn_func_medcover_version(&status);
    if (status.code != 0) return 1;
    /* Strings are returned as raw UTF-8 in a RustBuffer. */
    int ok = version.len > 0 && version.data != NULL && memchr(version.data, '.', version.len) != NULL;
    printf("medcover_version() = %.*s\n", (int)version.len, (const char *)version.data);
    ffi_medcover_uniffi_rustbuffer_free(version, &status);
    return ok && status.code == 0 ? 0 : 1;
}
EOF
check "c_program_links_and_calls_through_the_header" bash -c '
    gcc -D_Nullable= -D_Nonnull= -I "$1" -o "$2/ffi-call" "$2/ffi-call.c" -L "$3" -lmedcover_uniffi -Wl,-rpath,"$3" \
        && "$2/ffi-call"
' _ "$GEN" "$WORK" "$ROOT/target/debug"
echo "swift: $SWIFT_PASSED passed, $SWIFT_FAILED failed"
TOTAL_PASSED=$((TOTAL_PASSED + SWIFT_PASSED))
TOTAL_FAILED=$((TOTAL_FAILED + SWIFT_FAILED))

echo
echo "uniffi: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
[[ "$TOTAL_FAILED" -eq 0 ]]
