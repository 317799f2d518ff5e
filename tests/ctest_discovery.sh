#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every Catch2 test is registered in ctest under its own name. catch_discover_tests reads the
# names as a CMake list, so a `;` in a name splits it into pieces that match no test, and the
# test silently never runs under ctest (it happened: tests/audit_test.cpp's review case).
# Usage: ctest_discovery.sh CTEST BUILD_DIR TEST_EXECUTABLE...
set -euo pipefail
ctest=$1 build=$2
shift 2
registered=$("$ctest" --test-dir "$build" -N | sed -n 's/^ *Test *#[0-9]*: //p')
status=0 count=0
for exe in "$@"; do
  while IFS= read -r name; do
    [ -n "$name" ] || continue
    count=$((count + 1))
    if ! grep -qxF -- "$name" <<<"$registered"; then
      echo "$(basename "$exe"): the test \"$name\" is not registered in ctest under its name (a ';' in it?): ctest never runs it"
      status=1
    fi
  done < <("$exe" --list-test-names-only)
done
[ "$count" -gt 0 ] || { echo "no Catch2 test listed"; exit 1; }
[ "$status" -ne 0 ] || echo "$count Catch2 tests, each registered in ctest under its own name"
exit $status
