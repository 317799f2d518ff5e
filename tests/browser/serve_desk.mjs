#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// ctest: the registrar's desk of `cadre serve` in headless Chromium (issue 18), as a registrar
// uses it: open /, choose a pathway, give a transcript and three credentials (one of them a
// tampered Open Badge), submit; the jury sheet shows the verdict and the refused credential,
// and prints on one A4 page. Then a flawed proposal: its findings with their articles and
// lines. No console error (a Content-Security-Policy violation is one) on any page.
//
//   node tests/browser/serve_desk.mjs CADRE_BINARY ARTEFACTS_DIR   (from the repository root)
//
// Starts the server on a free loopback port and always stops it; stops by itself after 180 s.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [cadre, artefactsRoot] = process.argv.slice(2);
if (!cadre || !artefactsRoot) {
  process.stderr.write('usage: node tests/browser/serve_desk.mjs CADRE_BINARY ARTEFACTS_DIR\n');
  process.exit(2);
}
const artefacts = `${artefactsRoot}/serve`;
mkdirSync(artefacts, { recursive: true });

function loadPlaywright() {
  const repository = new URL('../../', import.meta.url);
  for (const base of [new URL('tools/npm/package.json', repository), pathToFileURL(resolve('package.json'))]) {
    try {
      return createRequire(base)('playwright-core');
    } catch {
      // try the next place
    }
  }
  process.stderr.write('playwright-core is not installed: run bash .ci/setup\n');
  process.exit(2);
}

const server = spawn(cadre, ['serve', '--listen', '127.0.0.1:0',
  '--catalog', 'fixtures/stack/authenticity/common/courses.yaml', '--catalog', 'fixtures/stack/authenticity/pathway.yaml',
  '--waivers', 'fixtures/stack/authenticity/common/waivers.yaml', '--trust', 'fixtures/stack/authenticity/trust.yaml',
  '--as-of', '2025-06-01'], { stdio: ['ignore', 'pipe', 'pipe'] });
let serverLog = '';
server.stderr.on('data', (chunk) => { serverLog += chunk; });
const stopServer = () => { if (server.exitCode === null) server.kill('SIGTERM'); };
process.on('exit', stopServer);
const watchdog = setTimeout(() => {
  process.stderr.write('serve_desk: timed out after 180 s\n');
  stopServer();
  process.exit(1);
}, 180_000);

const base = await new Promise((resolveUrl, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const match = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
    if (match) resolveUrl(match[1]);
  });
  server.on('exit', (code) => reject(new Error(`cadre serve exited (${code}): ${serverLog}`)));
}).catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});

function countPdfPages(bytes) {
  const matches = bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return matches ? matches.length : 0;
}
const plain = (text) => text.replace(/[\u00A0\u202F]/g, ' ');

const problems = [];
const expect = (condition, message) => { if (!condition) problems.push(message); };
const { chromium } = loadPlaywright();
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  process.stderr.write(`no browser at ${executablePath}: run bash .ci/setup\n`);
  process.exit(2);
}
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, locale: 'fr-FR' });
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`); });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));

  // The desk: the pathway by its title, the two forms.
  await page.goto(base, { waitUntil: 'load' });
  const desk = plain(await page.evaluate(() => document.body.innerText));
  expect(desk.includes('Un stagiaire peut-il se présenter au jury ?'), 'the desk does not offer the stack form');
  expect(desk.includes('Vérifier une proposition de formation'), 'the desk does not offer the check form');
  const option = await page.locator('#pathway option[value="DIU-CRED"]').textContent();
  expect(option.includes("DIU d'essai pour les justificatifs numériques"), `the pathway is not shown with its title: ${option}`);
  await page.screenshot({ path: `${artefacts}/desk.png`, fullPage: true });

  // A transcript and three credentials, one of them tampered.
  await page.selectOption('#pathway', 'DIU-CRED');
  await page.setInputFiles('#transcript', 'fixtures/serve/transcript.yaml');
  await page.setInputFiles('#credentials', ['fixtures/stack/authenticity/tampered/ob3-awa.json',
    'fixtures/stack/authenticity/common/elm-awa.jsonld', 'fixtures/serve/certificate-paper.yaml']);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#stack button[type=submit]')]);
  const sheet = plain(await page.evaluate(() => document.body.innerText));
  expect(sheet.includes('Verdict : Recevable'), 'the jury sheet does not show the verdict « Recevable »');
  expect(sheet.includes('Certificats qui ne comptent pas'), 'the jury sheet has no refused credentials');
  expect(/CERT-BDX-2025-000123[\s\S]*signature invalide, contenu altéré \(§10\.2\)/.test(sheet),
    'the tampered Open Badge is not refused for its altered content');
  expect(sheet.includes('justificatif ob3-awa.json') && sheet.includes('relevé transcript.yaml'),
    'the sheet does not name the files assessed');
  expect(sheet.includes('aucun droit automatique'), 'the sheet does not carry the §11 notice');
  await page.screenshot({ path: `${artefacts}/jury-sheet.png`, fullPage: true });
  await page.pdf({ path: `${artefacts}/jury-sheet.pdf`, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const pages = countPdfPages(readFileSync(`${artefacts}/jury-sheet.pdf`));
  expect(pages === 1, `the jury sheet prints on ${pages} A4 pages, expected 1`);

  // A flawed proposal: its findings, with articles and lines.
  await page.goto(base, { waitUntil: 'load' });
  await page.setInputFiles('#record', 'fixtures/courses/invalid/duration-too-long.yaml');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#check button[type=submit]')]);
  const report = plain(await page.evaluate(() => document.body.innerText));
  expect(report.includes('duration-too-long.yaml:16:17: error[DFCU-8.1-duration]'), 'the finding is not shown at its line and column');
  expect(report.includes('16 | workload_hours: 35'), 'the source line is not shown');
  expect(report.includes('§3, §8.1, §14 (dfcu-2023)'), 'the articles are not shown');
  expect(report.includes('1 non conforme'), 'the summary is not shown');
  await page.screenshot({ path: `${artefacts}/check.png`, fullPage: true });

  // In English on request.
  await page.goto(`${base}?lang=en`, { waitUntil: 'load' });
  expect((await page.evaluate(() => document.body.innerText)).includes("Can a trainee go before the jury?"),
    'the desk is not in English with ?lang=en');
  expect(errors.length === 0, `console errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  stopServer();
  clearTimeout(watchdog);
}
if (problems.length) {
  process.stderr.write(problems.join('\n') + '\n');
  process.exit(1);
}
process.stdout.write('serve desk: jury sheet with the tampered credential refused, on one A4 page; proposal findings shown\n');
