import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosave, combineStates, type SaveState } from "./autosave";

function setup(save = vi.fn(async (_v: string) => {})) {
  const states: SaveState[] = [];
  const saver = new Autosave<string>({ save, onState: (s) => states.push(s) });
  return { save, saver, states };
}

describe("Autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, 700 ms after the last keystroke, with the newest value", async () => {
    const { save, saver } = setup();
    saver.change("H");
    await vi.advanceTimersByTimeAsync(400);
    saver.change("Ha");
    await vi.advanceTimersByTimeAsync(400);
    saver.change("Hal");
    await vi.advanceTimersByTimeAsync(699);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith("Hal");
    expect(saver.state).toBe("saved");
  });

  it("never waits more than 2 s after the first unsaved change while typing goes on", async () => {
    const { save, saver } = setup();
    let text = "";
    for (let ms = 0; ms < 1900; ms += 300) {
      text += "a";
      saver.change(text);
      await vi.advanceTimersByTimeAsync(300);
    }
    // 7 keystrokes, 300 ms apart: the debounce never fired, the max wait did at 2000 ms.
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenLastCalledWith("aaaaaaa");
    saver.change(text + "b");
    await vi.advanceTimersByTimeAsync(700);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith("aaaaaaab");
  });

  it("flushes at once on blur or leaving, and then has nothing left to save", async () => {
    const { save, saver } = setup();
    saver.change("klaar");
    expect(saver.dirty).toBe(true);
    await expect(saver.flush()).resolves.toBe(true);
    expect(save).toHaveBeenCalledWith("klaar");
    expect(saver.dirty).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("goes saving → saved and reports it", async () => {
    const { saver, states } = setup();
    saver.change("x");
    expect(saver.state).toBe("saving");
    await vi.advanceTimersByTimeAsync(700);
    expect(states).toEqual(["saving", "saved"]);
  });

  it("keeps the value after a failure and retries it on its own", async () => {
    const save = vi
      .fn(async (_v: string) => {})
      .mockRejectedValueOnce({ code: "storage_failed", message: "disk full" });
    const { saver } = setup(save);
    saver.change("belangrijk");
    await vi.advanceTimersByTimeAsync(700);
    expect(saver.state).toBe("error");
    expect(saver.error).toEqual({ code: "storage_failed", message: "disk full" });
    expect(saver.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith("belangrijk");
    expect(saver.state).toBe("saved");
  });

  it("backs off between automatic retries", async () => {
    const save = vi.fn(async (_v: string) => {
      throw new Error("no");
    });
    const { saver } = setup(save);
    saver.change("a");
    await vi.advanceTimersByTimeAsync(700);
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(4999);
    expect(save).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(3);
  });

  it("a flush after a failure retries now and reports the outcome", async () => {
    const save = vi.fn(async (_v: string) => {}).mockRejectedValueOnce(new Error("locked"));
    const { saver } = setup(save);
    saver.change("tekst");
    await expect(saver.flush()).resolves.toBe(false);
    await expect(saver.flush()).resolves.toBe(true);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith("tekst");
  });

  it("does not drop newer typing when an older save fails", async () => {
    let reject: (e: unknown) => void = () => {};
    const save = vi
      .fn(async (_v: string) => {})
      .mockImplementationOnce(() => new Promise((_, r) => (reject = r)));
    const { saver } = setup(save);
    saver.change("oud");
    void saver.flush();
    saver.change("nieuw");
    reject(new Error("fail"));
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state).toBe("error");
    await saver.flush();
    expect(save).toHaveBeenLastCalledWith("nieuw");
    expect(saver.state).toBe("saved");
  });

  it("saves changes made while a save was running, one save at a time", async () => {
    let resolve: () => void = () => {};
    const save = vi
      .fn(async (_v: string) => {})
      .mockImplementationOnce(() => new Promise<void>((r) => (resolve = r)));
    const { saver } = setup(save);
    saver.change("een");
    const first = saver.flush();
    saver.change("een twee");
    const second = saver.flush();
    expect(save).toHaveBeenCalledTimes(1);
    resolve();
    await first;
    await second;
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith("een twee");
    expect(saver.state).toBe("saved");
  });

  it("after dispose it saves what is left once and stops retrying", async () => {
    const save = vi.fn(async (_v: string) => {
      throw new Error("fail");
    });
    const { saver } = setup(save);
    saver.change("laatste");
    await saver.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).toHaveBeenCalledTimes(1);
  });
});

describe("combineStates", () => {
  it("shows an error first, then saving, then saved", () => {
    expect(combineStates([])).toBe("idle");
    expect(combineStates(["saved", "idle"])).toBe("saved");
    expect(combineStates(["saved", "saving"])).toBe("saving");
    expect(combineStates(["saving", "error", "saved"])).toBe("error");
  });
});
