#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for SECONDS, one after the
# other. Usage: tests/fuzz/run.sh SECONDS [TARGET...]   (default: every target below)
#
# Each target gets its dictionary, inputs up to 128 KB (-max_len; the operator-chain crash
# needs ~40 KB), a working corpus in build-fuzz/corpus/<target> seeded from the bundled pack,
# record or credential fixtures and from the regression corpus fixtures/fuzz/<target>.
# Crashes, timeouts and slow units land in build-fuzz/artifacts/<target>/: minimize one
# (`<target> -minimize_crash=1 FILE`), fix the cause, then add it to fixtures/fuzz/<target>/,
# which ctest replays in the normal build. A summary per target (executions, exec/s,
# coverage edges and features, corpus size, findings) is printed at the end and written to
# build-fuzz/summary.txt.
#
# Environment: CADRE_FUZZ_BUILD (build folder, default build-fuzz), CADRE_FUZZ_NICE (the
# campaign's niceness, default 19: a shared machine stays usable), CADRE_FUZZ_RUNS (stop
# after this many executions instead of SECONDS, e.g. 2000000; SECONDS still bounds the run).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:?usage: tests/fuzz/run.sh SECONDS [TARGET...]}
shift
all=(fuzz_dsl fuzz_records fuzz_rules fuzz_verify fuzz_canonical fuzz_multipart)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
build=${CADRE_FUZZ_BUILD:-build-fuzz}
niceness=${CADRE_FUZZ_NICE:-19}
runs_limit=${CADRE_FUZZ_RUNS:--1}

# ASan and UBSan come from CADRE_SANITIZE, the option the sanitizer test suite uses too, so one
# folder configured with -DCADRE_BUILD_TESTS=ON serves both (docs/architecture.md). A folder
# already configured is kept as it is: reconfiguring would rebuild everything.
if [ ! -f "$build/CMakeCache.txt" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" \
    -DCADRE_FUZZ=ON -DCADRE_SANITIZE=ON -DCADRE_BUILD_TESTS=OFF -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
fi
nice -n 19 cmake --build "$build" -j2 --target "${targets[@]}"

# ASan's defaults are tuned for finding a bug in one run, not for millions of short ones: a
# 256 MB quarantine of freed blocks means nearly every allocation touches fresh pages, and
# each allocation records a 30-frame stack. A 64 MB quarantine still catches a use after
# free of any recent block; 8 frames still name the allocating function. Measured on the
# fuzz_records corpus: see docs/architecture.md, "Fuzzing". Set ASAN_OPTIONS to override.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=64:malloc_context_size=8}

dict_of() {
  case $1 in
    fuzz_records) echo tests/fuzz/records.dict ;;
    fuzz_verify | fuzz_canonical) echo tests/fuzz/verify.dict ;;
    fuzz_multipart) echo tests/fuzz/multipart.dict ;;
    *) echo tests/fuzz/cadre.dict ;;
  esac
}

# How fast inputs may grow. libFuzzer's default (100) lets them grow only after long runs
# without new coverage; 0 lets the parser reach the long operator chains (~40 KB) that once
# overflowed the stack. The other targets keep the default: for fuzz_rules, 0 made inputs
# bloat and halved its speed (measured 2026-11-29: 154 against 344 exec/s over 40 s from the
# same corpus); the long chains are in its regression corpus anyway.
len_control_of() {
  case $1 in
    fuzz_dsl) echo 0 ;;
    *) echo 100 ;;
  esac
}

# Copies each file of a list (stdin) into the corpus, prefixed by the byte a target reads
# first to pick its format.
seed_files() {
  local corpus=$1 prefix_of=$2 f n=0
  while IFS= read -r f; do
    n=$((n + 1))
    { printf "$("$prefix_of" "$f")"; cat "$f"; } >"$corpus/seed-$n"
  done
}
records_prefix() { case $1 in *.jsonl) echo '\002' ;; *.json | *.jsonld) echo '\001' ;; *) echo '\000' ;; esac; }
canonical_prefix() { case $1 in *.nq) echo '\001' ;; *) echo '\000' ;; esac; }
no_prefix() { :; }

# Seeds: the bundled packs' declarations for the .cadre targets; record fixtures for fuzz_records;
# credentials and JSON-LD documents for the verifier and the canonicalizer.
seed() {
  local target=$1 corpus=$build/corpus/$1
  mkdir -p "$corpus"
  cp fixtures/fuzz/"$target"/* "$corpus"/ 2>/dev/null || true
  case $target in
    fuzz_records)
      find fixtures/records fixtures/courses fixtures/stack fixtures/waivers rules/dfcu-2023/tests -type f \
        \( -name '*.yaml' -o -name '*.json' -o -name '*.jsonl' -o -name '*.jsonld' \) -size -128k | sort |
        seed_files "$corpus" records_prefix ;;
    fuzz_verify)
      find fixtures/verify -type f \( -name '*.json' -o -name '*.jsonld' -o -name '*.jwt' \) -size -128k | sort |
        seed_files "$corpus" no_prefix ;;
    fuzz_canonical)
      find fixtures/canonical fixtures/rdf-canon fixtures/json-ld-api fixtures/verify/vc-di-eddsa -type f \
        \( -name '*.json' -o -name '*.jsonld' -o -name '*.nq' \) -size -128k | sort |
        seed_files "$corpus" canonical_prefix ;;
    fuzz_multipart) ;;  # its regression corpus (fixtures/fuzz/fuzz_multipart) covers the form's shapes
    *)
      # One declaration per seed: a whole rule file (up to 11 KB) costs the parser and
      # the checker ten times what one rule does, for the same coverage.
      local f
      for f in rules/*/*.cadre; do
        awk -v out="$corpus/decl-$(basename "$(dirname "$f")")-$(basename "$f" .cadre)-" '
          /^(rule|const|record|type|enum|indicator|unchecked|disable|override|pack|use) / {
            if (text != "") { n++; printf "%s", text > (out n); close(out n); text = "" } }
          { text = text $0 "\n" }
          END { if (text != "") { n++; printf "%s", text > (out n) } }' "$f"
      done ;;
  esac
}

field() { grep -oE "$1" "$2" | tail -1 | grep -oE '[0-9]+$' || echo 0; }

# libFuzzer's entropic schedule gives each corpus unit energy by the rare features it hits;
# -entropic_scale_per_exec_time=1 also weighs that energy by the unit's speed, so the slow,
# large units (long operator chains, big documents) are mutated less often than the many
# quick ones; they still run, and their coverage still counts. It matters while large units
# dominate a corpus: fuzz_dsl's, before its 2026-11-30 campaign, took 72 s of processor time
# for 30,000 executions (-seed=7, perf stat) instead of 172-179 s. On the corpora after the
# campaigns it changes little: fuzz_canonical 24.6 s against 27.4 s, fuzz_rules 74.7 s
# against 69.4 s for 40,000 (docs/fuzzing.md).
schedule=(-entropic_scale_per_exec_time=1)

summary=$build/summary.txt
: >"$summary"
for target in "${targets[@]}"; do
  seed "$target"
  mkdir -p "$build/artifacts/$target" "$build/logs"
  log=$build/logs/$target.log
  echo "== $target: ${seconds}s" >&2
  # Errors (a crash) end the run with a non-zero status; the summary still says so.
  set +e
  nice -n "$niceness" "$build/tests/fuzz/$target" "$build/corpus/$target" \
    -dict="$(dict_of "$target")" -max_len=131072 -len_control="$(len_control_of "$target")" "${schedule[@]}" \
    -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" -runs="$runs_limit" -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$target/" >"$log" 2>&1
  status=$?
  set -e
  runs=$(field '^stat::number_of_executed_units: *[0-9]+' "$log")
  speed=$(field '^stat::average_exec_per_sec: *[0-9]+' "$log")
  cov=$(field 'cov: [0-9]+' "$log")
  ft=$(field 'ft: [0-9]+' "$log")
  corpus=$(find "$build/corpus/$target" -type f | wc -l)
  findings=$(find "$build/artifacts/$target" -type f | wc -l)
  printf '%-14s executions %10s  exec/s %6s  cov %6s  ft %7s  corpus %6s  findings %s  (exit %s, log %s)\n' \
    "$target" "$runs" "$speed" "$cov" "$ft" "$corpus" "$findings" "$status" "$log" | tee -a "$summary"
done
