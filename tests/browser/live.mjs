// A live workshop in headless Chromium at a phone's viewport: the facilitator's terminal
// answered a line at a time (`--script -`), one phone joining, voting and changing its
// vote, and the presenter view following the facilitator. Pages run under their own
// content security policy (no bypass), so the inline script that follows the room is the
// one a phone would run (killed and resumed midway, the pages reconnect by themselves);
// axe-core runs on every page in a second context that bypasses
// the policy only to load axe. Each page is also checked at 200% zoom (half the width)
// for content wider than the window.
//
//   node live.mjs PLEAD_BINARY        (CHROMIUM=/path/to/chromium to override)
//
// Prints one line per check and a closing "N passed, N failed"; exits 1 on any failure.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const plead = process.argv[2] && resolve(process.argv[2]);
if (!plead) {
  console.error('usage: node live.mjs PLEAD_BINARY');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'plead-live-'));
const artefacts = mkdtempSync(join(tmpdir(), 'plead-live-check-'));
let transcript = '';
function workshop(extra) {
  transcript = '';
  const c = spawn(
    plead,
    ['assess', 'building-blocks', '--live', '--bind', '127.0.0.1:0', '--org', 'Northshire NHS Trust',
      '--period', '2026-Q4', '--tags', 'patient leader, staff', '--script', '-', ...extra],
    { cwd: work, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  c.stderr.on('data', (d) => { transcript += d.toString(); });
  return c;
}
let child = workshop([]);

async function until(what, test, ms = 10000) {
  const start = Date.now();
  for (;;) {
    const got = await test();
    if (got) return got;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}\n${transcript}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
// A page's HTML, or '' while it is reloading itself.
const html = (page) => page.content().catch(() => '');
const facilitator = (line) => child.stdin.write(`${line}\n`);

let passed = 0;
let failed = 0;
function report(name, problems) {
  if (problems.length === 0) {
    passed += 1;
    console.log(`ok   ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}`);
    for (const p of problems) console.log(`       ${p}`);
  }
}

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args });
const phoneView = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const phone = await browser.newContext(phoneView);
const projector = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const auditor = await browser.newContext({ ...phoneView, bypassCSP: true });

// Console errors (a blocked script is one) and any request off the laptop; while the
// workshop is being restarted, the refused connections of the pages trying again are not.
let restarting = false;
function watch(page, problems, origin) {
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (restarting && /ERR_CONNECTION_(REFUSED|RESET)/.test(m.text())) return;
    problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(origin)) problems.push(`fetched ${r.url()}`); });
}

// axe-core, and no content wider than the window at 100% and at 200% zoom.
async function audit(name, url, cookies) {
  const problems = [];
  await auditor.clearCookies();
  if (cookies.length) await auditor.addCookies(cookies);
  const page = await auditor.newPage();
  await page.goto(url, { waitUntil: 'load' });
  for (const width of [390, 195]) {
    await page.setViewportSize({ width, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) problems.push(`${overflow}px wider than a ${width}px window`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
  });
  for (const v of violations) problems.push(`axe ${v}`);
  const shot = join(artefacts, `${name}.png`);
  await page.screenshot({ path: shot, fullPage: true });
  await page.close();
  report(`${name}: axe-core, 100% and 200% zoom (${shot})`, problems);
}

try {
  const links = await until('the join link', () => {
    const j = transcript.match(/Join: (http:\S+)/);
    const p = transcript.match(/Presenter view: (http:\S+)/);
    return j && p ? { join: j[1], presenter: p[1] } : null;
  });
  const origin = new URL(links.join).origin;
  const phoneProblems = [];
  const screenProblems = [];
  const me = await phone.newPage();
  watch(me, phoneProblems, origin);
  const screen = await projector.newPage();
  watch(screen, screenProblems, origin);

  await me.goto(links.join);
  await audit('join', links.join, []);
  await me.fill('#name', 'Sam <b>');
  await me.selectOption('#tag', 'staff');
  await me.click('button[type=submit]');
  await until('the waiting page', async () => (await html(me)).includes('You have joined as Sam &lt;b&gt;')).catch(async (e) => { throw new Error(me.url() + (await html(me)).slice(-1500)); });
  const cookies = await phone.cookies();
  const cookie = cookies.find((c) => c.name === 'plead_live');
  const strict = cookie && cookie.httpOnly && cookie.sameSite === 'Strict';
  report('the cookie is HttpOnly and SameSite=Strict', strict ? [] : [JSON.stringify(cookie)]);
  await audit('waiting', `${links.join}/vote`, cookies);

  await screen.goto(links.presenter);
  await audit('presenter-lobby', links.presenter, []);

  // The facilitator starts and opens voting: the phone follows by itself.
  facilitator('s');
  await until('the item on the phone', async () => (await html(me)).includes('Voting on this item is not open yet'));
  facilitator('o');
  await until('the choices on the phone', async () => (await me.locator('button.choice').count().catch(() => 0)) > 0);
  await audit('ballot', `${links.join}/vote`, cookies);
  await me.click('button.choice[value="2"]');
  await until('the vote acknowledged', async () => (await html(me)).includes('Your vote: 2'));
  const t0 = Date.now();
  await until('the count on the projector', async () => (await html(screen)).includes('1 of 1 have voted'), 1000);
  report(`the projector counted the vote ${Date.now() - t0} ms after it was acknowledged`, []);
  await me.click('button.choice[value="3"]');
  await until('the vote changed', async () => (await html(me)).includes('Your vote: 3'));
  await audit('presenter-open', links.presenter, []);

  // Killed mid-vote and resumed: the same link; the phone and the projector reconnect by
  // themselves, the phone known by its cookie, its vote kept, voting open again.
  const before = await me.getAttribute('body', 'data-v');
  const shown = await screen.getAttribute('body', 'data-v');
  restarting = true;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  child = workshop(['--resume']);
  const again = await until('the resumed link', () => transcript.match(/Join: (http:\S+)/));
  report('resumed on the same link', again[1] === links.join ? [] : [`${again[1]} is not ${links.join}`]);
  facilitator('s');
  await until('the phone reconnected', async () => {
    const v = await me.getAttribute('body', 'data-v').catch(() => before);
    return v !== before && (await html(me)).includes('Your vote: 3');
  }, 15000);
  await until('the projector reconnected', async () => {
    const v = await screen.getAttribute('body', 'data-v').catch(() => shown);
    return v !== shown && (await html(screen)).includes('1 of 1 have voted');
  }, 15000);
  restarting = false;
  report('the phone and the projector reconnected by themselves, the vote kept', []);

  const t1 = Date.now();
  facilitator('v');
  await until('the reveal on the projector', async () => (await html(screen)).includes('The room\'s votes (1)'), 1000);
  report(`the projector showed the reveal ${Date.now() - t1} ms after the facilitator's key`, []);
  const bars = await screen.locator('.bars li').allInnerTexts();
  const three = bars.find((b) => b.startsWith('3 · '));
  report('the histogram holds the changed vote', three && three.endsWith('1 vote') ? [] : [bars.join(' | ')]);
  await until('the phone told', async () => (await html(me)).includes('Your vote was 3'));
  await audit('presenter-revealed', links.presenter, []);
  await audit('revealed', `${links.join}/vote`, cookies);
  report('no console error or outside request on the phone', phoneProblems);
  report('no console error or outside request on the projector', screenProblems);
} catch (e) {
  report('the live workshop ran', [e.message]);
} finally {
  child.kill();
  await browser.close();
}
console.log(`screenshots: ${artefacts}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
