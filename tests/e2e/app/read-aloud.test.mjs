// Read aloud in the real window with a real speech-dispatcher and Debian's Dutch espeak-ng
// voice. The test starts its own daemon on a private socket (the app finds it through
// SPEECHD_ADDRESS), logging everything (level 5) and playing into a file instead of a sound
// card, then presses "Lees voor" on module 1's first page and checks that
//   - the highlight moves from sentence to sentence, in order, over the words being read,
//   - the daemon's log shows each of those sentences sent to the voice in Dutch,
//   - sound came out (the captured audio is not silence),
//   - pause holds the reading, "go on" reads to the end, and leaving the page stops it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  click, closeApp, find, freshDataDir, onboard, openApp, screenshot, sleep, startDriver, waitForAttribute, withApp,
} from '../lib/harness.mjs';

const dataDir = freshDataDir();
const speechDir = mkdtempSync(join(tmpdir(), 'houvast-speechd-'));
const socket = join(speechDir, 'speechd.sock');
const logFile = join(speechDir, 'speech-dispatcher.log');
let daemon;
let driver;

before(async () => {
  const conf = join(speechDir, 'conf');
  mkdirSync(join(conf, 'modules'), { recursive: true });
  copyFileSync('/etc/speech-dispatcher/modules/espeak-ng.conf', join(conf, 'modules', 'espeak-ng.conf'));
  writeFileSync(
    join(conf, 'speechd.conf'),
    [
      'LogLevel 5',
      `LogDir "${speechDir}"`,
      'AudioOutputMethod "alsa"',
      `AudioALSADevice "file:FILE=${join(speechDir, 'audio.raw')},FORMAT=raw"`,
      'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"',
      'DefaultModule espeak-ng',
      '',
    ].join('\n'),
  );
  daemon = spawn(
    'speech-dispatcher',
    ['--run-single', '--timeout', '0', '--config-dir', conf, '--socket-path', socket,
      '--pid-file', join(speechDir, 'speechd.pid')],
    { env: { ...process.env, XDG_RUNTIME_DIR: speechDir }, stdio: 'ignore' },
  );
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (Date.now() > deadline) throw new Error('speech-dispatcher did not open its socket');
    await sleep(50);
  }
  driver = await startDriver({ HOUVAST_DATA_DIR: dataDir, SPEECHD_ADDRESS: `unix_socket:${socket}` });
});

after(async () => {
  await driver?.stop();
  if (daemon && daemon.exitCode === null) {
    daemon.kill('SIGTERM');
    await new Promise((r) => (daemon.exitCode !== null ? r() : daemon.once('exit', r)));
  }
  rmSync(speechDir, { recursive: true, force: true });
});

/** What the daemon's log says the voice was asked to say: [language, text] per sentence. */
function spoken() {
  const log = existsSync(logFile) ? readFileSync(logFile, 'latin1') : '';
  const out = [];
  let language = '';
  for (const line of log.split('\n')) {
    if (line.startsWith('language=')) language = line.slice('language='.length).trim();
    const at = line.indexOf('Command sent to output module: |<speak>');
    if (at >= 0) {
      const text = line.slice(at + 'Command sent to output module: |<speak>'.length).split('</speak>|')[0];
      out.push([language, Buffer.from(text, 'latin1').toString('utf8')]);
    }
  }
  return out;
}

function cancels() {
  const log = existsSync(logFile) ? readFileSync(logFile, 'latin1') : '';
  return log.split('\n').filter((l) => /DATA:\|CANCEL self/i.test(l)).length;
}

/** Records every sentence the control marks and the words the highlight paints. */
async function recordHighlights(app) {
  await app.executeScript(`
    const control = document.querySelector('[data-testid="read-aloud"]');
    window.__reading = [];
    window.__observer?.disconnect();
    window.__observer = new MutationObserver(() => {
      const s = control.dataset.sentence;
      const h = CSS.highlights?.get('houvast-reading');
      const words = h ? [...h][0]?.toString() ?? '' : '';
      const last = window.__reading[window.__reading.length - 1];
      if (s !== '' && (!last || last.sentence !== s)) window.__reading.push({ sentence: s, words });
    });
    window.__observer.observe(control, { attributes: true, attributeFilter: ['data-sentence'] });
  `);
}

function rms(raw) {
  let sum = 0;
  const n = Math.floor(raw.length / 2);
  for (let i = 0; i < n; i++) sum += raw.readInt16LE(i * 2) ** 2;
  return n ? Math.sqrt(sum / n) : 0;
}

test('module 1 is read aloud in Dutch, the highlight follows, pause and leaving the page work', async () => {
  await withApp(driver.url, dataDir, 'read-aloud', async (app) => {
    await onboard(app);
    await click(app, 'nav-programme');
    await click(app, 'open-good-enough');
    await find(app, 'module-reader');
    await find(app, 'page-title');

    // 1. Read the whole first page.
    await recordHighlights(app);
    const toggle = await find(app, 'read-aloud-toggle');
    assert.equal(await toggle.getText(), 'Lees voor');
    await toggle.click();
    await waitForAttribute(app, 'read-aloud', 'data-state', 'reading', 15_000);
    await app.wait(
      async () => (await (await find(app, 'read-aloud-message')).getText()) === 'Klaar met voorlezen.',
      60_000,
      'reading the first page did not finish',
    );
    const reading = await app.executeScript('return window.__reading');
    const said = spoken();
    assert.ok(said.length >= 3, `a page has several sentences; the log has ${said.length}`);
    assert.ok(said.every(([lang]) => lang === 'nl'), `every sentence is sent to the voice in Dutch: ${JSON.stringify(said)}`);
    const title = await (await find(app, 'page-title')).getText();
    assert.equal(said[0][1], title, 'the page title is read first');
    // The highlight went through the sentences in order and painted the words being said.
    const indices = reading.map((r) => Number(r.sentence));
    assert.ok(indices.length >= 3, `the highlight moved: ${JSON.stringify(reading)}`);
    assert.deepEqual(indices, [...indices].sort((a, b) => a - b), 'in reading order');
    assert.equal(indices[indices.length - 1], said.length - 1, 'up to the last sentence');
    for (const { sentence, words } of reading) {
      // The words on screen, without the spaces the page lays out between elements.
      const bare = (t) => t.replace(/\s+/g, '');
      assert.equal(bare(words), bare(said[Number(sentence)][1]), `sentence ${sentence} is painted`);
    }
    assert.equal(await app.executeScript('return document.querySelectorAll("[data-reading]").length'), 0,
      'no highlight is left once the reading is done');
    const audio = readFileSync(join(speechDir, 'audio.raw'));
    assert.ok(audio.length > 44_100, `about a second of sound or more: ${audio.length} bytes`);
    assert.ok(rms(audio) > 200, `the sound is not silence: rms ${rms(audio)}`);

    // 2. Pause as soon as it reads, wait, go on to the end.
    const before = said.length;
    await recordHighlights(app);
    await app.executeScript(`
      const control = document.querySelector('[data-testid="read-aloud"]');
      const toggle = document.querySelector('[data-testid="read-aloud-toggle"]');
      new MutationObserver((_, o) => {
        if (control.dataset.state === 'reading') { o.disconnect(); toggle.click(); }
      }).observe(control, { attributes: true, attributeFilter: ['data-state'] });
      toggle.click();
    `);
    await waitForAttribute(app, 'read-aloud', 'data-state', 'paused', 15_000);
    assert.equal(await (await find(app, 'read-aloud-toggle')).getText(), 'Verder lezen');
    const whilePaused = spoken().length;
    const markedWhilePaused = await app.executeScript('return window.__reading.length');
    await sleep(2000);
    assert.equal(spoken().length, whilePaused, 'nothing is said while paused');
    assert.equal(await app.executeScript('return window.__reading.length'), markedWhilePaused,
      'the highlight stays while paused');
    assert.ok(whilePaused - before < said.length, 'paused before the end of the page');
    // A picture of the paused reading with its highlight, for people to look at.
    await app.executeScript('document.querySelector("[data-reading]")?.scrollIntoView({ block: "center" })');
    await screenshot(app, 'read-aloud-paused');
    await click(app, 'read-aloud-toggle');
    await app.wait(
      async () => (await (await find(app, 'read-aloud-message')).getText()) === 'Klaar met voorlezen.',
      60_000,
      'reading did not go on to the end after the pause',
    );
    const afterResume = spoken().slice(before).map(([, t]) => t);
    assert.equal(afterResume[afterResume.length - 1], said[said.length - 1][1], 'read on to the last sentence');

    // 3. Leaving the page stops the reading: the app cancels it in the daemon.
    const cancelled = cancels();
    await app.executeScript(`
      const control = document.querySelector('[data-testid="read-aloud"]');
      new MutationObserver((_, o) => {
        if (control.dataset.sentence !== '') { o.disconnect(); document.querySelector('[data-testid="page-next"]').click(); }
      }).observe(control, { attributes: true, attributeFilter: ['data-sentence'] });
      document.querySelector('[data-testid="read-aloud-toggle"]').click();
    `);
    await app.wait(async () => cancels() > cancelled, 15_000, 'leaving the page did not stop the reading');
    await waitForAttribute(app, 'read-aloud', 'data-state', 'idle');
    assert.equal(await (await find(app, 'read-aloud-toggle')).getText(), 'Lees voor', 'the next page starts quiet');
  });
});

test('without speech-dispatcher the control says so plainly', async () => {
  const dir = freshDataDir();
  const noSpeech = await startDriver({
    HOUVAST_DATA_DIR: dir,
    SPEECHD_ADDRESS: `unix_socket:${join(speechDir, 'nothing-here.sock')}`,
  });
  const app = await openApp(noSpeech.url);
  try {
    await find(app, 'onboarding');
    await click(app, 'lang-nl');
    await click(app, 'crisis-button');
    await click(app, 'read-aloud-toggle');
    await app.wait(
      async () => (await (await find(app, 'read-aloud-message')).getText()).startsWith('Voorlezen werkt niet op deze computer.'),
      15_000,
      'no plain message when there is no speech',
    );
  } catch (e) {
    await screenshot(app, 'read-aloud-unavailable');
    throw e;
  } finally {
    await closeApp(app, dir);
    await noSpeech.stop();
  }
});
