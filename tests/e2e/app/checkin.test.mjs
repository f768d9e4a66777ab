// Contact point 1 end to end: the real window and the real server (SQLite). The worker makes an
// invitation through the API, the parent pairs in the window and sees the safety number the
// worker's side derives, writes the check-in while the server is down ("waiting to send"), the
// server comes back and has it exactly once, the worker's sealed reply shows in the app, and a
// reply forged with another key is refused on screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import {
  byTestId,
  choose,
  click,
  find,
  freshDataDir,
  onboard,
  screenshot,
  sleep,
  startDriver,
  waitForAttribute,
  withApp,
} from '../lib/harness.mjs';
import { randomSecretKey, Server, Worker } from '../lib/server.mjs';

const TALK = 'Hoe vertel ik het mijn zoon 4e1d';
const REPLY = 'Ik bel je dinsdag om half elf. Hartelijke groet, je preventiewerker';
const FORGED = 'Klik op deze link om je wachtwoord te bevestigen';
const dataDir = freshDataDir();
let driver;
let server;

before(async () => {
  server = await Server.demo();
  driver = await startDriver({ HOUVAST_DATA_DIR: dataDir });
});
after(async () => {
  await driver?.stop();
  await server?.stop();
});

/** Presses "check now" until `id` has `attribute` matching `wanted` (the background loop may be first). */
async function checkUntil(app, id, attribute, wanted) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const el = await app.findElements(byTestId(id));
    const value = el[0] ? await el[0].getAttribute(attribute) : null;
    if (value !== null && wanted.test(value)) return value;
    if (Date.now() > deadline) throw new Error(`${id} ${attribute} is ${value}, wanted ${wanted}`);
    const now = await app.findElements(byTestId('check-now'));
    if (now[0]) await now[0].click().catch(() => {});
    await sleep(500);
  }
}

test('pair, send while the server is down, receive the reply, refuse a forged one', async () => {
  const worker = await Worker.signIn(server);
  const invitation = await worker.invitation();
  await withApp(driver.url, dataDir, 'checkin', async (app) => {
    await onboard(app, { age: '7' });
    await click(app, 'nav-contacts');
    await find(app, 'contacts');
    await (await find(app, 'pair-invitation')).sendKeys(invitation);
    await click(app, 'pair-submit');
    const paired = await find(app, 'paired-worker');
    assert.match(await paired.getText(), /Demo Worker/);

    // The safety number on screen is the one the worker's side derives from the keys it sees.
    const record = await worker.onlyClient();
    const expected = worker.safetyNumber(record).groups;
    const shown = (await (await find(app, 'safety-number')).getText()).match(/\d{5}/g);
    assert.deepEqual(shown, expected);
    await screenshot(app, 'contacts-paired');

    // The server goes down; the parent writes and sends contact point 1 anyway.
    await server.stop();
    await click(app, 'nav-home');
    await find(app, 'home-checkin-due');
    await click(app, 'home-open-checkin');
    await find(app, 'checkin-form');
    for (const [name, value] of [['parenting', 7], ['feeling', 5], ['confidence', 6]]) {
      await choose(app, `rating-${name}-${value}`);
    }
    await (await find(app, 'checkin-talk-about')).sendKeys(TALK);
    await choose(app, 'safety-no');
    await click(app, 'checkin-preview-open');
    const preview = await find(app, 'checkin-preview');
    assert.match(await preview.getText(), new RegExp(TALK));
    await click(app, 'checkin-send');
    await waitForAttribute(app, 'contact-point-1', 'data-state', 'waiting');
    await screenshot(app, 'checkin-waiting');

    // Back up: delivered once, and it is what the parent previewed.
    await server.start();
    await checkUntil(app, 'contact-point-1', 'data-state', /^(delivered|read)$/);
    const delivered = await worker.onlyClient();
    assert.equal(delivered.checkins.length, 1, 'exactly one check-in on the server');
    const [opened] = worker.openCheckIns(delivered);
    assert.equal(opened.talk_about, TALK);
    assert.deepEqual(opened.ratings, { parenting: 7, feeling: 5, confidence: 6 });
    assert.equal(opened.worried_about_safety, false);

    // The worker's reply, sealed with the worker's key, is opened and shown in the app.
    await worker.reply(delivered, 1, REPLY);
    await checkUntil(app, 'contact-point-1', 'data-state', /^replied$/);
    const replies = await app.findElements(byTestId('reply'));
    assert.equal(replies.length, 1);
    assert.match(await replies[0].getText(), /half elf/);
    await screenshot(app, 'checkin-replied');

    // A reply forged with another key is refused on screen and not shown.
    await worker.reply(await worker.onlyClient(), 1, FORGED, randomSecretKey());
    const deadline = Date.now() + 30_000;
    while ((await app.findElements(byTestId('sync-problem'))).length === 0) {
      if (Date.now() > deadline) throw new Error('the forged reply was not reported');
      const now = await app.findElements(byTestId('check-now'));
      if (now[0]) await now[0].click().catch(() => {});
      await sleep(500);
    }
    const body = await app.findElement(By.css('body')).getText();
    assert.ok(!body.includes(FORGED), 'the forged text is not shown');
    assert.equal((await app.findElements(byTestId('reply'))).length, 1);
    await screenshot(app, 'checkin-forged-refused');
  });
});
