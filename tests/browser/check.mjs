// Opens plead's HTML reports in Debian's headless Chromium and checks what a reader gets:
// no console errors, nothing fetched from anywhere but the file itself, every SVG chart
// on the page with a non-zero size (and no taller than an A4 page when printed), and no
// axe-core violation. Takes a full-page screenshot and an A4 PDF of each, into a
// temporary folder whose paths it prints (CI artefacts, never committed).
//
// Printed on A4, it also checks the page breaks: no heading is the last thing on a page
// (stranded above what it introduces), no chart is on another page than its table, and
// the first page is not left mostly empty. (A chart and the start of its table that
// together exceed a page cannot share one and are not held to it.) Chromium does not tell a page where its PDF
// breaks fall, so the print layout is laid out again as columns one A4 page high and one
// page's printable width wide: the same fragmentation engine, honouring the same
// break-before/after/inside rules, puts each element in the column its page would be.
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
  // A page of lists alone (the actions log) says it has no figures to chart.
  const chartless = await page.$('[data-charts="none"]');
  if (charts.length === 0 && !chartless) problems.push('no chart on the page');
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
  for (const p of await pageBreakProblems(page)) problems.push(p);
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

/** The page-break problems of a page already in print media. */
async function pageBreakProblems(page) {
  // A4 at 96 px per inch less the print margins (14 mm top and bottom, 12 mm sides).
  const width = Math.floor(((210 - 24) / 25.4) * 96);
  const height = Math.floor(A4_PRINTABLE_HEIGHT);
  await page.setViewportSize({ width, height });
  return page.evaluate(
    ({ width, height }) => {
      const style = document.createElement('style');
      style.textContent = `html, body { margin: 0 !important; padding: 0 !important; }
        body { column-width: ${width}px; column-gap: 0; column-fill: auto;
               height: ${height}px; width: ${width}px; }`;
      document.head.appendChild(style);
      const pageOf = (el) => {
        const r = el.getClientRects()[0] || el.getBoundingClientRect();
        return Math.floor((r.left + window.scrollX + 1) / width);
      };
      const visible = (el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      };
      // The next element in reading order that is not inside `el`.
      const after = (el) => {
        let n = el;
        while (n && !n.nextElementSibling) n = n.parentElement;
        n = n && n.nextElementSibling;
        while (n && !visible(n)) n = n.nextElementSibling;
        return n;
      };
      const problems = [];
      for (const h of document.querySelectorAll('h1, h2, h3, h4')) {
        const next = after(h);
        if (next && pageOf(next) > pageOf(h)) {
          problems.push(`heading "${h.textContent.trim()}" is the last thing on page ${pageOf(h) + 1}`);
        }
      }
      for (const f of document.querySelectorAll('figure')) {
        const next = after(f);
        const table = next && (next.matches('table') ? next : next.querySelector('table'));
        // Together only where the chart and the table's header and first row fit a page.
        const start = table
          ? [...table.querySelectorAll('thead, tr')].slice(0, 2)
              .reduce((h, r) => h + r.getBoundingClientRect().height, 0)
          : 0;
        const fits = f.getBoundingClientRect().height + start <= height;
        if (table && fits && pageOf(table) > pageOf(f)) {
          problems.push(`chart "${f.querySelector('figcaption')?.textContent.trim()}" is on page ${pageOf(f) + 1}, its table on ${pageOf(next) + 1}`);
        }
      }
      // The first page: how far down its last piece of content reaches.
      let bottom = 0;
      let pages = 1;
      for (const el of document.body.querySelectorAll('*')) {
        if (!visible(el) || el.children.length > 0) continue;
        const p = pageOf(el);
        pages = Math.max(pages, p + 1);
        if (p === 0) bottom = Math.max(bottom, el.getBoundingClientRect().bottom);
      }
      if (pages > 1 && bottom < 0.6 * height) {
        problems.push(`page 1 is ${Math.round(100 - (100 * bottom) / height)}% empty`);
      }
      style.remove();
      return problems;
    },
    { width, height },
  );
}

await context.close();
rmSync(userDataDir, { recursive: true, force: true });
console.log(`screenshots and PDFs: ${artefacts}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
