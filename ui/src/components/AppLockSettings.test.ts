import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import AppLockSettings from "./AppLockSettings.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { en } from "../lib/i18n/en";
import { nl } from "../lib/i18n/nl";
import { callsOf, mockCommands } from "../test/fixtures";

const off = { kind: null, failures: 0, wait_until: null };
const pin = { kind: "pin", failures: 0, wait_until: null };

async function typeTwice(first: string, second: string) {
  await fireEvent.input(screen.getByTestId("lock-new"), { target: { value: first } });
  await fireEvent.input(screen.getByTestId("lock-repeat"), { target: { value: second } });
  await fireEvent.click(screen.getByTestId("lock-set"));
}

describe("AppLockSettings", () => {
  beforeEach(() => {
    i18n.set("nl");
  });

  it("says what the lock does and does not do, and to make a copy first, before one is set", async () => {
    i18n.set("en");
    mockCommands({ lock_status: () => off });
    render(AppLockSettings, { onlocked: vi.fn() });
    const section = await screen.findByTestId("app-lock-settings");
    await screen.findByTestId("lock-new");
    const text = section.textContent ?? "";
    expect(text).toContain("Others who use this computer cannot open the app without your PIN.");
    expect(text).toContain("So copying the files is not enough.");
    expect(text).toContain("It does not protect against someone who knows your PIN, or who watches you type.");
    expect(text).toContain("Reminders still come. They say nothing about the programme.");
    expect(screen.getByTestId("lock-forget-warning").textContent).toContain(en.appLock.forget);
    expect(screen.getByTestId("lock-forget-warning").textContent).toContain(en.appLock.copyFirst);
    expect(screen.getByLabelText(en.appLock.newPin)).toBe(screen.getByTestId("lock-new"));
    expect(screen.getByLabelText(en.appLock.repeatPin)).toBe(screen.getByTestId("lock-repeat"));
    expect(screen.getByTestId("lock-new").getAttribute("inputmode")).toBe("numeric");
  });

  it("refuses two different entries without setting anything", async () => {
    mockCommands({ lock_status: () => off });
    render(AppLockSettings, { onlocked: vi.fn() });
    await screen.findByTestId("lock-new");
    await typeTwice("482916", "482917");
    expect(screen.getByTestId("lock-settings-message").textContent).toContain(nl.appLock.mismatch);
    expect(callsOf("set_app_lock")).toEqual([]);
  });

  it("names why a PIN is refused", async () => {
    mockCommands({
      lock_status: () => off,
      set_app_lock: () => {
        throw { code: "lock_secret_invalid", message: "", details: { kind: "lock_secret_invalid", problem: "pin_too_easy" } };
      },
    });
    render(AppLockSettings, { onlocked: vi.fn() });
    await screen.findByTestId("lock-new");
    await typeTwice("123456", "123456");
    await vi.waitFor(() =>
      expect(screen.getByTestId("lock-settings-message").textContent).toContain(nl.appLock.problems.pin_too_easy),
    );
    expect(screen.getByTestId("lock-state").dataset.kind).toBe("none");
  });

  it("sets a passphrase when that is chosen, then offers lock now, change and remove", async () => {
    mockCommands({ lock_status: () => off, set_app_lock: () => ({ ...pin, kind: "passphrase" }) });
    render(AppLockSettings, { onlocked: vi.fn() });
    await fireEvent.click(await screen.findByTestId("lock-kind-passphrase"));
    expect(screen.getByLabelText(nl.appLock.newPassphrase)).toBe(screen.getByTestId("lock-new"));
    await typeTwice("een lange zin", "een lange zin");
    await vi.waitFor(() => expect(screen.getByTestId("lock-state").dataset.kind).toBe("passphrase"));
    expect(callsOf("set_app_lock")).toEqual([{ kind: "passphrase", secret: "een lange zin" }]);
    expect(screen.getByTestId("lock-settings-message").textContent).toContain(nl.appLock.setDone);
    expect(screen.queryByTestId("lock-new")).toBeNull();
    expect(screen.getByTestId("lock-now")).toBeTruthy();
    expect(screen.getByTestId("lock-change")).toBeTruthy();
    expect(screen.getByTestId("lock-remove")).toBeTruthy();
  });

  it("locks now and tells the app", async () => {
    mockCommands({ lock_status: () => pin, lock_app: () => true });
    const onlocked = vi.fn();
    render(AppLockSettings, { onlocked });
    await fireEvent.click(await screen.findByTestId("lock-now"));
    await vi.waitFor(() => expect(onlocked).toHaveBeenCalledOnce());
    expect(callsOf("lock_app")).toEqual([{}]);
  });

  it("changes the PIN after typing the new one twice", async () => {
    mockCommands({ lock_status: () => pin, set_app_lock: () => pin });
    render(AppLockSettings, { onlocked: vi.fn() });
    await fireEvent.click(await screen.findByTestId("lock-change"));
    await typeTwice("839201", "839201");
    await vi.waitFor(() => expect(callsOf("set_app_lock")).toEqual([{ kind: "pin", secret: "839201" }]));
    expect(screen.getByTestId("lock-settings-message").textContent).toContain(nl.appLock.changeDone);
  });

  it("removes the lock", async () => {
    mockCommands({ lock_status: () => pin, remove_app_lock: () => off });
    render(AppLockSettings, { onlocked: vi.fn() });
    await fireEvent.click(await screen.findByTestId("lock-remove"));
    await vi.waitFor(() => expect(screen.getByTestId("lock-state").dataset.kind).toBe("none"));
    expect(callsOf("remove_app_lock")).toEqual([{}]);
    expect(screen.getByTestId("lock-settings-message").textContent).toContain(nl.appLock.removeDone);
  });
});
