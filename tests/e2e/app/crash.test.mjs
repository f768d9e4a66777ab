// Crash safety: a parent types this evening's reflection while the real app is killed with
// SIGKILL, 50 times (HOUVAST_CRASH_ROUNDS). After every kill the app starts again and the test
// checks, in the window as the parent sees it, that every text the app showed as saved is
// still there (a longer piece of what was typed after it is fine; anything else is lost or
// garbled), and that SQLite's integrity check passes on the real encrypted database.
//
// The moments of typing, waiting and killing come from a seeded generator; the seed is printed,
// and HOUVAST_CRASH_SEED=<seed> makes the same choices again (the app's own timing still varies). The integrity check is the store crate's
// example (crates/store/examples/integrity_check.rs, built next to the app by
// `cargo nextest run --no-run`), which opens the database with the key from the keychain of
// this desktop session; it runs only while the app is down, so there is one writer at a time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { By } from 'selenium-webdriver';
import {
  APP,
  appProcesses,
  byTestId,
  click,
  closeApp,
  find,
  freshDataDir,
  onboard,
  openApp,
  screenshot,
  singleInstanceNameTaken,
  sleep,
  startDriver,
  waitForAttribute,
} from '../lib/harness.mjs';

const ROUNDS = Number(process.env.HOUVAST_CRASH_ROUNDS ?? 50);
const SEED = Number(process.env.HOUVAST_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 32));
assert.ok(Number.isInteger(ROUNDS) && ROUNDS > 0, `HOUVAST_CRASH_ROUNDS must be a whole number above 0`);
assert.ok(Number.isInteger(SEED) && SEED >= 0 && SEED < 2 ** 32, `HOUVAST_CRASH_SEED must be a 32-bit whole number`);
const INTEGRITY_CHECK = join(dirname(APP), 'examples', 'integrity_check');
const FIELDS = ['went_well', 'noticed_in_myself', 'noticed_in_child'];
// Where the kill falls. mid-save: around the moment the autosave fires (0.7 s after the last
// key, ui/src/lib/autosave.ts) and writes.
const MOMENTS = ['mid-typing', 'after-keys', 'after-saved', 'mid-save'];

// The reflection day turns at 04:00 local time (houvast_core::reflection::DAY_STARTS_AT_HOUR).
// The app runs in a fixed-offset zone where it is about 14:00 now, so no run of this test
// crosses into another reflection day, whatever the time of day it runs.
const offset = 14 - new Date().getUTCHours();
const TZ = offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;

const dataDir = freshDataDir();
let driver;

before(async () => {
  assert.ok(existsSync(INTEGRITY_CHECK), `${INTEGRITY_CHECK} is missing: build it with cargo nextest run --no-run`);
  driver = await startDriver({ HOUVAST_DATA_DIR: dataDir, TZ });
});
after(async () => {
  await driver?.stop();
});

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

// selenium polls every 200 ms by default; the app's start is waited for 51 times here.
const POLL_MS = 20;

function waitFor(app, condition, message) {
  return app.wait(condition, 15_000, message, POLL_MS);
}

/** The form as it is at one instant: the save indicator, the day, and the three fields. */
async function snapshot(app) {
  return app.executeScript(
    `const q = (id) => document.querySelector('[data-testid="' + id + '"]');
     return {
       state: q('save-state')?.dataset.state ?? null,
       date: q('reflection-form')?.dataset.date ?? null,
       editable: q('reflection-form')?.dataset.editable === 'true',
       fields: Object.fromEntries(arguments[0].map((f) => [f, q('reflection-' + f)?.value ?? null])),
     };`,
    FIELDS,
  );
}

/** From the home screen to this evening's reflection, open for writing. */
async function openReflection(app) {
  const screen = await waitFor(
    app,
    async () => {
      for (const id of ['home', 'onboarding', 'error-screen']) {
        if ((await app.findElements(byTestId(id))).length > 0) return id;
      }
      return false;
    },
    'the app showed neither its home screen, nor onboarding, nor an error',
  );
  assert.equal(screen, 'home', `the app started on ${screen} instead of the home screen`);
  await (await app.findElement(byTestId('nav-reflection'))).click();
  return waitFor(
    app,
    async () => {
      const s = await snapshot(app);
      return s.editable ? s : false;
    },
    "this evening's reflection never opened for writing",
  );
}

/** Waits for the saved indicator after typing and returns what the form shows with it. */
async function waitForSaved(app) {
  let last = null;
  try {
    return await waitFor(
      app,
      async () => {
        last = await snapshot(app);
        if (last.state === 'error') throw new Error('the form shows that saving failed');
        return last.state === 'saved' ? last : false;
      },
      'the reflection was never shown as saved',
    );
  } catch (e) {
    e.message += ` (save-state: ${last?.state})`;
    throw e;
  }
}

function integrityCheck() {
  const run = spawnSync(INTEGRITY_CHECK, [dataDir], { encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

test(`the app killed ${ROUNDS} times while a parent types keeps every save it showed`, async (t) => {
  t.diagnostic(`seed ${SEED} (HOUVAST_CRASH_SEED=${SEED} repeats its choices), ${ROUNDS} rounds, TZ=${TZ}`);
  const random = generator(SEED);
  // Per field: everything typed so far (what the box would hold had nothing been lost), and
  // the text last shown with the saved indicator.
  const typed = Object.fromEntries(FIELDS.map((f) => [f, '']));
  const saved = Object.fromEntries(FIELDS.map((f) => [f, '']));
  const tally = { moments: Object.fromEntries(MOMENTS.map((m) => [m, 0])), savesSeen: 0, keptBeyondSaved: 0 };
  let day = null;
  const started = Date.now();

  // What the app shows after a restart must lie between the last save it showed and all
  // that was typed; the parent then carries on from what is there.
  const expectKept = (shown, round) => {
    const where = `after kill ${round} (seed ${SEED})`;
    assert.equal(shown.date, day, `${where}: the form shows reflection day ${shown.date}, not ${day}`);
    for (const f of FIELDS) {
      const text = shown.fields[f];
      assert.ok(
        text.startsWith(saved[f]),
        `${where}: ${f} lost a save the app had shown as done.\n  shown as saved: ${JSON.stringify(saved[f])}\n  after restart:  ${JSON.stringify(text)}`,
      );
      assert.ok(
        typed[f].startsWith(text),
        `${where}: ${f} holds text that was never typed.\n  typed:         ${JSON.stringify(typed[f])}\n  after restart: ${JSON.stringify(text)}`,
      );
      if (text.length > saved[f].length) tally.keptBeyondSaved += 1;
      typed[f] = text;
      saved[f] = text;
    }
  };

  const recordSaved = async (app, round) => {
    const shown = await waitForSaved(app);
    assert.deepEqual(shown.fields, typed, `round ${round}: the form does not show what was typed`);
    Object.assign(saved, shown.fields);
    tally.savesSeen += 1;
  };

  for (let round = 1; round <= ROUNDS; round++) {
    const app = await openApp(driver.url);
    let typing = null;
    try {
      if (round === 1) {
        await onboard(app, { age: '9' });
        const shown = await openReflection(app);
        day = shown.date;
        assert.deepEqual(shown.fields, typed, 'a new programme starts with an empty reflection');
      } else {
        expectKept(await openReflection(app), round - 1);
      }

      // A few stretches of typing, each in one of the three boxes, sometimes waiting for the
      // saved indicator as a parent glancing at it would.
      let batch = 0;
      const chunk = (min, max) => {
        batch += 1;
        const letters = Array.from({ length: random.int(min, max) }, () => 'abcdefghijklmnopqrstuvwxyz'[random.int(0, 25)]);
        return ` r${round}b${batch}-${letters.join('')}`;
      };
      const type = async (field, text) => {
        typed[field] += text;
        await (await app.findElement(byTestId(`reflection-${field}`))).sendKeys(text);
      };
      for (let i = random.int(0, 2); i > 0; i--) {
        await type(random.pick(FIELDS), chunk(2, 8));
        if (random.chance(0.3)) await recordSaved(app, round);
      }

      const moment = random.pick(MOMENTS);
      tally.moments[moment] += 1;
      const field = random.pick(FIELDS);
      if (moment === 'mid-typing') {
        // WebDriver types one key at a time (about 10 ms each here): the kill lands inside.
        const text = chunk(20, 40);
        typing = type(field, text).catch(() => {});
        await sleep(random.int(10, text.length * 8));
      } else {
        await type(field, chunk(2, 8));
        if (moment === 'after-saved') await recordSaved(app, round);
        if (moment === 'mid-save') await sleep(random.int(600, 1000));
      }

      const pids = appProcesses(dataDir);
      assert.equal(pids.length, 1, `round ${round}: one app process for the data directory, found ${pids}`);
      process.kill(pids[0], 'SIGKILL');
    } catch (e) {
      await screenshot(app, `crash-round-${round}`);
      await closeApp(app, dataDir);
      throw e;
    }

    // Down for good: the process is gone and the bus has dropped its single-instance name,
    // so the next start is a new app, not a hand-over to the dead one.
    const deadline = Date.now() + 10_000;
    while ((appProcesses(dataDir).length > 0 || singleInstanceNameTaken(dataDir)) && Date.now() < deadline) {
      await sleep(10);
    }
    assert.deepEqual(appProcesses(dataDir), [], `round ${round}: the killed app is still running`);
    assert.ok(!singleInstanceNameTaken(dataDir), `round ${round}: the killed app's single-instance name is still held`);
    await typing;
    await app.quit().catch(() => {}); // the session's browser is dead; the driver forgets it

    const check = integrityCheck();
    assert.ok(
      check.status === 0 && check.output === 'ok',
      `after kill ${round} (seed ${SEED}): PRAGMA integrity_check says:\n${check.output}`,
    );
  }

  // Once more, as the parent would look: this evening in the form, then from the calendar.
  const app = await openApp(driver.url);
  try {
    expectKept(await openReflection(app), ROUNDS);
    await click(app, 'reflection-history-link');
    await find(app, 'reflection-history');
    const written = await app.wait(async () => {
      const days = await app.findElements(By.css('[data-testid^="day-"][data-written="true"]'));
      return days.length === 1 ? days[0] : false;
    }, 15_000, 'exactly one evening is marked as written');
    await written.click();
    await find(app, 'reflection-entry');
    await waitForAttribute(app, 'reflection-form', 'data-editable', 'true');
    const fromCalendar = await snapshot(app);
    assert.deepEqual(fromCalendar.fields, typed, 'the calendar opens the same evening with the same text');
    assert.ok(FIELDS.some((f) => typed[f].length > 0), 'something was written and kept');
  } catch (e) {
    await screenshot(app, 'crash-final');
    throw e;
  } finally {
    await closeApp(app, dataDir);
  }
  const check = integrityCheck();
  assert.ok(check.status === 0 && check.output === 'ok', `after the last clean exit: ${check.output}`);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const kept = FIELDS.map((f) => `${f} ${typed[f].length}`).join(', ');
  t.diagnostic(
    `${ROUNDS} kills in ${seconds} s; moments ${JSON.stringify(tally.moments)}; ${tally.savesSeen} saves seen; ` +
      `${tally.keptBeyondSaved} times a box kept more than its last shown save; characters kept: ${kept}`,
  );
});
