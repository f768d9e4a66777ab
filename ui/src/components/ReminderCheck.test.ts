import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import ReminderCheck from "./ReminderCheck.svelte";
import { callsOf, mockCommands } from "../test/fixtures";
import { formatDateTime, i18n } from "../lib/i18n/index.svelte";
import { en } from "../lib/i18n/en";
import { nl } from "../lib/i18n/nl";
import { navigation } from "../lib/navigation.svelte";
import type { DeliveryFailure, DeliveryStatus, ReminderCheckView } from "../lib/bindings";

const SENT_AT = "2026-12-01T19:00:00Z";
const ANSWERED_AT = "2026-12-01T19:01:00Z";

function quiet(): DeliveryStatus {
  return { last_shown: null, last_reminder: null, problem: null, test_waiting: null, confirmed_at: null };
}

let current: ReminderCheckView;
/** What the desktop does with the next test: take it, or fail with this cause. */
let desktop: "takes" | DeliveryFailure;

describe("ReminderCheck", () => {
  beforeEach(() => {
    i18n.set("nl");
    desktop = "takes";
    current = { delivery: quiet(), start_at_login: false, tray: true, reminders_on: true, stays_in_tray: true };
    mockCommands({
      reminder_check: () => current,
      send_test_notification: () => {
        const d = current.delivery;
        current = {
          ...current,
          delivery:
            desktop === "takes"
              ? { ...d, problem: d.problem?.kind === "not_seen" ? d.problem : null, test_waiting: SENT_AT, last_shown: { at: SENT_AT, kind: "test" } }
              : { ...d, test_waiting: null, problem: { kind: "not_delivered", cause: desktop, since: SENT_AT, last_at: SENT_AT, count: 1 } },
        };
        return current;
      },
      answer_test_notification: (args) => {
        const appeared = (args as { appeared: boolean }).appeared;
        if (!current.delivery.test_waiting) throw { code: "no_test_waiting", message: "no test" };
        current = {
          ...current,
          delivery: {
            ...current.delivery,
            test_waiting: null,
            problem: appeared ? null : { kind: "not_seen", at: ANSWERED_AT },
            confirmed_at: appeared ? ANSWERED_AT : current.delivery.confirmed_at,
          },
        };
        return current;
      },
      set_start_at_login: (args) => {
        current = { ...current, start_at_login: (args as { enabled: boolean }).enabled };
        return { settings: null, snoozed_until: null, start_at_login: current.start_at_login };
      },
    });
  });

  it("sends a test, asks whether it appeared and shows when it was shown after 'yes'", async () => {
    render(ReminderCheck);
    expect((await screen.findByTestId("check-last-shown")).textContent).toContain(nl.reminderCheck.neverShown);
    await fireEvent.click(screen.getByTestId("check-send"));
    expect(callsOf("send_test_notification")).toHaveLength(1);
    expect((await screen.findByTestId("check-question")).textContent).toContain(nl.reminderCheck.question);
    await fireEvent.click(screen.getByTestId("check-yes"));
    expect(callsOf("answer_test_notification")).toEqual([{ appeared: true }]);
    expect((await screen.findByTestId("check-seen")).textContent).toContain(nl.reminderCheck.seen);
    expect(screen.getByTestId("check-last-shown").textContent).toContain(
      nl.reminderCheck.lastShown(formatDateTime(SENT_AT), nl.reminderCheck.kinds.test),
    );
    expect(screen.queryByTestId("check-not-seen")).toBeNull();
  });

  it("explains in plain steps what to do after 'no', and keeps saying it after a restart", async () => {
    const { unmount } = render(ReminderCheck);
    await fireEvent.click(await screen.findByTestId("check-send"));
    await fireEvent.click(await screen.findByTestId("check-no"));
    const help = await screen.findByTestId("check-not-seen");
    for (const step of nl.reminderCheck.notSeenSteps) expect(help.textContent).toContain(step);
    expect(help.textContent).toMatch(/Niet storen/);
    expect(help.textContent).toMatch(/Meldingen/);
    expect(help.textContent).toMatch(/Starten bij inloggen/);
    expect(screen.getByTestId("check-send").textContent).toContain(nl.reminderCheck.tryAgain);
    unmount();
    render(ReminderCheck);
    expect(await screen.findByTestId("check-not-seen")).toBeTruthy();
  });

  it.each([["unreachable"], ["no_service"], ["refused"]] as const)(
    "says why a test could not be sent (%s) and asks nothing",
    async (cause) => {
      desktop = cause;
      render(ReminderCheck);
      await fireEvent.click(await screen.findByTestId("check-send"));
      const failed = await screen.findByTestId("check-failed");
      expect(failed.dataset.cause).toBe(cause);
      expect(failed.textContent).toContain(nl.reminderCheck.causes[cause]);
      expect(screen.queryByTestId("check-question")).toBeNull();
    },
  );

  it("offers to start at login when it is off, and says it is on after", async () => {
    render(ReminderCheck);
    expect((await screen.findByTestId("check-start-at-login")).textContent).toContain(nl.reminderCheck.startOff);
    await fireEvent.click(screen.getByTestId("check-start-on"));
    expect(callsOf("set_start_at_login")).toEqual([{ enabled: true }]);
    await vi.waitFor(() =>
      expect(screen.getByTestId("check-start-at-login").textContent).toContain(nl.reminderCheck.startOn),
    );
    expect(screen.queryByTestId("check-start-on")).toBeNull();
  });

  it("says whether the app stays in the tray", async () => {
    current = { ...current, reminders_on: false, stays_in_tray: false };
    render(ReminderCheck);
    expect((await screen.findByTestId("check-tray")).textContent).toContain(nl.reminderCheck.trayNoReminders);
  });

  it("shows an answer the shell refused as an error, not a crash", async () => {
    current = { ...current, delivery: { ...quiet(), test_waiting: SENT_AT } };
    render(ReminderCheck);
    const yes = await screen.findByTestId("check-yes");
    current = { ...current, delivery: quiet() }; // answered elsewhere meanwhile
    await fireEvent.click(yes);
    expect((await screen.findByRole("alert")).textContent).toContain(nl.errors.no_test_waiting);
  });

  it("speaks English", async () => {
    i18n.set("en");
    render(ReminderCheck);
    expect(await screen.findByText(en.reminderCheck.title)).toBeTruthy();
    await fireEvent.click(screen.getByText(en.reminderCheck.back));
    expect(navigation.route).toEqual({ screen: "settings" });
  });
});
