// An evening's reflection in the real window: write it, close the app, open it again, and find
// the evening marked in the calendar with the text one click away. Also: the text is not
// readable in the database file, nor in the app's log. And WebKit paints the way the app chose
// for this machine (on the processor when there is no GPU).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { By } from 'selenium-webdriver';
import { appProcesses, click, find, freshDataDir, onboard, startDriver, waitForAttribute, webProcessesOf, withApp } from '../lib/harness.mjs';

const MARKER = 'We bouwden samen een hut van dekens 5d81ae';
const dataDir = freshDataDir();
const logDir = freshDataDir();
let driver;

// src-tauri/src/platform.rs, software_rendering: without a GPU render node the app has WebKit
// paint and composite on the processor, unless a variable was set already (then it is left as
// it is).
const SOFTWARE = ['WEBKIT_SKIA_ENABLE_CPU_RENDERING', 'WEBKIT_DISABLE_COMPOSITING_MODE'];
const hasGpu = existsSync('/dev/dri') && readdirSync('/dev/dri').some((n) => n.startsWith('renderD'));
const appSets = (name) => !hasGpu && process.env[name] === undefined;

before(async () => {
  driver = await startDriver({ HOUVAST_DATA_DIR: dataDir, HOUVAST_LOG_DIR: logDir });
});
after(async () => {
  await driver?.stop();
});

test('write a reflection, restart, and find it in the calendar', async () => {
  await withApp(driver.url, dataDir, 'reflection-before-restart', async (app) => {
    await onboard(app, { age: '9' });

    const web = webProcessesOf(appProcesses(dataDir));
    assert.ok(web.length > 0, 'no WebKit web process under the app');
    for (const pid of web) {
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      for (const name of SOFTWARE) {
        const value = environ.find((v) => v.startsWith(`${name}=`));
        assert.equal(value, appSets(name) ? `${name}=1` : process.env[name] && `${name}=${process.env[name]}`);
      }
    }

    await click(app, 'nav-reflection');
    await find(app, 'reflection-today');
    await waitForAttribute(app, 'reflection-form', 'data-editable', 'true');
    await (await find(app, 'reflection-went_well')).sendKeys(MARKER);
    await (await find(app, 'reflection-noticed_in_child')).sendKeys('Ze bleef lachen');
    await waitForAttribute(app, 'save-state', 'data-state', 'saved');
  });

  const dbFiles = ['houvast.db', 'houvast.db-wal'].map((f) => join(dataDir, f)).filter(existsSync);
  assert.ok(dbFiles.length > 0, `no database in ${dataDir}`);
  for (const f of dbFiles) {
    assert.ok(!readFileSync(f).includes(Buffer.from(MARKER)), `${f} holds the reflection in plain text`);
  }

  await withApp(driver.url, dataDir, 'reflection-after-restart', async (app) => {
    await find(app, 'home');
    await click(app, 'nav-reflection');
    const field = await find(app, 'reflection-went_well');
    await app.wait(async () => (await field.getAttribute('value')) === MARKER, 15_000, 'today still holds the text');

    await click(app, 'reflection-history-link');
    await find(app, 'reflection-history');
    assert.equal(await (await find(app, 'reflection-week')).getText(), '1 avond deze week');
    const written = await app.wait(async () => {
      const days = await app.findElements(By.css('[data-testid^="day-"][data-written="true"]'));
      return days.length === 1 ? days[0] : false;
    }, 15_000, 'exactly one evening is marked');
    await written.click();
    await find(app, 'reflection-entry');
    // Today's own entry opens editable, with what was written.
    await waitForAttribute(app, 'reflection-form', 'data-editable', 'true');
    assert.equal(await (await find(app, 'reflection-went_well')).getAttribute('value'), MARKER);
    assert.equal(await (await find(app, 'reflection-noticed_in_child')).getAttribute('value'), 'Ze bleef lachen');
  });

  // The log says the app ran, and nothing of what the parent wrote.
  const logs = readdirSync(logDir).map((f) => readFileSync(join(logDir, f)));
  assert.ok(logs.some((l) => l.includes(Buffer.from('Houvast') ) && l.includes(Buffer.from('started'))), `no start line in the log in ${logDir}`);
  for (const name of SOFTWARE) {
    assert.equal(logs.some((l) => l.includes(Buffer.from(`WebKit: ${name}=1`))), appSets(name), `the log says how WebKit renders (${name})`);
  }
  for (const l of logs) {
    assert.ok(!l.includes(Buffer.from(MARKER)), 'the log holds the reflection');
    assert.ok(!l.includes(Buffer.from('Ze bleef lachen')), 'the log holds the reflection');
  }
});
