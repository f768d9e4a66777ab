// The background courier tells the window when a check-in was delivered, a reply came in or
// a contact point changed state; the screens that show them load again.

import { onMount } from "svelte";
import { listen } from "@tauri-apps/api/event";

export const CONTACTS_CHANGED_EVENT = "contacts-changed";

/** Calls `onchange` on every change until the returned function is called. Outside Tauri, does nothing. */
export async function followContactsChanges(onchange: () => void): Promise<() => void> {
  try {
    return await listen(CONTACTS_CHANGED_EVENT, () => onchange());
  } catch {
    return () => {};
  }
}

/** For a component (call it while it starts): `onchange` runs on every change while it is shown. */
export function onContactsChanged(onchange: () => void): void {
  onMount(() => {
    let stop: (() => void) | null = null;
    let gone = false;
    void followContactsChanges(onchange).then((unlisten) => {
      if (gone) unlisten();
      else stop = unlisten;
    });
    return () => {
      gone = true;
      stop?.();
    };
  });
}
