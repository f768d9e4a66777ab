import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(), open: vi.fn() }));

import { fireEvent, render, screen, within } from "@testing-library/svelte";
import LockScreen from "./LockScreen.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { en } from "../lib/i18n/en";
import { nl } from "../lib/i18n/nl";
import { callsOf, mockCommands } from "../test/fixtures";

const pinLock = { kind: "pin", language: null, failures: 0, wait_until: null };

function props() {
  return { onunlocked: vi.fn(), onrestored: vi.fn(), onerased: vi.fn() };
}

async function typeAndOpen(secret: string) {
  await fireEvent.input(screen.getByTestId("lock-secret"), { target: { value: secret } });
  await fireEvent.click(screen.getByTestId("lock-open"));
}

describe("LockScreen", () => {
  beforeEach(() => {
    i18n.set("nl");
  });

  it("shows the app's name and one PIN field for digits, and nothing about the data", async () => {
    mockCommands({ lock_status: () => pinLock });
    render(LockScreen, props());
    const lockScreen = screen.getByTestId("lock-screen");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Houvast");
    const field = screen.getByLabelText(nl.lockScreen.pinLabel) as HTMLInputElement;
    expect(field).toBe(screen.getByTestId("lock-secret"));
    expect(field.type).toBe("password");
    expect(field.getAttribute("inputmode")).toBe("numeric");
    expect(field.getAttribute("autocomplete")).toBe("off");
    await vi.waitFor(() => expect(callsOf("lock_status")).toEqual([{}]));
    // Only the lock's own state is read while locked: no profile, no programme, no reflections.
    const { invoke } = await import("@tauri-apps/api/core");
    expect(vi.mocked(invoke).mock.calls.map(([c]) => c)).toEqual(["lock_status"]);
    expect(lockScreen.textContent).not.toMatch(/module|reflectie|Sam/i);
  });

  it("speaks the parent's language, kept beside the locked data", async () => {
    mockCommands({ lock_status: () => ({ ...pinLock, language: "en" }) });
    render(LockScreen, props());
    expect(await screen.findByLabelText(en.lockScreen.pinLabel)).toBe(screen.getByTestId("lock-secret"));
  });

  it("asks for the passphrase when that is the lock", async () => {
    mockCommands({ lock_status: () => ({ ...pinLock, kind: "passphrase" }) });
    render(LockScreen, props());
    const field = await screen.findByLabelText(nl.lockScreen.passphraseLabel);
    expect(field.getAttribute("inputmode")).toBe("text");
    expect(screen.getByTestId("lock-forgot-toggle").textContent).toBe(nl.lockScreen.forgotPassphrase);
  });

  it("opens with the right PIN", async () => {
    mockCommands({ lock_status: () => pinLock, unlock_app: () => ({ ...pinLock }) });
    const p = props();
    render(LockScreen, p);
    await typeAndOpen("482916");
    await vi.waitFor(() => expect(p.onunlocked).toHaveBeenCalledOnce());
    expect(callsOf("unlock_app")).toEqual([{ secret: "482916" }]);
  });

  it("says a wrong PIN is not right, empties the field, and stays", async () => {
    mockCommands({
      lock_status: () => pinLock,
      unlock_app: () => {
        throw { code: "wrong_lock_secret", message: "wrong", details: { kind: "lock_wait", failures: 1, wait_until: null } };
      },
    });
    const p = props();
    render(LockScreen, p);
    await typeAndOpen("111112");
    const message = screen.getByTestId("lock-message");
    await vi.waitFor(() => expect(message.textContent).toContain(nl.lockScreen.wrong));
    expect((screen.getByTestId("lock-secret") as HTMLInputElement).value).toBe("");
    expect((screen.getByTestId("lock-open") as HTMLButtonElement).disabled).toBe(false);
    expect(p.onunlocked).not.toHaveBeenCalled();
  });

  it("counts down the wait after the third wrong PIN, with the button disabled until then", async () => {
    mockCommands({
      lock_status: () => pinLock,
      unlock_app: () => {
        throw {
          code: "wrong_lock_secret",
          message: "wrong",
          details: { kind: "lock_wait", failures: 3, wait_until: new Date(Date.now() + 1800).toISOString() },
        };
      },
    });
    render(LockScreen, props());
    await typeAndOpen("111112");
    const wait = await screen.findByTestId("lock-wait");
    expect(wait.textContent).toMatch(/^Probeer het opnieuw over 0:0[12]\.$/);
    expect(screen.getByTestId("lock-message").textContent).toContain(nl.lockScreen.wrong);
    expect((screen.getByTestId("lock-open") as HTMLButtonElement).disabled).toBe(true);
    // Typing and pressing Enter during the wait sends nothing.
    await typeAndOpen("482916");
    expect(callsOf("unlock_app")).toHaveLength(1);
    await vi.waitFor(() => expect(screen.queryByTestId("lock-wait")).toBeNull(), { timeout: 4000 });
    expect((screen.getByTestId("lock-open") as HTMLButtonElement).disabled).toBe(false);
  });

  it("keeps waiting after a restart: the wait comes from the lock's state", async () => {
    mockCommands({
      lock_status: () => ({ kind: "pin", failures: 5, wait_until: new Date(Date.now() + 40_000).toISOString() }),
    });
    i18n.set("en");
    render(LockScreen, props());
    const wait = await screen.findByTestId("lock-wait");
    expect(wait.textContent).toMatch(/^Try again in 0:(39|40)\.$/);
    expect((screen.getByTestId("lock-open") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("lock-message").textContent).toContain(en.lockScreen.waitWhy);
  });

  it("tells a parent who forgot the PIN plainly what is left: restore a copy, or start over", async () => {
    mockCommands({ lock_status: () => pinLock });
    render(LockScreen, props());
    const forgot = screen.getByTestId("lock-forgot");
    expect(forgot.hasAttribute("open")).toBe(false);
    await fireEvent.click(screen.getByTestId("lock-forgot-toggle"));
    expect(forgot.textContent).toContain(nl.lockScreen.forgotText);
    expect(forgot.textContent).toContain(nl.lockScreen.forgotRestore);
    expect(forgot.textContent).toContain(nl.lockScreen.forgotStartOver);
    expect(within(forgot).getByTestId("restore-backup")).toBeTruthy();
    expect(within(forgot).getByTestId("delete-everything")).toBeTruthy();
  });

  it("starts over through delete everything, which works while locked", async () => {
    mockCommands({ lock_status: () => pinLock, delete_everything: () => null });
    const p = props();
    render(LockScreen, p);
    await fireEvent.click(screen.getByTestId("erase-start"));
    await fireEvent.click(screen.getByTestId("erase-confirm"));
    await vi.waitFor(() => expect(p.onerased).toHaveBeenCalledOnce());
    expect(p.onunlocked).not.toHaveBeenCalled();
  });
});
