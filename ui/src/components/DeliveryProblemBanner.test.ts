import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import DeliveryProblemBanner from "./DeliveryProblemBanner.svelte";
import { mockCommands } from "../test/fixtures";
import { formatDateTime, i18n } from "../lib/i18n/index.svelte";
import { en } from "../lib/i18n/en";
import { nl } from "../lib/i18n/nl";
import { navigation } from "../lib/navigation.svelte";
import type { DeliveryProblem, ReminderCheckView } from "../lib/bindings";

const SINCE = "2026-12-01T19:00:00Z";

function view(problem: DeliveryProblem | null): ReminderCheckView {
  return {
    delivery: { last_shown: null, last_reminder: null, problem, test_waiting: null, confirmed_at: null },
    start_at_login: true,
    tray: true,
    reminders_on: true,
    stays_in_tray: true,
  };
}

describe("DeliveryProblemBanner", () => {
  beforeEach(() => {
    i18n.set("nl");
    navigation.go({ screen: "home" });
  });

  it("says nothing while notifications arrive", async () => {
    mockCommands({ reminder_check: () => view(null) });
    render(DeliveryProblemBanner);
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByTestId("delivery-problem")).toBeNull();
  });

  it("says nothing when it cannot look", async () => {
    mockCommands({ reminder_check: () => { throw { code: "storage_failed", message: "x" }; } });
    render(DeliveryProblemBanner);
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByTestId("delivery-problem")).toBeNull();
  });

  it("says since when reminders could not be delivered and leads to the check", async () => {
    mockCommands({
      reminder_check: () => view({ kind: "not_delivered", cause: "no_service", since: SINCE, last_at: SINCE, count: 3 }),
    });
    render(DeliveryProblemBanner);
    const banner = await screen.findByTestId("delivery-problem");
    expect(banner.dataset.kind).toBe("not_delivered");
    expect(banner.textContent).toContain(nl.deliveryBanner.notDeliveredTitle);
    expect(banner.textContent).toContain(nl.deliveryBanner.notDeliveredText(formatDateTime(SINCE)));
    expect(banner.textContent).toContain(nl.deliveryBanner.todo);
    await fireEvent.click(screen.getByTestId("delivery-problem-check"));
    expect(navigation.route).toEqual({ screen: "reminder-check" });
  });

  it("remembers a test the parent did not see, in English too", async () => {
    i18n.set("en");
    mockCommands({ reminder_check: () => view({ kind: "not_seen", at: SINCE }) });
    render(DeliveryProblemBanner);
    const banner = await screen.findByTestId("delivery-problem");
    expect(banner.dataset.kind).toBe("not_seen");
    expect(banner.textContent).toContain(en.deliveryBanner.notSeenText(formatDateTime(SINCE, "en")));
    expect(screen.getByRole("button").textContent).toContain(en.deliveryBanner.link);
  });
});
