#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/compare-spectral.sh [BUILD_DIR] — cadre against Stoplight Spectral, same run, same files.
#
# Generates catalogues of 1, 100, 1,000 and 10,000 course files (fixed seed) and times, on
# each, with hyperfine: cadre with the four-rule pack bench/four-rules (cadre-4), cadre with
# its default pack (cadre-full), and Spectral with bench/spectral/.spectral.yaml, which
# expresses the same four checks. One extra run of each, under GNU time, gives peak RSS and
# the findings, which are checked against the generator's labels.
#
# BUILD_DIR defaults to build/ at the repository root; the script builds nothing. It
# installs @stoplight/spectral-cli@6 into bench/node_modules with npm, and hyperfine and
# GNU time with apt-get, if they are missing. Needs jq or python3 to read JSON.
#
# Writes under bench/out/compare/ (inputs n<N>/, hyperfine reports n<N>.json, each tool's
# output <tool>-<N>.json) and the summary table bench/out/compare-spectral.md.
#
# Environment: COMPARE_SIZES="1 100 1000 10000" (the default) chooses the catalogue sizes.
set -euo pipefail

readonly SEED=20250113               # same seed as bench/run.sh: every run times the same files
readonly TARGET_ONE_MS=10            # one file, cold process (cadre)
readonly TARGET_RATIO=20             # 1,000 files: Spectral / cadre-4
readonly RSS_ALLOWANCE_KIB=1024      # measurement allowance on the memory target
readonly FOUR_RULES='DFCU-8.1-duration DFCU-6.1-mandatory DFCU-6.2-proctoring DFCU-8.3-calendar'

die() { echo "compare-spectral: $*" >&2; exit 2; }
say() { echo "compare-spectral: $*" >&2; }

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,17s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit 0
fi
[[ $# -le 1 ]] || die "usage: bench/compare-spectral.sh [BUILD_DIR]"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ $# -eq 1 ]]; then
    BUILD_DIR=$(realpath -m -- "$1")
else
    BUILD_DIR=$ROOT/build
fi
# Work from the repository root: reports show short paths, and Spectral's glob is relative.
cd "$ROOT"

CADRE=$BUILD_DIR/cli/cadre
GEN=$BUILD_DIR/bench/cadre-bench-gen
SPECTRAL=bench/node_modules/.bin/spectral
RULESET=bench/spectral/.spectral.yaml
FOUR_PACK=bench/four-rules
OUT=bench/out/compare
TABLE=bench/out/compare-spectral.md
read -r -a SIZES <<<"${COMPARE_SIZES:-1 100 1000 10000}"

for exe in "$CADRE" "$GEN"; do
    [[ -x $exe ]] || die "missing $exe; build first: cmake -S . -B build -G Ninja && ninja -C build"
done

# ---- tools -------------------------------------------------------------------------

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v hyperfine >/dev/null; then
    say "hyperfine not found, installing it"
    apt_install hyperfine || die "cannot install hyperfine; install it and rerun"
fi
TIME_BIN=/usr/bin/time
if [[ ! -x $TIME_BIN ]]; then
    say "$TIME_BIN not found, installing package 'time'"
    apt_install time || die "cannot install GNU time (package 'time'); install it and rerun"
fi
if [[ ! -x $SPECTRAL ]]; then
    command -v npm >/dev/null || die "npm not found: Spectral is a Node.js program (install node and npm)"
    say "installing @stoplight/spectral-cli@6 into bench/node_modules"
    npm install --no-audit --no-fund --prefix bench @stoplight/spectral-cli@6 >&2 ||
        die "npm install @stoplight/spectral-cli@6 failed"
fi
if command -v jq >/dev/null; then JSON=jq
elif command -v python3 >/dev/null; then JSON=python3
else die "jq or python3 is needed to read the reports"
fi

# -N (no intermediate shell) exists since hyperfine 1.13.
HF_SHELL=()
if hyperfine --help 2>&1 | grep -qE '^[[:space:]]+-N([[:space:],]|$)'; then
    HF_SHELL=(-N)
fi

# ---- JSON helpers ------------------------------------------------------------------

# hf_median FILE INDEX: median of the INDEX-th command of a hyperfine report, in seconds.
hf_median() {
    if [[ $JSON == jq ]]; then
        jq -r --argjson i "$2" '.results[$i].median' "$1"
    else
        python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$1" "$2"
    fi
}

# cadre_files REPORT [RULE...]: base names of the files with a finding (of one of RULEs,
# if given), sorted, one per line.
cadre_files() {
    local report=$1
    shift
    if [[ $JSON == jq ]]; then
        jq -r --arg rules "$*" '($rules | split(" ") | map(select(. != ""))) as $r
            | .findings[] | select(($r | length) == 0 or (.rule as $x | $r | index($x)))
            | .file' "$report"
    else
        python3 -c 'import json, sys
rules = set(sys.argv[2:])
for f in json.load(open(sys.argv[1]))["findings"]:
    if not rules or f["rule"] in rules: print(f["file"])' "$report" "$@"
    fi | sed 's|.*/||' | sort -u
}

# cadre_records REPORT: number of records cadre checked.
cadre_records() {
    if [[ $JSON == jq ]]; then jq -r '.records | length' "$1"
    else python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["records"]))' "$1"
    fi
}

# spectral_files REPORT: base names of the files with a result, sorted, one per line.
spectral_files() {
    if [[ $JSON == jq ]]; then jq -r '.[].source' "$1"
    else python3 -c 'import json, sys
for r in json.load(open(sys.argv[1])): print(r["source"])' "$1"
    fi | sed 's|.*/||' | sort -u
}

# labelled_files DIR: base names of the generated files that carry a defect.
labelled_files() {
    find "$1" -name '*.yaml' -exec awk 'FNR == 1 && $0 !~ /^# cadre-bench-gen: valid$/ { print FILENAME }' {} + |
        sed 's|.*/||' | sort
}

# ---- measurements ------------------------------------------------------------------

declare -A MEDIAN_MS=() RSS_KIB=() FLAGGED=() PROBE_S=()

# rss_of FILE: the last line of GNU time's output (it prefixes "Command exited with
# non-zero status N" when the command fails).
rss_of() { tail -n 1 "$1"; }

# probe_cadre NAME N PACK...: one untimed run under GNU time; exit 0 or 1 expected.
probe_cadre() {
    local name=$1 n=$2 status=0 t0 t1
    shift 2
    local base=$OUT/$name-$n
    t0=$(date +%s.%N)
    "$TIME_BIN" -f %M -o "$base.rss" "$CADRE" check "$@" "$OUT/n$n" --format json \
        >"$base.json" 2>"$base.stderr" || status=$?
    t1=$(date +%s.%N)
    if [[ $status -ne 0 && $status -ne 1 ]]; then
        say "$name on $n files exited with status $status (2 = errors); its stderr:"
        sed 's/^/  /' "$base.stderr" >&2
        exit 1
    fi
    local records
    records=$(cadre_records "$base.json")
    [[ $records -eq $n ]] || die "$name checked $records records, expected $n"
    RSS_KIB[$name,$n]=$(rss_of "$base.rss")
    PROBE_S[$name,$n]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
}

# probe_spectral N: same for Spectral. -v makes it print "Linting FILE" for each file,
# which is counted (did it lint every file?) and shown as progress.
probe_spectral() {
    local n=$1 status=0 t0 t1
    local base=$OUT/spectral-$n
    say "spectral: probe run on $n files (peak RSS, findings); progress every 1,000 files"
    t0=$(date +%s.%N)
    "$TIME_BIN" -f %M -o "$base.rss" "$SPECTRAL" lint "$OUT/n$n/*.yaml" -r "$RULESET" \
        --fail-on-unmatched-globs -v -f json -o "$base.json" 2>"$base.stderr" |
        awk -v n="$n" -v out="$base.linted" '
            /^Linting / { c++; if (c % 1000 == 0) printf "compare-spectral: spectral: %d/%d files\n", c, n > "/dev/stderr" }
            { print > out }' || status=$?
    t1=$(date +%s.%N)
    if [[ $status -ne 0 && $status -ne 1 ]]; then
        say "spectral on $n files exited with status $status; its stderr:"
        sed 's/^/  /' "$base.stderr" >&2
        exit 1
    fi
    local linted
    linted=$(grep -c '^Linting ' "$base.linted" || true)
    [[ $linted -eq $n ]] || die "spectral linted $linted files, expected $n (see $base.linted)"
    RSS_KIB[spectral,$n]=$(rss_of "$base.rss")
    PROBE_S[spectral,$n]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
}

runs_for() { if (($1 <= 100)); then echo 10; elif (($1 <= 1000)); then echo 5; else echo 3; fi; }
warmup_for() { if (($1 <= 100)); then echo 3; elif (($1 <= 1000)); then echo 2; else echo 1; fi; }

mkdir -p "$OUT"
# Taken now: the tree may move on while the benchmark runs. The binary's own date is
# reported too, since nothing ties it to a commit.
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]]; then COMMIT="$COMMIT (with uncommitted changes)"; fi
CADRE_BUILT=$(date -u -r "$CADRE" '+%Y-%m-%d %H:%M UTC')
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CADRE_VERSION=$("$CADRE" version 2>/dev/null | head -n 1 || true)
say "${CADRE_VERSION:-cadre}, spectral $("$SPECTRAL" --version), node $(node --version), $(hyperfine --version)"

CADRE_Q=$(printf '%q' "$CADRE")
for n in "${SIZES[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "COMPARE_SIZES: '$n' is not a positive integer"
    dir=$OUT/n$n
    rm -rf "$dir"
    "$GEN" "$n" "$dir" "$SEED" >&2

    probe_cadre cadre-4 "$n" --rules "$FOUR_PACK"
    probe_cadre cadre-full "$n"
    probe_spectral "$n"

    # Which files each tool flags, against the generator's labels.
    labelled_files "$dir" >"$OUT/labels-$n.txt"
    cadre_files "$OUT/cadre-4-$n.json" >"$OUT/flagged-cadre-4-$n.txt"
    # shellcheck disable=SC2086 # FOUR_RULES is a word list on purpose
    cadre_files "$OUT/cadre-full-$n.json" $FOUR_RULES >"$OUT/flagged-cadre-full-$n.txt"
    cadre_files "$OUT/cadre-full-$n.json" >"$OUT/flagged-cadre-full-any-$n.txt"
    spectral_files "$OUT/spectral-$n.json" >"$OUT/flagged-spectral-$n.txt"
    FLAGGED[labels,$n]=$(wc -l <"$OUT/labels-$n.txt")
    same=yes
    for tool in cadre-4 cadre-full spectral; do
        FLAGGED[$tool,$n]=$(wc -l <"$OUT/flagged-$tool-$n.txt")
        cmp -s "$OUT/labels-$n.txt" "$OUT/flagged-$tool-$n.txt" || same=NO
    done
    FLAGGED[any,$n]=$(wc -l <"$OUT/flagged-cadre-full-any-$n.txt")
    FLAGGED[same,$n]=$same
    say "$n files: ${FLAGGED[labels,$n]} labelled with a defect; flagged by cadre-4 ${FLAGGED[cadre-4,$n]}," \
        "cadre-full (four rules) ${FLAGGED[cadre-full,$n]}, spectral ${FLAGGED[spectral,$n]}; same files: $same"
    [[ $same == yes ]] || say "WARNING: the flagged files differ; compare $OUT/labels-$n.txt and $OUT/flagged-*-$n.txt"

    runs=$(runs_for "$n")
    warmup=$(warmup_for "$n")
    say "timing $n files: $warmup warm-up + $runs runs of each tool; spectral took ${PROBE_S[spectral,$n]} s per run" \
        "in the probe, so about $(awk -v s="${PROBE_S[spectral,$n]}" -v r=$((runs + warmup)) 'BEGIN { printf "%.0f", s * r }') s for Spectral"
    # -i: every tool exits 1 when it reports findings, which these inputs contain.
    hyperfine --warmup "$warmup" --runs "$runs" ${HF_SHELL[@]+"${HF_SHELL[@]}"} -i \
        --export-json "$OUT/n$n.json" \
        -n cadre-4 "$CADRE_Q check --rules $FOUR_PACK $dir --format json" \
        -n cadre-full "$CADRE_Q check $dir --format json" \
        -n spectral "$SPECTRAL lint '$dir/*.yaml' -r $RULESET --fail-on-unmatched-globs -f json" >&2
    i=0
    for tool in cadre-4 cadre-full spectral; do
        MEDIAN_MS[$tool,$n]=$(awk -v s="$(hf_median "$OUT/n$n.json" "$i")" 'BEGIN { printf "%.1f", s * 1000 }')
        i=$((i + 1))
    done
done

# ---- report ------------------------------------------------------------------------

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else printf "n/a" }'; }
has() { [[ -n ${MEDIAN_MS[cadre-4,$1]:-} ]]; }

build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null || true)
largest=$(find "$OUT" -path "$OUT/n*" -name '*.yaml' -printf '%s\n' | sort -n | tail -n 1)

{
    echo "# cadre vs Spectral, same run"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); source tree at commit $COMMIT when the run started"
    echo "- machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
    echo "- ${CADRE_VERSION:-cadre}: $CADRE (${build_type:-unknown} build, binary of $CADRE_BUILT), one thread per core; cadre-4 = \`--rules $FOUR_PACK\`, cadre-full = default pack"
    echo "- spectral $("$SPECTRAL" --version) (node $(node --version)), ruleset $RULESET, one process, files linted in sequence"
    echo "- load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the times)"
    echo "- $(hyperfine --version): median wall time; warm-up/runs 3/10 up to 100 files, 2/5 for 1,000, 1/3 beyond; peak RSS from one run under GNU time"
    echo
    echo "| files | cadre-4 ms | cadre-full ms | spectral ms | spectral / cadre-4 | cadre-4 RSS MiB | cadre-full RSS MiB | spectral RSS MiB |"
    echo "|------:|-----------:|--------------:|------------:|-------------------:|----------------:|-------------------:|-----------------:|"
    for n in "${SIZES[@]}"; do
        printf '| %s | %s | %s | %s | %s× | %s | %s | %s |\n' "$n" \
            "${MEDIAN_MS[cadre-4,$n]}" "${MEDIAN_MS[cadre-full,$n]}" "${MEDIAN_MS[spectral,$n]}" \
            "$(ratio "${MEDIAN_MS[spectral,$n]}" "${MEDIAN_MS[cadre-4,$n]}")" \
            "$(mib "${RSS_KIB[cadre-4,$n]}")" "$(mib "${RSS_KIB[cadre-full,$n]}")" "$(mib "${RSS_KIB[spectral,$n]}")"
    done
    echo
    echo "Files flagged by the four checks (the generator labels each file with at most one defect):"
    echo
    echo "| files | labelled with a defect | cadre-4 | cadre-full (four rules) | spectral | same files | cadre-full, any rule |"
    echo "|------:|-----------------------:|--------:|------------------------:|---------:|:----------:|---------------------:|"
    for n in "${SIZES[@]}"; do
        printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$n" "${FLAGGED[labels,$n]}" \
            "${FLAGGED[cadre-4,$n]}" "${FLAGGED[cadre-full,$n]}" "${FLAGGED[spectral,$n]}" \
            "${FLAGGED[same,$n]}" "${FLAGGED[any,$n]}"
    done
    echo
    echo "Targets:"
    echo
    if has 1; then
        v=$(awk -v m="${MEDIAN_MS[cadre-full,1]}" -v t="$TARGET_ONE_MS" 'BEGIN { print (m + 0 < t + 0) ? "met" : "MISSED" }')
        echo "- one file, cold process, under $TARGET_ONE_MS ms (cadre-full): **$v** (cadre-full ${MEDIAN_MS[cadre-full,1]} ms, cadre-4 ${MEDIAN_MS[cadre-4,1]} ms)"
    fi
    if has 1000; then
        r=$(ratio "${MEDIAN_MS[spectral,1000]}" "${MEDIAN_MS[cadre-4,1000]}")
        v=$(awk -v r="$r" -v t="$TARGET_RATIO" 'BEGIN { print (r + 0 >= t + 0) ? "met" : "MISSED" }')
        echo "- 1,000 files at least ${TARGET_RATIO}× faster than Spectral (cadre-4): **$v** (${r}×; cadre-full $(ratio "${MEDIAN_MS[spectral,1000]}" "${MEDIAN_MS[cadre-full,1000]}")×)"
    fi
    if has 100 && has 10000; then
        for tool in cadre-4 cadre-full; do
            growth=$((${RSS_KIB[$tool,10000]} - ${RSS_KIB[$tool,100]}))
            v=$(awk -v g="$growth" -v l="$largest" -v a="$RSS_ALLOWANCE_KIB" 'BEGIN { print (g <= l / 1024 + a) ? "met" : "MISSED" }')
            echo "- memory growing no faster than the largest file ($tool, peak RSS at 10,000 vs 100 files; allowance: largest file $(awk -v l="$largest" 'BEGIN { printf "%.1f", l / 1024 }') KiB + $((RSS_ALLOWANCE_KIB / 1024)) MiB): **$v** ($(mib "${RSS_KIB[$tool,100]}") → $(mib "${RSS_KIB[$tool,10000]}") MiB, +$(mib "$growth") MiB, $(awk -v g="$growth" 'BEGIN { printf "%.2f", g / 9900 }') KiB per extra file)"
        done
    fi
} >"$TABLE"

echo
cat "$TABLE"
echo
say "table saved to $TABLE"
