// Where the parent is in the app once onboarded. Plain state, no URLs: the window has one page.

import type { YearMonth } from "./bindings";

/** Where the module reader opens; without it, it picks the first thing still to do. */
export type ReaderStart =
  | { step: "page"; page: number } // index into ModuleView.pages (the visible pages)
  | { step: "do_task" }
  | { step: "home_assignment" };

export type Route =
  | { screen: "home" }
  | { screen: "programme" }
  | { screen: "module"; moduleId: string; start?: ReaderStart }
  | { screen: "reflection" }
  | { screen: "reflection-history"; month?: YearMonth; date?: string }
  /** With `section: "backup"`, the settings open at "Keep a copy". */
  | { screen: "settings"; section?: "backup" }
  /** "Check my reminders": a test notification and what to do when reminders do not come. */
  | { screen: "reminder-check" }
  /** "My plans"; with `plan`, that plan opened (PlanView.id). */
  | { screen: "plans"; plan?: string }
  /** Pairing with the prevention worker and the three contact points. */
  | { screen: "contacts" }
  /** The check-in of one contact point (ContactPointView.number, 1-3). */
  | { screen: "checkin"; number: number };

class Navigation {
  route = $state<Route>({ screen: "home" });

  go(route: Route): void {
    this.route = route;
  }
}

export const navigation = new Navigation();
