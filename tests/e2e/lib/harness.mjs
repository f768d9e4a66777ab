// Drives the real Houvast window: tauri-driver starts WebKitWebDriver, which starts the app
// binary. Every test gets a fresh data directory; the keychain and display come from
// scripts/with-desktop-session.sh, which the Makefile wraps around these tests.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Builder, By, Capabilities, until } from 'selenium-webdriver';

export const APP = resolve(process.env.HOUVAST_APP ?? '');
const TIMEOUT = 15_000;

export function freshDataDir() {
  return mkdtempSync(join(tmpdir(), 'houvast-e2e-'));
}

let nextPort = 4444 + (process.pid % 200) * 2;

/** Starts tauri-driver with `env` for the app it will launch; returns { url, stop }. */
export async function startDriver(env) {
  if (!process.env.HOUVAST_APP) throw new Error('set HOUVAST_APP to the built app binary');
  const port = nextPort;
  nextPort += 2;
  // The driver's and the app's output go to a log file, not to this process's pipes: an app
  // that outlived its session would otherwise hold the test runner open.
  const logDir = resolve(import.meta.dirname, '..', 'artifacts');
  mkdirSync(logDir, { recursive: true });
  const log = openSync(join(logDir, `tauri-driver-${port}.log`), 'a');
  const proc = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return {
    url,
    stop: async () => {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    },
  };
}

/**
 * Waits until the session's keychain answers, starting it again if it is gone, as a parent's
 * desktop has it running. gnome-keyring-daemon has been seen to die some time after the crash
 * test's SIGKILLs (scripts/with-desktop-session.sh); D-Bus starts it again on the next call,
 * but an app that starts in that moment rightly shows "the keychain is not reachable".
 */
function keychainUp() {
  try {
    execFileSync('dbus-send', ['--session', '--print-reply', '--reply-timeout=10000', '--dest=org.freedesktop.secrets',
      '/org/freedesktop/secrets', 'org.freedesktop.DBus.Peer.Ping'], { stdio: 'ignore', timeout: 15_000 });
  } catch {
    // No keychain here at all: the app shows what it shows, and the test says what it expects.
  }
}

/** Opens the app window; a request right after a previous session quit is sometimes refused. */
export async function openApp(driverUrl) {
  keychainUp();
  const caps = new Capabilities();
  caps.setBrowserName('wry');
  caps.set('tauri:options', { application: APP });
  for (let attempt = 1; ; attempt++) {
    try {
      const driver = await new Builder().withCapabilities(caps).usingServer(driverUrl).build();
      await driver.manage().setTimeouts({ implicit: 0 });
      return driver;
    } catch (e) {
      if (attempt >= 3) throw e;
      await sleep(1000);
    }
  }
}

/** Pids of app processes started with this data directory. */
export function appProcesses(dataDir) {
  const wanted = `HOUVAST_DATA_DIR=${dataDir}`;
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        // WebKitWebDriver has the same environment and outlives sessions: match the binary.
        // A build in the shared target directory can replace the file under a running app;
        // the kernel then names its old one "<path> (deleted)".
        const exe = readlinkSync(`/proc/${p}/exe`);
        return (
          (exe === APP || exe === `${APP} (deleted)`) &&
          readFileSync(`/proc/${p}/environ`, 'latin1').split('\0').includes(wanted)
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Pids of the WebKit web processes the given app processes started (at any depth). */
export function webProcessesOf(appPids) {
  const children = new Map();
  for (const p of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'latin1');
      const [comm, rest] = [stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), stat.slice(stat.lastIndexOf(')') + 2)];
      const ppid = Number(rest.split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push({ pid: Number(p), comm });
    } catch {
      // gone meanwhile
    }
  }
  const found = [];
  const todo = [...appPids];
  while (todo.length > 0) {
    for (const child of children.get(todo.pop()) ?? []) {
      if (child.comm.startsWith('WebKitWebProces')) found.push(child.pid);
      todo.push(child.pid);
    }
  }
  return found;
}

/**
 * Ends the WebDriver session and waits until the app has exited, as closing its window does
 * for a parent. An app still running after five seconds is stopped, so one stuck exit cannot
 * hang the suite, and reported on stderr.
 */
export async function closeApp(driver, dataDir) {
  await driver.quit();
  const deadline = Date.now() + 5000;
  let left = appProcesses(dataDir);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100);
    left = appProcesses(dataDir);
  }
  for (const pid of left) {
    console.error(`app process ${pid} did not exit after its session ended; stopping it`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  // A process that is gone from /proc can still own its single-instance D-Bus name for a
  // moment; a start in that moment would hand over to it. Wait until the bus has let go.
  while (singleInstanceNameTaken(dataDir) && Date.now() < deadline + 5000) {
    await sleep(50);
  }
}

/**
 * Opens the app, runs `body(app)`, and closes the app whatever happens (`closeApp`); when the
 * body fails, first a screenshot named `name` in tests/e2e/artifacts.
 */
export async function withApp(driverUrl, dataDir, name, body) {
  const app = await openApp(driverUrl);
  try {
    return await body(app);
  } catch (e) {
    await screenshot(app, name);
    throw e;
  } finally {
    await closeApp(app, dataDir);
  }
}

/**
 * The D-Bus name the app holds for `dataDir` (src-tauri/src/lib.rs, `single_instance`): FNV-1a
 * of the canonical path, as houvast_store::data_dir_id makes it.
 */
export function singleInstanceName(dataDir) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(realpathSync(dataDir))) {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `nl.houvast.app.d${hash.toString(16).padStart(16, '0')}.SingleInstance`;
}

export function singleInstanceNameTaken(dataDir) {
  const out = execFileSync('dbus-send', [
    '--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
    'org.freedesktop.DBus.NameHasOwner', `string:${singleInstanceName(dataDir)}`,
  ], { encoding: 'utf8' });
  return /boolean true/.test(out);
}

export const byTestId = (id) => By.css(`[data-testid="${id}"]`);

export async function find(driver, id, timeout = TIMEOUT) {
  const el = await driver.wait(until.elementLocated(byTestId(id)), timeout, `no [data-testid=${id}]`);
  await driver.wait(until.elementIsVisible(el), timeout, `[data-testid=${id}] is not visible`);
  return el;
}

/** Empties the field `id` and types `text` into it; returns the field. */
export async function typeInto(driver, id, text) {
  const el = await find(driver, id);
  await el.clear();
  await el.sendKeys(text);
  return el;
}

/**
 * The first steps as most tests take them: Dutch (or `lang`), the pseudonym Sam and one child
 * of `age`; waits for the home screen.
 */
export async function onboard(driver, { age = '6', lang = 'nl' } = {}) {
  await find(driver, 'onboarding');
  await click(driver, `lang-${lang}`);
  await click(driver, 'onboarding-next');
  await typeInto(driver, 'pseudonym', 'Sam');
  await click(driver, 'onboarding-next');
  await typeInto(driver, 'child-age-0', age);
  await click(driver, 'onboarding-submit');
  await find(driver, 'home');
}

export async function click(driver, id) {
  const el = await find(driver, id);
  await el.click();
  return el;
}

/** Chooses a radio button or checkbox whose input is visually hidden: clicks its label, as a
 * parent does. */
export async function choose(driver, id, timeout = TIMEOUT) {
  const input = await driver.wait(until.elementLocated(byTestId(id)), timeout, `no [data-testid=${id}]`);
  const label = await input.findElement(By.xpath('./ancestor::label'));
  await driver.wait(until.elementIsVisible(label), timeout, `the label of [data-testid=${id}] is not visible`);
  await label.click();
  return input;
}

export async function exists(driver, id) {
  return (await driver.findElements(byTestId(id))).length > 0;
}

/** Waits until an element's attribute has the wanted value. */
export async function waitForAttribute(driver, id, name, wanted, timeout = TIMEOUT) {
  await driver.wait(
    async () => {
      const els = await driver.findElements(byTestId(id));
      try {
        return els.length > 0 && (await els[0].getAttribute(name)) === wanted;
      } catch (e) {
        // Svelte replaced the element between finding and reading it: look again.
        if (e.name === 'StaleElementReferenceError') return false;
        throw e;
      }
    },
    timeout,
    `[data-testid=${id}] never had ${name}=${wanted}`,
  );
}

/** Saves a screenshot under tests/e2e/artifacts when a test fails. */
export async function screenshot(driver, name) {
  try {
    const dir = resolve(import.meta.dirname, '..', 'artifacts');
    mkdirSync(dir, { recursive: true });
    windowScreenshot(join(dir, `${name}.png`));
  } catch {
    // a screenshot is a courtesy; the test's own error is what matters
  }
}

/**
 * Writes what the app's window shows on the display to `file` (PNG), read from the X server
 * (ImageMagick's `import`). Not WebDriver's screenshot: without a GPU the app has WebKit
 * composite on the processor (src-tauri/src/platform.rs), and WebKitWebDriver 2.50's
 * screenshot then never answers (README, Tests). One app window is open at a time here: the
 * last one shown is taken.
 */
export function windowScreenshot(file) {
  const shown = houvastWindows().filter((w) => w.viewable && w.width > 100);
  if (shown.length === 0) throw new Error('no Houvast window is shown');
  execFileSync('import', ['-window', shown.at(-1).id, file], { timeout: TIMEOUT });
}

/** The X windows titled Houvast (GTK's own small leader window among them): shown or not, and how wide. */
export function houvastWindows() {
  const xwininfo = (args) => execFileSync('xwininfo', args, { encoding: 'utf8' });
  return xwininfo(['-root', '-tree'])
    .split('\n')
    .filter((line) => line.includes('"Houvast"'))
    .map((line) => line.trim().split(' ')[0])
    .map((id) => {
      const info = xwininfo(['-id', id]);
      return { id, viewable: /Map State: IsViewable/.test(info), width: Number(/Width: (\d+)/.exec(info)?.[1]) };
    });
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
