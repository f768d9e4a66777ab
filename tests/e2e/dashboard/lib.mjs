// The dashboard's end-to-end harness: the real server binary on a random port with a fresh
// SQLite directory, its admin command line, Debian's Chromium through playwright-core, a
// parent's app played by Node with the protocol's JS twin, and axe-core.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import * as houvast from "../../../ui/src/protocol/houvast.mjs";

export { houvast };
const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, "../../..");
const SERVER = process.env.HOUVAST_SERVER ?? join(process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, ".cache/houvast/target"), "debug/houvast-server");
export const ORG = "Test GGZ";

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** A server with an organisation and a recovery key; `stop()` ends it and removes its data. */
export async function startServer({ sessionTtlSecs } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "houvast-dash-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const admin = (...args) => execFileSync(SERVER, [...args, "--data-dir", dir], { encoding: "utf8" });
  admin("org", "create", ORG);
  admin("org", "recovery-key", ORG);
  const args = ["serve", "--data-dir", dir, "--listen", `127.0.0.1:${port}`];
  if (sessionTtlSecs) args.push("--session-ttl-secs", String(sessionTtlSecs));
  const proc = spawn(SERVER, args, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  proc.stderr.on("data", (d) => (log += d));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    if (i > 100 || proc.exitCode !== null) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dir,
    admin,
    /** Invites a worker; returns the activation link. */
    invite(email, name) {
      const out = admin("worker", "invite", "--org", ORG, "--email", email, "--name", name, "--public-url", url);
      return out.split("\n").find((l) => l.includes("/activate#")).trim();
    },
    log: () => log,
    async stop() {
      proc.kill("SIGINT");
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
}

/** A tab with a tablet-sized window; CSP violations and page errors fail the test later. */
export async function openTab(browser, { lang = "nl-NL", width = 1024, height = 900 } = {}) {
  const context = await browser.newContext({ locale: lang, viewport: { width, height } });
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 401|status of 404/.test(m.text())) page.problems.push(m.text());
  });
  page.on("pageerror", (e) => page.problems.push(String(e)));
  return { context, page };
}

/** Activates a worker through the page, from the activation link to the (empty) caseload. */
export async function activate(page, link, passphrase) {
  await page.goto(link);
  await page.getByLabel("Wachtwoordzin", { exact: true }).fill(passphrase);
  await page.getByLabel("Typ je wachtwoordzin nog een keer").fill(passphrase);
  await page.getByRole("button", { name: "Account activeren" }).click();
  await page.getByRole("heading", { name: "Mijn ouders" }).waitFor({ timeout: 60_000 });
}

const axeSource = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");

/** axe-core on the page as it is: returns the violations, serious and critical ones first. */
export async function axe(page) {
  // Injected through the automation channel: the page's CSP does not apply to it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    globalThis.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
}

export const blocking = (violations) => violations.filter((v) => v.impact === "serious" || v.impact === "critical");

export async function screenshot(page, name) {
  const dir = process.env.HOUVAST_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `dashboard-${name}.png`), fullPage: true });
}

/** A JSON request from a chosen loopback address (the pairing rate limit is per address). */
export function call(url, method, path, { body, token, from = "127.0.0.1" } = {}) {
  const u = new URL(path, url);
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method,
        localAddress: from,
        headers: {
          ...(data ? { "content-type": "application/json", "content-length": data.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

const { fromB64, toB64, sodium, sealCheckIn } = houvast;

/** A parent's app: pairs with `code` and pins the keys it was given. */
export async function pairParent(url, code, from = "127.0.0.1") {
  const keys = sodium.crypto_box_keypair();
  const res = await call(url, "POST", "/api/v1/client/pair", {
    body: { protocol_version: 2, code, public_key: toB64(keys.publicKey) },
    from,
  });
  if (res.status !== 201) throw new Error(`pairing failed: ${JSON.stringify(res.json)}`);
  const p = res.json;
  return {
    clientId: p.client_id,
    token: p.device_token,
    secretKey: keys.privateKey,
    pinned: { parent: keys.publicKey, worker: fromB64(p.worker_public_key), recovery: fromB64(p.recovery_public_key) },
  };
}

export function checkIn(contactPoint, { worried = false, talkAbout = "", shared = [], ratings = [6, 5, 7] } = {}) {
  return {
    format: 1,
    written_at: new Date().toISOString(),
    ratings: { parenting: ratings[0], feeling: ratings[1], confidence: ratings[2] },
    ...(contactPoint === 3 ? { programme_grade: 8 } : {}),
    progress: { modules_done: contactPoint === 1 ? 0 : contactPoint === 2 ? 3 : 5, do_tasks_done: 1, home_assignments_done: 1, reflection_evenings: 4 },
    talk_about: talkAbout,
    preferred_contact: { ways: ["video", "phone"], times: "Doordeweeks na 19:00" },
    shared,
    worried_about_safety: worried,
  };
}

/** Seals and submits a check-in as the app does. */
export async function submitCheckIn(url, parent, contactPoint, content) {
  const checkinId = crypto.randomUUID();
  const place = { client_id: parent.clientId, checkin_id: checkinId, contact_point: contactPoint };
  const sealed = sealCheckIn(parent.secretKey, parent.pinned, place, content);
  const res = await call(url, "PUT", `/api/v1/client/checkins/${checkinId}`, {
    token: parent.token,
    body: { contact_point: contactPoint, sealed_for_worker: toB64(sealed.for_worker), sealed_for_recovery: toB64(sealed.for_recovery) },
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`submit failed: ${JSON.stringify(res.json)}`);
  return checkinId;
}
