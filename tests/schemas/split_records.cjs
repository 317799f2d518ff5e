// SPDX-License-Identifier: Apache-2.0
// Splits record files into one JSON file per record, named after its kind
// (OUT/<kind>.<n>.json), read as an editor's YAML language server reads them: YAML 1.2 core
// types, so `2025-01-13` stays the string a JSON Schema `pattern` checks (js-yaml's default
// schema would turn it into a Date). Usage: node split_records.cjs OUT FILE...
// Prints `FILE<TAB>kind<TAB>json` per record; exits 1 when a file holds no record.
// --duplicate-keys: read a duplicated key (the last wins) instead of refusing the file.
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");

const args = process.argv.slice(2);
const lenient = args[0] === "--duplicate-keys";
if (lenient) args.shift();
const [out, ...files] = args;
fs.mkdirSync(out, { recursive: true });
let n = 0;
let failed = false;
for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  let docs;
  if (file.endsWith(".jsonl")) docs = text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
  else if (file.endsWith(".json")) docs = [JSON.parse(text)];
  else docs = yaml.loadAll(text, null, { schema: yaml.JSON_SCHEMA, filename: file, json: lenient });
  const records = docs.filter((d) => d && typeof d === "object" && !Array.isArray(d) && typeof d.kind === "string");
  if (records.length === 0) {
    console.error(`${file}: no record with a kind`);
    failed = true;
  }
  for (const record of records) {
    const name = path.join(out, `${record.kind}.${++n}.json`);
    fs.writeFileSync(name, JSON.stringify(record, null, 2));
    console.log(`${file}\t${record.kind}\t${name}`);
  }
}
process.exit(failed ? 1 : 0);
