// The app lock, a backup and a restore in the real window (issue 12): a parent sets a PIN,
// locks, gets in only with the right PIN, keeps a copy, finds the lock again after a restart,
// and brings everything back on a "new laptop" (another data directory, no key in the
// keychain for it) from the copy and its passphrase.
//
// A native save or open dialog cannot be driven through WebDriver: the test puts the file's
// path in `window.__HOUVAST_E2E_FILE__` (ui/src/lib/files.ts, test-only), which the next pick
// takes instead of opening the dialog.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, exists, find, freshDataDir, onboard, startDriver, typeInto, waitForAttribute, withApp } from '../lib/harness.mjs';

const MARKER = 'We lazen samen voor het slapen b7e21c';
const PIN = '482916';
const firstDir = freshDataDir();
const secondDir = freshDataDir();
const backupDir = mkdtempSync(join(tmpdir(), 'houvast-e2e-copy-'));
const backupPath = join(backupDir, 'houvast-kopie-e2e.houvast');
// Argon2id runs for setting the lock, each unlock, the backup and the restore.
const SLOW = 30_000;
const drivers = [];

after(async () => {
  for (const d of drivers) await d.stop();
  rmSync(backupDir, { recursive: true, force: true });
});

async function textOf(app, id) {
  return (await find(app, id)).getText();
}

async function waitForText(app, id, wanted, timeout = SLOW) {
  await app.wait(async () => (await textOf(app, id)).includes(wanted), timeout, `[data-testid=${id}] never said "${wanted}"`);
}

async function unlock(app, pin) {
  await typeInto(app, 'lock-secret', pin);
  await click(app, 'lock-open');
}

async function reflectionHolds(app, marker) {
  await click(app, 'nav-reflection');
  const field = await find(app, 'reflection-went_well');
  await app.wait(async () => (await field.getAttribute('value')) === marker, SLOW, 'the reflection is there');
}

/** Makes the next file pick in the app return `path` instead of opening a dialog. */
async function nextFilePick(app, path) {
  await app.executeScript('window.__HOUVAST_E2E_FILE__ = arguments[0];', path);
}

test('a PIN keeps the app shut, a copy brings everything back on a new laptop', async () => {
  const first = await startDriver({ HOUVAST_DATA_DIR: firstDir });
  drivers.push(first);
  let passphrase = '';

  await withApp(first.url, firstDir, 'backup-lock-first', async (app) => {
    await onboard(app);

    await click(app, 'nav-reflection');
    await waitForAttribute(app, 'reflection-form', 'data-editable', 'true');
    await (await find(app, 'reflection-went_well')).sendKeys(MARKER);
    await waitForAttribute(app, 'save-state', 'data-state', 'saved');

    // Set a PIN in the settings.
    await click(app, 'nav-settings');
    await waitForAttribute(app, 'lock-state', 'data-kind', 'none');
    await typeInto(app, 'lock-new', PIN);
    await typeInto(app, 'lock-repeat', PIN);
    await click(app, 'lock-set');
    await waitForAttribute(app, 'lock-state', 'data-kind', 'pin', SLOW);

    // Lock now: the lock screen, a wrong PIN is refused, the right one opens the same screen.
    await click(app, 'lock-now');
    await find(app, 'lock-screen');
    await find(app, 'crisis-button');
    await unlock(app, '739105');
    await waitForText(app, 'lock-message', 'Dat klopt niet. Probeer het nog eens.');
    assert.equal(await exists(app, 'app-lock-settings'), false, 'nothing of the app shows behind the lock');
    await unlock(app, PIN);
    await find(app, 'app-lock-settings', SLOW);
    await reflectionHolds(app, MARKER);

    // Keep a copy with a suggested passphrase.
    await click(app, 'nav-settings');
    await click(app, 'backup-suggest');
    const field = await find(app, 'backup-passphrase');
    await app.wait(async () => (await field.getAttribute('value')).length >= 20, SLOW, 'a passphrase was suggested');
    passphrase = await field.getAttribute('value');
    await find(app, 'backup-suggested');
    await waitForAttribute(app, 'backup-strength', 'data-strength', 'strong');
    await typeInto(app, 'backup-confirm', passphrase);
    await nextFilePick(app, backupPath);
    await click(app, 'backup-save');
    await find(app, 'backup-saved', SLOW);
    assert.match(await textOf(app, 'backup-saved'), new RegExp(`Opgeslagen: ${backupPath} \\(\\d+ KB\\)\\.`));
  });

  assert.ok(existsSync(backupPath), 'the copy was written where the parent chose');
  const copy = readFileSync(backupPath);
  assert.ok(copy.length > 0);
  assert.ok(!copy.includes(Buffer.from(MARKER)), 'the copy holds the reflection in plain text');
  assert.ok(!copy.includes(Buffer.from('b7e21c')), 'the copy holds part of the reflection in plain text');

  // After a restart the lock screen comes first.
  await withApp(first.url, firstDir, 'backup-lock-restart', async (app) => {
    await find(app, 'lock-screen', SLOW);
    await waitForAttribute(app, 'lock-screen', 'data-kind', 'pin');
    await unlock(app, PIN);
    await find(app, 'home', SLOW);
  });
  await first.stop();
  drivers.splice(drivers.indexOf(first), 1);

  // A new laptop: another data directory, nothing in the keychain for it.
  const second = await startDriver({ HOUVAST_DATA_DIR: secondDir });
  drivers.push(second);
  await withApp(second.url, secondDir, 'backup-lock-restore', async (app) => {
    await find(app, 'onboarding');
    await click(app, 'onboarding-restore-link');
    await find(app, 'restore-backup');
    await nextFilePick(app, backupPath);
    await click(app, 'restore-choose');
    assert.equal(await textOf(app, 'restore-path'), backupPath);
    await typeInto(app, 'restore-passphrase', passphrase);
    await click(app, 'restore-submit');
    await find(app, 'home', SLOW);
    await find(app, 'restore-notice');
    assert.match(await textOf(app, 'restore-notice'), /Teruggezet: je gegevens van .* zijn terug\./);
    await reflectionHolds(app, MARKER);
  });
});
