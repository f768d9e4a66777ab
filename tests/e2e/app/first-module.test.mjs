// A parent's first evening with Houvast, in the real window: onboarding, module 1, the
// do-task, closing the app, opening it again and finding everything as they left it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { By } from 'selenium-webdriver';
import {
  byTestId,
  click,
  exists,
  find,
  freshDataDir,
  onboard,
  startDriver,
  waitForAttribute,
  withApp,
} from '../lib/harness.mjs';

const MARKER = 'Vandaag lachten we samen om de kat 7f3c9a';
const dataDir = freshDataDir();
let driver;

before(async () => {
  driver = await startDriver({ HOUVAST_DATA_DIR: dataDir });
});
after(async () => {
  await driver?.stop();
});

async function readToTheEnd(app) {
  // Each click shows the next page; the do-task follows the last page.
  for (let i = 0; i < 20 && (await exists(app, 'page-next')); i++) {
    const next = await app.findElement(byTestId('page-next'));
    if (!(await next.isDisplayed()) || !(await next.isEnabled())) break;
    await next.click();
  }
}

async function doTaskTextField(app) {
  return app.wait(async () => {
    const fields = await app.findElements(By.css('textarea[data-testid^="q-good-enough.do."]'));
    return fields[0] ?? false;
  }, 15_000, 'the do-task of module 1 shows no text question');
}

test('onboard, fill the do-task of module 1, restart, and find the answer', async () => {
  await withApp(driver.url, dataDir, 'first-module-before-restart', async (app) => {
    await find(app, 'onboarding');
    assert.equal(await app.executeScript('return document.documentElement.lang'), 'nl');
    await onboard(app);
    assert.match(await (await find(app, 'next-step')).getText(), /1/, 'next step names module 1');
    assert.ok(await exists(app, 'crisis-button'), 'crisis help is on the home screen');

    await click(app, 'nav-programme');
    await waitForAttribute(app, 'module-good-enough', 'data-status', 'open');
    for (const id of ['talking', 'development', 'limits', 'network']) {
      await waitForAttribute(app, `module-${id}`, 'data-status', 'locked');
    }
    await click(app, 'open-good-enough');
    await find(app, 'module-reader');
    assert.ok((await (await find(app, 'page-title')).getText()).length > 0);
    await readToTheEnd(app);

    const field = await doTaskTextField(app);
    await field.sendKeys(MARKER);
    await waitForAttribute(app, 'save-state', 'data-state', 'saved');
  });

  // Only ciphertext on disk: the answer is not readable in the database or its WAL.
  const dbFiles = ['houvast.db', 'houvast.db-wal'].map((f) => join(dataDir, f)).filter(existsSync);
  assert.ok(dbFiles.length > 0, `no database in ${dataDir}`);
  for (const f of dbFiles) {
    assert.ok(!readFileSync(f).includes(Buffer.from(MARKER)), `${f} holds the answer in plain text`);
  }

  await withApp(driver.url, dataDir, 'first-module-after-restart', async (app) => {
    await find(app, 'home');
    assert.equal(await exists(app, 'onboarding'), false, 'onboarding is not asked again');
    await click(app, 'nav-programme');
    await waitForAttribute(app, 'module-good-enough', 'data-status', 'in_progress');
    await click(app, 'open-good-enough');
    await find(app, 'module-reader');
    await readToTheEnd(app);
    const field = await doTaskTextField(app);
    assert.equal(await field.getAttribute('value'), MARKER);
  });
});
