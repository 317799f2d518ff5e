#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Debian package installs and runs (issue 15): CPack builds cadre_<version>_amd64.deb from
# the build folder; its Depends cover every shared library the binary loads and name nothing
# the tests need; `dpkg -x` into a scratch root gives a cadre that finds its packs, rule pages
# and JSON Schemas there, relative to itself, and checks the examples.
# Usage: deb.sh BUILD_DIR WORKDIR (from the repository root).
set -euo pipefail
build=$(cd "$1" && pwd)
work=$2/deb-test
repo=$(pwd)
rm -rf "$work"
mkdir -p "$work"
fail() { echo "deb test: $*" >&2; exit 1; }

version=$("$build/cli/cadre" --version | sed -n 's/^cadre //p')
[ -n "$version" ] || fail "no version from cadre --version"
(cd "$work" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb="$work/out/cadre_${version}_amd64.deb"
[ -f "$deb" ] || { ls "$work/out" >&2; fail "no $deb"; }

# Dependencies: every library the binary needs comes from a package in Depends.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
names=$(echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//; s/|.*//')
# dpkg knows a file by the path its package ships (/lib or /usr/lib: Debian 12 merges them).
package_of() {
  local real candidate out
  real=$(readlink -f "$1")
  for candidate in "$real" "${real#/usr}" "$1" "/usr$1"; do
    # awk reads all of dpkg's output: `head -1` would cut it short, and pipefail turn the
    # SIGPIPE into a failure, now and then.
    out=$(dpkg -S "$candidate" 2>/dev/null | awk -F: 'NR == 1 {print $1}') && [ -n "$out" ] && echo "$out" && return 0
  done
  return 1
}
for lib in $(objdump -p "$build/cli/cadre" | awk '/NEEDED/ {print $2}'); do
  # awk reads to the end (no `exit`): cut short, ldconfig would die of SIGPIPE, and pipefail
  # with set -e end this script without a word, now and then.
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ && !found {print $NF; found = 1}')
  [ -n "$path" ] || fail "cannot find $lib"
  package=$(package_of "$path") || fail "no package ships $lib ($path)"
  echo "$names" | grep -qx "$package" || fail "$lib comes from $package, which Depends does not name"
done
for runtime in libicu72 libssl3 zlib1g libyaml-0-2; do
  echo "$names" | grep -qx "$runtime" || fail "Depends does not name $runtime"
done
for test_only in nodejs npm chromium catch2 libxml2-utils pre-commit poppler-utils; do
  echo "$names" | grep -qx "$test_only" && fail "Depends names $test_only, which only the tests need"
done

# Installed into a scratch root, it runs from there, with what it installed.
root="$work/root"
dpkg -x "$deb" "$root"
cadre="$root/usr/bin/cadre"
[ -x "$cadre" ] || fail "no usr/bin/cadre in the package"
[ "$("$cadre" --version)" = "cadre $version" ] || fail "--version says $("$cadre" --version)"
[ -f "$root/usr/share/cadre/rules/dfcu-2023/pack.cadre" ] || fail "the packs are not installed"
[ -f "$root/usr/share/doc/cadre/rules/DFCU-8.1-duration.md" ] || fail "the rule pages are not installed"
[ -f "$root/usr/share/cadre/schemas/course.schema.json" ] || fail "the JSON Schemas are not installed"
[ -f "$root/usr/share/doc/cadre/LICENSE" ] || fail "the licence is not installed"
ls "$root/usr/share/cadre/schemas" | grep -qx manifest.json && fail "the schema folder's manifest is installed"

# Run from elsewhere, with no CADRE_RULES_PATH: the packs come from the package's root.
cd "$work"
env -u CADRE_RULES_PATH "$cadre" rules show DFCU-8.1-duration >"$work/show.txt" ||
  fail "rules show failed"
grep -q "\`root/usr/share/cadre/rules/dfcu-2023/duration.cadre:" "$work/show.txt" ||
  { cat "$work/show.txt" >&2; fail "the rule was not read from the installed pack"; }
status=0
env -u CADRE_RULES_PATH "$cadre" check --as-of 2025-06-01 --lang en "$repo/examples" >"$work/check.txt" 2>&1 || status=$?
[ $status = 1 ] || { cat "$work/check.txt" >&2; fail "check of the examples exited $status, not 1 (the flawed examples)"; }
tail -1 "$work/check.txt" | grep -q "records checked with" || tail -1 "$work/check.txt" | grep -q "record" ||
  fail "no summary line"
# The SARIF's rule pages point at the installed pages.
env -u CADRE_RULES_PATH "$cadre" check --as-of 2025-06-01 --format sarif --fail-on none "$repo/examples" >"$work/check.sarif"
grep -q "\"helpUri\": \"file://$root/usr/share/doc/cadre/rules/" "$work/check.sarif" ||
  fail "helpUri does not point at the installed rule pages"
echo "$(basename "$deb") installs and runs: $(tail -1 "$work/check.txt")"
