#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The JSON Schemas of `cadre schema` validate the records cadre accepts, with a real JSON
# Schema validator (ajv-cli, JSON Schema 2020-12, with ajv-formats; installed by .ci/setup):
# every record of examples/ and fixtures/courses/valid/ passes the schema of its kind, and
# records that break the schema (a wrong type, a missing field, a bad date, an unknown enum
# value) fail it. Usage: validate.sh CADRE WORKDIR (from the repository root).
set -euo pipefail
cadre=$1
work=$2/schemas-test
npm_bin=tools/npm/node_modules/.bin
[ -x $npm_bin/ajv ] || { echo "ajv-cli is missing: run bash .ci/setup" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"

"$cadre" schema --out "$work/schemas"
ajv() {
  # --strict-types=false: a `string` field takes any scalar (["string","number","boolean"]),
  # a union ajv's strict mode would only log about.
  "$npm_bin/ajv" validate --spec=draft2020 -c ajv-formats --strict-types=false --errors=text "$@"
}

# Every schema is a valid 2020-12 schema ajv compiles.
for schema in "$work"/schemas/*.schema.json; do
  "$npm_bin/ajv" compile --spec=draft2020 -c ajv-formats --strict-types=false -s "$schema" >/dev/null
done

mapfile -t files < <(find examples fixtures/courses/valid -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.jsonl' \) | sort)
[ ${#files[@]} -gt 20 ] || { echo "too few record files found (${#files[@]})" >&2; exit 1; }
NODE_PATH=tools/npm/node_modules node tests/schemas/split_records.cjs "$work/valid" "${files[@]}" > "$work/valid.tsv"
# One ajv run per kind, on all the records of that kind.
records=0
for kind in $(cut -f2 "$work/valid.tsv" | sort -u); do
  schema="$work/schemas/$kind.schema.json"
  [ -f "$schema" ] || { echo "no schema for kind $kind ($(grep -P "\t$kind\t" "$work/valid.tsv" | cut -f1 | head -1))" >&2; exit 1; }
  if ! out=$(ajv -s "$schema" -d "$work/valid/$kind.*.json" 2>&1); then
    echo "records of kind $kind fail their schema:" >&2
    echo "$out" >&2
    cut -f1,3 "$work/valid.tsv" >&2
    exit 1
  fi
  records=$((records + $(grep -cP "\t$kind\t" "$work/valid.tsv")))
done
kinds=$(cut -f2 "$work/valid.tsv" | sort -u | tr '\n' ' ')
echo "${#files[@]} files, $records records valid against their schema (kinds: $kinds)"

# Records that break the schema fail it, each for its own reason.
mkdir -p "$work/invalid"
base=fixtures/courses/valid/lille-documents-numeriques-accessibles.yaml
[ -f "$base" ] || base=$(grep -l '^kind: course' fixtures/courses/valid/*.yaml | head -1)
NODE_PATH=tools/npm/node_modules node - "$base" "$work/invalid" <<'JS'
const fs = require("fs"), yaml = require("js-yaml");
const [file, out] = process.argv.slice(2);
const course = yaml.load(fs.readFileSync(file, "utf8"), { schema: yaml.JSON_SCHEMA });
const variant = (name, change) => {
  const c = JSON.parse(JSON.stringify(course));
  change(c);
  fs.writeFileSync(`${out}/${name}.json`, JSON.stringify(c));
};
variant("hours-as-text", (c) => { c.workload_hours = "trente heures"; });
variant("no-title", (c) => { delete c.title; });
variant("bad-modality", (c) => { c.modality = "presentiel"; });
variant("bad-date", (c) => { c.calendar = { ...(c.calendar || {}), start: "13/01/2025" }; });
variant("list-as-text", (c) => { c.competences = "analyser des données"; });
JS
for json in "$work"/invalid/*.json; do
  # One run each: ajv fails a run when any file fails, and every variant must fail.
  if ajv -s "$work/schemas/course.schema.json" -d "$json" >"$work/out.txt" 2>&1; then
    echo "$(basename "$json" .json): a course that breaks the schema passed it" >&2
    exit 1
  fi
done
# And the repository's fixture of schema errors (records/broken/schema-errors.yaml).
NODE_PATH=tools/npm/node_modules node tests/schemas/split_records.cjs --duplicate-keys "$work/broken" fixtures/records/broken/schema-errors.yaml >/dev/null
for json in "$work"/broken/*.json; do
  kind=$(basename "$json" | cut -d. -f1)
  if ajv -s "$work/schemas/$kind.schema.json" -d "$json" >"$work/out.txt" 2>&1; then
    echo "fixtures/records/broken/schema-errors.yaml: a $kind record with schema errors passed the schema" >&2
    exit 1
  fi
done
echo "every invalid record fails its schema"
