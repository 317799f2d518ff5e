#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ctest: the evidence pack of `cadre audit` on the examples opens in headless Chromium without
# a console error, shows the 32 indicators with their statuses, and prints on A4 with a running
# header and « Page n sur N » on every sheet (read back from the PDF with pdftotext). A pack made
# with --provider holds only that university's courses, sessions and certificates. Neither
# language's pack leaks the other's words. Leaves the packs, screenshots and PDFs in ARTEFACTS/.
#
#   tests/browser/audit_page.sh CADRE_BINARY ARTEFACTS_DIR   (from the repository root)
set -euo pipefail
cadre=$1
artefacts=$2
mkdir -p "$artefacts"
inputs=(examples/courses examples/sessions examples/certificates)
rm -rf "$artefacts/audit-pack" "$artefacts/audit-pack-en" "$artefacts/audit-pack-lille" "$artefacts/audit-pack-tours"
"$cadre" audit --as-of 2025-06-01 --out "$artefacts/audit-pack" "${inputs[@]}" >/dev/null
"$cadre" audit --as-of 2025-06-01 --lang en --out "$artefacts/audit-pack-en" "${inputs[@]}" >/dev/null
"$cadre" audit --as-of 2025-06-01 --provider "universite de lille" --out "$artefacts/audit-pack-lille" "${inputs[@]}" >/dev/null
"$cadre" audit verify "$artefacts/audit-pack-lille" >/dev/null  # the scope is re-run from the manifest
# Tours produces no course: its pack is its trainee in Clermont's session and the certificate it issued.
"$cadre" audit --as-of 2025-06-01 --provider "Université de Tours" --out "$artefacts/audit-pack-tours" "${inputs[@]}" >/dev/null
"$cadre" audit verify "$artefacts/audit-pack-tours" >/dev/null
for pack in audit-pack audit-pack-en audit-pack-lille audit-pack-tours; do
  node tests/browser/render.mjs "$artefacts/$pack/index.html" --screenshot "$artefacts/$pack.png" \
      --pdf "$artefacts/$pack.pdf" >"$artefacts/$pack.json"
  pdftotext -layout "$artefacts/$pack.pdf" "$artefacts/$pack.txt"
done
cp "$artefacts/audit-pack.png" "$artefacts/audit-index.png"
node - "$artefacts" <<'JS'
const fs = require('fs');
const dir = process.argv[2];
const problems = [];
const read = (pack) => JSON.parse(fs.readFileSync(`${dir}/${pack}.json`, 'utf8'));
const flat = (text) => text.replace(/[\u00A0\u202F]/g, ' ');
const fr = read('audit-pack');
const text = flat(fr.text);
if (fr.console_errors.length) problems.push(`console errors: ${fr.console_errors.join('; ')}`);
if (fr.pdf_pages < 2) problems.push(`the pack prints on ${fr.pdf_pages} page(s)`);
for (let n = 1; n <= 32; n++)
  if (!new RegExp(`Indicateur ${n}(?!\\d)`).test(text)) problems.push(`the page does not show "Indicateur ${n}"`);
const expected = [
  'Dossier de preuves Qualiopi', 'Arrêté au', '1er juin 2025',           // title and date, as French write it
  'Ce dossier couvre 6 universités', 'Université de Lille', '--provider',  // spans several providers, says how to scope
  'Preuves réunies', 'Écart', 'Non applicable', 'Non vérifié par le logiciel',  // statuses, as words
  'Taux d\'achèvement par formation',                                    // a chart's caption
  'DFCU-8.1-duration', 'examples/courses/bordeaux-manager-equipe-hybride.yaml:18:17',  // a finding and where
  'UC-LIL-2025-004 Produire des documents numériques accessibles',       // a code with its title
  'Annexe — Intégrité', 'examples/courses/lille-documents-numeriques-accessibles.yaml',
];
for (const t of expected) if (!text.includes(t)) problems.push(`the page does not show "${t}"`);
// What really prints: a running header and the page number on every sheet.
const printed = fs.readFileSync(`${dir}/audit-pack.txt`, 'utf8').split('\f').filter((p) => p.trim());
if (printed.length !== fr.pdf_pages) problems.push(`pdftotext reads ${printed.length} pages of ${fr.pdf_pages}`);
printed.forEach((page, k) => {
  if (!page.includes(`Page ${k + 1} sur ${printed.length}`)) problems.push(`printed page ${k + 1} has no "Page ${k + 1} sur ${printed.length}"`);
  if (!page.includes('Dossier de preuves Qualiopi — 6 universités') || !page.includes('Arrêté au 1er juin 2025'))
    problems.push(`printed page ${k + 1} has no running header`);
});
// One provider's pack: its records only, and the scope said on the cover.
const lille = JSON.parse(fs.readFileSync(`${dir}/audit-pack-lille/evidence.json`, 'utf8'));
if (lille.scope.provider !== 'universite de lille') problems.push('the Lille pack does not record its provider');
if (JSON.stringify(lille.scope.universities) !== '["Université de Lille"]') problems.push(`Lille pack universities: ${lille.scope.universities}`);
if (lille.records.length === 0) problems.push('the Lille pack holds no record');
// Every course, session and certificate in a provider's pack is that provider's, read from
// the records themselves: a course it produces, a certificate it issued or of its course, and
// of a session only its part — its own trainees (by contract), the rest only if it produces
// the course. Figures count no other university's trainee.
const yaml = (file) => fs.readFileSync(file, 'utf8');
const field = (text, re) => { const m = text.match(re); return m ? m[1] : ''; };
function checkProvider(name, pack, university, producedCourses) {
  const evidence = JSON.parse(fs.readFileSync(`${dir}/${pack}/evidence.json`, 'utf8'));
  if (evidence.records.length === 0) problems.push(`the ${name} pack holds no record`);
  let trainees = 0;
  for (const r of evidence.records) {
    const text = yaml(r.file);
    if (r.kind === 'course') {
      if (field(text, /producer:\s*\n\s*university:\s*"([^"]+)"/) !== university) problems.push(`the ${name} pack holds course ${r.id}, not ${university}'s`);
    } else if (r.kind === 'certificate') {
      const issuer = field(text, /issuer:\s*\n\s*university:\s*"([^"]+)"/);
      if (issuer !== university && !producedCourses.includes(field(text, /\ncourse:\s*(\S+)/)))
        problems.push(`the ${name} pack holds certificate ${r.id}, issued by ${issuer}`);
    } else if (r.kind === 'session') {
      const own = producedCourses.includes(field(text, /\ncourse:\s*(\S+)/));
      // Each trainee block: "- id: Tn" then "university: ...".
      const blocks = text.split(/\n  - id: /).slice(1).map((b) => [b.split('\n')[0].trim(), field(b, /university:\s*"([^"]+)"/)]);
      const theirs = blocks.filter(([, u]) => u === university).map(([id]) => id);
      const shown = r.trainees || blocks.map(([id]) => id);
      if (JSON.stringify(shown) !== JSON.stringify(theirs)) problems.push(`the ${name} pack covers trainees ${shown} of session ${r.id}, expected ${theirs}`);
      if (!own && !r.trainees) problems.push(`the ${name} pack holds all of session ${r.id} of another university`);
      trainees += theirs.length;
    } else {
      problems.push(`the ${name} pack holds a ${r.kind} record`);
    }
  }
  if (evidence.scope.trainees !== trainees) problems.push(`the ${name} pack counts ${evidence.scope.trainees} trainees, expected ${trainees}`);
  const completion = (evidence.figures || []).find((f) => f.id === 'completion-rate');
  if (!completion || completion.total.denominator !== trainees) problems.push(`the ${name} completion rate does not count its ${trainees} trainees only`);
  return evidence;
}
checkProvider('Lille', 'audit-pack-lille', 'Université de Lille', ['UC-LIL-2025-004']);
const tours = checkProvider('Tours', 'audit-pack-tours', 'Université de Tours', []);
if (!tours.records.some((r) => r.kind === 'session' && JSON.stringify(r.trainees) === '["T01"]'))
  problems.push('the Tours pack does not hold its trainee T01 of the Clermont session');
const toursText = flat(read('audit-pack-tours').text);
if (!toursText.includes('session partagée : seul T01 relève de ce dossier'))
  problems.push('the Tours pack does not say the session is shared');
const manifest = JSON.parse(fs.readFileSync(`${dir}/audit-pack-lille/manifest.json`, 'utf8'));
if (manifest.command.provider !== 'universite de lille') problems.push('the Lille manifest does not record --provider');
const lilleText = flat(read('audit-pack-lille').text);
if (!lilleText.includes('Dossier restreint à un organisme, Université de Lille')) problems.push('the Lille cover does not state its scope');
const lillePrinted = fs.readFileSync(`${dir}/audit-pack-lille.txt`, 'utf8');
if (!lillePrinted.includes('Dossier de preuves Qualiopi — Université de Lille')) problems.push('the Lille pack has no running header');
// Intégrité: a provider's pack lists only the files its records come from, and says how the others were left out.
const integrity = lilleText.split('Annexe — Intégrité')[1] || '';
if (!/autres fichiers ont été lus, sans enregistrement de cet organisme/.test(integrity)) problems.push('the Lille Intégrité appendix does not say which inputs it leaves out');
if (integrity.includes('examples/courses/bordeaux')) problems.push('the Lille Intégrité appendix lists a Bordeaux file');
if (!/[0-9a-f]{64}/.test(integrity) || !integrity.includes('examples/sessions/lille-documents-accessibles-s1.yaml'))
  problems.push('the Lille Intégrité appendix does not give the hash of its session file');
// No English in the French pack, no French in the English one (the writers' words; record data aside).
const markdownFr = flat(fs.readFileSync(`${dir}/audit-pack/evidence.md`, 'utf8'));
const english = /\b(course|courses|certificate|certificates|warning|error|errors|finding|findings|waived|shortfall|evidenced|passed|failed|records?|as of)\b/i;
const scoped = [['Lille index.html', lilleText], ['Tours index.html', toursText],
                ['Tours evidence.md', flat(fs.readFileSync(`${dir}/audit-pack-tours/evidence.md`, 'utf8'))]];
for (const [name, body] of [['index.html', text], ['evidence.md', markdownFr], ...scoped]) {
  for (const line of body.split('\n')) {
    // File names, rule ids (DFCU-10.2-certificate) and `code` are names, not prose.
    const cleaned = line.replace(/[\w./-]+\.(ya?ml|json|md|html)(:\d+)*/g, '').replace(/`[^`]*`/g, '')
                        .replace(/\b[A-Z]+-[\w.-]+/g, '').replace(/\([^()]*\)/g, '')
                        .replace(/«[^»]*»/g, '').replace(/"[^"]*"/g, '');  // (field names, quoted values)
    const m = cleaned.match(english);
    if (m) problems.push(`English "${m[0]}" in the French ${name}: ${line.slice(0, 120)}`);
  }
}
// French as it is written: plurals chosen, no-break spaces before « : ; ! ? » and inside « ».
const rawFr = read('audit-pack').text + '\n' + fs.readFileSync(`${dir}/audit-pack/evidence.md`, 'utf8');
for (const line of rawFr.split('\n')) {
  const prose = line.replace(/https?:\/\/\S+/g, '').replace(/`[^`]*`/g, '');
  if (/\w\(s\)/.test(prose)) problems.push(`a plural written with (s) in the French pack: ${line.slice(0, 120)}`);
  if (/ [:;!?](\s|$)/.test(prose) || /« | »/.test(prose)) problems.push(`a plain space in French punctuation: ${line.slice(0, 120)}`);
}
const en = flat(read('audit-pack-en').text);
const markdownEn = flat(fs.readFileSync(`${dir}/audit-pack-en/evidence.md`, 'utf8'));
const french = /\b(formations?|certificats?|erreurs?|avertissements?|constats?|dérogations?|Arrêté|Indicateur|Critère|Périmètre|Annexe|Intégrité|Fichier|stagiaires?|réunies|écart)\b/;
for (const [name, body] of [['index.html', en], ['evidence.md', markdownEn]]) {
  for (const line of body.split('\n')) {
    // Values quoted from the records, in parentheses or quotation marks, are the records' words.
    const m = line.replace(/[\w./-]+\.(ya?ml|json|md|html)(:\d+)*/g, '').replace(/\([^()]*\)/g, '')
                  .replace(/"[^"]*"/g, '').replace(/«[^»]*»/g, '').match(french);
    if (m) problems.push(`French "${m[0]}" in the English ${name}: ${line.slice(0, 120)}`);
  }
}
if (problems.length) {
  console.error(problems.slice(0, 60).join('\n'));
  process.exit(1);
}
console.log(`evidence packs: 32 indicators, ${fr.pdf_pages} numbered A4 pages, a Lille-only pack, no language leak`);
JS
