// The shell locks the app when the window was hidden to the tray or out of focus for five
// minutes (src-tauri/src/lock.rs) and sends `app-locked`: the app shows the lock screen at once.

import { listen } from "@tauri-apps/api/event";

export const APP_LOCKED_EVENT = "app-locked";

/** Calls `onlocked` each time the app locks, until the returned function is called. */
export async function followAppLock(onlocked: () => void): Promise<() => void> {
  try {
    return await listen(APP_LOCKED_EVENT, () => onlocked());
  } catch {
    // Outside Tauri (the UI in a plain browser) there is no shell to lock the app.
    return () => {};
  }
}
