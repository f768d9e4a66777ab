// A parent who reads English. Only Dutch is in the first screen's code; the English words are
// a chunk of their own (ui/src/lib/i18n/index.svelte.ts), loaded when the parent chooses
// English and, on every later start, before the first screen is drawn (ui/src/main.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { find, freshDataDir, onboard, startDriver, withApp } from '../lib/harness.mjs';

const dataDir = freshDataDir();
let driver;

before(async () => {
  driver = await startDriver({ HOUVAST_DATA_DIR: dataDir });
});
after(async () => {
  await driver?.stop();
});

async function heading(app) {
  return (await app.findElement(By.css('h1'))).getText();
}

test('English is chosen in the first steps and is the language of every later start', async () => {
  await withApp(driver.url, dataDir, 'english-first-start', async (app) => {
    await find(app, 'onboarding');
    assert.equal(await heading(app), 'Welkom bij Houvast', 'a first start is in Dutch');
    await onboard(app, { lang: 'en' });
    assert.equal(await heading(app), 'Hello Sam');
    assert.equal(await app.executeScript('return document.documentElement.lang'), 'en');
  });

  await withApp(driver.url, dataDir, 'english-restart', async (app) => {
    await find(app, 'home');
    // The English chunk loads in the real window (its CSP, the app's own protocol). That the
    // words are there before the first frame is checked in ui/src/lib/startup.test.ts: here
    // the load is quicker than WebDriver can look.
    assert.equal(await heading(app), 'Hello Sam');
    assert.equal(await (await find(app, 'nav-home')).getText(), 'Home');
    assert.equal(await app.executeScript('return document.documentElement.lang'), 'en');
  });
});
