#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/run.sh [BUILD_DIR] — time `cadre check` on 1 and on 1,000 generated course files.
#
# BUILD_DIR defaults to build/ at the repository root; a relative BUILD_DIR given on the
# command line is taken relative to the current directory. The script builds nothing:
# it expects BUILD_DIR/cli/cadre and BUILD_DIR/bench/cadre-bench-gen.
#
# Writes under bench/out/ (git-ignored): the generated inputs one/ and thousand/,
# hyperfine's reports one.json and thousand.json, and cadre's own output for each case
# (<case>.findings.json). Prints a summary table and the performance targets.
#
# Environment: CADRE_BENCH_PARSER=jq|python3|awk forces how hyperfine's JSON is read
# (default: the first available, in that order).
set -euo pipefail

readonly SEED=20250113             # fixed: every run times the same files
readonly TARGET_ONE_MS=20          # one file
readonly TARGET_THOUSAND_MS=1000   # 1,000 files

die() { echo "bench: $*" >&2; exit 2; }

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit 0
fi
[[ $# -le 1 ]] || die "usage: bench/run.sh [BUILD_DIR]"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ $# -eq 1 ]]; then
    BUILD_ARG=$1
    BUILD_DIR=$(realpath -m -- "$1")
else
    BUILD_ARG=build
    BUILD_DIR=$ROOT/build
fi
# Work from the repository root so that reports show short, stable paths.
cd "$ROOT"

CADRE=$BUILD_DIR/cli/cadre
GEN=$BUILD_DIR/bench/cadre-bench-gen
OUT=bench/out

# ---- tools -------------------------------------------------------------------------

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v hyperfine >/dev/null; then
    echo "bench: hyperfine not found, installing it" >&2
    apt_install hyperfine || die "cannot install hyperfine; install it (apt-get install hyperfine) and rerun"
fi

# Peak RSS comes from GNU time (Debian package "time"); without it the column reads n/a.
TIME_BIN=/usr/bin/time
if [[ ! -x $TIME_BIN ]]; then
    echo "bench: $TIME_BIN not found, installing package 'time'" >&2
    apt_install time || echo "bench: could not install 'time'; peak RSS will not be measured" >&2
fi

# -N (no intermediate shell, hence no shell-spawn correction) exists since hyperfine 1.13;
# Debian 12 ships 1.15. Older versions fall back to the default shell.
HF_SHELL=()
if hyperfine --help 2>&1 | grep -qE '^[[:space:]]+-N([[:space:],]|$)'; then
    HF_SHELL=(-N)
fi

# ---- inputs ------------------------------------------------------------------------

missing=0
for exe in "$CADRE" "$GEN"; do
    if [[ ! -x $exe ]]; then
        echo "bench: missing $exe" >&2
        missing=1
    fi
done
if [[ $missing -ne 0 ]]; then
    echo "bench: build first:  cmake -S . -B $BUILD_ARG -G Ninja && ninja -C $BUILD_ARG" >&2
    exit 2
fi

# Regenerate from scratch: the generator does not delete files left by a larger run.
mkdir -p "$OUT"
rm -rf "$OUT/one" "$OUT/thousand"
"$GEN" 1 "$OUT/one" "$SEED"
"$GEN" 1000 "$OUT/thousand" "$SEED"

# ---- measurements ------------------------------------------------------------------

declare -A RSS_KIB=()

# One untimed run per case: checks that cadre works on the input (exit 0 = clean,
# 1 = findings; anything else makes the timings meaningless) and records peak RSS.
probe() {
    local name=$1 dir=$2 status=0
    local cmd=("$CADRE" check "$dir" --format json)
    if [[ -x $TIME_BIN ]]; then
        "$TIME_BIN" -f %M -o "$OUT/$name.rss" "${cmd[@]}" \
            >"$OUT/$name.findings.json" 2>"$OUT/$name.stderr" || status=$?
        # GNU time prefixes "Command exited with non-zero status N" on failure.
        RSS_KIB[$name]=$(tail -n 1 "$OUT/$name.rss")
    else
        "${cmd[@]}" >"$OUT/$name.findings.json" 2>"$OUT/$name.stderr" || status=$?
        RSS_KIB[$name]=
    fi
    if [[ $status -ne 0 && $status -ne 1 ]]; then
        echo "bench: '${cmd[*]}' exited with status $status (2 = errors); its stderr:" >&2
        sed 's/^/  /' "$OUT/$name.stderr" >&2
        exit 1
    fi
}

# hyperfine -i: cadre exits 1 whenever it reports findings, which the inputs contain.
# Paths are %q-quoted: hyperfine splits the command line itself when run with -N.
time_case() {
    local name=$1 dir=$2 runs=$3
    local cmd
    cmd="$(printf '%q' "$CADRE") check $(printf '%q' "$dir") --format json"
    hyperfine --warmup 3 --runs "$runs" ${HF_SHELL[@]+"${HF_SHELL[@]}"} -i \
        --export-json "$OUT/$name.json" "$cmd"
}

probe one "$OUT/one"
probe thousand "$OUT/thousand"
time_case one "$OUT/one" 30
time_case thousand "$OUT/thousand" 10

# ---- report ------------------------------------------------------------------------

PARSER=${CADRE_BENCH_PARSER:-}
if [[ -z $PARSER ]]; then
    if command -v jq >/dev/null; then PARSER="jq"
    elif command -v python3 >/dev/null; then PARSER="python3"
    else PARSER="awk"
    fi
fi

# stat_seconds FILE KEY: a statistic (mean, stddev, median, min, max) of the first
# result in a hyperfine JSON report, in seconds.
stat_seconds() {
    local file=$1 key=$2
    case $PARSER in
        jq) jq -r --arg k "$key" '.results[0][$k] // empty' "$file" ;;
        python3)
            python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))["results"][0].get(sys.argv[2])
print("" if v is None else v)' "$file" "$key" ;;
        awk)
            # hyperfine pretty-prints one key per line: "mean": 0.0123,
            awk -v k="\"$key\":" '$1 == k { sub(/,$/, "", $2); if ($2 != "null") print $2; exit }' "$file" ;;
        *) die "CADRE_BENCH_PARSER must be jq, python3 or awk" ;;
    esac
}

# Seconds to milliseconds with two decimals; empty stays n/a.
ms() { [[ -n $1 ]] && awk -v s="$1" 'BEGIN { printf "%.2f", s * 1000 }' || printf 'n/a'; }

rss_mib() { [[ -n $1 ]] && awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }' || printf 'n/a'; }

declare -A MEDIAN_MS=()

echo
printf '%-10s %6s %10s %10s %10s %10s %12s\n' case files "median ms" "mean ms" "stddev ms" "min ms" "peak RSS"
for name in one thousand; do
    report=$OUT/$name.json
    files=$(find "$OUT/$name" -name '*.yaml' | wc -l)
    MEDIAN_MS[$name]=$(ms "$(stat_seconds "$report" median)")
    printf '%-10s %6d %10s %10s %10s %10s %12s\n' "$name" "$files" \
        "${MEDIAN_MS[$name]}" \
        "$(ms "$(stat_seconds "$report" mean)")" \
        "$(ms "$(stat_seconds "$report" stddev)")" \
        "$(ms "$(stat_seconds "$report" min)")" \
        "$(rss_mib "${RSS_KIB[$name]}")"
done

# verdict MEDIAN_MS TARGET_MS
verdict() { awk -v m="$1" -v t="$2" 'BEGIN { if (m == "n/a") print "unknown"; else if (m + 0 < t + 0) print "met"; else print "MISSED" }'; }

echo
echo "targets (median wall time):"
printf '  one file     < %5d ms: %s (%s ms)\n' "$TARGET_ONE_MS" \
    "$(verdict "${MEDIAN_MS[one]}" "$TARGET_ONE_MS")" "${MEDIAN_MS[one]}"
printf '  1,000 files  < %5d ms: %s (%s ms)\n' "$TARGET_THOUSAND_MS" \
    "$(verdict "${MEDIAN_MS[thousand]}" "$TARGET_THOUSAND_MS")" "${MEDIAN_MS[thousand]}"
