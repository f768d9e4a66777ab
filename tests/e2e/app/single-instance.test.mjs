// One process per data directory: starting Houvast again while it runs brings the running
// window forward and exits, so two processes never make two keys or write at once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { APP, appProcesses, find, freshDataDir, singleInstanceNameTaken, startDriver, withApp } from '../lib/harness.mjs';

const dataDir = freshDataDir();
let driver;

before(async () => {
  driver = await startDriver({ HOUVAST_DATA_DIR: dataDir });
});
after(async () => {
  await driver?.stop();
});

test('a second start hands over to the running app and exits', async () => {
  await withApp(driver.url, dataDir, 'single-instance', async (app) => {
    await find(app, 'onboarding');
    const [first] = appProcesses(dataDir);
    assert.ok(first, 'the first app runs');
    assert.ok(singleInstanceNameTaken(dataDir), 'it holds the name for its data directory');

    const second = spawn(APP, [], { env: { ...process.env, HOUVAST_DATA_DIR: dataDir }, stdio: 'ignore' });
    const code = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        second.kill('SIGKILL');
        reject(new Error('the second start did not exit within 20 s'));
      }, 20_000);
      second.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.equal(code, 0, 'the second start exits cleanly');
    assert.deepEqual(appProcesses(dataDir), [first], 'only the first app is left');
    // The first app still answers.
    await find(app, 'onboarding');
  });
  assert.equal(singleInstanceNameTaken(dataDir), false, 'closing the app lets go of the name');
});
