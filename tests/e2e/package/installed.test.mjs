// The Debian package as a parent's IT installs it (tests/e2e/package/run.sh installs it with
// dpkg -i first): what it declares, what it puts on the machine, and the installed binary in a
// real window: onboarding, and start at login pointing at the installed path.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APP,
  appProcesses,
  choose,
  click,
  find,
  freshDataDir,
  houvastWindows,
  onboard,
  sleep,
  startDriver,
  withApp,
} from '../lib/harness.mjs';

const DEB = process.env.HOUVAST_DEB;
const INSTALLED = '/usr/bin/houvast';
const DESKTOP_FILE = '/usr/share/applications/Houvast.desktop';
// Loaded with dlopen by the tray (libappindicator-sys), so no DT_NEEDED entry names it.
const DLOPENED = ['libayatana-appindicator3-1'];
const ICON_SIZES = [32, 48, 64, 128, 256, 512];

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', ...opts });

/** `name (>= 1.2), other` → Map(name → minimum version or ''), alternatives kept whole. */
function parseDepends(field) {
  const deps = new Map();
  for (const part of field.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = part.match(/^([a-z0-9.+-]+)(?:\s*\(>=\s*([^)]+)\))?$/);
    if (m) {
      const had = deps.get(m[1]);
      // A name declared twice (the bundler adds webkit and gtk itself): keep the stricter one.
      if (!had || (m[2] && versionAtLeast(m[2], had))) deps.set(m[1], m[2]?.trim() ?? '');
    } else {
      deps.set(part, '');
    }
  }
  return deps;
}

function versionAtLeast(a, b) {
  if (!b) return true;
  if (!a) return false;
  try {
    execFileSync('dpkg', ['--compare-versions', a, 'ge', b]);
    return true;
  } catch {
    return false;
  }
}

function controlField(name) {
  return run('dpkg-deb', ['-f', DEB, name]).trim();
}

function desktopEntry(path) {
  const entry = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = line.match(/^([A-Za-z0-9-]+(?:\[[A-Za-z_@]+\])?)=(.*)$/);
    if (m) entry.set(m[1], m[2]);
  }
  return entry;
}

test('dpkg installed the package with what was already on the machine', () => {
  assert.ok(DEB, 'set HOUVAST_DEB to the package (tests/e2e/package/run.sh does)');
  assert.equal(run('dpkg-query', ['-W', '-f=${Status}', 'houvast']), 'install ok installed');
  assert.equal(controlField('Package'), 'houvast');
  assert.equal(controlField('Architecture'), 'amd64');
  assert.ok(existsSync(INSTALLED), `${INSTALLED} is installed`);
  assert.equal(APP, INSTALLED, 'the end-to-end harness drives the installed binary');
});

test('Depends names every library the installed binary links, at the version it needs', () => {
  const declared = parseDepends(controlField('Depends'));
  // dpkg-shlibdeps is what Debian's own packages compute Depends with; it wants a source
  // package's debian/control in its working directory.
  const dir = mkdtempSync(join(tmpdir(), 'houvast-shlibdeps-'));
  mkdirSync(join(dir, 'debian'));
  writeFileSync(join(dir, 'debian', 'control'), 'Source: houvast\n\nPackage: houvast\nArchitecture: any\n');
  const out = run('dpkg-shlibdeps', ['-O', INSTALLED], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const needed = parseDepends(out.trim().replace(/^shlibs:Depends=/, ''));
  assert.ok(needed.has('libwebkit2gtk-4.1-0') && needed.has('libc6'), `dpkg-shlibdeps found the libraries: ${out}`);
  for (const [pkg, min] of needed) {
    assert.ok(declared.has(pkg), `Depends lacks ${pkg}${min ? ` (>= ${min})` : ''}: ${controlField('Depends')}`);
    assert.ok(
      versionAtLeast(declared.get(pkg), min),
      `Depends has ${pkg} (>= ${declared.get(pkg)}), the binary needs ${min}`,
    );
  }
  for (const pkg of DLOPENED) assert.ok(declared.has(pkg), `Depends lacks ${pkg} (the tray)`);
  // Packed relocations (release builds, src-tauri/build.rs) need glibc 2.36's loader; dpkg-shlibdeps
  // does not see that version requirement, as no symbol carries it.
  if (/\(RELR\)/.test(run('readelf', ['-d', INSTALLED]))) {
    assert.ok(versionAtLeast(declared.get('libc6'), '2.36'), 'packed relocations need libc6 (>= 2.36)');
  }
  // The key lives in the desktop keychain: a secret-service provider, and a notification daemon
  // for the reminders. Desktops bring their own, so these recommend rather than depend.
  const recommends = controlField('Recommends');
  assert.match(recommends, /gnome-keyring \| /);
  assert.match(recommends, /notification-daemon/);
  assert.match(recommends, /speech-dispatcher-espeak-ng/, "read aloud needs the speech service and a Dutch voice");
});

test('the desktop entry validates, in Dutch and English, with the icon in every size', () => {
  // desktop-file-validate prints warnings and errors; a clean entry prints nothing.
  assert.equal(run('desktop-file-validate', [DESKTOP_FILE]), '');
  const entry = desktopEntry(DESKTOP_FILE);
  assert.equal(entry.get('Name'), 'Houvast');
  for (const key of ['GenericName', 'Comment', 'Keywords']) {
    assert.ok(entry.get(key), `${key} in English`);
    assert.ok(entry.get(`${key}[nl]`), `${key}[nl] in Dutch`);
    assert.notEqual(entry.get(key), entry.get(`${key}[nl]`));
  }
  // A shared laptop's menu must not reveal an illness or addiction: the words stay discreet.
  const words = [...entry.values()].join(' ').toLowerCase();
  for (const word of ['ziek', 'psych', 'versla', 'addict', 'illness', 'mental', 'drug', 'alcohol']) {
    assert.ok(!words.includes(word), `the desktop entry says "${word}"`);
  }
  assert.match(entry.get('Categories'), /^(\w+;)+$/);
  assert.equal(run('sh', ['-c', `command -v ${entry.get('Exec')}`]).trim(), INSTALLED);
  for (const size of ICON_SIZES) {
    const icon = `/usr/share/icons/hicolor/${size}x${size}/apps/${entry.get('Icon')}.png`;
    assert.ok(existsSync(icon), `${icon} is installed`);
    assert.match(run('file', ['-b', icon]), new RegExp(`PNG image data, ${size} x ${size}`));
  }
});

let driver;
const home = mkdtempSync(join(tmpdir(), 'houvast-home-'));
const dataDir = freshDataDir();
// The autostart plugin writes to $HOME/.config/autostart: a throwaway home, never the tester's.
const env = { HOME: home, HOUVAST_DATA_DIR: dataDir };
const autostartFile = join(home, '.config', 'autostart', 'Houvast.desktop');

before(async () => {
  driver = await startDriver(env);
});
after(async () => {
  await driver?.stop();
});

test('the installed app opens at onboarding, and start at login starts the installed path', async () => {
  await withApp(driver.url, dataDir, 'package-installed', async (app) => {
    await find(app, 'onboarding');
    await find(app, 'crisis-button');
    assert.equal(await app.executeScript('return document.documentElement.lang'), 'nl');
    const [pid] = appProcesses(dataDir);
    assert.ok(pid, 'an app process runs the installed binary');
    assert.equal(readlinkSync(`/proc/${pid}/exe`), INSTALLED);

    await onboard(app);

    await click(app, 'nav-settings');
    await choose(app, 'start-at-login');
    await app.wait(async () => existsSync(autostartFile), 15_000, `${autostartFile} was not written`);
    // The same look at the X server that finds no window after a start at login finds this one.
    assert.ok(houvastWindows().some((w) => w.viewable), 'the window opened from the menu is shown');
  });

  const entry = desktopEntry(autostartFile);
  assert.equal(entry.get('Exec'), `${INSTALLED} --hidden`, 'the login item starts the installed binary, tray only');
  assert.equal(run('desktop-file-validate', [autostartFile]), '');

  // Log in, as the desktop does: run the login item's command. The app starts with its data,
  // shows no window (only the tray) and keeps running for the reminders.
  const [cmd, ...args] = entry.get('Exec').split(' ');
  const login = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    await sleep(4000);
    assert.equal(login.exitCode, null, 'the app started at login keeps running');
    assert.deepEqual(appProcesses(dataDir), [login.pid]);
    const windows = houvastWindows();
    assert.ok(windows.length > 0, 'the app made its window');
    const mapped = windows.filter((w) => w.viewable);
    assert.deepEqual(mapped, [], 'started at login, the window stays hidden (only the tray)');
  } finally {
    login.kill('SIGTERM');
    await new Promise((r) => (login.exitCode !== null ? r() : login.once('exit', r)));
  }
});
