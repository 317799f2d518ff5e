#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/rule-scaling.sh [BUILD_DIR] — the cost of one rule on one record as packs grow
# (issue 17, goal 5: at 5,000 rules at most 2× the cost at 50).
#
# Packs of 0, 52 and 5,000 rules are built from bench/four-rules by copying its four
# course rules (DFCU-6.1, 6.2, 8.1, 8.3) under new ids; the 0-rule pack keeps the schema
# and constants only. Each pack checks the same defect-free course proposals
# (cadre-bench-gen, seed 20250113) on one thread. CPU time (user + system, `perf stat`
# task-clock when perf is installed, else GNU time) is used rather than wall time, so a
# busy machine distorts the figures less. Loading and compiling 5,000 rules is not a cost
# per record, so each pack is also run on one record, and a record's cost is
# (time on N records − time on 1) ÷ (N − 1). Cost per rule per record =
# (a record's cost with the pack − with the empty pack) ÷ rules.
# Writes under bench/out/scaling/ (git-ignored).
set -euo pipefail

die() { echo "bench: $*" >&2; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd) || die "no build directory ${1:-$ROOT/build}"
CADRE=${CADRE_BIN:-$BUILD/cli/cadre}  # CADRE_BIN: another binary (an older build) with this generator
GEN=$BUILD/bench/cadre-bench-gen
[[ -x $CADRE && -x $GEN ]] || die "build cadre and cadre-bench-gen in $BUILD first"
export CADRE_NO_CACHE=1  # parsing 5,000 rules is not what is measured, but it is the same for every pack size
RECORDS=${CADRE_SCALING_RECORDS:-200}
RUNS=${CADRE_SCALING_RUNS:-3}
OUT=$ROOT/bench/out/scaling
rm -rf "$OUT"
mkdir -p "$OUT/all" "$OUT/records" "$OUT/one"

# Defect-free proposals only: a finding costs a message, which is not the rule's cost.
"$GEN" $(( RECORDS * 2 )) "$OUT/all" 20250113 >/dev/null
n=0
for f in "$OUT"/all/*.yaml; do
    head -n1 "$f" | grep -q '^# cadre-bench-gen: valid$' || continue
    cp "$f" "$OUT/records/"
    n=$(( n + 1 ))
    (( n < RECORDS )) || break
done
(( n == RECORDS )) || die "only $n defect-free proposals"
cp "$(ls "$OUT"/records/*.yaml | head -n1)" "$OUT/one/"

# make_pack DIR COPIES: the four rules, each COPIES times (0: none).
make_pack() {
    local dir=$1 copies=$2
    mkdir -p "$dir"
    cp "$ROOT"/bench/four-rules/pack.cadre "$ROOT"/bench/four-rules/course.cadre "$dir/"
    (( copies > 0 )) || return 0
    for file in assessment calendar duration; do
        for (( c = 1; c <= copies; c++ )); do
            sed -E "s/^rule DFCU-([0-9.]+)-/rule S$c-\\1-/" "$ROOT/bench/four-rules/$file.cadre"
        done >"$dir/$file.cadre"
    done
}

cpu_ms() {  # cpu_ms PACK DIR: the fastest of RUNS runs, in ms of CPU
    local best=""
    for (( r = 0; r < RUNS; r++ )); do
        local ms
        if command -v perf >/dev/null && perf stat -x, -e task-clock true >/dev/null 2>&1; then
            ms=$(perf stat -x, -e task-clock "$CADRE" check --threads 1 --rules "$1" --as-of 2025-06-01 \
                 --format json "$2" 2>&1 >/dev/null | awk -F, '/task-clock/ { print $1 }')
        else
            ms=$( { /usr/bin/time -f "%U %S" "$CADRE" check --threads 1 --rules "$1" --as-of 2025-06-01 \
                    --format json "$2" 2>&1 >/dev/null; } | tail -1 | awk '{ print ($1 + $2) * 1000 }')
        fi
        best=$(awk -v a="$best" -v b="$ms" 'BEGIN { print (a == "" || b < a) ? b : a }')
    done
    echo "$best"
}

# per_record PACK: µs of CPU per record
per_record() {
    local many one
    many=$(cpu_ms "$1" "$OUT/records")
    one=$(cpu_ms "$1" "$OUT/one")
    awk -v m="$many" -v o="$one" -v n="$RECORDS" 'BEGIN { print (m - o) * 1000 / (n - 1) }'
}

make_pack "$OUT/pack-0" 0
make_pack "$OUT/pack-52" 13
make_pack "$OUT/pack-5000" 1250
base=$(per_record "$OUT/pack-0")
printf '%6s rules: %10.1f µs CPU per record\n' 0 "$base"
declare -A per
for rules in 52 5000; do
    us=$(per_record "$OUT/pack-$rules")
    per[$rules]=$(awk -v t="$us" -v b="$base" -v r="$rules" 'BEGIN { print (t - b) / r }')
    printf '%6s rules: %10.1f µs CPU per record, %.3f µs per rule per record\n' "$rules" "$us" "${per[$rules]}"
done
printf 'per rule per record, 5,000 over 52 rules: %.2f× (goal: at most 2×)\n' \
    "$(awk -v a="${per[5000]}" -v b="${per[52]}" 'BEGIN { print a / b }')"
