import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import SettingsReminders from "./SettingsReminders.svelte";
import { callsOf, mockCommands } from "../test/fixtures";
import { i18n } from "../lib/i18n/index.svelte";
import { en } from "../lib/i18n/en";
import { nl } from "../lib/i18n/nl";
import type { ReminderSettings, ReminderSettingsView } from "../lib/bindings";

function defaults(): ReminderSettings {
  return {
    module: { enabled: true, weekday: "monday", time: "19:30" },
    reflection: { enabled: false, time: "20:30" },
    home_assignment: { enabled: true },
    check_in: { enabled: true },
    quiet_hours: { start: "22:00", end: "08:00" },
    discreet: true,
  };
}

let current: ReminderSettingsView;

describe("SettingsReminders", () => {
  beforeEach(() => {
    i18n.set("nl");
    current = { settings: defaults(), snoozed_until: null, start_at_login: false };
    mockCommands({
      reminder_settings: () => current,
      save_reminder_settings: (args) => {
        current = { ...current, settings: (args as { settings: ReminderSettings }).settings };
        return current;
      },
      snooze_reminders: (args) => {
        const hours = (args as { hours: number }).hours;
        current = { ...current, snoozed_until: hours ? "2026-03-10T23:00:00Z" : null };
        return current;
      },
      set_start_at_login: (args) => {
        current = { ...current, start_at_login: (args as { enabled: boolean }).enabled };
        return current;
      },
    });
  });

  it("starts discreet, with start at login off and explained", async () => {
    render(SettingsReminders);
    expect(((await screen.findByTestId("discreet-on")) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId("start-at-login") as HTMLInputElement).checked).toBe(false);
    expect(document.body.textContent).toContain(nl.settings.startHelp);
    expect(document.body.textContent).toContain(nl.settings.discreetHelp);
  });

  it("switches the evening reminder on at a chosen time", async () => {
    render(SettingsReminders);
    await fireEvent.click(await screen.findByTestId("reflection-enabled"));
    const time = screen.getByTestId("reflection-time") as HTMLInputElement;
    await fireEvent.input(time, { target: { value: "21:15" } });
    await fireEvent.change(time);
    const last = callsOf("save_reminder_settings").at(-1) as { settings: ReminderSettings };
    expect(last.settings.reflection).toEqual({ enabled: true, time: "21:15" });
    expect(await screen.findByText(nl.settings.saved)).toBeTruthy();
  });

  it("chooses the module's weekday and descriptive text", async () => {
    render(SettingsReminders);
    const day = (await screen.findByTestId("module-weekday")) as HTMLSelectElement;
    await fireEvent.change(day, { target: { value: "thursday" } });
    await fireEvent.click(screen.getByTestId("discreet-off"));
    const last = callsOf("save_reminder_settings").at(-1) as { settings: ReminderSettings };
    expect(last.settings.module.weekday).toBe("thursday");
    expect(last.settings.discreet).toBe(false);
  });

  it("refuses quiet hours that start and end at once, and can switch them off", async () => {
    render(SettingsReminders);
    const end = (await screen.findByTestId("quiet-end")) as HTMLInputElement;
    await fireEvent.input(end, { target: { value: "22:00" } });
    await fireEvent.change(end);
    expect(screen.getByRole("alert").textContent).toBe(nl.settings.quietSame);
    expect(callsOf("save_reminder_settings")).toEqual([]);
    await fireEvent.click(screen.getByTestId("quiet-enabled"));
    const last = callsOf("save_reminder_settings").at(-1) as { settings: ReminderSettings };
    expect(last.settings.quiet_hours).toBeNull();
  });

  it("pauses and resumes", async () => {
    render(SettingsReminders);
    await fireEvent.click(await screen.findByTestId("pause-24"));
    expect(await screen.findByTestId("paused-until")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("pause-end"));
    expect(callsOf("snooze_reminders")).toEqual([{ hours: 24 }, { hours: 0 }]);
  });

  it("turns start at login on", async () => {
    render(SettingsReminders);
    await fireEvent.click(await screen.findByTestId("start-at-login"));
    expect(callsOf("set_start_at_login")).toEqual([{ enabled: true }]);
  });

  it("hides start at login where the platform has none, and speaks English", async () => {
    current = { ...current, start_at_login: null };
    i18n.set("en");
    render(SettingsReminders);
    expect(await screen.findByText(en.settings.title)).toBeTruthy();
    expect(screen.queryByTestId("start-at-login")).toBeNull();
  });

  it("says in English that the settings cannot be loaded, and loads them on try again", async () => {
    let fail = true;
    mockCommands({
      reminder_settings: () => {
        if (fail) throw { code: "internal", message: "boom" };
        return current;
      },
    });
    i18n.set("en");
    render(SettingsReminders);
    const error = await screen.findByTestId("error-screen");
    expect(error.textContent).toContain(en.settings.loadFailed);
    expect(error.textContent).toContain(en.errorScreen.codes.internal.text);
    fail = false;
    await fireEvent.click(screen.getByRole("button", { name: en.errorScreen.retry }));
    expect(((await screen.findByTestId("discreet-on")) as HTMLInputElement).checked).toBe(true);
  });
});
