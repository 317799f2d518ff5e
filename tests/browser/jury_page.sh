#!/usr/bin/env bash
# ctest: the jury page of `cadre stack --format html` opens in headless Chromium without a
# console error, shows what the jury must read, and prints on A4. Leaves the page, its
# screenshot and its PDF in ARTEFACTS/ for people to look at.
#
#   tests/browser/jury_page.sh CADRE_BINARY ARTEFACTS_DIR   (from the repository root)
set -euo pipefail
cadre=$1
artefacts=$2
mkdir -p "$artefacts"
page=$artefacts/stack-jury.html
"$cadre" stack --pathway fixtures/stack/pathway.yaml --catalog fixtures/stack/catalog \
    --exceptions fixtures/stack/exceptions.yaml --as-of 2025-06-01 --format html \
    --transcript fixtures/stack/refused-credentials.yaml --output "$page" || [[ $? -eq 1 ]]
node tests/browser/render.mjs "$page" --screenshot "$artefacts/stack-jury.png" --pdf "$artefacts/stack-jury.pdf" \
    --width 900 >"$artefacts/stack-jury.json"
node - "$artefacts/stack-jury.json" <<'JS'
const fs = require('fs');
const result = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const problems = [];
if (result.console_errors.length) problems.push(`console errors: ${result.console_errors.join('; ')}`);
if (result.pdf_pages < 1 || result.pdf_pages > 3) problems.push(`printed on ${result.pdf_pages} A4 pages, expected 1 to 3`);
const expected = [
  'Verdict : Pas encore recevable',                       // the verdict
  'Exigences du parcours', 'UC-STK-A',                    // the requirement tree
  'Ce qui manque', 'UC-STK-C',                            // the smallest completion
  'Exceptions du registraire appliquées', 'Validation des acquis de l\'expérience', 'Jury du DIU',
  'CERT-D', 'ne déclare pas le parcours DIU-STK',         // refused credentials and why
  'CERT-A-BOB', 'CERT-C-EXP', 'DFCU-8.4-validity',
  'aucun droit automatique',                              // the notice (§11)
];
for (const text of expected) if (!result.text.includes(text)) problems.push(`the page does not show "${text}"`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`jury page: ${result.pdf_pages} A4 page(s), no console error`);
JS
