#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Debian package installs and runs (issue 15): CPack builds cadre_<version>_amd64.deb from
# the build folder; its Depends cover every shared library the binary loads and name nothing
# the tests need; `dpkg -x` into a scratch root gives a cadre that finds its packs, rule pages
# and JSON Schemas there, relative to itself, and checks the examples. Run as root (as CI
# runs), it also installs the package for real (`dpkg -i`), checks the installed
# /usr/bin/cadre, its man page and its packs, and removes it again (`dpkg -r`), leaving the
# machine as it was; CADRE_DEB_NO_INSTALL=1 skips that part.
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
grep -q '"description": "volume horaire estimé' "$root/usr/share/cadre/schemas/course.schema.json" ||
  fail "the JSON Schemas in schemas/ do not describe the fields in French"
grep -q '"description": "estimated learner time' "$root/usr/share/cadre/schemas/en/course.schema.json" ||
  fail "the JSON Schemas in schemas/en/ do not describe the fields in English"
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
echo "$(basename "$deb") unpacks and runs: $(tail -1 "$work/check.txt")"

# Installed for real, when this runs as root.
if [ "$(id -u)" != 0 ] || [ "${CADRE_DEB_NO_INSTALL:-}" = 1 ]; then
  echo "dpkg -i not tried: not root (or CADRE_DEB_NO_INSTALL=1); dpkg -x only"
  exit 0
fi
# Several test runs on one machine would fight over dpkg's lock and over /usr/bin/cadre.
exec 9>/tmp/cadre-deb-test.lock
flock -w 600 9 || fail "another deb test holds /tmp/cadre-deb-test.lock"
if dpkg-query -W -f='${Status}' cadre 2>/dev/null | grep -q "install ok installed"; then
  # Someone's own installation: neither replaced nor removed by a test.
  echo "dpkg -i not tried: a cadre package is already installed here ($(dpkg-query -W -f='${Version}' cadre))"
  exit 0
fi
[ ! -e /usr/bin/cadre ] || fail "/usr/bin/cadre exists and belongs to no cadre package: not overwritten"
# Removed whatever happens below, so that the machine is left as it was.
trap 'dpkg -r cadre >"$work/dpkg-r.log" 2>&1 || cat "$work/dpkg-r.log" >&2' EXIT
dpkg -i "$deb" >"$work/dpkg-i.log" 2>&1 ||
  { cat "$work/dpkg-i.log" >&2; fail "dpkg -i failed (the runtime libraries: bash .ci/setup --runtime)"; }
[ -x /usr/bin/cadre ] || fail "dpkg -i installed no /usr/bin/cadre"
[ "$(/usr/bin/cadre --version)" = "cadre $version" ] || fail "the installed cadre says $(/usr/bin/cadre --version)"
dpkg -L cadre >"$work/dpkg-L.txt"
grep -qx /usr/share/cadre/rules/dfcu-2023/pack.cadre "$work/dpkg-L.txt" || fail "dpkg -L does not list the packs"
# The packs are found from /usr/bin/cadre, with no CADRE_RULES_PATH, from any folder.
env -u CADRE_RULES_PATH /usr/bin/cadre rules show DFCU-8.1-duration >"$work/installed-show.txt" ||
  fail "the installed cadre: rules show failed"
grep -q '`/usr/share/cadre/rules/dfcu-2023/duration.cadre:' "$work/installed-show.txt" ||
  { cat "$work/installed-show.txt" >&2; fail "the installed cadre did not read /usr/share/cadre/rules"; }
env -u CADRE_RULES_PATH /usr/bin/cadre rules list --lang en >"$work/installed-list.txt" ||
  fail "the installed cadre: rules list failed"
grep -q "DFCU-8.1-duration" "$work/installed-list.txt" || fail "the installed cadre lists no dfcu-2023 rule"
status=0
env -u CADRE_RULES_PATH /usr/bin/cadre check --as-of 2025-06-01 --lang en "$repo/examples" >"$work/installed-check.txt" 2>&1 ||
  status=$?
[ $status = 1 ] || { cat "$work/installed-check.txt" >&2; fail "the installed cadre exited $status on the examples, not 1"; }
cmp -s <(tail -1 "$work/check.txt") <(tail -1 "$work/installed-check.txt") ||
  fail "the installed cadre's summary differs from the unpacked one's: $(tail -1 "$work/installed-check.txt")"
# The man page, where `man` looks for it (unless dpkg is told to leave man pages out, as
# slim Docker images do: then the package must still carry it).
man_page=$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed -n 's|^\./|/|; \|^/usr/share/man/man1/cadre\.1|p')
[ -n "$man_page" ] || fail "the package carries no man page"
if [ -f "$man_page" ]; then
  zcat -f "$man_page" >"$work/cadre.1"  # not piped into grep -q: pipefail and SIGPIPE
  grep -q '^\.TH CADRE' "$work/cadre.1" || fail "$man_page is not cadre's man page"
  if command -v man >/dev/null; then
    [ "$(man -w cadre)" = "$man_page" ] || fail "man -w cadre finds $(man -w cadre 2>&1), not $man_page"
  fi
elif grep -qs "path-exclude.*/usr/share/man" /etc/dpkg/dpkg.cfg.d/*; then
  echo "man page not installed: dpkg excludes /usr/share/man on this machine"
else
  fail "dpkg -i did not install $man_page"
fi
[ -f /usr/share/cadre/schemas/course.schema.json ] || fail "dpkg -i installed no JSON Schemas"
dpkg -r cadre >"$work/dpkg-r.log" 2>&1 || { cat "$work/dpkg-r.log" >&2; fail "dpkg -r failed"; }
trap - EXIT
[ ! -e /usr/bin/cadre ] || fail "dpkg -r left /usr/bin/cadre"
[ ! -e /usr/share/cadre/rules/dfcu-2023/pack.cadre ] || fail "dpkg -r left the packs"
echo "$(basename "$deb") installs with dpkg -i, runs from /usr/bin ($(tail -1 "$work/installed-check.txt")) and is removed with dpkg -r"
