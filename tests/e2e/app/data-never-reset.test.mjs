// When the database is there but its key is not (a new keychain, another user), the parent
// sees a specific, calm explanation, and the file is left exactly as it was: never reset.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { click, exists, find, freshDataDir, startDriver, waitForAttribute, withApp } from '../lib/harness.mjs';

const dataDir = freshDataDir();
let driver;

before(async () => {
  driver = await startDriver({ HOUVAST_DATA_DIR: dataDir });
});
after(async () => {
  await driver?.stop();
});

test('a database without its key shows the key-missing screen and is not touched', async () => {
  const db = join(dataDir, 'houvast.db');
  const bytes = randomBytes(8192);
  writeFileSync(db, bytes);

  await withApp(driver.url, dataDir, 'data-never-reset', async (app) => {
    await waitForAttribute(app, 'error-screen', 'data-code', 'key_missing');
    assert.equal(await exists(app, 'onboarding'), false, 'no fresh start over the old data');
    assert.ok(await exists(app, 'crisis-button'), 'crisis help is on the error screen too');
    // Trying again changes nothing while the key is still missing.
    await click(app, 'error-retry');
    await waitForAttribute(app, 'error-screen', 'data-code', 'key_missing');
    await find(app, 'error-screen');
  });
  assert.deepEqual(readFileSync(db), bytes, 'the database file is byte-for-byte unchanged');
});
