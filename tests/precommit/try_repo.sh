#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# .pre-commit-hooks.yaml works with Debian's pre-commit (installed by .ci/setup):
# `pre-commit try-repo` runs the hook from this repository on a scratch git repository where
# a proposal's file name has a space, beside a workflow file and a package.json that are not
# records. The hook passes on a conforming proposal, fails on a flawed one (naming it), and
# never hands cadre the files that are not records. Usage: try_repo.sh CADRE WORKDIR.
set -euo pipefail
cadre_dir=$(cd "$(dirname "$1")" && pwd)
repo=$(pwd)
work=$2/precommit-test
rm -rf "$work"
mkdir -p "$work/project/courses" "$work/project/.github/workflows"
fail() { echo "pre-commit test: $*" >&2; exit 1; }
command -v pre-commit >/dev/null || fail "pre-commit is missing: run bash .ci/setup"

export PATH="$cadre_dir:$PATH" PRE_COMMIT_HOME="$work/cache" GIT_CONFIG_NOSYSTEM=1 HOME="$work"
git config --global user.email test@example.invalid
git config --global user.name test
git config --global init.defaultBranch main
git config --global --add safe.directory '*'

cd "$work/project"
git init -q .
cp "$repo/fixtures/courses/valid/distance-complete.yaml" "courses/documents accessibles.yaml"
printf 'name: ci\non: [push]\njobs: {}\n' > .github/workflows/ci.yml
printf '{ "name": "site", "private": true }\n' > package.json
git add -A
git commit -qm start

run() {  # the hook on every file, as of a fixed date
  pre-commit try-repo "$repo" cadre-check --all-files --verbose >"$work/out.txt" 2>&1
}
status=0
run || status=$?
cat "$work/out.txt"
[ $status = 0 ] || fail "the hook failed on a conforming proposal (exit $status)"
grep -q "documents accessibles.yaml" "$work/out.txt" || grep -q "1 enregistrement vérifié\|1 record checked" "$work/out.txt" ||
  fail "the hook did not check the proposal"
grep -q "ci.yml\|package.json" "$work/out.txt" && fail "the hook passed a file that is not a record to cadre"

cp "$repo/fixtures/courses/invalid/duration-too-long.yaml" "courses/trop longue.yaml"
git add -A
status=0
run || status=$?
cat "$work/out.txt"
[ $status = 1 ] || fail "the hook did not fail on a flawed proposal (exit $status)"
grep -q "courses/trop longue.yaml:16:17: error\[DFCU-8.1-duration\]" "$work/out.txt" ||
  fail "the finding does not name the file with a space in its name"
grep -q "E0307\|E0502\|E0501" "$work/out.txt" && fail "cadre was handed a file it cannot read"
echo "pre-commit try-repo: the hook passes a conforming proposal and fails a flawed one, file names with spaces included"
