#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The GitHub and GitLab workflows of docs/ci.md work as the page says (issue 15):
# - they parse as YAML; the GitHub one is valid against SchemaStore's github-workflow JSON
#   Schema (vendored in fixtures/ci/, see its README), checked with ajv;
# - they download the release's .deb once into a cache keyed by its version and install it
#   from there; every shell step is valid bash (bash -n);
# - each `cadre` command line in them runs, with this build's cadre, in a scratch committee
#   repository (proposals, a waiver, the workflows, a package.json), exits 1 on its flawed
#   proposal, and writes the reports the platforms read: the SARIF that upload-sarif names,
#   the Code Quality report and the JUnit file at the paths artifacts:reports names, with the
#   Code Quality fields GitLab needs and paths relative to the repository.
# Usage: workflows.sh CADRE WORKDIR (from the repository root).
set -euo pipefail
cadre_bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(pwd)
work=$2/ci-workflows-test
npm_bin=tools/npm/node_modules/.bin
fail() { echo "ci workflows test: $*" >&2; exit 1; }
[ -x $npm_bin/ajv ] || fail "ajv-cli is missing: run bash .ci/setup"
rm -rf "$work"
mkdir -p "$work"

NODE_PATH=tools/npm/node_modules node tests/ci/workflows.cjs docs/ci.md "$work/extracted"

# SchemaStore's schema of GitHub workflows (draft-07). --strict-types=false: it uses type
# unions that ajv's strict mode only logs about.
$npm_bin/ajv validate --spec=draft7 --strict-types=false --errors=text \
  -s fixtures/ci/github-workflow.schema.json -d "$work/extracted/github.json" >"$work/ajv.txt" 2>&1 ||
  { cat "$work/ajv.txt" >&2; fail "docs/ci.md's GitHub workflow is not a valid workflow"; }
# ... and the schema does refuse a broken workflow (a job without runs-on).
node -e '
  const fs = require("fs"), w = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  delete w.jobs.check["runs-on"];
  fs.writeFileSync(process.argv[2], JSON.stringify(w));' "$work/extracted/github.json" "$work/broken.json"
if $npm_bin/ajv validate --spec=draft7 --strict-types=false -s fixtures/ci/github-workflow.schema.json \
     -d "$work/broken.json" >/dev/null 2>&1; then
  fail "the workflow schema accepts a job without runs-on: it checks nothing"
fi

for s in "$work"/extracted/scripts/*.sh; do
  bash -n "$s" 2>"$work/bash-n.txt" || { cat "$s" "$work/bash-n.txt" >&2; fail "a shell step of docs/ci.md is not valid bash"; }
done

# The version the workflows download is the one this build makes (CPack's cadre_<version>_amd64.deb).
version=$("$cadre_bin" --version | sed -n 's/^cadre //p')
while IFS=$'\t' read -r what platform value; do
  [ "$what" != version ] || [ "$value" = "$version" ] ||
    fail "docs/ci.md's $platform workflow downloads cadre $value; this is cadre $version"
done <"$work/extracted/facts.tsv"

# A committee's repository: one conforming proposal, two flawed ones (one of whose findings
# is waived), the workflows themselves and a package.json (not records, and not walked:
# the commands name courses/).
project="$work/project"
mkdir -p "$project/courses" "$project/.github/workflows"
cp fixtures/courses/valid/distance-complete.yaml "$project/courses/"
cp examples/courses/bordeaux-manager-equipe-hybride.yaml "$project/courses/"  # DFCU-8.1-duration
cp examples/courses/rennes-classe-inversee.yaml "$project/courses/"          # DFCU-6.1-mandatory, waived
cp "$work/extracted/github.yml" "$project/.github/workflows/cadre.yml"
cp "$work/extracted/gitlab-ci.yml" "$project/.gitlab-ci.yml"
printf '{ "name": "site", "private": true }\n' >"$project/package.json"
# The commands judge as of today (they pass no --as-of): the waiver expires a month from now.
cat >"$project/waivers.yaml" <<YAML
kind: waivers
waivers:
  - rule: DFCU-6.1-mandatory
    record: UC-REN-2025-003
    reason: "Modalités de contrôle votées au conseil de décembre"
    approved_by: "Comité de pilotage"
    expires: $(date -u -d '+30 days' +%F)
YAML

cadre() { "$cadre_bin" "$@"; }
export CADRE_VERSION=$version
n=0
while IFS= read -r -d '' command; do
  n=$((n + 1))
  status=0
  (cd "$project" && eval "$command") >"$work/command-$n.out" 2>"$work/command-$n.err" || status=$?
  [ $status = 1 ] || { cat "$work/command-$n.out" "$work/command-$n.err" >&2; fail "\`$command\` exited $status, not 1 (a flawed proposal)"; }
  [ ! -s "$work/command-$n.err" ] || { cat "$work/command-$n.err" >&2; fail "\`$command\` wrote to standard error"; }
done <"$work/extracted/commands.txt"
[ $n -ge 2 ] || fail "only $n cadre command lines found in docs/ci.md"

# The files the platforms read are there, and say what they should.
while IFS=$'\t' read -r what platform file; do
  case $what in
    sarif)
      node -e '
        const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const results = s.runs[0].results;
        const failed = results.filter((r) => r.ruleId === "DFCU-8.1-duration" && !r.suppressions);
        const waived = results.filter((r) => r.ruleId === "DFCU-6.1-mandatory" && r.suppressions);
        if (!failed.length || !waived.length) { console.error("SARIF: no unwaived DFCU-8.1-duration or no waived DFCU-6.1-mandatory"); process.exit(1); }
        if (!s.runs[0].tool.driver.rules.every((r) => r.helpUri.startsWith("https://github.com/your-org/cadre/blob/v"))) {
          console.error("SARIF: a helpUri does not use --rules-url"); process.exit(1); }' "$project/$file" ||
        fail "$platform: $file is not the SARIF expected" ;;
    codequality)
      node -e '
        const fs = require("fs"), issues = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
        const bad = (m) => { console.error("Code Quality: " + m); process.exit(1); };
        if (!Array.isArray(issues) || !issues.length) bad("not a non-empty array");
        const prints = new Set();
        for (const i of issues) {
          for (const k of ["description", "check_name", "fingerprint", "severity"]) if (typeof i[k] !== "string" || !i[k]) bad(`an issue has no ${k}`);
          if (!["info", "minor", "major", "critical", "blocker"].includes(i.severity)) bad(`severity ${i.severity}`);
          const p = i.location && i.location.path;
          if (!p || p.startsWith("./") || p.startsWith("/") || !fs.existsSync(process.argv[2] + "/" + p)) bad(`location.path ${p} is not a file of the repository`);
          if (!Number.isInteger(i.location.lines && i.location.lines.begin)) bad("an issue has no location.lines.begin");
          if (prints.has(i.fingerprint)) bad("two issues share a fingerprint");
          prints.add(i.fingerprint);
        }
        if (!issues.some((i) => i.check_name === "DFCU-8.1-duration" && i.location.path === "courses/bordeaux-manager-equipe-hybride.yaml")) bad("no DFCU-8.1-duration issue on the Bordeaux proposal");
        if (issues.some((i) => i.check_name === "DFCU-6.1-mandatory")) bad("a waived finding is an issue");' "$project/$file" "$project" ||
        fail "$platform: $file is not the Code Quality report expected" ;;
    junit)
      xmllint --noout "$project/$file" || fail "$platform: $file is not well-formed XML"
      grep -q '<failure' "$project/$file" || fail "$platform: $file has no failure" ;;
  esac
done <"$work/extracted/facts.tsv"
grep -q "::error file=courses/bordeaux-manager-equipe-hybride.yaml" "$work/command-1.out" ||
  fail "the GitHub command wrote no ::error annotation for the Bordeaux proposal"
echo "docs/ci.md: the workflows are valid, cache and install the .deb, and their $n cadre commands write the reports the platforms read"
