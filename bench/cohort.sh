#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/cohort.sh [BUILD_DIR] — `cadre stack --transcripts` on cohorts of 10,000 and
# 100,000 trainees against the pathway of fixtures/stack (DIU-STK).
#
# Each trainee's certificates are inline (cadre-bench-cohort), so every line is checked by
# the certificate rules and assessed. Reports wall time and peak RSS (GNU time) for both
# sizes: memory must not grow with the cohort (the ratio of the two peaks is printed), and
# 100,000 trainees must take under 5 s and 500 MB. Build with -DCMAKE_BUILD_TYPE=Release.
# Writes under bench/out/cohort/ (git-ignored).
set -euo pipefail

readonly TARGET_S=5
readonly TARGET_MIB=500
die() { echo "bench: $*" >&2; exit 2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd) || die "no build directory ${1:-$ROOT/build}"
CADRE=$BUILD/cli/cadre
GEN=$BUILD/bench/cadre-bench-cohort
[[ -x $CADRE && -x $GEN ]] || die "build cadre and cadre-bench-cohort in $BUILD first"
[[ -x /usr/bin/time ]] || { source "$ROOT/bench/lib.sh"; apt_install time >/dev/null || die "GNU time is needed"; }

OUT=$ROOT/bench/out/cohort
mkdir -p "$OUT"
cd "$ROOT"
declare -A seconds kib
for n in 10000 100000; do
    [[ -s $OUT/cohort-$n.jsonl ]] || "$GEN" "$n" "$OUT/cohort-$n.jsonl"
    measure=$( { /usr/bin/time -f "%e %M" "$CADRE" stack --pathway fixtures/stack/pathway.yaml \
        --catalog fixtures/stack/catalog --as-of 2025-06-01 --lang en \
        --transcripts "$OUT/cohort-$n.jsonl" --output "$OUT/results-$n.jsonl" \
        --summary "$OUT/summary-$n.json" 2>&1 >/dev/null || true; } | tail -1)
    read -r seconds[$n] kib[$n] <<<"$measure"
    lines=$(wc -l <"$OUT/results-$n.jsonl")
    [[ $lines -eq $n ]] || die "$n trainees in, $lines results out"
    printf '%7d trainees (%4d MB of JSON Lines): %6.2f s, %7.1f trainees/s, peak RSS %6.1f MiB\n' \
        "$n" $(( $(stat -c %s "$OUT/cohort-$n.jsonl") / 1000000 )) "${seconds[$n]}" \
        "$(awk -v n="$n" -v s="${seconds[$n]}" 'BEGIN { print n / s }')" "$(awk -v k="${kib[$n]}" 'BEGIN { print k / 1024 }')"
done
printf 'peak RSS, 100,000 over 10,000 trainees: %.2f× (flat: about 1)\n' "$(awk -v a="${kib[100000]}" -v b="${kib[10000]}" 'BEGIN { print a / b }')"
printf 'targets for 100,000: under %d s (%s), under %d MiB (%s)\n' "$TARGET_S" \
    "$(awk -v s="${seconds[100000]}" -v t="$TARGET_S" 'BEGIN { print (s < t) ? "met" : "MISSED" }')" "$TARGET_MIB" \
    "$( (( kib[100000] < TARGET_MIB * 1024 )) && echo met || echo MISSED)"
