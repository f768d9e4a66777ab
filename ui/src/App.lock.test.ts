// The app lock, backup and restore as the whole app shows them: the lock screen at start and
// when the shell locks the window, back to the same screen after the PIN, a restore that
// reloads everything.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(), open: vi.fn() }));
const listeners = new Map<string, (e: { payload: unknown }) => void>();
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, cb: (e: { payload: unknown }) => void) => {
    listeners.set(name, cb);
    return () => listeners.delete(name);
  }),
}));

import { open } from "@tauri-apps/plugin-dialog";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import App from "./App.svelte";
import { fetchAllScreens } from "./screens";
import { i18n } from "./lib/i18n/index.svelte";
import { nl } from "./lib/i18n/nl";
import { navigation } from "./lib/navigation.svelte";
import { callsOf, mockCommands, overview, profile } from "./test/fixtures";

// The app loads screens other than the first one lazily; loaded here up front, opening one
// in a test waits for its data only, as it does in the app once start-up is over.
await fetchAllScreens();

const pinLock = { kind: "pin", failures: 0, wait_until: null };
const lockedError = { code: "app_locked", message: "locked", details: { kind: "app_locked", lock: "pin" } };
const CREATED = "2026-11-01T19:30:00Z";

/** A backend with a lock: everything but the lock's own commands is refused until unlocked. */
function lockedBackend(pin = "482916") {
  let locked = true;
  const guard = <T>(value: () => T) => () => {
    if (locked) throw lockedError;
    return value();
  };
  mockCommands({
    app_status: guard(() => ({ profile, children_ages: [7] })),
    programme_overview: guard(() => overview),
    reflection_day: guard(() => {
      throw { code: "internal", message: "not needed here" };
    }),
    lock_status: () => pinLock,
    unlock_app: (args) => {
      if ((args as { secret: string }).secret !== pin) {
        throw { code: "wrong_lock_secret", message: "", details: { kind: "lock_wait", failures: 1, wait_until: null } };
      }
      locked = false;
      return pinLock;
    },
    ui_ready: () => null,
  });
  return {
    lock: () => {
      locked = true;
      listeners.get("app-locked")?.({ payload: null });
    },
  };
}

async function expectCrisisHelpReachable() {
  await fireEvent.click(screen.getByTestId("crisis-button"));
  const dialog = screen.getByTestId("crisis-dialog");
  expect(dialog.hasAttribute("open")).toBe(true);
  expect(dialog.textContent).toContain("113");
  expect(dialog.textContent).toContain("112");
  await fireEvent.click(within(dialog).getByRole("button", { name: /Sluiten|Close/ }));
}

describe("App with an app lock", () => {
  beforeEach(() => {
    i18n.set("nl");
    navigation.go({ screen: "home" });
    listeners.clear();
    vi.mocked(open).mockReset();
  });

  it("starts at the lock screen, not the error screen, with crisis help and no menu", async () => {
    lockedBackend();
    render(App);
    expect(await screen.findByTestId("lock-screen")).toBeTruthy();
    expect(screen.queryByTestId("error-screen")).toBeNull();
    expect(screen.queryByTestId("nav-home")).toBeNull();
    await expectCrisisHelpReachable();
  });

  it("opens the home screen after the right PIN, and not after a wrong one", async () => {
    lockedBackend();
    render(App);
    await screen.findByTestId("lock-screen");
    await fireEvent.input(screen.getByTestId("lock-secret"), { target: { value: "111112" } });
    await fireEvent.click(screen.getByTestId("lock-open"));
    await vi.waitFor(() => expect(screen.getByTestId("lock-message").textContent).toContain(nl.lockScreen.wrong));
    expect(screen.queryByTestId("home")).toBeNull();
    await fireEvent.input(screen.getByTestId("lock-secret"), { target: { value: "482916" } });
    await fireEvent.click(screen.getByTestId("lock-open"));
    expect(await screen.findByTestId("home")).toBeTruthy();
    expect(screen.queryByTestId("lock-screen")).toBeNull();
  });

  it("locks at once when the shell says so, and returns to the same screen after the PIN", async () => {
    const backend = lockedBackend();
    render(App);
    await screen.findByTestId("lock-screen");
    await fireEvent.input(screen.getByTestId("lock-secret"), { target: { value: "482916" } });
    await fireEvent.click(screen.getByTestId("lock-open"));
    await screen.findByTestId("home");
    await fireEvent.click(screen.getByTestId("nav-programme"));
    await screen.findByTestId("module-good-enough");
    backend.lock();
    expect(await screen.findByTestId("lock-screen")).toBeTruthy();
    expect(screen.queryByTestId("module-good-enough")).toBeNull();
    await expectCrisisHelpReachable();
    await fireEvent.input(screen.getByTestId("lock-secret"), { target: { value: "482916" } });
    await fireEvent.click(screen.getByTestId("lock-open"));
    expect(await screen.findByTestId("module-good-enough")).toBeTruthy();
    expect(navigation.route).toEqual({ screen: "programme" });
  });

  it("shows the lock screen when any command finds the app locked", async () => {
    let locked = false;
    mockCommands({
      app_status: () => ({ profile, children_ages: [7] }),
      programme_overview: () => {
        if (locked) throw lockedError;
        return overview;
      },
      lock_status: () => pinLock,
      ui_ready: () => null,
    });
    render(App);
    await screen.findByTestId("home");
    locked = true;
    await fireEvent.click(screen.getByTestId("nav-programme"));
    expect(await screen.findByTestId("lock-screen")).toBeTruthy();
  });

  it("restores a copy from the lock screen's 'Forgot your PIN?' and opens the restored data", async () => {
    let restored = false;
    mockCommands({
      app_status: () => {
        if (!restored) throw lockedError;
        return { profile, children_ages: [7] };
      },
      programme_overview: () => overview,
      lock_status: () => pinLock,
      restore_backup: (args) => {
        if (!(args as { replace: boolean }).replace) {
          throw { code: "restore_would_replace", message: "", details: { kind: "restore_would_replace", created_at: CREATED } };
        }
        restored = true;
        return { created_at: CREATED, lock_removed: true };
      },
      ui_ready: () => null,
    });
    vi.mocked(open).mockResolvedValue("/media/usb/kopie.houvast");
    render(App);
    await screen.findByTestId("lock-screen");
    await fireEvent.click(screen.getByTestId("lock-forgot-toggle"));
    await fireEvent.click(screen.getByTestId("restore-choose"));
    await screen.findByTestId("restore-path");
    await fireEvent.input(screen.getByTestId("restore-passphrase"), { target: { value: "zin van de kopie" } });
    await fireEvent.click(screen.getByTestId("restore-submit"));
    await fireEvent.click(await screen.findByTestId("restore-replace-yes"));
    expect(await screen.findByTestId("home")).toBeTruthy();
    const notice = screen.getByTestId("restore-notice");
    expect(notice.textContent).toContain("Teruggezet: je gegevens van");
    expect(notice.textContent).toContain(nl.restore.lockRemoved);
    await fireEvent.click(screen.getByTestId("restore-notice-dismiss"));
    expect(screen.queryByTestId("restore-notice")).toBeNull();
  });

  it("offers 'New laptop? Restore a copy' on the first screen of onboarding", async () => {
    let restored = false;
    mockCommands({
      app_status: () => ({ profile: restored ? profile : null, children_ages: restored ? [7] : [] }),
      programme_overview: () => overview,
      restore_backup: () => {
        restored = true;
        return { created_at: CREATED, lock_removed: false };
      },
      ui_ready: () => null,
    });
    vi.mocked(open).mockResolvedValue("/media/usb/kopie.houvast");
    render(App);
    await screen.findByTestId("onboarding");
    expect(screen.getByTestId("onboarding-restore-link").textContent?.trim()).toBe(nl.restore.onboardingLink);
    await fireEvent.click(screen.getByTestId("onboarding-restore-link"));
    await screen.findByTestId("restore-backup");
    await expectCrisisHelpReachable();
    await fireEvent.click(screen.getByTestId("restore-choose"));
    await screen.findByTestId("restore-path");
    await fireEvent.input(screen.getByTestId("restore-passphrase"), { target: { value: "zin van de kopie" } });
    await fireEvent.click(screen.getByTestId("restore-submit"));
    expect(await screen.findByTestId("home")).toBeTruthy();
    // The app asks before replacing only when something was written; before onboarding the
    // backend finds no profile and restores at once (houvast-session's Vault::restore).
    expect(callsOf("restore_backup")).toEqual([{ path: "/media/usb/kopie.houvast", passphrase: "zin van de kopie", replace: false }]);
    expect(callsOf("save_profile")).toEqual([]);
  });

  it.each(["key_missing", "wrong_key", "wrong_key_or_corrupt", "database_corrupt"])(
    "offers a restore beside trying again when the data cannot be opened (%s)",
    async (code) => {
      mockCommands({
        app_status: () => {
          throw { code, message: "cause" };
        },
        ui_ready: () => null,
      });
      render(App);
      const error = await screen.findByTestId("error-screen");
      expect(within(error).getByTestId("error-retry")).toBeTruthy();
      await fireEvent.click(within(error).getByTestId("error-restore"));
      expect(within(error).getByTestId("restore-backup")).toBeTruthy();
    },
  );

  it("has App lock and Keep a copy in the settings", async () => {
    mockCommands({
      app_status: () => ({ profile, children_ages: [7] }),
      programme_overview: () => overview,
      reminder_settings: () => {
        throw { code: "internal", message: "not needed here" };
      },
      lock_status: () => ({ kind: null, failures: 0, wait_until: null }),
      ui_ready: () => null,
    });
    render(App);
    await screen.findByTestId("home");
    await fireEvent.click(screen.getByTestId("nav-settings"));
    expect(screen.getByTestId("nav-settings").textContent?.trim()).toBe(nl.nav.settings);
    expect(await screen.findByTestId("app-lock-settings")).toBeTruthy();
    expect(screen.getByTestId("backup-settings")).toBeTruthy();
    expect(screen.getByTestId("restore-backup")).toBeTruthy();
  });
});
