#!/usr/bin/env bash
# ctest: the evidence pack of `cadre audit` on the examples opens in headless Chromium without
# a console error, shows the 32 indicators with their statuses, and prints on A4. Leaves the
# pack, its screenshot (audit-index.png) and its PDF in ARTEFACTS/ for people to look at.
#
#   tests/browser/audit_page.sh CADRE_BINARY ARTEFACTS_DIR   (from the repository root)
set -euo pipefail
cadre=$1
artefacts=$2
mkdir -p "$artefacts"
"$cadre" audit --as-of 2025-06-01 --out "$artefacts/audit-pack" examples/courses examples/sessions examples/certificates
node tests/browser/render.mjs "$artefacts/audit-pack/index.html" --screenshot "$artefacts/audit-index.png" \
    --pdf "$artefacts/audit-index.pdf" >"$artefacts/audit-index.json"
node - "$artefacts/audit-index.json" "$artefacts/audit-index.png" <<'JS'
const fs = require('fs');
const result = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const problems = [];
if (result.console_errors.length) problems.push(`console errors: ${result.console_errors.join('; ')}`);
if (result.pdf_pages < 1) problems.push('the page does not print');
if (!fs.existsSync(process.argv[3]) || fs.statSync(process.argv[3]).size < 10000) problems.push('no screenshot');
for (let n = 1; n <= 32; n++)
  if (!new RegExp(`Indicateur ${n}(?!\\d)`).test(result.text)) problems.push(`the page does not show "Indicateur ${n}"`);
const expected = [
  'Dossier de preuves Qualiopi', 'Arrêté au', '2025-06-01',         // title and date
  'Université de Lille',                                            // scope
  'Preuves réunies', 'Écart', 'Non applicable', 'Non vérifié par le logiciel',  // statuses, as words
  'Taux d\'achèvement par formation',                               // a chart's caption
  'DFCU-8.1-duration', 'examples/courses/bordeaux-manager-equipe-hybride.yaml:18:17',  // a finding and where
];
for (const text of expected) if (!result.text.includes(text)) problems.push(`the page does not show "${text}"`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`evidence pack: 32 indicators, ${result.pdf_pages} A4 pages, no console error`);
JS
