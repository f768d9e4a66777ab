// Accessibility and phone width in the real window (issue 14, parts 4 and 5). One parent walks
// every screen of the app: the first steps, home, the programme, a module (page, do-task, home
// assignment), the evening's reflection and its calendar, the plans, pairing and a check-in
// with the worker's reply (the real server), every part of the settings, crisis help, the
// lock screen; then the error screens a damaged database and a missing key give.
//
// Each screen, at 1280×800 and at 360×740: axe-core (WCAG 2.2 A/AA and best practices) without
// a moderate, serious or critical violation and with color-contrast really run, no horizontal
// scrolling, the crisis button in view at the top and at the end of the page, touch targets
// of 44×44 px. At desktop size also: every control reached by Tab with a visible focus, and
// the text at 200 % without clipped text or horizontal scrolling.
//
// Screenshots of each screen at both sizes go to tests/e2e/artifacts/a11y/; with
// HOUVAST_SCREENSHOTS=<dir> the README's set is written there too (`make app-screenshots`).
// The results per screen are printed and written to tests/e2e/artifacts/a11y/results.json.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, fstatSync, openSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { By } from 'selenium-webdriver';
import {
  byTestId, choose, click, closeApp, exists, find, freshDataDir, onboard, openApp, screenshot, sleep, startDriver, typeInto, waitForAttribute, withApp,
} from '../lib/harness.mjs';
import { DESKTOP, PHONE, axe, keyboard, layout, saveScreenshot, setViewport, settle, targets, zoom200 } from '../lib/a11y.mjs';
import { Server, Worker } from '../lib/server.mjs';

const ARTIFACTS = resolve(import.meta.dirname, '..', 'artifacts', 'a11y');
const README_SHOTS = process.env.HOUVAST_SCREENSHOTS;
// The README shows a few screens; the artifacts hold all of them.
const README_SET = new Set(['onboarding', 'home', 'module-page', 'do-task', 'reflection-calendar', 'checkin-form', 'settings', 'crisis-help', 'lock-screen', 'error-damaged']);
const PIN = '482916';
const SLOW = 30_000;

const results = [];
const problems = [];
let server;
const drivers = [];

before(async () => {
  server = await Server.demo();
});
after(async () => {
  for (const d of drivers) await d.stop();
  await server?.stop();
  writeFileSync(join(ARTIFACTS, 'results.json'), JSON.stringify(results, null, 2));
  writeFileSync(join(ARTIFACTS, 'problems.txt'), problems.join('\n'));
  if (problems.length > 0) console.log(`accessibility problems:\n${problems.join('\n')}`);
  console.log(`accessibility per screen (axe violations by impact; Tab stops/controls; targets < 44 px; clipped at 200 %):\n${table()}`);
});

function table() {
  const rows = results.map((r) => {
    const a = r.desktop.axe.counts;
    const p = r.phone.axe.counts;
    const kb = r.keyboard ? `${r.keyboard.stops}/${r.keyboard.interactive}` : '-';
    return [
      r.screen.padEnd(22),
      `axe d c${a.critical} s${a.serious} m${a.moderate} n${a.minor} | p c${p.critical} s${p.serious} m${p.moderate} n${p.minor}`,
      `contrast ${r.desktop.axe.contrast.passed || r.desktop.axe.contrast.violated ? 'run' : 'NOT RUN'}`,
      `tab ${kb}`,
      `small ${r.desktop.targets.small.length}/${r.phone.targets.small.length} of ${r.desktop.targets.measured}`,
      `hscroll ${r.desktop.layout.scrollWidth}/${r.desktop.layout.clientWidth} ${r.phone.layout.scrollWidth}/${r.phone.layout.clientWidth}`,
      r.zoom ? `zoom200 clipped ${r.zoom.clipped.length} hscroll ${r.zoom.scrollWidth > r.zoom.clientWidth ? 'yes' : 'no'}` : '',
    ].join('  ');
  });
  return rows.join('\n');
}

/**
 * Every check on the screen as it is now, at both sizes; the window ends at desktop size.
 * `crisis: false` where the crisis help itself covers the page; `keys: false` where the
 * keyboard walk was done in another state of the same screen.
 */
async function check(app, screen, { crisis = true, keys = true, zoom = true } = {}) {
  const r = { screen };
  const started = Date.now();
  const timing = {};
  const timed = async (name, f) => {
    const t0 = Date.now();
    const v = await f();
    timing[name] = (timing[name] ?? 0) + Date.now() - t0;
    return v;
  };
  for (const size of [DESKTOP, PHONE]) {
    await timed('resize', async () => {
      await setViewport(app, size);
      await settle(app);
      await app.executeScript('window.scrollTo(0, 0)');
    });
    await timed('screenshot', async () => {
      await saveScreenshot(app, ARTIFACTS, `${screen}-${size.name}`);
      if (README_SHOTS && README_SET.has(screen)) await saveScreenshot(app, README_SHOTS, `app-${screen}-${size.name}`);
    });
    const s = {
      axe: await timed('axe', () => axe(app)),
      layout: await timed('layout', () => layout(app, { crisis })),
      targets: await timed('targets', () => targets(app)),
    };
    r[size.name] = s;
    const at = `${screen} @${size.name}`;
    // Moderate ones too: every screen is at none, and a skipped heading level is what a
    // screen-reader user navigating by headings notices.
    const failing = [...s.axe.blocking, ...s.axe.others.filter((v) => v.impact === 'moderate')];
    for (const v of failing) problems.push(`${at}: axe ${v.impact} ${v.id} (${v.help}): ${v.nodes.join('; ')}`);
    if (!s.axe.contrast.passed && !s.axe.contrast.violated) problems.push(`${at}: axe color-contrast did not run`);
    if (s.layout.scrollWidth > s.layout.clientWidth) {
      problems.push(`${at}: scrolls sideways (${s.layout.scrollWidth} > ${s.layout.clientWidth}): ${s.layout.widest?.join(', ')}`);
    }
    for (const c of s.layout.crisis) problems.push(`${at}: crisis button ${c}`);
    for (const t of s.targets.small) problems.push(`${at}: target under 44×44: ${t}`);
    if (size === DESKTOP && keys) {
      r.keyboard = await timed('keyboard', () => keyboard(app));
      if (r.keyboard.loop) problems.push(`${at}: Tab goes round in a loop at ${r.keyboard.loop}`);
      for (const m of r.keyboard.escaped) problems.push(`${at}: Tab left the open dialog for ${m}`);
      for (const m of r.keyboard.missed) problems.push(`${at}: not reached by Tab: ${m}`);
      for (const m of r.keyboard.noRing) problems.push(`${at}: no visible focus: ${m}`);
    }
    if (size === DESKTOP && zoom) {
      r.zoom = await timed('zoom', () => zoom200(app));
      for (const c of r.zoom.clipped) problems.push(`${at} text 200%: clipped ${c}`);
      if (r.zoom.scrollWidth > r.zoom.clientWidth) problems.push(`${at} text 200%: scrolls sideways (${r.zoom.scrollWidth} > ${r.zoom.clientWidth})`);
    }
  }
  await timed('resize', () => setViewport(app, DESKTOP));
  r.ms = Date.now() - started;
  r.timing = timing;
  console.log(`${screen}: ${r.ms} ms ${JSON.stringify(timing)}`);
  results.push(r);
}

/** Presses "check now" until `id` has `attribute` matching `wanted`. */
async function checkUntil(app, id, attribute, wanted) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const el = await app.findElements(byTestId(id));
    const value = el[0] ? await el[0].getAttribute(attribute) : null;
    if (value !== null && wanted.test(value)) return;
    if (Date.now() > deadline) throw new Error(`${id} ${attribute} is ${value}, wanted ${wanted}`);
    const now = await app.findElements(byTestId('check-now'));
    if (now[0]) await now[0].click().catch(() => {});
    await sleep(500);
  }
}

/** Answers every question of the open do-task: a line of text, or the first option. */
async function fillDoTask(app) {
  const questions = await app.findElements(By.css('.task-form [data-testid^="q-"]:is(textarea, input[type="text"], fieldset)'));
  for (const q of questions) {
    if ((await q.getTagName()) === 'fieldset') await (await q.findElement(By.css('label'))).click();
    else await q.sendKeys('Samen een boek gelezen.');
  }
  await waitForAttribute(app, 'save-state', 'data-state', 'saved');
}

/** Scrolls a part of a long screen into view for its own screenshot. */
async function shootPart(app, id, name) {
  for (const size of [DESKTOP, PHONE]) {
    await setViewport(app, size);
    await app.executeScript('arguments[0].scrollIntoView({ block: "start" })', await find(app, id));
    await settle(app);
    await saveScreenshot(app, ARTIFACTS, `${name}-${size.name}`);
  }
  await setViewport(app, DESKTOP);
}

/**
 * Damages a database as a failing disk would: its first page overwritten, and the write-ahead
 * log's header too (or the pages kept there would still be read).
 */
function damage(db) {
  damageStart(db, 4096);
  if (existsSync(`${db}-wal`)) damageStart(`${db}-wal`, 32);
  rmSync(`${db}-shm`, { force: true });
}

function damageStart(path, length) {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    const junk = Buffer.alloc(Math.min(length, size), 0x5a);
    writeSync(fd, junk, 0, junk.length, 0);
    const check = Buffer.alloc(junk.length);
    readSync(fd, check, 0, check.length, 0);
    assert.deepEqual(check, junk);
  } finally {
    closeSync(fd);
  }
}

test('every screen: axe, keyboard, focus, 200 % text, touch targets, phone width', { timeout: 600_000 }, async () => {
  const dataDir = freshDataDir();
  const driver = await startDriver({ HOUVAST_DATA_DIR: dataDir });
  drivers.push(driver);
  const worker = await Worker.signIn(server);
  const app = await openApp(driver.url);
  try {
    await setViewport(app, DESKTOP);

    // The first steps: each of the three, a step refused, the restore a new laptop offers.
    await find(app, 'onboarding');
    await click(app, 'lang-nl');
    await check(app, 'onboarding');
    await click(app, 'onboarding-restore-link');
    await find(app, 'restore-backup');
    await check(app, 'onboarding-restore');
    await click(app, 'onboarding-restore-back');
    await click(app, 'onboarding-next');
    await find(app, 'pseudonym');
    await click(app, 'onboarding-next');
    await find(app, 'onboarding-errors');
    await check(app, 'onboarding-errors');
    await typeInto(app, 'pseudonym', 'Sam');
    await click(app, 'onboarding-next');
    await find(app, 'child-age-0');
    await check(app, 'onboarding-children');
    await typeInto(app, 'child-age-0', '6');
    await click(app, 'onboarding-submit');
    await find(app, 'home');
    await check(app, 'home');

    // The programme and the first module: a page, the do-task, the home assignment.
    await click(app, 'nav-programme');
    await find(app, 'module-good-enough');
    await check(app, 'programme');
    await click(app, 'open-good-enough');
    await find(app, 'page-title');
    await check(app, 'module-page');
    for (let i = 0; i < 40 && !(await exists(app, 'complete-do_task')); i++) await click(app, 'page-next');
    await find(app, 'complete-do_task');
    await check(app, 'do-task');
    await fillDoTask(app);
    await click(app, 'complete-do_task');
    await find(app, 'complete-home_assignment');
    await check(app, 'home-assignment');

    // The evening's reflection and the calendar that shows it.
    await click(app, 'nav-reflection');
    await waitForAttribute(app, 'reflection-form', 'data-editable', 'true');
    await (await find(app, 'reflection-went_well')).sendKeys('We lazen samen voor het slapen.');
    await waitForAttribute(app, 'save-state', 'data-state', 'saved');
    await check(app, 'reflection');
    await click(app, 'reflection-history-link');
    await find(app, 'reflection-history');
    await check(app, 'reflection-calendar');

    // My plans, and one opened.
    await click(app, 'nav-plans');
    await find(app, 'my-plans');
    await check(app, 'plans');
    const openable = await app.findElements(By.css('[data-testid^="open-plan-"]'));
    if (openable.length > 0) {
      await openable[0].click();
      await find(app, 'plans-back');
      await check(app, 'plan');
    }

    // Pairing with the worker, the check-in of contact point 1, its preview, the reply.
    await click(app, 'nav-contacts');
    await find(app, 'pair-invitation');
    await check(app, 'contacts-pairing');
    await typeInto(app, 'pair-invitation', await worker.invitation());
    await click(app, 'pair-submit');
    await find(app, 'paired-worker', SLOW);
    await check(app, 'contacts-paired');
    await click(app, 'nav-home');
    await click(app, 'home-open-checkin');
    await find(app, 'checkin-form');
    await check(app, 'checkin-form');
    for (const [name, value] of [['parenting', 7], ['feeling', 5], ['confidence', 6]]) await choose(app, `rating-${name}-${value}`);
    await typeInto(app, 'checkin-talk-about', 'Hoe vertel ik het mijn zoon?');
    await choose(app, 'safety-no');
    await click(app, 'checkin-preview-open');
    await find(app, 'checkin-preview');
    await check(app, 'checkin-preview');
    await click(app, 'checkin-send');
    await checkUntil(app, 'contact-point-1', 'data-state', /^(delivered|read)$/);
    const record = await worker.onlyClient();
    await worker.reply(record, 1, 'Ik bel je dinsdag om half elf. Groet, je preventiewerker');
    await checkUntil(app, 'contact-point-1', 'data-state', /^replied$/);
    await check(app, 'contacts-reply');

    // The settings: one long screen; each part also pictured on its own.
    await click(app, 'nav-settings');
    await find(app, 'settings');
    await find(app, 'app-lock-settings');
    await check(app, 'settings');
    for (const [id, name] of [['settings', 'settings-reminders'], ['app-lock-settings', 'settings-app-lock'], ['backup-settings', 'settings-backup'],
      ['restore-backup', 'settings-restore'], ['export-data', 'settings-export'], ['delete-everything', 'settings-delete']]) {
      await shootPart(app, id, name);
    }
    await click(app, 'erase-start');
    await find(app, 'erase-confirm');
    await check(app, 'settings-delete-confirm', { zoom: false });
    await click(app, 'erase-cancel');

    // "Check my reminders": the view, the question after the test notification, and what to
    // do when it did not appear.
    await click(app, 'open-reminder-check');
    await find(app, 'reminder-check');
    await check(app, 'reminder-check');
    await click(app, 'check-send');
    await find(app, 'check-question');
    await check(app, 'reminder-check-question');
    await click(app, 'check-no');
    await find(app, 'check-not-seen');
    await check(app, 'reminder-check-not-seen');
    await click(app, 'nav-settings');
    await find(app, 'settings');

    // Crisis help, over the page (focus stays inside the dialog).
    await click(app, 'crisis-button');
    await find(app, 'crisis-dialog');
    await check(app, 'crisis-help', { crisis: false });
    await app.actions().sendKeys('\uE00C').perform(); // Escape closes it

    // The lock screen: a PIN set in the settings, then "lock now".
    await typeInto(app, 'lock-new', PIN);
    await typeInto(app, 'lock-repeat', PIN);
    await click(app, 'lock-set');
    await waitForAttribute(app, 'lock-state', 'data-kind', 'pin', SLOW);
    await click(app, 'lock-now');
    await find(app, 'lock-screen');
    await check(app, 'lock-screen');
    await click(app, 'lock-forgot-toggle');
    await find(app, 'lock-forgot');
    await check(app, 'lock-screen-forgot');
  } catch (e) {
    await screenshot(app, 'a11y-failed');
    throw e;
  } finally {
    await closeApp(app, dataDir);
    await driver.stop();
    drivers.splice(drivers.indexOf(driver), 1);
  }

  // A damaged database (its first pages overwritten), with its key in the keychain.
  const damagedDir = freshDataDir();
  const second = await startDriver({ HOUVAST_DATA_DIR: damagedDir });
  drivers.push(second);
  let app2 = await openApp(second.url);
  try {
    await onboard(app2);
  } finally {
    await closeApp(app2, damagedDir);
  }
  damage(join(damagedDir, 'houvast.db'));
  app2 = await openApp(second.url);
  try {
    await setViewport(app2, DESKTOP);
    await find(app2, 'error-screen');
    const code = await (await find(app2, 'error-screen')).getAttribute('data-code');
    assert.ok(['database_corrupt', 'wrong_key_or_corrupt'].includes(code), `a damaged database gives ${code}`);
    await check(app2, 'error-damaged');
    await click(app2, 'error-restore');
    await find(app2, 'restore-backup');
    await check(app2, 'error-damaged-restore');
  } catch (e) {
    await screenshot(app2, 'a11y-damaged-failed');
    throw e;
  } finally {
    await closeApp(app2, damagedDir);
  }

  // A database whose key is not in this keychain (another computer, a new user account).
  const keylessDir = freshDataDir();
  writeFileSync(join(keylessDir, 'houvast.db'), Buffer.alloc(8192, 0x42));
  await second.stop();
  drivers.splice(drivers.indexOf(second), 1);
  const third = await startDriver({ HOUVAST_DATA_DIR: keylessDir });
  drivers.push(third);
  await withApp(third.url, keylessDir, 'a11y-key-missing-failed', async (app4) => {
    await setViewport(app4, DESKTOP);
    await waitForAttribute(app4, 'error-screen', 'data-code', 'key_missing');
    await check(app4, 'error-key-missing');
  });

  assert.deepEqual(problems, [], `accessibility problems:\n${problems.join('\n')}`);
});
