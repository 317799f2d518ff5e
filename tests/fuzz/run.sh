#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for SECONDS, one after the
# other, at low priority. Usage: tests/fuzz/run.sh SECONDS [TARGET...]
#
# Each target gets its dictionary, inputs up to 128 KB (the operator-chain crash needs
# ~40 KB), a working corpus in build-fuzz/corpus/<target> seeded from the bundled pack or
# record fixtures and from the regression corpus fixtures/fuzz/<target>, and the same
# regression corpus replayed first. Crashes, timeouts and slow units land in
# build-fuzz/artifacts/<target>/: minimize one (`<target> -minimize_crash=1 FILE`), fix the
# cause, then add it to fixtures/fuzz/<target>/, which ctest replays in the normal build.
# A summary (executions, exec/s, coverage, findings) is printed at the end and written to
# build-fuzz/summary.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:?usage: tests/fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_dsl fuzz_records fuzz_rules)
build=${CADRE_FUZZ_BUILD:-build-fuzz}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DCADRE_FUZZ=ON -DCADRE_BUILD_TESTS=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all" >/dev/null
nice -n 19 cmake --build "$build" -j2 --target "${targets[@]}"

dict_of() { case $1 in fuzz_records) echo tests/fuzz/records.dict ;; *) echo tests/fuzz/cadre.dict ;; esac; }

# Seeds: the pack's rule files for the .cadre targets; record fixtures for fuzz_records,
# with the format byte the target reads first (0 YAML, 1 JSON, 2 JSON Lines).
seed() {
  local target=$1 corpus=$build/corpus/$1
  mkdir -p "$corpus"
  cp fixtures/fuzz/"$target"/* "$corpus"/ 2>/dev/null || true
  if [ "$target" = fuzz_records ]; then
    local f n=0
    while IFS= read -r f; do
      n=$((n + 1))
      case $f in
        *.jsonl) { printf '\002'; cat "$f"; } >"$corpus/seed-$n" ;;
        *.json|*.jsonld) { printf '\001'; cat "$f"; } >"$corpus/seed-$n" ;;
        *) { printf '\000'; cat "$f"; } >"$corpus/seed-$n" ;;
      esac
    done < <(find fixtures/records fixtures/courses fixtures/stack fixtures/waivers rules/dfcu-2023/tests \
               -type f \( -name '*.yaml' -o -name '*.json' -o -name '*.jsonl' -o -name '*.jsonld' \) -size -128k | sort)
  else
    cp rules/dfcu-2023/*.cadre "$corpus"/
  fi
}

summary=$build/summary.txt
: >"$summary"
for target in "${targets[@]}"; do
  seed "$target"
  mkdir -p "$build/artifacts/$target" "$build/logs"
  log=$build/logs/$target.log
  echo "== $target: ${seconds}s" >&2
  # Errors (a crash) end the run with a non-zero status; the summary still says so.
  set +e
  nice -n 19 "$build/tests/fuzz/$target" "$build/corpus/$target" \
    -dict="$(dict_of "$target")" -max_len=131072 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$target/" >"$log" 2>&1
  status=$?
  set -e
  runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
  speed=$(grep -oE '^stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  findings=$(find "$build/artifacts/$target" -type f | wc -l)
  printf '%-14s executions %10s  exec/s %6s  edges %6s  findings %s  (exit %s, log %s)\n' \
    "$target" "$runs" "$speed" "$cov" "$findings" "$status" "$log" | tee -a "$summary"
done
