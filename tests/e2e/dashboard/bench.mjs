// `make bench`, the dashboard's part: a caseload of 60 parents with 3 check-ins each (180
// sealed boxes) opened, verified and rendered in Chromium; the time from a completed sign-in
// (Argon2id and the server's answer) to a usable caseload, and the page's transferred size.
import { request } from "node:http";
import { activate, checkIn, launchBrowser, openTab, pairParent, startServer, submitCheckIn } from "./lib.mjs";

const PARENTS = 60;
const RUNS = 5;
const PASSPHRASE = "vlinder kompas regenjas tulp bamboe";
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** What a file costs on the wire as a browser asks for it (Brotli accepted): body bytes. */
function wireSize(url) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "accept-encoding": "gzip, deflate, br" } }, (res) => {
      let n = 0;
      res.on("data", (d) => (n += d.length));
      res.on("end", () => resolve({ bytes: n, encoding: res.headers["content-encoding"] ?? "identity" }));
    });
    req.on("error", reject);
    req.end();
  });
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const { page } = await openTab(browser);
  await activate(page, server.invite("bench@example.org", "Bench"), PASSPHRASE);
  for (let i = 0; i < PARENTS; i++) {
    const code = await page.evaluate(async () => {
      const r = await fetch("/api/v1/worker/pairing-codes", {
        method: "POST",
        headers: { "x-houvast-request": "1", "content-type": "application/json" },
        body: "{}",
      });
      return (await r.json()).code;
    });
    // Pairing is rate-limited per address; every loopback address is this machine.
    const parent = await pairParent(server.url, code, `127.0.1.${1 + Math.floor(i / 8)}`);
    for (const cp of [1, 2, 3]) {
      await submitCheckIn(server.url, parent, cp, checkIn(cp, { worried: i % 10 === 0 && cp === 3, talkAbout: `Ouder ${i}, contact ${cp}` }));
    }
  }
  await page.context().close();

  const caseload = [];
  const total = [];
  let transferred = null;
  for (let run = 0; run < RUNS; run++) {
    const { context, page: tab } = await openTab(browser);
    // Every file the page loads, the Argon2id worker's script included.
    const files = new Set();
    tab.on("request", (req) => {
      if (!req.url().includes("/api/")) files.add(req.url());
    });
    await tab.goto(server.url);
    await tab.getByLabel("E-mailadres").fill("bench@example.org");
    await tab.getByLabel("Wachtwoordzin").fill(PASSPHRASE);
    const start = Date.now();
    await tab.getByRole("button", { name: "Aanmelden" }).click();
    await tab.locator("[data-testid=caseload] tbody tr").nth(PARENTS - 1).waitFor({ timeout: 120_000 });
    total.push(Date.now() - start);
    caseload.push(await tab.evaluate(() => performance.getEntriesByName("houvast:caseload")[0]?.duration));
    const rows = await tab.locator("[data-testid=caseload] tbody tr").count();
    if (rows !== PARENTS) throw new Error(`${rows} rows, not ${PARENTS}`);
    if (run === 0) {
      const sized = await Promise.all([...files].map(async (url) => ({ url, ...(await wireSize(url)) })));
      transferred = {
        bytes: sized.reduce((n, f) => n + f.bytes, 0),
        files: sized.map((f) => `${new URL(f.url).pathname} ${f.bytes} B (${f.encoding})`),
      };
    }
    await context.close();
  }
  console.log("\nDashboard (Chromium, this machine; debug server build):");
  console.log(`| what | value |\n|---|---:|`);
  console.log(`| caseload of ${PARENTS} parents × 3 check-ins: sign-in done → caseload usable (median of ${RUNS}) | ${Math.round(median(caseload))} ms |`);
  console.log(`| the same from pressing "Aanmelden" (Argon2id t=3, 64 MiB in the browser + server) | ${Math.round(median(total))} ms |`);
  console.log(`| page transferred, first visit (HTML, JS, CSS, Argon2id worker; Brotli; bodies) | ${(transferred.bytes / 1024).toFixed(0)} KiB |`);
  for (const f of transferred.files) console.log(`    ${f}`);
  console.log(`runs: caseload ${caseload.map(Math.round).join(", ")} ms; total ${total.join(", ")} ms`);
} finally {
  await browser.close();
  await server.stop();
}
