// A clicked reminder notification brings the window forward and sends the screen it leads to.

import { listen } from "@tauri-apps/api/event";
import type { ReminderOpened } from "./bindings";
import type { Route } from "./navigation.svelte";

export const REMINDER_OPENED_EVENT = "reminder-opened";

export function routeFor(event: ReminderOpened): Route {
  switch (event.screen) {
    case "reflection":
      return { screen: "reflection" };
    case "contacts":
      return { screen: "contacts" };
    case "reminder_check":
      return { screen: "reminder-check" };
    default:
      return { screen: "home" };
  }
}

/** Follows reminder clicks until the returned function is called. Outside Tauri, does nothing. */
export async function followReminderClicks(go: (route: Route) => void): Promise<() => void> {
  try {
    return await listen<ReminderOpened>(REMINDER_OPENED_EVENT, (e) => go(routeFor(e.payload)));
  } catch {
    return () => {};
  }
}
