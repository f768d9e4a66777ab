// Where the first start's time goes on the page's side. `make bench` (bench/startup.py)
// prints these next to the shell's own marks; nothing else reads them.

import { tick } from "svelte";
import { commandsInFlight, whenIdle } from "./api";
import type { Language } from "./bindings";
import type { I18n } from "./i18n/index.svelte";

const marks: Array<[string, number]> = [];

/** A step of the start-up is done, at `performance.now()`; only the first of each name counts. */
export function mark(name: string): void {
  if (!marks.some(([n]) => n === name)) marks.push([name, performance.now()]);
}

/**
 * Waits until the first screen has what it shows: every command its components asked for has
 * answered, also those that components shown by an answer asked for in turn, and the fonts its
 * text is drawn in have loaded.
 */
export async function firstScreenSettled(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    // Components shown by the last change mount now and start their loads.
    await tick();
    if (commandsInFlight() === 0) break;
    await whenIdle();
  }
  // Not in every test DOM.
  await document.fonts?.ready;
}

/**
 * Resolves once the page has drawn what it holds now: the frame after this one has been laid
 * out and painted (a task queued from the frame's callback runs after its rendering). The
 * bare window in bench/bare-window waits the same way, so both are measured to a drawn screen.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * The page's moments, in the order they happened: the browser's own (the HTML received, the
 * document parsed) and the app's, ending with the moment this is called.
 */
export function startupMarks(): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const nav = performance.getEntriesByType?.("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (nav) {
    out.push(["html_received", nav.responseEnd], ["dom_interactive", nav.domInteractive]);
  }
  out.push(...marks);
  out.sort((a, b) => a[1] - b[1]);
  // On the wall clock, so the shell can place the page's moments exactly (src-tauri/src/ready.rs).
  out.push(["time_origin", performance.timeOrigin]);
  out.push(["ui_ready", performance.now()]);
  return out;
}

/**
 * Starts the first screen (`start`) in the words it is drawn in: at once when they are loaded
 * (Dutch always is: it is in the first screen's code), else once they are, so an English
 * parent's first frame is English rather than Dutch for a moment. Should loading fail, it
 * starts anyway (in Dutch).
 */
export function startInLanguage(language: Language | undefined, words: I18n, start: () => void): void {
  if (language && !words.dictionary(language)) {
    void words
      .load(language)
      .catch(() => {})
      .then(start);
  } else {
    start();
  }
}
