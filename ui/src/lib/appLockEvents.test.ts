import { describe, expect, it, vi } from "vitest";

const listeners = new Map<string, (e: { payload: unknown }) => void>();
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, cb: (e: { payload: unknown }) => void) => {
    listeners.set(name, cb);
    return () => listeners.delete(name);
  }),
}));

import { APP_LOCKED_EVENT, followAppLock } from "./appLockEvents";

describe("the app-locked event", () => {
  it("tells the app each time the shell locks it, until stopped", async () => {
    const onlocked = vi.fn();
    const stop = await followAppLock(onlocked);
    expect(APP_LOCKED_EVENT).toBe("app-locked");
    listeners.get(APP_LOCKED_EVENT)?.({ payload: null });
    listeners.get(APP_LOCKED_EVENT)?.({ payload: null });
    expect(onlocked).toHaveBeenCalledTimes(2);
    stop();
    expect(listeners.size).toBe(0);
  });
});
