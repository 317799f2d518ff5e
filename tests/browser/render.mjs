#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// Renders a local HTML page in headless Chromium, the way a person would open it, for tests
// of the pages cadre writes (audit evidence packs, jury reports):
//
//   node tests/browser/render.mjs PAGE.html --screenshot OUT.png [--pdf OUT.pdf] [--width PX]
//
// Uses Debian's /usr/bin/chromium (or $CHROMIUM) through playwright-core, installed into
// tools/npm by .ci/setup. Saves a full-page screenshot and, with --pdf, the page printed on
// A4. Prints one JSON line on standard output:
//
//   {"console_errors": [...], "text": "<document.body.innerText>", "pdf_pages": N}
//
// console_errors holds console.error messages, uncaught page errors and failed requests.
// Exit status: 0 when the page was rendered (the caller judges what it says), 2 on a usage
// error or when the browser cannot be launched or the page cannot be loaded.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function fail(message) {
  process.stderr.write(`render.mjs: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { page: null, screenshot: null, pdf: null, width: 1100 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--screenshot') options.screenshot = value();
    else if (arg === '--pdf') options.pdf = value();
    else if (arg === '--width') options.width = Number.parseInt(value(), 10);
    else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
    else if (options.page === null) options.page = arg;
    else fail(`unexpected argument ${arg}`);
  }
  if (!options.page || !options.screenshot)
    fail('usage: node tests/browser/render.mjs PAGE.html --screenshot OUT.png [--pdf OUT.pdf] [--width PX]');
  if (!Number.isInteger(options.width) || options.width < 200) fail('--width takes a number of pixels (200 or more)');
  if (!existsSync(options.page)) fail(`no such page: ${options.page}`);
  return options;
}

// playwright-core from tools/npm (where .ci/setup installs it), else from the usual places.
function loadPlaywright() {
  const repository = new URL('../../', import.meta.url);
  for (const base of [new URL('tools/npm/package.json', repository), pathToFileURL(resolve('package.json'))]) {
    try {
      return createRequire(base)('playwright-core');
    } catch {
      // try the next place
    }
  }
  fail('playwright-core is not installed: run bash .ci/setup');
}

// Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`).
function countPdfPages(bytes) {
  const text = bytes.toString('latin1');
  const matches = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return matches ? matches.length : 0;
}

const options = parseArgs(process.argv.slice(2));
const { chromium } = loadPlaywright();
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) fail(`no browser at ${executablePath}: run bash .ci/setup (Debian package chromium)`);

let browser;
try {
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
} catch (error) {
  fail(`cannot launch ${executablePath}: ${error.message}`);
}
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: options.width, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`failed to load ${request.url()}: ${request.failure()?.errorText}`));
  await page.goto(pathToFileURL(resolve(options.page)).href, { waitUntil: 'load' });
  const text = await page.evaluate(() => document.body.innerText);
  await page.screenshot({ path: options.screenshot, fullPage: true });
  let pdfPages = 0;
  if (options.pdf) {
    await page.pdf({ path: options.pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    pdfPages = countPdfPages(readFileSync(options.pdf));
  }
  process.stdout.write(JSON.stringify({ console_errors: errors, text, pdf_pages: pdfPages }) + '\n');
} catch (error) {
  await browser.close();
  fail(`cannot render ${options.page}: ${error.message}`);
}
await browser.close();
