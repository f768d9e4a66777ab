// "Check my reminders" in the real window (issue 14, part 7): the parent opens the check from
// the settings, sends a test notification, and it reaches the desktop's real notification
// service (dunst in scripts/with-desktop-session.sh) through the same path real reminders
// take; the parent answers "yes" and sees when it was shown. Start at login is switched on
// from the check (an XDG autostart entry appears) and off again in the settings. The app gets
// a HOME of its own: the autostart entry goes to $HOME/.config/autostart (the auto-launch crate
// does not read XDG_CONFIG_HOME), and the machine's own must not be touched.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, exists, find, freshDataDir, onboard, screenshot, sleep, startDriver, waitForAttribute, withApp } from '../lib/harness.mjs';

const TEST_BODY = "Dit is een test. Zie je dit? Ga terug naar Houvast en klik op 'Ja'.";
const dataDir = freshDataDir();
const home = mkdtempSync(join(tmpdir(), 'houvast-e2e-home-'));
const drivers = [];

after(async () => {
  for (const d of drivers) await d.stop();
  rmSync(home, { recursive: true, force: true });
});

function dunstctl(...args) {
  return execFileSync('dunstctl', args, { encoding: 'utf8' }).trim();
}

/** Every body dunst has received: closed first, so all of them are in its history. */
function dunstBodies() {
  dunstctl('close-all');
  const history = JSON.parse(dunstctl('history'));
  return (history.data?.[0] ?? []).map((n) => n.body?.data ?? '');
}

function autostartDir() {
  return join(home, '.config', 'autostart');
}

function autostartEntries() {
  return existsSync(autostartDir()) ? readdirSync(autostartDir()).filter((f) => /houvast/i.test(f)) : [];
}

/** "20:07" in the local zone, as the app shows a time. */
function hhmm(date) {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

test('a test notification reaches the desktop, the parent says yes and sees when it was shown', async () => {
  assert.deepEqual(autostartEntries(), [], 'no autostart entry before the test');
  const driver = await startDriver({ HOUVAST_DATA_DIR: dataDir, HOME: home });
  drivers.push(driver);
  await withApp(driver.url, dataDir, 'check-reminders', async (app) => {
    await onboard(app);
    assert.equal(await exists(app, 'delivery-problem'), false, 'no notice while nothing failed');

    await click(app, 'nav-settings');
    await click(app, 'open-reminder-check');
    await find(app, 'reminder-check');
    assert.match(await (await find(app, 'check-last-shown')).getText(), /nog geen melding/);
    assert.match(await (await find(app, 'check-tray')).getText(), /blijft Houvast aan/, 'a reminder is on: the tray keeps it');

    const before = dunstBodies().filter((b) => b === TEST_BODY).length;
    const sentFrom = new Date();
    await click(app, 'check-send');
    await find(app, 'check-question');
    const sentTo = new Date();
    // The notification service has it (not just the app's word for it).
    await app.wait(async () => dunstBodies().filter((b) => b === TEST_BODY).length > before, 10_000,
      'dunst never received the test notification');
    await screenshot(app, 'check-reminders-question');

    await click(app, 'check-yes');
    await find(app, 'check-seen');
    const lastShown = await (await find(app, 'check-last-shown')).getText();
    assert.match(lastShown, /Laatste melding van Houvast: .*een testbericht/);
    assert.ok(
      [hhmm(sentFrom), hhmm(sentTo)].some((t) => lastShown.includes(t)),
      `the time it was shown (${hhmm(sentFrom)}) in "${lastShown}"`,
    );
    assert.equal(await exists(app, 'check-not-seen'), false);

    // Start at login, switched on from here: the desktop's autostart entry appears.
    await waitForAttribute(app, 'check-start-at-login', 'data-on', 'false');
    await click(app, 'check-start-on');
    await waitForAttribute(app, 'check-start-at-login', 'data-on', 'true');
    assert.equal(autostartEntries().length, 1, `an autostart entry in ${autostartDir()}`);
    await screenshot(app, 'check-reminders-done');

    // Off again in the settings, which show it as on.
    await click(app, 'nav-settings');
    const box = await find(app, 'start-at-login');
    assert.equal(await box.isSelected(), true);
    await box.click();
    await app.wait(async () => autostartEntries().length === 0, 10_000, 'the autostart entry is removed');

    // The answer is kept: after going home there is still no notice.
    await click(app, 'nav-home');
    await find(app, 'home');
    await sleep(300);
    assert.equal(await exists(app, 'delivery-problem'), false);
  });
});
