#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/audit.sh [BUILD_DIR] — time `cadre audit` on 500 courses, 2,000 sessions and
# 50,000 trainees, and measure its peak memory.
#
# BUILD_DIR defaults to build/ at the repository root (use a Release build). The script builds
# nothing: it expects BUILD_DIR/cli/cadre, BUILD_DIR/bench/cadre-bench-gen and
# BUILD_DIR/bench/cadre-bench-audit-gen.
#
# Writes under bench/out/audit/ (git-ignored): the generated courses/ and sessions/, the pack
# (pack/), hyperfine's report (hyperfine.json) and GNU time's (probe.time). Prints the wall
# time, the peak RSS and the targets (under 10 s, under 1 GiB).
set -euo pipefail

readonly SEED=20250113
readonly COURSES=500 SESSIONS=2000 TRAINEES=50000
readonly AS_OF=2027-01-01          # every generated session is over
readonly TARGET_S=10 TARGET_MIB=1024

die() { echo "bench: $*" >&2; exit 2; }

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit 0
fi
[[ $# -le 1 ]] || die "usage: bench/audit.sh [BUILD_DIR]"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=$(realpath -m -- "${1:-$ROOT/build}")
cd "$ROOT"
CADRE=$BUILD_DIR/cli/cadre
GEN=$BUILD_DIR/bench/cadre-bench-gen
SESSIONS_GEN=$BUILD_DIR/bench/cadre-bench-audit-gen
for exe in "$CADRE" "$GEN" "$SESSIONS_GEN"; do
    [[ -x $exe ]] || die "missing $exe: cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C build-release"
done

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TIME_BIN=/usr/bin/time
[[ -x $TIME_BIN ]] || apt_install time || die "GNU time is needed for peak RSS: apt-get install time"

OUT=bench/out/audit
rm -rf "$OUT"
mkdir -p "$OUT"
"$GEN" "$COURSES" "$OUT/courses" "$SEED" >/dev/null
"$SESSIONS_GEN" "$OUT/courses" "$SESSIONS" "$TRAINEES" "$OUT/sessions" "$SEED"
echo "inputs: $(du -sh "$OUT/courses" | cut -f1) of courses, $(du -sh "$OUT/sessions" | cut -f1) of sessions"

cmd=("$CADRE" audit --as-of "$AS_OF" --out "$OUT/pack" "$OUT/courses" "$OUT/sessions")

# One probe under GNU time: peak RSS, and the audit must succeed (exit 0) to be worth timing.
status=0
"$TIME_BIN" -v "${cmd[@]}" >"$OUT/probe.out" 2>"$OUT/probe.time" || status=$?
[[ $status -eq 0 ]] || { cat "$OUT/probe.out" "$OUT/probe.time" >&2; die "cadre audit exited $status"; }
rss_kib=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$OUT/probe.time")
probe_s=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/probe.time")
cat "$OUT/probe.out"

# Wall time: hyperfine when installed (1 warm-up, 5 runs, median), else the probe's.
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 1 --runs 5 --export-json "$OUT/hyperfine.json" "${cmd[*]}" >/dev/null
    median_s=$(python3 -c 'import json,sys; print("%.2f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$OUT/hyperfine.json" 2>/dev/null ||
               sed -n 's/.*"median": *\([0-9.]*\).*/\1/p' "$OUT/hyperfine.json" | head -n1)
    how="hyperfine median of 5"
else
    median_s=$probe_s
    how="one run, GNU time (m:ss)"
fi
rss_mib=$((rss_kib / 1024))
echo
echo "cadre audit: $COURSES courses, $SESSIONS sessions, $TRAINEES trainees, $(nproc) cores, $(grep -m1 CMAKE_BUILD_TYPE: "$BUILD_DIR/CMakeCache.txt" | cut -d= -f2) build"
echo "  wall time: ${median_s} s ($how)"
echo "  peak RSS:  ${rss_mib} MiB"
awk -v t="$median_s" -v target="$TARGET_S" 'BEGIN { exit !(t != "" && t + 0 < target) }' 2>/dev/null &&
    echo "  target wall time < ${TARGET_S} s: met" || echo "  target wall time < ${TARGET_S} s: MISSED (or not measured)"
[[ $rss_mib -lt $TARGET_MIB ]] && echo "  target peak RSS < ${TARGET_MIB} MiB: met" || echo "  target peak RSS < ${TARGET_MIB} MiB: MISSED"
