// Opens plead's HTML reports in Debian's headless Chromium and checks what a reader gets:
// no console errors, nothing fetched from anywhere but the file itself, every SVG chart
// on the page with a non-zero size (and no taller than an A4 page when printed), and no
// axe-core violation. Takes a full-page screenshot and an A4 PDF of each, into a
// temporary folder whose paths it prints (CI artefacts, never committed).
//
//   node check.mjs report.html diff.html …        (CHROMIUM=/path/to/chromium to override)
//
// Prints one line per page and a closing "N passed, N failed"; exits 1 on any failure.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs FILE.html...');
  process.exit(2);
}

// The flags that keep Chromium off the network (it is closed here) and out of any
// profile: a fresh user data directory each run.
const userDataDir = mkdtempSync(join(tmpdir(), 'plead-chromium-'));
const artefacts = mkdtempSync(join(tmpdir(), 'plead-html-check-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: { width: 1200, height: 900 },
  // The page's Content-Security-Policy forbids every script, axe-core's too; the check
  // below that nothing but the file itself is requested stands in for what it guards.
  bypassCSP: true,
});

// A4 at 96 px per inch, less the print margins of 14 mm top and bottom.
const A4_PRINTABLE_HEIGHT = ((297 - 28) / 25.4) * 96;

let passed = 0;
let failed = 0;
for (const file of files) {
  const problems = [];
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('file:') && !url.startsWith('data:')) {
      problems.push(`fetched from elsewhere: ${url}`);
    }
  });
  const url = pathToFileURL(resolve(file)).href;
  await page.goto(url, { waitUntil: 'load' });

  const charts = await page.$$eval('svg', (svgs) =>
    svgs.map((svg) => {
      const r = svg.getBoundingClientRect();
      const style = getComputedStyle(svg);
      const width = document.documentElement.scrollWidth;
      return {
        name: svg.getAttribute('aria-labelledby') || '(unlabelled svg)',
        width: r.width,
        height: r.height,
        onPage:
          style.display !== 'none' &&
          style.visibility !== 'hidden' &&
          r.left >= 0 &&
          r.right <= width + 0.5 &&
          r.top + window.scrollY >= 0,
      };
    }),
  );
  if (charts.length === 0) problems.push('no chart on the page');
  for (const c of charts) {
    if (!(c.width > 0 && c.height > 0)) problems.push(`chart ${c.name} has no size`);
    if (!c.onPage) problems.push(`chart ${c.name} is not on the page`);
  }
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  if (overflow > 0) problems.push(`the page is ${overflow}px wider than the window`);

  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  for (const v of axe) {
    problems.push(`axe ${v.id}: ${v.help} (${v.nodes.join('; ')})`);
  }

  const name = basename(file).replace(/\.html?$/, '');
  const screenshot = join(artefacts, `${name}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });

  // Printed: A4, print styles; no chart taller than a page, so none is cut.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  const tall = await page.$$eval(
    'svg',
    (svgs, max) =>
      svgs
        .map((s) => [s.getAttribute('aria-labelledby'), s.getBoundingClientRect().height])
        .filter(([, h]) => h > max),
    A4_PRINTABLE_HEIGHT,
  );
  for (const [n, h] of tall) problems.push(`chart ${n} is ${Math.round(h)}px tall in print`);
  const pdf = join(artefacts, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  await page.close();

  if (problems.length === 0) {
    passed += 1;
    console.log(
      `ok   ${file}: ${charts.length} chart${charts.length === 1 ? '' : 's'}, 0 axe violations; screenshot ${screenshot}, A4 ${pdf}`,
    );
  } else {
    failed += 1;
    console.log(`FAIL ${file}: screenshot ${screenshot}`);
    for (const p of problems) console.log(`       ${p}`);
  }
}

await context.close();
rmSync(userDataDir, { recursive: true, force: true });
console.log(`screenshots and PDFs: ${artefacts}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
