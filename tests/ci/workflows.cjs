// SPDX-License-Identifier: Apache-2.0
// Reads the GitHub and GitLab workflows of docs/ci.md (the ```yaml blocks whose first line
// is `# .github/workflows/cadre.yml` or `# .gitlab-ci.yml`), parses them as YAML and checks
// what the page says of them: the .deb is downloaded once into a cache keyed by the version
// and installed from there, and the report files the platforms read are the ones the
// `cadre` command writes. Writes OUT/github.json, OUT/gitlab.json (the parsed workflows),
// OUT/commands.txt (each `cadre` command line, NUL-terminated), OUT/scripts/*.sh (every
// shell step) and OUT/facts.tsv (what the shell test checks after running the commands).
// Usage: node workflows.cjs docs/ci.md OUT (NODE_PATH=tools/npm/node_modules, for js-yaml).
"use strict";
const fs = require("fs");
const yaml = require("js-yaml");
const [doc, out] = process.argv.slice(2);
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

// The fenced yaml blocks, by the file name their first line gives.
const blocks = {};
const fence = /^```yaml\n(# (\S+)\n[\s\S]*?)^```$/gm;
for (const m of fs.readFileSync(doc, "utf8").matchAll(fence)) blocks[m[2]] = m[1];
const github = blocks[".github/workflows/cadre.yml"];
const gitlab = blocks[".gitlab-ci.yml"];
if (!github || !gitlab) {
  console.error(`${doc}: no GitHub (# .github/workflows/cadre.yml) or GitLab (# .gitlab-ci.yml) yaml block`);
  process.exit(1);
}
const load = (name, text) => {
  try {
    return yaml.load(text, { filename: name });  // YAML 1.2 core: `on` stays a key
  } catch (e) {
    console.error(`${doc}: ${name} is not valid YAML: ${e.message}`);
    process.exit(1);
  }
};
const gh = load(".github/workflows/cadre.yml", github);
const gl = load(".gitlab-ci.yml", gitlab);
fs.mkdirSync(`${out}/scripts`, { recursive: true });
fs.writeFileSync(`${out}/github.yml`, github);
fs.writeFileSync(`${out}/gitlab-ci.yml`, gitlab);
fs.writeFileSync(`${out}/github.json`, JSON.stringify(gh, null, 2));
fs.writeFileSync(`${out}/gitlab.json`, JSON.stringify(gl, null, 2));

// `cadre ...` command lines of a shell script: continuation lines joined.
const cadreCommands = (script) =>
  script.replace(/\\\n\s*/g, " ").split("\n").map((l) => l.trim()).filter((l) => /^cadre\s/.test(l));
// The value that follows an option: `--format sarif --output cadre.sarif` → outputs.sarif.
const outputs = (command) => {
  const words = command.split(/\s+/), found = {};
  words.forEach((w, i) => {
    if (w === "--format" && words[i + 2] === "--output") found[words[i + 1]] = words[i + 3];
  });
  return found;
};
const commands = [], facts = [];
let scripts = 0;
const script = (name, text) => fs.writeFileSync(`${out}/scripts/${String(++scripts).padStart(2, "0")}-${name}.sh`, text + "\n");
const deb = ".cadre-deb/cadre.deb";
const debUrl = /\/releases\/download\/v\$CADRE_VERSION\/cadre_\$\{CADRE_VERSION\}_amd64\.deb/;

// ---- GitHub Actions ---------------------------------------------------------------------
{
  const version = gh.env && gh.env.CADRE_VERSION;
  check(typeof version === "string" && version.length > 0, "GitHub: env.CADRE_VERSION is not set");
  facts.push(["version", "github", version]);
  const steps = (gh.jobs && gh.jobs.check && gh.jobs.check.steps) || [];
  check(steps.length > 0, "GitHub: no jobs.check.steps");
  const cache = steps.find((s) => typeof s.uses === "string" && s.uses.startsWith("actions/cache@"));
  check(cache, "GitHub: no actions/cache step");
  if (cache) {
    check(cache.with && cache.with.path === ".cadre-deb", "GitHub: the cache does not keep .cadre-deb");
    check(cache.with && /\$\{\{\s*env\.CADRE_VERSION\s*\}\}/.test(cache.with.key || ""), "GitHub: the cache key does not hold the version");
    check(typeof cache.id === "string", "GitHub: the cache step has no id");
  }
  const download = steps.find((s) => typeof s.run === "string" && s.run.includes("curl"));
  check(download, "GitHub: no step downloads the .deb");
  if (download && cache) {
    check(new RegExp(`steps\\.${cache.id}\\.outputs\\.cache-hit != 'true'`).test(download.if || ""),
          "GitHub: the download does not happen only when the cache missed");
    check(download.run.includes(`-o ${deb}`) && debUrl.test(download.run.replace(/\\\n\s*/g, "")),
          `GitHub: the download does not write the release's cadre_<version>_amd64.deb to ${deb}`);
  }
  const install = steps.find((s) => typeof s.run === "string" && /apt-get install -y \.\/\.cadre-deb\/cadre\.deb/.test(s.run));
  check(install, `GitHub: no step installs ./${deb} with apt-get`);
  check(steps.indexOf(cache) < steps.indexOf(download) && steps.indexOf(download) < steps.indexOf(install),
        "GitHub: the steps are not cache, download, install in that order");
  for (const s of steps) if (typeof s.run === "string") script("github", s.run);
  const run = steps.filter((s) => typeof s.run === "string").flatMap((s) => cadreCommands(s.run));
  check(run.length > 0, "GitHub: no cadre command");
  check(steps.indexOf(install) < steps.findIndex((s) => typeof s.run === "string" && cadreCommands(s.run).length),
        "GitHub: cadre runs before it is installed");
  for (const c of run) {
    commands.push(c);
    const o = outputs(c);
    const upload = steps.find((s) => typeof s.uses === "string" && s.uses.startsWith("github/codeql-action/upload-sarif@"));
    if (o.sarif) {
      check(upload && upload.with && upload.with.sarif_file === o.sarif, `GitHub: upload-sarif does not read ${o.sarif}, which cadre writes`);
      facts.push(["sarif", "github", o.sarif]);
    }
    check(gh.permissions && gh.permissions["security-events"] === "write", "GitHub: uploading SARIF needs security-events: write");
  }
}

// ---- GitLab CI -------------------------------------------------------------------------
{
  const job = gl.cadre || {};
  const version = job.variables && job.variables.CADRE_VERSION;
  check(typeof version === "string" && version.length > 0, "GitLab: cadre.variables.CADRE_VERSION is not a string");
  facts.push(["version", "gitlab", version]);
  check(job.cache && /\$CADRE_VERSION|\$\{CADRE_VERSION\}/.test(job.cache.key || ""), "GitLab: the cache key does not hold the version");
  check(job.cache && Array.isArray(job.cache.paths) && job.cache.paths.includes(".cadre-deb/"), "GitLab: the cache does not keep .cadre-deb/");
  const before = (job.before_script || []).join("\n");
  check(before.includes(`if [ ! -f ${deb} ]`), `GitLab: the download does not depend on ${deb} being absent (cached)`);
  check(before.includes(`-o ${deb}`) && debUrl.test(before.replace(/\\\n\s*/g, "")),
        `GitLab: the download does not write the release's cadre_<version>_amd64.deb to ${deb}`);
  check(/apt-get install -y \.\/\.cadre-deb\/cadre\.deb/.test(before), `GitLab: ./${deb} is not installed with apt-get`);
  for (const s of job.before_script || []) script("gitlab", s);
  for (const s of job.script || []) script("gitlab", s);
  const run = (job.script || []).flatMap(cadreCommands);
  check(run.length > 0, "GitLab: no cadre command");
  const reports = (job.artifacts && job.artifacts.reports) || {};
  check(job.artifacts && job.artifacts.when === "always", "GitLab: the reports are not kept when the job fails (artifacts:when: always)");
  for (const c of run) {
    commands.push(c);
    const o = outputs(c);
    check(o.gitlab && reports.codequality === o.gitlab, `GitLab: artifacts:reports:codequality (${reports.codequality}) is not the file cadre writes with --format gitlab (${o.gitlab})`);
    check(o.junit && reports.junit === o.junit, `GitLab: artifacts:reports:junit (${reports.junit}) is not the file cadre writes with --format junit (${o.junit})`);
    if (o.gitlab) facts.push(["codequality", "gitlab", o.gitlab]);
    if (o.junit) facts.push(["junit", "gitlab", o.junit]);
  }
}

fs.writeFileSync(`${out}/commands.txt`, commands.map((c) => c + "\0").join(""));
fs.writeFileSync(`${out}/facts.tsv`, facts.map((f) => f.join("\t") + "\n").join(""));
if (failures.length) {
  for (const f of failures) console.error(`${doc}: ${f}`);
  process.exit(1);
}
console.log(`${doc}: GitHub and GitLab workflows parse; ${commands.length} cadre commands, ${scripts} shell steps`);
