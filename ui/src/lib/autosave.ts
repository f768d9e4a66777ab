// Saves what a parent types without a save button: shortly after they pause, and at the latest
// a little after the first unsaved change, so a long stretch of typing is never only in memory.
// A failed save keeps the value and tries again; nothing typed is thrown away.

export type SaveState = "idle" | "saving" | "saved" | "error";

export type AutosaveOptions<T> = {
  save: (value: T) => Promise<unknown>;
  onState?: (state: SaveState, error: unknown) => void;
  /** Save this long after the last change. */
  debounceMs?: number;
  /** Never wait longer than this after the first unsaved change. */
  maxWaitMs?: number;
  /** Waits before automatic retries after a failure; the last one repeats. */
  retryDelaysMs?: readonly number[];
};

export const DEBOUNCE_MS = 700;
export const MAX_WAIT_MS = 2000;
export const RETRY_DELAYS_MS = [2000, 5000, 10000, 30000] as const;

type Timer = ReturnType<typeof setTimeout>;

export class Autosave<T> {
  #save: (value: T) => Promise<unknown>;
  #onState: (state: SaveState, error: unknown) => void;
  #debounceMs: number;
  #maxWaitMs: number;
  #retryDelaysMs: readonly number[];

  /** The newest value that is not saved yet, boxed so `undefined` can be a value. */
  #pending: { value: T } | null = null;
  #debounce: Timer | null = null;
  #maxWait: Timer | null = null;
  #retry: Timer | null = null;
  #inFlight: Promise<void> | null = null;
  #failures = 0;
  #disposed = false;

  state: SaveState = "idle";
  error: unknown = null;

  constructor(options: AutosaveOptions<T>) {
    this.#save = options.save;
    this.#onState = options.onState ?? (() => {});
    this.#debounceMs = options.debounceMs ?? DEBOUNCE_MS;
    this.#maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS;
    this.#retryDelaysMs = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  }

  /** True while a value is waiting to be saved or being saved. */
  get dirty(): boolean {
    return this.#pending !== null || this.#inFlight !== null;
  }

  /** Records a new value and schedules its save. */
  change(value: T): void {
    this.#pending = { value };
    this.#clear("retry");
    if (this.#maxWait === null) {
      this.#maxWait = setTimeout(() => void this.flush(), this.#maxWaitMs);
    }
    this.#clear("debounce");
    this.#debounce = setTimeout(() => void this.flush(), this.#debounceMs);
    if (this.state !== "saving") this.#setState("saving", null);
  }

  /**
   * Saves the pending value now (on blur, leaving the screen, hiding the window, before
   * "I'm done"). Resolves true when everything is saved, false when the last attempt failed.
   */
  async flush(): Promise<boolean> {
    this.#clear("debounce");
    this.#clear("maxWait");
    this.#clear("retry");
    if (this.#inFlight) {
      await this.#inFlight;
      // A save that was already running failed: its retry is scheduled; do not hammer.
      if (this.state === "error") return false;
      return this.flush();
    }
    const pending = this.#pending;
    if (pending === null) return this.state !== "error";
    this.#pending = null;
    if (this.state !== "saving") this.#setState("saving", null);

    let ok = false;
    this.#inFlight = (async () => {
      try {
        await this.#save(pending.value);
        ok = true;
        this.#failures = 0;
        if (this.#pending === null) this.#setState("saved", null);
      } catch (error) {
        // Keep what failed, unless the parent has typed something newer meanwhile.
        if (this.#pending === null) this.#pending = pending;
        this.#failures += 1;
        this.#setState("error", error);
        this.#scheduleRetry();
      } finally {
        this.#inFlight = null;
      }
    })();
    await this.#inFlight;
    if (ok && this.#pending !== null && this.#debounce === null && this.#maxWait === null) {
      return this.flush();
    }
    return ok && this.#pending === null;
  }

  /** The screen is going away: save what is left once, then stop retrying. */
  dispose(): Promise<boolean> {
    const done = this.flush();
    this.#disposed = true;
    return done;
  }

  #scheduleRetry(): void {
    if (this.#disposed) return;
    const delays = this.#retryDelaysMs;
    const delay = delays[Math.min(this.#failures - 1, delays.length - 1)] ?? MAX_WAIT_MS;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.flush();
    }, delay);
  }

  #setState(state: SaveState, error: unknown): void {
    this.state = state;
    this.error = error;
    this.#onState(state, error);
  }

  #clear(which: "debounce" | "maxWait" | "retry"): void {
    if (which === "debounce" && this.#debounce !== null) {
      clearTimeout(this.#debounce);
      this.#debounce = null;
    } else if (which === "maxWait" && this.#maxWait !== null) {
      clearTimeout(this.#maxWait);
      this.#maxWait = null;
    } else if (which === "retry" && this.#retry !== null) {
      clearTimeout(this.#retry);
      this.#retry = null;
    }
  }
}

/** The form's overall state from the states of its fields: any error wins, then any saving. */
export function combineStates(states: Iterable<SaveState>): SaveState {
  let result: SaveState = "idle";
  for (const s of states) {
    if (s === "error") return "error";
    if (s === "saving") result = "saving";
    else if (s === "saved" && result === "idle") result = "saved";
  }
  return result;
}
