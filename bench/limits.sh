#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/limits.sh BUILD_DIR [PREVIOUS_BUILD_DIR] — issue 17's goal table: cadre against the
# physical limits of this machine, in one run.
#
# Builds the floors (a program that only pulls libyaml's parse events, the reader cadre uses
# since ADR 0020; `cat` for I/O; yaml-cpp's and libfyaml's event floors when their headers
# are installed), then times side by side with hyperfine: the floors, cadre, the previous
# build (if given) and Spectral (if bench/node_modules has it: bench/compare-spectral.sh
# installs it). Peak RSS comes from GNU time. Prints the goal table with ratios.
#
# Sizes (environment): LIMITS_FILES (1000), LIMITS_BIG (100000: goal 3; its tenth is the
# flatness reference), LIMITS_COHORT (100000: goal 4), LIMITS_RULES ("50 5000": goal 5),
# LIMITS_RUNS (5 timed runs; 2 warm-ups), LIMITS_SCALE_COPIES (20: goal 5's small packs
# check copies of the defect-free records, that many times over, so that 50 rules' cost
# stands out of the noise). Writes under bench/out/limits/ (git-ignored).
# Exit status 0 even when a goal is missed; 2 when the benchmark cannot run.
set -euo pipefail

die() { echo "limits: $*" >&2; exit 2; }
say() { echo "limits: $*" >&2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
build_dirs limits "$@"
CADRE=$BUILD/cli/cadre
GEN=$BUILD/bench/cadre-bench-gen
COHORT_GEN=$BUILD/bench/cadre-bench-cohort
need_built "$CADRE" "$GEN" "$COHORT_GEN"
FILES=${LIMITS_FILES:-1000}
BIG=${LIMITS_BIG:-100000}
COHORT=${LIMITS_COHORT:-100000}
read -r -a RULES <<<"${LIMITS_RULES:-50 5000}"
RUNS=${LIMITS_RUNS:-5}
SEED=20250113
OUT=$ROOT/bench/out/limits
mkdir -p "$OUT"
cd "$ROOT"

command -v hyperfine >/dev/null || apt_install hyperfine || die "hyperfine is needed"
need_gnu_time
[[ -f /usr/include/yaml.h ]] || apt_install libyaml-dev || die "libyaml-dev is needed for the parse floor"
command -v jq >/dev/null || apt_install jq || die "jq is needed"
CC=${CC:-cc}
CXX=${CXX:-c++}

# ---- floors ------------------------------------------------------------------------
"$CC" -O2 -o "$OUT/floor-libyaml" bench/floors/libyaml_events.c -lyaml || die "cannot build the libyaml floor"
FLOORS=(libyaml)
if [[ -f /usr/include/libfyaml.h ]]; then
    "$CC" -O2 -o "$OUT/floor-libfyaml" bench/floors/libfyaml_events.c -lfyaml && FLOORS+=(libfyaml)
fi
if [[ -f /usr/include/yaml-cpp/yaml.h ]]; then
    "$CXX" -O2 -o "$OUT/floor-yaml-cpp" bench/floors/yamlcpp_events.cpp -lyaml-cpp && FLOORS+=(yaml-cpp)
fi
SPECTRAL=bench/node_modules/.bin/spectral
[[ -x $SPECTRAL ]] || { say "Spectral not installed (bench/compare-spectral.sh installs it): its column is skipped"; SPECTRAL=; }

# ---- inputs ------------------------------------------------------------------------
gen() {  # gen N DIR: generated course proposals, kept between runs
    [[ -d $2 && $(find "$2" -name '*.yaml' | wc -l) -eq $1 ]] && return
    rm -rf "$2"
    "$GEN" "$1" "$2" "$SEED" >/dev/null
}
gen "$FILES" "$OUT/files"
gen 1 "$OUT/one"
# Defect-free records for goal 5: the files the generator labels valid.
if [[ ! -d $OUT/valid || $(find "$OUT/valid" -name '*.yaml' | wc -l) -ne $FILES ]]; then
    rm -rf "$OUT/valid"
    gen $((FILES * 3 / 2)) "$OUT/pool"
    mkdir -p "$OUT/valid"
    grep -l '^# cadre-bench-gen: valid$' "$OUT"/pool/*.yaml | awk -v n="$FILES" 'NR <= n' | xargs cp -t "$OUT/valid"  # awk reads all: no SIGPIPE under pipefail
fi
VALID=$(find "$OUT/valid" -name '*.yaml' | wc -l)
# The same records COPIES times over, in numbered folders, each copy's id suffixed with its
# number (a path given twice is checked once, and an id seen twice is a diagnostic).
COPIES=${LIMITS_SCALE_COPIES:-20}
if [[ ! -d $OUT/valid-x$COPIES || $(find "$OUT/valid-x$COPIES" -name '*.yaml' | wc -l) -ne $((VALID * COPIES)) ]]; then
    rm -rf "$OUT"/valid-x*
    for ((c = 1; c <= COPIES; c++)); do
        mkdir -p "$OUT/valid-x$COPIES/$c"
        # One awk per copy, not one process per file.
        awk -v c="$c" -v to="$OUT/valid-x$COPIES/$c" 'FNR == 1 { if (out) close(out); n = split(FILENAME, p, "/"); out = to "/" p[n] }
            /^id: / { $0 = $0 "-" c } { print > out }' "$OUT"/valid/*.yaml
    done
fi
[[ -s $OUT/cohort-$COHORT.jsonl ]] || "$COHORT_GEN" "$COHORT" "$OUT/cohort-$COHORT.jsonl" >/dev/null

# Packs for goal 5: the four-rule pack's schema, with no rule or N rules that all pass.
make_pack() {  # make_pack DIR N
    rm -rf "$1"
    mkdir -p "$1"
    sed 's/^pack bench-four/pack bench-scaling/' bench/four-rules/pack.cadre >"$1/pack.cadre"
    cp bench/four-rules/course.cadre "$1/"
    awk -v n="$2" 'BEGIN {
        for (i = 1; i <= n; i++) {
            printf "rule SCALE-%d on course\n  title fr \"r%d\" en \"r%d\"\n  severity warning\n", i, i, i
            printf "  require course.workload_hours <= %d\n  message fr \"m\" en \"m\"\n\n", 30 + i
        } }' >"$1/rules.cadre"
}
make_pack "$OUT/pack-0" 0
for n in "${RULES[@]}"; do make_pack "$OUT/pack-$n" "$n"; done

# ---- measuring ---------------------------------------------------------------------
declare -A MS=() CPU=()
# time_all NAME 'label=command'...: hyperfine, median wall ms and mean CPU (user+sys) ms.
time_all() {
    local name=$1 args=() labels=() i=0
    shift
    for spec in "$@"; do labels+=("${spec%%=*}"); args+=(-n "${spec%%=*}" "${spec#*=}"); done
    hyperfine -w 2 -r "$RUNS" -i --export-json "$OUT/$name.json" "${args[@]}" >/dev/null 2>&1 ||
        die "hyperfine failed on $name (see the commands in $0)"
    for label in "${labels[@]}"; do
        MS[$label]=$(jq -r ".results[$i].median * 1000" "$OUT/$name.json")
        CPU[$label]=$(jq -r "(.results[$i].user + .results[$i].system) * 1000" "$OUT/$name.json")
        i=$((i + 1))
    done
}
rss() {  # rss COMMAND...: peak RSS in KiB (exit 0 or 1 expected)
    local status=0
    /usr/bin/time -f %M -o "$OUT/rss" "$@" >/dev/null 2>"$OUT/rss.err" || status=$?
    [[ $status -le 1 ]] || die "exit $status from: $* (stderr in $OUT/rss.err)"
    tail -n 1 "$OUT/rss"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = op == "<=" ? v + 0 <= t + 0 : v + 0 >= t + 0; print (v == "n/a" ? "n/a" : ok ? "met" : "MISSED") }'; }

builds=(new)
[[ -n $PREV ]] && builds+=(prev)
exe_of() { if [[ $1 == new ]]; then echo "$CADRE"; else echo "$PREV/cli/cadre"; fi; }
FOUR="check --threads 1 --rules bench/four-rules $OUT/files --format json"

say "goal 1: $FILES proposals"
specs=("cat=cat $OUT/files/*.yaml")
for f in "${FLOORS[@]}"; do specs+=("floor-$f=$OUT/floor-$f $OUT/files/*.yaml"); done
for b in "${builds[@]}"; do
    specs+=("$b-4rules-1thread=$(exe_of "$b") $FOUR" "$b-4rules=$(exe_of "$b") check --rules bench/four-rules $OUT/files --format json")
done
[[ -n $SPECTRAL ]] && specs+=("spectral=$SPECTRAL lint '$OUT/files/*.yaml' -r bench/spectral/.spectral.yaml -f json")
time_all goal1 "${specs[@]}"

say "goal 2: one proposal, cold"
# The proposal is named, as one checks one file. Its folder is also timed: bench/out/ is in
# cadre's work tree, so that walk asks git which files it ignores, a process of its own.
ONE_FILE=$(find "$OUT/one" -name '*.yaml' | head -n 1)
specs=()
for b in "${builds[@]}"; do
    specs+=("$b-version=$(exe_of "$b") version" "$b-one=$(exe_of "$b") check $ONE_FILE --format json"
        "$b-one-folder=$(exe_of "$b") check $OUT/one --format json")
done
time_all goal2 "${specs[@]}"

say "goal 3: peak RSS on $((BIG / 10)) and $BIG proposals (JSON, SARIF)"
gen $((BIG / 10)) "$OUT/big-$((BIG / 10))"
gen "$BIG" "$OUT/big-$BIG"
declare -A KIB=()
for b in "${builds[@]}"; do
    for n in $((BIG / 10)) "$BIG"; do
        for format in json sarif; do
            KIB[$b,$format,$n]=$(rss "$(exe_of "$b")" check "$OUT/big-$n" --format "$format")
        done
    done
done

say "goal 4: a cohort of $COHORT transcripts, 1 and 2 threads"
specs=()
for b in "${builds[@]}"; do
    for t in 1 2; do
        specs+=("$b-cohort-$t=$(exe_of "$b") stack --pathway fixtures/stack/pathway.yaml --catalog fixtures/stack/catalog --as-of 2025-06-01 --transcripts $OUT/cohort-$COHORT.jsonl --output $OUT/cohort-$b-$t.jsonl --threads $t")
    done
done
time_all goal4 "${specs[@]}"

say "goal 5: ${RULES[*]} rules on $VALID defect-free proposals (the smaller packs on $((VALID * COPIES)))"
# Cost per rule per record = (CPU with the pack − CPU with the empty pack, same records) ÷
# (rules × records). A pack smaller than the largest checks the records COPIES times over:
# 50 rules on 1,000 records differ from no rule by less than the noise. Each timed run of a
# pack is paired with a run of the empty pack on the same records, interleaved, so that the
# load of the machine at that moment is shared; the ratio is given with its spread over the
# pairs (lowest–highest). The headline figure is from the fastest run of each pack (the run
# the other jobs of the machine disturbed least); the median of the pairs is printed beside it.
# CPU from perf stat's task-clock when perf works, else GNU time.
records_for() { if [[ $1 == "${RULES[-1]}" ]]; then echo "$OUT/valid"; else echo "$OUT/valid-x$COPIES"; fi; }
count_for() { if [[ $1 == "${RULES[-1]}" ]]; then echo "$VALID"; else echo $((VALID * COPIES)); fi; }
PERF_WORKS=0
perf stat -x, -e task-clock true >/dev/null 2>&1 && PERF_WORKS=1
cpu_once() {  # cpu_once COMMAND...: CPU ms of one run (cadre's exit status is not the point)
    local lines
    if ((PERF_WORKS)); then
        lines=$(perf stat -x, -e task-clock "$@" 2>&1 >/dev/null || true)
        awk -F, '/task-clock/ { print $1 }' <<<"$lines"
    else
        lines=$({ /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null; } || true)
        tail -n 1 <<<"$lines" | awk '{ print ($1 + $2) * 1000 }'
    fi
}
declare -A PER_RULE=() EMPTY_RUNS=() PACK_RUNS=()  # [build,N]: per-pair µs; CPU ms of each run
for b in "${builds[@]}"; do
    for n in "${RULES[@]}"; do
        dir=$(records_for "$n")
        cpu_once "$(exe_of "$b")" check --threads 1 --rules "$OUT/pack-$n" "$dir" --format json >/dev/null  # warm-up
        for ((r = 0; r < RUNS; r++)); do
            t0=$(cpu_once "$(exe_of "$b")" check --threads 1 --rules "$OUT/pack-0" "$dir" --format json)
            tn=$(cpu_once "$(exe_of "$b")" check --threads 1 --rules "$OUT/pack-$n" "$dir" --format json)
            PER_RULE[$b,$n]+="$(awk -v t="$tn" -v e="$t0" -v n="$n" -v r="$(count_for "$n")" \
                'BEGIN { printf "%.5f", (t - e) * 1000 / (n * r) }') "
            EMPTY_RUNS[$b,$n]+="$t0 "
            PACK_RUNS[$b,$n]+="$tn "
        done
    done
done

# ---- the table ---------------------------------------------------------------------
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
median() { tr ' ' '\n' | awk 'NF' | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
{
    echo "# cadre near the limit ($(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo
    echo "- machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); load average before the table: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- new: $CADRE${PREV:+; previous: $PREV/cli/cadre}; $(hyperfine --version), $RUNS runs after 2 warm-ups"
    echo "- times: median wall ms, and mean CPU ms (user + system), which a busy machine skews less"
    echo
    echo "| measure | wall ms | CPU ms |"
    echo "|---|---:|---:|"
    for label in $(jq -r '.results[].command' "$OUT"/goal1.json "$OUT"/goal2.json "$OUT"/goal4.json); do
        printf '| %s | %.1f | %.1f |\n' "$label" "${MS[$label]}" "${CPU[$label]}"
    done
    echo
    echo "| goal | target | build | measured (CPU) | measured (wall) | verdict (CPU) |"
    echo "|---|---|---|---:|---:|---|"
    for b in "${builds[@]}"; do
        r=$(ratio "${CPU[$b-4rules-1thread]}" "${CPU[floor-libyaml]}")
        printf '| 1. %s proposals, 1 thread / libyaml floor | ≤ 2× | %s | %s× | %s× | %s |\n' "$FILES" "$b" "$r" \
            "$(ratio "${MS[$b-4rules-1thread]}" "${MS[floor-libyaml]}")" "$(verdict "$r" "<=" 2)"
        if [[ -n $SPECTRAL ]]; then
            r=$(ratio "${MS[spectral]}" "${MS[$b-4rules]}")
            printf '| 1. Spectral / cadre, 4 rules (wall) | ≥ 150× | %s | – | %s× | %s |\n' "$b" "$r" "$(verdict "$r" ">=" 150)"
        else
            printf '| 1. Spectral / cadre, 4 rules | ≥ 150× | %s | skipped | skipped | n/a |\n' "$b"
        fi
        r=$(ratio "${CPU[$b-one]}" "${CPU[$b-version]}")
        printf '| 2. one proposal cold / `cadre version` | ≤ 2.5× | %s | %s× | %s× | %s |\n' "$b" "$r" \
            "$(ratio "${MS[$b-one]}" "${MS[$b-version]}")" "$(verdict "$r" "<=" 2.5)"
        printf '|    the same, its folder named (git asked) | – | %s | %s× | %s× | – |\n' "$b" \
            "$(ratio "${CPU[$b-one-folder]}" "${CPU[$b-version]}")" "$(ratio "${MS[$b-one-folder]}" "${MS[$b-version]}")"
        for format in json sarif; do
            top=$(mib "${KIB[$b,$format,$BIG]}")
            printf '| 3. %s proposals, %s: peak RSS (at a tenth) | ≤ 64 MiB, flat | %s | %s MiB (%s MiB) | – | %s |\n' \
                "$BIG" "$format" "$b" "$top" "$(mib "${KIB[$b,$format,$((BIG / 10))]}")" "$(verdict "$top" "<=" 64)"
        done
        printf '| 4. %s transcripts, 2 threads (wall) | ≤ 5 s | %s | – | %.2f s | %s |\n' "$COHORT" "$b" \
            "$(awk -v m="${MS[$b-cohort-2]}" 'BEGIN { print m / 1000 }')" "$(verdict "$(awk -v m="${MS[$b-cohort-2]}" 'BEGIN { print m / 1000 }')" "<=" 5)"
        r=$(ratio "${MS[$b-cohort-1]}" "${MS[$b-cohort-2]}")
        printf '| 4. cohort speed-up, 2 threads over 1 (wall) | ≥ 1.7× | %s | – | %s× | %s |\n' "$b" "$r" "$(verdict "$r" ">=" 1.7)"
        best_cost() {  # best_cost N: µs per rule per record from the fastest run of each pack
            awk -v e="${EMPTY_RUNS[$b,$1]}" -v t="${PACK_RUNS[$b,$1]}" -v n="$1" -v r="$(count_for "$1")" 'BEGIN {
                ne = split(e, E, " "); nt = split(t, T, " "); me = E[1]; mt = T[1]
                for (i = 2; i <= ne; i++) if (E[i] < me) me = E[i]
                for (i = 2; i <= nt; i++) if (T[i] < mt) mt = T[i]
                printf "%.5f", (mt - me) * 1000 / (n * r) }'
        }
        lo=$(best_cost "${RULES[0]}")
        hi=$(best_cost "${RULES[-1]}")
        lo_median=$(median <<<"${PER_RULE[$b,${RULES[0]}]}")
        hi_median=$(median <<<"${PER_RULE[$b,${RULES[-1]}]}")
        # Spread: the ratio of the extremes, both ways (a small pack's noise shows here first).
        spread=$(awk -v h="${PER_RULE[$b,${RULES[-1]}]}" -v l="${PER_RULE[$b,${RULES[0]}]}" 'BEGIN {
            nh = split(h, H, " "); nl = split(l, L, " "); hmin = hmax = H[1]; lmin = lmax = L[1]
            for (i = 2; i <= nh; i++) { if (H[i] < hmin) hmin = H[i]; if (H[i] > hmax) hmax = H[i] }
            for (i = 2; i <= nl; i++) { if (L[i] < lmin) lmin = L[i]; if (L[i] > lmax) lmax = L[i] }
            if (lmax > 0 && lmin > 0) printf "%.2f–%.2f", hmin / lmax, hmax / lmin; else printf "n/a" }')
        r=$(ratio "$hi" "$lo")
        printf '| 5. µs per rule per record, %s rules / %s rules (fastest runs; median of %s pairs; spread) | ≤ 2× | %s | %s× (%s / %s µs; median %s×; %s×) | – | %s |\n' \
            "${RULES[-1]}" "${RULES[0]}" "$RUNS" "$b" "$r" "$hi" "$lo" "$(ratio "$hi_median" "$lo_median")" "$spread" "$(verdict "$r" "<=" 2)"
        printf '|    per pair, µs: %s rules: %s; %s rules: %s | | %s | | | |\n' "${RULES[0]}" "${PER_RULE[$b,${RULES[0]}]% }" \
            "${RULES[-1]}" "${PER_RULE[$b,${RULES[-1]}]% }" "$b"
    done
} | tee "$OUT/limits.md"
say "table saved to $OUT/limits.md"
