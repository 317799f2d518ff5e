#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ctest: the jury page of `cadre stack --format html` opens in headless Chromium without a
# console error, shows what the jury must read, and prints on exactly ONE A4 sheet for every
# bundled example and fixture (issue 16), the decision block included. Leaves each page, its
# screenshot and its PDF in ARTEFACTS/jury/ for people to look at.
#
#   tests/browser/jury_page.sh CADRE_BINARY ARTEFACTS_DIR   (from the repository root)
set -euo pipefail
cadre=$1
artefacts=$2/jury
mkdir -p "$artefacts"
stack() {  # NAME ARGS...: writes NAME.html (exit 0 or 1: a verdict; 2 would be a failure)
  local name=$1
  shift
  "$cadre" stack --as-of 2025-06-01 --format html --output "$artefacts/$name.html" "$@" || [[ $? -eq 1 ]]
}
fixture=(--pathway fixtures/stack/pathway.yaml --catalog fixtures/stack/catalog --exceptions fixtures/stack/exceptions.yaml)
cases=()
for t in refused-credentials exception-applied eligible-greedy-fails holder-without-id inline-alias \
         inline-certificates invalid-certificate missing-course; do
  stack "fixture-$t" "${fixture[@]}" --transcript "fixtures/stack/$t.yaml"
  cases+=("fixture-$t")
done
stack fixture-credentials --pathway fixtures/stack/credentials/pathway.yaml --catalog fixtures/stack/credentials \
    --waivers fixtures/stack/credentials/waivers.yaml --transcript fixtures/stack/credentials-transcript.yaml
cases+=(fixture-credentials)
for pathway in DIU-IFD DU-DATA-SANTE; do
  for t in examples/transcripts/*.yaml; do
    name="example-$pathway-$(basename "$t" .yaml)"
    stack "$name" --pathway "$pathway" --catalog examples --transcript "$t"
    cases+=("$name")
  done
done
for name in "${cases[@]}"; do
  node tests/browser/render.mjs "$artefacts/$name.html" --screenshot "$artefacts/$name.png" --pdf "$artefacts/$name.pdf" \
      --width 900 >"$artefacts/$name.json"
done
node - "$artefacts" "${cases[@]}" <<'JS'
const fs = require('fs');
const [dir, ...cases] = process.argv.slice(2);
const problems = [];
for (const name of cases) {
  const result = JSON.parse(fs.readFileSync(`${dir}/${name}.json`, 'utf8'));
  if (result.console_errors.length) problems.push(`${name}: console errors: ${result.console_errors.join('; ')}`);
  if (result.pdf_pages !== 1) problems.push(`${name}: printed on ${result.pdf_pages} A4 pages, expected exactly 1`);
  // Every page: the decision block, the holder as §10.2 names them, the files judged.
  for (const text of ['Fait à', 'Pour le service de scolarité', 'Pour le jury', 'INE', 'Pièces examinées', 'SHA-256',
                      'logiciel cadre', 'aucun droit automatique'])
    if (!result.text.includes(text)) problems.push(`${name}: the page does not show "${text}"`);
  for (const word of ['registraire', 'Exception', '(s)', ' parmi [', '2025-06-01'])
    if (result.text.includes(word)) problems.push(`${name}: the page says "${word}"`);
  // French punctuation everywhere on the page: no plain space before « : ; ! ? » nor inside « ».
  for (const line of result.text.split('\n'))
    if (/ [:;!?](\s|$)/.test(line) || /« | »/.test(line)) problems.push(`${name}: a plain space in French punctuation: ${line.slice(0, 100)}`);
  // The authenticity count on a line of its own, not on the date's.
  const lines = result.text.split('\n');
  if (!lines.some((l) => /^Authenticité\u00A0: \d+ certificats? vérifiés? sur \d+ retenus? \(§10\.2\)$/.test(l.trim())))
    problems.push(`${name}: the authenticity count is not on a line of its own`);
  // Room to sign: each signature area at least 25 mm high, in the page's own style.
  const html = fs.readFileSync(`${dir}/${name}.html`, 'utf8');
  const sign = html.match(/\.sign div \{[^}]*min-height: (\d+(?:\.\d+)?)mm/);
  if (!sign || Number(sign[1]) < 25) problems.push(`${name}: signature areas under 25 mm`);
  if (!/\.decision \{[^}]*break-inside: avoid/.test(html)) problems.push(`${name}: the decision block may split`);
}
const raw = JSON.parse(fs.readFileSync(`${dir}/fixture-refused-credentials.json`, 'utf8')).text;
// French punctuation: a no-break space before the colon and inside « guillemets ».
for (const text of ['Verdict\u00A0: ', '«\u00A0Brique A\u00A0»'])
  if (!raw.includes(text)) problems.push(`fixture-refused-credentials: no no-break space in "${text}"`);
const rich = raw.replace(/[\u00A0\u202F]/g, ' ');
const expected = [
  'Verdict : Pas encore recevable', 'Situation au 1er juin 2025',       // the verdict, the date as French write it
  'Exigences du parcours', 'UC-STK-A « Brique A »',                     // requirements, with course titles
  '1 formation parmi UC-STK-A « Brique A » ou UC-STK-B « Brique B »',  // no programmer notation
  'Certificats retenus', 'Université de Bordeaux', '20 mars 2025', 'non vérifiée',  // issuer, date, authenticity slot
  'Ce qui manque', 'UC-STK-C',                                          // the smallest completion
  'Dérogations appliquées', 'Validation des acquis de l\'expérience', 'Jury du DIU',
  'CERT-D', 'ne déclare pas le parcours DIU-STK',                       // refused credentials and why
  'CERT-A-BOB', 'CERT-C-EXP', 'DFCU-8.4-validity',
  'date de naissance : 2 mai 1990',
];
for (const text of expected) if (!rich.includes(text)) problems.push(`fixture-refused-credentials: the page does not show "${text}"`);
// Each refusal says why once: its reason is in the table of refusals, not repeated elsewhere.
for (const reason of ['ne déclare pas le parcours DIU-STK', 'enfreint des règles du cadre', 'pas au titulaire du relevé',
                      'certificat déjà cité dans le relevé'])
  if (rich.split(reason).length !== 2) problems.push(`fixture-refused-credentials: "${reason}" is said ${rich.split(reason).length - 1} times, not once`);
// The eligible fixture meets the hours without the VAE exception: it must not read as applied.
const eligible = JSON.parse(fs.readFileSync(`${dir}/fixture-exception-applied.json`, 'utf8')).text.replace(/[\u00A0\u202F]/g, ' ');
const applied = eligible.split('Dérogations appliquées')[1] || '';
if (applied.split('Dérogation sans effet')[0].includes('Validation des acquis'))
  problems.push('fixture-exception-applied: the VAE exception, which changed nothing, reads as applied');
if (!eligible.includes('Dérogation sans effet sur ce dossier')) problems.push('fixture-exception-applied: no exception without effect shown');
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`jury pages: ${cases.length} cases, each on exactly one A4 page, no console error`);
JS
