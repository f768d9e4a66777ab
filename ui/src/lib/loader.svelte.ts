// What a screen gets from the app before it can show anything: the data, or why it failed.
// <Loaded> shows the three states the same way on every screen.

import { toApiError, type ApiError } from "./api";

export type LoaderOptions<T> = {
  /** Runs each time a load succeeds, after `value` is set (first load and every retry). */
  onload?: (value: T) => void;
};

export class Loader<T> {
  /** The newest data; a screen may put in a newer one that an action handed back. */
  value: T | undefined = $state();
  /** True once a load has succeeded. */
  loaded = $state(false);
  /** Why the last load failed. Kept while trying again, so the error does not flicker away. */
  error: ApiError | null = $state(null);

  #fetch: () => Promise<T>;
  #onload: (value: T) => void;
  #latest = 0;

  constructor(fetch: () => Promise<T>, options: LoaderOptions<T> = {}) {
    this.#fetch = fetch;
    this.#onload = options.onload ?? (() => {});
  }

  /** Loads (again). When loads overlap, the last one asked for wins. */
  load = async (): Promise<void> => {
    const call = ++this.#latest;
    try {
      const value = await this.#fetch();
      if (call !== this.#latest) return;
      this.value = value;
      this.loaded = true;
      this.error = null;
      this.#onload(value);
    } catch (e) {
      if (call === this.#latest) this.error = toApiError(e);
    }
  };
}

/**
 * A Loader that starts loading as the component that calls this is created, before it is
 * drawn: the command runs in the app while the page draws the screen's frame, instead of
 * after it (a round trip less on every screen, and on the first screen at start-up).
 */
export function loadOnCreate<T>(fetch: () => Promise<T>, options?: LoaderOptions<T>): Loader<T> {
  const loader = new Loader(fetch, options);
  void loader.load();
  return loader;
}
