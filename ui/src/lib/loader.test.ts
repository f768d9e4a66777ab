import { describe, expect, it, vi } from "vitest";
import { Loader } from "./loader.svelte";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("Loader", () => {
  it("holds the data once it has loaded, and tells onload", async () => {
    const onload = vi.fn();
    const loader = new Loader(async () => ["plan"], { onload });
    expect(loader.loaded).toBe(false);
    await loader.load();
    expect(loader.loaded).toBe(true);
    expect(loader.value).toEqual(["plan"]);
    expect(loader.error).toBeNull();
    expect(onload).toHaveBeenCalledWith(["plan"]);
  });

  it("turns a failure into an ApiError and keeps it while trying again", async () => {
    let attempt = deferred<string>();
    const loader = new Loader(() => attempt.promise);
    const first = loader.load();
    attempt.reject({ code: "storage_failed", message: "disk full" });
    await first;
    expect(loader.error).toEqual({ code: "storage_failed", message: "disk full" });

    attempt = deferred<string>();
    const retry = loader.load();
    // Still the error while the retry runs: the error screen stays, its button says "busy".
    expect(loader.error?.code).toBe("storage_failed");
    attempt.resolve("ok");
    await retry;
    expect(loader.error).toBeNull();
    expect(loader.value).toBe("ok");
  });

  it("shows what was asked for last when loads overlap", async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let call = 0;
    const loader = new Loader(() => answers[call++]!.promise);
    const march = loader.load();
    const april = loader.load();
    answers[1]!.resolve("april");
    await april;
    answers[0]!.reject({ code: "internal", message: "late" });
    await march;
    expect(loader.value).toBe("april");
    expect(loader.error).toBeNull();
  });
});
