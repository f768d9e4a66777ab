// A worker's first day in a real Chromium against the real server: activation, an invitation,
// a parent's check-in opened and verified in the browser, a reply that the parent's app opens
// with the worker's key, "contact done", the safety number, the access log; a second worker
// who sees nothing of the first; a session that ends mid-reply; axe-core on every page.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  activate, axe, blocking, call, checkIn, houvast, launchBrowser, openTab, pairParent, screenshot, startServer, submitCheckIn,
} from "./lib.mjs";

const { fromB64, openReply, safetyNumber } = houvast;
const PASSPHRASE = "vlinder kompas regenjas tulp bamboe";
const accessibility = {};

async function checkAxe(page, name) {
  const violations = await axe(page);
  accessibility[name] = violations;
  assert.deepEqual(blocking(violations), [], `${name}: serious or critical accessibility violations`);
}

async function signIn(page, email, passphrase = PASSPHRASE) {
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoordzin").fill(passphrase);
  await page.getByRole("button", { name: "Aanmelden" }).click();
}

describe("the worker's dashboard", () => {
  let server, browser, anna, page, parent, checkinId;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ context: anna, page } = await openTab(browser));
  });

  after(async () => {
    console.log("axe-core results per page:", JSON.stringify(accessibility));
    await browser?.close();
    await server?.stop();
  });

  test("the page comes with a strict CSP and nothing from elsewhere", async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get("content-security-policy");
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /unsafe-inline|https?:/);
    const html = await res.text();
    assert.doesNotMatch(html, /<script>(?!<)|<style|https?:\/\//);
  });

  test("activation: the passphrase policy, a suggestion, then straight to the caseload", async () => {
    const link = server.invite("anna@example.org", "Anna de Vries");
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(link);
    await page.getByRole("heading", { name: "Je account activeren" }).waitFor();
    await checkAxe(page, "activation");
    const field = page.getByLabel("Wachtwoordzin", { exact: true });
    await field.fill("ik hou van jou schat");
    await page.getByText("Deze zin is bekend").waitFor();
    await field.fill("anna vlinder kompas tulp");
    await page.getByText("Gebruik je naam of e-mailadres niet").waitFor();
    await field.fill("kort wachtwoord");
    await page.getByText("Te kort.").waitFor();
    assert.equal(await page.getByRole("button", { name: "Account activeren" }).isDisabled(), true);
    await page.getByRole("button", { name: "Geef me een voorbeeld" }).click();
    const suggestion = (await page.getByText(/^Voorbeeld: /).textContent()).replace("Voorbeeld: ", "");
    assert.equal(suggestion.split(" ").length, 6);
    await field.fill(suggestion);
    await page.getByText("Deze wachtwoordzin is sterk genoeg.").waitFor();
    await screenshot(page, "1-activation");
    await activate(page, link, PASSPHRASE);
    assert.equal(new URL(page.url()).hash, "", "the token leaves the address bar");
    await page.getByText("Je hebt nog geen ouders.").waitFor();
    await checkAxe(page, "caseload (empty)");
    assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), [], "no request to another site");
    // The key is in memory only.
    const stored = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      databases: (await indexedDB.databases()).length,
    }));
    assert.deepEqual(stored, { local: 0, session: 0, databases: 0 });
  });

  test("an invitation: the code, a QR code and a printable sheet", async () => {
    await page.getByRole("button", { name: "Ouder uitnodigen" }).click();
    await page.getByLabel(/Notitie voor jezelf/).fill("Fam. Jansen");
    await page.getByRole("button", { name: "Koppelcode maken" }).click();
    // The line the app reads (houvast_protocol::Invitation): plain http is spelled out on loopback.
    const line = (await page.getByTestId("invitation-line").textContent()).trim();
    assert.match(line, new RegExp(`^${server.url}/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$`));
    const code = line.split("/").at(-1);
    await page.getByRole("img", { name: `QR-code met de uitnodiging ${line}` }).waitFor();
    await page.getByText("Zo koppel je de app Houvast").waitFor();
    await checkAxe(page, "invitation");
    await screenshot(page, "2-invitation");
    // Printed, only the sheet remains: no menu, no form, no buttons.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.getByRole("navigation").isVisible(), false);
    assert.equal(await page.getByRole("button", { name: "Koppelcode maken" }).isVisible(), false);
    assert.equal(await page.getByTestId("invitation-line").isVisible(), true);
    await page.emulateMedia({ media: "screen" });
    parent = await pairParent(server.url, code);
    checkinId = await submitCheckIn(
      server.url,
      parent,
      1,
      checkIn(1, {
        worried: true,
        talkAbout: "Mijn zoon slaapt slecht sinds mijn opname.",
        shared: [{ question: "Wat ging goed?", answer: "We hebben samen gekookt." }],
      }),
    );
  });

  test("the caseload opens the check-in in the browser: urgent, new, not yet compared", async () => {
    await page.getByRole("button", { name: "Mijn ouders" }).click();
    const row = page.locator("tr", { hasText: "Fam. Jansen" });
    await row.getByText("Dringend").waitFor();
    await row.getByText("Nieuw").waitFor();
    await row.getByText("Nog niet vergeleken").waitFor();
    await row.getByText("0 van 5 modules klaar").waitFor();
    await checkAxe(page, "caseload");
    await screenshot(page, "3-caseload");
    await row.getByRole("button").click();
    const card = page.getByTestId("checkin-1");
    await card.getByText("Mijn zoon slaapt slecht sinds mijn opname.").waitFor();
    await card.getByText("We hebben samen gekookt.").waitFor();
    await card.getByText("De ouder maakt zich zorgen").waitFor();
    // The safety number the browser derived is the one the parent's app derives.
    const shown = (await page.getByTestId("safety-number").innerText()).replace(/\s+/g, " ").trim();
    assert.equal(shown, safetyNumber(parent.pinned).digits);
    await page.getByText("Toon als QR-code").click();
    await page.getByRole("img", { name: "QR-code met het veiligheidsnummer" }).waitFor();
    await checkAxe(page, "client");
    await screenshot(page, "4-client");
    // A tablet held upright: nothing runs off the side.
    await page.setViewportSize({ width: 768, height: 1024 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 768), "no sideways scrolling at 768 px");
    await page.setViewportSize({ width: 1024, height: 900 });
  });

  test("a reply typed with the keyboard only, opened by the parent's app with the worker's key", async () => {
    await page.locator("main h1").focus();
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.id === "reply-cp")) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), "reply-cp");
    // Headless Chromium's date-and-time field is laid out mm/dd/yyyy hh:mm AM/PM whatever the
    // page's language: digits fill a segment each, Tab goes from the date to the time.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "reply-time");
    for (const key of [..."03042030", "Tab", ..."1030", "A"]) await page.keyboard.press(key);
    assert.equal(await page.locator("#reply-time").inputValue(), "2030-03-04T10:30");
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.getAttribute("name") === "reply-way")) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "reply-way");
    await page.keyboard.press("Space");
    const way = await page.evaluate(() => document.activeElement?.value);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "reply-message");
    await page.keyboard.type("Ik bel je dinsdag. Je hoeft niets voor te bereiden.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByText("Je antwoord is verstuurd.").waitFor();
    await page.getByText("Ik bel je dinsdag.", { exact: false }).last().waitFor();

    const state = await call(server.url, "GET", "/api/v1/client/state", { token: parent.token });
    assert.equal(state.status, 200);
    assert.equal(state.json.replies.length, 1);
    const r = state.json.replies[0];
    const place = { client_id: parent.clientId, checkin_id: checkinId, contact_point: 1 };
    const opened = openReply(parent.secretKey, parent.pinned, place, fromB64(r.sealed), new Set());
    assert.equal(opened.reply.message, "Ik bel je dinsdag. Je hoeft niets voor te bereiden.");
    assert.equal(opened.reply.way_of_contact, way);
    assert.match(opened.reply.proposed_time, /^2030-03-04T10:30:00[+-]\d\d:\d\d$/);
  });

  test("contact done and the safety number compared", async () => {
    await page.getByRole("button", { name: "Contact 1 is gedaan" }).click();
    await page.getByTestId("contact-1").getByText("Gedaan", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Ik heb het vergeleken met de ouder" }).click();
    await page.getByText(/^Vergeleken op/).waitFor();
    await page.getByRole("button", { name: /Terug naar mijn ouders/ }).click();
    const row = page.locator("tr", { hasText: "Fam. Jansen" });
    await row.locator(".badge.key-checked").waitFor();
    assert.equal(await row.getByText("Dringend").count(), 0, "urgent until the contact is done");
    assert.equal(await row.getByText("Nieuw").count(), 0, "seen");
  });

  test("the access log shows the worker's own reads", async () => {
    await page.getByRole("button", { name: "Toegangslog" }).click();
    const log = page.getByTestId("access-log");
    await log.getByText("Check-ins geopend").first().waitFor();
    await log.getByText("Antwoord gestuurd").waitFor();
    await log.getByText("Ouder gekoppeld").waitFor();
    await checkAxe(page, "access log");
    await screenshot(page, "5-access-log");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Access log" }).waitFor();
    await page.getByRole("button", { name: "Nederlands" }).click();
  });

  test("a second worker sees nothing of the first worker's parents", async () => {
    const { page: bert } = await openTab(browser);
    await activate(bert, server.invite("bert@example.org", "Bert Smit"), "zeehond lepel knikker gieter pompoen");
    await bert.getByText("Je hebt nog geen ouders.").waitFor();
    const status = await bert.evaluate(async (id) => (await fetch(`/api/v1/worker/clients/${id}`)).status, parent.clientId);
    assert.equal(status, 404);
    await bert.context().close();
  });

  test("a session that ends mid-reply keeps the typed reply; signing in again sends it", async () => {
    await page.getByRole("button", { name: "Mijn ouders" }).click();
    await page.locator("tr", { hasText: "Fam. Jansen" }).getByRole("button").click();
    await page.getByLabel("Bericht").fill("Tot dinsdag!");
    // The same worker signs out everywhere from another browser: this tab's session is gone.
    const { page: other } = await openTab(browser);
    await other.goto(server.url);
    await signIn(other, "anna@example.org");
    await other.getByRole("heading", { name: "Mijn ouders" }).waitFor({ timeout: 60_000 });
    await other.getByRole("button", { name: "Toegangslog" }).click();
    await other.getByRole("button", { name: "Overal afmelden" }).click();
    await other.getByText("Je bent afgemeld.").waitFor();
    await other.context().close();

    await page.getByRole("button", { name: "Antwoord versleutelen en sturen" }).click();
    await page.getByRole("heading", { name: "Je sessie is verlopen" }).waitFor();
    await checkAxe(page, "session ended");
    await screenshot(page, "6-session-ended");
    assert.equal(await page.getByText("Fam. Jansen").count(), 0, "nothing opened stays on screen");
    await signIn(page, "anna@example.org");
    await page.getByRole("heading", { name: /Fam\. Jansen/ }).waitFor({ timeout: 60_000 });
    assert.equal(await page.getByLabel("Bericht").inputValue(), "Tot dinsdag!");
    await page.getByRole("button", { name: "Antwoord versleutelen en sturen" }).click();
    await page.getByText("Je antwoord is verstuurd.").waitFor();
    const state = await call(server.url, "GET", "/api/v1/client/state", { token: parent.token });
    assert.equal(state.json.replies.length, 2);
  });

  test("signing out wipes the page; a wrong passphrase is told plainly; the sign-in page passes axe", async () => {
    await page.getByRole("button", { name: "Afmelden" }).click();
    await page.getByText("Je bent afgemeld. Je sleutel is uit dit tabblad gewist.").waitFor();
    await checkAxe(page, "sign-in");
    assert.equal(await page.getByText("Fam. Jansen").count(), 0);
    const me = await page.evaluate(async () => (await fetch("/api/v1/worker/me")).status);
    assert.equal(me, 401);
    await signIn(page, "anna@example.org", "vlinder kompas regenjas tulp bamboo");
    await page.getByText("Dit e-mailadres en deze wachtwoordzin horen niet bij elkaar.").waitFor({ timeout: 60_000 });
    assert.deepEqual(page.problems, []);
  });

  test("after repeated wrong passphrases the page says how long to wait, as the server says", async () => {
    // Five failures are free; then the server asks for a wait that doubles with each failure.
    const locked = page.getByText(/Te veel pogingen\. Probeer het over \d+ seconden opnieuw\./);
    for (let attempt = 2; attempt <= 12 && !(await locked.isVisible()); attempt++) {
      await signIn(page, "anna@example.org", `vlinder kompas regenjas tulp fout${attempt}`);
      await page.getByRole("button", { name: "Aanmelden" }).and(page.locator(":enabled")).waitFor({ timeout: 60_000 });
    }
    await locked.waitFor({ timeout: 1000 });
    assert.equal(await page.getByRole("heading", { name: "Mijn ouders" }).count(), 0);
  });
});

describe("an expired session", () => {
  test("the page forgets the key when the session expires, and says so", async () => {
    const server = await startServer({ sessionTtlSecs: 6 });
    const browser = await launchBrowser();
    try {
      const { page } = await openTab(browser);
      await activate(page, server.invite("carla@example.org", "Carla"), PASSPHRASE);
      await page.getByRole("heading", { name: "Je sessie is verlopen" }).waitFor({ timeout: 15_000 });
      assert.equal(await page.getByRole("button", { name: "Ouder uitnodigen" }).count(), 0);
      const me = await page.evaluate(async () => (await fetch("/api/v1/worker/me")).status);
      assert.equal(me, 401, "the server ended it too");
      await signIn(page, "carla@example.org");
      await page.getByRole("heading", { name: "Mijn ouders" }).waitFor({ timeout: 60_000 });
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
