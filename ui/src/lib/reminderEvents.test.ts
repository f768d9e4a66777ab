import { describe, expect, it, vi } from "vitest";

const listeners = new Map<string, (e: { payload: unknown }) => void>();
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, cb: (e: { payload: unknown }) => void) => {
    listeners.set(name, cb);
    return () => listeners.delete(name);
  }),
}));

import { followReminderClicks, REMINDER_OPENED_EVENT, routeFor } from "./reminderEvents";

describe("reminder clicks", () => {
  it("lead to the screen the reminder is about", () => {
    expect(routeFor({ screen: "reflection" })).toEqual({ screen: "reflection" });
    expect(routeFor({ screen: "home" })).toEqual({ screen: "home" });
    expect(routeFor({ screen: "contacts" })).toEqual({ screen: "contacts" });
    expect(routeFor({ screen: "reminder_check" })).toEqual({ screen: "reminder-check" });
  });

  it("navigate when the shell sends the event", async () => {
    const go = vi.fn();
    const stop = await followReminderClicks(go);
    listeners.get(REMINDER_OPENED_EVENT)?.({ payload: { screen: "reflection" } });
    expect(go).toHaveBeenCalledWith({ screen: "reflection" });
    stop();
    expect(listeners.size).toBe(0);
  });
});
