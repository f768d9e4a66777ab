// The moments a parent may leave without a pause in typing: the window is hidden (minimised,
// another app, a locked screen) or closed. Whatever waits for a save must be saved then.

/** Calls `flush` whenever the window is hidden or about to close; returns the way to stop. */
export function flushWhenLeaving(flush: () => void): () => void {
  const onVisibility = (): void => {
    if (document.visibilityState === "hidden") flush();
  };
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("pagehide", flush);
  window.addEventListener("beforeunload", flush);
  return () => {
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("pagehide", flush);
    window.removeEventListener("beforeunload", flush);
  };
}
