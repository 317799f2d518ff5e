#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/memory.sh BUILD_DIR [PREVIOUS_BUILD_DIR] — issue 17's goal 3: `cadre check --format
# json` and `--format sarif` on 10,000, 50,000 and 100,000 generated proposals, peak RSS
# (GNU time's "Maximum resident set size") at most 64 MiB and flat in the number of files.
#
# Prints one row per build, format and size, with the ratio of each peak to the one at
# 10,000 files (flat: about 1). With a previous build (say, the main branch's), the same rows
# for it, side by side. Sizes: MEMORY_SIZES ("10000 50000 100000"); threads: MEMORY_THREADS
# (2). The report goes to a file under bench/out/memory/ (git-ignored), as CI writes it.
# Run it alone, under `nice -n 19` on a shared machine. Exit 0 even when the goal is missed;
# 2 when the benchmark cannot run.
#
# Figures before and after the streaming writers, with the commands: bench/README.md
# ("Memory: bench/memory.sh").
set -euo pipefail

die() { echo "memory: $*" >&2; exit 2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
build_dirs memory "$@"
GEN=$BUILD/bench/cadre-bench-gen
need_built "$BUILD/cli/cadre" "$GEN"
need_gnu_time
read -r -a SIZES <<<"${MEMORY_SIZES:-10000 50000 100000}"
THREADS=${MEMORY_THREADS:-2}
SEED=20250113
OUT=$ROOT/bench/out/memory
mkdir -p "$OUT"
cd "$ROOT"

for n in "${SIZES[@]}"; do  # generated proposals, kept between runs
    [[ -d $OUT/n$n && $(find "$OUT/n$n" -name '*.yaml' | wc -l) -eq $n ]] && continue
    rm -rf "$OUT/n$n"
    "$GEN" "$n" "$OUT/n$n" "$SEED" >/dev/null
done

peak_kib() {  # peak_kib CADRE FORMAT N: peak RSS of one check, in KiB (exit 0 or 1 expected)
    local status=0
    /usr/bin/time -v -o "$OUT/time.txt" "$1" check "$OUT/n$3" --threads "$THREADS" --as-of 2025-06-01 \
        --format "$2" --output "$OUT/report.$2" >/dev/null 2>"$OUT/stderr.txt" || status=$?
    [[ $status -le 1 ]] || die "exit $status from $1 on $3 files (stderr in $OUT/stderr.txt)"
    sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$OUT/time.txt"
}

builds=("after=$BUILD/cli/cadre")
[[ -n $PREV ]] && builds=("before=$PREV/cli/cadre" "${builds[@]}")
printf '%-7s %-6s %9s %10s %14s %8s\n' build format files "peak MiB" "vs ${SIZES[0]}" "≤ 64 MiB"
for spec in "${builds[@]}"; do
    name=${spec%%=*} exe=${spec#*=}
    for format in json sarif; do
        first=
        for n in "${SIZES[@]}"; do
            kib=$(peak_kib "$exe" "$format" "$n")
            first=${first:-$kib}
            awk -v b="$name" -v f="$format" -v n="$n" -v k="$kib" -v first="$first" 'BEGIN {
                printf "%-7s %-6s %9d %10.1f %13.2f× %8s\n", b, f, n, k / 1024, k / first, (k / 1024 <= 64 ? "met" : "MISSED") }'
        done
    done
done
